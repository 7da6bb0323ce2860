//! Streamed "download all" ZIP archives.
//!
//! The archive is laid out entirely from metadata known at upload time (name, size,
//! CRC-32, modification time), so its exact length and the position of every byte are
//! known before the first byte is sent. That gives an exact `Content-Length`, HTTP range
//! requests and resumable downloads of multi-gigabyte archives, without temporary files.
//!
//! Format choices, all deterministic (same entries, same bytes):
//! * every entry is STORED (method 0), so entry data is the file's bytes unchanged;
//! * CRC-32 and sizes are written into the local headers, so there are no data descriptors;
//! * names are flagged as UTF-8 (general purpose bit 11);
//! * ZIP64 is decided per entry: the zip64 extra field appears only where a size or a
//!   header offset does not fit in 32 bits, and the ZIP64 end of central directory
//!   record and locator only when the entry count, directory size or offset need them;
//! * modification times are DOS date/time in UTC, clamped to 1980..=2107;
//! * every entry is a Unix regular file with mode 0644 ("made by" Unix).
//!
//! The pure part ([`Layout`], [`Segment`] and the name and CSV helpers) does no I/O;
//! [`stream`] serves any byte range of a layout, reading files only when polled.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::{BufMut, Bytes};
use chrono::{DateTime, Datelike, Timelike, Utc};
use futures_util::stream::{try_unfold, Stream};
use tokio::fs::File;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

const LOCAL_HEADER_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_HEADER_SIGNATURE: u32 = 0x0201_4b50;
const ZIP64_END_SIGNATURE: u32 = 0x0606_4b50;
const ZIP64_LOCATOR_SIGNATURE: u32 = 0x0706_4b50;
const END_SIGNATURE: u32 = 0x0605_4b50;

const LOCAL_HEADER_FIXED_LEN: u64 = 30;
const CENTRAL_HEADER_FIXED_LEN: u64 = 46;
const ZIP64_END_LEN: u64 = 56;
const ZIP64_LOCATOR_LEN: u64 = 20;
const END_LEN: u64 = 22;
/// The "size of zip64 end of central directory record" field excludes its first 12 bytes.
const ZIP64_END_SIZE_FIELD: u64 = ZIP64_END_LEN - 12;

const ZIP64_EXTRA_TAG: u16 = 0x0001;
const EXTRA_FIELD_HEADER_LEN: u64 = 4;

/// A 32-bit field holding this value means "the real value is in the zip64 extra field",
/// so the value itself can only be stored with ZIP64.
const U32_SENTINEL: u64 = 0xFFFF_FFFF;
/// The 16-bit counterpart, used by the entry counts of the end of central directory.
const U16_SENTINEL: u64 = 0xFFFF;

/// Version 2.0: stored entries and UTF-8 names need nothing newer.
const VERSION_DEFAULT: u16 = 20;
/// Version 4.5: ZIP64 format extensions.
const VERSION_ZIP64: u16 = 45;
/// High byte of "version made by": 3 = Unix, so readers honour the Unix mode below.
const MADE_BY_UNIX: u16 = 3 << 8;
const FLAG_UTF8_NAME: u16 = 1 << 11;
const METHOD_STORED: u16 = 0;
/// External attributes: Unix `st_mode` in the high 16 bits, S_IFREG | 0644.
const UNIX_REGULAR_FILE_0644: u32 = 0o100_644 << 16;

/// How much file data [`stream`] reads per chunk; also the most it holds per stream.
const READ_CHUNK_SIZE: u64 = 256 * 1024;

/// One file in the archive.
#[derive(Debug, Clone)]
pub struct Entry<S> {
    /// Path inside the archive, `/`-separated; make each component with [`safe_name`].
    pub name: String,
    /// Exact size of the data in bytes.
    pub size: u64,
    /// CRC-32 (IEEE) of the data.
    pub crc32: u32,
    /// Modification time, stored as DOS date/time in UTC.
    pub modified: DateTime<Utc>,
    /// Where the data comes from; [`stream`] needs [`Source`].
    pub source: S,
}

/// Where the data of an entry comes from when streaming.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file that must be exactly `Entry::size` bytes long.
    File(PathBuf),
    /// Bytes held in memory (e.g. a generated `attributes.csv`).
    Memory(Bytes),
}

/// A piece of the archive as produced by [`Layout::segments`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Archive structure (headers, central directory, end records).
    Bytes(Bytes),
    /// `len` bytes of entry number `entry`'s data, starting at `offset` within it.
    Source { entry: usize, offset: u64, len: u64 },
}

impl Segment {
    pub fn len(&self) -> u64 {
        match self {
            Segment::Bytes(bytes) => bytes.len() as u64,
            Segment::Source { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// [`Layout::new`] was given an entry whose name does not fit a 16-bit length field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTooLong {
    /// Index of the offending entry.
    pub entry: usize,
}

impl fmt::Display for NameTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "name of zip entry {} is longer than 65535 bytes",
            self.entry
        )
    }
}

impl std::error::Error for NameTooLong {}

/// The byte layout of an archive, computed from entry metadata alone.
///
/// The archive is, in order: for each entry its local header then its data; the central
/// directory (one header per entry); the end records. Headers are generated on demand,
/// so memory use is the entries plus two offsets per entry, whatever the file sizes.
#[derive(Debug)]
pub struct Layout<S> {
    entries: Vec<Entry<S>>,
    placements: Vec<Placement>,
    central_directory_start: u64,
    end: EndRecords,
    len: u64,
}

/// Where an entry's two headers start in the archive.
#[derive(Debug, Clone, Copy)]
struct Placement {
    local_header: u64,
    central_header: u64,
}

impl<S> Layout<S> {
    pub fn new(entries: Vec<Entry<S>>) -> Result<Self, NameTooLong> {
        if let Some(entry) = entries
            .iter()
            .position(|e| e.name.len() > u16::MAX as usize)
        {
            return Err(NameTooLong { entry });
        }
        let mut placements = Vec::with_capacity(entries.len());
        let mut offset = 0;
        for entry in &entries {
            placements.push(Placement {
                local_header: offset,
                central_header: 0,
            });
            offset += local_header_len(entry) + entry.size;
        }
        let central_directory_start = offset;
        for (entry, placement) in entries.iter().zip(&mut placements) {
            placement.central_header = offset;
            offset += central_header_len(entry, placement.local_header);
        }
        let end = EndRecords {
            entry_count: entries.len() as u64,
            central_directory_start,
            central_directory_len: offset - central_directory_start,
        };
        let len = offset + end.len();
        Ok(Layout {
            entries,
            placements,
            central_directory_start,
            end,
            len,
        })
    }

