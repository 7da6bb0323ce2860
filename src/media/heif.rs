//! HEIC/HEIF (iPhone photos) and AVIF through libheif's `heif-convert` (Debian
//! `libheif-examples`): libheif is the reference reader of the format, decodes HEVC and AV1
//! through the system's codecs, and applies the file's rotation and mirror boxes so the photo
//! comes out upright as a viewer shows it. Run as a separate process with a time budget; the
//! decoded PNG then goes through the ordinary image pipeline and its limits.
//!
//! EXIF orientation: phones write both a rotation box and the EXIF tag, but some encoders
//! (heif-enc 1.15 among them) copy the EXIF and write no box. libheif applies only the boxes,
//! and heif-convert copies the EXIF, tag unchanged, into its PNG. So the EXIF orientation is
//! read here from the HEIC itself and applied only when the file has no transform box —
//! never a second time over libheif's turn.

use super::{metadata, tool, MediaError};
use image::metadata::Orientation;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub const TOOL: &str = "heif-convert";

/// The most a `meta` box may take to be looked through for transforms: it holds item
/// descriptions, not pixels (a phone's is a few KiB).
const META_MAX: u64 = 16 * 1024 * 1024;

/// Types this module reads.
pub fn reads(mime: &str) -> bool {
    matches!(
        mime,
        "image/heic" | "image/heif" | "image/heic-sequence" | "image/heif-sequence" | "image/avif"
    )
}

/// Decodes the primary image, with the file's transform boxes applied, to a picture beside
/// `out` (its name with the extension [`picture_extension`] chooses), and returns its path.
pub fn decode(path: &Path, out: &Path, budget: Duration) -> Result<PathBuf, MediaError> {
    let picture = out.with_extension(picture_extension(has_alpha(&mut File::open(path)?)?));
    tool::run(
        Command::new(TOOL)
            .arg("--quiet")
            .args(["-q", PICTURE_QUALITY])
            .arg(path)
            .arg(&picture),
        budget,
    )?;
    match picture.metadata() {
        Ok(m) if m.len() > 0 => Ok(picture),
        _ => Err(MediaError::Corrupt("no image could be decoded".into())),
    }
}

/// JPEG quality of the decoded picture: it only ever becomes renditions of at most a few
/// thousand pixels, where quality 95's loss does not show.
const PICTURE_QUALITY: &str = "95";

/// heif-convert chooses its output format by extension. A JPEG, unless the image has an alpha
/// plane (JPEG has none): a 24 MP PNG costs more to write and read back than libheif takes to
/// decode the HEVC (heif-convert 11.0 s to PNG, 3.2 s to JPEG for a grainy 24 MP photo on the
/// loaded development machine), and the JPEG is then read at the DCT scale the largest
/// rendition needs.
fn picture_extension(has_alpha: bool) -> &'static str {
    match has_alpha {
        true => "png",
        false => "jpg",
    }
}

/// What the HEIC's own EXIF tells: its attributes (camera, time, place when asked), and the
/// turn still to apply to the picture libheif decoded.
pub struct Exif {
    pub attributes: BTreeMap<String, String>,
    pub turn: Orientation,
}

/// Reads the EXIF of the HEIC at `path` (kamadak-exif reads ISOBMFF). A file without EXIF,
/// or with an unreadable one, has no attributes from it and no turn.
pub fn exif(path: &Path, include_gps: bool) -> Result<Exif, MediaError> {
    let exif = metadata::read_exif(&mut BufReader::new(File::open(path)?));
    let turn = match has_transform(&mut File::open(path)?)? {
        true => Orientation::NoTransforms,
        false => metadata::orientation(exif.as_ref()),
    };
    let attributes = exif
        .map(|e| metadata::exif_attributes(&e, include_gps))
        .unwrap_or_default();
    Ok(Exif { attributes, turn })
}

