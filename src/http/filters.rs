//! Filters that read a request into plain values: state, client address, the signed-in
//! principal, JSON bodies. None of them rejects for application errors: they hand a
//! `Result` to the handler, so that one adapter turns errors into responses.

use crate::accounts::{self, Principal};
use crate::error::{Error, SignInRefusal};
use crate::server::PeerAddr;
use crate::state::AppState;
use bytes::{Buf, BytesMut};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr};
use warp::http::{header, HeaderMap, Method};
use warp::Filter;

pub const SESSION_COOKIE: &str = "handoff_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub fn with_state(
    state: AppState,
) -> impl Filter<Extract = (AppState,), Error = Infallible> + Clone {
    warp::any().map(move || state.clone())
}

/// What the domain needs to know about the request beyond its body.
#[derive(Debug, Clone)]
pub struct Client {
    pub address: IpAddr,
    pub user_agent: String,
    pub method: Method,
    pub headers: HeaderMap,
}

pub fn client() -> impl Filter<Extract = (Client,), Error = Infallible> + Clone {
    warp::ext::optional::<PeerAddr>()
        .and(warp::method())
        .and(warp::header::headers_cloned())
        .map(
            |peer: Option<PeerAddr>, method: Method, headers: HeaderMap| Client {
                address: peer
                    .map(|p| p.0.ip())
                    .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
                user_agent: headers
                    .get(header::USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .chars()
                    .take(512)
                    .collect(),
                method,
                headers,
            },
        )
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The signed-in principal: a bearer token, or the session cookie plus, for anything that
/// changes state, the CSRF token given at sign-in.
pub fn principal(
    state: AppState,
) -> impl Filter<Extract = (Result<Principal, Error>,), Error = Infallible> + Clone {
    with_state(state)
        .and(client())
        .then(|state: AppState, client: Client| async move {
            let principal = authenticate(&state, &client).await?;
            if principal.token.kind == accounts::TokenKind::Enrolment {
                return Err(Error::SignIn(SignInRefusal::TotpEnrolmentRequired));
            }
            Ok(principal)
        })
}

/// Like `principal`, and also a session that may only enrol two-factor (for the routes of
/// the current user and their two-factor).
pub fn enrolling_principal(
    state: AppState,
) -> impl Filter<Extract = (Result<Principal, Error>,), Error = Infallible> + Clone {
    with_state(state)
        .and(client())
        .then(|state: AppState, client: Client| async move { authenticate(&state, &client).await })
}

async fn authenticate(state: &AppState, client: &Client) -> Result<Principal, Error> {
    let bearer = client
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        });
    if let Some(token) = bearer {
        return accounts::authenticate(&state.store, token.trim()).await;
    }
    let Some(session) = cookie(&client.headers, SESSION_COOKIE) else {
        return Err(Error::Unauthenticated(
            "sign in or send a bearer token".into(),
        ));
    };
    let principal = accounts::authenticate(&state.store, &session).await?;
    let safe = matches!(client.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let expected = accounts::csrf_token(&state.signer, &principal.token);
        let sent = client
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok());
        if sent != Some(expected.as_str()) {
            return Err(Error::forbidden(
                "missing or wrong CSRF token (send the x-csrf-token header)",
            ));
        }
    }
    Ok(principal)
}

/// A request body as it streams in.
pub type Body =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<bytes::Bytes, warp::Error>> + Send>>;

/// The request body as a stream of `Bytes`, for handlers that write it somewhere.
pub fn body() -> impl Filter<Extract = (Body,), Error = warp::Rejection> + Clone {
    fn to_bytes<B: Buf>(chunk: Result<B, warp::Error>) -> Result<bytes::Bytes, warp::Error> {
        chunk.map(|mut b| b.copy_to_bytes(b.remaining()))
    }
    warp::body::stream()
        .map(|stream| Box::pin(futures_util::StreamExt::map(stream, to_bytes)) as Body)
}

/// The body, at most `limit` bytes, whether or not it announced its length.
pub fn limited_body(
    limit: u64,
) -> impl Filter<Extract = (Result<bytes::Bytes, Error>,), Error = warp::Rejection> + Clone {
    warp::body::stream().then(move |body| collect(body, limit))
}

async fn collect<S, B>(body: S, limit: u64) -> Result<bytes::Bytes, Error>
where
    S: futures_util::Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let mut body = std::pin::pin!(body);
    let mut collected = BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| Error::bad_request(format!("request body: {e}")))?;
        if collected.len() as u64 + chunk.remaining() as u64 > limit {
            return Err(Error::TooLarge(format!(
                "request bodies are limited to {limit} bytes"
            )));
        }
        collected.extend_from_slice(chunk.chunk());
    }
    Ok(collected.freeze())
}

/// A JSON body: 400 when it is not JSON, 422 when it is JSON of the wrong shape, 415 when it
/// is not JSON and was not sent as JSON either (a form, say). A JSON body sent with another
/// type (`curl -d` says form) is taken as it is.
pub fn json<T: DeserializeOwned + Send>(
    limit: u64,
) -> impl Filter<Extract = (Result<T, Error>,), Error = warp::Rejection> + Clone {
    warp::header::headers_cloned().and(limited_body(limit)).map(
        |headers: HeaderMap, body: Result<bytes::Bytes, Error>| {
            parse_json(&body?).map_err(|e| match (e, declared_type(&headers)) {
                (Error::BadRequest(_), Some(declared)) if !is_json(&declared) => {
                    not_json(&declared)
                }
                (e, _) => e,
            })
        },
    )
}

