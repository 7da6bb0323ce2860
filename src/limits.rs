//! Counting failed attempts (sign-ins, share and request passwords) per key within a time
//! window — in the store, so that every node on one database counts the same tries (SPEC §9).
//!
//! Before an attempt, a read says whether its key is blocked (429 with the seconds left), so
//! that a blocked key costs no password hashing and an attempt with no failures on record no
//! write. A wrong attempt is counted in one write transaction that decides on what is committed
//! (writes are one at a time across nodes): once the window is full, the attempt is refused
//! with 429 instead of being answered "wrong", so across all nodes at most `max` wrong answers
//! are given per window, however many tries race. (A right password racing wrong ones is let in
//! on the count it read before hashing: exactness without that read would cost every attempt a
//! write.) Keys are kept hashed: no link token, address
//! or email is stored. Windows that ended are removed by `prune` (and reset on the next failure).

use crate::config;
use crate::error::{Error, Result};
use crate::store::{Record, Store, Table};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use uuid::Uuid;

/// The failures of one key in its current window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failures {
    /// The key, hashed (`Counted::id`).
    pub id: Uuid,
    pub count: u32,
    /// When the window that began with the first failure ends.
    pub until: DateTime<Utc>,
}

impl Record for Failures {
    const TABLE: Table = Table::Attempts;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// One key under one limit.
#[derive(Debug, Clone, Copy)]
struct Counted {
    id: Uuid,
    max: u32,
    window: Duration,
}

/// The decision: how long until another attempt may be made, when it may not be made now.
fn wait_left(failures: &Failures, max: u32, now: DateTime<Utc>) -> Option<Duration> {
    (failures.count >= max && failures.until > now).then(|| failures.until - now)
}

/// The record after one more failure: counted in the running window, or the first of a new one.
fn after_failure(failures: Option<Failures>, key: Counted, now: DateTime<Utc>) -> Failures {
    match failures {
        Some(running) if running.until > now => Failures {
            count: running.count + 1,
            ..running
        },
        _ => Failures {
            id: key.id,
            count: 1,
            until: now + key.window,
        },
    }
}

/// Whether a record is of no use any more: its window has ended.
fn ended(failures: &Failures, now: DateTime<Utc>) -> bool {
    failures.until <= now
}

/// 429 with the seconds left (at least one), when there is a wait.
fn refuse(wait: Option<Duration>) -> Result<()> {
    match wait {
        Some(left) => Err(Error::TooManyAttempts(left.num_seconds().max(1) as u64)),
        None => Ok(()),
    }
}

/// 429 while any of `keys` has used up its failures.
async fn check(store: &Store, keys: Vec<Counted>) -> Result<()> {
    store
        .read(move |tx| {
            let now = Utc::now();
            for key in keys {
                if let Some(failures) = tx.get::<Failures>(key.id)? {
                    refuse(wait_left(&failures, key.max, now))?;
                }
            }
            Ok(())
        })
        .await
}

/// Counts one failure against every one of `keys`, in one write transaction; when any has used
/// up its failures already (tries that raced, on this node or another), nothing is counted and
/// the attempt is refused with 429.
async fn count_failure(store: &Store, keys: Vec<Counted>) -> Result<()> {
    store
        .write(move |tx| {
            let now = Utc::now();
            let mut counted = Vec::with_capacity(keys.len());
            for key in keys {
                let failures = tx.get::<Failures>(key.id)?;
                if let Some(failures) = &failures {
                    refuse(wait_left(failures, key.max, now))?;
                }
                counted.push(after_failure(failures, key, now));
            }
            counted.iter().try_for_each(|f| tx.put(f))
        })
        .await
}

/// Removes the records whose window has ended; how many. Safe on every node at once: each
/// removal is decided again on what is committed.
pub async fn prune(store: &Store, now: DateTime<Utc>) -> Result<usize> {
    let ended_ids: Vec<Uuid> = store
        .read(move |tx| tx.all::<Failures>(|f| ended(f, now)))
        .await?
        .iter()
        .map(|f| f.id)
        .collect();
    if ended_ids.is_empty() {
        return Ok(0);
    }
    store
        .write(move |tx| {
            let mut removed = 0;
            for id in ended_ids {
                if tx.get::<Failures>(id)?.is_some_and(|f| ended(&f, now)) {
                    tx.remove::<Failures>(id)?;
                    removed += 1;
                }
            }
            Ok(removed)
        })
        .await
}

/// Failed attempts of one kind, counted per key.
pub struct AttemptLimiter {
    store: Store,
    /// Keeps the keys of different limits apart.
    kind: &'static str,
    max_failures: u32,
    window: Duration,
}

impl AttemptLimiter {
    pub fn new(
        store: Store,
        kind: &'static str,
        max_failures: u32,
        window: std::time::Duration,
    ) -> AttemptLimiter {
        AttemptLimiter {
            store,
            kind,
            max_failures,
            window: Duration::from_std(window).unwrap_or(Duration::MAX),
        }
    }

