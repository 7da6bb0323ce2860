//! Resumable files (tus uploads): bytes appended at acknowledged offsets. A part lives in
//! `uploads/` (not `tmp/`, which is swept at start) until it is whole and becomes a blob.
//! An offset is acknowledged only after its bytes are fsynced; bytes past it (a crash in the
//! middle of a write) are cut off before the next append.

use super::s3::Bucket;
use super::s3_parts::read_error;
use super::{feed, Blobs, Fingerprint, Received, Temp, BATCH_BYTES};
use crate::error::{Error, Result};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use tokio::sync::mpsc;
use uuid::Uuid;

/// Batches waiting between the network and the disk writer of one append.
const PART_QUEUE_CHUNKS: usize = 4;

/// The fingerprint of a part so far, carried from one append to the next.
#[derive(Clone, Default)]
pub struct Running {
    sha: Sha256,
    crc: crc32fast::Hasher,
    pub len: u64,
}

impl Running {
    pub(super) fn update(&mut self, bytes: &[u8]) {
        self.sha.update(bytes);
        self.crc.update(bytes);
        self.len += bytes.len() as u64;
    }

    pub(super) fn finish(self) -> Fingerprint {
        Fingerprint {
            sha256: hex::encode(self.sha.finalize()),
            size: self.len,
            crc32: self.crc.finalize(),
        }
    }
}

/// What the body of one append must hash to (tus `Upload-Checksum`).
#[derive(Debug, Clone, PartialEq)]
pub enum Checksum {
    Sha1(Vec<u8>),
    Md5(Vec<u8>),
    Sha256(Vec<u8>),
}

/// The algorithms `Checksum` knows, as tus names them.
pub const CHECKSUM_ALGORITHMS: &str = "sha1,md5,sha256";

impl Checksum {
    /// `ALGORITHM BASE64` as tus sends it.
    pub fn parse(header: &str) -> Result<Checksum> {
        use base64::{engine::general_purpose::STANDARD, Engine};
        let (algorithm, encoded) = header
            .trim()
            .split_once(' ')
            .ok_or_else(|| Error::bad_request("Upload-Checksum is `ALGORITHM BASE64`"))?;
        let digest = STANDARD
            .decode(encoded.trim())
            .map_err(|_| Error::bad_request("Upload-Checksum: the digest is not base64"))?;
        match algorithm {
            "sha1" => Ok(Checksum::Sha1(digest)),
            "md5" => Ok(Checksum::Md5(digest)),
            "sha256" => Ok(Checksum::Sha256(digest)),
            other => Err(Error::bad_request(format!(
                "Upload-Checksum: {other:?} is not one of {CHECKSUM_ALGORITHMS}"
            ))),
        }
    }

    pub(super) fn hasher(&self) -> Box<dyn sha2::digest::DynDigest + Send> {
        match self {
            Checksum::Sha1(_) => Box::new(Sha1::new()),
            Checksum::Md5(_) => Box::new(md5::Md5::new()),
            Checksum::Sha256(_) => Box::new(Sha256::new()),
        }
    }

    pub(super) fn expected(&self) -> &[u8] {
        match self {
            Checksum::Sha1(d) | Checksum::Md5(d) | Checksum::Sha256(d) => d,
        }
    }
}

/// The outcome of an append: the part's fingerprint after it, and whether the body ended
/// early (the client went away): what came is kept.
pub struct Appended {
    pub running: Running,
    pub interrupted: Option<Error>,
}

impl Blobs {
    fn part_path(&self, id: Uuid) -> PathBuf {
        self.parts.join(format!("{id}.part"))
    }

    /// Makes the empty file of a new part, durably.
    pub async fn create_part(&self, id: Uuid) -> Result<()> {
        if self.bucket.is_some() {
            return Ok(()); // pieces come with the appends
        }
        let (path, dir) = (self.part_path(id), self.parts.clone());
        crate::store::blocking(move || {
            File::create(&path)?.sync_all()?;
            File::open(dir)?.sync_all()?;
            Ok(())
        })
        .await
    }

