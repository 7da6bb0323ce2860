//! The metadata store: redb tables and transactions. The only code that touches redb.
//! Records are serde values kept as JSON bytes under UUID keys (v7: keys sort by creation).

mod changes;
mod tables;

use crate::error::Error;
use changes::{Changes, Touched};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata};
use serde::{de::DeserializeOwned, Serialize};
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;
pub use tables::{Index, Table, SCHEMA_VERSION};
use tables::{BLOB_REFS, EVENTS, META};
use uuid::Uuid;

#[derive(Debug)]
pub enum StoreError {
    /// The database was written by a newer handoff.
    TooNew {
        found: u32,
    },
    Corrupt(String),
    Backend(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::TooNew { found } => write!(
                f,
                "the database has schema version {found}, newer than this handoff understands ({SCHEMA_VERSION}); run a newer handoff"
            ),
            StoreError::Corrupt(m) => write!(f, "corrupt record: {m}"),
            StoreError::Backend(m) => write!(f, "database: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::internal(e)
    }
}

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

/// A value kept in one of the record tables.
pub trait Record: Serialize + DeserializeOwned {
    const TABLE: Table;
    fn key(&self) -> Uuid;
    /// The user a record belongs to, for the tables indexed by owner (`Table::owner_index`).
    fn owner(&self) -> Option<Uuid> {
        None
    }
}

#[derive(Clone)]
pub struct Store {
    db: Arc<redb::Database>,
    changes: Arc<Changes>,
}

impl Store {
    /// Opens (or creates) the database, creating every table and checking the schema version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = redb::Database::create(path)?;
        let store = Store {
            db: Arc::new(db),
            changes: Arc::default(),
        };
        store.prepare(path)?;
        Ok(store)
    }

    /// True when another process holds the database open.
    pub fn in_use(path: &Path) -> bool {
        path.is_file()
            && matches!(
                redb::Database::open(path),
                Err(redb::DatabaseError::DatabaseAlreadyOpen)
            )
    }

    /// Creates missing tables and brings an older database up to this schema version, after
    /// keeping a copy of it beside the file (`handoff.redb.schema-N`) for going back.
    fn prepare(&self, path: &Path) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        if let Some(v) = found.filter(|&v| v < SCHEMA_VERSION) {
            let keep = path.with_extension(format!("redb.schema-{v}"));
            std::fs::copy(path, &keep).map_err(|e| {
                StoreError::Backend(format!("keeping a copy in {}: {e}", keep.display()))
            })?;
            tracing::info!(from = v, to = SCHEMA_VERSION, copy = %keep.display(), "migrating the database");
        }
        let tx = self.db.begin_write()?;
        tables::create_all(&tx)?;
        match found {
            Some(v) if v > SCHEMA_VERSION => return Err(StoreError::TooNew { found: v }),
            Some(v) => tables::migrate(&tx, v)?,
            None => {}
        }
        tx.open_table(META)?
            .insert("schema_version", SCHEMA_VERSION.to_be_bytes().as_slice())?;
        tx.commit()?;
        Ok(())
    }

    fn schema_version(&self) -> Result<Option<u32>, StoreError> {
        let tx = self.db.begin_read()?;
        let meta = match tx.open_table(META) {
            Ok(meta) => meta,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let found = meta.get("schema_version")?;
        found.map(|v| decode_u32(v.value())).transpose()
    }

    /// The number of commits so far. Read it before reading data that a cache keeps.
    pub fn commits(&self) -> u64 {
        self.changes.commits()
    }

    /// Whether what the link of `share` shows (the share, its assets and collection, its
    /// creator, the link index) may have changed since commit number `since`.
    pub fn changed_since(&self, share: Uuid, since: u64) -> bool {
        self.changes.changed_since(share, since)
    }

    /// Runs `f` in one read transaction, on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&ReadTx) -> Result<T, Error> + Send + 'static,
    {
        let db = self.db.clone();
        blocking(move || f(&ReadTx(db.begin_read()?))).await
    }

    /// Runs `f` in one write transaction, on the blocking pool; commits only when `f` succeeds.
    pub async fn write<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&WriteTx) -> Result<T, Error> + Send + 'static,
    {
        let store = self.clone();
        blocking(move || store.write_now(f)).await
    }

    /// The same, for callers already off the async threads (start-up, CLI).
    pub fn write_now<T>(&self, f: impl FnOnce(&WriteTx) -> Result<T, Error>) -> Result<T, Error> {
        let tx = WriteTx(self.db.begin_write()?, RefCell::default());
        let value = f(&tx)?;
        let WriteTx(tx, touched) = tx;
        tx.commit()?;
        self.changes.committed(touched.into_inner());
        Ok(value)
    }

    pub fn read_now<T>(&self, f: impl FnOnce(&ReadTx) -> Result<T, Error>) -> Result<T, Error> {
        f(&ReadTx(self.db.begin_read()?))
    }

    /// A consistent copy of the whole database, taken in one read transaction.
    pub fn snapshot_to(&self, dest: &Path) -> Result<(), Error> {
        let copy = redb::Database::create(dest)?;
        let source = self.db.begin_read()?;
        let target = copy.begin_write()?;
        tables::copy_all(&source, &target)?;
        target.commit()?;
        Ok(())
    }
}

