//! Domains (SPEC §10): a member sees and shares only the assets of their domains.

mod common;

use common::dam::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_string()
}

fn names_of(listing: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = (listing["items"].as_array().unwrap().iter())
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    names.sort();
    names
}

/// The id of the user behind `token`.
async fn me(server: &TestServer, token: &str) -> Value {
    server.get_json(token, "/api/v1/me").await
}

async fn new_domain(server: &TestServer, name: &str) -> String {
    let path = "/api/v1/domains";
    let body = json!({ "name": name });
    id(&json_of(
        send_json(server, &server.admin_token, Method::POST, path, &body).await,
        201,
    )
    .await)
}

async fn set_domains(server: &TestServer, token: &str, domains: &[&str]) {
    let user = me(server, token).await["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/users/{user}");
    let body = json!({ "domains": domains });
    let answer = json_of(
        send_json(server, &server.admin_token, Method::PATCH, &path, &body).await,
        200,
    )
    .await;
    assert_eq!(answer["domains"], json!(domains));
}

async fn status_of(server: &TestServer, token: &str, method: Method, path: &str) -> u16 {
    server
        .req(token, method, path)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Two domains: Alice's (the default) and Bob's ("Brand B"), each with one asset of its member.
struct TwoDomains {
    server: TestServer,
    default: String,
    brand_b: String,
    alice: String,
    bob: String,
    a: String,
    b: String,
}

/// A collection (the admin's) of Alpha and Beta.
async fn both_in_a_collection(t: &TwoDomains) -> Value {
    let both = json!({"name": "Both", "assetIds": [t.a, t.b]});
    let path = "/api/v1/collections";
    let made = send_json(&t.server, &t.server.admin_token, Method::POST, path, &both).await;
    json_of(made, 201).await
}

/// A raw upload of `name` as `token` into `domain`.
async fn upload_to(
    server: &TestServer,
    token: &str,
    name: &str,
    domain: &str,
) -> reqwest::Response {
    let path = format!("/api/v1/assets?name={name}&domain={domain}");
    let request = server
        .req(token, Method::POST, &path)
        .body(name.to_string());
    request.send().await.unwrap()
}

async fn two_domains() -> TwoDomains {
    let server = TestServer::start().await;
    let default = id(&server
        .get_json(&server.admin_token, "/api/v1/domains")
        .await["items"][0]);
    let brand_b = new_domain(&server, "Brand B").await;
    let alice = server.user("alice@example.com", "editor").await;
    let bob = server.user("bob@example.com", "editor").await;
    set_domains(&server, &bob, &[&brand_b]).await;
    let a = id(&server.upload(&alice, "alpha.txt", b"alpha".to_vec()).await);
    let b = server.upload(&bob, "beta.txt", b"beta".to_vec()).await;
    assert_eq!(
        b["domain"],
        json!(brand_b),
        "an upload goes to the uploader's first domain"
    );
    TwoDomains {
        server,
        default,
        brand_b,
        alice,
        bob,
        a,
        b: id(&b),
    }
}

#[tokio::test]
async fn a_member_cannot_list_get_search_or_share_the_assets_of_another_domain() {
    let t = two_domains().await;
    let (server, alice) = (&t.server, &t.alice);
    assert_eq!(
        names_of(&server.get_json(alice, "/api/v1/assets").await),
        ["alpha.txt"]
    );
    assert_eq!(
        names_of(&server.get_json(alice, "/api/v1/assets?q=beta").await),
        Vec::<&str>::new()
    );
    let b = &t.b;
    for path in [
        format!("/api/v1/assets/{b}"),
        format!("/api/v1/assets/{b}/original"),
        format!("/api/v1/assets/{b}/history"),
        format!("/api/v1/assets/{b}/attachments"),
        format!("/api/v1/assets/{b}/shares"),
        format!("/api/v1/assets?domain={}", t.brand_b),
    ] {
        expect_error(
            server.req(alice, Method::GET, &path).send().await.unwrap(),
            404,
            "not_found",
        )
        .await;
    }
    let rename = json!({"name": "mine.txt"});
    expect_error(
        send_json(
            server,
            alice,
            Method::PATCH,
            &format!("/api/v1/assets/{b}"),
            &rename,
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        status_of(
            server,
            alice,
            Method::DELETE,
            &format!("/api/v1/assets/{b}")
        )
        .await,
        404
    );
    let refused = upload_to(server, alice, "x.txt", &t.brand_b).await;
    expect_error(refused, 404, "not_found").await;

    // A saved search finds only what its runner sees.
    let search = json!({"name": "everything", "kind": "document"});
    let search = json_of(
        send_json(server, alice, Method::POST, "/api/v1/searches", &search).await,
        201,
    )
    .await;
    let found = server
        .get_json(alice, &format!("/api/v1/searches/{}/assets", id(&search)))
        .await;
    assert_eq!(names_of(&found), ["alpha.txt"]);
    // Collections show a member only their domains' assets.
    let collection = both_in_a_collection(&t).await;
    let seen = server
        .get_json(alice, &format!("/api/v1/collections/{}", id(&collection)))
        .await;
    assert_eq!(seen["assetIds"], json!([t.a]));
    assert_eq!(
        names_of(
            &server
                .get_json(
                    alice,
                    &format!("/api/v1/assets?collection={}", id(&collection))
                )
                .await
        ),
        ["alpha.txt"]
    );
    let add = json!({"assetIds": [t.b]});
    let path = format!("/api/v1/collections/{}/assets", id(&collection));
    assert_eq!(
        send_json(server, alice, Method::POST, &path, &add)
            .await
            .status()
            .as_u16(),
        422
    );

    // A share of mixed assets leaves Bob's out as not visible.
    let body = json!({"title": "Mixed", "assetIds": [t.a, t.b]});
    let share = json_of(
        send_json(server, alice, Method::POST, "/api/v1/shares", &body).await,
        201,
    )
    .await;
    assert_eq!(
        share["skipped"],
        json!([{"assetId": t.b, "reason": "not_visible"}])
    );
    assert_eq!(shown(server, &share).await, ["alpha.txt"]);
    let path = format!("/api/v1/shares/{}/assets", id(&share));
    let added = json_of(
        send_json(
            server,
            alice,
            Method::POST,
            &path,
            &json!({"assetIds": [t.b]}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(added["skipped"][0]["reason"], "not_visible");

    // Admins see every domain, and narrow to one with ?domain=.
    let admin = &server.admin_token;
    assert_eq!(
        names_of(&server.get_json(admin, "/api/v1/assets").await),
        ["alpha.txt", "beta.txt"]
    );
    let only_b = server
        .get_json(admin, &format!("/api/v1/assets?domain={}", t.brand_b))
        .await;
    assert_eq!(names_of(&only_b), ["beta.txt"]);
    let only_default = server
        .get_json(alice, &format!("/api/v1/assets?domain={}", t.default))
        .await;
    assert_eq!(names_of(&only_default), ["alpha.txt"]);
    // Only admins manage domains; members see their own for the switcher.
    assert_eq!(
        status_of(server, alice, Method::GET, "/api/v1/domains").await,
        403
    );
    let made = send_json(
        server,
        alice,
        Method::POST,
        "/api/v1/domains",
        &json!({"name": "Mine"}),
    )
    .await;
    assert_eq!(made.status().as_u16(), 403);
    let bobs = server.get_json(&t.bob, "/api/v1/me/domains").await;
    assert_eq!(bobs["items"].as_array().unwrap().len(), 1);
    assert_eq!(bobs["items"][0]["name"], "Brand B");
}

#[tokio::test]
async fn a_collection_share_shows_what_its_creator_sees_at_each_request() {
    let t = two_domains().await;
    let server = &t.server;
    let collection = both_in_a_collection(&t).await;
    let body = json!({"title": "Collection", "collectionId": id(&collection)});
    let share = json_of(
        send_json(server, &t.alice, Method::POST, "/api/v1/shares", &body).await,
        201,
    )
    .await;
    assert_eq!(shown(server, &share).await, ["alpha.txt"]);
    let hidden =
        server
            .client
            .get(server.url(&format!("{}/assets/{}/original", link_path(&share), t.b)));
    assert_eq!(hidden.send().await.unwrap().status().as_u16(), 404);
    // An admin's share of the same collection shows both.
    let admins = server
        .admin_share(json!({"title": "All", "collectionId": id(&collection)}))
        .await;
    assert_eq!(shown(server, &admins).await, ["alpha.txt", "beta.txt"]);

    // Beta moves into Alice's domain: her link shows it at once; Alpha moves out: it leaves.
    let patch = json!({"domain": t.default});
    patch_asset(server, &server.admin_token, &t.b, patch).await;
    assert_eq!(shown(server, &share).await, ["alpha.txt", "beta.txt"]);
    let path = format!("/api/v1/domains/{}/assets", t.brand_b);
    let moved = json_of(
        send_json(
            server,
            &server.admin_token,
            Method::POST,
            &path,
            &json!({"assetIds": [t.a]}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(moved["moved"], 1);
    assert_eq!(shown(server, &share).await, ["beta.txt"]);
    // The sharing panel lists the share only where its link shows the asset.
    let panel = server
        .get_json(&t.alice, &format!("/api/v1/assets/{}/shares", t.b))
        .await;
    assert_eq!(panel["items"].as_array().unwrap().len(), 1);
    let admin_panel = server
        .get_json(
            &server.admin_token,
            &format!("/api/v1/assets/{}/shares", t.a),
        )
        .await;
    assert_eq!(
        admin_panel["items"].as_array().unwrap().len(),
        1,
        "only the admin's share shows alpha now"
    );
}

#[tokio::test]
async fn moving_an_asset_changes_who_sees_it() {
    let t = two_domains().await;
    let server = &t.server;
    let path = format!("/api/v1/assets/{}", t.b);
    assert_eq!(status_of(server, &t.bob, Method::GET, &path).await, 200);
    assert_eq!(status_of(server, &t.alice, Method::GET, &path).await, 404);
    // Members cannot move assets, not even their own.
    let to_default = json!({"domain": t.default});
    assert_eq!(
        send_json(server, &t.bob, Method::PATCH, &path, &to_default)
            .await
            .status()
            .as_u16(),
        403
    );
    patch_asset(server, &server.admin_token, &t.b, to_default).await;
    assert_eq!(
        server.get_json(&t.alice, &path).await["domain"],
        json!(t.default)
    );
    assert_eq!(status_of(server, &t.bob, Method::GET, &path).await, 404);
    assert_eq!(
        names_of(&server.get_json(&t.bob, "/api/v1/assets").await),
        Vec::<&str>::new()
    );
    // Joining a second domain shows its assets too; the listing narrows to one with ?domain=.
    set_domains(server, &t.bob, &[&t.brand_b, &t.default]).await;
    assert_eq!(
        names_of(&server.get_json(&t.bob, "/api/v1/assets").await),
        ["alpha.txt", "beta.txt"]
    );
    let narrowed = server
        .get_json(&t.bob, &format!("/api/v1/assets?domain={}", t.brand_b))
        .await;
    assert_eq!(names_of(&narrowed), Vec::<&str>::new());
    let gamma = json_of(
        upload_to(server, &t.bob, "gamma.txt", &t.default).await,
        201,
    )
    .await;
    assert_eq!(gamma["domain"], json!(t.default));
}

#[tokio::test]
async fn one_default_domain_holds_everyone_and_everything_until_admins_make_more() {
    let server = TestServer::start().await;
    let admin = &server.admin_token;
    let domains = server.get_json(admin, "/api/v1/domains").await;
    let items = domains["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{domains}");
    assert_eq!(items[0]["name"], "Default");
    let default = id(&items[0]);
    let carol = server.user("carol@example.com", "viewer").await;
    assert_eq!(me(&server, &carol).await["domains"], json!([default]));
    assert_eq!(me(&server, admin).await["domains"], json!([default]));
    let asset = server.upload(admin, "a.txt", b"a".to_vec()).await;
    assert_eq!(asset["domain"], json!(default));
    assert_eq!(
        names_of(&server.get_json(&carol, "/api/v1/assets").await),
        ["a.txt"]
    );
    let counted = server.get_json(admin, "/api/v1/domains").await;
    assert_eq!(
        (
            counted["items"][0]["assetCount"].clone(),
            counted["items"][0]["memberCount"].clone()
        ),
        (json!(1), json!(2))
    );

    // The last domain, a domain holding assets, or a member's only domain cannot go.
    let path = format!("/api/v1/domains/{default}");
    expect_error(
        server.admin(Method::DELETE, &path).send().await.unwrap(),
        409,
        "conflict",
    )
    .await;
    let spare = new_domain(&server, "Spare").await;
    let duplicate = send_json(
        &server,
        admin,
        Method::POST,
        "/api/v1/domains",
        &json!({"name": "spare"}),
    )
    .await;
    expect_error(duplicate, 409, "conflict").await;
    let renamed = send_json(
        &server,
        admin,
        Method::PATCH,
        &format!("/api/v1/domains/{spare}"),
        &json!({"name": "Archive"}),
    )
    .await;
    assert_eq!(json_of(renamed, 200).await["name"], "Archive");
    let user = me(&server, &carol).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let none = send_json(
        &server,
        admin,
        Method::PATCH,
        &format!("/api/v1/users/{user}"),
        &json!({"domains": []}),
    )
    .await;
    expect_error(none, 422, "invalid").await;
    let unknown = send_json(
        &server,
        admin,
        Method::PATCH,
        &format!("/api/v1/users/{user}"),
        &json!({"domains": [uuid_like()]}),
    )
    .await;
    expect_error(unknown, 422, "invalid").await;
    assert_eq!(
        status_of(
            &server,
            admin,
            Method::DELETE,
            &format!("/api/v1/domains/{spare}")
        )
        .await,
        204
    );
    assert_eq!(
        status_of(
            &server,
            admin,
            Method::GET,
            &format!("/api/v1/domains/{spare}")
        )
        .await,
        404
    );
}

fn uuid_like() -> &'static str {
    "01900000-0000-7000-8000-000000000000"
}

#[tokio::test]
async fn the_domain_switcher_shows_with_a_second_domain_and_filters_the_asset_list() {
    use common::browser::{self, Driver, SERIAL};
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let admin = server.admin_token.clone();
    server.upload(&admin, "alpha.txt", b"alpha".to_vec()).await;
    let work = tempfile::tempdir().unwrap();
    let page = driver.browser(work.path()).await;
    browser::sign_in(&page, &server).await;
    let tiles = "return [...document.querySelectorAll('.tile .name')].map((n) => n.textContent).sort().join(',')";
    page.wait_until(
        "the asset shows",
        &format!("{tiles} === 'alpha.txt'"),
        json!([]),
    )
    .await;
    // One domain: the app looks as it always did.
    assert_eq!(page.count("#domain-switcher").await, 0);

    let brand_b = new_domain(&server, "Brand B").await;
    json_of(upload_to(&server, &admin, "beta.txt", &brand_b).await, 201).await;
    page.goto(&server.url("/#/assets")).await;
    page.js("location.reload()", json!([])).await;
    page.wait_for("#domain-switcher").await;
    page.wait_until(
        "both show",
        &format!("{tiles} === 'alpha.txt,beta.txt'"),
        json!([]),
    )
    .await;
    let choose = "const s = document.querySelector('#domain-switcher'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));";
    page.js(choose, json!([brand_b])).await;
    page.wait_until(
        "only Brand B's shows",
        &format!("{tiles} === 'beta.txt'"),
        json!([]),
    )
    .await;
    page.js(choose, json!([""])).await;
    page.wait_until(
        "both show again",
        &format!("{tiles} === 'alpha.txt,beta.txt'"),
        json!([]),
    )
    .await;
    page.quit().await;
}

/// Admin → Domains passes axe; an admin selects two assets and moves them to another domain.
#[tokio::test]
async fn an_admin_moves_the_selected_assets_to_another_domain() {
    use common::browser::{self, Driver, SERIAL};
    let _serial = SERIAL.lock().await;
    let (Some(driver), Some(axe)) = (Driver::start().await, common::a11y::axe_source()) else {
        return;
    };
    let server = TestServer::start().await;
    let admin = server.admin_token.clone();
    let brand_b = new_domain(&server, "Brand B").await;
    for name in ["alpha.txt", "beta.txt", "gamma.txt"] {
        server.upload(&admin, name, name.as_bytes().to_vec()).await;
    }
    let work = tempfile::tempdir().unwrap();
    let page = driver.browser(work.path()).await;
    browser::sign_in(&page, &server).await;
    page.goto(&server.url("/#/admin/domains")).await;
    page.wait_for("#domain-members").await;
    page.assert_accessible(&axe, "Admin → Domains").await;

    page.goto(&server.url("/#/assets")).await;
    let tiles = "return [...document.querySelectorAll('.tile .name')].map((n) => n.textContent).sort().join(',')";
    let all = format!("{tiles} === 'alpha.txt,beta.txt,gamma.txt'");
    page.wait_until("the three show", &all, json!([])).await;
    let pick = "for (const tile of document.querySelectorAll('.tile')) if (arguments[0].includes(tile.querySelector('.name').textContent)) tile.querySelector('.pick').click();";
    page.js(pick, json!([["alpha.txt", "beta.txt"]])).await;
    page.click("#move-to-domain").await;
    page.wait_for("#move-domain").await;
    let submit = "const s = document.querySelector('#move-domain'); s.value = arguments[0]; s.form.requestSubmit();";
    page.js(submit, json!([brand_b])).await;
    page.wait_until(
        "the selection is cleared",
        "return document.querySelector('.selection-bar').hidden",
        json!([]),
    )
    .await;

    // They are in Brand B now: the switcher shows them there, and the API agrees.
    let choose = "const s = document.querySelector('#domain-switcher'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));";
    page.js(choose, json!([brand_b])).await;
    let moved = format!("{tiles} === 'alpha.txt,beta.txt'");
    page.wait_until("the two show in Brand B", &moved, json!([]))
        .await;
    let listed = server
        .get_json(&admin, &format!("/api/v1/assets?domain={brand_b}"))
        .await;
    assert_eq!(names_of(&listed), ["alpha.txt", "beta.txt"]);
    page.quit().await;
}
