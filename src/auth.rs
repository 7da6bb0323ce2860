//! Secrets: argon2id password hashes (computed off the async threads), random tokens stored
//! only as hashes, and HMAC signatures for visit cookies.

use crate::error::{Error, Result};
use crate::store::blocking;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub async fn hash_password(password: String) -> Result<String> {
    blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(Error::internal)
    })
    .await
}

pub fn hash_password_now(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

pub async fn verify_password(password: String, hash: String) -> Result<bool> {
    blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(Error::internal)?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

/// A new unguessable token: 32 random bytes, URL-safe.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// A shorter random token for share links (128 bits).
pub fn link_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
}

/// How a token is stored: its SHA-256, hex. Tokens are random, so no salt is needed.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Signs and checks short messages with the server key.
#[derive(Clone)]
pub struct Signer {
    key: [u8; 32],
}

impl Signer {
    pub fn new(key: [u8; 32]) -> Signer {
        Signer { key }
    }

    fn mac(&self, message: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(message.as_bytes());
        mac
    }

    /// `message.signature`, URL-safe.
    pub fn sign(&self, message: &str) -> String {
        let signature = self.mac(message).finalize().into_bytes();
        format!("{message}.{}", URL_SAFE_NO_PAD.encode(&signature[..16]))
    }

    /// The message inside a signed value, when the signature holds.
    pub fn verify<'a>(&self, signed: &'a str) -> Option<&'a str> {
        let (message, signature) = signed.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(message).verify_truncated_left(&signature).ok()?;
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_hold_and_break() {
        let signer = Signer::new([7; 32]);
        let signed = signer.sign("visit:abc:123");
        assert_eq!(signer.verify(&signed), Some("visit:abc:123"));
        assert_eq!(signer.verify(&signed.replace("abc", "abd")), None);
        assert_eq!(Signer::new([8; 32]).verify(&signed), None);
        assert_eq!(signer.verify("no-signature"), None);
    }

    #[tokio::test]
    async fn passwords_verify() {
        let hash = hash_password("secret".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("secret".into(), hash.clone())
            .await
            .unwrap());
        assert!(!verify_password("Secret".into(), hash).await.unwrap());
    }
}
