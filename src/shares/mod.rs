//! Shares: time-limited links to a set of assets, with their recipients, visits and events.

pub mod access;
pub mod content;
pub mod download_all;
pub mod events;
pub mod link_password;
pub mod links;
pub mod news;
pub mod options;
pub mod recipients;
pub mod schedule;
pub mod service;
pub mod tell;
pub mod variants;
pub mod visits;

use crate::config::SharingAllow;
use crate::store::{Record, Table};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Download,
    View,
}

/// What a share holds: a fixed list, or a collection or saved search it follows as it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    Assets(Vec<Uuid>),
    Collection(Uuid),
    /// A saved search: the assets it finds at each request.
    Search(Uuid),
}

/// Which variants recipients may download.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
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
    /// `attribute-history.csv` in the zip: every change of the shared assets' fields.
    #[serde(default, skip_serializing_if = "is_false")]
    pub attribute_history: bool,
    /// The assets' attachments, offered beside them and in the zip.
    #[serde(default, skip_serializing_if = "is_false")]
    pub attachments: bool,
    /// A PDF contact sheet of the share, alone and in the zip.
    #[serde(default, skip_serializing_if = "is_false")]
    pub contact_sheet: bool,
}

/// Options added later are left out of answers while off, so that shares look as they did.
fn is_false(value: &bool) -> bool {
    !value
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
    pub password_hash: Option<String>,
    /// Raised each time a password is set: visits unlocked with an older one end.
    #[serde(default)]
    pub password_generation: u32,
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
    /// Set when its creator was deleted without handing it on: the link answers 410.
    #[serde(default)]
    pub creator_deleted: bool,
    /// Which first visits and downloads its owner is told of by email.
    #[serde(default)]
    pub notify: NotifyChoice,
    /// Whether recipients who have not downloaded are reminded before their link ends.
    #[serde(default = "reminding")]
    pub remind: bool,
    /// The language of the emails to its recipients (`crate::i18n::LANGUAGES`), chosen by its
    /// creator; none: English.
    #[serde(default)]
    pub language: Option<String>,
    /// Kept in their own table (`Counters`); filled by `counters::load`, never saved with the share.
    #[serde(skip)]
    pub counters: ShareCounters,
}

impl Share {
    /// The language its recipients are written to in.
    pub fn lang(&self) -> crate::i18n::Lang {
        self.language
            .as_deref()
            .and_then(crate::i18n::Lang::from_code)
            .unwrap_or_default()
    }
}

/// Shares made before reminders existed remind, as new ones do by default.
fn reminding() -> bool {
    true
}

/// The emails a share's owner asked for: when a link is first opened, first downloaded from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NotifyChoice {
    pub opened: bool,
    pub downloaded: bool,
}

/// The emails asked for in a request: each field given replaces the one of the share (or of
/// the `[notify]` defaults, for a new share).
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotifyAsk {
    pub opened: Option<bool>,
    pub downloaded: Option<bool>,
}

impl NotifyAsk {
    pub fn applied_to(self, choice: NotifyChoice) -> NotifyChoice {
        NotifyChoice {
            opened: self.opened.unwrap_or(choice.opened),
            downloaded: self.downloaded.unwrap_or(choice.downloaded),
        }
    }
}

/// What has been told about a share (emails, webhook events that happen once), kept with its
/// counters so that a restart never tells it again. A link is `None` for the share's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Told {
    pub opened: BTreeSet<Option<Uuid>>,
    pub downloaded: BTreeSet<Option<Uuid>>,
    /// Recipients reminded that their link expires soon.
    pub reminded: BTreeSet<Uuid>,
    pub expired: bool,
    pub used_up: bool,
}

/// How much a share's links were used: counted apart from the share's record, so that visits
/// and downloads neither rewrite the share nor make its cached link stale.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareCounters {
    pub share_id: Uuid,
    pub uses: u64,
    pub visits: u64,
    pub downloads: u64,
    pub last_access_at: Option<DateTime<Utc>>,
    pub recipients: BTreeMap<Uuid, RecipientCounters>,
    pub told: Told,
}

/// The counts of one recipient's link.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecipientCounters {
    pub visits: u64,
    pub downloads: u64,
    pub last_access_at: Option<DateTime<Utc>>,
}

impl Record for ShareCounters {
    const TABLE: Table = Table::Counters;
    fn key(&self) -> Uuid {
        self.share_id
    }
}

impl ShareCounters {
    pub fn recipient(&self, id: Uuid) -> RecipientCounters {
        self.recipients.get(&id).cloned().unwrap_or_default()
    }

    /// Counts one visit (and so one use) on the link of `recipient` (None: the share's own).
    pub fn count_visit(&mut self, recipient: Option<Uuid>, at: DateTime<Utc>) {
        self.uses += 1;
        self.visits += 1;
        if let Some(counts) = self.accessed(recipient, at) {
            counts.visits += 1;
        }
    }

    pub fn count_download(&mut self, recipient: Option<Uuid>, at: DateTime<Utc>) {
        self.downloads += 1;
        if let Some(counts) = self.accessed(recipient, at) {
            counts.downloads += 1;
        }
    }

    /// Notes an access at `at`, and returns the counters of the recipient's link, if any.
    fn accessed(
        &mut self,
        recipient: Option<Uuid>,
        at: DateTime<Utc>,
    ) -> Option<&mut RecipientCounters> {
        self.last_access_at = Some(at);
        let counts = self.recipients.entry(recipient?).or_default();
        counts.last_access_at = Some(at);
        Some(counts)
    }
}

/// Reading and writing a share's counters inside a transaction.
pub mod counters {
    use super::{Share, ShareCounters};
    use crate::error::Result;
    use crate::store::{ReadTx, WriteTx};
    use uuid::Uuid;

    macro_rules! loaders {
        ($($name:ident: $tx:ty),*) => {$(
            /// The counters of share `id` (zero for a share never visited).
            pub fn $name(tx: &$tx, id: Uuid) -> Result<ShareCounters> {
                Ok(tx.get::<ShareCounters>(id)?.unwrap_or(ShareCounters {
                    share_id: id,
                    ..ShareCounters::default()
                }))
            }
        )*};
    }
    loaders!(read: ReadTx, read_in_write: WriteTx);

    /// Fills the counters of shares read from the store, for showing them to their owners.
    pub fn load(tx: &ReadTx, mut shares: Vec<Share>) -> Result<Vec<Share>> {
        for share in &mut shares {
            share.counters = read(tx, share.id)?;
        }
        Ok(shares)
    }
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
        self.max_uses
            .map(|max| max.saturating_sub(self.counters.uses))
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

    /// One of `STATUSES`, as listed to its owner: what the access rule says of a new visit on
    /// the share's own link.
    pub fn status(&self, now: DateTime<Utc>) -> &'static str {
        access::status(self, now)
    }
}
