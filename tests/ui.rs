//! End-to-end tests of the web UI in headless Chromium, driven over WebDriver (chromedriver).
//! They skip, with a note, when chromedriver is not installed (and fail under `./test.sh`,
//! which installs it).
//! Screenshots of the main screens go to `target/screenshots/`.

mod common;

use common::browser::*;
use common::{link_path, TestServer, ADMIN_EMAIL, ADMIN_PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------- scenarios

#[tokio::test]
async fn upload_share_with_password_and_download_as_recipient() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let work = tempfile::tempdir().unwrap();
    let downloads = work.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();

    // Two small pictures, made here.
    let sunrise = png(240, 160, [255, 183, 94], [237, 80, 120]);
    let lagoon = png(160, 240, [64, 201, 198], [61, 91, 217]);
    let a = work.path().join("sunrise.png");
    let b = work.path().join("lagoon.png");
    std::fs::write(&a, &sunrise).unwrap();
    std::fs::write(&b, &lagoon).unwrap();

    // The team member signs in.
    let team = driver.browser(&downloads).await;
    team.goto(&server.url("/")).await;
    team.wait_for("#sign-in").await;
    team.screenshot("01-sign-in").await;
    // A wrong password says so and keeps the form.
    team.type_into("#sign-in input[type=email]", ADMIN_EMAIL)
        .await;
    team.type_into("#sign-in input[type=password]", "not-the-password")
        .await;
    team.click("#sign-in button[type=submit]").await;
    team.wait_for("#sign-in [role=alert]").await;
    assert!(team
        .text("#sign-in [role=alert]")
        .await
        .contains("Wrong email or password"));
    team.type_into("#sign-in input[type=password]", ADMIN_PASSWORD)
        .await;
    team.click("#sign-in button[type=submit]").await;
    team.wait_for(".shell .sidebar").await;
    team.wait_for(".empty").await;

    // Uploads both through the file input, and sees them in the grid.
    let input = team.find("#file-input").await.unwrap();
    team.cmd(
        Method::POST,
        &format!("/element/{input}/value"),
        json!({"text": format!("{}\n{}", a.display(), b.display())}),
    )
    .await
    .unwrap();
    team.wait_until(
        "both tiles are in the grid",
        "return document.querySelectorAll('#asset-grid .tile').length === 2",
        json!([]),
    )
    .await;
    team.wait_until(
        "the upload panel says done",
        "const u = document.getElementById('uploads'); return !!u && u.dataset.state === 'done'",
        json!([]),
    )
    .await;
    let names = team
        .js("return [...document.querySelectorAll('#asset-grid .tile .name')].map(e => e.textContent).sort()", json!([]))
        .await;
    assert_eq!(names, json!(["lagoon.png", "sunrise.png"]));
    // Thumbnails are made in the background; the grid picks them up as they are ready.
    let _ = team
        .try_wait_until(
            "document.querySelectorAll('#asset-grid .tile img').length === 2",
            Duration::from_secs(12),
        )
        .await;
    team.screenshot("02-assets-grid").await;
    // The API agrees.
    let listed: Value = server
        .admin(Method::GET, "/api/v1/assets")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);

    // Selects both and shares them with a password and a use limit.
    team.js("document.getElementById('uploads')?.remove()", json!([]))
        .await;
    team.click("#select-visible").await;
    assert_eq!(team.text("#selection-count").await, "2 selected");
    team.click("#share-selection").await;
    team.wait_for("#share-dialog #share-title").await;
    let default_title = team
        .js(
            "return document.getElementById('share-title').value",
            json!([]),
        )
        .await;
    assert!(
        default_title.as_str().unwrap().starts_with("Link from "),
        "{default_title}"
    );
    team.type_into("#share-title", "Spring campaign").await;
    team.type_into("#share-description", "Final pictures for the launch.")
        .await;
    team.type_into("#share-dialog input[type=password]", "open-sesame-42")
        .await;
    team.type_into("#share-max-uses", "5").await;
    team.js(
        "document.querySelector('#share-dialog .dlg-body').scrollTop = 0",
        json!([]),
    )
    .await;
    team.screenshot("03-share-dialog").await;
    team.click("#create-share").await;
    team.wait_for("#link-ready #share-url").await;
    let url = team
        .js(
            "return document.getElementById('share-url').value",
            json!([]),
        )
        .await
        .as_str()
        .unwrap()
        .to_string();
    assert!(url.starts_with(&format!("{}/s/", server.base)), "{url}");
    team.screenshot("04-link-ready").await;

    let shares: Value = server
        .admin(Method::GET, "/api/v1/shares")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let share = &shares["items"][0];
    assert_eq!(share["title"], "Spring campaign");
    assert_eq!(share["hasPassword"], true);
    assert_eq!(share["maxUses"], 5);
    assert_eq!(share["assetIds"].as_array().unwrap().len(), 2);

    // The share's page.
    team.click("#go-share-page").await;
    team.wait_for("#share-assets").await;
    assert_eq!(team.count("#share-assets tbody tr").await, 2);
    team.screenshot("05-share-page").await;

    // A recipient, in a fresh browser: the password page first.
    let guest = driver.browser(&downloads).await;
    guest.goto(&url).await;
    guest.wait_for("form.unlock input#password").await;
    guest.screenshot("06-password-page").await;
    guest.type_into("#password", "wrong-one").await;
    guest.click("form.unlock button[type=submit]").await;
    guest.wait_for("#password-error").await;
    guest.type_into("#password", "open-sesame-42").await;
    guest.click("form.unlock button[type=submit]").await;
    guest.wait_for("#assets").await;
    assert_eq!(guest.count("#assets .asset").await, 2);
    let heading = guest.text("h1").await;
    assert_eq!(heading, "Spring campaign");
    let meta = guest.text(".hero .meta").await;
    assert!(
        meta.contains("2 files") && meta.contains("4 visits left"),
        "{meta}"
    );
    guest.screenshot("07-recipient-landing").await;

    // The list view, and the lightbox with the keyboard.
    guest.click(".view-button[data-view=list]").await;
    guest.wait_for(".view-list .list-head").await;
    guest.screenshot("08-recipient-list").await;
    guest.click(".view-button[data-view=grid]").await;
    guest.click("#assets .asset a.thumb").await;
    guest.wait_for("dialog.lightbox[open] .stage img").await;
    assert_eq!(guest.text("dialog.lightbox .lb-count").await, "1 / 2");
    guest.keys("dialog.lightbox", "\u{E014}").await; // ArrowRight
    guest
        .wait_until(
            "the lightbox moved on",
            "return document.querySelector('dialog.lightbox .lb-count').textContent === '2 / 2'",
            json!([]),
        )
        .await;
    guest.screenshot("09-lightbox").await;
    guest.keys("dialog.lightbox", "\u{E00C}").await; // Escape
    guest
        .wait_until(
            "the lightbox closed",
            "return !document.querySelector('dialog.lightbox[open]')",
            json!([]),
        )
        .await;

    // The download links work: one file, and the zip of all.
    let links = guest
        .js(
            "return {
               files: [...document.querySelectorAll('#assets .asset .get a[download]')].map(a => [a.closest('.asset').querySelector('.name').textContent, a.href]),
               all: [...document.querySelectorAll('.hero .bar a[download]')].map(a => a.href),
             }",
            json!([]),
        )
        .await;
    let files = links["files"].as_array().unwrap();
    assert!(files.len() >= 2, "{links}");
    let (name, href) = (files[0][0].as_str().unwrap(), files[0][1].as_str().unwrap());
    let expected = if name == "sunrise.png" {
        &sunrise
    } else {
        &lagoon
    };
    let (status, len, head, disposition) = guest.fetch(href).await;
    assert_eq!((status, len), (200, expected.len() as u64), "{href}");
    assert_eq!(&head[..4], b"\x89PNG");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let zip = links["all"][0].as_str().expect("a Download all link");
    let (status, len, head, _) = guest.fetch(zip).await;
    assert_eq!(status, 200, "{zip}");
    assert!(len > (sunrise.len() + lagoon.len()) as u64);
    assert_eq!(&head[..2], b"PK");

    // And a real click downloads the file to disk.
    guest
        .js(
            "document.querySelector('#assets .asset .get a[download]').click()",
            json!([]),
        )
        .await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let done: Vec<_> = files_in(&downloads)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        if let Some(file) = done.first() {
            let bytes = std::fs::read(file).unwrap();
            if bytes.len() == expected.len() {
                assert_eq!(&bytes, expected);
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no download appeared in {}",
            downloads.display()
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }

    // The owner sees the visit and the downloads in the activity tab.
    team.goto(&format!(
        "{}/#/shares/{}?tab=activity",
        server.base,
        share["id"].as_str().unwrap()
    ))
    .await;
    team.wait_for("#events").await;
    let activity = team.text("#events").await;
    assert!(
        activity.contains("Visit") && activity.contains("Download"),
        "{activity}"
    );
    assert!(activity.contains("Wrong password"), "{activity}");
    team.screenshot("10-share-activity").await;
    team.goto(&format!(
        "{}/#/shares/{}?tab=settings",
        server.base,
        share["id"].as_str().unwrap()
    ))
    .await;
    team.wait_for("#share-settings").await;
    team.screenshot("11-share-settings").await;

    // The other screens open without errors.
    let first = listed["items"][0]["id"].as_str().unwrap();
    team.goto(&format!("{}/#/assets/{first}", server.base))
        .await;
    team.wait_for("#asset-preview").await;
    team.wait_for("#asset-shares .share-mini").await;
    team.screenshot("15-asset-detail").await;
    team.goto(&format!("{}/#/collections", server.base)).await;
    team.click("#new-collection").await;
    team.type_into("dialog[open] input[type=text]", "Launch kit")
        .await;
    team.click("dialog[open] button[type=submit]").await;
    team.wait_until(
        "the new collection's page is shown",
        "const h = document.querySelector('.view h1'); return !!h && h.textContent === 'Launch kit'",
        json!([]),
    )
    .await;
    team.goto(&format!("{}/#/shares", server.base)).await;
    team.wait_for("#shares-table").await;
    team.screenshot("16-shares").await;
    team.goto(&format!("{}/#/admin/users", server.base)).await;
    team.wait_for("#users").await;
    team.screenshot("17-users").await;
    team.goto(&format!("{}/#/admin/policy", server.base)).await;
    team.wait_for("#policy-allow").await;
    team.click("#sign-out").await;
    team.wait_for("#sign-in").await;

    guest.quit().await;
    team.quit().await;
}

