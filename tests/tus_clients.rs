//! Resumable uploads with the real tus clients (tus-js-client under Node, tuspy), and across
//! a `kill -9` of the real binary: whatever was acknowledged is there after the restart.

mod common;

use common::process::*;
use common::*;
use reqwest::Method;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn client_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tus-client")
}

/// Runs a client script on a fresh file; returns the file's bytes and what the script printed.
async fn run_client(
    server: &TestServer,
    program: &str,
    script: &str,
    name: &str,
) -> (Vec<u8>, Value) {
    let bytes = noise(3 * 1024 * 1024 + 321, 11);
    let file = server.dir.path().join(name);
    std::fs::write(&file, &bytes).unwrap();
    let mut command = Command::new(program);
    command
        .arg(client_dir().join(script))
        .args([&server.base, &server.admin_token])
        .arg(&file)
        .arg(name)
        .env("NODE_TLS_REJECT_UNAUTHORIZED", "0")
        .current_dir(client_dir());
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        output.status.success(),
        "{program} {script}: {stdout}\n{stderr}"
    );
    let last = stdout.lines().next_back().unwrap_or_default();
    (
        bytes,
        serde_json::from_str(last).unwrap_or_else(|_| panic!("{stdout}")),
    )
}

/// The upload a client made became an asset holding exactly `bytes`; it resumed part-way.
async fn check_upload(server: &TestServer, bytes: &[u8], printed: &Value) {
    let resumed = printed["resumedFrom"].as_u64().unwrap();
    assert!(
        resumed > 0 && resumed < bytes.len() as u64,
        "resumed from the server's offset, not from scratch: {printed}"
    );
    let url = printed["url"].as_str().unwrap();
    let path = &url[url.find("/api/v1/uploads/").unwrap()..];
    let upload = server.get_json(&server.admin_token, path).await;
    let asset_id = upload["assetId"]
        .as_str()
        .expect("the upload became an asset");
    let original = server
        .admin(Method::GET, &format!("/api/v1/assets/{asset_id}/original"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(original.as_ref() == bytes, "the asset holds the bytes sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tus_js_client_uploads_stops_and_resumes() {
    let installed = client_dir().join("node_modules/tus-js-client").is_dir()
        || unavailable(
            "tus-js-client is not installed",
            "npm ci --prefix tests/tus-client",
        );
    if !require("node", "apt-get install nodejs") || !installed {
        return;
    }
    let server = TestServer::start().await;
    let (bytes, printed) = run_client(&server, "node", "upload.mjs", "from-node.bin").await;
    check_upload(&server, &bytes, &printed).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tuspy_uploads_with_checksums_stops_and_resumes() {
    let has_tuspy = Command::new("python3")
        .args(["-c", "import tusclient"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_tuspy && !unavailable("tuspy is not installed", "pip install tuspy") {
        return;
    }
    let server = TestServer::start().await;
    let (bytes, printed) = run_client(&server, "python3", "upload.py", "from-python.bin").await;
    check_upload(&server, &bytes, &printed).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_goes_on_after_kill_9_from_its_acknowledged_offset() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    let mut running = serve(dir.path(), &config);
    let token = login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let bytes = noise(6 * 1024 * 1024, 5);
    let client = client();
    let tus = |method: Method, url: String| {
        client
            .request(method, url)
            .bearer_auth(&token)
            .header("tus-resumable", "1.0.0")
    };
    let created = tus(Method::POST, format!("{}/api/v1/uploads", running.base))
        .header("upload-length", bytes.len().to_string())
        .header("upload-metadata", "filename a2lsbGVkLmJpbg==")
        .send()
        .await
        .unwrap();
    let location = created.headers()["location"].to_str().unwrap();
    let path = location[location.find("/api/v1/uploads/").unwrap()..].to_string();
    let acknowledged = 2 * 1024 * 1024;
    let first = tus(Method::PATCH, format!("{}{path}", running.base))
        .header("content-type", "application/offset+octet-stream")
        .header("upload-offset", "0")
        .body(bytes[..acknowledged].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 204);

    // A second PATCH is on its way when the server is killed.
    let (feed, chunks) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let body = futures_util::stream::unfold(chunks, |mut chunks| async move {
        chunks
            .recv()
            .await
            .map(|c| (Ok::<_, std::io::Error>(c), chunks))
    });
    let cut = tus(Method::PATCH, format!("{}{path}", running.base))
        .header("content-type", "application/offset+octet-stream")
        .header("upload-offset", acknowledged.to_string())
        .body(reqwest::Body::wrap_stream(body))
        .send();
    let cut = tokio::spawn(cut);
    feed.send(bytes[acknowledged..acknowledged + 1024 * 1024].to_vec())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    running.child.kill().unwrap(); // SIGKILL
    running.child.wait().unwrap();
    assert!(
        cut.await.unwrap().is_err(),
        "the PATCH in flight was cut off"
    );
    drop(feed);

    let running = serve(dir.path(), &config);
    let token = login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let tus = |method: Method| {
        client
            .request(method, format!("{}{path}", running.base))
            .bearer_auth(&token)
            .header("tus-resumable", "1.0.0")
    };
    let head = tus(Method::HEAD).send().await.unwrap();
    assert_eq!(head.status(), 200);
    let offset: usize = head.headers()["upload-offset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        offset >= acknowledged,
        "no acknowledged byte is lost: {offset}"
    );
    let rest = tus(Method::PATCH)
        .header("content-type", "application/offset+octet-stream")
        .header("upload-offset", offset.to_string())
        .body(bytes[offset..].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(rest.status(), 204);
    let asset_id = rest.headers()["handoff-asset-id"].to_str().unwrap();
    let asset: Value = client
        .get(format!("{}/api/v1/assets/{asset_id}", running.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(asset["name"], "killed.bin");
    assert_eq!(asset["sha256"], hex::encode(Sha256::digest(&bytes)));
    assert!(files_in(&dir.path().join("data/uploads")).is_empty());
}
