//! The embedded web files (`web/`), with ETags and cache headers.

use crate::http::methods;
use crate::server::Routes;
use rust_embed::RustEmbed;
use warp::http::{header, HeaderValue, StatusCode};
use warp::reply::Response;
use warp::Filter;

#[derive(RustEmbed)]
#[folder = "web/"]
struct Files;

/// A file of `web/`, or 404.
pub fn file(path: &str, if_none_match: Option<&str>) -> Response {
    let Some(file) = Files::get(path) else {
        return super::reply::error_response(&crate::error::Error::NotFound("file"));
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    let mut response = if if_none_match == Some(etag.as_str()) {
        let mut r = Response::default();
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        Response::new(file.data.into_owned().into())
    };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        super::reply::header_value(mime.as_ref()),
    );
    h.insert(header::ETAG, super::reply::header_value(&etag));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300, must-revalidate"),
    );
    response
}

/// `/` is the team app; `/static/…` its files and the recipient page's.
pub fn routes() -> Routes {
    let etag = || warp::header::optional::<String>("if-none-match");
    let index = warp::path::end()
        .and(methods::get())
        .and(etag())
        .map(|etag: Option<String>| file("index.html", etag.as_deref()));
    let assets = warp::path("static")
        .and(warp::path::tail())
        .and(methods::get())
        .and(etag())
        .map(|tail: warp::path::Tail, etag: Option<String>| file(tail.as_str(), etag.as_deref()));
    index.or(assets).unify().boxed()
}
