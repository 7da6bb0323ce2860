//! Shares: create, list, read, change, delete; their assets, recipients, events and QR code;
//! and the one-call share of an asset.

use crate::accounts::{Permission, Principal};
use crate::error::{Error, Result};
use crate::http::api::assets::{optional_id, page_limit};
use crate::http::api::nullable;
use crate::http::reply;
use crate::http::views::{ErrorAnswer, Listing, ShareView};
use crate::shares::content::{default_collection_name, ContentAsk};
use crate::shares::events::Event;
use crate::shares::options::ExpiryAsk;
use crate::shares::recipients;
use crate::shares::service::{self, ListQuery, NewShare, Patch, RecipientAsk};
use crate::shares::{Access, DownloadOptions, NotifyAsk};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// An internal user (`userId`) or an email address.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecipientBody {
    email: Option<String>,
    user_id: Option<Uuid>,
    id: Option<Uuid>,
}

impl RecipientBody {
    fn ask(self) -> Result<RecipientAsk> {
        match (self.email, self.user_id.or(self.id)) {
            (Some(email), None) => Ok(RecipientAsk::Email(email)),
            (None, Some(id)) => Ok(RecipientAsk::User(id)),
            _ => Err(Error::invalid(
                "each recipient is {\"email\": …} or {\"userId\": …}",
            )),
        }
    }
}

fn asks(recipients: Option<Vec<RecipientBody>>) -> Result<Vec<RecipientAsk>> {
    recipients
        .unwrap_or_default()
        .into_iter()
        .map(RecipientBody::ask)
        .collect()
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareBody {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    title: Option<String>,
    #[schema(max_length = 5000)]
    description: Option<String>,
    asset_ids: Option<Vec<Uuid>>,
    collection_id: Option<Uuid>,
    /// A saved search: the share follows it, showing the assets it finds at each request.
    search_id: Option<Uuid>,
    /// File the assets of `assetIds` as a new collection, which the share then follows.
    create_collection: Option<bool>,
    /// The new collection's name (default "New collection from <date>"); implies `createCollection`.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    collection_name: Option<String>,
    duration_days: Option<u32>,
    duration_hours: Option<u32>,
    expires_at: Option<DateTime<Utc>>,
    max_uses: Option<u64>,
    password: Option<String>,
    access: Option<Access>,
    download_options: Option<DownloadOptions>,
    show_attributes: Option<Vec<String>>,
    watermark: Option<bool>,
    enabled: Option<bool>,
    recipients: Option<Vec<RecipientBody>>,
    message: Option<String>,
    /// Emails to the owner on a link's first visit and first download (defaults: `[notify]`).
    notify: Option<NotifyAsk>,
    /// Remind recipients who have not downloaded before their link ends (default true).
    remind: Option<bool>,
    /// The language of the emails to recipients: en, de, fr, es, nl or ja (default en).
    language: Option<String>,
}

fn base(state: &AppState) -> String {
    state.config.public_url()
}

#[utoipa::path(post, path = "/api/v1/shares", tag = "shares", request_body = ShareBody,
    responses((status = 201, body = ShareView, description = "the share; `skipped` lists the assets left out, with why")))]
