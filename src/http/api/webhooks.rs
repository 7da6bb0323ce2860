//! Webhooks: create, list, read, change, delete, their deliveries, and a test event.
//! Admins manage every webhook; others their own, which receive events of their own shares.

use crate::accounts::Principal;
use crate::error::Result;
use crate::http::api::assets::{optional_id, page_limit};
use crate::http::reply;
use crate::http::views::{ErrorAnswer, Listing};
use crate::notify::{DeliveryState, Outgoing};
use crate::state::AppState;
use crate::webhooks::{service, Change, Subscription, Webhook};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use warp::reply::Response;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WebhookBody {
    /// Where to POST events: https:// or http://; loopback, private and link-local addresses
    /// are refused unless `webhooks.allow_private`.
    url: String,
    /// share.created, share.opened, share.downloaded, share.expired, share.used_up,
    /// request.file_received, asset.ready
    events: Vec<String>,
    /// Signs each delivery (16 to 256 characters); made when left out.
    secret: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WebhookPatch {
    url: Option<String>,
    events: Option<Vec<String>>,
    secret: Option<String>,
    enabled: Option<bool>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookView {
    id: Uuid,
    owner_id: Uuid,
    url: String,
    events: Vec<String>,
    enabled: bool,
    created_at: DateTime<Utc>,
    /// Only in the answer to its creation (and to a change of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
}

impl From<&Webhook> for WebhookView {
    fn from(hook: &Webhook) -> Self {
        WebhookView {
            id: hook.id,
            owner_id: hook.owner_id,
            url: hook.url.clone(),
            events: hook.events.clone(),
            enabled: hook.enabled,
            created_at: hook.created_at,
            secret: None,
        }
    }
}

impl WebhookView {
    fn with_secret(hook: &Webhook) -> Self {
        WebhookView {
            secret: Some(hook.secret.clone()),
            ..WebhookView::from(hook)
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    id: Uuid,
    event_id: Uuid,
    #[serde(rename = "type")]
    event_type: String,
    status: DeliveryState,
    attempts: u32,
    /// The HTTP status of the last answer, if there was one.
    last_status: Option<u16>,
    last_error: Option<String>,
    next_attempt_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
}

impl DeliveryView {
    /// The view of a webhook delivery; None for an email.
    fn of(d: &Outgoing) -> Option<Self> {
        let call = d.call()?;
        Some(DeliveryView {
            id: d.id,
            event_id: call.event_id,
            event_type: call.event_type.clone(),
            status: d.state,
            attempts: d.attempts,
            last_status: call.last_status,
            last_error: d.last_error.clone(),
            next_attempt_at: (d.state == DeliveryState::Pending).then_some(d.next_attempt_at),
            created_at: d.created_at,
            delivered_at: (d.state == DeliveryState::Delivered)
                .then_some(d.done_at)
                .flatten(),
        })
    }
}

#[utoipa::path(post, path = "/api/v1/webhooks", operation_id = "create_webhook", tag = "webhooks", request_body = WebhookBody,
    responses((status = 201, body = WebhookView, description = "the webhook, with its secret")))]
pub async fn create(
    state: AppState,
    who: Result<Principal>,
    body: Result<WebhookBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let ask = Subscription {
        url: body.url,
        events: body.events,
        secret: body.secret,
    };
    let hook = service::create(&state, &who.user, ask).await?;
    Ok(reply::created(&WebhookView::with_secret(&hook)))
}

#[utoipa::path(get, path = "/api/v1/webhooks", operation_id = "list_webhooks", tag = "webhooks",
    responses((status = 200, body = Listing<WebhookView>)))]
pub async fn list(state: AppState, who: Result<Principal>) -> Result<Response> {
    let hooks = service::list(&state, &who?.user).await?;
    Ok(reply::json(&Listing::<WebhookView>::of(&hooks, None)))
}

#[utoipa::path(get, path = "/api/v1/webhooks/{id}", operation_id = "get_webhook", tag = "webhooks", params(("id" = Uuid, Path, description = "the webhook's id")),
    responses((status = 200, body = WebhookView)))]
pub async fn get(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let hook = service::get(&state, &who?.user, id).await?;
    Ok(reply::json(&WebhookView::from(&hook)))
}

#[utoipa::path(patch, path = "/api/v1/webhooks/{id}", operation_id = "update_webhook", tag = "webhooks", params(("id" = Uuid, Path, description = "the webhook's id")), request_body = WebhookPatch,
    responses((status = 200, body = WebhookView)))]
pub async fn update(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<WebhookPatch>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let new_secret = body.secret.is_some();
    let change = Change {
        url: body.url,
        events: body.events,
        secret: body.secret,
        enabled: body.enabled,
    };
    let hook = service::update(&state, &who.user, id, change).await?;
    Ok(reply::json(&match new_secret {
        true => WebhookView::with_secret(&hook),
        false => WebhookView::from(&hook),
    }))
}

#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", operation_id = "delete_webhook", tag = "webhooks", params(("id" = Uuid, Path, description = "the webhook's id")),
    responses((status = 204, description = "deleted")))]
pub async fn delete(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    service::delete(&state, &who?.user, id).await?;
    Ok(reply::no_content())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveriesQuery {
    /// The `nextCursor` of the page before.
    cursor: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", operation_id = "list_webhook_deliveries", tag = "webhooks",
    params(("id" = Uuid, Path, description = "the webhook's id"), DeliveriesQuery),
    responses((status = 200, body = Listing<DeliveryView>, description = "newest first"), (status = 422, response = ErrorAnswer)))]
pub async fn deliveries(
    id: Uuid,
    query: Result<DeliveriesQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let (who, query) = (who?, query?);
    let before = optional_id(query.cursor.as_deref(), "cursor")?;
    let page = service::deliveries(&state, &who.user, id, before, page_limit(query.limit)?).await?;
    Ok(reply::json(&Listing {
        items: page.items.iter().filter_map(DeliveryView::of).collect(),
        next_cursor: page.next.map(|id| id.to_string()),
    }))
}

#[utoipa::path(post, path = "/api/v1/webhooks/{id}/test", operation_id = "send_webhook_test", tag = "webhooks", params(("id" = Uuid, Path, description = "the webhook's id")),
    responses((status = 202, description = "a webhook.test event is queued for the webhook")))]
pub async fn send_test(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    service::send_test(&state, &who?.user, id).await?;
    Ok(reply::json_with(
        warp::http::StatusCode::ACCEPTED,
        &serde_json::json!({"queued": true}),
    ))
}
