//! Waking background tasks (email, derivatives) and ending them when the server goes away.

use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::Notify;

struct Alive {
    notify: Arc<Notify>,
}

impl Drop for Alive {
    fn drop(&mut self) {
        // The last handle is gone: wake the task so that it sees it and ends.
        self.notify.notify_one();
    }
}

/// Held by the server: wakes the task; the task ends when the last handle is dropped.
#[derive(Clone)]
pub struct Handle {
    alive: Arc<Alive>,
}

/// Held by the task.
pub struct Listener {
    notify: Arc<Notify>,
    alive: Weak<Alive>,
}

pub fn pair() -> (Handle, Listener) {
    let notify = Arc::new(Notify::new());
    let alive = Arc::new(Alive {
        notify: notify.clone(),
    });
    let listener = Listener {
        notify,
        alive: Arc::downgrade(&alive),
    };
    (Handle { alive }, listener)
}

impl Handle {
    pub fn wake(&self) {
        self.alive.notify.notify_one();
    }
}

impl Listener {
    /// Waits for a wake-up or the timeout; false when the server is gone and the task should end.
    pub async fn wait(&self, timeout: Duration) -> bool {
        let _ = tokio::time::timeout(timeout, self.notify.notified()).await;
        self.alive.strong_count() > 0
    }
}
