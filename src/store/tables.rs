//! Every table of the database in one place, with the schema version and its migrations.

use super::StoreError;
use redb::{ReadTransaction, ReadableTable, TableDefinition, WriteTransaction};

/// Raise when the layout of a table or a record changes incompatibly; add a migration below.
pub const SCHEMA_VERSION: u32 = 1;

pub(super) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub(super) const BLOB_REFS: TableDefinition<&str, u64> = TableDefinition::new("blob_refs");
/// (share id, sequence) → event
pub(super) const EVENTS: TableDefinition<(u128, u64), &[u8]> = TableDefinition::new("events");

type RecordTable = TableDefinition<'static, u128, &'static [u8]>;
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
    Emails,
}

impl Table {
    const ALL: [Table; 7] = [
        Table::Users,
        Table::Tokens,
        Table::Assets,
        Table::Collections,
        Table::Shares,
        Table::Jobs,
        Table::Emails,
    ];

    pub(super) fn def(self) -> RecordTable {
        TableDefinition::new(match self {
            Table::Users => "users",
            Table::Tokens => "tokens",
            Table::Assets => "assets",
            Table::Collections => "collections",
            Table::Shares => "shares",
            Table::Jobs => "jobs",
            Table::Emails => "emails",
        })
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
}

impl Index {
    const ALL: [Index; 3] = [Index::UserEmails, Index::TokenHashes, Index::Links];

    pub(super) fn def(self) -> IndexTable {
        TableDefinition::new(match self {
            Index::UserEmails => "user_emails",
            Index::TokenHashes => "token_hashes",
            Index::Links => "links",
        })
    }
}

pub(super) fn create_all(tx: &WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(META)?;
    tx.open_table(BLOB_REFS)?;
    tx.open_table(EVENTS)?;
    for table in Table::ALL {
        tx.open_table(table.def())?;
    }
    for index in Index::ALL {
        tx.open_table(index.def())?;
    }
    Ok(())
}

/// Brings a database of an older schema version up to date, in order.
pub(super) fn migrate(_tx: &WriteTransaction, from: u32) -> Result<(), StoreError> {
    match from {
        SCHEMA_VERSION => Ok(()),
        other => Err(StoreError::Corrupt(format!(
            "no migration from schema version {other}"
        ))),
    }
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
    }
    for index in Index::ALL {
        copy_table(source, target, index.def())?;
    }
    Ok(())
}
