//! The embedded default backend: one redb file. Reads run in read transactions; a write
//! transaction is redb's single writer, so decisions taken in one are exact.

use super::tables::{self, BLOB_REFS, EVENTS, META};
use super::{decode, encode, owner_index, take_page, Index, Page, Record, StoreError};
use crate::error::Error;
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata};
use serde::{de::DeserializeOwned, Serialize};
use std::path::Path;
use uuid::Uuid;

macro_rules! backend_errors {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self { StoreError::Backend(e.to_string()) }
        }
        impl From<$t> for Error {
            /// A disk error keeps its kind, so that a full disk answers 507.
            fn from(e: $t) -> Self {
                match redb::Error::from(e) {
                    redb::Error::Io(io) => Error::from(io),
                    other => Error::from(StoreError::Backend(other.to_string())),
                }
            }
        }
    )*};
}
backend_errors!(
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError
);

/// Opens (or creates) the database file, creating every table and checking the schema version.
pub(super) fn open(path: &Path) -> Result<redb::Database, StoreError> {
    let db = redb::Database::create(path)?;
    prepare(&db, path)?;
    Ok(db)
}

/// True when another process holds the database open.
pub(super) fn in_use(path: &Path) -> bool {
    path.is_file()
        && matches!(
            redb::Database::open(path),
            Err(redb::DatabaseError::DatabaseAlreadyOpen)
        )
}

/// Creates missing tables and brings an older database up to this schema version, after
/// keeping a copy of it beside the file (`handoff.redb.schema-N`) for going back.
fn prepare(db: &redb::Database, path: &Path) -> Result<(), StoreError> {
    let found = schema_version(db)?;
    if let Some(v) = found.filter(|&v| v < tables::SCHEMA_VERSION) {
        let keep = path.with_extension(format!("redb.schema-{v}"));
        std::fs::copy(path, &keep).map_err(|e| {
            StoreError::Backend(format!("keeping a copy in {}: {e}", keep.display()))
        })?;
        tracing::info!(from = v, to = tables::SCHEMA_VERSION, copy = %keep.display(), "migrating the database");
    }
    let tx = db.begin_write()?;
    tables::create_all(&tx)?;
    match found {
        Some(v) if v > tables::SCHEMA_VERSION => return Err(StoreError::TooNew { found: v }),
        Some(v) => tables::migrate(&tx, v)?,
        None => {}
    }
    tx.open_table(META)?.insert(
        "schema_version",
        tables::SCHEMA_VERSION.to_be_bytes().as_slice(),
    )?;
    tx.commit()?;
    Ok(())
}

fn schema_version(db: &redb::Database) -> Result<Option<u32>, StoreError> {
    let tx = db.begin_read()?;
    let meta = match tx.open_table(META) {
        Ok(meta) => meta,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let found = meta.get("schema_version")?;
    found.map(|v| super::decode_u32(v.value())).transpose()
}

pub(super) struct Read(pub redb::ReadTransaction);
pub(super) struct Write(pub redb::WriteTransaction);

/// Reads shared by both kinds of transaction.
macro_rules! reads {
    ($tx:ty) => {
        impl $tx {
            pub fn get<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
                let table = self.0.open_table(R::TABLE.def())?;
                let value = table.get(id.as_u128())?;
                value.map(|v| decode(v.value())).transpose()
            }

            pub fn page<R: Record>(
                &self,
                before: Option<Uuid>,
                limit: usize,
                keep: impl FnMut(&R) -> bool,
            ) -> Result<Page<R>, Error> {
                let table = self.0.open_table(R::TABLE.def())?;
                let upper = before.map(|b| b.as_u128()).unwrap_or(u128::MAX);
                let records = table
                    .range(..upper)?
                    .rev()
                    .map(|entry| decode(entry?.1.value()));
                take_page(records, limit, keep)
            }

            pub fn owned_page<R: Record>(
                &self,
                owner: Uuid,
                before: Option<Uuid>,
                limit: usize,
                keep: impl FnMut(&R) -> bool,
            ) -> Result<Page<R>, Error> {
                let index = self.0.open_table(owner_index::<R>()?)?;
                let (owner, upper) = (owner.as_u128(), before.map_or(u128::MAX, |b| b.as_u128()));
                let records = index
                    .range((owner, 0)..(owner, upper))?
                    .rev()
                    .map(|entry| self.owned_record(entry?.0.value().1));
                take_page(records, limit, keep)
            }

            pub fn owned<R: Record>(
                &self,
                owner: Uuid,
                keep: impl FnMut(&R) -> bool,
            ) -> Result<Vec<R>, Error> {
                let index = self.0.open_table(owner_index::<R>()?)?;
                let owner = owner.as_u128();
                let records = index
                    .range((owner, 0)..=(owner, u128::MAX))?
                    .map(|entry| self.owned_record(entry?.0.value().1));
                Ok(take_page(records, usize::MAX, keep)?.items)
            }

            fn owned_record<R: Record>(&self, id: u128) -> Result<R, Error> {
                self.get(Uuid::from_u128(id))?
                    .ok_or_else(|| super::missing_owned::<R>())
            }

            pub fn all<R: Record>(
                &self,
                mut keep: impl FnMut(&R) -> bool,
            ) -> Result<Vec<R>, Error> {
                let table = self.0.open_table(R::TABLE.def())?;
                let mut items = Vec::new();
                for entry in table.iter()? {
                    let (_, value) = entry?;
                    let record: R = decode(value.value())?;
                    if keep(&record) {
                        items.push(record);
                    }
                }
                Ok(items)
            }

            pub fn count<R: Record>(&self) -> Result<u64, Error> {
                Ok(self.0.open_table(R::TABLE.def())?.len()?)
            }

            pub fn lookup<V: DeserializeOwned>(
                &self,
                index: Index,
                key: &str,
            ) -> Result<Option<V>, Error> {
                let table = self.0.open_table(index.def())?;
                let value = table.get(key)?;
                value.map(|v| decode(v.value())).transpose()
            }

            pub fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
                let table = self.0.open_table(META)?;
                let value = table.get(key)?;
                Ok(value.map(|v| v.value().to_vec()))
            }

            pub fn events<E: DeserializeOwned>(
                &self,
                owner: Uuid,
                after: u64,
                limit: usize,
            ) -> Result<Vec<(u64, E)>, Error> {
                let table = self.0.open_table(EVENTS)?;
                let key = owner.as_u128();
                let mut items = Vec::new();
                for entry in table
                    .range((key, after.saturating_add(1))..=(key, u64::MAX))?
                    .take(limit)
                {
                    let (k, value) = entry?;
                    items.push((k.value().1, decode(value.value())?));
                }
                Ok(items)
            }

            pub fn blob_refs(&self, hash: &str) -> Result<u64, Error> {
                let table = self.0.open_table(BLOB_REFS)?;
                let value = table.get(hash)?;
                Ok(value.map(|v| v.value()).unwrap_or(0))
            }
        }
    };
}
reads!(Read);
reads!(Write);

