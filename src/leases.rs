//! Background work shared by several nodes (SPEC §9): a node takes a record of work (a
//! derivative job, an outbox message) by writing its lease into it, in a write transaction —
//! one at a time across nodes (redb's single writer; PostgreSQL's advisory lock per write
//! transaction, the store's equivalent of `FOR UPDATE SKIP LOCKED`) — and renews the lease
//! while it works. A record whose lease ran out (its node died, or stalled) is taken by the
//! next node that looks.

use crate::error::Result;
use crate::store::{Record, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lease {
    pub node: Uuid,
    pub until: DateTime<Utc>,
}

impl Lease {
    pub fn new(node: Uuid, length: Duration, now: DateTime<Utc>) -> Lease {
        let length = chrono::Duration::from_std(length).unwrap_or(chrono::Duration::MAX);
        Lease {
            node,
            until: now
                .checked_add_signed(length)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        }
    }

    /// How long until it runs out (nothing once it has).
    pub fn left(&self, now: DateTime<Utc>) -> Duration {
        (self.until - now).to_std().unwrap_or_default()
    }
}

/// Whether a node may take a record at `now`: nobody holds it, or its holder's lease ran out.
pub fn free(lease: Option<&Lease>, now: DateTime<Utc>) -> bool {
    lease.is_none_or(|lease| lease.until <= now)
}

/// Whether `node` holds the lease (run out or not: nobody else took it yet).
pub fn held_by(lease: Option<&Lease>, node: Uuid) -> bool {
    lease.is_some_and(|lease| lease.node == node)
}

/// A record that carries a lease.
pub trait Leased: Record + Send + 'static {
    fn lease(&self) -> Option<&Lease>;
    fn set_lease(&mut self, lease: Option<Lease>);
}

/// Renews `node`'s leases on the records `ids` at a third of their length, in one write
/// transaction each time, for as long as it works. Never ends: a record that is gone or that
/// another node holds is no longer renewed; once none is left, it just waits.
pub async fn keep<R: Leased>(
    store: &Store,
    mut ids: Vec<Uuid>,
    node: Uuid,
    length: Duration,
) -> std::convert::Infallible {
    while !ids.is_empty() {
        tokio::time::sleep(length / 3).await;
        let still = ids.clone();
        let renewed = store
            .write(move |tx| {
                let mut kept = Vec::new();
                for id in still {
                    let Some(mut record) = tx.get::<R>(id)? else {
                        continue;
                    };
                    if held_by(record.lease(), node) {
                        record.set_lease(Some(Lease::new(node, length, Utc::now())));
                        tx.put(&record)?;
                        kept.push(id);
                    }
                }
                Ok(kept)
            })
            .await;
        ids = renewed.unwrap_or_else(|e| {
            tracing::warn!("renewing leases: {e}");
            Vec::new()
        });
    }
    std::future::pending().await
}

/// Takes each of `ids` that is still `ready` at `now` for `node`, in one write transaction:
/// the decision is made on what is committed, so two nodes never take the same record.
pub async fn take<R: Leased>(
    store: &Store,
    ids: Vec<Uuid>,
    node: Uuid,
    length: Duration,
    ready: fn(&R, DateTime<Utc>) -> bool,
) -> Result<Vec<R>> {
    store
        .write(move |tx| {
            let now = Utc::now();
            let mut taken = Vec::new();
            for id in ids {
                let Some(mut record) = tx.get::<R>(id)? else {
                    continue;
                };
                if ready(&record, now) && free(record.lease(), now) {
                    record.set_lease(Some(Lease::new(node, length, now)));
                    tx.put(&record)?;
                    taken.push(record);
                }
            }
            Ok(taken)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_free_when_unleased_or_its_lease_ran_out() {
        let now = Utc::now();
        let node = Uuid::new_v4();
        let lease = |secs: i64| Lease {
            node,
            until: now + chrono::Duration::seconds(secs),
        };
        assert!(free(None, now));
        assert!(free(Some(&lease(-1)), now));
        assert!(free(Some(&lease(0)), now));
        assert!(!free(Some(&lease(30)), now));
        assert_eq!(lease(30).left(now), Duration::from_secs(30));
        assert_eq!(lease(-5).left(now), Duration::ZERO);
        assert!(held_by(Some(&lease(-5)), node));
        assert!(!held_by(Some(&lease(30)), Uuid::new_v4()));
        assert!(!held_by(None, node));
    }

    #[test]
    fn a_new_lease_lasts_its_length_and_never_overflows() {
        let now = Utc::now();
        let lease = Lease::new(Uuid::new_v4(), Duration::from_secs(3), now);
        assert_eq!(lease.until, now + chrono::Duration::seconds(3));
        let forever = Lease::new(Uuid::new_v4(), Duration::MAX, now);
        assert_eq!(forever.until, DateTime::<Utc>::MAX_UTC);
    }
}
