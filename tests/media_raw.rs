//! Camera RAW (SPEC §4): DNGs written by the test (tests/common/dng.rs) go through LibRaw —
//! the camera's embedded JPEG when it is at least 500 px, else the raw data developed — with
//! camera and time from their EXIF; a cut-off RAW fails with a reason.

mod common;

use common::derivatives::{image_at, settled, uploaded};
use common::dng::dng;
use common::*;

const GREEN: [u8; 3] = [0, 200, 0];

fn jpeg(width: u32, height: u32, colour: [u8; 3]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        width,
        height,
        image::Rgb(colour),
    ))
    .write_to(&mut out, image::ImageFormat::Jpeg)
    .unwrap();
    out.into_inner()
}

/// The colour at a fraction of the image's width, halfway down.
fn colour_at(image: &image::DynamicImage, across: f32) -> [u8; 3] {
    let rgb = image.to_rgb8();
    let x = (rgb.width() as f32 * across) as u32;
    rgb.get_pixel(x, rgb.height() / 2).0
}

fn is_green([r, g, b]: [u8; 3]) -> bool {
    g > 150 && r < 80 && b < 80
}

fn has_libraw() -> bool {
    require("dcraw_emu", "apt-get install libraw-bin")
        && require("simple_dcraw", "apt-get install libraw-bin")
}

#[tokio::test]
async fn a_dng_shows_its_embedded_preview_with_camera_and_time() {
    if !has_libraw() {
        return;
    }
    let server = TestServer::start().await;
    let preview = jpeg(1024, 768, GREEN);
    let id = &uploaded(
        &server,
        "DSC_0001.DNG",
        dng(640, 480, Some((&preview, 1024, 768))),
    )
    .await;
    let asset = settled(&server, id).await;
    assert_eq!(asset["derivatives"]["preview"]["state"], "ready", "{asset}");
    assert_eq!(
        asset["attributes"]["camera"], "Handoff Test Camera",
        "{asset}"
    );
    assert!(
        asset["attributes"]["takenAt"]
            .as_str()
            .unwrap()
            .starts_with("2026-05-04T10:20:30"),
        "{asset}"
    );
    assert_eq!(asset["attributes"]["format"], "raw");
    let shown = image_at(&server, &format!("/api/v1/assets/{id}/preview")).await;
    assert_eq!((shown.width(), shown.height()), (500, 375));
    assert!(
        is_green(colour_at(&shown, 0.5)),
        "the camera's preview is shown"
    );
}

#[tokio::test]
async fn a_dng_without_a_large_preview_is_developed_from_its_raw_data() {
    if !has_libraw() {
        return;
    }
    let server = TestServer::start().await;
    let small = jpeg(320, 240, GREEN);
    for (name, file) in [
        ("plain.dng", dng(640, 480, None)),
        ("small-preview.dng", dng(640, 480, Some((&small, 320, 240)))),
    ] {
        let id = &uploaded(&server, name, file).await;
        let asset = settled(&server, id).await;
        assert_eq!(
            asset["derivatives"]["thumbnail"]["state"], "ready",
            "{asset}"
        );
        let shown = image_at(&server, &format!("/api/v1/assets/{id}/preview")).await;
        let ([lr, _, lb], [rr, _, rb]) = (colour_at(&shown, 0.2), colour_at(&shown, 0.8));
        assert!(
            lr > lb && rb > rr,
            "{name}: red left, blue right as the raw data has it"
        );
        assert!(
            !is_green(colour_at(&shown, 0.2)),
            "{name}: not the small preview"
        );
    }
}

#[tokio::test]
async fn a_cut_off_raw_file_fails_with_a_reason() {
    if !has_libraw() {
        return;
    }
    let server = TestServer::start().await;
    let whole = dng(640, 480, None);
    for name in ["cut.dng", "cut.nef"] {
        let id = &uploaded(&server, name, whole[..whole.len() / 2].to_vec()).await;
        let asset = settled(&server, id).await;
        let thumbnail = &asset["derivatives"]["thumbnail"];
        assert_eq!(thumbnail["state"], "failed", "{name}: {asset}");
        assert!(
            thumbnail["reason"].as_str().unwrap().contains("dcraw_emu"),
            "{name}: {thumbnail}"
        );
        let health = client().get(server.url("/healthz")).send().await.unwrap();
        assert_eq!(health.status(), 200, "the server goes on");
    }
}

/// An admin installs LibRaw after RAW files came in: at the next start they are made.
#[tokio::test]
async fn raw_files_uploaded_before_libraw_was_installed_are_made_at_the_next_start() {
    use common::process::*;
    if !has_libraw() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    let args = ["serve", "--config", config.to_str().unwrap()];
    // A PATH with `nice` (which runs every media tool) and no media tool.
    let bare = dir.path().join("bin");
    std::fs::create_dir(&bare).unwrap();
    std::os::unix::fs::symlink("/usr/bin/nice", bare.join("nice")).unwrap();
    let without = start(&args, dir.path(), &[("PATH", bare.to_str().unwrap())]);
    let token = login(&without.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let id = upload_file(&without.base, &token, "plain.dng", dng(640, 480, None)).await;
    let thumbnail = settled_derivatives(&without.base, &token, &id).await["thumbnail"].clone();
    assert_eq!(thumbnail["state"], "failed", "{thumbnail}");
    assert!(
        thumbnail["reason"]
            .as_str()
            .unwrap()
            .contains("is not installed"),
        "{thumbnail}"
    );
    drop(without);

    let with = start(&args, dir.path(), &[]);
    let token = login(&with.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let thumbnail = settled_derivatives(&with.base, &token, &id).await["thumbnail"].clone();
    assert_eq!(thumbnail["state"], "ready", "{thumbnail}");
}
