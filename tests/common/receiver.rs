//! A real HTTP receiver of webhooks on loopback, checking signatures as a receiver would.

use super::wait_for;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use warp::Filter;

pub const SECRET: &str = "a-secret-of-the-receiver";

/// A request the receiver got: its `Handoff-Signature` and its body.
#[derive(Clone, Debug)]
pub struct Hit {
    pub signature: String,
    pub body: String,
}

impl Hit {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    /// Checks the signature as a receiver would: HMAC-SHA256 of "t.body" with the secret.
    pub fn verify(&self, secret: &str) -> bool {
        let mut parts = self.signature.split(',');
        let (Some(t), Some(v1)) = (parts.next(), parts.next()) else {
            return false;
        };
        let (Some(t), Some(v1)) = (t.strip_prefix("t="), v1.strip_prefix("v1=")) else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{t}.{}", self.body).as_bytes());
        let fresh = t
            .parse::<i64>()
            .is_ok_and(|t| (chrono::Utc::now().timestamp() - t).abs() < 300);
        fresh
            && mac
                .verify_slice(&hex::decode(v1).unwrap_or_default())
                .is_ok()
    }
}

/// A real HTTP receiver on loopback that answers 500 to its first `failures` requests.
#[derive(Clone, Default)]
pub struct Receiver {
    pub url: String,
    hits: Arc<Mutex<Vec<Hit>>>,
    failures: Arc<AtomicUsize>,
}

impl Receiver {
    pub async fn start(failures: usize) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let receiver = Receiver {
            url: format!("http://{}/hook", listener.local_addr().unwrap()),
            failures: Arc::new(AtomicUsize::new(failures)),
            ..Receiver::default()
        };
        let (hits, failures) = (receiver.hits.clone(), receiver.failures.clone());
        let route = warp::post()
            .and(warp::path("hook"))
            .and(warp::header::<String>("handoff-signature"))
            .and(warp::body::bytes())
            .map(move |signature: String, body: bytes::Bytes| {
                let body = String::from_utf8(body.to_vec()).unwrap();
                hits.lock().unwrap().push(Hit { signature, body });
                let fail = failures
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                let status = match fail {
                    true => warp::http::StatusCode::INTERNAL_SERVER_ERROR,
                    false => warp::http::StatusCode::OK,
                };
                warp::reply::with_status("thanks", status)
            });
        tokio::spawn(warp::serve(route).incoming(listener).run());
        receiver
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    /// Waits until `count` requests have come, and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<Hit> {
        wait_for(|| Some(self.hits()).filter(|h| h.len() >= count)).await
    }

    /// The events received, by type.
    pub fn of_type(&self, kind: &str) -> Vec<Value> {
        self.hits()
            .iter()
            .map(Hit::json)
            .filter(|e| e["type"] == kind)
            .collect()
    }
}
