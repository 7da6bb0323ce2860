//! Two-factor sign-in (SPEC §8): TOTP codes (RFC 6238: 30 s steps, 6 digits, SHA-1) and
//! one-use recovery codes. Enrolment gives a secret, confirmation by a code turns it on and
//! hands out the recovery codes (stored hashed); each code signs in once.

use crate::accounts::User;
use crate::auth;
use crate::error::{Error, Result, SignInRefusal};
use crate::store::Store;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use totp_rs::{Algorithm, TOTP};
use uuid::Uuid;

const STEP_SECS: u64 = 30;
const DIGITS: usize = 6;
pub const RECOVERY_CODES: usize = 10;

/// What a user record keeps of its two-factor sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TotpState {
    /// The shared secret, base32 (authenticator apps hold the same).
    secret: String,
    /// Off until a code from the app has confirmed the enrolment.
    pub confirmed: bool,
    /// The last time step a code was accepted for: a code never signs in twice.
    last_step: u64,
    /// SHA-256 of each unused recovery code.
    recovery_hashes: Vec<String>,
}

/// What enrolment shows once: the secret, as text, as a URI and as a QR code of the URI.
pub struct Enrolment {
    pub secret: String,
    pub otpauth_uri: String,
    pub qr_svg: String,
}

/// How a code was accepted.
#[derive(Debug, PartialEq, Eq)]
enum Accepted {
    Step(u64),
    Recovery(usize),
}

fn generator(secret: &str, issuer: &str, account: &str) -> Result<TOTP> {
    let bytes = totp_rs::Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| Error::internal(format!("stored TOTP secret: {e:?}")))?;
    // The otpauth label is `issuer:account`: neither may hold a colon of its own.
    let clean = |text: &str| text.replace(':', " ");
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECS,
        bytes,
        Some(clean(issuer)),
        clean(account),
    )
    .map_err(|e| Error::internal(format!("TOTP: {e:?}")))
}

/// The decision: which code this is, if it may sign in now. TOTP codes of the current step and
/// its neighbours (clocks drift) count, each step once; recovery codes once each.
fn accept(state: &TotpState, code: &str, now_secs: u64) -> Result<Option<Accepted>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == DIGITS && code.chars().all(|c| c.is_ascii_digit()) {
        let totp = generator(&state.secret, "", "")?;
        let now = now_secs / STEP_SECS;
        let step = (now.saturating_sub(1)..=now + 1)
            .filter(|step| *step > state.last_step)
            .find(|step| totp.check(&code, step * STEP_SECS));
        return Ok(step.map(Accepted::Step));
    }
    let hash = auth::token_hash(&normalize_recovery(&code));
    Ok(state
        .recovery_hashes
        .iter()
        .position(|h| *h == hash)
        .map(Accepted::Recovery))
}

/// Recovery codes are read back by people: case, dashes and spaces do not matter.
fn normalize_recovery(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Ten characters of an alphabet without look-alikes (50 bits), shown as `xxxxx-xxxxx`.
fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let chars: String = (0..10)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

fn use_code(state: &mut TotpState, code: &str) -> Result<bool> {
    let now = Utc::now().timestamp().max(0) as u64;
    match accept(state, code, now)? {
        Some(Accepted::Step(step)) => state.last_step = step,
        Some(Accepted::Recovery(index)) => {
            state.recovery_hashes.remove(index);
        }
        None => return Ok(false),
    }
    Ok(true)
}

/// The second factor at sign-in: nothing to check for accounts without two-factor; else the
/// code must be right, and is used up.
pub async fn check_sign_in(store: &Store, user: &User, code: Option<&str>) -> Result<()> {
    if !user.totp.as_ref().is_some_and(|t| t.confirmed) {
        return Ok(());
    }
    let code = code
        .filter(|c| !c.trim().is_empty())
        .ok_or(Error::SignIn(SignInRefusal::TotpRequired))?
        .to_string();
    let used = update(store, user.id, move |state| use_code(state, &code)).await?;
    if used {
        Ok(())
    } else {
        Err(Error::SignIn(SignInRefusal::TotpInvalid))
    }
}

/// Changes the two-factor state of a user inside one write, so that two sign-ins racing with
/// the same code cannot both use it.
async fn update<T: Send + 'static>(
    store: &Store,
    user_id: Uuid,
    change: impl FnOnce(&mut TotpState) -> Result<T> + Send + 'static,
) -> Result<T> {
    store
        .write(move |tx| {
            let mut user = tx.get::<User>(user_id)?.ok_or(Error::NotFound("user"))?;
            let mut state = user
                .totp
                .clone()
                .ok_or_else(|| Error::Conflict("two-factor sign-in is not set up".into()))?;
            let answer = change(&mut state)?;
            user.totp = Some(state);
            tx.put(&user)?;
            Ok(answer)
        })
        .await
}

