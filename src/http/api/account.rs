//! Sign-in, the current user, API tokens and (for admins) users.

use crate::accounts::{self, NewUser, Permission, Principal, Role, TokenKind, UserChanges};
use crate::error::{Error, Result, SignInRefusal};
use crate::http::filters::{Client, SESSION_COOKIE};
use crate::http::reply::{self, header_value};
use crate::http::views::{ErrorAnswer, Listing, TokenView, UserView};
use crate::state::AppState;
use crate::totp;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use warp::http::header;
use warp::reply::Response;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    email: String,
    password: String,
    /// A current TOTP code or an unused recovery code, for accounts with two-factor on.
    code: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoginAnswer {
    token: String,
    csrf_token: String,
    user: UserView,
    /// `[auth] require_totp` and no two-factor yet: this session may only enrol
    /// (`POST /me/totp`, `POST /me/totp/confirm`), then sign in again with a code.
    totp_enrolment_required: bool,
}

/// Signs in: the token answers for scripts, the cookie for the web app.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody, security(()),
    responses((status = 200, body = LoginAnswer),
        (status = 401, response = ErrorAnswer),
        (status = 403, response = ErrorAnswer),
        (status = 429, response = ErrorAnswer)))]
pub async fn login(
    state: AppState,
    client: Client,
    same_site: Result<()>,
    body: Result<LoginBody>,
) -> Result<Response> {
    same_site?;
    let body = body?;
    if !state.config.auth.password_login {
        return Err(Error::SignIn(SignInRefusal::PasswordLoginDisabled));
    }
    state.logins.check(&body.email, client.address).await?;
    let checked = match accounts::check_login(&state.store, &body.email, &body.password).await {
        Ok(user) => totp::check_sign_in(&state.store, &user, body.code.as_deref())
            .await
            .map(|()| user),
        Err(e) => Err(e),
    };
    let user = match checked {
        Ok(user) => user,
        // A missing code is no guess; a wrong password or code is.
        Err(e @ Error::SignIn(SignInRefusal::TotpRequired)) => return Err(e),
        Err(e) => {
            state
                .logins
                .record_failure(&body.email, client.address)
                .await?;
            return Err(e);
        }
    };
    let must_enrol =
        state.config.auth.require_totp && !user.totp.as_ref().is_some_and(|t| t.confirmed);
    let (session, secret) = match must_enrol {
        true => accounts::new_enrolment_session(&state.store, &user).await?,
        false => accounts::new_session(&state.store, &user).await?,
    };
    let mut response = reply::json(&LoginAnswer {
        token: secret.clone(),
        csrf_token: accounts::csrf_token(&state.signer, &session),
        user: UserView::from(&user),
        totp_enrolment_required: must_enrol,
    });
    set_session_cookie(&mut response, &secret);
    Ok(response)
}

/// The web app's session cookie, on the response that signs in.
pub fn set_session_cookie(response: &mut Response, secret: &str) {
    let max_age = accounts::SESSION_DAYS * 86_400;
    let cookie = format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}"
    );
    response
        .headers_mut()
        .insert(header::SET_COOKIE, header_value(&cookie));
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204, description = "signed out")))]
pub async fn logout(
    state: AppState,
    same_site: Result<()>,
    who: Result<Principal>,
) -> Result<Response> {
    same_site?;
    let who = who?;
    if who.token.kind != TokenKind::Api {
        accounts::revoke_token(&state.store, &who.user, who.token.id).await?;
    }
    let mut response = reply::no_content();
    let expired =
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
    response
        .headers_mut()
        .insert(header::SET_COOKIE, header_value(&expired));
    Ok(response)
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MeView {
    #[serde(flatten)]
    user: UserView,
    /// Present for web sessions: the value of the `x-csrf-token` header their writes send.
    #[serde(skip_serializing_if = "Option::is_none")]
    csrf_token: Option<String>,
    /// Two-factor sign-in is on for this account.
    totp_enabled: bool,
    /// This session may only enrol two-factor (`[auth] require_totp`).
    totp_enrolment_required: bool,
    /// A local account (with a password); SSO accounts have none and no two-factor here.
    local: bool,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = MeView)))]
