//! Counting failed attempts (sign-ins, share passwords) per key within a time window.

use crate::config;
use crate::error::Error;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

pub struct AttemptLimiter {
    max_failures: u32,
    window: Duration,
    failures: Mutex<HashMap<String, Window>>,
}

#[derive(Debug, Clone, Copy)]
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
        self.check_at(key, Instant::now())
    }

    pub fn record_failure(&self, key: &str) {
        self.record_failure_at(key, Instant::now());
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), Error> {
        let window = self.failures().get(key).copied();
        match window.and_then(|w| wait_left(w, self.max_failures, self.window, now)) {
            Some(left) => Err(Error::TooManyAttempts(left.as_secs().max(1))),
            None => Ok(()),
        }
    }

    fn record_failure_at(&self, key: &str, now: Instant) {
        let mut failures = self.failures();
        if failures.len() > SWEEP_AT {
            failures.retain(|_, w| now.saturating_duration_since(w.started) < self.window);
        }
        let fresh = Window {
            started: now,
            count: 0,
        };
        let window = failures.entry(key.to_string()).or_insert(fresh);
        if now.saturating_duration_since(window.started) >= self.window {
            *window = fresh;
        }
        window.count += 1;
    }

    /// The counts; a panic elsewhere while they were held leaves them usable (they are
    /// plain numbers), rather than failing every later sign-in.
    fn failures(&self) -> MutexGuard<'_, HashMap<String, Window>> {
        self.failures.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The decision: how long until another attempt may be made, when it may not be made now.
fn wait_left(
    window: Window,
    max_failures: u32,
    length: Duration,
    now: Instant,
) -> Option<Duration> {
    let elapsed = now.saturating_duration_since(window.started);
    (window.count >= max_failures && elapsed < length).then(|| length - elapsed)
}

/// Failed sign-ins, counted per client address across accounts (one address spraying a
/// password over many emails) and per account across addresses (many addresses guessing one
/// account's password).
pub struct LoginLimiter {
    per_address: AttemptLimiter,
    per_account: AttemptLimiter,
}

impl LoginLimiter {
    pub fn new(config: &config::Login) -> LoginLimiter {
        let window = Duration::from_secs(config.window_secs);
        LoginLimiter {
            per_address: AttemptLimiter::new(config.max_failures_per_address, window),
            per_account: AttemptLimiter::new(config.max_failures_per_account, window),
        }
    }

    /// 429 while either count is used up, the right password included.
    pub fn check(&self, email: &str, address: IpAddr) -> Result<(), Error> {
        self.per_address.check(&address_key(address))?;
        self.per_account.check(&account_key(email))
    }

    pub fn record_failure(&self, email: &str, address: IpAddr) {
        self.per_address.record_failure(&address_key(address));
        self.per_account.record_failure(&account_key(email));
    }
}

/// An IPv6 client usually holds a whole /64: counting single addresses would let it try
/// 2^64 times as often.
fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let network = u128::from(v6) & !(u128::MAX >> 64);
                format!("{}/64", std::net::Ipv6Addr::from(network))
            }
        },
    }
}

fn account_key(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_the_window_passes() {
        let limiter = AttemptLimiter::new(2, Duration::from_secs(300));
        let start = Instant::now();
        limiter.record_failure_at("a", start);
        assert!(limiter.check_at("a", start).is_ok());
        limiter.record_failure_at("a", start + Duration::from_secs(10));
        let blocked = limiter.check_at("a", start + Duration::from_secs(100));
        assert_eq!(blocked, Err(Error::TooManyAttempts(200)));
        assert!(limiter.check_at("b", start).is_ok());
        assert!(limiter
            .check_at("a", start + Duration::from_secs(300))
            .is_ok());
        // A failure after the window starts a new one.
        limiter.record_failure_at("a", start + Duration::from_secs(301));
        assert!(limiter
            .check_at("a", start + Duration::from_secs(302))
            .is_ok());
    }

    #[test]
    fn the_wait_is_what_is_left_of_a_full_window() {
        let start = Instant::now();
        let full = Window {
            started: start,
            count: 3,
        };
        let window = Duration::from_secs(60);
        let at = |secs| start + Duration::from_secs(secs);
        assert_eq!(wait_left(full, 3, window, at(0)), Some(window));
        assert_eq!(
            wait_left(full, 3, window, at(59)),
            Some(Duration::from_secs(1))
        );
        assert_eq!(wait_left(full, 3, window, at(60)), None);
        assert_eq!(wait_left(full, 4, window, at(0)), None);
    }

    #[test]
    fn sign_ins_are_limited_per_address_and_per_account() {
        let config = config::Login {
            max_failures_per_address: 3,
            max_failures_per_account: 2,
            window_secs: 300,
        };
        let limiter = LoginLimiter::new(&config);
        let home: IpAddr = "198.51.100.1".parse().unwrap();
        // One address, many accounts.
        for n in 0..3 {
            limiter.record_failure(&format!("user{n}@example.com"), home);
        }
        assert!(limiter.check("new@example.com", home).is_err());
        // One account, many addresses (the email's case does not matter).
        let elsewhere: IpAddr = "203.0.113.9".parse().unwrap();
        assert!(limiter.check("target@example.com", elsewhere).is_ok());
        limiter.record_failure("Target@Example.com", "203.0.113.1".parse().unwrap());
        limiter.record_failure("target@example.com", "203.0.113.2".parse().unwrap());
        assert!(limiter.check("target@example.com ", elsewhere).is_err());
        assert!(limiter.check("other@example.com", elsewhere).is_ok());
    }

    #[test]
    fn ipv6_clients_count_per_64_network() {
        let key = |text: &str| address_key(text.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::2"));
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
    }

    #[test]
    fn a_poisoned_lock_keeps_counting() {
        let limiter = std::sync::Arc::new(AttemptLimiter::new(1, Duration::from_secs(60)));
        let poisoner = limiter.clone();
        let _ = std::thread::spawn(move || {
            let _held = poisoner.failures.lock().unwrap();
            panic!("poison the lock");
        })
        .join();
        assert!(limiter.failures.is_poisoned());
        limiter.record_failure("a");
        assert!(limiter.check("a").is_err());
    }
}
