//! Media as teams have it (SPEC §4): PDF pages, SVG drawings and HEIC/AVIF photos, made at
//! test time. Video and audio proxies: tests/media_av.rs.

mod common;

use common::derivatives::{
    dimensions, image_at, landing_page, mostly, settled, shows_a_mark, uploaded,
};
use common::pdf::pdf;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

const RED: [u8; 3] = [255, 0, 0];
const GREEN: [u8; 3] = [0, 255, 0];
const BLUE: [u8; 3] = [0, 0, 255];

fn page_keys(asset: &Value) -> Vec<String> {
    asset["derivatives"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| k.contains("pages/"))
        .cloned()
        .collect()
}

async fn share_events(server: &TestServer, share: &Value, count: usize) -> Vec<Value> {
    let path = format!("/api/v1/shares/{}/events", share["id"].as_str().unwrap());
    for _ in 0..100 {
        let events = server.get_json(&server.admin_token, &path).await;
        let items = events["items"].as_array().unwrap().clone();
        if items.len() >= count {
            return items;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("fewer than {count} events on the share");
}

#[tokio::test]
async fn a_pdf_gets_its_first_page_as_thumbnail_and_every_page_on_demand() {
    if !require("pdftoppm", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let brochure = pdf(3, &[RED, GREEN, BLUE]);
    let asset = server
        .upload(&server.admin_token, "brochure.pdf", brochure)
        .await;
    let id = asset["id"].as_str().unwrap();
    let asset = settled(&server, id).await;
    assert_eq!(
        asset["derivatives"]["thumbnail"]["state"], "ready",
        "{asset}"
    );
    assert_eq!(asset["attributes"]["pages"], "3");
    let thumbnail = image_at(&server, &format!("/api/v1/assets/{id}/thumbnail")).await;
    assert_eq!((thumbnail.width(), thumbnail.height()), (150, 113));
    assert!(mostly(&thumbnail, RED), "the first page");
    assert_eq!(
        dimensions(&server, &format!("/api/v1/assets/{id}/preview")).await,
        (500, 375)
    );
    assert!(
        page_keys(&asset).is_empty(),
        "no page made before it is asked for"
    );

    let second = image_at(&server, &format!("/api/v1/assets/{id}/pages/2")).await;
    assert_eq!((second.width(), second.height()), (500, 375));
    assert!(mostly(&second, GREEN), "page 2 is page 2");
    for outside in [0, 4] {
        let response = server
            .admin(Method::GET, &format!("/api/v1/assets/{id}/pages/{outside}"))
            .send()
            .await
            .unwrap();
        expect_error(response, 404, "not_found").await;
    }
    let asset = settled(&server, id).await;
    assert_eq!(page_keys(&asset), ["pages/2"], "the page is kept once made");
}

#[tokio::test]
async fn view_only_links_page_through_a_pdf_without_downloading_it() {
    if !require("pdftoppm", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let id = &uploaded(&server, "deck.pdf", pdf(2, &[RED, BLUE])).await;
    let share = server
        .admin_share(json!({"title": "Deck", "assetIds": [id], "access": "view", "maxUses": 1}))
        .await;
    let link = link_path(&share);
    let page = |n: u32, extra: &str| server.url(&format!("{link}/assets/{id}/pages/{n}{extra}"));

    // Refused requests come first: they count no use of the single one.
    let download = server
        .client
        .get(page(2, "?download=1"))
        .send()
        .await
        .unwrap();
    expect_error(download, 403, "forbidden").await;
    let outside = server.client.get(page(3, "")).send().await.unwrap();
    expect_error(outside, 404, "not_found").await;

    let response = server.client.get(page(2, "")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    let visit = cookie.split(';').next().unwrap().to_string();
    let shown = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
    assert!(mostly(&shown, BLUE), "page 2");
    // The next page within the same visit.
    let first = server
        .client
        .get(page(1, ""))
        .header("cookie", &visit)
        .send()
        .await
        .unwrap();
    assert_eq!(
        first.status(),
        200,
        "the one use was not spent by the refusals"
    );
    first.bytes().await.unwrap();

    // The landing page opens the first page and lets the lightbox turn the others.
    let landing = landing_page(&server, &link, &visit).await;
    assert!(landing.contains("data-pages=\"2\""), "{landing}");
    assert!(
        landing.contains(&format!("/assets/{id}/pages/{{n}}?v=")),
        "{landing}"
    );

    let events = share_events(&server, &share, 3).await;
    let previews: Vec<&Value> = events.iter().filter(|e| e["type"] == "preview").collect();
    assert!(
        previews
            .iter()
            .any(|e| e["variant"] == "pages/2" && e["assetId"] == id.as_str()),
        "{events:?}"
    );
}

#[tokio::test]
async fn watermarked_shares_show_marked_pages() {
    if !require("pdftoppm", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let id = &uploaded(&server, "plan.pdf", pdf(1, &[BLUE])).await;
    let plain = image_at(&server, &format!("/api/v1/assets/{id}/pages/1")).await;
    let share = server
        .admin_share(json!({"title": "Plan", "assetIds": [id], "watermark": true}))
        .await;
    let url = server.url(&format!("{}/assets/{id}/pages/1", link_path(&share)));
    let response = server.client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let marked = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
    assert!(
        shows_a_mark(&plain.to_rgb8(), &marked.to_rgb8()),
        "the watermark shows on the page"
    );
    let asset = settled(&server, id).await;
    assert_eq!(page_keys(&asset), ["pages/1", "watermarked/pages/1"]);
}

#[tokio::test]
async fn a_pdf_of_ten_thousand_pages_costs_only_the_pages_asked_for() {
    if !require("pdftoppm", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let asset = server
        .upload(&server.admin_token, "huge.pdf", pdf(10_000, &[RED, GREEN]))
        .await;
    let id = asset["id"].as_str().unwrap();
    let asset = settled(&server, id).await;
    assert_eq!(asset["attributes"]["pages"], "10000");
    assert_eq!(asset["derivatives"]["preview"]["state"], "ready");
    let last = image_at(&server, &format!("/api/v1/assets/{id}/pages/10000")).await;
    assert!(mostly(&last, GREEN), "page 10,000");
    let beyond = server
        .admin(Method::GET, &format!("/api/v1/assets/{id}/pages/10001"))
        .send()
        .await
        .unwrap();
    expect_error(beyond, 404, "not_found").await;
    let asset = settled(&server, id).await;
    assert_eq!(page_keys(&asset), ["pages/10000"]);
}

/// The health check names the media tools that are missing, and is healthy without them.
#[tokio::test]
async fn the_health_check_names_missing_media_tools() {
    let server = TestServer::start().await;
    let health = json_of(
        server
            .client
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let missing: Vec<&str> = health["media"]["missingTools"]
        .as_array()
        .unwrap_or_else(|| panic!("{health}"))
        .iter()
        .map(|t| t["program"].as_str().unwrap())
        .collect();
    let path = std::env::var_os("PATH").unwrap_or_default();
    for program in ["ffmpeg", "pdftoppm", "heif-convert"] {
        let here = std::env::split_paths(&path).any(|d| d.join(program).is_file());
        assert_eq!(missing.contains(&program), !here, "{program}: {health}");
    }
}

/// A file poppler cannot read is a failed derivative with poppler's reason (or, where poppler
/// is missing, the name of the missing tool): never a silent icon.
#[tokio::test]
async fn a_broken_pdf_fails_with_a_reason() {
    let server = TestServer::start().await;
    let path = std::env::var_os("PATH").unwrap_or_default();
    let asset = server
        .upload(
            &server.admin_token,
            "broken.pdf",
            b"%PDF-1.4\nnot really".to_vec(),
        )
        .await;
    let id = asset["id"].as_str().unwrap();
    let asset = settled(&server, id).await;
    let thumbnail = &asset["derivatives"]["thumbnail"];
    assert_eq!(thumbnail["state"], "failed", "{asset}");
    let reason = thumbnail["reason"].as_str().unwrap();
    let poppler_here = std::env::split_paths(&path).any(|d| d.join("pdftoppm").is_file());
    let expected = if poppler_here {
        "pdftoppm failed"
    } else {
        "pdftoppm is not installed"
    };
    assert!(reason.contains(expected), "{reason}");
}

/// An SVG with a script and an external drawing: the script is never run, the external file
/// (which exists on the server's own disk) is never read, and the original never renders
/// inline on any route.
#[tokio::test]
async fn svg_drawings_are_rasterized_without_their_scripts_or_external_files() {
    let server = TestServer::start().await;
    let outside = server.dir.path().join("outside.svg");
    std::fs::write(
        &outside,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="red"/></svg>"#,
    )
    .unwrap();
    let drawing = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">
  <script>fetch("/api/v1/me")</script>
  <rect width="40" height="20" fill="blue"/>
  <image x="0" y="0" width="40" height="20" xlink:href="{}"/>
</svg>"#,
        outside.display()
    );
    let id = &uploaded(&server, "logo.svg", drawing.into_bytes()).await;
    let asset = settled(&server, id).await;
    assert_eq!(asset["derivatives"]["preview"]["state"], "ready", "{asset}");
    assert_eq!(asset["attributes"]["width"], "40");
    // A vector drawing is drawn at the size asked, not blown up from 40 px.
    let preview = image_at(&server, &format!("/api/v1/assets/{id}/preview")).await;
    assert_eq!((preview.width(), preview.height()), (500, 250));
    assert!(
        mostly(&preview, BLUE),
        "the external red file was not drawn"
    );
    assert_eq!(
        dimensions(&server, &format!("/api/v1/assets/{id}/thumbnail")).await,
        (150, 75)
    );

    let team = server
        .admin(Method::GET, &format!("/api/v1/assets/{id}/original"))
        .send()
        .await
        .unwrap();
    assert_not_inline(&team);
    let share = server
        .admin_share(json!({"title": "Logo", "assetIds": [id]}))
        .await;
    let original = format!("{}/assets/{id}/original", link_path(&share));
    let recipient = server
        .client
        .get(server.url(&original))
        .send()
        .await
        .unwrap();
    assert_eq!(recipient.status(), 200);
    assert_not_inline(&recipient);
}

/// Sent as an attachment, or under a sandbox that runs nothing.
fn assert_not_inline(response: &reqwest::Response) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let attachment = header("content-disposition").starts_with("attachment");
    let sandboxed = header("content-security-policy").contains("sandbox");
    assert!(attachment || sandboxed, "{:?}", response.headers());
}

#[tokio::test]
async fn heic_and_avif_photos_get_thumbnails_and_their_size() {
    if !require("heif-enc", "apt-get install libheif-examples") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.png");
    image::RgbImage::from_pixel(600, 400, image::Rgb(GREEN))
        .save(&png)
        .unwrap();
    let encode = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let made = std::process::Command::new("heif-enc")
            .args(extra)
            .arg("-o")
            .arg(&out)
            .arg(&png)
            .output()
            .unwrap();
        assert!(made.status.success(), "heif-enc makes {name}");
        std::fs::read(out).unwrap()
    };
    let heic = encode("photo.heic", &[]);
    let avif = encode("photo.avif", &["-A"]);
    let server = TestServer::start().await;
    for (name, bytes) in [("IMG_0001.HEIC", heic.clone()), ("photo.avif", avif)] {
        let id = &uploaded(&server, name, bytes).await;
        let asset = settled(&server, id).await;
        assert_eq!(
            asset["derivatives"]["thumbnail"]["state"], "ready",
            "{asset}"
        );
        assert_eq!(asset["attributes"]["width"], "600", "{name}");
        assert_eq!(asset["attributes"]["height"], "400", "{name}");
        let thumbnail = image_at(&server, &format!("/api/v1/assets/{id}/thumbnail")).await;
        assert_eq!(
            (thumbnail.width(), thumbnail.height()),
            (150, 100),
            "{name}"
        );
        assert!(mostly(&thumbnail, GREEN), "{name}");
    }
    // A cut-off photo is a clear failure, and the server goes on.
    let id = &uploaded(&server, "cut.heic", heic[..heic.len() / 2].to_vec()).await;
    let asset = settled(&server, id).await;
    let thumbnail = &asset["derivatives"]["thumbnail"];
    assert_eq!(thumbnail["state"], "failed", "{asset}");
    assert!(
        thumbnail["reason"]
            .as_str()
            .unwrap()
            .contains("heif-convert"),
        "{thumbnail}"
    );
    let health = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200, "the server goes on");
}
