//! Video and audio, through `ffprobe` and `ffmpeg` when they are on PATH: metadata, a poster
//! frame, a waveform picture for audio, and a `proxy` a browser can play for what it cannot.
//! ffmpeg is the standard for reading every camera and broadcast format; it runs as a separate
//! process with a time budget (see [`tool::run`]).

use super::tool;
use super::MediaError;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// What ffprobe tells about a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AvInfo {
    /// `duration` (seconds), for video `width` and `height`, and `codec`.
    pub attributes: BTreeMap<String, String>,
    /// ffprobe's names of the container, e.g. `mov,mp4,m4a,3gp,3g2,mj2`.
    container: String,
    /// The first real video stream (not cover art): codec and pixel format.
    video: Option<(String, String)>,
    /// The first audio stream's codec.
    audio: Option<String>,
}

/// What a browser needs made to play a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proxy {
    /// H.264 (8-bit 4:2:0) and AAC in MP4 with faststart.
    Video,
    /// AAC in M4A.
    Audio,
}

impl Proxy {
    pub fn mime_type(self) -> &'static str {
        match self {
            Proxy::Video => "video/mp4",
            Proxy::Audio => "audio/mp4",
        }
    }
}

impl AvInfo {
    pub fn is_video(&self) -> bool {
        self.video.is_some()
    }

    /// The proxy this file needs: every video but 8-bit 4:2:0 H.264 in MP4/MOV and VP8/VP9/AV1
    /// in WebM/MP4; every audio but MP3, AAC, Opus, Vorbis, FLAC and PCM in WAV (SPEC §4).
    pub fn proxy(&self) -> Option<Proxy> {
        let in_container = |name: &str| self.container.split(',').any(|c| c == name);
        if let Some((codec, pixels)) = &self.video {
            let h264 = codec == "h264"
                && matches!(pixels.as_str(), "yuv420p" | "yuvj420p")
                && (in_container("mp4") || in_container("mov"));
            let web = matches!(codec.as_str(), "vp8" | "vp9" | "av1")
                && (in_container("webm") || in_container("mp4"));
            return (!h264 && !web).then_some(Proxy::Video);
        }
        let codec = self.audio.as_deref()?;
        let plays = matches!(codec, "mp3" | "aac" | "opus" | "vorbis" | "flac")
            || (codec.starts_with("pcm_") && in_container("wav"));
        (!plays).then_some(Proxy::Audio)
    }
}

/// Reads the file's streams and duration.
pub fn probe(path: &Path, budget: Duration) -> Result<AvInfo, MediaError> {
    let output = tool::run(
        Command::new("ffprobe")
            .args(["-v", "error", "-print_format", "json"])
            .args(["-show_format", "-show_streams"])
            .arg(path),
        budget,
    )?;
    let report: Value =
        serde_json::from_slice(&output).map_err(|e| MediaError::Corrupt(e.to_string()))?;
    Ok(read_report(&report))
}

/// ffprobe's JSON report as what we need of it.
fn read_report(report: &Value) -> AvInfo {
    let mut attributes = BTreeMap::new();
    if let Some(duration) = report["format"]["duration"]
        .as_str()
        .and_then(|d| d.parse::<f64>().ok())
    {
        attributes.insert("duration".into(), format!("{duration:.1}"));
    }
    let streams = report["streams"].as_array().cloned().unwrap_or_default();
    let text = |stream: &Value, key: &str| stream[key].as_str().unwrap_or_default().to_string();
    // Cover art of an audio file is a one-picture "video" stream.
    let video = streams
        .iter()
        .find(|s| s["codec_type"] == "video" && s["disposition"]["attached_pic"] != 1);
    let audio = streams.iter().find(|s| s["codec_type"] == "audio");
    if let Some(video) = video {
        if let (Some(w), Some(h)) = (video["width"].as_u64(), video["height"].as_u64()) {
            attributes.insert("width".into(), w.to_string());
            attributes.insert("height".into(), h.to_string());
        }
    }
    if let Some(codec) = video.or(audio).and_then(|s| s["codec_name"].as_str()) {
        attributes.insert("codec".into(), codec.into());
    }
    AvInfo {
        attributes,
        container: report["format"]["format_name"]
            .as_str()
            .unwrap_or_default()
            .into(),
        video: video.map(|v| (text(v, "codec_name"), text(v, "pix_fmt"))),
        audio: audio.map(|a| text(a, "codec_name")),
    }
}

