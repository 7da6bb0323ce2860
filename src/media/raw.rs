//! Camera RAW (DNG, CR2, CR3, NEF, ARW, RAF, ORF, RW2) through LibRaw's command-line tools
//! (Debian `libraw-bin`). LibRaw is the reader most RAW tools build on and knows over a
//! thousand cameras; the Rust RAW decoders cover fewer, and the most complete (rawler) is
//! LGPL and would bring a second `image` version. Run as separate processes with the time
//! budget, like poppler and libheif. The camera's own embedded JPEG is used when it is at
//! least preview size (SPEC §4: 500 px on its long side): it is what the photographer saw
//! and takes milliseconds; otherwise the raw data is developed at half size.

use super::{metadata, tool, MediaError};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Extracts the embedded preview (`-e`).
pub const EXTRACT: &str = "simple_dcraw";
/// Develops the raw data.
pub const DEVELOP: &str = "dcraw_emu";
/// The long side an embedded JPEG needs to stand in for the raw data.
pub const EMBEDDED_MIN: u32 = 500;

/// Types this module reads (as `mime_guess` names them).
pub fn reads(mime: &str) -> bool {
    matches!(
        mime,
        "image/x-adobe-dng"
            | "image/x-canon-cr2"
            | "image/x-canon-cr3"
            | "image/x-nikon-nef"
            | "image/x-sony-arw"
            | "image/x-fuji-raf"
            | "image/x-olympus-orf"
            | "image/x-panasonic-rw2"
    )
}

/// A picture of the photo in `work` (a folder of its own, which the caller removes): the
/// embedded JPEG when it is large enough, else the raw data developed to a TIFF.
pub fn to_picture(raw: &Path, work: &Path, budget: Duration) -> Result<PathBuf, MediaError> {
    std::fs::create_dir_all(work)?;
    // simple_dcraw writes its output beside its input: give it a name in our folder.
    let input = work.join("raw");
    std::os::unix::fs::symlink(raw, &input)?;
    let embedded = work.join("raw.thumb.jpg");
    let extracted = tool::run(Command::new(EXTRACT).arg("-e").arg(&input), budget);
    if extracted.is_ok() && long_side(&embedded).is_some_and(|side| side >= EMBEDDED_MIN) {
        return Ok(embedded);
    }
    let developed = work.join("developed.tiff");
    tool::run_to_file(
        Command::new(DEVELOP)
            .args(["-T", "-w", "-h", "-Z"])
            .arg(&developed)
            .arg(raw),
        &developed,
        budget,
    )?;
    Ok(developed)
}

/// The long side of a JPEG, from its header.
fn long_side(jpeg: &Path) -> Option<u32> {
    let (width, height) = image::image_dimensions(jpeg).ok()?;
    Some(width.max(height))
}

/// The photo's attributes: size and format of the picture shown, camera, lens and time from
/// the RAW file's own EXIF (TIFF-based RAWs: DNG, CR2, NEF, ARW).
pub fn attributes(
    raw: &Path,
    picture: &Path,
    include_gps: bool,
) -> Result<BTreeMap<String, String>, MediaError> {
    let mut attributes = super::probe(picture, include_gps)?.attributes;
    let exif = metadata::read_exif(&mut BufReader::new(std::fs::File::open(raw)?));
    if let Some(exif) = exif {
        attributes.extend(metadata::exif_attributes(&exif, include_gps));
    }
    attributes.insert("format".into(), "raw".into());
    Ok(attributes)
}
