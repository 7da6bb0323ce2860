//! Upload requests in headless Chromium: an outsider chooses a file on the request page, sees
//! it sent and listed, and removes it; a team member asks for files from the web app.

mod common;

use common::browser::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outsider_sends_a_file_sees_it_listed_and_removes_it() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let request = json_of(
        server
            .admin(Method::POST, "/api/v1/requests")
            .json(&json!({"title": "Holiday photos", "maxFiles": 5, "allowedTypes": ["image/*"]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("beach.png");
    std::fs::write(&file, png(40, 30, [250, 200, 80], [20, 120, 220])).unwrap();

    let outsider = driver.browser(work.path()).await;
    outsider.goto(request["url"].as_str().unwrap()).await;
    outsider.wait_for("#drop").await;
    assert!(outsider.text("h1").await.contains("Holiday photos"));
    assert!(outsider.text(".limits").await.contains("Up to 5 files"));
    outsider.type_into("#uploader-name", "Sam Outside").await;
    let input = outsider.find("#file-input").await.unwrap();
    outsider
        .cmd(
            Method::POST,
            &format!("/element/{input}/value"),
            json!({"text": file.display().to_string()}),
        )
        .await
        .unwrap();
    outsider
        .wait_until(
            "the file is sent and listed",
            "const li = document.querySelector('#sent li.done'); return !!li && li.innerText.includes('beach.png')",
            json!([]),
        )
        .await;
    outsider
        .wait_until(
            "the count says 1 of 5",
            "return document.getElementById('count').innerText.includes('1 of 5 files')",
            json!([]),
        )
        .await;
    outsider.screenshot("40-request-file-sent").await;

    let id = request["id"].as_str().unwrap();
    let seen: Value = server
        .get_json(&server.admin_token, &format!("/api/v1/requests/{id}"))
        .await;
    assert_eq!(seen["received"][0]["name"], "beach.png");
    assert_eq!(seen["received"][0]["uploadedBy"], "Sam Outside");

    // A reload lists the file again (the visit's cookie), and its button removes it.
    outsider.goto(request["url"].as_str().unwrap()).await;
    outsider.wait_for("#sent li.done .remove").await;
    outsider.click("#sent li.done .remove").await;
    outsider
        .wait_until(
            "the file is removed",
            "return document.querySelectorAll('#sent li').length === 0 && !document.getElementById('none').hidden",
            json!([]),
        )
        .await;
    let seen: Value = server
        .get_json(&server.admin_token, &format!("/api/v1/requests/{id}"))
        .await;
    assert_eq!(seen["files"].as_u64(), Some(0));
    outsider.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_member_requests_files_from_the_collections_page() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let work = tempfile::tempdir().unwrap();
    let team = driver.browser(work.path()).await;
    sign_in(&team, &server).await;
    team.goto(&server.url("/#/collections")).await;
    team.click("#request-files").await;
    team.type_into("#request-title", "Signed contracts").await;
    team.type_into("#request-max-files", "4").await;
    team.type_into("#request-types", ".pdf").await;
    team.click("#request-dialog button[type=submit]").await;
    team.wait_until(
        "the new request's page",
        "const h = document.querySelector('.page-head h1'); return !!h && h.innerText.includes('Signed contracts') && !!document.getElementById('request-stats')",
        json!([]),
    )
    .await;
    team.screenshot("41-request-created").await;

    let listed = server
        .get_json(&server.admin_token, "/api/v1/requests")
        .await;
    let request = &listed["items"][0];
    assert_eq!(request["title"], "Signed contracts");
    assert_eq!(request["maxFiles"].as_u64(), Some(4));
    assert_eq!(request["allowedTypes"], json!([".pdf"]));
    let collection = server
        .get_json(
            &server.admin_token,
            &format!(
                "/api/v1/collections/{}",
                request["collectionId"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(collection["name"], "Signed contracts");

    // The requests list, beside the shares, shows it.
    team.goto(&server.url("/#/shares")).await;
    team.click("#requests-link").await;
    team.wait_until(
        "the request is listed",
        "const t = document.getElementById('requests-table'); return !!t && t.innerText.includes('Signed contracts') && t.innerText.includes('0 / 4')",
        json!([]),
    )
    .await;
    team.quit().await;
}
