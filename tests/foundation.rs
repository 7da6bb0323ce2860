//! The foundation: TLS, sign-in and tokens, permissions, uploads and downloads, errors.

mod common;

use common::*;
use reqwest::{Method, StatusCode, Version};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

#[tokio::test]
async fn serves_h2_and_http1_over_tls() {
    let server = TestServer::start().await;
    let h2 = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(h2.status(), StatusCode::OK);
    assert_eq!(h2.version(), Version::HTTP_2);
    let h1_client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .http1_only()
        .build()
        .unwrap();
    let h1 = h1_client.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(h1.status(), StatusCode::OK);
    assert_eq!(h1.version(), Version::HTTP_11);
    assert!(h1.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    // Plain HTTP on the TLS port is not answered as HTTP.
    let plain = reqwest::get(server.url("/healthz").replace("https://", "http://")).await;
    assert!(plain.is_err() || plain.unwrap().status() != StatusCode::OK);
}

#[tokio::test]
async fn redirect_port_answers_308_to_https() {
    let server =
        TestServer::start_with(|c| c.server.redirect_listen = Some("127.0.0.1:0".into())).await;
    let redirect = server.redirect_base.clone().unwrap();
    let response = server
        .client
        .get(format!("{redirect}/s/abc?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        response.headers()["location"],
        format!("{}/s/abc?x=1", server.base)
    );
}

#[tokio::test]
async fn sign_in_tokens_and_permissions() {
    let server = TestServer::start().await;
    // Wrong password: 401 in the error shape.
    let wrong = server
        .client
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({"email": ADMIN_EMAIL, "password": "nope"}))
        .send()
        .await
        .unwrap();
    expect_error(wrong, 401, "unauthenticated").await;
    // No credentials: 401.
    expect_error(
        server
            .client
            .get(server.url("/api/v1/me"))
            .send()
            .await
            .unwrap(),
        401,
        "unauthenticated",
    )
    .await;
    // The session token works as a bearer token and /me carries the permissions.
    let me = server.get_json(&server.admin_token, "/api/v1/me").await;
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["role"], "admin");
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .contains(&json!("admin")));

    // A personal access token, used, listed, revoked, refused.
    let created = json_of(
        server
            .admin(Method::POST, "/api/v1/tokens")
            .json(&json!({"name": "ci script"}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let token = created["token"].as_str().unwrap();
    let me = server.get_json(token, "/api/v1/me").await;
    assert_eq!(me["email"], ADMIN_EMAIL);
    let listed = server.get_json(&server.admin_token, "/api/v1/tokens").await;
    assert!(listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "ci script"));
    assert!(
        !listed.to_string().contains(token),
        "the secret is shown once only"
    );
    let id = created["id"].as_str().unwrap();
    let revoked = server
        .admin(Method::DELETE, &format!("/api/v1/tokens/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    expect_error(
        server
            .req(token, Method::GET, "/api/v1/me")
            .send()
            .await
            .unwrap(),
        401,
        "unauthenticated",
    )
    .await;

    // A viewer may read but not upload, and may not manage users.
    let viewer = server.user("viewer@example.com", "viewer").await;
    let upload = server
        .req(&viewer, Method::POST, "/api/v1/assets?name=a.txt")
        .body("x")
        .send()
        .await
        .unwrap();
    expect_error(upload, 403, "forbidden").await;
    server.get_json(&viewer, "/api/v1/assets").await;
    expect_error(
        server
            .req(&viewer, Method::GET, "/api/v1/users")
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn session_cookie_writes_need_the_csrf_token() {
    let server = TestServer::start().await;
    let login = server
        .client
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_string();
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_string();
    let body: Value = login.json().await.unwrap();
    let csrf = body["csrfToken"].as_str().unwrap();
    let me = server
        .client
        .get(server.url("/api/v1/me"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(me, 200).await["csrfToken"], csrf);
    let without = server
        .client
        .post(server.url("/api/v1/collections"))
        .header("cookie", &session)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    expect_error(without, 403, "forbidden").await;
    let with = server
        .client
        .post(server.url("/api/v1/collections"))
        .header("cookie", &session)
        .header("x-csrf-token", csrf)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let server = TestServer::start().await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let response = server
            .client
            .post(server.url("/api/v1/auth/login"))
            .json(&json!({"email": "someone@example.com", "password": "wrong"}))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[401; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
}

#[tokio::test]
async fn raw_and_multipart_uploads_round_trip() {
    let server = TestServer::start().await;
    let raw_bytes = noise(3 * 1024 * 1024 + 17, 1);
    let raw = server
        .upload(&server.admin_token, "holiday photo.bin", raw_bytes.clone())
        .await;
    assert_eq!(raw["name"], "holiday photo.bin");
    // `curl -T` sends PUT.
    let put = server
        .admin(Method::PUT, "/api/v1/assets?name=put.bin")
        .body(b"put".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(put, 201).await["name"], "put.bin");
    assert_eq!(raw["size"], raw_bytes.len());
    assert_eq!(raw["sha256"], hex::encode(Sha256::digest(&raw_bytes)));

    let a = noise(1000, 2);
    let b = noise(200_000, 3);
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(a.clone())
                .file_name("a.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        )
        .part(
            "file",
            reqwest::multipart::Part::bytes(b.clone()).file_name("b.pdf"),
        );
    let response = server
        .admin(Method::POST, "/api/v1/assets")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let many = json_of(response, 201).await;
    let assets = many["assets"].as_array().unwrap();
    assert_eq!(assets.len(), 2);
    assert_eq!(assets[0]["kind"], "image");
    assert_eq!(assets[0]["mimeType"], "image/jpeg");
    assert_eq!(assets[1]["kind"], "document");

    for (asset, bytes) in [(&raw, &raw_bytes), (&assets[0], &a), (&assets[1], &b)] {
        let id = asset["id"].as_str().unwrap();
        let got = server
            .admin(Method::GET, &format!("/api/v1/assets/{id}/original"))
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), StatusCode::OK);
        assert!(got.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"));
        assert_eq!(got.bytes().await.unwrap().as_ref(), bytes.as_slice());
    }

    // Range and If-Range on the original.
    let id = raw["id"].as_str().unwrap();
    let path = format!("/api/v1/assets/{id}/original");
    let partial = server
        .admin(Method::GET, &path)
        .header("range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(partial.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        partial.headers()["content-range"],
        format!("bytes 100-199/{}", raw_bytes.len())
    );
    let etag = partial.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(
        partial.bytes().await.unwrap().as_ref(),
        &raw_bytes[100..200]
    );
    let suffix = server
        .admin(Method::GET, &path)
        .header("range", "bytes=-10")
        .send()
        .await
        .unwrap();
    assert_eq!(
        suffix.bytes().await.unwrap().as_ref(),
        &raw_bytes[raw_bytes.len() - 10..]
    );
    let stale = server
        .admin(Method::GET, &path)
        .header("range", "bytes=0-9")
        .header("if-range", "\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
    let fresh = server
        .admin(Method::GET, &path)
        .header("range", "bytes=0-9")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(fresh.status(), StatusCode::PARTIAL_CONTENT);
    let beyond = server
        .admin(Method::GET, &path)
        .header("range", "bytes=999999999-")
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    let head = server.admin(Method::HEAD, &path).send().await.unwrap();
    assert_eq!(
        head.headers()["content-length"],
        raw_bytes.len().to_string().as_str()
    );

    // Search by name, filter by kind, paginate.
    let found = server
        .get_json(&server.admin_token, "/api/v1/assets?q=HOLIDAY")
        .await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["id"], raw["id"]);
    let images = server
        .get_json(&server.admin_token, "/api/v1/assets?kind=image")
        .await;
    assert_eq!(images["items"].as_array().unwrap().len(), 1);
    let first = server
        .get_json(&server.admin_token, "/api/v1/assets?limit=3")
        .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    let cursor = first["nextCursor"].as_str().unwrap();
    let second = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/assets?limit=3&cursor={cursor}"),
        )
        .await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["nextCursor"].is_null());
}

#[tokio::test]
async fn over_limit_uploads_get_413_and_leave_nothing() {
    let server = TestServer::start_with(|c| c.uploads.max_bytes = 100_000).await;
    let too_big = noise(100_001, 4);
    // With Content-Length.
    let response = server
        .admin(Method::POST, "/api/v1/assets?name=big.bin")
        .body(too_big.clone())
        .send()
        .await
        .unwrap();
    expect_error(response, 413, "too_large").await;
    // Without Content-Length (chunked).
    let response = server
        .admin(Method::POST, "/api/v1/assets?name=big.bin")
        .body(chunked(&too_big, 10_000))
        .send()
        .await
        .unwrap();
    expect_error(response, 413, "too_large").await;
    // Multipart.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(too_big).file_name("big.bin"),
    );
    let response = server
        .admin(Method::POST, "/api/v1/assets")
        .multipart(form)
        .send()
        .await
        .unwrap();
    expect_error(response, 413, "too_large").await;

    let listed = server.get_json(&server.admin_token, "/api/v1/assets").await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
    let leftovers: Vec<_> = files_in(&server.data_dir().join("blobs"))
        .into_iter()
        .chain(files_in(&server.data_dir().join("tmp")))
        .filter(|p| !p.ends_with(".healthz"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Exactly at the limit is fine.
    server
        .upload(&server.admin_token, "ok.bin", noise(100_000, 5))
        .await;
}

/// A client that sends far more than the limit still reads the 413: the server answers early
/// and keeps reading (and dropping) the rest, instead of closing the connection under it.
#[tokio::test]
async fn far_too_large_bodies_still_get_their_413() {
    let server = TestServer::start_with(|c| {
        c.uploads.max_bytes = 100_000;
        c.server.max_json_bytes = 10_000;
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.bin");
    std::fs::write(&big, noise(3_000_000, 6)).unwrap();
    let big = big.to_str().unwrap();
    let auth = format!("authorization: Bearer {}", server.admin_token);
    let (upload, shares) = (
        server.url("/api/v1/assets?name=big.bin"),
        server.url("/api/v1/shares"),
    );
    let json_file = format!("@{big}");
    for http in ["--http2", "--http1.1"] {
        let curl = |args: &[&str]| {
            let common = ["-sk", http, "-o", "-", "-w", "\n%{http_code}", "-H", &auth];
            run(
                "curl",
                common.iter().chain(args).map(|a| a.to_string()).collect(),
            )
        };
        let (answer, _) = curl(&["-T", big, &upload]).await;
        assert!(
            answer.ends_with("\n413") && answer.contains("too_large"),
            "{http}: {answer}"
        );
        let json = [
            "-H",
            "content-type: application/json",
            "--data-binary",
            &json_file,
            &shares,
        ];
        let (answer, _) = curl(&json).await;
        assert!(answer.ends_with("\n413"), "{http} JSON: {answer}");
    }
    // Python's http.client sends the whole body before it reads a byte of the answer.
    let script = r#"
import http.client, ssl, sys
host, port, token, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
conn = http.client.HTTPSConnection(host, port, context=ssl._create_unverified_context(), timeout=30)
conn.request("PUT", "/api/v1/assets?name=big.bin", body=open(path, "rb"),
             headers={"authorization": "Bearer " + token, "content-length": "3000000"})
print(conn.getresponse().status)
"#;
    let address = server.base.trim_start_matches("https://").to_string();
    let (host, port) = address.split_once(':').unwrap();
    let args = ["-c", script, host, port, &server.admin_token, big];
    let (stdout, stderr) = run("python3", args.map(String::from).to_vec()).await;
    assert_eq!(stdout.trim(), "413", "{stderr}");
    // Nothing is left in a state that breaks the next request.
    server.get_json(&server.admin_token, "/api/v1/me").await;
}

/// Runs a client program off the test's single-threaded runtime, which serves it meanwhile;
/// returns its stdout and stderr.
async fn run(program: &str, args: Vec<String>) -> (String, String) {
    let mut command = std::process::Command::new(program);
    command.args(args);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap());
    let output = output.await.unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (text(&output.stdout), text(&output.stderr))
}

#[tokio::test]
async fn hostile_names_are_stored_safely_and_never_break_a_header() {
    let server = TestServer::start().await;
    let long = "x".repeat(5000) + ".txt";
    let cases = [
        ("../x", "x"),
        ("<script>alert(1)<\\script>.html", "script>.html"),
        (
            "<img src=x onerror=alert(1)>.html",
            "<img src=x onerror=alert(1)>.html",
        ),
        ("a\r\nSet-Cookie: evil=1.txt", "aSet-Cookie: evil=1.txt"),
    ];
    for (raw, stored) in cases {
        let asset = server
            .upload(&server.admin_token, raw, b"hello".to_vec())
            .await;
        assert_eq!(asset["name"], stored);
        let id = asset["id"].as_str().unwrap();
        let got = server
            .admin(Method::GET, &format!("/api/v1/assets/{id}/original"))
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), StatusCode::OK);
        assert!(got.headers().get("set-cookie").is_none());
        assert!(got.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
    }
    let asset = server
        .upload(&server.admin_token, &long, b"long".to_vec())
        .await;
    assert_eq!(asset["name"].as_str().unwrap().chars().count(), 255);
    assert!(
        asset["name"].as_str().unwrap().ends_with("x.txt"),
        "the type survives the cut"
    );
    assert_eq!(asset["mimeType"], "text/plain");
    // A multipart file name with bytes that are not UTF-8.
    let boundary = "XbOuNdArY";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"caf")
            .into_bytes();
    body.extend_from_slice(&[0xE9, 0xFF]);
    body.extend_from_slice(
        format!(".txt\"\r\nContent-Type: text/plain\r\n\r\nbytes\r\n--{boundary}--\r\n").as_bytes(),
    );
    let response = server
        .admin(Method::POST, "/api/v1/assets")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let asset = json_of(response, 201).await;
    let name = asset["name"].as_str().unwrap();
    assert!(name.starts_with("caf") && name.ends_with(".txt"), "{name}");
    let id = asset["id"].as_str().unwrap();
    let got = server
        .admin(Method::GET, &format!("/api/v1/assets/{id}/original"))
        .send()
        .await
        .unwrap();
    assert_eq!(got.bytes().await.unwrap().as_ref(), b"bytes");
}

#[tokio::test]
async fn errors_are_json_and_never_5xx_for_bad_input() {
    let server = TestServer::start().await;
    expect_error(
        server
            .client
            .get(server.url("/no/such/route"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    expect_error(
        server
            .admin(Method::PUT, "/api/v1/me")
            .send()
            .await
            .unwrap(),
        405,
        "method_not_allowed",
    )
    .await;
    let malformed = server
        .admin(Method::POST, "/api/v1/collections")
        .header("content-type", "application/json")
        .body("{\"name\":")
        .send()
        .await
        .unwrap();
    expect_error(malformed, 400, "bad_request").await;
    // A form where JSON is expected is the wrong type; JSON under another label is taken.
    let form = server.client.post(server.url("/api/v1/auth/login"));
    let form = form.form(&[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)]);
    expect_error(form.send().await.unwrap(), 415, "unsupported_media_type").await;
    let labelled = server.admin(Method::POST, "/api/v1/collections");
    let labelled = labelled.header("content-type", "application/x-www-form-urlencoded");
    let labelled = labelled.body(r#"{"name": "curl -d sends this"}"#);
    json_of(labelled.send().await.unwrap(), 201).await;
    let wrong_shape = server
        .admin(Method::POST, "/api/v1/collections")
        .json(&json!({"name": 5}))
        .send()
        .await
        .unwrap();
    expect_error(wrong_shape, 422, "invalid").await;
    let empty = server
        .admin(Method::POST, "/api/v1/tokens")
        .send()
        .await
        .unwrap();
    expect_error(empty, 400, "bad_request").await;
    let huge = server
        .admin(Method::POST, "/api/v1/collections")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    expect_error(huge, 413, "too_large").await;
    let missing = format!("/api/v1/assets/{}", uuid::Uuid::nil());
    for (path, status, code) in [
        ("/api/v1/assets?limit=many", 400, "bad_request"),
        ("/api/v1/assets?kind=spaceship", 422, "invalid"),
        (missing.as_str(), 404, "not_found"),
        ("/api/v1/assets/not-an-id", 404, "not_found"),
    ] {
        let response = server.admin(Method::GET, path).send().await.unwrap();
        expect_error(response, status, code).await;
    }
    let bad_multipart = server
        .admin(Method::POST, "/api/v1/assets")
        .header("content-type", "multipart/form-data; boundary=zz")
        .body("garbage")
        .send()
        .await
        .unwrap();
    expect_error(bad_multipart, 400, "bad_request").await;
}

#[tokio::test]
async fn assets_and_collections_can_be_organised() {
    let server = TestServer::start().await;
    let editor = server.user("ed@example.com", "editor").await;
    let other = server.user("other@example.com", "editor").await;
    let a = server.upload(&editor, "a.png", b"a".to_vec()).await;
    let b = server.upload(&editor, "b.png", b"b".to_vec()).await;
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());

    let patched = server
        .req(&editor, Method::PATCH, &format!("/api/v1/assets/{a_id}"))
        .json(&json!({"name": "renamed.png", "attributes": {"title": "Sunset", "tags": "beach"}, "status": "unavailable"}))
        .send()
        .await
        .unwrap();
    let patched = json_of(patched, 200).await;
    assert_eq!(patched["name"], "renamed.png");
    assert_eq!(patched["attributes"]["title"], "Sunset");
    assert_eq!(patched["status"], "unavailable");
    let original = format!("/api/v1/assets/{a_id}/original");
    let refused = server
        .req(&editor, Method::GET, &original)
        .send()
        .await
        .unwrap();
    expect_error(refused, 410, "asset_unavailable").await;
    let past = json!({"expiresAt": "2020-01-01T00:00:00Z"});
    let expired = server
        .req(&editor, Method::PATCH, &format!("/api/v1/assets/{b_id}"))
        .json(&past);
    assert_eq!(expired.send().await.unwrap().status(), 200);
    let refused = server.req(
        &editor,
        Method::GET,
        &format!("/api/v1/assets/{b_id}/original"),
    );
    expect_error(refused.send().await.unwrap(), 410, "asset_unavailable").await;
    let by_attribute = server
        .get_json(&server.admin_token, "/api/v1/assets?q=sunset")
        .await;
    assert_eq!(by_attribute["items"][0]["id"], a_id);
    // Someone else's asset cannot be changed by a non-admin.
    let denied = server
        .req(&other, Method::PATCH, &format!("/api/v1/assets/{a_id}"))
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    expect_error(denied, 403, "forbidden").await;

    let collection = json_of(
        server
            .req(&editor, Method::POST, "/api/v1/collections")
            .json(&json!({"name": "Beach", "assetIds": [b_id]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let cid = collection["id"].as_str().unwrap();
    let added = server
        .req(
            &editor,
            Method::POST,
            &format!("/api/v1/collections/{cid}/assets"),
        )
        .json(&json!({"assetIds": [a_id]}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(added, 200).await["assetIds"], json!([b_id, a_id]));
    let in_collection = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/assets?collection={cid}"),
        )
        .await;
    assert_eq!(in_collection["items"].as_array().unwrap().len(), 2);
    let removed = server
        .req(
            &editor,
            Method::DELETE,
            &format!("/api/v1/collections/{cid}/assets/{b_id}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(removed, 200).await["assetIds"], json!([a_id]));

    // Deleting an asset removes its file once nothing else refers to it.
    let dup = server.upload(&editor, "copy.png", b"a".to_vec()).await;
    let blob_count = || files_in(&server.data_dir().join("blobs")).len();
    assert_eq!(blob_count(), 2);
    assert_eq!(
        server
            .req(&editor, Method::DELETE, &format!("/api/v1/assets/{a_id}"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(blob_count(), 2, "the copy still refers to the same bytes");
    let dup_id = dup["id"].as_str().unwrap();
    assert_eq!(
        server
            .req(&editor, Method::DELETE, &format!("/api/v1/assets/{dup_id}"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(blob_count(), 1);
    let collection = server
        .get_json(&server.admin_token, &format!("/api/v1/collections/{cid}"))
        .await;
    assert_eq!(collection["assetIds"], json!([]));
}

#[tokio::test]
async fn health_metrics_and_openapi() {
    let server = TestServer::start().await;
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
    let metrics = server
        .client
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("handoff_http_requests_total{method=\"POST\",route=\"/api/v1/auth/login\",status=\"200\"}"), "{metrics}");
    let doc = json_of(
        server
            .client
            .get(server.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/assets",
        "/api/v1/assets/{id}/original",
        "/api/v1/collections/{id}/assets",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }

    // A data folder that takes no writes makes the server unhealthy (503) within a second.
    let tmp = server.data_dir().join("tmp");
    std::fs::remove_dir_all(&tmp).unwrap();
    std::fs::write(&tmp, b"not a folder").unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let health = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    expect_error(health, 503, "unavailable").await;
}

#[tokio::test]
async fn users_are_managed_by_admins() {
    let server = TestServer::start().await;
    let created = json_of(
        server.admin(Method::POST, "/api/v1/users").json(&json!({"email": "New@Example.com", "password": "long-password", "role": "viewer", "displayName": "New"})).send().await.unwrap(),
        201,
    )
    .await;
    assert_eq!(created["email"], "new@example.com");
    let dup = server
        .admin(Method::POST, "/api/v1/users")
        .json(&json!({"email": "new@example.com", "password": "long-password", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    expect_error(dup, 409, "conflict").await;
    let short = server
        .admin(Method::POST, "/api/v1/users")
        .json(&json!({"email": "x@example.com", "password": "short", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    expect_error(short, 422, "invalid").await;
    let id = created["id"].as_str().unwrap();
    let promoted = server
        .admin(Method::PATCH, &format!("/api/v1/users/{id}"))
        .json(&json!({"role": "editor"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(promoted, 200).await["permissions"],
        json!(["assets:read", "assets:write", "shares:read", "shares:write"])
    );
    let token = server.login("new@example.com", "long-password").await;
    assert_eq!(
        server
            .admin(Method::DELETE, &format!("/api/v1/users/{id}"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    expect_error(
        server
            .req(&token, Method::GET, "/api/v1/me")
            .send()
            .await
            .unwrap(),
        401,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn the_web_app_branding_and_user_directory_are_served() {
    let server = TestServer::start_with(|c| c.branding.name = "Acme Files".into()).await;
    let index = server.client.get(server.url("/")).send().await.unwrap();
    assert_eq!(index.status(), 200);
    assert!(index.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(index
        .text()
        .await
        .unwrap()
        .contains("<script type=\"module\""));
    let css = server
        .client
        .get(server.url("/static/share.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    let etag = css.headers()["etag"].to_str().unwrap().to_string();
    let again = server
        .client
        .get(server.url("/static/share.css"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    expect_error(
        server
            .client
            .get(server.url("/static/nope.js"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    let brand = json_of(
        server
            .client
            .get(server.url("/api/v1/branding"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(brand["name"], "Acme Files");
    let editor = server.user("ed@example.com", "editor").await;
    let viewer = server.user("vi@example.com", "viewer").await;
    let found = server
        .get_json(&editor, "/api/v1/users/directory?q=VI@")
        .await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["email"], "vi@example.com");
    assert!(found["items"][0].get("role").is_none());
    expect_error(
        server
            .req(&viewer, Method::GET, "/api/v1/users/directory")
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
}

/// Copies a folder tree (a fixture) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        match entry.path().is_dir() {
            true => copy_tree(&entry.path(), &target),
            false => drop(std::fs::copy(entry.path(), &target).unwrap()),
        }
    }
}

/// tests/fixtures/schema-v1 is a data folder written by handoff with schema version 1 (see
/// its README): an admin and an editor, an asset and a share each, a recipient, one visit.
#[tokio::test]
async fn a_database_of_schema_version_1_is_migrated_on_start() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1");
    copy_tree(&fixture, dir.path());
    let config = common::test_config(dir.path());
    let server = TestServer::start_in(dir, config).await;
    assert!(
        server.data_dir().join("handoff.redb.schema-1").is_file(),
        "the pre-migration copy is kept for going back"
    );

    // Every share is still listed to the right people, through the owner index built by the
    // migration.
    let editor = server
        .login("editor@example.com", "editor-password-1")
        .await;
    let titles = |listing: Value| -> Vec<String> {
        let items = listing["items"].as_array().unwrap().iter();
        items
            .map(|s| s["title"].as_str().unwrap().to_string())
            .collect()
    };
    let mine = server.get_json(&editor, "/api/v1/shares").await;
    assert_eq!(titles(mine.clone()), ["Editor share"]);
    let all = server.get_json(&server.admin_token, "/api/v1/shares").await;
    assert_eq!(titles(all), ["Editor share", "Admin share"]);
    let editor_id = mine["items"][0]["ownerId"].as_str().unwrap().to_string();
    let theirs = server
        .admin(Method::GET, "/api/v1/shares")
        .query(&[("owner", &editor_id)]);
    assert_eq!(
        titles(json_of(theirs.send().await.unwrap(), 200).await),
        ["Editor share"]
    );

    // The files, the use count and the recipient link all come through.
    let assets = server.get_json(&server.admin_token, "/api/v1/assets").await;
    let notes = assets["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "notes.txt")
        .unwrap();
    let original = format!("/api/v1/assets/{}/original", notes["id"].as_str().unwrap());
    let body = server
        .admin(Method::GET, &original)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "hello from schema one\n");
    let admin_share = server.get_json(&server.admin_token, "/api/v1/shares").await;
    let admin_share = admin_share["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Admin share")
        .unwrap()
        .clone();
    assert_eq!(
        admin_share["uses"], 1,
        "the visit made under schema 1 still counts"
    );
    let visit = server
        .client
        .get(admin_share["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(visit.status(), 200);
    let recipient_url = mine["items"][0]["recipients"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        server
            .client
            .get(&recipient_url)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Shares made, transferred and deleted after the upgrade keep the index right.
    let made = server
        .req(&editor, Method::POST, "/api/v1/shares")
        .json(&json!({"title": "After the upgrade", "assetIds": [notes["id"]]}))
        .send()
        .await
        .unwrap();
    let made = json_of(made, 201).await;
    let mine = server.get_json(&editor, "/api/v1/shares").await;
    assert_eq!(titles(mine), ["After the upgrade", "Editor share"]);
    let delete = server.admin(
        Method::DELETE,
        &format!("/api/v1/shares/{}", made["id"].as_str().unwrap()),
    );
    assert_eq!(delete.send().await.unwrap().status(), 204);
    let admin_id = server.get_json(&server.admin_token, "/api/v1/me").await["id"].clone();
    let removal = server
        .admin(Method::DELETE, &format!("/api/v1/users/{editor_id}"))
        .query(&[("transferTo", admin_id.as_str().unwrap())]);
    assert_eq!(removal.send().await.unwrap().status(), 204);
    let own = server
        .admin(Method::GET, "/api/v1/shares")
        .query(&[("owner", admin_id.as_str().unwrap())]);
    assert_eq!(
        titles(json_of(own.send().await.unwrap(), 200).await),
        ["Editor share", "Admin share"]
    );
    server.stop().await;
}
