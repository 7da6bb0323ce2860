//! TLS to PostgreSQL (SPEC §9): with `sslmode=require` and `[database] ca_file` naming the
//! private CA that signed the server's certificate, handoff serves over encrypted connections
//! (as the server's `pg_stat_ssl` shows); a certificate from another CA stops the start with a
//! message naming the host and the problem.

mod common;

use common::postgres::Postgres;
use common::*;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A new CA called `name`: its PEM certificate and the issuer that signs with it.
fn certificate_authority(name: &str) -> (String, CertifiedIssuer<'static, KeyPair>) {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
    (ca.pem(), ca)
}

/// A server certificate for 127.0.0.1 signed by `ca`: (certificate PEM, key PEM).
fn server_certificate(ca: &CertifiedIssuer<'static, KeyPair>) -> (String, String) {
    let params = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, ca).unwrap();
    (cert.pem(), key.serialize_pem())
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// A cluster offering TLS with a certificate from a fresh CA, and that CA's PEM.
fn tls_cluster() -> Option<(Postgres, String)> {
    let (ca_pem, ca) = certificate_authority("the cluster's CA");
    let (cert, key) = server_certificate(&ca);
    Some((Postgres::start_tls(&cert, &key)?, ca_pem))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_sslmode_require_and_the_ca_file_every_connection_is_encrypted() {
    let Some((postgres, ca_pem)) = tls_cluster() else {
        return;
    };
    let certs = tempfile::tempdir().unwrap();
    let ca_file = write(certs.path(), "ca.pem", &ca_pem);
    let url = format!("{}?sslmode=require", postgres.database("tls"));
    let server = TestServer::start_with(|c| {
        c.database.url = url.clone();
        c.database.ca_file = Some(ca_file.clone());
    })
    .await;
    let bytes = noise(200_000, 3);
    let asset = server
        .upload(&server.admin_token, "sealed.bin", bytes.clone())
        .await;
    let share = server
        .admin_share(json!({"title": "Sealed", "assetIds": [asset["id"]],
            "downloadOptions": {"original": true}}))
        .await;
    let link = link_path(&share);
    assert_eq!(download_original(&server, &link, &asset).await, bytes);
    // The server's own view of handoff's connections (the pool's and the listener's).
    let encryption = postgres.query(
        "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
         WHERE a.datname = 'tls'",
    );
    assert!(
        encryption.len() >= 2,
        "handoff's connections: {encryption:?}"
    );
    assert!(
        encryption.iter().all(|ssl| ssl == "t"),
        "a connection in the clear: {encryption:?}"
    );
}

/// `handoff serve` on `url` with `ca_file`: whether it exited, and its stderr.
fn serve(url: &str, ca_file: &Path) -> (bool, String) {
    let cwd = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .arg("serve")
        .current_dir(cwd.path())
        .env("HANDOFF_SERVER_LISTEN", "127.0.0.1:0")
        .env("HANDOFF_DATABASE_URL", url)
        .env("HANDOFF_DATABASE_CA_FILE", ca_file)
        .env("HANDOFF_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let exited = child
        .try_wait()
        .unwrap()
        .is_some_and(|status| !status.success());
    if !exited {
        child.kill().unwrap();
    }
    let output = child.wait_with_output().unwrap();
    (exited, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[tokio::test]
async fn a_server_certificate_from_another_ca_stops_the_start_naming_host_and_problem() {
    let Some((postgres, _)) = tls_cluster() else {
        return;
    };
    let (other_ca, _) = certificate_authority("another CA");
    let certs = tempfile::tempdir().unwrap();
    let ca_file = write(certs.path(), "other-ca.pem", &other_ca);
    for mode in ["require", "prefer"] {
        let url = format!(
            "{}?sslmode={mode}",
            postgres.database(&format!("refused_{mode}"))
        );
        let (exited, stderr) = tokio::task::spawn_blocking({
            let ca_file = ca_file.clone();
            move || serve(&url, &ca_file)
        })
        .await
        .unwrap();
        assert!(exited, "handoff started with sslmode={mode}: {stderr}");
        assert!(stderr.contains("127.0.0.1"), "no host named: {stderr}");
        assert!(
            stderr.contains("invalid peer certificate: UnknownIssuer"),
            "no certificate problem: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
