//! "Download all": a valid, deterministic zip with an exact length, resumable with Range.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::io::Read;

struct Bundle {
    server: TestServer,
    share: Value,
    zip_path: String,
    files: Vec<(String, Vec<u8>)>,
}

/// A share of several files, two with the same name and one with a hostile name.
async fn bundle_share(options: Value) -> Bundle {
    let server = TestServer::start().await;
    let files = vec![
        ("photo.jpg".to_string(), noise(300_000, 1)),
        ("photo.jpg".to_string(), noise(1000, 2)),
        ("PHOTO.JPG".to_string(), noise(10, 3)),
        ("..\\..\\boot.ini".to_string(), b"[boot]".to_vec()),
        ("CON".to_string(), b"device".to_vec()),
        ("empty.txt".to_string(), Vec::new()),
        ("Grüße 日本.txt".to_string(), "unicode".as_bytes().to_vec()),
    ];
    let mut ids = Vec::new();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let asset = server
            .upload(&server.admin_token, name, bytes.clone())
            .await;
        if i == 0 {
            let id = asset["id"].as_str().unwrap();
            let attributes =
                json!({"attributes": {"title": "=HYPERLINK(\"http://x\")", "tags": "a,b"}});
            server
                .admin(Method::PATCH, &format!("/api/v1/assets/{id}"))
                .json(&attributes)
                .send()
                .await
                .unwrap();
        }
        ids.push(asset["id"].clone());
    }
    let mut body = json!({"title": "All of it", "assetIds": ids});
    body.as_object_mut()
        .unwrap()
        .extend(options.as_object().unwrap().clone());
    let share = json_of(
        server
            .admin(Method::POST, "/api/v1/shares")
            .json(&body)
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let url = share["url"].as_str().unwrap();
    let zip_path = format!("{}/download.zip", &url[url.find("/s/").unwrap()..]);
    Bundle {
        server,
        share,
        zip_path,
        files,
    }
}

impl Bundle {
    async fn fetch(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.server.client.get(self.server.url(path));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.send().await.unwrap()
    }
}

fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect()
}

fn check_with_unzip_and_python(zip: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.zip");
    std::fs::write(&path, zip).unwrap();
    let unzip = std::process::Command::new("unzip")
        .arg("-t")
        .arg(&path)
        .output()
        .expect("unzip on PATH");
    assert!(
        unzip.status.success(),
        "{}",
        String::from_utf8_lossy(&unzip.stdout)
    );
    let script = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))";
    let python = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python3 on PATH");
    assert!(
        python.status.success(),
        "{}",
        String::from_utf8_lossy(&python.stderr)
    );
}

#[tokio::test]
async fn download_all_is_a_valid_zip_with_an_exact_length_and_safe_unique_names() {
    let bundle = bundle_share(json!({})).await;
    let response = bundle.fetch(&bundle.zip_path, &[]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("All of it.zip"));
    let length: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let zip = response.bytes().await.unwrap().to_vec();
    assert_eq!(zip.len(), length, "the announced length is exact");
    check_with_unzip_and_python(&zip);

    let got = entries(&zip);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "photo.jpg",
            "photo (2).jpg",
            "PHOTO (3).JPG",
            "boot.ini",
            "_CON",
            "empty.txt",
            "Grüße 日本.txt"
        ]
    );
    for ((_, bytes), (_, expected)) in got.iter().zip(&bundle.files) {
        assert_eq!(bytes, expected);
    }
}

