//! The scale-out backend: the same tables in PostgreSQL (15+), one SQL table per redb table,
//! each `(k bytea primary key, v bytea)`. Keys are the redb keys as big-endian bytes (UUIDs
//! as 16 bytes, pairs concatenated, strings as UTF-8), so byte order is redb's order and every
//! range read is a range of `k`. Several nodes share one database:
//! - every write transaction first takes one advisory lock, so writes are serialized across
//!   nodes as redb serializes them in one process: use counts, limits and leases decided in a
//!   write stay exact;
//! - a commit that changes what links show sends a NOTIFY (delivered on commit), and every
//!   node's listener marks its link cache stale (`Changes`).

use super::changes::{Changes, Touched};
use super::raw::{Kind, RawRead, RawWrite};
use super::tables::{self, Table};
use super::{decode, encode, missing_owned, next_count, take_page, Index, Page, Record};
use super::{StoreError, SCHEMA_VERSION};
use crate::error::Error;
use ::redb::TableHandle;
use postgres::types::{ToSql, Type};
use r2d2_postgres::{r2d2, PostgresConnectionManager};
use serde::{de::DeserializeOwned, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

mod listen;
mod tls;

type Manager = PostgresConnectionManager<tls::Tls>;

/// The one advisory lock every write transaction takes (any constant; "handoff" in ASCII).
const WRITE_LOCK: i64 = 0x68616e646f6666;
/// The channel commits are announced on.
const CHANNEL: &str = "handoff_changes";
/// Rows fetched per round trip by range reads.
const BATCH: usize = 256;

#[derive(Clone)]
pub(crate) struct Pool {
    pool: Arc<Closing>,
    /// This node, so that its listener skips its own announcements.
    node: Arc<str>,
}

impl Pool {
    pub fn open(
        url: &str,
        database: &crate::config::Database,
        changes: &Arc<Changes>,
    ) -> Result<Pool, StoreError> {
        let config: postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Backend(format!("database.url: {e}")))?;
        let tls = tls::connector(database.ca_file.as_deref())?;
        // The listener's connection first: a refused certificate (or password) fails the
        // start at once, naming the host, instead of after the pool's connection timeout.
        let listener = listen::connect(&config, &tls).map_err(|e| {
            let problem = crate::error::with_causes(&e);
            StoreError::Backend(format!("connecting to {}: {problem}", redacted(url)))
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(database.max_connections.max(1))
            .min_idle(Some(1))
            // A broken connection is noticed by `has_broken`; testing each checkout would
            // cost a round trip per transaction.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(PostgresConnectionManager::new(config.clone(), tls.clone()))
            .map_err(|e| StoreError::Backend(format!("connecting to {}: {e}", redacted(url))))?;
        let pool = Pool {
            pool: Arc::new(Closing(Some(pool))),
            node: Uuid::new_v4().to_string().into(),
        };
        pool.prepare()?;
        listen::start(
            listener,
            config,
            tls,
            pool.node.clone(),
            Arc::downgrade(changes),
        )?;
        Ok(pool)
    }

    /// Creates missing tables and checks the schema version, under the write lock so that
    /// nodes starting together do not race.
    fn prepare(&self) -> Result<(), StoreError> {
        let backend = |e: Error| StoreError::Backend(e.to_string());
        let tx = self.begin_write().map_err(backend)?;
        let mut ddl = String::new();
        for (name, _) in tables::all_raw() {
            ddl += &format!(
                "CREATE TABLE IF NOT EXISTS {} (k bytea PRIMARY KEY, v bytea NOT NULL);",
                sql_name(&name)
            );
        }
        tx.conn
            .borrow_mut()
            .batch_execute(&ddl)
            .map_err(|e| StoreError::Backend(e.to_string()))?;
        match tx.meta("schema_version").map_err(backend)? {
            None => tx
                .set_meta("schema_version", &SCHEMA_VERSION.to_be_bytes())
                .map_err(backend)?,
            Some(v) => match super::decode_u32(&v)? {
                found if found > SCHEMA_VERSION => return Err(StoreError::TooNew { found }),
                3 if SCHEMA_VERSION == 4 => {
                    super::outbox_migration::rows(&tx, &tx).map_err(backend)?;
                    tx.conn
                        .borrow_mut()
                        .batch_execute("DROP TABLE handoff_emails, handoff_webhook_deliveries")
                        .map_err(|e| StoreError::Backend(e.to_string()))?;
                    tx.set_meta("schema_version", &SCHEMA_VERSION.to_be_bytes())
                        .map_err(backend)?;
                }
                found if found < SCHEMA_VERSION => {
                    return Err(StoreError::Backend(format!(
                        "the database has schema version {found}; migrations of PostgreSQL \
                         databases are not written yet: `handoff migrate` it through redb"
                    )))
                }
                _ => {}
            },
        }
        tx.commit(&Touched::default()).map_err(backend)
    }

    fn begin(&self, sql: &str) -> Result<Tx, Error> {
        let mut conn = self.pool.get()?;
        conn.batch_execute(sql).map_err(pg_error)?;
        Ok(Tx {
            conn: RefCell::new(conn),
            open: Cell::new(true),
            node: self.node.clone(),
        })
    }

    /// A snapshot: every read of the transaction sees the same committed state.
    pub fn begin_read(&self) -> Result<Tx, Error> {
        self.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    }

    /// One writer at a time across every node, as redb has one writer.
    pub fn begin_write(&self) -> Result<Tx, Error> {
        self.begin(&format!(
            "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
        ))
    }
}

/// The connections, closed on a thread of their own when the last store goes: closing blocks,
/// and the last store may be dropped on an async thread.
struct Closing(Option<r2d2::Pool<Manager>>);

impl Closing {
    fn get(&self) -> Result<r2d2::PooledConnection<Manager>, Error> {
        let pool = self
            .0
            .as_ref()
            .expect("the pool is taken only when dropped");
        pool.get().map_err(unavailable)
    }
}

impl Drop for Closing {
    fn drop(&mut self) {
        if let Some(pool) = self.0.take() {
            let _ = std::thread::Builder::new()
                .name("handoff-pg-close".into())
                .spawn(move || drop(pool));
        }
    }
}

/// A transaction on one pooled connection; rolled back when dropped uncommitted.
pub(crate) struct Tx {
    conn: RefCell<r2d2::PooledConnection<Manager>>,
    open: Cell<bool>,
    node: Arc<str>,
}

impl Drop for Tx {
    fn drop(&mut self) {
        if self.open.get() {
            let _ = self.conn.get_mut().batch_execute("ROLLBACK");
        }
    }
}

type Params<'a> = [(&'a (dyn ToSql + Sync), Type)];

