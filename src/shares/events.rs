//! The record of what happened on links. Events are queued and written in batches by one
//! task, so that recording never waits on a disk sync in the request path.

use super::tell::{self, Teller};
use super::{counters, Share};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Visit,
    UnlockFailed,
    Preview,
    Download,
    Bundle,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient_id: Option<Uuid>,
    pub client_address: String,
    pub user_agent: String,
}

impl Event {
    fn counts_as_download(&self) -> bool {
        matches!(self.kind, EventKind::Download | EventKind::Bundle)
    }
}

enum Message {
    Record(Uuid, Event),
    Flush(oneshot::Sender<()>),
}

#[derive(Clone)]
pub struct EventLog {
    queue: mpsc::Sender<Message>,
}

/// Events waiting beyond this are dropped (and logged) rather than slowing downloads.
const QUEUE_LEN: usize = 65_536;
const BATCH: usize = 1024;

impl EventLog {
    /// Starts the writer task; call inside a tokio runtime.
    pub fn start(store: Store, teller: Teller) -> EventLog {
        let (queue, rx) = mpsc::channel(QUEUE_LEN);
        tokio::spawn(write_batches(store, teller, rx));
        EventLog { queue }
    }

    pub fn record(&self, share_id: Uuid, event: Event) {
        if self
            .queue
            .try_send(Message::Record(share_id, event))
            .is_err()
        {
            tracing::warn!(%share_id, "event queue full; an event was dropped");
        }
    }

    /// Waits until every event recorded before this call is written.
    pub async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.queue.send(Message::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
    }
}

async fn write_batches(store: Store, teller: Teller, mut rx: mpsc::Receiver<Message>) {
    let mut messages = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut messages, BATCH).await > 0 {
        let mut events: Vec<(Uuid, Event)> = Vec::new();
        let mut flushes = Vec::new();
        for message in messages.drain(..) {
            match message {
                Message::Record(share, event) => events.push((share, event)),
                Message::Flush(done) => flushes.push(done),
            }
        }
        if !events.is_empty() {
            let telling = teller.clone();
            if let Err(e) = store
                .write(move |tx| write_events(tx, &telling, events))
                .await
            {
                tracing::error!("writing events failed: {e}");
            }
            teller.wake();
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

fn write_events(
    tx: &crate::store::WriteTx,
    teller: &Teller,
    events: Vec<(Uuid, Event)>,
) -> crate::error::Result<()> {
    let mut by_share: HashMap<Uuid, Vec<Event>> = HashMap::new();
    for (share, event) in events {
        by_share.entry(share).or_default().push(event);
    }
    for (share_id, events) in by_share {
        tx.append_events(share_id, &events)?;
        let downloads: Vec<_> = events.iter().filter(|e| e.counts_as_download()).collect();
        if downloads.is_empty() {
            continue;
        }
        let Some(mut share) = tx.get::<Share>(share_id)? else {
            continue;
        };
        share.counters = counters::read_in_write(tx, share_id)?;
        for event in downloads {
            share.counters.count_download(event.recipient_id, event.at);
            let link = tell::OnLink {
                recipient_id: event.recipient_id,
                client_address: &event.client_address,
            };
            tell::downloaded(tx, teller, &mut share, link)?;
        }
        tx.put(&share.counters)?;
    }
    Ok(())
}
