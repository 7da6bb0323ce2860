//! The outbox: one durable queue for everything handoff sends — emails and webhook deliveries.
//! A message is put in it inside the transaction that makes it happen, so it goes out exactly
//! when that change is committed; one task per node works through it, tries each message up to
//! `MAX_ATTEMPTS` times with a doubling backoff, and records every try in the store, so that a
//! restart loses nothing. With several nodes on one database, a node takes each message it
//! tries with a lease (`crate::leases`, `notify.outbox_lease_secs`), renewed while it tries:
//! exactly one node sends it, and the message of a node that died mid-try goes out from
//! another once the lease has run out. Emails go one after another, in the order they were written (a mail
//! server takes them in turn); each webhook delivery goes on its own task, so that a receiver
//! that never answers holds up nothing else.

use crate::background;
use crate::error::Result;
use crate::leases::{self, Lease, Leased};
use crate::store::{Record, Store, Table, WriteTx};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::mpsc;
use uuid::Uuid;

/// Tries before a message is left failed for good.
pub const MAX_ATTEMPTS: u32 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryState {
    /// Not sent yet, or to be tried again.
    Pending,
    Delivered,
    /// Given up: `MAX_ATTEMPTS` tries failed, or there is nowhere to send it any more.
    Failed,
}

/// One message on its way.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outgoing {
    pub id: Uuid,
    pub parcel: Parcel,
    pub state: DeliveryState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    /// The node trying it now, until when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<Lease>,
}

impl Record for Outgoing {
    const TABLE: Table = Table::Outbox;
    fn key(&self) -> Uuid {
        self.id
    }
}

impl Leased for Outgoing {
    fn lease(&self) -> Option<&Lease> {
        self.lease.as_ref()
    }
    fn set_lease(&mut self, lease: Option<Lease>) {
        self.lease = lease;
    }
}

/// When any node may try a message next: at its next attempt, or once the lease of the node
/// trying it has run out, whichever is later; never once it is done.
pub fn ready_at(out: &Outgoing) -> Option<DateTime<Utc>> {
    let held_until = out.lease.as_ref().map(|l| l.until);
    (out.state == DeliveryState::Pending)
        .then(|| out.next_attempt_at.max(held_until.unwrap_or_default()))
}

fn ready_now(out: &Outgoing, now: DateTime<Utc>) -> bool {
    ready_at(out).is_some_and(|at| at <= now)
}

/// What a message carries, and so how it goes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Parcel {
    Email(Email),
    Webhook(Call),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    /// The share or upload request the email is about.
    pub about: Uuid,
    /// The recipient of that share or request whose invitation this is, if it is one.
    pub recipient_id: Option<Uuid>,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One event on its way to one webhook.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Call {
    pub webhook_id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    /// The JSON sent, kept as text: every try sends (and signs) the very same bytes.
    pub body: String,
    /// The HTTP status of the last answer, if there was one.
    pub last_status: Option<u16>,
}

impl Outgoing {
    pub fn call(&self) -> Option<&Call> {
        match &self.parcel {
            Parcel::Webhook(call) => Some(call),
            Parcel::Email(_) => None,
        }
    }

    pub fn email(&self) -> Option<&Email> {
        match &self.parcel {
            Parcel::Email(email) => Some(email),
            Parcel::Webhook(_) => None,
        }
    }
}

/// Puts `parcel` in the outbox, due at `at`, inside the caller's transaction. Wake the outbox
/// once the transaction is committed.
pub fn put(tx: &WriteTx, parcel: Parcel, at: DateTime<Utc>) -> Result<()> {
    tx.put(&Outgoing {
        id: Uuid::now_v7(),
        parcel,
        state: DeliveryState::Pending,
        attempts: 0,
        next_attempt_at: at,
        last_error: None,
        created_at: at,
        done_at: None,
        lease: None,
    })
}

