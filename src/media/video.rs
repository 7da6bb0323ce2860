//! Video and audio, through `ffprobe` and `ffmpeg` when they are on PATH. Both are optional:
//! without them, video and audio files simply get no derivatives and a generic icon.

use super::MediaError;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Whether `ffprobe` (metadata) and `ffmpeg` (poster frames) can be used.
pub fn tools() -> (bool, bool) {
    (
        super::tool::available("ffprobe", "-version"),
        super::tool::available("ffmpeg", "-version"),
    )
}

/// Duration (seconds), and for video width and height, as attributes.
pub fn probe(path: &Path) -> Result<BTreeMap<String, String>, MediaError> {
    let output = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
        ])
        .arg(path)
        .output()
        .map_err(|e| MediaError::Io(e.to_string()))?;
    if !output.status.success() {
        return Err(MediaError::Corrupt(
            String::from_utf8_lossy(&output.stderr)
                .trim()
                .chars()
                .take(200)
                .collect(),
        ));
    }
    let info: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| MediaError::Corrupt(e.to_string()))?;
    let mut attributes = BTreeMap::new();
    if let Some(duration) = info["format"]["duration"]
        .as_str()
        .and_then(|d| d.parse::<f64>().ok())
    {
        attributes.insert("duration".into(), format!("{duration:.1}"));
    }
    let streams = info["streams"].as_array().cloned().unwrap_or_default();
    if let Some(video) = streams.iter().find(|s| s["codec_type"] == "video") {
        if let (Some(w), Some(h)) = (video["width"].as_u64(), video["height"].as_u64()) {
            attributes.insert("width".into(), w.to_string());
            attributes.insert("height".into(), h.to_string());
        }
        if let Some(codec) = video["codec_name"].as_str() {
            attributes.insert("codec".into(), codec.into());
        }
    } else if let Some(audio) = streams.iter().find(|s| s["codec_type"] == "audio") {
        if let Some(codec) = audio["codec_name"].as_str() {
            attributes.insert("codec".into(), codec.into());
        }
    }
    Ok(attributes)
}

/// Writes a PNG poster frame of a video (one second in, or the first frame of a shorter one).
pub fn poster_frame(path: &Path, out: &Path) -> Result<(), MediaError> {
    for seek in ["1", "0"] {
        let status = Command::new("ffmpeg")
            .args(["-v", "error", "-y", "-ss", seek, "-i"])
            .arg(path)
            .args(["-frames:v", "1", "-f", "image2", "-c:v", "png"])
            .arg(out)
            .status()
            .map_err(|e| MediaError::Io(e.to_string()))?;
        if status.success() && out.metadata().is_ok_and(|m| m.len() > 0) {
            return Ok(());
        }
    }
    Err(MediaError::Corrupt("no video frame could be read".into()))
}
