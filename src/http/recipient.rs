//! The recipient side: `/s/{token}` (page, unlock, manifest, files, zip) and `/d/{token}`.
//! Every route goes through `entry::enter`, which applies the access rule.

use crate::assets::Asset;
use crate::error::{Error, Result};
use crate::http::api::any_of;
use crate::http::filters::{client, cookie, limited_body, query, with_state, Client};
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
    let get_or_head = || warp::get().or(warp::head()).unify();
    any_of![
        warp::path!("s" / String)
            .and(warp::get())
            .and(query())
            .and(s())
            .and(client())
            .then(landing)
            .boxed(),
        warp::path!("s" / String / "unlock")
            .and(warp::post())
            .and(s())
            .and(client())
            .and(limited_body(64 * 1024))
            .then(unlock)
            .boxed(),
        warp::path!("s" / String / "manifest.json")
            .and(warp::get())
            .and(query())
            .and(s())
            .and(client())
            .then(manifest)
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "assets" / Uuid / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(|t, a, v: String, q, s, c| variant(t, a, v, q, s, c))
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "assets" / Uuid / "presets" / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(|t, a, p: String, q, s, c| variant(t, a, format!("presets/{p}"), q, s, c))
            .map(reply::finish)
            .boxed(),
        warp::path!("s" / String / "download.zip")
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(download_all)
            .map(reply::finish)
            .boxed(),
        warp::path!("d" / String)
            .and(get_or_head())
            .and(query())
            .and(s())
            .and(client())
            .then(direct)
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

/// Opens the link for a file or data route: a password still needed is a 401 here.
async fn granted(
    state: &AppState,
    token: &str,
    query: &LinkQuery,
    client: &Client,
) -> Result<(Opened, String, bool)> {
    match enter(state, token, query, client).await? {
        Entry::Granted {
            opened,
            signed,
            started,
            ..
        } => Ok((opened, signed, started)),
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

fn html(status: StatusCode, body: String) -> Response {
    let mut response = warp::reply::html(body).into_response_with(status);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header_value("no-store"));
    response
}

trait WithStatus {
    fn into_response_with(self, status: StatusCode) -> Response;
}

impl<T: warp::Reply> WithStatus for T {
    fn into_response_with(self, status: StatusCode) -> Response {
        let mut response = self.into_response();
        *response.status_mut() = status;
        response
    }
}

/// Errors of page routes as pages.
fn error_page(state: &AppState, error: &Error) -> Response {
    let brand = &state.config.branding.name;
    match error {
        Error::NotFound(_) => html(StatusCode::NOT_FOUND, pages::not_found(brand)),
        Error::Gone(reason) => html(StatusCode::GONE, pages::gone(brand, *reason)),
        Error::TooManyAttempts(secs) => {
            let mut response = html(
                StatusCode::TOO_MANY_REQUESTS,
                pages::too_many_attempts(brand, *secs),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, (*secs).into());
            response
        }
        other => reply::error_response(other),
    }
}

async fn landing(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Response {
    let query = query.unwrap_or_default();
    match enter(&state, &token, &query, &client).await {
        Ok(Entry::NeedsPassword(opened)) => html(
            StatusCode::OK,
            pages::password_form(
                &state.config.branding.name,
                &opened.share.title,
                &token,
                false,
            ),
        ),
        Ok(Entry::Granted {
            opened,
            signed,
            started,
            ..
        }) => match landing_page(&state, &opened, &signed).await {
            Ok(body) => {
                let mut response = html(StatusCode::OK, body);
                if started {
                    set_visit_cookie(&mut response, &token, &signed);
                }
                response
            }
            Err(e) => error_page(&state, &e),
        },
        Err(e) => error_page(&state, &e),
    }
}

async fn unlock(
    token: String,
    state: AppState,
    client: Client,
    body: Result<bytes::Bytes>,
) -> Response {
    let password = body
        .ok()
        .and_then(|b| serde_urlencoded::from_bytes::<BTreeMap<String, String>>(&b).ok())
        .and_then(|mut form| form.remove("password"))
        .unwrap_or_default();
    match entry::unlock(&state, &token, &password, &requester(&client)).await {
        Ok(Entry::Granted { signed, .. }) => {
            let mut response = warp::reply().into_response_with(StatusCode::SEE_OTHER);
            response
                .headers_mut()
                .insert(header::LOCATION, header_value(&format!("/s/{token}")));
            set_visit_cookie(&mut response, &token, &signed);
            response
        }
        Ok(Entry::NeedsPassword(_)) => error_page(
            &state,
            &Error::internal("unlock asked for a password again"),
        ),
        Err(Error::Unauthenticated(_)) => {
            let title = entry::open(&state, &token)
                .await
                .map(|o| o.share.title)
                .unwrap_or_default();
            html(
                StatusCode::UNAUTHORIZED,
                pages::password_form(&state.config.branding.name, &title, &token, true),
            )
        }
        Err(e) => error_page(&state, &e),
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

async fn landing_page(state: &AppState, opened: &Opened, signed: &str) -> Result<String> {
    let share = &opened.share;
    let assets = opened.servable_assets();
    let offered = variants::offered_downloads(share, &assets);
    let token = &opened.token;
    let view_only = share.access == Access::View;
    let may_original = variants::may_download(share, &Variant::Original).is_ok();
    let label = |key: &str| -> String {
        match key {
            "type" => "Type".into(),
            "size" => "Size".into(),
            "dimensions" => "Dimensions".into(),
            "duration" => "Duration".into(),
            other => {
                let mut chars = other.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    };
    let variant_label = |v: &Variant| -> String {
        match v {
            Variant::Original => "Original".into(),
            Variant::Preview => "Preview".into(),
            Variant::Thumbnail => "Thumbnail".into(),
            Variant::Preset(name) => format!("Preset “{name}”"),
        }
    };
    let columns: Vec<String> = share
        .show_attributes
        .iter()
        .filter(|k| k.as_str() != "name")
        .take(8)
        .cloned()
        .collect();
    let tiles = assets
        .iter()
        .map(|asset| {
            let shown = shown_attributes(share, asset);
            let facts = columns
                .iter()
                .map(|key| {
                    let value = match (key.as_str(), shown.get(key)) {
                        ("size", Some(_)) => pages::human_size(asset.size),
                        (_, Some(v)) => v.clone(),
                        (_, None) => "—".into(),
                    };
                    (label(key), value)
                })
                .collect();
            let inline_original = may_original && variants::inline_safe(&asset.mime_type);
            let preview = if asset.kind == crate::assets::Kind::Image {
                if variants::ready(share, asset, &Variant::Preview) {
                    Some(variant_url(token, asset, &Variant::Preview, signed, false))
                } else if inline_original {
                    Some(variant_url(token, asset, &Variant::Original, signed, false))
                } else {
                    variants::ready(share, asset, &Variant::Thumbnail)
                        .then(|| variant_url(token, asset, &Variant::Thumbnail, signed, false))
                }
            } else {
                None
            };
            let media = matches!(
                asset.kind,
                crate::assets::Kind::Video | crate::assets::Kind::Audio
            )
            .then_some(())
            .filter(|_| inline_original)
            .map(|_| variant_url(token, asset, &Variant::Original, signed, false));
            let downloads = offered
                .iter()
                .map(|v| pages::Choice {
                    label: variant_label(v),
                    url: variant_url(token, asset, v, signed, true),
                    size: variants::file_of(share, asset, v).map(|f| f.fingerprint.size),
                })
                .collect();
            Tile {
                id: asset.id.to_string(),
                name: asset.name.clone(),
                kind: serde_json::to_value(asset.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "other".into()),
                mime_type: asset.mime_type.clone(),
                size: asset.size,
                thumbnail: variants::ready(share, asset, &Variant::Thumbnail)
                    .then(|| variant_url(token, asset, &Variant::Thumbnail, signed, false)),
                preview,
                media,
                facts,
                downloads,
            }
        })
        .collect();
    // "Download all": everything the link offers, or one variant (or the CSV) alone; the
    // exact size of each zip is known before it is sent.
    let mut download_all = Vec::new();
    let csv = share.download_options.attributes && !view_only;
    if !view_only && (assets.len() > 1 || csv) && (!offered.is_empty() || csv) {
        let url = |variants: Option<&str>| match variants {
            Some(v) => format!("/s/{token}/download.zip?v={signed}&variants={v}"),
            None => format!("/s/{token}/download.zip?v={signed}"),
        };
        let size = |variants: Option<&str>| {
            download_all::plan(share, &assets, variants, &state.blobs)
                .ok()
                .map(|p| p.layout.len())
        };
        let several = offered.len() > 1 || (csv && !offered.is_empty());
        download_all.push(pages::Choice {
            label: if several {
                "Everything".into()
            } else {
                "All files".into()
            },
            url: url(None),
            size: size(None),
        });
        if several {
            for v in &offered {
                let name = v.name();
                download_all.push(pages::Choice {
                    label: format!("{} only", variant_label(v)),
                    url: url(Some(&name)),
                    size: size(Some(&name)),
                });
            }
            if csv {
                download_all.push(pages::Choice {
                    label: "Attributes (CSV) only".into(),
                    url: url(Some("attributes")),
                    size: size(Some("attributes")),
                });
            }
        }
    }
    let total: u64 = assets.iter().map(|a| a.size).sum();
    let summary = format!(
        "{} file{} · {}",
        assets.len(),
        if assets.len() == 1 { "" } else { "s" },
        pages::human_size(total)
    );
    Ok(pages::landing(&Landing {
        brand: &state.config.branding.name,
        title: &share.title,
        description: &share.description,
        summary,
        expires_at: share
            .expires_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        expires_text: share.expires_at.format("%-d %b %Y, %H:%M UTC").to_string(),
        uses_left: share.uses_remaining(),
        view_only,
        columns: columns.iter().map(|k| label(k)).collect(),
        tiles,
        download_all,
    }))
}

async fn manifest(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let (opened, signed, started) = granted(&state, &token, &query, &client).await?;
    let share = &opened.share;
    let assets = opened.servable_assets();
    let offered = variants::offered_downloads(share, &assets);
    let items: Vec<_> = assets
        .iter()
        .map(|asset| {
            let viewable: BTreeMap<String, String> = [Variant::Thumbnail, Variant::Preview]
                .iter()
                .filter(|v| variants::ready(share, asset, v))
                .map(|v| (v.name(), variant_url(&token, asset, v, &signed, false)))
                .collect();
            let downloads: BTreeMap<String, String> = offered
                .iter()
                .map(|v| (v.name(), variant_url(&token, asset, v, &signed, true)))
                .collect();
            serde_json::json!({
                "id": asset.id,
                "name": asset.name,
                "size": asset.size,
                "mimeType": asset.mime_type,
                "kind": asset.kind,
                "attributes": shown_attributes(share, asset),
                "variants": viewable,
                "downloads": downloads,
            })
        })
        .collect();
    let download_all = (share.access == Access::Download && !offered.is_empty())
        .then(|| format!("/s/{token}/download.zip?v={signed}"));
    let body = serde_json::json!({
        "title": share.title,
        "description": share.description,
        "expiresAt": share.expires_at,
        "maxUses": share.max_uses,
        "usesRemaining": share.uses_remaining(),
        "access": share.access,
        "watermark": share.watermark,
        "downloadVariants": offered.iter().map(Variant::name).collect::<Vec<_>>(),
        "attributesCsv": share.access == Access::Download && share.download_options.attributes,
        "assets": items,
        "downloadAll": download_all,
        "visit": signed,
    });
    let mut response = reply::json(&body);
    if started {
        set_visit_cookie(&mut response, &token, &signed);
    }
    Ok(response)
}

async fn variant(
    token: String,
    asset_id: Uuid,
    name: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let variant = Variant::parse(&name).ok_or(Error::NotFound("variant"))?;
    let (opened, signed, started) = granted(&state, &token, &query, &client).await?;
    let share = &opened.share;
    let asset = opened
        .servable_assets()
        .into_iter()
        .find(|a| a.id == asset_id)
        .ok_or(Error::NotFound("asset in this share"))?;
    let download =
        query.wants_download() || (variant == Variant::Original && !variants::plays_inline(&asset));
    match download {
        true => variants::may_download(share, &variant)?,
        false => variants::may_view(share, &asset, &variant)?,
    }
    let file = variants::file_of(share, &asset, &variant)
        .ok_or(Error::NotFound("this variant (not made, or not ready yet)"))?;
    let attachment = query.wants_download() || !variants::inline_safe(&file.mime_type);
    let kind = if download {
        EventKind::Download
    } else {
        EventKind::Preview
    };
    let mut response = send_file(
        &state, &opened, &client, &asset, &variant, file, attachment, kind,
    )?;
    if started {
        set_visit_cookie(&mut response, &token, &signed);
    }
    Ok(response)
}

/// One file of an asset, with ranges, its event and the sandbox for anything not shown inline.
#[allow(clippy::too_many_arguments)]
fn send_file(
    state: &AppState,
    opened: &Opened,
    client: &Client,
    asset: &Asset,
    variant: &Variant,
    file: variants::VariantFile,
    attachment: bool,
    kind: EventKind,
) -> Result<Response> {
    let name = match variant {
        Variant::Original => asset.name.clone(),
        _ => format!(
            "{} ({}).{}",
            asset.name,
            variant.name().replace('/', " "),
            if file.mime_type == "image/png" {
                "png"
            } else {
                "jpg"
            }
        ),
    };
    let rep = Representation {
        len: file.fingerprint.size,
        etag: format!("\"{}\"", &file.fingerprint.sha256[..32]),
        content_type: file.mime_type.clone(),
        disposition: Some(content_disposition(attachment, &name)),
        cache_control: if *variant == Variant::Original {
            "private, no-cache"
        } else {
            "private, max-age=86400"
        },
        last_modified: Some(asset.created_at),
    };
    let path = state.blobs.path(&file.fingerprint.sha256);
    let recorder = recorder(
        state,
        opened,
        client,
        kind,
        Some(asset.id),
        Some(variant.name()),
    );
    let mut response = reply::ranged(&client.method, &client.headers, &rep, |range| {
        counted(reply::file_stream(path, range), recorder)
    })?;
    if attachment {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            header_value("sandbox; default-src 'none'"),
        );
    }
    Ok(response)
}

/// Records the event with the bytes actually sent, when the body ends or the client leaves.
fn recorder(
    state: &AppState,
    opened: &Opened,
    client: &Client,
    kind: EventKind,
    asset: Option<Uuid>,
    variant: Option<String>,
) -> impl FnOnce(u64) + Send + Sync + 'static {
    let events = state.events.clone();
    let metrics = state.metrics.clone();
    let mut event = requester(client).event(kind, opened.recipient_id);
    event.asset_id = asset;
    event.variant = variant;
    let share_id = opened.share.id;
    metrics.active_downloads.fetch_add(1, Ordering::Relaxed);
    move |sent| {
        metrics.active_downloads.fetch_sub(1, Ordering::Relaxed);
        Metrics::add(&metrics.bytes_sent, sent);
        event.bytes = Some(sent);
        events.record(share_id, event);
    }
}

async fn download_all(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let (opened, signed, started) = granted(&state, &token, &query, &client).await?;
    let mut response = bundle_response(&state, &opened, query.variants.as_deref(), &client).await?;
    if started {
        set_visit_cookie(&mut response, &token, &signed);
    }
    Ok(response)
}

async fn bundle_response(
    state: &AppState,
    opened: &Opened,
    variants: Option<&str>,
    client: &Client,
) -> Result<Response> {
    let share = &opened.share;
    if share.access == Access::View {
        return Err(Error::forbidden(
            "this link is view-only: nothing can be downloaded",
        ));
    }
    let assets = opened.servable_assets();
    let plan = download_all::plan(share, &assets, variants, &state.blobs)?;
    let rep = Representation {
        len: plan.layout.len(),
        etag: plan.etag.clone(),
        content_type: "application/zip".into(),
        disposition: Some(content_disposition(true, &plan.file_name)),
        cache_control: "private, no-cache",
        last_modified: Some(plan.modified),
    };
    let recorder = recorder(
        state,
        opened,
        client,
        EventKind::Bundle,
        None,
        variants.map(str::to_string),
    );
    let layout = plan.layout;
    reply::ranged(&client.method, &client.headers, &rep, |range| {
        counted(crate::bundle::stream(layout, range), recorder)
    })
}

/// A direct download: the one asset's original, or the zip of all.
async fn direct(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let (opened, signed, started) = granted(&state, &token, &query, &client).await?;
    let assets = opened.servable_assets();
    let mut response = match assets.as_slice() {
        [only] => {
            variants::may_download(&opened.share, &Variant::Original)?;
            let file = variants::file_of(&opened.share, only, &Variant::Original)
                .ok_or(Error::NotFound("file"))?;
            send_file(
                &state,
                &opened,
                &client,
                only,
                &Variant::Original,
                file,
                true,
                EventKind::Download,
            )
        }
        _ => bundle_response(&state, &opened, query.variants.as_deref(), &client).await,
    }?;
    if started {
        set_visit_cookie(&mut response, &token, &signed);
    }
    Ok(response)
}
