//! What a share holds: the asked content resolved when it is made (a list of shareable assets,
//! a collection, a saved search, or a new collection filed from the asked assets), and the
//! assets it holds at each request.

use super::service::Skipped;
use super::{Content, Share};
use crate::accounts::User;
use crate::assets::{Asset, Collection};
use crate::domains::Scope;
use crate::error::{Error, Result};
use crate::searches::{self, SavedSearch};
use crate::store::{ReadTx, WriteTx};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The content a new share asks for, as the request gave it.
#[derive(Debug, Default)]
pub struct ContentAsk {
    pub asset_ids: Option<Vec<Uuid>>,
    pub collection_id: Option<Uuid>,
    pub search_id: Option<Uuid>,
    /// File the asked assets as a new collection of this name, which the share then follows.
    pub new_collection: Option<String>,
}

/// The name of a collection filed while sharing when none is given.
pub fn default_collection_name(now: DateTime<Utc>) -> String {
    format!("New collection from {}", now.format("%Y-%m-%d"))
}

/// Resolves what a new share of `owner` holds; the assets left out are listed with the reason.
pub fn resolve(
    tx: &WriteTx,
    ask: ContentAsk,
    owner: Uuid,
    now: DateTime<Utc>,
) -> Result<(Content, Vec<Skipped>)> {
    let given = [
        ask.asset_ids.is_some(),
        ask.collection_id.is_some(),
        ask.search_id.is_some(),
    ];
    if given.iter().filter(|g| **g).count() > 1 {
        return Err(Error::invalid(
            "give one of assetIds, collectionId or searchId",
        ));
    }
    if let Some(id) = ask.collection_id {
        if ask.new_collection.is_some() {
            return Err(Error::invalid(
                "createCollection files assetIds, not a collection",
            ));
        }
        tx.get::<Collection>(id)?
            .ok_or_else(|| Error::invalid("collectionId names no collection"))?;
        return Ok((Content::Collection(id), Vec::new()));
    }
    if let Some(id) = ask.search_id {
        if ask.new_collection.is_some() {
            return Err(Error::invalid(
                "createCollection files assetIds, not a search",
            ));
        }
        tx.get::<SavedSearch>(id)?
            .ok_or_else(|| Error::invalid("searchId names no saved search"))?;
        return Ok((Content::Search(id), Vec::new()));
    }
    let (kept, skipped) = shareable(tx, owner, &ask.asset_ids.unwrap_or_default(), now)?;
    let Some(name) = ask.new_collection else {
        return Ok((Content::Assets(kept), skipped));
    };
    let collection = Collection {
        id: Uuid::now_v7(),
        owner_id: owner,
        name: crate::assets::check_collection_name(&name)?,
        asset_ids: kept,
        created_at: now,
    };
    tx.put(&collection)?;
    Ok((Content::Collection(collection.id), skipped))
}

/// Splits assets asked of a share of `owner` into those that can be shared and those left
/// out, with the reason: assets outside the owner's domains are `not_visible`.
pub(super) fn shareable(
    tx: &WriteTx,
    owner: Uuid,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(Vec<Uuid>, Vec<Skipped>)> {
    let scope = Scope::of_stored(tx.get::<User>(owner)?);
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    for id in ids {
        match tx.get::<Asset>(*id)? {
            None => skipped.push(Skipped {
                asset_id: *id,
                reason: "not_found",
            }),
            Some(asset) if !scope.sees(&asset) => skipped.push(Skipped {
                asset_id: *id,
                reason: "not_visible",
            }),
            Some(asset) => match asset.unshareable_reason(now) {
                Some(reason) => skipped.push(Skipped {
                    asset_id: *id,
                    reason,
                }),
                None if kept.contains(id) => {}
                None => kept.push(*id),
            },
        }
    }
    Ok((kept, skipped))
}

/// The assets a share holds now, in order (a collection share follows its collection, a
/// search share its search): those its creator sees now (`creator`: their scope).
pub fn assets_of(tx: &ReadTx, share: &Share, creator: &Scope) -> Result<Vec<Asset>> {
    let ids = match &share.content {
        Content::Assets(ids) => ids.clone(),
        Content::Collection(id) => tx
            .get::<Collection>(*id)?
            .map(|c| c.asset_ids)
            .unwrap_or_default(),
        Content::Search(id) => {
            return match tx.get::<SavedSearch>(*id)? {
                Some(search) => searches::run(tx, &search, creator),
                None => Ok(Vec::new()),
            }
        }
    };
    let mut assets = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(asset) = tx.get::<Asset>(id)?.filter(|a| creator.sees(a)) {
            assets.push(asset);
        }
    }
    Ok(assets)
}

/// Whether the share holds `asset` now.
pub fn holds(tx: &ReadTx, share: &Share, asset: &Asset) -> Result<bool> {
    Ok(match &share.content {
        Content::Assets(ids) => ids.contains(&asset.id),
        Content::Collection(id) => tx
            .get::<Collection>(*id)?
            .is_some_and(|c| c.asset_ids.contains(&asset.id)),
        Content::Search(id) => match tx.get::<SavedSearch>(*id)? {
            Some(search) => search.filter.matcher(|id| tx.get(id))?.matches(asset),
            None => false,
        },
    })
}
