//! openidconnect's HTTP calls (discovery, JWKS, token, userinfo) over our reqwest 0.13: it
//! ships an integration for reqwest 0.12 only, and takes any client through this trait.

use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A client that follows no redirects (a provider's endpoints answer directly; a redirect
/// could carry a client secret elsewhere) and gives up after a while.
#[derive(Clone)]
pub struct Http(reqwest::Client);

#[derive(Debug)]
pub struct HttpError(String);

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HttpError {}

impl Http {
    pub fn new() -> Result<Http, String> {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .connect_timeout(Duration::from_secs(5))
            .no_proxy()
            // Sign-ins are rare: a pooled connection would mostly be one the provider has
            // closed meanwhile, and a token request (a POST) is not retried on it.
            .pool_max_idle_per_host(0)
            .build()
            .map(Http)
            .map_err(|e| format!("HTTP client: {e}"))
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        // reqwest's message names the URL only; the causes say what went wrong.
        let failed = |e: reqwest::Error| HttpError(crate::error::with_causes(&e));
        let request = reqwest::Request::try_from(request).map_err(failed)?;
        let response = self.0.execute(request).await.map_err(failed)?;
        let mut answer = http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            answer = answer.header(name, value);
        }
        let body = response.bytes().await.map_err(failed)?;
        answer
            .body(body.to_vec())
            .map_err(|e| HttpError(e.to_string()))
    }
}

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}
