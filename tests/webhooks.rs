//! Webhooks against a real HTTP receiver on loopback: signed events, retries with backoff that
//! survive a restart, the SSRF guard when saving and when connecting, and owner scope.

mod common;

use common::receiver::{Receiver, SECRET};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn allowing_private(retry_base_secs: f64) -> impl FnOnce(&mut handoff::config::Config) {
    move |config| {
        config.webhooks.allow_private = true;
        config.webhooks.retry_base_secs = retry_base_secs;
    }
}

async fn subscribe(server: &TestServer, token: &str, url: &str, events: &[&str]) -> Value {
    let response = server
        .req(token, Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": url, "events": events, "secret": SECRET}))
        .send()
        .await
        .unwrap();
    json_of(response, 201).await
}

/// The admin's webhook of `share.created` events.
async fn admin_hook(server: &TestServer, url: &str) -> Value {
    subscribe(server, &server.admin_token, url, &["share.created"]).await
}

async fn deliveries(server: &TestServer, token: &str, hook: &Value) -> Vec<Value> {
    let path = format!(
        "/api/v1/webhooks/{}/deliveries",
        hook["id"].as_str().unwrap()
    );
    server.get_json(token, &path).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn share_of_a_file(server: &TestServer, token: &str, extra: Value) -> Value {
    let asset = server.upload(token, "notes.txt", b"hello".to_vec()).await;
    let mut body = json!({"title": "Notes", "assetIds": [asset["id"]]});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json_of(
        server
            .req(token, Method::POST, "/api/v1/shares")
            .json(&body)
            .send()
            .await
            .unwrap(),
        201,
    )
    .await
}

#[tokio::test]
async fn a_signed_event_reaches_a_receiver_that_failed_twice_on_the_third_try() {
    let receiver = Receiver::start(2).await;
    let server = TestServer::start_with(allowing_private(0.2)).await;
    let hook = admin_hook(&server, &receiver.url).await;
    assert_eq!(hook["secret"], SECRET);
    assert_eq!(hook["events"], json!(["share.created"]));
    let share = server
        .admin_share(json!({"title": "Cut 3", "assetIds": []}))
        .await;

    let hits = receiver.wait_for(3).await;
    assert!(hits.iter().all(|h| h.verify(SECRET)), "{hits:?}");
    assert!(!hits[0].verify("another-secret-entirely"));
    // Every try carries the same event: the receiver can tell a retry by its id.
    assert!(hits.iter().all(|h| h.body == hits[0].body));
    let event = hits[0].json();
    assert_eq!(event["type"], "share.created");
    assert_eq!(event["data"]["id"], share["id"]);
    assert_eq!(event["data"]["title"], "Cut 3");
    assert_eq!(event["data"]["url"], share["url"]);
    assert!(
        event["id"].is_string() && event["at"].is_string(),
        "{event}"
    );

    let delivered = poll_deliveries(&server, &hook, |d| d["status"] == "delivered").await;
    assert_eq!(delivered["attempts"], 3);
    assert_eq!(delivered["lastStatus"], 200);
    assert_eq!(delivered["type"], "share.created");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        receiver.hits().len(),
        3,
        "a delivered event is not sent again"
    );
}

/// Waits until the webhook's only delivery satisfies `done`, and returns it.
async fn poll_deliveries(
    server: &TestServer,
    hook: &Value,
    done: impl Fn(&Value) -> bool,
) -> Value {
    for _ in 0..200 {
        let list = deliveries(server, &server.admin_token, hook).await;
        if let [only] = list.as_slice() {
            if done(only) {
                return only.clone();
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the delivery did not get there");
}

#[tokio::test]
async fn visits_downloads_and_the_last_use_are_events() {
    let receiver = Receiver::start(0).await;
    let server = TestServer::start_with(allowing_private(0.2)).await;
    let events = ["share.opened", "share.downloaded", "share.used_up"];
    subscribe(&server, &server.admin_token, &receiver.url, &events).await;
    let share = share_of_a_file(&server, &server.admin_token, json!({"maxUses": 1})).await;
    let asset_id = share["assetIds"][0].as_str().unwrap();

    let client = client();
    let visit = client
        .get(server.url(&link_path(&share)))
        .send()
        .await
        .unwrap();
    assert_eq!(visit.status(), 200);
    let download = format!(
        "{}/assets/{asset_id}/original?download=1",
        link_path(&share)
    );
    let cookie = visit.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let file = client
        .get(server.url(&download))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(file.bytes().await.unwrap().as_ref(), b"hello");
    receiver.wait_for(3).await;

    let opened = receiver.of_type("share.opened");
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0]["data"]["id"], share["id"]);
    assert_eq!(opened[0]["data"]["link"]["clientAddress"], "127.0.0.1");
    assert_eq!(opened[0]["data"]["uses"], 1);
    let used_up = receiver.of_type("share.used_up");
    assert_eq!(used_up.len(), 1);
    assert_eq!(used_up[0]["data"]["status"], "used_up");
    let downloaded = receiver.of_type("share.downloaded");
    assert_eq!(downloaded.len(), 1);
    assert_eq!(downloaded[0]["data"]["downloads"], 1);
}

#[tokio::test]
async fn a_restart_between_tries_loses_nothing() {
    let receiver = Receiver::start(1).await;
    let server = TestServer::start_with(allowing_private(3.0)).await;
    let hook = admin_hook(&server, &receiver.url).await;
    server
        .admin_share(json!({"title": "Before the restart", "assetIds": []}))
        .await;
    receiver.wait_for(1).await;
    let dir = server.stop().await;
    assert_eq!(
        receiver.hits().len(),
        1,
        "the second try waits for its backoff"
    );

    let mut config = test_config(dir.path());
    allowing_private(3.0)(&mut config);
    let server = TestServer::start_in(dir, config).await;
    let hits = receiver.wait_for(2).await;
    assert_eq!(hits[0].body, hits[1].body);
    assert!(hits[1].verify(SECRET));
    let delivered = poll_deliveries(&server, &hook, |d| d["status"] == "delivered").await;
    assert_eq!(delivered["attempts"], 2);
}

#[tokio::test]
async fn inside_addresses_are_refused_when_saved_and_when_connecting() {
    let server = TestServer::start().await;
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
    ] {
        let response = server
            .admin(Method::POST, "/api/v1/webhooks")
            .json(&json!({"url": url, "events": ["share.created"]}))
            .send()
            .await
            .unwrap();
        let body = expect_error(response, 422, "invalid").await;
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("private"),
            "{url}: {body}"
        );
    }
    let refused = [
        json!({"url": "ftp://example.com/", "events": ["share.created"]}),
        json!({"url": "https://example.com/", "events": []}),
        json!({"url": "https://example.com/", "events": ["share.deleted"]}),
        json!({"url": "https://example.com/", "events": ["share.created"], "secret": "short"}),
    ];
    for body in refused {
        let response = server
            .admin(Method::POST, "/api/v1/webhooks")
            .json(&body)
            .send()
            .await
            .unwrap();
        expect_error(response, 422, "invalid").await;
    }

    // Saved while private addresses were allowed; the server now refuses them: the address is
    // checked again as the delivery connects, and the receiver never hears from it.
    let receiver = Receiver::start(0).await;
    let dir = server.stop().await;
    let mut config = test_config(dir.path());
    config.webhooks.allow_private = true;
    let server = TestServer::start_in(dir, config).await;
    let hook = admin_hook(&server, &receiver.url).await;
    let dir = server.stop().await;
    let config = test_config(dir.path());
    let server = TestServer::start_in(dir, config).await;
    server
        .admin_share(json!({"title": "To the inside", "assetIds": []}))
        .await;
    let refused = poll_deliveries(&server, &hook, |d| d["attempts"] == 1).await;
    let error = refused["lastError"].as_str().unwrap();
    assert!(error.contains("private"), "{error}");
    assert_eq!(
        refused["status"], "pending",
        "tried again later, as any failure"
    );
    assert!(receiver.hits().is_empty());
    // A change of URL is checked as a new one is.
    let path = format!("/api/v1/webhooks/{}", hook["id"].as_str().unwrap());
    let moved = server
        .admin(Method::PATCH, &path)
        .json(&json!({"url": "http://192.168.1.1/hook"}))
        .send()
        .await
        .unwrap();
    expect_error(moved, 422, "invalid").await;
}

