//! Every table of the database in one place, with the schema version and its migrations.

use super::StoreError;
use redb::{ReadTransaction, ReadableTable, TableDefinition, WriteTransaction};

/// Raise when the layout of a table or a record changes incompatibly; add a migration below.
pub const SCHEMA_VERSION: u32 = 4;

pub(super) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub(super) const BLOB_REFS: TableDefinition<&str, u64> = TableDefinition::new("blob_refs");
/// (share id, sequence) → event
pub(super) const EVENTS: TableDefinition<(u128, u64), &[u8]> = TableDefinition::new("events");

type RecordTable = TableDefinition<'static, u128, &'static [u8]>;
/// (owner id, record id) → nothing: the records of one owner, in key order.
pub(super) type OwnerTable = TableDefinition<'static, (u128, u128), ()>;
type IndexTable = TableDefinition<'static, &'static str, &'static [u8]>;

/// The tables of records, keyed by UUID.
#[derive(Debug, Clone, Copy)]
pub enum Table {
    Users,
    Tokens,
    Assets,
    Collections,
    Shares,
    Jobs,
    /// Everything waiting to be sent: emails and webhook deliveries, tried until delivered
    /// (schema 4 on; before, `emails` and `webhook_deliveries`).
    Outbox,
    /// A share's counts of uses, visits and downloads: written on every visit and download,
    /// apart from the share so that counting never makes a cached link stale.
    Counters,
    /// Resumable (tus) uploads in progress, with their acknowledged offsets.
    Uploads,
    /// Webhook subscriptions: where to POST which events, and the secret that signs them.
    Webhooks,
    /// Every change of an asset's name, status, expiry and attributes: who, when, before, after.
    History,
    /// Named searches (text, kind, collection, attributes) that shares may follow.
    Searches,
    /// Extra files attached to an asset (release forms, LUTs, sidecars).
    Attachments,
    /// Upload requests (SPEC §6): links through which outsiders send files in.
    Requests,
    /// Domains (SPEC §10): the organisational units assets belong to and users are members of.
    Domains,
    /// Per share owner: the news of first visits and downloads waiting for the next email.
    OwnerNews,
    /// Failed sign-ins and password tries per hashed key, in their window (`limits`).
    Attempts,
}

impl Table {
    const ALL: [Table; 17] = [
        Table::Users,
        Table::Tokens,
        Table::Assets,
        Table::Collections,
        Table::Shares,
        Table::Jobs,
        Table::Outbox,
        Table::Counters,
        Table::Uploads,
        Table::Webhooks,
        Table::History,
        Table::Searches,
        Table::Attachments,
        Table::Requests,
        Table::Domains,
        Table::OwnerNews,
        Table::Attempts,
    ];

    pub(super) fn def(self) -> RecordTable {
        TableDefinition::new(match self {
            Table::Users => "users",
            Table::Tokens => "tokens",
            Table::Assets => "assets",
            Table::Collections => "collections",
            Table::Shares => "shares",
            Table::Jobs => "jobs",
            Table::Outbox => "outbox",
            Table::Counters => "share_counters",
            Table::Uploads => "uploads",
            Table::Webhooks => "webhooks",
            Table::History => "asset_history",
            Table::Searches => "saved_searches",
            Table::Attachments => "attachments",
            Table::Requests => "requests",
            Table::Domains => "domains",
            Table::OwnerNews => "owner_news",
            Table::Attempts => "attempts",
        })
    }

    /// Whether what a link shows depends on this table beyond its share record: a commit that
    /// writes one of these makes every cached link stale.
    pub(super) fn shown_through_links(self) -> bool {
        matches!(
            self,
            Table::Users
                | Table::Assets
                | Table::Collections
                | Table::History
                | Table::Searches
                | Table::Attachments
        )
    }

    /// The index of records by owner, for the tables whose records have one (schema 2 on).
    pub(super) fn owner_index(self) -> Option<OwnerTable> {
        match self {
            Table::Shares => Some(TableDefinition::new("shares_by_owner")),
            // Keyed by the asset they belong to: an asset's history and attachments in order.
            Table::History => Some(TableDefinition::new("asset_history_by_asset")),
            Table::Attachments => Some(TableDefinition::new("attachments_by_asset")),
            Table::Requests => Some(TableDefinition::new("requests_by_owner")),
            _ => None,
        }
    }
}

/// Secondary indexes: a string key to a small JSON value.
#[derive(Debug, Clone, Copy)]
pub enum Index {
    /// lower-cased email → user id
    UserEmails,
    /// token hash → token id
    TokenHashes,
    /// share or recipient link token → the link
    Links,
    /// upload request or request recipient link token → the request link
    RequestLinks,
}

impl Index {
    const ALL: [Index; 4] = [
        Index::UserEmails,
        Index::TokenHashes,
        Index::Links,
        Index::RequestLinks,
    ];

    pub(super) fn def(self) -> IndexTable {
        TableDefinition::new(match self {
            Index::UserEmails => "user_emails",
            Index::TokenHashes => "token_hashes",
            Index::Links => "links",
            Index::RequestLinks => "request_links",
        })
    }
}

pub(super) fn create_all(tx: &WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(META)?;
    tx.open_table(BLOB_REFS)?;
    tx.open_table(EVENTS)?;
    for table in Table::ALL {
        tx.open_table(table.def())?;
        if let Some(owners) = table.owner_index() {
            tx.open_table(owners)?;
        }
    }
    for index in Index::ALL {
        tx.open_table(index.def())?;
    }
    Ok(())
}

