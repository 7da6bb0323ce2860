//! Resumable uploads over tus 1.0.0 at `/api/v1/uploads` (SPEC §5): the protocol's headers in
//! and out; what they mean is `crate::uploads`. The protocol functions (`begin`, `stand`,
//! `append`, `end`) serve any uploader: the team routes here, and outsiders on an upload
//! request's link (`http::outsider`) at `/u/{token}/uploads`.

use crate::accounts::Principal;
use crate::assets::Asset;
use crate::blobs::{Checksum, CHECKSUM_ALGORITHMS};
use crate::error::{Error, Result};
use crate::http::filters::{Body, Client};
use crate::http::reply::{self, header_value};
use crate::http::views::ErrorAnswer;
use crate::state::AppState;
use crate::uploads::protocol::{self, OFFSET_STREAM};
use crate::uploads::{self, New, Upload, Uploader};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use warp::http::{HeaderMap, StatusCode};
use warp::reply::Response;

const UPLOADS_PATH: &str = "/api/v1/uploads";

/// A tus answer: every one carries `Tus-Resumable`, errors too.
pub fn tus(result: Result<Response>) -> Response {
    let mut response = reply::finish(result);
    response
        .headers_mut()
        .insert("tus-resumable", header_value(protocol::VERSION));
    response
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Every tus request but OPTIONS names the protocol version it speaks.
pub fn check_version(headers: &HeaderMap) -> Result<()> {
    match header(headers, "tus-resumable") {
        Some(protocol::VERSION) => Ok(()),
        _ => Err(Error::PreconditionFailed(format!(
            "send Tus-Resumable: {} (the only version served)",
            protocol::VERSION
        ))),
    }
}

/// A signed-in team member's tus request.
fn member(who: Result<Principal>, client: &Client) -> Result<Uploader> {
    let who = who?;
    check_version(&client.headers)?;
    Ok(Uploader::Member(Box::new(who.user)))
}

fn is_offset_stream(headers: &HeaderMap) -> bool {
    header(headers, "content-type").is_some_and(|t| t.trim().starts_with(OFFSET_STREAM))
}

fn set(response: &mut Response, name: &'static str, value: &str) {
    response.headers_mut().insert(name, header_value(value));
}

/// The headers that tell where an upload stands.
fn describe(response: &mut Response, upload: &Upload, asset: Option<&Asset>) {
    set(response, "upload-offset", &upload.offset.to_string());
    set(
        response,
        "upload-expires",
        &protocol::http_date(upload.expires_at),
    );
    set(response, "cache-control", "no-store");
    if let Some(id) = asset.map(|a| a.id).or(upload.asset_id) {
        set(response, "handoff-asset-id", &id.to_string());
    }
}

/// The tus version every request but OPTIONS names in `Tus-Resumable`.
#[derive(ToSchema)]
#[allow(dead_code)] // describes the header's one value; the handlers compare the text
pub enum TusVersion {
    #[serde(rename = "1.0.0")]
    V1,
}

/// `OPTIONS /api/v1/uploads`: what this server speaks.
#[utoipa::path(options, path = "/api/v1/uploads", tag = "uploads", security(()),
    responses((status = 204, description = "the tus version, extensions, largest size and checksum algorithms",
        headers(("Tus-Version" = String), ("Tus-Extension" = String), ("Tus-Max-Size" = u64), ("Tus-Checksum-Algorithm" = String)))))]
pub async fn options(state: AppState) -> Result<Response> {
    let mut response = reply::no_content();
    set(&mut response, "tus-version", protocol::VERSION);
    set(&mut response, "tus-extension", protocol::EXTENSIONS);
    set(
        &mut response,
        "tus-max-size",
        &state.config.uploads.max_bytes.to_string(),
    );
    set(&mut response, "tus-checksum-algorithm", CHECKSUM_ALGORITHMS);
    Ok(response)
}

