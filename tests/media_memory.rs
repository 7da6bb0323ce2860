//! The server's memory while it makes image derivatives, read from /proc of the real binary:
//! a job's peak stays within the decode budget however the pixels are stored, and memory
//! goes back to the system once a batch of large photos is done.

mod common;

use common::process::*;
use common::*;
use serde_json::Value;
use std::time::Duration;

const MIB: u64 = 1024 * 1024;
/// `Limits::default().max_alloc`: what one image job may hold.
const BUDGET: u64 = 512 * MIB;

/// A field of /proc/PID/status (VmRSS, VmHWM) in bytes.
fn status_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"));
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

/// Sets the process's peak RSS (VmHWM) back to its current RSS.
fn reset_peak(pid: u32) {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").unwrap();
}

async fn upload(base: &str, token: &str, name: &str, bytes: Vec<u8>) -> String {
    let response = client()
        .post(format!("{base}/api/v1/assets"))
        .bearer_auth(token)
        .query(&[("name", name)])
        .body(bytes)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let asset: Value = response.json().await.unwrap();
    asset["id"].as_str().unwrap().to_string()
}

/// The asset's derivatives once none is pending.
async fn settled(base: &str, token: &str, id: &str) -> Value {
    for _ in 0..1200 {
        let asset: Value = client()
            .get(format!("{base}/api/v1/assets/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let derivatives = asset["derivatives"].clone();
        if !derivatives
            .as_object()
            .unwrap()
            .values()
            .any(|d| d["state"] == "pending")
        {
            return derivatives;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("derivatives of {id} never settled");
}

fn png(image: image::DynamicImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn start_server(dir: &tempfile::TempDir, workers: usize) -> Running {
    let config = write_config(dir.path(), &format!("[media]\nworkers = {workers}\n"));
    start(
        &["serve", "--config", config.to_str().unwrap()],
        dir.path(),
        &[],
    )
}

/// The probe's file: 20000×20000 grey pixels in a 400 KB PNG passed the decode check as
/// "381 MiB", then took 1.6 GB once converted to RGB before shrinking.
#[tokio::test]
async fn a_huge_grey_png_stays_within_the_decode_budget() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(&dir, 1);
    let token = login(&server.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let bytes = png(image::DynamicImage::ImageLuma8(
        image::GrayImage::from_pixel(20_000, 20_000, image::Luma([128])),
    ));
    let pid = server.child.id();
    let before = status_bytes(pid, "VmRSS");
    reset_peak(pid);
    let id = upload(&server.base, &token, "grey.png", bytes).await;
    let derivatives = settled(&server.base, &token, &id).await;
    assert_eq!(derivatives["thumbnail"]["state"], "ready", "{derivatives}");
    let growth = status_bytes(pid, "VmHWM").saturating_sub(before);
    assert!(
        growth <= BUDGET,
        "peak RSS grew by {} MiB for one job, budget {} MiB",
        growth / MIB,
        BUDGET / MIB
    );
}

/// Five 24 MP photos, then idle: the server gives their buffers back.
#[tokio::test]
async fn memory_goes_back_after_a_batch_of_large_photos() {
    let dir = tempfile::tempdir().unwrap();
    // Two workers, as on this two-core machine: their buffers interleave in the heap.
    let server = start_server(&dir, 2);
    let token = login(&server.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let pid = server.child.id();
    let mut ids = Vec::new();
    for seed in 0..5u8 {
        let photo = image::RgbImage::from_fn(6000, 4000, |x, y| {
            image::Rgb([(x / 24) as u8 ^ seed, (y / 16) as u8, ((x + y) / 40) as u8])
        });
        let mut jpeg = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(photo)
            .write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .unwrap();
        ids.push(
            upload(
                &server.base,
                &token,
                &format!("photo{seed}.jpg"),
                jpeg.into_inner(),
            )
            .await,
        );
    }
    for id in &ids {
        let derivatives = settled(&server.base, &token, id).await;
        assert_eq!(derivatives["preview"]["state"], "ready", "{derivatives}");
    }
    let peak = status_bytes(pid, "VmHWM");
    let idle = wait_for_idle_rss(pid).await;
    assert!(
        idle < 64 * MIB,
        "idle RSS {} MiB after the batch (peak {} MiB)",
        idle / MIB,
        peak / MIB
    );
}

/// RSS once the workers have finished and trimmed (a second or so after the last job).
async fn wait_for_idle_rss(pid: u32) -> u64 {
    let mut rss = status_bytes(pid, "VmRSS");
    for _ in 0..50 {
        if rss < 64 * MIB {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        rss = status_bytes(pid, "VmRSS");
    }
    rss
}
