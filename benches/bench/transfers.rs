//! Moving bytes: ingest, single downloads, bundles (download-all) and memory under bundles.
//! Bundle rates are the files' own bytes per second, whatever the zip's size: a server that
//! deflates sends fewer bytes for the same files.

use crate::baselines::{dufs, nginx};
use crate::handoff::{link_of, login, share_of, upload, Server};
use crate::measure::{download, fetch, make_file, mb_s, size_mib, timed, Report};
use crate::tus;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const ZIP: &str = "application/zip";
/// Any type, for a file whose type is not the point.
const ANY_TYPE: &str = "";

pub async fn ingest(work: &Path, report: &mut Report) {
    let mib = size_mib();
    let server = Server::start(&work.join("ingest"), true);
    let token = login(&server.base).await;
    let source = work.join("ingest-source.bin");
    make_file(&source, mib, 1);
    let bytes = (mib << 20) as f64;
    let cp = timed(&format!(
        "cp {} {}/copy.bin",
        source.display(),
        work.display()
    ));
    let cp_sync = timed(&format!(
        "cp {} {}/copy2.bin && sync {}/copy2.bin",
        source.display(),
        work.display(),
        work.display()
    ));
    server.reset_peak();
    let (_, seconds) = upload(&server.base, &token, &source, "big.bin");
    let rss = server.peak_rss_mib();
    report.line(format!("| ingest {mib} MiB over HTTPS | {:.0} MB/s | cp {:.0} MB/s, cp+sync {:.0} MB/s | ratio to cp+sync {:.2} | server peak RSS {rss:.1} MiB |",
        mb_s(bytes, seconds), mb_s(bytes, cp), mb_s(bytes, cp_sync), cp_sync / seconds));
    // The baseline of resumable ingest: nginx serving the same file over HTTPS.
    let nginx_rate = match nginx(
        work,
        &work.join("ingest/data/tls"),
        &work.join("ingest-nginx"),
    ) {
        Ok(nginx) => {
            let name = source.file_name().unwrap().to_string_lossy().to_string();
            let got = download(&format!("{}/{name}", nginx.tls), ANY_TYPE);
            Some(mb_s(got.bytes, got.seconds))
        }
        Err(why) => {
            report.line(format!("| nginx | {why} | | | |"));
            None
        }
    };
    tus_ingest(&server, &token, &source, "", nginx_rate, report).await;
    drop(server);
    // The same on a server whose data folder is in memory: what the server's own path (TLS,
    // hashing, appends) can take once the disk's write rate is out of the way.
    if let Ok(memory) = tempfile::tempdir_in("/dev/shm") {
        let server = Server::start(memory.path(), true);
        let token = login(&server.base).await;
        tus_ingest(
            &server,
            &token,
            &source,
            ", data on tmpfs",
            nginx_rate,
            report,
        )
        .await;
    }
    let _ = std::fs::remove_file(work.join("copy.bin"));
    let _ = std::fs::remove_file(work.join("copy2.bin"));
}

/// tus uploads of `source` in one part and in four joined parts, each against nginx's rate.
async fn tus_ingest(
    server: &Server,
    token: &str,
    source: &Path,
    place: &str,
    nginx_rate: Option<f64>,
    report: &mut Report,
) {
    let mib = size_mib();
    let bytes = (mib << 20) as f64;
    for parts in [1, 4] {
        server.reset_peak();
        let seconds = tus::upload(server, token, source, parts).await;
        let rss = server.peak_rss_mib();
        let rate = mb_s(bytes, seconds);
        let how = if parts == 1 {
            "64 MiB PATCHes".to_string()
        } else {
            format!("{parts} parallel parts, joined")
        };
        let ratio = nginx_rate.map_or("—".into(), |n| {
            format!("{:.2}× nginx HTTPS ({n:.0} MB/s)", rate / n)
        });
        report.line(format!("| tus ingest {mib} MiB over HTTPS, {how}{place} | {rate:.0} MB/s | {ratio} | | server peak RSS {rss:.1} MiB |"));
    }
}