/// Writes a PNG poster frame of a video (one second in, or the first frame of a shorter one).
pub fn poster_frame(path: &Path, out: &Path, budget: Duration) -> Result<(), MediaError> {
    for seek in ["1", "0"] {
        let made = tool::run(
            Command::new("ffmpeg")
                .args(["-v", "error", "-y", "-ss", seek, "-i"])
                .arg(path)
                .args(["-frames:v", "1", "-f", "image2", "-c:v", "png"])
                .arg(out),
            budget,
        );
        match made {
            Ok(_) if out.metadata().is_ok_and(|m| m.len() > 0) => return Ok(()),
            Err(e @ (MediaError::MissingTool(_) | MediaError::TimedOut(_))) => return Err(e),
            _ => {}
        }
    }
    Err(MediaError::Corrupt("no video frame could be read".into()))
}

/// Writes a PNG picture of an audio file's waveform.
pub fn waveform(path: &Path, out: &Path, budget: Duration) -> Result<(), MediaError> {
    tool::run(
        Command::new("ffmpeg")
            .args(["-v", "error", "-y", "-i"])
            .arg(path)
            .args(["-filter_complex", "showwavespic=s=1200x400:colors=0x2563eb"])
            .args(["-frames:v", "1", "-f", "image2", "-c:v", "png"])
            .arg(out),
        budget,
    )?;
    Ok(())
}

/// How large a proxy may be and how many threads its ffmpeg may use (its decoder, filters and
/// encoder each).
#[derive(Debug, Clone, Copy)]
pub struct ProxyLimits {
    pub max_height: u32,
    pub threads: u32,
}

/// Writes the browser-playable `proxy` of a file at `out`: video at most `max_height` lines,
/// with the PNG `overlay` (of the proxy's size, see [`proxy_size`]) laid over every frame;
/// the percent done goes to `progress` as it changes.
pub fn make_proxy(
    path: &Path,
    proxy: Proxy,
    ProxyLimits {
        max_height,
        threads,
    }: ProxyLimits,
    overlay: Option<&Path>,
    out: &Path,
    budget: Duration,
    progress: Progress,
) -> Result<(), MediaError> {
    let threads = threads.max(1).to_string();
    let mut command = Command::new("ffmpeg");
    command
        .args(["-v", "error", "-nostats", "-progress", "pipe:1", "-y"])
        .args([
            "-filter_threads",
            &threads,
            "-filter_complex_threads",
            &threads,
        ])
        .args(["-threads", &threads, "-i"])
        .arg(path);
    if let Some(overlay) = overlay {
        command.arg("-i").arg(overlay);
    }
    // After the inputs, -threads is the encoders' (x264 would take 1.5 threads per core).
    command.args(["-threads", &threads]);
    match proxy {
        Proxy::Video => command
            .args([
                "-filter_complex",
                &video_filter(max_height, overlay.is_some()),
            ])
            .args(["-map", "[out]", "-map", "0:a:0?"])
            .args(["-c:v", "libx264", "-preset", "veryfast", "-crf", "23"])
            .args(["-pix_fmt", "yuv420p"]),
        Proxy::Audio => command.args(["-vn", "-map", "0:a:0"]),
    };
    command
        .args(["-c:a", "aac", "-b:a", "160k"])
        .args(["-movflags", "+faststart", "-f", "mp4"])
        .arg(out);
    let (duration, report) = progress;
    let mut last = None;
    tool::run_reporting(&mut command, budget, &mut |line| {
        let percent = duration.and_then(|d| percent_done(line, d));
        if percent.is_some() && percent != last {
            last = percent;
            report(percent.unwrap_or_default());
        }
    })
}

/// The file's length in seconds (when known) and where to report the percent done.
pub type Progress<'a> = (Option<f64>, &'a mut (dyn FnMut(u8) + Send));

/// The percent of a `duration`-second file done, from one of ffmpeg's `-progress` lines
/// (`out_time_us=…`); at most 99 until the file is complete.
fn percent_done(line: &str, duration: f64) -> Option<u8> {
    let done_us: f64 = line.strip_prefix("out_time_us=")?.trim().parse().ok()?;
    (duration > 0.0).then(|| (done_us / (duration * 1e6) * 100.0).clamp(0.0, 99.0) as u8)
}

pub fn proxy_size((width, height): (u32, u32), max_height: u32) -> (u32, u32) {
    let even = |side: u64| (side / 2 * 2).max(2) as u32;
    let lines = u64::from(height.min(max_height));
    let across = (u64::from(width) * lines).div_ceil(u64::from(height.max(1)));
    (even(across), even(lines))
}

