//! Several handoff nodes on PostgreSQL with their bytes in a real S3 store (Garage), each
//! node with a data folder of its own (SPEC §9): what one node receives the other serves,
//! resumable uploads go on across nodes, zips resume on another node byte for byte, previews
//! come from the bucket, and `migrate` moves an installation into the bucket and back.

mod common;

use common::derivatives::settled;
use common::garage::Garage;
use common::postgres::Postgres;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// PostgreSQL and Garage for a test, or None (it skips) when either is missing.
fn engines(bucket: &str) -> Option<(Postgres, Garage)> {
    let postgres = Postgres::start()?;
    let garage = Garage::start(&[bucket])?;
    Some((postgres, garage))
}

fn node_config(
    dir: &std::path::Path,
    url: &str,
    garage: &Garage,
    bucket: &str,
) -> handoff::config::Config {
    let mut config = test_config(dir);
    config.database.url = url.to_string();
    config.storage = garage.storage(bucket);
    config
}

async fn two_nodes(url: &str, garage: &Garage, bucket: &str) -> (TestServer, TestServer) {
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a_config = node_config(a_dir.path(), url, garage, bucket);
    let a = TestServer::start_in(a_dir, a_config).await;
    let b_config = node_config(b_dir.path(), url, garage, bucket);
    let b = TestServer::start_in(b_dir, b_config).await;
    (a, b)
}

/// Files kept in a node's data folder, leaving out its database, TLS and scratch folders.
fn kept_files(server: &TestServer) -> Vec<std::path::PathBuf> {
    ["blobs", "uploads"]
        .iter()
        .flat_map(|dir| files_in(&server.data_dir().join(dir)))
        .collect()
}