    /// The fingerprint of a part's first `len` bytes, read again (after a restart).
    pub async fn running_of_part(&self, id: Uuid, len: u64) -> Result<Running> {
        if let Some(bucket) = &self.bucket {
            let mut bytes = bucket.read_pieces(bucket.pieces(id, len).await?);
            let mut running = Running::default();
            while let Some(chunk) = bytes.next().await {
                running.update(&chunk.map_err(read_error)?);
            }
            return Ok(running);
        }
        let path = self.part_path(id);
        crate::store::blocking(move || {
            let mut running = Running::default();
            let mut file = File::open(path)?.take(len);
            let mut buffer = vec![0; 1 << 20];
            loop {
                match file.read(&mut buffer)? {
                    0 => break,
                    n => running.update(&buffer[..n]),
                }
            }
            match running.len == len {
                true => Ok(running),
                false => Err(Error::internal(
                    "a resumable upload lost acknowledged bytes",
                )),
            }
        })
        .await
    }

    /// Appends `body` at `running.len` (the acknowledged offset), at most `max_bytes`.
    /// With a checksum, the body is kept only when it matches (460 otherwise) and only whole.
    pub async fn append_part<S, B, E>(
        &self,
        id: Uuid,
        running: Running,
        body: S,
        max_bytes: u64,
        checksum: Option<Checksum>,
    ) -> Result<Appended>
    where
        S: Stream<Item = std::result::Result<B, E>> + Send,
        B: bytes::Buf,
        E: std::fmt::Display,
    {
        if let Some(bucket) = &self.bucket {
            return append_piece(bucket, id, running, body, max_bytes, checksum).await;
        }
        let (path, offset) = (self.part_path(id), running.len);
        // Resumable uploads often come several at once (parallel parts): a shorter queue keeps
        // the memory of each small; one batch in flight is enough to keep the disk busy.
        let (tx, rx) = mpsc::channel::<Bytes>(PART_QUEUE_CHUNKS);
        let whole_only = checksum.is_some();
        let writer = {
            let path = path.clone();
            tokio::task::spawn_blocking(move || append(&path, running, rx, checksum))
        };
        let fed = feed(body, tx, max_bytes).await;
        let written = writer.await.map_err(Error::internal)?;
        let ended = end_of_append(fed, written, whole_only);
        if ended.is_err() {
            cut(&path, offset).await?;
        }
        ended
    }

    /// Makes a part of the given parts, one after another.
    pub async fn concat_parts(&self, id: Uuid, sources: &[Uuid]) -> Result<Running> {
        if let Some(bucket) = &self.bucket {
            let mut pieces = Vec::new();
            for source in sources {
                pieces.extend(bucket.pieces(*source, u64::MAX).await?);
            }
            return bucket.concat_pieces(pieces, id).await;
        }
        let target = self.part_path(id);
        let sources: Vec<PathBuf> = sources.iter().map(|s| self.part_path(*s)).collect();
        crate::store::blocking(move || {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, File::create(&target)?);
            let mut running = Running::default();
            let mut buffer = vec![0; 1 << 20];
            for source in sources {
                let mut file = File::open(source)?;
                loop {
                    match file.read(&mut buffer)? {
                        0 => break,
                        n => {
                            running.update(&buffer[..n]);
                            out.write_all(&buffer[..n])?;
                        }
                    }
                }
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            Ok(running)
        })
        .await
    }

    /// A whole part, ready to be settled as a blob like any received file.
    pub fn finished_part(&self, id: Uuid, running: Running) -> Received {
        Received {
            fingerprint: running.finish(),
            temp: match &self.bucket {
                Some(bucket) => Temp::Part(bucket.clone(), id),
                None => Temp::File(self.part_path(id)),
            },
        }
    }

    /// The first `len` bytes of a part (fewer when it is shorter), to tell its type by.
    pub async fn part_head(&self, id: Uuid, len: usize) -> Result<Vec<u8>> {
        if let Some(bucket) = &self.bucket {
            let pieces = bucket.pieces(id, u64::MAX).await?;
            return super::read::collect(bucket.read_pieces(pieces), len as u64).await;
        }
        let path = self.part_path(id);
        crate::store::blocking(move || {
            let mut head = Vec::with_capacity(len);
            File::open(path)?.take(len as u64).read_to_end(&mut head)?;
            Ok(head)
        })
        .await
    }

