//! The recipient side of a link: opening it, the access rule applied to every request,
//! starting visits (each counts one use) and unlocking with the password.

use super::access::{evaluate, Decision, Visit};
use super::events::{Event, EventKind};
use super::service::assets_of;
use super::{Link, Recipient, Share};
use crate::accounts::{User, UserStatus};
use crate::assets::Asset;
use crate::auth;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store::Index;
use chrono::{DateTime, Duration, Utc};
use std::net::IpAddr;
use uuid::Uuid;

/// How long a visit lasts.
pub const VISIT_HOURS: i64 = 12;

/// A link as found: its share, which recipient (if any) and whether the creator is active.
#[derive(Debug, Clone)]
pub struct Opened {
    pub share: Share,
    pub recipient_id: Option<Uuid>,
    pub creator_active: bool,
    pub token: String,
    /// The share's assets as they were read with it, in order.
    pub assets: Vec<Asset>,
}

impl Opened {
    /// The assets a recipient may see now: available and not expired.
    pub fn servable_assets(&self) -> Vec<Asset> {
        let now = Utc::now();
        self.assets
            .iter()
            .filter(|a| a.is_servable(now))
            .cloned()
            .collect()
    }

    pub fn recipient(&self) -> Option<&Recipient> {
        self.recipient_id.and_then(|id| self.share.recipient(id))
    }

    fn decide(&self, visit: Option<&Visit>, now: DateTime<Utc>) -> Decision {
        evaluate(
            &self.share,
            self.recipient(),
            self.creator_active,
            visit,
            now,
        )
    }
}

/// Who is asking, for the record.
#[derive(Debug, Clone)]
pub struct Requester {
    pub address: IpAddr,
    pub user_agent: String,
    /// The request asks for a part of a file (`Range`): a download going on.
    pub resuming: bool,
}

impl Requester {
    pub fn event(&self, kind: EventKind, recipient_id: Option<Uuid>) -> Event {
        Event {
            kind,
            at: Utc::now(),
            asset_id: None,
            variant: None,
            bytes: None,
            recipient_id,
            client_address: self.address.to_string(),
            user_agent: self.user_agent.clone(),
        }
    }
}

pub async fn open(state: &AppState, token: &str) -> Result<Opened> {
    // Links are opened far more often than anything is written: serve them from memory while
    // no commit happened since they were read.
    let generation = state.store.generation();
    if let Some(opened) = state.links.get(token, generation) {
        return Ok(opened);
    }
    let key = token.to_string();
    let opened = state
        .store
        .read(move |tx| {
            let link: Link = tx
                .lookup(Index::Links, &key)?
                .ok_or(Error::NotFound("link"))?;
            let share = tx
                .get::<Share>(link.share_id)?
                .ok_or(Error::NotFound("link"))?;
            let creator_active = tx
                .get::<User>(share.owner_id)?
                .is_some_and(|u| u.status == UserStatus::Active);
            let assets = assets_of(tx, &share)?;
            Ok(Opened {
                share,
                recipient_id: link.recipient_id,
                creator_active,
                token: key,
                assets,
            })
        })
        .await?;
    state.links.put(token, generation, &opened);
    Ok(opened)
}

/// Recently opened links, each tagged with the store generation it was read at.
#[derive(Default)]
pub struct LinkCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, (u64, Opened)>>,
}

/// Past this many links the cache starts over.
const CACHED_LINKS: usize = 4096;

impl LinkCache {
    fn get(&self, token: &str, generation: u64) -> Option<Opened> {
        let entries = self.entries.lock().expect("link cache lock");
        entries
            .get(token)
            .filter(|(g, _)| *g == generation)
            .map(|(_, opened)| opened.clone())
    }

    fn put(&self, token: &str, generation: u64, opened: &Opened) {
        let mut entries = self.entries.lock().expect("link cache lock");
        if entries.len() >= CACHED_LINKS {
            entries.clear();
        }
        entries.insert(token.to_string(), (generation, opened.clone()));
    }
}

/// The visits recently begun without a password, by link and requester: a download manager
/// or `curl -C -` that resumes a direct link carries neither the cookie nor `v`, and its
/// `Range` request must not count another use.
#[derive(Default)]
pub struct RecentVisits {
    entries: std::sync::Mutex<std::collections::HashMap<(String, IpAddr, String), Visit>>,
}

/// Past this many visits the memo drops the expired ones, and starts over if that is not enough.
const REMEMBERED_VISITS: usize = 65_536;

impl RecentVisits {
    fn remember(&self, who: &Requester, visit: &Visit) {
        let mut entries = self.entries.lock().expect("recent visits lock");
        if entries.len() >= REMEMBERED_VISITS {
            let now = Utc::now();
            entries.retain(|_, v| v.expires_at > now);
            if entries.len() >= REMEMBERED_VISITS {
                entries.clear();
            }
        }
        let key = (
            visit.link_token.clone(),
            who.address,
            who.user_agent.clone(),
        );
        entries.insert(key, visit.clone());
    }

