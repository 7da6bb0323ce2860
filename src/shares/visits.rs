//! Starting visits: each counts one use. Requests are gathered and counted in one write
//! transaction per batch (group commit), in arrival order, so counting stays exact under any
//! concurrency while a burst of visitors costs one disk sync, not one each. Each is decided
//! again by the access rule on the share as it is inside the transaction; the share is read
//! once per batch, and the visits' events are written in the same transaction.

use super::access::{evaluate, Ask, Decision, Want};
use super::events::Event;
use super::tell::{self, Teller};
use super::{counters, Share, ShareCounters};
use crate::accounts::{User, UserStatus};
use crate::error::{Error, Result};
use crate::store::{Store, WriteTx};
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// A visit to begin: on which link, whether the right password came with it, and its event.
pub struct Begin {
    pub share_id: Uuid,
    pub recipient_id: Option<Uuid>,
    pub password_given: bool,
    pub event: Event,
}

struct Queued {
    begin: Begin,
    reply: oneshot::Sender<Result<ShareCounters>>,
}

#[derive(Clone)]
pub struct VisitCounter {
    queue: mpsc::Sender<Queued>,
}

const BATCH: usize = 512;

impl VisitCounter {
    /// Starts the counting task; call inside a tokio runtime.
    pub fn start(store: Store, teller: Teller) -> VisitCounter {
        let (queue, rx) = mpsc::channel(4 * BATCH);
        tokio::spawn(count_batches(store, teller, rx));
        VisitCounter { queue }
    }

    /// Counts one use and one visit and records its event; the share's counters after it, or
    /// why the link refuses a new visit.
    pub async fn begin(&self, begin: Begin) -> Result<ShareCounters> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Queued { begin, reply })
            .await
            .map_err(|_| Error::internal("visit counter stopped"))?;
        answer
            .await
            .map_err(|_| Error::internal("visit counter dropped a request"))?
    }
}

async fn count_batches(store: Store, teller: Teller, mut rx: mpsc::Receiver<Queued>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let (begins, replies): (Vec<Begin>, Vec<_>) =
            batch.drain(..).map(|q| (q.begin, q.reply)).unzip();
        let telling = teller.clone();
        let counted = store
            .write(move |tx| count_batch(tx, &telling, begins))
            .await;
        teller.wake();
        match counted {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                for reply in replies {
                    let _ = reply.send(Err(e.clone()));
                }
            }
        }
    }
}

/// A share as the batch found it: whether its creator is active, and what the batch did.
struct Counted {
    share: Share,
    creator_active: bool,
    events: Vec<Event>,
}

/// Counts a batch of visits; each one counted is told (`tell::opened`) in the same transaction.
fn count_batch(
    tx: &WriteTx,
    teller: &Teller,
    begins: Vec<Begin>,
) -> Result<Vec<Result<ShareCounters>>> {
    let mut shares: HashMap<Uuid, Option<Counted>> = HashMap::new();
    let mut results = Vec::with_capacity(begins.len());
    for begin in begins {
        let found = match shares.entry(begin.share_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(read(tx, begin.share_id)?),
        };
        results.push(match found {
            Some(counted) => {
                let result = count_one(counted, begin);
                if let (Ok(_), Some(event)) = (&result, counted.events.last()) {
                    let link = tell::OnLink {
                        recipient_id: event.recipient_id,
                        client_address: &event.client_address,
                    };
                    tell::opened(tx, teller, &mut counted.share, link)?;
                }
                result
            }
            None => Err(Error::NotFound("link")),
        });
    }
    for counted in shares.into_values().flatten() {
        if !counted.events.is_empty() {
            tx.put(&counted.share.counters)?;
            tx.append_events(counted.share.id, &counted.events)?;
        }
    }
    Ok(results)
}

fn read(tx: &WriteTx, share_id: Uuid) -> Result<Option<Counted>> {
    let Some(mut share) = tx.get::<Share>(share_id)? else {
        return Ok(None);
    };
    let creator_active = tx
        .get::<User>(share.owner_id)?
        .is_some_and(|u| u.status == UserStatus::Active);
    share.counters = counters::read_in_write(tx, share_id)?;
    Ok(Some(Counted {
        share,
        creator_active,
        events: Vec::new(),
    }))
}

fn count_one(counted: &mut Counted, begin: Begin) -> Result<ShareCounters> {
    let share = &mut counted.share;
    let recipient = begin.recipient_id.and_then(|id| share.recipient(id));
    let ask = Ask {
        password_given: begin.password_given,
        ..Ask::new(Want::Look, None)
    };
    match evaluate(
        share,
        recipient,
        counted.creator_active,
        ask,
        begin.event.at,
    ) {
        Decision::StartVisit => {}
        Decision::Gone(reason) => return Err(Error::Gone(reason)),
        Decision::NeedsPassword => {
            return Err(Error::Unauthenticated(
                "this link needs its password".into(),
            ))
        }
        other => {
            return Err(Error::internal(format!(
                "a new visit was decided {other:?}"
            )))
        }
    }
    share
        .counters
        .count_visit(begin.recipient_id, begin.event.at);
    counted.events.push(begin.event);
    Ok(share.counters.clone())
}