pub async fn create(
    state: AppState,
    who: Result<Principal>,
    body: Result<ShareBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    who.user.require(Permission::SharesWrite)?;
    let new = NewShare {
        title: body
            .title
            .ok_or_else(|| Error::invalid("a share needs a title"))?,
        description: body.description,
        content: ContentAsk {
            new_collection: match (body.create_collection, body.collection_name) {
                (Some(false), _) | (None, None) => None,
                (_, Some(name)) => Some(name),
                (Some(true), None) => Some(default_collection_name(Utc::now())),
            },
            asset_ids: body.asset_ids,
            collection_id: body.collection_id,
            search_id: body.search_id,
        },
        expiry: ExpiryAsk {
            days: body.duration_days,
            hours: body.duration_hours,
            at: body.expires_at,
        },
        max_uses: body.max_uses,
        password: body.password,
        access: body.access,
        download_options: body.download_options,
        show_attributes: body.show_attributes,
        watermark: body.watermark,
        enabled: body.enabled,
        recipients: asks(body.recipients)?,
        message: body.message,
        notify: body.notify.unwrap_or_default(),
        remind: body.remind,
        language: body.language,
    };
    let (share, skipped) = service::create(&state, &who.user, new).await?;
    Ok(reply::created(
        &ShareView::new(&share, &base(&state)).with_skipped(skipped),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SharesQuery {
    /// active, creator_deleted, disabled, expired or used_up
    status: Option<String>,
    /// A user's id (admins only see others' shares).
    owner: Option<String>,
    /// The `nextCursor` of the page before.
    cursor: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/api/v1/shares", tag = "shares", params(SharesQuery),
    responses((status = 200, body = Listing<ShareView>), (status = 422, response = ErrorAnswer)))]
pub async fn list(
    query: Result<SharesQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let (who, query) = (who?, query?);
    let query = ListQuery {
        status: query.status.filter(|s| !s.is_empty()),
        owner: optional_id(query.owner.as_deref(), "owner")?,
        before: optional_id(query.cursor.as_deref(), "cursor")?,
        limit: page_limit(query.limit)?,
    };
    let page = service::list(&state, &who.user, query).await?;
    let base = base(&state);
    Ok(reply::json(&Listing {
        items: page
            .items
            .iter()
            .map(|s| ShareView::new(s, &base))
            .collect(),
        next_cursor: page.next.map(|id| id.to_string()),
    }))
}

#[utoipa::path(get, path = "/api/v1/shares/{id}", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")), responses((status = 200, body = ShareView)))]
pub async fn get(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let share = service::get(&state, &who?.user, id).await?;
    Ok(reply::json(&ShareView::new(&share, &base(&state))))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SharePatch {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    title: Option<String>,
    #[schema(max_length = 5000)]
    description: Option<String>,
    duration_days: Option<u32>,
    duration_hours: Option<u32>,
    expires_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<u64>)]
    max_uses: Option<Option<u64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    password: Option<Option<String>>,
    access: Option<Access>,
    download_options: Option<DownloadOptions>,
    show_attributes: Option<Vec<String>>,
    watermark: Option<bool>,
    enabled: Option<bool>,
    notify: Option<NotifyAsk>,
    remind: Option<bool>,
    language: Option<String>,
}

#[utoipa::path(patch, path = "/api/v1/shares/{id}", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")), request_body = SharePatch,
    responses((status = 200, body = ShareView)))]
pub async fn update(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<SharePatch>,
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
        max_uses: body.max_uses,
        password: body.password,
        access: body.access,
        download_options: body.download_options,
        show_attributes: body.show_attributes,
        watermark: body.watermark,
        enabled: body.enabled,
        asset_ids: None,
        notify: body.notify.unwrap_or_default(),
        remind: body.remind,
        language: body.language,
    };
    let (share, _) = service::update(&state, &who.user, id, patch).await?;
    Ok(reply::json(&ShareView::new(&share, &base(&state))))
}

#[utoipa::path(delete, path = "/api/v1/shares/{id}", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")), responses((status = 204, description = "deleted")))]
pub async fn delete(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    service::delete(&state, &who?.user, id).await?;
    Ok(reply::no_content())
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssetIdsBody {
    asset_ids: Vec<Uuid>,
}

#[utoipa::path(post, path = "/api/v1/shares/{id}/assets", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")), request_body = AssetIdsBody,
    responses((status = 200, body = ShareView), (status = 409, response = ErrorAnswer)))]
pub async fn add_assets(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<AssetIdsBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let (share, skipped) = service::add_assets(&state, &who.user, id, body.asset_ids).await?;
    Ok(reply::json(
        &ShareView::new(&share, &base(&state)).with_skipped(skipped),
    ))
}

#[utoipa::path(delete, path = "/api/v1/shares/{id}/assets/{assetId}", tag = "shares",
    params(("id" = Uuid, Path, description = "the share's id"), ("assetId" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = ShareView), (status = 409, response = ErrorAnswer)))]
pub async fn remove_asset(
    id: Uuid,
    asset_id: Uuid,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let share = service::remove_asset(&state, &who?.user, id, asset_id).await?;
    Ok(reply::json(&ShareView::new(&share, &base(&state))))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecipientsBody {
    recipients: Vec<RecipientBody>,
    duration_days: Option<u32>,
    message: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/shares/{id}/recipients", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")), request_body = RecipientsBody,
    responses((status = 201, body = ShareView)))]
