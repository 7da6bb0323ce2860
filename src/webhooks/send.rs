//! Works through the queue of deliveries: each due one is POSTed on its own task (a receiver
//! that never answers holds up nothing else), signed at the moment it is sent; a non-2xx
//! answer or none within the timeout is tried again after `retry_base_secs`, doubling, up to
//! `MAX_ATTEMPTS` tries. The queue lives in the store: a restart loses nothing.

use super::{guard, signature, Delivery, DeliveryState, Webhook, MAX_ATTEMPTS};
use crate::background;
use crate::config;
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::{Duration, Utc};
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::mpsc;
use uuid::Uuid;

/// Wakes the sending task when deliveries were queued.
#[derive(Clone)]
pub struct Sender {
    wake: background::Handle,
}

impl Sender {
    /// Starts the sending task; call inside a tokio runtime.
    pub fn start(store: Store, settings: &config::Webhooks) -> Result<Sender> {
        let client = reqwest::Client::builder()
            // Where a receiver redirects is not where the owner said, and may be inside.
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(std::time::Duration::from_secs(settings.timeout_secs))
            .dns_resolver(Arc::new(guard::Resolver {
                allow_private: settings.allow_private,
            }))
            .user_agent(concat!("handoff-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::internal(format!("webhook client: {e}")))?;
        let (wake, listener) = background::pair();
        let sending = Sending {
            store,
            client,
            allow_private: settings.allow_private,
            retry_base: settings.retry_base_secs,
        };
        tokio::spawn(sending.run(listener));
        Ok(Sender { wake })
    }

    pub fn wake(&self) {
        self.wake.wake();
    }
}

#[derive(Clone)]
struct Sending {
    store: Store,
    client: reqwest::Client,
    allow_private: bool,
    retry_base: f64,
}

impl Sending {
    async fn run(self, wake: background::Listener) {
        let mut in_flight: HashSet<Uuid> = HashSet::new();
        let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Uuid>();
        loop {
            while let Ok(id) = done_rx.try_recv() {
                in_flight.remove(&id);
            }
            let pending = self
                .store
                .read(|tx| tx.all::<Delivery>(|d| d.state == DeliveryState::Pending))
                .await
                .unwrap_or_default();
            let now = Utc::now();
            let mut next = None;
            for delivery in pending {
                if in_flight.contains(&delivery.id) {
                    continue;
                }
                if delivery.next_attempt_at > now {
                    let at = delivery.next_attempt_at;
                    next = Some(next.map_or(at, |n: chrono::DateTime<Utc>| n.min(at)));
                    continue;
                }
                in_flight.insert(delivery.id);
                let (sending, done) = (self.clone(), done_tx.clone());
                tokio::spawn(async move {
                    let id = delivery.id;
                    if let Err(e) = sending.attempt(delivery).await {
                        tracing::error!("webhook queue: {e}");
                    }
                    let _ = done.send(id);
                });
            }
            let wait = next
                .map(|at| (at - now).to_std().unwrap_or_default())
                .unwrap_or(std::time::Duration::from_secs(3600));
            tokio::select! {
                alive = wake.wait(wait) => if !alive { return },
                Some(id) = done_rx.recv() => { in_flight.remove(&id); }
            }
        }
    }

    /// One try of one delivery, and its outcome recorded.
    async fn attempt(&self, delivery: Delivery) -> Result<()> {
        let hook_id = delivery.webhook_id;
        let hook = self
            .store
            .read(move |tx| tx.get::<Webhook>(hook_id))
            .await?;
        let outcome = match &hook {
            Some(hook) => self.post(hook, &delivery).await,
            None => Err((None, "the webhook was deleted".to_string())),
        };
        let done = record(delivery, outcome, hook.is_none(), self.retry_base);
        self.store.write(move |tx| tx.put(&done)).await
    }

    /// POSTs the delivery; Ok with the status of a 2xx answer, else the status (if any) and why.
    async fn post(
        &self,
        hook: &Webhook,
        delivery: &Delivery,
    ) -> std::result::Result<u16, (Option<u16>, String)> {
        let url = guard::parse_url(&hook.url).map_err(|e| (None, e.to_string()))?;
        // A name is checked by the resolver as it connects; an address in the URL here.
        if let Some(ip) = url
            .host_str()
            .and_then(|h| h.trim_matches(['[', ']']).parse().ok())
        {
            if !self.allow_private && guard::is_inside(ip) {
                return Err((
                    None,
                    format!("{ip} is a loopback, private or link-local address"),
                ));
            }
        }
        let sent = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header(
                "handoff-signature",
                signature(&hook.secret, Utc::now().timestamp(), &delivery.body),
            )
            .header("handoff-event-id", delivery.event_id.to_string())
            .body(delivery.body.clone())
            .send()
            .await;
        let mut answer = sent.map_err(|e| (None, describe(&e)))?;
        let status = answer.status().as_u16();
        if answer.status().is_success() {
            return Ok(status);
        }
        let text = answer.chunk().await.ok().flatten().unwrap_or_default();
        let text = String::from_utf8_lossy(&text[..text.len().min(200)]).into_owned();
        Err((Some(status), format!("answered {status}: {}", text.trim())))
    }
}

fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        text.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    if e.is_timeout() {
        text = format!("no answer in time ({text})");
    }
    text
}

/// The delivery after one try: delivered, due again after the backoff, or failed for good
/// (after `MAX_ATTEMPTS` tries, or at once when its webhook is gone).
fn record(
    mut delivery: Delivery,
    outcome: std::result::Result<u16, (Option<u16>, String)>,
    give_up: bool,
    retry_base_secs: f64,
) -> Delivery {
    let now = Utc::now();
    delivery.attempts += 1;
    match outcome {
        Ok(status) => {
            delivery.state = DeliveryState::Delivered;
            delivery.last_status = Some(status);
            delivery.last_error = None;
            delivery.delivered_at = Some(now);
        }
        Err((status, error)) => {
            tracing::warn!(webhook = %delivery.webhook_id, attempt = delivery.attempts, "webhook not delivered: {error}");
            delivery.last_status = status;
            delivery.last_error = Some(error);
            if give_up || delivery.attempts >= MAX_ATTEMPTS {
                delivery.state = DeliveryState::Failed;
            } else {
                delivery.next_attempt_at = now + backoff(retry_base_secs, delivery.attempts);
            }
        }
    }
    delivery
}

/// The wait after try number `attempts` (1-based): the base, doubling each time.
fn backoff(base_secs: f64, attempts: u32) -> Duration {
    let secs = base_secs * 2f64.powi(attempts.saturating_sub(1) as i32);
    Duration::milliseconds((secs * 1000.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Delivery {
        Delivery {
            id: Uuid::now_v7(),
            webhook_id: Uuid::now_v7(),
            event_id: Uuid::now_v7(),
            event_type: "share.created".into(),
            body: "{}".into(),
            state: DeliveryState::Pending,
            attempts: 0,
            next_attempt_at: Utc::now(),
            last_status: None,
            last_error: None,
            created_at: Utc::now(),
            delivered_at: None,
        }
    }

    #[test]
    fn backoff_doubles_from_the_base() {
        assert_eq!(backoff(60.0, 1), Duration::seconds(60));
        assert_eq!(backoff(60.0, 2), Duration::seconds(120));
        assert_eq!(backoff(60.0, 7), Duration::seconds(3840));
        assert_eq!(backoff(0.5, 3), Duration::seconds(2));
    }

    #[test]
    fn a_failure_is_tried_again_until_the_eighth_try() {
        let mut delivery = pending();
        for attempt in 1..MAX_ATTEMPTS {
            delivery = record(
                delivery,
                Err((Some(500), "answered 500".into())),
                false,
                60.0,
            );
            assert_eq!(
                (delivery.state, delivery.attempts),
                (DeliveryState::Pending, attempt)
            );
            assert!(delivery.next_attempt_at > Utc::now());
        }
        delivery = record(delivery, Err((None, "no answer".into())), false, 60.0);
        assert_eq!(delivery.state, DeliveryState::Failed);
        assert_eq!(delivery.attempts, MAX_ATTEMPTS);
    }

    #[test]
    fn success_and_a_deleted_webhook_end_the_delivery() {
        let delivered = record(pending(), Ok(204), false, 60.0);
        assert_eq!(delivered.state, DeliveryState::Delivered);
        assert_eq!(delivered.last_status, Some(204));
        let orphan = record(pending(), Err((None, "deleted".into())), true, 60.0);
        assert_eq!(orphan.state, DeliveryState::Failed);
    }
}