/// Starts (or restarts) enrolment with a new secret; two-factor stays off until confirmed.
pub async fn begin(store: &Store, user: &User, issuer: &str) -> Result<Enrolment> {
    if !user.has_password() {
        return Err(Error::Conflict(
            "accounts that sign in through SSO use their provider's two-factor".into(),
        ));
    }
    let secret = totp_rs::Secret::Raw(rand::random::<[u8; 20]>().to_vec()).to_encoded();
    let totp_rs::Secret::Encoded(secret) = secret else {
        return Err(Error::internal("base32 encoding of the TOTP secret"));
    };
    let totp = generator(&secret, issuer, &user.email)?;
    let otpauth_uri = totp.get_url();
    let qr_svg = qrcode::QrCode::new(otpauth_uri.as_bytes())
        .map_err(Error::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let pending = TotpState {
        secret: secret.clone(),
        confirmed: false,
        last_step: 0,
        recovery_hashes: Vec::new(),
    };
    let user_id = user.id;
    store
        .write(move |tx| {
            let mut user = tx.get::<User>(user_id)?.ok_or(Error::NotFound("user"))?;
            if user.totp.as_ref().is_some_and(|t| t.confirmed) {
                return Err(Error::Conflict(
                    "two-factor sign-in is already on; turn it off first".into(),
                ));
            }
            user.totp = Some(pending);
            tx.put(&user)
        })
        .await?;
    Ok(Enrolment {
        secret,
        otpauth_uri,
        qr_svg,
    })
}

/// Turns two-factor on with a code from the app; answers the recovery codes, shown this once.
pub async fn confirm(store: &Store, user: &User, code: String) -> Result<Vec<String>> {
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let hashes = codes
        .iter()
        .map(|c| auth::token_hash(&normalize_recovery(c)))
        .collect();
    update(store, user.id, move |state| {
        if state.confirmed {
            return Err(Error::Conflict("two-factor sign-in is already on".into()));
        }
        if !use_code(state, &code)? {
            return Err(Error::invalid(
                "wrong code: enter the code the app shows now",
            ));
        }
        state.confirmed = true;
        state.recovery_hashes = hashes;
        Ok(())
    })
    .await?;
    Ok(codes)
}

/// Turns two-factor off, for a current code or an unused recovery code.
pub async fn disable(store: &Store, user: &User, code: String) -> Result<()> {
    let confirmed = update(store, user.id, move |state| {
        Ok(!state.confirmed || use_code(state, &code)?)
    })
    .await?;
    if !confirmed {
        return Err(Error::invalid("wrong or already used code"));
    }
    reset(store, user.id).await
}

/// Two-factor off without a code: the admin's way out for a member who lost their phone.
pub async fn reset(store: &Store, user_id: Uuid) -> Result<()> {
    store
        .write(move |tx| {
            let mut user = tx.get::<User>(user_id)?.ok_or(Error::NotFound("user"))?;
            user.totp = None;
            tx.put(&user)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 seed, "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    fn state(last_step: u64) -> TotpState {
        TotpState {
            secret: RFC_SECRET.into(),
            confirmed: true,
            last_step,
            recovery_hashes: vec![auth::token_hash("abcdefghjk")],
        }
    }

    #[test]
    fn codes_follow_rfc_6238() {
        // The RFC's vectors are 8 digits; 6 digits are their last six.
        let totp = generator(RFC_SECRET, "x", "y").unwrap();
        assert_eq!(totp.generate(59), "287082");
        assert_eq!(totp.generate(1_111_111_109), "081804");
        assert_eq!(totp.generate(2_000_000_000), "279037");
    }

    #[test]
    fn a_code_counts_in_its_step_and_the_neighbours_once() {
        let now = 1_111_111_109;
        let step = now / STEP_SECS;
        assert_eq!(
            accept(&state(0), "081804", now).unwrap(),
            Some(Accepted::Step(step))
        );
        assert_eq!(
            accept(&state(0), "081 804", now + 30).unwrap(),
            Some(Accepted::Step(step))
        );
        assert_eq!(accept(&state(0), "081804", now + 90).unwrap(), None);
        // Used once: the same step no longer signs in.
        assert_eq!(accept(&state(step), "081804", now).unwrap(), None);
        assert_eq!(accept(&state(0), "000000", now).unwrap(), None);
    }

    #[test]
    fn recovery_codes_match_however_they_are_typed() {
        let s = state(0);
        assert_eq!(
            accept(&s, "ABCDE-FGHJK", 0).unwrap(),
            Some(Accepted::Recovery(0))
        );
        assert_eq!(
            accept(&s, "abcde fghjk", 0).unwrap(),
            Some(Accepted::Recovery(0))
        );
        assert_eq!(accept(&s, "abcde-fghjx", 0).unwrap(), None);
        let code = new_recovery_code();
        assert_eq!((code.len(), &code[5..6]), (11, "-"));
    }

    #[test]
    fn enrolment_uri_names_issuer_and_account() {
        let totp = generator(RFC_SECRET, "Acme: Files", "ann@example.com").unwrap();
        let uri = totp.get_url();
        assert!(
            uri.starts_with("otpauth://totp/Acme%20%20Files:ann%40example.com?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={RFC_SECRET}")));
    }
}
