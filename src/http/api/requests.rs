//! Upload requests for the team (SPEC §6): create, list, read, change, delete, and events.
//! What they mean is `crate::requests`.

use crate::accounts::{Permission, Principal};
use crate::error::{Error, Result};
use crate::http::api::assets::{optional_id, page_limit};
use crate::http::api::nullable;
use crate::http::api::shares::EventsQuery;
use crate::http::reply;
use crate::http::views::{ErrorAnswer, Listing};
use crate::requests::intake::RequestEvent;
use crate::requests::service::{self, ListQuery, NewRequest, Patch};
use crate::requests::{ReceivedFile, Request};
use crate::shares::options::ExpiryAsk;
use crate::shares::{Recipient, RecipientStatus};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use warp::reply::Response;

/// Someone asked for files by email.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestRecipientBody {
    email: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestBody {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    title: Option<String>,
    #[schema(max_length = 5000)]
    description: Option<String>,
    /// Where received files go; without it a collection named after the title is made.
    collection_id: Option<Uuid>,
    duration_days: Option<u32>,
    duration_hours: Option<u32>,
    expires_at: Option<DateTime<Utc>>,
    password: Option<String>,
    #[schema(minimum = 1)]
    max_files: Option<u64>,
    #[schema(minimum = 1)]
    max_bytes: Option<u64>,
    /// Types (`image/*`, `application/pdf`) or extensions (`.pdf`), checked on the content.
    allowed_types: Option<Vec<String>>,
    recipients: Option<Vec<RequestRecipientBody>>,
    message: Option<String>,
    /// Email the creator about received files (default true).
    notify: Option<bool>,
    enabled: Option<bool>,
    /// The language of the invitations to recipients: en, de, fr, es, nl or ja (default en).
    language: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestPatch {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    title: Option<String>,
    #[schema(max_length = 5000)]
    description: Option<String>,
    duration_days: Option<u32>,
    duration_hours: Option<u32>,
    expires_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    password: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<u64>, minimum = 1)]
    max_files: Option<Option<u64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<u64>, minimum = 1)]
    max_bytes: Option<Option<u64>>,
    allowed_types: Option<Vec<String>>,
    enabled: Option<bool>,
    notify: Option<bool>,
}

/// A recipient of a request, with their own link.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecipientView {
    id: Uuid,
    email: Option<String>,
    url: String,
    expires_at: DateTime<Utc>,
    /// active, removed or expired
    status: &'static str,
    /// Files received through their link.
    files: u64,
    last_upload_at: Option<DateTime<Utc>>,
    email_state: Option<String>,
}

/// A file received, and who said they sent it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedFileView {
    asset_id: Uuid,
    name: String,
    size: u64,
    mime_type: String,
    uploaded_by: Option<String>,
    uploaded_by_email: Option<String>,
    recipient_id: Option<Uuid>,
    received_at: DateTime<Utc>,
}

impl From<&ReceivedFile> for ReceivedFileView {
    fn from(f: &ReceivedFile) -> Self {
        ReceivedFileView {
            asset_id: f.asset_id,
            name: f.name.clone(),
            size: f.size,
            mime_type: f.mime_type.clone(),
            uploaded_by: f.uploader_name.clone(),
            uploaded_by_email: f.uploader_email.clone(),
            recipient_id: f.recipient_id,
            received_at: f.received_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    id: Uuid,
    owner_id: Uuid,
    title: String,
    description: String,
    url: String,
    /// active, creator_deleted, disabled or expired
    status: &'static str,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    collection_id: Uuid,
    /// How many files were received.
    files: u64,
    /// How many bytes were received.
    bytes: u64,
    /// Uploads under way.
    uploading: u64,
    max_files: Option<u64>,
    max_bytes: Option<u64>,
    allowed_types: Vec<String>,
    has_password: bool,
    enabled: bool,
    notify: bool,
    message: Option<String>,
    recipients: Vec<RequestRecipientView>,
    /// The files received, oldest first.
    received: Vec<ReceivedFileView>,
    /// The language of the invitations (en when none was chosen).
    language: &'static str,
}

impl RequestView {
    fn new(request: &Request, creator_active: bool, base: &str) -> RequestView {
        let now = Utc::now();
        RequestView {
            id: request.id,
            owner_id: request.owner_id,
            title: request.title.clone(),
            description: request.description.clone(),
            url: format!("{base}/u/{}", request.token),
            status: request.status(creator_active, now),
            created_at: request.created_at,
            expires_at: request.expires_at,
            collection_id: request.collection_id,
            files: request.files.len() as u64,
            bytes: request.bytes_received(),
            uploading: request.reserved.len() as u64,
            max_files: request.max_files,
            max_bytes: request.max_bytes,
            allowed_types: request.allowed_types.clone(),
            has_password: request.password_hash.is_some(),
            enabled: request.enabled,
            notify: request.notify,
            message: request.message.clone(),
            recipients: request
                .recipients
                .iter()
                .map(|r| recipient_view(request, r, base, now))
                .collect(),
            received: request.files.iter().map(ReceivedFileView::from).collect(),
            language: request.lang().code(),
        }
    }
}

fn recipient_view(
    request: &Request,
    r: &Recipient,
    base: &str,
    now: DateTime<Utc>,
) -> RequestRecipientView {
    let theirs = request
        .files
        .iter()
        .filter(|f| f.recipient_id == Some(r.id));
    let (files, last_upload_at) = theirs.fold((0, None), |(n, _), f| (n + 1, Some(f.received_at)));
    RequestRecipientView {
        id: r.id,
        email: r.email.clone(),
        url: format!("{base}/u/{}", r.token),
        expires_at: r.expires_at,
        status: match r.status {
            RecipientStatus::Removed => "removed",
            RecipientStatus::Active if r.expires_at <= now => "expired",
            RecipientStatus::Active => "active",
        },
        files,
        last_upload_at,
        email_state: r.email_state.clone(),
    }
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = RequestBody,
    responses((status = 201, body = RequestView, description = "the request, with its link")))]
pub async fn create(
    state: AppState,
    who: Result<Principal>,
    body: Result<RequestBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    who.user.require(Permission::SharesWrite)?;
    let new = NewRequest {
        title: body
            .title
            .ok_or_else(|| Error::invalid("a request needs a title"))?,
        description: body.description,
        collection_id: body.collection_id,
        expiry: ExpiryAsk {
            days: body.duration_days,
            hours: body.duration_hours,
            at: body.expires_at,
        },
        password: body.password,
        max_files: body.max_files,
        max_bytes: body.max_bytes,
        allowed_types: body.allowed_types,
        recipients: body
            .recipients
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.email)
            .collect(),
        message: body.message,
        notify: body.notify,
        enabled: body.enabled,
        language: body.language,
    };
    let request = service::create(&state, &who.user, new).await?;
    Ok(reply::created(&RequestView::new(
        &request,
        true,
        &state.config.public_url(),
    )))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestsQuery {
    /// active, creator_deleted, disabled or expired
    status: Option<String>,
    /// The `nextCursor` of the page before.
    cursor: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", params(RequestsQuery),
    responses((status = 200, body = Listing<RequestView>), (status = 422, response = ErrorAnswer)))]
