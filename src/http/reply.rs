//! Turning results into responses: the JSON error shape, JSON bodies, and byte ranges of
//! files and bundles (Range, If-Range, ETag, HEAD, Content-Disposition).

use crate::error::Error;
use crate::http::views::{ErrorAnswer, ErrorDetail};
use bytes::Bytes;
use futures_util::Stream;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use std::ops::Range;
use warp::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use warp::reply::{Reply, Response};

/// The one adapter from handler results to responses.
pub fn finish<T: Reply>(result: Result<T, Error>) -> Response {
    match result {
        Ok(reply) => reply.into_response(),
        Err(error) => error_response(&error),
    }
}

pub fn error_response(error: &Error) -> Response {
    match error {
        Error::Internal(detail) => tracing::error!("internal error: {detail}"),
        Error::InsufficientStorage(detail) => tracing::warn!("refused: {detail}"),
        _ => {}
    }
    let body = ErrorAnswer {
        error: ErrorDetail {
            code: error.code(),
            message: error.to_string(),
        },
    };
    let mut response = json_with(status_of(error), &body);
    let headers = response.headers_mut();
    match error {
        Error::TooManyAttempts(secs) | Error::Busy(secs) => {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(*secs));
        }
        Error::RangeNotSatisfiable(len) => {
            headers.insert(
                header::CONTENT_RANGE,
                header_value(&format!("bytes */{len}")),
            );
        }
        Error::Unauthenticated(_) => {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        _ => {}
    }
    response
}

pub fn status_of(error: &Error) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

pub fn json<T: Serialize>(value: &T) -> Response {
    json_with(StatusCode::OK, value)
}

pub fn created<T: Serialize>(value: &T) -> Response {
    json_with(StatusCode::CREATED, value)
}

pub fn no_content() -> Response {
    warp::reply::with_status(warp::reply(), StatusCode::NO_CONTENT).into_response()
}

pub fn json_with<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let mut response = warp::reply::json(value).into_response();
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub fn header_value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static("invalid"))
}

/// Characters kept as they are in `filename*` (RFC 5987 attr-char).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `Content-Disposition` for any file name (RFC 6266): a plain ASCII fallback and the exact
/// name in `filename*`. Control and invisible format characters, quotes and backslashes never
/// reach the header.
pub fn content_disposition(attachment: bool, name: &str) -> HeaderValue {
    let kind = if attachment { "attachment" } else { "inline" };
    // Names stored before invisible characters were dropped on upload are cleaned here too.
    let exact = crate::names::visible(name);
    let fallback: String = exact
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' && c != '%' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = utf8_percent_encode(&exact, ATTR_CHAR);
    header_value(&format!(
        "{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"
    ))
}

/// What is being sent: its length and the headers that describe it.
pub struct Representation {
    pub len: u64,
    pub etag: String,
    pub content_type: String,
    pub disposition: Option<HeaderValue>,
    pub cache_control: &'static str,
    pub last_modified: Option<chrono::DateTime<chrono::Utc>>,
}

/// Which bytes the client asked for, given its Range and If-Range headers.
pub fn requested_range(
    headers: &HeaderMap,
    len: u64,
    etag: &str,
) -> Result<Option<Range<u64>>, Error> {
    let Some(range) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    if let Some(if_range) = headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok()) {
        if if_range.trim() != etag {
            return Ok(None);
        }
    }
    parse_range(range, len)
}

/// One `bytes=` range; several ranges or other units are answered with the whole body.
pub fn parse_range(text: &str, len: u64) -> Result<Option<Range<u64>>, Error> {
    let Some(spec) = text.trim().strip_prefix("bytes=") else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let (start, end) = spec
        .split_once('-')
        .ok_or(Error::RangeNotSatisfiable(len))?;
    let (start, end) = (start.trim(), end.trim());
    let unsatisfiable = Error::RangeNotSatisfiable(len);
    let range = if start.is_empty() {
        let suffix: u64 = end.parse().map_err(|_| unsatisfiable.clone())?;
        if suffix == 0 || len == 0 {
            return Err(unsatisfiable);
        }
        len.saturating_sub(suffix)..len
    } else {
        let start: u64 = start.parse().map_err(|_| unsatisfiable.clone())?;
        let end = if end.is_empty() {
            len - 1.min(len)
        } else {
            end.parse::<u64>()
                .map_err(|_| unsatisfiable.clone())?
                .min(len.saturating_sub(1))
        };
        if start >= len || end < start {
            return Err(unsatisfiable);
        }
        start..end + 1
    };
    Ok(Some(range))
}

