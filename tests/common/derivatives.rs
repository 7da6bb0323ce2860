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

/// The colour most (nine tenths) of the image has.
pub fn mostly(image: &image::DynamicImage, colour: [u8; 3]) -> bool {
    let rgb = image.to_rgb8();
    let close = rgb
        .pixels()
        .filter(|p| p.0.iter().zip(colour).all(|(a, b)| a.abs_diff(b) < 40))
        .count();
    close * 10 > rgb.pixels().count() * 9
}

/// Whether `marked` shows a mark over `plain`: more than 1% of its pixels clearly differ.
pub fn shows_a_mark(plain: &image::RgbImage, marked: &image::RgbImage) -> bool {
    assert_eq!(plain.dimensions(), marked.dimensions());
    let differing = plain
        .pixels()
        .zip(marked.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 24))
        .count();
    differing > plain.pixels().count() / 100
}

/// Uploads a file and waits for its derivatives; returns the asset's id.
pub async fn uploaded(server: &TestServer, name: &str, bytes: Vec<u8>) -> String {
    let asset = server.upload(&server.admin_token, name, bytes).await;
    let id = asset["id"].as_str().unwrap().to_string();
    settled(server, &id).await;
    id
}

/// The HTML of a link's landing page, within the visit `cookie` (if any).
pub async fn landing_page(server: &TestServer, link: &str, cookie: &str) -> String {
    let mut request = server.client.get(server.url(link));
    if !cookie.is_empty() {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap().text().await.unwrap()
}

/// Makes a file with ffmpeg from its test sources: `inputs` are lavfi sources, `codec` the
/// arguments that encode them.
pub fn ffmpeg_made(dir: &std::path::Path, name: &str, inputs: &[&str], codec: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let mut command = std::process::Command::new("ffmpeg");
    command.args(["-v", "error", "-y"]);
    for input in inputs {
        command.args(["-f", "lavfi", "-i", input]);
    }
    let made = command
        .args(["-t", "2"])
        .args(codec)
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success(), "ffmpeg makes {name}");
    std::fs::read(&path).unwrap()
}