/// How one try went.
#[derive(Debug)]
pub enum Tried {
    Delivered {
        status: Option<u16>,
    },
    Failed {
        status: Option<u16>,
        error: String,
        /// There is no point in trying again (a webhook that was deleted).
        give_up: bool,
    },
}

/// The message after one try: delivered, due again after the backoff, or failed for good.
pub fn after_try(mut out: Outgoing, tried: Tried, retry_base_secs: f64) -> Outgoing {
    let now = Utc::now();
    out.attempts += 1;
    let status = match tried {
        Tried::Delivered { status } => {
            out.state = DeliveryState::Delivered;
            out.last_error = None;
            out.done_at = Some(now);
            status
        }
        Tried::Failed {
            status,
            error,
            give_up,
        } => {
            tracing::warn!(message = %out.id, attempt = out.attempts, "not delivered: {error}");
            out.last_error = Some(error);
            if give_up || out.attempts >= MAX_ATTEMPTS {
                out.state = DeliveryState::Failed;
                out.done_at = Some(now);
            } else {
                out.next_attempt_at = now + backoff(retry_base_secs, out.attempts);
            }
            status
        }
    };
    if let Parcel::Webhook(call) = &mut out.parcel {
        call.last_status = status;
    }
    out
}

/// The wait after try number `attempts` (1-based): the base, doubling each time.
pub fn backoff(base_secs: f64, attempts: u32) -> Duration {
    let secs = base_secs * 2f64.powi(attempts.saturating_sub(1) as i32);
    Duration::milliseconds((secs * 1000.0) as i64)
}

/// What carries each kind of parcel.
pub struct Couriers {
    pub mail: super::Courier,
    pub webhooks: crate::webhooks::send::Courier,
}

/// Wakes the outbox when messages were put in it.
#[derive(Clone)]
pub struct Outbox {
    wake: background::Handle,
}

impl Outbox {
    /// Starts the sending task, which holds what it tries for `lease` at a time; call inside
    /// a tokio runtime.
    pub fn start(store: Store, couriers: Couriers, lease: std::time::Duration) -> Outbox {
        let (wake, listener) = background::pair();
        // Other nodes' messages are found only by looking: once a lease, when there may be any.
        let idle = match store.shared() {
            true => lease,
            false => IDLE,
        };
        let runner = Arc::new(Runner {
            store,
            couriers,
            // Who this node is in the leases: a new name each start (a crashed run's leases
            // run out like any other dead node's).
            node: Uuid::new_v4(),
            lease,
            idle,
        });
        tokio::spawn(runner.run(listener));
        Outbox { wake }
    }

    pub fn wake(&self) {
        self.wake.wake();
    }
}

/// The longest sleep between two looks at the outbox of a node alone on its database.
const IDLE: std::time::Duration = std::time::Duration::from_secs(3600);

struct Runner {
    store: Store,
    couriers: Couriers,
    node: Uuid,
    lease: std::time::Duration,
    /// The longest sleep between two looks.
    idle: std::time::Duration,
}

/// Messages that finished a try, and whether they were the emails' turn.
type Finished = (Vec<Uuid>, bool);

/// What one look at the outbox gave this node.
#[derive(Default)]
struct Look {
    /// Messages it took, to try now.
    taken: Vec<Outgoing>,
    /// When the next of the others may be tried.
    next: Option<DateTime<Utc>>,
}

