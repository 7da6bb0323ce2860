//! Assets (upload, list, read, change, delete, files) and collections.

use crate::accounts::{Permission, Principal};
use crate::assets::{self, AssetStatus, Changes, Kind, Query};
use crate::error::{Error, Result};
use crate::http::api::nullable;
use crate::http::filters::Client;
use crate::http::reply::{self, content_disposition, Representation};
use crate::http::views::{AssetView, ErrorAnswer, Listing};
use crate::metrics::Metrics;
use crate::state::AppState;
use bytes::Buf;
use chrono::{DateTime, Utc};
use futures_util::Stream;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use warp::http::header;
use warp::reply::Response;

mod collections;
pub use collections::*;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file name, for a raw body upload (`curl -T FILE URL?name=FILE`).
    name: Option<String>,
    /// The domain the files go to (one the uploader belongs to); default: their first.
    domain: Option<String>,
}

/// One uploaded file answers its asset; several answer `{"assets": […]}`.
#[derive(serde::Serialize, ToSchema)]
#[serde(untagged)]
pub enum Uploaded {
    One(AssetView),
    Many { assets: Vec<AssetView> },
}

/// The multipart form of an upload, as the OpenAPI document describes it.
#[derive(ToSchema)]
#[allow(dead_code)] // multer reads the form part by part; this type only describes it
pub struct UploadForm {
    #[schema(value_type = Vec<String>, format = Binary)]
    file: Vec<Vec<u8>>,
}

/// Upload: `multipart/form-data` with one or more `file` parts, or a raw body with `?name=`
/// (PUT too: `curl -T FILE URL?name=FILE` uploads with PUT).
#[utoipa::path(method(post, put), path = "/api/v1/assets", tag = "assets", params(UploadQuery),
    request_body(content((UploadForm = "multipart/form-data"), (String = "application/octet-stream"))),
    responses((status = 201, body = Uploaded),
        (status = 400, response = ErrorAnswer),
        (status = 403, response = ErrorAnswer),
        (status = 413, response = ErrorAnswer),
        (status = 507, response = ErrorAnswer)))]
pub async fn upload<S, B>(
    query: Result<UploadQuery>,
    state: AppState,
    who: Result<Principal>,
    client: Client,
    body: S,
) -> Result<Response>
where
    S: Stream<Item = std::result::Result<B, warp::Error>> + Send + Unpin + 'static,
    B: Buf + Send + 'static,
{
    let (who, query) = (who?, query?);
    who.user.require(Permission::AssetsWrite)?;
    // Checked before the bytes come in; checked again when the asset is recorded.
    let domain = optional_id(query.domain.as_deref(), "domain")?;
    crate::domains::check_home(&state.store, &who.user, domain).await?;
    let files = receive_files(&state, query, &client, body).await?;
    let mut created = Vec::new();
    for (name, declared, received) in files {
        let asset = assets::create(
            &state.store,
            &state.blobs,
            &who.user,
            domain,
            &name,
            declared.as_deref(),
            received,
            &state.workers,
        )
        .await?;
        created.push(asset);
    }
    Metrics::add(&state.metrics.uploads, created.len() as u64);
    state.workers.wake();
    match created.as_slice() {
        [one] => Ok(reply::created(&Uploaded::One(AssetView::from(one)))),
        many => Ok(reply::created(&Uploaded::Many {
            assets: many.iter().map(AssetView::from).collect(),
        })),
    }
}

/// A received file with the name and type its sender gave.
pub type Part = (String, Option<String>, crate::blobs::Received);

/// The files of an upload body: the `file` parts of a multipart form, or a raw body named by
/// `?name=`; refused before anything is read when the disk is short of room.
pub async fn receive_files<S, B>(
    state: &AppState,
    query: UploadQuery,
    client: &Client,
    body: S,
) -> Result<Vec<Part>>
where
    S: Stream<Item = std::result::Result<B, warp::Error>> + Send + Unpin + 'static,
    B: Buf + Send + 'static,
{
    let content_type = client
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let limits = &state.config.uploads;
    let announced = client
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse().ok());
    state.blobs.ensure_room(limits.min_free_bytes, announced)?;
    if content_type.starts_with("multipart/form-data") {
        return receive_parts(state, content_type, body).await;
    }
    let name = query
        .name
        .filter(|n| !n.is_empty())
        .ok_or_else(|| Error::bad_request("raw uploads need ?name=FILE"))?;
    let declared = (!content_type.is_empty()).then(|| content_type.to_string());
    let received = state.blobs.receive(body, limits.max_bytes).await?;
    Ok(vec![(name, declared, received)])
}