impl Write {
    pub fn put<R: Record>(&self, record: &R) -> Result<(), Error> {
        let mut table = self.0.open_table(R::TABLE.def())?;
        let id = record.key().as_u128();
        let old = table.insert(id, encode(record)?.as_slice())?;
        let (Some(index), Some(owner)) = (R::TABLE.owner_index(), record.owner()) else {
            return Ok(());
        };
        let mut owners = self.0.open_table(index)?;
        let owner = owner.as_u128();
        // The usual case, a record saved again by the same owner, costs one index lookup; only
        // a new record or a new owner reads the old record to move its entry.
        if owners.get((owner, id))?.is_some() {
            return Ok(());
        }
        let old: Option<R> = old.map(|v| decode(v.value())).transpose()?;
        if let Some(previous) = old.and_then(|r| r.owner()) {
            owners.remove((previous.as_u128(), id))?;
        }
        owners.insert((owner, id), ())?;
        Ok(())
    }

    pub fn remove<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
        let mut table = self.0.open_table(R::TABLE.def())?;
        let old: Option<R> = table
            .remove(id.as_u128())?
            .map(|v| decode(v.value()))
            .transpose()?;
        if let (Some(index), Some(owner)) =
            (R::TABLE.owner_index(), old.as_ref().and_then(R::owner))
        {
            self.0
                .open_table(index)?
                .remove((owner.as_u128(), id.as_u128()))?;
        }
        Ok(old)
    }

    pub fn link<V: Serialize>(&self, index: Index, key: &str, value: &V) -> Result<(), Error> {
        let mut table = self.0.open_table(index.def())?;
        table.insert(key, encode(value)?.as_slice())?;
        Ok(())
    }

    pub fn unlink(&self, index: Index, key: &str) -> Result<(), Error> {
        let mut table = self.0.open_table(index.def())?;
        table.remove(key)?;
        Ok(())
    }

    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), Error> {
        let mut table = self.0.open_table(META)?;
        table.insert(key, value)?;
        Ok(())
    }

    pub fn append_events<E: Serialize>(&self, owner: Uuid, events: &[E]) -> Result<(), Error> {
        let mut table = self.0.open_table(EVENTS)?;
        let key = owner.as_u128();
        let last = table
            .range((key, 0)..=(key, u64::MAX))?
            .next_back()
            .transpose()?
            .map(|(k, _)| k.value().1)
            .unwrap_or(0);
        for (i, event) in events.iter().enumerate() {
            table.insert((key, last + 1 + i as u64), encode(event)?.as_slice())?;
        }
        Ok(())
    }

    pub fn remove_events(&self, owner: Uuid) -> Result<(), Error> {
        let mut table = self.0.open_table(EVENTS)?;
        let key = owner.as_u128();
        table.retain_in((key, 0)..=(key, u64::MAX), |_, _| false)?;
        Ok(())
    }

    pub fn add_blob_ref(&self, hash: &str, delta: i64) -> Result<u64, Error> {
        let mut table = self.0.open_table(BLOB_REFS)?;
        let current = table.get(hash)?.map(|v| v.value()).unwrap_or(0);
        let next = super::next_count(current, delta);
        if next == 0 {
            table.remove(hash)?;
        } else {
            table.insert(hash, next)?;
        }
        Ok(next)
    }
}

/// A consistent copy of the whole database into a new file, taken in one read transaction.
pub(super) fn snapshot_to(db: &redb::Database, dest: &Path) -> Result<(), Error> {
    let copy = redb::Database::create(dest)?;
    let source = db.begin_read()?;
    let target = copy.begin_write()?;
    tables::copy_all(&source, &target)?;
    target.commit()?;
    Ok(())
}