impl Runner {
    async fn run(self: Arc<Self>, wake: background::Listener) {
        // What is being tried now: not to be picked up again until its try is recorded.
        let mut in_flight: HashSet<Uuid> = HashSet::new();
        let mut mailing = false;
        let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Finished>();
        loop {
            while let Ok(done) = done_rx.try_recv() {
                finished(&mut in_flight, &mut mailing, done);
            }
            let look = self.look(&in_flight, mailing).await;
            let look = look.unwrap_or_else(|e| {
                tracing::warn!("outbox: {e}");
                Look::default()
            });
            let mut emails = Vec::new();
            for out in look.taken {
                in_flight.insert(out.id);
                if out.email().is_some() {
                    emails.push(out);
                } else {
                    self.spawn(vec![out], false, done_tx.clone());
                }
            }
            if !emails.is_empty() {
                mailing = true;
                self.spawn(emails, true, done_tx.clone());
            }
            let wait = look
                .next
                .map_or(self.idle, |at| {
                    (at - Utc::now()).to_std().unwrap_or_default()
                })
                .min(self.idle);
            tokio::select! {
                alive = wake.wait(wait) => if !alive { return },
                Some(done) = done_rx.recv() => finished(&mut in_flight, &mut mailing, done),
            }
        }
    }

    /// Reads what is pending and takes, in one write transaction, what may be tried now
    /// (emails only when none are under way): a look that finds nothing to do writes nothing.
    async fn look(&self, in_flight: &HashSet<Uuid>, mailing: bool) -> Result<Look> {
        let pending = self
            .store
            .read(|tx| tx.all::<Outgoing>(|o| o.state == DeliveryState::Pending))
            .await?;
        let now = Utc::now();
        let mut look = Look::default();
        let mut ready = Vec::new();
        for out in pending {
            // Its try is under way, or the emails' turn comes when those under way are done.
            if in_flight.contains(&out.id) || (out.email().is_some() && mailing) {
                continue;
            }
            match ready_at(&out) {
                Some(at) if at <= now => ready.push(out.id),
                Some(at) => look.next = Some(look.next.map_or(at, |n| n.min(at))),
                None => {}
            }
        }
        if !ready.is_empty() {
            let (node, lease) = (self.node, self.lease);
            look.taken = leases::take(&self.store, ready, node, lease, ready_now).await?;
        }
        Ok(look)
    }

    /// Tries `batch` one message after another on a task of its own, holding their leases.
    fn spawn(
        self: &Arc<Self>,
        batch: Vec<Outgoing>,
        emails: bool,
        done: mpsc::UnboundedSender<Finished>,
    ) {
        let runner = self.clone();
        tokio::spawn(async move {
            let ids: Vec<Uuid> = batch.iter().map(|o| o.id).collect();
            let work = async {
                for out in batch {
                    if let Err(e) = runner.attempt(out).await {
                        tracing::error!("outbox: {e}");
                    }
                }
            };
            let (store, node, lease) = (&runner.store, runner.node, runner.lease);
            let renewed = leases::keep::<Outgoing>(store, ids.clone(), node, lease);
            tokio::select! { () = work => {}, never = renewed => match never {} }
            let _ = done.send((ids, emails));
        });
    }

    /// One try of one message, and its outcome recorded.
    async fn attempt(&self, out: Outgoing) -> Result<()> {
        let (tried, base) = match &out.parcel {
            Parcel::Email(email) => {
                let mail = &self.couriers.mail;
                (mail.send(out.id, email).await, mail.retry_base_secs())
            }
            Parcel::Webhook(call) => {
                let hooks = &self.couriers.webhooks;
                (hooks.send(call).await, hooks.retry_base_secs())
            }
        };
        let mut out = after_try(out, tried, base);
        out.lease = None;
        let node = self.node;
        self.store
            .write(move |tx| {
                let stored = tx.get::<Outgoing>(out.id)?;
                if !leases::held_by(stored.as_ref().and_then(Leased::lease), node) {
                    // Another node took it over while this one stalled: the outcome is its to record.
                    tracing::warn!(message = %out.id, "taken over by another node mid-try");
                    return Ok(());
                }
                if let Some(email) = out.email() {
                    super::settle(tx, email, &out)?;
                }
                tx.put(&out)
            })
            .await
    }
}

