//! The recipient side: `/s/{token}` (page, unlock, manifest, files, zip) and `/d/{token}`.
//! Every route opens its link with `Links::enter`, decides what it wants with the access rule
//! (counting nothing), makes everything ready that can still fail, and only then is admitted,
//! which starts a visit (one use) when the rule said so.
//! `page` answers in HTML (landing, password form, error pages); `files` answers with data
//! (manifest, files, zips, the direct link).

mod files;
pub(crate) mod page;
mod sheet;

use crate::assets::Asset;
use crate::error::{Error, Result};
use crate::http::api::any_of;
use crate::http::filters::{client, cookie, limited_body, query, same_site, with_state, Client};
use crate::http::methods;
use crate::http::pages::{self, Landing, Tile};
use crate::http::reply::{self, content_disposition, counted, header_value, Representation};
use crate::i18n::Lang;
use crate::metrics::Metrics;
use crate::server::Routes;
use crate::shares::access::Want;
use crate::shares::download_all;
use crate::shares::events::EventKind;
use crate::shares::links::{self, Entering, Go, Granted, Opened, Requester};
use crate::shares::variants::{self, Variant};
use crate::shares::{Access, Share};
use crate::state::AppState;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use uuid::Uuid;
use warp::http::{header, StatusCode};
use warp::reply::Response;
use warp::Filter;

const VISIT_COOKIE: &str = "hv";

#[derive(Deserialize, Default)]
pub struct LinkQuery {
    /// The signed visit, for clients without cookies.
    v: Option<String>,
    download: Option<String>,
    variants: Option<String>,
    /// The language of the pages, over the browser's (`crate::i18n::LANGUAGES`).
    lang: Option<String>,
}

impl LinkQuery {
    fn wants_download(&self) -> bool {
        matches!(self.download.as_deref(), Some("1" | "true" | "yes"))
    }
}

/// The password form is one short field; a longer body is refused (413), not checked.
const UNLOCK_FORM_BYTES: u64 = 64 * 1024;

pub fn routes(state: AppState) -> Routes {
    let public_url = state.config.public_url();
    let s = move || with_state(state.clone());
    let get_or_head = || methods::get().or(methods::head()).unify();
    any_of![
        warp::path!("s" / String)
            .and(methods::get())
            .and(query())
            .and(s())
            .and(client())
            .then(page::landing)
            .boxed(),
        // HEAD answers whether the link works, without starting a visit: link checkers and
        // chat previews do not use up a link.
        warp::path!("s" / String)
            .and(methods::head())
            .and(s())
            .and(client())
            .then(|t, s, c| files::peek(t, s, c, "text/html; charset=utf-8"))
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "manifest.json")
            .and(methods::head())
            .and(s())
            .and(client())
            .then(|t, s, c| files::peek(t, s, c, "application/json"))
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "unlock")
            .and(methods::post())
            .and(query())
            .and(s())
            .and(client())
            .and(same_site(public_url))
            .and(limited_body(UNLOCK_FORM_BYTES))
            .then(page::unlock)
            .boxed(),
        warp::path!("s" / String / "manifest.json")
            .and(methods::get())
            .and(query())
            .and(s())
            .and(client())
            .then(files::manifest)
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "assets" / Uuid / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(|t, a, v: String, q, s, c| files::variant(t, a, v, q, s, c))
            .map(reply::finish)
            .boxed(),
        // `presets/NAME` and `pages/N`
        warp::path!("s" / String / "assets" / Uuid / String / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(|t, a, group: String, name: String, q, s, c| {
                files::variant(t, a, format!("{group}/{name}"), q, s, c)
            })
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "download.zip")
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(files::download_all)
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "contact-sheet.pdf")
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(sheet::contact_sheet)
            .map(reply::finish)
            .boxed(),
        warp::path!("d" / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(files::direct)
            .map(reply::finish)
            .boxed(),
    ]
}

