//! Carries webhook deliveries out of the outbox (`notify::outbox`, which decides when and how
//! often): a signed POST, the signature made at the moment it is sent. A non-2xx answer or
//! none within `timeout_secs` is a failed try. Redirects are not followed, and the address is
//! checked again as it connects (`guard::Resolver`), against DNS rebinding.

use super::{guard, signature, Webhook};
use crate::config;
use crate::error::{Error, Result};
use crate::notify::outbox::{Call, Tried};
use crate::store::Store;
use chrono::Utc;
use std::sync::Arc;

pub struct Courier {
    store: Store,
    client: reqwest::Client,
    allow_private: bool,
    retry_base: f64,
}

impl Courier {
    pub fn new(store: Store, settings: &config::Webhooks) -> Result<Courier> {
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
        Ok(Courier {
            store,
            client,
            allow_private: settings.allow_private,
            retry_base: settings.retry_base_secs,
        })
    }

    pub fn retry_base_secs(&self) -> f64 {
        self.retry_base
    }

    /// One try of one delivery; a deleted webhook's deliveries are given up at once.
    pub async fn send(&self, call: &Call) -> Tried {
        let hook_id = call.webhook_id;
        let hook = match self.store.read(move |tx| tx.get::<Webhook>(hook_id)).await {
            Ok(hook) => hook,
            Err(e) => return failed(None, format!("reading the webhook: {e}"), false),
        };
        let Some(hook) = hook else {
            return failed(None, "the webhook was deleted".into(), true);
        };
        match self.post(&hook, call).await {
            Ok(status) => Tried::Delivered {
                status: Some(status),
            },
            Err((status, error)) => failed(status, error, false),
        }
    }

    /// POSTs the delivery; Ok with the status of a 2xx answer, else the status (if any) and why.
    async fn post(
        &self,
        hook: &Webhook,
        call: &Call,
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
                signature(&hook.secret, Utc::now().timestamp(), &call.body),
            )
            .header("handoff-event-id", call.event_id.to_string())
            .body(call.body.clone())
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

fn failed(status: Option<u16>, error: String, give_up: bool) -> Tried {
    Tried::Failed {
        status,
        error,
        give_up,
    }
}

fn describe(e: &reqwest::Error) -> String {
    let mut text = crate::error::with_causes(e);
    if e.is_timeout() {
        text = format!("no answer in time ({text})");
    }
    text
}
