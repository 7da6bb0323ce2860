//! Upload requests (SPEC §6) against the real server over TLS: the team asks, outsiders send
//! files in through `/u/{token}` with tus (or one multipart request), and every rule holds —
//! the limits under racing uploads, types checked on content, expiry and disabling, the
//! password and its 429, outsiders who never see each other. The news of received files
//! (emails, webhooks) is `upload_request_news.rs`.

mod common;

use common::requests::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test]
async fn a_request_collects_files_from_outside_as_the_creators_assets() {
    let server = TestServer::start().await;
    let request = ask(
        &server,
        json!({"title": "Raw footage", "description": "From the shoot", "durationDays": 7}),
    )
    .await;
    assert_eq!(request["status"], "active");
    assert_eq!(
        (request["files"].as_u64(), request["bytes"].as_u64()),
        (Some(0), Some(0))
    );
    let collection_id = request["collectionId"].as_str().unwrap();
    let collection = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/collections/{collection_id}"),
        )
        .await;
    assert_eq!(
        collection["name"], "Raw footage",
        "a collection named after the title"
    );

    let mut ann = Outsider::new(&server, &request);
    let head = ann.req(Method::HEAD, &ann.link).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert!(
        head.headers().get("set-cookie").is_none(),
        "HEAD starts no visit"
    );
    let page = ann.req(Method::GET, &ann.link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    ann.remember(&page);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Raw footage") && html.contains("Drop files here"),
        "{html}"
    );

    let bytes = png();
    let done = ann
        .send(
            "shot <1>.png",
            &bytes,
            &[
                ("uploaderName", "Ann Lee"),
                ("uploaderEmail", "Ann@Example.com"),
            ],
        )
        .await;
    assert_eq!(done.status(), 204, "{}", done.text().await.unwrap());
    let id = asset_id(&done);

    let asset = server
        .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
        .await;
    assert_eq!(asset["name"], "shot <1>.png");
    assert_eq!(asset["size"].as_u64(), Some(bytes.len() as u64));
    assert_eq!(asset["attributes"]["uploadedBy"], "Ann Lee");
    assert_eq!(asset["attributes"]["uploadedByEmail"], "ann@example.com");
    assert_eq!(asset["attributes"]["request"], request["id"]);
    let collection = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/collections/{collection_id}"),
        )
        .await;
    assert!(
        collection.to_string().contains(&id),
        "in the request's collection: {collection}"
    );

    let seen = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/requests/{}", request["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(
        (seen["files"].as_u64(), seen["bytes"].as_u64()),
        (Some(1), Some(bytes.len() as u64))
    );
    assert_eq!(seen["received"][0]["uploadedBy"], "Ann Lee");
    let events = server
        .get_json(
            &server.admin_token,
            &format!(
                "/api/v1/requests/{}/events",
                request["id"].as_str().unwrap()
            ),
        )
        .await;
    let upload = &events["items"][0];
    assert_eq!(
        (upload["type"].as_str(), upload["bytes"].as_u64()),
        (Some("upload"), Some(bytes.len() as u64))
    );
    assert_eq!(upload["name"], "shot <1>.png");

    // Nothing from outside is served without a team member: no route answers it to Ann.
    let original = ann
        .req(Method::GET, &format!("/api/v1/assets/{id}/original"))
        .send()
        .await
        .unwrap();
    assert_eq!(original.status(), 401);

    let mine = ann.files().await;
    assert_eq!(mine["items"][0]["id"].as_str(), Some(id.as_str()));
    assert_eq!(mine["items"][0]["name"], "shot <1>.png");
}

