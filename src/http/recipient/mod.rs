//! The recipient side: `/s/{token}` (page, unlock, manifest, files, zip) and `/d/{token}`.
//! Every route goes through `entry::enter`, which applies the access rule.
//! `page` answers in HTML (landing, password form, error pages); `files` answers with data
//! (manifest, files, zips, the direct link).

mod files;
mod page;

use crate::assets::Asset;
use crate::error::{Error, Result};
use crate::http::api::any_of;
use crate::http::filters::{client, cookie, limited_body, query, with_state, Client};
use crate::http::methods;
use crate::http::pages::{self, Landing, Tile};
use crate::http::reply::{self, content_disposition, counted, header_value, Representation};
use crate::metrics::Metrics;
use crate::server::Routes;
use crate::shares::download_all;
use crate::shares::entry::{self, Entry, Opened, Requester};
use crate::shares::events::EventKind;
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
}

impl LinkQuery {
    fn wants_download(&self) -> bool {
        matches!(self.download.as_deref(), Some("1" | "true" | "yes"))
    }
}

pub fn routes(state: AppState) -> Routes {
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
            .then(|t, s| files::peek(t, s, "text/html; charset=utf-8"))
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "manifest.json")
            .and(methods::head())
            .and(s())
            .then(|t, s| files::peek(t, s, "application/json"))
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "unlock")
            .and(methods::post())
            .and(s())
            .and(client())
            .and(limited_body(64 * 1024))
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
        warp::path!("s" / String / "assets" / Uuid / "presets" / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(|t, a, p: String, q, s, c| files::variant(t, a, format!("presets/{p}"), q, s, c))
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
    }
}

async fn enter(state: &AppState, token: &str, query: &LinkQuery, client: &Client) -> Result<Entry> {
    let visit = query
        .v
        .clone()
        .or_else(|| cookie(&client.headers, VISIT_COOKIE));
    entry::enter(state, token, visit.as_deref(), &requester(client)).await
}

/// A data route's open link and the visit it rides on.
struct Granted {
    opened: Opened,
    signed: String,
    /// This request began the visit: its answer sets the cookie.
    started: bool,
}

impl Granted {
    fn answer(&self, mut response: Response) -> Response {
        if self.started {
            set_visit_cookie(&mut response, &self.opened.token, &self.signed);
        }
        response
    }
}

/// Opens the link for a file or data route: a password still needed is a 401 here.
async fn granted(
    state: &AppState,
    token: &str,
    query: &LinkQuery,
    client: &Client,
) -> Result<Granted> {
    match enter(state, token, query, client).await? {
        Entry::Granted {
            opened,
            signed,
            started,
            ..
        } => Ok(Granted {
            opened,
            signed,
            started,
        }),
        Entry::NeedsPassword(_) => Err(Error::Unauthenticated(
            "this link needs its password: POST it to /s/{token}/unlock".into(),
        )),
    }
}

/// The visit cookie, for the link's pages and files (`/s/TOKEN`) and its direct link (`/d/TOKEN`).
fn set_visit_cookie(response: &mut Response, token: &str, signed: &str) {
    let max_age = entry::VISIT_HOURS * 3600;
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
