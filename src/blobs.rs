//! Asset files, content-addressed by SHA-256, on disk or in an S3-compatible bucket (SPEC §9;
//! see `s3`). On disk, bytes stream into a temp file while size, SHA-256 and CRC-32 are
//! computed, then fsync and rename: a file under `blobs/` is always whole. In a bucket they
//! stream into a temp object, copied to its hash's name once known. Files nothing refers to
//! (a crash between rename and commit) are swept by gc.

use crate::config::Storage;
use crate::error::{Error, Result};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use tokio::sync::{mpsc, Mutex, MutexGuard};

mod parts;
mod read;
mod s3;
mod s3_parts;
pub use parts::{Appended, Checksum, Running, CHECKSUM_ALGORITHMS};
pub use read::{Local, Located};
use s3::Bucket;
pub use s3::Object;

/// A stored blob, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub sha256: String,
    pub size: u64,
    /// Written in a bucket in the last minutes: another node may be about to commit its
    /// reference to it, so gc leaves it alone.
    pub settling: bool,
}

/// What ingest learned about a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub sha256: String,
    pub size: u64,
    pub crc32: u32,
}

/// A fully written, synced file waiting in `tmp/` to be settled into place. Dropped
/// unsettled (the request failed further on), it removes its file: nothing half-kept.
pub struct Received {
    pub fingerprint: Fingerprint,
    temp: Temp,
}

/// Where a received file waits to be settled.
enum Temp {
    Settled,
    File(PathBuf),
    Object(Bucket, object_store::path::Path),
    /// The pieces of a finished resumable upload (see `s3_parts`).
    Part(Bucket, uuid::Uuid),
}

impl Received {
    /// The first `len` bytes of the file (fewer when it is shorter), to tell its type by.
    pub async fn head(&self, len: usize) -> Result<Vec<u8>> {
        use tokio::io::AsyncReadExt;
        let len = (len as u64).min(self.fingerprint.size);
        match &self.temp {
            Temp::File(path) => {
                let mut head = Vec::with_capacity(len as usize);
                let file = tokio::fs::File::open(path).await?;
                file.take(len).read_to_end(&mut head).await?;
                Ok(head)
            }
            Temp::Object(bucket, key) => {
                read::collect(bucket.get(key, Some(0..len)).await?.1, len).await
            }
            Temp::Part(bucket, id) => {
                let pieces = bucket.pieces(*id, len).await?;
                read::collect(bucket.read_pieces(pieces), len).await
            }
            Temp::Settled => Err(Error::internal("the file was settled already")),
        }
    }
}

impl Drop for Received {
    fn drop(&mut self) {
        match std::mem::replace(&mut self.temp, Temp::Settled) {
            Temp::Settled => {}
            Temp::File(path) => {
                let _ = std::fs::remove_file(path);
            }
            // Removed in the background: a drop cannot wait (gc sweeps what this misses).
            Temp::Object(bucket, key) => read::in_background(async move {
                let _ = bucket.delete(&key).await;
            }),
            Temp::Part(bucket, id) => read::in_background(async move {
                let _ = bucket.remove_part(id).await;
            }),
        }
    }
}

pub struct Blobs {
    blobs: PathBuf,
    tmp: PathBuf,
    /// Resumable uploads in progress (see `parts`).
    parts: PathBuf,
    /// With `[storage] backend = "s3"`: the bucket that holds every file and resumable
    /// upload; the data folder then only keeps scratch files of the tools.
    bucket: Option<Bucket>,
    /// Held while a file is settled and its reference committed, or unreferenced and removed,
    /// so that a deletion never removes a file that a parallel upload just came to share.
    refs: Mutex<()>,
}

/// How many chunks may wait between the network and the disk writer.
const QUEUE_CHUNKS: usize = 16;

impl Blobs {
    /// Opens the folders inside `data_dir` and sweeps temp files a crash left behind.
    pub fn open(data_dir: &Path) -> std::io::Result<Blobs> {
        let blobs = data_dir.join("blobs");
        let tmp = data_dir.join("tmp");
        let parts = data_dir.join("uploads");
        for dir in [&blobs, &tmp, &parts] {
            std::fs::create_dir_all(dir)?;
        }
        for entry in std::fs::read_dir(&tmp)? {
            let path = entry?.path();
            if path.is_file() {
                tracing::info!(file = %path.display(), "removing a temp file left by an interrupted upload");
                std::fs::remove_file(&path)?;
            }
        }
        Ok(Blobs {
            blobs,
            tmp,
            parts,
            bucket: None,
            refs: Mutex::new(()),
        })
    }

    /// The byte store the configuration names: the data folder, or its S3 bucket.
    pub fn open_with(data_dir: &Path, storage: &Storage) -> std::result::Result<Blobs, String> {
        let mut blobs = Blobs::open(data_dir)
            .map_err(|e| format!("data folder {}: {e}", data_dir.display()))?;
        if storage.backend == "s3" {
            blobs.bucket = Some(Bucket::open(storage)?);
        }
        Ok(blobs)
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.blobs.join(&sha256[..2]).join(sha256)
    }

