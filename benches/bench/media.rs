//! Media jobs against the standard tools in the same run (SPEC §4): a 24 MP JPEG's and a 24 MP
//! HEIC's thumbnail and preview from one decode against Pillow (pillow-heif for HEIC) and
//! `vipsthumbnail` making one of them, and a 10 s 4K H.264 clip's proxy against plain ffmpeg
//! with the same encoder settings and no thread limit. The functions are the server's own,
//! called directly: the time is the job's, not an upload's.

use crate::measure::{timed, Report};
use crate::pillow;
use handoff::derivatives::{ffmpeg_threads, PREVIEW_MAX, THUMBNAIL_MAX};
use handoff::media::{self, heif, video, Limits, OutputFormat, Rendition};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 3;
const BUDGET: Duration = Duration::from_secs(600);

fn best_of(mut work: impl FnMut()) -> f64 {
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success())
}

fn jpeg(max: u32, quality: u8) -> Rendition {
    Rendition {
        max,
        format: OutputFormat::Jpeg,
        quality,
        watermark: None,
    }
}

/// The server's two renditions of every image: thumbnail and preview.
fn renditions() -> [Rendition; 2] {
    [jpeg(THUMBNAIL_MAX, 80), jpeg(PREVIEW_MAX, 85)]
}

/// A 6000×4000 photo-like picture: gradients, a texture and per-pixel grain, so that the
/// JPEG's entropy-coded data is as dense as a camera's (a smooth gradient decodes too fast).
fn photo_24mp() -> image::RgbImage {
    let mut noise = 0x2545_F491_u32;
    image::RgbImage::from_fn(6000, 4000, |x, y| {
        noise ^= noise << 13;
        noise ^= noise >> 17;
        noise ^= noise << 5;
        let wave = |v: u32, period: u32| (v % period).abs_diff(period / 2) as f32 / period as f32;
        let texture = (wave(x, 90) - 0.25) * (wave(y, 126) - 0.25) * 400.0;
        let grain = (noise % 13) as f32 - 6.0;
        let channel = |v: f32| (v + grain).clamp(0.0, 255.0) as u8;
        let (fx, fy) = (x as f32 / 6000.0, y as f32 / 4000.0);
        image::Rgb([
            channel(40.0 + 170.0 * fx + texture),
            channel(40.0 + 170.0 * fy - texture),
            channel(200.0 - 120.0 * fx),
        ])
    })
}

