//! The Docker image, built from the Dockerfile with podman and run: its health check, an upload,
//! a share, a recipient's download, the data kept in the volume for the next container, and a
//! server that does not run as root. There is no Docker engine or registry here, so the
//! Dockerfile's base image is made from Debian's packages with mmdebstrap (once, then kept),
//! and the image takes the binary these tests built (BINARY_FROM=prebuilt) instead of compiling
//! it again.

mod common;

use common::*;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_handoff");
const DOCKERFILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/Dockerfile");
const INSTALL: &str = "apt-get install podman runc mmdebstrap uidmap";

/// `podman` with runc: crun fails on this machine's hybrid cgroups.
fn podman(args: &[&str]) -> Output {
    Command::new("podman")
        .args(["--runtime", "runc"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("podman runs")
}

/// Runs podman and returns its stdout, failing the test when it fails.
fn podman_ok(args: &[&str]) -> String {
    let output = podman(args);
    assert!(
        output.status.success(),
        "podman {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Limits for the containers: podman's defaults (a million open files) are above what this
/// machine lets runc set, and raising a limit needs CAP_SYS_RESOURCE, which it does not have.
const LIMITS: [&str; 4] = [
    "--ulimit",
    "nofile=4096:4096",
    "--ulimit",
    "nproc=4096:4096",
];

fn podman_can_run() -> bool {
    if !require("podman", INSTALL) || !require("runc", INSTALL) {
        return false;
    }
    let info = podman(&["info"]);
    info.status.success()
        || unavailable(
            &format!(
                "podman cannot run here ({})",
                String::from_utf8_lossy(&info.stderr).trim()
            ),
            INSTALL,
        )
}

/// The runtime stage's base image as podman names it: `FROM debian:bookworm-slim` →
/// `docker.io/library/debian:bookworm-slim`, and the Debian release it is made of.
fn runtime_base() -> (String, String) {
    let dockerfile = std::fs::read_to_string(DOCKERFILE).unwrap();
    let from = dockerfile
        .lines()
        .filter_map(|line| line.strip_prefix("FROM "))
        .next_back()
        .expect("a FROM line");
    let tag = from
        .strip_prefix("debian:")
        .expect("the runtime stage is FROM debian:<release>-slim");
    let release = tag.strip_suffix("-slim").unwrap_or(tag);
    (format!("docker.io/library/{from}"), release.to_string())
}

/// Makes the base image from Debian's packages unless podman has it: a minimal Debian
/// (mmdebstrap's minbase, what the -slim images are) imported under the Dockerfile's name.
fn ensure_base_image() -> bool {
    let (name, release) = runtime_base();
    if podman(&["image", "exists", &name]).status.success() {
        return true;
    }
    if !require("mmdebstrap", INSTALL) {
        return false;
    }
    let dir = tempfile::tempdir().unwrap();
    let tarball = dir.path().join("base.tar");
    let made = Command::new("mmdebstrap")
        .args(["--variant=minbase", "--quiet", &release])
        .arg(&tarball)
        .arg("http://deb.debian.org/debian")
        .stdin(Stdio::null())
        .status()
        .expect("mmdebstrap runs");
    assert!(made.success(), "mmdebstrap made a Debian {release}");
    podman_ok(&["import", tarball.to_str().unwrap(), &name]);
    true
}

/// What the test made in podman, removed when dropped (the base image is kept for next time).
struct Made {
    name: String,
    containers: Vec<String>,
}

impl Made {
    fn image(&self) -> String {
        format!("localhost/{}:test", self.name)
    }

    /// Builds the image from the Dockerfile with the binary the tests built.
    fn build(name: String) -> Made {
        let context = tempfile::tempdir().unwrap();
        let release = context.path().join("target/release");
        std::fs::create_dir_all(&release).unwrap();
        std::fs::copy(BIN, release.join("handoff")).unwrap();
        let made = Made {
            name,
            containers: Vec::new(),
        };
        // The Docker format: podman's default (OCI) drops the HEALTHCHECK.
        let mut args = vec!["build", "--format=docker", "--pull=never"];
        args.push("--build-arg=BINARY_FROM=prebuilt");
        args.extend(LIMITS);
        let image = made.image();
        args.extend(["-f", DOCKERFILE, "-t", &image]);
        args.push(context.path().to_str().unwrap());
        podman_ok(&args);
        made
    }

    /// Starts a container of the image on the volume, its HTTPS port on `ports.0` and its
    /// HTTP redirect port on `ports.1`.
    fn run(&mut self, ports: (u16, u16)) -> String {
        let container = format!("{}-{}", self.name, self.containers.len());
        self.containers.push(container.clone());
        let https = format!("127.0.0.1:{}:8443", ports.0);
        let http = format!("127.0.0.1:{}:8080", ports.1);
        let volume = format!("{}:/data", self.name);
        let public_url = format!("HANDOFF_SERVER_PUBLIC_URL=https://127.0.0.1:{}", ports.0);
        let password = format!("HANDOFF_ADMIN_PASSWORD={ADMIN_PASSWORD}");
        let mut args = vec!["run", "-d", "--name", &container];
        args.extend(LIMITS);
        args.extend(["-p", &https, "-p", &http, "-v", &volume]);
        args.extend(["-e", &public_url, "-e", &password]);
        let image = self.image();
        args.push(&image);
        podman_ok(&args);
        container
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        for container in &self.containers {
            podman(&["rm", "-f", container]);
        }
        podman(&["volume", "rm", "-f", &self.name]);
        podman(&["rmi", "-f", &self.image()]);
    }
}

/// Waits until the container's server answers `/healthz`, and returns that status.
async fn healthz(client: &Client, base: &str, container: &str) -> StatusCode {
    for _ in 0..300 {
        if let Ok(response) = client.get(format!("{base}/healthz")).send().await {
            return response.status();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the container never answered; its log:\n{}",
        podman_ok(&["logs", container])
    );
}

/// Downloads the share's first file as a recipient: the manifest, then its original.
async fn recipient_download(client: &Client, base: &str, link: &str) -> Vec<u8> {
    let manifest = client
        .get(format!("{base}{link}/manifest.json"))
        .send()
        .await
        .unwrap();
    let manifest = json_of(manifest, 200).await;
    let original = manifest["assets"][0]["downloads"]["original"]
        .as_str()
        .unwrap();
    let file = client
        .get(format!("{base}{original}"))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    file.bytes().await.unwrap().to_vec()
}

/// Logs in as the first admin (its password from HANDOFF_ADMIN_PASSWORD), uploads `bytes`,
/// shares them and returns the link's path.
async fn upload_and_share(client: &Client, base: &str, bytes: Vec<u8>) -> String {
    let login = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": "admin@localhost", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    let token = json_of(login, 200).await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let upload = client
        .post(format!("{base}/api/v1/assets"))
        .bearer_auth(&token)
        .query(&[("name", "report.bin")])
        .body(bytes)
        .send()
        .await
        .unwrap();
    let asset = json_of(upload, 201).await;
    let share = client
        .post(format!("{base}/api/v1/shares"))
        .bearer_auth(&token)
        .json(&json!({"title": "From the container", "assetIds": [asset["id"]]}))
        .send()
        .await
        .unwrap();
    let share: Value = json_of(share, 201).await;
    link_path(&share)
}

/// The user the container's server runs as: the real uid of its process 1.
fn server_uid(container: &str) -> String {
    let status = podman_ok(&["exec", container, "cat", "/proc/1/status"]);
    let uids = status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .expect("a Uid line");
    uids.split_whitespace().next().unwrap().to_string()
}

#[tokio::test]
async fn the_image_serves_shares_keeps_its_volume_and_runs_unprivileged() {
    if !podman_can_run() || !ensure_base_image() {
        return;
    }
    let name = format!("handoff-test-{}", std::process::id());
    let mut made = Made::build(name);
    let free_port = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let ports = (free_port(), free_port());
    let base = format!("https://127.0.0.1:{}", ports.0);
    let client = client();

    let first = made.run(ports);
    assert_eq!(healthz(&client, &base, &first).await, StatusCode::OK);
    let health: Value = client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        health["media"]["missingTools"],
        json!([]),
        "the image has every media tool"
    );
    let health = podman(&["healthcheck", "run", &first]);
    assert!(
        health.status.success(),
        "the image's HEALTHCHECK passes: {}{}",
        String::from_utf8_lossy(&health.stdout),
        String::from_utf8_lossy(&health.stderr)
    );
    assert_ne!(server_uid(&first), "0", "the server does not run as root");
    let redirect = client
        .get(format!("http://127.0.0.1:{}/s/x", ports.1))
        .send()
        .await
        .unwrap();
    assert_eq!(redirect.status(), StatusCode::PERMANENT_REDIRECT);
    let bytes = noise(300_000, 9);
    let link = upload_and_share(&client, &base, bytes.clone()).await;
    assert!(recipient_download(&client, &base, &link).await == bytes);

    let database = podman_ok(&["exec", &first, "find", "/data", "-name", "handoff.redb"]);
    assert_eq!(database, "/data/handoff.redb", "the data is in the volume");
    let foreign = podman_ok(&["exec", &first, "find", "/data", "!", "-user", "handoff"]);
    assert_eq!(
        foreign, "",
        "everything in the volume written by the image's user"
    );

    // A new container on the same volume has the share and its file.
    podman_ok(&["stop", &first]);
    let second = made.run(ports);
    assert_eq!(healthz(&client, &base, &second).await, StatusCode::OK);
    assert!(
        recipient_download(&client, &base, &link).await == bytes,
        "the data outlives its container"
    );
}
