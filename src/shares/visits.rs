//! Starting visits: each counts one use. Requests are gathered and counted in one write
//! transaction per batch (group commit), in arrival order, so counting stays exact under any
//! concurrency while a burst of visitors costs one disk sync, not one each. Each is decided
//! again by the access rule on the share as it is inside the transaction.

use super::access::{evaluate, Ask, Decision, Want};
use super::{counters, Share};
use crate::accounts::{User, UserStatus};
use crate::error::{Error, Result};
use crate::store::{Store, WriteTx};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

struct Begin {
    share_id: Uuid,
    recipient_id: Option<Uuid>,
    password_given: bool,
    at: DateTime<Utc>,
    reply: oneshot::Sender<Result<Share>>,
}

#[derive(Clone)]
pub struct VisitCounter {
    queue: mpsc::Sender<Begin>,
}

const BATCH: usize = 512;

impl VisitCounter {
    /// Starts the counting task; call inside a tokio runtime.
    pub fn start(store: Store) -> VisitCounter {
        let (queue, rx) = mpsc::channel(4 * BATCH);
        tokio::spawn(count_batches(store, rx));
        VisitCounter { queue }
    }

    /// Counts one use and one visit on the link of `recipient_id` (None: the share's own); the
    /// share as it is after, with its counters, or why the link refuses a new visit.
    pub async fn begin(
        &self,
        share_id: Uuid,
        recipient_id: Option<Uuid>,
        password_given: bool,
    ) -> Result<Share> {
        let (reply, answer) = oneshot::channel();
        let ask = Begin {
            share_id,
            recipient_id,
            password_given,
            at: Utc::now(),
            reply,
        };
        self.queue
            .send(ask)
            .await
            .map_err(|_| Error::internal("visit counter stopped"))?;
        answer
            .await
            .map_err(|_| Error::internal("visit counter dropped a request"))?
    }
}

async fn count_batches(store: Store, mut rx: mpsc::Receiver<Begin>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let asks: Vec<Begin> = std::mem::take(&mut batch);
        let keys: Vec<_> = asks
            .iter()
            .map(|a| (a.share_id, a.recipient_id, a.password_given, a.at))
            .collect();
        let outcome = store
            .write(move |tx| {
                Ok(keys
                    .iter()
                    .map(|&(s, r, password, at)| count_one(tx, s, r, password, at))
                    .collect::<Vec<_>>())
            })
            .await;
        match outcome {
            Ok(results) => {
                for (ask, result) in asks.into_iter().zip(results) {
                    let _ = ask.reply.send(result);
                }
            }
            Err(e) => {
                for ask in asks {
                    let _ = ask.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

fn count_one(
    tx: &WriteTx,
    share_id: Uuid,
    recipient_id: Option<Uuid>,
    password_given: bool,
    now: DateTime<Utc>,
) -> Result<Share> {
    let mut share = tx.get::<Share>(share_id)?.ok_or(Error::NotFound("link"))?;
    let creator_active = tx
        .get::<User>(share.owner_id)?
        .is_some_and(|u| u.status == UserStatus::Active);
    share.counters = counters::read_in_write(tx, share_id)?;
    let recipient = recipient_id.and_then(|id| share.recipient(id));
    let ask = Ask {
        password_given,
        ..Ask::new(Want::Look, None)
    };
    match evaluate(&share, recipient, creator_active, ask, now) {
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
    share.counters.count_visit(recipient_id, now);
    tx.put(&share.counters)?;
    Ok(share)
}
