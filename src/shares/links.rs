//! The recipient side of links as one service: opening a link (from a cache), the visit a
//! request carries, the access rule applied before anything is counted, starting visits
//! (each counts one use) and unlocking with the password. The recipient routes need this and
//! nothing else of the application.

use super::access::{evaluate, Ask, Decision, Visit, Want};
use super::content::assets_of;
use super::events::{Event, EventKind, EventLog};
use super::visits::{Begin, VisitCounter};
use super::{counters, Link, Recipient, Share, ShareCounters};
use crate::accounts::{User, UserStatus};
use crate::assets::Asset;
use crate::auth::{self, Signer};
use crate::domains::Scope;
use crate::error::{Error, Result};
use crate::limits::AttemptLimiter;
use crate::metrics::Metrics;
use crate::store::{Index, Store};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use uuid::Uuid;

/// How long a visit lasts.
pub const VISIT_HOURS: i64 = 12;

#[derive(Clone)]
pub struct Links {
    store: Store,
    cache: Arc<LinkCache>,
    recent: Arc<RecentVisits>,
    counter: VisitCounter,
    pub events: EventLog,
    signer: Signer,
    /// Wrong share passwords per link and address.
    unlocks: Arc<AttemptLimiter>,
    metrics: Arc<Metrics>,
    /// Contact sheets made, by what they show.
    pub sheets: Arc<crate::contact_sheet::Cache>,
}

/// A link as found: its share (with its counters), which recipient (if any), whether the
/// creator is active, and the share's assets as they were read with it, in order.
#[derive(Debug, Clone)]
pub struct Opened {
    pub share: Share,
    pub recipient_id: Option<Uuid>,
    pub creator_active: bool,
    pub token: String,
    pub assets: Vec<Asset>,
    /// The assets' changes, oldest first, when the share offers their history.
    pub history: Vec<crate::history::Change>,
    /// The assets' attachments, when the share offers them.
    pub attachments: Vec<crate::attachments::Attachment>,
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

    /// One of the servable assets, by id.
    pub fn servable_asset(&self, id: Uuid) -> Option<Asset> {
        let now = Utc::now();
        self.assets
            .iter()
            .find(|a| a.id == id && a.is_servable(now))
            .cloned()
    }

    /// The attachments of one asset the link offers, oldest first.
    pub fn attachments_of(
        &self,
        asset: Uuid,
    ) -> impl Iterator<Item = &crate::attachments::Attachment> {
        self.attachments.iter().filter(move |a| a.asset_id == asset)
    }

    pub fn recipient(&self) -> Option<&Recipient> {
        self.recipient_id.and_then(|id| self.share.recipient(id))
    }
}

/// Who is asking, for the record.
#[derive(Debug, Clone)]
pub struct Requester {
    pub address: IpAddr,
    pub user_agent: String,
    /// The request asks for a part of a file (`Range`): a download going on.
    pub resuming: bool,
    /// HEAD: it never starts a visit.
    pub head: bool,
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

/// A request on an open link, before the rule is applied to what it wants.
pub struct Entering {
    pub opened: Opened,
    visit: Option<Visit>,
    /// The signed value the visit came in, when it came signed (no need to sign it again).
    carried: Option<String>,
    who: Requester,
}

/// What the rule allows a request to do, once it is known to be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// On its open visit.
    Open,
    /// By starting a visit, which counts a use.
    Start,
    /// Without a visit (HEAD).
    Pass,
    /// Not before the password.
    Password,
}

impl Entering {
    /// Applies the access rule to what the request wants; counts nothing. Gone links and
    /// refused requests are errors.
    pub fn decide(&self, want: Want) -> Result<Go> {
        let opened = &self.opened;
        let ask = Ask {
            head: self.who.head,
            ..Ask::new(want, self.visit.as_ref())
        };
        let decision = evaluate(
            &opened.share,
            opened.recipient(),
            opened.creator_active,
            ask,
            Utc::now(),
        );
        match decision {
            Decision::Allow => Ok(Go::Open),
            Decision::StartVisit => Ok(Go::Start),
            Decision::Pass => Ok(Go::Pass),
            Decision::NeedsPassword => Ok(Go::Password),
            Decision::Gone(reason) => Err(Error::Gone(reason)),
            Decision::Refused(error) => Err(error),
        }
    }
}

/// A request that goes on: the link, the visit it rides on (signed, for URLs and the cookie;
/// None for HEAD without a visit) and whether this request began it.
pub struct Granted {
    pub opened: Opened,
    pub signed: Option<String>,
    pub started: bool,
}

