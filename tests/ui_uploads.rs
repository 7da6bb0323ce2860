//! Uploads through the web UI over tus, in headless Chromium: a large file goes on by itself
//! after the server goes away for a moment in the middle of it.

mod common;

use common::browser::*;
use common::*;
use reqwest::Method;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_cut_off_midway_finishes_by_itself() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let work = tempfile::tempdir().unwrap();
    let bytes = noise(200 * 1024 * 1024, 42);
    let file = work.path().join("footage.bin");
    std::fs::write(&file, &bytes).unwrap();

    let team = driver.browser(work.path()).await;
    sign_in(&team, &server).await;
    team.wait_for(".empty").await;
    let input = team.find("#file-input").await.unwrap();
    team.cmd(
        Method::POST,
        &format!("/element/{input}/value"),
        json!({"text": file.display().to_string()}),
    )
    .await
    .unwrap();
    // Once the first chunk is in, the server goes away for a few seconds.
    team.wait_until(
        "part of the file is uploaded",
        "const p = document.querySelector('#uploads li progress'); return !!p && p.value >= 20",
        json!([]),
    )
    .await;
    let server = server.restart(Duration::from_secs(2)).await;
    let done = team
        .try_wait_until(
            "const u = document.getElementById('uploads'); return !!u && u.dataset.state === 'done' && u.querySelector('li.done') !== null",
            Duration::from_secs(90),
        )
        .await;
    let page = team
        .js(
            "return document.getElementById('uploads')?.innerText",
            json!([]),
        )
        .await;
    assert!(done, "the upload finished by itself: {page}");
    team.screenshot("10-upload-resumed").await;

    let listed = server.get_json(&server.admin_token, "/api/v1/assets").await;
    let asset = &listed["items"][0];
    assert_eq!(asset["name"], "footage.bin");
    assert_eq!(asset["sha256"], hex::encode(Sha256::digest(&bytes)));
    assert!(files_in(&server.data_dir().join("uploads")).is_empty());
}
