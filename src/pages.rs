//! The pages of a PDF, on demand: page n at preview size is made the first time someone asks
//! for it and kept as a derivative of the asset (`pages/N`, or `watermarked/pages/N` for shares
//! that show the watermark), so a document of 10,000 pages costs only the pages looked at.
//! At most [`Renders`] pages are made at once, however many are asked for: each is a
//! pdftoppm process, and a reader paging fast (or many readers) must not take every core.

use crate::assets::{release_blobs, Asset, Derivative};
use crate::blobs::{Blobs, Fingerprint};
use crate::config::Config;
use crate::derivatives::{job_budget, limits, watermark_of, PREVIEW_MAX};
use crate::error::{Error, Result};
use crate::media::{self, MediaError, OutputFormat, Rendition};
use crate::store::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

pub const MIME_TYPE: &str = "image/jpeg";

/// How long a page request waits for a turn before it is told to come back.
const WAIT: Duration = Duration::from_secs(10);
/// What that answer asks the client to wait (Retry-After), in seconds.
const RETRY_AFTER: u64 = 2;

/// The turns to make pages: as many at once as the server has media workers.
#[derive(Clone)]
pub struct Renders {
    turns: Arc<Semaphore>,
    wait: Duration,
}

impl Renders {
    pub fn new(at_once: usize) -> Renders {
        Renders {
            turns: Arc::new(Semaphore::new(at_once.max(1))),
            wait: WAIT,
        }
    }

    /// A turn to make a page, held until dropped; 503 with Retry-After when none comes in time.
    async fn turn(&self) -> Result<SemaphorePermit<'_>> {
        match tokio::time::timeout(self.wait, self.turns.acquire()).await {
            Ok(Ok(turn)) => Ok(turn),
            _ => Err(Error::Busy(RETRY_AFTER)),
        }
    }
}

/// The derivative that keeps page `page`.
pub fn key(page: u32, watermarked: bool) -> String {
    match watermarked {
        true => format!("watermarked/pages/{page}"),
        false => format!("pages/{page}"),
    }
}

/// How many pages the document has. The count is known once its first derivatives are made;
/// until then, or for anything that is not a PDF, there is no page to show.
pub fn count(asset: &Asset) -> Option<u32> {
    asset
        .attributes
        .get("pages")
        .and_then(|p| p.parse().ok())
        .filter(|_| asset.mime_type == "application/pdf")
}

/// Is `page` one of the document's pages?
pub fn check_page(asset: &Asset, page: u32) -> Result<()> {
    let pages = count(asset).ok_or(Error::NotFound(
        "pages of this asset (not a PDF, or not read yet)",
    ))?;
    match (1..=pages).contains(&page) {
        true => Ok(()),
        false => Err(Error::NotFound("page of this document")),
    }
}

/// The file of page `page`, made now if it was never asked for — when a turn comes within
/// [`WAIT`], else 503 with Retry-After.
pub async fn page(
    store: &Store,
    blobs: &Blobs,
    config: &Config,
    renders: &Renders,
    asset: &Asset,
    page: u32,
    watermarked: bool,
) -> Result<Fingerprint> {
    check_page(asset, page)?;
    let key = key(page, watermarked);
    if let Some((_, fingerprint)) = asset.derivative(&key) {
        return Ok(fingerprint);
    }
    let _turn = renders.turn().await?;
    // Made by a request that had its turn first (a lightbox asks for a page more than once)?
    // (The caller has decided the access already: read it again as it is, whoever asks.)
    let id = asset.id;
    let asset = store
        .read(move |tx| tx.get::<Asset>(id))
        .await?
        .ok_or(Error::NotFound("asset"))?;
    if let Some((_, fingerprint)) = asset.derivative(&key) {
        return Ok(fingerprint);
    }
    let rendition = Rendition {
        max: PREVIEW_MAX,
        format: OutputFormat::Jpeg,
        quality: 85,
        watermark: watermarked.then(|| watermark_of(config)).flatten(),
    };
    let (source, scratch) = (blobs.local(&asset.sha256).await?, blobs.temp_path("png"));
    let (limits, budget) = (limits(config), job_budget(config));
    let rendered = crate::store::blocking(move || {
        let made = media::pdf::render_page(source.path(), page, PREVIEW_MAX, &scratch, budget)
            .and_then(|()| media::render(&scratch, &rendition, &limits));
        let _ = std::fs::remove_file(&scratch);
        Ok(made)
    })
    .await?;
    let bytes = rendered.map_err(not_rendered)?;
    keep(store, blobs, &asset, key, bytes).await
}

