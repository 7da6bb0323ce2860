//! Saved searches that links follow, and collections filed while sharing.

mod common;

use common::dam::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn asset(server: &TestServer, name: &str, attributes: Value) -> String {
    let id = server
        .upload(&server.admin_token, name, name.as_bytes().to_vec())
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    patch_asset(
        server,
        &server.admin_token,
        &id,
        json!({"attributes": attributes}),
    )
    .await;
    id
}

fn names_of(listing: &Value) -> Vec<&str> {
    listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_shared_search_follows_the_assets_that_match_at_each_request() {
    let server = TestServer::start().await;
    let beach = asset(&server, "beach-1.txt", json!({"client": "ACME"})).await;
    asset(&server, "beach-2.txt", json!({"client": "Other"})).await;
    asset(&server, "city.txt", json!({"client": "acme"})).await;

    let body = json!({"name": "ACME beaches", "q": "beach", "kind": "document", "attributes": {"client": "acme"}});
    let search = json_of(
        server
            .admin(Method::POST, "/api/v1/searches")
            .json(&body)
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let id = search["id"].as_str().unwrap();
    assert_eq!(
        (search["name"].clone(), search["q"].clone()),
        (json!("ACME beaches"), json!("beach"))
    );
    let found = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/searches/{id}/assets"),
        )
        .await;
    assert_eq!(names_of(&found), ["beach-1.txt"]);
    let listed = server
        .get_json(&server.admin_token, "/api/v1/searches")
        .await;
    assert_eq!(names_of(&listed), ["ACME beaches"]);

    let share = server
        .admin_share(json!({"title": "Beaches", "searchId": id}))
        .await;
    assert_eq!(share["searchId"], search["id"]);
    assert_eq!(shown(&server, &share).await, ["beach-1.txt"]);

    // A new asset that matches appears on the link (the link was cached meanwhile).
    let later = asset(&server, "beach-3.txt", json!({"client": "Acme"})).await;
    assert_eq!(shown(&server, &share).await, ["beach-1.txt", "beach-3.txt"]);
    let holding = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/assets/{later}/shares"),
        )
        .await;
    assert_eq!(holding["items"][0]["id"], share["id"]);

    // An asset that cannot be shared any more is left out at request time.
    patch_asset(
        &server,
        &server.admin_token,
        &beach,
        json!({"status": "unavailable"}),
    )
    .await;
    assert_eq!(shown(&server, &share).await, ["beach-3.txt"]);

    // Changing the search changes the link.
    let patch = json!({"attributes": {}});
    json_of(
        server
            .admin(Method::PATCH, &format!("/api/v1/searches/{id}"))
            .json(&patch)
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(shown(&server, &share).await, ["beach-2.txt", "beach-3.txt"]);

    // Its assets are the search's: they are not edited through the share.
    let share_id = share["id"].as_str().unwrap();
    let add = server
        .admin(Method::POST, &format!("/api/v1/shares/{share_id}/assets"))
        .json(&json!({"assetIds": [beach]}));
    expect_error(add.send().await.unwrap(), 409, "conflict").await;

    // Searches that do not exist, or asked with other content, are refused.
    let unknown = json!({"title": "x", "searchId": uuid::Uuid::nil()});
    expect_error(
        send_json(
            &server,
            &server.admin_token,
            Method::POST,
            "/api/v1/shares",
            &unknown,
        )
        .await,
        422,
        "invalid",
    )
    .await;
    let both = json!({"title": "x", "searchId": id, "assetIds": [beach]});
    expect_error(
        send_json(
            &server,
            &server.admin_token,
            Method::POST,
            "/api/v1/shares",
            &both,
        )
        .await,
        422,
        "invalid",
    )
    .await;
    let nameless = json!({"q": "x"});
    expect_error(
        send_json(
            &server,
            &server.admin_token,
            Method::POST,
            "/api/v1/searches",
            &nameless,
        )
        .await,
        422,
        "invalid",
    )
    .await;

    // Only its owner or an admin changes it; a deleted search shows nothing.
    let editor = server.user("ed@example.com", "editor").await;
    let rename = server
        .req(&editor, Method::PATCH, &format!("/api/v1/searches/{id}"))
        .json(&json!({"name": "mine"}));
    expect_error(rename.send().await.unwrap(), 403, "forbidden").await;
    let gone = server
        .admin(Method::DELETE, &format!("/api/v1/searches/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 204);
    assert!(shown(&server, &share).await.is_empty());
}

#[tokio::test]
async fn sharing_several_assets_may_file_them_as_a_new_collection_the_link_follows() {
    let server = TestServer::start().await;
    let a = asset(&server, "a.txt", json!({})).await;
    let b = asset(&server, "b.txt", json!({})).await;
    let off = asset(&server, "off.txt", json!({})).await;
    patch_asset(
        &server,
        &server.admin_token,
        &off,
        json!({"status": "unavailable"}),
    )
    .await;

    let share = server
        .admin_share(
            json!({"title": "Pitch", "assetIds": [a, b, off], "collectionName": "Pitch deck"}),
        )
        .await;
    assert_eq!(
        share["skipped"],
        json!([{"assetId": off, "reason": "unavailable"}])
    );
    let collection_id = share["collectionId"]
        .as_str()
        .expect("the share follows a collection");
    let collection = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/collections/{collection_id}"),
        )
        .await;
    assert_eq!(collection["name"], "Pitch deck");
    assert_eq!(collection["assetIds"], json!([a, b]));
    assert_eq!(shown(&server, &share).await, ["a.txt", "b.txt"]);

    // The link follows the collection as it changes.
    let c = asset(&server, "c.txt", json!({})).await;
    let add = server
        .admin(
            Method::POST,
            &format!("/api/v1/collections/{collection_id}/assets"),
        )
        .json(&json!({"assetIds": [c]}));
    json_of(add.send().await.unwrap(), 200).await;
    assert_eq!(shown(&server, &share).await, ["a.txt", "b.txt", "c.txt"]);

    // Without a name: "New collection from <date>".
    let unnamed = server
        .admin_share(json!({"title": "Quick", "assetIds": [a, b], "createCollection": true}))
        .await;
    let id = unnamed["collectionId"].as_str().unwrap();
    let collection = server
        .get_json(&server.admin_token, &format!("/api/v1/collections/{id}"))
        .await;
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(collection["name"], format!("New collection from {today}"));

    // createCollection: false keeps a plain list; a collection or a bad name is refused.
    let plain = server
        .admin_share(json!({"title": "Plain", "assetIds": [a], "createCollection": false}))
        .await;
    assert_eq!(plain["assetIds"], json!([a]));
    let twice = json!({"title": "x", "collectionId": collection_id, "createCollection": true});
    expect_error(
        send_json(
            &server,
            &server.admin_token,
            Method::POST,
            "/api/v1/shares",
            &twice,
        )
        .await,
        422,
        "invalid",
    )
    .await;
    let blank = json!({"title": "x", "assetIds": [a], "collectionName": "  "});
    expect_error(
        send_json(
            &server,
            &server.admin_token,
            Method::POST,
            "/api/v1/shares",
            &blank,
        )
        .await,
        422,
        "invalid",
    )
    .await;
    // A viewer, who cannot share, files nothing.
    let viewer = server.user("v@example.com", "viewer").await;
    let asked = json!({"title": "x", "assetIds": [a], "collectionName": "Mine"});
    expect_error(
        server
            .req(&viewer, Method::POST, "/api/v1/shares")
            .json(&asked)
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
    let collections = server
        .get_json(&server.admin_token, "/api/v1/collections")
        .await;
    assert_eq!(collections["items"].as_array().unwrap().len(), 2);
}

/// A raw upload of `name` by the admin into `domain`.
async fn upload_into(server: &TestServer, name: &str, domain: &str) -> Value {
    let response = server
        .req(&server.admin_token, Method::POST, "/api/v1/assets")
        .query(&[("name", name), ("domain", domain)])
        .body(name.as_bytes().to_vec())
        .send()
        .await
        .unwrap();
    json_of(response, 201).await
}

#[tokio::test]
async fn a_saved_search_narrows_to_one_domain_like_the_asset_listing() {
    let server = TestServer::start().await;
    let admin = server.admin_token.clone();
    let domains = server.get_json(&admin, "/api/v1/domains").await;
    let default = domains["items"][0]["id"].as_str().unwrap().to_string();
    let made = send_json(
        &server,
        &admin,
        Method::POST,
        "/api/v1/domains",
        &json!({"name": "Brand B"}),
    )
    .await;
    let brand_b = json_of(made, 201).await["id"].as_str().unwrap().to_string();
    upload_into(&server, "alpha.txt", &default).await;
    upload_into(&server, "beta.txt", &brand_b).await;
    let search = json!({"name": "documents", "kind": "document"});
    let made = send_json(&server, &admin, Method::POST, "/api/v1/searches", &search).await;
    let path = format!(
        "/api/v1/searches/{}/assets",
        json_of(made, 201).await["id"].as_str().unwrap()
    );
    let found = |token: String, query: String| {
        let (server, path) = (&server, &path);
        async move {
            server
                .req(&token, Method::GET, &format!("{path}{query}"))
                .send()
                .await
                .unwrap()
        }
    };

    let all = json_of(found(admin.clone(), String::new()).await, 200).await;
    assert_eq!(names_of(&all), ["beta.txt", "alpha.txt"]);
    let only_b = json_of(
        found(admin.clone(), format!("?domain={brand_b}")).await,
        200,
    )
    .await;
    assert_eq!(names_of(&only_b), ["beta.txt"]);
    let only_default = json_of(
        found(admin.clone(), format!("?domain={default}")).await,
        200,
    )
    .await;
    assert_eq!(names_of(&only_default), ["alpha.txt"]);
    // A member asking for a domain they are not in: as if it did not exist; a bad id: 400.
    let alice = server.user("alice@example.com", "editor").await;
    let refused = found(alice.clone(), format!("?domain={brand_b}")).await;
    expect_error(refused, 404, "not_found").await;
    let mine = json_of(
        found(alice.clone(), format!("?domain={default}")).await,
        200,
    )
    .await;
    assert_eq!(names_of(&mine), ["alpha.txt"]);
    let refused = found(alice, "?domain=brand-b".into()).await;
    expect_error(refused, 400, "bad_request").await;
}

/// A search made through the API with attributes (the assets page has no attribute filter)
/// opens in the app on exactly what it finds.
#[tokio::test]
async fn a_saved_search_with_attributes_opens_in_the_app_on_what_it_finds() {
    use common::browser::{self, Driver, SERIAL};
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    asset(&server, "acme.txt", json!({"client": "ACME"})).await;
    asset(&server, "other.txt", json!({"client": "Other"})).await;
    let search = json!({"name": "For ACME", "attributes": {"client": "acme"}});
    let path = "/api/v1/searches";
    json_of(
        send_json(&server, &server.admin_token, Method::POST, path, &search).await,
        201,
    )
    .await;
    let work = tempfile::tempdir().unwrap();
    let page = driver.browser(work.path()).await;
    browser::sign_in(&page, &server).await;
    page.goto(&server.url("/#/searches")).await;
    page.wait_for("#search-list a").await;
    page.click("#search-list a").await;
    let names =
        "[...document.querySelectorAll('.tile .name')].map((n) => n.textContent).sort().join(',')";
    let only = format!("return location.hash.includes('search=') && {names} === 'acme.txt'");
    page.wait_until("only the search's asset shows", &only, json!([]))
        .await;
    // Changing a filter leaves the search for the plain listing.
    let kind = "const k = document.querySelector('.toolbar select'); k.value = 'document'; k.dispatchEvent(new Event('change'));";
    page.js(kind, json!([])).await;
    let both = format!("return {names} === 'acme.txt,other.txt'");
    page.wait_until("the listing with the new filter", &both, json!([]))
        .await;
    page.quit().await;
}
