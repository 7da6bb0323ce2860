//! Blobs in an S3-compatible bucket (SPEC §9), through object_store. The bucket holds
//! `blobs/<aa>/<sha256>` (files and derivatives side by side, as on disk), `tmp/<uuid>`
//! (a file being received, before its hash names it) and `uploads/<id>/<offset>` (the pieces
//! of a resumable upload, one per PATCH, named by where they start), so that every node
//! sees every byte: nothing but the TLS certificate stays on a node.

use super::parts::{Checksum, Running};
use crate::config::Storage;
use crate::error::{Error, Result};
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::path::Path as Key;
use object_store::{GetOptions, GetRange, ObjectMeta, ObjectStore, ObjectStoreExt};
use std::io;
use std::ops::Range;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// Bytes gathered before they go out as one part of a multipart upload (S3 wants at least
/// 5 MiB for every part but the last). Smaller files go out in one PUT.
const PART_BYTES: usize = 8 << 20;
/// Parts sent at once per upload: memory stays at about (1 + this) × `PART_BYTES`.
const PARTS_IN_FLIGHT: usize = 2;

#[derive(Clone, Debug)]
pub struct Bucket {
    store: Arc<dyn ObjectStore>,
}

/// One object of the bucket, to be read in ranges (a download, a zip entry).
#[derive(Clone, Debug)]
pub struct Object {
    bucket: Bucket,
    key: Key,
}

impl Object {
    /// Streams `range` of the object, after checking the object is `size` bytes long (the
    /// length the answer promised: wrong bytes are never sent).
    pub async fn open(
        &self,
        range: Range<u64>,
        size: u64,
    ) -> io::Result<BoxStream<'static, io::Result<Bytes>>> {
        let (actual, stream) = self.bucket.get(&self.key, Some(range)).await?;
        if actual != size {
            let message = format!("{} is {actual} bytes, expected {size}", self.key);
            return Err(io::Error::new(io::ErrorKind::InvalidData, message));
        }
        Ok(stream)
    }

    /// `range` of the object, or all of it.
    pub async fn read(
        &self,
        range: Option<Range<u64>>,
    ) -> io::Result<BoxStream<'static, io::Result<Bytes>>> {
        Ok(self.bucket.get(&self.key, range).await?.1)
    }
}

impl Bucket {
    pub fn open(storage: &Storage) -> std::result::Result<Bucket, String> {
        let store = AmazonS3Builder::new()
            .with_endpoint(storage.endpoint.trim_end_matches('/'))
            .with_allow_http(storage.endpoint.starts_with("http://"))
            .with_region(&storage.region)
            .with_bucket_name(&storage.bucket)
            .with_access_key_id(&storage.access_key)
            .with_secret_access_key(&storage.secret_key)
            .with_virtual_hosted_style_request(!storage.path_style)
            .build()
            .map_err(|e| format!("storage: {e}"))?;
        Ok(Bucket {
            store: Arc::new(store),
        })
    }

    pub fn blob_key(sha256: &str) -> Key {
        Key::from(format!("blobs/{}/{sha256}", &sha256[..2]))
    }

    pub fn temp_key() -> Key {
        Key::from(format!("tmp/{}", uuid::Uuid::new_v4()))
    }

    pub fn object(&self, key: Key) -> Object {
        Object {
            bucket: self.clone(),
            key,
        }
    }

