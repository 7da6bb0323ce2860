//! Test images built in memory: photo-like content, every input format,
//! a hand-written EXIF block and hostile files.

use std::io::Cursor;
use std::path::PathBuf;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use tempfile::TempDir;

use super::super::{OutputFormat, Rendition};

pub const RED_MARKER: Rgb<u8> = Rgb([220, 20, 20]);

/// Smooth gradients, fine texture and mild noise (so encoders and decoders
/// do realistic work), with a red block in the top-left fifth that shows
/// where the stored top-left corner ends up.
pub fn photo(width: u32, height: u32) -> RgbImage {
    let mut noise = 0x2545_F491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        noise ^= noise << 13;
        noise ^= noise >> 17;
        noise ^= noise << 5;
        if x < width / 5 && y < height / 5 {
            return RED_MARKER;
        }
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        // Triangle waves: a trigonometric texture is too slow in debug builds.
        let wave = |v: u32, period: u32| (v % period).abs_diff(period / 2) as f32 / period as f32;
        let texture = (wave(x, 90) - 0.25) * (wave(y, 126) - 0.25) * 400.0;
        let grain = (noise % 13) as f32 - 6.0;
        let channel = |v: f32| (v + grain).clamp(0.0, 255.0) as u8;
        Rgb([
            channel(40.0 + 170.0 * fx + texture),
            channel(40.0 + 170.0 * fy - texture),
            channel(200.0 - 120.0 * fx),
        ])
    })
}

/// Baseline JPEG via jpeg-encoder (4:2:0 below quality 90, like cameras).
pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    encode_jpeg(image, quality, false)
}

pub fn progressive_jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    encode_jpeg(image, quality, true)
}

fn encode_jpeg(image: &RgbImage, quality: u8, progressive: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_progressive(progressive);
    encoder
        .encode(
            image.as_raw(),
            image.width() as u16,
            image.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("test JPEG encodes");
    out
}

/// Any format through `image`'s own encoders.
pub fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, format)
        .expect("test image encodes");
    out.into_inner()
}

pub fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

pub fn rendition(max: u32, format: OutputFormat) -> Rendition {
    Rendition {
        max,
        format,
        quality: 85,
        watermark: None,
    }
}

pub fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).expect("rendition decodes")
}

// ---- EXIF -----------------------------------------------------------------

enum Entry {
    Ascii(&'static str),
    Short(u16),
    Long(u32),
    Rationals(&'static [(u32, u32)]),
}

/// Appends a little-endian TIFF IFD (entries in tag order) followed by its
/// out-of-line values. Returns where each entry's value field is, so
/// sub-IFD pointers can be patched once their offset is known.
fn push_ifd(tiff: &mut Vec<u8>, entries: &[(u16, Entry)]) -> Vec<usize> {
    let data_start = tiff.len() + 2 + entries.len() * 12 + 4;
    let mut data = Vec::new();
    let mut value_fields = Vec::new();
    tiff.extend((entries.len() as u16).to_le_bytes());
    for (tag, entry) in entries {
        let (kind, count, bytes): (u16, usize, Vec<u8>) = match entry {
            Entry::Ascii(s) => (2, s.len() + 1, [s.as_bytes(), &[0]].concat()),
            Entry::Short(v) => (3, 1, v.to_le_bytes().to_vec()),
            Entry::Long(v) => (4, 1, v.to_le_bytes().to_vec()),
            Entry::Rationals(r) => (
                5,
                r.len(),
                r.iter()
                    .flat_map(|(n, d)| [n.to_le_bytes(), d.to_le_bytes()].concat())
                    .collect(),
            ),
        };
        tiff.extend(tag.to_le_bytes());
        tiff.extend(kind.to_le_bytes());
        tiff.extend((count as u32).to_le_bytes());
        value_fields.push(tiff.len());
        if bytes.len() <= 4 {
            tiff.extend(bytes.iter().copied().chain(std::iter::repeat(0)).take(4));
        } else {
            tiff.extend(((data_start + data.len()) as u32).to_le_bytes());
            data.extend(&bytes);
            data.resize(data.len().next_multiple_of(2), 0); // values start on word boundaries
        }
    }
    tiff.extend(0u32.to_le_bytes()); // no next IFD
    tiff.extend(data);
    value_fields
}

fn point_here(tiff: &mut [u8], value_field: usize) {
    let here = (tiff.len() as u32).to_le_bytes();
    tiff[value_field..value_field + 4].copy_from_slice(&here);
}

/// APP1 payload: "Exif\0\0" + TIFF with camera, orientation, capture time
/// (+02:00), lens and a GPS position (48.858233 N, 2.294500 W).
pub fn exif_app1(orientation: u16) -> Vec<u8> {
    use Entry::*;
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    let ifd0 = push_ifd(
        &mut tiff,
        &[
            (0x010F, Ascii("Acme")),
            (0x0110, Ascii("Snapper 3000")),
            (0x0112, Short(orientation)),
            (0x8769, Long(0)), // Exif IFD pointer, patched below
            (0x8825, Long(0)), // GPS IFD pointer, patched below
        ],
    );
    point_here(&mut tiff, ifd0[3]);
    push_ifd(
        &mut tiff,
        &[
            (0x9003, Ascii("2024:05:17 14:03:21")),
            (0x9011, Ascii("+02:00")),
            (0xA434, Ascii("Acme 24-70mm F2.8")),
        ],
    );
    point_here(&mut tiff, ifd0[4]);
    push_ifd(
        &mut tiff,
        &[
            (0x0001, Ascii("N")),
            (0x0002, Rationals(&[(48, 1), (51, 1), (2964, 100)])),
            (0x0003, Ascii("W")),
            (0x0004, Rationals(&[(2, 1), (17, 1), (4020, 100)])),
        ],
    );
    [b"Exif\0\0".as_slice(), &tiff].concat()
}

/// Inserts an APP1 segment right after the JPEG's SOI marker.
pub fn with_app1(jpeg: &[u8], payload: &[u8]) -> Vec<u8> {
    let length = ((payload.len() + 2) as u16).to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1], &length, payload, &jpeg[2..]].concat()
}

// ---- hostile files ----------------------------------------------------------

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let body = [kind.as_slice(), data].concat();
    [
        &(data.len() as u32).to_be_bytes()[..],
        &body,
        &crc32(&body).to_be_bytes(),
    ]
    .concat()
}

/// A valid-looking PNG whose header claims `width × height` RGB pixels.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let ihdr = [
        &width.to_be_bytes()[..],
        &height.to_be_bytes(),
        &[8, 2, 0, 0, 0],
    ]
    .concat();
    let idat = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]; // an empty zlib stream
    [
        b"\x89PNG\r\n\x1a\n".as_slice(),
        &png_chunk(b"IHDR", &ihdr),
        &png_chunk(b"IDAT", &idat),
        &png_chunk(b"IEND", &[]),
    ]
    .concat()
}

/// Rewrites the frame header (SOF0) of a baseline JPEG to claim another size.
pub fn jpeg_claiming(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("baseline JPEG has SOF0");
    let mut patched = jpeg.to_vec();
    patched[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    patched[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    patched
}

/// Deterministic pseudo-random bytes.
pub fn noise_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// Mean absolute difference per channel of two same-sized images.
pub fn mean_abs_diff(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

pub fn is_red(pixel: Rgb<u8>) -> bool {
    let [r, g, b] = pixel.0;
    r > 170 && g < 90 && b < 90
}
