//! The media pipeline: real images in, thumbnails, previews, presets and watermarks out.

mod common;

use common::derivatives::{dimensions, settled};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::Cursor;
use std::time::Duration;

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            ((x ^ y) & 0xff) as u8,
        ])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A PNG whose header claims 100,000 × 100,000 pixels: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&13u32.to_be_bytes());
    bytes.extend_from_slice(&ihdr);
    bytes.extend_from_slice(&crc32fast::hash(&ihdr).to_be_bytes());
    let mut idat = b"IDAT".to_vec();
    idat.extend_from_slice(&[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    bytes.extend_from_slice(&8u32.to_be_bytes());
    bytes.extend_from_slice(&idat);
    bytes.extend_from_slice(&crc32fast::hash(&idat).to_be_bytes());
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    bytes.extend_from_slice(b"IEND");
    bytes.extend_from_slice(&crc32fast::hash(b"IEND").to_be_bytes());
    bytes
}

fn with_presets(config: &mut handoff::config::Config) {
    config.presets.insert(
        "web".into(),
        handoff::config::Preset {
            max: 400,
            format: "png".into(),
            quality: 85,
        },
    );
}

#[tokio::test]
async fn thumbnails_and_previews_keep_the_aspect_and_never_upscale() {
    let server = TestServer::start_with(with_presets).await;
    let cases = [
        ("landscape.jpg", jpeg(900, 600), (150, 100), (500, 333)),
        ("portrait.png", png(600, 900), (100, 150), (333, 500)),
        ("square.jpg", jpeg(700, 700), (150, 150), (500, 500)),
        ("tiny.png", png(40, 30), (40, 30), (40, 30)),
    ];
    for (name, bytes, thumb, preview) in cases {
        let asset = server.upload(&server.admin_token, name, bytes).await;
        let id = asset["id"].as_str().unwrap();
        let asset = settled(&server, id).await;
        assert_eq!(
            asset["derivatives"]["thumbnail"]["state"], "ready",
            "{name}: {asset}"
        );
        assert_eq!(
            dimensions(&server, &format!("/api/v1/assets/{id}/thumbnail")).await,
            thumb,
            "{name}"
        );
        let (w, h) = dimensions(&server, &format!("/api/v1/assets/{id}/preview")).await;
        assert!(
            w.abs_diff(preview.0) <= 1 && h.abs_diff(preview.1) <= 1,
            "{name}: {w}×{h}"
        );
        let (pw, ph) = dimensions(&server, &format!("/api/v1/assets/{id}/presets/web")).await;
        assert!(
            pw.max(ph) <= 400 && pw.max(ph) >= 40,
            "{name}: preset {pw}×{ph}"
        );
        let preset = server
            .admin(Method::GET, &format!("/api/v1/assets/{id}/presets/web"))
            .send()
            .await
            .unwrap();
        assert_eq!(preset.headers()["content-type"], "image/png");
        assert!(
            asset["attributes"]["width"].is_string(),
            "metadata extracted: {}",
            asset["attributes"]
        );
    }
    // Documents get no derivatives, and say so.
    let doc = server
        .upload(&server.admin_token, "notes.txt", b"hello".to_vec())
        .await;
    assert_eq!(doc["derivatives"]["thumbnail"]["state"], "not_applicable");
}

#[tokio::test]
async fn bombs_and_corrupt_files_fail_without_harm() {
    let server = TestServer::start().await;
    let bomb = server
        .upload(&server.admin_token, "bomb.png", png_bomb())
        .await;
    let mut truncated = jpeg(800, 600);
    truncated.truncate(truncated.len() / 2);
    let corrupt = server
        .upload(&server.admin_token, "broken.jpg", truncated.clone())
        .await;
    let garbage = server
        .upload(&server.admin_token, "noise.jpg", noise(50_000, 7))
        .await;
    for (asset, word) in [(&bomb, "too large"), (&corrupt, "corrupt"), (&garbage, "")] {
        let id = asset["id"].as_str().unwrap();
        let settled = settled(&server, id).await;
        let thumb = &settled["derivatives"]["thumbnail"];
        assert_eq!(thumb["state"], "failed", "{settled}");
        assert!(thumb["reason"].as_str().unwrap().contains(word), "{thumb}");
        // The original is kept as it was.
        let original = server
            .admin(Method::GET, &format!("/api/v1/assets/{id}/original"))
            .send()
            .await
            .unwrap();
        assert_eq!(original.status(), 200);
        expect_error(
            server
                .admin(Method::GET, &format!("/api/v1/assets/{id}/thumbnail"))
                .send()
                .await
                .unwrap(),
            404,
            "not_found",
        )
        .await;
    }
    assert_eq!(
        server
            .client
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn watermarked_shares_serve_marked_previews() {
    let server = TestServer::start().await;
    let asset = server
        .upload(&server.admin_token, "photo.jpg", jpeg(1200, 800))
        .await;
    let id = asset["id"].as_str().unwrap();
    settled(&server, id).await;
    let plain = server
        .admin(Method::GET, &format!("/api/v1/assets/{id}/preview"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let share = json_of(
        server
            .admin(Method::POST, "/api/v1/shares")
            .json(
                &json!({"title": "Marked", "assetIds": [id], "watermark": true, "access": "view"}),
            )
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let url = share["url"].as_str().unwrap();
    let manifest = json_of(
        server
            .client
            .get(format!("{url}/manifest.json"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let preview_url = manifest["assets"][0]["variants"]["preview"]
        .as_str()
        .unwrap();
    let marked = server
        .client
        .get(server.url(preview_url))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let (plain, marked) = (
        image::load_from_memory(&plain).unwrap().to_rgb8(),
        image::load_from_memory(&marked).unwrap().to_rgb8(),
    );
    assert_eq!(plain.dimensions(), marked.dimensions());
    let differing = plain
        .pixels()
        .zip(marked.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    assert!(
        differing > (plain.width() * plain.height() / 100) as usize,
        "the watermark shows: {differing} pixels differ"
    );
    // The thumbnail for the page, but no original: it is view-only.
    assert!(manifest["assets"][0]["variants"]["thumbnail"].is_string());
    let original = format!(
        "{}/assets/{id}/original?v={}",
        &url[url.find("/s/").unwrap()..],
        manifest["visit"].as_str().unwrap()
    );
    expect_error(
        server
            .client
            .get(server.url(&original))
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn unfinished_jobs_resume_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(tempfile::tempdir().unwrap(), test_config(dir.path())).await;
    let asset = server
        .upload(&server.admin_token, "photo.jpg", jpeg(600, 400))
        .await;
    let id = asset["id"].as_str().unwrap().to_string();
    settled(&server, &id).await;
    server.stop().await;
    // As a crash would leave it: the derivatives pending and the job still queued.
    {
        let store = handoff::store::Store::open(&dir.path().join(handoff::DATABASE_FILE)).unwrap();
        let uuid: uuid::Uuid = id.parse().unwrap();
        store
            .write_now(|tx| {
                let mut asset = tx.get::<handoff::assets::Asset>(uuid)?.unwrap();
                for d in asset.derivatives.values_mut() {
                    d.state = handoff::assets::DerivativeState::Pending;
                }
                tx.put(&asset)?;
                handoff::derivatives::enqueue(tx, uuid)
            })
            .unwrap();
    }
    let server = TestServer::start_in(tempfile::tempdir().unwrap(), test_config(dir.path())).await;
    let asset = settled(&server, &id).await;
    assert_eq!(asset["derivatives"]["preview"]["state"], "ready");
    assert_eq!(
        dimensions(&server, &format!("/api/v1/assets/{id}/thumbnail")).await,
        (150, 100)
    );
}

/// A short test video made by ffmpeg itself (lavfi test source).
fn make_video(path: &std::path::Path) -> bool {
    std::process::Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=10",
            "-t",
            "2",
            "-pix_fmt",
            "yuv420p",
        ])
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[tokio::test]
async fn videos_get_a_poster_thumbnail_and_their_duration_when_ffmpeg_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.mp4");
    if !require("ffmpeg", "apt-get install ffmpeg") {
        return;
    }
    assert!(make_video(&path), "ffmpeg makes a test video");
    let server = TestServer::start().await;
    let asset = server
        .upload(
            &server.admin_token,
            "clip.mp4",
            std::fs::read(&path).unwrap(),
        )
        .await;
    assert_eq!(asset["kind"], "video");
    let id = asset["id"].as_str().unwrap();
    let asset = settled(&server, id).await;
    assert_eq!(
        asset["derivatives"]["thumbnail"]["state"], "ready",
        "{asset}"
    );
    assert_eq!(
        dimensions(&server, &format!("/api/v1/assets/{id}/thumbnail")).await,
        (150, 113)
    );
    assert_eq!(asset["attributes"]["width"], "320");
    assert_eq!(asset["attributes"]["duration"], "2.0");
    // An H.264 MP4 plays as it is: no proxy.
    assert_eq!(asset["derivatives"]["proxy"]["state"], "not_applicable");
    // Audio gets its duration.
    let audio = dir.path().join("tone.wav");
    let made = std::process::Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=1",
        ])
        .arg(&audio)
        .status()
        .unwrap();
    assert!(made.success());
    let tone = server
        .upload(
            &server.admin_token,
            "tone.wav",
            std::fs::read(&audio).unwrap(),
        )
        .await;
    let tone_id = tone["id"].as_str().unwrap();
    let mut settled_tone = Value::Null;
    for _ in 0..100 {
        settled_tone = server
            .get_json(&server.admin_token, &format!("/api/v1/assets/{tone_id}"))
            .await;
        if settled_tone["attributes"]["duration"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        settled_tone["attributes"]["duration"], "1.0",
        "{settled_tone}"
    );
    // Its picture is its waveform; PCM WAV plays in browsers as it is.
    let settled_tone = settled(&server, tone_id).await;
    assert_eq!(settled_tone["derivatives"]["thumbnail"]["state"], "ready");
    assert_eq!(
        settled_tone["derivatives"]["proxy"]["state"],
        "not_applicable"
    );
}
