//! The outsider's side of a request link: opening it, the visit (signed like a share link's),
//! the password, the room an upload holds within the limits, the file it becomes, the files of
//! a visit and their removal. An outsider only ever reaches the files of their own visit.

use super::{
    notice, sniffed_type, type_allowed, ReceivedFile, Request, RequestLink, Reservation,
    SNIFF_BYTES,
};
use crate::accounts::{normalize_email, User, UserStatus};
use crate::assets::{self, Asset, Collection};
use crate::auth;
use crate::blobs::Received;
use crate::error::{Error, GoneReason, Result};
use crate::notify::one_line;
use crate::shares::access::Visit;
use crate::shares::links::VISIT_HOURS;
use crate::state::AppState;
use crate::store::{Index, WriteTx};
use crate::uploads::protocol::Concat;
use crate::uploads::Upload;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::IpAddr;
use uuid::Uuid;

/// What an outsider's upload records of where it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FromOutside {
    pub request_id: Uuid,
    pub visit: String,
    pub recipient_id: Option<Uuid>,
    pub uploader_name: Option<String>,
    pub uploader_email: Option<String>,
}

/// Who is asking, for the record.
#[derive(Debug, Clone)]
pub struct Caller {
    pub address: IpAddr,
    pub user_agent: String,
}

/// An outsider on an open request link, on their visit.
#[derive(Clone)]
pub struct Outsider {
    pub request: Request,
    pub recipient_id: Option<Uuid>,
    pub creator: User,
    pub token: String,
    pub visit: Visit,
    /// The visit as signed, for the cookie.
    pub signed: String,
    /// This request began the visit: its answer sets the cookie.
    pub started: bool,
    pub caller: Caller,
}

/// Names and emails outsiders give are kept to one line of this many characters.
const MAX_UPLOADER_TEXT: usize = 200;

fn given(metadata: &BTreeMap<String, String>, key: &str) -> Option<String> {
    metadata
        .get(key)
        .map(|v| {
            one_line(v)
                .chars()
                .take(MAX_UPLOADER_TEXT)
                .collect::<String>()
        })
        .filter(|v| !v.is_empty())
}

impl Outsider {
    /// The link the outsider came through.
    fn link(&self) -> RequestLink {
        RequestLink {
            request_id: self.request.id,
            recipient_id: self.recipient_id,
        }
    }

    /// Whether an upload came from this visit of this request.
    pub fn sent(&self, outside: &FromOutside) -> bool {
        outside.request_id == self.request.id && outside.visit == self.visit.id
    }

    /// Refuses, before any byte, what this link never takes: concatenated parts, a file whose
    /// name and claimed type are not allowed, an email that is not one.
    pub fn check_new(&self, metadata: &BTreeMap<String, String>, concat: &Concat) -> Result<()> {
        if *concat != Concat::None {
            return Err(Error::forbidden(
                "request links take whole files, not concatenated parts",
            ));
        }
        if let Some(email) = given(metadata, "uploaderEmail") {
            normalize_email(&email)?;
        }
        let name = assets::clean_file_name(metadata.get("filename").map_or("", String::as_str));
        let claimed = assets::mime_for(&name, metadata.get("filetype").map(String::as_str));
        self.check_type(&claimed, &name)
    }

    /// Refuses a file whose content (its first bytes) is not of an allowed type.
    pub fn check_content(&self, head: &[u8], name: &str) -> Result<()> {
        self.check_type(&sniffed_type(head), &assets::clean_file_name(name))
    }

    fn check_type(&self, mime: &str, name: &str) -> Result<()> {
        match type_allowed(&self.request.allowed_types, mime, name) {
            true => Ok(()),
            false => Err(Error::UnsupportedType(format!(
                "this request takes only {} ({name} is {mime})",
                self.request.allowed_types.join(", ")
            ))),
        }
    }

    pub fn from_outside(&self, metadata: &BTreeMap<String, String>) -> FromOutside {
        FromOutside {
            request_id: self.request.id,
            visit: self.visit.id.clone(),
            recipient_id: self.recipient_id,
            uploader_name: given(metadata, "uploaderName"),
            uploader_email: given(metadata, "uploaderEmail").and_then(|e| normalize_email(&e).ok()),
        }
    }

