//! Contact sheets: a PDF of the share's title and a grid of thumbnails with name, size and
//! the shown attributes; alone and in the zip, whose exact length still holds. `pdftotext`
//! (poppler-utils) reads it as a user's PDF viewer would; Chromium finds its link on the page.

mod common;

use common::browser::{self, Driver, SERIAL};
use common::dam::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// An image asset whose thumbnail is ready.
async fn image(server: &TestServer, name: &str, title: &str) -> String {
    let png = browser::png(64, 48, [200, 40, 40], [40, 40, 200]);
    let id = server.upload(&server.admin_token, name, png).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    patch_asset(
        server,
        &server.admin_token,
        &id,
        json!({"attributes": {"title": title}}),
    )
    .await;
    for _ in 0..400 {
        let asset = server
            .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
            .await;
        if asset["derivatives"]["thumbnail"]["state"] == "ready" {
            return id;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no thumbnail for {name}");
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

async fn sheet_share(server: &TestServer, ids: &[String]) -> Value {
    let options = json!({"original": true, "contactSheet": true});
    let body = json!({"title": "Spring shoot", "assetIds": ids, "downloadOptions": options, "showAttributes": ["name", "size", "title"]});
    server.admin_share(body).await
}

#[tokio::test]
async fn the_contact_sheet_shows_the_title_and_each_asset_and_rides_in_the_zip() {
    if !require("pdftotext", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let ids = vec![
        image(&server, "dune.png", "Dunes at dawn").await,
        image(&server, "sea.png", "Sea").await,
    ];
    let share = sheet_share(&server, &ids).await;
    let link = link_path(&share);
    let offered = manifest(&server, &share).await;
    let url = offered["contactSheet"]
        .as_str()
        .expect("the manifest offers the sheet");

    let response = server.client.get(server.url(url)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let etag = response.headers()["etag"].clone();
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for expected in [
        "Spring shoot",
        "dune.png",
        "sea.png",
        "title: Dunes at dawn",
        "title: Sea",
        "Page 1 of 1 - 2 files",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let bytes = browser::png(64, 48, [200, 40, 40], [40, 40, 200]).len();
    let size = format!("{:.1} KB", bytes as f64 / 1000.0);
    assert!(text.contains(&size), "{size} in {text}");

    // Asked again: the same bytes (made once per content).
    let again = server.client.get(server.url(url)).send().await.unwrap();
    assert_eq!(again.headers()["etag"], etag);

    // In the zip, with the zip's exact length, the same PDF.
    let zip = server
        .client
        .get(server.url(&format!("{link}/download.zip")))
        .send()
        .await
        .unwrap();
    let announced: usize = zip.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = zip.bytes().await.unwrap();
    assert_eq!(bytes.len(), announced);
    let entries = zip_entries(&bytes);
    let sheet = entries
        .iter()
        .find(|(n, _)| n == "contact-sheet.pdf")
        .expect("the sheet in the zip");
    assert_eq!(sheet.1, pdf);
    let alone = server
        .client
        .get(server.url(&format!("{link}/download.zip?variants=contactSheet")))
        .send()
        .await
        .unwrap();
    assert_eq!(zip_entries(&alone.bytes().await.unwrap()).len(), 1);

    // A change of what it shows makes a new sheet.
    patch_asset(
        &server,
        &server.admin_token,
        &ids[1],
        json!({"attributes": {"title": "Open sea"}}),
    )
    .await;
    let changed = server.client.get(server.url(url)).send().await.unwrap();
    assert_ne!(changed.headers()["etag"], etag);
    assert!(pdf_text(&changed.bytes().await.unwrap()).contains("title: Open sea"));

    // A link without the option has none.
    let plain = server
        .admin_share(json!({"title": "Plain", "assetIds": ids}))
        .await;
    let refused = server
        .client
        .get(server.url(&format!("{}/contact-sheet.pdf", link_path(&plain))))
        .send()
        .await
        .unwrap();
    expect_error(refused, 403, "forbidden").await;
    assert_eq!(manifest(&server, &plain).await["contactSheet"], Value::Null);
    let refused = server
        .client
        .get(server.url(&format!(
            "{}/download.zip?variants=contactSheet",
            link_path(&plain)
        )))
        .send()
        .await
        .unwrap();
    expect_error(refused, 403, "forbidden").await;
}

/// The sheet of `share` as sent alone, with its ETag, and as it is in the whole zip (whose
/// announced length must hold).
async fn sheet_and_zipped(server: &TestServer, share: &Value) -> (String, Vec<u8>, Vec<u8>) {
    let url = manifest(server, share).await["contactSheet"]
        .as_str()
        .expect("the manifest offers the sheet")
        .to_string();
    let response = server.client.get(server.url(&url)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let pdf = response.bytes().await.unwrap().to_vec();
    let zip_url = format!("{}/download.zip", link_path(share));
    let zip = server
        .client
        .get(server.url(&zip_url))
        .send()
        .await
        .unwrap();
    let announced: usize = zip.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = zip.bytes().await.unwrap();
    assert_eq!(bytes.len(), announced, "the zip is as long as it said");
    let (_, zipped) = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "contact-sheet.pdf")
        .expect("the sheet in the zip");
    (etag, pdf, zipped)
}

/// The sheet's text holds each of `expected` and nothing of the language before (`gone`).
fn reads(pdf: &[u8], expected: &[&str], gone: &str) {
    let text = pdf_text(pdf);
    for expected in expected {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(!text.contains(gone), "no {gone:?} left: {text}");
}

#[tokio::test]
async fn the_sheet_speaks_the_shares_language_alone_and_in_the_zip() {
    if !require("pdftotext", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let ids = vec![
        image(&server, "dune.png", "Dunen").await,
        image(&server, "sea.png", "Meer").await,
    ];
    let options = json!({"original": true, "contactSheet": true});
    let body = json!({"title": "Frühjahr", "assetIds": ids, "downloadOptions": options,
        "showAttributes": ["name", "type", "title"], "language": "de"});
    let share = server.admin_share(body).await;
    let (german_etag, pdf, zipped) = sheet_and_zipped(&server, &share).await;
    assert_eq!(zipped, pdf, "the zip holds the same German sheet");
    reads(
        &pdf,
        &[
            "Seite 1 von 1 - 2 Dateien",
            "Typ: image/png",
            "title: Dunen",
        ],
        "Page 1",
    );

    // The share's language changed: a new sheet, in Japanese, the zip's length still exact.
    set_language(&server, &share, "ja").await;
    let (japanese_etag, pdf, zipped) = sheet_and_zipped(&server, &share).await;
    assert_ne!(
        japanese_etag, german_etag,
        "a new sheet for the new language"
    );
    assert_eq!(zipped, pdf, "the zip holds the same Japanese sheet");
    reads(
        &pdf,
        &[
            "1 / 1 ページ - 2 ファイル",
            "種類: image/png",
            "title: Meer",
        ],
        "Seite",
    );

    // Only the language changes what this sheet shows (no built-in labels): still a new one.
    let plain = sheet_share(&server, &ids).await;
    let (english_etag, pdf, _) = sheet_and_zipped(&server, &plain).await;
    assert!(pdf_text(&pdf).contains("Page 1 of 1 - 2 files"));
    set_language(&server, &plain, "ja").await;
    let (etag, pdf, zipped) = sheet_and_zipped(&server, &plain).await;
    assert_ne!(
        etag, english_etag,
        "the language is part of what the sheet shows"
    );
    assert_eq!(zipped, pdf);
    let text = pdf_text(&pdf);
    assert!(text.contains("1 / 1 ページ - 2 ファイル"), "{text}");
}

async fn set_language(server: &TestServer, share: &Value, language: &str) {
    let id = share["id"].as_str().unwrap();
    let patched = server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({ "language": language }))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(patched, 200).await["language"], language);
}

#[tokio::test]
async fn names_in_japanese_greek_cyrillic_and_accented_latin_print_as_they_are() {
    if !require("pdftotext", "apt-get install poppler-utils") {
        return;
    }
    let server = TestServer::start().await;
    let names = [
        ("富士山の写真.png", "夕焼けの富士山"),
        ("Ακρόπολη.png", "Αθήνα, Ελλάδα"),
        ("Москва.png", "Красная площадь"),
        ("Łódź_Göteborg_Ñandú.png", "Œuvre, façade"),
    ];
    let mut ids = Vec::new();
    for (name, title) in names {
        ids.push(image(&server, name, title).await);
    }
    let options = json!({"original": true, "contactSheet": true});
    let body = json!({"title": "春の撮影 — Весна", "assetIds": ids, "downloadOptions": options, "showAttributes": ["name", "title"]});
    let share = server.admin_share(body).await;
    let url = manifest(&server, &share).await["contactSheet"]
        .as_str()
        .expect("the manifest offers the sheet")
        .to_string();
    let response = server.client.get(server.url(&url)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let pdf = response.bytes().await.unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("春の撮影 — Весна"), "the title in {text}");
    for (name, title) in names {
        assert!(text.contains(name), "{name:?} in {text}");
        assert!(
            text.contains(&format!("title: {title}")),
            "{title:?} in {text}"
        );
    }
    assert!(!text.contains('?'), "nothing replaced: {text}");
    // The fonts go in cut to the glyphs used: the sheet stays small.
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
}

#[tokio::test]
async fn a_recipient_finds_the_contact_sheet_link_on_the_page() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let ids = vec![image(&server, "dune.png", "Dunes").await];
    let share = sheet_share(&server, &ids).await;
    let work = tempfile::tempdir().unwrap();
    let browser = driver.browser(work.path()).await;
    browser.goto(share["url"].as_str().unwrap()).await;
    browser.wait_for("#contact-sheet").await;
    assert!(browser
        .text("#contact-sheet")
        .await
        .contains("Contact sheet (PDF)"));
    let href = browser
        .js(
            "return document.querySelector('#contact-sheet').getAttribute('href')",
            json!([]),
        )
        .await;
    let (status, _, first, disposition) = browser.fetch(href.as_str().unwrap()).await;
    assert_eq!((status, first.as_slice()), (200, b"%PDF".as_slice()));
    assert!(disposition.starts_with("attachment"), "{disposition}");
    browser.quit().await;
}
