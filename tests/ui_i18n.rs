//! SPEC §11 in headless Chromium: the recipient pages in the browser's language (and `?lang=`),
//! light and dark themes, axe-core on every main screen with no serious or critical violation,
//! and the lightbox, dialogs and menus by keyboard alone. Screenshots go to target/screenshots/.

mod common;

use common::browser::*;
use common::scene::Scene;
use serde_json::json;

async fn background_of(browser: &Browser) -> String {
    browser
        .js(
            "return getComputedStyle(document.body).backgroundColor",
            json!([]),
        )
        .await
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn recipient_pages_speak_the_browsers_language_and_follow_dark_mode() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let (server, axe) = (&scene.server, &scene.axe);
    let (open, locked) = (Scene::url(&scene.open), Scene::url(&scene.locked));
    let guest = scene.browser().await;
    guest.goto(&server.url("/s/nothing-here")).await;

    // A browser set to German gets German, dates and sizes as German writes them.
    guest.accept_language("de-DE,de;q=0.9,en;q=0.5").await;
    guest.goto(&open).await;
    guest.wait_for("#assets").await;
    assert_eq!(
        guest
            .js("return document.documentElement.lang", json!([]))
            .await,
        "de"
    );
    let meta = guest.text(".hero .meta").await;
    assert!(
        meta.contains("2 Dateien")
            && meta.contains("Verfügbar bis")
            && meta.contains("noch 19 Aufrufe"),
        "{meta}"
    );
    assert!(
        guest.text("#assets").await.contains("Bild · "),
        "kinds are German"
    );
    let when = guest.text(".hero .meta time").await;
    assert!(
        [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember"
        ]
        .iter()
        .any(|m| when.contains(m)),
        "share.js writes the date in German: {when}"
    );
    guest.screenshot("21-recipient-de").await;
    guest.assert_accessible(axe, "recipient landing (de)").await;

    // ?lang= wins over the browser, and the language menu offers the others.
    guest.goto(&format!("{open}?lang=ja")).await;
    guest.wait_for("#assets").await;
    assert!(guest.text(".hero .meta").await.contains("2 個のファイル"));
    assert_eq!(guest.count(".languages a[hreflang]").await, 6);
    guest.screenshot("22-recipient-ja").await;
    guest.assert_accessible(axe, "recipient landing (ja)").await;

    // The password page, its wrong answer and the gone page keep the language.
    guest.goto(&format!("{locked}?lang=fr")).await;
    guest.wait_for("form.unlock").await;
    assert_eq!(guest.text("h1").await, "Ce lien est protégé");
    guest.assert_accessible(axe, "unlock (fr)").await;
    guest.type_into("#password", "wrong").await;
    guest.click("form.unlock button[type=submit]").await;
    guest.wait_for("#password-error").await;
    assert_eq!(
        guest.text("#password-error").await,
        "Mot de passe incorrect. Réessayez."
    );
    guest.goto(&server.url("/s/nothing-here?lang=es")).await;
    assert_eq!(guest.text("h1").await, "Enlace no encontrado");

    // Dark mode: every recipient page turns dark and keeps its contrast.
    guest.accept_language("en-GB,en").await;
    guest.prefer_color_scheme("light").await;
    guest.goto(&open).await;
    guest.wait_for("#assets").await;
    let light = background_of(&guest).await;
    guest
        .assert_accessible(axe, "recipient landing, grid (light)")
        .await;
    guest.click(".view-button[data-view=list]").await;
    guest.wait_for(".view-list .list-head").await;
    guest
        .assert_accessible(axe, "recipient landing, list (light)")
        .await;
    guest.prefer_color_scheme("dark").await;
    assert_ne!(
        background_of(&guest).await,
        light,
        "the page follows prefers-color-scheme"
    );
    assert_eq!(background_of(&guest).await, "rgb(15, 18, 23)");
    guest
        .assert_accessible(axe, "recipient landing, list (dark)")
        .await;
    guest.click(".view-button[data-view=grid]").await;
    guest.screenshot("23-recipient-dark").await;
    guest
        .assert_accessible(axe, "recipient landing, grid (dark)")
        .await;
    for (url, screen) in [
        (locked.clone(), "unlock (dark)"),
        (server.url("/s/nothing-here"), "not found (dark)"),
    ] {
        guest.goto(&url).await;
        guest.wait_for("h1").await;
        guest.assert_accessible(axe, screen).await;
    }
    guest.prefer_color_scheme("light").await;
    guest.goto(&locked).await;
    guest.wait_for("h1").await;
    guest.assert_accessible(axe, "unlock (light)").await;
    guest.quit().await;
}

