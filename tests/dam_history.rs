//! Attribute history: every change of an asset's name, status, expiry and attributes is kept
//! with who and when, listed newest first, and exported in the zip when the share allows.

mod common;

use common::dam::*;
use common::*;
use reqwest::Method;
use serde_json::json;

/// A change as (field, attribute, before, after).
type Brief<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

#[tokio::test]
async fn every_change_is_kept_with_who_and_when_newest_first() {
    let server = TestServer::start().await;
    let editor = server.user("ed@example.com", "editor").await;
    let asset = server.upload(&editor, "cat.jpg", noise(500, 1)).await;
    let id = asset["id"].as_str().unwrap();
    let history = format!("/api/v1/assets/{id}/history");
    assert_eq!(server.get_json(&editor, &history).await["items"], json!([]));

    patch_asset(&server, &editor, id, json!({"name": "kitten.jpg"})).await;
    patch_asset(
        &server,
        &editor,
        id,
        json!({"attributes": {"title": "Kitten"}}),
    )
    .await;
    patch_asset(
        &server,
        &server.admin_token,
        id,
        json!({"status": "unavailable", "expiresAt": "2030-01-01T00:00:00Z"}),
    )
    .await;
    // Saving the same values again changes nothing, and so adds nothing.
    patch_asset(
        &server,
        &editor,
        id,
        json!({"attributes": {"title": "Kitten"}}),
    )
    .await;
    patch_asset(&server, &editor, id, json!({"attributes": {"title": ""}})).await;

    let items = server.get_json(&editor, &history).await["items"].clone();
    let items = items.as_array().unwrap();
    let brief: Vec<Brief> = items
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap(),
                c["attribute"].as_str(),
                c["before"].as_str(),
                c["after"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            ("attributes", Some("title"), Some("Kitten"), None),
            ("expiresAt", None, None, Some("2030-01-01T00:00:00+00:00")),
            ("status", None, Some("available"), Some("unavailable")),
            ("attributes", Some("title"), None, Some("Kitten")),
            ("name", None, Some("cat.jpg"), Some("kitten.jpg")),
        ]
    );
    let me = server.get_json(&editor, "/api/v1/me").await;
    assert_eq!(items[4]["by"], me["id"]);
    assert_eq!(items[4]["byEmail"], "ed@example.com");
    assert_eq!(items[2]["byEmail"], "admin@example.com");
    let times: Vec<&str> = items.iter().map(|c| c["at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");

    // An unknown asset has no history; without credentials, nothing.
    let unknown = format!("/api/v1/assets/{}/history", uuid::Uuid::nil());
    expect_error(
        server
            .req(&editor, Method::GET, &unknown)
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    let anonymous = server
        .client
        .get(server.url(&history))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn the_zip_carries_the_history_csv_when_the_share_allows_with_an_exact_length() {
    let server = TestServer::start().await;
    let admin = server.admin_token.clone();
    let a = server.upload(&admin, "a.txt", b"alpha".to_vec()).await;
    let b = server.upload(&admin, "b.txt", b"beta".to_vec()).await;
    let (a, b) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    patch_asset(
        &server,
        &admin,
        a,
        json!({"attributes": {"title": "=cmd()"}}),
    )
    .await;
    patch_asset(&server, &admin, b, json!({"name": "b2.txt"})).await;

    let options = json!({"original": true, "attributeHistory": true});
    let share = server
        .admin_share(json!({"title": "History", "assetIds": [a, b], "downloadOptions": options}))
        .await;
    assert_eq!(share["downloadOptions"]["attributeHistory"], true);
    let zip_url = server.url(&format!("{}/download.zip", link_path(&share)));
    let response = server.client.get(&zip_url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let announced: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = response.bytes().await.unwrap();
    assert_eq!(bytes.len(), announced);
    let entries = zip_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["a.txt", "b2.txt", "attribute-history.csv"]);
    let csv = String::from_utf8(entries[2].1.clone()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "assetId,assetName,at,by,field,attribute,before,after"
    );
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].starts_with(a) && lines[1].ends_with(",attributes,title,,'=cmd()"),
        "{csv}"
    );
    assert!(
        lines[2].contains(",name,,a.txt") || lines[2].contains(",name,,b.txt"),
        "{csv}"
    );

    // A resumed download gets exactly the rest of the same bytes.
    let tail = server
        .client
        .get(&zip_url)
        .header("range", format!("bytes={}-", announced - 100))
        .send()
        .await
        .unwrap();
    assert_eq!(tail.status(), 206);
    assert_eq!(tail.bytes().await.unwrap(), bytes.slice(announced - 100..));

    // The CSV alone; a share without the option refuses it and leaves it out.
    let alone = server
        .client
        .get(format!("{zip_url}?variants=attribute-history.csv"))
        .send()
        .await
        .unwrap();
    let alone = zip_entries(&alone.bytes().await.unwrap());
    assert_eq!(alone.len(), 1);
    let plain = server
        .admin_share(json!({"title": "Plain", "assetIds": [a, b]}))
        .await;
    let plain_zip = server.url(&format!("{}/download.zip", link_path(&plain)));
    let refused = server
        .client
        .get(format!("{plain_zip}?variants=attributeHistory"))
        .send()
        .await
        .unwrap();
    expect_error(refused, 403, "forbidden").await;
    let everything = server.client.get(&plain_zip).send().await.unwrap();
    let names: Vec<String> = zip_entries(&everything.bytes().await.unwrap())
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".csv")), "{names:?}");
}