/// Whether the file carries a rotation or mirror property (`irot`, `imir` in
/// `meta`/`iprp`/`ipco`). SPEC §4 asks for EXIF orientation "only where the file has none".
fn has_transform(file: &mut (impl Read + Seek)) -> Result<bool, MediaError> {
    let transform = |kind: [u8; 4], _: &[u8]| kind == *b"irot" || kind == *b"imir";
    any_property(file, transform)
}

/// Whether the file has an alpha plane: an auxiliary image whose `auxC` property names it
/// alpha (HEIF's and AVIF's URNs).
fn has_alpha(file: &mut (impl Read + Seek)) -> Result<bool, MediaError> {
    const ALPHA: [&[u8]; 2] = [
        b"urn:mpeg:hevc:2015:auxid:1",
        b"urn:mpeg:mpegB:cicp:systems:auxiliary:alpha",
    ];
    // auxC is a full box: version and flags, then the URN ending in a NUL.
    let alpha = |kind: [u8; 4], body: &[u8]| {
        let urn = body.get(4..).and_then(|b| b.split(|&c| c == 0).next());
        kind == *b"auxC" && urn.is_some_and(|urn| ALPHA.contains(&urn))
    };
    any_property(file, alpha)
}

/// Whether any item property (`meta`/`iprp`/`ipco`) is one `wanted` picks.
fn any_property(
    file: &mut (impl Read + Seek),
    wanted: impl Fn([u8; 4], &[u8]) -> bool,
) -> Result<bool, MediaError> {
    let Some(meta) = top_level_box(file, *b"meta")? else {
        return Ok(false);
    };
    // `meta` is a full box: version and flags before its children.
    let found = meta
        .get(4..)
        .and_then(|children| child(children, *b"iprp"))
        .and_then(|iprp| child(iprp, *b"ipco"))
        .is_some_and(|ipco| boxes(ipco).any(|(kind, body)| wanted(kind, body)));
    Ok(found)
}

/// The body of the first top-level box of `kind`, skipping over the others (`mdat` may be
/// large) without reading them.
fn top_level_box(
    file: &mut (impl Read + Seek),
    kind: [u8; 4],
) -> Result<Option<Vec<u8>>, MediaError> {
    let mut at = 0u64;
    loop {
        file.seek(SeekFrom::Start(at))?;
        let mut header = [0u8; 16];
        let read = read_up_to(file, &mut header)?;
        let Some((found, header_len, size)) = box_header(&header[..read]) else {
            return Ok(None);
        };
        let size = match size {
            0 => file.seek(SeekFrom::End(0))? - at,
            size => size,
        };
        if found == kind {
            if size > META_MAX + header_len {
                return Ok(None);
            }
            let mut body = vec![0u8; (size - header_len) as usize];
            file.seek(SeekFrom::Start(at + header_len))?;
            // A cut-off box is as good as none.
            return Ok(file.read_exact(&mut body).ok().map(|()| body));
        }
        at += size;
    }
}