#[tokio::test]
async fn gone_pages_pass_axe_in_both_themes() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let id = scene.open["id"].as_str().unwrap();
    let disabled = scene
        .server
        .admin(reqwest::Method::PATCH, &format!("/api/v1/shares/{id}"))
        .json(&json!({"enabled": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(disabled.status(), 200);
    let guest = scene.browser().await;
    let open = Scene::url(&scene.open);
    guest.goto(&open).await;
    for scheme in ["light", "dark"] {
        guest.prefer_color_scheme(scheme).await;
        guest.goto(&format!("{open}?lang=nl")).await;
        assert_eq!(guest.text("h1").await, "Deze link is uitgeschakeld");
        guest
            .assert_accessible(&scene.axe, &format!("gone ({scheme})"))
            .await;
    }
    guest.quit().await;
}

/// axe is not a formality: a contrast broken on purpose in dark mode is reported.
#[tokio::test]
async fn axe_reports_a_contrast_broken_on_purpose() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let (server, axe) = (&scene.server, &scene.axe);
    let guest = scene.browser().await;
    guest.prefer_color_scheme("dark").await;
    guest.goto(&server.url("/s/nothing-here")).await;
    guest.wait_for("h1").await;
    assert!(guest.axe_violations(axe).await.is_empty());
    // Light ink of the light theme on the dark page: the mistake a dark theme invites.
    guest
        .js(
            "document.querySelector('.card p').style.color = '#3a4150'",
            json!([]),
        )
        .await;
    let found = guest.axe_violations(axe).await;
    assert!(
        found.iter().any(|v| v.contains("color-contrast")),
        "{found:?}"
    );
    guest.quit().await;
}

#[tokio::test]
async fn lightbox_menus_and_dialogs_work_with_the_keyboard_alone() {
    use common::a11y::*;
    let Some(scene) = Scene::new().await else {
        return;
    };
    let (server, open) = (&scene.server, Scene::url(&scene.open));
    let guest = scene.browser().await;
    guest.goto(&open).await;
    guest.wait_for("#assets a.thumb").await;

    // The lightbox: Enter opens it, arrows page, Tab stays inside, Escape closes it and the
    // focus goes back to the picture that opened it.
    guest
        .js(
            "document.querySelector('#assets a.thumb').focus()",
            json!([]),
        )
        .await;
    guest.press(ENTER).await;
    guest.wait_for("dialog.lightbox[open] .stage img").await;
    assert!(
        guest.focus_within("dialog.lightbox").await,
        "the focus moves into the lightbox"
    );
    let count = "return document.querySelector('dialog.lightbox .lb-count').textContent";
    assert_eq!(guest.js(count, json!([])).await, "1 / 2");
    guest.press(ARROW_RIGHT).await;
    assert_eq!(guest.js(count, json!([])).await, "2 / 2");
    guest.press(ARROW_LEFT).await;
    assert_eq!(guest.js(count, json!([])).await, "1 / 2");
    for _ in 0..10 {
        guest.press(TAB).await;
        assert!(
            guest.focus_within("dialog.lightbox").await,
            "Tab stays in the lightbox"
        );
    }
    guest.press(ESCAPE).await;
    assert_eq!(
        guest.count("dialog.lightbox[open]").await,
        0,
        "Escape closes it"
    );
    let back = guest
        .js(
            "return document.activeElement === document.querySelector('#assets a.thumb')",
            json!([]),
        )
        .await;
    assert_eq!(back, true, "the focus returns to what opened it");

    // A menu: Enter opens it, Tab reaches its links, Escape closes it onto its button.
    guest
        .js(
            "document.querySelector('.languages summary').focus()",
            json!([]),
        )
        .await;
    guest.press(ENTER).await;
    assert_eq!(guest.count(".languages[open]").await, 1);
    guest.press(TAB).await;
    assert!(
        guest.focus_within(".languages ul").await,
        "Tab goes into the menu"
    );
    guest.press(ESCAPE).await;
    assert_eq!(guest.count(".languages[open]").await, 0);
    let on_button = guest
        .js(
            "return document.activeElement === document.querySelector('.languages summary')",
            json!([]),
        )
        .await;
    assert_eq!(on_button, true);
    guest.quit().await;

    // The team app's share dialog: opened from the keyboard, Tab stays in it, Escape closes
    // it, and the focus is back on the button that opened it.
    let team = scene.browser().await;
    sign_in(&team, server).await;
    team.wait_for("#asset-grid .tile").await;
    team.click("#select-visible").await;
    team.js(
        "document.getElementById('share-selection').focus()",
        json!([]),
    )
    .await;
    team.press(ENTER).await;
    team.wait_for("#share-dialog #share-title").await;
    assert!(
        team.focus_within("#share-dialog").await,
        "the focus moves into the dialog"
    );
    for _ in 0..25 {
        team.press(TAB).await;
        assert!(
            team.focus_within("#share-dialog").await,
            "Tab stays in the dialog"
        );
    }
    team.press(ESCAPE).await;
    // The dialog goes and the focus comes back when its close event has run.
    team.wait_until(
        "Escape closes the dialog and the focus returns to its button",
        "return !document.getElementById('share-dialog') && document.activeElement?.id === 'share-selection'",
        json!([]),
    )
    .await;
    team.quit().await;
}

/// The team app follows the browser's language, offers the others in a menu that is kept, and
/// its share dialog writes to recipients in the app's language unless told otherwise.
#[tokio::test]
async fn the_team_app_speaks_the_language_chosen_in_its_menu() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let server = &scene.server;
    let team = scene.browser().await;
    team.goto(&server.url("/")).await;
    team.wait_for("#sign-in").await;
    assert_eq!(
        team.text(".signin h1").await,
        "Sign in",
        "the browser's English"
    );
    assert_eq!(team.count("#language option").await, 6);
    team.js(
        "const s = document.getElementById('language'); s.value = 'de'; s.dispatchEvent(new Event('change'))",
        json!([]),
    )
    .await;
    team.wait_until(
        "the app is drawn again in German",
        "const h = document.querySelector('.signin h1'); return !!h && h.textContent === 'Anmelden'",
        json!([]),
    )
    .await;
    assert_eq!(
        team.js("return document.documentElement.lang", json!([]))
            .await,
        "de"
    );
    sign_in(&team, server).await;
    let nav = team.text(".sidebar nav").await;
    assert!(
        nav.contains("Dateien") && nav.contains("Freigaben"),
        "{nav}"
    );
    team.wait_for("#asset-grid .tile").await;
    team.click("#select-visible").await;
    assert_eq!(team.text("#selection-count").await, "2 ausgewählt");
    team.click("#share-selection").await;
    team.wait_for("#share-dialog #share-language").await;
    let picked = team
        .js(
            "return document.getElementById('share-language').value",
            json!([]),
        )
        .await;
    assert_eq!(
        picked, "de",
        "recipients are written to in the app's language"
    );
    team.type_into("#share-title", "Für Anna").await;
    team.click("#create-share").await;
    team.wait_for("#link-ready #share-url").await;
    let listed = server.get_json(&server.admin_token, "/api/v1/shares").await;
    let made = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Für Anna")
        .unwrap()
        .clone();
    assert_eq!(made["language"], "de");
    team.screenshot("25-team-app-de").await;

    // The share's settings change it.
    let id = made["id"].as_str().unwrap();
    team.goto(&format!("{}/#/shares/{id}?tab=settings", server.base))
        .await;
    team.wait_for("#settings-language").await;
    team.js(
        "document.getElementById('settings-language').value = 'fr'; document.querySelector('#share-settings button[type=submit]').click()",
        json!([]),
    )
    .await;
    let path = format!("/api/v1/shares/{id}");
    for _ in 0..100 {
        if server.get_json(&server.admin_token, &path).await["language"] == "fr" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        server.get_json(&server.admin_token, &path).await["language"],
        "fr"
    );
    team.quit().await;
}

