//! Serving any byte range of a laid-out archive, reading files only when polled.

use super::*;
use futures_util::StreamExt;

/// Streams `range` of the archive (clipped to `0..len()`).
///
/// File data is read in chunks of at most 256 KiB, one chunk per poll, so the stream
/// never reads ahead of its consumer; nothing is spawned, so dropping the stream stops
/// all work (an in-flight tokio file read finishes its one chunk on the blocking pool).
/// A file or memory source whose length differs from its entry's recorded size yields an
/// `io::Error`, after which the stream ends: wrong bytes are never sent.
pub fn stream(
    layout: Arc<Layout<Source>>,
    range: Range<u64>,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let range = layout.clip(range);
    let reader = RangeReader {
        layout,
        position: range.start,
        end: range.end,
        open_file: None,
        open_object: None,
    };
    try_unfold(reader, |mut reader| async move {
        Ok(reader.next_chunk().await?.map(|chunk| (chunk, reader)))
    })
}

struct RangeReader {
    layout: Arc<Layout<Source>>,
    position: u64,
    end: u64,
    /// Kept between chunks so a file is opened and checked once per range, not per chunk.
    open_file: Option<OpenFile>,
    /// The same for an object: one ranged GET per entry and range, read as it comes.
    open_object: Option<OpenObject>,
}

impl RangeReader {
    async fn next_chunk(&mut self) -> io::Result<Option<Bytes>> {
        let Some(segment) = self.layout.segment_at(self.position, self.end) else {
            return Ok(None);
        };
        let chunk = match segment {
            Segment::Bytes(bytes) => bytes,
            Segment::Source { entry, offset, len } => self.read_entry(entry, offset, len).await?,
        };
        self.position += chunk.len() as u64;
        Ok(Some(chunk))
    }

    async fn read_entry(&mut self, index: usize, offset: u64, len: u64) -> io::Result<Bytes> {
        let layout = Arc::clone(&self.layout);
        let entry = &layout.entries[index];
        match &entry.source {
            Source::Memory(bytes) => memory_slice(bytes, entry.size, offset, len),
            Source::File(path) => {
                let len = len.min(READ_CHUNK_SIZE) as usize;
                self.read_file(index, path, entry.size, offset, len).await
            }
            Source::Object(object) => {
                let object = object.clone();
                self.read_object(index, &object, entry.size, offset, len)
                    .await
            }
        }
    }

    /// The next bytes of the object's data from `offset`, at most `len` (up to where this
    /// range of the archive leaves the entry): the GET asks for all of them at once.
    async fn read_object(
        &mut self,
        index: usize,
        object: &crate::blobs::Object,
        size: u64,
        offset: u64,
        len: u64,
    ) -> io::Result<Bytes> {
        let mut open = match self.open_object.take() {
            Some(open) if open.entry == index && open.position == offset => open,
            _ => OpenObject {
                entry: index,
                position: offset,
                end: offset + len,
                bytes: object.open(offset..offset + len, size).await?,
            },
        };
        let chunk = loop {
            match open.bytes.next().await {
                Some(Ok(chunk)) if chunk.is_empty() => continue,
                Some(chunk) => break chunk?,
                None => break Bytes::new(),
            }
        };
        if chunk.is_empty() || open.position + chunk.len() as u64 > open.end {
            let message = format!("object {object:?} answered the wrong bytes at {offset}");
            return Err(io::Error::new(io::ErrorKind::InvalidData, message));
        }
        open.position += chunk.len() as u64;
        self.open_object = Some(open);
        Ok(chunk)
    }

    async fn read_file(
        &mut self,
        index: usize,
        path: &Path,
        size: u64,
        offset: u64,
        len: usize,
    ) -> io::Result<Bytes> {
        let mut file = match self.open_file.take() {
            Some(file) if file.entry == index && file.position == offset => file,
            _ => OpenFile::open(index, path, size, offset).await?,
        };
        let chunk = file.read(path, len).await?;
        self.open_file = Some(file);
        Ok(chunk)
    }
}

fn memory_slice(bytes: &Bytes, size: u64, offset: u64, len: u64) -> io::Result<Bytes> {
    if bytes.len() as u64 != size {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "in-memory zip entry is {} bytes, expected {size}",
                bytes.len()
            ),
        ));
    }
    Ok(bytes.slice(offset as usize..(offset + len) as usize))
}

struct OpenObject {
    entry: usize,
    position: u64,
    end: u64,
    bytes: futures_util::stream::BoxStream<'static, io::Result<Bytes>>,
}

struct OpenFile {
    entry: usize,
    position: u64,
    file: File,
}

impl OpenFile {
    async fn open(entry: usize, path: &Path, size: u64, offset: u64) -> io::Result<Self> {
        let mut file = File::open(path).await.map_err(|e| with_path(e, path))?;
        let actual = file.metadata().await.map_err(|e| with_path(e, path))?.len();
        if actual != size {
            let message = format!("{} is {actual} bytes, expected {size}", path.display());
            return Err(io::Error::new(io::ErrorKind::InvalidData, message));
        }
        file.seek(SeekFrom::Start(offset))
            .await
            .map_err(|e| with_path(e, path))?;
        Ok(OpenFile {
            entry,
            position: offset,
            file,
        })
    }

    /// Reads exactly `len` bytes; a file truncated since it was opened is an error.
    async fn read(&mut self, path: &Path, len: usize) -> io::Result<Bytes> {
        let mut buffer = vec![0; len];
        self.file
            .read_exact(&mut buffer)
            .await
            .map_err(|e| with_path(e, path))?;
        self.position += len as u64;
        Ok(Bytes::from(buffer))
    }
}

fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}
