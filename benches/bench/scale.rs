//! Scale-out engines against the embedded ones (issue #16), in the same run and both over
//! HTTPS: handoff on redb + its data folder and handoff on PostgreSQL + Garage (S3 on
//! loopback). Upload, single download and download-all from the bucket against from disk,
//! the S3 server's peak memory while it streams (it must stay flat: a few parts, not the
//! file), and the visit checks (wrk) on PostgreSQL against redb. PostgreSQL and Garage are
//! started by the tests' own helpers; PostgreSQL keeps its default durability (fsync on), as
//! redb commits durably.

#[allow(dead_code)]
#[path = "../../tests/common/garage.rs"]
mod garage;
#[allow(dead_code)]
#[path = "../../tests/common/postgres.rs"]
mod postgres;

use crate::handoff::{link_of, login, share_of, upload, Server};
use crate::measure::{download, make_file, mb_s, size_mib, Report};
use crate::visits;
use garage::Garage;
use postgres::Postgres;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Growth of the S3 server's peak memory, over its memory before, that still counts as flat
/// (the tests' bound for a 300 MiB file through the bucket).
const FLAT_MIB: f64 = 64.0;

/// For the tests' helpers included above: a missing component ends the scenario with a note.
fn unavailable(problem: &str, install: &str) -> bool {
    eprintln!("scale: {problem}; install it with: {install}");
    false
}

fn require(program: &str, install: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok();
    found || unavailable(&format!("{program} is not installed"), install)
}

/// The two servers, and the engines of the second.
struct Engines {
    disk: Server,
    s3: Server,
    _postgres: Postgres,
    _garage: Garage,
}

fn start_engines(work: &Path) -> Option<Engines> {
    let postgres = Postgres::start_with("")?;
    let garage = Garage::start(&["bench"])?;
    let url = postgres.database("bench");
    let extra = format!(
        "[database]\nurl = \"{url}\"\n{}",
        garage.storage_toml("bench")
    );
    Some(Engines {
        disk: Server::start(&work.join("scale-disk"), true),
        s3: Server::start_with(&work.join("scale-s3"), true, &extra),
        _postgres: postgres,
        _garage: garage,
    })
}

pub async fn scale(work: &Path, report: &mut Report) {
    let Some(engines) = start_engines(work) else {
        return report.line(
            "| scale | PostgreSQL or Garage is not installed (the note above says how) | | | |"
                .into(),
        );
    };
    report.line(format!(
        "| scale: machine load before (uptime) | {} | | | |",
        visits::load()
    ));
    transfers(work, &engines, report).await;
    visit_checks(work, engines, report).await;
    report.line(format!(
        "| scale: machine load after (uptime) | {} | | | |",
        visits::load()
    ));
}

/// One server's transfer of one kind: its rate, and its peak memory before and during it.
struct Transfer {
    mb_s: f64,
    rss_before: f64,
    rss_peak: f64,
}

/// Runs `run` (which answers the bytes and seconds it moved) with the server's peak reset.
fn measured(server: &Server, run: impl FnOnce() -> (f64, f64)) -> Transfer {
    server.reset_peak();
    let rss_before = server.peak_rss_mib();
    let (bytes, seconds) = run();
    Transfer {
        mb_s: mb_s(bytes, seconds),
        rss_before,
        rss_peak: server.peak_rss_mib(),
    }
}

/// Upload of `large`, its single download, and a zip of `few`, on one server.
async fn transfers_on(server: &Server, large: &Path, few: &[PathBuf]) -> [Transfer; 3] {
    let base = &server.base;
    let token = login(base).await;
    let size = |path: &Path| std::fs::metadata(path).unwrap().len() as f64;
    let mut asset = Value::Null;
    let ingest = measured(server, || {
        let (made, seconds) = upload(base, &token, large, "large.bin");
        asset = made;
        (size(large), seconds)
    });
    let share = share_of(base, &token, &[asset["id"].clone()], json!({})).await;
    let direct = link_of(&share).replace("/s/", "/d/");
    let single = measured(server, || {
        let got = download(&direct, "");
        assert_eq!(got.bytes, size(large), "the whole file");
        (got.bytes, got.seconds)
    });
    let ids: Vec<Value> = few
        .iter()
        .enumerate()
        .map(|(i, file)| upload(base, &token, file, &format!("few-{i}.bin")).0["id"].clone())
        .collect();
    let share = share_of(base, &token, &ids, json!({})).await;
    let zip = format!("{}/download.zip", link_of(&share));
    let total: f64 = few.iter().map(|f| size(f)).sum();
    let all = measured(server, || {
        (total, download(&zip, "application/zip").seconds)
    });
    [ingest, single, all]
}

