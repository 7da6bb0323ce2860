//! Tests of the zip layout and stream, checked by three independent readers.

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
        ("a\r\nb", "ab"),
        ("a/b\\c", "a_b_c"),
        ("what?*:|\"", "what_____"),
        ("del\u{7f}c1\u{85}x", "delc1x"),
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
        ("zero\u{200B}width\u{FEFF}.txt", "zerowidth.txt"),
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
