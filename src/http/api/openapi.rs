//! The OpenAPI 3 description, generated from the handlers' annotations so it cannot drift.

use super::{account, assets, shares};
use crate::http::reply;
use crate::http::views;
use utoipa::OpenApi;
use warp::reply::Response;

#[derive(OpenApi)]
#[openapi(
    info(title = "handoff", description = "Team API of handoff, the self-hosted file-share appliance."),
    paths(
        account::login, account::logout, account::me,
        account::create_token, account::list_tokens, account::delete_token,
        account::list_users, account::create_user, account::get_user, account::update_user, account::delete_user, account::directory, account::branding,
        assets::upload, assets::list, assets::get, assets::update, assets::delete, assets::original, assets::derivative,
        assets::list_collections, assets::create_collection, assets::get_collection, assets::rename_collection,
        assets::delete_collection, assets::add_to_collection, assets::remove_from_collection,
        shares::create, shares::list, shares::get, shares::update, shares::delete,
        shares::add_assets, shares::remove_asset, shares::add_recipients, shares::remove_recipient,
        shares::events, shares::qr, shares::of_asset, shares::quick_share, shares::policy, shares::email,
    ),
    components(schemas(views::UserView, views::AssetView, views::CollectionView, views::TokenView, views::ShareView)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> Response {
    reply::json(&ApiDoc::openapi())
}