    /// Writes what arrives on `rx` to `key`, streaming (a multipart upload once it passes one
    /// part), counting it into `running` and checking it against `checksum`. A body that does
    /// not match is removed again (460).
    pub async fn upload(
        &self,
        key: &Key,
        mut rx: mpsc::Receiver<Bytes>,
        mut running: Running,
        checksum: Option<Checksum>,
    ) -> Result<Running> {
        let mut out = BufWriter::with_capacity(Arc::clone(&self.store), key.clone(), PART_BYTES)
            .with_max_concurrency(PARTS_IN_FLIGHT);
        let mut check = checksum.as_ref().map(Checksum::hasher);
        while let Some(chunk) = rx.recv().await {
            running.update(&chunk);
            if let Some(check) = check.as_mut() {
                check.update(&chunk);
            }
            if let Err(e) = out.put(chunk).await {
                let _ = out.abort().await;
                return Err(storage_error(e));
            }
        }
        out.shutdown().await.map_err(Error::from)?;
        if let (Some(expected), Some(check)) = (checksum, check) {
            if *check.finalize() != *expected.expected() {
                self.delete(key).await?;
                return Err(Error::ChecksumMismatch);
            }
        }
        Ok(running)
    }

    /// `range` of an object (all of it without one) and the object's whole length.
    pub async fn get(
        &self,
        key: &Key,
        range: Option<Range<u64>>,
    ) -> io::Result<(u64, BoxStream<'static, io::Result<Bytes>>)> {
        if range.as_ref().is_some_and(Range::is_empty) {
            let size = self.head(key).await?.size;
            return Ok((size, futures_util::stream::empty().boxed()));
        }
        let options = GetOptions {
            range: range.map(GetRange::Bounded),
            ..GetOptions::default()
        };
        let got = (self.store.get_opts(key, options).await).map_err(io_error)?;
        let size = got.meta.size;
        Ok((size, got.into_stream().map_err(io_error).boxed()))
    }

    pub async fn head(&self, key: &Key) -> io::Result<ObjectMeta> {
        self.store.head(key).await.map_err(io_error)
    }

    /// A copy inside the bucket (the server copies; no bytes pass through this node).
    pub async fn copy(&self, from: &Key, to: &Key) -> Result<()> {
        self.store.copy(from, to).await.map_err(storage_error)
    }

    /// Removes an object; one already gone is fine.
    pub async fn delete(&self, key: &Key) -> Result<()> {
        match self.store.delete(key).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(storage_error(e)),
        }
    }

    /// Every object under `prefix`, in key order.
    pub async fn list(&self, prefix: &str) -> Result<Vec<ObjectMeta>> {
        let prefix = Key::from(prefix);
        let mut found: Vec<ObjectMeta> =
            (self.store.list(Some(&prefix)).try_collect().await).map_err(storage_error)?;
        found.sort_by(|a, b| a.location.cmp(&b.location));
        Ok(found)
    }

    /// Removes a blob nothing refers to any more, unless it was written in the last minutes:
    /// then another node may have just received the same file and be about to commit its
    /// reference (the in-process lock does not reach other nodes); gc removes it later.
    pub async fn remove_blob(&self, sha256: &str) -> Result<()> {
        let key = Self::blob_key(sha256);
        match self.store.head(&key).await {
            Ok(meta) if !settled(&meta) => Ok(()),
            Ok(_) => self.delete(&key).await,
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(storage_error(e)),
        }
    }

    pub async fn list_blobs(&self) -> Result<Vec<super::Listed>> {
        let listed = self.list("blobs/").await?;
        Ok((listed.iter())
            .filter_map(|meta| {
                Some(super::Listed {
                    sha256: meta.location.filename()?.to_string(),
                    size: meta.size,
                    settling: !settled(meta),
                })
            })
            .collect())
    }

    /// Removes every object under `prefix`.
    pub async fn delete_all(&self, prefix: &str) -> Result<()> {
        for object in self.list(prefix).await? {
            self.delete(&object.location).await?;
        }
        Ok(())
    }
}

/// How long a blob written in the bucket is left alone by removal and gc.
const SETTLING: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

fn settled(meta: &ObjectMeta) -> bool {
    meta.last_modified + SETTLING < chrono::Utc::now()
}

/// The bucket failing is the server's problem, never the client's: 500 with the reason.
pub fn storage_error(e: object_store::Error) -> Error {
    Error::internal(format!("object storage: {e}"))
}

fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        e => io::Error::other(e),
    }
}