/// A 200, 206 or 304 for `representation`, with the body from `body(range)` unless HEAD.
pub fn ranged<S, F>(
    method: &Method,
    headers: &HeaderMap,
    rep: &Representation,
    body: F,
) -> Result<Response, Error>
where
    F: FnOnce(Range<u64>) -> S,
    S: Stream<Item = std::io::Result<Bytes>> + Send + Sync + 'static,
{
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == rep.etag || t.trim() == "*")
        });
    let range = if not_modified {
        None
    } else {
        requested_range(headers, rep.len, &rep.etag)?
    };
    let (status, span) = match (&range, not_modified) {
        (_, true) => (StatusCode::NOT_MODIFIED, 0..0),
        (Some(r), _) => (StatusCode::PARTIAL_CONTENT, r.clone()),
        (None, _) => (StatusCode::OK, 0..rep.len),
    };
    let send_body =
        *method != Method::HEAD && status != StatusCode::NOT_MODIFIED && !span.is_empty();
    let mut response = if send_body {
        warp::reply::stream(body(span.clone())).into_response()
    } else {
        Response::default()
    };
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(header::ETAG, header_value(&rep.etag));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(rep.cache_control),
    );
    if let Some(at) = rep.last_modified {
        h.insert(
            header::LAST_MODIFIED,
            header_value(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()),
        );
    }
    if status == StatusCode::NOT_MODIFIED {
        return Ok(response);
    }
    h.insert(header::CONTENT_TYPE, header_value(&rep.content_type));
    h.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(span.end - span.start),
    );
    if let Some(disposition) = &rep.disposition {
        h.insert(header::CONTENT_DISPOSITION, disposition.clone());
    }
    if let Some(r) = range {
        h.insert(
            header::CONTENT_RANGE,
            header_value(&format!("bytes {}-{}/{}", r.start, r.end - 1, rep.len)),
        );
    }
    Ok(response)
}

/// A body stream that reports how many bytes it sent when it ends or is dropped (the client
/// went away). Also makes any `Send` stream `Sync`, as warp asks.
pub struct Counted<S> {
    inner: std::sync::Mutex<std::pin::Pin<Box<S>>>,
    sent: u64,
    done: Option<Box<dyn FnOnce(u64) + Send + Sync>>,
}

pub fn counted<S>(inner: S, done: impl FnOnce(u64) + Send + Sync + 'static) -> Counted<S> {
    Counted {
        inner: std::sync::Mutex::new(Box::pin(inner)),
        sent: 0,
        done: Some(Box::new(done)),
    }
}

impl<S: Stream<Item = std::io::Result<Bytes>>> Stream for Counted<S> {
    type Item = std::io::Result<Bytes>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let this = &mut *self;
        let inner = this.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        let polled = inner.as_mut().poll_next(cx);
        if let std::task::Poll::Ready(Some(Ok(chunk))) = &polled {
            this.sent += chunk.len() as u64;
        }
        polled
    }
}

impl<S> Drop for Counted<S> {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            done(self.sent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_like_rfc_9110() {
        assert_eq!(parse_range("bytes=0-9", 100).unwrap(), Some(0..10));
        assert_eq!(parse_range("bytes=90-", 100).unwrap(), Some(90..100));
        assert_eq!(parse_range("bytes=-10", 100).unwrap(), Some(90..100));
        assert_eq!(parse_range("bytes=-1000", 100).unwrap(), Some(0..100));
        assert_eq!(parse_range("bytes=99-200", 100).unwrap(), Some(99..100));
        assert_eq!(parse_range("bytes=0-0,5-6", 100).unwrap(), None);
        assert_eq!(parse_range("items=0-1", 100).unwrap(), None);
        assert_eq!(
            parse_range("bytes=100-", 100),
            Err(Error::RangeNotSatisfiable(100))
        );
        assert_eq!(
            parse_range("bytes=5-2", 100),
            Err(Error::RangeNotSatisfiable(100))
        );
        assert_eq!(
            parse_range("bytes=-0", 100),
            Err(Error::RangeNotSatisfiable(100))
        );
        assert_eq!(
            parse_range("bytes=abc", 100),
            Err(Error::RangeNotSatisfiable(100))
        );
    }

    #[test]
    fn dispositions_survive_hostile_names() {
        let value = content_disposition(true, "a\"b\r\n\\c%.txt");
        let text = value.to_str().unwrap();
        assert!(
            text.starts_with("attachment; filename=\"a_b_c_.txt\"; filename*=UTF-8''"),
            "{text}"
        );
        assert!(!text.contains('\r') && !text.contains('\n'));
        let disguised = content_disposition(true, "a\u{202E}gnp.exe");
        assert_eq!(
            disguised.to_str().unwrap(),
            "attachment; filename=\"agnp.exe\"; filename*=UTF-8''agnp.exe"
        );
        let unicode = content_disposition(false, "Grüße 日本.jpg");
        assert!(unicode
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%E6%97%A5%E6%9C%AC.jpg"));
    }
}