/// A page that cannot be made: the server's fault when its tool is missing, else the file's.
fn not_rendered(err: MediaError) -> Error {
    match err {
        MediaError::MissingTool(_) | MediaError::Io(_) => Error::Unavailable(err.to_string()),
        other => Error::Invalid(format!("this page cannot be shown: {other}")),
    }
}

/// Stores `bytes` as the asset's derivative `key`, replacing one made at the same time.
async fn keep(
    store: &Store,
    blobs: &Blobs,
    asset: &Asset,
    key: String,
    bytes: Vec<u8>,
) -> Result<Fingerprint> {
    let received = blobs.receive_bytes(bytes).await?;
    let _guard = blobs.lock().await;
    let fingerprint = blobs.settle(received).await?;
    let derivative = Derivative::ready(&fingerprint, MIME_TYPE);
    let (asset_id, hash) = (asset.id, fingerprint.sha256.clone());
    let orphaned = store
        .write(move |tx| {
            tx.add_blob_ref(&hash, 1)?;
            let mut released = Vec::new();
            match tx.get::<Asset>(asset_id)? {
                Some(mut asset) => {
                    released.extend(
                        asset
                            .derivatives
                            .insert(key, derivative)
                            .and_then(|d| d.sha256),
                    );
                    tx.put(&asset)?;
                }
                // Deleted meanwhile: the page goes with it.
                None => released.push(hash),
            }
            release_blobs(tx, &released)
        })
        .await?;
    for hash in orphaned {
        blobs.remove(&hash).await?;
    }
    Ok(fingerprint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf_with(pages: Option<&str>) -> Asset {
        let mut asset: Asset = serde_json::from_value(serde_json::json!({
            "id": uuid::Uuid::nil(), "owner_id": uuid::Uuid::nil(), "name": "a.pdf", "size": 1,
            "sha256": "00", "crc32": 0, "mime_type": "application/pdf", "kind": "document",
            "created_at": "2026-01-01T00:00:00Z", "status": "available", "expires_at": null,
            "attributes": {}, "derivatives": {},
        }))
        .unwrap();
        if let Some(pages) = pages {
            asset.attributes.insert("pages".into(), pages.into());
        }
        asset
    }

    #[test]
    fn only_the_documents_pages_exist() {
        let pdf = pdf_with(Some("3"));
        assert!(check_page(&pdf, 1).is_ok());
        assert!(check_page(&pdf, 3).is_ok());
        assert_eq!(check_page(&pdf, 0).unwrap_err().status(), 404);
        assert_eq!(check_page(&pdf, 4).unwrap_err().status(), 404);
        assert_eq!(check_page(&pdf_with(None), 1).unwrap_err().status(), 404);
        let mut text = pdf_with(Some("3"));
        text.mime_type = "text/plain".into();
        assert_eq!(check_page(&text, 1).unwrap_err().status(), 404);
    }

    #[tokio::test]
    async fn pages_beyond_the_turns_wait_then_are_told_to_come_back() {
        let renders = Renders {
            wait: Duration::from_millis(20),
            ..Renders::new(1)
        };
        let first = renders.turn().await.unwrap();
        let refused = renders.turn().await.unwrap_err();
        assert_eq!(refused, Error::Busy(RETRY_AFTER));
        assert_eq!(refused.status(), 503);
        drop(first);
        assert!(
            renders.turn().await.is_ok(),
            "a turn comes once one is free"
        );
    }

    #[test]
    fn watermarked_pages_are_kept_apart() {
        assert_eq!(key(7, false), "pages/7");
        assert_eq!(key(7, true), "watermarked/pages/7");
    }
}