pub async fn download_single(work: &Path, report: &mut Report) {
    let mib = size_mib();
    let source = work.join("download-source.bin");
    make_file(&source, mib, 2);
    let bytes = (mib << 20) as f64;
    let cat = timed(&format!("cat {} > /dev/null", source.display()));
    for tls in [true, false] {
        let server = Server::start(&work.join(if tls { "dl-tls" } else { "dl-plain" }), tls);
        let token = login(&server.base).await;
        let (asset, _) = upload(&server.base, &token, &source, "big.bin");
        let share = share_of(&server.base, &token, &[asset["id"].clone()], json!({})).await;
        let direct = link_of(&share).replace("/s/", "/d/");
        server.reset_peak();
        let got = download(&direct, ANY_TYPE);
        assert_eq!(got.bytes, bytes);
        let scheme = if tls { "HTTPS" } else { "HTTP" };
        report.line(format!("| single download {mib} MiB over {scheme} | {:.0} MB/s | cat {:.0} MB/s | peak RSS {:.1} MiB |", mb_s(bytes, got.seconds), mb_s(bytes, cat), server.peak_rss_mib()));
    }
}

/// A share of `files` on a TLS and a plain server, each downloaded as one zip; then the same
/// zip as a static file from nginx, and the same files zipped by dufs.
async fn bundle_case(work: &Path, name: &str, files: &[PathBuf], report: &mut Report) {
    let total: f64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len() as f64)
        .sum();
    let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let cat = timed(&format!("cat {} > /dev/null", list.join(" ")));
    let mut nginx_root = None;
    for tls in [true, false] {
        let dir = work.join(format!("{name}-{}", if tls { "tls" } else { "plain" }));
        let server = Server::start(&dir, tls);
        let token = login(&server.base).await;
        let mut ids = Vec::new();
        for (i, file) in files.iter().enumerate() {
            ids.push(upload(&server.base, &token, file, &format!("file-{i}.bin")).0["id"].clone());
        }
        let share = share_of(&server.base, &token, &ids, json!({})).await;
        let zip_url = format!("{}/download.zip", link_of(&share));
        server.reset_peak();
        let got = download(&zip_url, ZIP);
        let scheme = if tls { "HTTPS" } else { "HTTP" };
        let rss = server.peak_rss_mib();
        report.line(format!("| download-all {name} over {scheme} | {:.0} MB/s | cat {:.0} MB/s | {:.2}× cat | peak RSS {rss:.1} MiB |", mb_s(total, got.seconds), mb_s(total, cat), cat / got.seconds));
        if tls {
            nginx_root = Some((keep_as_static(work, name, &zip_url), server.tls_dir.clone()));
        }
    }
    if let Some((root, certs)) = nginx_root {
        nginx_case(work, name, &root, &certs, total, report);
    }
    dufs_case(work, name, files, total, report);
}

/// Saves the zip as one static file for nginx to serve; returns its folder.
fn keep_as_static(work: &Path, name: &str, zip_url: &str) -> PathBuf {
    let root = work.join(format!("{name}-static"));
    std::fs::create_dir_all(&root).unwrap();
    let status = std::process::Command::new("curl")
        .args(["-sk", "--fail", "-o"])
        .arg(root.join("bundle.zip"))
        .arg(zip_url)
        .status()
        .unwrap();
    assert!(status.success());
    root
}

fn nginx_case(work: &Path, name: &str, root: &Path, certs: &Path, total: f64, report: &mut Report) {
    let server = match nginx(root, certs, &work.join(format!("{name}-nginx"))) {
        Ok(server) => server,
        Err(why) => return report.line(format!("| nginx | {why} | | | |")),
    };
    for (label, base) in [("HTTPS", &server.tls), ("HTTP", &server.plain)] {
        let line = match fetch(&format!("{base}/bundle.zip")) {
            Some(got) if got.is(ZIP) => format!(
                "| nginx static file {name} over {label} | {:.0} MB/s | | | |",
                mb_s(total, got.seconds)
            ),
            Some(got) => format!(
                "| nginx static file {name} over {label} | answered {} | | | |",
                got.describe()
            ),
            None => {
                format!("| nginx static file {name} over {label} | nginx did not answer | | | |")
            }
        };
        report.line(line);
    }
}