pub async fn list(
    query: Result<RequestsQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let (who, query) = (who?, query?);
    let query = ListQuery {
        status: query.status.filter(|s| !s.is_empty()),
        before: optional_id(query.cursor.as_deref(), "cursor")?,
        limit: page_limit(query.limit)?,
    };
    let (items, next) = service::list(&state, &who.user, query).await?;
    let base = state.config.public_url();
    Ok(reply::json(&Listing {
        items: items
            .iter()
            .map(|(r, active)| RequestView::new(r, *active, &base))
            .collect(),
        next_cursor: next.map(|id| id.to_string()),
    }))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = Uuid, Path, description = "the request's id")),
    responses((status = 200, body = RequestView)))]
pub async fn get(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let (request, active) = service::get(&state, &who?.user, id).await?;
    Ok(reply::json(&RequestView::new(
        &request,
        active,
        &state.config.public_url(),
    )))
}

#[utoipa::path(patch, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = Uuid, Path, description = "the request's id")),
    request_body = RequestPatch, responses((status = 200, body = RequestView)))]
pub async fn update(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<RequestPatch>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let patch = Patch {
        title: body.title,
        description: body.description,
        expiry: ExpiryAsk {
            days: body.duration_days,
            hours: body.duration_hours,
            at: body.expires_at,
        },
        password: body.password,
        max_files: body.max_files,
        max_bytes: body.max_bytes,
        allowed_types: body.allowed_types,
        enabled: body.enabled,
        notify: body.notify,
    };
    let request = service::update(&state, &who.user, id, patch).await?;
    let (_, active) = service::get(&state, &who.user, id).await?;
    Ok(reply::json(&RequestView::new(
        &request,
        active,
        &state.config.public_url(),
    )))
}

#[utoipa::path(delete, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = Uuid, Path, description = "the request's id")),
    responses((status = 204, description = "deleted; the files it received stay with their owner")))]
pub async fn delete(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    service::delete(&state, &who?.user, id).await?;
    Ok(reply::no_content())
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestEventItem {
    seq: u64,
    #[serde(flatten)]
    event: RequestEvent,
}

#[utoipa::path(get, path = "/api/v1/requests/{id}/events", tag = "requests", params(("id" = Uuid, Path, description = "the request's id"), EventsQuery),
    responses((status = 200, body = Listing<RequestEventItem>, description = "the events (`upload`, `deleted`, `unlock_failed`), oldest first")))]
pub async fn events(
    id: Uuid,
    query: Result<EventsQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let (who, query) = (who?, query?);
    let limit = page_limit(query.limit.or(Some(500)))?;
    let after = query.cursor.unwrap_or(0);
    let items = service::events(&state, &who.user, id, after, limit + 1).await?;
    let next = (items.len() > limit).then(|| items[limit - 1].0.to_string());
    let items = items
        .into_iter()
        .take(limit)
        .map(|(seq, event)| RequestEventItem { seq, event })
        .collect();
    Ok(reply::json(&Listing {
        items,
        next_cursor: next,
    }))
}
