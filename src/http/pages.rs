//! Server-rendered pages of the recipient side: landing, password form, 404, 410 and 429,
//! in the recipient's language (`crate::i18n`). The markup comes from maud templates, which
//! escape every value they are given: nothing here builds HTML from strings. The pages work
//! without JavaScript; `/static/share.js` adds the grid/list switch, the lightbox and media
//! playback. No inline styles or scripts (the CSP forbids them): classes only.

mod landing;

pub use landing::{landing, Choice, Landing, Tile};

use crate::error::GoneReason;
use crate::i18n::{Lang, LANGUAGES};
use fluent_bundle::FluentValue;
use maud::{html, Markup, DOCTYPE};

/// An icon of the sprite `/static/icons.svg` (24×24 strokes), shared with the team app.
pub fn icon(name: &str) -> Markup {
    html! {
        svg.icon viewBox="0 0 24 24" aria-hidden="true" focusable="false" {
            use href={ "/static/icons.svg#" (name) } {}
        }
    }
}

/// The names of the languages in themselves, for the language menu.
fn endonym(code: &str) -> &'static str {
    match code {
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "nl" => "Nederlands",
        "ja" => "日本語",
        _ => "English",
    }
}

/// The page shell: head, brand bar with the language menu, and `body` as the main content.
pub fn page(lang: Lang, brand: &str, title: &str, body: Markup, with_script: bool) -> String {
    let script = with_script.then_some("/static/share.js");
    page_with(lang, brand, title, body, script)
}

/// The page shell with the module script at `script` if any (an upload request has its own).
pub fn page_with(
    lang: Lang,
    brand: &str,
    title: &str,
    body: Markup,
    script: Option<&str>,
) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                meta name="robots" content="noindex, nofollow";
                meta name="color-scheme" content="light dark";
                title { (title) " · " (brand) }
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/static/share.css";
                @if let Some(src) = script {
                    script type="module" src=(src) {}
                }
            }
            body {
                a.skip href="#content" { (lang.t("skip-to-content")) }
                header.top {
                    div.wrap {
                        span.brand { span.logo { (icon("send")) } (brand) }
                        (language_menu(lang))
                    }
                }
                main #content .wrap { (body) }
            }
        }
    }
    .into_string()
}

/// Links to the page in each language (`?lang=`), the current one marked.
fn language_menu(lang: Lang) -> Markup {
    html! {
        details.menu.languages {
            summary.button.ghost aria-label=(lang.t("language")) {
                span { (endonym(lang.code())) } (icon("chevron"))
            }
            ul role="list" {
                @for code in LANGUAGES {
                    li {
                        a href={ "?lang=" (code) } lang=(code) hreflang=(code)
                            aria-current=[(code == lang.code()).then_some("true")] {
                            (endonym(code))
                        }
                    }
                }
            }
        }
    }
}

/// A centred card for the pages that stand in for the share: password, 404, 410, 429.
pub fn card(kind: &str, icon_name: &str, heading: &str, body: Markup) -> Markup {
    html! {
        section class={ "card " (kind) } aria-labelledby="card-title" {
            div.badge-icon { (icon(icon_name)) }
            h1 #card-title { (heading) }
            (body)
        }
    }
}

/// A translated sentence with markup in place of its argument `arg` (and plain text for the
/// arguments `plain`): the words are escaped, the markup is put where the language puts it.
pub fn sentence_with(
    lang: Lang,
    id: &str,
    plain: &[(&str, FluentValue)],
    arg: &str,
    part: Markup,
) -> Markup {
    const MARK: &str = "\u{E000}";
    let mut args = plain.to_vec();
    args.push((arg, FluentValue::from(MARK)));
    let text = lang.tr(id, &args);
    let (before, after) = text.split_once(MARK).unwrap_or((&text, ""));
    html! { (before) (part) (after) }
}

pub fn not_found(lang: Lang, brand: &str) -> String {
    let title = lang.t("not-found-title");
    let body = html! {
        p { (lang.t("not-found-body")) }
        p.muted { (lang.t("not-found-hint")) }
    };
    page(
        lang,
        brand,
        &title,
        card("not-found", "search", &title, body),
        false,
    )
}

