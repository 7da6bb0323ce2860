//! The server under test: the release binary as its own process, and the API calls the
//! scenarios make on it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_handoff");
const ADMIN: (&str, &str) = ("admin@example.com", "bench-password-1");

/// The folder cargo builds into (CARGO_TARGET_DIR, `build.target-dir` or the manifest's
/// `target/`): the one that holds the release binary's profile folder.
pub fn target_dir() -> PathBuf {
    let binary = Path::new(BIN);
    binary
        .parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("{BIN} is not inside a target folder"))
        .to_path_buf()
}

pub struct Server {
    child: Child,
    pub base: String,
    /// Where the server keeps its self-signed certificate (`cert.pem`, `key.pem`).
    pub tls_dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(dir: &Path, tls: bool) -> Server {
        Server::start_with(dir, tls, "")
    }

    /// A server whose configuration also has the TOML sections of `extra` (a `[database]` or
    /// a `[storage]`).
    pub fn start_with(dir: &Path, tls: bool, extra: &str) -> Server {
        std::fs::create_dir_all(dir).unwrap();
        let config = dir.join("handoff.toml");
        let data = dir.join("data");
        let text = format!(
            "[server]\nlisten = \"127.0.0.1:0\"\ndata_dir = \"{}\"\n[tls]\nenabled = {tls}\n[admin]\nemail = \"{}\"\npassword = \"{}\"\n[uploads]\nmax_bytes = 107374182400\n{extra}",
            data.display(),
            ADMIN.0,
            ADMIN.1
        );
        std::fs::write(&config, text).unwrap();
        let mut child = Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&config)
            .env("HANDOFF_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().unwrap().unwrap();
            if let Some(url) = line.strip_prefix("handoff listening on ") {
                break url.to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base,
            tls_dir: data.join("tls"),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak resident memory since the last reset, in MiB.
    pub fn peak_rss_mib(&self) -> f64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let kib: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0);
        kib / 1024.0
    }

    pub fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5");
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap()
}

/// A JSON answer of the API, which must be a success.
async fn json_of(request: reqwest::RequestBuilder) -> Value {
    let response = request.send().await.unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

pub async fn login(base: &str) -> String {
    let body = json_of(
        client()
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"email": ADMIN.0, "password": ADMIN.1})),
    )
    .await;
    body["token"].as_str().unwrap().to_string()
}

/// Uploads a file with curl (streamed from disk); returns the asset and the seconds taken.
pub fn upload(base: &str, token: &str, path: &Path, name: &str) -> (Value, f64) {
    let started = Instant::now();
    let output = Command::new("curl")
        .args([
            "-sk",
            "--fail",
            "-H",
            &format!("Authorization: Bearer {token}"),
            "-T",
        ])
        .arg(path)
        .arg(format!("{base}/api/v1/assets?name={name}"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "upload failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        started.elapsed().as_secs_f64(),
    )
}

/// Creates a share of `ids` (with `extra` settings); returns it as the API shows it.
pub async fn share_of(base: &str, token: &str, ids: &[Value], extra: Value) -> Value {
    let mut body = json!({"title": "bench", "assetIds": ids, "durationDays": 1});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json_of(
        client()
            .post(format!("{base}/api/v1/shares"))
            .bearer_auth(token)
            .json(&body),
    )
    .await
}

/// A share as the API shows it now (with its counters).
pub async fn share_now(base: &str, token: &str, share: &Value) -> Value {
    let id = share["id"].as_str().unwrap();
    json_of(
        client()
            .get(format!("{base}/api/v1/shares/{id}"))
            .bearer_auth(token),
    )
    .await
}

/// The link's manifest, as a recipient without a visit gets it (this starts a visit).
pub async fn manifest(link: &str) -> Value {
    json_of(client().get(format!("{link}/manifest.json"))).await
}

pub fn link_of(share: &Value) -> String {
    share["url"].as_str().unwrap().to_string()
}
