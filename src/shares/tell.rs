//! Telling the sender what happened on a share's links: webhook events, and the news its
//! owner asked for (the first visit and the first download of each link, emailed by `news`). Everything here
//! runs inside the transaction that records what happened, so that it is told exactly when
//! that is committed, and what is told once is noted in the share's counters (`Told`).

use super::news::{self, Kind, Who};
use super::Share;
use crate::accounts::User;
use crate::config::Config;
use crate::error::Result;
use crate::notify::{self, Outbox};
use crate::store::WriteTx;
use crate::webhooks::{self, Happening};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

/// What the tasks that record visits and downloads need to tell about them.
#[derive(Clone)]
pub struct Teller {
    pub base: String,
    /// How long owners' news gathers before the next email (`notify::batch`).
    pub window: Duration,
    outbox: Outbox,
}

impl Teller {
    pub fn new(config: &Config, outbox: Outbox) -> Teller {
        Teller {
            base: config.public_url(),
            window: notify::batch::window(config),
            outbox,
        }
    }

    /// After the transaction that told something is committed: send it.
    pub fn wake(&self) {
        self.outbox.wake();
    }
}

/// A share as webhook events carry it.
pub fn summary(share: &Share, base: &str, now: DateTime<Utc>) -> Value {
    json!({
        "id": share.id,
        "ownerId": share.owner_id,
        "title": share.title,
        "url": format!("{base}/s/{}", share.token),
        "status": share.status(now),
        "createdAt": share.created_at,
        "expiresAt": share.expires_at,
        "maxUses": share.max_uses,
        "uses": share.counters.uses,
        "visits": share.counters.visits,
        "downloads": share.counters.downloads,
        "recipients": share.recipients.iter().map(|r| json!({
            "id": r.id, "email": r.email, "userId": r.user_id, "expiresAt": r.expires_at,
        })).collect::<Vec<_>>(),
    })
}

/// Queues the webhook event `kind` about `share` (with `extra` fields in its data).
pub fn share_event(
    tx: &WriteTx,
    base: &str,
    share: &Share,
    kind: &'static str,
    extra: Value,
) -> Result<()> {
    let at = Utc::now();
    let mut data = summary(share, base, at);
    if let (Some(data), Value::Object(extra)) = (data.as_object_mut(), extra) {
        data.extend(extra);
    }
    webhooks::emit(
        tx,
        &Happening {
            kind,
            owner: share.owner_id,
            data,
            at,
        },
    )
    .map(|_| ())
}

/// Which link of a share something happened on, and from where.
pub struct OnLink<'a> {
    pub recipient_id: Option<Uuid>,
    pub client_address: &'a str,
}

/// A visit began (its use already counted in `share.counters`): `share.opened`, the owner's
/// first-open email, and `share.used_up` when this visit took the last use. The caller saves
/// the counters.
pub fn opened(tx: &WriteTx, teller: &Teller, share: &mut Share, link: OnLink) -> Result<()> {
    let base = teller.base.as_str();
    share_event(
        tx,
        base,
        share,
        webhooks::SHARE_OPENED,
        link_json(share, &link),
    )?;
    if share.max_uses == Some(share.counters.uses) && !share.counters.told.used_up {
        share.counters.told.used_up = true;
        share_event(tx, base, share, webhooks::SHARE_USED_UP, json!({}))?;
    }
    first(tx, teller, share, &link, Kind::Opened)
}

/// A download was recorded (and counted in `share.counters`): `share.downloaded` and the
/// owner's first-download email. The caller saves the counters.
pub fn downloaded(tx: &WriteTx, teller: &Teller, share: &mut Share, link: OnLink) -> Result<()> {
    share_event(
        tx,
        &teller.base,
        share,
        webhooks::SHARE_DOWNLOADED,
        link_json(share, &link),
    )?;
    first(tx, teller, share, &link, Kind::Downloaded)
}

fn link_json(share: &Share, link: &OnLink) -> Value {
    json!({"link": {
        "recipientId": link.recipient_id,
        "recipientEmail": link.recipient_id.and_then(|id| share.recipient(id)).and_then(|r| r.email.clone()),
        "clientAddress": link.client_address,
    }})
}

/// The owner's news of the first `kind` on this link (`news`), when the share asks for it and
/// it was not told before.
fn first(
    tx: &WriteTx,
    teller: &Teller,
    share: &mut Share,
    link: &OnLink,
    kind: Kind,
) -> Result<()> {
    let (wanted, told) = match kind {
        Kind::Opened => (share.notify.opened, &mut share.counters.told.opened),
        Kind::Downloaded => (share.notify.downloaded, &mut share.counters.told.downloaded),
    };
    if !wanted || !told.insert(link.recipient_id) {
        return Ok(());
    }
    let happened = news::Happened {
        kind,
        who: who(tx, share, link)?,
        share_id: share.id,
        title: share.title.clone(),
        link: format!("{}/s/{}", teller.base, share.token),
        at: Utc::now(),
    };
    news::add(tx, share.owner_id, happened, teller.window)
}

/// Who is behind a link: the recipient's email (or the internal user's), else the address.
fn who(tx: &WriteTx, share: &Share, link: &OnLink) -> Result<Who> {
    let Some(recipient) = link.recipient_id.and_then(|id| share.recipient(id)) else {
        return Ok(Who::Someone(link.client_address.to_string()));
    };
    if let Some(email) = &recipient.email {
        return Ok(Who::Recipient(email.clone()));
    }
    let user = match recipient.user_id {
        Some(id) => tx.get::<User>(id)?,
        None => None,
    };
    Ok(user.map_or(Who::Unnamed, |u| Who::Recipient(u.email)))
}
