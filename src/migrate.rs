//! `handoff migrate --config SOURCE --to TARGET` (SPEC §9): copies a stopped installation's
//! records and files into another configuration's backends (redb ↔ PostgreSQL, disk ↔ disk
//! elsewhere), whose store must be empty, then checks every record and every file.

use crate::blobs::Blobs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::TableSum;
use sha2::{Digest, Sha256};

/// What was copied, for the report.
#[derive(Debug, Default, PartialEq)]
pub struct Copied {
    pub records: u64,
    pub tables: usize,
    pub files: u64,
    pub bytes: u64,
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "copied and verified {} records in {} tables and {} files ({} bytes)",
            self.records, self.tables, self.files, self.bytes
        )
    }
}

/// Copies and verifies; call off the async threads (the database drivers block).
pub fn migrate(source: &Config, target: &Config) -> Result<Copied> {
    if crate::data_dir_in_use(&source.server.data_dir) {
        return Err(Error::Conflict(
            "the source installation is running; stop it before migrating".into(),
        ));
    }
    let from = crate::open_store(source).map_err(Error::invalid)?;
    std::fs::create_dir_all(&target.server.data_dir)?;
    let to = crate::open_store(target).map_err(Error::invalid)?;
    if !is_empty(&to.sums()?) {
        return Err(Error::Conflict(
            "the target store is not empty; migrate goes into an empty store only".into(),
        ));
    }
    let tables = from.copy_into(&to)?;
    let (source_sums, target_sums) = (from.sums()?, to.sums()?);
    if let Some((a, b)) = source_sums.iter().zip(&target_sums).find(|(a, b)| a != b) {
        return Err(Error::internal(format!(
            "the copy of table {} differs: {} rows in the source, {} in the target",
            a.table, a.rows, b.rows
        )));
    }
    let (files, bytes) = copy_files(source, target)?;
    Ok(Copied {
        records: tables.iter().map(|(_, rows)| rows).sum(),
        tables: tables.len(),
        files,
        bytes,
    })
}

/// Nothing but the schema version: a store just made.
fn is_empty(sums: &[TableSum]) -> bool {
    sums.iter()
        .all(|s| s.rows == 0 || (s.table == "meta" && s.rows == 1))
}

/// Copies every file and reads each copy back, checking it against its SHA-256 name.
fn copy_files(source: &Config, target: &Config) -> Result<(u64, u64)> {
    let from = Blobs::open(&source.server.data_dir)?;
    let to = Blobs::open(&target.server.data_dir)?;
    // One data folder for both (only the database moves): the files stay, and are checked.
    let same = source.server.data_dir.canonicalize()? == target.server.data_dir.canonicalize()?;
    let (mut files, mut bytes) = (0, 0);
    for hash in from.list()? {
        let destination = to.path(&hash);
        if same {
            bytes += std::fs::metadata(&destination)?.len();
        } else {
            std::fs::create_dir_all(destination.parent().expect("blob paths have a folder"))?;
            bytes += std::fs::copy(from.path(&hash), &destination)?;
        }
        let mut sha = Sha256::new();
        std::io::copy(&mut std::fs::File::open(&destination)?, &mut sha)?;
        if hex::encode(sha.finalize()) != hash {
            return Err(Error::internal(format!("the copy of file {hash} differs")));
        }
        files += 1;
    }
    Ok((files, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(table: &str, rows: u64) -> TableSum {
        TableSum {
            table: table.into(),
            rows,
            sha256: String::new(),
        }
    }

    #[test]
    fn only_a_store_with_nothing_but_its_schema_version_is_empty() {
        assert!(is_empty(&[sum("meta", 1), sum("users", 0)]));
        assert!(!is_empty(&[sum("meta", 2), sum("users", 0)]));
        assert!(!is_empty(&[sum("meta", 1), sum("users", 1)]));
    }
}
