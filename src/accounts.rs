//! Users, roles and their permissions; API tokens and web sessions (stored only as hashes).

use crate::auth;
use crate::error::{Error, Result};
use crate::store::{Index, Record, Store, Table, WriteTx};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Editor,
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Permission {
    #[serde(rename = "assets:read")]
    AssetsRead,
    #[serde(rename = "assets:write")]
    AssetsWrite,
    #[serde(rename = "shares:read")]
    SharesRead,
    #[serde(rename = "shares:write")]
    SharesWrite,
    #[serde(rename = "admin")]
    Admin,
}

impl Permission {
    pub fn name(self) -> &'static str {
        match self {
            Permission::AssetsRead => "assets:read",
            Permission::AssetsWrite => "assets:write",
            Permission::SharesRead => "shares:read",
            Permission::SharesWrite => "shares:write",
            Permission::Admin => "admin",
        }
    }
}

impl Role {
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Viewer => &[AssetsRead, SharesRead],
            Role::Editor => &[AssetsRead, AssetsWrite, SharesRead, SharesWrite],
            Role::Admin => &[AssetsRead, AssetsWrite, SharesRead, SharesWrite, Admin],
        }
    }

    pub fn parse(text: &str) -> Result<Role> {
        match text {
            "viewer" => Ok(Role::Viewer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(Error::invalid(format!(
                "role must be viewer, editor or admin, not {other:?}"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    Active,
    Deleted,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub status: UserStatus,
    /// Two-factor sign-in, once enrolment has begun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<crate::totp::TotpState>,
    /// `issuer sub` of the OpenID account this user signs in with; such users have no password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oidc_subject: Option<String>,
    /// The language this user chose for the app (`crate::i18n::LANGUAGES`): the emails they
    /// get as an owner speak it. None: English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The permissions of the token this request came with, when it names a subset: the user
    /// can do only what both allow. Never stored: the role is read afresh on every request.
    #[serde(skip)]
    pub scope: Option<Vec<Permission>>,
    /// The domains this member belongs to, the first one where their uploads go by default
    /// (SPEC §10); never empty once stored (`insert_user` gives the first domain).
    #[serde(default)]
    pub domains: Vec<Uuid>,
}

impl Record for User {
    const TABLE: Table = Table::Users;
    fn key(&self) -> Uuid {
        self.id
    }
}

impl User {
    /// The language of the emails to this user as an owner.
    pub fn lang(&self) -> crate::i18n::Lang {
        self.language
            .as_deref()
            .and_then(crate::i18n::Lang::from_code)
            .unwrap_or_default()
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.status == UserStatus::Active
            && self.role.permissions().contains(&permission)
            && self
                .scope
                .as_ref()
                .is_none_or(|scope| scope.contains(&permission))
    }

    /// What this user can do now, through the credentials of this request.
    pub fn permissions(&self) -> Vec<Permission> {
        let all = Role::Admin.permissions().iter().copied();
        all.filter(|p| self.can(*p)).collect()
    }

    /// A local account signs in with a password; one made by OpenID sign-in has none.
    pub fn has_password(&self) -> bool {
        self.oidc_subject.is_none() && !self.password_hash.is_empty()
    }

    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(Error::forbidden(format!(
                "this needs the {} permission",
                permission.name()
            )))
        }
    }

    pub fn is_admin(&self) -> bool {
        self.can(Permission::Admin)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Api,
    Session,
    /// A web session of a member who must enrol two-factor first (`[auth] require_totp`): it
    /// opens only the enrolment routes.
    Enrolment,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: TokenKind,
    pub name: String,
    pub hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// A subset of the user's permissions this token is limited to (absent: all of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<Permission>>,
}

impl Record for Token {
    const TABLE: Table = Table::Tokens;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// Who is asking, and how they proved it.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub token: Token,
}

pub const SESSION_DAYS: i64 = 7;

pub fn normalize_email(email: &str) -> Result<String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '<' || c == '>')
        && matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if valid {
        Ok(email)
    } else {
        Err(Error::invalid(format!("{email:?} is not an email address")))
    }
}

fn check_password_rule(password: &str) -> Result<()> {
    if password.chars().count() < 8 {
        return Err(Error::invalid("passwords need at least 8 characters"));
    }
    if password.len() > 1024 {
        return Err(Error::invalid("passwords are at most 1024 bytes"));
    }
    Ok(())
}

pub struct NewUser {
    pub email: String,
    pub password: String,
    pub role: Role,
    pub display_name: Option<String>,
    /// The domains the member joins; none: the first domain.
    pub domains: Vec<Uuid>,
}

pub async fn create_user(store: &Store, new: NewUser) -> Result<User> {
    let email = normalize_email(&new.email)?;
    check_password_rule(&new.password)?;
    let password_hash = auth::hash_password(new.password).await?;
    let user = User {
        id: Uuid::now_v7(),
        display_name: new
            .display_name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string()),
        email,
        password_hash,
        role: new.role,
        created_at: Utc::now(),
        status: UserStatus::Active,
        totp: None,
        oidc_subject: None,
        language: None,
        scope: None,
        domains: Vec::new(),
    };
    let domains = new.domains;
    store
        .write(move |tx| {
            let mut user = user;
            if !domains.is_empty() {
                user.domains = crate::domains::check_membership(tx, domains)?;
            }
            insert_user(tx, user)
        })
        .await
}

pub fn insert_user(tx: &WriteTx, mut user: User) -> Result<User> {
    if tx.lookup::<Uuid>(Index::UserEmails, &user.email)?.is_some() {
        return Err(Error::Conflict(format!(
            "a user with email {} exists",
            user.email
        )));
    }
    tx.link(Index::UserEmails, &user.email, &user.id)?;
    if user.domains.is_empty() {
        user.domains = vec![crate::domains::first(tx)?];
    }
    tx.put(&user)?;
    Ok(user)
}

pub async fn user_by_email(store: &Store, email: &str) -> Result<Option<User>> {
    let email = email.trim().to_lowercase();
    store
        .read(
            move |tx| match tx.lookup::<Uuid>(Index::UserEmails, &email)? {
                Some(id) => tx.get::<User>(id),
                None => Ok(None),
            },
        )
        .await
}

/// Email and password → the user, or 401 for anything wrong (same answer for both).
pub async fn check_login(store: &Store, email: &str, password: &str) -> Result<User> {
    let wrong = || Error::Unauthenticated("wrong email or password".into());
    let user = user_by_email(store, email)
        .await?
        .filter(|u| u.status == UserStatus::Active && u.has_password());
    let Some(user) = user else {
        // Spend the same time as a real check, so timing does not tell which emails exist.
        let _ = auth::hash_password(password.to_string()).await;
        return Err(wrong());
    };
    if auth::verify_password(password.to_string(), user.password_hash.clone()).await? {
        Ok(user)
    } else {
        Err(wrong())
    }
}

/// A new token for `user`; returns the record and the secret, shown once.
pub async fn issue_token(
    store: &Store,
    user: &User,
    kind: TokenKind,
    name: String,
    expires_at: Option<DateTime<Utc>>,
) -> Result<(Token, String)> {
    issue_scoped_token(store, user, kind, name, expires_at, None).await
}

/// A new token limited to `permissions` (None: all the user's).
pub async fn issue_scoped_token(
    store: &Store,
    user: &User,
    kind: TokenKind,
    name: String,
    expires_at: Option<DateTime<Utc>>,
    permissions: Option<Vec<Permission>>,
) -> Result<(Token, String)> {
    let secret = auth::random_token();
    let token = Token {
        id: Uuid::now_v7(),
        user_id: user.id,
        kind,
        name,
        hash: auth::token_hash(&secret),
        created_at: Utc::now(),
        expires_at,
        permissions,
    };
    let saved = token.clone();
    store
        .write(move |tx| {
            tx.link(Index::TokenHashes, &saved.hash, &saved.id)?;
            tx.put(&saved)
        })
        .await?;
    Ok((token, secret))
}

pub async fn new_session(store: &Store, user: &User) -> Result<(Token, String)> {
    let expires = Utc::now() + Duration::days(SESSION_DAYS);
    issue_token(
        store,
        user,
        TokenKind::Session,
        "web session".into(),
        Some(expires),
    )
    .await
}

/// A short session that may only enrol two-factor (`[auth] require_totp`).
pub async fn new_enrolment_session(store: &Store, user: &User) -> Result<(Token, String)> {
    let expires = Utc::now() + Duration::minutes(30);
    let name = "two-factor enrolment".to_string();
    issue_token(store, user, TokenKind::Enrolment, name, Some(expires)).await
}

/// The CSRF token of a web session: derived from the session, so it needs no storage.
pub fn csrf_token(signer: &auth::Signer, session: &Token) -> String {
    signer.sign(&format!("csrf:{}", session.id))
}

/// The user behind a bearer token or session secret, if it is valid now.
pub async fn authenticate(store: &Store, secret: &str) -> Result<Principal> {
    let hash = auth::token_hash(secret);
    let found = store
        .read(move |tx| {
            let Some(id) = tx.lookup::<Uuid>(Index::TokenHashes, &hash)? else {
                return Ok(None);
            };
            let Some(token) = tx.get::<Token>(id)? else {
                return Ok(None);
            };
            Ok(tx
                .get::<User>(token.user_id)?
                .map(|user| Principal { user, token }))
        })
        .await?;
    let invalid = || Error::Unauthenticated("invalid, expired or revoked token".into());
    let principal = found.ok_or_else(invalid)?;
    let expired = principal
        .token
        .expires_at
        .is_some_and(|at| at <= Utc::now());
    if expired || principal.user.status != UserStatus::Active {
        return Err(invalid());
    }
    let mut principal = principal;
    principal.user.scope = principal.token.permissions.clone();
    Ok(principal)
}

pub async fn revoke_token(store: &Store, owner: &User, id: Uuid) -> Result<()> {
    let owner = owner.clone();
    store
        .write(move |tx| {
            let token = tx
                .get::<Token>(id)?
                .filter(|t| t.user_id == owner.id || owner.is_admin())
                .ok_or(Error::NotFound("token"))?;
            tx.unlink(Index::TokenHashes, &token.hash)?;
            tx.remove::<Token>(id)?;
            Ok(())
        })
        .await
}

pub async fn list_tokens(store: &Store, user: &User) -> Result<Vec<Token>> {
    let user_id = user.id;
    store
        .read(move |tx| tx.all::<Token>(|t| t.user_id == user_id && t.kind == TokenKind::Api))
        .await
}

pub struct UserChanges {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub password: Option<String>,
    pub email: Option<String>,
    /// The domains the member belongs to from now on (SPEC §10).
    pub domains: Option<Vec<Uuid>>,
}

pub async fn update_user(store: &Store, id: Uuid, changes: UserChanges) -> Result<User> {
    let password_hash = match changes.password {
        Some(password) => {
            check_password_rule(&password)?;
            Some(auth::hash_password(password).await?)
        }
        None => None,
    };
    let email = changes.email.as_deref().map(normalize_email).transpose()?;
    store
        .write(move |tx| {
            let mut user = tx
                .get::<User>(id)?
                .filter(|u| u.status == UserStatus::Active)
                .ok_or(Error::NotFound("user"))?;
            if let Some(email) = email.filter(|e| *e != user.email) {
                if tx.lookup::<Uuid>(Index::UserEmails, &email)?.is_some() {
                    return Err(Error::Conflict(format!("a user with email {email} exists")));
                }
                tx.unlink(Index::UserEmails, &user.email)?;
                tx.link(Index::UserEmails, &email, &user.id)?;
                user.email = email;
            }
            if let Some(name) = changes.display_name {
                user.display_name = name;
            }
            if let Some(role) = changes.role {
                user.role = role;
            }
            if let Some(domains) = changes.domains {
                user.domains = crate::domains::check_membership(tx, domains)?;
            }
            if let Some(hash) = password_hash {
                user.password_hash = hash;
                revoke_all_tokens(tx, user.id)?;
            }
            tx.put(&user)?;
            Ok(user)
        })
        .await
}

fn revoke_all_tokens(tx: &WriteTx, user_id: Uuid) -> Result<()> {
    for token in tx.all::<Token>(|t| t.user_id == user_id)? {
        tx.unlink(Index::TokenHashes, &token.hash)?;
        tx.remove::<Token>(token.id)?;
    }
    Ok(())
}

/// Marks a user deleted: their tokens stop working and their email is free again. Their
/// shares stop working too (the access check sees the deleted creator), unless an admin
/// transferred them first.
pub fn delete_user(tx: &WriteTx, id: Uuid) -> Result<()> {
    let mut user = tx
        .get::<User>(id)?
        .filter(|u| u.status == UserStatus::Active)
        .ok_or(Error::NotFound("user"))?;
    let admins = tx.all::<User>(|u| u.status == UserStatus::Active && u.role == Role::Admin)?;
    if user.role == Role::Admin && admins.len() == 1 {
        return Err(Error::Conflict("the last admin cannot be deleted".into()));
    }
    revoke_all_tokens(tx, id)?;
    tx.unlink(Index::UserEmails, &user.email)?;
    user.status = UserStatus::Deleted;
    tx.put(&user)?;
    Ok(())
}

/// On first start: the admin of the config, with its password or a one-time one printed once.
/// Returns the generated password, if one was made.
pub fn bootstrap_admin(
    store: &Store,
    email: &str,
    password: Option<&str>,
) -> Result<Option<String>> {
    let has_users = store.read_now(|tx| tx.count::<User>())? > 0;
    if has_users {
        return Ok(None);
    }
    let generated = password
        .is_none()
        .then(|| auth::random_token()[..20].to_string());
    let password = password
        .map(str::to_string)
        .or_else(|| generated.clone())
        .unwrap_or_default();
    let email = normalize_email(email)?;
    let user = User {
        id: Uuid::now_v7(),
        display_name: "Administrator".into(),
        email,
        password_hash: auth::hash_password_now(&password)?,
        role: Role::Admin,
        created_at: Utc::now(),
        status: UserStatus::Active,
        totp: None,
        oidc_subject: None,
        language: None,
        scope: None,
        domains: Vec::new(),
    };
    store.write_now(|tx| insert_user(tx, user))?;
    Ok(generated)
}

/// Keeps the language `user` chose for the app (one of `crate::i18n::LANGUAGES`), which the
/// emails to them as an owner speak; None goes back to English.
pub async fn set_language(store: &Store, user: &User, language: Option<String>) -> Result<User> {
    let language = match language {
        Some(code) => Some(
            crate::i18n::LANGUAGES
                .iter()
                .find(|l| **l == code)
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "language: {code:?} is none of {}",
                        crate::i18n::LANGUAGES.join(", ")
                    ))
                })?
                .to_string(),
        ),
        None => None,
    };
    let id = user.id;
    store
        .write(move |tx| {
            let mut user = tx
                .get::<User>(id)?
                .filter(|u| u.status == UserStatus::Active)
                .ok_or(Error::NotFound("user"))?;
            user.language = language;
            tx.put(&user)?;
            Ok(user)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_the_spec_permissions() {
        use Permission::*;
        assert!(Role::Viewer.permissions().contains(&AssetsRead));
        assert!(!Role::Viewer.permissions().contains(&AssetsWrite));
        assert!(!Role::Viewer.permissions().contains(&SharesWrite));
        assert!(Role::Editor.permissions().contains(&SharesWrite));
        assert!(!Role::Editor.permissions().contains(&Admin));
        assert!(Role::Admin.permissions().contains(&Admin));
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            normalize_email(" Ann@Example.COM ").unwrap(),
            "ann@example.com"
        );
        assert!(normalize_email("no-at-sign").is_err());
        assert!(normalize_email("a@b\r\nBcc: x@y").is_err());
        assert!(normalize_email("@b").is_err());
    }
}
