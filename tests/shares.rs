//! Shares and the recipient side: every access rule broken on purpose.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn create_share(server: &TestServer, token: &str, body: Value) -> Value {
    let response = server
        .req(token, Method::POST, "/api/v1/shares")
        .json(&body)
        .send()
        .await
        .unwrap();
    json_of(response, 201).await
}

async fn get(server: &TestServer, path: &str) -> reqwest::Response {
    server.client.get(server.url(path)).send().await.unwrap()
}

async fn two_assets(server: &TestServer) -> (Value, Value) {
    let a = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let b = server
        .upload(&server.admin_token, "b.txt", b"bravo!".to_vec())
        .await;
    (a, b)
}

#[tokio::test]
async fn a_share_hands_out_its_files_and_counts_one_use_per_visit() {
    let server = TestServer::start().await;
    let (a, b) = two_assets(&server).await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Press kit", "assetIds": [a["id"], b["id"]], "maxUses": 3}),
    )
    .await;
    assert_eq!(share["usesRemaining"], 3);
    assert_eq!(share["status"], "active");
    let link = link_path(&share);

    let manifest = json_of(get(&server, &format!("{link}/manifest.json")).await, 200).await;
    assert_eq!(manifest["title"], "Press kit");
    assert_eq!(manifest["usesRemaining"], 2);
    let assets = manifest["assets"].as_array().unwrap();
    assert_eq!(assets.len(), 2);
    // The download URLs carry the visit: curl without cookies does not count another use.
    let original = assets[0]["downloads"]["original"].as_str().unwrap();
    for _ in 0..3 {
        let file = get(&server, original).await;
        assert_eq!(file.status(), 200);
        assert!(file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"));
        assert_eq!(file.bytes().await.unwrap().as_ref(), b"alpha");
    }
    let ranged = server
        .client
        .get(server.url(original))
        .header("range", "bytes=1-2")
        .send()
        .await
        .unwrap();
    assert_eq!(ranged.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(ranged.bytes().await.unwrap().as_ref(), b"lp");
    let after = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/shares/{}", share["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(after["uses"], 1);
    assert_eq!(after["usesRemaining"], 2);

    // The events: one visit, three downloads (with bytes) and a partial one.
    let events = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/shares/{}/events", share["id"].as_str().unwrap()),
        )
        .await;
    let items = events["items"].as_array().unwrap();
    assert_eq!(items.iter().filter(|e| e["type"] == "visit").count(), 1);
    let downloads: Vec<_> = items.iter().filter(|e| e["type"] == "download").collect();
    assert_eq!(downloads.len(), 4);
    assert_eq!(downloads[0]["bytes"], 5);
    assert_eq!(downloads[0]["assetId"], a["id"]);
    assert_eq!(downloads[0]["variant"], "original");
    assert_eq!(downloads[3]["bytes"], 2);
    assert!(downloads[0]["clientAddress"]
        .as_str()
        .unwrap()
        .starts_with("127.0.0.1"));
    let after = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/shares/{}", share["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(after["downloads"], 4);
}