    fn event(&self, kind: &str) -> RequestEvent {
        RequestEvent {
            kind: kind.into(),
            at: Utc::now(),
            asset_id: None,
            name: None,
            bytes: None,
            recipient_id: self.recipient_id,
            client_address: self.caller.address.to_string(),
            user_agent: self.caller.user_agent.clone(),
        }
    }
}

/// Something that happened on a request link, for its owner.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestEvent {
    /// `upload`, `deleted` or `unlock_failed`
    #[serde(rename = "type")]
    pub kind: String,
    pub at: DateTime<Utc>,
    pub asset_id: Option<Uuid>,
    pub name: Option<String>,
    pub bytes: Option<u64>,
    pub recipient_id: Option<Uuid>,
    pub client_address: String,
    pub user_agent: String,
}

/// The request a token opens, which of its links, and its creator.
async fn open(state: &AppState, token: &str) -> Result<(Request, Option<Uuid>, Option<User>)> {
    let token = token.to_string();
    state
        .store
        .read(move |tx| {
            let link: RequestLink = tx
                .lookup(Index::RequestLinks, &token)?
                .ok_or(Error::NotFound("request link"))?;
            let request = tx
                .get::<Request>(link.request_id)?
                .ok_or(Error::NotFound("request link"))?;
            let creator = tx
                .get::<User>(request.owner_id)?
                .filter(|u| u.status == UserStatus::Active);
            Ok((request, link.recipient_id, creator))
        })
        .await
}

/// The creator, while the link of `recipient` takes files at `now`; else 410 with the reason.
fn still_open(
    request: &Request,
    recipient: Option<Uuid>,
    creator: Option<User>,
    now: DateTime<Utc>,
) -> Result<User> {
    let link = recipient.and_then(|id| request.recipient(id));
    match request.gone_reason(link, creator.is_some(), now) {
        Some(reason) => Err(Error::Gone(reason)),
        None => creator.ok_or(Error::Gone(GoneReason::CreatorDeleted)),
    }
}

/// The answer on a protected link without an unlocked visit.
pub fn password_needed(token: &str) -> Error {
    Error::Unauthenticated(format!(
        "this link needs its password: POST it to /u/{token}/unlock"
    ))
}

/// Opens a request link for a request with the visit it carries (or a new one): 404 for an
/// unknown token, 410 when it takes no files any more, 401 when its password is still needed.
pub async fn enter(
    state: &AppState,
    token: &str,
    signed: Option<&str>,
    caller: Caller,
) -> Result<Outsider> {
    let (request, recipient_id, creator) = open(state, token).await?;
    let now = Utc::now();
    let creator = still_open(&request, recipient_id, creator, now)?;
    let carried = signed.and_then(|s| Some((state.links.verify_visit(s, token)?, s)));
    let carried = carried.filter(|(visit, _)| {
        visit.expires_at > now
            && (request.password_hash.is_none()
                || visit.unlocked == Some(request.password_generation))
    });
    let (visit, signed, started) = match carried {
        Some((visit, signed)) => (visit, signed.to_string(), false),
        None if request.password_hash.is_some() => return Err(password_needed(token)),
        None => {
            let visit = new_visit(token, None, now);
            (visit.clone(), state.links.sign_visit(&visit), true)
        }
    };
    Ok(Outsider {
        request,
        recipient_id,
        creator,
        token: token.to_string(),
        visit,
        signed,
        started,
        caller,
    })
}

fn new_visit(token: &str, unlocked: Option<u32>, now: DateTime<Utc>) -> Visit {
    Visit {
        link_token: token.to_string(),
        id: Uuid::new_v4().simple().to_string()[..12].to_string(),
        expires_at: now + Duration::hours(VISIT_HOURS),
        unlocked,
    }
}