pub async fn me(state: AppState, who: Result<Principal>) -> Result<Response> {
    let who = who?;
    let csrf_token =
        (who.token.kind != TokenKind::Api).then(|| accounts::csrf_token(&state.signer, &who.token));
    Ok(reply::json(&MeView {
        user: UserView::from(&who.user),
        csrf_token,
        totp_enabled: who.user.totp.as_ref().is_some_and(|t| t.confirmed),
        totp_enrolment_required: who.token.kind == TokenKind::Enrolment,
        local: who.user.has_password(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewTokenBody {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    name: String,
    expires_at: Option<DateTime<Utc>>,
    /// Limits the token to these permissions (e.g. `["assets:read", "shares:read"]` for a
    /// read-only token). Whatever it names, it never does more than its user's role allows now.
    permissions: Option<Vec<Permission>>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewTokenAnswer {
    id: Uuid,
    token: String,
    name: String,
    expires_at: Option<DateTime<Utc>>,
    permissions: Option<Vec<Permission>>,
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewTokenBody,
    responses((status = 201, body = NewTokenAnswer, description = "the token, shown this once")))]
pub async fn create_token(
    state: AppState,
    who: Result<Principal>,
    body: Result<NewTokenBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let name = body.name.trim().to_string();
    if name.is_empty() || name.len() > 200 {
        return Err(Error::invalid(
            "a token needs a name of 1 to 200 characters",
        ));
    }
    if body.expires_at.is_some_and(|at| at <= Utc::now()) {
        return Err(Error::invalid("expiresAt is in the past"));
    }
    // A token made with a limited token is limited the same way (or further).
    let permissions = match (body.permissions, &who.user.scope) {
        (Some(asked), Some(scope)) => {
            Some(asked.into_iter().filter(|p| scope.contains(p)).collect())
        }
        (asked, scope) => asked.or_else(|| scope.clone()),
    };
    let (token, secret) = accounts::issue_scoped_token(
        &state.store,
        &who.user,
        TokenKind::Api,
        name,
        body.expires_at,
        permissions,
    )
    .await?;
    Ok(reply::created(&NewTokenAnswer {
        id: token.id,
        token: secret,
        name: token.name,
        expires_at: token.expires_at,
        permissions: token.permissions,
    }))
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", responses((status = 200, body = Listing<TokenView>)))]
pub async fn list_tokens(state: AppState, who: Result<Principal>) -> Result<Response> {
    let tokens = accounts::list_tokens(&state.store, &who?.user).await?;
    Ok(reply::json(&Listing::<TokenView>::of(&tokens, None)))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = Uuid, Path, description = "the token's id")),
    responses((status = 204, description = "revoked")))]
pub async fn delete_token(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    accounts::revoke_token(&state.store, &who?.user, id).await?;
    Ok(reply::no_content())
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewUserBody {
    #[schema(format = Email)]
    email: String,
    #[schema(min_length = 8, max_length = 1024)]
    password: String,
    role: Role,
    display_name: Option<String>,
    /// The domains the member joins (ids); none: the first domain.
    #[serde(default)]
    domains: Vec<Uuid>,
}

fn admin(who: Result<Principal>) -> Result<Principal> {
    let who = who?;
    who.user.require(Permission::Admin)?;
    Ok(who)
}

#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = Listing<UserView>), (status = 403, response = ErrorAnswer)))]
pub async fn list_users(state: AppState, who: Result<Principal>) -> Result<Response> {
    admin(who)?;
    let users = state
        .store
        .read(|tx| tx.all::<accounts::User>(|u| u.status == accounts::UserStatus::Active))
        .await?;
    Ok(reply::json(&Listing::<UserView>::of(&users, None)))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserBody,
    responses((status = 201, body = UserView), (status = 403, response = ErrorAnswer),
        (status = 409, response = ErrorAnswer)))]
pub async fn create_user(
    state: AppState,
    who: Result<Principal>,
    body: Result<NewUserBody>,
) -> Result<Response> {
    admin(who)?;
    let body = body?;
    let new = NewUser {
        email: body.email,
        password: body.password,
        role: body.role,
        display_name: body.display_name,
        domains: body.domains,
    };
    let user = accounts::create_user(&state.store, new).await?;
    Ok(reply::created(&UserView::from(&user)))
}

#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path, description = "the user's id")),
    responses((status = 200, body = UserView), (status = 403, response = ErrorAnswer)))]
pub async fn get_user(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    admin(who)?;
    let user = state
        .store
        .read(move |tx| tx.get::<accounts::User>(id))
        .await?
        // A deleted member is gone for the API; their shares say so (`creator_deleted`).
        .filter(|u| u.status == accounts::UserStatus::Active)
        .ok_or(Error::NotFound("user"))?;
    Ok(reply::json(&UserView::from(&user)))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserPatch {
    #[schema(format = Email)]
    email: Option<String>,
    display_name: Option<String>,
    role: Option<Role>,
    #[schema(min_length = 8, max_length = 1024)]
    password: Option<String>,
    /// The domains the member belongs to from now on (ids, one or more).
    domains: Option<Vec<Uuid>>,
}

#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path, description = "the user's id")),
    request_body = UserPatch, responses((status = 200, body = UserView),
        (status = 409, response = ErrorAnswer)))]
