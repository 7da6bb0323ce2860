//! The team API under `/api/v1`: one boxed filter per endpoint, errors through `finish`.

pub mod account;
pub mod assets;
pub mod openapi;
pub mod shares;

use crate::http::filters::{client, json, principal, query, with_state};
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

pub fn routes(state: AppState) -> Routes {
    let limit = state.config.server.max_json_bytes;
    let s = {
        let state = state.clone();
        move || with_state(state.clone())
    };
    let auth = move || principal(state.clone());
    any_of![
        warp::path!("api" / "v1" / "auth" / "login")
            .and(warp::post())
            .and(s())
            .and(client())
            .and(json(limit))
            .then(account::login)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "auth" / "logout")
            .and(warp::post())
            .and(s())
            .and(auth())
            .then(account::logout)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "me")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(account::me)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "tokens")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(account::create_token)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "tokens")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(account::list_tokens)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "tokens" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(account::delete_token)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "users")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(account::list_users)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "users")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(account::create_user)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "users" / Uuid)
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(account::get_user)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "users" / Uuid)
            .and(warp::patch())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(account::update_user)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "users" / Uuid)
            .and(warp::delete())
            .and(query())
            .and(s())
            .and(auth())
            .then(account::delete_user)
            .map(finish)
            .boxed(),
        // PUT too: `curl -T FILE URL?name=FILE` uploads with PUT.
        warp::path!("api" / "v1" / "assets")
            .and(warp::post().or(warp::put()).unify())
            .and(query())
            .and(s())
            .and(auth())
            .and(client())
            .and(warp::body::stream())
            .then(assets::upload)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets")
            .and(warp::get())
            .and(query())
            .and(s())
            .and(auth())
            .then(assets::list)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid)
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(assets::get)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid)
            .and(warp::patch())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(assets::update)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(assets::delete)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid / "original")
            .and(warp::get().or(warp::head()).unify())
            .and(s())
            .and(auth())
            .and(client())
            .then(assets::original)
            .map(finish)
            .boxed(),
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
        warp::path!("api" / "v1" / "collections")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(assets::list_collections)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "collections")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(assets::create_collection)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "collections" / Uuid)
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(assets::get_collection)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "collections" / Uuid)
            .and(warp::patch())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(assets::rename_collection)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "collections" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(assets::delete_collection)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "collections" / Uuid / "assets")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(assets::add_to_collection)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "collections" / Uuid / "assets" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(assets::remove_from_collection)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid / "shares")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(shares::of_asset)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "assets" / Uuid / "share")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(shares::quick_share)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(shares::create)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares")
            .and(warp::get())
            .and(query())
            .and(s())
            .and(auth())
            .then(shares::list)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid)
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(shares::get)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid)
            .and(warp::patch())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(shares::update)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(shares::delete)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "assets")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(shares::add_assets)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "assets" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(shares::remove_asset)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "recipients")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(shares::add_recipients)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "recipients" / Uuid)
            .and(warp::delete())
            .and(s())
            .and(auth())
            .then(shares::remove_recipient)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "events")
            .and(warp::get())
            .and(query())
            .and(s())
            .and(auth())
            .then(shares::events)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "qr.svg")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(shares::qr)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "shares" / Uuid / "email")
            .and(warp::post())
            .and(s())
            .and(auth())
            .and(json(limit))
            .then(shares::email)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "users" / "directory")
            .and(warp::get())
            .and(query())
            .and(s())
            .and(auth())
            .then(account::directory)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "branding")
            .and(warp::get())
            .and(s())
            .then(account::branding)
            .map(finish)
            .boxed(),
        warp::path!("branding" / "logo")
            .and(warp::get())
            .and(s())
            .then(account::logo)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "policy")
            .and(warp::get())
            .and(s())
            .and(auth())
            .then(shares::policy)
            .map(finish)
            .boxed(),
        warp::path!("api" / "v1" / "openapi.json")
            .and(warp::get())
            .map(openapi::document)
            .boxed(),
    ]
}
