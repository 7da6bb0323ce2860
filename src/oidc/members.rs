//! The member behind an OpenID sign-in: made at the first sign-in, role and name brought up to
//! date at each one.

use super::Identity;
use crate::accounts::{insert_user, User, UserStatus};
use crate::error::{Error, Result};
use crate::store::{Index, Store, WriteTx};
use chrono::Utc;
use uuid::Uuid;

/// The user for `identity`, created or updated in one write.
pub async fn sign_in(store: &Store, identity: Identity) -> Result<User> {
    store.write(move |tx| upsert(tx, identity)).await
}

fn upsert(tx: &WriteTx, identity: Identity) -> Result<User> {
    let subject = Some(identity.subject.clone());
    let linked = tx.all::<User>(|u| u.status == UserStatus::Active && u.oidc_subject == subject)?;
    let mut user = match linked.into_iter().next() {
        Some(user) => user,
        None => return first_sign_in(tx, identity),
    };
    user.role = identity.role;
    if let Some(name) = identity.name.filter(|n| !n.trim().is_empty()) {
        user.display_name = name;
    }
    // The provider's email moved: follow it when no other member holds it.
    if identity.email != user.email
        && tx
            .lookup::<Uuid>(Index::UserEmails, &identity.email)?
            .is_none()
    {
        tx.unlink(Index::UserEmails, &user.email)?;
        tx.link(Index::UserEmails, &identity.email, &user.id)?;
        user.email = identity.email;
    }
    tx.put(&user)?;
    Ok(user)
}

fn first_sign_in(tx: &WriteTx, identity: Identity) -> Result<User> {
    if let Some(id) = tx.lookup::<Uuid>(Index::UserEmails, &identity.email)? {
        // A local account with this email becomes an SSO account only when the provider has
        // verified the address: else anyone who could name it at the provider would take it.
        let mut user = tx.get::<User>(id)?.ok_or(Error::NotFound("user"))?;
        if !identity.email_verified || user.oidc_subject.is_some() {
            return Err(Error::Conflict(format!(
                "a member with email {} exists and the provider has not verified it",
                identity.email
            )));
        }
        user.oidc_subject = Some(identity.subject);
        user.password_hash = String::new();
        user.totp = None;
        user.role = identity.role;
        tx.put(&user)?;
        return Ok(user);
    }
    let display_name = identity
        .name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| {
            identity
                .email
                .split('@')
                .next()
                .unwrap_or_default()
                .to_string()
        });
    insert_user(
        tx,
        User {
            id: Uuid::now_v7(),
            email: identity.email,
            display_name,
            password_hash: String::new(),
            role: identity.role,
            created_at: Utc::now(),
            status: UserStatus::Active,
            totp: None,
            oidc_subject: Some(identity.subject),
            language: None,
            scope: None,
            domains: Vec::new(),
        },
    )
}
