//! handoff's benchmarks, run by hand: `cargo bench --bench bench -- [ingest|download|bundle|memory|visits|all]`.
//!
//! Each scenario measures the release server (a separate process, so its peak memory is its
//! own) with `curl` and `wrk` as clients, next to a baseline in the same run: `cp`/`cat` of
//! the same files, nginx serving the same bytes as one static file (TLS and plain), and dufs
//! when it is on PATH. Sizes: HANDOFF_BENCH_MB (default 1024) for the large files.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_handoff");
const ADMIN: (&str, &str) = ("admin@example.com", "bench-password-1");

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dir: &Path, tls: bool) -> Server {
        std::fs::create_dir_all(dir).unwrap();
        let config = dir.join("handoff.toml");
        let text = format!(
            "[server]\nlisten = \"127.0.0.1:0\"\ndata_dir = \"{}\"\n[tls]\nenabled = {tls}\n[admin]\nemail = \"{}\"\npassword = \"{}\"\n[uploads]\nmax_bytes = 107374182400\n",
            dir.join("data").display(),
            ADMIN.0,
            ADMIN.1
        );
        std::fs::write(&config, text).unwrap();
        let mut child = Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&config)
            .env("HANDOFF_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().unwrap().unwrap();
            if let Some(url) = line.strip_prefix("handoff listening on ") {
                break url.to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Server { child, base }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak resident memory since the last reset, in MiB.
    fn peak_rss_mib(&self) -> f64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let kib: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0);
        kib / 1024.0
    }

    fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5");
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap()
}

async fn login(base: &str) -> String {
    let body: Value = client()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": ADMIN.0, "password": ADMIN.1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["token"].as_str().unwrap().to_string()
}

/// Uploads a file with curl (streamed from disk); returns the asset and the seconds taken.
fn upload(base: &str, token: &str, path: &Path, name: &str) -> (Value, f64) {
    let started = Instant::now();
    let output = Command::new("curl")
        .args([
            "-sk",
            "--fail",
            "-H",
            &format!("Authorization: Bearer {token}"),
            "-T",
        ])
        .arg(path)
        .arg(format!("{base}/api/v1/assets?name={name}"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "upload failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        started.elapsed().as_secs_f64(),
    )
}

/// Downloads a URL with curl to /dev/null; returns (bytes, seconds).
fn download(url: &str) -> (f64, f64) {
    try_download(url).unwrap_or_else(|| panic!("download of {url} failed"))
}

fn try_download(url: &str) -> Option<(f64, f64)> {
    let output = Command::new("curl")
        .args([
            "-sk",
            "--fail",
            "-o",
            "/dev/null",
            "-w",
            "%{size_download} %{time_total}",
        ])
        .arg(url)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let mut parts = text
        .split_whitespace()
        .filter_map(|p| p.parse::<f64>().ok());
    Some((parts.next()?, parts.next()?))
}

fn timed(command: &str) -> f64 {
    let started = Instant::now();
    let status = Command::new("sh").args(["-c", command]).status().unwrap();
    assert!(status.success(), "{command}");
    started.elapsed().as_secs_f64()
}

fn mb_s(bytes: f64, seconds: f64) -> f64 {
    bytes / seconds / 1e6
}

/// Writes `mib` MiB of incompressible bytes.
fn make_file(path: &Path, mib: usize, seed: u64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut state = seed.wrapping_mul(6364136223846793005) | 1;
    let mut block = vec![0u8; 1 << 20];
    for _ in 0..mib {
        for chunk in block.chunks_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
        }
        file.write_all(&block).unwrap();
    }
    file.flush().unwrap();
}

