//! HTTP: the only code that imports warp. Filters parse, the domain decides, `reply::finish`
//! maps errors; warp's own rejections go through one `recover`.

pub mod api;
pub mod filters;
pub mod methods;
pub mod oidc;
pub mod outsider;
pub mod pages;
pub mod recipient;
pub mod reply;
pub mod views;
pub mod web;

use crate::error::Error;
use crate::server::Routes;
use crate::state::AppState;
use std::convert::Infallible;
use warp::http::{header, HeaderValue};
use warp::reply::{Reply, Response};
use warp::{Filter, Rejection};

pub fn routes(state: AppState) -> Routes {
    let metrics = state.metrics.clone();
    let hsts = state.config.tls.enabled;
    let routes = api::any_of![
        ops(state.clone()),
        recipient::routes(state.clone()),
        outsider::routes(state.clone()),
        web::routes(),
        oidc::routes(state.clone()),
        api::routes(state),
        methods::not_allowed().boxed()
    ];
    routes
        .recover(recover)
        .unify()
        .map(move |response: Response| secure(response, hsts))
        .with(warp::log::custom(move |info| {
            metrics.record_request(
                info.method().as_str(),
                info.path(),
                info.status().as_u16(),
                info.elapsed(),
            )
        }))
        .map(Reply::into_response)
        .boxed()
}

fn ops(state: AppState) -> Routes {
    let health = state.clone();
    let memo = std::sync::Arc::new(HealthMemo::default());
    api::any_of![
        warp::path!("healthz")
            .and(methods::get())
            .then(move || {
                let (state, memo) = (health.clone(), memo.clone());
                async move { reply::finish(healthz(&state, &memo).await) }
            })
            .boxed(),
        warp::path!("metrics")
            .and(methods::get())
            .and(filters::client())
            .then(move |client: filters::Client| {
                let state = state.clone();
                async move { reply::finish(metrics(&state, &client).await) }
            })
            .boxed(),
    ]
}

/// Prometheus text: with `server.metrics_token` set, for that bearer token only; without,
/// for clients on this machine only.
async fn metrics(state: &AppState, client: &filters::Client) -> Result<Response, Error> {
    match &state.config.server.metrics_token {
        Some(token) => {
            let sent = client
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            if sent != Some(format!("Bearer {token}").as_str()) {
                return Err(Error::Unauthenticated(
                    "metrics need the metrics token".into(),
                ));
            }
        }
        None if !client.address.is_loopback() => {
            return Err(Error::forbidden(
                "metrics answer local clients only unless server.metrics_token is set",
            ));
        }
        None => {}
    }
    let (jobs, emails) = state
        .store
        .read(|tx| {
            let emails = tx
                .all::<crate::notify::Outgoing>(crate::notify::unsent_email)?
                .len();
            Ok((tx.count::<crate::derivatives::Job>()?, emails))
        })
        .await?;
    let mut text = state.metrics.render();
    text.push_str(&format!(
        "# TYPE handoff_media_jobs_waiting gauge\nhandoff_media_jobs_waiting {jobs}\n"
    ));
    text.push_str(&format!(
        "# TYPE handoff_emails_waiting gauge\nhandoff_emails_waiting {emails}\n"
    ));
    let free = state.blobs.free_bytes()?;
    text.push_str(&format!(
        "# TYPE handoff_data_free_bytes gauge\nhandoff_data_free_bytes {free}\n"
    ));
    let mut response = Response::new(text.into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    Ok(response)
}

/// 200 when the database answers and the data folder takes a write.
/// A passed health check stands for this long, so that a busy prober costs one database read
/// and one disk write a second rather than one per request.
const HEALTH_FRESH: std::time::Duration = std::time::Duration::from_secs(1);

/// 200 when the database reads and the data folder takes a write; else 503. One check at a
/// time: requests that arrive meanwhile wait for its result. The detail names the media tools
/// that are not installed.
async fn healthz(state: &AppState, last_ok: &HealthMemo) -> Result<Response, Error> {
    let mut last_ok = last_ok.lock().await;
    if !last_ok.is_some_and(|at| at.elapsed() < HEALTH_FRESH) {
        let unavailable = |what: &str, e: &dyn std::fmt::Display| {
            Error::Unavailable(format!("{what} does not answer: {e}"))
        };
        let database = state.store.read(|tx| tx.meta("schema_version")).await;
        database.map_err(|e| unavailable("the database", &e))?;
        let probe = state.config.server.data_dir.join("tmp").join(".healthz");
        let written = tokio::fs::write(&probe, b"ok").await;
        written.map_err(|e| unavailable("the data folder", &e))?;
        *last_ok = Some(std::time::Instant::now());
    }
    // Media tools are optional: missing ones are told, and the server is still healthy.
    let missing = state.workers.missing.as_slice();
    Ok(reply::json(
        &serde_json::json!({"status": "ok", "media": {"missingTools": missing}}),
    ))
}

/// When the last health check passed.
type HealthMemo = tokio::sync::Mutex<Option<std::time::Instant>>;

/// Headers every response carries; files and pages may set stricter ones themselves.
fn secure(mut response: Response, hsts: bool) -> Response {
    let h = response.headers_mut();
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    ];
    for (name, value) in defaults {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    }
    if hsts {
        h.entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static("max-age=31536000"));
    }
    response
}

/// warp's own rejections, in the JSON error shape.
async fn recover(rejection: Rejection) -> Result<Response, Infallible> {
    let error = if rejection.is_not_found() {
        Error::NotFound("route")
    } else if rejection.find::<warp::reject::MethodNotAllowed>().is_some() {
        Error::MethodNotAllowed
    } else if let Some(e) = rejection.find::<warp::reject::InvalidQuery>() {
        Error::bad_request(e.to_string())
    } else if rejection.find::<warp::reject::PayloadTooLarge>().is_some() {
        Error::TooLarge("request body too large".into())
    } else if rejection
        .find::<warp::reject::UnsupportedMediaType>()
        .is_some()
    {
        Error::UnsupportedType("unsupported content type".into())
    } else if let Some(e) = rejection.find::<warp::reject::InvalidHeader>() {
        Error::bad_request(e.to_string())
    } else if let Some(e) = rejection.find::<warp::reject::MissingHeader>() {
        Error::bad_request(e.to_string())
    } else {
        Error::internal(format!("unhandled rejection: {rejection:?}"))
    };
    Ok(reply::error_response(&error).into_response())
}
