//! Managing webhooks: the rules of `super` with the store around them.

use super::{guard, Change, Happening, Subscription, Webhook, PING};
use crate::accounts::User;
use crate::error::Result;
use crate::notify::Outgoing;
use crate::state::AppState;
use crate::store::Page;
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

pub async fn create(state: &AppState, user: &User, mut ask: Subscription) -> Result<Webhook> {
    super::may_subscribe(user)?;
    ask.url = guard::check_url(&ask.url, state.config.webhooks.allow_private)
        .await?
        .to_string();
    let hook = super::new_webhook(user, ask)?;
    let saved = hook.clone();
    state.store.write(move |tx| tx.put(&saved)).await?;
    Ok(hook)
}

/// The webhooks `user` manages: their own; an admin's, everyone's.
pub async fn list(state: &AppState, user: &User) -> Result<Vec<Webhook>> {
    super::may_subscribe(user)?;
    let user = user.clone();
    state
        .store
        .read(move |tx| tx.all::<Webhook>(|h| h.owner_id == user.id || user.is_admin()))
        .await
}

pub async fn get(state: &AppState, user: &User, id: Uuid) -> Result<Webhook> {
    let hook = state.store.read(move |tx| tx.get::<Webhook>(id)).await?;
    super::managed(hook, user)
}

pub async fn update(
    state: &AppState,
    user: &User,
    id: Uuid,
    mut change: Change,
) -> Result<Webhook> {
    get(state, user, id).await?;
    if let Some(url) = change.url.take() {
        let checked = guard::check_url(&url, state.config.webhooks.allow_private).await?;
        change.url = Some(checked.to_string());
    }
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let hook = super::managed(tx.get::<Webhook>(id)?, &user)?;
            let hook = super::apply(hook, change)?;
            tx.put(&hook)?;
            Ok(hook)
        })
        .await
}

/// Deletes a webhook; deliveries still queued for it fail when their turn comes.
pub async fn delete(state: &AppState, user: &User, id: Uuid) -> Result<()> {
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            super::managed(tx.get::<Webhook>(id)?, &user)?;
            tx.remove::<Webhook>(id).map(|_| ())
        })
        .await
}

pub async fn deliveries(
    state: &AppState,
    user: &User,
    id: Uuid,
    before: Option<Uuid>,
    limit: usize,
) -> Result<Page<Outgoing>> {
    get(state, user, id).await?;
    state
        .store
        .read(move |tx| super::deliveries(tx, id, before, limit))
        .await
}

/// Queues a `webhook.test` event for the webhook, whatever it subscribes to.
pub async fn send_test(state: &AppState, user: &User, id: Uuid) -> Result<()> {
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let hook = super::managed(tx.get::<Webhook>(id)?, &user)?;
            let ping = Happening {
                kind: PING,
                owner: hook.owner_id,
                data: json!({"webhookId": hook.id, "message": "a test event from handoff"}),
                at: Utc::now(),
            };
            super::queue(tx, &hook, &ping)
        })
        .await?;
    state.outbox.wake();
    Ok(())
}
