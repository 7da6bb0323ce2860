//! Counting failed attempts (sign-ins, share passwords) per key within a time window.

use crate::error::Error;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct AttemptLimiter {
    max_failures: u32,
    window: Duration,
    failures: Mutex<HashMap<String, Window>>,
}

struct Window {
    started: Instant,
    count: u32,
}

/// Past this many keys, windows that ended are swept.
const SWEEP_AT: usize = 10_000;

impl AttemptLimiter {
    pub fn new(max_failures: u32, window: Duration) -> AttemptLimiter {
        AttemptLimiter {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// 429 with the seconds left, once `max_failures` have failed within the window.
    pub fn check(&self, key: &str) -> Result<(), Error> {
        let failures = self.failures.lock().expect("limiter lock");
        match failures.get(key) {
            Some(w) if w.count >= self.max_failures && w.started.elapsed() < self.window => {
                let left = self.window.saturating_sub(w.started.elapsed());
                Err(Error::TooManyAttempts(left.as_secs().max(1)))
            }
            _ => Ok(()),
        }
    }

    pub fn record_failure(&self, key: &str) {
        let mut failures = self.failures.lock().expect("limiter lock");
        if failures.len() > SWEEP_AT {
            failures.retain(|_, w| w.started.elapsed() < self.window);
        }
        let window = failures.entry(key.to_string()).or_insert(Window {
            started: Instant::now(),
            count: 0,
        });
        if window.started.elapsed() >= self.window {
            *window = Window {
                started: Instant::now(),
                count: 0,
            };
        }
        window.count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_the_window_passes() {
        let limiter = AttemptLimiter::new(2, Duration::from_millis(200));
        limiter.record_failure("a");
        assert!(limiter.check("a").is_ok());
        limiter.record_failure("a");
        assert!(matches!(limiter.check("a"), Err(Error::TooManyAttempts(_))));
        assert!(limiter.check("b").is_ok());
        std::thread::sleep(Duration::from_millis(250));
        assert!(limiter.check("a").is_ok());
    }
}
