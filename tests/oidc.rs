//! SPEC §8, OpenID Connect sign-in against a real provider: `oidc-provider` (certified), run by
//! tests/oidc-provider/provider.mjs on loopback. The flow through an HTTP client and through
//! Chromium; roles mapped from the groups claim at every sign-in; a tampered state, a wrong
//! nonce, an expired ID token and one signed by another key are refused; a rotated ES256 key is
//! fetched when first seen.

mod common;

use common::browser::{Driver, SERIAL};
use common::*;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::Response;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const INSTALL: &str = "npm ci --prefix tests/oidc-provider";
const CLIENT_SECRET: &str = "a-client-secret-for-the-tests-only";

/// The provider process, stopped when dropped.
struct Provider {
    child: Child,
    issuer: String,
    http: reqwest::Client,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Provider {
    fn start() -> Option<Provider> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc-provider");
        if !require("node", "apt-get install nodejs npm") {
            return None;
        }
        if !dir.join("node_modules/oidc-provider").is_dir() {
            unavailable("oidc-provider is not installed", INSTALL);
            return None;
        }
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let issuer = lines
            .find_map(|line| line.ok()?.strip_prefix("listening ").map(str::to_string))
            .expect("the provider says where it listens");
        // Keep reading what it prints: a closed pipe would stop it at its next line.
        std::thread::spawn(move || lines.for_each(drop));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Some(Provider {
            child,
            issuer,
            http,
        })
    }

    async fn post(&self, path: &str, body: Value) {
        let url = format!("{}{path}", self.issuer);
        let answer = self.http.post(url).json(&body).send().await.unwrap();
        assert_eq!(answer.status(), 204);
    }

    async fn set_groups(&self, login: &str, groups: &[&str]) {
        self.post("/test/groups", json!({"sub": login, "groups": groups}))
            .await;
    }

    async fn set_mode(&self, mode: &str) {
        self.post("/test/mode", json!({"mode": mode})).await;
    }
}

/// A provider and a server that signs in through it.
async fn setup() -> Option<(Provider, TestServer)> {
    let provider = Provider::start()?;
    let issuer = provider.issuer.clone();
    let server = TestServer::start_with(|config| {
        config.oidc = Some(handoff::config::Oidc {
            issuer,
            client_id: "handoff".into(),
            client_secret: Some(CLIENT_SECRET.into()),
            admin_values: vec!["handoff-admins".into()],
            editor_values: vec!["handoff-editors".into()],
            button_label: "Sign in with Example ID".into(),
            ..handoff::config::Oidc::example()
        });
    })
    .await;
    let client = json!({"client_id": "handoff", "client_secret": CLIENT_SECRET, "redirect_uri": server.url("/auth/oidc/callback")});
    provider.post("/test/client", client).await;
    Some((provider, server))
}

/// Cookies by name, as a browser would keep them for one site.
#[derive(Default)]
struct Jar(Vec<(String, String)>);

impl Jar {
    fn absorb(&mut self, response: &Response) {
        for value in response.headers().get_all(SET_COOKIE) {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.0.retain(|(n, _)| n != name);
            self.0.push((name.to_string(), value.to_string()));
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn header(&self) -> String {
        let pairs: Vec<String> = self.0.iter().map(|(n, v)| format!("{n}={v}")).collect();
        pairs.join("; ")
    }
}

fn location(response: &Response) -> String {
    let location = response.headers()[LOCATION].to_str().unwrap();
    response.url().join(location).unwrap().to_string()
}

/// Through the provider as `login`, from `/auth/oidc/start` to the redirect back to the app;
/// returns the callback URL and the app's cookies (the flow cookie).
async fn through_provider(server: &TestServer, login: &str) -> (String, Jar) {
    let mut app = Jar::default();
    let start = server
        .client
        .get(server.url("/auth/oidc/start"))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 302);
    app.absorb(&start);
    let mut url = location(&start);
    let provider = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut jar = Jar::default();
    for _ in 0..10 {
        let response = provider
            .get(&url)
            .header(COOKIE, jar.header())
            .send()
            .await
            .unwrap();
        jar.absorb(&response);
        let response = if response.status() == 200 && url.contains("/interaction/") {
            // The provider's login form: any login and password sign in.
            let form = [
                ("prompt", "login"),
                ("login", login),
                ("password", "secret"),
            ];
            let posted = provider
                .post(&url)
                .header(COOKIE, jar.header())
                .form(&form)
                .send()
                .await
                .unwrap();
            jar.absorb(&posted);
            posted
        } else {
            response
        };
        assert!(
            response.status().is_redirection(),
            "{url}: {}",
            response.status()
        );
        url = location(&response);
        if url.starts_with(&server.base) {
            return (url, app);
        }
    }
    panic!("the provider never sent the browser back");
}

async fn callback(server: &TestServer, url: &str, app: &Jar) -> Response {
    server
        .client
        .get(url)
        .header(COOKIE, app.header())
        .send()
        .await
        .unwrap()
}

/// The whole flow; returns the session cookie's value.
async fn sign_in(server: &TestServer, login: &str) -> String {
    let (url, app) = through_provider(server, login).await;
    let answer = callback(server, &url, &app).await;
    assert_eq!(answer.status(), 303, "{}", answer.text().await.unwrap());
    assert_eq!(answer.headers()[LOCATION], "/");
    let mut cookies = Jar::default();
    cookies.absorb(&answer);
    cookies.get("handoff_session").unwrap().to_string()
}

async fn me(server: &TestServer, session: &str) -> Value {
    let answer = server
        .client
        .get(server.url("/api/v1/me"))
        .header(COOKIE, format!("handoff_session={session}"))
        .send()
        .await
        .unwrap();
    json_of(answer, 200).await
}

#[tokio::test]
async fn members_sign_in_through_the_provider_with_the_role_of_their_groups() {
    let Some((provider, server)) = setup().await else {
        return;
    };
    let branding = server.get_json("", "/api/v1/branding").await;
    assert_eq!(branding["ssoButtonLabel"], "Sign in with Example ID");

    provider
        .set_groups("alice", &["staff", "handoff-editors"])
        .await;
    let session = sign_in(&server, "alice").await;
    let alice = me(&server, &session).await;
    assert_eq!(alice["email"], "alice@example.com");
    assert_eq!(alice["displayName"], "Test alice");
    assert_eq!(alice["role"], "editor");
    assert_eq!(alice["local"], false);

    // The next sign-in brings the role up to date, on the same member.
    provider.set_groups("alice", &["handoff-admins"]).await;
    let session = sign_in(&server, "alice").await;
    let again = me(&server, &session).await;
    assert_eq!(
        (again["id"].clone(), again["role"].clone()),
        (alice["id"].clone(), json!("admin"))
    );
    provider.set_groups("alice", &[]).await;
    assert_eq!(
        me(&server, &sign_in(&server, "alice").await).await["role"],
        "viewer"
    );
    let users = server.get_json(&server.admin_token, "/api/v1/users").await;
    let alices = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["email"] == "alice@example.com");
    assert_eq!(alices.count(), 1);

