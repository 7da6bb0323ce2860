//! Everything a request handler may reach, cheap to clone.

use crate::auth::Signer;
use crate::blobs::Blobs;
use crate::config::Config;
use crate::derivatives::Workers;
use crate::limits::{AttemptLimiter, LoginLimiter};
use crate::metrics::Metrics;
use crate::notify::{self, Outbox};
use crate::shares::links::Links;
use crate::store::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio_rustls::rustls::ServerConfig;

/// A handle on the application's parts: one `Arc`, so that the copies warp makes of it for
/// every route a request is tried against cost one counter, not one per part.
#[derive(Clone)]
pub struct AppState(Arc<Parts>);

impl std::ops::Deref for AppState {
    type Target = Parts;
    fn deref(&self) -> &Parts {
        &self.0
    }
}

pub struct Parts {
    pub config: Arc<Config>,
    pub store: Store,
    pub blobs: Arc<Blobs>,
    pub signer: Signer,
    pub metrics: Arc<Metrics>,
    /// Wrong sign-ins per address and per email.
    pub logins: Arc<LoginLimiter>,
    /// Wrong share passwords per link and address.
    pub unlocks: Arc<AttemptLimiter>,
    /// The recipient side of links: cache, visits, the event log.
    pub links: Links,
    /// Resumable uploads being appended to.
    pub uploads: Arc<crate::uploads::Active>,
    /// Wakes the sending of emails and webhook deliveries.
    pub outbox: Outbox,
    pub workers: Workers,
    /// The TLS settings, loaded at start; None when serving plain HTTP.
    pub tls: Option<Arc<ServerConfig>>,
    /// Sign-in through the OpenID provider of `[oidc]`, if any.
    pub sso: Arc<crate::oidc::Sso>,
}

impl AppState {
    pub fn new(
        config: Config,
        store: Store,
        blobs: Blobs,
        server_key: [u8; 32],
        tls: Option<Arc<ServerConfig>>,
    ) -> Result<AppState, String> {
        let unlocks = AttemptLimiter::new(
            store.clone(),
            "unlock",
            config.unlock.max_attempts,
            Duration::from_secs(config.unlock.window_secs),
        );
        let logins = LoginLimiter::new(store.clone(), &config.login);
        let couriers = notify::outbox::Couriers {
            mail: notify::Courier::new(
                config.smtp.as_ref(),
                config.server.data_dir.clone(),
                &config.branding.name,
            )
            .map_err(|e| format!("smtp: {e}"))?,
            webhooks: crate::webhooks::send::Courier::new(store.clone(), &config.webhooks)
                .map_err(|e| format!("webhooks: {e}"))?,
        };
        let lease = Duration::from_secs(config.notify.outbox_lease_secs.max(1));
        let outbox = Outbox::start(store.clone(), couriers, lease);
        let blobs = Arc::new(blobs);
        let signer = Signer::new(server_key);
        let metrics = Arc::new(Metrics::default());
        let unlocks = Arc::new(unlocks);
        let teller = crate::shares::tell::Teller::new(&config, outbox.clone());
        let links = Links::start(
            store.clone(),
            signer.clone(),
            unlocks.clone(),
            metrics.clone(),
            teller,
        );
        let workers =
            crate::derivatives::start(store.clone(), blobs.clone(), &config, outbox.clone())
                .map_err(|e| format!("media jobs: {e}"))?;
        let sso = crate::oidc::Sso::new(config.oidc.clone(), &config.public_url())
            .map_err(|e| format!("oidc: {e}"))?;
        Ok(AppState(Arc::new(Parts {
            sso: Arc::new(sso),
            outbox,
            workers,
            config: Arc::new(config),
            blobs,
            signer,
            metrics,
            logins: Arc::new(logins),
            unlocks,
            tls,
            links,
            uploads: Arc::default(),
            store,
        })))
    }
}
