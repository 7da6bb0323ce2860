//! Checks of the scale-out settings (`[database]`, `[storage]`).

use super::{fail, Config, ConfigError};

impl Config {
    pub(super) fn validate_scale_out(&self) -> Result<(), ConfigError> {
        if let Some(url) = self.database.postgres_url() {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err(fail(
                    "database.url",
                    "must start with postgres:// (or be empty)",
                ));
            }
        }
        if self.database.max_connections == 0 {
            return Err(fail("database.max_connections", "must be at least 1"));
        }
        let storage = &self.storage;
        match storage.backend.as_str() {
            "disk" => Ok(()),
            "s3" => match required_s3_key_missing(storage) {
                Some(key) => Err(fail(key, "is needed with storage.backend = \"s3\"")),
                None if !storage.endpoint.starts_with("http://")
                    && !storage.endpoint.starts_with("https://") =>
                {
                    Err(fail(
                        "storage.endpoint",
                        "must start with http:// or https://",
                    ))
                }
                None => Ok(()),
            },
            _ => Err(fail("storage.backend", "must be \"disk\" or \"s3\"")),
        }
    }
}

/// The first S3 setting left empty.
fn required_s3_key_missing(storage: &super::Storage) -> Option<&'static str> {
    let required = [
        ("storage.endpoint", &storage.endpoint),
        ("storage.bucket", &storage.bucket),
        ("storage.access_key", &storage.access_key),
        ("storage.secret_key", &storage.secret_key),
    ];
    required
        .iter()
        .find(|(_, v)| v.trim().is_empty())
        .map(|(key, _)| *key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Result<Config, ConfigError> {
        Config::from_sources(toml, std::iter::empty())
    }

    #[test]
    fn scale_out_settings_are_checked_by_name() {
        assert!(config("").unwrap().database.postgres_url().is_none());
        let pg = config("[database]\nurl = \"postgres://u:p@127.0.0.1/h\"").unwrap();
        assert_eq!(
            pg.database.postgres_url(),
            Some("postgres://u:p@127.0.0.1/h")
        );
        let bad = config("[database]\nurl = \"mysql://x\"").unwrap_err();
        assert_eq!(bad.key, "database.url");
        let missing = config("[storage]\nbackend = \"s3\"\nendpoint = \"http://x\"").unwrap_err();
        assert_eq!(missing.key, "storage.bucket");
        assert_eq!(
            config("[storage]\nbackend = \"nfs\"").unwrap_err().key,
            "storage.backend"
        );
        let s3 = "[storage]\nbackend = \"s3\"\nendpoint = \"http://x\"\nbucket = \"b\"\naccess_key = \"k\"\nsecret_key = \"s\"";
        assert_eq!(config(s3).unwrap().storage.bucket, "b");
        let no_scheme = s3.replace("http://x", "x:3900");
        assert_eq!(config(&no_scheme).unwrap_err().key, "storage.endpoint");
    }
}
