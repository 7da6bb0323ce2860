//! Pillow (and pillow-heif for HEIC) as the media baseline SPEC §4 names: `Image.thumbnail`
//! of one box, as a Python service would make a preview. Pillow's thumbnail decodes JPEGs
//! through libjpeg-turbo at a reduced DCT scale (`draft`, 1/2 to 1/8) before it resizes.
//!
//! The Python is the bench venv's (`~/.cache/handoff-bench-venv`, or `HANDOFF_BENCH_PYTHON`);
//! the time is measured inside Python around open → thumbnail → JPEG save, best of `runs`
//! after one warm-up, so the interpreter's start and imports are not counted.

use std::path::{Path, PathBuf};
use std::process::Command;

/// How to install what the baseline needs, said when it is missing.
pub const INSTALL: &str = "python3 -m venv ~/.cache/handoff-bench-venv && \
    ~/.cache/handoff-bench-venv/bin/pip install pillow pillow-heif";

const SCRIPT: &str = r#"
import io, sys, time
from PIL import Image, features
kind, path, size, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
name = "Pillow " + Image.__version__
if kind == "heic":
    import pillow_heif
    pillow_heif.register_heif_opener()
    name += ", pillow-heif %s (libheif %s)" % (pillow_heif.__version__, pillow_heif.libheif_version())
else:
    name += " (libjpeg-turbo %s)" % features.version("libjpeg_turbo")
def once():
    started = time.perf_counter()
    with Image.open(path) as im:
        im.thumbnail((size, size))
        im.convert("RGB").save(io.BytesIO(), "JPEG", quality=85)
    return time.perf_counter() - started
once()
print("%.6f\t%s" % (min(once() for _ in range(runs)), name))
"#;

fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("HANDOFF_BENCH_PYTHON") {
        return python.into();
    }
    let venv = std::env::var_os("HOME")
        .map(|home| Path::new(&home).join(".cache/handoff-bench-venv/bin/python"));
    venv.filter(|p| p.exists())
        .unwrap_or_else(|| "python3".into())
}

/// What one baseline run took.
pub struct Timed {
    pub seconds: f64,
    /// Pillow's version and its decoder's, as the report names them.
    pub name: String,
}

/// Pillow's `thumbnail((size, size))` of `path` ("jpeg" or "heic"), or why it could not run.
pub fn thumbnail(kind: &str, path: &Path, size: u32, runs: usize) -> Result<Timed, String> {
    let output = Command::new(python())
        .args(["-c", SCRIPT, kind])
        .arg(path)
        .args([size.to_string(), runs.to_string()])
        .output()
        .map_err(|e| format!("no Python ({e}): {INSTALL}"))?;
    let said = String::from_utf8_lossy(&output.stdout);
    let parsed = said.trim().split_once('\t').and_then(|(seconds, name)| {
        Some(Timed {
            seconds: seconds.parse().ok()?,
            name: name.to_string(),
        })
    });
    match (output.status.success(), parsed) {
        (true, Some(timed)) => Ok(timed),
        _ => {
            let error = String::from_utf8_lossy(&output.stderr);
            let last = error.trim().lines().next_back().unwrap_or("no output");
            Err(format!("Pillow did not run ({last}): {INSTALL}"))
        }
    }
}
