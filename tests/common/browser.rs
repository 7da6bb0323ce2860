//! Headless Chromium driven over WebDriver (chromedriver), for the UI tests: a driver on a
//! free port, browsers with a download folder, and small PNGs made here.

use super::{TestServer, ADMIN_EMAIL, ADMIN_PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One browser at a time: the machine is small and each test starts its own. An async lock,
/// held across the test's awaits (and not poisoned when a test fails).
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path).chain([
            PathBuf::from("/usr/bin"),
            PathBuf::from("/usr/lib/chromium"),
        ]) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// chromedriver on a free port, killed when dropped.
pub struct Driver {
    pub child: Child,
    pub url: String,
    pub http: reqwest::Client,
    pub chromium: Option<PathBuf>,
}

impl Driver {
    pub async fn start() -> Option<Driver> {
        if !super::require("chromedriver", "apt-get install chromium chromium-driver") {
            return None;
        }
        let program = find_program(&["chromedriver"])?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Its own process group, so that the browsers it starts go with it even when a test
        // fails before closing them (left running, they disturb benchmarks and later tests).
        use std::os::unix::process::CommandExt;
        let child = Command::new(program)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::new(),
            chromium: find_program(&["chromium", "chromium-browser"]),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = driver
                .http
                .get(format!("{}/status", driver.url))
                .send()
                .await
            {
                if r.status().is_success() {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not answer");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Some(driver)
    }

    /// A new browser with its own profile (a fresh context: no cookies, no storage).
    pub async fn browser(&self, downloads: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut options = json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--ignore-certificate-errors", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-GB", format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        });
        if let Some(binary) = &self.chromium {
            options["binary"] = json!(binary.display().to_string());
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "acceptInsecureCerts": true,
            "goog:chromeOptions": options,
        }}});
        let answer: Value = self
            .http
            .post(format!("{}/session", self.url))
            .json(&caps)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("a WebDriver session: {answer}"))
            .to_string();
        let browser = Browser {
            http: self.http.clone(),
            base: format!("{}/session/{session}", self.url),
            _profile: profile,
        };
        browser
            .cmd(
                Method::POST,
                "/timeouts",
                json!({"script": 30_000, "pageLoad": 30_000}),
            )
            .await
            .unwrap();
        // Downloads in headless Chromium go where we say.
        let _ = browser
            .cmd(
                Method::POST,
                "/chromium/send_command",
                json!({"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": downloads.display().to_string()}}),
            )
            .await;
        browser
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let killed = Command::new("kill").args(["-KILL", "--", &group]).status();
        if !killed.is_ok_and(|status| status.success()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
    pub _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn cmd(&self, method: Method, path: &str, body: Value) -> Result<Value, String> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if method != Method::GET && method != Method::DELETE {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let ok = response.status().is_success();
        let value: Value = response.json().await.map_err(|e| e.to_string())?;
        if ok {
            Ok(value["value"].clone())
        } else {
            Err(value["value"].to_string())
        }
    }

    pub async fn goto(&self, url: &str) {
        self.cmd(Method::POST, "/url", json!({ "url": url }))
            .await
            .unwrap();
    }

    pub async fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            Method::POST,
            "/execute/sync",
            json!({"script": script, "args": args}),
        )
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn js_async(&self, script: &str, args: Value) -> Value {
        self.cmd(
            Method::POST,
            "/execute/async",
            json!({"script": script, "args": args}),
        )
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn find(&self, css: &str) -> Result<String, String> {
        let v = self
            .cmd(
                Method::POST,
                "/element",
                json!({"using": "css selector", "value": css}),
            )
            .await?;
        Ok(v[ELEMENT].as_str().unwrap().to_string())
    }

    /// Waits until `css` matches a visible element; returns its id.
    pub async fn wait_for(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let visible = self
                .js(
                    "const e = document.querySelector(arguments[0]); return !!e && !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);",
                    json!([css]),
                )
                .await;
            if visible == json!(true) {
                return self.find(css).await.unwrap();
            }
            if Instant::now() > deadline {
                let url = self
                    .cmd(Method::GET, "/url", Value::Null)
                    .await
                    .unwrap_or_default();
                let text = self
                    .js(
                        "return document.body ? document.body.innerText.slice(0, 800) : ''",
                        json!([]),
                    )
                    .await;
                panic!("timed out waiting for {css} on {url}; the page says: {text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the script returns true.
    pub async fn wait_until(&self, what: &str, script: &str, args: Value) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.js(script, args.clone()).await != json!(true) {
            if Instant::now() >= deadline {
                let page = self.js("return document.body.innerText", json!([])).await;
                panic!("timed out waiting until {what}; the page says: {page}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Like `wait_until`, but says whether it happened instead of failing.
    pub async fn try_wait_until(&self, script: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if self.js(script, json!([])).await == json!(true) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        let id = self.wait_for(css).await;
        self.cmd(Method::POST, &format!("/element/{id}/click"), json!({}))
            .await
            .unwrap_or_else(|e| panic!("click on {css}: {e}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.wait_for(css).await;
        self.cmd(Method::POST, &format!("/element/{id}/clear"), json!({}))
            .await
            .unwrap();
        self.cmd(
            Method::POST,
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        )
        .await
        .unwrap();
    }

    pub async fn keys(&self, css: &str, keys: &str) {
        let id = self.find(css).await.unwrap();
        self.cmd(
            Method::POST,
            &format!("/element/{id}/value"),
            json!({ "text": keys }),
        )
        .await
        .unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await;
        self.js(
            "return document.querySelector(arguments[0]).innerText",
            json!([css]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    pub async fn count(&self, css: &str) -> usize {
        self.js(
            "return document.querySelectorAll(arguments[0]).length",
            json!([css]),
        )
        .await
        .as_u64()
        .unwrap() as usize
    }

    pub async fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        // Let lazy images and transitions settle.
        tokio::time::sleep(Duration::from_millis(350)).await;
        let png = self
            .cmd(Method::GET, "/screenshot", Value::Null)
            .await
            .unwrap();
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::write(dir.join(format!("{name}.png")), bytes).unwrap();
    }

    /// Fetches `url` from inside the page (its cookies, its origin): (status, length, first bytes).
    pub async fn fetch(&self, url: &str) -> (u64, u64, Vec<u8>, String) {
        let v = self
            .js_async(
                "const [url, done] = arguments;
                 fetch(url).then(async r => {
                   const b = new Uint8Array(await r.arrayBuffer());
                   done([r.status, b.length, Array.from(b.slice(0, 4)), r.headers.get('content-disposition') || '']);
                 }).catch(e => done([0, 0, [], String(e)]));",
                json!([url]),
            )
            .await;
        (
            v[0].as_u64().unwrap(),
            v[1].as_u64().unwrap(),
            v[2].as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_u64().unwrap() as u8)
                .collect(),
            v[3].as_str().unwrap_or_default().to_string(),
        )
    }

    pub async fn quit(self) {
        let _ = self.http.delete(&self.base).send().await;
    }
}

// ---------------------------------------------------------------- small PNGs

pub fn crc(kind: &[u8], data: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    h.finalize()
}

/// An RGB PNG with a diagonal gradient, stored (uncompressed) deflate: no encoder needed.
pub fn png(width: u32, height: u32, from: [u8; 3], to: [u8; 3]) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            let t = (x + y) as f32 / (width + height) as f32;
            for c in 0..3 {
                raw.push((from[c] as f32 + (to[c] as f32 - from[c] as f32) * t) as u8);
            }
        }
    }
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in chunks.iter().enumerate() {
        z.push(u8::from(i == chunks.len() - 1));
        let len = block.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + byte as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc(kind, data).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &z);
    chunk(b"IEND", &[]);
    out
}

pub async fn sign_in(browser: &Browser, server: &TestServer) {
    browser.goto(&server.url("/")).await;
    browser.wait_for("#sign-in input[type=email]").await;
    browser
        .type_into("#sign-in input[type=email]", ADMIN_EMAIL)
        .await;
    browser
        .type_into("#sign-in input[type=password]", ADMIN_PASSWORD)
        .await;
    browser.click("#sign-in button[type=submit]").await;
    browser.wait_for(".shell .sidebar").await;
}
