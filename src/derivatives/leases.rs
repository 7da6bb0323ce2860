//! Derivative jobs shared by several nodes (SPEC §9): a node takes a job by writing its lease
//! into it, in a write transaction — one at a time across nodes (redb's single writer;
//! PostgreSQL's advisory lock per write transaction, the store's equivalent of `FOR UPDATE
//! SKIP LOCKED`) — and renews the lease while it works. A job whose lease ran out (its node
//! died, or stalled) is taken by the next node that looks.

use super::{Context, Job};
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::time::Duration;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lease {
    pub node: Uuid,
    pub until: DateTime<Utc>,
}

/// What a look at the queue gave this node.
#[derive(Default)]
pub struct Claimed {
    pub jobs: Vec<Job>,
    /// How long until the first lease of another node runs out, if there is one.
    pub next_expiry: Option<Duration>,
}

/// Whether a node may take `job` at `now`: nobody holds it, or its holder's lease ran out.
fn free(job: &Job, now: DateTime<Utc>) -> bool {
    job.lease.as_ref().is_none_or(|lease| lease.until <= now)
}

/// Takes up to `room` free jobs for `node`, in queue order, leaving alone those it is
/// working on already.
pub async fn claim(
    context: &Context,
    node: Uuid,
    room: usize,
    running: &HashSet<Uuid>,
) -> Result<Claimed> {
    let running = running.clone();
    let lease = context.lease;
    context
        .store
        .write(move |tx| {
            let now = Utc::now();
            let mut claimed = Claimed::default();
            for mut job in tx.all::<Job>(|_| true)? {
                if running.contains(&job.id) {
                    continue;
                }
                if claimed.jobs.len() < room && free(&job, now) {
                    job.lease = Some(Lease {
                        node,
                        until: now + lease,
                    });
                    tx.put(&job)?;
                    claimed.jobs.push(job);
                } else if let Some(held) = &job.lease {
                    let left = (held.until - now).to_std().unwrap_or_default();
                    let soonest = claimed.next_expiry.map_or(left, |t| t.min(left));
                    claimed.next_expiry = Some(soonest.max(Duration::from_millis(100)));
                }
            }
            Ok(claimed)
        })
        .await
}

/// Renews `node`'s lease on job `id` at a third of its length, for as long as it works.
/// Never ends: once the job is gone or another node holds it, it just stops renewing.
pub async fn keep(context: &Context, id: Uuid, node: Uuid) -> Result<()> {
    let lease = context.lease;
    loop {
        tokio::time::sleep(lease / 3).await;
        let renewed = context
            .store
            .write(move |tx| {
                let Some(mut job) = tx.get::<Job>(id)? else {
                    return Ok(false);
                };
                if job.lease.as_ref().is_none_or(|l| l.node != node) {
                    return Ok(false);
                }
                job.lease = Some(Lease {
                    node,
                    until: Utc::now() + lease,
                });
                tx.put(&job)?;
                Ok(true)
            })
            .await;
        if !matches!(renewed, Ok(true)) {
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(lease: Option<i64>) -> Job {
        let now = Utc::now();
        Job {
            id: Uuid::now_v7(),
            asset_id: Uuid::now_v7(),
            created_at: now,
            lease: lease.map(|secs| Lease {
                node: Uuid::new_v4(),
                until: now + chrono::Duration::seconds(secs),
            }),
        }
    }

    #[test]
    fn a_job_is_free_when_unleased_or_its_lease_ran_out() {
        let now = Utc::now();
        assert!(free(&job(None), now));
        assert!(free(&job(Some(-1)), now));
        assert!(!free(&job(Some(30)), now));
    }

    #[test]
    fn jobs_of_old_versions_read_without_a_lease() {
        let old = r#"{"id":"0190a7f0-0000-7000-8000-000000000000",
            "asset_id":"0190a7f0-0000-7000-8000-000000000001","created_at":"2026-01-01T00:00:00Z"}"#;
        let job: Job = serde_json::from_str(old).unwrap();
        assert_eq!(job.lease, None);
        assert!(!serde_json::to_string(&job).unwrap().contains("lease"));
    }
}