/// The photo as a camera writes it: baseline JPEG, quality 88, 4:2:0.
fn jpeg_24mp(work: &Path) -> PathBuf {
    let photo = photo_24mp();
    let path = work.join("24mp.jpg");
    jpeg_encoder::Encoder::new_file(&path, 88)
        .unwrap()
        .encode(photo.as_raw(), 6000, 4000, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    path
}

/// The photo as HEIC, through heif-enc.
fn heic_24mp(work: &Path) -> PathBuf {
    let png = work.join("24mp.png");
    photo_24mp().save(&png).unwrap();
    let heic = work.join("24mp.heic");
    timed(&format!(
        "heif-enc -q 80 -o {} {}",
        heic.display(),
        png.display()
    ));
    std::fs::remove_file(png).unwrap();
    heic
}

/// `vipsthumbnail` making the preview alone, its own process as a shell-out would run it
/// (libjpeg-turbo shrink-on-load for JPEG, libheif for HEIC); None when not installed.
fn vipsthumbnail(source: &Path, work: &Path) -> Option<f64> {
    if !have("vipsthumbnail") {
        return None;
    }
    let out = work.join("vips.jpg");
    let command = format!(
        "vipsthumbnail {} -s {PREVIEW_MAX} -o {}[Q=85]",
        source.display(),
        out.display()
    );
    timed(&command);
    Some(best_of(|| _ = timed(&command)))
}

/// The baseline and ratio cells: Pillow's and vipsthumbnail's times, handoff's time over each.
fn baselines(handoff: f64, pillow: &Result<pillow::Timed, String>, vips: Option<f64>) -> String {
    let (pillow, pillow_ratio) = match pillow {
        Ok(p) => (
            format!(
                "{} thumbnail({PREVIEW_MAX}) {:.0} ms",
                p.name,
                p.seconds * 1e3
            ),
            format!("**{:.2}×** Pillow", handoff / p.seconds),
        ),
        Err(why) => (format!("Pillow skipped: {why}"), String::new()),
    };
    let (vips, vips_ratio) = match vips {
        Some(v) => (
            format!(
                "vipsthumbnail -s {PREVIEW_MAX} (own process) {:.0} ms",
                v * 1e3
            ),
            format!("{:.2}× vipsthumbnail", handoff / v),
        ),
        None => (
            "vipsthumbnail skipped: apt-get install libvips-tools".into(),
            String::new(),
        ),
    };
    format!("{pillow}; {vips} | {pillow_ratio} {vips_ratio}")
}

/// handoff's JPEG job (thumbnail + preview from one decode, at the DCT scale the preview
/// needs) against Pillow and vipsthumbnail making the preview alone.
pub async fn jpeg_scenario(work: &Path, report: &mut Report) {
    let photo = jpeg_24mp(work);
    let limits = Limits::default();
    let renditions = renditions();
    let made = media::render_many(&photo, &renditions, &limits);
    assert!(made.iter().all(Result::is_ok), "{made:?}");
    let handoff = best_of(|| drop(media::render_many(&photo, &renditions, &limits)));
    let pillow = pillow::thumbnail("jpeg", &photo, PREVIEW_MAX, RUNS);
    let vips = vipsthumbnail(&photo, work);
    report.line(format!(
        "| JPEG 24 MP ({} KiB) thumbnail {THUMBNAIL_MAX} + preview {PREVIEW_MAX} | {:.0} ms | {} | |",
        std::fs::metadata(&photo).map_or(0, |m| m.len() / 1024),
        handoff * 1e3,
        baselines(handoff, &pillow, vips)
    ));
    let _ = std::fs::remove_file(photo);
}

/// handoff's HEIC job (decode with libheif's heif-convert, EXIF, thumbnail + preview from one
/// decode) against Pillow with pillow-heif and vipsthumbnail making the preview alone.
pub async fn heic(work: &Path, report: &mut Report) {
    if !have("heif-enc") || !have("heif-convert") {
        report.line("| HEIC 24 MP | skipped: apt-get install libheif-examples | | | |".into());
        return;
    }
    let heic = heic_24mp(work);
    let scratch = work.join("decoded");
    let renditions = renditions();
    let limits = Limits::default();
    let mut decoded = PathBuf::new();
    let handoff = best_of(|| {
        decoded = heif::decode(&heic, &scratch, BUDGET).unwrap();
        let exif = heif::exif(&heic, false).unwrap();
        let made = media::render_many_turned(&decoded, &renditions, &limits, exif.turn);
        assert!(made.iter().all(Result::is_ok));
    });
    let decode_only = best_of(|| _ = heif::decode(&heic, &scratch, BUDGET).unwrap());
    let pillow = pillow::thumbnail("heic", &heic, PREVIEW_MAX, RUNS);
    let vips = vipsthumbnail(&heic, work);
    report.line(format!(
        "| HEIC 24 MP thumbnail {THUMBNAIL_MAX} + preview {PREVIEW_MAX} | {:.0} ms (of which heif-convert {:.0} ms) | {} | |",
        handoff * 1e3,
        decode_only * 1e3,
        baselines(handoff, &pillow, vips)
    ));
    let _ = std::fs::remove_file(heic);
    let _ = std::fs::remove_file(decoded);
}

/// A 10 s 4K (3840×2160, 30 fps) H.264 clip with sound, 10-bit so that it needs a proxy.
fn clip_4k(work: &Path) -> PathBuf {
    let clip = work.join("4k.mkv");
    timed(&format!(
        "ffmpeg -v error -y -f lavfi -i testsrc2=size=3840x2160:rate=30 -f lavfi -i sine=frequency=440 \
         -t 10 -c:v libx264 -preset ultrafast -pix_fmt yuv420p10le -c:a aac {}",
        clip.display()
    ));
    clip
}

/// handoff's proxy job against plain ffmpeg making the same proxy with every core.
pub async fn proxy(work: &Path, report: &mut Report) {
    if !have("ffmpeg") {
        report.line("| 4K proxy | skipped: apt-get install ffmpeg | | | |".into());
        return;
    }
    let clip = clip_4k(work);
    let out = work.join("proxy.mp4");
    let threads = ffmpeg_threads(0);
    let limits = video::ProxyLimits {
        max_height: 1080,
        threads,
    };
    let handoff = best_of(|| {
        let mut report = |_percent: u8| {};
        let progress = (Some(10.0), &mut report as &mut (dyn FnMut(u8) + Send));
        video::make_proxy(
            &clip,
            video::Proxy::Video,
            limits,
            None,
            &out,
            BUDGET,
            progress,
        )
        .unwrap();
    });
    let plain = format!(
        "ffmpeg -v error -y -i {} -vf scale=-2:1080 -c:v libx264 -preset veryfast -crf 23 \
         -pix_fmt yuv420p -c:a aac -b:a 160k -movflags +faststart -f mp4 {}",
        clip.display(),
        out.display()
    );
    let ffmpeg = best_of(|| _ = timed(&plain));
    report.line(format!(
        "| 10 s 4K H.264 → 1080p proxy ({threads} ffmpeg threads, nice 10) | {handoff:.1} s ({}) | plain ffmpeg {ffmpeg:.1} s | {:.2}× | |",
        match handoff < 10.0 {
            true => "under its duration",
            false => "over its duration",
        },
        handoff / ffmpeg
    ));
    let _ = std::fs::remove_file(clip);
    let _ = std::fs::remove_file(out);
}