    // An SSO member has no password to sign in with.
    let password = server
        .client
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({"email": "alice@example.com", "password": ""}))
        .send()
        .await
        .unwrap();
    expect_error(password, 401, "unauthenticated").await;
}

#[tokio::test]
async fn a_tampered_state_or_a_missing_flow_cookie_signs_no_one_in() {
    let Some((_provider, server)) = setup().await else {
        return;
    };
    let (url, app) = through_provider(&server, "mallory").await;
    let tampered = url.replace("state=", "state=x");
    let answer = callback(&server, &tampered, &app).await;
    assert!(answer
        .headers()
        .get(SET_COOKIE)
        .is_none_or(|c| !c.to_str().unwrap().starts_with("handoff_session=")));
    expect_error(answer, 400, "bad_request").await;
    let answer = callback(&server, &url, &Jar::default()).await;
    expect_error(answer, 400, "bad_request").await;
    // The untouched callback still works: the refusals used nothing up.
    let answer = callback(&server, &url, &app).await;
    assert_eq!(answer.status(), 303);
}

#[tokio::test]
async fn id_tokens_with_a_wrong_nonce_expired_or_signed_by_another_key_are_refused() {
    let Some((provider, server)) = setup().await else {
        return;
    };
    for (mode, says) in [
        ("wrong_nonce", "nonce"),
        ("expired", "xpired"),
        ("other_key", "ignature"),
    ] {
        provider.set_mode(mode).await;
        let (url, app) = through_provider(&server, "eve").await;
        let answer = callback(&server, &url, &app).await;
        let cookies = answer
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|c| c.to_str().unwrap().to_string())
            .collect::<Vec<_>>();
        assert!(
            !cookies.iter().any(|c| c.starts_with("handoff_session=")),
            "{mode}"
        );
        let body = expect_error(answer, 400, "bad_request").await;
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{mode}: {message}");
    }
    let users = server.get_json(&server.admin_token, "/api/v1/users").await;
    assert!(!users.to_string().contains("eve@example.com"));
}

#[tokio::test]
async fn a_rotated_es256_key_is_fetched_when_first_seen() {
    let Some((provider, server)) = setup().await else {
        return;
    };
    // First sign-in: discovery and the first (RS256) key are cached.
    sign_in(&server, "rita").await;
    // The provider rotates to a new ES256 key: the unseen key id makes the server refetch.
    provider.set_mode("rotate_es256").await;
    let session = sign_in(&server, "rita").await;
    assert_eq!(me(&server, &session).await["email"], "rita@example.com");
}

#[tokio::test]
async fn the_sso_button_signs_in_in_the_browser() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let Some((provider, server)) = setup().await else {
        return;
    };
    provider.set_groups("bob", &["handoff-editors"]).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = driver.browser(downloads.path()).await;
    browser.goto(&server.url("/")).await;
    browser.wait_for("#sso").await;
    assert_eq!(browser.text("#sso").await, "Sign in with Example ID");
    browser.click("#sso").await;
    // The provider's own login form.
    browser.wait_for("input[name=login]").await;
    browser.type_into("input[name=login]", "bob").await;
    browser.type_into("input[name=password]", "secret").await;
    browser.click("button[type=submit]").await;
    // Back in the app, signed in as bob, an editor.
    browser.wait_for("#sign-out").await;
    let who = browser.text(".me .who").await;
    assert!(
        // The role in the app's words (English here), as on the users page.
        who.contains("bob@example.com") && who.contains("Editor"),
        "{who}"
    );
    browser.quit().await;
}
