//! Requests for their owners: create, list, read, change, delete, and the events. The same
//! rules as shares where the two meet: `shares:write`, the expiry cap, password rules, and
//! the sharing policy as it was when the request was made. Each change is one write transaction.

use super::intake::RequestEvent;
use super::notice::Invitation;
use super::{check_allowed_types, Request, RequestLink};
use crate::accounts::{normalize_email, Permission, User, UserStatus};
use crate::assets::{check_collection_name, Collection};
use crate::auth;
use crate::error::{Error, Result};
use crate::notify;
use crate::shares::link_password;
use crate::shares::options::{self, set_if_given, ExpiryAsk, ExpiryRules};
use crate::shares::{Recipient, RecipientStatus};
use crate::state::AppState;
use crate::store::{Index, Page, WriteTx};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// At most this many recipients are asked at once.
const MAX_RECIPIENTS: usize = 100;

#[derive(Debug, Default)]
pub struct NewRequest {
    pub title: String,
    pub description: Option<String>,
    pub collection_id: Option<Uuid>,
    pub expiry: ExpiryAsk,
    pub password: Option<String>,
    pub max_files: Option<u64>,
    pub max_bytes: Option<u64>,
    pub allowed_types: Option<Vec<String>>,
    pub recipients: Vec<String>,
    pub message: Option<String>,
    pub notify: Option<bool>,
    pub enabled: Option<bool>,
    pub language: Option<String>,
}

/// Changes to a request; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct Patch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub expiry: ExpiryAsk,
    pub password: Option<Option<String>>,
    pub max_files: Option<Option<u64>>,
    pub max_bytes: Option<Option<u64>>,
    pub allowed_types: Option<Vec<String>>,
    pub enabled: Option<bool>,
    pub notify: Option<bool>,
}

fn expiry_rules(state: &AppState, max_days: u32) -> ExpiryRules<'_> {
    let sharing = &state.config.sharing;
    ExpiryRules {
        durations_days: &sharing.durations_days,
        default_days: sharing.default_duration_days.min(max_days),
        max_days,
    }
}

/// A limit, when set, is at least 1.
fn check_limit(value: Option<u64>, name: &str) -> Result<Option<u64>> {
    match value {
        Some(0) => Err(Error::invalid(format!("{name} must be at least 1"))),
        other => Ok(other),
    }
}

pub fn may_read(user: &User, request: &Request) -> Result<()> {
    user.require(Permission::SharesRead)?;
    match request.owner_id == user.id || user.is_admin() {
        true => Ok(()),
        false => Err(Error::NotFound("request")),
    }
}

fn may_manage(user: &User, request: &Request) -> Result<()> {
    user.require(Permission::SharesWrite)?;
    may_read(user, request)
}

fn managed(tx: &WriteTx, user: &User, id: Uuid) -> Result<Request> {
    let request = tx.get::<Request>(id)?.ok_or(Error::NotFound("request"))?;
    may_manage(user, &request)?;
    Ok(request)
}

pub async fn create(state: &AppState, owner: &User, new: NewRequest) -> Result<Request> {
    owner.require(Permission::SharesWrite)?;
    // Received files become the creator's assets.
    owner.require(Permission::AssetsWrite)?;
    let config = &state.config;
    let now = Utc::now();
    let title = options::check_title(&new.title)?;
    let description = options::check_description(new.description.as_deref().unwrap_or_default())?;
    let expires_at = options::resolve_expiry(
        new.expiry,
        &expiry_rules(state, config.sharing.max_expiry_days),
        now,
    )?;
    let allowed = config.sharing.allow;
    let password_hash = link_password::hash_new(new.password, &allowed).await?;
    if new.recipients.len() > MAX_RECIPIENTS {
        return Err(Error::invalid(format!(
            "recipients takes at most {MAX_RECIPIENTS} addresses"
        )));
    }
    let emails = new
        .recipients
        .iter()
        .map(|e| normalize_email(e))
        .collect::<Result<Vec<_>>>()?;
    let collection_name = check_collection_name(&title)?;
    let request = Request {
        id: Uuid::now_v7(),
        owner_id: owner.id,
        title,
        description,
        collection_id: Uuid::nil(),
        token: auth::link_token(),
        created_at: now,
        expires_at,
        password_hash,
        password_generation: 0,
        max_files: check_limit(new.max_files, "maxFiles")?,
        max_bytes: check_limit(new.max_bytes, "maxBytes")?,
        allowed_types: check_allowed_types(new.allowed_types.unwrap_or_default())?,
        enabled: new.enabled.unwrap_or(true),
        recipients: Vec::new(),
        message: new.message,
        notify: new.notify.unwrap_or(true),
        allowed,
        max_expiry_days: config.sharing.max_expiry_days,
        files: Vec::new(),
        reserved: Vec::new(),
        notice: Default::default(),
        language: crate::shares::service::language_of(new.language)?,
    };
    let (asker, base) = (owner.display_name.clone(), config.public_url());
    let (chosen, owner) = (new.collection_id, owner.clone());
    let request = state
        .store
        .write(move |tx| {
            let mut request = request;
            request.collection_id = match chosen {
                Some(id) => {
                    tx.get::<Collection>(id)?
                        .ok_or_else(|| Error::invalid("collectionId names no collection"))?;
                    id
                }
                None => new_collection(tx, &owner, collection_name, now)?,
            };
            for email in emails {
                request
                    .recipients
                    .push(new_recipient(email, request.expires_at, now));
            }
            link(tx, &request)?;
            invite(tx, &mut request, &asker, &base)?;
            tx.put(&request)?;
            Ok(request)
        })
        .await?;
    state.outbox.wake();
    Ok(request)
}