    /// Exact length of the archive in bytes.
    #[allow(clippy::len_without_is_empty)] // never empty: the end record alone is 22 bytes
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn entries(&self) -> &[Entry<S>] {
        &self.entries
    }

    /// The pieces making up `range` of the archive, in order, with no gaps. The range is
    /// clipped to `0..len()`. Lazily generated: cheap even for the whole archive.
    pub fn segments(&self, range: Range<u64>) -> impl Iterator<Item = Segment> + '_ {
        let Range {
            start: mut position,
            end,
        } = self.clip(range);
        std::iter::from_fn(move || {
            let segment = self.segment_at(position, end)?;
            position += segment.len();
            Some(segment)
        })
    }

    fn clip(&self, range: Range<u64>) -> Range<u64> {
        let end = range.end.min(self.len);
        range.start.min(end)..end
    }

    /// The segment starting at `position`, cut off at `end`; `None` once `position == end`.
    fn segment_at(&self, position: u64, end: u64) -> Option<Segment> {
        if position >= end {
            return None;
        }
        let max_len = end - position;
        let segment = if position < self.central_directory_start {
            self.entry_segment_at(position, max_len)
        } else if position < self.end.start() {
            self.central_header_segment_at(position, max_len)
        } else {
            slice_segment(self.end.bytes(), position - self.end.start(), max_len)
        };
        Some(segment)
    }

    fn entry_segment_at(&self, position: u64, max_len: u64) -> Segment {
        let index = self
            .placements
            .partition_point(|p| p.local_header <= position)
            - 1;
        let entry = &self.entries[index];
        let header_start = self.placements[index].local_header;
        let data_start = header_start + local_header_len(entry);
        if position < data_start {
            let header = local_header(entry, header_start);
            slice_segment(header, position - header_start, max_len)
        } else {
            let offset = position - data_start;
            Segment::Source {
                entry: index,
                offset,
                len: (entry.size - offset).min(max_len),
            }
        }
    }

    fn central_header_segment_at(&self, position: u64, max_len: u64) -> Segment {
        let index = self
            .placements
            .partition_point(|p| p.central_header <= position)
            - 1;
        let placement = self.placements[index];
        let header = central_header(&self.entries[index], placement.local_header);
        slice_segment(header, position - placement.central_header, max_len)
    }
}

fn slice_segment(bytes: Vec<u8>, from: u64, max_len: u64) -> Segment {
    let from = from as usize;
    let to = bytes.len().min(from.saturating_add(max_len as usize));
    Segment::Bytes(Bytes::from(bytes).slice(from..to))
}

/// The value to put in a 32-bit field: the value itself, or the ZIP64 sentinel.
fn u32_field(value: u64) -> u32 {
    value.min(U32_SENTINEL) as u32
}

fn u16_field(value: u64) -> u16 {
    value.min(U16_SENTINEL) as u16
}

fn size_needs_zip64(size: u64) -> bool {
    size >= U32_SENTINEL
}

fn offset_needs_zip64(offset: u64) -> bool {
    offset >= U32_SENTINEL
}

/// Both headers of an entry announce 4.5 if either of them uses ZIP64.
fn version_needed(size: u64, local_header_offset: u64) -> u16 {
    if size_needs_zip64(size) || offset_needs_zip64(local_header_offset) {
        VERSION_ZIP64
    } else {
        VERSION_DEFAULT
    }
}

/// In a local header the zip64 extra field, when present, must hold both sizes.
fn local_extra_len(size: u64) -> u64 {
    if size_needs_zip64(size) {
        EXTRA_FIELD_HEADER_LEN + 16
    } else {
        0
    }
}

/// In a central header the zip64 extra field holds only the values whose 32-bit field
/// holds the sentinel, in the fixed order: uncompressed size, compressed size, offset.
fn central_zip64_values(size: u64, local_header_offset: u64) -> Vec<u64> {
    let mut values = Vec::new();
    if size_needs_zip64(size) {
        values.extend([size, size]);
    }
    if offset_needs_zip64(local_header_offset) {
        values.push(local_header_offset);
    }
    values
}

fn central_extra_len(size: u64, local_header_offset: u64) -> u64 {
    match central_zip64_values(size, local_header_offset).len() as u64 {
        0 => 0,
        count => EXTRA_FIELD_HEADER_LEN + 8 * count,
    }
}

fn local_header_len<S>(entry: &Entry<S>) -> u64 {
    LOCAL_HEADER_FIXED_LEN + entry.name.len() as u64 + local_extra_len(entry.size)
}

fn central_header_len<S>(entry: &Entry<S>, local_header_offset: u64) -> u64 {
    CENTRAL_HEADER_FIXED_LEN
        + entry.name.len() as u64
        + central_extra_len(entry.size, local_header_offset)
}

/// Flags, method, time, date and CRC: identical in local and central headers.
fn put_shared_fields<S>(out: &mut Vec<u8>, entry: &Entry<S>) {
    let (time, date) = dos_date_time(entry.modified);
    out.put_u16_le(FLAG_UTF8_NAME);
    out.put_u16_le(METHOD_STORED);
    out.put_u16_le(time);
    out.put_u16_le(date);
    out.put_u32_le(entry.crc32);
    // Stored: compressed size == uncompressed size.
    out.put_u32_le(u32_field(entry.size));
    out.put_u32_le(u32_field(entry.size));
}

fn local_header<S>(entry: &Entry<S>, offset: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(local_header_len(entry) as usize);
    out.put_u32_le(LOCAL_HEADER_SIGNATURE);
    out.put_u16_le(version_needed(entry.size, offset));
    put_shared_fields(&mut out, entry);
    out.put_u16_le(entry.name.len() as u16);
    out.put_u16_le(local_extra_len(entry.size) as u16);
    out.put_slice(entry.name.as_bytes());
    if size_needs_zip64(entry.size) {
        out.put_u16_le(ZIP64_EXTRA_TAG);
        out.put_u16_le(16);
        out.put_u64_le(entry.size);
        out.put_u64_le(entry.size);
    }
    debug_assert_eq!(out.len() as u64, local_header_len(entry));
    out
}