fn requester(client: &Client) -> Requester {
    Requester {
        address: client.address,
        user_agent: client.user_agent.clone(),
        resuming: client.headers.contains_key(header::RANGE),
        head: client.method == warp::http::Method::HEAD,
    }
}

/// Opens the link for a request, with the visit it carries (`v`, or the cookie).
async fn enter(
    state: &AppState,
    token: &str,
    query: &LinkQuery,
    client: &Client,
) -> Result<Entering> {
    let visit = query
        .v
        .clone()
        .or_else(|| cookie(&client.headers, VISIT_COOKIE));
    state
        .links
        .enter(token, visit.as_deref(), requester(client))
        .await
}

/// Decides what a data route wants: a password still needed is a 401 here, before anything
/// about the request itself is told.
fn decide_data(entering: &Entering, want: Want) -> Result<Go> {
    match entering.decide(want)? {
        Go::Password => Err(links::password_needed()),
        go => Ok(go),
    }
}

/// The answer of an admitted request: with the visit cookie when the request began the visit.
fn answer(granted: &Granted, mut response: Response) -> Response {
    if let (true, Some(signed)) = (granted.started, &granted.signed) {
        set_visit_cookie(&mut response, &granted.opened.token, signed);
    }
    response
}

/// The visit cookie, for the link's pages and files (`/s/TOKEN`) and its direct link (`/d/TOKEN`).
fn set_visit_cookie(response: &mut Response, token: &str, signed: &str) {
    let max_age = links::VISIT_HOURS * 3600;
    for prefix in ["s", "d"] {
        let cookie = format!("{VISIT_COOKIE}={signed}; Path=/{prefix}/{token}; HttpOnly; Secure; SameSite=Lax; Max-Age={max_age}");
        response
            .headers_mut()
            .append(header::SET_COOKIE, header_value(&cookie));
    }
}

fn variant_url(
    token: &str,
    asset: &Asset,
    variant: &Variant,
    signed: &str,
    download: bool,
) -> String {
    let suffix = if download { "&download=1" } else { "" };
    format!(
        "/s/{token}/assets/{}/{}?v={signed}{suffix}",
        asset.id,
        variant.name()
    )
}

/// The attachments of `asset` the link hands out, each with its variant (none on view-only links).
fn offered_attachments<'a>(
    opened: &'a Opened,
    asset: &Asset,
) -> impl Iterator<Item = (&'a crate::attachments::Attachment, Variant)> + 'a {
    let offered =
        opened.share.access == Access::Download && opened.share.download_options.attachments;
    opened
        .attachments_of(asset.id)
        .filter(move |_| offered)
        .map(|a| (a, Variant::Attachment(a.id)))
}

/// The label of a built-in attribute in the reader's language; `None` for a key of the
/// team's own, which is their word, not ours to translate.
fn built_in_label(lang: Lang, key: &str) -> Option<String> {
    let id = match key {
        "type" => "column-type",
        "size" => "column-size",
        "dimensions" => "column-dimensions",
        "duration" => "column-duration",
        _ => return None,
    };
    Some(lang.t(id))
}

/// The attributes the share shows for an asset, by the keys it lists.
fn shown_attributes(share: &Share, asset: &Asset) -> BTreeMap<String, String> {
    let mut shown = BTreeMap::new();
    for key in &share.show_attributes {
        let value = match key.as_str() {
            "name" => Some(asset.name.clone()),
            "type" => Some(asset.mime_type.clone()),
            "size" => Some(asset.size.to_string()),
            "dimensions" => match (
                asset.attributes.get("width"),
                asset.attributes.get("height"),
            ) {
                (Some(w), Some(h)) => Some(format!("{w}×{h}")),
                _ => None,
            },
            other => asset.attributes.get(other).cloned(),
        };
        if let Some(value) = value {
            shown.insert(key.clone(), value);
        }
    }
    shown
}