    fn recall(&self, token: &str, who: &Requester) -> Option<Visit> {
        let entries = self.entries.lock().expect("recent visits lock");
        let key = (token.to_string(), who.address, who.user_agent.clone());
        entries
            .get(&key)
            .filter(|v| v.expires_at > Utc::now())
            .cloned()
    }
}

/// What a request on a link may do.
pub enum Entry {
    /// Go on; `visit` is the visit to carry, `started` when it was just begun (set the cookie).
    Granted {
        opened: Opened,
        visit: Visit,
        signed: String,
        started: bool,
    },
    NeedsPassword(Opened),
}

/// Opens a link for a request that carries `visit` (cookie or `v`), starting a visit (and
/// counting a use) when it has none. Gone links are errors.
pub async fn enter(
    state: &AppState,
    token: &str,
    visit: Option<&str>,
    who: &Requester,
) -> Result<Entry> {
    let opened = open(state, token).await?;
    let now = Utc::now();
    let visit = visit.and_then(|v| verify_visit(state, v, token));
    let visit = visit.or_else(|| {
        who.resuming
            .then(|| state.recent_visits.recall(token, who))
            .flatten()
    });
    match opened.decide(visit.as_ref(), now) {
        Decision::Gone(reason) => Err(Error::Gone(reason)),
        Decision::NeedsPassword => Ok(Entry::NeedsPassword(opened)),
        Decision::Allow => {
            let visit = visit.expect("allowed only with a visit");
            let signed = sign_visit(state, &visit);
            Ok(Entry::Granted {
                opened,
                visit,
                signed,
                started: false,
            })
        }
        Decision::StartVisit => begin_visit(state, opened, false, who).await,
    }
}

/// Whether the link works, for a request that must not start a visit (HEAD): gone links are
/// errors; a link that would start a visit or ask for its password is fine.
pub async fn peek(state: &AppState, token: &str) -> Result<()> {
    let opened = open(state, token).await?;
    match opened.decide(None, Utc::now()) {
        Decision::Gone(reason) => Err(Error::Gone(reason)),
        _ => Ok(()),
    }
}

/// Checks a share password; the right one starts an unlocked visit.
pub async fn unlock(
    state: &AppState,
    token: &str,
    password: &str,
    who: &Requester,
) -> Result<Entry> {
    let opened = open(state, token).await?;
    let limiter_key = format!("{token}|{}", who.address);
    state.unlocks.check(&limiter_key)?;
    if let Decision::Gone(reason) = opened.decide(None, Utc::now()) {
        return Err(Error::Gone(reason));
    }
    let Some(hash) = opened.share.password_hash.clone() else {
        return begin_visit(state, opened, false, who).await;
    };
    if !auth::verify_password(password.to_string(), hash).await? {
        state.unlocks.record_failure(&limiter_key);
        state.events.record(
            opened.share.id,
            who.event(EventKind::UnlockFailed, opened.recipient_id),
        );
        return Err(Error::Unauthenticated("wrong password".into()));
    }
    begin_visit(state, opened, true, who).await
}

/// Counts one use and one visit (exactly, see `visits`) and signs the new visit.
async fn begin_visit(
    state: &AppState,
    opened: Opened,
    unlocked: bool,
    who: &Requester,
) -> Result<Entry> {
    let (share_id, recipient_id) = (opened.share.id, opened.recipient_id);
    let now = Utc::now();
    let share = state.visits.begin(share_id, recipient_id).await?;
    state
        .events
        .record(share_id, who.event(EventKind::Visit, recipient_id));
    crate::metrics::Metrics::add(&state.metrics.visits, 1);
    let visit = Visit {
        link_token: opened.token.clone(),
        id: Uuid::new_v4().simple().to_string()[..12].to_string(),
        expires_at: now + Duration::hours(VISIT_HOURS),
        unlocked,
    };
    let signed = sign_visit(state, &visit);
    if !unlocked {
        state.recent_visits.remember(who, &visit);
    }
    Ok(Entry::Granted {
        opened: Opened { share, ..opened },
        visit,
        signed,
        started: true,
    })
}

fn sign_visit(state: &AppState, visit: &Visit) -> String {
    let flag = if visit.unlocked { "u" } else { "o" };
    state.signer.sign(&format!(
        "{}~{}~{}~{flag}",
        visit.link_token,
        visit.expires_at.timestamp(),
        visit.id
    ))
}

/// The visit inside a signed value, if it is genuine and for this link.
fn verify_visit(state: &AppState, signed: &str, token: &str) -> Option<Visit> {
    let message = state.signer.verify(signed)?;
    let mut parts = message.split('~');
    let (link, expires, id, flag) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if link != token || parts.next().is_some() {
        return None;
    }
    Some(Visit {
        link_token: link.to_string(),
        id: id.to_string(),
        expires_at: DateTime::from_timestamp(expires.parse().ok()?, 0)?,
        unlocked: flag == "u",
    })
}