async fn receive_parts<S, B>(state: &AppState, content_type: &str, body: S) -> Result<Vec<Part>>
where
    S: Stream<Item = std::result::Result<B, warp::Error>> + Send + Unpin + 'static,
    B: Buf + Send + 'static,
{
    let max = state.config.uploads.max_bytes;
    Ok(receive_form(state, content_type, body, &[], max).await?.0)
}

/// The short text fields of a form that are kept (each at most this many bytes).
const FORM_FIELD_BYTES: usize = 1024;

/// Every `file` part of a multipart body (each at most `max_bytes`), received whole before any
/// becomes an asset, and the text fields named in `fields`: a body with more than
/// `uploads.max_files_per_request` parts, or any part that fails, keeps nothing (received
/// files remove themselves when dropped).
pub async fn receive_form<S, B>(
    state: &AppState,
    content_type: &str,
    body: S,
    fields: &[&str],
    max_bytes: u64,
) -> Result<(Vec<Part>, BTreeMap<String, String>)>
where
    S: Stream<Item = std::result::Result<B, warp::Error>> + Send + Unpin + 'static,
    B: Buf + Send + 'static,
{
    let limits = &state.config.uploads;
    let boundary = multer::parse_boundary(content_type)
        .map_err(|e| Error::bad_request(format!("multipart: {e}")))?;
    let body = futures_util::StreamExt::map(body, |chunk| {
        chunk.map(|mut b| b.copy_to_bytes(b.remaining()))
    });
    let mut form = multer::Multipart::new(body, boundary);
    let mut parts = Vec::new();
    let mut texts = BTreeMap::new();
    let mut seen: u32 = 0;
    while let Some(mut field) = form.next_field().await.map_err(multipart_error)? {
        seen += 1;
        if seen > limits.max_files_per_request {
            return Err(Error::TooLarge(format!(
                "an upload may carry at most {} parts",
                limits.max_files_per_request
            )));
        }
        match field.name().map(str::to_string) {
            Some(name) if name == "file" => {
                let file_name = part_file_name(&field);
                let declared = field.content_type().map(|m| m.essence_str().to_string());
                let received = state.blobs.receive(field, max_bytes).await?;
                parts.push((file_name, declared, received));
            }
            Some(name) if fields.contains(&name.as_str()) => {
                let mut text = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if text.len() + chunk.len() > FORM_FIELD_BYTES {
                        return Err(Error::TooLarge(format!(
                            "the form field {name} is at most {FORM_FIELD_BYTES} bytes"
                        )));
                    }
                    text.extend_from_slice(&chunk);
                }
                texts.insert(name, String::from_utf8_lossy(&text).into_owned());
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        return Err(Error::bad_request("no `file` part in the form"));
    }
    Ok((parts, texts))
}

fn multipart_error(e: multer::Error) -> Error {
    Error::bad_request(format!("multipart: {e}"))
}

/// The part's file name; one that is not UTF-8 is kept with its bad bytes replaced.
fn part_file_name(field: &multer::Field<'_>) -> String {
    if let Some(name) = field.file_name() {
        return name.to_string();
    }
    let raw = field
        .headers()
        .get(header::CONTENT_DISPOSITION)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    let text = String::from_utf8_lossy(raw);
    text.split(';')
        .filter_map(|p| p.trim().strip_prefix("filename="))
        .next()
        .map(|n| n.trim_matches('"').to_string())
        .unwrap_or_else(|| "unnamed".into())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Words of the name or attributes.
    q: Option<String>,
    /// A collection's id: its assets only.
    collection: Option<String>,
    /// image, video, audio, document or other
    kind: Option<String>,
    /// The `nextCursor` of the page before.
    cursor: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
    /// A domain's id: its assets only (one of the asker's domains; admins: any).
    domain: Option<String>,
}

fn parse_id(text: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| Error::bad_request(format!("{what} is not an id")))
}