/// The collection a request made of its own, named after it.
fn new_collection(tx: &WriteTx, owner: &User, name: String, now: DateTime<Utc>) -> Result<Uuid> {
    let collection = Collection {
        id: Uuid::now_v7(),
        owner_id: owner.id,
        name,
        asset_ids: Vec::new(),
        created_at: now,
    };
    tx.put(&collection)?;
    Ok(collection.id)
}

fn new_recipient(email: String, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Recipient {
    Recipient {
        id: Uuid::now_v7(),
        email: Some(email),
        user_id: None,
        token: auth::link_token(),
        created_at: now,
        expires_at,
        status: RecipientStatus::Active,
        email_state: Some("queued".into()),
    }
}

/// The request's own link and each recipient's, in the link index.
fn link(tx: &WriteTx, request: &Request) -> Result<()> {
    let own = RequestLink {
        request_id: request.id,
        recipient_id: None,
    };
    tx.link(Index::RequestLinks, &request.token, &own)?;
    for recipient in &request.recipients {
        let theirs = RequestLink {
            recipient_id: Some(recipient.id),
            ..own
        };
        tx.link(Index::RequestLinks, &recipient.token, &theirs)?;
    }
    Ok(())
}

/// Queues each recipient's invitation with their own link.
fn invite(tx: &WriteTx, request: &mut Request, asker: &str, base: &str) -> Result<()> {
    for recipient in &request.recipients {
        let (Some(email), Some(_)) = (&recipient.email, &recipient.email_state) else {
            continue;
        };
        let link = format!("{base}/u/{}", recipient.token);
        let letter = Invitation {
            asker,
            request,
            link: &link,
        };
        notify::enqueue(tx, request.id, Some(recipient.id), email, &letter)?;
    }
    Ok(())
}

/// Follows an invitation's email (sent, failed) in its recipient's `emailState`.
pub fn email_outcome(
    tx: &WriteTx,
    request_id: Uuid,
    recipient_id: Uuid,
    state: &str,
) -> Result<()> {
    let Some(mut request) = tx.get::<Request>(request_id)? else {
        return Ok(());
    };
    let Some(recipient) = request.recipients.iter_mut().find(|r| r.id == recipient_id) else {
        return Ok(());
    };
    recipient.email_state = Some(state.to_string());
    tx.put(&request)
}

/// When a member is deleted, inside that transaction: their requests go to `transfer_to`
/// (their links live on and new files land with the new owner); without one, the links answer
/// 410 (`creator_deleted`), as the record of a deleted creator says.
pub fn hand_on(tx: &WriteTx, from: Uuid, transfer_to: Option<Uuid>) -> Result<()> {
    let Some(to) = transfer_to else {
        return Ok(());
    };
    for mut request in tx.owned::<Request>(from, |_| true)? {
        request.owner_id = to;
        tx.put(&request)?;
    }
    Ok(())
}

/// A request, with whether its creator is still active (a deleted creator's link is gone).
pub async fn get(state: &AppState, user: &User, id: Uuid) -> Result<(Request, bool)> {
    let found = state
        .store
        .read(move |tx| {
            let request = tx.get::<Request>(id)?.ok_or(Error::NotFound("request"))?;
            let active = creator_active(tx.get::<User>(request.owner_id)?);
            Ok((request, active))
        })
        .await?;
    may_read(user, &found.0)?;
    Ok(found)
}

fn creator_active(creator: Option<User>) -> bool {
    creator.is_some_and(|u| u.status == UserStatus::Active)
}

pub struct ListQuery {
    pub status: Option<String>,
    pub before: Option<Uuid>,
    pub limit: usize,
}

/// The user's own requests (an admin's: everyone's), newest first, with whether each
/// creator is active.
pub async fn list(
    state: &AppState,
    user: &User,
    query: ListQuery,
) -> Result<(Vec<(Request, bool)>, Option<Uuid>)> {
    user.require(Permission::SharesRead)?;
    if let Some(status) = query.status.as_deref() {
        if !Request::STATUSES.contains(&status) {
            return Err(Error::invalid(format!(
                "status must be one of {}",
                Request::STATUSES.join(", ")
            )));
        }
    }
    let (user_id, admin, now) = (user.id, user.is_admin(), Utc::now());
    state
        .store
        .read(move |tx| {
            let active = |r: &Request| creator_active(tx.get::<User>(r.owner_id).ok().flatten());
            let keep = |r: &Request| {
                query
                    .status
                    .as_deref()
                    .is_none_or(|s| r.status(active(r), now) == s)
            };
            let page: Page<Request> = match admin {
                true => tx.page(query.before, query.limit, keep)?,
                false => tx.owned_page(user_id, query.before, query.limit, keep)?,
            };
            let items = page.items.into_iter().map(|r| {
                let a = active(&r);
                (r, a)
            });
            Ok((items.collect(), page.next))
        })
        .await
}

pub async fn update(state: &AppState, user: &User, id: Uuid, patch: Patch) -> Result<Request> {
    let (current, _) = get(state, user, id).await?;
    may_manage(user, &current)?;
    let now = Utc::now();
    let title = patch
        .title
        .as_deref()
        .map(options::check_title)
        .transpose()?;
    let description = patch
        .description
        .as_deref()
        .map(options::check_description)
        .transpose()?;
    let expires_at = match patch.expiry.is_empty() {
        true => None,
        false => Some(options::resolve_expiry(
            patch.expiry,
            &expiry_rules(state, current.max_expiry_days),
            now,
        )?),
    };
    let password_hash = link_password::hash_change(patch.password, &current.allowed).await?;
    let max_files = patch
        .max_files
        .map(|m| check_limit(m, "maxFiles"))
        .transpose()?;
    let max_bytes = patch
        .max_bytes
        .map(|m| check_limit(m, "maxBytes"))
        .transpose()?;
    let allowed_types = patch.allowed_types.map(check_allowed_types).transpose()?;
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let mut request = managed(tx, &user, id)?;
            set_if_given(&mut request.title, title);
            set_if_given(&mut request.description, description);
            set_if_given(&mut request.expires_at, expires_at);
            link_password::apply(
                &mut request.password_hash,
                &mut request.password_generation,
                password_hash,
            );
            // Lowering a limit below what was received keeps the files: no more come in.
            set_if_given(&mut request.max_files, max_files);
            set_if_given(&mut request.max_bytes, max_bytes);
            set_if_given(&mut request.allowed_types, allowed_types);
            set_if_given(&mut request.enabled, patch.enabled);
            set_if_given(&mut request.notify, patch.notify);
            tx.put(&request)?;
            Ok(request)
        })
        .await
}

/// Deletes a request: its links stop at once (404). The files it received stay, as assets of
/// its creator in its collection.
pub async fn delete(state: &AppState, user: &User, id: Uuid) -> Result<()> {
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let request = managed(tx, &user, id)?;
            tx.unlink(Index::RequestLinks, &request.token)?;
            for recipient in &request.recipients {
                tx.unlink(Index::RequestLinks, &recipient.token)?;
            }
            tx.remove_events(id)?;
            tx.remove::<Request>(id)?;
            Ok(())
        })
        .await
}

/// A page of a request's events, oldest first, after sequence `after`.
pub async fn events(
    state: &AppState,
    user: &User,
    id: Uuid,
    after: u64,
    limit: usize,
) -> Result<Vec<(u64, RequestEvent)>> {
    get(state, user, id).await?;
    state
        .store
        .read(move |tx| tx.events::<RequestEvent>(id, after, limit))
        .await
}
