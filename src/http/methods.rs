//! Method filters that note, for each request, the methods of the routes whose path matched,
//! so that a 405 names them in `Allow` (RFC 9110 §15.5.6): warp's own MethodNotAllowed
//! rejection does not say which methods a route takes. Use these instead of `warp::get()` & co.

use crate::error::Error;
use crate::http::reply;
use std::sync::{Arc, Mutex};
use warp::http::{header, Method};
use warp::reply::Response;
use warp::{Filter, Rejection};

/// The methods noted so far for this request; the server attaches a fresh one to each.
#[derive(Clone, Default)]
pub struct RouteMethods(Arc<Mutex<Vec<Method>>>);

impl RouteMethods {
    fn note(&self, method: &Method) {
        let mut noted = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !noted.contains(method) {
            noted.push(method.clone());
        }
    }

    fn noted(&self) -> Vec<Method> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Notes `method` once the path before it has matched; then warp's own check.
fn note(
    method: Method,
    check: impl Filter<Extract = (), Error = Rejection> + Clone + Send + Sync,
) -> impl Filter<Extract = (), Error = Rejection> + Clone + Send + Sync {
    warp::ext::optional::<RouteMethods>()
        .map(move |noted: Option<RouteMethods>| {
            if let Some(noted) = noted {
                noted.note(&method);
            }
        })
        .untuple_one()
        .and(check)
}

/// `get()`, `head()` …: warp's method filters that note their method first.
macro_rules! noting {
    ($($name:ident => $method:ident),*) => {$(
        pub fn $name() -> impl Filter<Extract = (), Error = Rejection> + Clone + Send + Sync {
            note(Method::$method, warp::$name())
        }
    )*};
}

noting!(get => GET, head => HEAD, post => POST, put => PUT, patch => PATCH, delete => DELETE, options => OPTIONS);

/// The `Allow` value for a request no route took: the methods noted for its path, unless
/// none were (no route has that path) or its own method is among them (a route took the
/// method and refused for another reason, which stands).
pub fn allow(noted: &[Method], asked: &Method) -> Option<String> {
    if noted.is_empty() || noted.contains(asked) {
        return None;
    }
    let names: Vec<&str> = noted.iter().map(Method::as_str).collect();
    Some(names.join(", "))
}

/// After every route: 405 with `Allow` when the path matched but the method did not.
pub fn not_allowed() -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::ext::optional::<RouteMethods>()
        .and(warp::method())
        .and_then(|noted: Option<RouteMethods>, asked: Method| async move {
            let noted = noted.map(|n| n.noted()).unwrap_or_default();
            let allow = allow(&noted, &asked).ok_or_else(warp::reject::not_found)?;
            let mut response = reply::error_response(&Error::MethodNotAllowed);
            let headers = response.headers_mut();
            headers.insert(header::ALLOW, reply::header_value(&allow));
            Ok::<_, Rejection>(response)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_names_the_methods_of_the_path_unless_the_method_was_taken() {
        let noted = [Method::GET, Method::PATCH, Method::DELETE];
        let allow = allow(&noted, &Method::PUT);
        assert_eq!(allow.as_deref(), Some("GET, PATCH, DELETE"));
        assert_eq!(super::allow(&noted, &Method::GET), None);
        assert_eq!(super::allow(&[], &Method::PUT), None);
    }
}
