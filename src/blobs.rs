//! Asset files on disk, content-addressed by SHA-256. Bytes stream into a temp file while
//! size, SHA-256 and CRC-32 are computed, then fsync and rename: a file under `blobs/` is
//! always whole. Files nothing refers to (a crash between rename and commit) are swept by gc.

use crate::error::{Error, Result};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use tokio::sync::{mpsc, Mutex, MutexGuard};

mod parts;
pub use parts::{Appended, Checksum, Running, CHECKSUM_ALGORITHMS};

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
    temp: PathBuf,
}

impl Received {
    /// The first `len` bytes of the file (fewer when it is shorter), to tell its type by.
    pub async fn head(&self, len: usize) -> Result<Vec<u8>> {
        use tokio::io::AsyncReadExt;
        let mut head = Vec::with_capacity(len);
        let file = tokio::fs::File::open(&self.temp).await?;
        file.take(len as u64).read_to_end(&mut head).await?;
        Ok(head)
    }
}

impl Drop for Received {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

pub struct Blobs {
    blobs: PathBuf,
    tmp: PathBuf,
    /// Resumable uploads in progress (see `parts`).
    parts: PathBuf,
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
            refs: Mutex::new(()),
        })
    }

    pub fn path(&self, sha256: &str) -> PathBuf {
        self.blobs.join(&sha256[..2]).join(sha256)
    }

    pub fn exists(&self, sha256: &str) -> bool {
        sha256.len() > 2 && self.path(sha256).is_file()
    }

    /// A fresh path in the temp folder, for tools that write files (swept on start).
    pub fn temp_path(&self, extension: &str) -> PathBuf {
        self.tmp
            .join(format!("{}.{extension}", uuid::Uuid::new_v4()))
    }

    pub async fn lock(&self) -> MutexGuard<'_, ()> {
        self.refs.lock().await
    }

    /// The bytes free for writing in the data folder.
    pub fn free_bytes(&self) -> std::io::Result<u64> {
        let stats = rustix::fs::statvfs(&self.blobs)?;
        Ok(stats.f_bavail.saturating_mul(stats.f_frsize))
    }

    /// 507 before a byte of an upload is written, when the data folder has less than
    /// `reserve` bytes free or would have after the `announced` length.
    pub fn ensure_room(&self, reserve: u64, announced: Option<u64>) -> Result<()> {
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
        let temp = self.tmp.join(format!("{}.part", uuid::Uuid::new_v4()));
        let (tx, rx) = mpsc::channel::<Bytes>(QUEUE_CHUNKS);
        let writer_path = temp.clone();
        let writer = tokio::task::spawn_blocking(move || write_temp(&writer_path, rx));
        let fed = feed(body, tx, max_bytes).await;
        let written = writer.await.map_err(Error::internal);
        match (fed, written) {
            (Ok(()), Ok(Ok(fingerprint))) => Ok(Received { fingerprint, temp }),
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
        let target = self.path(&received.fingerprint.sha256);
        let temp = std::mem::take(&mut received.temp);
        let fingerprint = received.fingerprint.clone();
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
        match tokio::fs::remove_file(self.path(sha256)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Every blob on disk, for gc and backup.
    pub fn list(&self) -> std::io::Result<Vec<String>> {
        let mut hashes = Vec::new();
        for dir in std::fs::read_dir(&self.blobs)? {
            let dir = dir?;
            if dir.file_type()?.is_dir() {
                for file in std::fs::read_dir(dir.path())? {
                    hashes.push(file?.file_name().to_string_lossy().into_owned());
                }
            }
        }
        Ok(hashes)
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
