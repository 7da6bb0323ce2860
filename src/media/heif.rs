//! HEIC/HEIF (iPhone photos) and AVIF through libheif's `heif-convert` (Debian
//! `libheif-examples`): libheif is the reference reader of the format, decodes HEVC and AV1
//! through the system's codecs, and applies the file's rotation and mirror boxes so the photo
//! comes out upright as a viewer shows it. Run as a separate process with a time budget; the
//! decoded PNG then goes through the ordinary image pipeline and its limits.

use super::tool;
use super::MediaError;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

pub const TOOL: &str = "heif-convert";

/// Types this module reads.
pub fn reads(mime: &str) -> bool {
    matches!(
        mime,
        "image/heic" | "image/heif" | "image/heic-sequence" | "image/heif-sequence" | "image/avif"
    )
}

/// Decodes the primary image, upright, to a PNG at `out`.
pub fn decode(path: &Path, out: &Path, budget: Duration) -> Result<(), MediaError> {
    tool::run(Command::new(TOOL).arg("--quiet").arg(path).arg(out), budget)?;
    match out.metadata() {
        Ok(m) if m.len() > 0 => Ok(()),
        _ => Err(MediaError::Corrupt("no image could be decoded".into())),
    }
}
