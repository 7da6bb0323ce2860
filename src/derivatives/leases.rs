//! Derivative jobs shared by several nodes (SPEC §9), leased as `crate::leases` says: a node
//! takes jobs by writing its lease into them, renews it while it works, and a job whose lease
//! ran out is taken by the next node that looks.

use super::{Context, Job};
use crate::error::Result;
use crate::leases::{free, Lease, Leased};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::time::Duration;
use uuid::Uuid;

impl Leased for Job {
    fn lease(&self) -> Option<&Lease> {
        self.lease.as_ref()
    }
    fn set_lease(&mut self, lease: Option<Lease>) {
        self.lease = lease;
    }
}

/// What a look at the queue gave this node.
#[derive(Default)]
pub struct Claimed {
    pub jobs: Vec<Job>,
    /// How long until the first lease of another node runs out, if there is one.
    pub next_expiry: Option<Duration>,
}

/// Takes up to `room` free jobs for `node`, in queue order, leaving alone those it is
/// working on already. A look that finds none free writes nothing.
pub async fn claim(
    context: &Context,
    node: Uuid,
    room: usize,
    running: &HashSet<Uuid>,
) -> Result<Claimed> {
    let queued = context.store.read(|tx| tx.all::<Job>(|_| true)).await?;
    let now = Utc::now();
    let mut free_jobs = Vec::new();
    let mut next_expiry: Option<Duration> = None;
    for job in queued.iter().filter(|job| !running.contains(&job.id)) {
        if free_jobs.len() < room && free(job.lease.as_ref(), now) {
            free_jobs.push(job.id);
        } else if let Some(held) = &job.lease {
            let left = held.left(now);
            let soonest = next_expiry.map_or(left, |t| t.min(left));
            next_expiry = Some(soonest.max(Duration::from_millis(100)));
        }
    }
    let jobs = match free_jobs.is_empty() {
        true => Vec::new(),
        false => crate::leases::take(&context.store, free_jobs, node, context.lease, any).await?,
    };
    Ok(Claimed { jobs, next_expiry })
}

/// Every job may be worked on once free.
fn any(_: &Job, _: DateTime<Utc>) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_of_old_versions_read_without_a_lease() {
        let old = r#"{"id":"0190a7f0-0000-7000-8000-000000000000",
            "asset_id":"0190a7f0-0000-7000-8000-000000000001","created_at":"2026-01-01T00:00:00Z"}"#;
        let job: Job = serde_json::from_str(old).unwrap();
        assert_eq!(job.lease, None);
        assert!(!serde_json::to_string(&job).unwrap().contains("lease"));
    }
}
