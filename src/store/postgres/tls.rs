//! TLS to PostgreSQL (SPEC §9): rustls with aws-lc-rs, like the rest of handoff. The URL's
//! `sslmode` decides whether it is used (tokio-postgres reads it: disable, prefer — the
//! default, TLS when the server offers it — or require); when it is, the server's certificate
//! must verify against the system's roots or `[database] ca_file` and name the URL's host.

use super::StoreError;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use std::path::Path;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;
use tokio_rustls::rustls::{crypto::aws_lc_rs, ClientConfig, RootCertStore};

pub(super) type Tls = MakeRustlsConnect;

/// The connector every connection to PostgreSQL goes through.
pub(super) fn connector(ca_file: Option<&Path>) -> Result<Tls, StoreError> {
    let mut roots = RootCertStore::empty();
    // System certificates rustls cannot parse are skipped: the others (or ca_file) still do.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if let Some(path) = ca_file {
        for cert in ca_certificates(path)? {
            roots
                .add(cert)
                .map_err(|e| ca_file_error(path, &e.to_string()))?;
        }
    }
    let provider = Arc::new(aws_lc_rs::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Backend(format!("TLS to the database: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

fn ca_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, StoreError> {
    let certs = CertificateDer::pem_file_iter(path)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| ca_file_error(path, &e.to_string()))?;
    if certs.is_empty() {
        return Err(ca_file_error(path, "holds no PEM certificate"));
    }
    Ok(certs)
}

fn ca_file_error(path: &Path, problem: &str) -> StoreError {
    StoreError::Backend(format!("database.ca_file {}: {problem}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_without_certificates_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("ca.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let message = connector(Some(&empty)).err().unwrap().to_string();
        assert!(message.contains("database.ca_file"), "{message}");
        assert!(message.contains("no PEM certificate"), "{message}");
        let missing = dir.path().join("missing.pem");
        let message = connector(Some(&missing)).err().unwrap().to_string();
        assert!(message.contains("missing.pem"), "{message}");
        assert!(connector(None).is_ok());
    }
}
