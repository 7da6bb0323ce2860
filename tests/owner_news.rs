//! The owner's emails about their links against a real SMTP server: many first visits at once
//! gathered into one email naming everyone (and kept across a restart), the owner's language,
//! and the one outbox of emails and webhook deliveries surviving a restart.

mod common;

use common::mail::*;
use common::receiver::{Receiver, SECRET};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// News gathers for 15 seconds after an email (room for a loaded machine); the scheduler looks
/// five times a second.
const WINDOW: Duration = Duration::from_secs(15);

fn gathering(config: &mut handoff::config::Config, port: u16) {
    with_smtp(config, port);
    config.notify.batch_minutes = WINDOW.as_secs_f64() / 60.0;
    config.notify.check_secs = 0.2;
}

fn to_owner(inbox: &Inbox) -> Vec<Value> {
    received(inbox)
        .into_iter()
        .filter(|m| m["to"] == ADMIN_EMAIL)
        .collect()
}

async fn open(server: &TestServer, path: &str) {
    let page = client().get(server.url(path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn many_first_visits_at_once_make_one_email_naming_everyone_even_across_a_restart() {
    let (port, inbox) = smtp_server();
    let server = TestServer::start_with(|c| gathering(c, port)).await;
    let emails: Vec<String> = (0..6).map(|i| format!("r{i}@example.org")).collect();
    let recipients: Vec<Value> = emails.iter().map(|e| json!({"email": e})).collect();
    let share = server
        .admin_share(
            json!({"title": "Launch", "assetIds": [], "recipients": recipients,
            "notify": {"opened": true}}),
        )
        .await;
    wait_for(|| (received(&inbox).len() == 6).then_some(())).await;

    // The first visit after a quiet period is told at once.
    open(&server, &link_path(&share["recipients"][0])).await;
    let told = std::time::Instant::now();
    let first = wait_for_mail(&inbox, "r0@example.org opened “Launch”").await;
    assert_eq!(to_owner(&inbox).len(), 1, "{first:?}");

    // Five more within the window wait for one email — and the wait survives a restart.
    for recipient in &share["recipients"].as_array().unwrap()[1..] {
        open(&server, &link_path(recipient)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let owner_mails = to_owner(&inbox);
    assert_eq!(
        owner_mails.len(),
        1,
        "nothing more before the window ends: {owner_mails:?}"
    );
    let dir = server.stop().await;
    let mut config = test_config(dir.path());
    gathering(&mut config, port);
    let server = TestServer::start_in(dir, config).await;
    tokio::time::sleep(WINDOW.saturating_sub(told.elapsed())).await;
    let mails = wait_for_mail(&inbox, "5 links of your shares were opened").await;
    let digest = mails
        .iter()
        .find(|m| m["subject"].as_str().unwrap().starts_with("5 links"))
        .unwrap();
    let text = digest["parts"]["text/plain"].as_str().unwrap();
    for email in &emails[1..] {
        assert!(
            text.contains(&format!("{email} opened your share “Launch”")),
            "{email} is named: {text}"
        );
    }
    assert!(!text.contains("r0@example.org"), "told before: {text}");
    assert_eq!(to_owner(&inbox).len(), 2);

    // Once the window has passed, the next visit is told at once, alone; a link already told
    // of is never told again.
    tokio::time::sleep(WINDOW).await;
    open(&server, &link_path(&share["recipients"][1])).await;
    open(&server, &link_path(&share)).await;
    wait_for_mail(&inbox, "someone at 127.0.0.1 opened “Launch”").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(to_owner(&inbox).len(), 3);
}

#[tokio::test]
async fn a_german_owner_gets_the_open_notice_in_german() {
    let (port, inbox) = smtp_server();
    let server = TestServer::start_with(|c| with_smtp(c, port)).await;
    let wrong = server
        .admin(Method::PATCH, "/api/v1/me")
        .json(&json!({"language": "xx"}))
        .send()
        .await
        .unwrap();
    expect_error(wrong, 422, "invalid").await;
    let me = server
        .admin(Method::PATCH, "/api/v1/me")
        .json(&json!({"language": "de"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(me, 200).await["language"], "de");
    assert_eq!(
        server.get_json(&server.admin_token, "/api/v1/me").await["language"],
        "de"
    );

    let share = server
        .admin_share(json!({"title": "Verträge <2027>", "assetIds": [],
            "recipients": [{"email": "ann@example.org"}], "notify": {"opened": true}}))
        .await;
    open(&server, &link_path(&share["recipients"][0])).await;
    let mails = wait_for_mail(&inbox, "ann@example.org hat „Verträge <2027>“ geöffnet").await;
    let notice = mails.iter().find(|m| m["to"] == ADMIN_EMAIL).unwrap();
    let text = notice["parts"]["text/plain"].as_str().unwrap();
    assert!(
        text.contains("ann@example.org hat Ihre Freigabe „Verträge <2027>“ geöffnet.")
            && text.contains("Die Freigabe: "),
        "{text}"
    );
    let html = notice["parts"]["text/html"].as_str().unwrap();
    assert!(
        html.contains("lang=\"de\"") && html.contains("Verträge &lt;2027&gt;"),
        "{html}"
    );

    // Back to English (null): the general link's first visit is told in English.
    let me = server
        .admin(Method::PATCH, "/api/v1/me")
        .json(&json!({"language": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(me, 200).await["language"], Value::Null);
}

async fn deliveries(server: &TestServer, hook: &Value) -> Vec<Value> {
    let path = format!(
        "/api/v1/webhooks/{}/deliveries",
        hook["id"].as_str().unwrap()
    );
    server.get_json(&server.admin_token, &path).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn an_email_and_a_webhook_both_waiting_survive_a_restart_and_go_after_it() {
    let (port, inbox) = smtp_server();
    inbox.refuse.store(true, Ordering::SeqCst);
    let receiver = Receiver::start(1).await;
    let settings = move |c: &mut handoff::config::Config| {
        with_smtp(c, port);
        // Both retries come after the restart.
        c.smtp.as_mut().unwrap().retry_secs = 3;
        c.webhooks.allow_private = true;
        c.webhooks.retry_base_secs = 3.0;
    };
    let server = TestServer::start_with(settings).await;
    let hook = server
        .admin(Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": receiver.url, "events": ["share.created"], "secret": SECRET}))
        .send()
        .await
        .unwrap();
    let hook = json_of(hook, 201).await;
    let share = server
        .admin_share(json!({"title": "Both", "assetIds": [],
            "recipients": [{"email": "dan@example.org"}]}))
        .await;
    receiver.wait_for(1).await;
    let id = share["id"].as_str().unwrap().to_string();
    wait_for_state(&server, &id, "failed").await;
    let waiting = deliveries(&server, &hook).await;
    assert_eq!(
        (
            waiting[0]["status"].as_str(),
            waiting[0]["attempts"].as_u64()
        ),
        (Some("pending"), Some(1))
    );

    let dir = server.stop().await;
    inbox.refuse.store(false, Ordering::SeqCst);
    let mut config = test_config(dir.path());
    settings(&mut config);
    let server = TestServer::start_in(dir, config).await;
    let hits = receiver.wait_for(2).await;
    assert!(hits[1].verify(SECRET) && hits[0].body == hits[1].body);
    wait_for_state(&server, &id, "sent").await;
    let mails = received(&inbox);
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["to"], "dan@example.org");
    let delivered = deliveries(&server, &hook).await;
    assert_eq!(
        (
            delivered[0]["status"].as_str(),
            delivered[0]["attempts"].as_u64()
        ),
        (Some("delivered"), Some(2))
    );
}

async fn wait_for_state(server: &TestServer, share_id: &str, prefix: &str) {
    for _ in 0..200 {
        let share = server
            .get_json(&server.admin_token, &format!("/api/v1/shares/{share_id}"))
            .await;
        if share["recipients"][0]["emailState"]
            .as_str()
            .is_some_and(|s| s.starts_with(prefix))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the recipient's email never reached {prefix}");
}
