//! The clients and clocks: curl downloads, wrk runs, timed shell commands, test files.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// What one curl download got: the answer's status and type, its size and how long it took.
pub struct Fetched {
    pub status: u16,
    pub content_type: String,
    pub bytes: f64,
    pub seconds: f64,
}

impl Fetched {
    /// A 200 answer of the given type (an error page or a redirect is not the file).
    pub fn is(&self, content_type: &str) -> bool {
        self.status == 200 && self.content_type.starts_with(content_type)
    }

    pub fn describe(&self) -> String {
        format!(
            "HTTP {} {} of {:.0} bytes",
            self.status, self.content_type, self.bytes
        )
    }
}

/// Downloads a URL with curl to /dev/null; None when curl did not get an answer at all.
pub fn fetch(url: &str) -> Option<Fetched> {
    let output = Command::new("curl")
        .args([
            "-sk",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code} %{size_download} %{time_total} %{content_type}",
        ])
        .arg(url)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let mut parts = text.split_whitespace();
    let status = parts.next()?.parse().ok().filter(|&s| s > 0)?;
    Some(Fetched {
        status,
        bytes: parts.next()?.parse().ok()?,
        seconds: parts.next()?.parse().ok()?,
        content_type: parts.next().unwrap_or_default().to_string(),
    })
}

/// A download that must succeed with the given type.
pub fn download(url: &str, content_type: &str) -> Fetched {
    let fetched = fetch(url).unwrap_or_else(|| panic!("{url} did not answer"));
    assert!(fetched.is(content_type), "{url}: {}", fetched.describe());
    fetched
}

pub fn timed(command: &str) -> f64 {
    let started = Instant::now();
    let status = Command::new("sh").args(["-c", command]).status().unwrap();
    assert!(status.success(), "{command}");
    started.elapsed().as_secs_f64()
}

pub fn mb_s(bytes: f64, seconds: f64) -> f64 {
    bytes / seconds / 1e6
}

/// Writes `mib` MiB of incompressible bytes.
pub fn make_file(path: &Path, mib: usize, seed: u64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut state = seed.wrapping_mul(6364136223846793005) | 1;
    let mut block = vec![0u8; 1 << 20];
    for _ in 0..mib {
        for chunk in block.chunks_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
        }
        file.write_all(&block).unwrap();
    }
    file.flush().unwrap();
}

pub fn size_mib() -> usize {
    std::env::var("HANDOFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024)
}

/// The result lines, printed as they come and written to a file at the end.
#[derive(Default)]
pub struct Report {
    pub lines: Vec<String>,
}

impl Report {
    pub fn line(&mut self, line: String) {
        println!("{line}");
        self.lines.push(line);
    }
}
