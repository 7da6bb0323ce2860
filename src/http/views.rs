//! The JSON shapes of the API (camelCase), made from domain records.

use crate::accounts::{Role, Token, User, UserStatus};
use crate::assets::{Asset, AssetStatus, Collection, Derivative, Kind};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub permissions: Vec<&'static str>,
    pub status: UserStatus,
    pub created_at: DateTime<Utc>,
}

impl From<&User> for UserView {
    fn from(user: &User) -> Self {
        UserView {
            id: user.id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            permissions: user.role.permissions().iter().map(|p| p.name()).collect(),
            status: user.status,
            created_at: user.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenView {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<&Token> for TokenView {
    fn from(token: &Token) -> Self {
        TokenView {
            id: token.id,
            name: token.name.clone(),
            created_at: token.created_at,
            expires_at: token.expires_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssetView {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub mime_type: String,
    pub kind: Kind,
    pub status: AssetStatus,
    pub expires_at: Option<DateTime<Utc>>,
    pub attributes: BTreeMap<String, String>,
    pub created_at: DateTime<Utc>,
    pub derivatives: BTreeMap<String, Derivative>,
}

impl From<&Asset> for AssetView {
    fn from(asset: &Asset) -> Self {
        AssetView {
            id: asset.id,
            owner_id: asset.owner_id,
            name: asset.name.clone(),
            size: asset.size,
            sha256: asset.sha256.clone(),
            mime_type: asset.mime_type.clone(),
            kind: asset.kind,
            status: asset.status,
            expires_at: asset.expires_at,
            attributes: asset.attributes.clone(),
            created_at: asset.created_at,
            derivatives: asset.derivatives.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CollectionView {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub asset_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<&Collection> for CollectionView {
    fn from(c: &Collection) -> Self {
        CollectionView {
            id: c.id,
            owner_id: c.owner_id,
            name: c.name.clone(),
            asset_ids: c.asset_ids.clone(),
            created_at: c.created_at,
        }
    }
}

/// A listing: `{"items": […], "nextCursor": …}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Listing<T> {
    pub fn of<R>(records: &[R], next: Option<Uuid>) -> Listing<T>
    where
        for<'a> T: From<&'a R>,
    {
        Listing {
            items: records.iter().map(T::from).collect(),
            next_cursor: next.map(|id| id.to_string()),
        }
    }
}