    /// A fresh path in the temp folder, for tools that write files (swept on start).
    pub fn temp_path(&self, extension: &str) -> PathBuf {
        self.tmp
            .join(format!("{}.{extension}", uuid::Uuid::new_v4()))
    }

    pub async fn lock(&self) -> MutexGuard<'_, ()> {
        self.refs.lock().await
    }

    /// The bytes free for writing in the data folder (with a bucket: for scratch files).
    pub fn free_bytes(&self) -> std::io::Result<u64> {
        let stats = rustix::fs::statvfs(&self.blobs)?;
        Ok(stats.f_bavail.saturating_mul(stats.f_frsize))
    }

    /// 507 before a byte of an upload is written, when the data folder has less than
    /// `reserve` bytes free or would have after the `announced` length.
    /// A bucket has no such limit that we could know of: files do not go to the folder.
    pub fn ensure_room(&self, reserve: u64, announced: Option<u64>) -> Result<()> {
        if self.bucket.is_some() {
            return Ok(());
        }
        check_room(self.free_bytes()?, reserve, announced)
    }

    /// Streams `body` into a temp file, refusing more than `max_bytes` (413). On any error the
    /// temp file is gone.
    pub async fn receive<S, B, E>(&self, body: S, max_bytes: u64) -> Result<Received>
    where
        S: Stream<Item = std::result::Result<B, E>> + Send,
        B: bytes::Buf,
        E: std::fmt::Display,
    {
        if let Some(bucket) = &self.bucket {
            return receive_object(bucket, body, max_bytes).await;
        }
        let temp = self.tmp.join(format!("{}.part", uuid::Uuid::new_v4()));
        let (tx, rx) = mpsc::channel::<Bytes>(QUEUE_CHUNKS);
        let writer_path = temp.clone();
        let writer = tokio::task::spawn_blocking(move || write_temp(&writer_path, rx));
        let fed = feed(body, tx, max_bytes).await;
        let written = writer.await.map_err(Error::internal);
        match (fed, written) {
            (Ok(()), Ok(Ok(fingerprint))) => Ok(Received {
                fingerprint,
                temp: Temp::File(temp),
            }),
            (fed, written) => {
                let _ = tokio::fs::remove_file(&temp).await;
                fed?;
                written??;
                unreachable!("one of the two failed")
            }
        }
    }

    /// Writes bytes made by the server itself (derivatives).
    pub async fn receive_bytes(&self, bytes: Vec<u8>) -> Result<Received> {
        let body =
            futures_util::stream::once(async { Ok::<_, std::io::Error>(Bytes::from(bytes)) });
        self.receive(body, u64::MAX).await
    }

    /// Copies a file made by the server itself (a video proxy) in, streaming: it may be large.
    pub async fn receive_file(&self, path: &Path) -> Result<Received> {
        let file = tokio::fs::File::open(path).await?;
        self.receive(tokio_util::io::ReaderStream::new(file), u64::MAX)
            .await
    }

    /// Moves a received file into place. Call with the lock held, then commit the reference.
    pub async fn settle(&self, mut received: Received) -> Result<Fingerprint> {
        let fingerprint = received.fingerprint.clone();
        let target = self.path(&fingerprint.sha256);
        let temp = match std::mem::replace(&mut received.temp, Temp::Settled) {
            Temp::File(path) => path,
            Temp::Object(bucket, key) => {
                // Copied even when the hash is there already: the fresh copy's time keeps gc
                // on another node from removing it before this node commits its reference.
                let blob = Bucket::blob_key(&fingerprint.sha256);
                let copied = bucket.copy(&key, &blob).await;
                bucket.delete(&key).await?;
                return copied.map(|()| fingerprint);
            }
            Temp::Part(bucket, id) => {
                let pieces = bucket.pieces(id, fingerprint.size).await?;
                let joined =
                    (bucket.join_pieces(pieces, &Bucket::blob_key(&fingerprint.sha256))).await;
                bucket.remove_part(id).await?;
                return joined.map(|()| fingerprint);
            }
            Temp::Settled => return Err(Error::internal("the file was settled already")),
        };
        crate::store::blocking(move || {
            let dir = target.parent().expect("blob paths have a folder");
            std::fs::create_dir_all(dir)?;
            if target.is_file() {
                std::fs::remove_file(&temp)?;
            } else {
                std::fs::rename(&temp, &target)?;
                std::fs::File::open(dir)?.sync_all()?;
            }
            Ok(fingerprint)
        })
        .await
    }

    /// Removes a file nothing refers to any more. Call with the lock held, after the commit.
    pub async fn remove(&self, sha256: &str) -> Result<()> {
        if let Some(bucket) = &self.bucket {
            return bucket.remove_blob(sha256).await;
        }
        match tokio::fs::remove_file(self.path(sha256)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Every blob, for gc and migrate.
    pub async fn list(&self) -> Result<Vec<Listed>> {
        if let Some(bucket) = &self.bucket {
            return bucket.list_blobs().await;
        }
        Ok(self.list_files()?)
    }

    fn list_files(&self) -> std::io::Result<Vec<Listed>> {
        let mut found = Vec::new();
        for dir in std::fs::read_dir(&self.blobs)? {
            let dir = dir?;
            if dir.file_type()?.is_dir() {
                for file in std::fs::read_dir(dir.path())? {
                    let file = file?;
                    found.push(Listed {
                        sha256: file.file_name().to_string_lossy().into_owned(),
                        size: file.metadata()?.len(),
                        settling: false,
                    });
                }
            }
        }
        Ok(found)
    }
}

/// `receive` into a temp object of the bucket.
async fn receive_object<S, B, E>(bucket: &Bucket, body: S, max_bytes: u64) -> Result<Received>
where
    S: Stream<Item = std::result::Result<B, E>> + Send,
    B: bytes::Buf,
    E: std::fmt::Display,
{
    let key = Bucket::temp_key();
    let (tx, rx) = mpsc::channel::<Bytes>(QUEUE_CHUNKS);
    let writer = {
        let (bucket, key) = (bucket.clone(), key.clone());
        tokio::spawn(async move { bucket.upload(&key, rx, Running::default(), None).await })
    };
    let fed = feed(body, tx, max_bytes).await;
    let written = writer.await.map_err(Error::internal);
    match (fed, written) {
        (Ok(()), Ok(Ok(running))) => Ok(Received {
            fingerprint: running.finish(),
            temp: Temp::Object(bucket.clone(), key),
        }),
        (fed, written) => {
            bucket.delete(&key).await?;
            fed?;
            written??;
            unreachable!("one of the two failed")
        }
    }
}

/// The decision behind [`Blobs::ensure_room`].
fn check_room(free: u64, reserve: u64, announced: Option<u64>) -> Result<()> {
    let needed = reserve.saturating_add(announced.unwrap_or(0));
    if free < needed {
        return Err(Error::InsufficientStorage(format!(
            "the data folder has {free} bytes free and keeps {reserve} in reserve: \
             no room for new uploads"
        )));
    }
    Ok(())
}

/// Forwards the body to the writer, counting bytes against the limit.
async fn feed<S, B, E>(body: S, tx: mpsc::Sender<Bytes>, max_bytes: u64) -> Result<()>
where
    S: Stream<Item = std::result::Result<B, E>> + Send,
    B: bytes::Buf,
    E: std::fmt::Display,
{
    let mut body = std::pin::pin!(body);
    let mut total: u64 = 0;
    // Network chunks are small (a TLS record is at most 16 KiB): gather them, so that the
    // writer thread wakes once per batch rather than once per record.
    let mut batch = bytes::BytesMut::with_capacity(BATCH_BYTES);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| Error::bad_request(format!("upload interrupted: {e}")))?;
        total += chunk.remaining() as u64;
        if total > max_bytes {
            return Err(Error::TooLarge(format!(
                "uploads are limited to {max_bytes} bytes"
            )));
        }
        bytes::BufMut::put(&mut batch, chunk);
        if batch.len() >= BATCH_BYTES && tx.send(batch.split().freeze()).await.is_err() {
            // The writer stopped; its own error tells why.
            return Ok(());
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch.freeze()).await;
    }
    Ok(())
}