impl Tx {
    /// Commits, announcing to every node what changed that links show.
    pub fn commit(self, touched: &Touched) -> Result<(), Error> {
        let announce = listen::payload(&self.node, touched)
            .map(|p| format!("SELECT pg_notify('{CHANNEL}', '{p}');"))
            .unwrap_or_default();
        self.conn
            .borrow_mut()
            .batch_execute(&format!("{announce}COMMIT"))
            .map_err(pg_error)?;
        self.open.set(false);
        Ok(())
    }

    fn rows(&self, sql: &str, params: &Params) -> Result<Vec<postgres::Row>, Error> {
        self.conn
            .borrow_mut()
            .query_typed(sql, params)
            .map_err(pg_error)
    }

    fn value(&self, table: &str, key: &[u8]) -> Result<Option<Vec<u8>>, Error> {
        let sql = format!("SELECT v FROM {table} WHERE k = $1");
        let rows = self.rows(&sql, &[(&key, Type::BYTEA)])?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    fn upsert(&self, table: &str, key: &[u8], value: &[u8]) -> Result<(), Error> {
        let sql = format!(
            "INSERT INTO {table} (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v"
        );
        self.rows(&sql, &[(&key, Type::BYTEA), (&value, Type::BYTEA)])
            .map(drop)
    }

    /// Deletes one key; its value before.
    fn delete(&self, table: &str, key: &[u8]) -> Result<Option<Vec<u8>>, Error> {
        let sql = format!("DELETE FROM {table} WHERE k = $1 RETURNING v");
        let rows = self.rows(&sql, &[(&key, Type::BYTEA)])?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    /// Rows with `low <= k < high` (no upper bound without `high`), in key order or reversed,
    /// fetched a batch at a time.
    fn scan(&self, table: String, low: Vec<u8>, high: Option<Vec<u8>>, rev: bool) -> Scan<'_> {
        Scan {
            tx: self,
            table,
            low,
            high,
            rev,
            buffer: VecDeque::new(),
            done: false,
        }
    }

    pub fn get<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
        let value = self.value(&record_table(R::TABLE), &id_key(id))?;
        value.map(|v| decode(&v)).transpose()
    }

