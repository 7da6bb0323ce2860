//! The metadata store: typed tables and transactions over one of two backends, redb (the
//! embedded default, `redb.rs`) or PostgreSQL (`[database] url`, `postgres.rs`, for several
//! nodes). The only code that knows either. Records are serde values kept as JSON bytes under
//! UUID keys (v7: keys sort by creation).

mod changes;
mod outbox_migration;
mod postgres;
mod raw;
mod redb;
mod tables;

use crate::error::Error;
use changes::{Changes, Touched};
pub use raw::TableSum;
use serde::{de::DeserializeOwned, Serialize};
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;
pub use tables::{Index, Table, SCHEMA_VERSION};
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
    backend: Backend,
    changes: Arc<Changes>,
}

#[derive(Clone)]
enum Backend {
    Redb(Arc<::redb::Database>),
    Postgres(postgres::Pool),
}

impl Store {
    /// Opens (or creates) the database, creating every table and checking the schema version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store {
            backend: Backend::Redb(Arc::new(redb::open(path)?)),
            changes: Arc::default(),
        })
    }

    /// Connects to PostgreSQL (`postgres://…`), creating every table and checking the schema
    /// version, over TLS as the URL's sslmode asks (`ca_file`). Call off the async threads: the
    /// driver blocks.
    pub fn open_postgres(
        url: &str,
        database: &crate::config::Database,
    ) -> Result<Store, StoreError> {
        let changes = Arc::new(Changes::default());
        let pool = postgres::Pool::open(url, database, &changes)?;
        Ok(Store {
            backend: Backend::Postgres(pool),
            changes,
        })
    }

    /// Whether other nodes may share the database (PostgreSQL): work they queue is found
    /// only by looking, as no wake-up of theirs reaches this node.
    pub fn shared(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// True when another process holds the database open (redb files only).
    pub fn in_use(path: &Path) -> bool {
        redb::in_use(path)
    }

    /// The number of commits so far. Read it before reading data that a cache keeps.
    pub fn commits(&self) -> u64 {
        self.changes.commits()
    }

    /// Whether what the link of `share` shows (the share, its assets and collection, its
    /// creator, the link index) may have changed since commit number `since`. With several
    /// nodes, other nodes' commits count once their notification arrives.
    pub fn changed_since(&self, share: Uuid, since: u64) -> bool {
        self.changes.changed_since(share, since)
    }

    /// Runs `f` in one read transaction, on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&ReadTx) -> Result<T, Error> + Send + 'static,
    {
        let store = self.clone();
        blocking(move || store.read_now(f)).await
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
        let inner = match &self.backend {
            Backend::Redb(db) => Writer::Redb(redb::Write(db.begin_write()?)),
            Backend::Postgres(pool) => Writer::Postgres(pool.begin_write()?),
        };
        let tx = WriteTx {
            inner,
            touched: RefCell::default(),
        };
        let value = f(&tx)?;
        let touched = tx.touched.into_inner();
        match tx.inner {
            Writer::Redb(tx) => tx.0.commit()?,
            Writer::Postgres(tx) => tx.commit(&touched)?,
        }
        self.changes.committed(touched);
        Ok(value)
    }

    pub fn read_now<T>(&self, f: impl FnOnce(&ReadTx) -> Result<T, Error>) -> Result<T, Error> {
        let tx = match &self.backend {
            Backend::Redb(db) => Reader::Redb(redb::Read(::redb::ReadableDatabase::begin_read(
                db.as_ref(),
            )?)),
            Backend::Postgres(pool) => Reader::Postgres(pool.begin_read()?),
        };
        f(&ReadTx(tx))
    }

    /// A consistent copy of the whole database as a redb file (a backup), taken in one read
    /// transaction, whichever backend holds it.
    pub fn snapshot_to(&self, dest: &Path) -> Result<(), Error> {
        match &self.backend {
            Backend::Redb(db) => redb::snapshot_to(db, dest),
            Backend::Postgres(_) => self.copy_into(&Store::open(dest)?).map(drop),
        }
    }

    /// Copies every row of every table into `target`, read in one transaction and written in
    /// one; the rows copied per table.
    pub fn copy_into(&self, target: &Store) -> Result<Vec<(String, u64)>, Error> {
        self.read_now(|from| {
            target.write_now(|to| {
                let to: &dyn raw::RawWrite = match &to.inner {
                    Writer::Redb(tx) => &tx.0,
                    Writer::Postgres(tx) => tx,
                };
                raw::copy(from.raw(), to)
            })
        })
    }

    /// Each table's row count and digest, read in one transaction: equal sums, equal stores.
    pub fn sums(&self) -> Result<Vec<TableSum>, Error> {
        self.read_now(|tx| raw::sums(tx.raw()))
    }
}

/// Runs blocking work (the database, hashing, argon2) off the async threads.
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

fn missing_owned<R: Record>() -> Error {
    StoreError::Corrupt(format!("{:?} index names a missing record", R::TABLE)).into()
}

