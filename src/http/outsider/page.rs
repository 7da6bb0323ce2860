//! The page of a request link: what is asked and by whom, the limits, the optional name and
//! email, a drop zone and the files of this visit (`/static/request.js` sends them with tus and
//! keeps the list); the password form first on a protected link; 404, 410 and 429 as pages,
//! as on share links.

use super::{caller, enter, set_visit_cookie};
use crate::error::{Error, Result};
use crate::http::filters::Client;
use crate::http::pages::{self, escape, human_size, icon};
use crate::http::recipient::page::{error_page, html};
use crate::http::reply::header_value;
use crate::requests::intake::{self, Outsider};
use crate::state::AppState;
use std::collections::BTreeMap;
use std::fmt::Write;
use warp::http::{header, StatusCode};
use warp::reply::{Reply, Response};

pub(super) async fn show(token: String, state: AppState, client: Client) -> Response {
    let brand = &state.config.branding.name;
    match enter(&state, &token, &client).await {
        Ok(outsider) => super::answer(
            &outsider,
            html(StatusCode::OK, request_page(brand, &outsider)),
        ),
        Err(Error::Unauthenticated(_)) => {
            let form = pages::password_form_at(brand, &format!("/u/{token}/unlock"), false);
            html(StatusCode::OK, form)
        }
        Err(e) => error_page(&state, &e),
    }
}

/// `HEAD /u/{token}`: the page's status and headers, without its body or a visit cookie.
pub(super) async fn peek(token: String, state: AppState, client: Client) -> Response {
    let mut response = show(token, state, client).await;
    response.headers_mut().remove(header::SET_COOKIE);
    *response.body_mut() = Default::default();
    response
}

pub(super) async fn unlock(
    token: String,
    state: AppState,
    client: Client,
    same_site: Result<()>,
    body: Result<bytes::Bytes>,
) -> Response {
    let body = match same_site.and(body) {
        Ok(body) => body,
        Err(e) => return error_page(&state, &e),
    };
    let password = serde_urlencoded::from_bytes::<BTreeMap<String, String>>(&body)
        .ok()
        .and_then(|mut form| form.remove("password"))
        .unwrap_or_default();
    match intake::unlock(&state, &token, &password, caller(&client)).await {
        Ok(signed) => {
            let mut response = warp::reply().into_response();
            *response.status_mut() = StatusCode::SEE_OTHER;
            response
                .headers_mut()
                .insert(header::LOCATION, header_value(&format!("/u/{token}")));
            set_visit_cookie(&mut response, &token, &signed);
            response
        }
        Err(Error::Unauthenticated(_)) => {
            let brand = &state.config.branding.name;
            let form = pages::password_form_at(brand, &format!("/u/{token}/unlock"), true);
            html(StatusCode::UNAUTHORIZED, form)
        }
        Err(e) => error_page(&state, &e),
    }
}

/// What the request takes, in words: "Up to 5 files · up to 2 GB in all · image/*, .pdf".
fn limits_text(outsider: &Outsider) -> String {
    let request = &outsider.request;
    let mut parts = Vec::new();
    if let Some(max) = request.max_files {
        parts.push(format!(
            "Up to {max} file{}",
            if max == 1 { "" } else { "s" }
        ));
    }
    if let Some(max) = request.max_bytes {
        parts.push(format!("up to {} in all", human_size(max)));
    }
    if !request.allowed_types.is_empty() {
        parts.push(format!("only {}", request.allowed_types.join(", ")));
    }
    parts.join(" · ")
}

fn request_page(brand: &str, outsider: &Outsider) -> String {
    let request = &outsider.request;
    let mut body = String::from("<section class=\"hero\">");
    let _ = write!(body, "<h1>{}</h1>", escape(&request.title));
    if !request.description.is_empty() {
        let _ = write!(
            body,
            "<p class=\"description\">{}</p>",
            escape(&request.description)
        );
    }
    let _ = write!(
        body,
        "<p class=\"meta\"><span>{}Asked by {}</span><span>{}Open until <time datetime=\"{}\">{}</time></span></p>",
        icon("send"),
        escape(&outsider.creator.display_name),
        icon("clock"),
        request.expires_at.to_rfc3339(),
        request.expires_at.format("%-d %B %Y, %H:%M UTC")
    );
    let limits = limits_text(outsider);
    if !limits.is_empty() {
        let _ = write!(body, "<p class=\"limits muted\">{}</p>", escape(&limits));
    }
    body.push_str("</section>");
    let accept = request.allowed_types.join(",");
    let _ = write!(
        body,
        "<section class=\"intake\" data-token=\"{token}\" data-max-files=\"{max_files}\">\
         <div class=\"who\"><label for=\"uploader-name\">Your name <span class=\"muted\">(optional)</span></label>\
         <input id=\"uploader-name\" name=\"uploaderName\" autocomplete=\"name\" maxlength=\"200\">\
         <label for=\"uploader-email\">Your email <span class=\"muted\">(optional)</span></label>\
         <input id=\"uploader-email\" name=\"uploaderEmail\" type=\"email\" autocomplete=\"email\" maxlength=\"200\"></div>\
         <div class=\"drop\" id=\"drop\"><p>{icon}<strong>Drop files here</strong> or</p>\
         <input id=\"file-input\" class=\"sr-only\" type=\"file\" multiple accept=\"{accept}\">\
         <label class=\"button primary\" for=\"file-input\">Choose files</label></div>\
         <p class=\"count muted\" id=\"count\" aria-live=\"polite\"></p>\
         <h2 class=\"sent-title\">Your files</h2>\
         <ul class=\"sent\" id=\"sent\" aria-label=\"Your files\"></ul>\
         <p class=\"muted small\" id=\"none\">Nothing sent yet. Files you send appear here; you can remove them while the link is open. Nobody else who has this link sees them.</p>\
         <noscript><p class=\"error\">Sending files needs JavaScript.</p></noscript></section>",
        token = escape(&outsider.token),
        max_files = request.max_files.map(|m| m.to_string()).unwrap_or_default(),
        icon = icon("files"),
        accept = escape(&accept),
    );
    pages::page_with(brand, &request.title, &body, Some("/static/request.js"))
}
