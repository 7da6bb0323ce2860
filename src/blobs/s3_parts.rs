//! Resumable uploads in the bucket: objects cannot grow, so each PATCH writes a piece of
//! its own, `uploads/<id>/<offset>`, named by the acknowledged offset it starts at. A piece
//! written but never acknowledged (a crash before the offset was saved) is replaced by the
//! next PATCH at that offset, and pieces are read from offset 0 onwards, each starting where
//! the one before ended: what was acknowledged is exactly what is read back, on any node.

use super::parts::Running;
use super::s3::Bucket;
use crate::error::{Error, Result};
use bytes::Bytes;
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use object_store::path::Path as Key;
use std::io;
use uuid::Uuid;

/// One piece of a part: its object and how many of its bytes count.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub key: Key,
    pub start: u64,
    pub len: u64,
}

impl Bucket {
    fn part_prefix(id: Uuid) -> String {
        format!("uploads/{id}/")
    }

    pub fn piece_key(id: Uuid, offset: u64) -> Key {
        Key::from(format!("uploads/{id}/{offset:020}"))
    }

    /// The pieces that make the first `len` bytes of part `id` (all of it with `u64::MAX`).
    pub async fn pieces(&self, id: Uuid, len: u64) -> Result<Vec<Piece>> {
        let listed = self.list(&Self::part_prefix(id)).await?;
        let found = listed.into_iter().filter_map(|meta| {
            let start = meta.location.filename()?.parse::<u64>().ok()?;
            Some((meta.location, start, meta.size))
        });
        chain(found.collect(), len)
    }

    /// The bytes of the pieces, in order.
    pub fn read_pieces(&self, pieces: Vec<Piece>) -> BoxStream<'static, io::Result<Bytes>> {
        let bucket = self.clone();
        stream::iter(pieces)
            .filter(|piece| std::future::ready(piece.len > 0))
            .then(move |piece| {
                let bucket = bucket.clone();
                async move {
                    let (_, bytes) = bucket.get(&piece.key, Some(0..piece.len)).await?;
                    Ok::<_, io::Error>(bytes)
                }
            })
            .try_flatten()
            .boxed()
    }

    pub async fn remove_part(&self, id: Uuid) -> Result<()> {
        self.delete_all(&Self::part_prefix(id)).await
    }

    /// Makes `target` of the pieces: a copy in the bucket when there is one piece that one
    /// CopyObject may copy, else the bytes streamed through this node into a new (multipart)
    /// object.
    pub async fn join_pieces(&self, pieces: Vec<Piece>, target: &Key) -> Result<()> {
        if let [piece] = pieces.as_slice() {
            if copyable(piece.len) && self.head(&piece.key).await?.size == piece.len {
                return self.copy(&piece.key, target).await;
            }
        }
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        let bytes = self.read_pieces(pieces);
        let upload = self.upload(target, rx, Running::default(), None);
        let (fed, uploaded) = tokio::join!(forward(bytes, tx), upload);
        if let Err(e) = fed.and(uploaded.map(drop)) {
            self.delete(target).await?;
            return Err(e);
        }
        Ok(())
    }
}

impl Bucket {
    /// A part made of `pieces` (other parts', tus concatenation): their bytes streamed into
    /// its first piece, counted on the way.
    pub async fn concat_pieces(&self, pieces: Vec<Piece>, id: Uuid) -> Result<Running> {
        let target = Self::piece_key(id, 0);
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        let bytes = self.read_pieces(pieces);
        let (fed, uploaded) = tokio::join!(
            forward(bytes, tx),
            self.upload(&target, rx, Running::default(), None)
        );
        match fed.and(uploaded) {
            Ok(running) => Ok(running),
            Err(e) => {
                self.delete(&target).await?;
                Err(e)
            }
        }
    }
}

/// The largest object one CopyObject copies on AWS S3 (5 GiB); larger ones would need a
/// multipart copy, so they are streamed instead (Garage has no such limit, AWS does).
const COPY_LIMIT: u64 = 5 << 30;

fn copyable(len: u64) -> bool {
    len <= COPY_LIMIT
}

/// Sends a stream's bytes on to an upload.
async fn forward(
    mut bytes: BoxStream<'static, io::Result<Bytes>>,
    tx: tokio::sync::mpsc::Sender<Bytes>,
) -> Result<()> {
    while let Some(chunk) = bytes.next().await {
        if tx.send(chunk.map_err(read_error)?).await.is_err() {
            break;
        }
    }
    Ok(())
}

/// The pieces from offset 0 on, each starting where the last ended, up to `len` bytes.
fn chain(mut found: Vec<(Key, u64, u64)>, len: u64) -> Result<Vec<Piece>> {
    found.sort_by_key(|(_, start, _)| *start);
    let mut pieces = Vec::new();
    let mut at = 0u64;
    for (key, start, size) in found {
        if at >= len {
            break;
        }
        if start != at || size == 0 {
            continue;
        }
        let counted = size.min(len - at);
        pieces.push(Piece {
            key,
            start,
            len: counted,
        });
        at += counted;
    }
    if at < len && len != u64::MAX {
        return Err(Error::internal(
            "a resumable upload lost acknowledged bytes",
        ));
    }
    Ok(pieces)
}

/// A storage failure while a part is read.
pub fn read_error(e: io::Error) -> Error {
    Error::internal(format!("object storage: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(list: &[(u64, u64)]) -> Vec<(Key, u64, u64)> {
        list.iter()
            .map(|(start, size)| (Bucket::piece_key(Uuid::nil(), *start), *start, *size))
            .collect()
    }

    fn starts(pieces: &[Piece]) -> Vec<(u64, u64)> {
        pieces.iter().map(|p| (p.start, p.len)).collect()
    }

    #[test]
    fn pieces_are_read_from_zero_each_where_the_last_ended() {
        let all = found(&[(0, 10), (10, 5), (15, 7)]);
        assert_eq!(
            starts(&chain(all.clone(), 22).unwrap()),
            [(0, 10), (10, 5), (15, 7)]
        );
        // Only what was acknowledged counts: a longer unacknowledged tail is cut off.
        assert_eq!(starts(&chain(all.clone(), 12).unwrap()), [(0, 10), (10, 2)]);
        assert_eq!(
            starts(&chain(all, u64::MAX).unwrap()),
            [(0, 10), (10, 5), (15, 7)]
        );
        // A piece that does not start where the last ended is no part of the upload.
        let stray = found(&[(0, 10), (12, 5), (10, 2)]);
        assert_eq!(starts(&chain(stray, 12).unwrap()), [(0, 10), (10, 2)]);
        assert_eq!(chain(Vec::new(), 0).unwrap(), Vec::new());
    }

    #[test]
    fn a_missing_acknowledged_piece_is_an_error_not_a_short_file() {
        assert_eq!(chain(found(&[(0, 10)]), 20).unwrap_err().status(), 500);
        assert_eq!(
            chain(found(&[(0, 10), (15, 5)]), 20).unwrap_err().status(),
            500
        );
    }

    #[test]
    fn pieces_over_five_gib_are_streamed_not_copied() {
        assert!(copyable(0));
        assert!(copyable(5 << 30));
        assert!(!copyable((5 << 30) + 1));
    }
}