/// `POST /api/v1/uploads`: begins an upload, with its first bytes when the body has some.
#[utoipa::path(post, path = "/api/v1/uploads", tag = "uploads",
    params(("Tus-Resumable" = TusVersion, Header),
        ("Upload-Length" = Option<u64>, Header, description = "the file's size (not for a final concatenation)"),
        ("Upload-Metadata" = Option<String>, Header, description = "`filename` (required), `filetype`, `collection`, each base64"),
        ("Upload-Concat" = Option<String>, Header, description = "`partial`, or `final;URL URL…`"),
        ("Upload-Checksum" = Option<String>, Header, description = "`sha1|md5|sha256 BASE64` of the body")),
    request_body(content((String = "application/offset+octet-stream")), description = "the first bytes (optional)"),
    responses((status = 201, description = "begun", headers(("Location" = String), ("Upload-Offset" = u64), ("Upload-Expires" = String))),
        (status = 400, response = ErrorAnswer), (status = 412, response = ErrorAnswer), (status = 413, response = ErrorAnswer),
        (status = 422, response = ErrorAnswer), (status = 460, response = ErrorAnswer), (status = 507, response = ErrorAnswer)))]
pub async fn create(
    state: AppState,
    who: Result<Principal>,
    client: Client,
    body: Body,
) -> Result<Response> {
    let who = member(who, &client)?;
    let location = |id| format!("{UPLOADS_PATH}/{id}");
    begin(&state, &who, &client.headers, body, location).await
}

/// tus creation (with its first bytes when the body has some); `location` is the URL of an
/// upload of `who`, for `Location`.
pub async fn begin(
    state: &AppState,
    who: &Uploader,
    headers: &HeaderMap,
    body: Body,
    location: impl Fn(Uuid) -> String,
) -> Result<Response> {
    let new = New {
        length: protocol::number("Upload-Length", header(headers, "upload-length"))?,
        metadata: header(headers, "upload-metadata")
            .unwrap_or_default()
            .to_string(),
        concat: protocol::concat(header(headers, "upload-concat"))?,
    };
    let (mut upload, mut asset) = uploads::create(state, who, new).await?;
    if is_offset_stream(headers) && asset.is_none() {
        let checksum = checksum_of(headers)?;
        (upload, asset) = uploads::append(state, who, upload.id, 0, body, checksum).await?;
    }
    let mut response = reply::no_content();
    *response.status_mut() = StatusCode::CREATED;
    // Relative, as tus allows: it stays right behind a proxy and on any name of the server.
    set(&mut response, "location", &location(upload.id));
    describe(&mut response, &upload, asset.as_ref());
    Ok(response)
}

fn checksum_of(headers: &HeaderMap) -> Result<Option<Checksum>> {
    header(headers, "upload-checksum")
        .map(Checksum::parse)
        .transpose()
}

/// `HEAD /api/v1/uploads/{id}`: the acknowledged offset, as it is after any restart.
#[utoipa::path(head, path = "/api/v1/uploads/{id}", tag = "uploads",
    params(("id" = Uuid, Path, description = "the upload"), ("Tus-Resumable" = TusVersion, Header)),
    responses((status = 200, description = "where the upload stands", headers(("Upload-Offset" = u64), ("Upload-Length" = u64))),
        (status = 412, response = ErrorAnswer)))]
pub async fn head(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    let who = member(who, &client)?;
    stand(&state, &who, id, UPLOADS_PATH).await
}

/// tus HEAD: where an upload of `who` stands.
pub async fn stand(state: &AppState, who: &Uploader, id: Uuid, base: &str) -> Result<Response> {
    let upload = uploads::status(state, who, id).await?;
    let mut response = reply::no_content();
    *response.status_mut() = StatusCode::OK;
    describe(&mut response, &upload, None);
    set(&mut response, "upload-length", &upload.length.to_string());
    if !upload.metadata.is_empty() {
        set(&mut response, "upload-metadata", &upload.metadata);
    }
    match &upload.concat {
        protocol::Concat::None => {}
        protocol::Concat::Partial => set(&mut response, "upload-concat", "partial"),
        protocol::Concat::Final(parts) => {
            let urls: Vec<String> = parts.iter().map(|p| format!("{base}/{p}")).collect();
            set(
                &mut response,
                "upload-concat",
                &format!("final;{}", urls.join(" ")),
            );
        }
    }
    Ok(response)
}