/// An id from an optional query value; absent or empty is None.
pub fn optional_id(text: Option<&str>, what: &str) -> Result<Option<Uuid>> {
    text.filter(|t| !t.is_empty())
        .map(|t| parse_id(t, what))
        .transpose()
}

pub fn page_limit(limit: Option<usize>) -> Result<usize> {
    match limit.unwrap_or(50) {
        n @ 1..=500 => Ok(n),
        _ => Err(Error::bad_request("limit must be between 1 and 500")),
    }
}

#[utoipa::path(get, path = "/api/v1/assets", tag = "assets", params(ListQuery),
    responses((status = 200, body = Listing<AssetView>),
        (status = 404, response = ErrorAnswer),
        (status = 422, response = ErrorAnswer)))]
pub async fn list(
    query: Result<ListQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    let query = query?;
    let domain = optional_id(query.domain.as_deref(), "domain")?;
    let query = Query {
        scope: crate::domains::Scope::of(&who.user).within(domain)?,
        filter: assets::Filter {
            text: query.q,
            kind: query
                .kind
                .as_deref()
                .filter(|k| !k.is_empty())
                .map(Kind::parse)
                .transpose()?,
            collection: optional_id(query.collection.as_deref(), "collection")?,
            attributes: BTreeMap::new(),
        },
        before: optional_id(query.cursor.as_deref(), "cursor")?,
        limit: page_limit(query.limit)?,
    };
    let page = assets::list(&state.store, query).await?;
    Ok(reply::json(&Listing::<AssetView>::of(
        &page.items,
        page.next,
    )))
}

#[utoipa::path(get, path = "/api/v1/assets/{id}", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = AssetView)))]
pub async fn get(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    Ok(reply::json(&AssetView::from(
        &assets::get(&state.store, &who.user, id).await?,
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssetPatch {
    name: Option<String>,
    attributes: Option<BTreeMap<String, String>>,
    status: Option<AssetStatus>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = DateTime)]
    expires_at: Option<Option<DateTime<Utc>>>,
    /// Moves the asset to this domain (admins).
    #[serde(alias = "domainId")]
    domain: Option<Uuid>,
}

#[utoipa::path(patch, path = "/api/v1/assets/{id}", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    request_body = AssetPatch, responses((status = 200, body = AssetView)))]
pub async fn update(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<AssetPatch>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    if let Some(domain) = body.domain {
        // Refused before anything changes: only admins move assets, to a domain that exists.
        crate::domains::get(&state.store, &who.user, domain).await?;
    }
    let changes = Changes {
        name: body.name,
        attributes: body.attributes,
        status: body.status,
        expires_at: body.expires_at,
    };
    let mut asset = assets::update(&state.store, &who.user, id, changes).await?;
    if let Some(domain) = body.domain {
        crate::domains::move_assets(&state.store, &who.user, domain, vec![id]).await?;
        asset.domain_id = Some(domain);
    }
    Ok(reply::json(&AssetView::from(&asset)))
}

#[utoipa::path(delete, path = "/api/v1/assets/{id}", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    responses((status = 204, description = "deleted")))]
pub async fn delete(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    assets::delete(&state.store, &state.blobs, &who?.user, id).await?;
    Ok(reply::no_content())
}

/// What a download answers; `Range`, `If-Range` and `HEAD` work as HTTP says.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // `reply::ranged` makes these answers; this type describes them
pub enum FileAnswers {
    /// The whole file
    #[response(status = 200, content_type = "*/*")]
    Whole,
    /// The range asked for
    #[response(status = 206, content_type = "*/*")]
    Part,
    /// Unavailable, or past its expiry
    #[response(status = 410)]
    Gone(#[ref_response] ErrorAnswer),
    /// The range lies outside the file
    #[response(status = 416)]
    Unsatisfiable(#[ref_response] ErrorAnswer),
}

#[utoipa::path(get, path = "/api/v1/assets/{id}/original", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    responses(FileAnswers))]
pub async fn original(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    let asset = assets::downloadable(&state.store, &who.user, id, "original").await?;
    // Never inline: an uploaded HTML or SVG file must not run in our origin.
    let disposition = content_disposition(true, &asset.name);
    send(
        &state,
        &client,
        &asset.fingerprint(),
        &asset.mime_type,
        disposition,
        "private, no-cache",
        &asset,
    )
}

/// The derivatives of every image or video; presets have a route of their own. `proxy`: what
/// a browser plays of a video or audio file it cannot play as it is.
#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DerivativeName {
    Thumbnail,
    Preview,
    Proxy,
}

impl DerivativeName {
    fn key(self) -> &'static str {
        match self {
            DerivativeName::Thumbnail => "thumbnail",
            DerivativeName::Preview => "preview",
            DerivativeName::Proxy => "proxy",
        }
    }
}

/// For the route: any other name is not this route's.
impl std::str::FromStr for DerivativeName {
    type Err = ();

    fn from_str(text: &str) -> std::result::Result<Self, ()> {
        [
            DerivativeName::Thumbnail,
            DerivativeName::Preview,
            DerivativeName::Proxy,
        ]
        .into_iter()
        .find(|name| name.key() == text)
        .ok_or(())
    }
}

/// A derivative: `thumbnail`, `preview` or `proxy`.
#[utoipa::path(get, path = "/api/v1/assets/{id}/{variant}", tag = "assets",
    params(("id" = Uuid, Path, description = "the asset's id"), ("variant" = inline(DerivativeName), Path)),
    responses(FileAnswers))]
