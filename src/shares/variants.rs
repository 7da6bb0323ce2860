//! Which files of an asset a link may show or hand out, and where they are.

use super::{Access, Share};
use crate::assets::{Asset, DerivativeState};
use crate::blobs::Fingerprint;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Variant {
    Original,
    Thumbnail,
    Preview,
    Preset(String),
    /// A page of a PDF (1-based) at preview size: shown, never downloaded.
    Page(u32),
    /// What a browser plays of a video or audio file it cannot play as it is: watched, never
    /// downloaded.
    Proxy,
    /// A file attached to the asset, by its id: downloaded when the share offers attachments.
    Attachment(uuid::Uuid),
}

impl Variant {
    /// `original`, `thumbnail`, `preview`, `presets/NAME` or `pages/N`.
    pub fn parse(text: &str) -> Option<Variant> {
        match text {
            "original" => Some(Variant::Original),
            "thumbnail" => Some(Variant::Thumbnail),
            "preview" => Some(Variant::Preview),
            "proxy" => Some(Variant::Proxy),
            other => match other.split_once('/')? {
                ("presets", name) if !name.is_empty() => Some(Variant::Preset(name.to_string())),
                ("pages", page) => page.parse().ok().map(Variant::Page),
                ("attachments", id) => id.parse().ok().map(Variant::Attachment),
                _ => None,
            },
        }
    }

    pub fn name(&self) -> String {
        match self {
            Variant::Original => "original".into(),
            Variant::Thumbnail => "thumbnail".into(),
            Variant::Preview => "preview".into(),
            Variant::Preset(name) => format!("presets/{name}"),
            Variant::Page(page) => format!("pages/{page}"),
            Variant::Proxy => "proxy".into(),
            Variant::Attachment(id) => format!("attachments/{id}"),
        }
    }

    /// The folder of this variant in a bundle of several variants.
    pub fn folder(&self) -> String {
        match self {
            Variant::Original => "originals".into(),
            Variant::Thumbnail => "thumbnails".into(),
            Variant::Preview => "previews".into(),
            Variant::Preset(name) => format!("presets/{name}"),
            Variant::Page(_) => "pages".into(),
            Variant::Proxy => "proxies".into(),
            Variant::Attachment(_) => "attachments".into(),
        }
    }

    /// The derivative that holds this variant as seen through `share`.
    fn derivative_key(&self, share: &Share) -> Option<String> {
        match self {
            Variant::Original => None,
            Variant::Thumbnail => Some("thumbnail".into()),
            Variant::Page(page) => Some(crate::pages::key(*page, share.watermark)),
            // Not a file of the asset: kept apart (`crate::attachments`), never a derivative.
            Variant::Attachment(_) => Some(self.name()),
            // A watermarked share's proxy has the mark burned in: until that is made, none.
            Variant::Preview | Variant::Preset(_) | Variant::Proxy if share.watermark => {
                Some(format!("watermarked/{}", self.name()))
            }
            _ => Some(self.name()),
        }
    }
}

/// May the link show `variant` of `asset` in the page? Thumbnails, previews, pages and proxies always,
/// and the original of a video or audio file so that it plays (also on view-only links); anything
/// else only as a download.
pub fn may_view(share: &Share, asset: &Asset, variant: &Variant) -> Result<()> {
    match variant {
        Variant::Thumbnail | Variant::Preview | Variant::Page(_) | Variant::Proxy => Ok(()),
        Variant::Original if plays_inline(asset) => Ok(()),
        _ => may_download(share, variant),
    }
}

/// Video and audio play in the page from the original (with Range).
pub fn plays_inline(asset: &Asset) -> bool {
    matches!(
        asset.kind,
        crate::assets::Kind::Video | crate::assets::Kind::Audio
    )
}

/// May the link hand out `variant` as a download?
pub fn may_download(share: &Share, variant: &Variant) -> Result<()> {
    if share.access == Access::View {
        return Err(Error::forbidden(
            "this link is view-only: nothing can be downloaded",
        ));
    }
    let options = &share.download_options;
    let allowed = match variant {
        Variant::Original => options.original,
        Variant::Thumbnail => options.thumbnail,
        Variant::Preview => options.preview,
        Variant::Preset(name) => options.presets.contains(name),
        Variant::Attachment(_) => options.attachments,
        Variant::Page(_) | Variant::Proxy => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Error::forbidden(format!(
            "this link does not offer the {} variant",
            variant.name()
        )))
    }
}

/// A file to send: its fingerprint and type.
pub struct VariantFile {
    pub fingerprint: Fingerprint,
    pub mime_type: String,
}

/// The file of `variant` for `asset` as seen through `share`, if it exists (derivatives may be
/// pending or not apply). A watermarked share never falls back to an unmarked file.
pub fn file_of(share: &Share, asset: &Asset, variant: &Variant) -> Option<VariantFile> {
    match variant.derivative_key(share) {
        None => Some(VariantFile {
            fingerprint: asset.fingerprint(),
            mime_type: asset.mime_type.clone(),
        }),
        Some(key) => {
            let (derivative, fingerprint) = asset.derivative(&key)?;
            let mime_type = derivative
                .mime_type
                .clone()
                .unwrap_or_else(|| "image/jpeg".into());
            Some(VariantFile {
                fingerprint,
                mime_type,
            })
        }
    }
}

/// Is `variant` ready for `asset`?
pub fn ready(share: &Share, asset: &Asset, variant: &Variant) -> bool {
    match variant.derivative_key(share) {
        None => true,
        Some(key) => asset
            .derivatives
            .get(&key)
            .is_some_and(|d| d.state == DerivativeState::Ready),
    }
}

/// Is `variant` still being made for `asset` (so it may be ready later)?
pub fn pending(share: &Share, asset: &Asset, variant: &Variant) -> bool {
    variant.derivative_key(share).is_some_and(|key| {
        asset
            .derivatives
            .get(&key)
            .is_some_and(|d| d.state == DerivativeState::Pending)
    })
}

/// The download variants the link offers: those it allows that exist for every asset.
pub fn offered_downloads(share: &Share, assets: &[Asset]) -> Vec<Variant> {
    if share.access == Access::View {
        return Vec::new();
    }
    let options = &share.download_options;
    let mut candidates = Vec::new();
    if options.original {
        candidates.push(Variant::Original);
    }
    if options.preview {
        candidates.push(Variant::Preview);
    }
    if options.thumbnail {
        candidates.push(Variant::Thumbnail);
    }
    candidates.extend(options.presets.iter().map(|p| Variant::Preset(p.clone())));
    candidates.retain(|v| !assets.is_empty() && assets.iter().all(|a| ready(share, a, v)));
    candidates
}

/// Types a browser may show inline without running anything of ours.
pub fn inline_safe(mime: &str) -> bool {
    matches!(
        mime,
        "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/avif" | "image/bmp"
    ) || mime.starts_with("video/")
        || mime.starts_with("audio/")
}
