//! Media jobs against the standard tools in the same run (SPEC §4): a 24 MP HEIC's thumbnail
//! and preview from one decode against `vipsthumbnail` making one of them (libvips reads HEIC
//! through the same libheif), and a 10 s 4K H.264 clip's proxy against plain ffmpeg with the
//! same encoder settings and no thread limit. The functions are the server's own, called
//! directly: the time is the job's, not an upload's.

use crate::measure::{timed, Report};
use handoff::derivatives::{ffmpeg_threads, PREVIEW_MAX, THUMBNAIL_MAX};
use handoff::media::{self, heif, video, Limits, OutputFormat, Rendition};
use std::path::Path;
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

/// A 6000×4000 photo-like picture (smooth gradients) as HEIC, through heif-enc.
fn heic_24mp(work: &Path) -> std::path::PathBuf {
    let png = work.join("24mp.png");
    image::RgbImage::from_fn(6000, 4000, |x, y| {
        image::Rgb([(x / 24) as u8, (y / 16) as u8, ((x + y) / 40) as u8])
    })
    .save(&png)
    .unwrap();
    let heic = work.join("24mp.heic");
    timed(&format!(
        "heif-enc -q 80 -o {} {}",
        heic.display(),
        png.display()
    ));
    std::fs::remove_file(png).unwrap();
    heic
}

/// handoff's HEIC job (decode with libheif, EXIF, thumbnail + preview from one decode) against
/// vipsthumbnail making the preview alone.
pub async fn heic(work: &Path, report: &mut Report) {
    if !have("heif-enc") || !have("heif-convert") {
        report.line("| HEIC 24 MP | skipped: apt-get install libheif-examples | | | |".into());
        return;
    }
    let heic = heic_24mp(work);
    let decoded = work.join("decoded.png");
    let renditions = [jpeg(THUMBNAIL_MAX, 80), jpeg(PREVIEW_MAX, 85)];
    let limits = Limits::default();
    let handoff = best_of(|| {
        heif::decode(&heic, &decoded, BUDGET).unwrap();
        let exif = heif::exif(&heic, false).unwrap();
        let made = media::render_many_turned(&decoded, &renditions, &limits, exif.turn);
        assert!(made.iter().all(Result::is_ok));
    });
    let decode_only = best_of(|| heif::decode(&heic, &decoded, BUDGET).unwrap());
    let (baseline, name) = match have("vipsthumbnail") {
        true => {
            let out = work.join("vips.jpg");
            let command = format!(
                "vipsthumbnail {} -s {PREVIEW_MAX} -o {}[Q=85]",
                heic.display(),
                out.display()
            );
            (best_of(|| _ = timed(&command)), "vipsthumbnail -s 500")
        }
        false => (decode_only, "heif-convert alone (no vipsthumbnail)"),
    };
    report.line(format!(
        "| HEIC 24 MP thumbnail {THUMBNAIL_MAX} + preview {PREVIEW_MAX} | {:.0} ms (of which heif-convert {:.0} ms) | {name} {:.0} ms | {:.2}× | |",
        handoff * 1e3,
        decode_only * 1e3,
        baseline * 1e3,
        handoff / baseline
    ));
    let _ = std::fs::remove_file(heic);
}

/// A 10 s 4K (3840×2160, 30 fps) H.264 clip with sound, 10-bit so that it needs a proxy.
fn clip_4k(work: &Path) -> std::path::PathBuf {
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