#[tokio::test]
async fn every_range_matches_the_same_slice_and_stale_if_range_sends_all() {
    let bundle = bundle_share(json!({})).await;
    let full = bundle.fetch(&bundle.zip_path, &[]).await;
    let etag = full.headers()["etag"].to_str().unwrap().to_string();
    let zip = full.bytes().await.unwrap().to_vec();
    let len = zip.len();
    let cases = [
        (0, 0),
        (0, 99),
        (1000, 250_000),
        (len / 2, len / 2 + 7),
        (len - 1, len - 1),
        (100, len - 1),
    ];
    for (start, end) in cases {
        let response = bundle
            .fetch(
                &bundle.zip_path,
                &[("range", &format!("bytes={start}-{end}"))],
            )
            .await;
        assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            response.headers()["content-range"],
            format!("bytes {start}-{end}/{len}").as_str()
        );
        assert_eq!(
            response.bytes().await.unwrap().as_ref(),
            &zip[start..=end],
            "bytes {start}-{end}"
        );
    }
    let suffix = bundle
        .fetch(&bundle.zip_path, &[("range", "bytes=-100")])
        .await;
    assert_eq!(suffix.bytes().await.unwrap().as_ref(), &zip[len - 100..]);
    let open_ended = bundle
        .fetch(
            &bundle.zip_path,
            &[("range", &format!("bytes={}-", len - 5000))],
        )
        .await;
    assert_eq!(
        open_ended.bytes().await.unwrap().as_ref(),
        &zip[len - 5000..]
    );
    let beyond = bundle
        .fetch(&bundle.zip_path, &[("range", &format!("bytes={len}-"))])
        .await;
    assert_eq!(beyond.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        beyond.headers()["content-range"],
        format!("bytes */{len}").as_str()
    );
    // A resume with the right ETag continues; with a stale one it starts over.
    let resumed = bundle
        .fetch(
            &bundle.zip_path,
            &[("range", "bytes=10-"), ("if-range", &etag)],
        )
        .await;
    assert_eq!(resumed.status(), StatusCode::PARTIAL_CONTENT);
    let stale = bundle
        .fetch(
            &bundle.zip_path,
            &[("range", "bytes=10-"), ("if-range", "\"zip-stale\"")],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(stale.bytes().await.unwrap().len(), len);
    let head = bundle
        .server
        .client
        .head(bundle.server.url(&bundle.zip_path))
        .send()
        .await
        .unwrap();
    assert_eq!(head.headers()["content-length"], len.to_string().as_str());
    assert_eq!(head.headers()["etag"], etag.as_str());
}

#[tokio::test]
async fn the_archive_is_deterministic_and_changes_with_its_content() {
    let bundle = bundle_share(json!({})).await;
    let first = bundle.fetch(&bundle.zip_path, &[]).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let first = first.bytes().await.unwrap();
    let second = bundle.fetch(&bundle.zip_path, &[]).await;
    assert_eq!(second.headers()["etag"], etag.as_str());
    assert_eq!(second.bytes().await.unwrap(), first);
    let extra = bundle
        .server
        .upload(&bundle.server.admin_token, "new.txt", b"new".to_vec())
        .await;
    let id = bundle.share["id"].as_str().unwrap();
    bundle
        .server
        .admin(Method::POST, &format!("/api/v1/shares/{id}/assets"))
        .json(&json!({"assetIds": [extra["id"]]}))
        .send()
        .await
        .unwrap();
    let third = bundle.fetch(&bundle.zip_path, &[]).await;
    assert_ne!(third.headers()["etag"], etag.as_str());
    assert_eq!(
        entries(&third.bytes().await.unwrap()).len(),
        bundle.files.len() + 1
    );
}

