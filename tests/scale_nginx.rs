//! The README's "Scaling out" example, run as the README shows it (SPEC §9): Garage, two
//! handoff nodes on PostgreSQL and the bucket, and nginx in front ending TLS. The four
//! configuration blocks are read out of README.md itself, so the documentation and this test
//! cannot drift; only ports, folders and what the README puts in angle brackets are changed,
//! and each change must find its text, or the test fails naming it.

mod common;

use common::garage::{Garage, SECRET_KEY};
use common::postgres::Postgres;
use common::process::{login, start, upload_file, Running};
use common::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const README: &str = include_str!("../README.md");
const NGINX_INSTALL: &str = "apt-get install nginx";
/// What the README asks a reader to generate (`openssl rand -hex 32`).
const SECRET_PLACEHOLDER: &str = "<secret key: openssl rand -hex 32>";

/// The contents of every fenced block of `text`.
fn fenced_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<String> = None;
    for line in text.lines() {
        match (open.as_mut(), line.starts_with("```")) {
            (None, true) => open = Some(String::new()),
            (Some(_), true) => blocks.extend(open.take()),
            (Some(block), false) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, false) => {}
        }
    }
    blocks
}

/// The README's one fenced block whose first line is `# {title}`.
fn readme_block(title: &str) -> String {
    let first = format!("# {title}\n");
    let mut found: Vec<String> = fenced_blocks(README)
        .into_iter()
        .filter(|block| block.starts_with(&first))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "README.md has one block beginning {first:?}"
    );
    found.pop().unwrap()
}

/// `text` with each `(from, to)` replaced. Every `from` must be there: a README that no longer
/// says what the test changes fails here instead of running something else.
fn substituted(text: &str, changes: &[(&str, String)]) -> String {
    changes.iter().fold(text.to_string(), |text, (from, to)| {
        assert!(
            text.contains(from),
            "{from:?} is no longer in the README's block:\n{text}"
        );
        text.replace(from, to)
    })
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Garage started on the README's `garage.toml`, set up by the README's commands.
fn readme_garage() -> Option<Garage> {
    let garage = Garage::launch(|dir, ports| {
        substituted(
            &readme_block("garage.toml"),
            &[
                ("/var/lib/garage", dir.display().to_string()),
                ("127.0.0.1:3901", format!("127.0.0.1:{}", ports.rpc)),
                ("127.0.0.1:3900", format!("127.0.0.1:{}", ports.s3)),
                ("<rpc secret: openssl rand -hex 32>", SECRET_KEY.into()),
            ],
        )
    })?;
    let commands = substituted(
        &readme_block("garage setup"),
        &[(SECRET_PLACEHOLDER, SECRET_KEY.into())],
    );
    // Their errors go to the test's output; what they print otherwise is of no interest.
    let status = Command::new("sh")
        .args(["-euc", &commands])
        .env("GARAGE_CONFIG_FILE", garage.config_file())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the README's garage commands failed");
    Some(garage)
}

/// A node on the README's `handoff.toml` (its own port and data folder), the first admin
/// given by environment variables as the README's Configuration section allows.
fn readme_node(dir: &Path, database: &str, garage: &Garage, public_url: &str) -> Running {
    let address = database.rsplit('@').next().unwrap();
    let config = substituted(
        &readme_block("handoff.toml"),
        &[
            ("127.0.0.1:8081", "127.0.0.1:0".into()),
            ("/var/lib/handoff", dir.join("data").display().to_string()),
            ("https://files.example.com", public_url.into()),
            // The throwaway cluster trusts loopback: the password is not asked for.
            ("<database password>", "unused".into()),
            ("127.0.0.1:5432/handoff", address.into()),
            ("http://127.0.0.1:3900", garage.endpoint.clone()),
            (SECRET_PLACEHOLDER, SECRET_KEY.into()),
        ],
    );
    let path = dir.join("handoff.toml");
    std::fs::write(&path, config).unwrap();
    let admin = [
        ("HANDOFF_ADMIN_EMAIL", ADMIN_EMAIL),
        ("HANDOFF_ADMIN_PASSWORD", ADMIN_PASSWORD),
    ];
    start(&["serve", "--config", path.to_str().unwrap()], dir, &admin)
}

/// nginx on PATH or where Debian puts it (/usr/sbin is not on every user's PATH).
fn nginx_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("nginx"))
        .find(|binary| binary.is_file())
}

/// nginx as a user's process: the README's block inside an `http` block of a configuration
/// whose pid file, logs and temp folders are in a temp folder, on a free loopback port. One
/// process (`master_process off`), so killing it leaves no worker behind.
struct Nginx {
    _process: Running,
    dir: tempfile::TempDir,
}

/// A self-signed certificate for 127.0.0.1: `(cert.pem, key.pem)` in `dir`.
fn certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    let paths = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&paths.0, cert.pem()).unwrap();
    std::fs::write(&paths.1, key.serialize_pem()).unwrap();
    paths
}

