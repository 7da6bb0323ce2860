//! HEIC photos as phones make them (SPEC §4): shown upright from their EXIF orientation when
//! the file has no rotation box of its own, with camera, time taken and place read from their
//! EXIF. The photos are made at test time: a JPEG with EXIF written by kamadak-exif, turned
//! into HEIC by `heif-enc` (which copies the EXIF and writes no rotation box).

mod common;

use common::derivatives::{image_at, settled, uploaded};
use common::*;
use exif::{Field, In, Rational, Tag, Value};
use std::path::Path;

const RED: [u8; 3] = [255, 0, 0];
const BLUE: [u8; 3] = [0, 0, 255];

/// EXIF of a phone photo taken turned a quarter (orientation 6: the stored picture must turn
/// clockwise to be upright), by "Handoff Phone 15" at a known time and place.
fn phone_exif() -> Vec<u8> {
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let degrees = |d: u32, m: u32, s: u32| {
        Value::Rational(vec![
            Rational::from((d, 1)),
            Rational::from((m, 1)),
            Rational::from((s, 1)),
        ])
    };
    let fields = [
        (Tag::Orientation, Value::Short(vec![6])),
        (Tag::Make, ascii("Handoff")),
        (Tag::Model, ascii("Phone 15")),
        (Tag::DateTimeOriginal, ascii("2026:05:04 10:20:30")),
        (Tag::GPSLatitudeRef, ascii("N")),
        (Tag::GPSLatitude, degrees(52, 30, 0)),
        (Tag::GPSLongitudeRef, ascii("W")),
        (Tag::GPSLongitude, degrees(1, 15, 0)),
    ]
    .map(|(tag, value)| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    });
    let mut writer = exif::experimental::Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    tiff.into_inner()
}

/// A 600×400 JPEG, red on its left half and blue on its right, with `exif`.
fn jpeg_with_exif(exif: Vec<u8>) -> Vec<u8> {
    use image::ImageEncoder;
    let picture = image::RgbImage::from_fn(600, 400, |x, _| {
        image::Rgb(if x < 300 { RED } else { BLUE })
    });
    let mut jpeg = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90);
    encoder.set_exif_metadata(exif).unwrap();
    encoder
        .write_image(&picture, 600, 400, image::ExtendedColorType::Rgb8)
        .unwrap();
    jpeg
}

/// `heif-enc` of `jpeg`, as written to a file in `dir`.
fn heic_of(dir: &Path, jpeg: &[u8]) -> Vec<u8> {
    let (input, output) = (dir.join("photo.jpg"), dir.join("photo.heic"));
    std::fs::write(&input, jpeg).unwrap();
    let made = std::process::Command::new("heif-enc")
        .arg("-o")
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(made.status.success(), "heif-enc: {made:?}");
    std::fs::read(output).unwrap()
}

/// Whether the picture's top half is mostly `top` and its bottom half mostly `bottom`.
fn top_and_bottom(picture: &image::DynamicImage, top: [u8; 3], bottom: [u8; 3]) -> bool {
    let rgb = picture.to_rgb8();
    let (width, height) = rgb.dimensions();
    let near = |x: u32, y: u32, colour: [u8; 3]| {
        let pixel = rgb.get_pixel(x, y).0;
        pixel.iter().zip(colour).all(|(a, b)| a.abs_diff(b) < 60)
    };
    near(width / 2, height / 4, top) && near(width / 2, height * 3 / 4, bottom)
}

/// `heic` with a rotation box as phones write it beside their EXIF tag: `irot` turning the
/// picture a quarter clockwise (270° counter-clockwise), in place of heif-enc's `pixi`
/// property of the same length, so no offset in the file moves.
fn with_rotation_box(heic: &[u8]) -> Vec<u8> {
    let mut file = heic.to_vec();
    let at = file
        .windows(8)
        .position(|w| w == b"\0\0\0\x10pixi")
        .expect("heif-enc writes a 16-byte pixi property");
    let irot = [&16u32.to_be_bytes()[..], b"irot", &[3], &[0; 7]].concat();
    file[at..at + 16].copy_from_slice(&irot);
    file
}

/// The photo's thumbnail and preview are portrait with the red (left) half of the stored
/// picture on top, i.e. turned once, clockwise.
async fn shown_upright(server: &TestServer, id: &str) {
    for variant in ["thumbnail", "preview"] {
        let picture = image_at(server, &format!("/api/v1/assets/{id}/{variant}")).await;
        assert!(
            picture.height() > picture.width(),
            "{variant} is portrait: {}×{}",
            picture.width(),
            picture.height()
        );
        assert!(top_and_bottom(&picture, RED, BLUE), "{variant} upright");
    }
}

#[tokio::test]
async fn a_phone_heic_turned_by_its_exif_is_shown_upright_with_its_camera_time_and_place() {
    if !require("heif-enc", "apt-get install libheif-examples") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let heic = heic_of(dir.path(), &jpeg_with_exif(phone_exif()));
    let server = TestServer::start_with(|config| config.media.show_gps = true).await;
    let id = &uploaded(&server, "IMG_0002.HEIC", heic).await;
    let asset = settled(&server, id).await;
    assert_eq!(asset["derivatives"]["preview"]["state"], "ready", "{asset}");
    let attributes = &asset["attributes"];
    assert_eq!(attributes["width"], "400", "{attributes}");
    assert_eq!(attributes["height"], "600", "{attributes}");
    assert_eq!(attributes["camera"], "Handoff Phone 15", "{attributes}");
    assert_eq!(attributes["takenAt"], "2026-05-04T10:20:30", "{attributes}");
    assert_eq!(attributes["gpsLatitude"], "52.500000", "{attributes}");
    assert_eq!(attributes["gpsLongitude"], "-1.250000", "{attributes}");
    assert_eq!(attributes["format"], "heif", "{attributes}");
    shown_upright(&server, id).await;
}

#[tokio::test]
async fn a_heic_with_a_rotation_box_and_the_same_exif_tag_is_turned_once() {
    if !require("heif-enc", "apt-get install libheif-examples") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let heic = with_rotation_box(&heic_of(dir.path(), &jpeg_with_exif(phone_exif())));
    let server = TestServer::start().await;
    let id = &uploaded(&server, "IMG_0003.HEIC", heic).await;
    let asset = settled(&server, id).await;
    assert_eq!(asset["derivatives"]["preview"]["state"], "ready", "{asset}");
    assert_eq!(asset["attributes"]["width"], "400", "{asset}");
    assert_eq!(asset["attributes"]["height"], "600", "{asset}");
    assert_eq!(asset["attributes"]["camera"], "Handoff Phone 15", "{asset}");
    assert!(asset["attributes"].get("gpsLatitude").is_none(), "{asset}");
    shown_upright(&server, id).await;
}