fn size_mib() -> usize {
    std::env::var("HANDOFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024)
}

fn report(lines: &mut Vec<String>, line: String) {
    println!("{line}");
    lines.push(line);
}

async fn share_of(base: &str, token: &str, ids: &[Value], extra: Value) -> (String, String) {
    let mut body = json!({"title": "bench", "assetIds": ids, "durationDays": 1});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let share: Value = client()
        .post(format!("{base}/api/v1/shares"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = share["url"].as_str().unwrap().to_string();
    let token = url.rsplit('/').next().unwrap().to_string();
    (url, token)
}

/// nginx serving `root` over TLS (with the server's certificate) and plain HTTP.
struct Nginx {
    child: Child,
    tls: String,
    plain: String,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn nginx(root: &Path, cert_dir: &Path, work: &Path) -> Option<Nginx> {
    let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    std::fs::create_dir_all(work.join("logs")).unwrap();
    let (tls, plain) = (free_port(), free_port());
    let conf = format!(
        "daemon off; master_process off; user root; worker_processes 2; pid {w}/nginx.pid; error_log {w}/logs/error.log;\n\
         events {{}}\nhttp {{ access_log off; sendfile on; client_body_temp_path {w}; proxy_temp_path {w}; fastcgi_temp_path {w}; uwsgi_temp_path {w}; scgi_temp_path {w};\n\
         server {{ listen 127.0.0.1:{plain}; root {r}; }}\n\
         server {{ listen 127.0.0.1:{tls} ssl http2; ssl_certificate {c}/cert.pem; ssl_certificate_key {c}/key.pem; root {r}; }} }}\n",
        w = work.display(),
        r = root.display(),
        c = cert_dir.display()
    );
    let path = work.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    let child = Command::new(binary)
        .arg("-c")
        .arg(&path)
        .arg("-p")
        .arg(work)
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    std::thread::sleep(Duration::from_millis(500));
    Some(Nginx {
        child,
        tls: format!("https://127.0.0.1:{tls}"),
        plain: format!("http://127.0.0.1:{plain}"),
    })
}

async fn ingest(work: &Path, lines: &mut Vec<String>) {
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
    report(lines, format!("| ingest {mib} MiB over HTTPS | {:.0} MB/s | cp {:.0} MB/s, cp+sync {:.0} MB/s | ratio to cp+sync {:.2} | server peak RSS {rss:.1} MiB |",
        mb_s(bytes, seconds), mb_s(bytes, cp), mb_s(bytes, cp_sync), cp_sync / seconds));
    let _ = std::fs::remove_file(work.join("copy.bin"));
    let _ = std::fs::remove_file(work.join("copy2.bin"));
}

async fn download_single(work: &Path, lines: &mut Vec<String>) {
    let mib = size_mib();
    let source = work.join("download-source.bin");
    make_file(&source, mib, 2);
    let bytes = (mib << 20) as f64;
    let cat = timed(&format!("cat {} > /dev/null", source.display()));
    for tls in [true, false] {
        let server = Server::start(&work.join(if tls { "dl-tls" } else { "dl-plain" }), tls);
        let token = login(&server.base).await;
        let (asset, _) = upload(&server.base, &token, &source, "big.bin");
        let (url, _) = share_of(&server.base, &token, &[asset["id"].clone()], json!({})).await;
        let direct = url.replace("/s/", "/d/");
        server.reset_peak();
        let (got, seconds) = download(&direct);
        assert_eq!(got, bytes);
        let scheme = if tls { "HTTPS" } else { "HTTP" };
        report(lines, format!("| single download {mib} MiB over {scheme} | {:.0} MB/s | cat {:.0} MB/s | peak RSS {:.1} MiB |", mb_s(bytes, seconds), mb_s(bytes, cat), server.peak_rss_mib()));
    }
}

/// Sets up a share of the given files on a TLS and a plain server; returns their zip URLs.
async fn bundle_case(work: &Path, name: &str, files: &[PathBuf], lines: &mut Vec<String>) {
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
        let (url, _) = share_of(&server.base, &token, &ids, json!({})).await;
        let zip_url = format!("{url}/download.zip");
        server.reset_peak();
        let (got, seconds) = download(&zip_url);
        let scheme = if tls { "HTTPS" } else { "HTTP" };
        let rss = server.peak_rss_mib();
        report(lines, format!("| download-all {name} over {scheme} | {:.0} MB/s | cat {:.0} MB/s | {:.2}× cat | peak RSS {rss:.1} MiB |", mb_s(got, seconds), mb_s(total, cat), cat / seconds));
        if tls {
            // Keep the zip as one static file for nginx to serve.
            let root = work.join(format!("{name}-static"));
            std::fs::create_dir_all(&root).unwrap();
            let status = Command::new("curl")
                .args(["-sk", "--fail", "-o"])
                .arg(root.join("bundle.zip"))
                .arg(&zip_url)
                .status()
                .unwrap();
            assert!(status.success());
            nginx_root = Some((root, dir.join("data/tls")));
        }
    }
    if let Some((root, certs)) = nginx_root {
        match nginx(&root, &certs, &work.join(format!("{name}-nginx"))) {
            Some(nginx) => {
                for (label, base) in [("HTTPS", &nginx.tls), ("HTTP", &nginx.plain)] {
                    let line = match try_download(&format!("{base}/bundle.zip")) {
                        Some((got, seconds)) => format!("| nginx static file {name} over {label} | {:.0} MB/s | | | |", mb_s(got, seconds)),
                        None => format!("| nginx static file {name} over {label} | nginx did not answer | | | |"),
                    };
                    report(lines, line);
                }
            }
            None => report(
                lines,
                "| nginx | not installed (apt-get install nginx-light) | | | |".into(),
            ),
        }
    }
    dufs_case(work, name, files, lines);
}

fn dufs_case(work: &Path, name: &str, files: &[PathBuf], lines: &mut Vec<String>) {
    let Ok(status) = Command::new("dufs").arg("--version").output() else {
        report(
            lines,
            "| dufs | not on PATH (cargo install dufs) | | | |".into(),
        );
        return;
    };
    let _ = status;
    let root = work.join(format!("{name}-dufs/share"));
    std::fs::create_dir_all(&root).unwrap();
    for (i, file) in files.iter().enumerate() {
        std::fs::hard_link(file, root.join(format!("file-{i}.bin"))).unwrap();
    }
    let port = free_port();
    let mut child = Command::new("dufs")
        .arg(root.parent().unwrap())
        .args([
            "-p",
            &port.to_string(),
            "-b",
            "127.0.0.1",
            "--allow-archive",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let (got, seconds) = download(&format!("http://127.0.0.1:{port}/share?zip"));
    report(
        lines,
        format!(
            "| dufs ?zip {name} over HTTP | {:.0} MB/s | | | |",
            mb_s(got, seconds)
        ),
    );
    let _ = child.kill();
    let _ = child.wait();
}

async fn bundles(work: &Path, lines: &mut Vec<String>) {
    let mib = size_mib();
    let large: Vec<PathBuf> = (0..3)
        .map(|i| work.join(format!("large-{i}.bin")))
        .collect();
    for (i, path) in large.iter().enumerate() {
        make_file(path, mib, 10 + i as u64);
    }
    bundle_case(work, &format!("3×{mib}MiB"), &large, lines).await;
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
    bundle_case(work, "2000 small files", &small, lines).await;
}

/// Four concurrent bundles of a large sparse file each: memory must stay flat.
async fn memory(work: &Path, lines: &mut Vec<String>) {
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
    report(
        lines,
        format!(
            "| ingest {gib} GiB sparse over HTTP | {:.0} MB/s | | peak RSS {:.1} MiB | |",
            mb_s((gib << 30) as f64, seconds),
            server.peak_rss_mib()
        ),
    );
    let (url, _) = share_of(&server.base, &token, &[asset["id"].clone()], json!({})).await;
    let zip = format!("{url}/download.zip");
    server.reset_peak();
    let started = Instant::now();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let zip = zip.clone();
            std::thread::spawn(move || download(&zip))
        })
        .collect();
    let total: f64 = handles.into_iter().map(|h| h.join().unwrap().0).sum();
    report(lines, format!("| 4 concurrent {gib} GiB bundles over HTTP | {:.0} MB/s total | | peak RSS {:.1} MiB | |", mb_s(total, started.elapsed().as_secs_f64()), server.peak_rss_mib()));
}

/// `wrk` against a URL: requests/s, p50 and p99 latency.
fn wrk(url: &str, connections: u32, headers: &[String]) -> Option<(f64, String, String)> {
    let mut command = Command::new("wrk");
    command.args(["-t2", &format!("-c{connections}"), "-d8s", "--latency"]);
    for header in headers {
        command.args(["-H", header]);
    }
    let output = command.arg(url).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let rps = text
        .lines()
        .find(|l| l.starts_with("Requests/sec:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let pick = |p: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(p))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_string()
    };
    let non2xx = text
        .lines()
        .find(|l| l.contains("Non-2xx"))
        .map(|l| l.trim().to_string());
    if let Some(n) = non2xx {
        eprintln!("wrk {url}: {n}");
    }
    Some((rps, pick("50%"), pick("99%")))
}

async fn visits(work: &Path, lines: &mut Vec<String>) {
    if Command::new("wrk").arg("--version").output().is_err() {
        report(
            lines,
            "| visits | wrk not installed (apt-get install wrk) | | | |".into(),
        );
        return;
    }
    let server = Server::start(&work.join("visits"), true);
    let token = login(&server.base).await;
    let source = work.join("tiny.txt");
    std::fs::write(&source, "hello").unwrap();
    let (asset, _) = upload(&server.base, &token, &source, "tiny.txt");
    let (unlimited, _) = share_of(&server.base, &token, &[asset["id"].clone()], json!({})).await;
    let (limited, _) = share_of(
        &server.base,
        &token,
        &[asset["id"].clone()],
        json!({"maxUses": 1_000_000_000u64}),
    )
    .await;
    let manifest: Value = client()
        .get(format!("{unlimited}/manifest.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let visit = manifest["visit"].as_str().unwrap();
    let before: Value = client()
        .get(format!("{}/api/v1/shares?limit=10", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let _ = before;
    for connections in [100, 500] {
        let cases = [
            ("/healthz (baseline)", format!("{}/healthz", server.base)),
            (
                "open visit, unlimited link",
                format!("{unlimited}/manifest.json?v={visit}"),
            ),
            (
                "new visit each request, use-limited link",
                format!("{limited}/manifest.json"),
            ),
        ];
        for (label, url) in cases {
            match wrk(&url, connections, &[]) {
                Some((rps, p50, p99)) => report(lines, format!("| {label}, {connections} connections | {rps:.0} req/s | p50 {p50} | p99 {p99} | |")),
                None => report(lines, format!("| {label} | wrk failed | | | |")),
            }
        }
    }
    let shares: Value = client()
        .get(format!("{}/api/v1/shares", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let counted = shares["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["maxUses"].is_number())
        .map(|s| s["uses"].clone());
    report(
        lines,
        format!(
            "| use-limited link: uses counted | {} | (every 2xx answer counted once) | | |",
            counted.unwrap_or(Value::Null)
        ),
    );
}

fn main() {
    let which: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| which.is_empty() || which.iter().any(|w| w == name || w == "all");
    let work =
        tempfile::tempdir_in(std::env::var("HANDOFF_BENCH_DIR").unwrap_or_else(|_| "/tmp".into()))
            .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut lines = vec![
        "| scenario | handoff | baseline | ratio | memory |".to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    println!("{}\n{}", lines[0], lines[1]);
    runtime.block_on(async {
        if wants("ingest") {
            ingest(work.path(), &mut lines).await;
        }
        if wants("download") {
            download_single(work.path(), &mut lines).await;
        }
        if wants("bundle") {
            bundles(work.path(), &mut lines).await;
        }
        if wants("visits") {
            visits(work.path(), &mut lines).await;
        }
        if wants("memory") {
            memory(work.path(), &mut lines).await;
        }
    });
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-results.md");
    std::fs::write(&out, lines.join("\n") + "\n").unwrap();
    println!("written to {}", out.display());
}
