//! Two-factor sign-in of the current user (SPEC §8): enrol, confirm, turn off.

use crate::accounts::Principal;
use crate::error::Result;
use crate::http::reply;
use crate::http::views::ErrorAnswer;
use crate::state::AppState;
use crate::totp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use warp::reply::Response;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentAnswer {
    /// The shared secret, base32, for typing into an authenticator app.
    secret: String,
    /// `otpauth://totp/…` (30 s, 6 digits, SHA-1).
    otpauth_uri: String,
    /// The URI as a QR code (SVG) to scan.
    qr_svg: String,
}

/// Starts enrolment with a new secret; two-factor stays off until confirmed with a code.
#[utoipa::path(post, path = "/api/v1/me/totp", tag = "auth",
    responses((status = 200, body = EnrolmentAnswer), (status = 409, response = ErrorAnswer)))]
pub async fn enrol(state: AppState, who: Result<Principal>) -> Result<Response> {
    let who = who?;
    let enrolment = totp::begin(&state.store, &who.user, &state.config.branding.name).await?;
    Ok(reply::json(&EnrolmentAnswer {
        secret: enrolment.secret,
        otpauth_uri: enrolment.otpauth_uri,
        qr_svg: enrolment.qr_svg,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeBody {
    /// A current code from the authenticator app (or, to turn it off, a recovery code).
    #[schema(min_length = 1, max_length = 64)]
    code: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodes {
    /// Ten codes, each signing in once instead of a TOTP code; shown this once.
    recovery_codes: Vec<String>,
}

/// Turns two-factor on; answers the recovery codes.
#[utoipa::path(post, path = "/api/v1/me/totp/confirm", tag = "auth", request_body = CodeBody,
    responses((status = 200, body = RecoveryCodes), (status = 409, response = ErrorAnswer),
        (status = 422, response = ErrorAnswer)))]
pub async fn confirm(
    state: AppState,
    who: Result<Principal>,
    body: Result<CodeBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let recovery_codes = totp::confirm(&state.store, &who.user, body.code).await?;
    Ok(reply::json(&RecoveryCodes { recovery_codes }))
}

/// Turns two-factor off, for a current code or a recovery code.
#[utoipa::path(delete, path = "/api/v1/me/totp", tag = "auth", request_body = CodeBody,
    responses((status = 204, description = "two-factor is off"),
        (status = 409, response = ErrorAnswer), (status = 422, response = ErrorAnswer)))]
pub async fn disable(
    state: AppState,
    who: Result<Principal>,
    body: Result<CodeBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    totp::disable(&state.store, &who.user, body.code).await?;
    Ok(reply::no_content())
}