#[tokio::test]
async fn two_outsiders_never_see_each_others_files() {
    let server = TestServer::start().await;
    let request = ask(&server, json!({"title": "Contracts", "maxFiles": 10})).await;
    let mut ann = Outsider::new(&server, &request);
    let mut bob = Outsider::new(&server, &request);
    let ann_file = asset_id(
        &ann.send("ann.txt", b"ann's words", &[("uploaderName", "Ann")])
            .await,
    );
    let bob_file = asset_id(
        &bob.send("bob.txt", b"bob's words", &[("uploaderName", "Bob")])
            .await,
    );

    let (ann_list, bob_list) = (ann.files().await, bob.files().await);
    assert_eq!(ann_list["items"].as_array().unwrap().len(), 1);
    assert_eq!(ann_list["items"][0]["id"].as_str(), Some(ann_file.as_str()));
    assert!(!ann_list.to_string().contains("Bob") && !ann_list.to_string().contains("bob.txt"));
    assert_eq!(bob_list["items"][0]["id"].as_str(), Some(bob_file.as_str()));
    assert_eq!(
        (
            ann_list["filesReceived"].as_u64(),
            ann_list["maxFiles"].as_u64()
        ),
        (Some(2), Some(10))
    );

    // Ann cannot remove Bob's file, nor reach his upload; she can remove her own.
    let theirs = ann
        .req(Method::DELETE, &format!("{}/files/{bob_file}", ann.link))
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), 404);
    let mine = ann
        .req(Method::DELETE, &format!("{}/files/{ann_file}", ann.link))
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status(), 204);
    assert!(ann.files().await["items"].as_array().unwrap().is_empty());
    let gone = server
        .admin(Method::GET, &format!("/api/v1/assets/{ann_file}"))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404, "a removed file is gone");
    assert_eq!(bob.files().await["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn racing_uploads_never_pass_max_files_and_ended_ones_give_their_room_back() {
    let server = TestServer::start().await;
    let request = ask(&server, json!({"title": "Three only", "maxFiles": 3})).await;
    let mut first = Outsider::new(&server, &request);
    // One visit for all: its cookie, then 20 creations at once.
    first.files().await;
    let creations = (0..20).map(|i| {
        let outsider = Outsider {
            server: &server,
            link: first.link.clone(),
            cookie: first.cookie.clone(),
        };
        async move {
            let mut outsider = outsider;
            let response = outsider.create(&format!("f{i}.txt"), 10, &[]).await;
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string());
            (status, location)
        }
    });
    let answers = futures_util::future::join_all(creations).await;
    let created: Vec<&String> = answers
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, l)| l.as_ref().unwrap())
        .collect();
    assert_eq!(created.len(), 3, "exactly three: {answers:?}");
    assert!(
        answers.iter().all(|(s, _)| *s == 201 || *s == 413),
        "{answers:?}"
    );

    // Ending one frees its room; finishing the others fills the request for good.
    let ended = first
        .req(Method::DELETE, created[0])
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 204);
    for location in &created[1..] {
        assert_eq!(first.patch(location, 0, b"0123456789").await.status(), 204);
    }
    assert_eq!(
        first.send("last.txt", b"0123456789", &[]).await.status(),
        204
    );
    let refused = first.create("one-too-many.txt", 10, &[]).await;
    assert_eq!(refused.status(), 413);
    let request = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/requests/{}", request["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(request["files"].as_u64(), Some(3));
}

#[tokio::test]
async fn max_bytes_counts_uploads_under_way_and_refuses_a_file_before_its_bytes() {
    let server = TestServer::start().await;
    let request = ask(&server, json!({"title": "Small", "maxBytes": 100})).await;
    let mut ann = Outsider::new(&server, &request);
    let big = ann.create("big.txt", 101, &[]).await;
    expect_error(big, 413, "too_large").await;
    let sixty = ann.create("sixty.txt", 60, &[]).await;
    assert_eq!(sixty.status(), 201);
    // 60 are held by the upload under way: 41 more do not fit, 40 do.
    expect_error(ann.create("forty-one.txt", 41, &[]).await, 413, "too_large").await;
    assert_eq!(ann.create("forty.txt", 40, &[]).await.status(), 201);

    // One request, multipart: refused whole when it does not fit, nothing kept.
    let form = reqwest::multipart::Form::new()
        .text("uploaderName", "Ann")
        .part(
            "file",
            reqwest::multipart::Part::bytes(vec![b'x'; 5]).file_name("five.txt"),
        );
    let sent = ann
        .req(Method::POST, &format!("{}/files", ann.link))
        .multipart(form)
        .send()
        .await
        .unwrap();
    expect_error(sent, 413, "too_large").await;
    let request = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/requests/{}", request["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(
        (request["files"].as_u64(), request["uploading"].as_u64()),
        (Some(0), Some(2))
    );
}

