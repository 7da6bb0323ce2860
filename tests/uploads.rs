//! Resumable uploads over tus 1.0.0: every rule of SPEC §5 broken on purpose, against the
//! real server over TLS.

mod common;

use base64::{engine::general_purpose::STANDARD, Engine};
use common::*;
use reqwest::{Method, RequestBuilder, Response};
use serde_json::Value;
use sha2::Digest;

const TUS: (&str, &str) = ("tus-resumable", "1.0.0");
const STREAM: (&str, &str) = ("content-type", "application/offset+octet-stream");

fn metadata(pairs: &[(&str, &str)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k} {}", STANDARD.encode(v)))
        .collect();
    encoded.join(",")
}

fn tus(server: &TestServer, method: Method, path: &str) -> RequestBuilder {
    server.admin(method, path).header(TUS.0, TUS.1)
}

/// Begins an upload of `length` bytes named `name`; returns its path.
async fn begin(server: &TestServer, name: &str, length: u64) -> String {
    let response = tus(server, Method::POST, "/api/v1/uploads")
        .header("upload-length", length.to_string())
        .header("upload-metadata", metadata(&[("filename", name)]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    path_of(&response)
}

fn path_of(response: &Response) -> String {
    let location = response.headers()["location"].to_str().unwrap();
    let at = location.find("/api/v1/uploads/").expect("an upload URL");
    location[at..].to_string()
}

async fn patch(server: &TestServer, path: &str, offset: u64, bytes: &[u8]) -> Response {
    tus(server, Method::PATCH, path)
        .header(STREAM.0, STREAM.1)
        .header("upload-offset", offset.to_string())
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
}

async fn offset_of(server: &TestServer, path: &str) -> u64 {
    let response = tus(server, Method::HEAD, path).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["cache-control"], "no-store");
    header_number(&response, "upload-offset")
}

fn header_number(response: &Response, name: &str) -> u64 {
    response.headers()[name].to_str().unwrap().parse().unwrap()
}

/// The bytes of the asset a finished upload became.
async fn asset_bytes(server: &TestServer, response: &Response) -> (Value, Vec<u8>) {
    let id = response.headers()["handoff-asset-id"].to_str().unwrap();
    let asset = server
        .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
        .await;
    let original = server
        .admin(Method::GET, &format!("/api/v1/assets/{id}/original"))
        .send()
        .await
        .unwrap();
    (asset, original.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_file_goes_up_in_pieces_and_becomes_an_asset() {
    let server = TestServer::start().await;
    let options = server
        .client
        .request(Method::OPTIONS, server.url("/api/v1/uploads"))
        .send()
        .await
        .unwrap();
    assert_eq!(options.status(), 204);
    let offered = options.headers();
    assert_eq!(offered["tus-version"], "1.0.0");
    for extension in [
        "creation",
        "creation-with-upload",
        "termination",
        "expiration",
        "checksum",
        "concatenation",
    ] {
        let list = offered["tus-extension"].to_str().unwrap();
        assert!(
            list.split(',').any(|e| e == extension),
            "{extension} in {list}"
        );
    }
    assert_eq!(offered["tus-max-size"], "10737418240");
    assert!(offered["tus-checksum-algorithm"]
        .to_str()
        .unwrap()
        .contains("sha1"));

    let bytes = noise(3 * 1024 * 1024 + 17, 7);
    let path = begin(&server, "clip.mov", bytes.len() as u64).await;
    assert_eq!(offset_of(&server, &path).await, 0);
    let mut offset = 0;
    for piece in bytes.chunks(1024 * 1024) {
        let answer = patch(&server, &path, offset, piece).await;
        assert_eq!(answer.status(), 204);
        assert_eq!(answer.headers()["tus-resumable"], "1.0.0");
        assert!(answer.headers().contains_key("upload-expires"));
        offset = header_number(&answer, "upload-offset");
        assert_eq!(offset_of(&server, &path).await, offset);
        if offset == bytes.len() as u64 {
            let (asset, got) = asset_bytes(&server, &answer).await;
            assert_eq!(asset["name"], "clip.mov");
            assert_eq!(asset["size"], bytes.len());
            assert!(got == bytes, "the asset holds exactly the bytes sent");
            let status = server.get_json(&server.admin_token, &path).await;
            assert_eq!(status["assetId"], asset["id"]);
        }
    }
    assert_eq!(offset, bytes.len() as u64);
}

#[tokio::test]
async fn wrong_offsets_bad_checksums_and_oversized_uploads_are_refused() {
    let server = TestServer::start_with(|c| c.uploads.max_bytes = 1000).await;
    let too_big = tus(&server, Method::POST, "/api/v1/uploads")
        .header("upload-length", "1001")
        .header("upload-metadata", metadata(&[("filename", "big.bin")]))
        .send()
        .await
        .unwrap();
    expect_error(too_big, 413, "too_large").await;
    let nameless = tus(&server, Method::POST, "/api/v1/uploads")
        .header("upload-length", "10")
        .send()
        .await
        .unwrap();
    expect_error(nameless, 400, "bad_request").await;
    let no_version = server
        .admin(Method::POST, "/api/v1/uploads")
        .header("upload-length", "10")
        .header("upload-metadata", metadata(&[("filename", "a")]))
        .send()
        .await
        .unwrap();
    assert_eq!(no_version.status(), 412);

    let path = begin(&server, "notes.txt", 10).await;
    assert_eq!(patch(&server, &path, 0, b"hello").await.status(), 204);
    // A PATCH at an offset the server has not acknowledged: 409, nothing kept.
    expect_error(patch(&server, &path, 3, b"xx").await, 409, "conflict").await;
    expect_error(patch(&server, &path, 7, b"xx").await, 409, "conflict").await;
    assert_eq!(offset_of(&server, &path).await, 5);
    // A body that does not match its checksum: 460, and its bytes are not kept.
    let sha1 = |b: &[u8]| STANDARD.encode(sha1_digest(b));
    let bad = tus(&server, Method::PATCH, &path)
        .header(STREAM.0, STREAM.1)
        .header("upload-offset", "5")
        .header("upload-checksum", format!("sha1 {}", sha1(b"other")))
        .body(&b"world"[..])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 460);
    assert_eq!(offset_of(&server, &path).await, 5);
    let md5 = STANDARD.encode(md5_digest(b"wor"));
    let good = tus(&server, Method::PATCH, &path)
        .header(STREAM.0, STREAM.1)
        .header("upload-offset", "5")
        .header("upload-checksum", format!("md5 {md5}"))
        .body(&b"wor"[..])
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 204);
    // More than the declared length: 413, nothing of it kept.
    expect_error(patch(&server, &path, 8, b"ld!!").await, 413, "too_large").await;
    assert_eq!(offset_of(&server, &path).await, 8);
    let wrong_type = tus(&server, Method::PATCH, &path)
        .header("content-type", "text/plain")
        .header("upload-offset", "8")
        .body("ld")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), 415);
    let done = patch(&server, &path, 8, b"ld").await;
    let (_, got) = asset_bytes(&server, &done).await;
    assert_eq!(got, b"helloworld");
}

