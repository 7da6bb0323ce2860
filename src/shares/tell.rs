//! Telling the sender what happened on a share's links: webhook events, and the emails its
//! owner asked for (the first visit and the first download of each link). Everything here
//! runs inside the transaction that records what happened, so that it is told exactly when
//! that is committed, and what is told once is noted in the share's counters (`Told`).

use super::Share;
use crate::accounts::User;
use crate::error::Result;
use crate::notify::{self, Compose, Mailer};
use crate::store::WriteTx;
use crate::webhooks::{self, Happening};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

/// What the tasks that record visits and downloads need to tell about them.
#[derive(Clone)]
pub struct Teller {
    pub base: String,
    mailer: Mailer,
    webhooks: webhooks::Sender,
}

impl Teller {
    pub fn new(base: String, mailer: Mailer, webhooks: webhooks::Sender) -> Teller {
        Teller {
            base,
            mailer,
            webhooks,
        }
    }

    /// After the transaction that told something is committed: send it.
    pub fn wake(&self) {
        self.mailer.wake();
        self.webhooks.wake();
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Opened,
    Downloaded,
}

/// A visit began (its use already counted in `share.counters`): `share.opened`, the owner's
/// first-open email, and `share.used_up` when this visit took the last use. The caller saves
/// the counters.
pub fn opened(tx: &WriteTx, base: &str, share: &mut Share, link: OnLink) -> Result<()> {
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
    first(tx, base, share, &link, Kind::Opened)
}

/// A download was recorded (and counted in `share.counters`): `share.downloaded` and the
/// owner's first-download email. The caller saves the counters.
pub fn downloaded(tx: &WriteTx, base: &str, share: &mut Share, link: OnLink) -> Result<()> {
    share_event(
        tx,
        base,
        share,
        webhooks::SHARE_DOWNLOADED,
        link_json(share, &link),
    )?;
    first(tx, base, share, &link, Kind::Downloaded)
}

fn link_json(share: &Share, link: &OnLink) -> Value {
    json!({"link": {
        "recipientId": link.recipient_id,
        "recipientEmail": link.recipient_id.and_then(|id| share.recipient(id)).and_then(|r| r.email.clone()),
        "clientAddress": link.client_address,
    }})
}

/// The owner's email for the first `kind` on this link, when the share asks for it and it was
/// not sent before.
fn first(tx: &WriteTx, base: &str, share: &mut Share, link: &OnLink, kind: Kind) -> Result<()> {
    let (wanted, told) = match kind {
        Kind::Opened => (share.notify.opened, &mut share.counters.told.opened),
        Kind::Downloaded => (share.notify.downloaded, &mut share.counters.told.downloaded),
    };
    if !wanted || !told.insert(link.recipient_id) {
        return Ok(());
    }
    let Some(owner) = tx.get::<User>(share.owner_id)? else {
        return Ok(());
    };
    let notice = Notice {
        who: who(tx, share, link)?,
        kind,
        title: &share.title,
        link: format!("{base}/s/{}", share.token),
    };
    notify::enqueue(tx, share.id, None, &owner.email, &notice)
}

/// Who is behind a link: the recipient's email (or the internal user's), else the address.
fn who(tx: &WriteTx, share: &Share, link: &OnLink) -> Result<String> {
    let Some(recipient) = link.recipient_id.and_then(|id| share.recipient(id)) else {
        return Ok(format!("someone at {}", link.client_address));
    };
    if let Some(email) = &recipient.email {
        return Ok(email.clone());
    }
    let user = match recipient.user_id {
        Some(id) => tx.get::<User>(id)?,
        None => None,
    };
    Ok(user.map_or_else(|| "a recipient".into(), |u| u.email))
}

/// The email to a share's owner about a first visit or download.
struct Notice<'a> {
    who: String,
    kind: Kind,
    title: &'a str,
    link: String,
}

impl Notice<'_> {
    fn verb(&self) -> &'static str {
        match self.kind {
            Kind::Opened => "opened",
            Kind::Downloaded => "downloaded from",
        }
    }
}

impl Compose for Notice<'_> {
    fn subject(&self) -> String {
        notify::one_line(&format!("{} {} “{}”", self.who, self.verb(), self.title))
    }

    fn text(&self) -> String {
        format!(
            "{} {} your share “{}”.\n\nThe share: {}\n",
            notify::one_line(&self.who),
            self.verb(),
            notify::one_line(self.title),
            self.link
        )
    }

    /// In English: the owner's language is their browser's, which an email cannot ask.
    fn html(&self) -> String {
        let body = maud::html! {
            p { strong { (self.who) } " " (self.verb()) " your share “" (self.title) "”." }
            p { a href=(self.link) { (self.link) } }
        };
        notify::html_email(crate::i18n::Lang::ENGLISH, body)
    }
}
