//! The signed-in user's own settings: `PATCH /me`.

use crate::accounts::{self, Principal};
use crate::error::Result;
use crate::http::reply;
use crate::http::views::{ErrorAnswer, UserView};
use crate::state::AppState;
use serde::Deserialize;
use utoipa::ToSchema;
use warp::reply::Response;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MePatch {
    /// The language chosen for the app: en, de, fr, es, nl or ja; null for English. The
    /// emails this user gets as an owner (first visits and downloads, files received through
    /// requests) speak it.
    #[serde(default, deserialize_with = "super::nullable")]
    #[schema(value_type = Option<String>)]
    language: Option<Option<String>>,
}

#[utoipa::path(patch, path = "/api/v1/me", operation_id = "update_me", tag = "auth", request_body = MePatch,
    responses((status = 200, body = UserView), (status = 422, response = ErrorAnswer)))]
pub async fn update_me(
    state: AppState,
    who: Result<Principal>,
    body: Result<MePatch>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let user = match body.language {
        Some(language) => accounts::set_language(&state.store, &who.user, language).await?,
        None => who.user,
    };
    Ok(reply::json(&UserView::from(&user)))
}
