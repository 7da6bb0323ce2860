//! Share operations for their owners: create, change, list, delete; assets; handing shares on
//! when a member leaves. Each change is one write transaction. Recipients and invitations are
//! `recipients`; the recipient side is `entry`.

use super::content::{resolve, shareable, ContentAsk};
use super::link_password;
use super::options::{self, set_if_given, ExpiryAsk, ExpiryRules};
use super::recipients::{make_recipient, queue_invites};
use super::{
    counters, tell, Access, Content, DownloadOptions, Link, NotifyAsk, NotifyChoice, Share,
    ShareCounters,
};
use crate::accounts::{self, Permission, User, UserStatus};
use crate::assets::Asset;
use crate::auth;
use crate::domains::Scope;
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store::{Index, Page, WriteTx};
use crate::webhooks;
use chrono::Utc;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub enum RecipientAsk {
    Email(String),
    User(Uuid),
}

#[derive(Debug, Default)]
pub struct NewShare {
    pub title: String,
    pub description: Option<String>,
    pub content: ContentAsk,
    pub expiry: ExpiryAsk,
    pub max_uses: Option<u64>,
    pub password: Option<String>,
    pub access: Option<Access>,
    pub download_options: Option<DownloadOptions>,
    pub show_attributes: Option<Vec<String>>,
    pub watermark: Option<bool>,
    pub enabled: Option<bool>,
    pub recipients: Vec<RecipientAsk>,
    pub message: Option<String>,
    pub notify: NotifyAsk,
    pub remind: Option<bool>,
    pub language: Option<String>,
}

/// An asset left out of a share, and why.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    pub asset_id: Uuid,
    pub reason: &'static str,
}

fn expiry_rules<'a>(state: &'a AppState, max_days: u32) -> ExpiryRules<'a> {
    let sharing = &state.config.sharing;
    ExpiryRules {
        durations_days: &sharing.durations_days,
        default_days: sharing.default_duration_days.min(max_days),
        max_days,
    }
}

pub fn may_manage(user: &User, share: &Share) -> Result<()> {
    user.require(Permission::SharesWrite)?;
    if share.owner_id == user.id || user.is_admin() {
        Ok(())
    } else {
        Err(Error::NotFound("share"))
    }
}

/// The share `id`, if `user` may manage it (inside a write transaction).
pub(super) fn managed(tx: &WriteTx, user: &User, id: Uuid) -> Result<Share> {
    let mut share = tx.get::<Share>(id)?.ok_or(Error::NotFound("share"))?;
    may_manage(user, &share)?;
    share.counters = counters::read_in_write(tx, id)?;
    Ok(share)
}

/// The asset list of a share that lists its assets; a collection share is edited through
/// its collection.
fn listed_assets(share: &mut Share) -> Result<&mut Vec<Uuid>> {
    match &mut share.content {
        Content::Assets(ids) => Ok(ids),
        Content::Collection(_) => Err(Error::Conflict(
            "this share follows a collection; change the collection instead".into(),
        )),
        Content::Search(_) => Err(Error::Conflict(
            "this share follows a saved search; change the search instead".into(),
        )),
    }
}

pub fn may_read(user: &User, share: &Share) -> Result<()> {
    user.require(Permission::SharesRead)?;
    if share.owner_id == user.id || user.is_admin() {
        Ok(())
    } else {
        Err(Error::NotFound("share"))
    }
}

