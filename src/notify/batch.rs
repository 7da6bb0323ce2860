//! Emails that gather news, so that many things happening at once make one email: the first
//! news after a quiet period goes at once, later news waits and goes together, at most one
//! email per `notify.batch_minutes` (fractions allowed; 0 sends each at once). Used for the
//! creator of an upload request (files received) and for share owners (links first opened or
//! downloaded). What waits is kept in the store, so a restart loses none of it.

use crate::config::Config;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::future::Future;

/// News waiting for the next email, and when the last one went.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Batch<T> {
    pub last_sent_at: Option<DateTime<Utc>>,
    pub waiting: Vec<T>,
}

impl<T> Default for Batch<T> {
    fn default() -> Self {
        Batch {
            last_sent_at: None,
            waiting: Vec::new(),
        }
    }
}

impl<T> Batch<T> {
    /// Whether the waiting news is told now: at once after a quiet period, else once `window`
    /// has passed since the last email.
    pub fn due(&self, window: Duration, now: DateTime<Utc>) -> bool {
        !self.waiting.is_empty() && self.last_sent_at.is_none_or(|last| now - last >= window)
    }

    /// The waiting news when it is due (the email is then taken as sent at `now`).
    pub fn take_if_due(&mut self, window: Duration, now: DateTime<Utc>) -> Option<Vec<T>> {
        if !self.due(window, now) {
            return None;
        }
        self.last_sent_at = Some(now);
        Some(std::mem::take(&mut self.waiting))
    }
}

/// The least time between two emails of one batch.
pub fn window(config: &Config) -> Duration {
    Duration::milliseconds((config.notify.batch_minutes * 60_000.0) as i64)
}

/// Until `stopped`: every `notify.check_secs`, the emails of news that has come due. Runs on
/// every node of a shared database, safe by construction rather than leased: each batch is
/// taken (`take_if_due`) in the write transaction that queues its email, on the batch as
/// committed, so a node that looks second finds it taken; the email itself goes out once,
/// through the leased outbox.
pub async fn run(state: AppState, stopped: impl Future<Output = ()>) {
    let every = std::time::Duration::from_secs_f64(state.config.notify.check_secs);
    let mut stopped = std::pin::pin!(stopped);
    loop {
        let now = Utc::now();
        let requests = crate::requests::notice::send_due(&state, now).await;
        let owners = crate::shares::news::send_due(&state, now).await;
        match (requests, owners) {
            (Ok(0), Ok(0)) => {}
            (Ok(_), Ok(_)) => state.outbox.wake(),
            (Err(e), _) | (_, Err(e)) => {
                state.outbox.wake();
                tracing::warn!("emails of gathered news: {e}");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = &mut stopped => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_news_goes_at_once_and_later_news_once_the_window_has_passed() {
        let window = Duration::minutes(10);
        let start = Utc::now();
        let mut batch = Batch::<u32>::default();
        assert!(batch.take_if_due(window, start).is_none(), "nothing waits");
        batch.waiting.push(1);
        assert_eq!(batch.take_if_due(window, start), Some(vec![1]));
        batch.waiting.extend([2, 3]);
        let soon = start + Duration::minutes(9);
        assert!(batch.take_if_due(window, soon).is_none());
        let later = start + Duration::minutes(10);
        assert_eq!(batch.take_if_due(window, later), Some(vec![2, 3]));
        assert!(batch.waiting.is_empty());
        batch.waiting.push(4);
        assert!(!Batch::<u32>::default().due(Duration::zero(), later));
        assert!(
            batch.due(Duration::zero(), later),
            "a window of 0 sends each at once"
        );
    }
}
