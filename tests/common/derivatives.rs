//! Waiting for an asset's background derivatives, and looking at the images they made.

use super::TestServer;
use reqwest::Method;
use serde_json::Value;
use std::time::Duration;

/// The asset once none of its derivatives is pending any more.
pub async fn settled(server: &TestServer, id: &str) -> Value {
    for _ in 0..600 {
        let asset = server
            .get_json(&server.admin_token, &format!("/api/v1/assets/{id}"))
            .await;
        let pending = asset["derivatives"]
            .as_object()
            .unwrap()
            .values()
            .any(|d| d["state"] == "pending");
        if !pending {
            return asset;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("derivatives of {id} never settled");
}

/// The image at `path` (as the admin), decoded.
pub async fn image_at(server: &TestServer, path: &str) -> image::DynamicImage {
    let response = server.admin(Method::GET, path).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let bytes = response.bytes().await.unwrap();
    image::load_from_memory(&bytes).unwrap()
}

/// The width and height of the image at `path` (as the admin).
pub async fn dimensions(server: &TestServer, path: &str) -> (u32, u32) {
    let image = image_at(server, path).await;
    (image.width(), image.height())
}
