//! The access rule as the owner of a link expects it: what is refused counts nothing, HEAD
//! never counts, a new password ends old visits, a visit belongs to its link, a protected
//! link tells nothing before its password.

mod common;

use common::*;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// The admin's upload of a small text file.
async fn text(server: &TestServer, name: &str, body: &str) -> Value {
    server
        .upload(&server.admin_token, name, body.as_bytes().to_vec())
        .await
}

/// A fresh client (no cookies) asking `method` of `path`.
async fn ask(server: &TestServer, method: Method, path: &str) -> Response {
    client()
        .request(method, server.url(path))
        .send()
        .await
        .unwrap()
}

async fn share_of(server: &TestServer, share: &Value) -> Value {
    let id = share["id"].as_str().unwrap();
    server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
        .await
}

async fn uses_of(server: &TestServer, share: &Value) -> u64 {
    share_of(server, share).await["uses"].as_u64().unwrap()
}

async fn unlock(server: &TestServer, link: &str, password: &str) -> Response {
    client()
        .post(server.url(&format!("{link}/unlock")))
        .form(&[("password", password)])
        .send()
        .await
        .unwrap()
}

/// The signed visit a right password hands out (the cookie's value, also usable as `?v=`).
async fn unlocked_visit(server: &TestServer, link: &str, password: &str) -> String {
    let response = unlock(server, link, password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{link}");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    let pair = cookie.split(';').next().unwrap();
    pair.split_once('=').unwrap().1.to_string()
}

async fn manifest_status(server: &TestServer, link: &str, visit: &str) -> u16 {
    ask(
        server,
        Method::GET,
        &format!("{link}/manifest.json?v={visit}"),
    )
    .await
    .status()
    .as_u16()
}

async fn patch_share(server: &TestServer, share: &Value, body: Value) {
    let id = share["id"].as_str().unwrap();
    let response = server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn requests_that_are_refused_anyway_count_no_use() {
    let server = TestServer::start().await;
    let a = text(&server, "a.txt", "alpha").await;
    let b = text(&server, "b.txt", "bravo").await;
    let other = text(&server, "c.txt", "other").await;
    let (a_id, other_id) = (a["id"].as_str().unwrap(), other["id"].as_str().unwrap());
    let view_only = server
        .admin_share(
            json!({"title": "Look only", "assetIds": [a["id"]], "access": "view", "maxUses": 2}),
        )
        .await;
    let link = link_path(&view_only);
    let token = link.trim_start_matches("/s/");
    let refused = [
        (format!("{link}/assets/{a_id}/original"), 403),
        (format!("{link}/assets/{a_id}/original?download=1"), 403),
        (format!("{link}/assets/{a_id}/preview?download=1"), 403),
        (format!("{link}/download.zip"), 403),
        (format!("/d/{token}"), 403),
        (format!("{link}/assets/{a_id}/presets/nope"), 403),
        (format!("{link}/assets/{a_id}/bogus"), 404),
        (format!("{link}/assets/{other_id}/thumbnail"), 404),
    ];
    for (path, status) in &refused {
        let response = ask(&server, Method::GET, path).await;
        assert_eq!(response.status().as_u16(), *status, "{path}");
        assert!(response.headers().get("set-cookie").is_none(), "{path}");
    }
    assert_eq!(uses_of(&server, &view_only).await, 0);

    // On a download link: a variant the link does not offer, or a zip of one it cannot have.
    let download = server
        .admin_share(
            json!({"title": "Take", "assetIds": [a["id"], b["id"]], "maxUses": 1,
               "downloadOptions": {"original": true}}),
        )
        .await;
    let link = link_path(&download);
    for path in [
        format!("{link}/download.zip?variants=bogus"),
        format!("{link}/download.zip?variants=presets/nope"),
        format!("{link}/download.zip?variants=attributes"),
        format!("{link}/assets/{a_id}/thumbnail?download=1"),
    ] {
        let status = ask(&server, Method::GET, &path).await.status().as_u16();
        assert!((400..500).contains(&status), "{path}: {status}");
    }
    assert_eq!(uses_of(&server, &download).await, 0);
    // The one use is still there for the recipient who asks right.
    let zip = ask(&server, Method::GET, &format!("{link}/download.zip")).await;
    assert_eq!(zip.status(), 200);
    assert!(zip.headers().get("set-cookie").is_some());
    assert_eq!(uses_of(&server, &download).await, 1);
}

#[tokio::test]
async fn head_never_counts_a_use_on_any_route() {
    let server = TestServer::start().await;
    let a = text(&server, "a.txt", "alpha").await;
    let a_id = a["id"].as_str().unwrap();
    let share = server
        .admin_share(json!({"title": "One", "assetIds": [a["id"]], "maxUses": 1}))
        .await;
    let link = link_path(&share);
    let token = link.trim_start_matches("/s/");
    let routes = [
        format!("/d/{token}"),
        format!("{link}/download.zip"),
        format!("{link}/assets/{a_id}/original"),
        link.clone(),
        format!("{link}/manifest.json"),
    ];
    for path in &routes {
        for _ in 0..3 {
            let response = ask(&server, Method::HEAD, path).await;
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.headers().get("set-cookie").is_none(), "{path}");
        }
    }
    let direct = ask(&server, Method::HEAD, &format!("/d/{token}")).await;
    assert_eq!(direct.headers()["content-length"], "5");
    assert_eq!(uses_of(&server, &share).await, 0);
    // The one use, then HEAD tells that the link is used up, everywhere.
    let got = ask(&server, Method::GET, &format!("/d/{token}")).await;
    assert_eq!(got.bytes().await.unwrap().as_ref(), b"alpha");
    for path in &routes {
        assert_eq!(
            ask(&server, Method::HEAD, path).await.status(),
            410,
            "{path}"
        );
    }
    assert_eq!(uses_of(&server, &share).await, 1);
}

#[tokio::test]
async fn a_new_password_ends_the_visits_unlocked_with_the_old_one() {
    let server = TestServer::start().await;
    let a = text(&server, "a.txt", "alpha").await;
    let share = server
        .admin_share(
            json!({"title": "Secret plans", "assetIds": [a["id"]], "password": "first one"}),
        )
        .await;
    let link = link_path(&share);
    let old = unlocked_visit(&server, &link, "first one").await;
    assert_eq!(manifest_status(&server, &link, &old).await, 200);

    patch_share(&server, &share, json!({"password": "second one"})).await;
    assert_eq!(manifest_status(&server, &link, &old).await, 401);
    assert_eq!(unlock(&server, &link, "first one").await.status(), 401);
    let second = unlocked_visit(&server, &link, "second one").await;
    assert_eq!(manifest_status(&server, &link, &second).await, 200);

    // Cleared: open to all; set again (even to the same password): older visits end.
    patch_share(&server, &share, json!({"password": null})).await;
    assert_eq!(manifest_status(&server, &link, &second).await, 200);
    patch_share(&server, &share, json!({"password": "second one"})).await;
    assert_eq!(manifest_status(&server, &link, &second).await, 401);
    // Other changes leave unlocked visits alone.
    let third = unlocked_visit(&server, &link, "second one").await;
    patch_share(&server, &share, json!({"title": "Renamed"})).await;
    assert_eq!(manifest_status(&server, &link, &third).await, 200);
}

#[tokio::test]
async fn a_visit_belongs_to_the_link_it_was_opened_on() {
    let server = TestServer::start().await;
    let a = text(&server, "a.txt", "alpha").await;
    let share = server
        .admin_share(
            json!({"title": "Two links", "assetIds": [a["id"]], "password": "pw pw pw",
               "recipients": [{"email": "ann@example.com"}]}),
        )
        .await;
    let main = link_path(&share);
    let recipient = &share["recipients"][0];
    let theirs = link_path(recipient);
    let main_visit = unlocked_visit(&server, &main, "pw pw pw").await;
    let their_visit = unlocked_visit(&server, &theirs, "pw pw pw").await;
    assert_eq!(manifest_status(&server, &main, &main_visit).await, 200);
    assert_eq!(manifest_status(&server, &theirs, &their_visit).await, 200);
    assert_eq!(manifest_status(&server, &theirs, &main_visit).await, 401);
    assert_eq!(manifest_status(&server, &main, &their_visit).await, 401);

    let (id, rid) = (
        share["id"].as_str().unwrap(),
        recipient["id"].as_str().unwrap(),
    );
    let removed = server
        .admin(
            Method::DELETE,
            &format!("/api/v1/shares/{id}/recipients/{rid}"),
        )
        .send()
        .await
        .unwrap();
    assert!(removed.status().is_success());
    assert_eq!(manifest_status(&server, &theirs, &their_visit).await, 410);
    assert_eq!(manifest_status(&server, &main, &their_visit).await, 401);
    assert_eq!(manifest_status(&server, &main, &main_visit).await, 200);
}

#[tokio::test]
async fn a_protected_link_tells_nothing_of_its_share_before_the_password() {
    let server = TestServer::start().await;
    let a = text(&server, "a.txt", "alpha").await;
    let title = "Merger with Globex";
    let share = server
        .admin_share(json!({"title": title, "assetIds": [a["id"]], "password": "pw pw pw"}))
        .await;
    let link = link_path(&share);
    let page = ask(&server, Method::GET, &link).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("protected"), "{html}");
    assert!(!html.contains(title) && !html.contains("Globex"), "{html}");
    let wrong = unlock(&server, &link, "nope").await;
    assert_eq!(wrong.status(), 401);
    assert!(!wrong.text().await.unwrap().contains("Globex"));
    let visit = unlocked_visit(&server, &link, "pw pw pw").await;
    let unlocked = ask(&server, Method::GET, &format!("{link}?v={visit}")).await;
    assert!(unlocked.text().await.unwrap().contains(title));
}

