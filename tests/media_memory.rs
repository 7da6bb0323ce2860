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
    start(
        &["serve", "--config", config.to_str().unwrap()],
        dir.path(),
        &[],
    )
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
