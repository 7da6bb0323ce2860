//! A throwaway PostgreSQL cluster for a test: `initdb` in a temp folder, `pg_ctl start` on a
//! free loopback port (as the `postgres` user when the tests run as root, since PostgreSQL
//! refuses root), stopped and removed when dropped.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

pub const INSTALL: &str = "apt-get install postgresql";

pub struct Postgres {
    dir: TempDir,
    bin: PathBuf,
    port: u16,
}

/// The folder of initdb and pg_ctl: on PATH, or where Debian keeps them.
fn binaries() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let debian = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"));
    std::env::split_paths(&path)
        .chain(debian)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

impl Postgres {
    /// A running cluster without fsync (a test needs no durability), or None (the test skips)
    /// when PostgreSQL is not installed.
    pub fn start() -> Option<Postgres> {
        Postgres::start_with("-c fsync=off")
    }

    /// The same with `settings` (`-c name=value` options of `postgres`) instead.
    pub fn start_with(settings: &str) -> Option<Postgres> {
        Postgres::launch(settings, &[])
    }

    /// A cluster that offers TLS (`ssl = on`) with this PEM certificate chain and key.
    pub fn start_tls(cert_pem: &str, key_pem: &str) -> Option<Postgres> {
        // Relative paths are the data folder's; the files sit beside it.
        let settings = "-c fsync=off -c ssl=on -c ssl_cert_file=../server.crt \
                        -c ssl_key_file=../server.key";
        Postgres::launch(
            settings,
            &[("server.crt", cert_pem), ("server.key", key_pem)],
        )
    }

    /// Starts a cluster with `files` (name, content; readable by its owner only) in its folder.
    fn launch(settings: &str, files: &[(&str, &str)]) -> Option<Postgres> {
        let Some(bin) = binaries() else {
            super::unavailable("PostgreSQL (initdb, pg_ctl) is not installed", INSTALL);
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("handoff-pg")
            .tempdir()
            .unwrap();
        for (name, content) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            // PostgreSQL refuses a key others may read.
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        if running_as_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success(), "chown of the cluster folder");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let postgres = Postgres { dir, bin, port };
        postgres.run(
            "initdb",
            &[
                "-U",
                "handoff",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
                "-D",
            ],
            true,
        );
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200 {settings}",
            postgres.dir.path().display()
        );
        let log = postgres.dir.path().join("log");
        postgres.run(
            "pg_ctl",
            &[
                "-w",
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "start",
                "-D",
            ],
            true,
        );
        Some(postgres)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs one of the cluster's programs with `args` then the data folder.
    fn run(&self, program: &str, args: &[&str], check: bool) {
        let mut command = match running_as_root() {
            true => {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(self.bin.join(program));
                c
            }
            false => Command::new(self.bin.join(program)),
        };
        let output = command
            .args(args)
            .arg(self.data())
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        if check {
            assert!(
                output.status.success(),
                "{program}: {}{}",
                String::from_utf8_lossy(&output.stderr),
                std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
            );
        }
    }

    /// A new empty database; its URL.
    pub fn database(&self, name: &str) -> String {
        let admin = format!("postgres://handoff@127.0.0.1:{}/postgres", self.port);
        // The driver blocks, which a test's async thread must not: on a thread of its own.
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let mut client = ::postgres::Client::connect(&admin, ::postgres::NoTls).unwrap();
                client
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .unwrap();
            });
        });
        format!("postgres://handoff@127.0.0.1:{}/{name}", self.port)
    }

    /// Runs `sql` in the `postgres` database (over the socket's plain TCP); its rows' first
    /// columns as text.
    pub fn query(&self, sql: &str) -> Vec<String> {
        let admin = format!("postgres://handoff@127.0.0.1:{}/postgres", self.port);
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let mut client =
                        ::postgres::Client::connect(&admin, ::postgres::NoTls).unwrap();
                    let rows = client.simple_query(sql).unwrap();
                    rows.iter()
                        .filter_map(|m| match m {
                            ::postgres::SimpleQueryMessage::Row(row) => {
                                Some(row.get(0).unwrap_or_default().to_string())
                            }
                            _ => None,
                        })
                        .collect()
                })
                .join()
                .unwrap()
        })
    }

    pub fn folder(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.run("pg_ctl", &["-m", "immediate", "stop", "-D"], false);
    }
}