#[tokio::test]
async fn members_hear_of_their_own_shares_and_admins_of_all() {
    let (admins, members) = (Receiver::start(0).await, Receiver::start(0).await);
    let server = TestServer::start_with(allowing_private(0.2)).await;
    let editor = server.user("editor@example.com", "editor").await;
    let viewer = server.user("viewer@example.com", "viewer").await;
    admin_hook(&server, &admins.url).await;
    let own = subscribe(&server, &editor, &members.url, &["share.created"]).await;
    let response = server
        .req(&viewer, Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": members.url, "events": ["share.created"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let anonymous = client()
        .get(server.url("/api/v1/webhooks"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    server
        .admin_share(json!({"title": "The admin's", "assetIds": []}))
        .await;
    share_of_a_file(&server, &editor, json!({"title": "The editor's"})).await;
    admins.wait_for(2).await;
    members.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let titles = |r: &Receiver| -> Vec<Value> {
        r.of_type("share.created")
            .iter()
            .map(|e| e["data"]["title"].clone())
            .collect()
    };
    assert_eq!(titles(&members), vec![json!("The editor's")]);
    assert_eq!(titles(&admins).len(), 2);

    // The editor sees and manages their own webhook only; the admin sees both.
    let listed = server.get_json(&editor, "/api/v1/webhooks").await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert!(
        listed["items"][0].get("secret").is_none(),
        "the secret is shown once"
    );
    let all = server
        .get_json(&server.admin_token, "/api/v1/webhooks")
        .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let admin_hook = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] != own["id"])
        .unwrap()
        .clone();
    let path = format!("/api/v1/webhooks/{}", admin_hook["id"].as_str().unwrap());
    let foreign = server
        .req(&editor, Method::DELETE, &path)
        .send()
        .await
        .unwrap();
    expect_error(foreign, 404, "not_found").await;

    let own_path = format!("/api/v1/webhooks/{}", own["id"].as_str().unwrap());
    let changed = server
        .req(&editor, Method::PATCH, &own_path)
        .json(&json!({"events": ["share.opened"], "enabled": false}))
        .send()
        .await
        .unwrap();
    let changed = json_of(changed, 200).await;
    assert_eq!(
        (changed["events"].clone(), changed["enabled"].clone()),
        (json!(["share.opened"]), json!(false))
    );
    let gone = server
        .req(&editor, Method::DELETE, &own_path)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 204);
    let after = server
        .req(&editor, Method::GET, &own_path)
        .send()
        .await
        .unwrap();
    expect_error(after, 404, "not_found").await;
}

