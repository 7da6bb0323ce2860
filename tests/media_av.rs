//! Video and audio as teams have them (SPEC §4): proxies a browser can play, waveforms, and
//! the watermark burned into proxies. Fixtures are made by ffmpeg at test time.

mod common;

use common::derivatives::{ffmpeg_made, image_at, landing_page, settled, shows_a_mark, uploaded};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// What ffprobe says of a file's first stream of `kind` (`v` or `a`): codec, pixel format, height.
fn stream_of(bytes: &[u8], kind: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("probe");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("ffprobe")
        .args(["-v", "error", "-print_format", "json", "-show_streams"])
        .args(["-select_streams", kind])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["streams"][0].clone()
}

/// The first frame of a video, decoded by ffmpeg.
fn first_frame(video: &[u8]) -> image::RgbImage {
    let dir = tempfile::tempdir().unwrap();
    let (input, frame) = (dir.path().join("video.mp4"), dir.path().join("frame.png"));
    std::fs::write(&input, video).unwrap();
    let made = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(&input)
        .args(["-frames:v", "1"])
        .arg(&frame)
        .status()
        .unwrap();
    assert!(made.success());
    image::open(frame).unwrap().to_rgb8()
}

#[tokio::test]
async fn a_prores_clip_gets_an_h264_proxy_that_view_only_links_may_watch() {
    if !require("ffmpeg", "apt-get install ffmpeg") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sources = ["testsrc=size=320x240:rate=10", "sine=frequency=440"];
    let prores = [
        "-c:v",
        "prores_ks",
        "-pix_fmt",
        "yuv422p10le",
        "-c:a",
        "pcm_s16le",
    ];
    let clip = ffmpeg_made(dir.path(), "clip.mov", &sources, &prores);
    let server = TestServer::start_with(|c| c.media.proxy_max_height = 120).await;
    let id = &uploaded(&server, "clip.mov", clip).await;
    let asset = settled(&server, id).await;
    let proxy = &asset["derivatives"]["proxy"];
    assert_eq!(proxy["state"], "ready", "{asset}");
    assert_eq!(proxy["mimeType"], "video/mp4");
    assert_eq!(asset["derivatives"]["thumbnail"]["state"], "ready");

    let path = format!("/api/v1/assets/{id}/proxy");
    let part = server
        .admin(Method::GET, &path)
        .header("range", "bytes=0-99")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap().len(), 100);
    let whole = server.admin(Method::GET, &path).send().await.unwrap();
    assert_eq!(whole.headers()["content-type"], "video/mp4");
    let bytes = whole.bytes().await.unwrap().to_vec();
    let video = stream_of(&bytes, "v");
    assert_eq!(video["codec_name"], "h264");
    assert_eq!(video["pix_fmt"], "yuv420p");
    assert_eq!(
        video["height"], 120,
        "at most [media] proxy_max_height lines"
    );
    assert_eq!(stream_of(&bytes, "a")["codec_name"], "aac");
    let position = |atom: &[u8]| bytes.windows(4).position(|w| w == atom).unwrap();
    assert!(
        position(b"moov") < position(b"mdat"),
        "faststart: the index comes first"
    );

    let share = server
        .admin_share(json!({"title": "Cut", "assetIds": [id], "access": "view"}))
        .await;
    let proxy_url = server.url(&format!("{}/assets/{id}/proxy", link_path(&share)));
    let download = server
        .client
        .get(format!("{proxy_url}?download=1"))
        .send()
        .await
        .unwrap();
    expect_error(download, 403, "forbidden").await;
    let watched = server
        .client
        .get(&proxy_url)
        .header("range", "bytes=0-")
        .send()
        .await
        .unwrap();
    assert_eq!(watched.status(), 206);
    assert!(
        !watched.headers().contains_key("content-disposition")
            || watched.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("inline")
    );
    let manifest = json_of(
        server
            .client
            .get(server.url(&format!("{}/manifest.json", link_path(&share))))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert!(
        manifest["assets"][0]["variants"]["proxy"].is_string(),
        "{manifest}"
    );
    // The lightbox plays the proxy, not the ProRes original.
    let landing = landing_page(&server, &link_path(&share), "").await;
    assert!(
        landing.contains(&format!("/assets/{id}/proxy?v=")),
        "{landing}"
    );

    // A watermarked share plays a proxy with the mark burned in.
    let marked_share = server
        .admin_share(json!({"title": "Marked cut", "assetIds": [id], "watermark": true}))
        .await;
    let marked_url = server.url(&format!("{}/assets/{id}/proxy", link_path(&marked_share)));
    let marked = server.client.get(marked_url).send().await.unwrap();
    assert_eq!(marked.status(), 200);
    let marked = marked.bytes().await.unwrap();
    let (plain, marked) = (first_frame(&bytes), first_frame(&marked));
    assert!(
        shows_a_mark(&plain, &marked),
        "the watermark shows on the proxy"
    );
}

#[tokio::test]
async fn audio_gets_a_waveform_and_a_proxy_only_where_browsers_need_one() {
    if !require("ffmpeg", "apt-get install ffmpeg") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tone = ["sine=frequency=440"];
    let flac = ffmpeg_made(dir.path(), "take.flac", &tone, &[]);
    let aiff = ffmpeg_made(dir.path(), "take.aiff", &tone, &[]);
    let server = TestServer::start().await;

    let id = &uploaded(&server, "take.flac", flac).await;
    let asset = settled(&server, id).await;
    assert_eq!(
        asset["derivatives"]["proxy"]["state"], "not_applicable",
        "FLAC plays"
    );
    let waveform = image_at(&server, &format!("/api/v1/assets/{id}/preview")).await;
    assert_eq!(waveform.width(), 500, "the waveform is the preview");

    let id = &uploaded(&server, "take.aiff", aiff).await;
    let asset = settled(&server, id).await;
    assert_eq!(asset["derivatives"]["proxy"]["state"], "ready", "{asset}");
    assert_eq!(asset["derivatives"]["proxy"]["mimeType"], "audio/mp4");
    let proxy = server
        .admin(Method::GET, &format!("/api/v1/assets/{id}/proxy"))
        .send()
        .await
        .unwrap();
    let bytes = proxy.bytes().await.unwrap();
    assert_eq!(stream_of(&bytes, "a")["codec_name"], "aac");
}