/// SPEC §11 on an upload request's link (`/u/TOKEN`): its page and its password form speak
/// `?lang=` (the words request.js writes too), with no serious or critical axe violation in
/// either theme.
#[tokio::test]
async fn the_upload_request_page_speaks_its_language_and_passes_axe() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let asked = json!({"title": "Fotos vom Fest", "maxFiles": 5, "allowedTypes": ["image/*"]});
    let request = common::requests::ask(&scene.server, asked).await;
    let locked = json!({"title": "Verträge", "password": "open-sesame-42"});
    let locked = common::requests::ask(&scene.server, locked).await;
    let guest = scene.browser().await;
    for scheme in ["light", "dark"] {
        guest.prefer_color_scheme(scheme).await;
        guest
            .goto(&format!("{}?lang=de", Scene::url(&request)))
            .await;
        guest.wait_for("#drop").await;
        assert!(guest.text(".limits").await.contains("Bis zu 5 Dateien"));
        assert_eq!(guest.text("label.button").await, "Dateien auswählen");
        guest
            .wait_until(
                "request.js writes the count in German",
                "return document.getElementById('count').innerText.includes('0 von 5 Dateien')",
                json!([]),
            )
            .await;
        guest
            .assert_accessible(&scene.axe, &format!("upload request ({scheme})"))
            .await;
        guest
            .goto(&format!("{}?lang=fr", Scene::url(&locked)))
            .await;
        assert_eq!(guest.text("h1").await, "Ce lien est protégé");
        guest
            .assert_accessible(&scene.axe, &format!("upload request unlock ({scheme})"))
            .await;
    }
    guest.screenshot("26-upload-request-unlock-fr-dark").await;
    guest.quit().await;
}
