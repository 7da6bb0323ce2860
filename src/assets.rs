//! Assets and collections: what may be stored, seen, changed and shared.

use crate::accounts::{Permission, User};
use crate::blobs::{Blobs, Fingerprint, Received};
use crate::domains::Scope;
use crate::error::{Error, Result};
use crate::names;
use crate::store::{Page, Record, Store, Table, WriteTx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

mod collections;
pub use collections::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Image,
    Video,
    Audio,
    Document,
    Other,
}

impl Kind {
    pub fn of_mime(mime: &str) -> Kind {
        let (top, sub) = mime.split_once('/').unwrap_or((mime, ""));
        match top {
            "image" => Kind::Image,
            "video" => Kind::Video,
            "audio" => Kind::Audio,
            "text" => Kind::Document,
            "application"
                if sub == "pdf"
                    || sub.starts_with("vnd.openxmlformats")
                    || sub.starts_with("vnd.oasis.opendocument")
                    || sub == "msword"
                    || sub.starts_with("vnd.ms-")
                    || sub == "rtf" =>
            {
                Kind::Document
            }
            _ => Kind::Other,
        }
    }

    pub fn parse(text: &str) -> Result<Kind> {
        serde_json::from_value(serde_json::Value::String(text.to_string()))
            .map_err(|_| Error::invalid("kind must be image, video, audio, document or other"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AssetStatus {
    Available,
    Unavailable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DerivativeState {
    Pending,
    Ready,
    Failed,
    NotApplicable,
}

/// A file made from an asset: thumbnail, preview, a preset, or a watermarked one of those.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Derivative {
    pub state: DerivativeState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crc32: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How far a pending proxy has come, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u8>,
}

impl Derivative {
    /// A derivative made: its file and type.
    pub fn ready(file: &Fingerprint, mime_type: &str) -> Derivative {
        Derivative {
            state: DerivativeState::Ready,
            sha256: Some(file.sha256.clone()),
            size: Some(file.size),
            crc32: Some(file.crc32),
            mime_type: Some(mime_type.to_string()),
            reason: None,
            percent: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Asset {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub crc32: u32,
    pub mime_type: String,
    pub kind: Kind,
    pub created_at: DateTime<Utc>,
    pub status: AssetStatus,
    pub expires_at: Option<DateTime<Utc>>,
    pub attributes: BTreeMap<String, String>,
    pub derivatives: BTreeMap<String, Derivative>,
    /// The domain it belongs to (SPEC §10); set on every asset once `domains::settle` has run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<Uuid>,
}

impl Record for Asset {
    const TABLE: Table = Table::Assets;
    fn key(&self) -> Uuid {
        self.id
    }
}

impl Asset {
    /// Why the asset cannot be downloaded or shared now, if it cannot.
    pub fn unshareable_reason(&self, now: DateTime<Utc>) -> Option<&'static str> {
        if self.status == AssetStatus::Unavailable {
            Some("unavailable")
        } else if self.expires_at.is_some_and(|at| at <= now) {
            Some("expired")
        } else {
            None
        }
    }

    pub fn is_servable(&self, now: DateTime<Utc>) -> bool {
        self.unshareable_reason(now).is_none()
    }

    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            sha256: self.sha256.clone(),
            size: self.size,
            crc32: self.crc32,
        }
    }

    /// A ready derivative's file.
    pub fn derivative(&self, name: &str) -> Option<(&Derivative, Fingerprint)> {
        let d = self
            .derivatives
            .get(name)
            .filter(|d| d.state == DerivativeState::Ready)?;
        let fingerprint = Fingerprint {
            sha256: d.sha256.clone()?,
            size: d.size?,
            crc32: d.crc32?,
        };
        Some((d, fingerprint))
    }

    /// Every blob this asset holds a reference to.
    pub fn blob_hashes(&self) -> Vec<String> {
        let derived = self.derivatives.values().filter_map(|d| d.sha256.clone());
        std::iter::once(self.sha256.clone())
            .chain(derived)
            .collect()
    }
}

/// Most file systems take names of at most 255 bytes.
const MAX_NAME_BYTES: usize = 255;

/// The name an uploaded or renamed file is kept under: its last path component, without
/// control and invisible format characters ([`names::visible`]), at most 255 bytes, never
/// empty. Everything else is kept as written and escaped where it is shown.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned = names::visible(last);
    let cleaned = names::shorten(cleaned.trim(), MAX_NAME_BYTES);
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "unnamed".to_string()
    } else {
        cleaned.to_string()
    }
}

pub fn mime_for(name: &str, declared: Option<&str>) -> String {
    match mime_guess::from_path(name).first() {
        Some(mime) => mime.essence_str().to_string(),
        None => declared
            .filter(|d| d.parse::<mime_guess::Mime>().is_ok() && !d.starts_with("multipart/"))
            .unwrap_or("application/octet-stream")
            .to_string(),
    }
}

/// Records a received file as a new asset of `owner`, in `domain` (one of the owner's) or the
/// owner's first domain.
#[allow(clippy::too_many_arguments)] // each is one thing an upload brings
pub async fn create(
    store: &Store,
    blobs: &Blobs,
    owner: &User,
    domain: Option<Uuid>,
    raw_name: &str,
    declared_type: Option<&str>,
    received: Received,
    workers: &crate::derivatives::Workers,
) -> Result<Asset> {
    owner.require(Permission::AssetsWrite)?;
    let name = clean_file_name(raw_name);
    let mime_type = mime_for(&name, declared_type);
    let kind = Kind::of_mime(&mime_type);
    let _guard = blobs.lock().await;
    let fingerprint = blobs.settle(received).await?;
    let source = crate::derivatives::Source::of(kind, &mime_type);
    let (derivatives, needs_job) = workers.initial(source);
    let asset = Asset {
        id: Uuid::now_v7(),
        owner_id: owner.id,
        name,
        size: fingerprint.size,
        sha256: fingerprint.sha256,
        crc32: fingerprint.crc32,
        mime_type,
        kind,
        created_at: Utc::now(),
        status: AssetStatus::Available,
        expires_at: None,
        attributes: BTreeMap::new(),
        derivatives,
        domain_id: None,
    };
    let owner = owner.clone();
    store
        .write(move |tx| {
            let mut asset = asset;
            asset.domain_id = Some(crate::domains::home(tx, &owner, domain)?);
            tx.add_blob_ref(&asset.sha256, 1)?;
            if needs_job {
                crate::derivatives::enqueue(tx, asset.id)?;
            }
            tx.put(&asset)?;
            Ok(asset)
        })
        .await
}

/// The asset `id` as `viewer` may see it: one outside the viewer's domains is not found.
pub async fn get(store: &Store, viewer: &User, id: Uuid) -> Result<Asset> {
    let scope = Scope::of(viewer);
    store
        .read(move |tx| tx.get::<Asset>(id))
        .await?
        .filter(|asset| scope.sees(asset))
        .ok_or(Error::NotFound("asset"))
}

/// An asset the team may download `variant` of: unavailable and expired assets cannot be
/// downloaded (410), though their thumbnail and preview still show in the library.
pub async fn downloadable(store: &Store, viewer: &User, id: Uuid, variant: &str) -> Result<Asset> {
    let asset = get(store, viewer, id).await?;
    let just_a_view = matches!(variant, "thumbnail" | "preview");
    if !just_a_view && !asset.is_servable(Utc::now()) {
        return Err(Error::Gone(crate::error::GoneReason::AssetUnavailable));
    }
    Ok(asset)
}

/// What assets a search asks for: words of the name or attributes, a kind, a collection's
/// members, attribute values (equal ignoring case; an empty value: the key is set).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub text: Option<String>,
    pub kind: Option<Kind>,
    pub collection: Option<Uuid>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// A filter ready to test assets, its collection's members read once.
pub struct Matcher {
    needle: Option<String>,
    kind: Option<Kind>,
    members: Option<Vec<Uuid>>,
    attributes: Vec<(String, String)>,
}

impl Filter {
    /// The matcher of this filter, reading its collection with `collection` (either kind of
    /// transaction's `get`); a collection that is gone matches nothing.
    pub fn matcher(
        &self,
        collection: impl FnOnce(Uuid) -> Result<Option<Collection>>,
    ) -> Result<Matcher> {
        let members = match self.collection {
            Some(id) => Some(collection(id)?.map(|c| c.asset_ids).unwrap_or_default()),
            None => None,
        };
        Ok(Matcher {
            needle: self
                .text
                .as_deref()
                .map(str::to_lowercase)
                .filter(|t| !t.is_empty()),
            kind: self.kind,
            members,
            attributes: (self.attributes.iter())
                .map(|(k, v)| (k.clone(), v.to_lowercase()))
                .collect(),
        })
    }
}

impl Matcher {
    pub fn matches(&self, asset: &Asset) -> bool {
        self.kind.is_none_or(|k| asset.kind == k)
            && self.members.as_ref().is_none_or(|m| m.contains(&asset.id))
            && self
                .needle
                .as_deref()
                .is_none_or(|n| matches_text(asset, n))
            && self.attributes.iter().all(|(key, wanted)| {
                asset
                    .attributes
                    .get(key)
                    .is_some_and(|v| wanted.is_empty() || v.to_lowercase() == *wanted)
            })
    }
}

pub struct Query {
    pub filter: Filter,
    /// The domains listed: the asker's, or one of them (`?domain=`).
    pub scope: Scope,
    pub before: Option<Uuid>,
    pub limit: usize,
}

pub async fn list(store: &Store, query: Query) -> Result<Page<Asset>> {
    store
        .read(move |tx| {
            if let Some(id) = query.filter.collection {
                tx.get::<Collection>(id)?
                    .ok_or(Error::NotFound("collection"))?;
            }
            let matcher = query.filter.matcher(|id| tx.get(id))?;
            let scope = query.scope;
            tx.page::<Asset>(query.before, query.limit, |a| {
                scope.sees(a) && matcher.matches(a)
            })
        })
        .await
}

fn matches_text(asset: &Asset, needle: &str) -> bool {
    asset.name.to_lowercase().contains(needle)
        || asset
            .attributes
            .iter()
            .any(|(k, v)| k.to_lowercase().contains(needle) || v.to_lowercase().contains(needle))
}

pub struct Changes {
    pub name: Option<String>,
    pub attributes: Option<BTreeMap<String, String>>,
    pub status: Option<AssetStatus>,
    pub expires_at: Option<Option<DateTime<Utc>>>,
}

pub fn may_modify(user: &User, asset: &Asset) -> Result<()> {
    if !Scope::of(user).sees(asset) {
        return Err(Error::NotFound("asset"));
    }
    user.require(Permission::AssetsWrite)?;
    if asset.owner_id == user.id || user.is_admin() {
        Ok(())
    } else {
        Err(Error::forbidden(
            "only the asset's owner or an admin may change it",
        ))
    }
}

pub async fn update(store: &Store, user: &User, id: Uuid, changes: Changes) -> Result<Asset> {
    let user = user.clone();
    store
        .write(move |tx| {
            let mut asset = tx.get::<Asset>(id)?.ok_or(Error::NotFound("asset"))?;
            may_modify(&user, &asset)?;
            let before = asset.clone();
            if let Some(name) = changes.name {
                asset.name = clean_file_name(&name);
            }
            if let Some(attributes) = changes.attributes {
                check_attributes(&attributes)?;
                asset.attributes.extend(attributes);
                asset.attributes.retain(|_, v| !v.is_empty());
            }
            if let Some(status) = changes.status {
                asset.status = status;
            }
            if let Some(expires_at) = changes.expires_at {
                asset.expires_at = expires_at;
            }
            crate::history::record(tx, &user, &before, &asset)?;
            tx.put(&asset)?;
            Ok(asset)
        })
        .await
}

fn check_attributes(attributes: &BTreeMap<String, String>) -> Result<()> {
    for (key, value) in attributes {
        if key.is_empty() || key.len() > 100 || key.chars().any(char::is_control) {
            return Err(Error::invalid(format!(
                "attribute name {key:?} is empty, too long or has control characters"
            )));
        }
        if value.len() > 10_000 {
            return Err(Error::invalid(format!(
                "attribute {key:?} is longer than 10000 bytes"
            )));
        }
    }
    Ok(())
}

/// Deletes the asset and the files nothing else refers to.
pub async fn delete(store: &Store, blobs: &Blobs, user: &User, id: Uuid) -> Result<()> {
    let user = user.clone();
    let _guard = blobs.lock().await;
    let orphaned = store
        .write(move |tx| {
            let asset = tx.get::<Asset>(id)?.ok_or(Error::NotFound("asset"))?;
            may_modify(&user, &asset)?;
            tx.remove::<Asset>(id)?;
            crate::history::forget(tx, id)?;
            let mut hashes = asset.blob_hashes();
            hashes.extend(crate::attachments::forget(tx, id)?);
            for mut collection in tx.all::<Collection>(|c| c.asset_ids.contains(&id))? {
                collection.asset_ids.retain(|a| *a != id);
                tx.put(&collection)?;
            }
            release_blobs(tx, &hashes)
        })
        .await?;
    for hash in orphaned {
        blobs.remove(&hash).await?;
    }
    Ok(())
}

/// Drops one reference to each blob; returns those now unreferenced.
pub fn release_blobs(tx: &WriteTx, hashes: &[String]) -> Result<Vec<String>> {
    let mut orphaned = Vec::new();
    for hash in hashes {
        if tx.add_blob_ref(hash, -1)? == 0 {
            orphaned.push(hash.clone());
        }
    }
    Ok(orphaned)
}

// ----- collections -----

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_made_safe() {
        assert_eq!(clean_file_name("../x"), "x");
        assert_eq!(clean_file_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(clean_file_name("a\r\nb.txt"), "ab.txt");
        assert_eq!(clean_file_name(".."), "unnamed");
        assert_eq!(clean_file_name(""), "unnamed");
        assert_eq!(clean_file_name("<script>.html"), "<script>.html");
        assert_eq!(clean_file_name("a\u{202E}gnp.exe"), "agnp.exe");
        assert_eq!(clean_file_name("\u{200B}\u{FEFF}"), "unnamed");
        assert_eq!(clean_file_name(&"x".repeat(5000)).len(), 255);
        let long = clean_file_name(&("é".repeat(300) + ".tar.gz"));
        assert_eq!(long.len(), 255);
        assert!(long.ends_with("éé.gz"), "{long}");
    }

    #[test]
    fn kinds_follow_mime_types() {
        assert_eq!(Kind::of_mime("image/jpeg"), Kind::Image);
        assert_eq!(Kind::of_mime("video/mp4"), Kind::Video);
        assert_eq!(Kind::of_mime("application/pdf"), Kind::Document);
        assert_eq!(Kind::of_mime("application/zip"), Kind::Other);
        assert_eq!(mime_for("photo.JPG", None), "image/jpeg");
        assert_eq!(mime_for("noext", Some("text/plain")), "text/plain");
    }
}
