//! The web UI of #18 in headless Chromium: the admin's webhooks page (add one, send a test
//! event, see it delivered) and the share settings' email toggles.

mod common;

use common::browser::*;
use common::receiver::Receiver;
use common::TestServer;
use serde_json::json;

#[tokio::test]
async fn an_admin_adds_a_webhook_sends_a_test_event_and_sees_it_delivered() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let receiver = Receiver::start(0).await;
    let server = TestServer::start_with(|c| c.webhooks.allow_private = true).await;
    let work = tempfile::tempdir().unwrap();
    let browser = driver.browser(work.path()).await;
    sign_in(&browser, &server).await;

    browser.goto(&server.url("/#/admin/webhooks")).await;
    browser.wait_for("#no-webhooks").await;
    browser.click("#new-webhook").await;
    browser.type_into("#webhook-url", &receiver.url).await;
    browser.click("dialog button[type=submit]").await;
    browser
        .wait_for("#webhooks tbody tr [data-action=test]")
        .await;
    browser.click("#webhooks tbody tr [data-action=test]").await;
    let hits = receiver.wait_for(1).await;
    assert_eq!(hits[0].json()["type"], "webhook.test");
    browser.click("#refresh-deliveries").await;
    browser
        .wait_for("#deliveries tr[data-status=delivered]")
        .await;
    assert!(browser.text("#deliveries").await.contains("Delivered"));
    browser.screenshot("webhooks").await;

    let hooks = server
        .get_json(&server.admin_token, "/api/v1/webhooks")
        .await;
    assert_eq!(hooks["items"][0]["url"], receiver.url.as_str());
    assert_eq!(hooks["items"][0]["events"], json!(["share.downloaded"]));
}

#[tokio::test]
async fn the_share_settings_turn_the_owners_emails_on_and_off() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let share = server
        .admin_share(json!({"title": "Told", "assetIds": [], "notify": {"opened": true}}))
        .await;
    let id = share["id"].as_str().unwrap();
    let work = tempfile::tempdir().unwrap();
    let browser = driver.browser(work.path()).await;
    sign_in(&browser, &server).await;

    browser
        .goto(&server.url(&format!("/#/shares/{id}?tab=settings")))
        .await;
    browser.wait_for("#notify-options").await;
    let checked = |kind: &str| {
        format!("return document.querySelector('#notify-options [data-notify={kind}]').checked")
    };
    assert_eq!(browser.js(&checked("opened"), json!([])).await, json!(true));
    assert_eq!(
        browser.js(&checked("downloaded"), json!([])).await,
        json!(false)
    );
    browser.click("#notify-options [data-notify=opened]").await;
    browser
        .click("#notify-options [data-notify=downloaded]")
        .await;
    browser.click("#notify-options [data-remind]").await;
    browser.click("#share-settings button[type=submit]").await;

    let path = format!("/api/v1/shares/{id}");
    for _ in 0..100 {
        let now = server.get_json(&server.admin_token, &path).await;
        if now["notify"] == json!({"opened": false, "downloaded": true}) && now["remind"] == false {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the settings never saved the emails' choice");
}
