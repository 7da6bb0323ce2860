//! Resumable uploads (tus 1.0.0, SPEC §5). An upload is a record with its acknowledged offset
//! and a part file (see `blobs::parts`); each append is fsynced before its offset is saved,
//! so a crash loses no acknowledged byte. When the last byte is in, the part becomes an asset
//! exactly as a one-request upload does. The same protocol serves team members
//! (`/api/v1/uploads`) and outsiders sending files through an upload request's link
//! (`/u/{token}/uploads`): an outsider's upload holds room within the request's limits from its
//! creation until it ends, and becomes an asset of the request's creator (`crate::requests`).

pub mod protocol;

use crate::accounts::{Permission, User};
use crate::assets::{self, Asset};
use crate::blobs::{Checksum, Running};
use crate::error::{Error, Result};
use crate::metrics::Metrics;
use crate::requests::intake::{self, FromOutside, Outsider};
use crate::requests::SNIFF_BYTES;
use crate::state::AppState;
use crate::store::{Record, Table};
use chrono::{DateTime, Duration, Utc};
use futures_util::Stream;
use protocol::Concat;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Upload {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub length: u64,
    /// The bytes acknowledged: on disk and fsynced.
    pub offset: u64,
    pub filename: String,
    pub filetype: Option<String>,
    pub collection: Option<Uuid>,
    /// `Upload-Metadata` as it was sent, for HEAD.
    pub metadata: String,
    pub concat: Concat,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The asset it became, once whole.
    pub asset_id: Option<Uuid>,
    /// Set for an outsider's upload through an upload request.
    #[serde(default)]
    pub outside: Option<FromOutside>,
    /// The domain a member's upload goes to (`domain` metadata); none: their first.
    #[serde(default)]
    pub domain: Option<Uuid>,
}

/// Who sends an upload's bytes: a team member, or an outsider through a request link.
#[derive(Clone)]
pub enum Uploader {
    Member(Box<User>),
    Outsider(Box<Outsider>),
}

impl Uploader {
    /// The user the finished file belongs to: the member, or the request's creator.
    fn owner(&self) -> &User {
        match self {
            Uploader::Member(user) => user,
            Uploader::Outsider(outsider) => &outsider.creator,
        }
    }

    /// Whether `upload` is this uploader's own: a member's own uploads, an outsider's of
    /// the same visit of the same request.
    fn owns(&self, upload: &Upload) -> bool {
        match (self, &upload.outside) {
            (Uploader::Member(user), None) => upload.owner_id == user.id,
            (Uploader::Outsider(outsider), Some(outside)) => outsider.sent(outside),
            _ => false,
        }
    }
}

impl Record for Upload {
    const TABLE: Table = Table::Uploads;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// What a creation request asks for.
pub struct New {
    pub length: Option<u64>,
    /// `Upload-Metadata`, as sent.
    pub metadata: String,
    pub concat: Concat,
}

/// Uploads being appended to: one append at a time each, and the fingerprint so far kept
/// between appends (None after a restart: it is read again from the part).
#[derive(Default)]
pub struct Active {
    uploads: Mutex<HashMap<Uuid, Arc<tokio::sync::Mutex<Option<Running>>>>>,
}

impl Active {
    fn of(&self, id: Uuid) -> Arc<tokio::sync::Mutex<Option<Running>>> {
        let mut uploads = self.uploads.lock().unwrap_or_else(PoisonError::into_inner);
        uploads.entry(id).or_default().clone()
    }