/// How much the network side gathers before handing bytes to the disk writer.
const BATCH_BYTES: usize = 256 * 1024;

fn write_temp(path: &Path, mut rx: mpsc::Receiver<Bytes>) -> Result<Fingerprint> {
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut sha = Sha256::new();
    let mut crc = crc32fast::Hasher::new();
    let mut size = 0u64;
    while let Some(chunk) = rx.blocking_recv() {
        sha.update(&chunk);
        crc.update(&chunk);
        size += chunk.len() as u64;
        out.write_all(&chunk)?;
    }
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(Fingerprint {
        sha256: hex::encode(sha.finalize()),
        size,
        crc32: crc.finalize(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_must_leave_the_reserve_free() {
        assert_eq!(check_room(100, 0, None), Ok(()));
        assert_eq!(check_room(100, 100, None), Ok(()));
        assert_eq!(check_room(100, 60, Some(40)), Ok(()));
        let full = check_room(99, 100, None).unwrap_err();
        assert_eq!((full.status(), full.code()), (507, "insufficient_storage"));
        assert!(check_room(100, 60, Some(41)).is_err());
    }

    #[tokio::test]
    async fn a_received_file_dropped_unsettled_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::open(dir.path()).unwrap();
        let received = blobs.receive_bytes(b"abc".to_vec()).await.unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
            1
        );
        drop(received);
        assert_eq!(
            std::fs::read_dir(dir.path().join("tmp")).unwrap().count(),
            0
        );
        assert!(blobs.free_bytes().unwrap() > 0);
    }
}