pub async fn create(
    state: &AppState,
    owner: &User,
    new: NewShare,
) -> Result<(Share, Vec<Skipped>)> {
    owner.require(Permission::SharesWrite)?;
    let config = &state.config;
    let allowed = config.sharing.allow;
    let now = Utc::now();
    let title = options::check_title(&new.title)?;
    let description = options::check_description(new.description.as_deref().unwrap_or_default())?;
    let expires_at = options::resolve_expiry(
        new.expiry,
        &expiry_rules(state, config.sharing.max_expiry_days),
        now,
    )?;
    let max_uses = options::check_max_uses(new.max_uses, &allowed)?;
    let access = options::check_access(new.access.unwrap_or(default_access(state)), &allowed)?;
    let watermark = new
        .watermark
        .unwrap_or(config.sharing.defaults.watermark && allowed.watermark);
    if watermark {
        options::require_allowed(allowed.watermark, "watermarks")?;
    }
    let download_options = options::check_download_options(
        new.download_options
            .unwrap_or_else(|| options::default_download_options(&config.sharing.defaults)),
        &allowed,
        &config.presets,
    )?;
    let show_attributes = options::check_shown_attributes(
        new.show_attributes
            .unwrap_or_else(|| options::DEFAULT_SHOWN_ATTRIBUTES.map(String::from).to_vec()),
    )?;
    let password_hash = link_password::hash_new(new.password, &allowed).await?;
    if new.content.new_collection.is_some() {
        owner.require(Permission::AssetsWrite)?;
    }
    let content_ask = new.content;
    let share = Share {
        id: Uuid::now_v7(),
        owner_id: owner.id,
        title,
        description,
        content: Content::Assets(Vec::new()),
        token: auth::link_token(),
        created_at: now,
        expires_at,
        max_uses,
        password_hash,
        password_generation: 0,
        access,
        download_options,
        show_attributes,
        watermark,
        enabled: new.enabled.unwrap_or(true),
        recipients: Vec::new(),
        allowed,
        max_expiry_days: config.sharing.max_expiry_days,
        message: new.message,
        creator_deleted: false,
        notify: new.notify.applied_to(NotifyChoice {
            opened: config.notify.opened,
            downloaded: config.notify.downloaded,
        }),
        remind: new.remind.unwrap_or(true),
        language: language_of(new.language)?,
        counters: ShareCounters::default(),
    };
    let recipients = new.recipients;
    let (sharer, base) = (owner.display_name.clone(), state.config.public_url());
    let created = state
        .store
        .write(move |tx| {
            let mut share = share;
            let (content, skipped) = resolve(tx, content_ask, share.owner_id, now)?;
            share.content = content;
            for ask in recipients {
                let recipient = make_recipient(tx, ask, share.expires_at, now)?;
                share.recipients.push(recipient);
            }
            let invited: Vec<Uuid> = share.recipients.iter().map(|r| r.id).collect();
            let message = share.message.clone();
            queue_invites(tx, &mut share, &invited, &sharer, &base, message.as_deref())?;
            save_new(tx, &share)?;
            tell::share_event(tx, &base, &share, webhooks::SHARE_CREATED, json!({}))?;
            Ok((share, skipped))
        })
        .await?;
    state.outbox.wake();
    Ok(created)
}

fn default_access(state: &AppState) -> Access {
    match state.config.sharing.defaults.access.as_str() {
        "view" => Access::View,
        _ => Access::Download,
    }
}

fn save_new(tx: &WriteTx, share: &Share) -> Result<()> {
    tx.link(
        Index::Links,
        &share.token,
        &Link {
            share_id: share.id,
            recipient_id: None,
        },
    )?;
    for recipient in &share.recipients {
        tx.link(
            Index::Links,
            &recipient.token,
            &Link {
                share_id: share.id,
                recipient_id: Some(recipient.id),
            },
        )?;
    }
    tx.put(share)
}

pub async fn get(state: &AppState, user: &User, id: Uuid) -> Result<Share> {
    let share = state
        .store
        .read(move |tx| {
            let share = tx.get::<Share>(id)?.ok_or(Error::NotFound("share"))?;
            Ok(counters::load(tx, vec![share])?.remove(0))
        })
        .await?;
    may_read(user, &share)?;
    Ok(share)
}

pub struct ListQuery {
    pub status: Option<String>,
    pub owner: Option<Uuid>,
    pub before: Option<Uuid>,
    pub limit: usize,
}

pub async fn list(state: &AppState, user: &User, query: ListQuery) -> Result<Page<Share>> {
    user.require(Permission::SharesRead)?;
    if let Some(status) = query.status.as_deref() {
        if !Share::STATUSES.contains(&status) {
            return Err(Error::invalid(format!(
                "status must be one of {}",
                Share::STATUSES.join(", ")
            )));
        }
    }
    let (user_id, admin) = (user.id, user.is_admin());
    let now = Utc::now();
    state
        .store
        .read(move |tx| {
            let has_status = |s: &Share, status: &str| {
                let mut counted = s.clone();
                counted.counters = counters::read(tx, s.id).unwrap_or_default();
                counted.status(now) == status
            };
            let keep = |s: &Share| {
                query.owner.is_none_or(|o| s.owner_id == o)
                    && query.status.as_deref().is_none_or(|st| has_status(s, st))
            };
            let page = match (admin, query.owner) {
                (true, None) => tx.page::<Share>(query.before, query.limit, keep),
                (true, Some(owner)) => tx.owned_page(owner, query.before, query.limit, keep),
                (false, _) => tx.owned_page(user_id, query.before, query.limit, keep),
            }?;
            Ok(Page {
                items: counters::load(tx, page.items)?,
                next: page.next,
            })
        })
        .await
}