/// Scales the first video stream to its proxy size, under the overlay (input 1) when there is one.
fn video_filter(max_height: u32, overlay: bool) -> String {
    let scale = format!("[0:v:0]scale=-2:2*trunc(min(ih\\,{max_height})/2)");
    match overlay {
        false => format!("{scale}[out]"),
        true => format!("{scale}[video];[video][1:v]overlay=0:0[out]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn info(container: &str, streams: Value) -> AvInfo {
        read_report(
            &json!({"format": {"format_name": container, "duration": "2.0"}, "streams": streams}),
        )
    }

    fn video(codec: &str, pixels: &str) -> Value {
        json!({"codec_type": "video", "codec_name": codec, "pix_fmt": pixels, "width": 320, "height": 240})
    }

    fn audio(codec: &str) -> Value {
        json!({"codec_type": "audio", "codec_name": codec})
    }

    const MP4: &str = "mov,mp4,m4a,3gp,3g2,mj2";

    #[test]
    fn browsers_play_h264_in_mp4_and_web_codecs_in_webm() {
        let plays = [
            info(MP4, json!([video("h264", "yuv420p"), audio("aac")])),
            info(
                "matroska,webm",
                json!([video("vp9", "yuv420p"), audio("opus")]),
            ),
            info(MP4, json!([video("av1", "yuv420p")])),
        ];
        for file in plays {
            assert_eq!(file.proxy(), None, "{file:?}");
        }
        let needs = [
            info(
                MP4,
                json!([video("prores", "yuv422p10le"), audio("pcm_s16le")]),
            ),
            info(MP4, json!([video("hevc", "yuv420p")])),
            info(MP4, json!([video("h264", "yuv422p10le")])),
            info("avi", json!([video("h264", "yuv420p")])),
            info("mpegts", json!([video("mpeg2video", "yuv420p")])),
            info("mxf", json!([video("dnxhd", "yuv422p")])),
        ];
        for file in needs {
            assert_eq!(file.proxy(), Some(Proxy::Video), "{file:?}");
        }
    }

    #[test]
    fn audio_gets_a_proxy_only_where_browsers_differ() {
        for (container, codec) in [
            ("mp3", "mp3"),
            ("flac", "flac"),
            ("ogg", "opus"),
            ("wav", "pcm_s16le"),
            (MP4, "aac"),
        ] {
            assert_eq!(
                info(container, json!([audio(codec)])).proxy(),
                None,
                "{codec}"
            );
        }
        for (container, codec) in [
            ("aiff", "pcm_s16be"),
            (MP4, "alac"),
            ("wav", "adpcm_ms"),
            ("asf", "wmav2"),
        ] {
            let file = info(container, json!([audio(codec)]));
            assert_eq!(file.proxy(), Some(Proxy::Audio), "{codec}");
        }
    }

    #[test]
    fn cover_art_does_not_make_audio_a_video() {
        let cover = json!({"codec_type": "video", "codec_name": "mjpeg", "disposition": {"attached_pic": 1}});
        let song = info("mp3", json!([audio("mp3"), cover]));
        assert!(!song.is_video());
        assert_eq!(song.attributes["codec"], "mp3");
        assert_eq!(song.proxy(), None);
    }

    #[test]
    fn proxies_keep_the_aspect_in_even_sides_and_never_grow() {
        assert_eq!(proxy_size((3840, 2160), 1080), (1920, 1080));
        assert_eq!(proxy_size((320, 240), 120), (160, 120));
        assert_eq!(proxy_size((320, 240), 1080), (320, 240));
        assert_eq!(proxy_size((1001, 563), 1080), (1000, 562));
        assert_eq!(proxy_size((1, 1), 1080), (2, 2));
    }

    #[test]
    fn progress_is_the_share_of_the_duration_done() {
        assert_eq!(percent_done("out_time_us=5000000", 20.0), Some(25));
        assert_eq!(percent_done("out_time_us=25000000", 20.0), Some(99));
        assert_eq!(percent_done("out_time_us=N/A", 20.0), None);
        assert_eq!(percent_done("frame=12", 20.0), None);
        assert_eq!(percent_done("out_time_us=5000000", 0.0), None);
    }

    #[test]
    fn attributes_carry_size_duration_and_codec() {
        let clip = info(MP4, json!([video("h264", "yuv420p")]));
        assert_eq!(clip.attributes["width"], "320");
        assert_eq!(clip.attributes["duration"], "2.0");
        assert_eq!(clip.attributes["codec"], "h264");
    }
}
