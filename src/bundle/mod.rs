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

use crate::names;

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
    /// An object in an S3-compatible bucket, read with ranged GETs.
    Object(crate::blobs::Object),
}

impl From<crate::blobs::Located> for Source {
    fn from(located: crate::blobs::Located) -> Source {
        match located {
            crate::blobs::Located::File(path) => Source::File(path),
            crate::blobs::Located::Object(object) => Source::Object(object),
        }
    }
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

mod reader;
mod safe_names;

pub use reader::stream;
pub use safe_names::{attributes_csv, safe_name, UniqueNames};

#[cfg(test)]
mod tests;
