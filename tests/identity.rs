//! SPEC §8, local accounts: scoped API tokens (never more than the user has now), TOTP
//! two-factor sign-in with recovery codes, `[auth] require_totp` and `password_login = false`.

mod common;

use common::process::BIN;
use common::*;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};

const PASSWORD: &str = "user-password-1";

/// RFC 6238 computed here, apart from the server's code: HMAC-SHA1 of the 30 s step, dynamic
/// truncation, 6 digits.
fn totp_code(secret_base32: &str, unix_secs: u64) -> String {
    let secret = base32_decode(secret_base32);
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&secret).unwrap();
    mac.update(&(unix_secs / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let number = u32::from_be_bytes(digest[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!("{:06}", number % 1_000_000)
}

fn base32_decode(text: &str) -> Vec<u8> {
    let (mut bits, mut value, mut out) = (0u32, 0u64, Vec::new());
    for c in text.trim_end_matches('=').bytes() {
        let digit = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            other => panic!("not base32: {}", other as char),
        };
        value = (value << 5) | u64::from(digit);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((value >> bits) as u8);
        }
    }
    out
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn login_with(server: &TestServer, body: Value) -> reqwest::Response {
    server
        .client
        .post(server.url("/api/v1/auth/login"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Enrols `token`'s user in two-factor; returns the secret and the recovery codes.
async fn enrol(server: &TestServer, token: &str) -> (String, Vec<String>) {
    let enrolment = json_of(
        server
            .req(token, Method::POST, "/api/v1/me/totp")
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let secret = enrolment["secret"].as_str().unwrap().to_string();
    let uri = enrolment["otpauthUri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    assert!(enrolment["qrSvg"].as_str().unwrap().contains("<svg"));
    // A wrong code does not turn it on.
    let wrong = server
        .req(token, Method::POST, "/api/v1/me/totp/confirm")
        .json(&json!({"code": "000000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let confirmed = json_of(
        server
            .req(token, Method::POST, "/api/v1/me/totp/confirm")
            .json(&json!({"code": totp_code(&secret, now())}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let codes: Vec<String> = confirmed["recoveryCodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

#[tokio::test]
async fn a_scoped_token_does_only_what_its_subset_allows() {
    let server = TestServer::start().await;
    let editor = server.user("ed@example.com", "editor").await;
    let created = json_of(
        server
            .req(&editor, Method::POST, "/api/v1/tokens")
            .json(&json!({"name": "read-only", "permissions": ["assets:read", "shares:read"]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(
        created["permissions"],
        json!(["assets:read", "shares:read"])
    );
    let read_only = created["token"].as_str().unwrap();
    let me = server.get_json(read_only, "/api/v1/me").await;
    assert_eq!(me["role"], "editor");
    assert_eq!(me["permissions"], json!(["assets:read", "shares:read"]));
    server.get_json(read_only, "/api/v1/assets").await;
    let upload = server
        .req(read_only, Method::POST, "/api/v1/assets?name=a.txt")
        .body("hello")
        .send()
        .await
        .unwrap();
    expect_error(upload, 403, "forbidden").await;
    let asset = server.upload(&editor, "a.txt", b"hello".to_vec()).await;
    let share = server
        .req(read_only, Method::POST, "/api/v1/shares")
        .json(&json!({"title": "t", "assetIds": [asset["id"]]}))
        .send()
        .await
        .unwrap();
    expect_error(share, 403, "forbidden").await;
    // A token it makes is no wider than itself.
    let child = json_of(
        server
            .req(read_only, Method::POST, "/api/v1/tokens")
            .json(&json!({"name": "child", "permissions": ["assets:read", "assets:write"]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(child["permissions"], json!(["assets:read"]));
    let listed = server.get_json(&editor, "/api/v1/tokens").await;
    let scoped = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "read-only");
    assert_eq!(
        scoped.unwrap()["permissions"],
        json!(["assets:read", "shares:read"])
    );
    let unknown = server
        .req(&editor, Method::POST, "/api/v1/tokens")
        .json(&json!({"name": "x", "permissions": ["everything"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);
}

#[tokio::test]
async fn demoting_or_deleting_a_user_takes_the_rights_from_their_tokens_at_once() {
    let server = TestServer::start().await;
    let editor = server.user("ed@example.com", "editor").await;
    let me = server.get_json(&editor, "/api/v1/me").await;
    let id = me["id"].as_str().unwrap().to_string();
    // A token that asks for writing keeps it only while the role gives it.
    let token = json_of(
        server
            .req(&editor, Method::POST, "/api/v1/tokens")
            .json(&json!({"name": "uploader", "permissions": ["assets:read", "assets:write"]}))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await["token"]
        .as_str()
        .unwrap()
        .to_string();
    server.upload(&token, "before.txt", b"one".to_vec()).await;
    json_of(
        server
            .admin(Method::PATCH, &format!("/api/v1/users/{id}"))
            .json(&json!({"role": "viewer"}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    let after = server
        .req(&token, Method::POST, "/api/v1/assets?name=after.txt")
        .body("two")
        .send()
        .await
        .unwrap();
    expect_error(after, 403, "forbidden").await;
    let me = server.get_json(&token, "/api/v1/me").await;
    assert_eq!(me["permissions"], json!(["assets:read"]));
    let session = server
        .req(&editor, Method::POST, "/api/v1/assets?name=after.txt")
        .body("two")
        .send()
        .await
        .unwrap();
    expect_error(session, 403, "forbidden").await;
    let deleted = server
        .admin(Method::DELETE, &format!("/api/v1/users/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    for gone in [&token, &editor] {
        let answer = server
            .req(gone, Method::GET, "/api/v1/assets")
            .send()
            .await
            .unwrap();
        expect_error(answer, 401, "unauthenticated").await;
    }
}

#[tokio::test]
async fn two_factor_sign_in_with_codes_and_recovery_codes() {
    let server = TestServer::start().await;
    let token = server.user("ann@example.com", "editor").await;
    let (secret, recovery) = enrol(&server, &token).await;
    assert_eq!(
        server.get_json(&token, "/api/v1/me").await["totpEnabled"],
        true
    );
    let email = "ann@example.com";

    let without = login_with(&server, json!({"email": email, "password": PASSWORD})).await;
    expect_error(without, 401, "totp_required").await;
    let wrong = login_with(
        &server,
        json!({"email": email, "password": PASSWORD, "code": "123456"}),
    )
    .await;
    expect_error(wrong, 401, "totp_invalid").await;
    // The wrong password with a code is still the wrong password.
    let bad_password =
        json!({"email": email, "password": "nope-nope-nope", "code": totp_code(&secret, now())});
    expect_error(
        login_with(&server, bad_password).await,
        401,
        "unauthenticated",
    )
    .await;

    // The next step's code (clocks drift by a step) signs in, once; the step confirmation
    // used cannot sign in again either.
    let code = totp_code(&secret, now() + 30);
    let right = json!({"email": email, "password": PASSWORD, "code": code});
    let answer = json_of(login_with(&server, right.clone()).await, 200).await;
    assert_eq!(answer["user"]["email"], email);
    expect_error(login_with(&server, right).await, 401, "totp_invalid").await;

    // A recovery code works once.
    let with_recovery = json!({"email": email, "password": PASSWORD, "code": recovery[0]});
    json_of(login_with(&server, with_recovery.clone()).await, 200).await;
    expect_error(
        login_with(&server, with_recovery).await,
        401,
        "totp_invalid",
    )
    .await;
    let typed_loosely = recovery[1].to_uppercase().replace('-', " ");
    let loose = json!({"email": email, "password": PASSWORD, "code": typed_loosely});
    json_of(login_with(&server, loose).await, 200).await;

    // Turning it off needs a code.
    let off = |code: &str| {
        server
            .req(&token, Method::DELETE, "/api/v1/me/totp")
            .json(&json!({"code": code}))
            .send()
    };
    assert_eq!(off("000000").await.unwrap().status(), 422);
    assert_eq!(off(&recovery[2]).await.unwrap().status(), 204);
    server.login(email, PASSWORD).await;
}

#[tokio::test]
async fn wrong_codes_count_in_the_sign_in_limit() {
    let server = TestServer::start_with(|c| c.login.max_failures_per_account = 3).await;
    let token = server.user("ann@example.com", "editor").await;
    let (secret, _) = enrol(&server, &token).await;
    for _ in 0..3 {
        let wrong = json!({"email": "ann@example.com", "password": PASSWORD, "code": "999999"});
        expect_error(login_with(&server, wrong).await, 401, "totp_invalid").await;
    }
    let right = json!({"email": "ann@example.com", "password": PASSWORD, "code": totp_code(&secret, now())});
    expect_error(login_with(&server, right).await, 429, "too_many_attempts").await;
}

#[tokio::test]
async fn require_totp_lets_a_member_only_enrol_until_they_have() {
    let server = TestServer::start_with(|c| c.auth.require_totp = true).await;
    // The admin signed in without two-factor: their session may only enrol.
    let admin = server.admin_token.clone();
    let refused = server
        .req(&admin, Method::GET, "/api/v1/assets")
        .send()
        .await
        .unwrap();
    expect_error(refused, 403, "totp_enrolment_required").await;
    let tokens = server
        .req(&admin, Method::POST, "/api/v1/tokens")
        .json(&json!({"name": "sneaky"}))
        .send()
        .await
        .unwrap();
    expect_error(tokens, 403, "totp_enrolment_required").await;
    let me = server.get_json(&admin, "/api/v1/me").await;
    assert_eq!(me["totpEnrolmentRequired"], true);
    let answer = json_of(
        login_with(
            &server,
            json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(answer["totpEnrolmentRequired"], true);

    let (secret, _) = enrol(&server, &admin).await;
    let signed_in = json_of(
        login_with(
            &server,
            json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD, "code": totp_code(&secret, now() + 30)}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(signed_in["totpEnrolmentRequired"], false);
    let full = signed_in["token"].as_str().unwrap();
    server.get_json(full, "/api/v1/assets").await;
}

#[tokio::test]
async fn password_login_off_refuses_passwords_on_the_api() {
    let server = TestServer::start().await;
    let dir = server.stop().await;
    let mut config = test_config(dir.path());
    config.auth.password_login = false;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    config.server.listen = address.to_string();
    // The server starts (its admin sign-in in TestServer would fail, so start it by hand).
    let (state, _) = handoff::open(config).unwrap();
    let bound = tokio::net::TcpListener::bind(address).await.unwrap();
    tokio::spawn(handoff::run(
        state,
        bound,
        None,
        std::future::pending::<()>(),
    ));
    let refused = client()
        .post(format!("https://{address}/api/v1/auth/login"))
        .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    expect_error(refused, 403, "password_login_disabled").await;
}

#[tokio::test]
async fn an_admin_resets_a_lost_second_factor_with_the_cli() {
    let server = TestServer::start().await;
    let token = server.user("ann@example.com", "editor").await;
    enrol(&server, &token).await;
    let dir = server.stop().await;
    let config = dir.path().join("handoff.toml");
    let text = format!(
        "[server]\ndata_dir = {:?}\n",
        dir.path().display().to_string()
    );
    std::fs::write(&config, text).unwrap();
    let output = std::process::Command::new(BIN)
        .args(["user", "reset-totp", "ann@example.com", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("off"), "{stdout}");
    let config = test_config(dir.path());
    let server = TestServer::start_in(dir, config).await;
    server.login("ann@example.com", PASSWORD).await;
}

#[tokio::test]
async fn a_member_enrols_on_the_account_page_and_signs_in_with_a_code_in_the_browser() {
    use common::browser::{Driver, SERIAL};
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    server.user("ann@example.com", "editor").await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = driver.browser(downloads.path()).await;
    let sign_in = |code: Option<String>| {
        let browser = &browser;
        async move {
            browser.wait_for("#sign-in").await;
            browser
                .type_into("#sign-in input[type=email]", "ann@example.com")
                .await;
            browser
                .type_into("#sign-in input[type=password]", PASSWORD)
                .await;
            browser.click("#sign-in button[type=submit]").await;
            if let Some(code) = code {
                browser.type_into("#sign-in-code", &code).await;
                browser.click("#sign-in button[type=submit]").await;
            }
            browser.wait_for("#sign-out").await;
        }
    };
    browser.goto(&server.url("/")).await;
    sign_in(None).await;
    browser.click("a[data-path='/account']").await;
    browser.click("#totp-enrol").await;
    browser.wait_for("#totp-qr").await;
    let secret = browser.text("#totp-secret").await;
    browser
        .type_into("#totp-code", &totp_code(&secret, now()))
        .await;
    browser.click("#totp-confirm").await;
    browser.wait_for("#recovery-codes").await;
    assert_eq!(browser.count("#recovery-codes li").await, 10);
    browser.screenshot("identity-recovery-codes").await;
    browser.click("#totp-done").await;
    browser
        .wait_until(
            "two-factor on",
            "return document.querySelector('#totp-state')?.textContent.startsWith('On')",
            json!([]),
        )
        .await;

    browser.click("#sign-out").await;
    sign_in(Some(totp_code(&secret, now() + 30))).await;
    browser.quit().await;
}