/// Changes to a share; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct Patch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub expiry: ExpiryAsk,
    pub max_uses: Option<Option<u64>>,
    pub password: Option<Option<String>>,
    pub access: Option<Access>,
    pub download_options: Option<DownloadOptions>,
    pub show_attributes: Option<Vec<String>>,
    pub watermark: Option<bool>,
    pub enabled: Option<bool>,
    pub asset_ids: Option<Vec<Uuid>>,
    pub notify: NotifyAsk,
    pub remind: Option<bool>,
    pub language: Option<String>,
}

/// The language asked for a share's emails: one of those offered, by its code.
pub(crate) fn language_of(asked: Option<String>) -> Result<Option<String>> {
    match asked.as_deref().map(crate::i18n::Lang::from_code) {
        None => Ok(None),
        Some(Some(lang)) => Ok(Some(lang.code().to_string())),
        Some(None) => Err(Error::invalid(format!(
            "language: one of {}",
            crate::i18n::LANGUAGES.join(", ")
        ))),
    }
}

pub async fn update(
    state: &AppState,
    user: &User,
    id: Uuid,
    patch: Patch,
) -> Result<(Share, Vec<Skipped>)> {
    let current = get(state, user, id).await?;
    may_manage(user, &current)?;
    let allowed = current.allowed;
    let now = Utc::now();
    let title = patch
        .title
        .as_deref()
        .map(options::check_title)
        .transpose()?;
    let description = patch
        .description
        .as_deref()
        .map(options::check_description)
        .transpose()?;
    let expires_at = match patch.expiry.is_empty() {
        true => None,
        false => Some(options::resolve_expiry(
            patch.expiry,
            &expiry_rules(state, current.max_expiry_days),
            now,
        )?),
    };
    let max_uses = patch
        .max_uses
        .map(|m| options::check_max_uses(m, &allowed))
        .transpose()?;
    let access = patch
        .access
        .map(|a| options::check_access(a, &allowed))
        .transpose()?;
    if patch.watermark == Some(true) {
        options::require_allowed(allowed.watermark, "watermarks")?;
    }
    let download_options = patch
        .download_options
        .map(|o| options::check_download_options(o, &allowed, &state.config.presets))
        .transpose()?;
    let show_attributes = patch
        .show_attributes
        .map(options::check_shown_attributes)
        .transpose()?;
    let password_hash = link_password::hash_change(patch.password, &allowed).await?;
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let mut share = managed(tx, &user, id)?;
            let mut skipped = Vec::new();
            if let Some(ids) = patch.asset_ids {
                let (kept, left_out) = shareable(tx, share.owner_id, &ids, now)?;
                share.content = Content::Assets(kept);
                skipped = left_out;
            }
            set_if_given(&mut share.title, title);
            set_if_given(&mut share.description, description);
            set_if_given(&mut share.expires_at, expires_at);
            // The count of uses already made is never reset.
            set_if_given(&mut share.max_uses, max_uses);
            link_password::apply(
                &mut share.password_hash,
                &mut share.password_generation,
                password_hash,
            );
            set_if_given(&mut share.access, access);
            set_if_given(&mut share.download_options, download_options);
            set_if_given(&mut share.show_attributes, show_attributes);
            set_if_given(&mut share.watermark, patch.watermark);
            set_if_given(&mut share.enabled, patch.enabled);
            share.notify = patch.notify.applied_to(share.notify);
            share.remind = patch.remind.unwrap_or(share.remind);
            if patch.language.is_some() {
                share.language = language_of(patch.language)?;
            }
            tx.put(&share)?;
            Ok((share, skipped))
        })
        .await
}