fn central_header<S>(entry: &Entry<S>, local_header_offset: u64) -> Vec<u8> {
    let version = version_needed(entry.size, local_header_offset);
    let zip64_values = central_zip64_values(entry.size, local_header_offset);
    let extra_len = central_extra_len(entry.size, local_header_offset);
    let mut out = Vec::with_capacity(central_header_len(entry, local_header_offset) as usize);
    out.put_u32_le(CENTRAL_HEADER_SIGNATURE);
    out.put_u16_le(MADE_BY_UNIX | version);
    out.put_u16_le(version);
    put_shared_fields(&mut out, entry);
    out.put_u16_le(entry.name.len() as u16);
    out.put_u16_le(extra_len as u16);
    out.put_u16_le(0); // comment length
    out.put_u16_le(0); // disk number start
    out.put_u16_le(0); // internal attributes
    out.put_u32_le(UNIX_REGULAR_FILE_0644);
    out.put_u32_le(u32_field(local_header_offset));
    out.put_slice(entry.name.as_bytes());
    if !zip64_values.is_empty() {
        out.put_u16_le(ZIP64_EXTRA_TAG);
        out.put_u16_le((extra_len - EXTRA_FIELD_HEADER_LEN) as u16);
        zip64_values.iter().for_each(|&value| out.put_u64_le(value));
    }
    debug_assert_eq!(
        out.len() as u64,
        central_header_len(entry, local_header_offset)
    );
    out
}

/// The records after the central directory: ZIP64 end record and locator when
/// needed, then the classic end of central directory record.
#[derive(Debug)]
struct EndRecords {
    entry_count: u64,
    central_directory_start: u64,
    central_directory_len: u64,
}

impl EndRecords {
    fn start(&self) -> u64 {
        self.central_directory_start + self.central_directory_len
    }

    fn needs_zip64(&self) -> bool {
        self.entry_count >= U16_SENTINEL
            || offset_needs_zip64(self.central_directory_start)
            || size_needs_zip64(self.central_directory_len)
    }

    fn len(&self) -> u64 {
        if self.needs_zip64() {
            ZIP64_END_LEN + ZIP64_LOCATOR_LEN + END_LEN
        } else {
            END_LEN
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len() as usize);
        if self.needs_zip64() {
            self.put_zip64_end(&mut out);
        }
        out.put_u32_le(END_SIGNATURE);
        out.put_u16_le(0); // this disk
        out.put_u16_le(0); // disk where the central directory starts
        out.put_u16_le(u16_field(self.entry_count)); // entries on this disk
        out.put_u16_le(u16_field(self.entry_count)); // entries in total
        out.put_u32_le(u32_field(self.central_directory_len));
        out.put_u32_le(u32_field(self.central_directory_start));
        out.put_u16_le(0); // comment length
        debug_assert_eq!(out.len() as u64, self.len());
        out
    }

    fn put_zip64_end(&self, out: &mut Vec<u8>) {
        out.put_u32_le(ZIP64_END_SIGNATURE);
        out.put_u64_le(ZIP64_END_SIZE_FIELD);
        out.put_u16_le(MADE_BY_UNIX | VERSION_ZIP64);
        out.put_u16_le(VERSION_ZIP64);
        out.put_u32_le(0); // this disk
        out.put_u32_le(0); // disk where the central directory starts
        out.put_u64_le(self.entry_count); // entries on this disk
        out.put_u64_le(self.entry_count); // entries in total
        out.put_u64_le(self.central_directory_len);
        out.put_u64_le(self.central_directory_start);

        out.put_u32_le(ZIP64_LOCATOR_SIGNATURE);
        out.put_u32_le(0); // disk holding the zip64 end record
        out.put_u64_le(self.start()); // offset of the zip64 end record
        out.put_u32_le(1); // total number of disks
    }
}

/// DOS `(time, date)` of a UTC instant, clamped to the representable 1980..=2107.
/// DOS time has a 2-second resolution; odd seconds round down.
fn dos_date_time(instant: DateTime<Utc>) -> (u16, u16) {
    const EARLIEST: (u16, u16) = (0, 1 << 5 | 1); // 1980-01-01 00:00:00
    const LATEST: (u16, u16) = (23 << 11 | 59 << 5 | 29, 127 << 9 | 12 << 5 | 31); // 2107-12-31 23:59:58
    match instant.year() {
        ..=1979 => EARLIEST,
        2108.. => LATEST,
        year => {
            let time = instant.hour() << 11 | instant.minute() << 5 | (instant.second() / 2);
            let date = (year as u32 - 1980) << 9 | instant.month() << 5 | instant.day();
            (time as u16, date as u16)
        }
    }
}

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
        }
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

const MAX_NAME_BYTES: usize = 200;
/// Longer "extensions" are not worth keeping whole when a name must be shortened.
const MAX_KEPT_EXTENSION_BYTES: usize = 16;
const FALLBACK_NAME: &str = "file";

/// Makes `raw` a single path component that is safe to extract on any OS.
///
/// Separators, control characters, bidirectional overrides (which can disguise an
/// extension) and the Windows-reserved `<>:"|?*` become `_`; leading whitespace and
/// trailing dots/whitespace (dropped by Windows) are removed, so `..` cannot survive;
/// Windows device names (`CON`, `con.txt`, `LPT1`, ...) get a `_` prefix; the result is at
/// most 200 bytes, keeping a short extension; an empty result becomes `file`.
pub fn safe_name(raw: &str) -> String {
    // Trim first, so that whitespace controls like a trailing tab vanish, not become `_`.
    let replaced: String = trim_name(raw)
        .chars()
        .map(|c| if is_unsafe_in_name(c) { '_' } else { c })
        .collect();
    let shortened = shorten(&replaced);
    // Shortening can expose new trailing dots or spaces.
    let name = trim_name(&shortened);
    if name.is_empty() {
        FALLBACK_NAME.to_string()
    } else if is_windows_device_name(name) {
        format!("_{name}")
    } else {
        name.to_string()
    }
}

fn is_unsafe_in_name(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn trim_name(name: &str) -> &str {
    name.trim_start()
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    match split_extension(name) {
        (stem, extension)
            if !extension.is_empty() && extension.len() <= MAX_KEPT_EXTENSION_BYTES =>
        {
            let stem = floor_char_boundary(stem, MAX_NAME_BYTES - extension.len());
            format!("{stem}{extension}")
        }
        _ => floor_char_boundary(name, MAX_NAME_BYTES).to_string(),
    }
}

fn floor_char_boundary(s: &str, max_len: usize) -> &str {
    let mut end = max_len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Device names Windows reserves in every directory, whatever the extension.
fn is_windows_device_name(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let numbered = stem
                .strip_prefix("COM")
                .or_else(|| stem.strip_prefix("LPT"));
            matches!(
                numbered,
                Some("0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
            )
        }
    }
}

/// Hands out names that are unique within one archive folder, ignoring case (Windows
/// and macOS file systems do): `photo.jpg`, `photo (2).jpg`, `photo (3).jpg`, `README (2)`.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
    /// Next suffix to try per requested name, so many duplicates stay O(1) each.
    next_suffix: HashMap<String, u64>,
}