pub async fn derivative(
    id: Uuid,
    name: DerivativeName,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    send_derivative(id, name.key(), &state, who, &client).await
}

/// A preset rendition, as the config's `presets` name them.
#[utoipa::path(get, path = "/api/v1/assets/{id}/presets/{name}", tag = "assets",
    params(("id" = Uuid, Path, description = "the asset's id"), ("name" = String, Path, description = "the preset's name")),
    responses(FileAnswers))]
pub async fn preset(
    id: Uuid,
    name: String,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    send_derivative(id, &format!("presets/{name}"), &state, who, &client).await
}

/// A page of a PDF (1-based) at preview size, made the first time it is asked for.
#[utoipa::path(get, path = "/api/v1/assets/{id}/pages/{page}", tag = "assets",
    params(("id" = Uuid, Path, description = "the asset's id"), ("page" = u32, Path, description = "the page, from 1")),
    responses(FileAnswers, (status = 404, response = ErrorAnswer), (status = 503, response = ErrorAnswer)))]
pub async fn page(
    id: Uuid,
    page: u32,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    let asset = assets::get(&state.store, &who.user, id).await?;
    let fingerprint = crate::pages::page(
        &state.store,
        &state.blobs,
        &state.config,
        &state.workers.pages,
        &asset,
        page,
        false,
    )
    .await?;
    let disposition = content_disposition(false, &format!("{} (page {page})", asset.name));
    send(
        &state,
        &client,
        &fingerprint,
        crate::pages::MIME_TYPE,
        disposition,
        "private, max-age=86400",
        &asset,
    )
}

async fn send_derivative(
    id: Uuid,
    key: &str,
    state: &AppState,
    who: Result<Principal>,
    client: &Client,
) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    let asset = assets::downloadable(&state.store, &who.user, id, key).await?;
    // The asset's `derivatives` tell why one is missing: pending, failed (with the reason) or not applicable.
    let (derivative, fingerprint) = asset
        .derivative(key)
        .ok_or(Error::NotFound("ready derivative of that name"))?;
    let mime = derivative
        .mime_type
        .clone()
        .unwrap_or_else(|| "image/jpeg".into());
    let disposition =
        content_disposition(false, &format!("{} ({key})", asset.name).replace('/', " "));
    send(
        state,
        client,
        &fingerprint,
        &mime,
        disposition,
        "private, max-age=86400",
        &asset,
    )
}

pub fn send(
    state: &AppState,
    client: &Client,
    fingerprint: &crate::blobs::Fingerprint,
    mime: &str,
    disposition: warp::http::HeaderValue,
    cache_control: &'static str,
    asset: &crate::assets::Asset,
) -> Result<Response> {
    let rep = Representation {
        len: fingerprint.size,
        etag: format!("\"{}\"", &fingerprint.sha256[..32]),
        content_type: mime.to_string(),
        disposition: Some(disposition),
        cache_control,
        last_modified: Some(asset.created_at),
    };
    reply::ranged(&client.method, &client.headers, &rep, |range| {
        state.blobs.stream(&fingerprint.sha256, range)
    })
}
