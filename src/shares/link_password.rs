//! A link's password as its creator sets it, for shares and upload requests alike: checked
//! against the sharing policy, hashed, and counted in generations so that a new password ends
//! the visits unlocked with the one before.

use super::options;
use crate::auth;
use crate::config::SharingAllow;
use crate::error::Result;

/// The hash of a new link's password; none when it is absent or empty.
pub async fn hash_new(password: Option<String>, allowed: &SharingAllow) -> Result<Option<String>> {
    match password.filter(|p| !p.is_empty()) {
        Some(password) => {
            options::check_password(&password, allowed)?;
            Ok(Some(auth::hash_password(password).await?))
        }
        None => Ok(None),
    }
}

/// What a change asks of the password: `None` leaves it, `Some(None)` removes it (an empty
/// password too), `Some(Some(hash))` sets a new one.
pub async fn hash_change(
    password: Option<Option<String>>,
    allowed: &SharingAllow,
) -> Result<Option<Option<String>>> {
    match password {
        Some(password) => Ok(Some(hash_new(password, allowed).await?)),
        None => Ok(None),
    }
}

/// Applies a change from [`hash_change`] to a link's hash and generation.
pub fn apply(hash: &mut Option<String>, generation: &mut u32, change: Option<Option<String>>) {
    if let Some(new) = change {
        *generation += u32::from(new.is_some());
        *hash = new;
    }
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn a_new_password_starts_a_new_generation_and_removing_one_does_not() {
        let (mut hash, mut generation) = (None, 0);
        apply(&mut hash, &mut generation, None);
        assert_eq!((hash.as_deref(), generation), (None, 0));
        apply(&mut hash, &mut generation, Some(Some("h1".into())));
        assert_eq!((hash.as_deref(), generation), (Some("h1"), 1));
        apply(&mut hash, &mut generation, Some(None));
        assert_eq!((hash.as_deref(), generation), (None, 1));
        apply(&mut hash, &mut generation, Some(Some("h2".into())));
        assert_eq!((hash.as_deref(), generation), (Some("h2"), 2));
    }
}