/// A JSON body that is also labelled JSON, else 415 before it is read. For sign-in: a
/// cross-site `<form enctype=text/plain>` can post a JSON-looking body, never the label.
pub fn labelled_json<T: DeserializeOwned + Send>(
    limit: u64,
) -> impl Filter<Extract = (Result<T, Error>,), Error = warp::Rejection> + Clone {
    warp::header::headers_cloned()
        .map(|headers: HeaderMap| match declared_type(&headers) {
            Some(declared) if is_json(&declared) => Ok(()),
            declared => Err(not_json(declared.as_deref().unwrap_or("no type"))),
        })
        .and(json(limit))
        .map(|labelled: Result<(), Error>, body: Result<T, Error>| labelled.and(body))
}

fn not_json(declared: &str) -> Error {
    Error::UnsupportedType(format!("send the body as application/json, not {declared}"))
}

fn declared_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

fn is_json(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}

pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad_request("a JSON body is required"));
    }
    serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => Error::invalid(e.to_string()),
        _ => Error::bad_request(format!("malformed JSON: {e}")),
    })
}

/// The query string as `T`: 400 when it does not fit (never a rejection, which would turn
/// into a 405 when a sibling route matches the path).
pub fn query<T: DeserializeOwned + Send>(
) -> impl Filter<Extract = (Result<T, Error>,), Error = Infallible> + Clone {
    warp::query::raw()
        .or(warp::any().map(String::new))
        .unify()
        .map(|raw: String| {
            serde_urlencoded::from_str(&raw).map_err(|e| Error::bad_request(format!("query: {e}")))
        })
}

/// For routes that set cookies (sign-in, sign-out, unlocking a link): refuses what a
/// browser sent for another site, so that no page elsewhere can sign a visitor in or out.
/// Clients that send neither header (curl, scripts) pass.
pub fn same_site(
    public_url: String,
) -> impl Filter<Extract = (Result<(), Error>,), Error = Infallible> + Clone {
    // The authority: HTTP/2's `:authority` or HTTP/1's `Host`; a garbled one counts as none.
    let authority = warp::host::optional().or(warp::any().map(|| None)).unify();
    warp::header::headers_cloned().and(authority).map(
        move |headers: HeaderMap, authority: Option<warp::host::Authority>| {
            let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
            // This host under either scheme: behind a proxy that ends TLS, we see plain HTTP.
            let host = |scheme| {
                authority
                    .as_ref()
                    .map(|a| origin_of(&format!("{scheme}://{a}")))
            };
            let own = [Some(origin_of(&public_url)), host("https"), host("http")];
            refuse_cross_site(text("origin"), text("sec-fetch-site"), &own)
        },
    )
}

/// The decision: refused on `Sec-Fetch-Site: cross-site`, or an `Origin` that is none of
/// `own`. Under `Referrer-Policy: no-referrer` (ours) browsers send `Origin: null` even for
/// our own forms, so a null origin passes only when `Sec-Fetch-Site` vouches for it.
fn refuse_cross_site(
    origin: Option<&str>,
    fetch_site: Option<&str>,
    own: &[Option<String>],
) -> Result<(), Error> {
    let site = fetch_site.map(|site| site.trim().to_ascii_lowercase());
    let vouched = matches!(site.as_deref(), Some("same-origin" | "none"));
    let refused = match origin.map(str::trim) {
        _ if site.as_deref() == Some("cross-site") => true,
        Some("null") => !vouched,
        Some(origin) => !own.contains(&Some(origin_of(origin))),
        None => false,
    };
    if refused {
        Err(Error::CrossSite)
    } else {
        Ok(())
    }
}

/// `scheme://host[:port]` in lower case, without a path or the scheme's default port.
fn origin_of(url: &str) -> String {
    let url = url.trim().to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url.as_str()));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let default_port = if scheme == "http" { ":80" } else { ":443" };
    let authority = authority.strip_suffix(default_port).unwrap_or(authority);
    format!("{scheme}://{authority}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_requests_are_refused_and_same_origin_ones_pass() {
        let own = [
            Some(origin_of("https://files.example.com/")),
            Some(origin_of("https://10.0.0.5:8443")),
        ];
        let check = |origin, site| refuse_cross_site(origin, site, &own);
        assert_eq!(check(None, None), Ok(()));
        assert_eq!(
            check(Some("https://files.example.com"), Some("same-origin")),
            Ok(())
        );
        assert_eq!(check(Some("HTTPS://Files.Example.com:443"), None), Ok(()));
        assert_eq!(check(Some("https://10.0.0.5:8443"), None), Ok(()));
        assert_eq!(check(None, Some("none")), Ok(()));
        assert_eq!(
            check(Some("https://evil.example"), None),
            Err(Error::CrossSite)
        );
        assert_eq!(
            check(Some("http://files.example.com"), None),
            Err(Error::CrossSite)
        );
        assert_eq!(
            check(Some("https://files.example.com:8443"), None),
            Err(Error::CrossSite)
        );
        assert_eq!(check(Some("null"), None), Err(Error::CrossSite));
        assert_eq!(
            check(Some("null"), Some("same-site")),
            Err(Error::CrossSite)
        );
        assert_eq!(check(Some("null"), Some("same-origin")), Ok(()));
        assert_eq!(check(None, Some("cross-site")), Err(Error::CrossSite));
        let same_origin_label_but_cross_site =
            check(Some("https://files.example.com"), Some("cross-site"));
        assert_eq!(same_origin_label_but_cross_site, Err(Error::CrossSite));
    }
}