/// Adds assets to a share that lists its assets; returns the share and what was left out.
pub async fn add_assets(
    state: &AppState,
    user: &User,
    id: Uuid,
    asset_ids: Vec<Uuid>,
) -> Result<(Share, Vec<Skipped>)> {
    let user = user.clone();
    let now = Utc::now();
    state
        .store
        .write(move |tx| {
            let mut share = managed(tx, &user, id)?;
            let owner = share.owner_id;
            let current = listed_assets(&mut share)?;
            let (kept, skipped) = shareable(tx, owner, &asset_ids, now)?;
            for asset in kept {
                if !current.contains(&asset) {
                    current.push(asset);
                }
            }
            tx.put(&share)?;
            Ok((share, skipped))
        })
        .await
}

pub async fn remove_asset(
    state: &AppState,
    user: &User,
    id: Uuid,
    asset_id: Uuid,
) -> Result<Share> {
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let mut share = managed(tx, &user, id)?;
            let current = listed_assets(&mut share)?;
            let before = current.len();
            current.retain(|a| *a != asset_id);
            if current.len() == before {
                return Err(Error::NotFound("asset in this share"));
            }
            tx.put(&share)?;
            Ok(share)
        })
        .await
}

pub async fn delete(state: &AppState, user: &User, id: Uuid) -> Result<()> {
    let user = user.clone();
    state
        .store
        .write(move |tx| {
            let share = managed(tx, &user, id)?;
            tx.unlink(Index::Links, &share.token)?;
            for recipient in &share.recipients {
                tx.unlink(Index::Links, &recipient.token)?;
            }
            tx.remove_events(id)?;
            tx.remove::<ShareCounters>(id)?;
            tx.remove::<Share>(id)?;
            Ok(())
        })
        .await
}

/// Deletes a team member in one transaction. Their shares go to `transfer_to`, so that their
/// links live on; without one, they stop working (410) and are listed as `creator_deleted`.
pub async fn delete_member(state: &AppState, id: Uuid, transfer_to: Option<Uuid>) -> Result<()> {
    if transfer_to == Some(id) {
        return Err(Error::invalid("transferTo is the user being deleted"));
    }
    state
        .store
        .write(move |tx| {
            if let Some(to) = transfer_to {
                tx.get::<User>(to)?
                    .filter(|u| u.status == UserStatus::Active && u.can(Permission::SharesWrite))
                    .ok_or_else(|| {
                        Error::invalid("transferTo must name an active user who may share")
                    })?;
            }
            accounts::delete_user(tx, id)?;
            for mut share in tx.owned::<Share>(id, |_| true)? {
                match transfer_to {
                    Some(to) => share.owner_id = to,
                    None => share.creator_deleted = true,
                }
                tx.put(&share)?;
            }
            crate::requests::service::hand_on(tx, id, transfer_to)?;
            Ok(())
        })
        .await
}

/// The shares the user may see that hold `asset_id` (an asset the user sees): those whose
/// links show it now, the asset within their creator's domains.
pub async fn shares_of_asset(state: &AppState, user: &User, asset_id: Uuid) -> Result<Vec<Share>> {
    user.require(Permission::SharesRead)?;
    let (user_id, admin) = (user.id, user.is_admin());
    let scope = Scope::of(user);
    state
        .store
        .read(move |tx| {
            let asset = (tx.get::<Asset>(asset_id)?)
                .filter(|a| scope.sees(a))
                .ok_or(Error::NotFound("asset"))?;
            let candidates = match admin {
                true => tx.all::<Share>(|_| true)?,
                false => tx.owned::<Share>(user_id, |_| true)?,
            };
            let mut creators: HashMap<Uuid, bool> = HashMap::new();
            let mut found = Vec::new();
            for share in candidates {
                let creator_sees = match creators.get(&share.owner_id) {
                    Some(sees) => *sees,
                    None => {
                        let owner = tx.get::<User>(share.owner_id)?;
                        let sees = Scope::of_stored(owner).sees(&asset);
                        *creators.entry(share.owner_id).or_insert(sees)
                    }
                };
                if creator_sees && super::content::holds(tx, &share, &asset)? {
                    found.push(share);
                }
            }
            counters::load(tx, found)
        })
        .await
}