pub async fn add_recipients(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<RecipientsBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let asks = asks(Some(body.recipients))?;
    let (share, _) = recipients::add_recipients(
        &state,
        &who.user,
        id,
        asks,
        body.duration_days,
        body.message,
    )
    .await?;
    Ok(reply::created(&ShareView::new(&share, &base(&state))))
}

#[utoipa::path(delete, path = "/api/v1/shares/{id}/recipients/{recipientId}", tag = "shares",
    params(("id" = Uuid, Path, description = "the share's id"), ("recipientId" = Uuid, Path, description = "the recipient's id")),
    responses((status = 200, body = ShareView)))]
pub async fn remove_recipient(
    id: Uuid,
    recipient_id: Uuid,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let share = recipients::remove_recipient(&state, &who?.user, id, recipient_id).await?;
    Ok(reply::json(&ShareView::new(&share, &base(&state))))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// The `nextCursor` of the page before.
    pub cursor: Option<u64>,
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventItem {
    seq: u64,
    #[serde(flatten)]
    event: Event,
}

#[utoipa::path(get, path = "/api/v1/shares/{id}/events", tag = "shares", params(("id" = Uuid, Path, description = "the share's id"), EventsQuery),
    responses((status = 200, body = Listing<EventItem>, description = "the events, oldest first")))]
pub async fn events(
    id: Uuid,
    query: Result<EventsQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let (who, query) = (who?, query?);
    service::get(&state, &who.user, id).await?;
    let limit = page_limit(query.limit.or(Some(500)))?;
    state.links.events.flush().await;
    let after = query.cursor.unwrap_or(0);
    let items = state
        .store
        .read(move |tx| tx.events::<Event>(id, after, limit + 1))
        .await?;
    let next = (items.len() > limit).then(|| items[limit - 1].0.to_string());
    let items: Vec<EventItem> = items
        .into_iter()
        .take(limit)
        .map(|(seq, event)| EventItem { seq, event })
        .collect();
    Ok(reply::json(&Listing {
        items,
        next_cursor: next,
    }))
}

#[utoipa::path(get, path = "/api/v1/shares/{id}/qr.svg", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")),
    responses((status = 200, body = String, content_type = "image/svg+xml", description = "the link as a QR code")))]
pub async fn qr(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let share = service::get(&state, &who?.user, id).await?;
    let url = format!("{}/s/{}", base(&state), share.token);
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(Error::internal)?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let mut response = Response::new(svg.into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    Ok(response)
}

#[utoipa::path(get, path = "/api/v1/assets/{id}/shares", tag = "shares", params(("id" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = Listing<ShareView>)))]
pub async fn of_asset(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let shares = service::shares_of_asset(&state, &who?.user, id).await?;
    let base = base(&state);
    Ok(reply::json(&Listing {
        items: shares.iter().map(|s| ShareView::new(s, &base)).collect(),
        next_cursor: None,
    }))
}

/// The body of the one-call share of an asset.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuickShareBody {
    id: Option<Uuid>,
    /// The share's title.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
    shared_contents: Option<Vec<Uuid>>,
    duration_in_hours: Option<u32>,
    expiration_date: Option<DateTime<Utc>>,
    /// `"view"`, `"download"`, or a list of such words.
    #[schema(value_type = Option<Object>)]
    shared_permissions: Option<serde_json::Value>,
    /// `"link"` (default) or `"user"`: invite `users` as recipients.
    shared_type: Option<String>,
    users: Option<Vec<RecipientBody>>,
}

fn permissions_access(permissions: Option<&serde_json::Value>) -> Option<Access> {
    let words: Vec<String> = match permissions? {
        serde_json::Value::String(s) => vec![s.to_lowercase()],
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str())
            .map(str::to_lowercase)
            .collect(),
        _ => return None,
    };
    match words
        .iter()
        .any(|w| w.contains("download") || w == "original")
    {
        true => Some(Access::Download),
        false
            if words
                .iter()
                .any(|w| w.contains("view") || w.contains("preview")) =>
        {
            Some(Access::View)
        }
        false => None,
    }
}

