//! EXIF: orientation for rendering, descriptive attributes for `probe`.

use std::collections::BTreeMap;
use std::io::{BufRead, Seek};

use exif::{Exif, Field, In, Tag, Value};
use image::metadata::Orientation;

/// Parses EXIF from any container kamadak-exif understands (JPEG, TIFF, PNG,
/// WebP). Missing or malformed EXIF is not an error for us: the image is
/// still usable, it just has no metadata.
pub(super) fn read_exif(container: &mut (impl BufRead + Seek)) -> Option<Exif> {
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        exif::Reader::new().read_from_container(container)
    }));
    parsed.ok()?.ok()
}

/// EXIF orientation tag (1–8) if present and valid.
fn orientation_tag(exif: &Exif) -> Option<u8> {
    let value = field(exif, Tag::Orientation)?.value.get_uint(0)?;
    u8::try_from(value).ok().filter(|v| (1..=8).contains(v))
}

pub(super) fn orientation(exif: Option<&Exif>) -> Orientation {
    exif.and_then(orientation_tag)
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms)
}

/// Orientations 5–8 turn the image a quarter, swapping width and height.
pub(super) fn swaps_axes(orientation: Orientation) -> bool {
    use Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

/// `camera`, `lens`, `takenAt`, `orientation` and, when asked for,
/// `gpsLatitude`/`gpsLongitude` — each only when the EXIF has it.
pub(super) fn exif_attributes(exif: &Exif, include_gps: bool) -> BTreeMap<String, String> {
    let mut attributes = BTreeMap::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            attributes.insert(key.to_string(), value);
        }
    };
    put(
        "camera",
        joined_names(text(exif, Tag::Make), text(exif, Tag::Model)),
    );
    put(
        "lens",
        joined_names(text(exif, Tag::LensMake), text(exif, Tag::LensModel)),
    );
    put("takenAt", taken_at(exif));
    put("orientation", orientation_tag(exif).map(|o| o.to_string()));
    if include_gps {
        put(
            "gpsLatitude",
            gps_degrees(exif, Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S'),
        );
        put(
            "gpsLongitude",
            gps_degrees(exif, Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W'),
        );
    }
    attributes
}

fn field(exif: &Exif, tag: Tag) -> Option<&Field> {
    exif.get_field(tag, In::PRIMARY)
}

/// First string of an ASCII field, without the NUL padding and spaces that
/// cameras like to add.
fn text(exif: &Exif, tag: Tag) -> Option<String> {
    match &field(exif, tag)?.value {
        Value::Ascii(strings) => {
            let raw = String::from_utf8_lossy(strings.first()?);
            let trimmed = raw.trim_matches(|c: char| c == '\0' || c.is_whitespace());
            (!trimmed.is_empty()).then(|| trimmed.to_string())
        }
        _ => None,
    }
}

/// "Make Model", except that many cameras repeat the make in the model
/// ("Canon" + "Canon EOS R5"), which should read "Canon EOS R5".
fn joined_names(make: Option<String>, model: Option<String>) -> Option<String> {
    match (make, model) {
        (Some(make), Some(model)) if model.to_lowercase().starts_with(&make.to_lowercase()) => {
            Some(model)
        }
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (make, model) => make.or(model),
    }
}

/// DateTimeOriginal (falling back to DateTime) as RFC 3339 when the EXIF
/// records the UTC offset, otherwise as a local date-time without offset.
fn taken_at(exif: &Exif) -> Option<String> {
    let (stamp, offset) = [
        (Tag::DateTimeOriginal, Tag::OffsetTimeOriginal),
        (Tag::DateTime, Tag::OffsetTime),
    ]
    .into_iter()
    .find_map(|(stamp, offset)| Some((raw_ascii(exif, stamp)?, raw_ascii(exif, offset))))?;

    let mut time = exif::DateTime::from_ascii(stamp).ok()?;
    if let Some(offset) = offset {
        // An unparsable offset still leaves a usable local time.
        let _ = time.parse_offset(offset);
    }
    let local = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        time.year, time.month, time.day, time.hour, time.minute, time.second
    );
    Some(match time.offset {
        Some(minutes) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let minutes = minutes.unsigned_abs();
            format!("{local}{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
        None => local,
    })
}

fn raw_ascii(exif: &Exif, tag: Tag) -> Option<&[u8]> {
    match &field(exif, tag)?.value {
        Value::Ascii(strings) => strings.first().map(Vec::as_slice),
        _ => None,
    }
}

/// Degrees/minutes/seconds rationals to signed decimal degrees.
fn gps_degrees(exif: &Exif, tag: Tag, reference: Tag, negative_ref: u8) -> Option<String> {
    let Value::Rational(parts) = &field(exif, tag)?.value else {
        return None;
    };
    let [degrees, minutes, seconds] = parts.get(..3)? else {
        return None;
    };
    let mut value = degrees.to_f64() + minutes.to_f64() / 60.0 + seconds.to_f64() / 3600.0;
    if raw_ascii(exif, reference).and_then(|r| r.first()) == Some(&negative_ref) {
        value = -value;
    }
    value.is_finite().then(|| format!("{value:.6}"))
}
