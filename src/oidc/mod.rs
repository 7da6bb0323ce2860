//! Signing in through an OpenID provider (SPEC §8): discovery, the authorization code flow
//! with PKCE, `state` and `nonce`, and the ID token's checks (signature over the provider's
//! JWKS with RS256 or ES256, issuer, audience, expiry, nonce), all by `openidconnect`. The
//! provider's metadata and keys are cached; an ID token signed with a key id the cache has not
//! seen makes one refetch of the keys (the provider rotated them).
//!
//! The flow keeps no server state: `state`, `nonce` and the PKCE verifier travel in a signed,
//! HttpOnly cookie that binds the sign-in to the browser that started it.

mod http;
pub mod members;

use crate::accounts::{normalize_email, Role};
use crate::auth::Signer;
use crate::config::Oidc;
use crate::error::{Error, Result};
use chrono::Utc;
use http::Http;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreClientAuthMethod, CoreGenderClaim, CoreIdToken,
    CoreJsonWebKeySet, CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError,
    Scope, SignatureVerificationError, SubjectIdentifier, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The cookie that carries a sign-in in progress from `/auth/oidc/start` to the callback.
pub const FLOW_COOKIE: &str = "handoff_oidc";
/// How long a sign-in at the provider may take.
const FLOW_SECS: i64 = 600;

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Single sign-on through the configured provider, if any.
pub struct Sso {
    config: Option<Oidc>,
    redirect_url: String,
    http: Http,
    /// Discovery's answer with the provider's keys, fetched at the first sign-in.
    provider: tokio::sync::Mutex<Option<CoreProviderMetadata>>,
}

/// A sign-in begun: where to send the browser, and the cookie to set.
pub struct Start {
    pub url: String,
    pub flow_cookie: String,
}

/// What the provider sends back to the redirect URI.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// The person the provider vouches for.
#[derive(Debug, Clone)]
pub struct Identity {
    /// `issuer subject`: what links the provider's account to ours.
    pub subject: String,
    pub email: String,
    pub email_verified: bool,
    pub name: Option<String>,
    pub role: Role,
}

/// Claims beyond the standard ones (the role claim), as the userinfo endpoint sends them.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct OtherClaims {
    #[serde(flatten)]
    claims: Map<String, Value>,
}

impl AdditionalClaims for OtherClaims {}

fn refused(message: impl Into<String>) -> Error {
    Error::bad_request(message)
}

impl Sso {
    pub fn new(config: Option<Oidc>, public_url: &str) -> Result<Sso, String> {
        Ok(Sso {
            config,
            redirect_url: format!("{public_url}/auth/oidc/callback"),
            http: Http::new()?,
            provider: tokio::sync::Mutex::new(None),
        })
    }

    /// The label of the sign-in page's SSO button, when SSO is configured.
    pub fn button_label(&self) -> Option<&str> {
        self.config.as_ref().map(|c| c.button_label.as_str())
    }

    fn config(&self) -> Result<&Oidc> {
        self.config
            .as_ref()
            .ok_or(Error::NotFound("single sign-on"))
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata> {
        let mut cached = self.provider.lock().await;
        if let Some(metadata) = cached.as_ref() {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.config()?.issuer.clone())
            .map_err(|e| Error::internal(format!("oidc.issuer: {e}")))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Error::Unavailable(format!("OpenID discovery failed: {e}")))?;
        *cached = Some(metadata.clone());
        Ok(metadata)
    }

