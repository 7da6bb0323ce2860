//! Reading blobs wherever they live: byte ranges for downloads, previews and zip entries,
//! and a file on this node's disk for the tools that need one (ffmpeg, pdftoppm …).

use super::s3::{Bucket, Object};
use super::Blobs;
use crate::error::Result;
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use futures_util::Stream;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where a blob's bytes are, for readers that keep a source open between reads (the zip).
#[derive(Debug, Clone)]
pub enum Located {
    File(PathBuf),
    Object(Object),
}

/// A blob as a file on this node: the blob itself on disk, or a scratch copy of the
/// object, removed when dropped.
pub struct Local {
    path: PathBuf,
    copied: bool,
}

impl Local {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        if self.copied {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Blobs {
    pub fn locate(&self, sha256: &str) -> Located {
        match &self.bucket {
            Some(bucket) => Located::Object(bucket.object(Bucket::blob_key(sha256))),
            None => Located::File(self.path(sha256)),
        }
    }

    /// Streams `range` of a blob, in large reads (ranged GETs from a bucket).
    pub fn stream(
        &self,
        sha256: &str,
        range: Range<u64>,
    ) -> impl Stream<Item = io::Result<Bytes>> + Send + Sync + 'static {
        let located = self.locate(sha256);
        let open = async move {
            match located {
                Located::File(path) => Ok(file_stream(path, range).await?.boxed()),
                Located::Object(object) => object.read(Some(range)).await,
            }
        };
        sync_wrapper::SyncStream::new(futures_util::stream::once(open).try_flatten())
    }

    /// A whole blob in memory (small ones: thumbnails).
    pub async fn read(&self, sha256: &str) -> Result<Vec<u8>> {
        match self.locate(sha256) {
            Located::File(path) => Ok(tokio::fs::read(path).await?),
            Located::Object(object) => {
                let stream = object.read(None).await?;
                collect(stream, u64::MAX).await
            }
        }
    }

    /// The blob as a file on this node, for tools that read files.
    pub async fn local(&self, sha256: &str) -> Result<Local> {
        if let Located::File(path) = self.locate(sha256) {
            return Ok(Local {
                path,
                copied: false,
            });
        }
        let local = Local {
            path: self.temp_path("blob"),
            copied: true,
        };
        self.save_as(sha256, &local.path).await?;
        Ok(local)
    }

    /// Writes a copy of the blob to `target` (a backup); returns its length.
    pub async fn save_as(&self, sha256: &str, target: &Path) -> Result<u64> {
        let object = match self.locate(sha256) {
            Located::File(path) => return Ok(tokio::fs::copy(path, target).await?),
            Located::Object(object) => object,
        };
        let mut stream = object.read(None).await?;
        let mut file = tokio::fs::File::create(target).await?;
        let mut len = 0;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            len += chunk.len() as u64;
            tokio::io::AsyncWriteExt::write_all(&mut file, &chunk).await?;
        }
        file.sync_all().await?;
        Ok(len)
    }
}

/// `range` of a file, read 256 KiB at a time.
async fn file_stream(
    path: PathBuf,
    range: Range<u64>,
) -> io::Result<impl Stream<Item = io::Result<Bytes>> + Send + 'static> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let mut file = tokio::fs::File::open(&path).await?;
    file.seek(io::SeekFrom::Start(range.start)).await?;
    Ok(tokio_util::io::ReaderStream::with_capacity(
        file.take(range.end - range.start),
        256 * 1024,
    ))
}

/// Up to `len` bytes of a stream, in memory.
pub(super) async fn collect(
    mut stream: BoxStream<'static, io::Result<Bytes>>,
    len: u64,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(super::s3_parts::read_error)?;
        let room = (len - bytes.len() as u64).min(chunk.len() as u64) as usize;
        bytes.extend_from_slice(&chunk[..room]);
        if bytes.len() as u64 >= len {
            break;
        }
    }
    Ok(bytes)
}

/// Runs cleanup that cannot be waited for (from a drop), when there is a runtime to run it.
pub(super) fn in_background(work: impl std::future::Future<Output = ()> + Send + 'static) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(work);
    }
}