/// Checks a request's password; the right one starts an unlocked visit (its signed value is
/// answered). Wrong tries are limited per link and address as on share links (429).
pub async fn unlock(
    state: &AppState,
    token: &str,
    password: &str,
    caller: Caller,
) -> Result<String> {
    let limiter_key = format!("u|{token}|{}", caller.address);
    state.unlocks.check(&limiter_key).await?;
    let (request, recipient_id, creator) = open(state, token).await?;
    let now = Utc::now();
    still_open(&request, recipient_id, creator, now)?;
    let Some(hash) = request.password_hash.clone() else {
        return Ok(state.links.sign_visit(&new_visit(token, None, now)));
    };
    if !auth::verify_password(password.to_string(), hash).await? {
        state.unlocks.record_failure(&limiter_key).await?;
        let event = RequestEvent {
            kind: "unlock_failed".into(),
            at: now,
            asset_id: None,
            name: None,
            bytes: None,
            recipient_id,
            client_address: caller.address.to_string(),
            user_agent: caller.user_agent,
        };
        let id = request.id;
        state
            .store
            .write(move |tx| tx.append_events(id, &[event]))
            .await?;
        return Err(Error::Unauthenticated("wrong password".into()));
    }
    let visit = new_visit(token, Some(request.password_generation), now);
    Ok(state.links.sign_visit(&visit))
}

/// Saves a new outsider's upload and the room it holds, in one write transaction that checks
/// the request's limits with every other upload's room counted: racing uploads never pass them.
pub async fn reserve(state: &AppState, outsider: &Outsider, upload: &Upload) -> Result<()> {
    let room = Reservation {
        upload_id: upload.id,
        bytes: upload.length,
    };
    let (link, upload) = (outsider.link(), upload.clone());
    state
        .store
        .write(move |tx| {
            hold(tx, link, room)?;
            tx.put(&upload)
        })
        .await
}

/// Takes `room` in the request of `link`, if the link is open and the room fits the limits.
fn hold(tx: &WriteTx, link: RequestLink, room: Reservation) -> Result<()> {
    let mut request = tx
        .get::<Request>(link.request_id)?
        .ok_or(Error::NotFound("request link"))?;
    let recipient = link.recipient_id.and_then(|r| request.recipient(r));
    if let Some(reason) = request.gone_reason(recipient, true, Utc::now()) {
        return Err(Error::Gone(reason));
    }
    request.check_room(room.bytes)?;
    request.reserved.push(room);
    tx.put(&request)
}

/// Gives back room taken for a file that was not kept.
async fn let_go(state: &AppState, request_id: Uuid, room: Uuid) -> Result<()> {
    state
        .store
        .write(move |tx| {
            let Some(mut request) = tx.get::<Request>(request_id)? else {
                return Ok(());
            };
            request.reserved.retain(|r| r.upload_id != room);
            tx.put(&request)
        })
        .await
}

/// A file sent in one request (multipart), received into a temporary file but not kept yet:
/// its type is checked on its name and content, its room taken exactly as a tus upload's,
/// and only then does it become an asset. Refused, it leaves nothing.
pub async fn receive_whole(
    state: &AppState,
    outsider: &Outsider,
    name: &str,
    declared: Option<&str>,
    received: Received,
    said: &BTreeMap<String, String>,
) -> Result<Asset> {
    let mut metadata = said.clone();
    metadata.insert("filename".into(), name.to_string());
    if let Some(declared) = declared {
        metadata.insert("filetype".into(), declared.to_string());
    }
    outsider.check_new(&metadata, &Concat::None)?;
    outsider.check_content(&received.head(SNIFF_BYTES).await?, name)?;
    let room = Reservation {
        upload_id: Uuid::now_v7(),
        bytes: received.fingerprint.size,
    };
    let (link, room_id) = (outsider.link(), room.upload_id);
    state.store.write(move |tx| hold(tx, link, room)).await?;
    let created = assets::create(
        &state.store,
        &state.blobs,
        &outsider.creator,
        None,
        name,
        declared,
        received,
        &state.workers,
    )
    .await;
    let asset = match created {
        Ok(asset) => asset,
        Err(e) => {
            let_go(state, link.request_id, room_id).await?;
            return Err(e);
        }
    };
    received_file(
        state,
        outsider,
        Some(outsider.from_outside(&metadata)),
        room_id,
        &asset,
    )
    .await?;
    Ok(asset)
}

/// Gives back the room of an outsider's upload that ends unfinished, inside the transaction
/// that removes it.
pub fn release(tx: &WriteTx, upload: &Upload) -> Result<()> {
    let (Some(outside), None) = (&upload.outside, upload.asset_id) else {
        return Ok(());
    };
    let Some(mut request) = tx.get::<Request>(outside.request_id)? else {
        return Ok(());
    };
    let before = request.reserved.len();
    request.reserved.retain(|r| r.upload_id != upload.id);
    match request.reserved.len() == before {
        true => Ok(()),
        false => tx.put(&request),
    }
}

