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
        bytes += state.blobs.save_as(hash, &target).await?;
    }
    Ok(format!(
        "backed up the database and {} files ({bytes} bytes) to {}",
        hashes.len(),
        dest.display()
    ))
}

/// Copies a backup into an empty data folder; the server must not be running on it.
pub fn restore(source: &Path, data_dir: &Path) -> Result<String> {
    let database = source.join(crate::DATABASE_FILE);
    if !database.is_file() {
        return Err(Error::invalid(format!(
            "{} holds no {}",
            source.display(),
            crate::DATABASE_FILE
        )));
    }
    if data_dir.exists() && std::fs::read_dir(data_dir)?.next().is_some() {
        return Err(Error::Conflict(format!(
            "{} is not empty; restore goes into an empty data folder",
            data_dir.display()
        )));
    }
    // Open the copy first: a backup from a newer handoff is refused before anything is written.
    crate::store::Store::open(&database)?;
    std::fs::create_dir_all(data_dir.join("blobs"))?;
    std::fs::copy(&database, data_dir.join(crate::DATABASE_FILE))?;
    let mut files = 0;
    for entry in walk(&source.join("blobs"))? {
        let relative = entry.strip_prefix(source).map_err(Error::internal)?;
        let target = data_dir.join(relative);
        std::fs::create_dir_all(target.parent().expect("blob folder"))?;
        std::fs::copy(&entry, &target)?;
        files += 1;
    }
    Ok(format!(
        "restored the database and {files} files into {}",
        data_dir.display()
    ))
}

fn walk(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut found = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                found.extend(walk(&path)?);
            } else {
                found.push(path);
            }
        }
    }
    Ok(found)
}

/// Removes blobs that nothing refers to (left by a crash between a file's rename and its
/// commit, or by an interrupted derivative job). Returns the files and bytes removed.
pub async fn collect_garbage(state: &AppState) -> Result<(usize, u64)> {
    let _guard = state.blobs.lock().await;
    let stored = state.blobs.list().await?;
    let unreferenced = state
        .store
        .read(move |tx| {
            let mut unreferenced = Vec::new();
            for blob in stored.into_iter().filter(|b| !b.settling) {
                if tx.blob_refs(&blob.sha256)? == 0 {
                    unreferenced.push(blob);
                }
            }
            Ok(unreferenced)
        })
        .await?;
    let mut bytes = 0;
    for blob in &unreferenced {
        bytes += blob.size;
        state.blobs.remove(&blob.sha256).await?;
    }
    Ok((unreferenced.len(), bytes))
}