impl Nginx {
    fn start(binary: &Path, port: u16, nodes: [&str; 2]) -> Nginx {
        let dir = tempfile::Builder::new()
            .prefix("handoff-nginx")
            .tempdir()
            .unwrap();
        let (cert, key) = certificate(dir.path());
        let site = substituted(
            &readme_block("nginx handoff.conf"),
            &[
                ("listen 443 ssl", format!("listen 127.0.0.1:{port} ssl")),
                ("server 127.0.0.1:8081", format!("server {}", nodes[0])),
                ("server 127.0.0.1:8082", format!("server {}", nodes[1])),
                ("/etc/ssl/handoff/fullchain.pem", cert.display().to_string()),
                ("/etc/ssl/handoff/privkey.pem", key.display().to_string()),
            ],
        );
        let w = dir.path().display();
        let config = format!(
            "daemon off;\nmaster_process off;\npid \"{w}/nginx.pid\";\nerror_log \"{w}/error.log\";\n\
             events {{ worker_connections 64; }}\n\
             http {{\n\
             log_format upstreams '$upstream_addr $status $request_method $uri';\n\
             access_log \"{w}/access.log\" upstreams;\n\
             client_body_temp_path \"{w}/body\"; proxy_temp_path \"{w}/proxy\"; fastcgi_temp_path \"{w}/fastcgi\";\n\
             uwsgi_temp_path \"{w}/uwsgi\"; scgi_temp_path \"{w}/scgi\";\n\
             {site}}}\n"
        );
        let path = dir.path().join("nginx.conf");
        std::fs::write(&path, config).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&path)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .spawn()
            .unwrap();
        let process = Running {
            child,
            base: format!("https://127.0.0.1:{port}"),
            stdout: Vec::new(),
        };
        let nginx = Nginx {
            _process: process,
            dir,
        };
        nginx.wait_listening(port);
        nginx
    }

    fn wait_listening(&self, port: u16) {
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            let log = std::fs::read_to_string(self.dir.path().join("error.log"));
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start: {}",
                log.unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The access log's lines (`upstream status method path`).
    fn access_log(&self) -> Vec<String> {
        let text = std::fs::read_to_string(self.dir.path().join("access.log")).unwrap();
        text.lines().map(str::to_string).collect()
    }

    /// Every node address that answered a request.
    fn upstreams(&self) -> BTreeSet<String> {
        self.access_log()
            .iter()
            .filter_map(|line| line.split(' ').next())
            .map(|upstream| upstream.trim_end_matches(',').to_string())
            .filter(|upstream| upstream != "-")
            .collect()
    }
}

/// A recipient's download through nginx: the bytes of a 200 answer.
async fn download(url: &str) -> Vec<u8> {
    let response = client().get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_readme_example_serves_through_nginx_from_both_nodes_and_with_one_stopped() {
    let Some(nginx_binary) = nginx_binary() else {
        unavailable("nginx is not installed", NGINX_INSTALL);
        return;
    };
    let Some(postgres) = Postgres::start() else {
        return;
    };
    let Some(garage) = readme_garage() else {
        return;
    };
    let database = postgres.database("handoff");
    let port = free_port();
    let public = format!("https://127.0.0.1:{port}");
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = readme_node(a_dir.path(), &database, &garage, &public);
    let b = readme_node(b_dir.path(), &database, &garage, &public);
    let nodes = [&a, &b].map(|node| node.base.trim_start_matches("http://").to_string());
    let nginx = Nginx::start(&nginx_binary, port, [&nodes[0], &nodes[1]]);

    // Everything through nginx: sign in, upload (several multipart parts), a link.
    let token = login(&public, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let bytes = noise(20 << 20, 16);
    let id = upload_file(&public, &token, "take.bin", bytes.clone()).await;
    let response = client()
        .post(format!("{public}/api/v1/shares"))
        .bearer_auth(&token)
        .json(&json!({"title": "Through nginx", "assetIds": [id],
            "downloadOptions": {"original": true}}))
        .send()
        .await
        .unwrap();
    let share: Value = json_of(response, 201).await;
    let link = share["url"].as_str().unwrap();
    assert!(link.starts_with(&format!("{public}/s/")), "{link}");
    let original = format!("{link}/assets/{id}/original?download=1");
    for _ in 0..4 {
        assert!(download(&original).await == bytes, "the download differs");
    }
    let served = nginx.upstreams();
    assert_eq!(
        served,
        BTreeSet::from(nodes.clone()),
        "both nodes answered: {:?}",
        nginx.access_log()
    );

    // Node A dies: nginx sends what would have gone to it to B, which serves it all.
    drop(a);
    for _ in 0..3 {
        assert!(download(&original).await == bytes, "the download differs");
    }
    login(&public, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let tried_a_then_b = format!("{}, {} 200 GET", nodes[0], nodes[1]);
    assert!(
        nginx
            .access_log()
            .iter()
            .any(|line| line.starts_with(&tried_a_then_b)),
        "a request went to B once A did not answer: {:?}",
        nginx.access_log()
    );
}

#[test]
#[should_panic(expected = "is no longer in the README's block")]
fn a_readme_block_that_no_longer_says_what_the_test_changes_fails_the_test() {
    substituted(
        &readme_block("nginx handoff.conf"),
        &[("listen 80;", "listen 127.0.0.1:1;".into())],
    );
}

#[test]
#[should_panic(expected = "README.md has one block beginning")]
fn a_block_missing_from_the_readme_fails_the_test() {
    readme_block("no such block");
}