    pub fn page<R: Record>(
        &self,
        before: Option<Uuid>,
        limit: usize,
        keep: impl FnMut(&R) -> bool,
    ) -> Result<Page<R>, Error> {
        let upper = before.map_or(u128::MAX, |b| b.as_u128()).to_be_bytes();
        let records = self
            .scan(
                record_table(R::TABLE),
                Vec::new(),
                Some(upper.to_vec()),
                true,
            )
            .map(|row| decode(&row?.1));
        take_page(records, limit, keep)
    }

    pub fn owned_page<R: Record>(
        &self,
        owner: Uuid,
        before: Option<Uuid>,
        limit: usize,
        keep: impl FnMut(&R) -> bool,
    ) -> Result<Page<R>, Error> {
        let upper = before.map_or(u128::MAX, |b| b.as_u128());
        let (low, high) = (pair(owner.as_u128(), 0), pair(owner.as_u128(), upper));
        let records = self
            .scan(owners_table::<R>()?, low, Some(high), true)
            .map(|row| self.owned_record(&row?.0));
        take_page(records, limit, keep)
    }

    pub fn owned<R: Record>(
        &self,
        owner: Uuid,
        keep: impl FnMut(&R) -> bool,
    ) -> Result<Vec<R>, Error> {
        let (low, high) = (pair(owner.as_u128(), 0), pair(owner.as_u128(), u128::MAX));
        let records = self
            .scan(owners_table::<R>()?, low, Some(inclusive(high)), false)
            .map(|row| self.owned_record(&row?.0));
        Ok(take_page(records, usize::MAX, keep)?.items)
    }

    fn owned_record<R: Record>(&self, entry: &[u8]) -> Result<R, Error> {
        let id = u128_at(entry, 16)?;
        self.get(Uuid::from_u128(id))?
            .ok_or_else(missing_owned::<R>)
    }

    pub fn all<R: Record>(&self, mut keep: impl FnMut(&R) -> bool) -> Result<Vec<R>, Error> {
        let mut items = Vec::new();
        for row in self.scan(record_table(R::TABLE), Vec::new(), None, false) {
            let record: R = decode(&row?.1)?;
            if keep(&record) {
                items.push(record);
            }
        }
        Ok(items)
    }

    pub fn count<R: Record>(&self) -> Result<u64, Error> {
        let sql = format!("SELECT count(*) FROM {}", record_table(R::TABLE));
        let rows = self.rows(&sql, &[])?;
        Ok(rows.first().map_or(0, |r| r.get::<_, i64>(0)) as u64)
    }

    pub fn lookup<V: DeserializeOwned>(&self, index: Index, key: &str) -> Result<Option<V>, Error> {
        let value = self.value(&sql_name(index.def().name()), key.as_bytes())?;
        value.map(|v| decode(&v)).transpose()
    }