    /// The provider's keys again, after an ID token named a key id they lacked.
    async fn refetch_keys(&self) -> Result<CoreProviderMetadata> {
        let metadata = self.metadata().await?;
        let keys = CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), &self.http)
            .await
            .map_err(|e| Error::Unavailable(format!("the provider's keys: {e}")))?;
        let metadata = metadata.set_jwks(keys);
        *self.provider.lock().await = Some(metadata.clone());
        Ok(metadata)
    }

    fn client(&self, metadata: CoreProviderMetadata) -> Result<Client> {
        let config = self.config()?;
        // client_secret_basic unless the provider offers only client_secret_post.
        let post_only = metadata
            .token_endpoint_auth_methods_supported()
            .is_some_and(|methods| {
                methods.contains(&CoreClientAuthMethod::ClientSecretPost)
                    && !methods.contains(&CoreClientAuthMethod::ClientSecretBasic)
            });
        let redirect = RedirectUrl::new(self.redirect_url.clone()).map_err(Error::internal)?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(config.client_id.clone()),
            config.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        Ok(match post_only {
            true => client.set_auth_type(AuthType::RequestBody),
            false => client,
        })
    }

    /// Begins a sign-in: the provider's authorization URL and the signed flow cookie.
    pub async fn start(&self, signer: &Signer) -> Result<Start> {
        let config = self.config()?;
        let client = self.client(self.metadata().await?)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let flow = Flow {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            expires: Utc::now().timestamp() + FLOW_SECS,
        };
        Ok(Start {
            url: url.to_string(),
            flow_cookie: signer.sign(&flow.encode()),
        })
    }

    /// Finishes a sign-in: checks the flow, trades the code for tokens, verifies the ID token
    /// and reads the claims. Every refusal is 400 and signs no one in.
    pub async fn finish(
        &self,
        signer: &Signer,
        flow_cookie: Option<&str>,
        callback: Callback,
    ) -> Result<Identity> {
        let flow = flow_cookie
            .and_then(|cookie| signer.verify(cookie))
            .and_then(Flow::decode)
            .filter(|flow| flow.expires > Utc::now().timestamp())
            .ok_or_else(|| {
                refused("this sign-in was not started here or took too long; start again")
            })?;
        if let Some(error) = callback.error {
            let detail = callback.error_description.unwrap_or_default();
            return Err(refused(format!(
                "the provider refused the sign-in: {error} {detail}"
            )));
        }
        if callback.state.as_deref() != Some(flow.state.as_str()) {
            return Err(refused("the sign-in's state does not match; start again"));
        }
        let code = callback
            .code
            .ok_or_else(|| refused("the provider sent no code"))?;
        let client = self.client(self.metadata().await?)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(Error::internal)?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                RequestTokenError::Request(e) => {
                    Error::Unavailable(format!("the provider's token endpoint: {e}"))
                }
                other => refused(format!("the provider did not accept the code: {other}")),
            })?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| refused("the provider sent no ID token"))?;
        let nonce = Nonce::new(flow.nonce);
        let verified = match verify(&client, id_token, &nonce) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => verify(&self.client(self.refetch_keys().await?)?, id_token, &nonce),
            other => other,
        }
        .map_err(|e| refused(format!("the ID token does not verify: {e}")))?;
        let mut claims = verified.claims;
        let role_claim = &self.config()?.role_claim;
        if !claims.contains_key(role_claim) || !claims.contains_key("email") {
            // Claims the ID token lacks, from userinfo (for the same subject only).
            let subject = SubjectIdentifier::new(verified.subject.clone());
            if let Ok(request) = client.user_info(tokens.access_token().clone(), Some(subject)) {
                let info: UserInfoClaims<OtherClaims, CoreGenderClaim> = request
                    .request_async(&self.http)
                    .await
                    .map_err(|e| refused(format!("the provider's userinfo: {e}")))?;
                let standard = [
                    ("email", info.email().map(|e| Value::String(e.to_string()))),
                    ("email_verified", info.email_verified().map(Value::Bool)),
                    (
                        "name",
                        info.name()
                            .and_then(|n| n.get(None))
                            .map(|n| Value::String(n.to_string())),
                    ),
                ];
                let standard = standard
                    .into_iter()
                    .filter_map(|(k, v)| Some((k.to_string(), v?)));
                for (key, value) in info
                    .additional_claims()
                    .claims
                    .clone()
                    .into_iter()
                    .chain(standard)
                {
                    claims.entry(key).or_insert(value);
                }
            }
        }
        self.identity(&verified.subject, &claims)
    }

    fn identity(&self, subject: &str, claims: &Map<String, Value>) -> Result<Identity> {
        let config = self.config()?;
        let email = claims.get("email").and_then(Value::as_str).ok_or_else(|| {
            refused("the provider gave no email address (ask for the email scope)")
        })?;
        Ok(Identity {
            subject: format!("{} {subject}", config.issuer.trim_end_matches('/')),
            email: normalize_email(email)?,
            email_verified: claims.get("email_verified") == Some(&Value::Bool(true)),
            name: claims
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string),
            role: role_for(config, claims.get(&config.role_claim)),
        })
    }
}