impl Links {
    /// Starts the visit counter and the event writer; call inside a tokio runtime.
    pub fn start(
        store: Store,
        signer: Signer,
        unlocks: Arc<AttemptLimiter>,
        metrics: Arc<Metrics>,
        teller: super::tell::Teller,
    ) -> Links {
        Links {
            cache: Arc::default(),
            recent: Arc::default(),
            counter: VisitCounter::start(store.clone(), teller.clone()),
            events: EventLog::start(store.clone(), teller),
            store,
            signer,
            unlocks,
            metrics,
            sheets: Arc::default(),
        }
    }

    /// Opens a link, from memory while nothing it shows has changed.
    pub async fn open(&self, token: &str) -> Result<Opened> {
        if let Some(opened) = self.cache.get(token, &self.store) {
            return Ok(opened);
        }
        let read_at = self.store.commits();
        let key = token.to_string();
        let opened = self.store.read(move |tx| read_link(tx, key)).await?;
        self.cache.put(token, read_at, &opened);
        Ok(opened)
    }

    /// Opens a link for a request that carries `carried` (cookie or `v`); a cookie-less
    /// resumed download rides on the visit its client began recently.
    pub async fn enter(
        &self,
        token: &str,
        carried: Option<&str>,
        who: Requester,
    ) -> Result<Entering> {
        let opened = self.open(token).await?;
        let visit = carried.and_then(|v| self.verify_visit(v, token));
        let carried = visit.as_ref().and(carried).map(str::to_string);
        let visit = visit.or_else(|| {
            who.resuming
                .then(|| self.recent.recall(token, &who))
                .flatten()
        });
        Ok(Entering {
            opened,
            visit,
            carried,
            who,
        })
    }

    /// Lets a decided request go on: starts its visit (counting a use) when the rule said so.
    pub async fn admit(&self, entering: Entering, go: Go) -> Result<Granted> {
        let Entering {
            opened,
            visit,
            carried,
            who,
        } = entering;
        match (go, visit) {
            (Go::Start, _) => self.begin_visit(opened, None, &who).await,
            (Go::Open, Some(visit)) => Ok(Granted {
                signed: Some(carried.unwrap_or_else(|| self.sign_visit(&visit))),
                opened,
                started: false,
            }),
            (Go::Pass, _) => Ok(Granted {
                opened,
                signed: None,
                started: false,
            }),
            (Go::Password, _) => Err(password_needed()),
            (Go::Open, None) => Err(Error::internal("an open visit without a visit")),
        }
    }

    /// Checks a share password; the right one starts an unlocked visit.
    pub async fn unlock(&self, token: &str, password: &str, who: &Requester) -> Result<Granted> {
        let opened = self.open(token).await?;
        let limiter_key = format!("{token}|{}", who.address);
        self.unlocks.check(&limiter_key).await?;
        let entering = Entering {
            opened,
            visit: None,
            carried: None,
            who: who.clone(),
        };
        if entering.decide(Want::Look)? != Go::Password {
            return self.begin_visit(entering.opened, None, who).await;
        }
        let opened = entering.opened;
        let hash = opened.share.password_hash.clone().unwrap_or_default();
        if !auth::verify_password(password.to_string(), hash).await? {
            self.unlocks.record_failure(&limiter_key).await?;
            let event = who.event(EventKind::UnlockFailed, opened.recipient_id);
            self.events.record(opened.share.id, event);
            return Err(Error::Unauthenticated("wrong password".into()));
        }
        let generation = opened.share.password_generation;
        self.begin_visit(opened, Some(generation), who).await
    }

    /// Counts one use and one visit (exactly, see `visits`) and signs the new visit, unlocked
    /// by the password of `unlocked` generation when one was given.
    async fn begin_visit(
        &self,
        opened: Opened,
        unlocked: Option<u32>,
        who: &Requester,
    ) -> Result<Granted> {
        let begin = Begin {
            share_id: opened.share.id,
            recipient_id: opened.recipient_id,
            password_given: unlocked.is_some(),
            event: who.event(EventKind::Visit, opened.recipient_id),
        };
        let now = begin.event.at;
        let counters = self.counter.begin(begin).await?;
        self.cache.counted(&counters);
        Metrics::add(&self.metrics.visits, 1);
        let visit = Visit {
            link_token: opened.token.clone(),
            id: Uuid::new_v4().simple().to_string()[..12].to_string(),
            expires_at: now + Duration::hours(VISIT_HOURS),
            unlocked,
        };
        if unlocked.is_none() {
            self.recent.remember(who, &visit);
        }
        let mut opened = opened;
        opened.share.counters = counters;
        Ok(Granted {
            signed: Some(self.sign_visit(&visit)),
            opened,
            started: true,
        })
    }

    pub fn sign_visit(&self, visit: &Visit) -> String {
        let flag = visit.unlocked.map_or("o".to_string(), |g| format!("u{g}"));
        self.signer.sign(&format!(
            "{}~{}~{}~{flag}",
            visit.link_token,
            visit.expires_at.timestamp(),
            visit.id
        ))
    }

