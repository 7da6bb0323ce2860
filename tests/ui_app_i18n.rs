//! SPEC §11 for the team app, in headless Chromium: every main screen (with its dialogs, the
//! upload panel and the recipient landing) in the language the browser asks for — English,
//! German, then Japanese in the dark theme — with no English sentence of the catalogue left
//! on it, dates and sizes written by the browser's Intl in that language, and no serious or
//! critical axe-core violation.

mod common;

use common::browser::*;
use common::scene::Scene;
use reqwest::Method;
use serde_json::json;

/// The English sentences of web/locales/en/app.ftl (two words or more, no placeholders)
/// that `lang`'s catalogue does not also use, found in the page's text or in its labels,
/// placeholders, titles and alternative texts.
const ENGLISH_LEFT: &str = "
const [lang, done] = [arguments[0], arguments[arguments.length - 1]];
const simple = async (code) => {
  const text = await (await fetch(`/static/locales/${code}/app.ftl`)).text();
  return text.split('\\n').map((l) => l.match(/^[a-z][a-z0-9-]* = ([^{}]+)$/)).filter(Boolean).map((m) => m[1].trim());
};
Promise.all([simple('en'), simple(lang)]).then(([english, theirs]) => {
  const shown = [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')]
    .flatMap((el) => ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) || ''))].join('\\n');
  done(english.filter((s) => s.includes(' ') && !theirs.includes(s) && shown.includes(s)));
}).catch((e) => done([`could not read the catalogues: ${e}`]));";

/// What a user checks on each screen: the page is in `lang`, no English sentence is left on
/// it, and axe-core finds nothing serious.
async fn check(team: &Browser, axe: &str, lang: &str, screen: &str) {
    let declared = team
        .js("return document.documentElement.lang", json!([]))
        .await;
    assert_eq!(declared, lang, "{screen}: <html lang>");
    if lang != "en" {
        let left = team.js_async(ENGLISH_LEFT, json!([lang])).await;
        assert_eq!(
            left,
            json!([]),
            "{screen} ({lang}): English left on the screen"
        );
    }
    team.assert_accessible(axe, &format!("{screen} ({lang})"))
        .await;
}

/// Opens `hash` in the app, waits for `ready` and checks the screen.
async fn visit(scene: &Scene, team: &Browser, lang: &str, hash: &str, ready: &str, screen: &str) {
    team.goto(&format!("{}/{hash}", scene.server.base)).await;
    team.wait_for(ready).await;
    check(team, &scene.axe, lang, screen).await;
}

/// Every main screen of the team app, its dialogs and its upload panel, in `lang`.
async fn tour(scene: &Scene, team: &Browser, lang: &str) {
    let (server, axe) = (&scene.server, scene.axe.as_str());
    // The recipient's side first: its visit gives the share's activity a row.
    team.goto(scene.open["url"].as_str().unwrap()).await;
    team.wait_for("#assets a.thumb").await;
    check(team, axe, lang, "recipient landing, grid").await;
    team.click(".view-button[data-view=list]").await;
    team.wait_for(".view-list .list-head").await;
    check(team, axe, lang, "recipient landing, list").await;
    team.click(".view-button[data-view=grid]").await;
    team.goto(&server.url("/")).await;
    team.wait_for("#sign-in").await;
    check(team, axe, lang, "sign-in").await;
    sign_in(team, server).await;

    let share = Scene::id(&scene.open);
    let request = Scene::id(&scene.request);
    let screens = [
        ("#/assets".to_string(), "#asset-grid .tile", "assets, grid"),
        (
            format!("#/assets/{}", Scene::id(&scene.asset)),
            "#asset-history li",
            "asset",
        ),
        ("#/collections".to_string(), ".coll-card", "collections"),
        (
            format!("#/collections/{}", Scene::id(&scene.collection)),
            "#asset-grid .tile",
            "collection",
        ),
        ("#/shares".to_string(), "#shares-table", "shares"),
        (format!("#/shares/{share}"), "#share-assets", "share page"),
        (
            format!("#/shares/{share}?tab=guests"),
            "#invite",
            "share guests",
        ),
        (
            format!("#/shares/{share}?tab=activity"),
            "#events",
            "share activity",
        ),
        (
            format!("#/shares/{share}?tab=settings"),
            "#share-settings",
            "share settings",
        ),
        ("#/requests".to_string(), "#requests-table", "requests"),
        (
            format!("#/requests/{request}"),
            "#request-stats",
            "request page",
        ),
        ("#/searches".to_string(), "#search-list", "saved searches"),
        ("#/account".to_string(), "#totp-state", "account"),
        (
            "#/admin/shares".to_string(),
            "#shares-table",
            "admin: all shares",
        ),
        ("#/admin/users".to_string(), "#users", "admin: users"),
        (
            "#/admin/policy".to_string(),
            "#policy-allow",
            "admin: sharing policy",
        ),
        (
            "#/admin/webhooks".to_string(),
            "#no-webhooks",
            "admin: webhooks",
        ),
    ];
    for (hash, ready, screen) in &screens {
        visit(scene, team, lang, hash, ready, screen).await;
    }

    // The assets as a list, the share dialog and the panel of a link made with it.
    visit(scene, team, lang, "#/assets", "#asset-grid .tile", "assets").await;
    team.click("[data-mode=list]").await;
    team.wait_for("#asset-list").await;
    check(team, axe, lang, "assets, list").await;
    team.click("[data-mode=grid]").await;
    team.click("#select-visible").await;
    team.click("#share-selection").await;
    team.wait_for("#share-dialog #share-title").await;
    team.screenshot(&format!("24-share-dialog-{lang}")).await;
    check(team, axe, lang, "share dialog").await;
    team.click("#create-share").await;
    team.wait_for("#link-ready #share-url").await;
    check(team, axe, lang, "link ready").await;
    team.press(common::a11y::ESCAPE).await;

    // The request dialog, and the upload panel after a file dropped on the page.
    visit(
        scene,
        team,
        lang,
        "#/requests",
        "#requests-table",
        "requests",
    )
    .await;
    team.click("#request-files").await;
    team.wait_for("#request-dialog").await;
    check(team, axe, lang, "request dialog").await;
    team.press(common::a11y::ESCAPE).await;
    visit(scene, team, lang, "#/assets", "#asset-grid .tile", "assets").await;
    team.js(
        "const files = new DataTransfer(); files.items.add(new File(['hello'], 'notiz.txt', { type: 'text/plain' }));
         window.dispatchEvent(new DragEvent('drop', { dataTransfer: files, cancelable: true }))",
        json!([]),
    )
    .await;
    team.wait_for("#uploads[data-state=done]").await;
    check(team, axe, lang, "upload panel").await;
    team.click("#sign-out").await;
    team.wait_for("#sign-in").await;
}

