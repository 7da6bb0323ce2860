//! What the DAM seeds asked for: an asset's attribute history (saved searches, attachments and
//! domains follow the same pattern).

use crate::accounts::{Permission, Principal};
use crate::error::Result;
use crate::history::{self, Change};
use crate::http::reply;
use crate::http::views::Listing;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use warp::reply::Response;

/// One changed field: `attributes` changes name the key in `attribute`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView {
    pub at: DateTime<Utc>,
    /// The id of the user who made the change.
    pub by: Uuid,
    pub by_email: String,
    /// `name`, `status`, `expiresAt` or `attributes`
    pub field: String,
    pub attribute: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl From<&Change> for ChangeView {
    fn from(c: &Change) -> Self {
        ChangeView {
            at: c.at,
            by: c.by,
            by_email: c.by_email.clone(),
            field: c.field.clone(),
            attribute: c.attribute.clone(),
            before: c.before.clone(),
            after: c.after.clone(),
        }
    }
}

/// Every change of the asset's name, status, expiry and attributes, newest first.
#[utoipa::path(get, path = "/api/v1/assets/{id}/history", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = Listing<ChangeView>)))]
pub async fn asset_history(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    who?.user.require(Permission::AssetsRead)?;
    crate::assets::get(&state.store, id).await?;
    let changes = history::newest_first(&state.store, id).await?;
    Ok(reply::json(&Listing::<ChangeView>::of(&changes, None)))
}