async fn get(server: &TestServer, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = server.admin(Method::GET, path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn files_received_on_one_node_are_served_by_the_other_from_the_bucket() {
    let Some((postgres, garage)) = engines("files") else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("files"), &garage, "files").await;
    // More than one multipart part (8 MiB), so the upload really is multipart.
    let bytes = noise(20 << 20, 11);
    let asset = a.upload(&a.admin_token, "take.bin", bytes.clone()).await;
    let id = asset["id"].as_str().unwrap();
    let original = format!("/api/v1/assets/{id}/original");
    let whole = get(&b, &original, &[]).await;
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.bytes().await.unwrap().to_vec(), bytes);
    let part = get(&b, &original, &[("range", "bytes=9000000-9999999")]).await;
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        "bytes 9000000-9999999/20971520"
    );
    assert_eq!(part.bytes().await.unwrap(), bytes[9_000_000..10_000_000]);

    // A picture's previews are made by whichever node takes the job, and served by both.
    let picture = a.upload(&a.admin_token, "red.png", png(1200, 800)).await;
    let picture_id = picture["id"].as_str().unwrap();
    let ready = settled(&b, picture_id).await;
    assert_eq!(ready["derivatives"]["preview"]["state"], "ready", "{ready}");
    for node in [&a, &b] {
        let preview = get(node, &format!("/api/v1/assets/{picture_id}/preview"), &[]).await;
        assert_eq!(preview.status(), 200);
        let image = image::load_from_memory(&preview.bytes().await.unwrap()).unwrap();
        assert!(common::derivatives::mostly(&image, [200, 30, 30]));
    }
    // Nothing of it is on either node's disk.
    assert_eq!(kept_files(&a), Vec::<std::path::PathBuf>::new());
    assert_eq!(kept_files(&b), Vec::<std::path::PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_resumable_upload_begun_on_one_node_is_finished_on_the_other() {
    let Some((postgres, garage)) = engines("tus") else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("tus"), &garage, "tus").await;
    let bytes = noise(3_000_000, 5);
    let tus = |server: &TestServer, method: Method, path: &str| {
        server.admin(method, path).header("tus-resumable", "1.0.0")
    };
    let created = tus(&a, Method::POST, "/api/v1/uploads")
        .header("upload-length", bytes.len().to_string())
        .header("upload-metadata", "filename dGFrZS5iaW4=")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap();
    let path = location[location.find("/api/v1/uploads/").unwrap()..].to_string();
    let patch = |server: &TestServer, offset: usize, end: usize| {
        tus(server, Method::PATCH, &path)
            .header("content-type", "application/offset+octet-stream")
            .header("upload-offset", offset.to_string())
            .body(bytes[offset..end].to_vec())
            .send()
    };
    assert_eq!(patch(&a, 0, 1_000_000).await.unwrap().status(), 204);
    // Node B knows how far it got, and takes the rest.
    let head = tus(&b, Method::HEAD, &path).send().await.unwrap();
    assert_eq!(head.headers()["upload-offset"], "1000000");
    assert_eq!(patch(&b, 1_000_000, 2_000_000).await.unwrap().status(), 204);
    // A stale offset is refused on either node.
    assert_eq!(patch(&a, 1_000_000, 2_000_000).await.unwrap().status(), 409);
    let last = patch(&a, 2_000_000, 3_000_000).await.unwrap();
    assert_eq!(last.status(), 204);
    let asset_id = last.headers()["handoff-asset-id"]
        .to_str()
        .unwrap()
        .to_string();
    let original = get(&b, &format!("/api/v1/assets/{asset_id}/original"), &[]).await;
    assert_eq!(original.bytes().await.unwrap().to_vec(), bytes);
    assert_eq!(kept_files(&a), Vec::<std::path::PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_zip_begun_on_one_node_is_resumed_on_the_other_with_identical_bytes() {
    let Some((postgres, garage)) = engines("zip") else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("zip"), &garage, "zip").await;
    let mut ids = Vec::new();
    for (i, len) in [5_000_000usize, 1, 0, 12_000_000].into_iter().enumerate() {
        let asset = a
            .upload(&a.admin_token, &format!("f{i}.bin"), noise(len, i as u64))
            .await;
        ids.push(asset["id"].clone());
    }
    let share = a
        .admin_share(json!({"title": "All", "assetIds": ids,
            "downloadOptions": {"original": true}}))
        .await;
    let zip = format!("{}/download.zip", link_path(&share));
    let whole = client().get(a.url(&zip)).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    let (length, etag) = (header(&whole, "content-length"), header(&whole, "etag"));
    let whole = whole.bytes().await.unwrap();
    assert_eq!(whole.len().to_string(), length);
    // The connection broke 7 MB in: B serves the rest, and the pieces make the same zip.
    let rest = client()
        .get(b.url(&zip))
        .header("range", "bytes=7000000-")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(rest.status(), 206);
    assert_eq!(header(&rest, "etag"), etag);
    assert_eq!(rest.bytes().await.unwrap(), whole[7_000_000..]);
    let entries = zip_entries(&whole);
    assert_eq!(entries.len(), 4);
    assert!(entries.contains(&noise(12_000_000, 3)));
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers()[name].to_str().unwrap().to_string()
}

/// Every file of a zip, in order, read by the zip crate.
fn zip_entries(bytes: &[u8]) -> Vec<Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut data = Vec::new();
            archive.by_index(i).unwrap().read_to_end(&mut data).unwrap();
            data
        })
        .collect()
}