    pub fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        self.value(&sql_name(tables::META.name()), key.as_bytes())
    }

    pub fn events<E: DeserializeOwned>(
        &self,
        owner: Uuid,
        after: u64,
        limit: usize,
    ) -> Result<Vec<(u64, E)>, Error> {
        let (low, high) = event_range(owner, after.saturating_add(1));
        let mut items = Vec::new();
        for row in self
            .scan(events_table(), low, Some(high), false)
            .take(limit)
        {
            let (key, value) = row?;
            items.push((u64_at(&key, 16)?, decode(&value)?));
        }
        Ok(items)
    }

    pub fn blob_refs(&self, hash: &str) -> Result<u64, Error> {
        let value = self.value(&sql_name(tables::BLOB_REFS.name()), hash.as_bytes())?;
        value.map_or(Ok(0), |v| u64_at(&v, 0))
    }

    pub fn put<R: Record>(&self, record: &R) -> Result<(), Error> {
        let (table, id) = (record_table(R::TABLE), record.key());
        let value = encode(record)?;
        let (Some(_), Some(owner)) = (R::TABLE.owner_index(), record.owner()) else {
            return self.upsert(&table, &id_key(id), &value);
        };
        let owners = owners_table::<R>()?;
        let entry = pair(owner.as_u128(), id.as_u128());
        // As in redb: the usual case, saved again by the same owner, costs one index lookup.
        if self.value(&owners, &entry)?.is_some() {
            return self.upsert(&table, &id_key(id), &value);
        }
        let old = self.value(&table, &id_key(id))?;
        self.upsert(&table, &id_key(id), &value)?;
        if let Some(previous) = old
            .map(|v| decode::<R>(&v))
            .transpose()?
            .and_then(|r| r.owner())
        {
            self.delete(&owners, &pair(previous.as_u128(), id.as_u128()))?;
        }
        self.upsert(&owners, &entry, &[])
    }

    pub fn remove<R: Record>(&self, id: Uuid) -> Result<Option<R>, Error> {
        let old = self.delete(&record_table(R::TABLE), &id_key(id))?;
        let old: Option<R> = old.map(|v| decode(&v)).transpose()?;
        if let Some(owner) = old.as_ref().and_then(R::owner) {
            self.delete(&owners_table::<R>()?, &pair(owner.as_u128(), id.as_u128()))?;
        }
        Ok(old)
    }

    pub fn link<V: Serialize>(&self, index: Index, key: &str, value: &V) -> Result<(), Error> {
        self.upsert(
            &sql_name(index.def().name()),
            key.as_bytes(),
            &encode(value)?,
        )
    }

    pub fn unlink(&self, index: Index, key: &str) -> Result<(), Error> {
        self.delete(&sql_name(index.def().name()), key.as_bytes())
            .map(drop)
    }

    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), Error> {
        self.upsert(&sql_name(tables::META.name()), key.as_bytes(), value)
    }

    pub fn append_events<E: Serialize>(&self, owner: Uuid, events: &[E]) -> Result<(), Error> {
        let (low, high) = event_range(owner, 0);
        let last = match self.scan(events_table(), low, Some(high), true).next() {
            Some(row) => u64_at(&row?.0, 16)?,
            None => 0,
        };
        let mut keys = Vec::with_capacity(events.len());
        let mut values = Vec::with_capacity(events.len());
        for (i, event) in events.iter().enumerate() {
            keys.push(event_key(owner.as_u128(), last + 1 + i as u64));
            values.push(encode(event)?);
        }
        let sql = format!(
            "INSERT INTO {} (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[])",
            events_table()
        );
        self.rows(
            &sql,
            &[(&keys, Type::BYTEA_ARRAY), (&values, Type::BYTEA_ARRAY)],
        )
        .map(drop)
    }

    pub fn remove_events(&self, owner: Uuid) -> Result<(), Error> {
        let (low, high) = event_range(owner, 0);
        let sql = format!("DELETE FROM {} WHERE k >= $1 AND k < $2", events_table());
        self.rows(&sql, &[(&low, Type::BYTEA), (&high, Type::BYTEA)])
            .map(drop)
    }

    pub fn add_blob_ref(&self, hash: &str, delta: i64) -> Result<u64, Error> {
        let table = sql_name(tables::BLOB_REFS.name());
        let next = next_count(self.blob_refs(hash)?, delta);
        match next {
            0 => self.delete(&table, hash.as_bytes()).map(drop)?,
            n => self.upsert(&table, hash.as_bytes(), &n.to_be_bytes())?,
        }
        Ok(next)
    }
}

impl RawRead for Tx {
    fn each(
        &self,
        name: &str,
        _: Kind,
        f: &mut dyn FnMut((Vec<u8>, Vec<u8>)) -> Result<(), Error>,
    ) -> Result<(), Error> {
        for row in self.scan(sql_name(name), Vec::new(), None, false) {
            f(row?)?;
        }
        Ok(())
    }
}

