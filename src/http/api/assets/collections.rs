//! The collection routes of the team API (`/api/v1/collections`): a member's named sets of
//! assets, as the domain module decides them.

use crate::accounts::{Permission, Principal};
use crate::assets;
use crate::error::Result;
use crate::http::reply;
use crate::http::views::{CollectionView, Listing};
use crate::state::AppState;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use warp::reply::Response;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CollectionBody {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
    #[serde(default)]
    asset_ids: Vec<Uuid>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CollectionPatch {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssetIds {
    pub asset_ids: Vec<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/collections", tag = "collections", responses((status = 200, body = Listing<CollectionView>)))]
pub async fn list_collections(state: AppState, who: Result<Principal>) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    let collections = assets::list_collections(&state.store, &who.user).await?;
    Ok(reply::json(&Listing::<CollectionView>::of(
        &collections,
        None,
    )))
}

#[utoipa::path(post, path = "/api/v1/collections", tag = "collections", request_body = CollectionBody,
    responses((status = 201, body = CollectionView)))]
pub async fn create_collection(
    state: AppState,
    who: Result<Principal>,
    body: Result<CollectionBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let collection =
        assets::create_collection(&state.store, &who.user, &body.name, body.asset_ids).await?;
    Ok(reply::created(&CollectionView::from(&collection)))
}

#[utoipa::path(get, path = "/api/v1/collections/{id}", tag = "collections", params(("id" = Uuid, Path, description = "the collection's id")),
    responses((status = 200, body = CollectionView)))]
pub async fn get_collection(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    Ok(reply::json(&CollectionView::from(
        &assets::get_collection(&state.store, &who.user, id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/v1/collections/{id}", tag = "collections", params(("id" = Uuid, Path, description = "the collection's id")), request_body = CollectionPatch,
    responses((status = 200, body = CollectionView)))]
pub async fn rename_collection(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<CollectionPatch>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let collection = assets::rename_collection(&state.store, &who.user, id, &body.name).await?;
    Ok(reply::json(&CollectionView::from(&collection)))
}

#[utoipa::path(delete, path = "/api/v1/collections/{id}", tag = "collections", params(("id" = Uuid, Path, description = "the collection's id")),
    responses((status = 204, description = "deleted")))]
pub async fn delete_collection(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    assets::delete_collection(&state.store, &who?.user, id).await?;
    Ok(reply::no_content())
}

#[utoipa::path(post, path = "/api/v1/collections/{id}/assets", tag = "collections", params(("id" = Uuid, Path, description = "the collection's id")), request_body = AssetIds,
    responses((status = 200, body = CollectionView)))]
pub async fn add_to_collection(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<AssetIds>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let collection = assets::add_to_collection(&state.store, &who.user, id, body.asset_ids).await?;
    Ok(reply::json(&CollectionView::from(&collection)))
}

#[utoipa::path(delete, path = "/api/v1/collections/{id}/assets/{assetId}", tag = "collections",
    params(("id" = Uuid, Path, description = "the collection's id"), ("assetId" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = CollectionView)))]
pub async fn remove_from_collection(
    id: Uuid,
    asset_id: Uuid,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let collection = assets::remove_from_collection(&state.store, &who?.user, id, asset_id).await?;
    Ok(reply::json(&CollectionView::from(&collection)))
}
