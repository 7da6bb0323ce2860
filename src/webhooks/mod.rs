//! Webhooks (SPEC §7): subscriptions, the events they receive, and their deliveries, which
//! wait in the outbox beside the emails (`notify::outbox`) and go out through `send`. An event
//! is put in the outbox inside the transaction that makes it happen, so that it is sent
//! exactly when that change is committed.
//!
//! Scope: an admin's webhook receives the events of every share and asset; anyone else's only
//! those of their own shares and assets (checked when the event happens, so a demoted admin's
//! webhooks narrow at once).

pub mod guard;
pub mod send;
pub mod service;

use crate::accounts::{Permission, User};
use crate::error::{Error, Result};
use crate::notify::outbox::{self, Call, Outgoing, Parcel};
use crate::store::{Page, Record, Table, WriteTx};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::Sha256;
use uuid::Uuid;

/// The event types a webhook may subscribe to.
pub const EVENT_TYPES: [&str; 7] = [
    SHARE_CREATED,
    SHARE_OPENED,
    SHARE_DOWNLOADED,
    SHARE_EXPIRED,
    SHARE_USED_UP,
    REQUEST_FILE_RECEIVED,
    ASSET_READY,
];
pub const SHARE_CREATED: &str = "share.created";
pub const SHARE_OPENED: &str = "share.opened";
pub const SHARE_DOWNLOADED: &str = "share.downloaded";
pub const SHARE_EXPIRED: &str = "share.expired";
pub const SHARE_USED_UP: &str = "share.used_up";
/// A file arrived through an upload request (SPEC §6).
pub const REQUEST_FILE_RECEIVED: &str = "request.file_received";
pub const ASSET_READY: &str = "asset.ready";
/// Sent only by "send a test event", whatever a webhook subscribes to.
pub const PING: &str = "webhook.test";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Webhook {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub secret: String,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
}

impl Record for Webhook {
    const TABLE: Table = Table::Webhooks;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// `Handoff-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, as
/// Stripe signs, so that receivers can use the checks they already have.
pub fn signature(secret: &str, at: i64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("{at}.{body}").as_bytes());
    format!("t={at},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// What a subscription asks for, checked.
pub struct Subscription {
    pub url: String,
    pub events: Vec<String>,
    pub secret: Option<String>,
}

fn check_events(events: &[String]) -> Result<()> {
    if events.is_empty() {
        return Err(Error::invalid("events: name at least one event type"));
    }
    match events.iter().find(|e| !EVENT_TYPES.contains(&e.as_str())) {
        Some(unknown) => Err(Error::invalid(format!(
            "events: {unknown:?} is none of {}",
            EVENT_TYPES.join(", ")
        ))),
        None => Ok(()),
    }
}

fn check_secret(secret: Option<String>) -> Result<String> {
    match secret {
        Some(s) if s.len() < 16 || s.len() > 256 => Err(Error::invalid(
            "secret: between 16 and 256 characters (leave it out to have one made)",
        )),
        Some(s) => Ok(s),
        None => Ok(format!("whsec_{}", hex::encode(rand::random::<[u8; 24]>()))),
    }
}

/// Who may have webhooks: those who may make shares.
pub fn may_subscribe(user: &User) -> Result<()> {
    user.require(Permission::SharesWrite)
}

/// The webhook `id`, if `user` may manage it.
pub fn managed(hook: Option<Webhook>, user: &User) -> Result<Webhook> {
    may_subscribe(user)?;
    hook.filter(|h| h.owner_id == user.id || user.is_admin())
        .ok_or(Error::NotFound("webhook"))
}

/// A new webhook of `owner`, its URL already checked by `guard::check_url`.
pub fn new_webhook(owner: &User, ask: Subscription) -> Result<Webhook> {
    may_subscribe(owner)?;
    check_events(&ask.events)?;
    Ok(Webhook {
        id: Uuid::now_v7(),
        owner_id: owner.id,
        url: ask.url,
        events: ask.events,
        secret: check_secret(ask.secret)?,
        enabled: true,
        created_at: Utc::now(),
    })
}

/// A change of a webhook; each field present replaces the one kept.
#[derive(Default)]
pub struct Change {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub secret: Option<String>,
    pub enabled: Option<bool>,
}

pub fn apply(mut hook: Webhook, change: Change) -> Result<Webhook> {
    if let Some(events) = change.events {
        check_events(&events)?;
        hook.events = events;
    }
    if change.secret.is_some() {
        hook.secret = check_secret(change.secret)?;
    }
    hook.url = change.url.unwrap_or(hook.url);
    hook.enabled = change.enabled.unwrap_or(hook.enabled);
    Ok(hook)
}

/// The deliveries of a webhook (from the outbox), newest first.
pub fn deliveries(
    tx: &crate::store::ReadTx,
    webhook: Uuid,
    before: Option<Uuid>,
    limit: usize,
) -> Result<Page<Outgoing>> {
    tx.page::<Outgoing>(before, limit, |o| {
        o.call().is_some_and(|c| c.webhook_id == webhook)
    })
}

/// Something that happened, about a subject owned by `owner`.
pub struct Happening {
    pub kind: &'static str,
    pub owner: Uuid,
    pub data: Value,
    pub at: DateTime<Utc>,
}

/// Queues `happening` for every webhook that subscribes to it and may see it, inside the
/// caller's transaction. Returns whether any delivery was queued (then wake the sender).
pub fn emit(tx: &WriteTx, happening: &Happening) -> Result<bool> {
    let hooks = tx.all::<Webhook>(|h| h.enabled && h.events.iter().any(|e| e == happening.kind))?;
    let mut queued = false;
    for hook in hooks {
        // A deleted owner's webhooks fall silent: permissions hold only for active users.
        let Some(owner) = tx.get::<User>(hook.owner_id)? else {
            continue;
        };
        let sees = owner.id == happening.owner || owner.is_admin();
        if sees && may_subscribe(&owner).is_ok() {
            queue(tx, &hook, happening)?;
            queued = true;
        }
    }
    Ok(queued)
}

/// Queues one delivery of `happening` to `hook` in the outbox.
pub fn queue(tx: &WriteTx, hook: &Webhook, happening: &Happening) -> Result<()> {
    let event_id = Uuid::now_v7();
    let body = json!({
        "id": event_id,
        "type": happening.kind,
        "at": happening.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "data": happening.data,
    });
    let call = Call {
        webhook_id: hook.id,
        event_id,
        event_type: happening.kind.to_string(),
        body: body.to_string(),
        last_status: None,
    };
    outbox::put(tx, Parcel::Webhook(call), happening.at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_hmac_sha256_of_time_dot_body() {
        // Checked against: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assert_eq!(
            signature("whsec_test", 1_700_000_000, r#"{"a":1}"#),
            "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
        );
    }

    #[test]
    fn events_must_be_known_and_not_none() {
        assert!(check_events(&[]).is_err());
        assert!(check_events(&["share.deleted".into()]).is_err());
        assert!(check_events(&[SHARE_CREATED.into(), ASSET_READY.into()]).is_ok());
    }

    #[test]
    fn a_secret_is_made_when_none_is_given_and_short_ones_are_refused() {
        assert!(check_secret(None).unwrap().len() > 32);
        assert!(check_secret(Some("short".into())).is_err());
        assert_eq!(
            check_secret(Some("a-long-enough-secret".into())).unwrap(),
            "a-long-enough-secret"
        );
    }
}
