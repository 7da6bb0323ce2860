//! handoff's benchmarks, run by hand: `cargo bench --bench bench -- [NAME…]`, where each NAME
//! is a scenario (ingest, download, bundles, visits, memory, jpeg, heic, proxy, scale) or `all`
//! (also the default).
//!
//! Each scenario measures the release server (a separate process, so its peak memory is its
//! own) with `curl` and `wrk` as clients, next to a baseline in the same run: `cp`/`cat` of
//! the same files, nginx serving the same bytes as one static file (TLS and plain), and dufs
//! when it is on PATH. Sizes: HANDOFF_BENCH_MB (default 1024) for the large files. The
//! results also go to `bench-results.md` in cargo's target folder.

mod baselines;
mod handoff;
mod measure;
mod media;
mod pillow;
mod scale;
mod transfers;
mod tus;
mod visits;

use measure::Report;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;

type Scenario = for<'a> fn(&'a Path, &'a mut Report) -> Pin<Box<dyn Future<Output = ()> + 'a>>;

/// Every scenario by name, in the order they run.
const SCENARIOS: [(&str, Scenario); 9] = [
    ("ingest", |w, r| Box::pin(transfers::ingest(w, r))),
    ("download", |w, r| {
        Box::pin(transfers::download_single(w, r))
    }),
    ("bundles", |w, r| Box::pin(transfers::bundles(w, r))),
    ("visits", |w, r| Box::pin(visits::visits(w, r))),
    ("memory", |w, r| Box::pin(transfers::memory(w, r))),
    ("jpeg", |w, r| Box::pin(media::jpeg_scenario(w, r))),
    ("heic", |w, r| Box::pin(media::heic(w, r))),
    ("proxy", |w, r| Box::pin(media::proxy(w, r))),
    ("scale", |w, r| Box::pin(scale::scale(w, r))),
];

/// The scenarios the arguments name (cargo adds flags such as `--bench`; they are not names).
fn chosen() -> Vec<(&'static str, Scenario)> {
    let names: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let known = |name: &String| name == "all" || SCENARIOS.iter().any(|(n, _)| n == name);
    if let Some(unknown) = names.iter().find(|n| !known(n)) {
        let all: Vec<&str> = SCENARIOS.iter().map(|(n, _)| *n).collect();
        eprintln!(
            "no scenario {unknown:?}; there are: {}, all",
            all.join(", ")
        );
        std::process::exit(2);
    }
    let everything = names.is_empty() || names.iter().any(|n| n == "all");
    SCENARIOS
        .into_iter()
        .filter(|(name, _)| everything || names.iter().any(|n| n == name))
        .collect()
}

fn main() {
    let scenarios = chosen();
    let work =
        tempfile::tempdir_in(std::env::var("HANDOFF_BENCH_DIR").unwrap_or_else(|_| "/tmp".into()))
            .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut report = Report::default();
    report.line("| scenario | handoff | baseline | ratio | memory |".into());
    report.line("|---|---|---|---|---|".into());
    runtime.block_on(async {
        for (_, scenario) in scenarios {
            scenario(work.path(), &mut report).await;
        }
    });
    let folder = handoff::target_dir();
    std::fs::create_dir_all(&folder).unwrap();
    let out = folder.join("bench-results.md");
    std::fs::write(&out, report.lines.join("\n") + "\n").unwrap();
    println!("written to {}", out.display());
}
