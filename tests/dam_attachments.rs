//! Attachments: extra files kept with an asset, listed on it, offered to recipients when the
//! share allows, and in the zip beside their asset with the zip's exact length.

mod common;

use common::dam::*;
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn attach_raw(
    server: &TestServer,
    token: &str,
    asset: &str,
    name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    server
        .req(
            token,
            Method::POST,
            &format!("/api/v1/assets/{asset}/attachments"),
        )
        .query(&[("name", name)])
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap()
}

async fn fetch(server: &TestServer, path: &str) -> reqwest::Response {
    server.client.get(server.url(path)).send().await.unwrap()
}

#[tokio::test]
async fn attachments_are_kept_listed_served_and_removed_with_their_asset() {
    let server = TestServer::start().await;
    let admin = server.admin_token.clone();
    let asset = server
        .upload(&admin, "photo.txt", b"the photo".to_vec())
        .await;
    let id = asset["id"].as_str().unwrap();
    let release = noise(70_000, 7);
    let one = json_of(
        attach_raw(&server, &admin, id, "release form.pdf", &release).await,
        201,
    )
    .await;
    assert_eq!(
        (
            one["name"].clone(),
            one["size"].clone(),
            one["mimeType"].clone()
        ),
        (
            json!("release form.pdf"),
            json!(70_000),
            json!("application/pdf")
        )
    );

    // Several at once, as a multipart form.
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"LUT 3D".to_vec()).file_name("grade.cube"),
        )
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"<xmp/>".to_vec()).file_name("photo.xmp"),
        );
    let path = format!("/api/v1/assets/{id}/attachments");
    let many = json_of(
        server
            .admin(Method::POST, &path)
            .multipart(form)
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(many["attachments"].as_array().unwrap().len(), 2);
    let listed = server.get_json(&admin, &path).await;
    let names: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["release form.pdf", "grade.cube", "photo.xmp"]);

    // The file itself, whole and in part.
    let file = format!("{path}/{}", one["id"].as_str().unwrap());
    let whole = server.admin(Method::GET, &file).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert!(whole.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(whole.bytes().await.unwrap(), release);
    let part = server
        .admin(Method::GET, &file)
        .header("range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap(), release[100..200]);

    // Only the asset's owner or an admin attaches and removes; others read.
    let editor = server.user("ed@example.com", "editor").await;
    expect_error(
        attach_raw(&server, &editor, id, "x.txt", b"x").await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(
        server.get_json(&editor, &path).await["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let removing = server
        .req(&editor, Method::DELETE, &file)
        .send()
        .await
        .unwrap();
    expect_error(removing, 403, "forbidden").await;
    let unknown = uuid::Uuid::nil().to_string();
    expect_error(
        attach_raw(&server, &admin, &unknown, "x", b"x").await,
        404,
        "not_found",
    )
    .await;
    let nameless = server
        .admin(Method::POST, &path)
        .body("x")
        .send()
        .await
        .unwrap();
    expect_error(nameless, 400, "bad_request").await;

    let removed = server.admin(Method::DELETE, &file).send().await.unwrap();
    assert_eq!(removed.status(), 204);
    expect_error(
        server.admin(Method::GET, &file).send().await.unwrap(),
        404,
        "not_found",
    )
    .await;

    // Deleting the asset deletes its attachments' files.
    let deleted = server
        .admin(Method::DELETE, &format!("/api/v1/assets/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let kept: Vec<_> = files_in(&server.data_dir())
        .into_iter()
        .filter(|p| std::fs::read(p).is_ok_and(|b| b == b"LUT 3D"))
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
}

#[tokio::test]
async fn recipients_get_attachments_beside_their_asset_when_the_share_allows() {
    let server = TestServer::start().await;
    let admin = server.admin_token.clone();
    let a = server.upload(&admin, "a.txt", b"alpha".to_vec()).await;
    let b = server.upload(&admin, "b.txt", b"beta".to_vec()).await;
    let (a, b) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    json_of(
        attach_raw(&server, &admin, a, "release.pdf", b"signed release").await,
        201,
    )
    .await;
    json_of(
        attach_raw(&server, &admin, b, "release.pdf", b"second release").await,
        201,
    )
    .await;
    json_of(
        attach_raw(&server, &admin, b, "b.xmp", b"<xmp/>").await,
        201,
    )
    .await;

    let options = json!({"original": true, "attachments": true});
    let share = server
        .admin_share(json!({"title": "With forms", "assetIds": [a, b], "downloadOptions": options}))
        .await;
    let offered = manifest(&server, &share).await;
    let first: &Value = &offered["assets"][0];
    assert_eq!(first["attachments"][0]["name"], "release.pdf");
    let url = first["attachments"][0]["url"].as_str().unwrap();
    let got = fetch(&server, url).await;
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.unwrap(), b"signed release".as_slice());

    // The landing page offers them.
    let page = fetch(&server, &link_path(&share))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Attachment “b.xmp”"), "{page}");

    // In the zip, each beside its asset; the announced length is exact.
    let zip = fetch(&server, &format!("{}/download.zip", link_path(&share))).await;
    let announced: usize = zip.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = zip.bytes().await.unwrap();
    assert_eq!(bytes.len(), announced);
    let entries = zip_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["a.txt", "release.pdf", "b.txt", "release (2).pdf", "b.xmp"]
    );
    assert_eq!(entries[3].1, b"second release");
    let only = fetch(
        &server,
        &format!("{}/download.zip?variants=attachments", link_path(&share)),
    )
    .await;
    assert_eq!(zip_entries(&only.bytes().await.unwrap()).len(), 3);

    // A share without the option offers none: not listed, not served, not zipped.
    let plain = server
        .admin_share(json!({"title": "Plain", "assetIds": [a, b]}))
        .await;
    let listed = manifest(&server, &plain).await;
    assert_eq!(listed["assets"][0]["attachments"], json!([]));
    let id = first["attachments"][0]["id"].as_str().unwrap();
    let direct = fetch(
        &server,
        &format!("{}/assets/{a}/attachments/{id}", link_path(&plain)),
    )
    .await;
    expect_error(direct, 403, "forbidden").await;
    let zip = fetch(&server, &format!("{}/download.zip", link_path(&plain))).await;
    assert_eq!(zip_entries(&zip.bytes().await.unwrap()).len(), 2);
    let refused = fetch(
        &server,
        &format!("{}/download.zip?variants=attachments", link_path(&plain)),
    )
    .await;
    expect_error(refused, 403, "forbidden").await;
}
