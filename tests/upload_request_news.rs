//! The news of files received through an upload request: each recipient's invitation with
//! their own link and the creator's emails, the first at once and later ones batched, through a
//! real SMTP server; and the `request.file_received` webhook event, to a real receiver.

mod common;

use common::mail::*;
use common::receiver::{Receiver, SECRET};
use common::requests::*;
use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn recipients_get_their_own_link_and_the_creator_hears_of_files_in_batches() {
    let (port, inbox) = smtp_server();
    let server = TestServer::start_with(|c| {
        with_smtp(c, port);
        c.notify.batch_minutes = 0.05;
        c.notify.check_secs = 0.5;
    })
    .await;
    let request = ask(
        &server,
        json!({"title": "Signed papers", "recipients": [{"email": "client@example.com"}], "message": "Please sign"}),
    )
    .await;
    let invitation = wait_for_mail(&inbox, "asks you for files").await;
    let text = invitation[0]["parts"]["text/plain"].as_str().unwrap();
    let theirs = request["recipients"][0]["url"].as_str().unwrap();
    assert!(
        text.contains(theirs) && text.contains("Please sign"),
        "{text}"
    );
    assert_eq!(invitation[0]["to"], "client@example.com");
    assert_ne!(
        path_of(theirs),
        path_of(request["url"].as_str().unwrap()),
        "their own link"
    );

    let mut client = Outsider {
        server: &server,
        link: path_of(theirs),
        cookie: None,
    };
    assert_eq!(
        client
            .send("one.txt", b"first", &[("uploaderName", "Cleo")])
            .await
            .status(),
        204
    );
    let first = wait_for_mail(&inbox, "1 new file").await;
    let told = first
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("new file"))
        .unwrap();
    assert_eq!(told["to"], ADMIN_EMAIL);
    assert!(told["parts"]["text/plain"]
        .as_str()
        .unwrap()
        .contains("one.txt"));
    // Two more at once: told together, once the batch time has passed.
    assert_eq!(client.send("two.txt", b"second", &[]).await.status(), 204);
    assert_eq!(client.send("three.txt", b"third", &[]).await.status(), 204);
    let later = wait_for_mail(&inbox, "2 new files").await;
    let batch = later
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains("2 new files"))
        .unwrap();
    let body = batch["parts"]["text/plain"].as_str().unwrap();
    assert!(
        body.contains("two.txt") && body.contains("three.txt"),
        "{body}"
    );
    let told_of_files = received(&inbox)
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("new file"))
        .count();
    assert_eq!(told_of_files, 2, "one email at once, one for the batch");

    let seen = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/requests/{}", request["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(seen["recipients"][0]["files"].as_u64(), Some(3));
    assert_eq!(seen["recipients"][0]["emailState"], "sent");
}

#[tokio::test]
async fn each_received_file_is_a_signed_webhook_event_about_the_request() {
    let server = TestServer::start_with(|c| c.webhooks.allow_private = true).await;
    let receiver = Receiver::start(0).await;
    let hook = server
        .admin(Method::POST, "/api/v1/webhooks")
        .json(&json!({"url": receiver.url, "events": ["request.file_received"], "secret": SECRET}))
        .send()
        .await
        .unwrap();
    json_of(hook, 201).await;
    let request = ask(&server, json!({"title": "Footage"})).await;
    let mut ann = Outsider::new(&server, &request);
    let sent = ann
        .send("take1.txt", b"rolling", &[("uploaderName", "Ann")])
        .await;
    assert_eq!(sent.status(), 204);
    let hits = receiver.wait_for(1).await;
    assert!(hits[0].verify(SECRET), "signed");
    let event = hits[0].json();
    assert_eq!(event["type"], "request.file_received");
    assert_eq!(event["data"]["id"], request["id"]);
    assert_eq!(event["data"]["url"], request["url"]);
    assert_eq!(event["data"]["file"]["name"], "take1.txt");
    assert_eq!(event["data"]["file"]["uploadedBy"], "Ann");
    assert_eq!(
        event["data"]["file"]["assetId"].as_str(),
        Some(asset_id(&sent).as_str())
    );
}

/// The invitation speaks the language the creator chose for the request (SPEC §11), as a
/// share's does; an unknown language is refused.
#[tokio::test]
async fn invitations_speak_the_language_the_creator_chose() {
    let (port, inbox) = smtp_server();
    let server = TestServer::start_with(|c| with_smtp(c, port)).await;
    let refused = server
        .admin(Method::POST, "/api/v1/requests")
        .json(&json!({"title": "x", "language": "klingon"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422, "an unknown language is refused");
    let request = ask(
        &server,
        json!({"title": "Verträge <2027>", "language": "de", "message": "Bitte sehr",
            "recipients": [{"email": "anna@example.de"}]}),
    )
    .await;
    assert_eq!(request["language"], "de");
    let mail = wait_for_mail(&inbox, "bittet Sie um Dateien")
        .await
        .remove(0);
    assert!(
        mail["subject"]
            .as_str()
            .unwrap()
            .ends_with("bittet Sie um Dateien: „Verträge <2027>“"),
        "{mail}"
    );
    let text = mail["parts"]["text/plain"].as_str().unwrap();
    assert!(
        text.contains("Nachricht:") && text.contains("Bitte sehr") && text.contains("Offen bis"),
        "{text}"
    );
    let html = mail["parts"]["text/html"].as_str().unwrap();
    assert!(
        html.contains("lang=\"de\"")
            && html.contains("Dateien senden")
            && html.contains("Verträge &lt;2027&gt;"),
        "{html}"
    );
}