fn sha1_digest(bytes: &[u8]) -> Vec<u8> {
    sha1::Sha1::digest(bytes).to_vec()
}

fn md5_digest(bytes: &[u8]) -> Vec<u8> {
    md5::Md5::digest(bytes).to_vec()
}

#[tokio::test]
async fn termination_frees_the_bytes_and_others_cannot_touch_an_upload() {
    let server = TestServer::start().await;
    let path = begin(&server, "draft.bin", 100).await;
    assert_eq!(patch(&server, &path, 0, &[7; 60]).await.status(), 204);
    let parts = server.data_dir().join("uploads");
    assert_eq!(files_in(&parts).len(), 1);
    let editor = server.user("ed@example.com", "editor").await;
    let theirs = server
        .req(&editor, Method::HEAD, &path)
        .header(TUS.0, TUS.1)
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), 404);
    let ended = tus(&server, Method::DELETE, &path).send().await.unwrap();
    assert_eq!(ended.status(), 204);
    assert!(files_in(&parts).is_empty(), "the bytes are freed");
    let after = tus(&server, Method::HEAD, &path).send().await.unwrap();
    assert_eq!(after.status(), 404);
    expect_error(patch(&server, &path, 60, &[7; 40]).await, 404, "not_found").await;
}

#[tokio::test]
async fn parallel_parts_are_joined_into_one_asset_in_its_collection() {
    let server = TestServer::start().await;
    let collection = server
        .admin(Method::POST, "/api/v1/collections")
        .json(&serde_json::json!({"name": "Rushes"}))
        .send()
        .await
        .unwrap();
    let collection = json_of(collection, 201).await;
    let bytes = noise(2 * 1024 * 1024 + 5, 3);
    let (first, second) = bytes.split_at(1024 * 1024 + 1);
    let mut parts = Vec::new();
    for piece in [first, second] {
        let response = tus(&server, Method::POST, "/api/v1/uploads")
            .header("upload-length", piece.len().to_string())
            .header("upload-concat", "partial")
            .header(STREAM.0, STREAM.1)
            .body(piece.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        assert_eq!(
            header_number(&response, "upload-offset"),
            piece.len() as u64
        );
        assert!(
            !response.headers().contains_key("handoff-asset-id"),
            "a part is no asset"
        );
        parts.push(path_of(&response));
    }
    let meta = metadata(&[
        ("filename", "joined.bin"),
        ("collection", collection["id"].as_str().unwrap()),
    ]);
    let joined = tus(&server, Method::POST, "/api/v1/uploads")
        .header("upload-concat", format!("final;{} {}", parts[0], parts[1]))
        .header("upload-metadata", meta)
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), 201);
    let (asset, got) = asset_bytes(&server, &joined).await;
    assert!(got == bytes, "the parts joined in order");
    let id = collection["id"].as_str().unwrap();
    let listed = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/assets?collection={id}"),
        )
        .await;
    assert_eq!(listed["items"][0]["id"], asset["id"]);
    assert!(files_in(&server.data_dir().join("uploads")).is_empty());
}

#[tokio::test]
async fn unfinished_uploads_expire_and_their_bytes_are_freed() {
    let server = TestServer::start_with(|c| c.uploads.resumable_hours = 2).await;
    let path = begin(&server, "left.bin", 100).await;
    let answer = patch(&server, &path, 0, &[1; 10]).await;
    let expires = answer.headers()["upload-expires"]
        .to_str()
        .unwrap()
        .to_string();
    let expires = chrono::DateTime::parse_from_rfc2822(&expires).unwrap();
    let hours = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!(
        (110..=120).contains(&hours),
        "expires in about 2 h: {expires}"
    );
    begin(&server, "untouched.bin", 100).await;
    let dir = server.stop().await;
    let mut config = test_config(dir.path());
    config.uploads.resumable_hours = 2;
    let (state, _) = handoff::open(config).unwrap();
    let parts = dir.path().join("uploads");
    let sweep_at = |minutes| {
        let at = chrono::Utc::now() + chrono::Duration::minutes(minutes);
        handoff::uploads::sweep(&state, at)
    };
    assert_eq!(sweep_at(60).await.unwrap(), 0);
    assert_eq!(files_in(&parts).len(), 2);
    assert_eq!(sweep_at(121).await.unwrap(), 2);
    assert!(files_in(&parts).is_empty());
}
