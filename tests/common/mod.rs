//! Test helpers: a real server on an ephemeral port with real TLS and a temp data folder,
//! and a real HTTP client. Each test reads as the user story it checks.
#![allow(dead_code)]

pub mod a11y;
pub mod browser;
pub mod dam;
pub mod derivatives;
pub mod dng;
pub mod garage;
pub mod mail;
pub mod pdf;
pub mod postgres;
pub mod process;
pub mod receiver;
pub mod requests;
pub mod scene;

use handoff::config::Config;
use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use tokio::net::TcpListener;

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "admin-password-1";

pub struct TestServer {
    pub base: String,
    pub client: Client,
    pub admin_token: String,
    pub dir: TempDir,
    pub redirect_base: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), String>>>,
}

pub fn client() -> Client {
    Client::builder()
        .danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn test_config(dir: &Path) -> Config {
    let mut config = Config::default();
    config.server.listen = "127.0.0.1:0".into();
    config.server.data_dir = dir.to_path_buf();
    config.admin.email = ADMIN_EMAIL.into();
    config.admin.password = Some(ADMIN_PASSWORD.into());
    // The reserve is the host's business, not the tests': they keep a small one (the tests
    // of the reserve itself set theirs).
    config.uploads.min_free_bytes = 64 << 20;
    config
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    /// Starts a server whose config `adjust` may change first.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = test_config(dir.path());
        adjust(&mut config);
        TestServer::start_in(dir, config).await
    }

    pub async fn start_in(dir: TempDir, config: Config) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        TestServer::serve(dir, config, listener).await
    }

    /// Stops the server and starts it again on the same data folder and address, as an
    /// admin restarting it would (clients see their connections end, then come back).
    pub async fn restart(self, pause: std::time::Duration) -> TestServer {
        let address = self.base.rsplit('/').next().unwrap().to_string();
        let mut config = test_config(self.dir.path());
        config.server.public_url = Some(self.base.clone());
        let dir = self.stop().await;
        tokio::time::sleep(pause).await;
        let listener = TcpListener::bind(&address).await.unwrap();
        TestServer::serve(dir, config, listener).await
    }

    async fn serve(dir: TempDir, mut config: Config, listener: TcpListener) -> TestServer {
        let address = listener.local_addr().unwrap();
        let scheme = if config.tls.enabled { "https" } else { "http" };
        let base = format!("{scheme}://{address}");
        if config.server.public_url.is_none() {
            config.server.public_url = Some(base.clone());
        }
        let redirect = match config.server.redirect_listen.is_some() {
            true => Some(TcpListener::bind("127.0.0.1:0").await.unwrap()),
            false => None,
        };
        let redirect_base = redirect
            .as_ref()
            .map(|l| format!("http://{}", l.local_addr().unwrap()));
        let state = open_when_free(config).await;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(handoff::run(state, listener, redirect, async move {
            let _ = stopped.await;
        }));
        let client = client();
        let mut server = TestServer {
            base,
            client,
            admin_token: String::new(),
            dir,
            redirect_base,
            stop: Some(stop),
            task: Some(task),
        };
        server.admin_token = server.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub async fn stop(mut self) -> TempDir {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
        std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap())
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "login of {email}");
        response.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// A request as the given bearer token.
    pub fn req(&self, token: &str, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
    }

    pub fn admin(&self, method: Method, path: &str) -> RequestBuilder {
        self.req(&self.admin_token, method, path)
    }

    /// GET `path` as `token`, expecting 200 and a JSON body.
    pub async fn get_json(&self, token: &str, path: &str) -> Value {
        json_of(
            self.req(token, Method::GET, path).send().await.unwrap(),
            200,
        )
        .await
    }

    /// POSTs `body` to `path` as the admin, expecting 201; returns what was made.
    pub async fn admin_create(&self, path: &str, body: Value) -> Value {
        let response = self.admin(Method::POST, path).json(&body).send();
        json_of(response.await.unwrap(), 201).await
    }

    /// Creates a user with `role` and returns a token of theirs.
    pub async fn user(&self, email: &str, role: &str) -> String {
        let password = "user-password-1";
        let response = self
            .admin(Method::POST, "/api/v1/users")
            .json(&json!({"email": email, "password": password, "role": role}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{}",
            response.text().await.unwrap()
        );
        self.login(email, password).await
    }

    /// Uploads `bytes` as `name` with a raw body; returns the asset JSON.
    pub async fn upload(&self, token: &str, name: &str, bytes: Vec<u8>) -> Value {
        let response = self
            .req(token, Method::POST, "/api/v1/assets")
            .query(&[("name", name)])
            .body(bytes)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{}",
            response.text().await.unwrap()
        );
        response.json().await.unwrap()
    }

    /// Creates a share as the admin (`POST /api/v1/shares`); returns its JSON.
    pub async fn admin_share(&self, body: Value) -> Value {
        let response = self
            .admin(Method::POST, "/api/v1/shares")
            .json(&body)
            .send()
            .await
            .unwrap();
        json_of(response, 201).await
    }
}

