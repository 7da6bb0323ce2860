//! The outsider's side of an upload request (SPEC §6), no account needed: `/u/{token}` (the
//! page, and its password form), `/u/{token}/unlock`, tus at `/u/{token}/uploads` (the same
//! protocol code as the team's, `api::uploads`), and `/u/{token}/files` (this visit's files:
//! list, send in one request, delete). Every route enters the link first (`requests::intake`):
//! 404 unknown, 410 gone, 401 password still needed; the visit rides in a cookie scoped to
//! the link, as on share links, and for clients without cookies (most tus clients) in the
//! signed `v` query parameter of the upload URL that creation answers.

mod files;
mod page;

use crate::error::Result;
use crate::http::api::any_of;
use crate::http::api::uploads::{self as tus, check_version};
use crate::http::filters::{
    body, client, cookie, limited_body, query, same_site, with_state, Body, Client,
};
use crate::http::methods;
use crate::http::reply::{self, header_value};
use crate::requests::intake::{self, Caller, Outsider};
use crate::server::Routes;
use crate::shares::links::VISIT_HOURS;
use crate::state::AppState;
use crate::uploads::Uploader;
use serde::Deserialize;
use uuid::Uuid;
use warp::http::header;
use warp::reply::Response;
use warp::Filter;

const VISIT_COOKIE: &str = "hu";

/// The signed visit, for clients without cookies.
#[derive(Deserialize, Default)]
pub struct VisitQuery {
    v: Option<String>,
}

/// A client's request on the link: who, and the visit it carries in `?v=` (else the cookie).
pub struct Asking {
    client: Client,
    carried: Option<String>,
}

fn asking() -> impl Filter<Extract = (Asking,), Error = std::convert::Infallible> + Clone {
    client()
        .and(query::<VisitQuery>())
        .map(|client: Client, query: Result<VisitQuery>| {
            let from_query = query.ok().and_then(|q| q.v);
            let carried = from_query.or_else(|| cookie(&client.headers, VISIT_COOKIE));
            Asking { client, carried }
        })
}

/// The password form is one short field; a longer body is refused (413), not checked.
const UNLOCK_FORM_BYTES: u64 = 64 * 1024;

pub fn routes(state: AppState) -> Routes {
    let public_url = state.config.public_url();
    let s = move || with_state(state.clone());
    any_of![
        warp::path!("u" / String)
            .and(methods::get())
            .and(s())
            .and(client())
            .and(query::<page::LangQuery>())
            .then(page::show)
            .boxed(),
        // HEAD tells whether the link works and starts nothing: link checkers and chat
        // previews begin no visit.
        warp::path!("u" / String)
            .and(methods::head())
            .and(s())
            .and(client())
            .and(query::<page::LangQuery>())
            .then(page::peek)
            .boxed(),
        warp::path!("u" / String / "unlock")
            .and(methods::post())
            .and(s())
            .and(client())
            .and(query::<page::LangQuery>())
            .and(same_site(public_url))
            .and(limited_body(UNLOCK_FORM_BYTES))
            .then(page::unlock)
            .boxed(),
        warp::path!("u" / String / "uploads")
            .and(methods::options())
            .and(s())
            .then(|_token: String, s| tus::options(s))
            .map(tus::tus)
            .boxed(),
        warp::path!("u" / String / "uploads")
            .and(methods::post())
            .and(s())
            .and(asking())
            .and(body())
            .then(begin)
            .boxed(),
        warp::path!("u" / String / "uploads" / Uuid)
            .and(methods::head())
            .and(s())
            .and(asking())
            .then(stand)
            .boxed(),
        warp::path!("u" / String / "uploads" / Uuid)
            .and(methods::patch())
            .and(s())
            .and(asking())
            .and(body())
            .then(append)
            .boxed(),
        warp::path!("u" / String / "uploads" / Uuid)
            .and(methods::delete())
            .and(s())
            .and(asking())
            .then(end)
            .boxed(),
        warp::path!("u" / String / "files")
            .and(methods::get())
            .and(s())
            .and(asking())
            .then(files::list)
            .boxed(),
        warp::path!("u" / String / "files")
            .and(methods::post())
            .and(s())
            .and(asking())
            .and(warp::body::stream())
            .then(files::send)
            .boxed(),
        warp::path!("u" / String / "files" / Uuid)
            .and(methods::delete())
            .and(s())
            .and(asking())
            .then(files::delete)
            .boxed(),
    ]
}

