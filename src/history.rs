//! Attribute history: every change of an asset's name, status, expiry or attributes, kept with
//! who made it and when. Written in the transaction that changes the asset, so that the
//! history never misses a change nor tells one that did not happen.

use crate::accounts::User;
use crate::assets::Asset;
use crate::error::Result;
use crate::store::{ReadTx, Record, Store, Table, WriteTx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One changed field of one asset, as kept and as the API answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub id: Uuid,
    pub asset_id: Uuid,
    pub at: DateTime<Utc>,
    /// The id of the user who made it.
    pub by: Uuid,
    /// The email of who made it, as it was then.
    pub by_email: String,
    /// `name`, `status`, `expiresAt` or `attributes` (then `attribute` names the key).
    pub field: String,
    pub attribute: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Record for Change {
    const TABLE: Table = Table::History;
    fn key(&self) -> Uuid {
        self.id
    }
    /// Indexed by asset: an asset's history is read in order without scanning the table.
    fn owner(&self) -> Option<Uuid> {
        Some(self.asset_id)
    }
}

/// A field that differs between two versions of an asset: (field, attribute key, before, after).
pub type Difference = (&'static str, Option<String>, Option<String>, Option<String>);

/// What changed from `before` to `after`, field by field, attributes key by key.
pub fn differences(before: &Asset, after: &Asset) -> Vec<Difference> {
    let mut found = Vec::new();
    if before.name != after.name {
        found.push((
            "name",
            None,
            Some(before.name.clone()),
            Some(after.name.clone()),
        ));
    }
    if before.status != after.status {
        let text = |a: &Asset| {
            serde_json::to_value(a.status)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
        };
        found.push(("status", None, text(before), text(after)));
    }
    if before.expires_at != after.expires_at {
        let text = |a: &Asset| a.expires_at.map(|t| t.to_rfc3339());
        found.push(("expiresAt", None, text(before), text(after)));
    }
    let keys: std::collections::BTreeSet<&String> = before
        .attributes
        .keys()
        .chain(after.attributes.keys())
        .collect();
    for key in keys {
        let (old, new) = (before.attributes.get(key), after.attributes.get(key));
        if old != new {
            found.push(("attributes", Some(key.clone()), old.cloned(), new.cloned()));
        }
    }
    found
}

/// Keeps what `user` changed from `before` to `after`.
pub fn record(tx: &WriteTx, user: &User, before: &Asset, after: &Asset) -> Result<()> {
    let at = Utc::now();
    for (field, attribute, old, new) in differences(before, after) {
        tx.put(&Change {
            id: Uuid::now_v7(),
            asset_id: after.id,
            at,
            by: user.id,
            by_email: user.email.clone(),
            field: field.to_string(),
            attribute,
            before: old,
            after: new,
        })?;
    }
    Ok(())
}

/// An asset's history, oldest first.
pub fn of(tx: &ReadTx, asset_id: Uuid) -> Result<Vec<Change>> {
    tx.owned::<Change>(asset_id, |_| true)
}

/// An asset's history, newest first.
pub async fn newest_first(store: &Store, asset_id: Uuid) -> Result<Vec<Change>> {
    let mut changes = store.read(move |tx| of(tx, asset_id)).await?;
    changes.reverse();
    Ok(changes)
}

/// Forgets the history of a deleted asset.
pub fn forget(tx: &WriteTx, asset_id: Uuid) -> Result<()> {
    for change in tx.owned::<Change>(asset_id, |_| true)? {
        tx.remove::<Change>(change.id)?;
    }
    Ok(())
}

/// `attribute-history.csv`: one row per change of the shared assets, oldest first.
pub fn csv(assets: &[Asset], changes: &[Change]) -> String {
    let header = [
        "assetId",
        "assetName",
        "at",
        "by",
        "field",
        "attribute",
        "before",
        "after",
    ]
    .map(String::from)
    .to_vec();
    let name_of = |id: Uuid| {
        assets
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = changes
        .iter()
        .map(|c| {
            vec![
                c.asset_id.to_string(),
                name_of(c.asset_id),
                c.at.to_rfc3339(),
                c.by_email.clone(),
                c.field.clone(),
                c.attribute.clone().unwrap_or_default(),
                c.before.clone().unwrap_or_default(),
                c.after.clone().unwrap_or_default(),
            ]
        })
        .collect();
    crate::bundle::attributes_csv(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::AssetStatus;

    fn asset() -> Asset {
        serde_json::from_value(serde_json::json!({
            "id": Uuid::nil(), "owner_id": Uuid::nil(), "name": "a.jpg", "size": 1,
            "sha256": "x", "crc32": 0, "mime_type": "image/jpeg", "kind": "image",
            "created_at": "2026-01-01T00:00:00Z", "status": "available", "expires_at": null,
            "attributes": {"title": "Old", "tags": "x"}, "derivatives": {}
        }))
        .unwrap()
    }

    #[test]
    fn every_changed_field_and_attribute_is_one_difference() {
        let before = asset();
        let mut after = asset();
        assert!(differences(&before, &after).is_empty());
        after.name = "b.jpg".into();
        after.status = AssetStatus::Unavailable;
        after.attributes.insert("title".into(), "New".into());
        after.attributes.remove("tags");
        after.attributes.insert("camera".into(), "X100".into());
        let found = differences(&before, &after);
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            found,
            vec![
                ("name", None, some("a.jpg"), some("b.jpg")),
                ("status", None, some("available"), some("unavailable")),
                ("attributes", some("camera"), None, some("X100")),
                ("attributes", some("tags"), some("x"), None),
                ("attributes", some("title"), some("Old"), some("New")),
            ]
        );
    }

    #[test]
    fn the_csv_has_one_row_per_change_and_defuses_formulas() {
        let change = Change {
            id: Uuid::nil(),
            asset_id: Uuid::nil(),
            at: Utc::now(),
            by: Uuid::nil(),
            by_email: "a@example.com".into(),
            field: "attributes".into(),
            attribute: Some("title".into()),
            before: None,
            after: Some("=1+1".into()),
        };
        let text = csv(&[asset()], &[change]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].contains("a.jpg") && lines[1].ends_with(",'=1+1"),
            "{text}"
        );
    }
}
