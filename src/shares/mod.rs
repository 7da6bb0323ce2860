//! Shares: time-limited links to a set of assets, with their recipients, visits and events.

pub mod access;
pub mod download_all;
pub mod entry;
pub mod events;
pub mod options;
pub mod recipients;
pub mod service;
pub mod variants;
pub mod visits;

use crate::config::SharingAllow;
use crate::store::{Record, Table};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Download,
    View,
}

/// What a share holds: a fixed list, or a collection it follows as it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    Assets(Vec<Uuid>),
    Collection(Uuid),
}

/// Which variants recipients may download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DownloadOptions {
    #[serde(default)]
    pub original: bool,
    #[serde(default)]
    pub thumbnail: bool,
    #[serde(default)]
    pub preview: bool,
    #[serde(default)]
    pub presets: Vec<String>,
    #[serde(default)]
    pub attributes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RecipientStatus {
    Active,
    Removed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recipient {
    pub id: Uuid,
    pub email: Option<String>,
    pub user_id: Option<Uuid>,
    pub token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub status: RecipientStatus,
    pub visits: u64,
    pub downloads: u64,
    pub last_access_at: Option<DateTime<Utc>>,
    /// queued / sent / failed: …; None until an email is asked for.
    pub email_state: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Share {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub title: String,
    pub description: String,
    pub content: Content,
    pub token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub max_uses: Option<u64>,
    pub uses: u64,
    pub password_hash: Option<String>,
    pub access: Access,
    pub download_options: DownloadOptions,
    pub show_attributes: Vec<String>,
    pub watermark: bool,
    pub enabled: bool,
    pub recipients: Vec<Recipient>,
    /// The features allowed when the share was made: later config changes do not alter it.
    pub allowed: SharingAllow,
    pub max_expiry_days: u32,
    pub message: Option<String>,
    pub visits: u64,
    pub downloads: u64,
    pub last_access_at: Option<DateTime<Utc>>,
    /// Set when its creator was deleted without handing it on: the link answers 410.
    #[serde(default)]
    pub creator_deleted: bool,
}

impl Record for Share {
    const TABLE: Table = Table::Shares;
    fn key(&self) -> Uuid {
        self.id
    }
    fn owner(&self) -> Option<Uuid> {
        Some(self.owner_id)
    }
}

/// What a link token opens: the share's own link, or one recipient's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub share_id: Uuid,
    pub recipient_id: Option<Uuid>,
}

impl Share {
    pub fn uses_remaining(&self) -> Option<u64> {
        self.max_uses.map(|max| max.saturating_sub(self.uses))
    }

    pub fn recipient(&self, id: Uuid) -> Option<&Recipient> {
        self.recipients.iter().find(|r| r.id == id)
    }

    pub fn recipient_mut(&mut self, id: Uuid) -> Option<&mut Recipient> {
        self.recipients.iter_mut().find(|r| r.id == id)
    }

    pub const STATUSES: [&'static str; 5] = [
        "active",
        "creator_deleted",
        "disabled",
        "expired",
        "used_up",
    ];

    /// One of `STATUSES`, as listed to its owner.
    pub fn status(&self, now: DateTime<Utc>) -> &'static str {
        if self.creator_deleted {
            "creator_deleted"
        } else if !self.enabled {
            "disabled"
        } else if self.expires_at <= now {
            "expired"
        } else if self.uses_remaining() == Some(0) {
            "used_up"
        } else {
            "active"
        }
    }
}