impl UniqueNames {
    pub fn new() -> Self {
        Self::default()
    }

    /// Returns `name`, or the first free `stem (n).ext` with n ≥ 2, and reserves it.
    pub fn claim(&mut self, name: &str) -> String {
        let key = name.to_lowercase();
        if self.taken.insert(key.clone()) {
            return name.to_string();
        }
        let (stem, extension) = split_extension(name);
        let suffix = self.next_suffix.entry(key).or_insert(2);
        loop {
            let candidate = format!("{stem} ({suffix}){extension}");
            *suffix += 1;
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
        }
    }
}

/// Splits at the last dot, except a leading one: `.bashrc` has no extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// RFC 4180 CSV (CRLF line ends) of a header line and rows, defused against spreadsheet
/// formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.
pub fn attributes_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (index, cell) in record.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            push_csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

fn push_csv_cell(out: &mut String, cell: &str) {
    let starts_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if starts_formula {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use futures_util::{StreamExt, TryStreamExt};
    use std::io::{Read, Seek, Write};
    use std::process::Command;
    use tempfile::TempDir;

    const CHUNK: usize = READ_CHUNK_SIZE as usize;

    fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, month, day, hour, minute, second)
            .unwrap()
    }

    fn patterned(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
    }

    fn entry<S>(name: &str, data: &[u8], modified: DateTime<Utc>, source: S) -> Entry<S> {
        let (name, size, crc32) = (name.to_string(), data.len() as u64, crc32fast::hash(data));
        Entry {
            name,
            size,
            crc32,
            modified,
            source,
        }
    }

    fn memory_entry(name: &str, data: &[u8]) -> Entry<Source> {
        entry(
            name,
            data,
            at(2024, 5, 6, 7, 8, 9),
            Source::Memory(Bytes::copy_from_slice(data)),
        )
    }

    /// Writes `data` to a file in `dir` and returns an entry reading it.
    fn file_entry(dir: &Path, name: &str, data: &[u8], modified: DateTime<Utc>) -> Entry<Source> {
        let path = dir.join(format!("blob-{}", crc32fast::hash(name.as_bytes())));
        std::fs::write(&path, data).unwrap();
        entry(name, data, modified, Source::File(path))
    }

    struct Fixture {
        _dir: TempDir,
        /// (name, data, DOS time as python prints it) per entry, in archive order.
        expected: Vec<(String, Vec<u8>, &'static str)>,
        layout: Arc<Layout<Source>>,
    }

    /// Files and memory sources: empty ones, non-ASCII names, a folder, clamped
    /// timestamps and one file of `big_len` bytes (several read chunks if large).
    fn mixed_fixture(big_len: usize) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let csv = attributes_csv(&["name".into()], &[vec!["=1+1".into()]]).into_bytes();
        // (time, as python shows the DOS time stored for it)
        let normal = (at(2024, 5, 6, 7, 8, 9), "2024-05-06 07:08:08");
        let too_early = (at(1970, 1, 1, 0, 0, 0), "1980-01-01 00:00:00");
        let too_late = (at(2200, 1, 1, 0, 0, 0), "2107-12-31 23:59:58");
        let (file, memory) = (true, false);
        let specs = [
            ("empty.txt", vec![], normal, file),
            ("hello.txt", b"hello, world\n".to_vec(), too_early, file),
            (
                "résumé ü 日本.txt",
                "unicode ✓".as_bytes().to_vec(),
                too_late,
                file,
            ),
            ("photos/a.jpg", patterned(1000), normal, file),
            ("big.bin", patterned(big_len), normal, file),
            ("attributes.csv", csv, normal, memory),
            ("empty-memory", vec![], normal, memory),
        ];
        let mut entries = Vec::new();
        let mut expected = Vec::new();
        for (name, data, (modified, dos_time), is_file) in specs {
            entries.push(if is_file {
                file_entry(dir.path(), name, &data, modified)
            } else {
                entry(
                    name,
                    &data,
                    modified,
                    Source::Memory(Bytes::from(data.clone())),
                )
            });
            expected.push((name.to_string(), data, dos_time));
        }
        let layout = Arc::new(Layout::new(entries).unwrap());
        Fixture {
            _dir: dir,
            expected,
            layout,
        }
    }

    async fn chunks(layout: &Arc<Layout<Source>>, range: Range<u64>) -> Vec<Bytes> {
        stream(Arc::clone(layout), range)
            .try_collect()
            .await
            .unwrap()
    }

    async fn collect(layout: &Arc<Layout<Source>>, range: Range<u64>) -> Vec<u8> {
        chunks(layout, range).await.concat()
    }

    /// Streams the whole archive to `path`, seeking over all-zero chunks so archives
    /// of sparse multi-GiB files stay sparse on disk too.
    async fn write_archive(layout: &Arc<Layout<Source>>, path: &Path) {
        static ZEROS: [u8; CHUNK] = [0; CHUNK];
        let mut file = std::fs::File::create(path).unwrap();
        let mut chunks = Box::pin(stream(Arc::clone(layout), 0..layout.len()));
        let mut written = 0;
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.unwrap();
            if chunk.len() <= CHUNK && chunk[..] == ZEROS[..chunk.len()] {
                file.seek(SeekFrom::Current(chunk.len() as i64)).unwrap();
            } else {
                file.write_all(&chunk).unwrap();
            }
            written += chunk.len() as u64;
        }
        file.set_len(written).unwrap();
        assert_eq!(written, layout.len());
    }

    fn verify_with_zip_crate(archive: &[u8], expected: &[(String, Vec<u8>, &str)]) {
        let mut zip = zip::ZipArchive::new(io::Cursor::new(archive)).unwrap();
        assert_eq!(zip.len(), expected.len());
        for (index, (name, data, _)) in expected.iter().enumerate() {
            let mut file = zip.by_index(index).unwrap();
            assert_eq!(file.name(), name);
            assert_eq!(file.compression(), zip::CompressionMethod::Stored);
            assert_eq!(file.size(), data.len() as u64);
            assert_eq!(file.crc32(), crc32fast::hash(data));
            assert_eq!(file.unix_mode(), Some(0o100_644));
            let mut read = Vec::new();
            file.read_to_end(&mut read).unwrap(); // the zip crate also checks the CRC
            assert!(read == *data, "data of {name} differs");
        }
    }

    /// Runs python's zipfile (testzip() reads every entry and checks its CRC) and
    /// returns per entry: name, size, date_time, Unix mode, create_system, flag_bits.
    fn python_listing(path: &Path) -> Vec<Vec<String>> {
        const SCRIPT: &str = r#"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit('CRC mismatch in ' + bad)
    for i in z.infolist():
        print(i.filename, i.file_size, '%04d-%02d-%02d %02d:%02d:%02d' % i.date_time,
              oct(i.external_attr >> 16), i.create_system, i.flag_bits, sep='\t')
"#;
        let output = Command::new("python3")
            .args(["-c", SCRIPT])
            .arg(path)
            .env("PYTHONIOENCODING", "utf-8")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "python zipfile rejected the archive: {stderr}"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        stdout
            .lines()
            .map(|line| line.split('\t').map(String::from).collect())
            .collect()
    }

    fn unzip_test(path: &Path) {
        let output = Command::new("unzip").arg("-tq").arg(path).output().unwrap();
        assert!(
            output.status.success(),
            "unzip -t failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn u16_at(bytes: &[u8], at: usize) -> u16 {
        u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap())
    }

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    fn u64_at(bytes: &[u8], at: usize) -> u64 {
        u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
    }

    /// Structure bytes of `range`, which must not touch entry data.
    fn header_bytes<S>(layout: &Layout<S>, range: Range<u64>) -> Vec<u8> {
        let mut out = Vec::new();
        for segment in layout.segments(range) {
            match segment {
                Segment::Bytes(bytes) => out.extend_from_slice(&bytes),
                other => panic!("expected header bytes, got {other:?}"),
            }
        }
        out
    }

    #[derive(Debug, PartialEq)]
    struct LocalHeader {
        version_needed: u16,
        flags: u16,
        name: String,
        size: u64,
        crc32: u32,
        len: u64,
    }

    /// Parses a local header strictly: 32-bit sizes equal, or both sentinels with a
    /// zip64 extra field holding both sizes, and no other extra field.
    fn parse_local_header<S>(layout: &Layout<S>, offset: u64) -> LocalHeader {
        let fixed = header_bytes(layout, offset..offset + 30);
        assert_eq!(u32_at(&fixed, 0), LOCAL_HEADER_SIGNATURE);
        let (name_len, extra_len) = (u16_at(&fixed, 26) as usize, u16_at(&fixed, 28) as usize);
        let variable_end = offset + 30 + (name_len + extra_len) as u64;
        let variable = header_bytes(layout, offset + 30..variable_end);
        let (name, extra) = variable.split_at(name_len);
        let (compressed, uncompressed) = (u32_at(&fixed, 18), u32_at(&fixed, 22));
        assert_eq!(compressed, uncompressed);
        let size = if uncompressed == u32::MAX {
            assert_eq!(
                (u16_at(extra, 0), u16_at(extra, 2), extra.len()),
                (1, 16, 20)
            );
            assert_eq!(u64_at(extra, 4), u64_at(extra, 12));
            u64_at(extra, 4)
        } else {
            assert!(extra.is_empty());
            uncompressed as u64
        };
        LocalHeader {
            version_needed: u16_at(&fixed, 4),
            flags: u16_at(&fixed, 6),
            name: String::from_utf8(name.to_vec()).unwrap(),
            size,
            crc32: u32_at(&fixed, 14),
            len: variable_end - offset,
        }
    }

    /// A layout read as a file whose entry data is all zeros: lets the zip crate parse
    /// the structure of multi-GiB archives without any data existing.
    struct ZeroFilledArchive<'a, S> {
        layout: &'a Layout<S>,
        position: u64,
    }

    impl<S> Read for ZeroFilledArchive<'_, S> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let mut written = 0;
            for segment in self
                .layout
                .segments(self.position..self.position + buf.len() as u64)
            {
                let target = &mut buf[written..written + segment.len() as usize];
                match segment {
                    Segment::Bytes(bytes) => target.copy_from_slice(&bytes),
                    Segment::Source { .. } => target.fill(0),
                }
                written += target.len();
            }
            self.position += written as u64;
            Ok(written)
        }
    }

    impl<S> Seek for ZeroFilledArchive<'_, S> {
        fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
            self.position = match to {
                SeekFrom::Start(offset) => offset,
                SeekFrom::End(delta) => self.layout.len().checked_add_signed(delta).unwrap(),
                SeekFrom::Current(delta) => self.position.checked_add_signed(delta).unwrap(),
            };
            Ok(self.position)
        }
    }

    #[tokio::test]
    async fn archive_passes_zip_crate_python_and_unzip() {
        let fixture = mixed_fixture(3 * CHUNK + 123);
        let layout = &fixture.layout;
        let streamed = chunks(layout, 0..layout.len()).await;
        assert!(
            streamed.iter().all(|chunk| chunk.len() <= CHUNK),
            "reads are bounded"
        );
        let archive = streamed.concat();
        assert_eq!(archive.len() as u64, layout.len());

        verify_with_zip_crate(&archive, &fixture.expected);
        let path = fixture._dir.path().join("archive.zip");
        std::fs::write(&path, &archive).unwrap();
        unzip_test(&path);
        let listing = python_listing(&path);
        assert_eq!(listing.len(), fixture.expected.len());
        for (row, (name, data, dos_time)) in listing.iter().zip(&fixture.expected) {
            let size = data.len().to_string();
            // 2048 = bit 11: python decoded the name as UTF-8 because of it.
            let expected = [name.as_str(), &size, dos_time, "0o100644", "3", "2048"];
            assert_eq!(row, &expected);
        }
    }

    #[tokio::test]
    async fn entries_without_zip64_use_version_20_and_no_extra_fields() {
        let fixture = mixed_fixture(10);
        let layout = &fixture.layout;
        let mut offset = 0;
        for (index, entry) in layout.entries().iter().enumerate() {
            let header = parse_local_header(layout, offset);
            let expected_len = 30 + entry.name.len() as u64;
            let expected = LocalHeader {
                version_needed: 20,
                flags: FLAG_UTF8_NAME,
                name: entry.name.clone(),
                size: entry.size,
                crc32: crc32fast::hash(&fixture.expected[index].1),
                len: expected_len,
            };
            assert_eq!(header, expected);
            offset += header.len + entry.size;
        }
        let end = header_bytes(layout, layout.len() - 22..layout.len());
        assert_eq!(u32_at(&end, 0), END_SIGNATURE);
        assert_eq!(
            u32_at(&end, 16) as u64,
            offset,
            "central directory follows the data"
        );
    }

    #[tokio::test]
    async fn every_range_equals_the_same_slice_of_the_full_archive() {
        let fixture = mixed_fixture(600);
        let layout = &fixture.layout;
        let len = layout.len();
        let full = collect(layout, 0..len).await;

        for byte in 0..len {
            let single = collect(layout, byte..byte + 1).await;
            assert_eq!(
                single,
                full[byte as usize..byte as usize + 1],
                "byte {byte}"
            );
        }

        // Every range between two points next to a header/data boundary.
        let mut points = vec![0, len];
        let mut position = 0;
        for segment in layout.segments(0..len) {
            position += segment.len();
            points.extend([position - 1, position, position + 1]);
        }
        points.retain(|&point| point <= len);
        points.sort_unstable();
        points.dedup();
        for &start in &points {
            for &end in points.iter().filter(|&&end| end > start) {
                let slice = &full[start as usize..end as usize];
                assert_eq!(
                    collect(layout, start..end).await,
                    slice,
                    "range {start}..{end}"
                );
            }
        }
    }

    #[tokio::test]
    async fn ranges_across_read_chunks_and_clipped_ranges() {
        let fixture = mixed_fixture(3 * CHUNK + 123);
        let layout = &fixture.layout;
        let len = layout.len();
        let full = collect(layout, 0..len).await;
        let big_data_start = layout
            .segments(0..len)
            .scan(0, |position, segment| {
                let start = *position;
                *position += segment.len();
                Some((start, segment))
            })
            .find(|(_, segment)| {
                matches!(
                    segment,
                    Segment::Source {
                        entry: 4,
                        offset: 0,
                        ..
                    }
                )
            })
            .unwrap()
            .0;
        let chunk = CHUNK as u64;
        let ranges = [
            big_data_start + chunk - 1..big_data_start + chunk + 1,
            big_data_start + 10..big_data_start + 2 * chunk + 10,
            big_data_start + chunk..len,
            big_data_start - 5..big_data_start + 3 * chunk + 200,
            len - 1..len,
        ];
        for range in ranges {
            let slice = &full[range.start as usize..range.end as usize];
            assert!(
                collect(layout, range.clone()).await == slice,
                "range {range:?}"
            );
        }
        assert!(collect(layout, 5..5).await.is_empty());
        assert!(collect(layout, len..len + 10).await.is_empty());
        assert_eq!(
            collect(layout, len - 3..len + 100).await,
            full[len as usize - 3..]
        );
    }

    #[tokio::test]
    async fn same_entries_give_identical_bytes() {
        let first = mixed_fixture(5000);
        let second = mixed_fixture(5000);
        assert_eq!(first.layout.len(), second.layout.len());
        let first_bytes = collect(&first.layout, 0..first.layout.len()).await;
        assert!(first_bytes == collect(&second.layout, 0..second.layout.len()).await);
    }

    #[tokio::test]
    async fn empty_archive_is_a_valid_22_byte_zip() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Arc::new(Layout::new(Vec::new()).unwrap());
        assert_eq!(layout.len(), 22);
        let archive = collect(&layout, 0..22).await;
        verify_with_zip_crate(&archive, &[]);
        let path = dir.path().join("empty.zip");
        std::fs::write(&path, &archive).unwrap();
        assert!(python_listing(&path).is_empty());
    }

    #[test]
    fn zip64_layout_is_exact_and_parses_without_any_data() {
        const GIB: u64 = 1 << 30;
        let sizes = [
            ("a.bin", 0xFFFF_FFFE),
            ("b.bin", 0xFFFF_FFFF),
            ("c.bin", 5 * GIB),
            ("d.txt", 3),
        ];
        let entries = sizes.map(|(name, size)| Entry {
            name: name.to_string(),
            size,
            crc32: 0x1234_5678,
            modified: at(2024, 1, 2, 3, 4, 6),
            source: (),
        });
        let layout = Layout::new(entries.to_vec()).unwrap();

        // Local headers: a 4 GiB - 2 entry still fits 32 bits; from 0xFFFFFFFF on the
        // sizes move to a 20-byte zip64 extra field.
        let local_headers = (30 + 5) + (30 + 5 + 20) + (30 + 5 + 20) + (30 + 5);
        // Central headers: b and c have zip64 sizes and offsets (4 + 3 * 8 bytes of
        // extra), d only its offset (4 + 8).
        let central_headers = (46 + 5) + (46 + 5 + 28) + (46 + 5 + 28) + (46 + 5 + 12);
        let data: u64 = sizes.iter().map(|(_, size)| size).sum();
        let end_records = 56 + 20 + 22;
        assert_eq!(
            layout.len(),
            data + local_headers + central_headers + end_records
        );

        let mut zip = zip::ZipArchive::new(ZeroFilledArchive {
            layout: &layout,
            position: 0,
        })
        .unwrap();
        let mut offset = 0;
        for (index, &(name, size)) in sizes.iter().enumerate() {
            let file = zip.by_index_raw(index).unwrap();
            assert_eq!(
                (file.name(), file.size(), file.compressed_size()),
                (name, size, size)
            );
            assert_eq!((file.crc32(), file.header_start()), (0x1234_5678, offset));
            let local = parse_local_header(&layout, offset);
            assert_eq!(
                (local.name.as_str(), local.size, local.crc32),
                (name, size, 0x1234_5678)
            );
            assert_eq!(local.version_needed, if index == 0 { 20 } else { 45 });
            assert_eq!(file.data_start(), offset + local.len);
            offset += local.len + size;
        }
        assert_eq!(zip.central_directory_start(), offset);

        let (len, central_len) = (layout.len(), central_headers);
        let end = header_bytes(&layout, len - 98..len);
        assert_eq!(u32_at(&end, 0), ZIP64_END_SIGNATURE);
        assert_eq!(
            (u64_at(&end, 32), u64_at(&end, 40), u64_at(&end, 48)),
            (4, central_len, offset)
        );
        assert_eq!(u32_at(&end, 56), ZIP64_LOCATOR_SIGNATURE);
        assert_eq!(u64_at(&end, 64), len - 98);
        assert_eq!(u32_at(&end, 76), END_SIGNATURE);
        assert_eq!(
            (u16_at(&end, 86), u32_at(&end, 88), u32_at(&end, 92)),
            (4, central_len as u32, u32::MAX)
        );
    }

    #[tokio::test]
    async fn seventy_thousand_entries_use_the_zip64_end_records() {
        const COUNT: usize = 70_000;
        let dir = tempfile::tempdir().unwrap();
        let expected: Vec<(String, Vec<u8>, &str)> = (0..COUNT)
            .map(|i| (format!("f{i:05}.txt"), i.to_string().into_bytes(), ""))
            .collect();
        let entries = expected
            .iter()
            .map(|(name, data, _)| memory_entry(name, data))
            .collect();
        let layout = Arc::new(Layout::new(entries).unwrap());

        let data: u64 = expected.iter().map(|(_, data, _)| data.len() as u64).sum();
        let headers = COUNT as u64 * ((30 + 10) + (46 + 10));
        assert_eq!(layout.len(), data + headers + 56 + 20 + 22);

        let archive = collect(&layout, 0..layout.len()).await;
        assert_eq!(archive.len() as u64, layout.len());
        let end = &archive[archive.len() - 22..];
        assert_eq!(
            (u16_at(end, 8), u16_at(end, 10)),
            (0xFFFF, 0xFFFF),
            "count is in the zip64 record"
        );
        verify_with_zip_crate(&archive, &expected);
        let path = dir.path().join("many.zip");
        std::fs::write(&path, &archive).unwrap();
        unzip_test(&path);
        let listing = python_listing(&path);
        assert_eq!(listing.len(), COUNT);
        assert!(listing
            .iter()
            .zip(&expected)
            .all(|(row, (name, _, _))| &row[0] == name));
    }

    /// Streams a 4 GiB + 100 byte sparse file (no disk use) between two small entries
    /// into a sparse archive in `dir`, so that the file needs zip64 sizes, the entry after
    /// it a zip64 offset and the archive the zip64 end records.
    async fn write_archive_over_4_gib(dir: &Path) -> PathBuf {
        let big_path = dir.join("big.bin");
        let mut big = std::fs::File::create(&big_path).unwrap();
        big.write_all(b"HEAD").unwrap();
        big.set_len(BIG_FILE_LEN).unwrap();
        big.seek(SeekFrom::End(-4)).unwrap();
        big.write_all(b"TAIL").unwrap();
        let mut crc = crc32fast::Hasher::new();
        crc.update(b"HEAD");
        let zeros = vec![0; 1 << 20];
        let mut remaining = BIG_FILE_LEN - 8;
        while remaining > 0 {
            let len = remaining.min(zeros.len() as u64);
            crc.update(&zeros[..len as usize]);
            remaining -= len;
        }
        crc.update(b"TAIL");

        let modified = at(2024, 5, 6, 7, 8, 9);
        let big_entry = Entry {
            name: "big.bin".into(),
            size: BIG_FILE_LEN,
            crc32: crc.finalize(),
            modified,
            source: Source::File(big_path),
        };
        let entries = vec![
            memory_entry("small.txt", b"small"),
            big_entry,
            file_entry(dir, "after.txt", b"after the big one", modified),
        ];
        let layout = Arc::new(Layout::new(entries).unwrap());
        let path = dir.join("huge.zip");
        write_archive(&layout, &path).await;
        path
    }

    const BIG_FILE_LEN: u64 = (4 << 30) + 100;

    /// Takes about 10 s in a debug build: python reads and checks all 4 GiB.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn archive_over_4_gib_passes_python_and_zip_crate() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_archive_over_4_gib(dir.path()).await;

        let listing = python_listing(&path);
        let names_and_sizes: Vec<_> = listing
            .iter()
            .map(|row| (row[0].as_str(), row[1].as_str()))
            .collect();
        let big_size = BIG_FILE_LEN.to_string();
        assert_eq!(
            names_and_sizes,
            [
                ("small.txt", "5"),
                ("big.bin", big_size.as_str()),
                ("after.txt", "17")
            ]
        );

        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(zip.by_name("big.bin").unwrap().size(), BIG_FILE_LEN);
        let mut after = String::new();
        zip.by_name("after.txt")
            .unwrap()
            .read_to_string(&mut after)
            .unwrap();
        assert_eq!(after, "after the big one");
    }

    /// Ignored by default: `unzip -t` alone needs ~30 s to check 4 GiB of CRC.
    /// Run with `cargo test -- --ignored`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore]
    async fn archive_over_4_gib_passes_unzip() {
        let dir = tempfile::tempdir().unwrap();
        unzip_test(&write_archive_over_4_gib(dir.path()).await);
    }

    #[tokio::test]
    async fn a_file_of_the_wrong_size_is_an_error_before_any_of_its_data() {
        for actual_len in [99, 101] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("data");
            std::fs::write(&path, vec![b'x'; actual_len]).unwrap();
            let recorded = entry(
                "data",
                &[b'x'; 100],
                at(2024, 1, 1, 0, 0, 0),
                Source::File(path),
            );
            let layout =
                Arc::new(Layout::new(vec![memory_entry("first.txt", b"first"), recorded]).unwrap());
            let data_start = (30 + 9 + 5) + (30 + 4);

            let results: Vec<io::Result<Bytes>> =
                stream(Arc::clone(&layout), 0..layout.len()).collect().await;
            let (last, sent) = results.split_last().unwrap();
            let sent: u64 = sent
                .iter()
                .map(|chunk| chunk.as_ref().unwrap().len() as u64)
                .sum();
            assert_eq!(
                sent, data_start,
                "everything before the file's data, nothing after"
            );
            assert_eq!(
                last.as_ref().unwrap_err().kind(),
                io::ErrorKind::InvalidData
            );
        }
    }

    #[tokio::test]
    async fn a_file_truncated_while_streaming_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let data = patterned(3 * CHUNK);
        let entry = file_entry(dir.path(), "data.bin", &data, at(2024, 1, 1, 0, 0, 0));
        let Source::File(path) = entry.source.clone() else {
            unreachable!()
        };
        let layout = Arc::new(Layout::new(vec![entry]).unwrap());
        let mut chunks = Box::pin(stream(Arc::clone(&layout), 0..layout.len()));

        let header = chunks.next().await.unwrap().unwrap();
        assert_eq!(header.len(), 30 + 8);
        assert_eq!(chunks.next().await.unwrap().unwrap(), data[..CHUNK]);
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(CHUNK as u64 + 10)
            .unwrap();

        let error = chunks.next().await.unwrap().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(
            chunks.next().await.is_none(),
            "the stream ends after an error"
        );
    }

    #[tokio::test]
    async fn a_memory_source_of_the_wrong_size_is_an_error() {
        let mut lying = memory_entry("a.csv", b"abc");
        lying.size = 4;
        let layout = Arc::new(Layout::new(vec![lying]).unwrap());
        let results: Vec<io::Result<Bytes>> =
            stream(Arc::clone(&layout), 0..layout.len()).collect().await;
        assert_eq!(results.len(), 2, "header, then the error");
        assert_eq!(
            results[1].as_ref().unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }

    #[tokio::test]
    async fn dropping_the_stream_midway_leaves_nothing_running() {
        let fixture = mixed_fixture(3 * CHUNK);
        let layout = &fixture.layout;
        let metrics = tokio::runtime::Handle::current().metrics();
        let mut chunks = Box::pin(stream(Arc::clone(layout), 0..layout.len()));
        while chunks.next().await.unwrap().unwrap().len() < CHUNK {} // inside big.bin
        assert_eq!(Arc::strong_count(layout), 2);
        drop(chunks);
        assert_eq!(
            Arc::strong_count(layout),
            1,
            "no task or buffer still holds the layout"
        );
        assert_eq!(metrics.num_alive_tasks(), 0);
    }

    #[test]
    fn names_longer_than_a_u16_are_rejected() {
        let ok = memory_entry(&"n".repeat(65_535), b"");
        let too_long = memory_entry(&"n".repeat(65_536), b"");
        assert!(Layout::new(vec![ok.clone()]).is_ok());
        assert_eq!(
            Layout::new(vec![ok, too_long]).unwrap_err(),
            NameTooLong { entry: 1 }
        );
    }

    #[test]
    fn dos_date_time_rounds_down_seconds_and_clamps() {
        let earliest = (0, 1 << 5 | 1);
        let latest = (23 << 11 | 59 << 5 | 29, 127 << 9 | 12 << 5 | 31);
        assert_eq!(
            dos_date_time(at(2024, 5, 6, 7, 8, 9)),
            (7 << 11 | 8 << 5 | 4, 44 << 9 | 5 << 5 | 6)
        );
        assert_eq!(dos_date_time(at(1980, 1, 1, 0, 0, 0)), earliest);
        assert_eq!(dos_date_time(at(1979, 12, 31, 23, 59, 59)), earliest);
        assert_eq!(dos_date_time(at(1970, 1, 1, 0, 0, 0)), earliest);
        assert_eq!(dos_date_time(at(2107, 12, 31, 23, 59, 59)), latest);
        assert_eq!(dos_date_time(at(2200, 6, 1, 0, 0, 0)), latest);
    }

    #[test]
    fn safe_name_neutralises_hostile_names() {
        let cases = [
            ("photo.jpg", "photo.jpg"),
            ("Ünïcödé 日本語.txt", "Ünïcödé 日本語.txt"),
            ("../etc/passwd", ".._etc_passwd"),
            ("..", "file"),
            (".", "file"),
            ("", "file"),
            ("  \t ", "file"),
            ("<script>", "_script_"),
            ("a\r\nb", "a__b"),
            ("a/b\\c", "a_b_c"),
            ("what?*:|\"", "what_____"),
            ("del\u{7f}c1\u{85}x", "del_c1_x"),
            ("invoice\u{202E}fdp.exe", "invoice_fdp.exe"),
            ("report.pdf. . ", "report.pdf"),
            ("  leading", "leading"),
            ("CON", "_CON"),
            ("con.txt", "_con.txt"),
            ("Lpt1.tar.gz", "_Lpt1.tar.gz"),
            ("nul .txt", "_nul .txt"),
            ("COM¹", "_COM¹"),
            ("aux.", "_aux"),
            ("COM10", "COM10"),
            ("console.txt", "console.txt"),
        ];
        for (raw, expected) in cases {
            assert_eq!(safe_name(raw), expected, "safe_name({raw:?})");
        }
    }

    #[test]
    fn safe_name_caps_length_on_a_char_boundary_keeping_the_extension() {
        assert_eq!(safe_name(&"x".repeat(5000)), "x".repeat(200));
        // 'é' is 2 bytes: 200 - 5 (".jpeg") = 195 rounds down to 194 bytes of stem.
        assert_eq!(
            safe_name(&format!("{}.jpeg", "é".repeat(2500))),
            format!("{}.jpeg", "é".repeat(97))
        );
        // '日' is 3 bytes: 200 rounds down to 198.
        assert_eq!(safe_name(&"日".repeat(100)), "日".repeat(66));
        // A 300-byte "extension" is not kept.
        assert_eq!(
            safe_name(&format!("a.{}", "b".repeat(300))),
            format!("a.{}", "b".repeat(198))
        );
        // A cut landing after spaces does not leave a trailing space.
        assert_eq!(
            safe_name(&format!("{}   tail", "a".repeat(198))),
            "a".repeat(198)
        );
    }

    #[test]
    fn unique_names_number_duplicates_case_insensitively() {
        let mut names = UniqueNames::new();
        let claims = [
            ("photo.jpg", "photo.jpg"),
            ("photo.jpg", "photo (2).jpg"),
            ("PHOTO.JPG", "PHOTO (3).JPG"),
            ("photo (2).jpg", "photo (2) (2).jpg"),
            ("README", "README"),
            ("readme", "readme (2)"),
            (".bashrc", ".bashrc"),
            (".bashrc", ".bashrc (2)"),
            ("archive.tar.gz", "archive.tar.gz"),
            ("archive.tar.gz", "archive.tar (2).gz"),
            ("doc (2).txt", "doc (2).txt"),
            ("doc.txt", "doc.txt"),
            ("doc.txt", "doc (3).txt"),
        ];
        for (requested, expected) in claims {
            assert_eq!(names.claim(requested), expected, "claim({requested:?})");
        }

        let mut many = UniqueNames::new();
        let claimed: HashSet<String> = (0..20_000)
            .map(|_| many.claim("image.jpg").to_lowercase())
            .collect();
        assert_eq!(claimed.len(), 20_000);
    }

    #[test]
    fn attributes_csv_quotes_per_rfc_4180_and_defuses_formulas() {
        let cells = |row: &[&str]| row.iter().map(|cell| cell.to_string()).collect::<Vec<_>>();
        let header = cells(&["name", "note"]);
        let rows = [
            cells(&["a.jpg", "plain"]),
            cells(&["b,c.jpg", "say \"hi\""]),
            cells(&["multi\r\nline", "=HYPERLINK(\"http://x\")"]),
            cells(&["+1", "-2"]),
            cells(&["@SUM(A1)", "\tindent"]),
            cells(&["\rcr", ""]),
        ];
        let expected = concat!(
            "name,note\r\n",
            "a.jpg,plain\r\n",
            "\"b,c.jpg\",\"say \"\"hi\"\"\"\r\n",
            "\"multi\r\nline\",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n",
            "'+1,'-2\r\n",
            "'@SUM(A1),'\tindent\r\n",
            "\"'\rcr\",\r\n",
        );
        assert_eq!(attributes_csv(&header, &rows), expected);
        assert_eq!(attributes_csv(&[], &[]), "\r\n");
    }
}