    fn forget(&self, id: Uuid) {
        let mut uploads = self.uploads.lock().unwrap_or_else(PoisonError::into_inner);
        uploads.remove(&id);
    }
}

/// How long an append waits for the one before it on the same upload (a client that lost
/// its connection comes back while the server still reads the old one).
const APPEND_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Begins an upload. A final concatenation is whole at once and becomes an asset.
pub async fn create(state: &AppState, who: &Uploader, new: New) -> Result<(Upload, Option<Asset>)> {
    let user = who.owner();
    user.require(Permission::AssetsWrite)?;
    let metadata = protocol::metadata(&new.metadata)?;
    if let Uploader::Outsider(outsider) = who {
        outsider.check_new(&metadata, &new.concat)?;
    }
    let filename = metadata.get("filename").filter(|f| !f.is_empty()).cloned();
    if filename.is_none() && new.concat != Concat::Partial {
        return Err(Error::bad_request("Upload-Metadata needs a filename"));
    }
    let collection = metadata
        .get("collection")
        .map(|c| Uuid::parse_str(c).map_err(|_| Error::invalid("collection is not an id")))
        .transpose()?;
    if let Some(id) = collection {
        assets::get_collection(&state.store, user, id).await?;
    }
    // Outsiders' files go to the request creator's first domain, whatever they say.
    let domain = match who {
        Uploader::Member(_) => metadata
            .get("domain")
            .map(|d| Uuid::parse_str(d).map_err(|_| Error::invalid("domain is not an id")))
            .transpose()?,
        Uploader::Outsider(_) => None,
    };
    crate::domains::check_home(&state.store, user, domain).await?;
    let length = match &new.concat {
        Concat::Final(parts) => finished_parts(state, who, parts).await?,
        _ => new.length.ok_or_else(|| {
            Error::bad_request("Upload-Length is required (deferred lengths are not supported)")
        })?,
    };
    let max = state.config.uploads.max_bytes;
    if length > max {
        return Err(Error::TooLarge(format!(
            "uploads are limited to {max} bytes"
        )));
    }
    let now = Utc::now();
    let upload = Upload {
        id: Uuid::now_v7(),
        owner_id: user.id,
        length,
        offset: 0,
        filename: filename.unwrap_or_default(),
        filetype: metadata.get("filetype").cloned(),
        collection,
        metadata: new.metadata,
        concat: new.concat,
        created_at: now,
        expires_at: now + Duration::hours(state.config.uploads.resumable_hours.into()),
        asset_id: None,
        outside: match who {
            Uploader::Outsider(outsider) => Some(outsider.from_outside(&metadata)),
            Uploader::Member(_) => None,
        },
        domain,
    };
    if let Concat::Final(parts) = upload.concat.clone() {
        let running = state.blobs.concat_parts(upload.id, &parts).await?;
        let (upload, asset) = finish(state, who, upload, running).await?;
        for part in parts {
            remove(state, part).await?;
        }
        return Ok((upload, Some(asset)));
    }
    match who {
        // The room is reserved before any byte is kept: a file that does not fit is refused.
        Uploader::Outsider(outsider) => intake::reserve(state, outsider, &upload).await?,
        Uploader::Member(_) => save(state, &upload).await?,
    }
    if let Err(e) = state.blobs.create_part(upload.id).await {
        remove(state, upload.id).await?;
        return Err(e);
    }
    Ok((upload, None))
}

/// The total length of the parts of a final upload, all of them whole partial uploads of `who`.
async fn finished_parts(state: &AppState, who: &Uploader, parts: &[Uuid]) -> Result<u64> {
    let mut length = 0u64;
    for id in parts {
        let part = status(state, who, *id).await?;
        if part.concat != Concat::Partial || part.offset < part.length {
            return Err(Error::bad_request(format!(
                "upload {id} is not a finished partial upload"
            )));
        }
        length = length.saturating_add(part.length);
    }
    Ok(length)
}

/// The upload `id` of `who`, while it has not expired.
pub async fn status(state: &AppState, who: &Uploader, id: Uuid) -> Result<Upload> {
    let upload = state
        .store
        .read(move |tx| tx.get::<Upload>(id))
        .await?
        .filter(|u| who.owns(u) && u.expires_at > Utc::now())
        .ok_or(Error::NotFound("upload"))?;
    Ok(upload)
}

/// Appends a PATCH body at `offset`, which must be the acknowledged one (409 otherwise).
/// The answer is the upload after it, with its asset once whole.
pub async fn append<S, B, E>(
    state: &AppState,
    who: &Uploader,
    id: Uuid,
    offset: u64,
    body: S,
    checksum: Option<Checksum>,
) -> Result<(Upload, Option<Asset>)>
where
    S: Stream<Item = std::result::Result<B, E>> + Send,
    B: bytes::Buf,
    E: std::fmt::Display,
{
    let active = state.uploads.of(id);
    let mut running = tokio::time::timeout(APPEND_WAIT, active.lock())
        .await
        .map_err(|_| Error::Conflict("another request is still writing this upload".into()))?;
    let mut upload = status(state, who, id).await?;
    if matches!(upload.concat, Concat::Final(_)) {
        return Err(Error::forbidden(
            "a final upload is made of its parts: no PATCH",
        ));
    }
    if offset != upload.offset {
        return Err(Error::Conflict(format!(
            "Upload-Offset is {offset}, but the upload is at {}",
            upload.offset
        )));
    }
    if upload.asset_id.is_some() {
        return Ok((upload, None));
    }
    let before = match running.take().filter(|r| r.len == upload.offset) {
        Some(known) => known,
        None => state.blobs.running_of_part(id, upload.offset).await?,
    };
    let left = upload.length - upload.offset;
    let appended = state
        .blobs
        .append_part(id, before.clone(), body, left, checksum)
        .await;
    let appended = match appended {
        Ok(appended) => appended,
        Err(e) => {
            *running = Some(before);
            return Err(e);
        }
    };
    upload.offset = appended.running.len;
    save(state, &upload).await?;
    *running = Some(appended.running.clone());
    if let Some(interrupted) = appended.interrupted {
        return Err(interrupted);
    }
    if upload.offset < upload.length || upload.concat == Concat::Partial {
        return Ok((upload, None));
    }
    let (upload, asset) = finish(state, who, upload, appended.running).await?;
    state.uploads.forget(id);
    Ok((upload, Some(asset)))
}

/// Makes the whole part an asset, in the upload's collection if it names one (an outsider's:
/// in the request's, once its content is checked against the request's allowed types).
async fn finish(
    state: &AppState,
    who: &Uploader,
    mut upload: Upload,
    running: Running,
) -> Result<(Upload, Asset)> {
    if let Uploader::Outsider(outsider) = who {
        let head = state.blobs.part_head(upload.id, SNIFF_BYTES).await?;
        if let Err(refused) = outsider.check_content(&head, &upload.filename) {
            remove(state, upload.id).await?;
            return Err(refused);
        }
    }
    let received = state.blobs.finished_part(upload.id, running);
    let asset = assets::create(
        &state.store,
        &state.blobs,
        who.owner(),
        upload.domain,
        &upload.filename,
        upload.filetype.as_deref(),
        received,
        &state.workers,
    )
    .await?;
    if let Some(collection) = upload.collection {
        assets::add_to_collection(&state.store, who.owner(), collection, vec![asset.id]).await?;
    }
    if let Uploader::Outsider(outsider) = who {
        intake::received(state, outsider, &upload, &asset).await?;
    }
    Metrics::add(&state.metrics.uploads, 1);
    state.workers.wake();
    upload.offset = upload.length;
    upload.asset_id = Some(asset.id);
    save(state, &upload).await?;
    Ok((upload, asset))
}

async fn save(state: &AppState, upload: &Upload) -> Result<()> {
    let upload = upload.clone();
    state.store.write(move |tx| tx.put(&upload)).await
}

/// Ends an upload and frees its bytes (tus termination).
pub async fn terminate(state: &AppState, who: &Uploader, id: Uuid) -> Result<()> {
    let active = state.uploads.of(id);
    let _writing = tokio::time::timeout(APPEND_WAIT, active.lock())
        .await
        .map_err(|_| Error::Conflict("another request is still writing this upload".into()))?;
    status(state, who, id).await?;
    remove(state, id).await
}

async fn remove(state: &AppState, id: Uuid) -> Result<()> {
    state
        .store
        .write(move |tx| match tx.remove::<Upload>(id)? {
            // An outsider's unfinished upload gives its room in the request back.
            Some(upload) => intake::release(tx, &upload),
            None => Ok(()),
        })
        .await?;
    state.uploads.forget(id);
    state.blobs.remove_part(id).await
}

/// Whether an upload is to be removed at `now`.
fn expired(upload: &Upload, now: DateTime<Utc>) -> bool {
    upload.expires_at <= now
}

/// Removes the uploads that expired by `now`, and the bytes of those left unfinished.
pub async fn sweep(state: &AppState, now: DateTime<Utc>) -> Result<usize> {
    let gone = state
        .store
        .read(move |tx| tx.all::<Upload>(|u| expired(u, now)))
        .await?;
    for upload in &gone {
        remove(state, upload.id).await?;
    }
    Ok(gone.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_expire_at_their_time() {
        let now = Utc::now();
        let upload = Upload {
            id: Uuid::nil(),
            owner_id: Uuid::nil(),
            length: 1,
            offset: 0,
            filename: "a".into(),
            filetype: None,
            collection: None,
            metadata: String::new(),
            concat: Concat::None,
            created_at: now,
            expires_at: now + Duration::hours(24),
            asset_id: None,
            outside: None,
            domain: None,
        };
        assert!(!expired(&upload, now));
        assert!(expired(&upload, now + Duration::hours(24)));
    }
}
