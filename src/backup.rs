//! A consistent copy of a running instance: the database snapshot taken in one read
//! transaction, then every blob it refers to.

use crate::assets::Asset;
use crate::error::{Error, Result};
use crate::state::AppState;
use std::path::Path;

pub async fn backup(state: &AppState, dest: &Path) -> Result<String> {
    if dest.exists() && std::fs::read_dir(dest)?.next().is_some() {
        return Err(Error::Conflict(format!("{} is not empty", dest.display())));
    }
    std::fs::create_dir_all(dest)?;
    let store = state.store.clone();
    let db_dest = dest.join(crate::DATABASE_FILE);
    let hashes = crate::store::blocking(move || {
        store.snapshot_to(&db_dest)?;
        // Read the blob list from the snapshot itself, so the copy is what it refers to.
        let snapshot = crate::store::Store::open(&db_dest)?;
        let assets = snapshot.read_now(|tx| tx.all::<Asset>(|_| true))?;
        Ok(assets
            .iter()
            .flat_map(Asset::blob_hashes)
            .collect::<std::collections::BTreeSet<_>>())
    })
    .await?;
    let mut bytes = 0u64;
    for hash in &hashes {
        let target = dest.join("blobs").join(&hash[..2]).join(hash);
        tokio::fs::create_dir_all(target.parent().expect("blob folder")).await?;
        bytes += tokio::fs::copy(state.blobs.path(hash), &target).await?;
    }
    Ok(format!(
        "backed up the database and {} files ({bytes} bytes) to {}",
        hashes.len(),
        dest.display()
    ))
}