    /// 429 with the seconds left, once `max_failures` have failed within the window.
    pub async fn check(&self, key: &str) -> Result<()> {
        check(&self.store, vec![self.counted(key)]).await
    }

    /// Counts a failed attempt; 429 instead when the window is full already.
    pub async fn record_failure(&self, key: &str) -> Result<()> {
        count_failure(&self.store, vec![self.counted(key)]).await
    }

    fn counted(&self, key: &str) -> Counted {
        Counted {
            id: key_id(self.kind, key),
            max: self.max_failures,
            window: self.window,
        }
    }
}

/// A key's record id: a hash, so that the table holds no token, address or email.
fn key_id(kind: &str, key: &str) -> Uuid {
    let digest = Sha256::new()
        .chain_update(kind)
        .chain_update([0])
        .chain_update(key)
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Uuid::from_bytes(bytes)
}

/// Failed sign-ins, counted per client address across accounts (one address spraying a
/// password over many emails) and per account across addresses (many addresses guessing one
/// account's password).
pub struct LoginLimiter {
    per_address: AttemptLimiter,
    per_account: AttemptLimiter,
}

impl LoginLimiter {
    pub fn new(store: Store, config: &config::Login) -> LoginLimiter {
        let window = std::time::Duration::from_secs(config.window_secs);
        let limiter = |kind, max| AttemptLimiter::new(store.clone(), kind, max, window);
        LoginLimiter {
            per_address: limiter("sign-in address", config.max_failures_per_address),
            per_account: limiter("sign-in account", config.max_failures_per_account),
        }
    }

    /// 429 while either count is used up, the right password included.
    pub async fn check(&self, email: &str, address: IpAddr) -> Result<()> {
        check(&self.per_address.store, self.keys(email, address)).await
    }

    /// Counts a failed sign-in against both; 429 instead when either is used up already.
    pub async fn record_failure(&self, email: &str, address: IpAddr) -> Result<()> {
        count_failure(&self.per_address.store, self.keys(email, address)).await
    }

