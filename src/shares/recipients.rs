//! A share's recipients: inviting and removing them, and emailing links. Each change is one
//! write transaction; invitations are queued inside it.

use super::service::{managed, RecipientAsk};
use super::{Content, Link, Recipient, RecipientStatus, Share};
use crate::accounts::{normalize_email, User, UserStatus};
use crate::assets::Collection;
use crate::auth;
use crate::error::{Error, Result};
use crate::notify::{self, Letter};
use crate::state::AppState;
use crate::store::{Index, WriteTx};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// How many assets a share holds now.
pub(super) fn asset_count(tx: &WriteTx, share: &Share) -> Result<usize> {
    Ok(match &share.content {
        Content::Assets(ids) => ids.len(),
        Content::Collection(id) => tx.get::<Collection>(*id)?.map_or(0, |c| c.asset_ids.len()),
        Content::Search(id) => match tx.get::<crate::searches::SavedSearch>(*id)? {
            Some(search) => {
                let matcher = search.filter.matcher(|id| tx.get(id))?;
                tx.all::<crate::assets::Asset>(|a| matcher.matches(a))?
                    .len()
            }
            None => 0,
        },
    })
}

/// Queues an invitation to each of `ids`, with their own link.
pub(super) fn queue_invites(
    tx: &WriteTx,
    share: &mut Share,
    ids: &[Uuid],
    sharer: &str,
    base: &str,
    message: Option<&str>,
) -> Result<()> {
    let count = asset_count(tx, share)?;
    let mut addressed = Vec::new();
    for recipient in share.recipients.iter_mut().filter(|r| ids.contains(&r.id)) {
        if let Some(email) = recipient.email.clone() {
            recipient.email_state = Some("queued".into());
            addressed.push((recipient.id, email, format!("{base}/s/{}", recipient.token)));
        }
    }
    for (id, email, link) in addressed {
        let letter = Letter {
            sharer,
            share,
            asset_count: count,
            link: &link,
            message,
        };
        notify::enqueue(tx, share.id, Some(id), &email, &letter)?;
    }
    Ok(())
}

/// Emails the link to addresses: a recipient of the share gets their own link (and their
/// `emailState` follows it); anyone else gets the share's link without becoming a recipient.
pub async fn email_link(
    state: &AppState,
    user: &User,
    id: Uuid,
    emails: Vec<String>,
    message: Option<String>,
) -> Result<usize> {
    if emails.is_empty() || emails.len() > 100 {
        return Err(Error::invalid("emails takes 1 to 100 addresses"));
    }
    let emails = emails
        .iter()
        .map(|e| normalize_email(e))
        .collect::<Result<Vec<_>>>()?;
    let (user, base) = (user.clone(), state.config.public_url());
    let sent = state
        .store
        .write(move |tx| {
            let mut share = managed(tx, &user, id)?;
            let recipient_of = |email: &String| {
                share.recipients.iter().find(|r| {
                    r.status == RecipientStatus::Active && r.email.as_ref() == Some(email)
                })
            };
            let recipients: Vec<Uuid> = emails
                .iter()
                .filter_map(recipient_of)
                .map(|r| r.id)
                .collect();
            let others: Vec<&String> = emails
                .iter()
                .filter(|e| recipient_of(e).is_none())
                .collect();
            let (sharer, message) = (&user.display_name, message.as_deref());
            queue_invites(tx, &mut share, &recipients, sharer, &base, message)?;
            tx.put(&share)?;
            let link = format!("{base}/s/{}", share.token);
            let letter = Letter {
                sharer,
                share: &share,
                asset_count: asset_count(tx, &share)?,
                link: &link,
                message,
            };
            for email in others {
                notify::enqueue(tx, share.id, None, email, &letter)?;
            }
            Ok(emails.len())
        })
        .await?;
    state.outbox.wake();
    Ok(sent)
}

pub(super) fn make_recipient(
    tx: &WriteTx,
    ask: RecipientAsk,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Recipient> {
    let (email, user_id) = match ask {
        RecipientAsk::Email(email) => (normalize_email(&email)?, None),
        RecipientAsk::User(id) => {
            let user = tx
                .get::<User>(id)?
                .filter(|u| u.status == UserStatus::Active)
                .ok_or_else(|| Error::invalid(format!("user {id} does not exist")))?;
            (user.email, Some(id))
        }
    };
    Ok(Recipient {
        id: Uuid::now_v7(),
        email: Some(email),
        user_id,
        token: auth::link_token(),
        created_at: now,
        expires_at,
        status: RecipientStatus::Active,
        email_state: None,
    })
}

/// Invites recipients; each gets a link of their own, living `duration_days` (capped by the share).
pub async fn add_recipients(
    state: &AppState,
    user: &User,
    id: Uuid,
    asks: Vec<RecipientAsk>,
    duration_days: Option<u32>,
    message: Option<String>,
) -> Result<(Share, Vec<Uuid>)> {
    if asks.is_empty() {
        return Err(Error::invalid("recipients is empty"));
    }
    let (user, base) = (user.clone(), state.config.public_url());
    let now = Utc::now();
    let max_days = state.config.sharing.max_expiry_days;
    state
        .store
        .write(move |tx| {
            let mut share = managed(tx, &user, id)?;
            let expires_at = match duration_days {
                Some(0) => return Err(Error::invalid("durationDays must be at least 1")),
                Some(days) if days > max_days => {
                    return Err(Error::invalid(format!(
                        "links may last at most {max_days} days"
                    )))
                }
                Some(days) => (now + Duration::days(days as i64)).min(share.expires_at),
                None => share.expires_at,
            };
            let mut added = Vec::new();
            for ask in asks {
                let recipient = make_recipient(tx, ask, expires_at, now)?;
                tx.link(
                    Index::Links,
                    &recipient.token,
                    &Link {
                        share_id: share.id,
                        recipient_id: Some(recipient.id),
                    },
                )?;
                added.push(recipient.id);
                share.recipients.push(recipient);
            }
            let message = message.or_else(|| share.message.clone());
            queue_invites(
                tx,
                &mut share,
                &added,
                &user.display_name,
                &base,
                message.as_deref(),
            )?;
            tx.put(&share)?;
            Ok((share, added))
        })
        .await
        .inspect(|_| state.outbox.wake())
}

/// Removes a recipient: their link answers 410 from now on; they stay listed as removed.
pub async fn remove_recipient(
    state: &AppState,
    user: &User,
    id: Uuid,
    recipient_id: Uuid,
) -> Result<Share> {
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let mut share = managed(tx, &user, id)?;
            let recipient = share
                .recipient_mut(recipient_id)
                .ok_or(Error::NotFound("recipient"))?;
            recipient.status = RecipientStatus::Removed;
            tx.put(&share)?;
            Ok(share)
        })
        .await
}