#[tokio::test]
async fn multipart_sends_files_in_one_request_with_who_sent_them() {
    let server = TestServer::start().await;
    let request = ask(
        &server,
        json!({"title": "Scans", "allowedTypes": [".pdf", "image/*"]}),
    )
    .await;
    let mut ann = Outsider::new(&server, &request);
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(png()).file_name("a.png"),
        )
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("b.pdf"),
        )
        .text("uploaderName", "Ann")
        .text("uploaderEmail", "ann@example.com");
    let sent = ann
        .req(Method::POST, &format!("{}/files", ann.link))
        .multipart(form)
        .send()
        .await
        .unwrap();
    ann.remember(&sent);
    let sent = json_of(sent, 201).await;
    assert_eq!(sent["files"].as_array().unwrap().len(), 2);
    let id = sent["files"][1]["id"].as_str().unwrap();
    let asset = server
        .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
        .await;
    assert_eq!(
        (
            asset["attributes"]["uploadedBy"].as_str(),
            asset["name"].as_str()
        ),
        (Some("Ann"), Some("b.pdf"))
    );
    assert_eq!(ann.files().await["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn allowed_types_are_checked_on_the_content_not_the_name() {
    let server = TestServer::start().await;
    let request = ask(
        &server,
        json!({"title": "Photos", "allowedTypes": ["image/*"]}),
    )
    .await;
    let mut ann = Outsider::new(&server, &request);
    // Claimed as a program: refused before any byte.
    let exe = ann
        .create("setup.exe", 10, &[("filetype", "application/x-msdownload")])
        .await;
    expect_error(exe, 415, "unsupported_media_type").await;
    // Named and typed as a PNG, but it is a web page: refused when its bytes show it.
    let page = b"<!doctype html><script>alert(1)</script>".to_vec();
    let spoofed = ann
        .send("cat.png", &page, &[("filetype", "image/png")])
        .await;
    expect_error(spoofed, 415, "unsupported_media_type").await;
    let real = ann
        .send("cat.png", &png(), &[("filetype", "image/png")])
        .await;
    assert_eq!(real.status(), 204);
    let request = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/requests/{}", request["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(
        (request["files"].as_u64(), request["uploading"].as_u64()),
        (Some(1), Some(0)),
        "the spoof kept nothing"
    );
    let assets = server.get_json(&server.admin_token, "/api/v1/assets").await;
    assert_eq!(assets["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn disabled_expired_and_deleted_links_take_nothing() {
    let server = TestServer::start().await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let expiring = ask(&server, json!({"title": "Soon over", "expiresAt": soon})).await;
    let request = ask(&server, json!({"title": "Paused"})).await;
    let id = request["id"].as_str().unwrap();
    let mut ann = Outsider::new(&server, &request);
    let under_way = ann.create("a.txt", 4, &[]).await;
    let location = under_way.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();

    let off = server
        .admin(Method::PATCH, &format!("/api/v1/requests/{id}"))
        .json(&json!({"enabled": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(off, 200).await["status"], "disabled");
    let page = ann.req(Method::GET, &ann.link).send().await.unwrap();
    assert_eq!(page.status(), 410);
    assert!(page.text().await.unwrap().contains("disabled"));
    expect_error(ann.create("b.txt", 4, &[]).await, 410, "disabled").await;
    expect_error(ann.patch(&location, 0, b"abcd").await, 410, "disabled").await;

    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut bob = Outsider::new(&server, &expiring);
    expect_error(bob.create("c.txt", 4, &[]).await, 410, "expired").await;
    let listed = server
        .get_json(&server.admin_token, "/api/v1/requests?status=expired")
        .await;
    assert_eq!(listed["items"][0]["id"], expiring["id"]);

    let deleted = server
        .admin(Method::DELETE, &format!("/api/v1/requests/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(
        ann.req(Method::GET, &ann.link)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn the_password_comes_first_and_wrong_tries_end_in_429() {
    let server = TestServer::start_with(|c| c.unlock.max_attempts = 3).await;
    let request = ask(
        &server,
        json!({"title": "Secret plans", "password": "open sesame"}),
    )
    .await;
    assert!(request.get("password").is_none() && request["hasPassword"] == true);
    let mut ann = Outsider::new(&server, &request);
    let page = ann.req(Method::GET, &ann.link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("protected") && !html.contains("Secret plans"),
        "says only that it is protected"
    );
    expect_error(ann.create("a.txt", 4, &[]).await, 401, "unauthenticated").await;

    let unlock = |password: &str| {
        ann.req(Method::POST, &format!("{}/unlock", ann.link))
            .form(&[("password", password)])
            .send()
    };
    for _ in 0..3 {
        assert_eq!(unlock("wrong").await.unwrap().status(), 401);
    }
    let blocked = unlock("open sesame").await.unwrap();
    assert_eq!(
        blocked.status(),
        429,
        "even the right password, until the window passes"
    );
    assert!(blocked.headers().contains_key("retry-after"));

    // Another request's link is not blocked by these tries.
    let other = ask(
        &server,
        json!({"title": "Other", "password": "open sesame"}),
    )
    .await;
    let mut bob = Outsider::new(&server, &other);
    let opened = bob
        .req(Method::POST, &format!("{}/unlock", bob.link))
        .form(&[("password", "open sesame")])
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 303);
    bob.remember(&opened);
    assert_eq!(bob.send("in.txt", b"data", &[]).await.status(), 204);
    let events = server
        .get_json(
            &server.admin_token,
            &format!(
                "/api/v1/requests/{}/events",
                request["id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(
        events["items"].as_array().unwrap().len(),
        3,
        "three failed unlocks: {events}"
    );
}

#[tokio::test]
async fn only_members_who_may_share_ask_and_the_expiry_cap_holds() {
    let server = TestServer::start_with(|c| c.sharing.max_expiry_days = 30).await;
    let viewer = server.user("viewer@example.com", "viewer").await;
    let refused = server
        .req(&viewer, Method::POST, "/api/v1/requests")
        .json(&json!({"title": "No"}))
        .send()
        .await
        .unwrap();
    expect_error(refused, 403, "forbidden").await;
    let too_long = server
        .admin(Method::POST, "/api/v1/requests")
        .json(&json!({"title": "Long", "durationHours": 31 * 24}))
        .send()
        .await
        .unwrap();
    expect_error(too_long, 422, "invalid").await;
    let bad_type = server
        .admin(Method::POST, "/api/v1/requests")
        .json(&json!({"title": "Odd", "allowedTypes": ["images"]}))
        .send()
        .await
        .unwrap();
    expect_error(bad_type, 422, "invalid").await;
    let editor = server.user("editor@example.com", "editor").await;
    let theirs = json_of(
        server
            .req(&editor, Method::POST, "/api/v1/requests")
            .json(&json!({"title": "Editor's"}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let mine = ask(&server, json!({"title": "Admin's"})).await;
    let listed = server.get_json(&editor, "/api/v1/requests").await;
    assert_eq!(
        listed["items"].as_array().unwrap().len(),
        1,
        "own requests only"
    );
    assert_eq!(listed["items"][0]["id"], theirs["id"]);
    let hidden = server
        .req(
            &editor,
            Method::GET,
            &format!("/api/v1/requests/{}", mine["id"].as_str().unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), 404);
    let all = server
        .get_json(&server.admin_token, "/api/v1/requests")
        .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2, "admins see all");
}

#[tokio::test]
async fn a_tus_client_without_cookies_goes_on_through_the_url_it_was_given() {
    let server = TestServer::start().await;
    let request = ask(&server, json!({"title": "From a script"})).await;
    let mut script = Outsider::new(&server, &request);
    let created = script.create("log.txt", 8, &[]).await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.contains("?v="),
        "the visit rides in the URL: {location}"
    );
    script.cookie = None;
    let head = script
        .req(Method::HEAD, &location)
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(head.headers()["upload-offset"], "0");
    assert_eq!(script.patch(&location, 0, b"12345678").await.status(), 204);
    // Without the visit, the upload is nobody's to see.
    let bare = location.split('?').next().unwrap();
    let stranger = script
        .req(Method::HEAD, bare)
        .header("tus-resumable", "1.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), 404);
}

#[tokio::test]
async fn a_deleted_creators_links_end_unless_handed_on() {
    let server = TestServer::start().await;
    let (ann, bob) = (
        server.user("ann@example.com", "editor").await,
        server.user("bob@example.com", "editor").await,
    );
    let asked = |token: String| {
        let server = &server;
        async move {
            let response = server
                .req(&token, Method::POST, "/api/v1/requests")
                .json(&json!({"title": "Theirs"}))
                .send()
                .await
                .unwrap();
            json_of(response, 201).await
        }
    };
    let (anns, bobs) = (asked(ann.clone()).await, asked(bob.clone()).await);
    let admin = server.get_json(&server.admin_token, "/api/v1/me").await;
    let delete = |owner: &Value, transfer: Option<&Value>| {
        let query = transfer.map_or(String::new(), |t| {
            format!("?transferTo={}", t["id"].as_str().unwrap())
        });
        server
            .admin(
                Method::DELETE,
                &format!(
                    "/api/v1/users/{}{query}",
                    owner["ownerId"].as_str().unwrap()
                ),
            )
            .send()
    };
    assert_eq!(delete(&anns, Some(&admin)).await.unwrap().status(), 204);
    assert_eq!(delete(&bobs, None).await.unwrap().status(), 204);

    let mut handed = Outsider::new(&server, &anns);
    assert_eq!(handed.send("still.txt", b"open", &[]).await.status(), 204);
    let now_admins = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/requests/{}", anns["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(now_admins["ownerId"], admin["id"]);
    let mut orphan = Outsider::new(&server, &bobs);
    expect_error(
        orphan.create("late.txt", 4, &[]).await,
        410,
        "creator_deleted",
    )
    .await;
}
