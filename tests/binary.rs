//! The built binary itself: start-up with and without a config, bad configs, the admin CLI
//! (also while the server runs), and crash safety under SIGKILL.

mod common;

use common::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::process::*;

fn cli(args: &[&str], config: &Path) -> (bool, String, String) {
    let output = Command::new(BIN)
        .args(args)
        .arg("--config")
        .arg(config)
        .env("HANDOFF_LOG", "warn")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn starts_with_no_config_on_the_embedded_default() {
    let cwd = tempfile::tempdir().unwrap();
    // The default listens on 127.0.0.1:8443; move only the port so parallel runs cannot clash.
    let running = start(
        &["serve"],
        cwd.path(),
        &[("HANDOFF_SERVER_LISTEN", "127.0.0.1:0")],
    );
    let password_line = running
        .stdout
        .iter()
        .find(|l| l.contains("one-time password"))
        .expect("the admin password is printed");
    let password = password_line.rsplit(' ').next().unwrap();
    assert!(running.base.starts_with("https://127.0.0.1:"));
    assert!(
        cwd.path().join("data/handoff.redb").is_file(),
        "data in ./data"
    );
    assert!(
        cwd.path().join("data/tls/cert.pem").is_file(),
        "self-signed certificate kept in the data folder"
    );
    login(&running.base, "admin@localhost", password).await;
}

#[tokio::test]
async fn starts_with_a_config_file_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "[branding]\nname = \"Acme Files\"\n");
    let running = serve(dir.path(), &config);
    assert!(
        !running
            .stdout
            .iter()
            .any(|l| l.contains("one-time password")),
        "a configured password is not printed"
    );
    login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    drop(running);

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[sharing]\nmax_expiry_days = 4000\n").unwrap();
    let (ok, _, stderr) = cli(&["serve"], &bad);
    assert!(!ok);
    assert!(stderr.contains("sharing.max_expiry_days"), "{stderr}");
    std::fs::write(&bad, "[server]\nlisten = \"127.0.0.1:0\"\ntypo_key = 1\n").unwrap();
    let (ok, _, stderr) = cli(&["check-config"], &bad);
    assert!(!ok);
    assert!(stderr.contains("typo_key"), "{stderr}");
    let (ok, stdout, _) = cli(&["check-config"], &config);
    assert!(ok, "{stdout}");
}