impl RawWrite for Tx {
    fn insert(&self, name: &str, _: Kind, (k, v): (Vec<u8>, Vec<u8>)) -> Result<(), Error> {
        self.upsert(&sql_name(name), &k, &v)
    }
}

/// A range read, a batch of rows at a time.
struct Scan<'a> {
    tx: &'a Tx,
    table: String,
    low: Vec<u8>,
    high: Option<Vec<u8>>,
    rev: bool,
    buffer: VecDeque<(Vec<u8>, Vec<u8>)>,
    done: bool,
}

impl Scan<'_> {
    fn fill(&mut self) -> Result<(), Error> {
        let order = if self.rev { "DESC" } else { "ASC" };
        let upper = if self.high.is_some() {
            " AND k < $2"
        } else {
            ""
        };
        let sql = format!(
            "SELECT k, v FROM {} WHERE k >= $1{upper} ORDER BY k {order} LIMIT {BATCH}",
            self.table
        );
        let rows = match &self.high {
            Some(high) => self
                .tx
                .rows(&sql, &[(&self.low, Type::BYTEA), (high, Type::BYTEA)])?,
            None => self.tx.rows(&sql, &[(&self.low, Type::BYTEA)])?,
        };
        self.done = rows.len() < BATCH;
        self.buffer
            .extend(rows.iter().map(|r| (r.get(0), r.get(1))));
        // The next batch starts past the last key read.
        if let Some((last, _)) = self.buffer.back() {
            match self.rev {
                true => self.high = Some(last.clone()),
                false => self.low = inclusive(last.clone()),
            }
        }
        Ok(())
    }
}

impl Iterator for Scan<'_> {
    type Item = Result<(Vec<u8>, Vec<u8>), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && !self.done {
            if let Err(e) = self.fill() {
                self.done = true;
                return Some(Err(e));
            }
        }
        self.buffer.pop_front().map(Ok)
    }
}

/// A table's name in SQL: prefixed, so that no table name is a reserved word.
pub(super) fn sql_name(name: &str) -> String {
    format!("handoff_{name}")
}

fn record_table(table: Table) -> String {
    sql_name(table.def().name())
}

fn owners_table<R: Record>() -> Result<String, Error> {
    Ok(sql_name(super::owner_index::<R>()?.name()))
}

fn events_table() -> String {
    sql_name(tables::EVENTS.name())
}

fn id_key(id: Uuid) -> [u8; 16] {
    id.as_u128().to_be_bytes()
}

pub(super) fn pair(a: u128, b: u128) -> Vec<u8> {
    [a.to_be_bytes(), b.to_be_bytes()].concat()
}

pub(super) fn event_key(owner: u128, seq: u64) -> Vec<u8> {
    [&owner.to_be_bytes()[..], &seq.to_be_bytes()].concat()
}

/// The keys of one owner's events from sequence `from` on.
fn event_range(owner: Uuid, from: u64) -> (Vec<u8>, Vec<u8>) {
    let owner = owner.as_u128();
    (
        event_key(owner, from),
        inclusive(event_key(owner, u64::MAX)),
    )
}

/// The smallest key above `key`, so that `k < inclusive(key)` means `k <= key`.
fn inclusive(mut key: Vec<u8>) -> Vec<u8> {
    key.push(0);
    key
}

pub(super) fn u128_at(key: &[u8], at: usize) -> Result<u128, Error> {
    key.get(at..at + 16)
        .and_then(|b| b.try_into().ok())
        .map(u128::from_be_bytes)
        .ok_or_else(|| StoreError::Corrupt("a key of the wrong length".into()).into())
}

pub(super) fn u64_at(key: &[u8], at: usize) -> Result<u64, Error> {
    key.get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| StoreError::Corrupt("a key of the wrong length".into()).into())
}

fn pg_error(e: postgres::Error) -> Error {
    match e.as_db_error() {
        Some(_) => Error::from(StoreError::Backend(e.to_string())),
        // No answer from the server at all: the database is down or unreachable.
        None => Error::Unavailable(format!("database: {e}")),
    }
}

fn unavailable(e: r2d2::Error) -> Error {
    Error::Unavailable(format!("database: {e}"))
}

/// The URL without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_string(),
    }
}