#[tokio::test]
async fn view_only_links_show_no_download_controls() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let a = server
        .upload(
            &server.admin_token,
            "one.png",
            png(120, 80, [30, 30, 30], [200, 200, 200]),
        )
        .await;
    let b = server
        .upload(
            &server.admin_token,
            "two.png",
            png(80, 120, [200, 60, 60], [60, 60, 200]),
        )
        .await;
    let share = server
        .admin_share(
            json!({"title": "Look, don't take", "assetIds": [a["id"], b["id"]], "access": "view"}),
        )
        .await;
    let work = tempfile::tempdir().unwrap();
    let guest = driver.browser(work.path()).await;
    guest.goto(share["url"].as_str().unwrap()).await;
    guest.wait_for("#assets").await;
    assert_eq!(guest.count("#assets .asset").await, 2);
    assert_eq!(
        guest
            .count("a[download], main details.menu, .get a, .get summary")
            .await,
        0
    );
    let text = guest.text("main").await;
    assert!(!text.contains("Download"), "{text}");
    assert!(text.contains("View only"), "{text}");
    guest.screenshot("12-recipient-view-only").await;
    guest.quit().await;
}

#[tokio::test]
async fn expired_and_unknown_links_show_their_pages() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let a = server
        .upload(
            &server.admin_token,
            "late.png",
            png(60, 60, [0, 0, 0], [255, 255, 255]),
        )
        .await;
    let soon = chrono::Utc::now() + chrono::Duration::milliseconds(1200);
    let share = server
        .admin_share(json!({"title": "Too late", "assetIds": [a["id"]], "expiresAt": soon}))
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let work = tempfile::tempdir().unwrap();
    let guest = driver.browser(work.path()).await;
    guest.goto(share["url"].as_str().unwrap()).await;
    assert_eq!(guest.text("h1").await, "This link has expired");
    let card = guest.text(".card").await;
    assert!(card.contains("Ask the person who shared it"), "{card}");
    guest.screenshot("13-expired-410").await;

    guest.goto(&server.url("/s/no-such-link")).await;
    assert_eq!(guest.text("h1").await, "Link not found");
    guest.screenshot("14-not-found-404").await;

    // The team app's sign-in is unaffected by the recipient's pages.
    sign_in(&guest, &server).await;
    guest.quit().await;
}