fn finished(in_flight: &mut HashSet<Uuid>, mailing: &mut bool, (ids, emails): Finished) {
    for id in ids {
        in_flight.remove(&id);
    }
    if emails {
        *mailing = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(parcel: Parcel) -> Outgoing {
        Outgoing {
            id: Uuid::now_v7(),
            parcel,
            state: DeliveryState::Pending,
            attempts: 0,
            next_attempt_at: Utc::now(),
            last_error: None,
            created_at: Utc::now(),
            done_at: None,
            lease: None,
        }
    }

    fn call() -> Parcel {
        Parcel::Webhook(Call {
            webhook_id: Uuid::now_v7(),
            event_id: Uuid::now_v7(),
            event_type: "share.created".into(),
            body: "{}".into(),
            last_status: None,
        })
    }

    fn failed(status: Option<u16>, give_up: bool) -> Tried {
        Tried::Failed {
            status,
            error: "answered 500".into(),
            give_up,
        }
    }

    #[test]
    fn backoff_doubles_from_the_base() {
        assert_eq!(backoff(60.0, 1), Duration::seconds(60));
        assert_eq!(backoff(60.0, 2), Duration::seconds(120));
        assert_eq!(backoff(60.0, 7), Duration::seconds(3840));
        assert_eq!(backoff(0.5, 3), Duration::seconds(2));
    }

    #[test]
    fn a_failure_is_tried_again_until_the_eighth_try() {
        let mut out = pending(call());
        for attempt in 1..MAX_ATTEMPTS {
            out = after_try(out, failed(Some(500), false), 60.0);
            assert_eq!((out.state, out.attempts), (DeliveryState::Pending, attempt));
            assert!(out.next_attempt_at > Utc::now());
            assert_eq!(out.call().unwrap().last_status, Some(500));
        }
        out = after_try(out, failed(None, false), 60.0);
        assert_eq!(out.state, DeliveryState::Failed);
        assert_eq!(out.attempts, MAX_ATTEMPTS);
        assert_eq!(out.call().unwrap().last_status, None);
    }

    #[test]
    fn success_and_nowhere_to_send_end_the_message() {
        let delivered = after_try(
            pending(call()),
            Tried::Delivered { status: Some(204) },
            60.0,
        );
        assert_eq!(delivered.state, DeliveryState::Delivered);
        assert_eq!(delivered.call().unwrap().last_status, Some(204));
        assert!(delivered.done_at.is_some());
        let orphan = after_try(pending(call()), failed(None, true), 60.0);
        assert_eq!(orphan.state, DeliveryState::Failed);
    }

    #[test]
    fn a_message_is_ready_when_due_and_nobody_holds_it() {
        let now = Utc::now();
        let mut out = pending(call());
        out.next_attempt_at = now;
        assert_eq!(ready_at(&out), Some(now));
        let held = Lease::new(Uuid::new_v4(), std::time::Duration::from_secs(30), now);
        out.lease = Some(held.clone());
        assert_eq!(ready_at(&out), Some(held.until), "once the lease runs out");
        assert!(!ready_now(&out, now));
        assert!(ready_now(&out, held.until));
        out.next_attempt_at = held.until + Duration::seconds(5);
        assert_eq!(
            ready_at(&out),
            Some(out.next_attempt_at),
            "or its next try, if later"
        );
        out.state = DeliveryState::Delivered;
        assert_eq!(ready_at(&out), None);
        let old = r#"{"id":"0190a7f0-0000-7000-8000-000000000000","parcel":{"kind":"webhook",
            "webhook_id":"0190a7f0-0000-7000-8000-000000000001","event_id":"0190a7f0-0000-7000-8000-000000000002",
            "event_type":"share.created","body":"{}","last_status":null},"state":"pending","attempts":0,
            "next_attempt_at":"2026-01-01T00:00:00Z","last_error":null,"created_at":"2026-01-01T00:00:00Z","done_at":null}"#;
        let old: Outgoing = serde_json::from_str(old).unwrap();
        assert!(
            old.lease.is_none(),
            "messages written before leases read without one"
        );
    }
}
