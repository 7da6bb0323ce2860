//! Several handoff nodes on one PostgreSQL database (SPEC §9), each test with its own
//! throwaway cluster: what one node writes the other serves, use counts stay exact under a
//! race split across nodes, a change on one node reaches the other's link cache, and wrong
//! passwords and sign-ins count together on every node.

mod common;

use common::postgres::Postgres;
use common::two_nodes;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn uses_of(server: &TestServer, share: &Value) -> u64 {
    let id = share["id"].as_str().unwrap();
    server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
        .await["uses"]
        .as_u64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_upload_on_one_node_downloads_from_the_other_and_uses_stay_exact() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("race"), |_| {}).await;
    let bytes = noise(300_000, 7);
    let asset = a.upload(&a.admin_token, "take.bin", bytes.clone()).await;
    let share = a
        .admin_share(
            json!({"title": "Seven", "assetIds": [asset["id"]], "maxUses": 7,
            "downloadOptions": {"original": true}}),
        )
        .await;
    let link = link_path(&share);
    let id = asset["id"].as_str().unwrap();
    // B signs in with the password A's database holds, and serves A's upload byte for byte.
    assert_eq!(download_original(&b, &link, &asset).await, bytes);
    // 39 more fresh visitors at once, every other one on B: exactly 6 more get in.
    let visits = (0..39).map(|i| {
        let node = if i % 2 == 0 { &a } else { &b };
        let url = node.url(&format!("{link}/assets/{id}/original?download=1"));
        async move { client().get(url).send().await.unwrap().status().as_u16() }
    });
    let statuses = futures_util::future::join_all(visits).await;
    let admitted = statuses.iter().filter(|&&s| s == 200).count();
    assert_eq!(admitted, 6, "{statuses:?}");
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 410),
        "{statuses:?}"
    );
    assert_eq!(uses_of(&a, &share).await, 7);
    assert_eq!(uses_of(&b, &share).await, 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_link_deleted_on_one_node_is_refused_by_the_other_at_once() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("cache"), |_| {}).await;
    let asset = a.upload(&a.admin_token, "a.txt", b"hello".to_vec()).await;
    let share = a
        .admin_share(json!({"title": "Soon gone", "assetIds": [asset["id"]]}))
        .await;
    let link = link_path(&share);
    // B reads the link, and keeps it in its cache.
    for _ in 0..2 {
        let page = client().get(b.url(&link)).send().await.unwrap();
        assert_eq!(page.status(), 200);
    }
    let id = share["id"].as_str().unwrap();
    let deleted = a
        .admin(Method::DELETE, &format!("/api/v1/shares/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    // The notification travels in milliseconds; allow a little for a loaded machine.
    let mut status = 200;
    for _ in 0..50 {
        status = client()
            .get(b.url(&link))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        if status != 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn migrate_moves_an_installation_to_postgres_and_back() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let url = postgres.database("moved");
    let first = TestServer::start().await;
    let bytes = noise(200_000, 3);
    let asset = first
        .upload(&first.admin_token, "take.bin", bytes.clone())
        .await;
    let share = first
        .admin_share(
            json!({"title": "Moved", "assetIds": [asset["id"]], "maxUses": 5,
            "downloadOptions": {"original": true}}),
        )
        .await;
    let link = link_path(&share);
    assert_eq!(download_original(&first, &link, &asset).await, bytes);
    let source = test_config(&first.data_dir());
    let redb_dir = first.stop().await;
    // A stopped server's background tasks let go of the database a moment later.
    for _ in 0..100 {
        if !handoff::data_dir_in_use(redb_dir.path()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // redb + disk → PostgreSQL + another folder: the link, its use and its file come along.
    let pg_dir = tempfile::tempdir().unwrap();
    let mut on_pg = test_config(pg_dir.path());
    on_pg.database.url = url.clone();
    let copied = migrate(&source, &on_pg).await.unwrap();
    assert_eq!((copied.files, copied.bytes), (1, bytes.len() as u64));
    assert!(copied.records > 5, "{copied}");
    // Into a store that is not empty: refused, nothing written.
    let again = migrate(&source, &on_pg).await.unwrap_err();
    assert!(again.contains("not empty"), "{again}");
    let second = TestServer::start_in(pg_dir, on_pg.clone()).await;
    assert_eq!(download_original(&second, &link, &asset).await, bytes);
    assert_eq!(uses_of(&second, &share).await, 2);
    let pg_data = second.stop().await;

    // And back into an empty redb folder.
    let back_dir = tempfile::tempdir().unwrap();
    let back = test_config(back_dir.path());
    let mut from_pg = test_config(pg_data.path());
    from_pg.database.url = url;
    let returned = migrate(&from_pg, &back).await.unwrap();
    assert!(
        returned.records > copied.records,
        "the second visit is among them: {returned}"
    );
    let third = TestServer::start_in(back_dir, back).await;
    assert_eq!(download_original(&third, &link, &asset).await, bytes);
    assert_eq!(uses_of(&third, &share).await, 3);
    drop(redb_dir);
}

async fn unlock(server: &TestServer, link: &str, password: &str) -> reqwest::Response {
    let url = server.url(&format!("{link}/unlock"));
    let form = [("password", password)];
    client().post(url).form(&form).send().await.unwrap()
}

async fn sign_in(server: &TestServer, password: &str) -> reqwest::Response {
    let body = json!({"email": ADMIN_EMAIL, "password": password});
    let url = server.url("/api/v1/auth/login");
    client().post(url).json(&body).send().await.unwrap()
}

/// 429 with a Retry-After in seconds, as one node answers it.
fn assert_refused(response: &reqwest::Response) {
    assert_eq!(response.status(), 429, "{}", response.url());
    let retry = response.headers()["retry-after"].to_str().unwrap();
    assert!(retry.parse::<u64>().unwrap() > 0, "{retry}");
}

/// A share behind the password "open sesame", made on `server`; its link.
async fn locked_link(server: &TestServer) -> String {
    let asset = server
        .upload(&server.admin_token, "a.txt", b"hi".to_vec())
        .await;
    let body = json!({"title": "Locked", "assetIds": [asset["id"]], "password": "open sesame"});
    link_path(&server.admin_share(body).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_and_sign_ins_on_either_node_count_together() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("throttles"), |c| {
        c.unlock.max_attempts = 4;
        c.login.max_failures_per_account = 3;
    })
    .await;
    let link = locked_link(&a).await;
    // Four wrong passwords, every other one on B (each node alone would allow four more).
    for node in [&a, &b, &a, &b] {
        assert_eq!(unlock(node, &link, "wrong").await.status(), 401);
    }
    // Then neither node lets even the right password through.
    for node in [&a, &b] {
        assert_refused(&unlock(node, &link, "open sesame").await);
    }
    // Three wrong sign-ins to one account, split across the nodes; then the right one is
    // refused on both.
    for node in [&b, &a, &b] {
        assert_eq!(sign_in(node, "wrong-password").await.status(), 401);
    }
    for node in [&a, &b] {
        assert_refused(&sign_in(node, ADMIN_PASSWORD).await);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_race_of_wrong_tries_across_nodes_gets_no_more_than_the_limit() {
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let (a, b) = two_nodes(&postgres.database("throttle_race"), |c| {
        c.unlock.max_attempts = 5;
        c.login.max_failures_per_account = 5;
        c.login.max_failures_per_address = 1000;
    })
    .await;
    let link = locked_link(&a).await;
    let node = |i: usize| if i.is_multiple_of(2) { &a } else { &b };
    // 20 wrong passwords at once, half on each node: 5 answered "wrong", the rest 429.
    let tries = (0..20).map(|i| unlock(node(i), &link, "wrong"));
    assert_eq!(answered_wrong(tries).await, 5);
    // The same for sign-ins.
    let tries = (0..20).map(|i| sign_in(node(i), "wrong-password"));
    assert_eq!(answered_wrong(tries).await, 5);
}

/// Sends `tries` at once; how many were answered "wrong" (401), the others being 429.
async fn answered_wrong(
    tries: impl Iterator<Item = impl std::future::Future<Output = reqwest::Response>>,
) -> usize {
    let statuses: Vec<u16> = futures_util::future::join_all(tries)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert!(
        statuses.iter().all(|&s| s == 401 || s == 429),
        "{statuses:?}"
    );
    println!("{statuses:?}");
    statuses.iter().filter(|&&s| s == 401).count()
}
