//! `handoff migrate --config SOURCE --to TARGET` (SPEC §9): copies a stopped installation's
//! records and files into another configuration's backends (redb ↔ PostgreSQL, disk ↔ disk
//! elsewhere, disk ↔ S3), whose store must be empty, then checks every record and every file.

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
    let from =
        Blobs::open_with(&source.server.data_dir, &source.storage).map_err(Error::invalid)?;
    let to = Blobs::open_with(&target.server.data_dir, &target.storage).map_err(Error::invalid)?;
    // The object storage client needs a runtime; migrate runs where there is none.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let same = same_place(source, target)?;
        let (mut files, mut bytes) = (0, 0);
        for blob in from.list().await? {
            if !same {
                let received =
                    (to.receive(from.stream(&blob.sha256, 0..blob.size), u64::MAX)).await?;
                if received.fingerprint.sha256 != blob.sha256 {
                    return Err(Error::internal(format!(
                        "file {} reads back differently",
                        blob.sha256
                    )));
                }
                to.settle(received).await?;
            }
            bytes += verify(&to, &blob).await?;
            files += 1;
        }
        Ok((files, bytes))
    })
}

/// Whether both configurations keep their files in the same place (only the database
/// moves): then the files stay where they are, and are checked.
fn same_place(source: &Config, target: &Config) -> Result<bool> {
    let (a, b) = (&source.storage, &target.storage);
    Ok(match (a.backend.as_str(), b.backend.as_str()) {
        ("s3", "s3") => (&a.endpoint, &a.bucket) == (&b.endpoint, &b.bucket),
        ("disk", "disk") => {
            source.server.data_dir.canonicalize()? == target.server.data_dir.canonicalize()?
        }
        _ => false,
    })
}

/// Reads a stored copy back whole; its length when it hashes to its name.
async fn verify(blobs: &Blobs, blob: &crate::blobs::Listed) -> Result<u64> {
    use futures_util::StreamExt;
    let mut stream = std::pin::pin!(blobs.stream(&blob.sha256, 0..blob.size));
    let (mut sha, mut len) = (Sha256::new(), 0u64);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        sha.update(&chunk);
        len += chunk.len() as u64;
    }
    if hex::encode(sha.finalize()) != blob.sha256 || len != blob.size {
        return Err(Error::internal(format!(
            "the copy of file {} differs",
            blob.sha256
        )));
    }
    Ok(len)
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
