//! The domain error: every failure a request can meet, with its HTTP status and code.
//! This is the one place where errors turn into statuses.

use std::fmt;
use strum::IntoEnumIterator;

#[derive(Debug, Clone, PartialEq, strum::EnumIter)]
pub enum Error {
    /// 400: the request cannot be read.
    BadRequest(String),
    /// 401: no or wrong credentials.
    Unauthenticated(String),
    /// 403: authenticated but not allowed.
    Forbidden(String),
    /// 403: a browser sent this for another site (a form posted from elsewhere).
    CrossSite,
    /// 404
    NotFound(&'static str),
    /// 405
    MethodNotAllowed,
    /// 409
    Conflict(String),
    /// 412: a precondition the client stated does not hold (e.g. `Tus-Resumable`).
    PreconditionFailed(String),
    /// 410 with the reason, e.g. `expired`.
    Gone(GoneReason),
    /// 413
    TooLarge(String),
    /// 415
    UnsupportedType(String),
    /// 416 with the full length, for `Content-Range: bytes */len`.
    RangeNotSatisfiable(u64),
    /// 422: readable but breaks a rule.
    Invalid(String),
    /// 460 (tus checksum extension): the body does not match its `Upload-Checksum`.
    ChecksumMismatch,
    /// 429 with the seconds to wait.
    TooManyAttempts(u64),
    /// 507: the data folder is full, or would be left with less than its reserve.
    InsufficientStorage(String),
    /// 500: our fault, never the client's input.
    Internal(String),
    /// 503: the database or the data folder does not answer (health checks).
    Unavailable(String),
    /// 401 or 403: a sign-in refused for a reason the client must act on (SPEC §8).
    SignIn(SignInRefusal),
    /// 503 with the seconds to wait: the server is at its limit of this work (PDF pages).
    Busy(u64),
}

/// Why a sign-in (or a session) is refused, with the code the client acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumIter)]
pub enum SignInRefusal {
    /// The account has two-factor on and no code was sent.
    #[default]
    TotpRequired,
    /// The code is neither a current TOTP code not used before nor an unused recovery code.
    TotpInvalid,
    /// `[auth] password_login = false`: sign in through OpenID Connect.
    PasswordLoginDisabled,
    /// `[auth] require_totp`: this session may only enrol two-factor.
    TotpEnrolmentRequired,
}

impl SignInRefusal {
    pub fn status(self) -> u16 {
        match self {
            SignInRefusal::TotpRequired | SignInRefusal::TotpInvalid => 401,
            SignInRefusal::PasswordLoginDisabled | SignInRefusal::TotpEnrolmentRequired => 403,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SignInRefusal::TotpRequired => "totp_required",
            SignInRefusal::TotpInvalid => "totp_invalid",
            SignInRefusal::PasswordLoginDisabled => "password_login_disabled",
            SignInRefusal::TotpEnrolmentRequired => "totp_enrolment_required",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            SignInRefusal::TotpRequired => "this account needs a two-factor code (send `code`)",
            SignInRefusal::TotpInvalid => "wrong or already used two-factor code",
            SignInRefusal::PasswordLoginDisabled => {
                "password sign-in is turned off here; sign in with SSO"
            }
            SignInRefusal::TotpEnrolmentRequired => {
                "set up two-factor sign-in first (POST /api/v1/me/totp), then sign in again"
            }
        }
    }
}

/// Why a link no longer works; recipients are told which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumIter)]
pub enum GoneReason {
    #[default]
    Expired,
    Disabled,
    UsedUp,
    CreatorDeleted,
    RecipientRemoved,
    RecipientExpired,
    AssetUnavailable,
}

impl GoneReason {
    pub fn code(self) -> &'static str {
        match self {
            GoneReason::Expired => "expired",
            GoneReason::Disabled => "disabled",
            GoneReason::UsedUp => "used_up",
            GoneReason::CreatorDeleted => "creator_deleted",
            GoneReason::RecipientRemoved => "recipient_removed",
            GoneReason::RecipientExpired => "recipient_expired",
            GoneReason::AssetUnavailable => "asset_unavailable",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            GoneReason::Expired => "This link has expired.",
            GoneReason::Disabled => "This link has been disabled by its owner.",
            GoneReason::UsedUp => "This link has been used as many times as it allows.",
            GoneReason::CreatorDeleted => {
                "The person who shared this link no longer has an account."
            }
            GoneReason::RecipientRemoved => "Your access to this share has been removed.",
            GoneReason::RecipientExpired => "Your personal link has expired.",
            GoneReason::AssetUnavailable => "This file is no longer available.",
        }
    }
}