    /// The visit inside a signed value, if it is genuine and for this link.
    pub fn verify_visit(&self, signed: &str, token: &str) -> Option<Visit> {
        let message = self.signer.verify(signed)?;
        let mut parts = message.split('~');
        let (link, expires, id, flag) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if link != token || parts.next().is_some() {
            return None;
        }
        let unlocked = match flag {
            "o" => None,
            other => Some(other.strip_prefix('u')?.parse().ok()?),
        };
        Some(Visit {
            link_token: link.to_string(),
            id: id.to_string(),
            expires_at: DateTime::from_timestamp(expires.parse().ok()?, 0)?,
            unlocked,
        })
    }
}

/// The answer to a data request on a protected link without an unlocked visit.
pub fn password_needed() -> Error {
    Error::Unauthenticated("this link needs its password: POST it to /s/{token}/unlock".into())
}

fn read_link(tx: &crate::store::ReadTx, token: String) -> Result<Opened> {
    let link: Link = tx
        .lookup(Index::Links, &token)?
        .ok_or(Error::NotFound("link"))?;
    let mut share = tx
        .get::<Share>(link.share_id)?
        .ok_or(Error::NotFound("link"))?;
    share.counters = counters::read(tx, share.id)?;
    let creator = tx.get::<User>(share.owner_id)?;
    let creator_active = creator
        .as_ref()
        .is_some_and(|u| u.status == UserStatus::Active);
    // What the creator sees now: an asset moved out of their domains leaves the link.
    let assets = assets_of(tx, &share, &Scope::of_stored(creator))?;
    let mut history = Vec::new();
    if share.download_options.attribute_history {
        for asset in &assets {
            history.extend(crate::history::of(tx, asset.id)?);
        }
        history.sort_by_key(|c| c.id);
    }
    let mut attachments = Vec::new();
    if share.download_options.attachments {
        for asset in &assets {
            attachments.extend(tx.owned::<crate::attachments::Attachment>(asset.id, |_| true)?);
        }
    }
    Ok(Opened {
        share,
        recipient_id: link.recipient_id,
        creator_active,
        token,
        assets,
        history,
        attachments,
    })
}

/// A lock that outlives a panic elsewhere: these maps stay consistent at every step.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Recently opened links, each with the commit it was read at, and the newest counters of
/// their shares: counting a visit changes the counters here, never the cached link.
#[derive(Default)]
struct LinkCache {
    links: Mutex<HashMap<String, (u64, Opened)>>,
    counters: Mutex<HashMap<Uuid, ShareCounters>>,
}

/// Past this many links the cache starts over.
const CACHED_LINKS: usize = 4096;

impl LinkCache {
    fn get(&self, token: &str, store: &Store) -> Option<Opened> {
        let mut opened = {
            let links = lock(&self.links);
            let (read_at, opened) = links.get(token)?;
            if store.changed_since(opened.share.id, *read_at) {
                return None;
            }
            opened.clone()
        };
        if let Some(newest) = lock(&self.counters).get(&opened.share.id) {
            opened.share.counters = newest.clone();
        }
        Some(opened)
    }

    fn put(&self, token: &str, read_at: u64, opened: &Opened) {
        let mut links = lock(&self.links);
        if links.len() >= CACHED_LINKS {
            links.clear();
            lock(&self.counters).clear();
        }
        links.insert(token.to_string(), (read_at, opened.clone()));
        drop(links);
        self.counted(&opened.share.counters);
    }

    /// Keeps `counters` unless newer ones are known (uses and visits only ever grow).
    fn counted(&self, counters: &ShareCounters) {
        let mut known = lock(&self.counters);
        let newer = known
            .get(&counters.share_id)
            .is_none_or(|k| (counters.uses, counters.visits) >= (k.uses, k.visits));
        if newer {
            known.insert(counters.share_id, counters.clone());
        }
    }
}

/// The visits recently begun without a password, by link and requester: a download manager
/// or `curl -C -` that resumes a direct link carries neither the cookie nor `v`, and its
/// `Range` request must not count another use.
#[derive(Default)]
struct RecentVisits {
    entries: Mutex<HashMap<(String, IpAddr, String), Visit>>,
}

/// Past this many visits the memo drops the expired ones, and starts over if that is not enough.
const REMEMBERED_VISITS: usize = 65_536;

impl RecentVisits {
    fn remember(&self, who: &Requester, visit: &Visit) {
        let mut entries = lock(&self.entries);
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
        let entries = lock(&self.entries);
        let key = (token.to_string(), who.address, who.user_agent.clone());
        entries
            .get(&key)
            .filter(|v| v.expires_at > Utc::now())
            .cloned()
    }
}