#[tokio::test]
async fn on_a_phone_every_page_fits_the_screen() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let mut ids = Vec::new();
    for (name, from, to) in [
        (
            "a-rather-long-file-name-from-a-camera-IMG_20261122_093512.png",
            [240, 160, 60],
            [220, 60, 90],
        ),
        ("b.png", [40, 180, 200], [60, 60, 210]),
    ] {
        ids.push(
            server
                .upload(&server.admin_token, name, png(160, 100, from, to))
                .await["id"]
                .clone(),
        );
    }
    let share = server
        .admin_share(json!({
            "title": "Spring campaign — final selects for the agency and the print shop",
            "description": "Everything we agreed on Tuesday, in full resolution.",
            "assetIds": ids, "maxUses": 5,
        }))
        .await;
    let work = tempfile::tempdir().unwrap();
    let phone = driver.browser(work.path()).await;
    sign_in(&phone, &server).await;
    phone
        .cmd(
            Method::POST,
            "/window/rect",
            json!({"width": 390, "height": 844}),
        )
        .await
        .unwrap();
    // The page is no wider than the screen; when it is, name what sticks out (boxes that
    // escape their scrolling parent, like a visually hidden label, are the usual cause).
    let fits = "return document.documentElement.scrollWidth <= window.innerWidth";
    let culprits = "return [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(e => !e.parentElement.closest('.table-wrap, .strip') || getComputedStyle(e).position !== 'static')
        .slice(0, 8).map(e => e.tagName + '.' + e.className)";
    for (path, ready, shot) in [
        ("/", "#asset-grid .tile", "18-phone-assets"),
        ("/#/shares", "#shares-table", "19-phone-shares"),
        (&link_path(&share), "#assets .asset", "20-phone-recipient"),
    ] {
        phone.goto(&server.url(path)).await;
        phone.wait_for(ready).await;
        phone.screenshot(shot).await;
        let wide = phone.js(culprits, json!([])).await;
        assert_eq!(
            phone.js(fits, json!([])).await,
            json!(true),
            "{path} scrolls sideways: {wide}"
        );
    }
    // The recipient's main action is on the first screen.
    let visible = "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return r.bottom <= window.innerHeight && r.right <= window.innerWidth";
    assert_eq!(
        phone
            .js(visible, json!(["[aria-label=\"Download all files\"]"]))
            .await,
        json!(true)
    );
    phone.quit().await;
}

