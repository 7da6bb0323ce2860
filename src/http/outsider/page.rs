//! The page of a request link: what is asked and by whom, the limits, the optional name and
//! email, a drop zone and the files of this visit (`/static/request.js` sends them with tus and
//! keeps the list); the password form first on a protected link; 404, 410 and 429 as pages,
//! as on share links.

use super::{caller, enter, set_visit_cookie};
use crate::error::{Error, Result};
use crate::http::filters::Client;
use crate::http::pages::{self, icon, sentence_with};
use crate::http::recipient::page::{error_page, html, language, password_in};
use crate::http::reply::header_value;
use crate::i18n::Lang;
use crate::requests::intake::{self, Outsider};
use crate::state::AppState;
use maud::html as markup;
use serde::Deserialize;
use warp::http::{header, StatusCode};
use warp::reply::{Reply, Response};

/// The language of the pages, over the browser's (`crate::i18n::LANGUAGES`).
#[derive(Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
}

/// The language of a page: `?lang=`, else the browser's, else English.
fn language_of(query: Result<LangQuery>, client: &Client) -> Lang {
    language(query.unwrap_or_default().lang.as_deref(), client)
}

pub(super) async fn show(
    token: String,
    state: AppState,
    client: Client,
    query: Result<LangQuery>,
) -> Response {
    let lang = language_of(query, &client);
    let brand = &state.config.branding.name;
    match enter(&state, &token, &client).await {
        Ok(outsider) => super::answer(
            &outsider,
            html(StatusCode::OK, request_page(lang, brand, &outsider)),
        ),
        Err(Error::Unauthenticated(_)) => {
            let form = pages::password_form_at(lang, brand, &format!("/u/{token}/unlock"), false);
            html(StatusCode::OK, form)
        }
        Err(e) => error_page(&state, lang, &e),
    }
}

/// `HEAD /u/{token}`: the page's status and headers, without its body or a visit cookie.
pub(super) async fn peek(
    token: String,
    state: AppState,
    client: Client,
    query: Result<LangQuery>,
) -> Response {
    let mut response = show(token, state, client, query).await;
    response.headers_mut().remove(header::SET_COOKIE);
    *response.body_mut() = Default::default();
    response
}

pub(super) async fn unlock(
    token: String,
    state: AppState,
    client: Client,
    query: Result<LangQuery>,
    same_site: Result<()>,
    body: Result<bytes::Bytes>,
) -> Response {
    let lang = language_of(query, &client);
    let body = match same_site.and(body) {
        Ok(body) => body,
        Err(e) => return error_page(&state, lang, &e),
    };
    let password = password_in(&body);
    match intake::unlock(&state, &token, &password, caller(&client)).await {
        Ok(signed) => {
            let mut response = warp::reply().into_response();
            *response.status_mut() = StatusCode::SEE_OTHER;
            response.headers_mut().insert(
                header::LOCATION,
                header_value(&format!("/u/{token}?lang={}", lang.code())),
            );
            set_visit_cookie(&mut response, &token, &signed);
            response
        }
        Err(Error::Unauthenticated(_)) => {
            let brand = &state.config.branding.name;
            let form = pages::password_form_at(lang, brand, &format!("/u/{token}/unlock"), true);
            html(StatusCode::UNAUTHORIZED, form)
        }
        Err(e) => error_page(&state, lang, &e),
    }
}

/// What the request takes, in words: "Up to 5 files · up to 2 GB in all · only image/*, .pdf".
fn limits_text(lang: Lang, outsider: &Outsider) -> String {
    let request = &outsider.request;
    let mut parts = Vec::new();
    if let Some(max) = request.max_files {
        parts.push(lang.tr("request-limit-files", &[("count", max.into())]));
    }
    if let Some(max) = request.max_bytes {
        parts.push(lang.tr("request-limit-size", &[("size", lang.size(max).into())]));
    }
    if !request.allowed_types.is_empty() {
        let types = request.allowed_types.join(", ");
        parts.push(lang.tr("request-limit-types", &[("types", types.into())]));
    }
    parts.join(" · ")
}

fn hero(lang: Lang, outsider: &Outsider) -> maud::Markup {
    let request = &outsider.request;
    let asker = outsider.creator.display_name.as_str();
    let until = markup! {
        time datetime=(request.expires_at.to_rfc3339()) { (lang.date_time(request.expires_at)) }
    };
    let limits = limits_text(lang, outsider);
    markup! {
        section.hero {
            h1 { (request.title) }
            @if !request.description.is_empty() { p.description { (request.description) } }
            p.meta {
                span { (icon("send")) (lang.tr("request-asked-by", &[("name", asker.into())])) }
                span { (icon("clock")) (sentence_with(lang, "request-open-until", &[], "date", until)) }
            }
            @if !limits.is_empty() { p.limits.muted { (limits) } }
        }
    }
}

/// The drop zone and the files of this visit; the words `/static/request.js` writes ride in
/// data attributes ({name}, {status}, {received} are filled in there; `data-errors` holds the
/// message of every API error code, {seconds} and {code} filled in there).
fn intake_section(lang: Lang, outsider: &Outsider) -> maud::Markup {
    let request = &outsider.request;
    let count = request.max_files.map(|max| {
        lang.tr(
            "request-count",
            &[("received", "{received}".into()), ("max", max.into())],
        )
    });
    markup! {
        section.intake data-token=(outsider.token)
            data-max-files=(request.max_files.map(|m| m.to_string()).unwrap_or_default())
            data-count=[count] data-waiting=(lang.t("request-waiting"))
            data-sent=(lang.t("request-sent")) data-remove=(lang.t("request-remove"))
            data-progress=(lang.tr("request-progress", &[("name", "{name}".into())]))
            data-failed=(lang.tr("request-failed", &[("status", "{status}".into())]))
            data-errors=(serde_json::to_string(&lang.error_messages()).unwrap_or_default()) {
            div.who {
                label for="uploader-name" { (lang.t("request-your-name")) " " span.muted { (lang.t("request-optional")) } }
                input #uploader-name name="uploaderName" autocomplete="name" maxlength="200";
                label for="uploader-email" { (lang.t("request-your-email")) " " span.muted { (lang.t("request-optional")) } }
                input #uploader-email name="uploaderEmail" type="email" autocomplete="email" maxlength="200";
            }
            div.drop #drop {
                p { (icon("files")) strong { (lang.t("request-drop")) } " " (lang.t("request-drop-or")) }
                input #file-input.sr-only type="file" multiple accept=(request.allowed_types.join(","));
                label.button.primary for="file-input" { (lang.t("request-choose")) }
            }
            p.count.muted #count aria-live="polite" {}
            h2.sent-title { (lang.t("request-your-files")) }
            ul.sent #sent aria-label=(lang.t("request-your-files")) {}
            p.muted.small #none { (lang.t("request-nothing-sent")) }
            noscript { p.error { (lang.t("request-needs-script")) } }
        }
    }
}

fn request_page(lang: Lang, brand: &str, outsider: &Outsider) -> String {
    let body = markup! { (hero(lang, outsider)) (intake_section(lang, outsider)) };
    let title = &outsider.request.title;
    pages::page_with(lang, brand, title, body, Some("/static/request.js"))
}
