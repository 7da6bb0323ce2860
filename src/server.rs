//! The accept loop: TCP → TLS (ALPN h2, http/1.1) → hyper-util's auto builder → the warp
//! service, with the peer address attached to every request; graceful shutdown; the plain
//! HTTP redirect port.

use crate::config::Config;
use hyper::body::Body;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;
use tower_service::Service;
use tracing::Instrument;
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};

/// Every route of a server, as one filter.
pub type Routes = BoxedFilter<(Response,)>;

/// The client's address, attached to each request's extensions: the TCP peer, or the address a
/// trusted proxy forwarded.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub SocketAddr);

/// The reverse proxies whose `X-Forwarded-For` is believed (`server.trusted_proxies`).
pub type TrustedProxies = Arc<[ipnet::IpNet]>;

/// The client behind `peer`: when the peer is a trusted proxy, the rightmost forwarded address
/// that is not itself a trusted proxy (the ones left of it could be made up by the client).
fn client_address(
    peer: SocketAddr,
    proxies: &[ipnet::IpNet],
    headers: &hyper::HeaderMap,
) -> SocketAddr {
    let trusted = |ip: &std::net::IpAddr| proxies.iter().any(|net| net.contains(ip));
    if !trusted(&peer.ip()) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|hop| hop.trim().parse::<std::net::IpAddr>());
    let mut client = peer.ip();
    for hop in forwarded.rev() {
        match hop {
            Ok(ip) if trusted(&client) => client = ip,
            _ => break,
        }
    }
    SocketAddr::new(client, 0)
}

const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// The TLS settings: the configured PEM files, or a self-signed pair kept in the data folder.
pub fn tls_config(config: &Config) -> Result<Arc<ServerConfig>, String> {
    let (cert, key) = match (&config.tls.cert, &config.tls.key) {
        (Some(cert), Some(key)) => (cert.clone(), key.clone()),
        _ => ensure_self_signed(config)?,
    };
    let certs = CertificateDer::pem_file_iter(&cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("tls.cert {}: {e}", cert.display()))?;
    let key = PrivateKeyDer::from_pem_file(&key)
        .map_err(|e| format!("tls.key {}: {e}", key.display()))?;
    let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
    let mut server = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("tls: {e}"))?;
    server.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(server))
}

/// Browsers refuse server certificates valid for longer than this (CA/Browser Forum).
const SELF_SIGNED_DAYS: i64 = 825;
/// A self-signed certificate with less left than this is replaced at start.
const RENEW_WITHIN_DAYS: i64 = 30;

/// The self-signed pair in `data_dir/tls`: made when missing, unreadable, about to expire or
/// valid for longer than browsers accept (older versions made them valid 1975–4096).
fn ensure_self_signed(config: &Config) -> Result<(std::path::PathBuf, std::path::PathBuf), String> {
    let dir = config.server.data_dir.join("tls");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let now = chrono::Utc::now().timestamp();
    let current = key.is_file().then(|| validity_of(&cert)).flatten();
    if current.is_some_and(|(from, until)| !needs_renewal(from, until, now)) {
        tracing::info!(cert = %cert.display(), "using the self-signed certificate");
        return Ok((cert, key));
    }
    let mut names = vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ];
    if let Some(host) = config.server.public_url.as_deref().and_then(url_host) {
        names.push(host);
    }
    let (cert_pem, key_pem) = self_signed(names, now)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    write_private(&key, key_pem.as_bytes())?;
    std::fs::write(&cert, cert_pem).map_err(|e| format!("{}: {e}", cert.display()))?;
    tracing::info!(cert = %cert.display(), days = SELF_SIGNED_DAYS, "made a self-signed certificate");
    Ok((cert, key))
}

/// Renew when fewer than 30 days are left, or when the certificate claims a longer life
/// than browsers accept. Times are Unix seconds.
fn needs_renewal(not_before: i64, not_after: i64, now: i64) -> bool {
    const DAY: i64 = 86_400;
    not_after - now < RENEW_WITHIN_DAYS * DAY || not_after - not_before > SELF_SIGNED_DAYS * DAY
}

