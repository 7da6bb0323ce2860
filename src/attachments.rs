//! Attachments: extra files kept with an asset (a release form, a LUT, a sidecar). Stored as
//! blobs like the assets' files; offered to recipients when a share allows, beside their asset.

use crate::accounts::{Permission, User};
use crate::assets::{clean_file_name, may_modify, mime_for, release_blobs, Asset};
use crate::blobs::{Blobs, Fingerprint, Received};
use crate::error::{Error, Result};
use crate::store::{Record, Store, Table, WriteTx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// At most this many attachments per asset: they are listed whole on the asset and the link.
pub const MAX_PER_ASSET: usize = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: Uuid,
    pub asset_id: Uuid,
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub crc32: u32,
    pub mime_type: String,
    pub created_at: DateTime<Utc>,
}

impl Record for Attachment {
    const TABLE: Table = Table::Attachments;
    fn key(&self) -> Uuid {
        self.id
    }
    /// Indexed by asset: an asset's attachments are read without scanning the table.
    fn owner(&self) -> Option<Uuid> {
        Some(self.asset_id)
    }
}

impl Attachment {
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            sha256: self.sha256.clone(),
            size: self.size,
            crc32: self.crc32,
        }
    }
}

/// Keeps a received file as an attachment of asset `asset_id`.
pub async fn create(
    store: &Store,
    blobs: &Blobs,
    user: &User,
    asset_id: Uuid,
    raw_name: &str,
    declared_type: Option<&str>,
    received: Received,
) -> Result<Attachment> {
    user.require(Permission::AssetsWrite)?;
    let asset = crate::assets::get(store, user, asset_id).await?;
    may_modify(user, &asset)?;
    let name = clean_file_name(raw_name);
    let mime_type = mime_for(&name, declared_type);
    let _guard = blobs.lock().await;
    let file = blobs.settle(received).await?;
    let attachment = Attachment {
        id: Uuid::now_v7(),
        asset_id,
        name,
        size: file.size,
        sha256: file.sha256,
        crc32: file.crc32,
        mime_type,
        created_at: Utc::now(),
    };
    let saved = attachment.clone();
    let orphan = store
        .write(move |tx| {
            // The asset may have gone while the file arrived: then the file goes too.
            if tx.get::<Asset>(asset_id)?.is_none() {
                return Ok(Some(saved.sha256));
            }
            if tx.owned::<Attachment>(asset_id, |_| true)?.len() >= MAX_PER_ASSET {
                return Err(Error::invalid(format!(
                    "an asset has at most {MAX_PER_ASSET} attachments"
                )));
            }
            tx.add_blob_ref(&saved.sha256, 1)?;
            tx.put(&saved)?;
            Ok(None)
        })
        .await;
    match orphan {
        Ok(None) => Ok(attachment),
        Ok(Some(hash)) => {
            drop_unreferenced(store, blobs, hash).await?;
            Err(Error::NotFound("asset"))
        }
        Err(e) => {
            drop_unreferenced(store, blobs, attachment.sha256.clone()).await?;
            Err(e)
        }
    }
}

/// Removes a settled blob that no record refers to (under the blobs lock).
async fn drop_unreferenced(store: &Store, blobs: &Blobs, hash: String) -> Result<()> {
    let key = hash.clone();
    if store.read(move |tx| tx.blob_refs(&key)).await? == 0 {
        blobs.remove(&hash).await?;
    }
    Ok(())
}

/// The asset's attachments, oldest first.
pub async fn of_asset(store: &Store, asset_id: Uuid) -> Result<Vec<Attachment>> {
    store
        .read(move |tx| {
            tx.get::<Asset>(asset_id)?.ok_or(Error::NotFound("asset"))?;
            tx.owned::<Attachment>(asset_id, |_| true)
        })
        .await
}

pub async fn get(store: &Store, asset_id: Uuid, id: Uuid) -> Result<Attachment> {
    store
        .read(move |tx| tx.get::<Attachment>(id))
        .await?
        .filter(|a| a.asset_id == asset_id)
        .ok_or(Error::NotFound("attachment"))
}

pub async fn delete(
    store: &Store,
    blobs: &Blobs,
    user: &User,
    asset_id: Uuid,
    id: Uuid,
) -> Result<()> {
    let user = user.clone();
    let _guard = blobs.lock().await;
    let orphaned = store
        .write(move |tx| {
            let asset = tx.get::<Asset>(asset_id)?.ok_or(Error::NotFound("asset"))?;
            may_modify(&user, &asset)?;
            let attachment = tx
                .get::<Attachment>(id)?
                .filter(|a| a.asset_id == asset_id)
                .ok_or(Error::NotFound("attachment"))?;
            tx.remove::<Attachment>(id)?;
            release_blobs(tx, &[attachment.sha256])
        })
        .await?;
    for hash in orphaned {
        blobs.remove(&hash).await?;
    }
    Ok(())
}

/// Removes the attachments of a deleted asset; returns the hashes of their files, whose
/// references the caller releases with the asset's.
pub fn forget(tx: &WriteTx, asset_id: Uuid) -> Result<Vec<String>> {
    let mut hashes = Vec::new();
    for attachment in tx.owned::<Attachment>(asset_id, |_| true)? {
        tx.remove::<Attachment>(attachment.id)?;
        hashes.push(attachment.sha256);
    }
    Ok(hashes)
}