impl Error {
    pub fn status(&self) -> u16 {
        match self {
            Error::BadRequest(_) => 400,
            Error::Unauthenticated(_) => 401,
            Error::Forbidden(_) | Error::CrossSite => 403,
            Error::NotFound(_) => 404,
            Error::MethodNotAllowed => 405,
            Error::Conflict(_) => 409,
            Error::PreconditionFailed(_) => 412,
            Error::Gone(_) => 410,
            Error::TooLarge(_) => 413,
            Error::UnsupportedType(_) => 415,
            Error::RangeNotSatisfiable(_) => 416,
            Error::Invalid(_) => 422,
            Error::TooManyAttempts(_) => 429,
            Error::ChecksumMismatch => 460,
            Error::InsufficientStorage(_) => 507,
            Error::Internal(_) => 500,
            Error::Unavailable(_) => 503,
            Error::SignIn(refusal) => refusal.status(),
            Error::Busy(_) => 503,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::Unauthenticated(_) => "unauthenticated",
            Error::Forbidden(_) => "forbidden",
            Error::CrossSite => "cross_site_request",
            Error::NotFound(_) => "not_found",
            Error::MethodNotAllowed => "method_not_allowed",
            Error::Conflict(_) => "conflict",
            Error::PreconditionFailed(_) => "precondition_failed",
            Error::Gone(reason) => reason.code(),
            Error::TooLarge(_) => "too_large",
            Error::UnsupportedType(_) => "unsupported_media_type",
            Error::RangeNotSatisfiable(_) => "range_not_satisfiable",
            Error::Invalid(_) => "invalid",
            Error::TooManyAttempts(_) => "too_many_attempts",
            Error::ChecksumMismatch => "checksum_mismatch",
            Error::InsufficientStorage(_) => "insufficient_storage",
            Error::Internal(_) => "internal",
            Error::Unavailable(_) => "unavailable",
            Error::SignIn(refusal) => refusal.code(),
            Error::Busy(_) => "busy",
        }
    }

    /// Every code an error answer can carry, each once: taken from `code()` over every kind
    /// (and every reason of the kinds that have several), so a new kind brings its code here
    /// by itself — the catalogues of error messages are checked against this list.
    pub fn codes() -> Vec<&'static str> {
        Error::iter()
            .flat_map(|kind| match kind {
                Error::Gone(_) => GoneReason::iter().map(GoneReason::code).collect(),
                Error::SignIn(_) => SignInRefusal::iter().map(SignInRefusal::code).collect(),
                other => vec![other.code()],
            })
            .collect()
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid(message.into())
    }

    pub fn bad_request(message: impl Into<String>) -> Error {
        Error::BadRequest(message.into())
    }

    pub fn forbidden(message: impl Into<String>) -> Error {
        Error::Forbidden(message.into())
    }

    pub fn internal(message: impl fmt::Display) -> Error {
        Error::Internal(message.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadRequest(m)
            | Error::Unauthenticated(m)
            | Error::Forbidden(m)
            | Error::Conflict(m)
            | Error::PreconditionFailed(m)
            | Error::TooLarge(m)
            | Error::UnsupportedType(m)
            | Error::Invalid(m)
            | Error::InsufficientStorage(m)
            | Error::Unavailable(m) => f.write_str(m),
            Error::CrossSite => f.write_str(
                "refused: another site made your browser send this; use this server's own pages",
            ),
            Error::NotFound(what) => write!(f, "{what} not found"),
            Error::MethodNotAllowed => f.write_str("method not allowed on this route"),
            Error::Gone(reason) => f.write_str(reason.message()),
            Error::RangeNotSatisfiable(len) => write!(f, "range not satisfiable (length {len})"),
            Error::TooManyAttempts(secs) => write!(f, "too many attempts; try again in {secs} s"),
            Error::ChecksumMismatch => f.write_str("the body does not match its Upload-Checksum"),
            // Details of internal failures go to the log, not to the client.
            Error::Internal(_) => f.write_str("internal error"),
            Error::SignIn(refusal) => f.write_str(refusal.message()),
            Error::Busy(secs) => write!(f, "busy making other pages; try again in {secs} s"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                Error::InsufficientStorage(format!("the data folder is full: {e}"))
            }
            _ => Error::Internal(format!("i/o: {e}")),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `e` with its causes, for libraries whose message leaves out what went wrong underneath.
pub fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_507_not_500() {
        let full = Error::from(std::io::Error::from_raw_os_error(28)); // ENOSPC
        assert_eq!((full.status(), full.code()), (507, "insufficient_storage"));
        let other = Error::from(std::io::Error::from_raw_os_error(5)); // EIO
        assert_eq!((other.status(), other.code()), (500, "internal"));
    }

    #[test]
    fn every_code_is_listed_once() {
        let codes = Error::codes();
        for code in [
            "conflict",
            "expired",
            "asset_unavailable",
            "totp_invalid",
            "busy",
        ] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "a code listed twice: {codes:?}");
    }
}