/// A reference count after adding `delta`, never below zero.
fn next_count(current: u64, delta: i64) -> u64 {
    (current as i64 + delta).max(0) as u64
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

/// A read transaction on either backend.
pub struct ReadTx(Reader);

impl ReadTx {
    fn raw(&self) -> &dyn raw::RawRead {
        match &self.0 {
            Reader::Redb(tx) => &tx.0,
            Reader::Postgres(tx) => tx,
        }
    }
}

// One per transaction, on the stack for its length: boxing the larger one would cost an
// allocation on every read of the default backend for nothing.
#[allow(clippy::large_enum_variant)]
enum Reader {
    Redb(redb::Read),
    Postgres(postgres::Tx),
}

/// A write transaction on either backend, and what it wrote that cached links show.
pub struct WriteTx {
    inner: Writer,
    touched: RefCell<Touched>,
}

enum Writer {
    Redb(redb::Write),
    Postgres(postgres::Tx),
}

/// A page of records, newest first, and the cursor of the next page.
pub struct Page<R> {
    pub items: Vec<R>,
    pub next: Option<Uuid>,
}

/// Calls the same method on whichever backend holds the transaction.
macro_rules! on_backend {
    ($tx:expr, $t:ident => $call:expr) => {
        match $tx {
            Reader::Redb($t) => $call,
            Reader::Postgres($t) => $call,
        }
    };
}

macro_rules! on_writer {
    ($tx:expr, $t:ident => $call:expr) => {
        match $tx {
            Writer::Redb($t) => $call,
            Writer::Postgres($t) => $call,
        }
    };
}

/// Reads shared by both kinds of transaction, each dispatched to its backend.
macro_rules! reads {
    ($tx:ty, $on:ident, $inner:ident) => {
        impl $tx {
            pub fn get<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
                $on!($inner!(self), t => t.get(id))
            }

            /// Records of one table, newest first, starting below `before`, keeping those
            /// `keep` accepts, at most `limit`.
            pub fn page<R: Record>(
                &self,
                before: Option<Uuid>,
                limit: usize,
                keep: impl FnMut(&R) -> bool,
            ) -> Result<Page<R>, Error> {
                $on!($inner!(self), t => t.page(before, limit, keep))
            }

            /// The same, for the records of one owner (tables with an owner index).
            pub fn owned_page<R: Record>(
                &self,
                owner: Uuid,
                before: Option<Uuid>,
                limit: usize,
                keep: impl FnMut(&R) -> bool,
            ) -> Result<Page<R>, Error> {
                $on!($inner!(self), t => t.owned_page(owner, before, limit, keep))
            }

            /// Every record of one owner that `keep` accepts, oldest first.
            pub fn owned<R: Record>(
                &self,
                owner: Uuid,
                keep: impl FnMut(&R) -> bool,
            ) -> Result<Vec<R>, Error> {
                $on!($inner!(self), t => t.owned(owner, keep))
            }

            /// Every record of a table that `keep` accepts, oldest first.
            pub fn all<R: Record>(&self, keep: impl FnMut(&R) -> bool) -> Result<Vec<R>, Error> {
                $on!($inner!(self), t => t.all(keep))
            }

            pub fn count<R: Record>(&self) -> Result<u64, Error> {
                $on!($inner!(self), t => t.count::<R>())
            }

            pub fn lookup<V: DeserializeOwned>(
                &self,
                index: Index,
                key: &str,
            ) -> Result<Option<V>, Error> {
                $on!($inner!(self), t => t.lookup(index, key))
            }

            pub fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
                $on!($inner!(self), t => t.meta(key))
            }

            /// Events of one record (a share), oldest first, after sequence `after`.
            pub fn events<E: DeserializeOwned>(
                &self,
                owner: Uuid,
                after: u64,
                limit: usize,
            ) -> Result<Vec<(u64, E)>, Error> {
                $on!($inner!(self), t => t.events(owner, after, limit))
            }

            pub fn blob_refs(&self, hash: &str) -> Result<u64, Error> {
                $on!($inner!(self), t => t.blob_refs(hash))
            }
        }
    };
}
macro_rules! its_reader {
    ($s:expr) => {
        &$s.0
    };
}
macro_rules! its_writer {
    ($s:expr) => {
        &$s.inner
    };
}
reads!(ReadTx, on_backend, its_reader);
reads!(WriteTx, on_writer, its_writer);

impl WriteTx {
    fn touch(&self, table: Table, id: Uuid) {
        let mut touched = self.touched.borrow_mut();
        match table {
            Table::Shares => touched.shares.push(id),
            other => touched.shown_everywhere |= other.shown_through_links(),
        }
    }

    pub fn put<R: Record>(&self, record: &R) -> Result<(), Error> {
        self.touch(R::TABLE, record.key());
        on_writer!(&self.inner, t => t.put(record))
    }

    pub fn remove<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
        self.touch(R::TABLE, id);
        on_writer!(&self.inner, t => t.remove(id))
    }

    pub fn link<V: Serialize>(&self, index: Index, key: &str, value: &V) -> Result<(), Error> {
        self.touched.borrow_mut().shown_everywhere |= matches!(index, Index::Links);
        on_writer!(&self.inner, t => t.link(index, key, value))
    }

    pub fn unlink(&self, index: Index, key: &str) -> Result<(), Error> {
        self.touched.borrow_mut().shown_everywhere |= matches!(index, Index::Links);
        on_writer!(&self.inner, t => t.unlink(index, key))
    }

    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), Error> {
        on_writer!(&self.inner, t => t.set_meta(key, value))
    }

    /// Appends events to a record's log, numbering them after the last one.
    pub fn append_events<E: Serialize>(&self, owner: Uuid, events: &[E]) -> Result<(), Error> {
        on_writer!(&self.inner, t => t.append_events(owner, events))
    }

    pub fn remove_events(&self, owner: Uuid) -> Result<(), Error> {
        on_writer!(&self.inner, t => t.remove_events(owner))
    }

    /// Adds `delta` to a blob's reference count and returns the new count.
    pub fn add_blob_ref(&self, hash: &str, delta: i64) -> Result<u64, Error> {
        on_writer!(&self.inner, t => t.add_blob_ref(hash, delta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_under_the_database_is_507() {
        let full = || ::redb::StorageError::Io(std::io::Error::from_raw_os_error(28));
        assert_eq!(Error::from(full()).status(), 507);
        assert_eq!(
            Error::from(::redb::CommitError::Storage(full())).status(),
            507
        );
        let corrupt = ::redb::StorageError::Corrupted("x".into());
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