pub async fn update_user(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<UserPatch>,
) -> Result<Response> {
    admin(who)?;
    let body = body?;
    let changes = UserChanges {
        display_name: body.display_name,
        role: body.role,
        password: body.password,
        email: body.email,
        domains: body.domains,
    };
    let user = accounts::update_user(&state.store, id, changes).await?;
    Ok(reply::json(&UserView::from(&user)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct DeleteUserQuery {
    /// Give the user's shares to this user first, so their links keep working.
    transfer_to: Option<Uuid>,
}

#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users",
    params(("id" = Uuid, Path, description = "the user's id"), DeleteUserQuery),
    responses((status = 204, description = "deleted"),
        (status = 409, response = ErrorAnswer),
        (status = 422, response = ErrorAnswer)))]
pub async fn delete_user(
    id: Uuid,
    query: Result<DeleteUserQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let who = admin(who)?;
    let query = query?;
    if who.user.id == id {
        return Err(Error::Conflict("you cannot delete yourself".into()));
    }
    crate::shares::service::delete_member(&state, id, query.transfer_to).await?;
    Ok(reply::no_content())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    q: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryEntry {
    id: Uuid,
    email: String,
    display_name: String,
}

/// Team members to pick as recipients: anyone who may share can search them.
#[utoipa::path(get, path = "/api/v1/users/directory", tag = "users", params(DirectoryQuery),
    responses((status = 200, body = Listing<DirectoryEntry>),
        (status = 403, response = ErrorAnswer)))]
pub async fn directory(
    query: Result<DirectoryQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    who?.user.require(Permission::SharesWrite)?;
    let needle = query?.q.unwrap_or_default().trim().to_lowercase();
    let users = state
        .store
        .read(move |tx| {
            tx.all::<accounts::User>(|u| {
                u.status == accounts::UserStatus::Active
                    && (u.email.contains(&needle)
                        || u.display_name.to_lowercase().contains(&needle))
            })
        })
        .await?;
    let items: Vec<DirectoryEntry> = users
        .iter()
        .take(20)
        .map(|u| DirectoryEntry {
            id: u.id,
            email: u.email.clone(),
            display_name: u.display_name.clone(),
        })
        .collect();
    Ok(reply::json(&Listing {
        items,
        next_cursor: None,
    }))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Branding {
    name: String,
    logo_url: Option<String>,
    /// The label of the SSO button (`GET /auth/oidc/start`); null when SSO is not configured.
    sso_button_label: Option<String>,
    /// Whether email and password sign in (`[auth] password_login`).
    password_login: bool,
}

/// The brand of this instance, for the sign-in page (no credentials needed).
#[utoipa::path(get, path = "/api/v1/branding", tag = "auth", security(()), responses((status = 200, body = Branding)))]
pub async fn branding(state: AppState) -> Result<Response> {
    let branding = &state.config.branding;
    let logo_url = branding.logo.as_ref().map(|_| "/branding/logo".to_string());
    Ok(reply::json(&Branding {
        name: branding.name.clone(),
        logo_url,
        sso_button_label: state.sso.button_label().map(str::to_string),
        password_login: state.config.auth.password_login,
    }))
}

/// The configured logo file.
pub async fn logo(state: AppState) -> Result<Response> {
    let path = state
        .config
        .branding
        .logo
        .clone()
        .ok_or(Error::NotFound("logo"))?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| Error::NotFound("logo"))?;
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let mut response = Response::new(bytes.into());
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, header_value(mime.as_ref()));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header_value("public, max-age=3600"));
    Ok(response)
}