async fn stopped(server: TestServer) -> tempfile::TempDir {
    let dir = server.stop().await;
    // A stopped server's background tasks let go of the database a moment later.
    for _ in 0..100 {
        if !handoff::data_dir_in_use(dir.path()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    dir
}

/// What a recipient and the team see of an installation: the share's use count and every
/// asset's original, byte for byte.
async fn check_served(server: &TestServer, share: &Value, files: &[(Value, Vec<u8>)], uses: u64) {
    let id = share["id"].as_str().unwrap();
    let seen = server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
        .await;
    assert_eq!(seen["uses"], uses);
    for (asset, bytes) in files {
        let id = asset["id"].as_str().unwrap();
        let original = get(server, &format!("/api/v1/assets/{id}/original"), &[]).await;
        assert_eq!(original.bytes().await.unwrap().to_vec(), *bytes);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn migrate_moves_an_installation_into_the_bucket_and_back() {
    let Some((postgres, garage)) = engines("moved") else {
        return;
    };
    let url = postgres.database("moved");
    let first = TestServer::start().await;
    let mut files = Vec::new();
    for (i, len) in [1_500_000usize, 10, 9_000_000].into_iter().enumerate() {
        let bytes = noise(len, 40 + i as u64);
        let asset = first
            .upload(&first.admin_token, &format!("m{i}.bin"), bytes.clone())
            .await;
        files.push((asset, bytes));
    }
    let ids: Vec<Value> = files.iter().map(|(a, _)| a["id"].clone()).collect();
    let share = first
        .admin_share(
            json!({"title": "Moved", "assetIds": ids, "downloadOptions": {"original": true}}),
        )
        .await;
    let page = client()
        .get(first.url(&link_path(&share)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    check_served(&first, &share, &files, 1).await;
    let source = test_config(&first.data_dir());
    let disk = stopped(first).await;
    let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();

    // redb + disk → PostgreSQL + Garage.
    let s3_dir = tempfile::tempdir().unwrap();
    let in_bucket = node_config(s3_dir.path(), &url, &garage, "moved");
    let copied = migrate(&source, &in_bucket).await.unwrap();
    assert_eq!((copied.files, copied.bytes), (3, total), "{copied}");
    assert!(copied.records > 5, "{copied}");
    let second = TestServer::start_in(s3_dir, in_bucket.clone()).await;
    check_served(&second, &share, &files, 1).await;
    let page = client()
        .get(second.url(&link_path(&share)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(kept_files(&second), Vec::<std::path::PathBuf>::new());
    let s3_dir = stopped(second).await;

    // And back to redb + disk: every record (one more visit) and file.
    let back_dir = tempfile::tempdir().unwrap();
    let back = test_config(back_dir.path());
    let mut from_bucket = in_bucket.clone();
    from_bucket.server.data_dir = s3_dir.path().to_path_buf();
    let returned = migrate(&from_bucket, &back).await.unwrap();
    assert_eq!((returned.files, returned.bytes), (3, total), "{returned}");
    assert!(
        returned.records > copied.records,
        "{returned} after {copied}"
    );
    let third = TestServer::start_in(back_dir, back).await;
    check_served(&third, &share, &files, 2).await;
    assert_eq!(kept_files(&third).len(), 3);
    drop(disk);
}

const MIB: u64 = 1024 * 1024;

/// A 300 MiB upload into the bucket and its download, on the real binary: the server's peak
/// memory grows by a few parts (8 MiB each), not by the file.
#[tokio::test]
async fn memory_stays_flat_while_a_large_file_goes_into_the_bucket_and_out() {
    use common::process::*;
    use futures_util::StreamExt;
    use sha2::Digest;
    let Some(garage) = Garage::start(&["large"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &garage.storage_toml("large"));
    let server = serve(dir.path(), &config);
    let token = login(&server.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let pid = server.child.id();
    let before = status_bytes(pid, "VmRSS");
    reset_peak(pid);
    const PIECES: u64 = 300;
    let piece = noise(MIB as usize, 9);
    let mut sent = sha2::Sha256::new();
    for _ in 0..PIECES {
        sent.update(&piece);
    }
    let body = futures_util::stream::iter(0..PIECES)
        .map(move |_| Ok::<_, std::io::Error>(bytes::Bytes::from(piece.clone())));
    let response = client()
        .post(format!("{}/api/v1/assets", server.base))
        .bearer_auth(&token)
        .query(&[("name", "large.bin")])
        .body(reqwest::Body::wrap_stream(body))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let asset: Value = response.json().await.unwrap();
    assert_eq!(asset["size"], PIECES * MIB);
    let id = asset["id"].as_str().unwrap();
    let download = client()
        .get(format!("{}/api/v1/assets/{id}/original", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let mut received = sha2::Sha256::new();
    let mut stream = download.bytes_stream();
    while let Some(chunk) = stream.next().await {
        received.update(chunk.unwrap());
    }
    assert_eq!(received.finalize(), sent.finalize());
    let growth = status_bytes(pid, "VmHWM").saturating_sub(before);
    assert!(
        growth <= 64 * MIB,
        "peak RSS grew by {} MiB for a {PIECES} MiB file",
        growth / MIB
    );
    println!(
        "peak RSS growth for {PIECES} MiB in and out of the bucket: {} MiB",
        growth / MIB
    );
}
