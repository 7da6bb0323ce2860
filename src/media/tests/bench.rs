//! Timing against `vipsthumbnail` (libvips, libjpeg-turbo shrink-on-load).
//! Run with:
//! `cargo test --release media::tests::bench -- --ignored --nocapture`

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use image::{DynamicImage, ImageFormat};
use tempfile::tempdir;

use super::super::{render, render_many, Limits, OutputFormat, Rendition, Watermark};
use super::fixtures::{encoded, jpeg, photo, rendition, write};

const RUNS: usize = 5;
const THUMBNAIL: u32 = 256;
const PREVIEW: u32 = 1600;

fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .expect("at least one run")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One `vipsthumbnail` process per output, as a shell-out would do;
/// `None` when libvips-tools is not installed.
fn vips_thumbnail(source: &Path, size: u32, quality: u8) -> Option<Duration> {
    let out = source.with_extension(format!("vips{size}.jpg"));
    let run = || {
        Command::new("vipsthumbnail")
            .arg(source)
            .args(["-s", &size.to_string(), "-o"])
            .arg(format!("{}[Q={quality}]", out.display()))
            .status()
            .ok()
            .filter(|s| s.success())
    };
    run()?; // warm-up, and proof that it works
    Some(best_of(RUNS, || {
        run();
    }))
}

fn report(what: &str, time: Duration) {
    println!("  {what:<56} {:7.1} ms", ms(time));
}

fn bench_file(label: &str, path: &Path) {
    let limits = Limits::default();
    let thumb = Rendition {
        quality: 80,
        ..rendition(THUMBNAIL, OutputFormat::Jpeg)
    };
    let preview = rendition(PREVIEW, OutputFormat::Jpeg);
    let watermarked = Rendition {
        watermark: Some(Watermark::Text {
            text: "handoff · confidential".into(),
            opacity: 0.5,
        }),
        ..preview.clone()
    };
    let pair = [thumb.clone(), preview.clone()];
    let trio = [thumb.clone(), preview.clone(), watermarked];
    assert!(render_many(path, &trio, &limits).iter().all(Result::is_ok));

    let both = best_of(RUNS, || drop(render_many(path, &pair, &limits)));
    println!("{label}");
    report(
        &format!("handoff render_many(thumb {THUMBNAIL} + preview {PREVIEW})"),
        both,
    );
    report(
        "handoff render_many(+ watermarked preview, one decode)",
        best_of(RUNS, || drop(render_many(path, &trio, &limits))),
    );
    report(
        &format!("handoff render(thumb {THUMBNAIL})"),
        best_of(RUNS, || drop(render(path, &thumb, &limits))),
    );
    report(
        &format!("handoff render(preview {PREVIEW})"),
        best_of(RUNS, || drop(render(path, &preview, &limits))),
    );
    match (
        vips_thumbnail(path, THUMBNAIL, 80),
        vips_thumbnail(path, PREVIEW, 85),
    ) {
        (Some(vips_thumb), Some(vips_preview)) => {
            report(
                &format!("vipsthumbnail -s {THUMBNAIL} (own process)"),
                vips_thumb,
            );
            report(
                &format!("vipsthumbnail -s {PREVIEW} (own process)"),
                vips_preview,
            );
            let ratio = both.as_secs_f64() / (vips_thumb + vips_preview).as_secs_f64();
            println!("  ratio handoff / vips for thumb + preview: {ratio:.2}×");
        }
        _ => println!("  vipsthumbnail not available (apt-get install libvips-tools)"),
    }
}

#[test]
#[ignore = "benchmark; run in release with --ignored --nocapture"]
fn bench_against_vipsthumbnail() {
    let dir = tempdir().unwrap();
    let big = photo(6000, 4000);
    let jpeg_bytes = jpeg(&big, 88);
    let jpeg_path = write(&dir, "24mp.jpg", &jpeg_bytes);
    let png_path = write(
        &dir,
        "12mp.png",
        &encoded(
            &DynamicImage::ImageRgb8(photo(4000, 3000)),
            ImageFormat::Png,
        ),
    );
    drop(big);

    bench_file(
        &format!("6000×4000 JPEG q88 4:2:0, {} KiB", jpeg_bytes.len() / 1024),
        &jpeg_path,
    );
    bench_file("4000×3000 PNG", &png_path);
}
