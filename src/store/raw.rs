//! Tables as rows of bytes, the same on both backends: for copying a whole database from one
//! backend to another (`handoff migrate`, a backup of PostgreSQL as a redb file) and checking
//! the copy. Keys are redb's keys as big-endian bytes, so both backends list them in one order.

use super::postgres::{event_key, pair, u128_at, u64_at};
use super::StoreError;
use crate::error::Error;
use redb::{ReadableTable, TableDefinition};
use sha2::{Digest, Sha256};

/// The shape of a table's keys and values in redb.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    /// UUID → JSON
    Records,
    /// (owner, record) → nothing
    Owners,
    /// text → bytes (the meta table and the indexes)
    Strings,
    /// text → count (blob references)
    Counts,
    /// (record, sequence) → JSON
    Events,
}

type Row = (Vec<u8>, Vec<u8>);

/// Reading every row of a table, in key order.
pub(super) trait RawRead {
    fn each(
        &self,
        name: &str,
        kind: Kind,
        f: &mut dyn FnMut(Row) -> Result<(), Error>,
    ) -> Result<(), Error>;
}

pub(super) trait RawWrite {
    fn insert(&self, name: &str, kind: Kind, row: Row) -> Result<(), Error>;
}

/// Rows and a digest of one table's contents.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSum {
    pub table: String,
    pub rows: u64,
    pub sha256: String,
}

/// Copies every row of every table; the count per table.
pub(super) fn copy(from: &dyn RawRead, to: &dyn RawWrite) -> Result<Vec<(String, u64)>, Error> {
    let mut counts = Vec::new();
    for (name, kind) in super::tables::all_raw() {
        let mut rows = 0;
        from.each(&name, kind, &mut |row| {
            rows += 1;
            to.insert(&name, kind, row)
        })?;
        counts.push((name, rows));
    }
    Ok(counts)
}

/// Each table's row count and a SHA-256 of its rows in key order: equal sums, equal tables.
pub(super) fn sums(from: &dyn RawRead) -> Result<Vec<TableSum>, Error> {
    let mut sums = Vec::new();
    for (name, kind) in super::tables::all_raw() {
        let (mut rows, mut sha) = (0u64, Sha256::new());
        from.each(&name, kind, &mut |(k, v)| {
            rows += 1;
            for part in [k, v] {
                sha.update((part.len() as u64).to_be_bytes());
                sha.update(part);
            }
            Ok(())
        })?;
        sums.push(TableSum {
            table: name,
            rows,
            sha256: hex::encode(sha.finalize()),
        });
    }
    Ok(sums)
}

fn text(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes)
        .map_err(|_| StoreError::Corrupt("a text key is not UTF-8".into()).into())
}

macro_rules! each_of {
    ($tx:expr, $def:expr, $f:expr, |$k:ident, $v:ident| $row:expr) => {{
        let table = $tx.open_table($def)?;
        for entry in table.iter()? {
            let (key, value) = entry?;
            let ($k, $v) = (key.value(), value.value());
            $f($row)?;
        }
        Ok(())
    }};
}

impl RawRead for redb::ReadTransaction {
    fn each(
        &self,
        name: &str,
        kind: Kind,
        f: &mut dyn FnMut(Row) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match kind {
            Kind::Records => each_of!(
                self,
                TableDefinition::<u128, &[u8]>::new(name),
                f,
                |k, v| (k.to_be_bytes().to_vec(), v.to_vec())
            ),
            Kind::Owners => each_of!(
                self,
                TableDefinition::<(u128, u128), ()>::new(name),
                f,
                |k, v| {
                    let () = v;
                    (pair(k.0, k.1), Vec::new())
                }
            ),
            Kind::Strings => each_of!(
                self,
                TableDefinition::<&str, &[u8]>::new(name),
                f,
                |k, v| (k.as_bytes().to_vec(), v.to_vec())
            ),
            Kind::Counts => each_of!(self, TableDefinition::<&str, u64>::new(name), f, |k, v| (
                k.as_bytes().to_vec(),
                v.to_be_bytes().to_vec()
            )),
            Kind::Events => each_of!(
                self,
                TableDefinition::<(u128, u64), &[u8]>::new(name),
                f,
                |k, v| (event_key(k.0, k.1), v.to_vec())
            ),
        }
    }
}

impl RawWrite for redb::WriteTransaction {
    fn insert(&self, name: &str, kind: Kind, (k, v): Row) -> Result<(), Error> {
        match kind {
            Kind::Records => {
                self.open_table(TableDefinition::<u128, &[u8]>::new(name))?
                    .insert(u128_at(&k, 0)?, v.as_slice())?;
            }
            Kind::Owners => {
                self.open_table(TableDefinition::<(u128, u128), ()>::new(name))?
                    .insert((u128_at(&k, 0)?, u128_at(&k, 16)?), ())?;
            }
            Kind::Strings => {
                self.open_table(TableDefinition::<&str, &[u8]>::new(name))?
                    .insert(text(&k)?, v.as_slice())?;
            }
            Kind::Counts => {
                self.open_table(TableDefinition::<&str, u64>::new(name))?
                    .insert(text(&k)?, u64_at(&v, 0)?)?;
            }
            Kind::Events => {
                self.open_table(TableDefinition::<(u128, u64), &[u8]>::new(name))?
                    .insert((u128_at(&k, 0)?, u64_at(&k, 16)?), v.as_slice())?;
            }
        }
        Ok(())
    }
}