#[tokio::test]
async fn forty_racing_first_visits_on_five_uses_give_exactly_five() {
    let server = TestServer::start().await;
    let (a, _) = two_assets(&server).await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Race", "assetIds": [a["id"]], "maxUses": 5}),
    )
    .await;
    let link = link_path(&share);
    let mut racers = Vec::new();
    for _ in 0..40 {
        let (client, url) = (client(), server.url(&format!("{link}/manifest.json")));
        racers.push(tokio::spawn(async move {
            let response = client.get(url).send().await.unwrap();
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap();
            (status, body)
        }));
    }
    let mut results = Vec::new();
    for racer in racers {
        results.push(racer.await.unwrap());
    }
    let winners: Vec<_> = results.iter().filter(|(s, _)| *s == 200).collect();
    assert_eq!(winners.len(), 5);
    assert!(results
        .iter()
        .filter(|(s, _)| *s != 200)
        .all(|(s, b)| *s == 410 && b["error"]["code"] == "used_up"));

    // A visit that is already open still works.
    let visit = winners[0].1["visit"].as_str().unwrap();
    let open = get(&server, &format!("{link}/manifest.json?v={visit}")).await;
    assert_eq!(open.status(), 200);
    // The landing page says why in a 410 page.
    let page = get(&server, &link).await;
    assert_eq!(page.status(), 410);
    assert!(page.text().await.unwrap().contains("used up"));

    // Raising maxUses by one gives exactly one more visit; the count is not reset.
    let id = share["id"].as_str().unwrap();
    let patched = json_of(
        server
            .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
            .json(&json!({"maxUses": 6}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(patched["uses"], 5);
    assert_eq!(patched["usesRemaining"], 1);
    assert_eq!(
        get(&server, &format!("{link}/manifest.json"))
            .await
            .status(),
        200
    );
    assert_eq!(
        get(&server, &format!("{link}/manifest.json"))
            .await
            .status(),
        410
    );
}

#[tokio::test]
async fn expired_and_disabled_links_answer_410() {
    let server = TestServer::start().await;
    let (a, _) = two_assets(&server).await;
    let soon = chrono::Utc::now() + chrono::Duration::milliseconds(3000);
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Soon gone", "assetIds": [a["id"]], "expiresAt": soon}),
    )
    .await;
    let link = link_path(&share);
    let manifest = json_of(get(&server, &format!("{link}/manifest.json")).await, 200).await;
    let visit = manifest["visit"].as_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_millis(3200)).await;
    expect_error(
        get(&server, &format!("{link}/manifest.json?v={visit}")).await,
        410,
        "expired",
    )
    .await;
    let page = get(&server, &link).await;
    assert_eq!(page.status(), 410);
    assert!(page.text().await.unwrap().contains("expired"));
    let head = server.client.head(server.url(&link)).send().await.unwrap();
    assert_eq!(head.status(), 410);

    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Toggle", "assetIds": [a["id"]]}),
    )
    .await;
    let (link, id) = (link_path(&share), share["id"].as_str().unwrap().to_string());
    // HEAD tells whether a link works without using it up (link checkers, chat previews).
    for path in [link.clone(), format!("{link}/manifest.json")] {
        let head = server.client.head(server.url(&path)).send().await.unwrap();
        assert_eq!(head.status(), 200, "{path}");
    }
    let unused = server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
        .await;
    assert_eq!(unused["uses"], 0);
    let off = json_of(
        server
            .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
            .json(&json!({"enabled": false}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(off["status"], "disabled");
    expect_error(
        get(&server, &format!("{link}/manifest.json")).await,
        410,
        "disabled",
    )
    .await;
    server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        get(&server, &format!("{link}/manifest.json"))
            .await
            .status(),
        200
    );
    // Unknown tokens are 404, as a page and as JSON.
    assert_eq!(get(&server, "/s/no-such-token").await.status(), 404);
    expect_error(
        get(&server, "/s/no-such-token/manifest.json").await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn passwords_guard_every_route_and_wrong_tries_are_limited() {
    let server = TestServer::start_with(|c| c.unlock.max_attempts = 3).await;
    let (a, b) = two_assets(&server).await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Secret", "assetIds": [a["id"], b["id"]], "password": "open sesame"}),
    )
    .await;
    assert_eq!(share["hasPassword"], true);
    assert!(!share.to_string().contains("open sesame"));
    let link = link_path(&share);
    let asset_id = a["id"].as_str().unwrap();

    let page = get(&server, &link).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("type=\"password\""));
    expect_error(
        get(&server, &format!("{link}/manifest.json")).await,
        401,
        "unauthenticated",
    )
    .await;
    expect_error(
        get(&server, &format!("{link}/assets/{asset_id}/original")).await,
        401,
        "unauthenticated",
    )
    .await;
    expect_error(
        get(&server, &format!("{link}/assets/{asset_id}/thumbnail")).await,
        401,
        "unauthenticated",
    )
    .await;
    expect_error(
        get(&server, &format!("{link}/download.zip")).await,
        401,
        "unauthenticated",
    )
    .await;

    let unlock = |password: &'static str| {
        let (client, url) = (client(), server.url(&format!("{link}/unlock")));
        async move {
            client
                .post(url)
                .form(&[("password", password)])
                .send()
                .await
                .unwrap()
        }
    };
    // The right password: 303 to the page with the visit cookie, which then opens everything.
    let right = unlock("open sesame").await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()["location"], link.as_str());
    let cookie = right.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains(&format!("Path={link}")),
        "{cookie}"
    );
    let visit_cookie = cookie.split(';').next().unwrap().to_string();
    let manifest = server
        .client
        .get(server.url(&format!("{link}/manifest.json")))
        .header("cookie", &visit_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(manifest.status(), 200);

    // Wrong tries: 401, then 429 with Retry-After, for the right password too.
    for _ in 0..3 {
        assert_eq!(unlock("wrong").await.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = unlock("wrong").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        limited.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    assert_eq!(
        unlock("open sesame").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let events = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/shares/{}/events", share["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(
        events["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "unlock_failed")
            .count(),
        3
    );

    // Clearing the password opens the link to new visits.
    let id = share["id"].as_str().unwrap();
    server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({"password": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        get(&server, &format!("{link}/manifest.json"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn view_only_links_refuse_originals_and_the_zip() {
    let server = TestServer::start().await;
    let (a, b) = two_assets(&server).await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Look only", "assetIds": [a["id"], b["id"]], "access": "view"}),
    )
    .await;
    let link = link_path(&share);
    let manifest = json_of(get(&server, &format!("{link}/manifest.json")).await, 200).await;
    assert_eq!(manifest["access"], "view");
    assert!(manifest["downloadAll"].is_null());
    assert_eq!(manifest["assets"][0]["downloads"], json!({}));
    let v = manifest["visit"].as_str().unwrap();
    let id = a["id"].as_str().unwrap();
    expect_error(
        get(&server, &format!("{link}/assets/{id}/original?v={v}")).await,
        403,
        "forbidden",
    )
    .await;
    expect_error(
        get(
            &server,
            &format!("{link}/assets/{id}/preview?v={v}&download=1"),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    expect_error(
        get(&server, &format!("{link}/download.zip?v={v}")).await,
        403,
        "forbidden",
    )
    .await;
    let direct = share["url"].as_str().unwrap().replace("/s/", "/d/");
    expect_error(
        server.client.get(direct).send().await.unwrap(),
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn deleted_creators_and_removed_recipients_lose_their_links() {
    let server = TestServer::start().await;
    let ed = server.user("ed@example.com", "editor").await;
    let asset = server.upload(&ed, "a.txt", b"alpha".to_vec()).await;
    let share = create_share(&server, &ed, json!({"title": "Ed's", "assetIds": [asset["id"]], "recipients": [{"email": "guest@example.org"}, {"email": "other@example.org"}]})).await;
    let recipients = share["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), 2);
    assert_ne!(recipients[0]["url"], recipients[1]["url"]);
    assert_ne!(recipients[0]["url"], share["url"]);
    let guest_link = link_path(&recipients[0]);
    assert_eq!(
        get(&server, &format!("{guest_link}/manifest.json"))
            .await
            .status(),
        200
    );
    let id = share["id"].as_str().unwrap();
    let seen = server.get_json(&ed, &format!("/api/v1/shares/{id}")).await;
    assert_eq!(seen["recipients"][0]["visits"], 1);
    assert_eq!(seen["recipients"][1]["visits"], 0);

    let rid = recipients[0]["id"].as_str().unwrap();
    let removed = json_of(
        server
            .req(
                &ed,
                Method::DELETE,
                &format!("/api/v1/shares/{id}/recipients/{rid}"),
            )
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(removed["recipients"][0]["status"], "removed");
    expect_error(
        get(&server, &format!("{guest_link}/manifest.json")).await,
        410,
        "recipient_removed",
    )
    .await;
    assert_eq!(
        get(
            &server,
            &format!("{}/manifest.json", link_path(&recipients[1]))
        )
        .await
        .status(),
        200
    );

    // Deleting Ed stops his links ...
    let me: Value = server
        .req(&ed, Method::GET, "/api/v1/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ed_id = me["id"].as_str().unwrap().to_string();
    let other_share = create_share(
        &server,
        &ed,
        json!({"title": "Kept", "assetIds": [asset["id"]]}),
    )
    .await;
    assert_eq!(
        server
            .admin(Method::DELETE, &format!("/api/v1/users/{ed_id}"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    expect_error(
        get(&server, &format!("{}/manifest.json", link_path(&share))).await,
        410,
        "creator_deleted",
    )
    .await;
    expect_error(
        get(
            &server,
            &format!("{}/manifest.json", link_path(&other_share)),
        )
        .await,
        410,
        "creator_deleted",
    )
    .await;
    let listed = server
        .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
        .await;
    assert_eq!(
        listed["status"], "creator_deleted",
        "admins see why it stopped"
    );
    let orphans = server
        .get_json(&server.admin_token, "/api/v1/shares?status=creator_deleted")
        .await;
    assert_eq!(orphans["items"].as_array().unwrap().len(), 2);
    let bogus = server.admin(Method::GET, "/api/v1/shares?status=bogus");
    expect_error(bogus.send().await.unwrap(), 422, "invalid").await;

    // ... unless an admin transfers them first.
    let ann = server.user("ann@example.com", "editor").await;
    let ann_asset = server.upload(&ann, "b.txt", b"bravo".to_vec()).await;
    let ann_share = create_share(
        &server,
        &ann,
        json!({"title": "Ann's", "assetIds": [ann_asset["id"]]}),
    )
    .await;
    let ann_id = json_of(
        server
            .req(&ann, Method::GET, "/api/v1/me")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let admin_id = server.get_json(&server.admin_token, "/api/v1/me").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let deleted = server
        .admin(
            Method::DELETE,
            &format!("/api/v1/users/{ann_id}?transferTo={admin_id}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(
        get(&server, &format!("{}/manifest.json", link_path(&ann_share)))
            .await
            .status(),
        200
    );
    let moved = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/shares/{}", ann_share["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(moved["ownerId"], admin_id.as_str());
}

#[tokio::test]
async fn creation_rules_and_permissions() {
    let server = TestServer::start_with(|c| c.sharing.max_expiry_days = 30).await;
    let (a, _) = two_assets(&server).await;
    let asset = json!([a["id"]]);
    for (body, status) in [
        (json!({"assetIds": asset}), 422),
        (json!({"title": "  ", "assetIds": asset}), 422),
        (
            json!({"title": "x", "assetIds": asset, "durationDays": 4}),
            422,
        ),
        (
            json!({"title": "x", "assetIds": asset, "durationHours": 24 * 31}),
            422,
        ),
        (
            json!({"title": "x", "assetIds": asset, "durationHours": u32::MAX}),
            422,
        ),
        (
            json!({"title": "x", "assetIds": asset, "expiresAt": chrono::Utc::now() + chrono::Duration::days(31)}),
            422,
        ),
        (json!({"title": "x", "assetIds": asset, "maxUses": 0}), 422),
        (
            json!({"title": "x", "assetIds": asset, "downloadOptions": {"presets": ["nope"]}}),
            422,
        ),
        (
            json!({"title": "x", "assetIds": asset, "access": "everything"}),
            422,
        ),
    ] {
        let response = server
            .admin(Method::POST, "/api/v1/shares")
            .json(&body)
            .send()
            .await
            .unwrap();
        expect_error(response, status, "invalid").await;
    }
    let policy = server.get_json(&server.admin_token, "/api/v1/policy").await;
    assert_eq!(policy["maxExpiryDays"], 30);
    assert_eq!(policy["allow"]["password"], true);
    let week = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Week", "assetIds": asset, "durationDays": 7}),
    )
    .await;
    let expires: chrono::DateTime<chrono::Utc> =
        week["expiresAt"].as_str().unwrap().parse().unwrap();
    assert!(
        (expires - chrono::Utc::now() - chrono::Duration::days(7))
            .num_seconds()
            .abs()
            < 60
    );

    // Assets that cannot be shared are left out, with the reason.
    let hidden = server
        .upload(&server.admin_token, "hidden.txt", b"h".to_vec())
        .await;
    server
        .admin(
            Method::PATCH,
            &format!("/api/v1/assets/{}", hidden["id"].as_str().unwrap()),
        )
        .json(&json!({"status": "unavailable"}))
        .send()
        .await
        .unwrap();
    let missing = uuid::Uuid::now_v7().to_string();
    let partial = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Partial", "assetIds": [a["id"], hidden["id"], missing]}),
    )
    .await;
    assert_eq!(partial["assetIds"], json!([a["id"]]));
    assert_eq!(
        partial["skipped"],
        json!([{"assetId": hidden["id"], "reason": "unavailable"}, {"assetId": missing, "reason": "not_found"}])
    );

    // A viewer cannot create shares; an editor cannot see another editor's.
    let viewer = server.user("v@example.com", "viewer").await;
    let response = server
        .req(&viewer, Method::POST, "/api/v1/shares")
        .json(&json!({"title": "x", "assetIds": asset}))
        .send()
        .await
        .unwrap();
    expect_error(response, 403, "forbidden").await;
    let ed = server.user("ed@example.com", "editor").await;
    let eve = server.user("eve@example.com", "editor").await;
    let eds = create_share(&server, &ed, json!({"title": "Ed's", "assetIds": asset})).await;
    let id = eds["id"].as_str().unwrap();
    expect_error(
        server
            .req(&eve, Method::GET, &format!("/api/v1/shares/{id}"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    expect_error(
        server
            .req(&eve, Method::PATCH, &format!("/api/v1/shares/{id}"))
            .json(&json!({"title": "mine"}))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    let eves_list = server.get_json(&eve, "/api/v1/shares").await;
    assert_eq!(eves_list["items"], json!([]));
    let all = server.get_json(&server.admin_token, "/api/v1/shares").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn later_policy_changes_do_not_alter_existing_shares() {
    // A share made while passwords were allowed keeps working when the policy changes.
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(tempfile::tempdir().unwrap(), test_config(dir.path())).await;
    let a = server
        .upload(&server.admin_token, "a.txt", b"alpha".to_vec())
        .await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Old", "assetIds": [a["id"]], "password": "pw"}),
    )
    .await;
    server.stop().await;
    let mut config = test_config(dir.path());
    config.sharing.allow.password = false;
    let server = TestServer::start_in(tempfile::tempdir().unwrap(), config).await;
    let link = link_path(&share);
    let unlocked = client()
        .post(server.url(&format!("{link}/unlock")))
        .form(&[("password", "pw")])
        .send()
        .await
        .unwrap();
    assert_eq!(unlocked.status(), StatusCode::SEE_OTHER);
    let id = share["id"].as_str().unwrap();
    let kept = server
        .admin(Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({"password": "new"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        kept.status(),
        200,
        "the share's own snapshot still allows passwords"
    );
    let new = server
        .admin(Method::POST, "/api/v1/shares")
        .json(&json!({"title": "New", "assetIds": [a["id"]], "password": "pw"}))
        .send()
        .await
        .unwrap();
    expect_error(new, 422, "invalid").await;
}

#[tokio::test]
async fn the_one_call_share_endpoint() {
    let server = TestServer::start().await;
    let (a, b) = two_assets(&server).await;
    let path = format!("/api/v1/assets/{}/share", a["id"].as_str().unwrap());
    expect_error(
        server
            .client
            .post(server.url(&path))
            .json(&json!({"name": "x"}))
            .send()
            .await
            .unwrap(),
        401,
        "unauthenticated",
    )
    .await;
    expect_error(
        server.admin(Method::POST, &path).send().await.unwrap(),
        400,
        "bad_request",
    )
    .await;
    let unknown = format!("/api/v1/assets/{}/share", uuid::Uuid::now_v7());
    let unknown = server
        .admin(Method::POST, &unknown)
        .json(&json!({"name": "x"}));
    expect_error(unknown.send().await.unwrap(), 404, "not_found").await;
    let too_long = json!({"name": "x", "durationInHours": u32::MAX});
    let too_long = server.admin(Method::POST, &path).json(&too_long);
    expect_error(too_long.send().await.unwrap(), 422, "invalid").await;
    let created = json_of(
        server
            .admin(Method::POST, &path)
            .json(&json!({"name": "Quick", "durationInHours": 5, "sharedPermissions": ["view"]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(created["title"], "Quick");
    assert_eq!(created["access"], "view");
    assert_eq!(created["assetIds"], json!([a["id"]]));
    let updated = json_of(
        server.admin(Method::POST, &path).json(&json!({"id": created["id"], "name": "Quick 2", "sharedContents": [b["id"]], "sharedPermissions": "download", "sharedType": "user", "users": [{"email": "pal@example.org"}]})).send().await.unwrap(),
        200,
    )
    .await;
    assert_eq!(updated["id"], created["id"]);
    assert_eq!(updated["title"], "Quick 2");
    assert_eq!(updated["access"], "download");
    assert_eq!(updated["assetIds"], json!([a["id"], b["id"]]));
    assert_eq!(updated["recipients"][0]["email"], "pal@example.org");
    // The asset lists the shares that hold it.
    let of_asset = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/assets/{}/shares", b["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(of_asset["items"][0]["id"], created["id"]);
}

#[tokio::test]
async fn collection_shares_follow_the_collection_and_pages_are_safe() {
    let server = TestServer::start().await;
    let (a, b) = two_assets(&server).await;
    let collection = json_of(
        server
            .admin(Method::POST, "/api/v1/collections")
            .json(&json!({"name": "C", "assetIds": [a["id"]]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let cid = collection["id"].as_str().unwrap();
    let share = create_share(&server, &server.admin_token, json!({"title": "<script>alert(1)</script>", "description": "\"quoted\" & <b>", "collectionId": cid})).await;
    let link = link_path(&share);
    let before = json_of(get(&server, &format!("{link}/manifest.json")).await, 200).await;
    assert_eq!(before["assets"].as_array().unwrap().len(), 1);
    server
        .admin(Method::POST, &format!("/api/v1/collections/{cid}/assets"))
        .json(&json!({"assetIds": [b["id"]]}))
        .send()
        .await
        .unwrap();
    let after = json_of(
        get(
            &server,
            &format!(
                "{link}/manifest.json?v={}",
                before["visit"].as_str().unwrap()
            ),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(after["assets"].as_array().unwrap().len(), 2);

    let page = get(&server, &link).await;
    let headers = page.headers().clone();
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'self'"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(headers.contains_key("strict-transport-security"));
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)"), "user text is escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let qr = server
        .admin(
            Method::GET,
            &format!("/api/v1/shares/{}/qr.svg", share["id"].as_str().unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    assert!(qr.text().await.unwrap().contains("<svg"));
}

#[tokio::test]
async fn uploaded_html_is_never_served_inline_through_a_link() {
    let server = TestServer::start().await;
    let page = server
        .upload(
            &server.admin_token,
            "evil.html",
            b"<script>alert(document.cookie)</script>".to_vec(),
        )
        .await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "x", "assetIds": [page["id"]]}),
    )
    .await;
    let direct = share["url"].as_str().unwrap().replace("/s/", "/d/");
    let response = server.client.get(direct).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
    let server = TestServer::start_with(|c| {
        c.unlock.max_attempts = 2;
        c.server.trusted_proxies = vec!["127.0.0.0/8".into()];
    })
    .await;
    let (a, _) = two_assets(&server).await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Behind a proxy", "assetIds": [a["id"]], "password": "open sesame"}),
    )
    .await;
    let unlock_url = server.url(&format!("{}/unlock", link_path(&share)));
    let unlock_as = |forwarded: &'static str| {
        let request = client()
            .post(&unlock_url)
            .header("x-forwarded-for", forwarded)
            .form(&[("password", "wrong")]);
        async move { request.send().await.unwrap().status() }
    };
    // The proxy appends the address it saw; what the client wrote left of it is not believed.
    for _ in 0..2 {
        assert_eq!(unlock_as("1.1.1.1, 198.51.100.7").await, 401);
    }
    assert_eq!(unlock_as("2.2.2.2, 198.51.100.7").await, 429);
    assert_eq!(
        unlock_as("198.51.100.8").await,
        401,
        "another client has its own tries"
    );

    let events = server.admin(
        Method::GET,
        &format!("/api/v1/shares/{}/events", share["id"].as_str().unwrap()),
    );
    let events = json_of(events.send().await.unwrap(), 200).await;
    let addresses: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "unlock_failed")
        .map(|e| e["clientAddress"].as_str().unwrap())
        .collect();
    assert_eq!(addresses, ["198.51.100.7", "198.51.100.7", "198.51.100.8"]);

    // A remote client behind the local proxy is not a local client.
    let metrics = |forwarded: Option<&'static str>| {
        let mut request = server.client.get(server.url("/metrics"));
        if let Some(forwarded) = forwarded {
            request = request.header("x-forwarded-for", forwarded);
        }
        async move { request.send().await.unwrap().status() }
    };
    assert_eq!(metrics(None).await, 200);
    assert_eq!(metrics(Some("203.0.113.5")).await, 403);
    server.stop().await;

    // Without trusted proxies the header is only a header.
    let direct = TestServer::start_with(|c| c.unlock.max_attempts = 1).await;
    let (a, _) = two_assets(&direct).await;
    let share = create_share(
        &direct,
        &direct.admin_token,
        json!({"title": "Direct", "assetIds": [a["id"]], "password": "open sesame"}),
    )
    .await;
    let unlock_url = direct.url(&format!("{}/unlock", link_path(&share)));
    for (forwarded, status) in [("198.51.100.7", 401), ("198.51.100.8", 429)] {
        let response = client()
            .post(&unlock_url)
            .header("x-forwarded-for", forwarded)
            .form(&[("password", "wrong")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "one client, whatever it claims");
    }
}

#[tokio::test]
async fn direct_links_count_one_use_per_visit_even_when_resumed() {
    let server = TestServer::start().await;
    let (a, _) = two_assets(&server).await;
    let share = create_share(
        &server,
        &server.admin_token,
        json!({"title": "Direct", "assetIds": [a["id"]], "maxUses": 3}),
    )
    .await;
    let token = link_path(&share)[3..].to_string();
    let direct = server.url(&format!("/d/{token}"));
    let uses = || async {
        let id = share["id"].as_str().unwrap();
        let seen = server
            .get_json(&server.admin_token, &format!("/api/v1/shares/{id}"))
            .await;
        seen["uses"].as_u64().unwrap()
    };
    let fetch = |agent: &'static str, range: Option<&'static str>, cookie: Option<String>| {
        let mut request = server.client.get(&direct).header("user-agent", agent);
        if let Some(range) = range {
            request = request.header("range", range);
        }
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        async move { request.send().await.unwrap() }
    };

    // A download manager without cookies: the first request starts the visit, the resumed
    // ranges ride on it.
    let first = fetch("getright/1", Some("bytes=0-1"), None).await;
    assert_eq!(first.status(), 206);
    let cookies: Vec<String> = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.contains(&format!("Path=/d/{token}"))),
        "{cookies:?}"
    );
    assert_eq!(first.bytes().await.unwrap().as_ref(), b"al");
    for range in ["bytes=2-3", "bytes=4-"] {
        assert_eq!(fetch("getright/1", Some(range), None).await.status(), 206);
    }
    assert_eq!(uses().await, 1);

    // A browser that opened the page carries the cookie to the direct link.
    let page = server
        .client
        .get(server.url(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .find(|c| c.contains(&format!("Path=/d/{token}")))
        .expect("the visit cookie covers the direct link")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(uses().await, 2);
    assert_eq!(fetch("browser/1", None, Some(cookie)).await.status(), 200);
    assert_eq!(uses().await, 2);

    // Whole new downloads are new visits, up to the limit; the open visit still finishes.
    assert_eq!(fetch("curl/8", None, None).await.status(), 200);
    assert_eq!(uses().await, 3);
    let refused = fetch("wget/1", None, None).await;
    expect_error(refused, 410, "used_up").await;
    assert_eq!(
        fetch("getright/1", Some("bytes=3-"), None).await.status(),
        206
    );
}
