//! The identity settings (SPEC §8): `[auth]` for local passwords and two-factor, `[oidc]` for
//! signing in through an OpenID provider.

use super::load::fail;
use super::ConfigError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Auth {
    /// false: local passwords no longer sign in on the web or the API (the CLI still manages
    /// users); sign-in goes through `[oidc]`.
    pub password_login: bool,
    /// Local accounts must enrol TOTP; until they have, their session may only do that.
    pub require_totp: bool,
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            password_login: true,
            require_totp: false,
        }
    }
}

/// An OpenID Connect provider (Keycloak, Authentik, Entra ID, Google…).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Oidc {
    /// Discovery reads `{issuer}/.well-known/openid-configuration`. https, except on loopback.
    pub issuer: String,
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The claim (ID token, then userinfo) whose value or values give the role.
    #[serde(default = "default_role_claim")]
    pub role_claim: String,
    #[serde(default)]
    pub admin_values: Vec<String>,
    #[serde(default)]
    pub editor_values: Vec<String>,
    /// The role of users whose claim names neither an admin nor an editor value.
    #[serde(default = "default_role")]
    pub default_role: String,
    #[serde(default = "default_button_label")]
    pub button_label: String,
}

fn default_scopes() -> Vec<String> {
    ["openid", "email", "profile"].map(String::from).to_vec()
}

fn default_role_claim() -> String {
    "groups".into()
}

fn default_role() -> String {
    "viewer".into()
}

fn default_button_label() -> String {
    "Sign in with SSO".into()
}

impl Oidc {
    pub fn example() -> Oidc {
        Oidc {
            issuer: "https://id.example.com/realms/team".into(),
            client_id: "handoff".into(),
            client_secret: Some("client-secret".into()),
            scopes: default_scopes(),
            role_claim: default_role_claim(),
            admin_values: vec!["handoff-admins".into()],
            editor_values: vec!["handoff-editors".into()],
            default_role: default_role(),
            button_label: default_button_label(),
        }
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if !issuer_scheme_allowed(&self.issuer) {
            return Err(fail(
                "oidc.issuer",
                "must be an https:// URL (http:// only for a provider on this machine's loopback)",
            ));
        }
        if self.client_id.trim().is_empty() {
            return Err(fail("oidc.client_id", "must not be empty"));
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            return Err(fail("oidc.scopes", "must include \"openid\""));
        }
        if !["viewer", "editor", "admin"].contains(&self.default_role.as_str()) {
            return Err(fail(
                "oidc.default_role",
                "must be \"viewer\", \"editor\" or \"admin\"",
            ));
        }
        Ok(())
    }
}

/// An issuer is reached over https; plain http only on loopback, where nothing travels the
/// network (a provider on the same host, or the tests' one).
fn issuer_scheme_allowed(issuer: &str) -> bool {
    let Some(rest) = issuer.strip_prefix("http://") else {
        return issuer.starts_with("https://");
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_use_https_except_on_loopback() {
        assert!(issuer_scheme_allowed("https://id.example.com/realms/x"));
        assert!(issuer_scheme_allowed("http://127.0.0.1:4000"));
        assert!(issuer_scheme_allowed("http://localhost:4000/"));
        assert!(issuer_scheme_allowed("http://[::1]:4000"));
        assert!(!issuer_scheme_allowed("http://id.example.com"));
        assert!(!issuer_scheme_allowed("http://127.0.0.1.example.com"));
        assert!(!issuer_scheme_allowed("http://10.0.0.1:4000"));
        assert!(!issuer_scheme_allowed("ftp://127.0.0.1"));
    }
}
