//! Saved searches: a named filter over the assets (text, kind, collection, attributes) that
//! anyone on the team can run and share. A share of a search follows it: assets that match
//! later appear on the link, as a collection's members do.

use crate::accounts::{Permission, User};
use crate::assets::{Asset, Filter};
use crate::domains::Scope;
use crate::error::{Error, Result};
use crate::store::{ReadTx, Record, Store, Table};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub filter: Filter,
    pub created_at: DateTime<Utc>,
}

impl Record for SavedSearch {
    const TABLE: Table = Table::Searches;
    fn key(&self) -> Uuid {
        self.id
    }
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::invalid(
            "a saved search needs a name of 1 to 200 characters",
        ));
    }
    Ok(name.chars().filter(|c| !c.is_control()).collect())
}

fn check_filter(filter: Filter) -> Result<Filter> {
    if filter.text.as_deref().is_some_and(|t| t.len() > 1000)
        || filter.attributes.len() > 50
        || (filter.attributes.iter()).any(|(k, v)| k.is_empty() || k.len() > 100 || v.len() > 1000)
    {
        return Err(Error::invalid(
            "a search has up to 1000 bytes of text and up to 50 attributes of 1 to 100 byte names",
        ));
    }
    Ok(filter)
}

/// The assets a search finds now among those `scope` sees, newest first.
pub fn run(tx: &ReadTx, search: &SavedSearch, scope: &Scope) -> Result<Vec<Asset>> {
    let matcher = search.filter.matcher(|id| tx.get(id))?;
    let mut found = tx.all::<Asset>(|a| scope.sees(a) && matcher.matches(a))?;
    found.reverse();
    Ok(found)
}

pub async fn create(store: &Store, user: &User, name: &str, filter: Filter) -> Result<SavedSearch> {
    user.require(Permission::AssetsRead)?;
    let search = SavedSearch {
        id: Uuid::now_v7(),
        owner_id: user.id,
        name: check_name(name)?,
        filter: check_filter(filter)?,
        created_at: Utc::now(),
    };
    store
        .write(move |tx| {
            if let Some(id) = search.filter.collection {
                tx.get::<crate::assets::Collection>(id)?
                    .ok_or_else(|| Error::invalid("collectionId names no collection"))?;
            }
            tx.put(&search)?;
            Ok(search)
        })
        .await
}

pub async fn get(store: &Store, user: &User, id: Uuid) -> Result<SavedSearch> {
    user.require(Permission::AssetsRead)?;
    store
        .read(move |tx| tx.get::<SavedSearch>(id))
        .await?
        .ok_or(Error::NotFound("saved search"))
}

pub async fn list(store: &Store, user: &User) -> Result<Vec<SavedSearch>> {
    user.require(Permission::AssetsRead)?;
    let mut all = store.read(|tx| tx.all::<SavedSearch>(|_| true)).await?;
    all.reverse();
    Ok(all)
}

/// The assets the search finds now, of those the user sees (in `domain`, when given).
pub async fn assets(
    store: &Store,
    user: &User,
    id: Uuid,
    domain: Option<Uuid>,
) -> Result<Vec<Asset>> {
    let search = get(store, user, id).await?;
    let scope = Scope::of(user).within(domain)?;
    store.read(move |tx| run(tx, &search, &scope)).await
}

/// Renames a search or changes what it asks for; only its owner or an admin.
pub async fn update(
    store: &Store,
    user: &User,
    id: Uuid,
    name: Option<String>,
    change: impl FnOnce(&mut Filter) + Send + 'static,
) -> Result<SavedSearch> {
    let name = name.as_deref().map(check_name).transpose()?;
    let user = user.clone();
    store
        .write(move |tx| {
            let mut search = owned(tx.get::<SavedSearch>(id)?, &user)?;
            search.name = name.unwrap_or(search.name);
            change(&mut search.filter);
            search.filter = check_filter(search.filter)?;
            tx.put(&search)?;
            Ok(search)
        })
        .await
}

pub async fn delete(store: &Store, user: &User, id: Uuid) -> Result<()> {
    let user = user.clone();
    store
        .write(move |tx| {
            owned(tx.get::<SavedSearch>(id)?, &user)?;
            tx.remove::<SavedSearch>(id).map(drop)
        })
        .await
}

fn owned(search: Option<SavedSearch>, user: &User) -> Result<SavedSearch> {
    let search = search.ok_or(Error::NotFound("saved search"))?;
    user.require(Permission::AssetsWrite)?;
    if search.owner_id == user.id || user.is_admin() {
        Ok(search)
    } else {
        Err(Error::forbidden(
            "only the search's owner or an admin may change it",
        ))
    }
}
