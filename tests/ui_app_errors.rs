//! SPEC §11, the API's errors in the reader's language (headless Chromium): with the browser
//! in German, a refused action in the team app — a form (a domain name already taken), a
//! toast (a link deleted meanwhile), sign-in after too many wrong passwords, with its
//! seconds — and on an upload-request page (a file type the request does not take) reads in
//! German, never in the server's English (which English readers keep).

mod common;

use common::browser::*;
use common::scene::Scene;
use common::{TestServer, ADMIN_EMAIL};
use reqwest::Method;
use serde_json::{json, Value};

/// Every message of web/locales/de/errors.ftl with its placeholders as the app fills them.
fn german_error_messages() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/web/locales/de/errors.ftl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(_, text)| text.to_string()))
        .collect()
}

/// Waits for the error shown in `css` and returns its text.
async fn shown(browser: &Browser, css: &str) -> String {
    let visible = format!("{css}:not([hidden])");
    browser.wait_for(&visible).await;
    browser
        .wait_until(
            "an error with words in it",
            "return document.querySelector(arguments[0]).textContent.trim() !== ''",
            json!([visible]),
        )
        .await;
    browser.text(&visible).await
}

async fn api(server: &TestServer, method: Method, path: &str, body: Value) -> u16 {
    let response = server.admin(method, path).json(&body).send().await.unwrap();
    response.status().as_u16()
}

#[tokio::test]
async fn refused_actions_read_in_german() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let server = &scene.server;
    let team = scene.browser().await;
    team.accept_language("de-DE,de;q=0.9").await;
    sign_in(&team, server).await;

    // A form: a domain named like one that exists.
    let body = json!({"name": "Kunden"});
    assert_eq!(
        api(server, Method::POST, "/api/v1/domains", body).await,
        201
    );
    team.goto(&format!("{}/#/admin/domains", server.base)).await;
    team.click("#new-domain").await;
    team.type_into("#domain-name", "Kunden").await;
    team.click(".dlg button[type=submit]").await;
    let said = shown(&team, ".dlg .error-text").await;
    assert!(
        said.starts_with("Das kollidiert mit Vorhandenem"),
        "the conflict in German: {said}"
    );
    assert!(!said.contains("exists"), "no English: {said}");
    team.click(".dlg .dlg-foot button[type=button]").await;

    // A toast: a link deleted behind the app's back, then disabled on its settings tab.
    let share = Scene::id(&scene.open);
    team.goto(&format!("{}/#/shares/{share}?tab=settings", server.base))
        .await;
    team.wait_for("#settings-toggle").await;
    let path = format!("/api/v1/shares/{share}");
    assert_eq!(api(server, Method::DELETE, &path, json!({})).await, 204);
    team.click("#settings-toggle").await;
    let said = shown(&team, ".toast.bad").await;
    assert!(
        said.contains("Nicht gefunden"),
        "not found in German: {said}"
    );
    assert!(!said.contains("not found"), "no English: {said}");

    // English readers keep the server's own message: it is theirs and names the detail.
    let english = scene.browser().await;
    english.accept_language("en-GB,en").await;
    sign_in(&english, server).await;
    english
        .goto(&format!("{}/#/admin/domains", server.base))
        .await;
    english.click("#new-domain").await;
    english.type_into("#domain-name", "Kunden").await;
    english.click(".dlg button[type=submit]").await;
    let said = shown(&english, ".dlg .error-text").await;
    assert_eq!(said, "a domain named \"Kunden\" exists");
    english.quit().await;

    // Sign-in after ten wrong passwords from this address: the wait, in German, in seconds.
    team.click("#sign-out").await;
    team.wait_for("#sign-in").await;
    for _ in 0..10 {
        let wrong = json!({"email": ADMIN_EMAIL, "password": "not-the-password"});
        let answer = common::client()
            .post(server.url("/api/v1/auth/login"))
            .json(&wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), 401);
    }
    team.type_into("#sign-in input[type=email]", ADMIN_EMAIL)
        .await;
    team.type_into("#sign-in input[type=password]", "still-wrong")
        .await;
    team.click("#sign-in button[type=submit]").await;
    let said = shown(&team, "#sign-in .error-text").await;
    let wait = said
        .strip_prefix("Zu viele Versuche. Versuchen Sie es in ")
        .and_then(|rest| rest.strip_suffix(" s erneut."))
        .unwrap_or_else(|| panic!("too many attempts in German: {said}"));
    let seconds: u64 = wait.parse().unwrap_or_else(|_| panic!("seconds: {said}"));
    assert!((1..=300).contains(&seconds), "{said}");
    team.quit().await;

    // The upload-request page, in German from the browser: a file of a type not asked for.
    let request = json!({"title": "Nur Bilder", "allowedTypes": ["image/*"]});
    let request = common::requests::ask(server, request).await;
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("notizen.txt");
    std::fs::write(&file, "keine Bilder").unwrap();
    let outsider = scene.browser().await;
    outsider.accept_language("de-DE,de").await;
    outsider.goto(&Scene::url(&request)).await;
    let input = outsider.find("#file-input").await.unwrap();
    let path = json!({"text": file.display().to_string()});
    let value = format!("/element/{input}/value");
    outsider.cmd(Method::POST, &value, path).await.unwrap();
    let said = shown(&outsider, "#sent li.failed .state").await;
    assert!(
        said.starts_with("Diese Art von Datei"),
        "the refused type in German: {said}"
    );
    assert!(
        german_error_messages().contains(&said),
        "a message of the German catalogue: {said}"
    );
    outsider.quit().await;
}