struct Verified {
    subject: String,
    claims: Map<String, Value>,
}

/// The ID token's checks; then its claims, all of them (the role claim is no standard one).
fn verify(
    client: &Client,
    id_token: &CoreIdToken,
    nonce: &Nonce,
) -> Result<Verified, ClaimsVerificationError> {
    let verifier = client.id_token_verifier().set_allowed_algs([
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    ]);
    let subject = id_token.claims(&verifier, nonce)?.subject().to_string();
    // The signature holds, so the payload is the provider's: read it whole.
    let payload = id_token.to_string();
    let claims = payload
        .split('.')
        .nth(1)
        .and_then(|part| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .ok()
        })
        .and_then(|bytes| serde_json::from_slice::<Map<String, Value>>(&bytes).ok())
        .ok_or_else(|| ClaimsVerificationError::Other("unreadable payload".into()))?;
    Ok(Verified { subject, claims })
}

/// The decision: the role a claim's value (a string or a list of them) maps to.
pub fn role_for(config: &Oidc, claim: Option<&Value>) -> Role {
    let values: Vec<&str> = match claim {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let named = |list: &[String]| values.iter().any(|v| list.iter().any(|l| l == v));
    if named(&config.admin_values) {
        Role::Admin
    } else if named(&config.editor_values) {
        Role::Editor
    } else {
        Role::parse(&config.default_role).unwrap_or(Role::Viewer)
    }
}

/// A sign-in in progress, as the flow cookie carries it (signed).
#[derive(Debug, PartialEq)]
struct Flow {
    state: String,
    nonce: String,
    verifier: String,
    expires: i64,
}

impl Flow {
    fn encode(&self) -> String {
        let Flow {
            state,
            nonce,
            verifier,
            expires,
        } = self;
        format!("oidc:{state}:{nonce}:{verifier}:{expires}")
    }

    fn decode(text: &str) -> Option<Flow> {
        let mut parts = text.strip_prefix("oidc:")?.split(':');
        let mut next = || parts.next().map(str::to_string);
        let flow = Flow {
            state: next()?,
            nonce: next()?,
            verifier: next()?,
            expires: next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(flow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn roles_follow_the_claim() {
        let config = Oidc::example();
        let role = |claim: Value| role_for(&config, Some(&claim));
        assert_eq!(role(json!(["staff", "handoff-admins"])), Role::Admin);
        assert_eq!(role(json!("handoff-editors")), Role::Editor);
        assert_eq!(
            role(json!(["handoff-editors", "handoff-admins"])),
            Role::Admin
        );
        assert_eq!(role(json!(["staff"])), Role::Viewer);
        assert_eq!(role(json!(42)), Role::Viewer);
        assert_eq!(role_for(&config, None), Role::Viewer);
        let editors_by_default = Oidc {
            default_role: "editor".into(),
            ..Oidc::example()
        };
        assert_eq!(role_for(&editors_by_default, None), Role::Editor);
    }

    #[test]
    fn the_flow_cookie_round_trips_and_refuses_tampering() {
        let flow = Flow {
            state: "s-1".into(),
            nonce: "n_2".into(),
            verifier: "v3".into(),
            expires: 1_700_000_000,
        };
        let signer = Signer::new([1; 32]);
        let cookie = signer.sign(&flow.encode());
        assert_eq!(signer.verify(&cookie).and_then(Flow::decode), Some(flow));
        let tampered = cookie.replace("s-1", "s-2");
        assert_eq!(signer.verify(&tampered).and_then(Flow::decode), None);
        assert_eq!(Flow::decode("oidc:a:b:c:1:extra"), None);
    }
}