fn caller(client: &Client) -> Caller {
    Caller {
        address: client.address,
        user_agent: client.user_agent.clone(),
    }
}

/// Opens the link for a page request, on the visit its cookie carries (or a new one).
async fn enter(state: &AppState, token: &str, client: &Client) -> Result<Outsider> {
    let visit = cookie(&client.headers, VISIT_COOKIE);
    intake::enter(state, token, visit.as_deref(), caller(client)).await
}

/// The visit cookie, for the link's routes only.
fn set_visit_cookie(response: &mut Response, token: &str, signed: &str) {
    let max_age = VISIT_HOURS * 3600;
    let cookie = format!(
        "{VISIT_COOKIE}={signed}; Path=/u/{token}; HttpOnly; Secure; SameSite=Lax; Max-Age={max_age}"
    );
    response
        .headers_mut()
        .append(header::SET_COOKIE, header_value(&cookie));
}

/// The answer, with the visit cookie when this request began the visit.
fn answer(outsider: &Outsider, mut response: Response) -> Response {
    if outsider.started {
        set_visit_cookie(&mut response, &outsider.token, &outsider.signed);
    }
    response
}

fn uploads_path(token: &str) -> String {
    format!("/u/{token}/uploads")
}

/// Runs `f` on the link's visit; the answer carries the visit cookie if it began one.
async fn on_visit<F, Fut>(state: AppState, token: String, asking: Asking, f: F) -> Response
where
    F: FnOnce(AppState, Outsider, Client) -> Fut,
    Fut: std::future::Future<Output = Result<Response>>,
{
    let Asking { client, carried } = asking;
    let entered = intake::enter(&state, &token, carried.as_deref(), caller(&client)).await;
    let outsider = match entered {
        Ok(outsider) => outsider,
        Err(e) => return reply::finish::<Response>(Err(e)),
    };
    let response = reply::finish(f(state, outsider.clone(), client).await);
    answer(&outsider, response)
}

/// Runs a tus operation as the outsider: the version it speaks, then the link and its visit.
async fn as_outsider<F, Fut>(state: AppState, token: String, asking: Asking, run: F) -> Response
where
    F: FnOnce(AppState, Uploader, Client) -> Fut,
    Fut: std::future::Future<Output = Result<Response>>,
{
    let mut response = match check_version(&asking.client.headers) {
        Err(e) => reply::finish::<Response>(Err(e)),
        Ok(()) => {
            on_visit(state, token, asking, |state, outsider, client| {
                run(state, Uploader::Outsider(Box::new(outsider)), client)
            })
            .await
        }
    };
    let version = header_value(crate::uploads::protocol::VERSION);
    response.headers_mut().insert("tus-resumable", version);
    response
}

async fn begin(token: String, state: AppState, asking: Asking, body: Body) -> Response {
    let base = uploads_path(&token);
    as_outsider(state, token, asking, |state, who, client| async move {
        // The visit rides in the upload's URL too: clients without cookies stay on it.
        let visit = match &who {
            Uploader::Outsider(outsider) => outsider.signed.clone(),
            Uploader::Member(_) => String::new(),
        };
        let location = |id| format!("{base}/{id}?v={visit}");
        tus::begin(&state, &who, &client.headers, body, location).await
    })
    .await
}

async fn stand(token: String, id: Uuid, state: AppState, asking: Asking) -> Response {
    let base = uploads_path(&token);
    as_outsider(state, token, asking, |state, who, _| async move {
        tus::stand(&state, &who, id, &base).await
    })
    .await
}

async fn append(token: String, id: Uuid, state: AppState, asking: Asking, body: Body) -> Response {
    as_outsider(state, token, asking, |state, who, client| async move {
        tus::append(&state, &who, id, &client.headers, body).await
    })
    .await
}

async fn end(token: String, id: Uuid, state: AppState, asking: Asking) -> Response {
    as_outsider(state, token, asking, |state, who, _| async move {
        tus::end(&state, &who, id).await
    })
    .await
}