/// Opens the data folder, waiting while a stopped server's background tasks let go of it.
async fn open_when_free(config: Config) -> handoff::state::AppState {
    for _ in 0..100 {
        match handoff::open(config.clone()) {
            Ok((state, _)) => return state,
            Err(e) if e.contains("already open") => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await
            }
            Err(e) => panic!("{e}"),
        }
    }
    panic!("the data folder stayed in use");
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Asserts the status and the JSON error code of a response; returns the body.
pub async fn expect_error(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(
        response.status().as_u16(),
        status,
        "status of {}",
        response.url()
    );
    let body: Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    body
}

pub async fn json_of(response: Response, status: u16) -> Value {
    let code = response.status().as_u16();
    let text = response.text().await.unwrap();
    assert_eq!(code, status, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Polls `check` until it gives a value (for ten seconds at most), and returns it.
pub async fn wait_for<T>(mut check: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(value) = check() {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("timed out waiting");
}

/// Pseudo-random bytes that do not compress and differ per seed.
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// `bytes` as a streamed body without a length (chunked), in pieces of `piece` bytes.
pub fn chunked(bytes: &[u8], piece: usize) -> reqwest::Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(piece).map(|c| Ok(c.to_vec())).collect();
    reqwest::Body::wrap_stream(futures_util::stream::iter(chunks))
}

/// Files below `dir`, recursively.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(files_in(&path));
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Whether `program` is on PATH. When it is not, a bare `cargo test` skips the calling test with
/// a note, and under `HANDOFF_TEST_STRICT=1` (which `./test.sh` sets) the test fails instead,
/// naming `install`: a machine missing a component must not pass while testing less.
pub fn require(program: &str, install: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
        || unavailable(&format!("{program} is not installed"), install)
}

/// Skips (false, with a note) or, under `HANDOFF_TEST_STRICT=1`, fails the calling test for a
/// component that is missing or cannot run here; `install` is what would provide it.
pub fn unavailable(problem: &str, install: &str) -> bool {
    if std::env::var_os("HANDOFF_TEST_STRICT").is_some_and(|v| v == "1") {
        panic!("{problem}; install it with: {install} (./test.sh does)");
    }
    // Straight to stderr: the test harness would hide an eprintln! of a passing test.
    let note = format!("note: {problem}: skipping this test (install it with: {install})\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), note.as_bytes());
    false
}

/// The path part of a share's or recipient's URL: `/s/TOKEN`.
pub fn link_path(share: &Value) -> String {
    let url = share["url"].as_str().unwrap();
    url[url.find("/s/").unwrap()..].to_string()
}

/// Two handoff nodes on one database, both configured by `adjust`. Until the bytes live in S3
/// they share a data folder (as an NFS mount would): node A's.
pub async fn two_nodes(
    url: &str,
    adjust: impl Fn(&mut handoff::config::Config),
) -> (TestServer, TestServer) {
    let a = TestServer::start_with(|c| {
        c.database.url = url.to_string();
        adjust(c);
    })
    .await;
    let mut config = test_config(&a.data_dir());
    config.database.url = url.to_string();
    adjust(&mut config);
    let b = TestServer::start_in(tempfile::tempdir().unwrap(), config).await;
    (a, b)
}

/// The original of the link's one asset, as a fresh visitor gets it.
pub async fn download_original(server: &TestServer, link: &str, asset: &Value) -> Vec<u8> {
    let id = asset["id"].as_str().unwrap();
    let response = client()
        .get(server.url(&format!("{link}/assets/{id}/original?download=1")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

/// Runs `migrate` as the CLI does, off the async threads.
pub async fn migrate(
    source: &handoff::config::Config,
    target: &handoff::config::Config,
) -> Result<handoff::migrate::Copied, String> {
    let (source, target) = (source.clone(), target.clone());
    tokio::task::spawn_blocking(move || {
        handoff::migrate::migrate(&source, &target).map_err(|e| e.to_string())
    })
    .await
    .unwrap()
}