    pub async fn remove_part(&self, id: Uuid) -> Result<()> {
        if let Some(bucket) = &self.bucket {
            return bucket.remove_part(id).await;
        }
        match tokio::fs::remove_file(self.part_path(id)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

/// `append_part` into the bucket: the body becomes the piece at the acknowledged offset.
async fn append_piece<S, B, E>(
    bucket: &Bucket,
    id: Uuid,
    running: Running,
    body: S,
    max_bytes: u64,
    checksum: Option<Checksum>,
) -> Result<Appended>
where
    S: Stream<Item = std::result::Result<B, E>> + Send,
    B: bytes::Buf,
    E: std::fmt::Display,
{
    let key = Bucket::piece_key(id, running.len);
    let (tx, rx) = mpsc::channel::<Bytes>(PART_QUEUE_CHUNKS);
    let whole_only = checksum.is_some();
    let writer = {
        let (bucket, key) = (bucket.clone(), key.clone());
        tokio::spawn(async move { bucket.upload(&key, rx, running, checksum).await })
    };
    let fed = feed(body, tx, max_bytes).await;
    let written = writer.await.map_err(Error::internal)?;
    let ended = end_of_append(fed, written, whole_only);
    if ended.is_err() {
        bucket.delete(&key).await?;
    }
    ended
}

/// What an append comes to, on disk or in the bucket: kept (a body cut off part-way keeps what
/// was written, unless a checksum asks for the whole), or an error — and then the caller undoes
/// the bytes written. The feeder's error comes first: it is why the writer stopped.
fn end_of_append(fed: Result<()>, written: Result<Running>, whole_only: bool) -> Result<Appended> {
    match (fed, written) {
        (Ok(()), Ok(running)) => Ok(Appended {
            running,
            interrupted: None,
        }),
        (Err(e @ Error::BadRequest(_)), Ok(running)) if !whole_only => Ok(Appended {
            running,
            interrupted: Some(e),
        }),
        (Err(e), _) | (Ok(()), Err(e)) => Err(e),
    }
}

/// Cuts a part back to its acknowledged length, durably.
async fn cut(path: &Path, len: u64) -> Result<()> {
    let path = path.to_path_buf();
    crate::store::blocking(move || {
        let file = OpenOptions::new().write(true).open(path)?;
        file.set_len(len)?;
        file.sync_all()?;
        Ok(())
    })
    .await
}

fn append(
    path: &Path,
    mut running: Running,
    mut rx: mpsc::Receiver<Bytes>,
    checksum: Option<Checksum>,
) -> Result<Running> {
    let mut file = OpenOptions::new().write(true).open(path)?;
    // Bytes past the acknowledged offset were never acknowledged: drop them.
    file.set_len(running.len)?;
    file.seek(SeekFrom::Start(running.len))?;
    let mut out = std::io::BufWriter::with_capacity(BATCH_BYTES, file);
    let mut check = checksum.as_ref().map(Checksum::hasher);
    while let Some(chunk) = rx.blocking_recv() {
        running.update(&chunk);
        if let Some(check) = check.as_mut() {
            check.update(&chunk);
        }
        out.write_all(&chunk)?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_data()?;
    let matches = match (checksum, check) {
        (Some(expected), Some(check)) => *check.finalize() == *expected.expected(),
        _ => true,
    };
    match matches {
        true => Ok(running),
        false => Err(Error::ChecksumMismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_are_read_as_tus_sends_them() {
        assert_eq!(
            Checksum::parse("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=").unwrap(),
            Checksum::Sha1(hex::decode("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed").unwrap())
        );
        assert!(matches!(Checksum::parse("md5 AAAA"), Ok(Checksum::Md5(_))));
        assert_eq!(Checksum::parse("crc32 AAAA").unwrap_err().status(), 400);
        assert_eq!(Checksum::parse("sha1").unwrap_err().status(), 400);
        assert_eq!(Checksum::parse("sha1 !!").unwrap_err().status(), 400);
    }
}