/// A certificate (PEM) for `names` valid from a day before `now` (for clocks behind ours) for
/// 825 days, and its private key (PEM).
fn self_signed(names: Vec<String>, now: i64) -> Result<(String, String), String> {
    let failed = |e: rcgen::Error| format!("self-signed certificate: {e}");
    let at =
        |seconds| time::OffsetDateTime::from_unix_timestamp(seconds).map_err(|e| e.to_string());
    let mut params = rcgen::CertificateParams::new(names).map_err(failed)?;
    let from = now - 86_400;
    params.not_before = at(from)?;
    params.not_after = at(from + SELF_SIGNED_DAYS * 86_400)?;
    let key = rcgen::KeyPair::generate().map_err(failed)?;
    let cert = params.self_signed(&key).map_err(failed)?;
    Ok((cert.pem(), key.serialize_pem()))
}

/// `(not_before, not_after)` of the first certificate in a PEM file, in Unix seconds.
fn validity_of(path: &Path) -> Option<(i64, i64)> {
    let pem = std::fs::read(path).ok()?;
    let (_, pem) = x509_parser::pem::parse_x509_pem(&pem).ok()?;
    let (_, cert) = x509_parser::parse_x509_certificate(&pem.contents).ok()?;
    let validity = cert.validity();
    Some((
        validity.not_before.timestamp(),
        validity.not_after.timestamp(),
    ))
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(bytes)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => authority.split(':').next()?,
    };
    (!host.is_empty()).then(|| host.to_string())
}

/// Serves `routes` on `listener` until `shutdown` resolves, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    tls: Option<Arc<ServerConfig>>,
    routes: Routes,
    proxies: TrustedProxies,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = tls.map(TlsAcceptor::from);
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = with_peer(routes.clone(), peer, proxies.clone());
        let watcher = graceful.watcher();
        let builder = builder.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let result = match acceptor {
                Some(acceptor) => {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let conn =
                                builder.serve_connection_with_upgrades(TokioIo::new(tls), service);
                            watcher.watch(conn.into_owned()).await
                        }
                        _ => return,
                    }
                }
                None => {
                    let conn =
                        builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
                    watcher.watch(conn.into_owned()).await
                }
            };
            if let Err(e) = result {
                tracing::debug!(%peer, "connection ended: {e}");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections did not finish within {DRAIN_TIMEOUT:?}");
    }
}

type Incoming = hyper::Request<hyper::body::Incoming>;

/// How long a body nobody reads any more is still read and dropped, and how long it may stall.
const LINGER: Duration = Duration::from_secs(30);
const LINGER_IDLE: Duration = Duration::from_secs(5);

/// A request body that, when the handler lets go of it before the client has sent it all,
/// goes on reading (and dropping) the rest for a while. Without that, an early answer (413 for
/// a body over the limit, 401) closes the connection, or resets the HTTP/2 stream, under a
/// client that is still sending, and many clients then report a broken connection instead of
/// the answer. Like nginx's lingering close.
struct Lingering(Option<hyper::body::Incoming>);

impl Body for Lingering {
    type Data = bytes::Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<bytes::Bytes>, hyper::Error>>> {
        match self.get_mut().0.as_mut() {
            Some(body) => std::pin::Pin::new(body).poll_frame(cx),
            None => std::task::Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.0.as_ref().is_none_or(|body| body.is_end_stream())
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.0
            .as_ref()
            .map(|body| body.size_hint())
            .unwrap_or_default()
    }
}

impl Drop for Lingering {
    fn drop(&mut self) {
        let Some(mut body) = self.0.take().filter(|body| !body.is_end_stream()) else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            let drain = async {
                loop {
                    let frame =
                        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx));
                    match tokio::time::timeout(LINGER_IDLE, frame).await {
                        Ok(Some(Ok(_))) => continue,
                        _ => break,
                    }
                }
            };
            let _ = tokio::time::timeout(LINGER, drain).await;
        });
    }
}

/// The client's request id if it sent a sane one, else a new one; logged and answered.
fn request_id(request: &Incoming) -> String {
    request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()[..16].to_string())
}

fn with_peer(
    routes: Routes,
    peer: SocketAddr,
    proxies: TrustedProxies,
) -> impl hyper::service::Service<
    Incoming,
    Response = Response,
    Error = std::convert::Infallible,
    Future: Send + 'static,
