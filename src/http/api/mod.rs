//! The team API under `/api/v1`: one boxed filter per endpoint, errors through `finish`.

pub mod account;
pub mod assets;
pub mod dam;
pub mod domains;
pub mod openapi;
pub mod profile;
pub mod requests;
pub mod shares;
pub mod totp;
pub mod uploads;
pub mod webhooks;

use crate::http::filters::{
    body, client, enrolling_principal, json, labelled_json, principal, query, same_site, with_state,
};
use crate::http::methods;
use crate::http::reply::finish;
use crate::server::Routes;
use crate::state::AppState;
use assets::DerivativeName;
use uuid::Uuid;
use warp::Filter;

/// Routes a request to the first endpoint that matches; each is boxed to keep types small.
macro_rules! any_of {
    ($first:expr $(, $rest:expr)* $(,)?) => {{
        let routes: Routes = $first;
        $(let routes: Routes = routes.or($rest).unify().boxed();)*
        routes
    }};
}
pub(crate) use any_of;

/// For PATCH bodies: `Some(None)` when a field is present as null ("clear it").
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(d).map(Some)
}

/// One endpoint: path, method and the filters whose values the handler takes, in order;
/// the handler's `Result` goes through `finish`.
macro_rules! endpoint {
    ($path:expr, $($filter:expr),+ => $handler:expr) => {
        endpoint!($path, $($filter),+ => $handler; finish)
    };
    ($path:expr, $($filter:expr),+ => $handler:expr; $answer:expr) => {
        $path$(.and($filter))+.then($handler).map($answer).boxed()
    };
}

