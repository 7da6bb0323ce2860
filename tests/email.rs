//! Email against a real SMTP server (mailin-embedded) and the outbox mode.

mod common;

use common::mail::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::time::Duration;

async fn server_with_smtp(port: u16) -> TestServer {
    TestServer::start_with(|c| with_smtp(c, port)).await
}

async fn share_with(server: &TestServer, body: Value) -> Value {
    json_of(
        server
            .admin(Method::POST, "/api/v1/shares")
            .json(&body)
            .send()
            .await
            .unwrap(),
        201,
    )
    .await
}

fn link_in(text: &str) -> String {
    let start = text.find("/s/").expect("a link in the mail");
    text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches(['"', '<', '>'])
        .to_string()
}

#[tokio::test]
async fn invitations_arrive_with_each_recipients_own_link() {
    let (port, inbox) = smtp_server();
    let server = server_with_smtp(port).await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let share = share_with(&server, json!({
        "title": "Spring campaign", "description": "Final cuts", "assetIds": [asset["id"]],
        "recipients": [{"email": "ann@example.org"}, {"email": "bob@example.org"}], "message": "Here you go!"
    }))
    .await;
    let mails = wait_for(|| {
        let mails = inbox.mails.lock().unwrap().clone();
        (mails.len() == 2).then_some(mails)
    })
    .await;
    let decoded: Vec<Value> = mails.iter().map(|m| decode(m)).collect();
    let mut links = Vec::new();
    for mail in &decoded {
        assert_eq!(mail["from"], "Acme Files <files@example.com>");
        assert!(mail["subject"]
            .as_str()
            .unwrap()
            .contains("Spring campaign"));
        let text = mail["parts"]["text/plain"].as_str().unwrap();
        assert!(
            text.contains("Here you go!") && text.contains("Final cuts") && text.contains("1 file")
        );
        let expires = chrono::DateTime::parse_from_rfc3339(share["expiresAt"].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert!(
            text.contains(&expires.format("%-d %b %Y, %H:%M UTC").to_string()),
            "the expiry date is in the mail: {text}"
        );
        assert!(mail["parts"]["text/html"]
            .as_str()
            .unwrap()
            .contains("Spring campaign"));
        links.push((mail["to"].as_str().unwrap().to_string(), link_in(text)));
    }
    assert_ne!(
        links[0].1, links[1].1,
        "each recipient has a link of their own"
    );

    // Ann's link opens and her visit is counted on her.
    let ann = links.iter().find(|(to, _)| to.contains("ann@")).unwrap();
    let opened = server
        .client
        .get(server.url(&format!("{}/manifest.json", ann.1)))
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 200);
    let id = share["id"].as_str().unwrap();
    let seen = wait_for_state(&server, id, "sent").await;
    let ann_entry = seen["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "ann@example.org")
        .unwrap()
        .clone();
    assert_eq!(ann_entry["visits"], 1);
    assert_eq!(ann_entry["emailState"], "sent");
}

/// The invitation speaks the language the sharer chose for the share's recipients (SPEC §11).
#[tokio::test]
async fn invitations_speak_the_language_the_sharer_chose() {
    let (port, inbox) = smtp_server();
    let server = server_with_smtp(port).await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let refused = server
        .admin(Method::POST, "/api/v1/shares")
        .json(&json!({"title": "x", "assetIds": [asset["id"]], "language": "klingon"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422, "an unknown language is refused");
    let share = share_with(
        &server,
        json!({
            "title": "Frühjahr <2027>", "assetIds": [asset["id"]], "language": "de",
            "recipients": [{"email": "anna@example.de"}], "message": "Bitte sehr"
        }),
    )
    .await;
    assert_eq!(share["language"], "de");
    let mail = wait_for_mail(&inbox, "mit Ihnen geteilt").await.remove(0);
    assert!(
        mail["subject"]
            .as_str()
            .unwrap()
            .ends_with("hat „Frühjahr <2027>“ mit Ihnen geteilt"),
        "{mail}"
    );
    let text = mail["parts"]["text/plain"].as_str().unwrap();
    assert!(
        text.contains("Nachricht:")
            && text.contains("Bitte sehr")
            && text.contains("1 Datei · verfügbar bis"),
        "{text}"
    );
    assert!(text.contains("Öffnen: https://"), "{text}");
    let html = mail["parts"]["text/html"].as_str().unwrap();
    assert!(
        html.contains("lang=\"de\"") && html.contains("Freigabe öffnen"),
        "{html}"
    );
    assert!(
        html.contains("Frühjahr &lt;2027&gt;"),
        "the title is escaped: {html}"
    );
}

async fn wait_for_state(server: &TestServer, share_id: &str, prefix: &str) -> Value {
    for _ in 0..200 {
        let share = server
            .get_json(&server.admin_token, &format!("/api/v1/shares/{share_id}"))
            .await;
        if share["recipients"].as_array().unwrap().iter().all(|r| {
            r["emailState"]
                .as_str()
                .is_some_and(|s| s.starts_with(prefix))
        }) {
            return share;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("recipients never reached {prefix}");
}

#[tokio::test]
async fn a_refusing_server_marks_the_recipient_failed_and_a_retry_succeeds() {
    let (port, inbox) = smtp_server();
    inbox.refuse.store(true, Ordering::SeqCst);
    let server = server_with_smtp(port).await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let share = share_with(&server, json!({"title": "Retry", "assetIds": [asset["id"]], "recipients": [{"email": "carol@example.org"}]})).await;
    let id = share["id"].as_str().unwrap();
    let failed = wait_for_state(&server, id, "failed").await;
    let state = failed["recipients"][0]["emailState"].as_str().unwrap();
    assert!(
        state.contains("550"),
        "the server's answer is shown: {state}"
    );
    inbox.refuse.store(false, Ordering::SeqCst);
    wait_for_state(&server, id, "sent").await;
    assert_eq!(inbox.mails.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn without_smtp_emails_go_to_the_outbox_and_injection_is_neutralised() {
    let server = TestServer::start().await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let share = share_with(&server, json!({
        "title": "Hi\r\nBcc: victim@example.org", "assetIds": [asset["id"]],
        "recipients": [{"email": "dan@example.org"}], "message": "<script>alert(1)</script>\r\nBcc: x@example.org"
    }))
    .await;
    let outbox = server.data_dir().join("outbox");
    let file = wait_for(|| {
        files_in(&outbox)
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "eml"))
    })
    .await;
    let raw = std::fs::read(&file).unwrap();
    let mail = decode(&raw);
    assert!(
        mail["bcc"].is_null(),
        "no Bcc header was injected: {}",
        mail["headers"]
    );
    assert!(!mail["subject"].as_str().unwrap().contains('\n'));
    assert_eq!(mail["to"], "dan@example.org");
    let html = mail["parts"]["text/html"].as_str().unwrap();
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    let link = link_in(mail["parts"]["text/plain"].as_str().unwrap());
    assert!(link.starts_with("/s/"));
    let id = share["id"].as_str().unwrap();
    wait_for_state(&server, id, "sent").await;
    // Addresses that try to smuggle headers are refused outright.
    let bad = server
        .admin(Method::POST, &format!("/api/v1/shares/{id}/recipients"))
        .json(&json!({"recipients": [{"email": "a@b.org\r\nBcc: c@d.org"}]}))
        .send()
        .await
        .unwrap();
    expect_error(bad, 422, "invalid").await;
}

#[tokio::test]
async fn email_link_sends_each_address_its_link_without_making_recipients() {
    let (port, inbox) = smtp_server();
    let server = server_with_smtp(port).await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let body = json!({"title": "Link", "assetIds": [asset["id"]], "recipients": [{"email": "rex@example.org"}]});
    let share = share_with(&server, body).await;
    let id = share["id"].as_str().unwrap();
    wait_for(|| (inbox.mails.lock().unwrap().len() == 1).then_some(())).await;
    let emails = json!({"emails": ["eve@example.org", "fay@example.org", "Rex@Example.org"], "message": "FYI"});
    let sent = server
        .admin(Method::POST, &format!("/api/v1/shares/{id}/email"))
        .json(&emails)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(sent, 202).await["queued"], 3);
    let mails = wait_for(|| {
        let mails = inbox.mails.lock().unwrap().clone();
        (mails.len() == 4).then_some(mails)
    })
    .await;
    // A recipient gets their own link (their visits are theirs); others get the share's.
    let rex_path = link_path(&share["recipients"][0]);
    for mail in &mails[1..] {
        let mail = decode(mail);
        let text = mail["parts"]["text/plain"].as_str().unwrap().to_string();
        let expected = match mail["to"].as_str().unwrap() {
            "rex@example.org" => rex_path.clone(),
            _ => link_path(&share),
        };
        assert_eq!(link_in(&text), expected, "{}", mail["to"]);
        assert!(text.contains("FYI"));
    }
    let after = server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
        .await;
    assert_eq!(
        after["recipients"].as_array().unwrap().len(),
        1,
        "no new recipients"
    );
}

/// A real SMTP server, a server that mails through it, and the id of a file uploaded there.
async fn mail_and_a_file() -> (u16, Inbox, TestServer, String) {
    let (port, inbox) = smtp_server();
    let server = server_with_smtp(port).await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let id = asset["id"].as_str().unwrap().to_string();
    (port, inbox, server, id)
}

/// Opens a link as a new visitor (no cookie: a visit of its own) and downloads the file.
async fn visit_and_download(server: &TestServer, link: &str, asset_id: &str, download: bool) {
    let fresh = client();
    let page = fresh.get(server.url(link)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    if download {
        let path = format!("{link}/assets/{asset_id}/original?download=1");
        let file = fresh.get(server.url(&path)).send().await.unwrap();
        assert_eq!(file.bytes().await.unwrap().as_ref(), b"alpha");
    }
}

/// Owners' news with no gathering (`notify.batch_minutes = 0`): each email at once. (Gathered
/// news is tested in tests/owner_news.rs.)
fn each_at_once(config: &mut handoff::config::Config, port: u16) {
    with_smtp(config, port);
    config.notify.batch_minutes = 0.0;
}

#[tokio::test]
async fn the_owner_hears_once_of_each_links_first_visit_and_first_download() {
    let (port, inbox) = smtp_server();
    let server = TestServer::start_with(|c| each_at_once(c, port)).await;
    let asset_id = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let asset_id = asset_id.as_str();
    let share = share_with(&server, json!({
        "title": "Final cut", "assetIds": [asset_id], "recipients": [{"email": "ann@example.org"}],
        "notify": {"opened": true, "downloaded": true}
    }))
    .await;
    assert_eq!(share["notify"], json!({"opened": true, "downloaded": true}));
    wait_for_mail(&inbox, "shared").await;
    let ann = link_path(&share["recipients"][0]);

    // Ann twice, then someone on the general link: the mails come in the order things happened.
    visit_and_download(&server, &ann, asset_id, true).await;
    visit_and_download(&server, &ann, asset_id, true).await;
    visit_and_download(&server, &link_path(&share), asset_id, false).await;
    let mails = wait_for_mail(&inbox, "someone at 127.0.0.1 opened").await;
    let to_owner: Vec<&Value> = mails.iter().filter(|m| m["to"] == ADMIN_EMAIL).collect();
    let subjects: Vec<&str> = to_owner
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "ann@example.org opened “Final cut”",
            "ann@example.org downloaded from “Final cut”",
            "someone at 127.0.0.1 opened “Final cut”",
        ]
    );
    let text = to_owner[0]["parts"]["text/plain"].as_str().unwrap();
    assert!(
        text.contains("ann@example.org") && text.contains(&link_path(&share)),
        "{text}"
    );

    // What was told is remembered across a restart: Ann's visits tell nothing new; the general
    // link's first download still does.
    let dir = server.stop().await;
    let mut config = test_config(dir.path());
    each_at_once(&mut config, port);
    let server = TestServer::start_in(dir, config).await;
    visit_and_download(&server, &ann, asset_id, true).await;
    visit_and_download(&server, &link_path(&share), asset_id, true).await;
    let mails = wait_for_mail(&inbox, "someone at 127.0.0.1 downloaded").await;
    assert_eq!(mails.iter().filter(|m| m["to"] == ADMIN_EMAIL).count(), 4);
}

#[tokio::test]
async fn without_asking_the_owner_gets_no_mail_and_a_patch_changes_the_choice() {
    let (_, inbox, server, asset_id) = mail_and_a_file().await;
    let asset_id = asset_id.as_str();
    let share = share_with(&server, json!({"title": "Quiet", "assetIds": [asset_id]})).await;
    assert_eq!(
        share["notify"],
        json!({"opened": false, "downloaded": false})
    );
    visit_and_download(&server, &link_path(&share), asset_id, true).await;

    let id = share["id"].as_str().unwrap();
    let patched = server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({"notify": {"downloaded": true}}))
        .send()
        .await
        .unwrap();
    let patched = json_of(patched, 200).await;
    assert_eq!(
        patched["notify"],
        json!({"opened": false, "downloaded": true})
    );
    visit_and_download(&server, &link_path(&share), asset_id, true).await;
    let mails = wait_for_mail(&inbox, "downloaded from “Quiet”").await;
    assert_eq!(
        mails.len(),
        1,
        "no mail of the visits before, nor of the opening"
    );
}

/// The reminders received, as (to, link in the mail).
fn reminders(inbox: &Inbox) -> Vec<(String, String)> {
    received(inbox)
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().starts_with("Reminder"))
        .map(|m| {
            let text = m["parts"]["text/plain"].as_str().unwrap();
            (m["to"].as_str().unwrap().to_string(), link_in(text))
        })
        .collect()
}

/// Adds a recipient to the share, whose link ends with the share's.
async fn add_recipient(server: &TestServer, share_id: &str, email: &str) {
    let added = server
        .admin(
            Method::POST,
            &format!("/api/v1/shares/{share_id}/recipients"),
        )
        .json(&json!({"recipients": [{"email": email}]}))
        .send()
        .await
        .unwrap();
    assert!(added.status().is_success());
}

async fn wait_for_reminder(inbox: &Inbox, to: &str) -> Vec<(String, String)> {
    wait_for(|| Some(reminders(inbox)).filter(|r| r.iter().any(|(t, _)| t == to))).await
}

fn reminding_config(config: &mut handoff::config::Config, port: u16) {
    with_smtp(config, port);
    config.notify.check_secs = 0.2;
}

#[tokio::test]
async fn a_recipient_who_has_not_downloaded_is_reminded_once_in_the_window() {
    let (port, inbox) = smtp_server();
    let server = TestServer::start_with(|c| reminding_config(c, port)).await;
    let asset = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let asset_id = asset["id"].as_str().unwrap();
    // Three days: outside the two days' window.
    let share = share_with(
        &server,
        json!({
            "title": "Soon gone", "assetIds": [asset_id], "durationDays": 3,
            "recipients": [{"email": "ann@example.org"}, {"email": "bob@example.org"}]
        }),
    )
    .await;
    let id = share["id"].as_str().unwrap();
    wait_for(|| (inbox.mails.lock().unwrap().len() == 2).then_some(())).await;
    let bob = share["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "bob@example.org")
        .unwrap();
    visit_and_download(&server, &link_path(bob), asset_id, true).await;

    // Shortened to one day: the links are in the window; Bob has his files, Ann has not.
    let shortened = server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({"durationDays": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(shortened.status(), 200);
    let sent = wait_for_reminder(&inbox, "ann@example.org").await;
    let ann = share["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "ann@example.org")
        .unwrap();
    assert_eq!(
        sent,
        vec![("ann@example.org".to_string(), link_path(ann))],
        "her own link"
    );

    // A share that asks for no reminders gets none, though its link is in the window.
    let quiet = share_with(
        &server,
        json!({
            "title": "No reminders", "assetIds": [asset_id], "durationDays": 1, "remind": false,
            "recipients": [{"email": "zed@example.org"}]
        }),
    )
    .await;
    assert_eq!(quiet["remind"], false);
    assert_eq!(share["remind"], true);

    // A link made inside the window is reminded too; by then Ann's has not come again (nor
    // Zed's at all). Nor after a restart.
    add_recipient(&server, id, "cy@example.org").await;
    wait_for_reminder(&inbox, "cy@example.org").await;
    let dir = server.stop().await;
    let mut config = test_config(dir.path());
    reminding_config(&mut config, port);
    let server = TestServer::start_in(dir, config).await;
    add_recipient(&server, id, "dee@example.org").await;
    let sent = wait_for_reminder(&inbox, "dee@example.org").await;
    let mut to: Vec<&str> = sent.iter().map(|(t, _)| t.as_str()).collect();
    to.sort();
    assert_eq!(to, ["ann@example.org", "cy@example.org", "dee@example.org"]);
}
