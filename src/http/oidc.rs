//! The browser side of OpenID sign-in: `/auth/oidc/start` sends the browser to the provider,
//! `/auth/oidc/callback` brings it back signed in.

use crate::accounts;
use crate::error::{Error, Result};
use crate::http::api::account::set_session_cookie;
use crate::http::filters::{client, cookie, query, with_state, Client};
use crate::http::methods;
use crate::http::reply::{finish, header_value};
use crate::oidc::{members, Callback, FLOW_COOKIE};
use crate::server::Routes;
use crate::state::AppState;
use warp::http::{header, StatusCode};
use warp::reply::Response;
use warp::Filter;

pub fn routes(state: AppState) -> Routes {
    let start = warp::path!("auth" / "oidc" / "start")
        .and(methods::get())
        .and(with_state(state.clone()))
        .then(start)
        .map(finish)
        .boxed();
    let callback = warp::path!("auth" / "oidc" / "callback")
        .and(methods::get())
        .and(query())
        .and(with_state(state))
        .and(client())
        .then(callback)
        .map(finish)
        .boxed();
    start.or(callback).unify().boxed()
}

/// The flow cookie goes with the provider's redirect back to us, a cross-site navigation:
/// SameSite=Lax, not Strict. It lives as long as a sign-in may take and only on these paths.
fn flow_cookie(value: &str, max_age: i64) -> String {
    format!(
        "{FLOW_COOKIE}={value}; Path=/auth/oidc; HttpOnly; Secure; SameSite=Lax; Max-Age={max_age}"
    )
}

fn redirect(status: StatusCode, location: &str) -> Response {
    let mut response = Response::default();
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, header_value(location));
    headers.insert(header::CACHE_CONTROL, header_value("no-store"));
    response
}

async fn start(state: AppState) -> Result<Response> {
    let start = state.sso.start(&state.signer).await?;
    let mut response = redirect(StatusCode::FOUND, &start.url);
    let cookie = flow_cookie(&start.flow_cookie, 600);
    response
        .headers_mut()
        .insert(header::SET_COOKIE, header_value(&cookie));
    Ok(response)
}

async fn callback(query: Result<Callback>, state: AppState, client: Client) -> Result<Response> {
    let flow = cookie(&client.headers, FLOW_COOKIE);
    let identity = state
        .sso
        .finish(&state.signer, flow.as_deref(), query?)
        .await?;
    let user = members::sign_in(&state.store, identity).await?;
    if user.status != accounts::UserStatus::Active {
        return Err(Error::forbidden("this account is not active"));
    }
    let (_, secret) = accounts::new_session(&state.store, &user).await?;
    let mut response = redirect(StatusCode::SEE_OTHER, "/");
    set_session_cookie(&mut response, &secret);
    response
        .headers_mut()
        .append(header::SET_COOKIE, header_value(&flow_cookie("", 0)));
    Ok(response)
}