/// Serves `html` to every request, over plain HTTP on its own loopback port: another origin.
async fn serve_elsewhere(html: String) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let html = html.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 8192];
                let _ = stream.read(&mut request).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    html.len()
                );
                let _ = stream.write_all((head + &html).as_bytes()).await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_form_on_another_site_cannot_sign_the_browser_in() {
    let _serial = SERIAL.lock().await;
    let Some(driver) = Driver::start().await else {
        return;
    };
    let server = TestServer::start().await;
    let created = server
        .admin(Method::POST, "/api/v1/users")
        .json(&json!({"email": "attacker@example.com", "password": "attacker=password1", "role": "editor"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    // text/plain sends `name=value`: the `=` lands inside the attacker's password, and the
    // body reads as the JSON of a sign-in.
    let page = format!(
        "<!doctype html><form method=post enctype=text/plain action='{}'>\
         <input type=hidden name='{{\"email\":\"attacker@example.com\",\"password\":\"attacker' value='password1\"}}'>\
         </form><script>document.forms[0].submit()</script>",
        server.url("/api/v1/auth/login")
    );
    let elsewhere = serve_elsewhere(page).await;
    let work = tempfile::tempdir().unwrap();
    let victim = driver.browser(work.path()).await;
    victim.goto(&elsewhere).await;
    victim
        .wait_until(
            "the form was posted",
            "return location.href.includes('/api/v1/auth/login')",
            json!([]),
        )
        .await;
    let answer = victim.text("body").await;
    victim.goto(&server.url("/api/v1/me")).await;
    let me = victim.text("body").await;
    assert!(
        !me.contains("attacker@example.com"),
        "signed in by another site: {me}"
    );
    assert!(me.contains("unauthenticated"), "{me}");
    assert!(answer.contains("cross_site_request"), "{answer}");
    victim.quit().await;
}
