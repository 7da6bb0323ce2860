//! The team API under `/api/v1`: one boxed filter per endpoint, errors through `finish`.

pub mod account;
pub mod assets;
pub mod openapi;
pub mod shares;
pub mod uploads;

use crate::http::filters::{
    body, client, json, labelled_json, principal, query, same_site, with_state,
};
use crate::http::reply::finish;
use crate::server::Routes;
use crate::state::AppState;
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
    let auth = move || principal(state.clone());
    any_of![
        endpoint!(warp::path!("api" / "v1" / "auth" / "login"), warp::post(), s(), client(), same_site(), labelled_json(limit) => account::login),
        endpoint!(warp::path!("api" / "v1" / "auth" / "logout"), warp::post(), s(), same_site(), auth() => account::logout),
        endpoint!(warp::path!("api" / "v1" / "me"), warp::get(), s(), auth() => account::me),
        endpoint!(warp::path!("api" / "v1" / "tokens"), warp::post(), s(), auth(), json(limit) => account::create_token),
        endpoint!(warp::path!("api" / "v1" / "tokens"), warp::get(), s(), auth() => account::list_tokens),
        endpoint!(warp::path!("api" / "v1" / "tokens" / Uuid), warp::delete(), s(), auth() => account::delete_token),
        endpoint!(warp::path!("api" / "v1" / "users"), warp::get(), s(), auth() => account::list_users),
        endpoint!(warp::path!("api" / "v1" / "users"), warp::post(), s(), auth(), json(limit) => account::create_user),
        endpoint!(warp::path!("api" / "v1" / "users" / Uuid), warp::get(), s(), auth() => account::get_user),
        endpoint!(warp::path!("api" / "v1" / "users" / Uuid), warp::patch(), s(), auth(), json(limit) => account::update_user),
        endpoint!(warp::path!("api" / "v1" / "users" / Uuid), warp::delete(), query(), s(), auth() => account::delete_user),
        // PUT too: `curl -T FILE URL?name=FILE` uploads with PUT.
        endpoint!(warp::path!("api" / "v1" / "assets"), warp::post().or(warp::put()).unify(), query(), s(), auth(), client(), warp::body::stream() => assets::upload),
        endpoint!(warp::path!("api" / "v1" / "assets"), warp::get(), query(), s(), auth() => assets::list),
        endpoint!(warp::path!("api" / "v1" / "uploads"), warp::options(), s() => uploads::options; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads"), warp::post(), s(), auth(), client(), body() => uploads::create; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), warp::head(), s(), auth(), client() => uploads::head; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), warp::patch(), s(), auth(), client(), body() => uploads::patch; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), warp::delete(), s(), auth(), client() => uploads::terminate; uploads::tus),
        endpoint!(warp::path!("api" / "v1" / "uploads" / Uuid), warp::get(), s(), auth() => uploads::get),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid), warp::get(), s(), auth() => assets::get),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid), warp::patch(), s(), auth(), json(limit) => assets::update),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid), warp::delete(), s(), auth() => assets::delete),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "original"), warp::get().or(warp::head()).unify(), s(), auth(), client() => assets::original),
        warp::path!("api" / "v1" / "assets" / Uuid / "presets" / String)
            .and(warp::get().or(warp::head()).unify())
            .map(|id, name: String| (id, format!("presets/{name}")))
            .untuple_one()
            .and(s())
            .and(auth())
            .and(client())
            .then(assets::derivative)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid / String)
            .and(warp::get().or(warp::head()).unify())
            .and_then(|id, name: String| async move {
                if name == "thumbnail" || name == "preview" {
                    Ok((id, name))
                } else {
                    Err(warp::reject::not_found())
                }
            })
            .untuple_one()
            .and(s())
            .and(auth())
            .and(client())
            .then(assets::derivative)
            .map(finish)
            .boxed(),
        endpoint!(warp::path!("api" / "v1" / "collections"), warp::get(), s(), auth() => assets::list_collections),
        endpoint!(warp::path!("api" / "v1" / "collections"), warp::post(), s(), auth(), json(limit) => assets::create_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid), warp::get(), s(), auth() => assets::get_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid), warp::patch(), s(), auth(), json(limit) => assets::rename_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid), warp::delete(), s(), auth() => assets::delete_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid / "assets"), warp::post(), s(), auth(), json(limit) => assets::add_to_collection),
        endpoint!(warp::path!("api" / "v1" / "collections" / Uuid / "assets" / Uuid), warp::delete(), s(), auth() => assets::remove_from_collection),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "shares"), warp::get(), s(), auth() => shares::of_asset),
        endpoint!(warp::path!("api" / "v1" / "assets" / Uuid / "share"), warp::post(), s(), auth(), json(limit) => shares::quick_share),
        endpoint!(warp::path!("api" / "v1" / "shares"), warp::post(), s(), auth(), json(limit) => shares::create),
        endpoint!(warp::path!("api" / "v1" / "shares"), warp::get(), query(), s(), auth() => shares::list),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid), warp::get(), s(), auth() => shares::get),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid), warp::patch(), s(), auth(), json(limit) => shares::update),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid), warp::delete(), s(), auth() => shares::delete),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "assets"), warp::post(), s(), auth(), json(limit) => shares::add_assets),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "assets" / Uuid), warp::delete(), s(), auth() => shares::remove_asset),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "recipients"), warp::post(), s(), auth(), json(limit) => shares::add_recipients),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "recipients" / Uuid), warp::delete(), s(), auth() => shares::remove_recipient),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "events"), warp::get(), query(), s(), auth() => shares::events),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "qr.svg"), warp::get(), s(), auth() => shares::qr),
        endpoint!(warp::path!("api" / "v1" / "shares" / Uuid / "email"), warp::post(), s(), auth(), json(limit) => shares::email),
        endpoint!(warp::path!("api" / "v1" / "users" / "directory"), warp::get(), query(), s(), auth() => account::directory),
        endpoint!(warp::path!("api" / "v1" / "branding"), warp::get(), s() => account::branding),
        endpoint!(warp::path!("branding" / "logo"), warp::get(), s() => account::logo),
        endpoint!(warp::path!("api" / "v1" / "policy"), warp::get(), s(), auth() => shares::policy),
        warp::path!("api" / "v1" / "openapi.json")
            .and(warp::get())
            .map(openapi::document)
            .boxed(),
    ]
}
