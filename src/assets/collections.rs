//! Collections: named sets of assets a member keeps (and shares as one link that follows them);
//! each viewer sees in one only the assets of their domains.

use super::Asset;
use crate::accounts::{Permission, User};
use crate::domains::Scope;
use crate::error::{Error, Result};
use crate::store::{Record, Store, Table, WriteTx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collection {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub asset_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl Record for Collection {
    const TABLE: Table = Table::Collections;
    fn key(&self) -> Uuid {
        self.id
    }
}

pub fn check_collection_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::invalid(
            "a collection needs a name of 1 to 200 characters",
        ));
    }
    Ok(name.chars().filter(|c| !c.is_control()).collect())
}

pub async fn create_collection(
    store: &Store,
    user: &User,
    name: &str,
    asset_ids: Vec<Uuid>,
) -> Result<Collection> {
    user.require(Permission::AssetsWrite)?;
    let scope = Scope::of(user);
    let collection = Collection {
        id: Uuid::now_v7(),
        owner_id: user.id,
        name: check_collection_name(name)?,
        asset_ids: Vec::new(),
        created_at: Utc::now(),
    };
    store
        .write(move |tx| {
            let mut collection = collection;
            add_members(tx, &scope, &mut collection, &asset_ids)?;
            tx.put(&collection)?;
            Ok(collection)
        })
        .await
}

/// Adds assets `scope` sees to a collection; others do not exist for the one adding them.
fn add_members(
    tx: &WriteTx,
    scope: &Scope,
    collection: &mut Collection,
    asset_ids: &[Uuid],
) -> Result<()> {
    for id in asset_ids {
        if !tx.get::<Asset>(*id)?.is_some_and(|a| scope.sees(&a)) {
            return Err(Error::invalid(format!("asset {id} does not exist")));
        }
        if !collection.asset_ids.contains(id) {
            collection.asset_ids.push(*id);
        }
    }
    Ok(())
}

/// A collection as `viewer` sees it (`domains::as_seen`).
pub async fn get_collection(store: &Store, viewer: &User, id: Uuid) -> Result<Collection> {
    let scope = Scope::of(viewer);
    store
        .read(move |tx| {
            let collection = tx
                .get::<Collection>(id)?
                .ok_or(Error::NotFound("collection"))?;
            crate::domains::as_seen(collection, &scope, |id| tx.get(id))
        })
        .await
}

/// Every collection, as `viewer` sees it.
pub async fn list_collections(store: &Store, viewer: &User) -> Result<Vec<Collection>> {
    let scope = Scope::of(viewer);
    store
        .read(move |tx| {
            let all = tx.all::<Collection>(|_| true)?;
            (all.into_iter())
                .map(|c| crate::domains::as_seen(c, &scope, |id| tx.get(id)))
                .collect()
        })
        .await
}

/// Changes a collection with `change`, checking the caller may.
pub async fn edit_collection(
    store: &Store,
    user: &User,
    id: Uuid,
    change: impl FnOnce(&WriteTx, &mut Collection) -> Result<()> + Send + 'static,
) -> Result<Collection> {
    user.require(Permission::AssetsWrite)?;
    let scope = Scope::of(user);
    store
        .write(move |tx| {
            let mut collection = tx
                .get::<Collection>(id)?
                .ok_or(Error::NotFound("collection"))?;
            change(tx, &mut collection)?;
            tx.put(&collection)?;
            crate::domains::as_seen(collection, &scope, |id| tx.get(id))
        })
        .await
}

pub async fn rename_collection(
    store: &Store,
    user: &User,
    id: Uuid,
    name: &str,
) -> Result<Collection> {
    let name = check_collection_name(name)?;
    edit_collection(store, user, id, move |_, c| {
        c.name = name;
        Ok(())
    })
    .await
}

pub async fn add_to_collection(
    store: &Store,
    user: &User,
    id: Uuid,
    asset_ids: Vec<Uuid>,
) -> Result<Collection> {
    let scope = Scope::of(user);
    edit_collection(store, user, id, move |tx, c| {
        add_members(tx, &scope, c, &asset_ids)
    })
    .await
}

pub async fn remove_from_collection(
    store: &Store,
    user: &User,
    id: Uuid,
    asset_id: Uuid,
) -> Result<Collection> {
    edit_collection(store, user, id, move |_, c| {
        let before = c.asset_ids.len();
        c.asset_ids.retain(|a| *a != asset_id);
        if c.asset_ids.len() == before {
            return Err(Error::NotFound("asset in this collection"));
        }
        Ok(())
    })
    .await
}

pub async fn delete_collection(store: &Store, user: &User, id: Uuid) -> Result<()> {
    user.require(Permission::AssetsWrite)?;
    let user = user.clone();
    store
        .write(move |tx| {
            let collection = tx
                .get::<Collection>(id)?
                .ok_or(Error::NotFound("collection"))?;
            if collection.owner_id != user.id && !user.is_admin() {
                return Err(Error::forbidden(
                    "only the collection's owner or an admin may delete it",
                ));
            }
            tx.remove::<Collection>(id)?;
            Ok(())
        })
        .await
}