    fn keys(&self, email: &str, address: IpAddr) -> Vec<Counted> {
        vec![
            self.per_address.counted(&address_key(address)),
            self.per_account.counted(&account_key(email)),
        ]
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

    fn key(max: u32) -> Counted {
        Counted {
            id: Uuid::new_v4(),
            max,
            window: Duration::seconds(300),
        }
    }

    #[test]
    fn failures_count_within_a_window_and_start_a_new_one_after_it() {
        let start = Utc::now();
        let at = |secs| start + Duration::seconds(secs);
        let key = key(2);
        let first = after_failure(None, key, start);
        assert_eq!((first.count, first.until), (1, at(300)));
        let second = after_failure(Some(first), key, at(10));
        assert_eq!(
            (second.count, second.until),
            (2, at(300)),
            "the window stays"
        );
        assert_eq!(wait_left(&second, 2, at(100)), Some(Duration::seconds(200)));
        assert_eq!(wait_left(&second, 3, at(100)), None, "room for one more");
        assert_eq!(wait_left(&second, 2, at(300)), None);
        assert!(ended(&second, at(300)) && !ended(&second, at(299)));
        let fresh = after_failure(Some(second), key, at(301));
        assert_eq!((fresh.count, fresh.until), (1, at(601)));
    }

    #[test]
    fn the_wait_is_at_least_a_second() {
        assert_eq!(
            refuse(Some(Duration::milliseconds(10))),
            Err(Error::TooManyAttempts(1))
        );
        assert_eq!(
            refuse(Some(Duration::seconds(59))),
            Err(Error::TooManyAttempts(59))
        );
        assert_eq!(refuse(None), Ok(()));
    }

    #[test]
    fn keys_are_hashed_apart_per_kind() {
        assert_eq!(key_id("unlock", "a"), key_id("unlock", "a"));
        assert_ne!(key_id("unlock", "a"), key_id("sign-in account", "a"));
        assert_ne!(key_id("unlock", "a"), key_id("unlock", "b"));
    }

    #[test]
    fn ipv6_clients_count_per_64_network() {
        let key = |text: &str| address_key(text.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::2"));
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        (dir, store)
    }

    #[tokio::test]
    async fn the_failure_past_the_limit_is_refused_and_not_counted() {
        let (_dir, store) = store();
        let window = std::time::Duration::from_secs(300);
        let limiter = AttemptLimiter::new(store.clone(), "unlock", 2, window);
        assert!(limiter.check("a").await.is_ok());
        limiter.record_failure("a").await.unwrap();
        limiter.record_failure("a").await.unwrap();
        assert!(matches!(
            limiter.record_failure("a").await,
            Err(Error::TooManyAttempts(299 | 300))
        ));
        assert!(limiter.check("a").await.is_err());
        assert!(limiter.check("b").await.is_ok());
        let stored = store.read_now(|tx| tx.all::<Failures>(|_| true)).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].count, 2, "the refused try is not counted");
        // A limiter of another kind with the same key counts apart.
        let other = AttemptLimiter::new(store, "request unlock", 2, window);
        assert!(other.check("a").await.is_ok());
    }

    #[tokio::test]
    async fn sign_ins_are_limited_per_address_and_per_account() {
        let (_dir, store) = store();
        let config = config::Login {
            max_failures_per_address: 3,
            max_failures_per_account: 2,
            window_secs: 300,
        };
        let limiter = LoginLimiter::new(store, &config);
        let home: IpAddr = "198.51.100.1".parse().unwrap();
        // One address, many accounts.
        for n in 0..3 {
            let email = format!("user{n}@example.com");
            limiter.record_failure(&email, home).await.unwrap();
        }
        assert!(limiter.check("new@example.com", home).await.is_err());
        // One account, many addresses (the email's case does not matter).
        let elsewhere: IpAddr = "203.0.113.9".parse().unwrap();
        assert!(limiter.check("target@example.com", elsewhere).await.is_ok());
        let (one, two) = (
            "203.0.113.1".parse().unwrap(),
            "203.0.113.2".parse().unwrap(),
        );
        limiter
            .record_failure("Target@Example.com", one)
            .await
            .unwrap();
        limiter
            .record_failure("target@example.com", two)
            .await
            .unwrap();
        assert!(limiter
            .check("target@example.com ", elsewhere)
            .await
            .is_err());
        assert!(limiter.check("other@example.com", elsewhere).await.is_ok());
    }

    #[tokio::test]
    async fn windows_that_ended_are_pruned() {
        let (_dir, store) = store();
        let now = Utc::now();
        let record = |secs| Failures {
            id: Uuid::new_v4(),
            count: 1,
            until: now + Duration::seconds(secs),
        };
        let (old, running) = (record(-1), record(60));
        let both = [old.clone(), running.clone()];
        store
            .write_now(|tx| both.iter().try_for_each(|f| tx.put(f)))
            .unwrap();
        assert_eq!(prune(&store, now).await.unwrap(), 1);
        assert_eq!(prune(&store, now).await.unwrap(), 0);
        let left = store.read_now(|tx| tx.all::<Failures>(|_| true)).unwrap();
        assert_eq!(left, [running]);
    }
}
