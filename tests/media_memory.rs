//! The server's memory while it makes image derivatives, read from /proc of the real binary:
//! a job's peak stays within the decode budget however the pixels are stored.

mod common;

use common::process::*;
use common::*;

const MIB: u64 = 1024 * 1024;
/// `[media] memory_budget_mb` in these tests: what one image job may hold.
const BUDGET: u64 = 256 * MIB;
/// What SPEC §4 allows beyond the budget per running job.
const SLACK: u64 = 64 * MIB;

fn png(image: image::DynamicImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn start_server(dir: &tempfile::TempDir) -> Running {
    let media = format!(
        "[media]\nworkers = 1\nmemory_budget_mb = {}\n",
        BUDGET / MIB
    );
    let config = write_config(dir.path(), &media);
    serve(dir.path(), &config)
}

/// As the probe's file (20000×20000 grey pixels in a 400 KB PNG passed the decode check as
/// "381 MiB", then took 1.6 GB once converted to RGB before shrinking), at the pixel limit:
/// 10000×10000 grey is 95 MiB decoded, and 381 MiB more as RGB.
#[tokio::test]
async fn a_huge_grey_png_stays_within_the_decode_budget() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_server(&dir);
    let token = login(&server.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let bytes = png(image::DynamicImage::ImageLuma8(
        image::GrayImage::from_pixel(10_000, 10_000, image::Luma([128])),
    ));
    let pid = server.child.id();
    let before = status_bytes(pid, "VmRSS");
    reset_peak(pid);
    let id = upload_file(&server.base, &token, "grey.png", bytes).await;
    let derivatives = settled_derivatives(&server.base, &token, &id).await;
    assert_eq!(derivatives["thumbnail"]["state"], "ready", "{derivatives}");
    let growth = status_bytes(pid, "VmHWM").saturating_sub(before);
    assert!(
        growth <= BUDGET + SLACK,
        "peak RSS grew by {} MiB for one job, budget {} MiB",
        growth / MIB,
        BUDGET / MIB
    );
}

/// A 24 MP photo's JPEG: 6000×4000 of smooth gradients, as a camera's sky and walls.
fn photo_24mp(seed: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(6000, 4000, |x, y| {
        image::Rgb([
            (x / 24 + seed * 40) as u8,
            (y / 16) as u8,
            ((x + y) / 40) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&picture)
        .unwrap();
    jpeg
}

/// The measurement: after five 24 MP photos the server kept 147 MB. Once the queue
/// is empty and the server has idled a moment, it holds less than SPEC's 64 MiB.
#[tokio::test]
async fn idle_memory_is_given_back_after_a_batch_of_large_photos() {
    const IDLE_MAX: u64 = 64 * MIB;
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), "");
    let server = serve(dir.path(), &config);
    let token = login(&server.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let pid = server.child.id();
    let at_start = status_bytes(pid, "VmRSS");
    let photos: Vec<Vec<u8>> = (0..5).map(photo_24mp).collect();
    let mut ids = Vec::new();
    for (i, photo) in photos.into_iter().enumerate() {
        ids.push(upload_file(&server.base, &token, &format!("IMG_{i}.jpg"), photo).await);
    }
    for id in &ids {
        let derivatives = settled_derivatives(&server.base, &token, id).await;
        assert_eq!(derivatives["preview"]["state"], "ready", "{derivatives}");
    }
    let peak = status_bytes(pid, "VmHWM");
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let idle = status_bytes(pid, "VmRSS");
    eprintln!(
        "RSS at start {} MiB, peak {} MiB, idle after the batch {} MiB ({} MiB anonymous, {} MiB of files: the binary)",
        at_start / MIB,
        peak / MIB,
        idle / MIB,
        status_bytes(pid, "RssAnon") / MIB,
        status_bytes(pid, "RssFile") / MIB
    );
    assert!(
        idle < IDLE_MAX,
        "idle RSS {} MiB after the batch",
        idle / MIB
    );
}