/// Runs blocking work (redb, hashing, argon2) off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::internal(format!("blocking task failed: {e}")))?
}

fn decode_u32(bytes: &[u8]) -> Result<u32, StoreError> {
    let array: [u8; 4] = bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt("schema version".into()))?;
    Ok(u32::from_be_bytes(array))
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(e.to_string()).into())
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(Error::internal)
}

/// The owner index of `R`'s table.
fn owner_index<R: Record>() -> Result<tables::OwnerTable, Error> {
    R::TABLE
        .owner_index()
        .ok_or_else(|| Error::internal(format!("{:?} has no owner index", R::TABLE)))
}

/// The first `limit` records that `keep` accepts, and the key of the last one when more follow.
fn take_page<R: Record>(
    records: impl Iterator<Item = Result<R, Error>>,
    limit: usize,
    mut keep: impl FnMut(&R) -> bool,
) -> Result<Page<R>, Error> {
    let mut items = Vec::new();
    for record in records {
        let record = record?;
        if keep(&record) {
            if items.len() == limit {
                let next = items.last().map(|r: &R| r.key());
                return Ok(Page { items, next });
            }
            items.push(record);
        }
    }
    Ok(Page { items, next: None })
}

pub struct ReadTx(redb::ReadTransaction);
pub struct WriteTx(redb::WriteTransaction, RefCell<Touched>);

/// A page of records, newest first, and the cursor of the next page.
pub struct Page<R> {
    pub items: Vec<R>,
    pub next: Option<Uuid>,
}

