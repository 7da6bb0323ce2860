//! A throwaway single-node Garage (a real S3-compatible object store) for a test: a generated
//! config on free loopback ports in a temp folder, `garage server` started, the layout
//! applied, a key imported and a bucket made with the `garage` CLI; killed when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const INSTALL: &str = "CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install garage --version 2.5.0 --locked \
    --no-default-features --features bundled-libs,lmdb";

/// The key the tests import (Garage wants `GK` + 24 hex digits and 64 hex digits).
pub const ACCESS_KEY: &str = "GK0123456789abcdef01234567";
pub const SECRET_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
pub const REGION: &str = "garage";

/// The loopback ports a Garage listens on.
pub struct Ports {
    pub s3: u16,
    pub rpc: u16,
    pub admin: u16,
}

pub struct Garage {
    dir: TempDir,
    server: Child,
    /// `http://127.0.0.1:PORT`, the S3 API.
    pub endpoint: String,
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

impl Garage {
    /// A running Garage with one bucket per name in `buckets`, or None (the test skips) when
    /// `garage` is not installed.
    pub fn start(buckets: &[&str]) -> Option<Garage> {
        let garage = Garage::launch(|dir, ports| {
            format!(
                r#"metadata_dir = "{dir}/meta"
data_dir = "{dir}/data"
db_engine = "lmdb"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{SECRET_KEY}"

[s3_api]
s3_region = "{REGION}"
api_bind_addr = "127.0.0.1:{s3}"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:{admin}"
"#,
                dir = dir.display(),
                rpc = ports.rpc,
                s3 = ports.s3,
                admin = ports.admin,
            )
        })?;
        garage.set_up(buckets);
        Some(garage)
    }

    /// `garage server` on the configuration `config` writes for a temp folder and free ports,
    /// once it answers (no layout yet); None (the test skips) when `garage` is not installed.
    pub fn launch(config: impl FnOnce(&Path, &Ports) -> String) -> Option<Garage> {
        if !super::require("garage", INSTALL) {
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("handoff-garage")
            .tempdir()
            .unwrap();
        let ports = Ports {
            s3: free_port(),
            rpc: free_port(),
            admin: free_port(),
        };
        std::fs::write(dir.path().join("garage.toml"), config(dir.path(), &ports)).unwrap();
        let log = std::fs::File::create(dir.path().join("log")).unwrap();
        let server = Command::new("garage")
            .arg("-c")
            .arg(dir.path().join("garage.toml"))
            .arg("server")
            .env("RUST_LOG", "garage=warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let garage = Garage {
            dir,
            server,
            endpoint: format!("http://127.0.0.1:{}", ports.s3),
        };
        garage.node_id();
        Some(garage)
    }

    fn set_up(&self, buckets: &[&str]) {
        let node = self.node_id();
        self.cli(&["layout", "assign", "-z", "dc1", "-c", "1G", &node]);
        self.cli(&["layout", "apply", "--version", "1"]);
        self.cli(&[
            "key", "import", "--yes", "-n", "handoff", ACCESS_KEY, SECRET_KEY,
        ]);
        for bucket in buckets {
            self.cli(&["bucket", "create", bucket]);
            self.cli(&[
                "bucket", "allow", "--read", "--write", "--owner", bucket, "--key", "handoff",
            ]);
        }
    }

    /// The node's id, once the server answers.
    fn node_id(&self) -> String {
        let started = Instant::now();
        loop {
            let output = self.command(&["node", "id", "-q"]).output().unwrap();
            let text = String::from_utf8_lossy(&output.stdout);
            if output.status.success() && !text.trim().is_empty() {
                return text.trim().split('@').next().unwrap().to_string();
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "garage did not start: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("garage");
        command.arg("-c").arg(self.config_file()).args(args);
        command
    }

    /// Runs a `garage` command that must succeed.
    pub fn cli(&self, args: &[&str]) -> String {
        let output = self.command(args).output().unwrap();
        assert!(
            output.status.success(),
            "garage {}: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr),
            self.log()
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Its configuration file (for `GARAGE_CONFIG_FILE`).
    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("garage.toml")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    pub fn folder(&self) -> &Path {
        self.dir.path()
    }

    /// The `[storage]` section of a handoff configuration for `bucket`.
    pub fn storage(&self, bucket: &str) -> handoff::config::Storage {
        handoff::config::Storage {
            backend: "s3".into(),
            endpoint: self.endpoint.clone(),
            region: REGION.into(),
            bucket: bucket.into(),
            access_key: ACCESS_KEY.into(),
            secret_key: SECRET_KEY.into(),
            path_style: true,
        }
    }

    /// The same as a handoff.toml section, as the README shows it.
    pub fn storage_toml(&self, bucket: &str) -> String {
        let s = self.storage(bucket);
        format!(
            "[storage]\nbackend = \"s3\"\nendpoint = \"{}\"\nregion = \"{}\"\nbucket = \"{}\"\n\
             access_key = \"{}\"\nsecret_key = \"{}\"\npath_style = true\n",
            s.endpoint, s.region, s.bucket, s.access_key, s.secret_key
        )
    }
}

impl Drop for Garage {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}
