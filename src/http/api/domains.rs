//! Domains (SPEC §10): admins make, rename and delete them and move assets between them;
//! members see which of them they belong to (the app's switcher).

use crate::accounts::Principal;
use crate::domains::{self, Counted, Domain};
use crate::error::Result;
use crate::http::api::assets::AssetIds;
use crate::http::reply;
use crate::http::views::{ErrorAnswer, Listing};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use warp::reply::Response;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DomainBody {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
}

/// A domain; the counts are given to admins.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainView {
    id: Uuid,
    name: String,
    created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    asset_count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    member_count: Option<u64>,
}

impl From<&Domain> for DomainView {
    fn from(d: &Domain) -> Self {
        DomainView {
            id: d.id,
            name: d.name.clone(),
            created_at: d.created_at,
            asset_count: None,
            member_count: None,
        }
    }
}

impl From<&Counted> for DomainView {
    fn from(c: &Counted) -> Self {
        DomainView {
            asset_count: Some(c.assets),
            member_count: Some(c.members),
            ..DomainView::from(&c.domain)
        }
    }
}

/// How many assets a move moved (those already there are not counted).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    moved: u64,
}

/// Every domain, oldest first, with its counts of assets and members (admins).
#[utoipa::path(get, path = "/api/v1/domains", tag = "domains",
    responses((status = 200, body = Listing<DomainView>), (status = 403, response = ErrorAnswer)))]
pub async fn list(state: AppState, who: Result<Principal>) -> Result<Response> {
    let all = domains::list(&state.store, &who?.user).await?;
    Ok(reply::json(&Listing::<DomainView>::of(&all, None)))
}

#[utoipa::path(post, path = "/api/v1/domains", tag = "domains", request_body = DomainBody,
    responses((status = 201, body = DomainView), (status = 403, response = ErrorAnswer),
        (status = 409, response = ErrorAnswer)))]
pub async fn create(
    state: AppState,
    who: Result<Principal>,
    body: Result<DomainBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let domain = domains::create(&state.store, &who.user, &body.name).await?;
    Ok(reply::created(&DomainView::from(&domain)))
}

#[utoipa::path(get, path = "/api/v1/domains/{id}", tag = "domains", params(("id" = Uuid, Path, description = "the domain's id")),
    responses((status = 200, body = DomainView), (status = 403, response = ErrorAnswer)))]
pub async fn get(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let domain = domains::get(&state.store, &who?.user, id).await?;
    Ok(reply::json(&DomainView::from(&domain)))
}

#[utoipa::path(patch, path = "/api/v1/domains/{id}", tag = "domains", params(("id" = Uuid, Path, description = "the domain's id")),
    request_body = DomainBody,
    responses((status = 200, body = DomainView), (status = 403, response = ErrorAnswer),
        (status = 409, response = ErrorAnswer)))]
pub async fn rename(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<DomainBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let domain = domains::rename(&state.store, &who.user, id, &body.name).await?;
    Ok(reply::json(&DomainView::from(&domain)))
}

/// Deletes an empty domain; one that holds assets, or is a member's only domain, is 409.
#[utoipa::path(delete, path = "/api/v1/domains/{id}", tag = "domains", params(("id" = Uuid, Path, description = "the domain's id")),
    responses((status = 204, description = "deleted"), (status = 403, response = ErrorAnswer),
        (status = 409, response = ErrorAnswer)))]
pub async fn delete(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    domains::delete(&state.store, &who?.user, id).await?;
    Ok(reply::no_content())
}

/// Moves assets into this domain (admins); every asset named must exist, or none moves.
#[utoipa::path(post, path = "/api/v1/domains/{id}/assets", tag = "domains", params(("id" = Uuid, Path, description = "the domain's id")),
    request_body = AssetIds,
    responses((status = 200, body = Moved), (status = 403, response = ErrorAnswer)))]
pub async fn move_assets(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<AssetIds>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let moved = domains::move_assets(&state.store, &who.user, id, body.asset_ids).await?;
    Ok(reply::json(&Moved { moved }))
}

/// The domains whose assets the caller sees (admins: all), oldest first: the app's switcher.
#[utoipa::path(get, path = "/api/v1/me/domains", tag = "domains",
    responses((status = 200, body = Listing<DomainView>)))]
pub async fn mine(state: AppState, who: Result<Principal>) -> Result<Response> {
    let mine = domains::visible(&state.store, &who?.user).await?;
    Ok(reply::json(&Listing::<DomainView>::of(&mine, None)))
}