/// English, the light theme: the same screens with no serious or critical axe violation.
#[tokio::test]
async fn every_team_screen_passes_axe_in_english() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let team = scene.browser().await;
    team.accept_language("en-GB,en").await;
    tour(&scene, &team, "en").await;
    team.quit().await;
}

/// The browser's language, German: every screen speaks it, and dates and sizes come out as
/// German writes them.
#[tokio::test]
async fn every_team_screen_speaks_german_when_the_browser_does() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let team = scene.browser().await;
    team.accept_language("de-DE,de;q=0.9,en;q=0.5").await;
    tour(&scene, &team, "de").await;

    sign_in(&team, &scene.server).await;
    team.goto(&format!("{}/#/shares", scene.server.base)).await;
    team.wait_for("#shares-table").await;
    let created = team
        .js(
            "const row = document.querySelector(`#shares-table tr[data-id='${arguments[0]}']`);
             return [row.cells[6].textContent, new Intl.DateTimeFormat('de', { day: 'numeric', month: 'short', year: 'numeric' })
               .format(new Date(arguments[1]))]",
            json!([Scene::id(&scene.open), scene.open["createdAt"]]),
        )
        .await;
    assert_eq!(created[0], created[1], "the date as German writes it");
    assert!(team.text("#shares-table thead").await.contains("Erstellt"));

    team.goto(&format!(
        "{}/#/assets/{}",
        scene.server.base,
        Scene::id(&scene.asset)
    ))
    .await;
    team.wait_for("#asset-preview").await;
    let facts = team.text(".facts").await;
    let size = scene.asset["size"].as_u64().unwrap();
    assert!(
        facts.contains(&german_size(size)),
        "the size as German writes it ({}): {facts}",
        german_size(size)
    );
    let grouped = team
        .js(
            "return new Intl.NumberFormat('de').format(arguments[0])",
            json!([size]),
        )
        .await;
    assert!(
        facts.contains(&format!("{} Byte", grouped.as_str().unwrap())),
        "{facts}"
    );
    team.screenshot("27-team-asset-de").await;

    // German's longer words still fit a phone's screen.
    let phone = json!({"width": 390, "height": 844});
    team.cmd(Method::POST, "/window/rect", phone).await.unwrap();
    let share = Scene::id(&scene.open);
    for (hash, ready) in [
        ("#/assets".to_string(), "#asset-grid .tile"),
        ("#/shares".to_string(), "#shares-table"),
        (format!("#/shares/{share}"), "#share-assets"),
        (format!("#/shares/{share}?tab=settings"), "#share-settings"),
        ("#/requests".to_string(), "#requests-table"),
        ("#/admin/policy".to_string(), "#policy-allow"),
    ] {
        team.goto(&format!("{}/{hash}", scene.server.base)).await;
        team.wait_for(ready).await;
        // The page is no wider than the screen; when it is, name what sticks out.
        let fits = "return document.documentElement.scrollWidth <= window.innerWidth";
        let wide = "return [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 8).map((e) => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 40)}`)";
        if team.js(fits, json!([])).await != json!(true) {
            panic!(
                "{hash} is wider than a phone in German: {}",
                team.js(wide, json!([])).await
            );
        }
    }
    team.screenshot("29-team-phone-de").await;
    team.quit().await;
}

/// A byte count as the app writes it in German: powers of 1000, a decimal comma below 10.
fn german_size(bytes: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let (mut value, mut unit) = (bytes as f64, 0);
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let digits = if unit == 0 || value >= 10.0 { 0 } else { 1 };
    format!("{value:.digits$} {}", units[unit]).replace('.', ",")
}

/// Japanese from the browser, in the dark theme: every screen speaks it and passes axe.
#[tokio::test]
async fn every_team_screen_speaks_japanese_in_the_dark() {
    let Some(scene) = Scene::new().await else {
        return;
    };
    let team = scene.browser().await;
    team.accept_language("ja-JP,ja").await;
    team.prefer_color_scheme("dark").await;
    tour(&scene, &team, "ja").await;
    sign_in(&team, &scene.server).await;
    team.goto(&format!(
        "{}/#/shares/{}",
        scene.server.base,
        Scene::id(&scene.open)
    ))
    .await;
    team.wait_for("#share-stats").await;
    assert!(team.text("#share-stats").await.contains("利用回数"));
    team.screenshot("28-team-share-ja-dark").await;
    // The English check is not a formality: a sentence left in English is named.
    team.js(
        "document.getElementById('share-stats').append(document.createTextNode('Save changes'))",
        json!([]),
    )
    .await;
    let left = team.js_async(ENGLISH_LEFT, json!(["ja"])).await;
    assert_eq!(left, json!(["Save changes"]));
    team.quit().await;
}