#[tokio::test]
async fn variants_and_the_attributes_csv() {
    let bundle =
        bundle_share(json!({"downloadOptions": {"original": true, "attributes": true}})).await;
    let zip = bundle
        .fetch(&bundle.zip_path, &[])
        .await
        .bytes()
        .await
        .unwrap();
    let got = entries(&zip);
    let (_, csv) = got
        .iter()
        .find(|(n, _)| n == "attributes.csv")
        .expect("attributes.csv in the bundle");
    let csv = String::from_utf8(csv.clone()).unwrap();
    assert!(
        csv.starts_with("id,name,type,size,created,tags,title\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "formulas are defused: {csv}"
    );
    assert!(csv.contains("\"a,b\""));
    let only_csv = bundle
        .fetch(&format!("{}?variants=attributes", bundle.zip_path), &[])
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(entries(&only_csv).len(), 1);
    let bad = bundle
        .fetch(&format!("{}?variants=bogus", bundle.zip_path), &[])
        .await;
    expect_error(bad, 400, "bad_request").await;
    let not_offered = bundle
        .fetch(&format!("{}?variants=preview", bundle.zip_path), &[])
        .await;
    expect_error(not_offered, 403, "forbidden").await;
    // A variant some file will never have (text has no preview, a corrupt photo failed) is not
    // offered either, once the pending ones are settled: 403, not "try again later".
    let with_previews = bundle_share(json!({"downloadOptions": {"preview": true}})).await;
    let previews = format!("{}?variants=preview", with_previews.zip_path);
    let mut answer = with_previews.fetch(&previews, &[]).await;
    for _ in 0..50 {
        if answer.status() != 409 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        answer = with_previews.fetch(&previews, &[]).await;
    }
    expect_error(answer, 403, "forbidden").await;

    // Without the CSV option, asking for it is refused and the default leaves it out.
    let plain = bundle_share(json!({})).await;
    let zip = plain
        .fetch(&plain.zip_path, &[])
        .await
        .bytes()
        .await
        .unwrap();
    assert!(entries(&zip).iter().all(|(n, _)| n != "attributes.csv"));
    expect_error(
        plain
            .fetch(&format!("{}?variants=attributes", plain.zip_path), &[])
            .await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_bundle_is_one_event_with_the_bytes_sent_and_a_dropped_client_leaves_nothing_running() {
    let bundle = bundle_share(json!({})).await;
    // Large enough that network buffers cannot hold it all when the client leaves.
    let big = bundle
        .server
        .upload(&bundle.server.admin_token, "big.bin", noise(40 << 20, 9))
        .await;
    let id = bundle.share["id"].as_str().unwrap();
    bundle
        .server
        .admin(Method::POST, &format!("/api/v1/shares/{id}/assets"))
        .json(&json!({"assetIds": [big["id"]]}))
        .send()
        .await
        .unwrap();
    let full = bundle
        .fetch(&bundle.zip_path, &[])
        .await
        .bytes()
        .await
        .unwrap();
    // A client that reads a little and goes away.
    let mut partial = bundle.fetch(&bundle.zip_path, &[]).await;
    let first = partial.chunk().await.unwrap().unwrap();
    assert!(!first.is_empty());
    drop(partial);
    let server = &bundle.server;
    let mut active = String::new();
    for _ in 0..50 {
        let metrics = server
            .client
            .get(server.url("/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        active = metrics
            .lines()
            .find(|l| l.starts_with("handoff_active_downloads "))
            .unwrap()
            .to_string();
        if active.ends_with(" 0") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(active, "handoff_active_downloads 0");
    let events = server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}/events"))
        .await;
    let bundles: Vec<&Value> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "bundle")
        .collect();
    assert_eq!(bundles.len(), 2);
    assert_eq!(bundles[0]["bytes"], full.len());
    assert!(bundles[1]["bytes"].as_u64().unwrap() < full.len() as u64);
}

#[tokio::test]
async fn the_direct_link_sends_one_file_or_the_zip() {
    let server = TestServer::start().await;
    let one = server
        .upload(&server.admin_token, "solo.txt", b"solo".to_vec())
        .await;
    let two = server
        .upload(&server.admin_token, "duo.txt", b"duo".to_vec())
        .await;
    let single = json_of(
        server
            .admin(Method::POST, "/api/v1/shares")
            .json(&json!({"title": "One", "assetIds": [one["id"]]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let direct = single["url"].as_str().unwrap().replace("/s/", "/d/");
    let response = server.client.get(&direct).send().await.unwrap();
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("solo.txt"));
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"solo");
    let both = json_of(
        server
            .admin(Method::POST, "/api/v1/shares")
            .json(&json!({"title": "Two", "assetIds": [one["id"], two["id"]]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let direct = both["url"].as_str().unwrap().replace("/s/", "/d/");
    let response = server.client.get(&direct).send().await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert_eq!(entries(&response.bytes().await.unwrap()).len(), 2);
}
