//! The OpenAPI document against the live server: schemathesis finds no server error and no
//! answer that breaks the document; a 405 names the methods its route takes.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn a_405_names_the_methods_the_route_takes() {
    let server = TestServer::start().await;
    let id = "00000000-0000-4000-8000-000000000000";
    let cases = [
        (Method::PUT, "/api/v1/me".to_string(), "GET, PATCH"),
        (Method::DELETE, "/api/v1/assets".into(), "POST, PUT, GET"),
        (
            Method::PUT,
            format!("/api/v1/users/{id}"),
            "GET, PATCH, DELETE",
        ),
        (Method::GET, format!("/api/v1/assets/{id}/share"), "POST"),
        (Method::POST, "/healthz".into(), "GET"),
        (Method::DELETE, "/s/some-token".into(), "GET, HEAD"),
    ];
    for (method, path, allow) in cases {
        let response = server.admin(method.clone(), &path).send().await.unwrap();
        let sent = response.headers().get("allow").cloned();
        expect_error(response, 405, "method_not_allowed").await;
        assert_eq!(
            sent.as_ref().and_then(|v| v.to_str().ok()),
            Some(allow),
            "Allow of {method} {path}"
        );
    }
    // A path no route has, and a route that took the method and found nothing: 404s.
    for path in [
        "/api/v1/nothing".to_string(),
        format!("/api/v1/assets/{id}/bogus"),
    ] {
        let response = server.admin(Method::GET, &path).send().await.unwrap();
        assert!(response.headers().get("allow").is_none(), "{path}");
        expect_error(response, 404, "not_found").await;
    }
}

const INSTALL: &str = "pip install schemathesis";

/// The schemathesis CLI, or None (the test skips) where it is not installed; under
/// HANDOFF_TEST_STRICT=1 a missing CLI fails the test instead. Called by its long name: `st`
/// may be another program (suckless's terminal).
fn schemathesis() -> Option<&'static str> {
    let found = std::process::Command::new("schemathesis")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some("schemathesis");
    }
    if std::env::var("HANDOFF_TEST_STRICT").as_deref() == Ok("1") {
        panic!("schemathesis is not installed (HANDOFF_TEST_STRICT=1): {INSTALL}");
    }
    eprintln!("note: schemathesis is not installed: skipping the OpenAPI fuzz test ({INSTALL})");
    None
}

/// No 5xx; every status, body, content type and header as documented; 405 with `Allow` for
/// the methods a path lacks; credentials enforced; what was created can be read back, and
/// what was deleted is gone.
const CHECKS: [&str; 10] = [
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "unsupported_method",
    "allow_header_conformance",
    "ignored_auth",
    "ensure_resource_availability",
    "use_after_free",
];

#[tokio::test(flavor = "multi_thread")]
async fn schemathesis_finds_the_server_true_to_its_document() {
    let Some(st) = schemathesis() else { return };
    let server = TestServer::start().await;
    add_data(&server).await;
    let token = fuzzer_token(&server).await;
    let fuzzer = server.get_json(&token, "/api/v1/me").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let args = [
        "run".into(),
        server.url("/api/v1/openapi.json"),
        format!("--header=Authorization: Bearer {token}"),
        "--tls-verify=false".into(),
        format!("--checks={}", CHECKS.join(",")),
        // The fuzzer's only token is the one it runs with: revoking it would leave every
        // later request a 401, a run that passes while testing nothing.
        "--exclude-operation-id=delete_token".into(),
        "--max-examples=30".into(),
        "--max-time=120".into(),
        "--generation-database=none".into(),
        "--no-color".into(),
    ];
    // Its example database and caches go to a folder of their own, not the work tree.
    let scratch = tempfile::tempdir().unwrap();
    let cwd = scratch.path().to_path_buf();
    let run = tokio::task::spawn_blocking(move || {
        let mut command = std::process::Command::new(st);
        // tus bodies (application/offset+octet-stream) are bytes, as schemathesis sends them.
        let hooks = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
        command
            .args(&args)
            .current_dir(cwd)
            .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
            .env("PYTHONPATH", hooks)
            .env("HANDOFF_FUZZER_ID", fuzzer)
            .output()
            .unwrap()
    });
    let output = run.await.unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "schemathesis found the server and its OpenAPI document apart:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Still signed in at the end: the run tested what it says it did.
    let still = client()
        .get(server.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        still.status(),
        200,
        "the fuzzer's token ended during the run:\n{report}"
    );
}

/// An admin of its own for the fuzzer, with an API token: it may change or delete anything,
/// the test's admin included, and logging out does not end an API token.
async fn fuzzer_token(server: &TestServer) -> String {
    let session = server.user("fuzzer@example.com", "admin").await;
    let created = server
        .req(&session, Method::POST, "/api/v1/tokens")
        .json(&json!({"name": "schemathesis"}))
        .send()
        .await
        .unwrap();
    json_of(created, 201).await["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Something in every listing: assets (an image, so derivatives too), a collection, shares
/// with a password, a recipient and events, another user and token.
async fn add_data(server: &TestServer) {
    let admin = &server.admin_token;
    let text = server
        .upload(admin, "notes.txt", b"some notes".to_vec())
        .await;
    let image = server.upload(admin, "red.png", png(64, 48)).await;
    let ids = json!([text["id"], image["id"]]);
    let collection = server
        .admin(Method::POST, "/api/v1/collections")
        .json(&json!({"name": "Fuzzed", "assetIds": ids}))
        .send()
        .await
        .unwrap();
    let collection = json_of(collection, 201).await;
    let shares = [
        json!({"title": "Open", "assetIds": ids}),
        json!({"title": "Guarded", "collectionId": collection["id"], "password": "secret-1",
            "maxUses": 3, "recipients": [{"email": "guest@example.com"}]}),
    ];
    for share in shares {
        let created = server.admin(Method::POST, "/api/v1/shares").json(&share);
        let created: Value = json_of(created.send().await.unwrap(), 201).await;
        let url = created["url"].as_str().unwrap();
        let visit = server.client.get(url).send().await.unwrap();
        assert!(visit.status().is_success(), "{url}: {}", visit.status());
    }
    server.user("viewer@example.com", "viewer").await;
}

/// A small PNG, made here so that the test needs no fixture file.
fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}
