//! What commits changed, for caches of what links show.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use uuid::Uuid;

/// When what links show last changed, for caches: the commit number of the last commit that
/// wrote a table seen through every link, and per share the last one that wrote that share.
/// Commits that write only counters, events, jobs or emails change nothing here.
#[derive(Default)]
pub(super) struct Changes {
    commits: AtomicU64,
    shown_everywhere: AtomicU64,
    shares: Mutex<HashMap<Uuid, u64>>,
    /// Other nodes' commits cannot be heard (PostgreSQL listener disconnected): all is stale.
    deaf: AtomicBool,
}

/// What one write transaction wrote, as far as `Changes` cares.
#[derive(Default)]
pub(super) struct Touched {
    pub shown_everywhere: bool,
    pub shares: Vec<Uuid>,
}

impl Changes {
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Acquire)
    }

    pub fn changed_since(&self, share: Uuid, since: u64) -> bool {
        self.deaf.load(Ordering::Acquire)
            || self.shown_everywhere.load(Ordering::Acquire) > since
            || self
                .shares
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&share)
                .is_some_and(|&commit| commit > since)
    }

    pub fn set_deaf(&self, deaf: bool) {
        self.deaf.store(deaf, Ordering::Release);
    }

    pub fn committed(&self, touched: Touched) {
        let commit = self.commits.fetch_add(1, Ordering::AcqRel) + 1;
        if touched.shown_everywhere {
            self.shown_everywhere.store(commit, Ordering::Release);
        }
        if !touched.shares.is_empty() {
            let mut shares = self.shares.lock().unwrap_or_else(PoisonError::into_inner);
            for id in touched.shares {
                shares.insert(id, commit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_link_shows_makes_it_stale() {
        let changes = Changes::default();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let read_at = changes.commits();
        // Counters, events, jobs: nothing a link shows.
        changes.committed(Touched::default());
        assert!(!changes.changed_since(a, read_at));
        // One share written: that share's links only.
        changes.committed(Touched {
            shown_everywhere: false,
            shares: vec![a],
        });
        assert!(changes.changed_since(a, read_at));
        assert!(!changes.changed_since(b, read_at));
        let reread = changes.commits();
        assert!(!changes.changed_since(a, reread));
        // An asset, a collection or a user: every link.
        changes.committed(Touched {
            shown_everywhere: true,
            shares: vec![],
        });
        assert!(changes.changed_since(a, reread) && changes.changed_since(b, reread));
    }
}
