//! The OpenAPI 3 description, generated from the handlers' annotations so it cannot drift.
//! Each handler lists the errors its own rules give; the ones that follow from the shape of an
//! operation (credentials, a JSON body, a query, an id in the path) are added here, once.

use super::{account, assets, dam, domains, profile, requests, shares, totp, uploads, webhooks};
use crate::http::reply;
use crate::http::views::{self, ErrorAnswer};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{OpenApi, ToResponse};
use warp::reply::Response;

#[derive(OpenApi)]
#[openapi(
    info(title = "handoff", description = "Team API of handoff, the self-hosted file-share appliance. Resumable uploads speak tus 1.0.0 at /api/v1/uploads (OPTIONS tells its extensions)."),
    paths(
        account::login, account::logout, account::me,
        account::create_token, account::list_tokens, account::delete_token,
        account::list_users, account::create_user, account::get_user, account::update_user, account::delete_user, account::directory, account::branding,
        assets::upload, assets::list, assets::get, assets::update, assets::delete, assets::original, assets::derivative, assets::preset, assets::page,
        assets::list_collections, assets::create_collection, assets::get_collection, assets::rename_collection,
        assets::delete_collection, assets::add_to_collection, assets::remove_from_collection,
        shares::create, shares::list, shares::get, shares::update, shares::delete,
        shares::add_assets, shares::remove_asset, shares::add_recipients, shares::remove_recipient,
        shares::events, shares::qr, shares::of_asset, shares::quick_share, shares::policy, shares::email,
        uploads::options, uploads::create, uploads::head, uploads::patch, uploads::terminate, uploads::get,
        webhooks::create, webhooks::list, webhooks::get, webhooks::update, webhooks::delete,
        webhooks::deliveries, webhooks::send_test,
        totp::enrol, totp::confirm, totp::disable,
        dam::asset_history, dam::create_search, dam::list_searches, dam::get_search, dam::search_assets,
        dam::update_search, dam::delete_search,
        dam::attach, dam::list_attachments, dam::attachment_file, dam::delete_attachment,
        requests::create, requests::list, requests::get, requests::update, requests::delete, requests::events,
        domains::list, domains::create, domains::get, domains::rename, domains::delete, domains::move_assets, domains::mine,
        profile::update_me,
    ),
    components(
        schemas(views::UserView, views::AssetView, views::CollectionView, views::TokenView, views::ShareView, views::ErrorDetail, uploads::TusVersion),
        responses(ErrorAnswer),
    ),
    modifiers(&Credentials, &ShapeErrors),
    security(("bearer" = []), ("session" = []))
)]
struct ApiDoc;

/// A bearer token (API token or the token login answers) or the session cookie of the web app.
struct Credentials;

impl utoipa::Modify for Credentials {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::http::filters::SESSION_COOKIE,
                "The web app's session; writes also send the x-csrf-token header that login answers",
            ))),
        );
    }
}

/// The errors every operation of a given shape can answer, whatever its handler does; and
/// operation ids made unique where one handler serves two methods (`POST|PUT /assets`).
struct ShapeErrors;

impl utoipa::Modify for ShapeErrors {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let mut ids = std::collections::HashSet::new();
        for item in doc.paths.paths.values_mut() {
            let operations = [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("patch", &mut item.patch),
                ("delete", &mut item.delete),
                ("head", &mut item.head),
                ("options", &mut item.options),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                let writes = !matches!(method, "get" | "head" | "options");
                for status in shape_errors(operation, writes) {
                    add_error(operation, status);
                }
                if let Some(id) = &mut operation.operation_id {
                    // Handlers of different modules share names (`get`): number the repeats.
                    let candidates = [id.clone(), format!("{id}_{method}")]
                        .into_iter()
                        .chain((2..).map(|n| format!("{id}_{method}{n}")));
                    *id = candidates
                        .into_iter()
                        .find(|candidate| ids.insert(candidate.clone()))
                        .expect("the candidates never end");
                }
            }
        }
    }
}

/// An operation that declares `security(())`: no credentials needed.
fn is_public(operation: &Operation) -> bool {
    operation
        .security
        .as_ref()
        .is_some_and(|any_of| any_of.iter().all(|r| *r == SecurityRequirement::default()))
}

/// Every operation needs credentials (the document's default) unless it says otherwise.
fn shape_errors(operation: &Operation, writes: bool) -> Vec<u16> {
    let secured = !is_public(operation);
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let located = |place: ParameterIn| parameters.iter().any(|p| p.parameter_in == place);
    let json_body = operation
        .request_body
        .as_ref()
        .is_some_and(|body| body.content.contains_key("application/json"));
    let mut statuses = Vec::new();
    if secured {
        statuses.push(401);
    }
    // A web session's writes without the CSRF header.
    if secured && writes {
        statuses.push(403);
    }
    // Malformed JSON or query, too large, not JSON at all, JSON of the wrong shape.
    if json_body {
        statuses.extend([400, 413, 415, 422]);
    }
    if located(ParameterIn::Query) {
        statuses.push(400);
    }
    if located(ParameterIn::Path) {
        statuses.push(404);
    }
    statuses
}

fn add_error(operation: &mut Operation, status: u16) {
    let reference = format!("#/components/responses/{}", ErrorAnswer::response().0);
    operation
        .responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| RefOr::Ref(Ref::new(reference)));
}

pub fn document() -> Response {
    reply::json(&ApiDoc::openapi())
}

#[cfg(test)]
mod tests;