> + Clone
       + Send
       + 'static {
    let service = warp::service(routes);
    hyper::service::service_fn(move |request: Incoming| {
        let client = client_address(peer, &proxies, request.headers());
        let id = request_id(&request);
        let mut request = request.map(|body| Lingering(Some(body)));
        request.extensions_mut().insert(PeerAddr(client));
        // Where the routes note the methods their path takes, for a 405's `Allow`.
        request
            .extensions_mut()
            .insert(crate::http::methods::RouteMethods::default());
        let span = tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path());
        let mut service = service.clone();
        let call = service.call(request);
        async move {
            let mut response = call.await?;
            tracing::debug!(status = response.status().as_u16(), "answered");
            if let Ok(value) = warp::http::HeaderValue::from_str(&id) {
                response.headers_mut().insert("x-request-id", value);
            }
            Ok(response)
        }
        .instrument(span)
    })
}

/// The plain HTTP port: every request answers 308 to the same path on the HTTPS URL.
pub fn redirect_routes(public_url: String) -> Routes {
    use warp::Filter;
    warp::path::full()
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .map(move |path: warp::path::FullPath, query: String| {
            let mut target = format!("{public_url}{}", path.as_str());
            if !query.is_empty() {
                target = format!("{target}?{query}");
            }
            let reply = warp::reply::with_header(warp::reply(), "location", target);
            warp::reply::with_status(reply, warp::http::StatusCode::PERMANENT_REDIRECT)
                .into_response()
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_signed_certificates_are_renewed_near_their_end_or_when_too_long() {
        const DAY: i64 = 86_400;
        let now = 1_800_000_000;
        assert!(!needs_renewal(now - DAY, now + 824 * DAY, now));
        assert!(!needs_renewal(now - 700 * DAY, now + 30 * DAY, now));
        assert!(needs_renewal(now - 700 * DAY, now + 29 * DAY, now));
        assert!(needs_renewal(now - 900 * DAY, now - DAY, now));
        // What older versions made: valid 1975–4096.
        assert!(needs_renewal(157_766_400, 66_714_998_400, now));
    }

    #[test]
    fn a_new_self_signed_certificate_is_valid_from_yesterday_for_825_days() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.server.data_dir = dir.path().to_path_buf();
        let (cert, _) = ensure_self_signed(&config).unwrap();
        let (from, until) = validity_of(&cert).unwrap();
        let now = chrono::Utc::now().timestamp();
        assert!(
            (now - 86_400 - from).abs() < 60,
            "not before {from}, now {now}"
        );
        assert_eq!(until - from, 825 * 86_400);
        // Kept while it is fresh; replaced once it is about to end.
        assert_eq!(ensure_self_signed(&config).unwrap().0, cert);
        assert_eq!(validity_of(&cert), Some((from, until)));
        let (old, key) = self_signed(vec!["localhost".into()], now - 820 * 86_400).unwrap();
        std::fs::write(&cert, old).unwrap();
        std::fs::write(dir.path().join("tls/key.pem"), key).unwrap();
        ensure_self_signed(&config).unwrap();
        assert!(validity_of(&cert).unwrap().1 > now + 800 * 86_400);
    }

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let proxies: Vec<ipnet::IpNet> =
            vec!["10.0.0.0/8".parse().unwrap(), "::1/128".parse().unwrap()];
        let client = |peer: &str, forwarded: &[&str]| {
            let mut headers = hyper::HeaderMap::new();
            for value in forwarded {
                headers.append("x-forwarded-for", value.parse().unwrap());
            }
            let peer: SocketAddr = peer.parse().unwrap();
            client_address(peer, &proxies, &headers).ip().to_string()
        };
        // Not a proxy: the header is whatever the client says, so it is ignored.
        assert_eq!(client("203.0.113.1:5000", &["198.51.100.1"]), "203.0.113.1");
        // Behind proxies: the rightmost address that is not a trusted proxy.
        assert_eq!(
            client("10.0.0.2:5000", &["1.1.1.1, 198.51.100.1"]),
            "198.51.100.1"
        );
        assert_eq!(
            client("10.0.0.2:5000", &["198.51.100.1, 10.0.0.7"]),
            "198.51.100.1"
        );
        assert_eq!(
            client("10.0.0.2:5000", &["1.1.1.1", "198.51.100.1"]),
            "198.51.100.1"
        );
        assert_eq!(client("[::1]:5000", &["2001:db8::5"]), "2001:db8::5");
        // A garbled hop stops the walk at the last address known to be real.
        assert_eq!(
            client("10.0.0.2:5000", &["198.51.100.1, bogus"]),
            "10.0.0.2"
        );
        assert_eq!(client("10.0.0.2:5000", &[]), "10.0.0.2");
    }
}