/// `handoff_active_downloads` from /metrics.
async fn active_downloads(server: &TestServer) -> u64 {
    let text = ask(server, Method::GET, "/metrics")
        .await
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("handoff_active_downloads "))
        .unwrap_or_else(|| panic!("no active downloads gauge in {text}"))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn active_downloads_count_only_bodies_being_sent() {
    let server = TestServer::start().await;
    let a = text(&server, "a.txt", "alpha").await;
    let share = server
        .admin_share(json!({"title": "One", "assetIds": [a["id"]]}))
        .await;
    let link = link_path(&share);
    let manifest = json_of(
        ask(&server, Method::GET, &format!("{link}/manifest.json")).await,
        200,
    )
    .await;
    let original = manifest["assets"][0]["downloads"]["original"]
        .as_str()
        .unwrap()
        .to_string();
    let full = ask(&server, Method::GET, &original).await;
    let etag = full.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(full.bytes().await.unwrap().as_ref(), b"alpha");
    let c = client();
    let not_modified = c
        .get(server.url(&original))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);
    let unsatisfiable = c
        .get(server.url(&original))
        .header("range", "bytes=99-")
        .send()
        .await
        .unwrap();
    assert_eq!(unsatisfiable.status(), 416);
    assert_eq!(
        c.head(server.url(&original)).send().await.unwrap().status(),
        200
    );
    // Whatever finished, the gauge comes back to zero (bodies end a moment after the reply).
    for _ in 0..50 {
        if active_downloads(&server).await == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "active downloads never came down: {}",
        active_downloads(&server).await
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

#[tokio::test]
async fn a_webp_preset_downloaded_alone_is_named_webp() {
    let server = TestServer::start_with(|config| {
        config.presets.insert(
            "web".into(),
            handoff::config::Preset {
                max: 64,
                format: "webp".into(),
                quality: 80,
            },
        );
    })
    .await;
    let asset = server
        .upload(&server.admin_token, "photo.png", png(120, 80))
        .await;
    let id = asset["id"].as_str().unwrap();
    let share = server
        .admin_share(
            json!({"title": "Web", "assetIds": [id], "downloadOptions": {"presets": ["web"]}}),
        )
        .await;
    let link = link_path(&share);
    let path = format!("{link}/assets/{id}/presets/web?download=1");
    let client = client();
    for _ in 0..100 {
        let response = client.get(server.url(&path)).send().await.unwrap();
        if response.status() == 200 {
            assert_eq!(response.headers()["content-type"], "image/webp");
            let disposition = response.headers()["content-disposition"].to_str().unwrap();
            assert!(disposition.contains(".webp"), "{disposition}");
            assert!(!disposition.contains(".jpg"), "{disposition}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the preset was never made");
}