/// Brings a database of an older schema version up to date, one version at a time, inside
/// the write transaction that opens it: a failed migration leaves the file as it was.
pub(super) fn migrate(tx: &WriteTransaction, from: u32) -> Result<(), StoreError> {
    for version in from..SCHEMA_VERSION {
        match version {
            1 => index_owners(tx, Table::Shares)?,
            2 => counters_out_of_shares(tx)?,
            3 => super::outbox_migration::queues_into_outbox(tx)?,
            other => {
                return Err(StoreError::Corrupt(format!(
                    "no migration from schema version {other}"
                )))
            }
        }
    }
    Ok(())
}

/// 1 → 2: builds the owner index of a table from its records' `owner_id`. Reads the stored JSON
/// itself, as schema 1 wrote it, so that later changes to the domain types cannot break it.
fn index_owners(tx: &WriteTransaction, table: Table) -> Result<(), StoreError> {
    #[derive(serde::Deserialize)]
    struct Owned {
        owner_id: uuid::Uuid,
    }
    let Some(owners) = table.owner_index() else {
        return Ok(());
    };
    let records = tx.open_table(table.def())?;
    let mut index = tx.open_table(owners)?;
    for entry in records.iter()? {
        let (key, value) = entry?;
        let record: Owned = serde_json::from_slice(value.value())
            .map_err(|e| StoreError::Corrupt(format!("{table:?} {}: {e}", key.value())))?;
        index.insert((record.owner_id.as_u128(), key.value()), ())?;
    }
    Ok(())
}

/// 2 → 3: moves the counts (uses, visits, downloads, last access, per recipient too) out of
/// each share's record into its own counters record. Works on the JSON as schema 2 wrote it.
fn counters_out_of_shares(tx: &WriteTransaction) -> Result<(), StoreError> {
    use serde_json::{json, Map, Value};
    let mut shares = tx.open_table(Table::Shares.def())?;
    let mut counters = tx.open_table(Table::Counters.def())?;
    let mut moved = Vec::new();
    for entry in shares.iter()? {
        let (key, value) = entry?;
        let corrupt = |e: String| StoreError::Corrupt(format!("share {}: {e}", key.value()));
        let mut share: Map<String, Value> =
            serde_json::from_slice(value.value()).map_err(|e| corrupt(e.to_string()))?;
        let take = |record: &mut Map<String, Value>| {
            ["visits", "downloads", "last_access_at"].map(|field| {
                let none = if field == "last_access_at" {
                    Value::Null
                } else {
                    json!(0)
                };
                (field, record.remove(field).unwrap_or(none))
            })
        };
        let mut recipients = Map::new();
        if let Some(Value::Array(list)) = share.get_mut("recipients") {
            for recipient in list.iter_mut().filter_map(Value::as_object_mut) {
                let id = recipient
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let counts: Map<String, Value> = take(recipient)
                    .map(|(k, v)| (k.to_string(), v))
                    .into_iter()
                    .collect();
                recipients.insert(id, Value::Object(counts));
            }
        }
        let uses = share.remove("uses").unwrap_or(json!(0));
        let mut record: Map<String, Value> = take(&mut share)
            .map(|(k, v)| (k.to_string(), v))
            .into_iter()
            .collect();
        record.insert(
            "share_id".into(),
            share.get("id").cloned().unwrap_or_default(),
        );
        record.insert("uses".into(), uses);
        record.insert("recipients".into(), Value::Object(recipients));
        let encode =
            |v: &Map<String, Value>| serde_json::to_vec(v).map_err(|e| corrupt(e.to_string()));
        moved.push((key.value(), encode(&share)?, encode(&record)?));
    }
    for (key, share, record) in moved {
        shares.insert(key, share.as_slice())?;
        counters.insert(key, record.as_slice())?;
    }
    Ok(())
}

fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    source: &ReadTransaction,
    target: &WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<(), StoreError> {
    let from = source.open_table(def)?;
    let mut to = target.open_table(def)?;
    for entry in from.iter()? {
        let (k, v) = entry?;
        to.insert(k.value(), v.value())?;
    }
    Ok(())
}

pub(super) fn copy_all(
    source: &ReadTransaction,
    target: &WriteTransaction,
) -> Result<(), StoreError> {
    copy_table(source, target, META)?;
    copy_table(source, target, BLOB_REFS)?;
    copy_table(source, target, EVENTS)?;
    for table in Table::ALL {
        copy_table(source, target, table.def())?;
        if let Some(owners) = table.owner_index() {
            copy_table(source, target, owners)?;
        }
    }
    for index in Index::ALL {
        copy_table(source, target, index.def())?;
    }
    Ok(())
}

/// Every table by name, with the shape of its keys and values (for copying between backends).
pub(super) fn all_raw() -> Vec<(String, super::raw::Kind)> {
    use super::raw::Kind;
    use redb::TableHandle;
    let mut all = vec![
        (META.name().to_string(), Kind::Strings),
        (BLOB_REFS.name().to_string(), Kind::Counts),
        (EVENTS.name().to_string(), Kind::Events),
    ];
    for table in Table::ALL {
        all.push((table.def().name().to_string(), Kind::Records));
        if let Some(owners) = table.owner_index() {
            all.push((owners.name().to_string(), Kind::Owners));
        }
    }
    for index in Index::ALL {
        all.push((index.def().name().to_string(), Kind::Strings));
    }
    all
}
