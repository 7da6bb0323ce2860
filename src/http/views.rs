//! The JSON shapes of the API (camelCase), made from domain records.

use crate::accounts::{Role, Token, User, UserStatus};
use crate::assets::{Asset, AssetStatus, Collection, Derivative, Kind};
use crate::shares::service::Skipped;
use crate::shares::{
    Access, Content, DownloadOptions, NotifyChoice, Recipient, RecipientCounters, RecipientStatus,
    Share,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::{ToResponse, ToSchema};
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
    /// The ids of the domains the member belongs to.
    pub domains: Vec<Uuid>,
    /// The language chosen for the app (`PATCH /me`); null: none chosen (English emails).
    pub language: Option<String>,
}

impl From<&User> for UserView {
    fn from(user: &User) -> Self {
        UserView {
            id: user.id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            permissions: user.permissions().iter().map(|p| p.name()).collect(),
            status: user.status,
            created_at: user.created_at,
            domains: user.domains.clone(),
            language: user.language.clone(),
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
    /// The subset of its user's permissions the token is limited to; null: all of them.
    pub permissions: Option<Vec<crate::accounts::Permission>>,
}

impl From<&Token> for TokenView {
    fn from(token: &Token) -> Self {
        TokenView {
            id: token.id,
            name: token.name.clone(),
            created_at: token.created_at,
            expires_at: token.expires_at,
            permissions: token.permissions.clone(),
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
    /// The id of the domain the asset belongs to.
    pub domain: Option<Uuid>,
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
            domain: asset.domain_id,
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

/// A listing: `{"items": […], "nextCursor": …}`; `nextCursor` is null on the last page.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Listing<T> {
    pub items: Vec<T>,
    #[schema(required = true)]
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

/// Every error answer: `{"error": {"code", "message"}}`.
#[derive(Serialize, ToSchema, ToResponse)]
#[response(description = "An error: a snake_case code and a message for people")]
pub struct ErrorAnswer {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// e.g. `not_found`, `invalid`, `expired`
    pub code: &'static str,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecipientView {
    pub id: Uuid,
    pub email: Option<String>,
    pub user_id: Option<Uuid>,
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// active, removed or expired
    pub status: &'static str,
    pub visits: u64,
    pub downloads: u64,
    pub last_access_at: Option<DateTime<Utc>>,
    pub email_state: Option<String>,
}

impl RecipientView {
    pub fn new(
        r: &Recipient,
        counts: RecipientCounters,
        base: &str,
        now: DateTime<Utc>,
    ) -> RecipientView {
        let status = match r.status {
            RecipientStatus::Removed => "removed",
            RecipientStatus::Active if r.expires_at <= now => "expired",
            RecipientStatus::Active => "active",
        };
        RecipientView {
            id: r.id,
            email: r.email.clone(),
            user_id: r.user_id,
            url: format!("{base}/s/{}", r.token),
            expires_at: r.expires_at,
            status,
            visits: counts.visits,
            downloads: counts.downloads,
            last_access_at: counts.last_access_at,
            email_state: r.email_state.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ShareView {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub title: String,
    pub description: String,
    pub url: String,
    pub status: &'static str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub max_uses: Option<u64>,
    pub uses: u64,
    pub uses_remaining: Option<u64>,
    pub access: Access,
    pub enabled: bool,
    pub has_password: bool,
    pub download_options: DownloadOptions,
    pub show_attributes: Vec<String>,
    pub watermark: bool,
    /// The features the policy allowed when the share was made; edits are held to these.
    #[schema(value_type = Object)]
    pub allowed: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_ids: Option<Vec<Uuid>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_id: Option<Uuid>,
    /// The saved search the share follows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_id: Option<Uuid>,
    pub visits: u64,
    pub downloads: u64,
    pub last_access_at: Option<DateTime<Utc>>,
    pub recipients: Vec<RecipientView>,
    pub notify: NotifyChoice,
    pub remind: bool,
    /// The language of the emails to its recipients.
    pub language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<Vec<Skipped>>,
}

impl ShareView {
    pub fn new(share: &Share, base: &str) -> ShareView {
        let now = Utc::now();
        let (asset_ids, collection_id, search_id) = match &share.content {
            Content::Assets(ids) => (Some(ids.clone()), None, None),
            Content::Collection(id) => (None, Some(*id), None),
            Content::Search(id) => (None, None, Some(*id)),
        };
        ShareView {
            id: share.id,
            owner_id: share.owner_id,
            title: share.title.clone(),
            description: share.description.clone(),
            url: format!("{base}/s/{}", share.token),
            status: share.status(now),
            created_at: share.created_at,
            expires_at: share.expires_at,
            max_uses: share.max_uses,
            uses: share.counters.uses,
            uses_remaining: share.uses_remaining(),
            access: share.access,
            enabled: share.enabled,
            has_password: share.password_hash.is_some(),
            download_options: share.download_options.clone(),
            show_attributes: share.show_attributes.clone(),
            watermark: share.watermark,
            allowed: allow_json(&share.allowed),
            asset_ids,
            collection_id,
            search_id,
            visits: share.counters.visits,
            downloads: share.counters.downloads,
            last_access_at: share.counters.last_access_at,
            recipients: share
                .recipients
                .iter()
                .map(|r| RecipientView::new(r, share.counters.recipient(r.id), base, now))
                .collect(),
            notify: share.notify,
            remind: share.remind,
            language: share.lang().code(),
            skipped: None,
        }
    }

    pub fn with_skipped(mut self, skipped: Vec<Skipped>) -> ShareView {
        self.skipped = Some(skipped);
        self
    }
}

/// The features a sharing policy allows, in the API's camelCase.
pub fn allow_json(allow: &crate::config::SharingAllow) -> serde_json::Value {
    serde_json::json!({
        "password": allow.password, "viewOnly": allow.view_only, "maxUses": allow.max_uses,
        "watermark": allow.watermark, "attributes": allow.attributes,
    })
}