/// Records a whole file from outside: its room becomes the file, the asset gets the
/// `uploadedBy*` attributes and joins the request's collection, the event is logged and the
/// creator told. A request deleted meanwhile leaves the asset to its creator as it is.
pub async fn received(
    state: &AppState,
    outsider: &Outsider,
    upload: &Upload,
    asset: &Asset,
) -> Result<()> {
    received_file(state, outsider, upload.outside.clone(), upload.id, asset).await
}

/// The same for a file that held the room `room_id`.
async fn received_file(
    state: &AppState,
    outsider: &Outsider,
    outside: Option<FromOutside>,
    room_id: Uuid,
    asset: &Asset,
) -> Result<()> {
    let outside = outside.unwrap_or_else(|| outsider.from_outside(&BTreeMap::new()));
    let mut event = outsider.event("upload");
    event.asset_id = Some(asset.id);
    event.name = Some(asset.name.clone());
    event.bytes = Some(asset.size);
    let file = ReceivedFile {
        asset_id: asset.id,
        name: asset.name.clone(),
        size: asset.size,
        mime_type: asset.mime_type.clone(),
        visit: outside.visit.clone(),
        recipient_id: outside.recipient_id,
        uploader_name: outside.uploader_name.clone(),
        uploader_email: outside.uploader_email.clone(),
        received_at: event.at,
    };
    let base = state.config.public_url();
    let batch = crate::notify::batch::window(&state.config);
    state
        .store
        .write(move |tx| {
            let Some(mut request) = tx.get::<Request>(outside.request_id)? else {
                return Ok(());
            };
            request.reserved.retain(|r| r.upload_id != room_id);
            mark_asset(tx, &request, &file)?;
            request.files.push(file.clone());
            tx.append_events(request.id, &[event])?;
            notice::file_received(tx, &base, &mut request, &file, batch)?;
            tx.put(&request)
        })
        .await?;
    state.outbox.wake();
    Ok(())
}

/// The attributes that say where a file came from, and its place in the request's collection.
fn mark_asset(tx: &WriteTx, request: &Request, file: &ReceivedFile) -> Result<()> {
    if let Some(mut asset) = tx.get::<Asset>(file.asset_id)? {
        let attributes = &mut asset.attributes;
        attributes.insert("request".into(), request.id.to_string());
        if let Some(name) = &file.uploader_name {
            attributes.insert("uploadedBy".into(), name.clone());
        }
        if let Some(email) = &file.uploader_email {
            attributes.insert("uploadedByEmail".into(), email.clone());
        }
        tx.put(&asset)?;
    }
    if let Some(mut collection) = tx.get::<Collection>(request.collection_id)? {
        if !collection.asset_ids.contains(&file.asset_id) {
            collection.asset_ids.push(file.asset_id);
            tx.put(&collection)?;
        }
    }
    Ok(())
}

/// The files this visit sent, oldest first.
pub fn files_of_visit(outsider: &Outsider) -> Vec<ReceivedFile> {
    let visit = &outsider.visit.id;
    let files = outsider.request.files.iter();
    files.filter(|f| &f.visit == visit).cloned().collect()
}

/// Removes a file this visit sent, while the link is open; its room is free again.
pub async fn delete_file(state: &AppState, outsider: &Outsider, asset_id: Uuid) -> Result<()> {
    let (id, visit) = (outsider.request.id, outsider.visit.id.clone());
    let mut event = outsider.event("deleted");
    event.asset_id = Some(asset_id);
    state
        .store
        .write(move |tx| {
            let mut request = tx
                .get::<Request>(id)?
                .ok_or(Error::NotFound("request link"))?;
            let index = request
                .files
                .iter()
                .position(|f| f.asset_id == asset_id && f.visit == visit)
                .ok_or(Error::NotFound("file of this visit"))?;
            let file = request.files.remove(index);
            request.notice.waiting.retain(|a| *a != asset_id);
            event.name = Some(file.name);
            event.bytes = Some(file.size);
            tx.append_events(id, &[event])?;
            tx.put(&request)
        })
        .await?;
    match assets::delete(&state.store, &state.blobs, &outsider.creator, asset_id).await {
        Err(Error::NotFound(_)) => Ok(()),
        other => other,
    }
}
