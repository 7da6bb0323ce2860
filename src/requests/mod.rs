//! Upload requests (SPEC §6): the reverse of a share. A team member makes a link through which
//! outsiders send files in; the files land as assets of the request's creator, in its
//! collection. This module holds the record and the pure rules (limits, allowed types, whether
//! the link still works); `service` is the team's side, `intake` the outsider's, `notice` the
//! emails and webhook events about received files.
//!
//! Limits are exact under concurrency the way use counts are: every upload reserves its declared
//! length inside the one write transaction that checks the limits, and the reservation is
//! released in the transaction that ends the upload (termination, expiry) or becomes the file.

pub mod intake;
pub mod notice;
pub mod service;

use crate::config::SharingAllow;
use crate::error::{Error, GoneReason, Result};
use crate::shares::{Recipient, RecipientStatus};
use crate::store::{Record, Table};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub title: String,
    pub description: String,
    /// Where received files go: given, or made for the request and named after it.
    pub collection_id: Uuid,
    pub token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub password_hash: Option<String>,
    /// Raised each time a password is set: visits unlocked with an older one end.
    #[serde(default)]
    pub password_generation: u32,
    pub max_files: Option<u64>,
    pub max_bytes: Option<u64>,
    /// `image/*`, `application/pdf`, `.pdf`…; empty: any type.
    pub allowed_types: Vec<String>,
    pub enabled: bool,
    /// Each with their own link, as a share's recipients.
    pub recipients: Vec<Recipient>,
    pub message: Option<String>,
    /// Whether the creator is emailed about received files.
    pub notify: bool,
    /// The sharing policy when the request was made: later config changes do not alter it.
    pub allowed: SharingAllow,
    pub max_expiry_days: u32,
    /// The files received, in order.
    #[serde(default)]
    pub files: Vec<ReceivedFile>,
    /// Uploads under way: their declared lengths count against the limits until they end.
    #[serde(default)]
    pub reserved: Vec<Reservation>,
    #[serde(default)]
    pub notice: Notice,
    /// The language of the invitations (`crate::i18n::LANGUAGES`); none: English.
    #[serde(default)]
    pub language: Option<String>,
}

impl Record for Request {
    const TABLE: Table = Table::Requests;
    fn key(&self) -> Uuid {
        self.id
    }
    fn owner(&self) -> Option<Uuid> {
        Some(self.owner_id)
    }
}

/// A file an outsider sent, and who (as they said) sent it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceivedFile {
    pub asset_id: Uuid,
    pub name: String,
    pub size: u64,
    pub mime_type: String,
    /// The visit it came in: only that visit lists it, and may delete it.
    pub visit: String,
    pub recipient_id: Option<Uuid>,
    pub uploader_name: Option<String>,
    pub uploader_email: Option<String>,
    pub received_at: DateTime<Utc>,
}

/// The room an upload under way holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reservation {
    pub upload_id: Uuid,
    pub bytes: u64,
}

/// What the creator has been told of received files: when the last email went, and the files
/// (asset ids) received since that wait for the next one.
pub type Notice = crate::notify::batch::Batch<Uuid>;

/// What a request link token opens: the request's own link, or one recipient's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RequestLink {
    pub request_id: Uuid,
    pub recipient_id: Option<Uuid>,
}

/// How many allowed types a request may list.
const MAX_ALLOWED_TYPES: usize = 100;