/// dufs's own zip of the same files (it deflates by default: the zip's size is shown).
fn dufs_case(work: &Path, name: &str, files: &[PathBuf], total: f64, report: &mut Report) {
    let server = match dufs(&work.join(format!("{name}-dufs")), files) {
        Ok(server) => server,
        Err(why) => return report.line(format!("| dufs | {why} | | | |")),
    };
    let line = match fetch(&server.zip) {
        Some(got) if got.is(ZIP) => format!(
            "| dufs ?zip {name} over HTTP | {:.0} MB/s | | zip {:.1} MB for {:.1} MB of files | |",
            mb_s(total, got.seconds),
            got.bytes / 1e6,
            total / 1e6
        ),
        Some(got) => format!(
            "| dufs ?zip {name} over HTTP | answered {} | | | |",
            got.describe()
        ),
        None => format!("| dufs ?zip {name} over HTTP | dufs did not answer | | | |"),
    };
    report.line(line);
}

pub async fn bundles(work: &Path, report: &mut Report) {
    let mib = size_mib();
    let large: Vec<PathBuf> = (0..3)
        .map(|i| work.join(format!("large-{i}.bin")))
        .collect();
    for (i, path) in large.iter().enumerate() {
        make_file(path, mib, 10 + i as u64);
    }
    bundle_case(work, &format!("3×{mib}MiB"), &large, report).await;
    for path in &large {
        let _ = std::fs::remove_file(path);
    }
    let small_dir = work.join("small");
    std::fs::create_dir_all(&small_dir).unwrap();
    let small: Vec<PathBuf> = (0..2000)
        .map(|i| small_dir.join(format!("s{i}.bin")))
        .collect();
    for (i, path) in small.iter().enumerate() {
        let kib = 16 + (i * 37) % 240;
        let mut file = std::fs::File::create(path).unwrap();
        file.write_all(&vec![(i % 251) as u8; kib * 1024]).unwrap();
    }
    bundle_case(work, "2000 small files", &small, report).await;
}

/// Four concurrent bundles of a large sparse file each: memory must stay flat.
pub async fn memory(work: &Path, report: &mut Report) {
    let gib: u64 = std::env::var("HANDOFF_BENCH_SPARSE_GB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let server = Server::start(&work.join("memory"), false);
    let token = login(&server.base).await;
    let sparse = work.join("sparse.bin");
    let file = std::fs::File::create(&sparse).unwrap();
    file.set_len(gib << 30).unwrap();
    // Uploading streams the whole size once; the bundles then read it back four times at once.
    let (asset, seconds) = upload(&server.base, &token, &sparse, "sparse.bin");
    let _ = std::fs::remove_file(&sparse);
    report.line(format!(
        "| ingest {gib} GiB sparse over HTTP | {:.0} MB/s | | peak RSS {:.1} MiB | |",
        mb_s((gib << 30) as f64, seconds),
        server.peak_rss_mib()
    ));
    let share = share_of(&server.base, &token, &[asset["id"].clone()], json!({})).await;
    let zip = format!("{}/download.zip", link_of(&share));
    server.reset_peak();
    let started = Instant::now();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let zip = zip.clone();
            std::thread::spawn(move || download(&zip, ZIP))
        })
        .collect();
    let total: f64 = handles.into_iter().map(|h| h.join().unwrap().bytes).sum();
    report.line(format!(
        "| 4 concurrent {gib} GiB bundles over HTTP | {:.0} MB/s total | | peak RSS {:.1} MiB | |",
        mb_s(total, started.elapsed().as_secs_f64()),
        server.peak_rss_mib()
    ));
}