async fn transfers(work: &Path, engines: &Engines, report: &mut Report) {
    let mib = size_mib();
    let large = work.join("scale-large.bin");
    make_file(&large, mib, 20);
    let part = (mib / 4).max(1);
    let few: Vec<PathBuf> = (0..3)
        .map(|i| work.join(format!("scale-few-{i}.bin")))
        .collect();
    for (i, path) in few.iter().enumerate() {
        make_file(path, part, 21 + i as u64);
    }
    let disk = transfers_on(&engines.disk, &large, &few).await;
    let s3 = transfers_on(&engines.s3, &large, &few).await;
    let labels = [
        format!("upload {mib} MiB"),
        format!("single download {mib} MiB"),
        format!("download-all 3×{part} MiB"),
    ];
    for ((label, disk), s3) in labels.iter().zip(&disk).zip(&s3) {
        transfer_row(label, disk, s3, report);
    }
    for path in few.iter().chain([&large]) {
        let _ = std::fs::remove_file(path);
    }
}

fn transfer_row(label: &str, disk: &Transfer, s3: &Transfer, report: &mut Report) {
    let growth = s3.rss_peak - s3.rss_before;
    let flat = if growth <= FLAT_MIB {
        "flat"
    } else {
        "NOT FLAT"
    };
    report.line(format!(
        "| scale: {label} over HTTPS, PostgreSQL + Garage against redb + disk | {:.0} MB/s | disk {:.0} MB/s | {:.2}× disk | S3 server peak RSS {:.1} MiB ({growth:+.1} MiB: {flat}); disk server {:.1} MiB |",
        s3.mb_s, disk.mb_s, s3.mb_s / disk.mb_s, s3.rss_peak, disk.rss_peak
    ));
}

/// Open visits and new visits (wrk, 100 connections) on each server, then the exact count
/// of a use-limited link's uses on each.
async fn visit_checks(work: &Path, engines: Engines, report: &mut Report) {
    if Command::new("wrk").arg("--version").output().is_err() {
        return report
            .line("| scale: visits | wrk not installed (apt-get install wrk) | | | |".into());
    }
    let Engines {
        disk,
        s3,
        _postgres,
        _garage,
    } = engines;
    let mut runs = Vec::new();
    for (name, server) in [("redb + disk", disk), ("PostgreSQL + Garage", s3)] {
        report.line(format!("| scale: visit checks on {name} | | | | |"));
        let links = visits::set_up(server, work).await;
        let open = visits::wrk(&links.open_visit_url, 100);
        let new = visits::wrk(&format!("{}/manifest.json", link_of(&links.limited)), 100);
        let made = new.map_or(0, |run| run.answers);
        visits::uses_exactly(&links, (made / 2).max(1000), report).await;
        runs.push([open, new]);
    }
    let labels = [
        "open visit, unlimited link",
        "new visit each request, use-limited link",
    ];
    for (i, label) in labels.iter().enumerate() {
        let line = match (runs[0][i], runs[1][i]) {
            (Some(redb), Some(pg)) => format!(
                "| scale: {label}, 100 connections, PostgreSQL against redb | {:.0} req/s (p50 {:.2} ms, p99 {:.2} ms) | redb {:.0} req/s (p99 {:.2} ms) | {:.2}× redb | |",
                pg.rps, pg.p50_ms, pg.p99_ms, redb.rps, redb.p99_ms, pg.rps / redb.rps
            ),
            _ => format!("| scale: {label} | wrk failed | | | |"),
        };
        report.line(line);
    }
}