#[tokio::test]
async fn admin_cli_works_offline_and_against_the_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    // Offline: the command opens the data folder itself.
    let (ok, stdout, stderr) = cli(
        &[
            "user",
            "add",
            "ed@example.com",
            "--role",
            "editor",
            "--password",
            "editor-pass-1",
        ],
        &config,
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("ed@example.com"));
    let running = serve(dir.path(), &config);
    login(&running.base, "ed@example.com", "editor-pass-1").await;
    // Online: the running server does the work.
    let (ok, stdout, stderr) = cli(
        &[
            "token",
            "create",
            "--user",
            "ed@example.com",
            "--name",
            "script",
        ],
        &config,
    );
    assert!(ok, "{stderr}");
    let token = stdout.trim();
    let me = client()
        .get(format!("{}/api/v1/me", running.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.json::<Value>().await.unwrap()["email"], "ed@example.com");
    let (ok, stdout, _) = cli(&["user", "set-role", "ed@example.com", "viewer"], &config);
    assert!(ok && stdout.contains("Viewer"), "{stdout}");
    let (ok, stdout, _) = cli(&["user", "list"], &config);
    assert!(ok && stdout.contains("ed@example.com") && stdout.contains(ADMIN_EMAIL));
    let (ok, stdout, _) = cli(&["user", "set-password", "ed@example.com"], &config);
    assert!(ok);
    let new_password = stdout.trim().rsplit(' ').next().unwrap();
    login(&running.base, "ed@example.com", new_password).await;
    let (ok, _, _) = cli(&["user", "delete", "ed@example.com"], &config);
    assert!(ok);
    let gone = client()
        .get(format!("{}/api/v1/me", running.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 401);
    let (ok, _, stderr) = cli(&["user", "delete", "nobody@example.com"], &config);
    assert!(!ok && stderr.contains("not found"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_uploads_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    let mut running = serve(dir.path(), &config);
    let token = login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, String)>::new()));
    let mut uploaders = Vec::new();
    for worker in 0..6u64 {
        let (base, token, acknowledged) =
            (running.base.clone(), token.clone(), acknowledged.clone());
        uploaders.push(tokio::spawn(async move {
            let client = client();
            for round in 0u64.. {
                let bytes = noise(512 * 1024 + round as usize, worker * 1000 + round);
                let sent = client
                    .post(format!("{base}/api/v1/assets?name=w{worker}-{round}.bin"))
                    .bearer_auth(&token)
                    .body(bytes.clone())
                    .send()
                    .await;
                let Ok(response) = sent else { break };
                if response.status() != 201 {
                    break;
                }
                let Ok(asset) = response.json::<Value>().await else {
                    break;
                };
                acknowledged.lock().unwrap().push((
                    asset["id"].as_str().unwrap().to_string(),
                    hex::encode(Sha256::digest(&bytes)),
                ));
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    running.child.kill().unwrap(); // SIGKILL
    running.child.wait().unwrap();
    for uploader in uploaders {
        uploader.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 5,
        "uploads were acknowledged before the kill: {}",
        acknowledged.len()
    );

    let running = serve(dir.path(), &config);
    let token = login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let client = client();
    let mut listed = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{}/api/v1/assets?limit=500", running.base);
        if let Some(c) = &cursor {
            url = format!("{url}&cursor={c}");
        }
        let page: Value = client
            .get(url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        listed.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    for (id, sha) in &acknowledged {
        assert!(
            listed.iter().any(|a| a["id"] == id.as_str()),
            "acknowledged upload {id} is listed"
        );
        let _ = sha;
    }
    for asset in &listed {
        let id = asset["id"].as_str().unwrap();
        let bytes = client
            .get(format!("{}/api/v1/assets/{id}/original", running.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let sha = hex::encode(Sha256::digest(&bytes));
        assert_eq!(asset["sha256"], sha.as_str(), "listed asset {id} is whole");
        if let Some((_, expected)) = acknowledged.iter().find(|(a, _)| a == id) {
            assert_eq!(&sha, expected);
        }
    }
    let temp_files: Vec<_> = files_in(&dir.path().join("data/tmp"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "part"))
        .collect();
    assert!(
        temp_files.is_empty(),
        "interrupted uploads were swept: {temp_files:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_during_uploads_restores_every_asset_and_share() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    let running = serve(dir.path(), &config);
    let token = login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let client = client();
    let mut ids = Vec::new();
    for i in 0..5u64 {
        let response = client
            .post(format!("{}/api/v1/assets?name=f{i}.bin", running.base))
            .bearer_auth(&token)
            .body(noise(200_000, i))
            .send()
            .await
            .unwrap();
        ids.push(
            response.json::<Value>().await.unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let share: Value = client
        .post(format!("{}/api/v1/shares", running.base))
        .bearer_auth(&token)
        .json(&json!({"title": "Kept", "assetIds": ids}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Uploads keep going while the backup runs.
    let (base, upload_token) = (running.base.clone(), token.clone());
    let uploader = tokio::spawn(async move {
        let client = common::client();
        for i in 100..130u64 {
            let _ = client
                .post(format!("{base}/api/v1/assets?name=g{i}.bin"))
                .bearer_auth(&upload_token)
                .body(noise(300_000, i))
                .send()
                .await;
        }
    });
    let backup = dir.path().join("backup");
    let (ok, stdout, stderr) = cli(&["backup", backup.to_str().unwrap()], &config);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("backed up"), "{stdout}");
    uploader.await.unwrap();
    // Other admin commands against the running server.
    let (ok, stdout, _) = cli(&["share", "list"], &config);
    assert!(
        ok && stdout.contains("Kept") && stdout.contains(share["id"].as_str().unwrap()),
        "{stdout}"
    );
    let (ok, stdout, _) = cli(&["stats"], &config);
    assert!(ok && stdout.contains("shares 1"), "{stdout}");
    assert!(stdout.contains("free in the data folder "), "{stdout}");
    let (ok, stdout, _) = cli(&["gc"], &config);
    assert!(ok && stdout.contains("removed 0"), "{stdout}");
    drop(running);

    // Restore into an empty folder and serve from it.
    let restored = tempfile::tempdir().unwrap();
    let restored_config = restored.path().join("handoff.toml");
    std::fs::write(
        &restored_config,
        std::fs::read_to_string(&config).unwrap().replace(
            &dir.path().join("data").display().to_string(),
            &restored.path().join("data").display().to_string(),
        ),
    )
    .unwrap();
    let (ok, stdout, stderr) = cli(&["restore", backup.to_str().unwrap()], &restored_config);
    assert!(ok, "{stdout}{stderr}");
    let (again, _, stderr) = cli(&["restore", backup.to_str().unwrap()], &restored_config);
    assert!(!again && stderr.contains("not empty"), "{stderr}");
    let running = start(
        &["serve", "--config", restored_config.to_str().unwrap()],
        restored.path(),
        &[],
    );
    let token = login(&running.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    for (i, id) in ids.iter().enumerate() {
        let bytes = client
            .get(format!("{}/api/v1/assets/{id}/original", running.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(
            bytes.as_ref(),
            noise(200_000, i as u64).as_slice(),
            "asset {i} restored whole"
        );
    }
    let listed: Value = client
        .get(format!("{}/api/v1/assets?limit=500", running.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for asset in listed["items"].as_array().unwrap() {
        let id = asset["id"].as_str().unwrap();
        let got = client
            .get(format!("{}/api/v1/assets/{id}/original", running.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), 200, "every listed asset has its file");
    }
    let url = share["url"].as_str().unwrap().replace(
        &share["url"].as_str().unwrap()[..share["url"].as_str().unwrap().find("/s/").unwrap()],
        &running.base,
    );
    let manifest: Value = client
        .get(format!("{url}/manifest.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(manifest["assets"].as_array().unwrap().len(), 5);
    // Revoking from the CLI disables the link.
    drop(running);
    let (ok, _, _) = cli(
        &["share", "revoke", share["id"].as_str().unwrap()],
        &restored_config,
    );
    assert!(ok);
    let running = start(
        &["serve", "--config", restored_config.to_str().unwrap()],
        restored.path(),
        &[],
    );
    let url = url.replace(&url[..url.find("/s/").unwrap()], &running.base);
    assert_eq!(
        client
            .get(format!("{url}/manifest.json"))
            .send()
            .await
            .unwrap()
            .status(),
        410
    );
}

#[tokio::test]
async fn logs_carry_request_ids_and_metrics_can_need_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("[admin]", "metrics_token = \"scrape-me\"\n[admin]");
    std::fs::write(&config, text).unwrap();
    let running = serve(dir.path(), &config);
    let client = client();
    let health = client
        .get(format!("{}/healthz", running.base))
        .header("x-request-id", "trace-123")
        .send()
        .await
        .unwrap();
    assert_eq!(health.headers()["x-request-id"], "trace-123");
    let fresh = client
        .get(format!("{}/healthz", running.base))
        .send()
        .await
        .unwrap();
    assert_eq!(fresh.headers()["x-request-id"].len(), 16);
    assert_eq!(
        client
            .get(format!("{}/metrics", running.base))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let metrics = client
        .get(format!("{}/metrics", running.base))
        .bearer_auth("scrape-me")
        .send()
        .await
        .unwrap();
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.unwrap();
    assert!(
        text.contains("handoff_media_jobs_waiting 0")
            && text.contains("handoff_http_request_duration_seconds_bucket"),
        "{text}"
    );
}
