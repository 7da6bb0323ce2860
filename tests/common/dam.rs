//! Helpers of the DAM tests (history, saved searches, attachments, contact sheets, domains).

use super::*;
use std::io::Read;

/// `method path` with a JSON body as `token`.
pub async fn send_json(
    server: &TestServer,
    token: &str,
    method: Method,
    path: &str,
    body: &Value,
) -> Response {
    server
        .req(token, method, path)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Changes an asset as `token`, expecting 200.
pub async fn patch_asset(server: &TestServer, token: &str, id: &str, body: Value) {
    let path = format!("/api/v1/assets/{id}");
    json_of(
        send_json(server, token, Method::PATCH, &path, &body).await,
        200,
    )
    .await;
}

/// The entries of a zip, in order, with their bytes.
pub fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().to_string(), data)
        })
        .collect()
}

/// The link's manifest, as a recipient without a cookie gets it.
pub async fn manifest(server: &TestServer, share: &Value) -> Value {
    let url = server.url(&format!("{}/manifest.json", link_path(share)));
    json_of(server.client.get(url).send().await.unwrap(), 200).await
}

/// The names of the assets the link shows now, sorted.
pub async fn shown(server: &TestServer, share: &Value) -> Vec<String> {
    let manifest = manifest(server, share).await;
    let mut names: Vec<String> = (manifest["assets"].as_array().unwrap().iter())
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}