/// Creates a share of an asset in one call, or updates the one named by `id`.
#[utoipa::path(post, path = "/api/v1/assets/{id}/share", tag = "shares", params(("id" = Uuid, Path, description = "the asset's id")),
    request_body = QuickShareBody,
    responses((status = 201, body = ShareView, description = "a new share"), (status = 200, body = ShareView, description = "the share named by `id`, updated")))]
pub async fn quick_share(
    asset_id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<QuickShareBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    // The asset named in the path must exist; the others may be skipped with a reason.
    crate::assets::get(&state.store, &who.user, asset_id).await?;
    let mut asset_ids = body.shared_contents.unwrap_or_default();
    if !asset_ids.contains(&asset_id) {
        asset_ids.insert(0, asset_id);
    }
    let expiry = ExpiryAsk {
        days: None,
        hours: body.duration_in_hours,
        at: body.expiration_date,
    };
    let access = permissions_access(body.shared_permissions.as_ref());
    let recipients = match body.shared_type.as_deref() {
        Some("user") => asks(body.users)?,
        None | Some("link") => Vec::new(),
        Some(other) => {
            return Err(Error::invalid(format!(
                "sharedType must be \"link\" or \"user\", not {other:?}"
            )))
        }
    };
    if let Some(id) = body.id {
        let patch = Patch {
            title: Some(body.name),
            expiry,
            access,
            asset_ids: Some(asset_ids),
            ..Patch::default()
        };
        let (mut share, skipped) = service::update(&state, &who.user, id, patch).await?;
        if !recipients.is_empty() {
            share = recipients::add_recipients(&state, &who.user, id, recipients, None, None)
                .await?
                .0;
        }
        return Ok(reply::json(
            &ShareView::new(&share, &base(&state)).with_skipped(skipped),
        ));
    }
    let new = NewShare {
        title: body.name,
        content: ContentAsk {
            asset_ids: Some(asset_ids),
            ..ContentAsk::default()
        },
        expiry,
        access,
        recipients,
        ..NewShare::default()
    };
    let (share, skipped) = service::create(&state, &who.user, new).await?;
    Ok(reply::created(
        &ShareView::new(&share, &base(&state)).with_skipped(skipped),
    ))
}

/// The sharing policy in force, for the share dialog.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PolicyView {
    durations_days: Vec<u32>,
    default_duration_days: u32,
    max_expiry_days: u32,
    #[schema(value_type = Object)]
    allow: serde_json::Value,
    #[schema(value_type = Object)]
    defaults: serde_json::Value,
    presets: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/policy", tag = "shares", responses((status = 200, body = PolicyView)))]
pub async fn policy(state: AppState, who: Result<Principal>) -> Result<Response> {
    who?;
    let sharing = &state.config.sharing;
    let allow = &sharing.allow;
    Ok(reply::json(&PolicyView {
        durations_days: sharing.durations_days.clone(),
        default_duration_days: sharing.default_duration_days,
        max_expiry_days: sharing.max_expiry_days,
        allow: crate::http::views::allow_json(allow),
        defaults: serde_json::json!({
            "access": sharing.defaults.access, "original": sharing.defaults.original, "preview": sharing.defaults.preview,
            "thumbnail": sharing.defaults.thumbnail, "watermark": sharing.defaults.watermark,
            "notify": {"opened": state.config.notify.opened, "downloaded": state.config.notify.downloaded},
        }),
        presets: state.config.presets.keys().cloned().collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmailBody {
    #[schema(min_items = 1, max_items = 100)]
    emails: Vec<String>,
    message: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Queued {
    queued: usize,
}

/// Sends the share's link to addresses, without making them recipients.
#[utoipa::path(post, path = "/api/v1/shares/{id}/email", tag = "shares", params(("id" = Uuid, Path, description = "the share's id")), request_body = EmailBody,
    responses((status = 202, body = Queued)))]
pub async fn email(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<EmailBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let queued = recipients::email_link(&state, &who.user, id, body.emails, body.message).await?;
    Ok(reply::json_with(
        warp::http::StatusCode::ACCEPTED,
        &Queued { queued },
    ))
}