#[rustfmt::skip]
pub fn routes(state: AppState) -> Routes {
    let limit = state.config.server.max_json_bytes;
    let s = {
        let state = state.clone();
        move || with_state(state.clone())
    };
    let same_site = {
        let public_url = state.config.public_url();
        move || same_site(public_url.clone())
    };
    let enrolling = {
        let state = state.clone();
        move || enrolling_principal(state.clone())
    };
    let auth = move || principal(state.clone());
    any_of![
        endpoint!(warp::path!("api" / "v1" / "auth" / "login"), methods::post(), s(), client(), same_site(), labelled_json(limit) => account::login),
        endpoint!(warp::path!("api" / "v1" / "auth" / "logout"), methods::post(), s(), same_site(), enrolling() => account::logout),
        endpoint!(warp::path!("api" / "v1" / "me"), methods::get(), s(), enrolling() => account::me),
        endpoint!(warp::path!("api" / "v1" / "me"), methods::patch(), s(), auth(), json(limit) => profile::update_me),
        endpoint!(warp::path!("api" / "v1" / "me" / "totp"), methods::post(), s(), enrolling() => totp::enrol),
        endpoint!(warp::path!("api" / "v1" / "me" / "totp" / "confirm"), methods::post(), s(), enrolling(), json(limit) => totp::confirm),
        endpoint!(warp::path!("api" / "v1" / "me" / "totp"), methods::delete(), s(), auth(), json(limit) => totp::disable),
        endpoint!(warp::path!("api" / "v1" / "tokens"), methods::post(), s(), auth(), json(limit) => account::create_token),
        endpoint!(warp::path!("api" / "v1" / "tokens"), methods::get(), s(), auth() => account::list_tokens),
        endpoint!(warp::path!("api" / "v1" / "tokens" / Uuid), methods::delete(), s(), auth() => account::delete_token),
        endpoint!(warp::path!("api" / "v1" / "users"), methods::get(), s(), auth() => account::list_users),
        endpoint!(warp::path!("api" / "v1" / "users"), methods::post(), s(), auth(), json(limit) => account::create_user),
        endpoint!(warp::path!("api" / "v1" / "users" / Uuid), methods::get(), s(), auth() => account::get_user),
        endpoint!(warp::path!("api" / "v1" / "users" / Uuid), methods::patch(), s(), auth(), json(limit) => account::update_user),
        endpoint!(warp::path!("api" / "v1" / "users" / Uuid), methods::delete(), query(), s(), auth() => account::delete_user),
        // PUT too: `curl -T FILE URL?name=FILE` uploads with PUT.
        endpoint!(warp::path!("api" / "v1" / "assets"), methods::post().or(methods::put()).unify(), query(), s(), auth(), client(), warp::body::stream() => assets::upload),
        endpoint!(warp::path!("api" / "v1" / "assets"), methods::get(), query(), s(), auth() => assets::list),
        endpoint!(warp::path!("api" / "v1" / "uploads"), methods::options(), s() => uploads::options; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads"), methods::post(), s(), auth(), client(), body() => uploads::create; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), methods::head(), s(), auth(), client() => uploads::head; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), methods::patch(), s(), auth(), client(), body() => uploads::patch; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), methods::delete(), s(), auth(), client() => uploads::terminate; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), methods::get(), s(), auth() => uploads::get),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid), methods::get(), s(), auth() => assets::get),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid), methods::patch(), s(), auth(), json(limit) => assets::update),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid), methods::delete(), s(), auth() => assets::delete),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "original"), methods::get().or(methods::head()).unify(), s(), auth(), client() => assets::original),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "presets" / String), methods::get().or(methods::head()).unify(), s(), auth(), client() => assets::preset),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / DerivativeName), methods::get().or(methods::head()).unify(), s(), auth(), client() => assets::derivative),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "pages" / u32), methods::get().or(methods::head()).unify(), s(), auth(), client() => assets::page),
        endpoint!(warp::path!("api" / "v1" / "collections"), methods::get(), s(), auth() => assets::list_collections),
        endpoint!(warp::path!("api" / "v1" / "collections"), methods::post(), s(), auth(), json(limit) => assets::create_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid), methods::get(), s(), auth() => assets::get_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid), methods::patch(), s(), auth(), json(limit) => assets::rename_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid), methods::delete(), s(), auth() => assets::delete_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid / "assets"), methods::post(), s(), auth(), json(limit) => assets::add_to_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid / "assets" / Uuid), methods::delete(), s(), auth() => assets::remove_from_collection),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "shares"), methods::get(), s(), auth() => shares::of_asset),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "share"), methods::post(), s(), auth(), json(limit) => shares::quick_share),
        endpoint!(warp::path!("api" / "v1" / "shares"), methods::post(), s(), auth(), json(limit) => shares::create),
        endpoint!(warp::path!("api" / "v1" / "shares"), methods::get(), query(), s(), auth() => shares::list),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid), methods::get(), s(), auth() => shares::get),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid), methods::patch(), s(), auth(), json(limit) => shares::update),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid), methods::delete(), s(), auth() => shares::delete),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "assets"), methods::post(), s(), auth(), json(limit) => shares::add_assets),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "assets" / Uuid), methods::delete(), s(), auth() => shares::remove_asset),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "recipients"), methods::post(), s(), auth(), json(limit) => shares::add_recipients),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "recipients" / Uuid), methods::delete(), s(), auth() => shares::remove_recipient),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "events"), methods::get(), query(), s(), auth() => shares::events),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "qr.svg"), methods::get(), s(), auth() => shares::qr),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "email"), methods::post(), s(), auth(), json(limit) => shares::email),
        endpoint!(warp::path!("api" / "v1" / "webhooks"), methods::post(), s(), auth(), json(limit) => webhooks::create),
        endpoint!(warp::path!("api" / "v1" / "webhooks"), methods::get(), s(), auth() => webhooks::list),
        endpoint!(warp::path!("api" / "v1" / "webhooks" / Uuid), methods::get(), s(), auth() => webhooks::get),
        endpoint!(warp::path!("api" / "v1" / "webhooks" / Uuid), methods::patch(), s(), auth(), json(limit) => webhooks::update),
        endpoint!(warp::path!("api" / "v1" / "webhooks" / Uuid), methods::delete(), s(), auth() => webhooks::delete),
        endpoint!(warp::path!("api" / "v1" / "webhooks" / Uuid / "deliveries"), methods::get(), query(), s(), auth() => webhooks::deliveries),
        endpoint!(warp::path!("api" / "v1" / "webhooks" / Uuid / "test"), methods::post(), s(), auth() => webhooks::send_test),
        endpoint!(warp::path!("api" / "v1" / "users" / "directory"), methods::get(), query(), s(), auth() => account::directory),
        endpoint!(warp::path!("api" / "v1" / "branding"), methods::get(), s() => account::branding),
        endpoint!(warp::path!("branding" / "logo"), methods::get(), s() => account::logo),
        endpoint!(warp::path!("api" / "v1" / "policy"), methods::get(), s(), auth() => shares::policy),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "history"), methods::get(), s(), auth() => dam::asset_history),
        endpoint!(warp::path!("api" / "v1" / "searches"), methods::post(), s(), auth(), json(limit) => dam::create_search),
        endpoint!(warp::path!("api" / "v1" / "searches"), methods::get(), s(), auth() => dam::list_searches),
        endpoint!(warp::path!("api" / "v1" / "searches" / Uuid), methods::get(), s(), auth() => dam::get_search),
        endpoint!(warp::path!("api" / "v1" / "searches" / Uuid), methods::patch(), s(), auth(), json(limit) => dam::update_search),
        endpoint!(warp::path!("api" / "v1" / "searches" / Uuid), methods::delete(), s(), auth() => dam::delete_search),
        endpoint!(warp::path!("api" / "v1" / "searches" / Uuid / "assets"), methods::get(), query(), s(), auth() => dam::search_assets),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "attachments"), methods::post(), query(), s(), auth(), client(), warp::body::stream() => dam::attach),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "attachments"), methods::get(), s(), auth() => dam::list_attachments),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "attachments" / Uuid), methods::get().or(methods::head()).unify(), s(), auth(), client() => dam::attachment_file),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "attachments" / Uuid), methods::delete(), s(), auth() => dam::delete_attachment),
        endpoint!(warp::path!("api" / "v1" / "requests"), methods::post(), s(), auth(), json(limit) => requests::create),
        endpoint!(warp::path!("api" / "v1" / "requests"), methods::get(), query(), s(), auth() => requests::list),
        endpoint!(warp::path!("api" / "v1" / "requests" / Uuid), methods::get(), s(), auth() => requests::get),
        endpoint!(warp::path!("api" / "v1" / "requests" / Uuid), methods::patch(), s(), auth(), json(limit) => requests::update),
        endpoint!(warp::path!("api" / "v1" / "requests" / Uuid), methods::delete(), s(), auth() => requests::delete),
        endpoint!(warp::path!("api" / "v1" / "requests" / Uuid / "events"), methods::get(), query(), s(), auth() => requests::events),
        endpoint!(warp::path!("api" / "v1" / "domains"), methods::get(), s(), auth() => domains::list),
        endpoint!(warp::path!("api" / "v1" / "domains"), methods::post(), s(), auth(), json(limit) => domains::create),
        endpoint!(warp::path!("api" / "v1" / "domains" / Uuid), methods::get(), s(), auth() => domains::get),
        endpoint!(warp::path!("api" / "v1" / "domains" / Uuid), methods::patch(), s(), auth(), json(limit) => domains::rename),
        endpoint!(warp::path!("api" / "v1" / "domains" / Uuid), methods::delete(), s(), auth() => domains::delete),
        endpoint!(warp::path!("api" / "v1" / "domains" / Uuid / "assets"), methods::post(), s(), auth(), json(limit) => domains::move_assets),
        endpoint!(warp::path!("api" / "v1" / "me" / "domains"), methods::get(), s(), auth() => domains::mine),
        warp::path!("api" / "v1" / "openapi.json")
            .and(methods::get())
            .map(openapi::document)
            .boxed(),
    ]
}