/// Reads shared by both kinds of transaction.
macro_rules! reads {
    ($tx:ty) => {
        impl $tx {
            pub fn get<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
                let table = self.0.open_table(R::TABLE.def())?;
                let value = table.get(id.as_u128())?;
                value.map(|v| decode(v.value())).transpose()
            }

            /// Records of one table, newest first, starting below `before`, keeping those
            /// `keep` accepts, at most `limit`.
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

            /// The same, for the records of one owner (tables with an owner index).
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

            /// Every record of one owner that `keep` accepts, oldest first.
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
                self.get(Uuid::from_u128(id))?.ok_or_else(|| {
                    StoreError::Corrupt(format!("{:?} index names a missing record", R::TABLE))
                        .into()
                })
            }

            /// Every record of a table that `keep` accepts, oldest first.
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

            /// Events of one record (a share), oldest first, after sequence `after`.
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
reads!(ReadTx);
reads!(WriteTx);

impl WriteTx {
    fn touch(&self, table: Table, id: Uuid) {
        let mut touched = self.1.borrow_mut();
        match table {
            Table::Shares => touched.shares.push(id),
            other => touched.shown_everywhere |= other.shown_through_links(),
        }
    }

    pub fn put<R: Record>(&self, record: &R) -> Result<(), Error> {
        self.touch(R::TABLE, record.key());
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
        self.touch(R::TABLE, id);
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
        self.1.borrow_mut().shown_everywhere |= matches!(index, Index::Links);
        let mut table = self.0.open_table(index.def())?;
        table.insert(key, encode(value)?.as_slice())?;
        Ok(())
    }

    pub fn unlink(&self, index: Index, key: &str) -> Result<(), Error> {
        self.1.borrow_mut().shown_everywhere |= matches!(index, Index::Links);
        let mut table = self.0.open_table(index.def())?;
        table.remove(key)?;
        Ok(())
    }

    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), Error> {
        let mut table = self.0.open_table(META)?;
        table.insert(key, value)?;
        Ok(())
    }

    /// Appends events to a record's log, numbering them after the last one.
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

    /// Adds `delta` to a blob's reference count and returns the new count.
    pub fn add_blob_ref(&self, hash: &str, delta: i64) -> Result<u64, Error> {
        let mut table = self.0.open_table(BLOB_REFS)?;
        let current = table.get(hash)?.map(|v| v.value()).unwrap_or(0);
        let next = (current as i64 + delta).max(0) as u64;
        if next == 0 {
            table.remove(hash)?;
        } else {
            table.insert(hash, next)?;
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_under_the_database_is_507() {
        let full = || redb::StorageError::Io(std::io::Error::from_raw_os_error(28));
        assert_eq!(Error::from(full()).status(), 507);
        assert_eq!(
            Error::from(redb::CommitError::Storage(full())).status(),
            507
        );
        let corrupt = redb::StorageError::Corrupted("x".into());
        assert_eq!(Error::from(corrupt).status(), 500);
    }

    #[test]
    fn a_newer_database_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let store = Store::open(&path).unwrap();
        store
            .write_now(|tx| tx.set_meta("schema_version", &(SCHEMA_VERSION + 1).to_be_bytes()))
            .unwrap();
        drop(store);
        let error = Store::open(&path).err().expect("refused");
        assert!(
            error
                .to_string()
                .contains("newer than this handoff understands"),
            "{error}"
        );
    }

    #[derive(Serialize, serde::Deserialize)]
    struct Owned {
        id: Uuid,
        owner_id: Uuid,
    }

    impl Record for Owned {
        const TABLE: Table = Table::Shares;
        fn key(&self) -> Uuid {
            self.id
        }
        fn owner(&self) -> Option<Uuid> {
            Some(self.owner_id)
        }
    }

    #[test]
    fn the_owner_index_follows_every_put_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let (alice, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let owned_by = |owner: Uuid| {
            let records = store
                .read_now(|tx| tx.owned::<Owned>(owner, |_| true))
                .unwrap();
            records.iter().map(|r| r.id).collect::<Vec<_>>()
        };
        store
            .write_now(|tx| {
                for &id in &ids {
                    tx.put(&Owned {
                        id,
                        owner_id: alice,
                    })?;
                }
                tx.put(&Owned {
                    id: ids[1],
                    owner_id: bob,
                })?;
                tx.remove::<Owned>(ids[2]).map(drop)
            })
            .unwrap();
        assert_eq!(owned_by(alice), [ids[0]]);
        assert_eq!(owned_by(bob), [ids[1]]);
        let page = store
            .read_now(|tx| tx.owned_page::<Owned>(alice, None, 10, |_| true))
            .unwrap();
        assert_eq!((page.items.len(), page.next), (1, None));
    }

    #[test]
    fn reopening_keeps_the_schema_and_the_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        Store::open(&path)
            .unwrap()
            .write_now(|tx| tx.set_meta("k", b"v"))
            .unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.read_now(|tx| tx.meta("k")).unwrap(),
            Some(b"v".to_vec())
        );
        assert_eq!(
            store.read_now(|tx| tx.meta("schema_version")).unwrap(),
            Some(SCHEMA_VERSION.to_be_bytes().to_vec())
        );
    }
}