fn read_up_to(file: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A box's type, header length and whole size (0: to the end of the file), from its first
/// bytes; `None` when they are too few or the size is smaller than the header.
fn box_header(bytes: &[u8]) -> Option<([u8; 4], u64, u64)> {
    let size = u32::from_be_bytes(bytes.get(0..4)?.try_into().ok()?);
    let kind: [u8; 4] = bytes.get(4..8)?.try_into().ok()?;
    let (header_len, size) = match size {
        1 => (16, u64::from_be_bytes(bytes.get(8..16)?.try_into().ok()?)),
        size => (8, u64::from(size)),
    };
    (size == 0 || size >= header_len).then_some((kind, header_len, size))
}

/// The boxes one after another in `bytes` (a box's children), each as type and body; stops
/// at the first that does not fit.
fn boxes(mut bytes: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    std::iter::from_fn(move || {
        let (kind, header_len, size) = box_header(bytes)?;
        let size = match size {
            0 => bytes.len(),
            size => usize::try_from(size).ok().filter(|&s| s <= bytes.len())?,
        };
        let body = &bytes[header_len as usize..size];
        bytes = &bytes[size..];
        Some((kind, body))
    })
}

fn child(bytes: &[u8], kind: [u8; 4]) -> Option<&[u8]> {
    boxes(bytes)
        .find(|(found, _)| *found == kind)
        .map(|(_, body)| body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let size = (8 + body.len()) as u32;
        [&size.to_be_bytes()[..], kind, body].concat()
    }

    /// ftyp, then meta (full box) → iprp → ipco holding `properties`, then a large mdat.
    fn heif_with(properties: &[u8]) -> Vec<u8> {
        let ipco = boxed(b"ipco", properties);
        let iprp = boxed(b"iprp", &[ipco, boxed(b"ipma", &[0; 8])].concat());
        let meta = boxed(
            b"meta",
            &[&[0u8; 4][..], &boxed(b"hdlr", &[0; 24]), &iprp].concat(),
        );
        [
            boxed(b"ftyp", b"heicmif1"),
            meta,
            boxed(b"mdat", &[7; 4096]),
        ]
        .concat()
    }

    fn transform(file: Vec<u8>) -> bool {
        has_transform(&mut Cursor::new(file)).unwrap()
    }

    #[test]
    fn a_rotation_or_mirror_property_is_a_transform() {
        let ispe = boxed(b"ispe", &[0; 12]);
        assert!(!transform(heif_with(&ispe)));
        assert!(transform(heif_with(
            &[ispe.clone(), boxed(b"irot", &[1])].concat()
        )));
        assert!(transform(heif_with(&[boxed(b"imir", &[0]), ispe].concat())));
    }

    #[test]
    fn meta_after_the_pixels_is_found() {
        let file = heif_with(&boxed(b"irot", &[3]));
        let meta_at = 16;
        let (head, meta_and_mdat) = file.split_at(meta_at);
        let meta_len = u32::from_be_bytes(meta_and_mdat[..4].try_into().unwrap()) as usize;
        let (meta, mdat) = meta_and_mdat.split_at(meta_len);
        assert!(transform([head, mdat, meta].concat()));
    }

    #[test]
    fn broken_or_missing_boxes_are_no_transform() {
        assert!(!transform(Vec::new()));
        assert!(!transform(b"\0\0\0\x04meta".to_vec()));
        let mut cut = heif_with(&boxed(b"irot", &[3]));
        cut.truncate(40);
        assert!(!transform(cut));
        // A box claiming more than the file holds ends the search.
        let mut liar = boxed(b"ftyp", b"heic");
        liar[..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(!transform(liar));
    }

    fn alpha(file: Vec<u8>) -> bool {
        has_alpha(&mut Cursor::new(file)).unwrap()
    }

    fn aux(urn: &[u8]) -> Vec<u8> {
        boxed(b"auxC", &[&[0u8; 4][..], urn, b"\0"].concat())
    }

    #[test]
    fn an_alpha_plane_is_found_and_other_auxiliary_images_are_not_alpha() {
        let ispe = boxed(b"ispe", &[0; 12]);
        assert!(!alpha(heif_with(&ispe)));
        assert!(alpha(heif_with(
            &[ispe.clone(), aux(b"urn:mpeg:hevc:2015:auxid:1")].concat()
        )));
        assert!(alpha(heif_with(&aux(
            b"urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"
        ))));
        // A depth map or an HDR gain map is no transparency.
        assert!(!alpha(heif_with(&aux(b"urn:mpeg:hevc:2015:auxid:2"))));
        assert!(!alpha(heif_with(&aux(
            b"urn:com:apple:photo:2020:aux:hdrgainmap"
        ))));
        assert!(!alpha(heif_with(&boxed(b"auxC", &[0; 2]))));
    }

    #[test]
    fn the_picture_is_a_jpeg_unless_it_has_transparency() {
        assert_eq!(picture_extension(false), "jpg");
        assert_eq!(picture_extension(true), "png");
    }
}