#[tokio::test]
async fn a_receiver_that_never_answers_holds_up_nothing_else() {
    // Accepts connections and reads nothing, answers nothing.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("http://{}/hook", silent.local_addr().unwrap());
    let held = Arc::new(Mutex::new(Vec::new()));
    let keep = held.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = silent.accept().await {
            keep.lock().unwrap().push(stream);
        }
    });
    let receiver = Receiver::start(0).await;
    let server = TestServer::start_with(|config| {
        allowing_private(0.2)(config);
        config.webhooks.timeout_secs = 600;
    })
    .await;
    let stuck = admin_hook(&server, &silent_url).await;
    admin_hook(&server, &receiver.url).await;
    for n in 0..3 {
        server
            .admin_share(json!({"title": format!("Share {n}"), "assetIds": []}))
            .await;
    }
    receiver.wait_for(3).await;
    wait_for(|| Some(()).filter(|_| held.lock().unwrap().len() >= 3)).await;
    let waiting = deliveries(&server, &server.admin_token, &stuck).await;
    assert_eq!(waiting.len(), 3);
    assert!(
        waiting
            .iter()
            .all(|d| d["status"] == "pending" && d["attempts"] == 0),
        "{waiting:?}"
    );
}

#[tokio::test]
async fn an_image_is_an_asset_ready_event_once_its_previews_are_made() {
    let receiver = Receiver::start(0).await;
    let server = TestServer::start_with(allowing_private(0.2)).await;
    subscribe(
        &server,
        &server.admin_token,
        &receiver.url,
        &["asset.ready"],
    )
    .await;
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(300, 200, image::Rgb([200, 40, 40]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let asset = server
        .upload(&server.admin_token, "red.png", png.into_inner())
        .await;
    let hits = receiver.wait_for(1).await;
    let event = hits[0].json();
    assert_eq!(event["type"], "asset.ready");
    assert_eq!(event["data"]["id"], asset["id"]);
    assert_eq!(event["data"]["derivatives"]["thumbnail"]["state"], "ready");
    assert_eq!(event["data"]["attributes"]["width"], "300");
}

#[tokio::test]
async fn a_test_event_is_sent_on_demand() {
    let receiver = Receiver::start(0).await;
    let server = TestServer::start_with(allowing_private(0.2)).await;
    let hook = subscribe(
        &server,
        &server.admin_token,
        &receiver.url,
        &["asset.ready"],
    )
    .await;
    let path = format!("/api/v1/webhooks/{}/test", hook["id"].as_str().unwrap());
    let response = server.admin(Method::POST, &path).send().await.unwrap();
    assert_eq!(response.status(), 202);
    let hits = receiver.wait_for(1).await;
    assert!(hits[0].verify(SECRET));
    assert_eq!(hits[0].json()["type"], "webhook.test");
    assert_eq!(hits[0].json()["data"]["webhookId"], hook["id"]);
}

#[tokio::test]
async fn an_expired_share_is_an_event_once() {
    let receiver = Receiver::start(0).await;
    let server = TestServer::start_with(|config| {
        allowing_private(0.2)(config);
        config.notify.check_secs = 0.2;
    })
    .await;
    subscribe(
        &server,
        &server.admin_token,
        &receiver.url,
        &["share.expired"],
    )
    .await;
    let soon = |secs: i64| (chrono::Utc::now() + chrono::Duration::seconds(secs)).to_rfc3339();
    let first = server
        .admin_share(json!({"title": "First", "assetIds": [], "expiresAt": soon(1)}))
        .await;
    receiver.wait_for(1).await;
    let second = server
        .admin_share(json!({"title": "Second", "assetIds": [], "expiresAt": soon(1)}))
        .await;
    receiver.wait_for(2).await;
    let expired = receiver.of_type("share.expired");
    let ids: Vec<&Value> = expired.iter().map(|e| &e["data"]["id"]).collect();
    assert_eq!(ids, [&first["id"], &second["id"]], "each once, in turn");
    assert_eq!(expired[0]["data"]["status"], "expired");
}
