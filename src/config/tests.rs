//! Tests of the configuration: layering, validation, and the packaged example.

use super::*;

fn load(text: &str, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::from_sources(
        text,
        env.iter().map(|(k, v)| (k.to_string(), v.to_string())),
    )
}

#[test]
fn empty_config_is_the_embedded_default() {
    let config = load("", &[]).unwrap();
    assert_eq!(config.server.listen, "127.0.0.1:8443");
    assert_eq!(config.server.data_dir, PathBuf::from("./data"));
    assert!(config.tls.enabled);
    assert_eq!(config.sharing.durations_days, vec![1, 2, 3, 5, 7, 14, 28]);
}

#[test]
fn env_overrides_file_with_the_right_types() {
    let config = load(
        "[server]\nlisten = \"0.0.0.0:1\"\n",
        &[
            ("HANDOFF_SERVER_LISTEN", "127.0.0.1:9"),
            ("HANDOFF_TLS_ENABLED", "false"),
            ("HANDOFF_ADMIN_PASSWORD", "12345"),
            ("HANDOFF_UNLOCK_MAX_ATTEMPTS", "3"),
            ("HANDOFF_SERVER_DATA_DIR", "/tmp/x"),
            ("OTHER", "ignored"),
            ("HANDOFF_LOG_FORMAT", "json"),
            ("HANDOFF_NEW_PASSWORD", "not config"),
        ],
    )
    .unwrap();
    assert_eq!(config.server.listen, "127.0.0.1:9");
    assert!(!config.tls.enabled);
    assert_eq!(config.admin.password.as_deref(), Some("12345"));
    assert_eq!(config.unlock.max_attempts, 3);
    assert_eq!(config.server.data_dir, PathBuf::from("/tmp/x"));
}

#[test]
fn errors_name_the_key() {
    let unknown = load("[server]\nlisen = \"x\"\n", &[]).unwrap_err();
    assert!(unknown.to_string().contains("lisen"), "{unknown}");
    let wrong_type = load("[unlock]\nmax_attempts = \"many\"\n", &[]).unwrap_err();
    assert!(
        wrong_type.to_string().contains("max_attempts"),
        "{wrong_type}"
    );
    let too_long = load("[sharing]\nmax_expiry_days = 4000\n", &[]).unwrap_err();
    assert_eq!(too_long.key, "sharing.max_expiry_days");
    let bad_listen = load("[server]\nlisten = \"nowhere\"\n", &[]).unwrap_err();
    assert_eq!(bad_listen.key, "server.listen");
    let bad_env = load("", &[("HANDOFF_UNLOCK_MAX_ATTEMPTS", "lots")]).unwrap_err();
    assert_eq!(bad_env.key, "unlock.max_attempts");
    let typo = load("", &[("HANDOFF_SERVER_LISTN", "127.0.0.1:1")]).unwrap_err();
    assert_eq!(typo.key, "server.listn");
    let bad_preset = load("[presets.web]\nmax = 100\nformat = \"gif\"\n", &[]).unwrap_err();
    assert_eq!(bad_preset.key, "presets.web.format");
    let bad_proxy = load("[server]\ntrusted_proxies = [\"10.0.0.0/33\"]\n", &[]).unwrap_err();
    assert_eq!(bad_proxy.key, "server.trusted_proxies");
    let proxies = load(
        "",
        &[(
            "HANDOFF_SERVER_TRUSTED_PROXIES",
            "[\"10.1.2.3\", \"fd00::/8\"]",
        )],
    );
    assert_eq!(proxies.unwrap().server.trusted_proxies().unwrap().len(), 2);
}

#[test]
fn spec_example_parses() {
    let text = r#"
[server]
listen = "0.0.0.0:8443"
redirect_listen = "0.0.0.0:8080"
public_url = "https://files.example.com"
data_dir = "/var/lib/handoff"
[tls]
enabled = true
cert = "/etc/handoff/cert.pem"
key = "/etc/handoff/key.pem"
[admin]
email = "admin@example.com"
password = "change-me"
[sharing]
max_expiry_days = 1825
durations_days = [1, 2, 3, 5, 7, 14, 28]
default_duration_days = 7
allow = { password = true, view_only = true, max_uses = true, watermark = true, attributes = true }
defaults = { access = "download", original = true, preview = true, thumbnail = false, watermark = false }
[unlock]
max_attempts = 5
window_secs = 300
[uploads]
max_bytes = 10737418240
[presets.web]
max = 1920
format = "jpeg"
quality = 85
[watermark]
text = "CONFIDENTIAL"
opacity = 0.3
[branding]
name = "Acme Files"
logo = "/etc/handoff/logo.png"
[smtp]
host = "smtp.example.com"
port = 587
tls = "starttls"
username = "files@example.com"
password = "secret"
from = "Acme Files <files@example.com>"
"#;
    let config = load(text, &[]).unwrap();
    assert_eq!(config.presets["web"].max, 1920);
    assert_eq!(config.smtp.unwrap().port, 587);
}

mod example_file {
    use super::*;

    const EXAMPLE: &str = include_str!("../../packaging/handoff.toml");

    #[test]
    fn the_packaged_example_parses_and_names_every_key() {
        Config::from_sources(EXAMPLE, std::iter::empty()).expect("packaging/handoff.toml is valid");
        let table: toml::Table = toml::from_str(EXAMPLE).unwrap();
        for key in Config::env_keys() {
            let (section, name) = key.split_once('.').unwrap();
            let present = table.get(section).and_then(|s| s.get(name)).is_some();
            assert!(present, "packaging/handoff.toml does not document `{key}`");
        }
    }
}
