//! The outbox shared by nodes (SPEC §9): two nodes on one PostgreSQL database send each email
//! and each webhook delivery exactly once, and a delivery whose node dies mid-try (`kill -9`)
//! goes out from the other once its lease has run out.

mod common;

use common::mail::{received, smtp_server, with_smtp};
use common::postgres::Postgres;
use common::process::*;
use common::receiver::Receiver;
use common::two_nodes;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Short leases, so that each node looks for the other's messages every two seconds.
const LEASE_SECS: u64 = 2;

/// Shares made at once, every other one on B, each emailing its `recipients` addresses.
async fn shares_at_once(a: &TestServer, b: &TestServer, shares: usize, recipients: usize) {
    let asset = a.upload(&a.admin_token, "a.txt", b"hi".to_vec()).await;
    let made = (0..shares).map(|i| {
        let node = if i % 2 == 0 { a } else { b };
        let to: Vec<Value> = (0..recipients)
            .map(|r| json!({"email": format!("r{i}-{r}@example.org")}))
            .collect();
        node.admin_share(
            json!({"title": format!("Batch {i}"), "assetIds": [asset["id"]], "recipients": to}),
        )
    });
    futures_util::future::join_all(made).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn emails_queued_on_two_nodes_arrive_exactly_once() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let (port, inbox) = smtp_server();
    let (a, b) = two_nodes(&postgres.database("emails"), |c| {
        with_smtp(c, port);
        c.notify.outbox_lease_secs = LEASE_SECS;
    })
    .await;
    shares_at_once(&a, &b, 4, 5).await;
    wait_for(|| (inbox.mails.lock().unwrap().len() >= 20).then_some(())).await;
    // Both nodes look again (twice a lease) and find nothing left to send.
    tokio::time::sleep(Duration::from_secs(3 * LEASE_SECS)).await;
    let to: Vec<String> = received(&inbox)
        .iter()
        .map(|m| m["to"].as_str().unwrap().to_string())
        .collect();
    let distinct: BTreeSet<&String> = to.iter().collect();
    assert_eq!((to.len(), distinct.len()), (20, 20), "{to:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn webhook_deliveries_of_two_nodes_arrive_exactly_once() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let receiver = Receiver::start(0).await;
    let (a, b) = two_nodes(&postgres.database("hooks"), |c| {
        c.webhooks.allow_private = true;
        c.notify.outbox_lease_secs = LEASE_SECS;
    })
    .await;
    let hook = json!({"url": receiver.url, "events": ["share.created"]});
    a.admin_create("/api/v1/webhooks", hook).await;
    shares_at_once(&a, &b, 10, 0).await;
    receiver.wait_for(10).await;
    tokio::time::sleep(Duration::from_secs(3 * LEASE_SECS)).await;
    let events: Vec<String> = receiver
        .hits()
        .iter()
        .map(|h| h.json()["id"].as_str().unwrap().to_string())
        .collect();
    let distinct: BTreeSet<&String> = events.iter().collect();
    assert_eq!((events.len(), distinct.len()), (10, 10), "{events:?}");
}

/// A webhook receiver that never answers its first request (its sender is stuck in the try)
/// and answers 200 to the others; the bodies in the order they came.
async fn holding_receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    use warp::Filter;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let seen = bodies.clone();
    let route = warp::post()
        .and(warp::path("hook"))
        .and(warp::body::bytes())
        .then(move |body: bytes::Bytes| {
            let first = {
                let mut seen = seen.lock().unwrap();
                seen.push(String::from_utf8_lossy(&body).into_owned());
                seen.len() == 1
            };
            async move {
                if first {
                    tokio::time::sleep(Duration::from_secs(600)).await;
                }
                warp::reply()
            }
        });
    tokio::spawn(warp::serve(route).incoming(listener).run());
    (url, bodies)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_delivery_of_a_node_killed_mid_try_goes_out_from_the_other() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let url = postgres.database("takeover");
    let (hook_url, bodies) = holding_receiver().await;
    let settings = format!(
        "[database]\nurl = \"{url}\"\n[notify]\noutbox_lease_secs = {LEASE_SECS}\n\
         [webhooks]\nallow_private = true\ntimeout_secs = 600\n"
    );
    let a_dir = tempfile::tempdir().unwrap();
    let config = write_config(a_dir.path(), &settings);
    let mut a = serve(a_dir.path(), &config);
    let token = login(&a.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let api = |method, path: &str| {
        let url = format!("{}/api/v1/{path}", a.base);
        client().request(method, url).bearer_auth(&token)
    };
    let hook = api(Method::POST, "webhooks")
        .json(&json!({"url": hook_url, "events": ["share.created"]}))
        .send()
        .await
        .unwrap();
    let hook = json_of(hook, 201).await;
    let asset = upload_file(&a.base, &token, "a.txt", b"hi".to_vec()).await;
    let share = api(Method::POST, "shares")
        .json(&json!({"title": "Held", "assetIds": [asset]}))
        .send()
        .await
        .unwrap();
    json_of(share, 201).await;
    // A is in the middle of its try: the receiver holds the request open.
    wait_for(|| (bodies.lock().unwrap().len() == 1).then_some(())).await;

    // B joins, and leaves the delivery alone while A lives and renews its lease.
    let b_dir = tempfile::tempdir().unwrap();
    let mut b_config = test_config(b_dir.path());
    b_config.database.url = url;
    b_config.webhooks.allow_private = true;
    b_config.notify.outbox_lease_secs = LEASE_SECS;
    let b = TestServer::start_in(b_dir, b_config).await;
    tokio::time::sleep(Duration::from_secs(3 * LEASE_SECS)).await;
    assert_eq!(
        bodies.lock().unwrap().len(),
        1,
        "B took a live node's delivery"
    );

    // A dies mid-try; B delivers the same event once A's lease has run out.
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    let both = wait_for(|| Some(bodies.lock().unwrap().clone()).filter(|b| b.len() == 2)).await;
    assert_eq!(both[0], both[1], "the very same event");
    let path = format!(
        "/api/v1/webhooks/{}/deliveries",
        hook["id"].as_str().unwrap()
    );
    let mut list = Value::Null;
    for _ in 0..100 {
        list = b.get_json(&b.admin_token, &path).await["items"].clone();
        if list[0]["status"] == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["status"], "delivered", "{list}");
    // Delivered once: nobody sends it again.
    tokio::time::sleep(Duration::from_secs(2 * LEASE_SECS)).await;
    assert_eq!(bodies.lock().unwrap().len(), 2);
}
