//! handoff: a self-hosted file-share appliance. `run` is the seam: `main` and the tests
//! both start the real server through it.

pub mod accounts;
pub mod admin;
pub mod assets;
pub mod attachments;
pub mod auth;
pub mod background;
pub mod backup;
pub mod blobs;
pub mod bundle;
pub mod config;
pub mod contact_sheet;
pub mod derivatives;
pub mod domains;
pub mod error;
pub mod history;
pub mod http;
pub mod i18n;
pub mod leases;
pub mod limits;
pub mod media;
pub mod metrics;
pub mod migrate;
pub mod names;
pub mod notify;
pub mod oidc;
pub mod pages;
pub mod requests;
pub mod searches;
pub mod server;
pub mod shares;
pub mod state;
pub mod store;
pub mod totp;
pub mod uploads;
pub mod webhooks;

use config::Config;
use error::Error;
use state::AppState;
use std::future::Future;
use std::path::Path;
use tokio::net::TcpListener;

/// The database file inside the data folder.
pub const DATABASE_FILE: &str = "handoff.redb";

/// Opens the data folder: database (schema checked), blobs (temp files swept), server key,
/// TLS certificate (made if needed) and the first admin. Returns the state and, on first start, the generated admin password.
pub fn open(config: Config) -> Result<(AppState, Option<String>), String> {
    // The PostgreSQL driver blocks, which the async threads must not do: open on a thread of
    // its own, inside the caller's runtime (if any) so that background tasks start in it.
    let runtime = tokio::runtime::Handle::try_current().ok();
    std::thread::scope(|scope| {
        let opening = scope.spawn(move || {
            let _inside = runtime.as_ref().map(tokio::runtime::Handle::enter);
            open_here(config)
        });
        opening
            .join()
            .map_err(|_| "opening the data folder failed".to_string())?
    })
}

/// The metadata store the configuration names: PostgreSQL, or redb in the data folder.
pub fn open_store(config: &Config) -> Result<store::Store, String> {
    match config.database.postgres_url() {
        Some(url) => store::Store::open_postgres(url, &config.database),
        None => store::Store::open(&config.server.data_dir.join(DATABASE_FILE)),
    }
    .map_err(|e| e.to_string())
}

fn open_here(config: Config) -> Result<(AppState, Option<String>), String> {
    let data_dir = config.server.data_dir.clone();
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| format!("data folder {}: {e}", data_dir.display()))?;
    let store = open_store(&config)?;
    let blobs = blobs::Blobs::open_with(&data_dir, &config.storage)?;
    let key = server_key(&store).map_err(|e| e.to_string())?;
    let tls = if config.tls.enabled {
        Some(server::tls_config(&config)?)
    } else {
        None
    };
    domains::settle(&store).map_err(|e| format!("domains: {e}"))?;
    let generated = accounts::bootstrap_admin(
        &store,
        &config.admin.email,
        config.admin.password.as_deref(),
    )
    .map_err(|e| format!("first admin: {e}"))?;
    Ok((AppState::new(config, store, blobs, key, tls)?, generated))
}

/// The key that signs visits: made once, kept in the database.
fn server_key(store: &store::Store) -> Result<[u8; 32], Error> {
    store.write_now(|tx| {
        if let Some(key) = tx
            .meta("server_key")?
            .and_then(|k| <[u8; 32]>::try_from(k.as_slice()).ok())
        {
            return Ok(key);
        }
        let key: [u8; 32] = rand::random();
        tx.set_meta("server_key", &key)?;
        Ok(key)
    })
}

/// Serves `state` on `listener` (TLS unless disabled), and the redirect port if one is
/// given, until `shutdown` resolves.
pub async fn run(
    state: AppState,
    listener: TcpListener,
    redirect: Option<TcpListener>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let config = state.config.clone();
    let tls = state.tls.clone();
    let proxies: server::TrustedProxies = config
        .server
        .trusted_proxies()
        .map_err(|e| e.to_string())?
        .into();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let redirect_task = redirect.map(|listener| {
        let routes = server::redirect_routes(config.public_url());
        tokio::spawn(server::serve(
            listener,
            None,
            routes,
            proxies.clone(),
            stopped(stop_rx.clone()),
        ))
    });
    tokio::spawn(housekeeping(state.clone(), stopped(stop_rx.clone())));
    tokio::spawn(shares::schedule::run(
        state.clone(),
        stopped(stop_rx.clone()),
    ));
    tokio::spawn(notify::batch::run(state.clone(), stopped(stop_rx.clone())));
    let routes = http::routes(state);
    server::serve(listener, tls, routes, proxies, stopped(stop_rx)).await;
    if let Some(task) = redirect_task {
        let _ = task.await;
    }
    Ok(())
}

/// Until the server stops: removes expired resumable uploads and ended windows of failed
/// attempts every few minutes (and at start), and unreferenced files once a day. Runs on every
/// node of a shared database, safe by construction rather than leased: each removal is
/// decided again in its own write transaction (a second node finds nothing left to do), and
/// deleting a file that is gone already is no error.
async fn housekeeping(state: AppState, stopped: impl Future<Output = ()>) {
    const SWEEP: std::time::Duration = std::time::Duration::from_secs(600);
    const SWEEPS_A_DAY: u32 = 144;
    let mut stopped = std::pin::pin!(stopped);
    for round in 1u32.. {
        match uploads::sweep(&state, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "removed expired resumable uploads"),
            Err(e) => tracing::warn!("sweeping uploads: {e}"),
        }
        if let Err(e) = limits::prune(&state.store, chrono::Utc::now()).await {
            tracing::warn!("pruning failed attempts: {e}");
        }
        tokio::select! {
            _ = tokio::time::sleep(SWEEP) => {}
            _ = &mut stopped => return,
        }
        if round % SWEEPS_A_DAY == 0 {
            match backup::collect_garbage(&state).await {
                Ok((files, bytes)) => tracing::info!(files, bytes, "removed unreferenced files"),
                Err(e) => tracing::warn!("gc: {e}"),
            }
        }
    }
}

/// The addresses to listen on, from the configuration.
pub async fn bind(config: &Config) -> Result<(TcpListener, Option<TcpListener>), String> {
    let main = TcpListener::bind(&config.server.listen)
        .await
        .map_err(|e| format!("server.listen {}: {e}", config.server.listen))?;
    let redirect = match &config.server.redirect_listen {
        Some(addr) => Some(
            TcpListener::bind(addr)
                .await
                .map_err(|e| format!("server.redirect_listen {addr}: {e}"))?,
        ),
        None => None,
    };
    Ok((main, redirect))
}

/// True when a running server holds the data folder's database.
pub fn data_dir_in_use(data_dir: &Path) -> bool {
    store::Store::in_use(&data_dir.join(DATABASE_FILE))
}