impl Request {
    pub const STATUSES: [&'static str; 4] = ["active", "creator_deleted", "disabled", "expired"];

    /// The language its recipients are written to in.
    pub fn lang(&self) -> crate::i18n::Lang {
        self.language
            .as_deref()
            .and_then(crate::i18n::Lang::from_code)
            .unwrap_or_default()
    }

    /// Files received plus uploads under way.
    pub fn files_held(&self) -> u64 {
        (self.files.len() + self.reserved.len()) as u64
    }

    /// Bytes received plus the declared lengths of uploads under way.
    pub fn bytes_held(&self) -> u64 {
        let kept: u64 = self.files.iter().map(|f| f.size).sum();
        let reserved: u64 = self.reserved.iter().map(|r| r.bytes).sum();
        kept.saturating_add(reserved)
    }

    pub fn bytes_received(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// 413 unless one more file of `bytes` fits within the limits.
    pub fn check_room(&self, bytes: u64) -> Result<()> {
        if let Some(max) = self.max_files.filter(|&max| self.files_held() >= max) {
            return Err(Error::TooLarge(format!(
                "this request takes at most {max} files"
            )));
        }
        if let Some(max) = self
            .max_bytes
            .filter(|&max| self.bytes_held().saturating_add(bytes) > max)
        {
            return Err(Error::TooLarge(format!(
                "this request takes at most {max} bytes in all"
            )));
        }
        Ok(())
    }

    /// Why a new upload through the link of `recipient` (None: the request's own) is refused.
    pub fn gone_reason(
        &self,
        recipient: Option<&Recipient>,
        creator_active: bool,
        now: DateTime<Utc>,
    ) -> Option<GoneReason> {
        if !creator_active {
            Some(GoneReason::CreatorDeleted)
        } else if !self.enabled {
            Some(GoneReason::Disabled)
        } else if self.expires_at <= now {
            Some(GoneReason::Expired)
        } else {
            match recipient {
                Some(r) if r.status == RecipientStatus::Removed => {
                    Some(GoneReason::RecipientRemoved)
                }
                Some(r) if r.expires_at <= now => Some(GoneReason::RecipientExpired),
                _ => None,
            }
        }
    }

    /// One of `STATUSES`, as listed to its owner.
    pub fn status(&self, creator_active: bool, now: DateTime<Utc>) -> &'static str {
        match self.gone_reason(None, creator_active, now) {
            None => "active",
            Some(reason) => reason.code(),
        }
    }

    pub fn recipient(&self, id: Uuid) -> Option<&Recipient> {
        self.recipients.iter().find(|r| r.id == id)
    }
}

/// The allowed-type list as kept: trimmed, lower case, each `type/subtype`, `type/*` or `.ext`.
pub fn check_allowed_types(types: Vec<String>) -> Result<Vec<String>> {
    if types.len() > MAX_ALLOWED_TYPES {
        return Err(Error::invalid(format!(
            "allowedTypes lists at most {MAX_ALLOWED_TYPES} types"
        )));
    }
    types
        .into_iter()
        .map(|t| {
            let t = t.trim().to_ascii_lowercase();
            let extension = t.strip_prefix('.').is_some_and(|e| {
                !e.is_empty() && e.len() <= 16 && e.chars().all(|c| c.is_ascii_alphanumeric())
            });
            let media = t.split_once('/').is_some_and(|(main, sub)| {
                let token = |s: &str| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
                };
                token(main) && (sub == "*" || token(sub))
            });
            match extension || media {
                true => Ok(t),
                false => Err(Error::invalid(format!(
                    "allowedTypes: {t:?} is neither a type (image/*, application/pdf) nor an extension (.pdf)"
                ))),
            }
        })
        .collect()
}

/// Whether a file of type `mime` named `name` is one of `allowed` (empty: any). An extension
/// entry needs the name to end with it and the type to be one that extension stands for.
pub fn type_allowed(allowed: &[String], mime: &str, name: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    allowed.is_empty()
        || allowed.iter().any(|entry| match entry.strip_prefix('.') {
            Some(extension) => name.ends_with(entry.as_str()) && extension_means(extension, &mime),
            None => match entry.strip_suffix("/*") {
                Some(main) => mime.split('/').next() == Some(main),
                None => *entry == mime,
            },
        })
}

/// Whether content of type `mime` is what a file with `extension` holds. Plain text has no
/// signature: text content passes for any extension of a textual type.
fn extension_means(extension: &str, mime: &str) -> bool {
    let named = mime_guess::from_ext(extension);
    named.iter().any(|m| m.essence_str() == mime)
        || (mime == "text/plain"
            && named
                .iter()
                .any(|m| m.type_() == "text" || m.subtype() == "json" || m.subtype() == "xml"))
}

/// The type of a file by its first bytes: a known signature, else text when they read as
/// UTF-8, else `application/octet-stream`.
pub fn sniffed_type(head: &[u8]) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_string();
    }
    // A multi-byte character may be cut at the end of the head.
    let text = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    match text && !head.contains(&0) {
        true => "text/plain".into(),
        false => "application/octet-stream".into(),
    }
}

/// How many first bytes `sniffed_type` reads.
pub const SNIFF_BYTES: usize = 8192;

#[cfg(test)]
mod tests;