/// `PATCH /api/v1/uploads/{id}`: bytes at the acknowledged offset.
#[utoipa::path(patch, path = "/api/v1/uploads/{id}", tag = "uploads",
    params(("id" = Uuid, Path, description = "the upload"), ("Tus-Resumable" = TusVersion, Header),
        ("Upload-Offset" = u64, Header, description = "the offset the server acknowledged"),
        ("Upload-Checksum" = Option<String>, Header, description = "`sha1|md5|sha256 BASE64` of the body")),
    request_body(content((String = "application/offset+octet-stream"))),
    responses((status = 204, description = "appended", headers(("Upload-Offset" = u64), ("Handoff-Asset-Id" = Option<String>, description = "once the file is whole"))),
        (status = 400, response = ErrorAnswer), (status = 403, response = ErrorAnswer), (status = 409, response = ErrorAnswer),
        (status = 412, response = ErrorAnswer), (status = 413, response = ErrorAnswer), (status = 415, response = ErrorAnswer),
        (status = 460, response = ErrorAnswer), (status = 507, response = ErrorAnswer)))]
pub async fn patch(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    client: Client,
    body: Body,
) -> Result<Response> {
    let who = member(who, &client)?;
    append(&state, &who, id, &client.headers, body).await
}

/// tus PATCH: bytes of `who` at the acknowledged offset.
pub async fn append(
    state: &AppState,
    who: &Uploader,
    id: Uuid,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response> {
    if !is_offset_stream(headers) {
        return Err(Error::UnsupportedType(format!(
            "PATCH bodies are {OFFSET_STREAM}"
        )));
    }
    let offset = protocol::number("Upload-Offset", header(headers, "upload-offset"))?
        .ok_or_else(|| Error::bad_request("PATCH needs Upload-Offset"))?;
    let checksum = checksum_of(headers)?;
    let (upload, asset) = uploads::append(state, who, id, offset, body, checksum).await?;
    let mut response = reply::no_content();
    describe(&mut response, &upload, asset.as_ref());
    Ok(response)
}

/// `DELETE /api/v1/uploads/{id}`: ends the upload and frees its bytes.
#[utoipa::path(delete, path = "/api/v1/uploads/{id}", tag = "uploads",
    params(("id" = Uuid, Path, description = "the upload"), ("Tus-Resumable" = TusVersion, Header)),
    responses((status = 204, description = "ended, its bytes freed"), (status = 409, response = ErrorAnswer), (status = 412, response = ErrorAnswer)))]
pub async fn terminate(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    let who = member(who, &client)?;
    end(&state, &who, id).await
}

/// tus termination of an upload of `who`.
pub async fn end(state: &AppState, who: &Uploader, id: Uuid) -> Result<Response> {
    uploads::terminate(state, who, id).await?;
    Ok(reply::no_content())
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadView {
    id: Uuid,
    filename: String,
    length: u64,
    offset: u64,
    expires_at: chrono::DateTime<chrono::Utc>,
    /// The asset the upload became, once whole.
    asset_id: Option<Uuid>,
}

/// `GET /api/v1/uploads/{id}`: where an upload stands, and its asset once whole.
#[utoipa::path(get, path = "/api/v1/uploads/{id}", tag = "uploads", operation_id = "get_upload",
    params(("id" = Uuid, Path, description = "the upload")),
    responses((status = 200, body = UploadView), (status = 404, response = ErrorAnswer)))]
pub async fn get(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let upload = uploads::status(&state, &Uploader::Member(Box::new(who?.user)), id).await?;
    Ok(reply::json(&UploadView {
        id: upload.id,
        filename: upload.filename,
        length: upload.length,
        offset: upload.offset,
        expires_at: upload.expires_at,
        asset_id: upload.asset_id,
    }))
}