/// The 410 page: which of the reasons, and whom to ask.
pub fn gone(lang: Lang, brand: &str, reason: GoneReason) -> String {
    gone_with_contact(lang, brand, reason, None)
}

/// The heading, the explanation and the icon of a 410.
fn gone_words(reason: GoneReason) -> (&'static str, &'static str, &'static str) {
    match reason {
        GoneReason::Expired => ("gone-expired", "gone-why-expired", "clock"),
        GoneReason::RecipientExpired => ("gone-recipient-expired", "gone-why-expired", "clock"),
        GoneReason::Disabled => ("gone-disabled", "gone-why-disabled", "lock"),
        GoneReason::UsedUp => ("gone-used-up", "gone-why-used-up", "lock"),
        GoneReason::CreatorDeleted => ("gone-creator-deleted", "gone-why-creator-deleted", "x"),
        GoneReason::RecipientRemoved => (
            "gone-recipient-removed",
            "gone-why-recipient-removed",
            "lock",
        ),
        GoneReason::AssetUnavailable => {
            ("gone-asset-unavailable", "gone-why-asset-unavailable", "x")
        }
    }
}

/// The 410 page naming the person to ask (the share's owner), when the caller knows them.
pub fn gone_with_contact(
    lang: Lang,
    brand: &str,
    reason: GoneReason,
    contact: Option<&str>,
) -> String {
    let (heading, explain, icon_name) = gone_words(reason);
    let heading = lang.t(heading);
    let body = html! {
        div data-reason=(reason.code()) {
            p { (lang.t(explain)) }
            p.ask {
                @match contact {
                    Some(who) => (sentence_with(lang, "gone-ask-named", &[], "who", html! { strong { (who) } })),
                    None => (lang.t("gone-ask")),
                }
            }
        }
    };
    page(
        lang,
        brand,
        &heading,
        card("gone", icon_name, &heading, body),
        false,
    )
}

/// The form of a protected link. It names nothing of the share (not even its title): before
/// the password, a recipient learns only that the link is protected.
pub fn password_form(lang: Lang, brand: &str, token: &str, wrong: bool) -> String {
    password_form_at(lang, brand, &format!("/s/{token}/unlock"), wrong)
}

/// The password form, posting to `action` (a share's or an upload request's unlock route).
pub fn password_form_at(lang: Lang, brand: &str, action: &str, wrong: bool) -> String {
    let body = html! {
        p.muted { (lang.t("unlock-intro")) }
        @if wrong {
            p.error #password-error role="alert" { (lang.t("unlock-wrong")) }
        }
        form method="post" action={ (action) "?lang=" (lang.code()) } class="unlock" {
            label for="password" { (lang.t("unlock-password")) }
            input #password name="password" type="password" autocomplete="current-password"
                required autofocus
                aria-describedby=[wrong.then_some("password-error")]
                aria-invalid=[wrong.then_some("true")];
            button.button.primary type="submit" { (lang.t("unlock-open")) }
        }
        p.muted.small { (lang.t("unlock-no-password")) }
    };
    let card = card("password", "lock", &lang.t("unlock-heading"), body);
    page(lang, brand, &lang.t("unlock-title"), card, false)
}

pub fn too_many_attempts(lang: Lang, brand: &str, seconds: u64) -> String {
    let wait = match seconds < 120 {
        true => lang.tr("slow-seconds", &[("count", seconds.into())]),
        false => lang.tr("slow-minutes", &[("count", seconds.div_ceil(60).into())]),
    };
    let body = html! {
        p { (lang.tr("slow-body", &[("wait", wait.into())])) }
        p.muted { (lang.t("slow-lost")) }
    };
    let title = lang.t("slow-title");
    page(
        lang,
        brand,
        &title,
        card("slow-down", "clock", &title, body),
        false,
    )
}

#[cfg(test)]
mod tests;
