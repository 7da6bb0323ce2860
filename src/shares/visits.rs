//! Starting visits: each counts one use. Requests are gathered and counted in one write
//! transaction per batch (group commit), in arrival order, so counting stays exact under any
//! concurrency while a burst of visitors costs one disk sync, not one each.

use super::Share;
use crate::error::{Error, GoneReason, Result};
use crate::store::{Store, WriteTx};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

struct Ask {
    share_id: Uuid,
    recipient_id: Option<Uuid>,
    at: DateTime<Utc>,
    reply: oneshot::Sender<Result<Share>>,
}

#[derive(Clone)]
pub struct VisitCounter {
    queue: mpsc::Sender<Ask>,
}

const BATCH: usize = 512;

impl VisitCounter {
    /// Starts the counting task; call inside a tokio runtime.
    pub fn start(store: Store) -> VisitCounter {
        let (queue, rx) = mpsc::channel(4 * BATCH);
        tokio::spawn(count_batches(store, rx));
        VisitCounter { queue }
    }

    /// Counts one use and one visit; the share as it is after, or Gone when none was left.
    pub async fn begin(&self, share_id: Uuid, recipient_id: Option<Uuid>) -> Result<Share> {
        let (reply, answer) = oneshot::channel();
        let ask = Ask {
            share_id,
            recipient_id,
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

async fn count_batches(store: Store, mut rx: mpsc::Receiver<Ask>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let asks: Vec<Ask> = std::mem::take(&mut batch);
        let keys: Vec<(Uuid, Option<Uuid>, DateTime<Utc>)> = asks
            .iter()
            .map(|a| (a.share_id, a.recipient_id, a.at))
            .collect();
        let outcome = store
            .write(move |tx| {
                Ok(keys
                    .iter()
                    .map(|(s, r, at)| count_one(tx, *s, *r, *at))
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
    now: DateTime<Utc>,
) -> Result<Share> {
    let mut share = tx.get::<Share>(share_id)?.ok_or(Error::NotFound("link"))?;
    if !share.enabled {
        return Err(Error::Gone(GoneReason::Disabled));
    }
    if share.expires_at <= now {
        return Err(Error::Gone(GoneReason::Expired));
    }
    if share.uses_remaining() == Some(0) {
        return Err(Error::Gone(GoneReason::UsedUp));
    }
    share.uses += 1;
    share.visits += 1;
    share.last_access_at = Some(now);
    if let Some(recipient) = recipient_id.and_then(|id| share.recipient_mut(id)) {
        recipient.visits += 1;
        recipient.last_access_at = Some(now);
    }
    tx.put(&share)?;
    Ok(share)
}
