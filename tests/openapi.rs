//! The API as its clients see it: a 405 names the methods its route takes.

mod common;

use common::*;
use reqwest::Method;

#[tokio::test]
async fn a_405_names_the_methods_the_route_takes() {
    let server = TestServer::start().await;
    let id = "00000000-0000-4000-8000-000000000000";
    let cases = [
        (Method::PUT, "/api/v1/me".to_string(), "GET"),
        (Method::DELETE, "/api/v1/assets".into(), "POST, PUT, GET"),
        (
            Method::PUT,
            format!("/api/v1/users/{id}"),
            "GET, PATCH, DELETE",
        ),
        (Method::GET, format!("/api/v1/assets/{id}/share"), "POST"),
        (Method::POST, "/healthz".into(), "GET"),
        (Method::DELETE, "/s/some-token".into(), "GET, HEAD"),
    ];
    for (method, path, allow) in cases {
        let response = server.admin(method.clone(), &path).send().await.unwrap();
        let sent = response.headers().get("allow").cloned();
        expect_error(response, 405, "method_not_allowed").await;
        assert_eq!(
            sent.as_ref().and_then(|v| v.to_str().ok()),
            Some(allow),
            "Allow of {method} {path}"
        );
    }
    // A path no route has, and a route that took the method and found nothing: 404s.
    for path in [
        "/api/v1/nothing".to_string(),
        format!("/api/v1/assets/{id}/bogus"),
    ] {
        let response = server.admin(Method::GET, &path).send().await.unwrap();
        assert!(response.headers().get("allow").is_none(), "{path}");
        expect_error(response, 404, "not_found").await;
    }
}
