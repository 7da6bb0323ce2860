//! The configuration: embedded defaults < TOML file < `HANDOFF_<SECTION>_<KEY>` variables,
//! validated once at start. Errors name the key and the problem.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The longest a share may live: five years.
pub const MAX_EXPIRY_DAYS_LIMIT: u32 = 1825;

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: Server,
    pub tls: Tls,
    pub admin: Admin,
    pub sharing: Sharing,
    pub unlock: Unlock,
    pub login: Login,
    pub uploads: Uploads,
    pub presets: BTreeMap<String, Preset>,
    pub watermark: Watermark,
    pub branding: Branding,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp: Option<Smtp>,
    pub media: Media,
    pub webhooks: Webhooks,
    pub notify: Notify,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Server {
    pub listen: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    pub data_dir: PathBuf,
    /// Largest JSON request body accepted by the API.
    pub max_json_bytes: u64,
    /// Bearer token that opens /metrics to remote scrapers; without it, local clients only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_token: Option<String>,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<String>,
}

impl Server {
    /// `trusted_proxies` as networks: a plain address stands for itself alone.
    pub fn trusted_proxies(&self) -> Result<Vec<ipnet::IpNet>, ConfigError> {
        let parse = |text: &String| {
            text.parse::<ipnet::IpNet>()
                .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    fail(
                        "server.trusted_proxies",
                        format!("`{text}` is neither an IP address nor a CIDR range"),
                    )
                })
        };
        self.trusted_proxies.iter().map(parse).collect()
    }
}

impl Default for Server {
    fn default() -> Self {
        Server {
            listen: "127.0.0.1:8443".into(),
            redirect_listen: None,
            public_url: None,
            data_dir: PathBuf::from("./data"),
            max_json_bytes: 1024 * 1024,
            metrics_token: None,
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tls {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<PathBuf>,
}

impl Default for Tls {
    fn default() -> Self {
        Tls {
            enabled: true,
            cert: None,
            key: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Admin {
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl Default for Admin {
    fn default() -> Self {
        Admin {
            email: "admin@localhost".into(),
            password: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sharing {
    pub max_expiry_days: u32,
    pub durations_days: Vec<u32>,
    pub default_duration_days: u32,
    pub allow: SharingAllow,
    pub defaults: SharingDefaults,
    /// Days before a recipient's link expires that a recipient who has not downloaded is
    /// reminded once, with their link; 0: no reminders.
    pub reminder_days_before: u32,
}

impl Default for Sharing {
    fn default() -> Self {
        Sharing {
            max_expiry_days: MAX_EXPIRY_DAYS_LIMIT,
            durations_days: vec![1, 2, 3, 5, 7, 14, 28],
            default_duration_days: 7,
            allow: SharingAllow::default(),
            defaults: SharingDefaults::default(),
            reminder_days_before: 2,
        }
    }
}

/// Which share features team members may use.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SharingAllow {
    pub password: bool,
    pub view_only: bool,
    pub max_uses: bool,
    pub watermark: bool,
    pub attributes: bool,
}

impl Default for SharingAllow {
    fn default() -> Self {
        SharingAllow {
            password: true,
            view_only: true,
            max_uses: true,
            watermark: true,
            attributes: true,
        }
    }
}

/// What a new share gets when its creator does not say.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SharingDefaults {
    pub access: String,
    pub original: bool,
    pub preview: bool,
    pub thumbnail: bool,
    pub watermark: bool,
}

impl Default for SharingDefaults {
    fn default() -> Self {
        SharingDefaults {
            access: "download".into(),
            original: true,
            preview: true,
            thumbnail: false,
            watermark: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Unlock {
    pub max_attempts: u32,
    pub window_secs: u64,
}

impl Default for Unlock {
    fn default() -> Self {
        Unlock {
            max_attempts: 5,
            window_secs: 300,
        }
    }
}

/// Wrong sign-ins allowed within the window, counted two ways; then 429.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Login {
    /// From one client address, whatever the emails (password spraying).
    pub max_failures_per_address: u32,
    /// For one email, whatever the addresses.
    pub max_failures_per_account: u32,
    pub window_secs: u64,
}

impl Default for Login {
    fn default() -> Self {
        Login {
            max_failures_per_address: 10,
            max_failures_per_account: 20,
            window_secs: 300,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Uploads {
    pub max_bytes: u64,
    /// Unfinished resumable uploads are removed this long after they were begun.
    pub resumable_hours: u32,
    /// Uploads are refused (507) while the data folder has less free space than this.
    pub min_free_bytes: u64,
    /// The most parts one multipart upload may carry (413 beyond).
    pub max_files_per_request: u32,
}

impl Default for Uploads {
    fn default() -> Self {
        Uploads {
            max_bytes: 10 * 1024 * 1024 * 1024,
            resumable_hours: 24,
            min_free_bytes: 1024 * 1024 * 1024,
            max_files_per_request: 1000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub max: u32,
    #[serde(default = "default_preset_format")]
    pub format: String,
    #[serde(default = "default_preset_quality")]
    pub quality: u8,
}

fn default_preset_format() -> String {
    "jpeg".into()
}

fn default_preset_quality() -> u8 {
    85
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Watermark {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<PathBuf>,
    pub opacity: f32,
}

impl Default for Watermark {
    fn default() -> Self {
        Watermark {
            text: "CONFIDENTIAL".into(),
            image: None,
            opacity: 0.3,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Branding {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<PathBuf>,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            name: "handoff".into(),
            logo: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default = "default_smtp_tls")]
    pub tls: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    pub from: String,
    /// Seconds before the first retry of a failed email; each later retry waits twice as long.
    #[serde(default = "default_smtp_retry_secs")]
    pub retry_secs: u64,
}

fn default_smtp_retry_secs() -> u64 {
    30
}

fn default_smtp_port() -> u16 {
    587
}

fn default_smtp_tls() -> String {
    "starttls".into()
}

/// The emails a new share asks for unless it says otherwise (SPEC §7).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notify {
    /// Tell the owner when a link is first opened.
    pub opened: bool,
    /// Tell the owner when a link is first downloaded from.
    pub downloaded: bool,
    /// Seconds between looks for links to remind of and shares that expired (fractions allowed).
    pub check_secs: f64,
}

impl Default for Notify {
    fn default() -> Self {
        Notify {
            opened: false,
            downloaded: false,
            check_secs: 60.0,
        }
    }
}

/// Outgoing webhooks (SPEC §7).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Webhooks {
    /// Lets webhook URLs reach loopback, private and link-local addresses (a receiver on this
    /// host or the LAN); off, such URLs are refused, as they are the way to attack the inside.
    pub allow_private: bool,
    /// Seconds before the first retry of a failed delivery (fractions allowed); each later
    /// retry waits twice as long.
    pub retry_base_secs: f64,
    /// Seconds a receiver has to answer before the try counts as failed.
    pub timeout_secs: u64,
}

impl Default for Webhooks {
    fn default() -> Self {
        Webhooks {
            allow_private: false,
            retry_base_secs: 60.0,
            timeout_secs: 10,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Media {
    /// Background workers making derivatives; 0 means one per core.
    pub workers: usize,
    /// Largest width or height of an image that will be decoded.
    pub max_dimension: u32,
    /// Show GPS coordinates from EXIF among an asset's attributes.
    pub show_gps: bool,
    /// Seconds one external program (pdftoppm, ffmpeg) may work on one file before it is
    /// stopped and the derivative fails with that reason.
    pub job_timeout_secs: u64,
    /// The most lines of a video `proxy` (made for videos a browser cannot play).
    pub proxy_max_height: u32,
}

impl Default for Media {
    fn default() -> Self {
        Media {
            workers: 0,
            max_dimension: 20_000,
            show_gps: false,
            job_timeout_secs: 300,
            proxy_max_height: 1080,
        }
    }
}

/// A configuration that cannot be used, with the key at fault.
#[derive(Debug)]
pub struct ConfigError {
    pub key: String,
    pub problem: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.key.is_empty() {
            write!(f, "configuration: {}", self.problem)
        } else {
            write!(f, "configuration key `{}`: {}", self.key, self.problem)
        }
    }
}

impl std::error::Error for ConfigError {}

fn fail(key: &str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        key: key.into(),
        problem: problem.into(),
    }
}

impl Config {
    /// Reads the file (if any), applies the environment, and validates.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let text = match file {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| fail("", format!("cannot read {}: {e}", path.display())))?,
            None => String::new(),
        };
        Config::from_sources(&text, std::env::vars())
    }

    /// Builds the configuration from TOML text and `HANDOFF_*` variables.
    pub fn from_sources(
        toml_text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut table: toml::Table = toml::from_str(toml_text).map_err(describe_toml_error)?;
        for (name, value) in env {
            if let Some(rest) = name.strip_prefix("HANDOFF_") {
                apply_env(&mut table, rest, &value)?;
            }
        }
        let config: Config = toml::Value::Table(table)
            .try_into()
            .map_err(describe_toml_error)?;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.server
            .listen
            .parse::<SocketAddr>()
            .map_err(|e| fail("server.listen", format!("not an address:port: {e}")))?;
        if let Some(addr) = &self.server.redirect_listen {
            addr.parse::<SocketAddr>().map_err(|e| {
                fail(
                    "server.redirect_listen",
                    format!("not an address:port: {e}"),
                )
            })?;
        }
        if let Some(url) = &self.server.public_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(fail(
                    "server.public_url",
                    "must start with https:// or http://",
                ));
            }
        }
        self.server.trusted_proxies()?;
        if self.tls.cert.is_some() != self.tls.key.is_some() {
            return Err(fail(
                "tls.cert",
                "tls.cert and tls.key go together: give both or neither",
            ));
        }
        self.validate_sharing()?;
        let at_least_one = [
            ("unlock.max_attempts", self.unlock.max_attempts as u64),
            (
                "login.max_failures_per_address",
                self.login.max_failures_per_address as u64,
            ),
            (
                "login.max_failures_per_account",
                self.login.max_failures_per_account as u64,
            ),
            ("uploads.max_bytes", self.uploads.max_bytes),
            (
                "uploads.max_files_per_request",
                self.uploads.max_files_per_request as u64,
            ),
            ("media.job_timeout_secs", self.media.job_timeout_secs),
            (
                "media.proxy_max_height",
                u64::from(self.media.proxy_max_height),
            ),
        ];
        if let Some((key, _)) = at_least_one.iter().find(|(_, value)| *value == 0) {
            return Err(fail(key, "must be at least 1"));
        }
        if !(self.webhooks.retry_base_secs.is_finite() && self.webhooks.retry_base_secs > 0.0) {
            return Err(fail("webhooks.retry_base_secs", "must be a number above 0"));
        }
        if !(self.notify.check_secs.is_finite() && self.notify.check_secs > 0.0) {
            return Err(fail("notify.check_secs", "must be a number above 0"));
        }
        if self.webhooks.timeout_secs == 0 {
            return Err(fail("webhooks.timeout_secs", "must be at least 1"));
        }
        if self.uploads.resumable_hours == 0 {
            return Err(fail("uploads.resumable_hours", "must be at least 1"));
        }
        for (name, preset) in &self.presets {
            validate_preset(name, preset)?;
        }
        if !(0.0..=1.0).contains(&self.watermark.opacity) {
            return Err(fail("watermark.opacity", "must be between 0 and 1"));
        }
        if let Some(smtp) = &self.smtp {
            if !["tls", "starttls", "none"].contains(&smtp.tls.as_str()) {
                return Err(fail(
                    "smtp.tls",
                    "must be \"tls\", \"starttls\" or \"none\"",
                ));
            }
        }
        Ok(())
    }

    fn validate_sharing(&self) -> Result<(), ConfigError> {
        let sharing = &self.sharing;
        if sharing.max_expiry_days == 0 || sharing.max_expiry_days > MAX_EXPIRY_DAYS_LIMIT {
            return Err(fail(
                "sharing.max_expiry_days",
                format!("must be between 1 and {MAX_EXPIRY_DAYS_LIMIT} (5 years)"),
            ));
        }
        if sharing.durations_days.is_empty() {
            return Err(fail(
                "sharing.durations_days",
                "needs at least one duration",
            ));
        }
        if let Some(bad) = sharing
            .durations_days
            .iter()
            .find(|d| **d == 0 || **d > sharing.max_expiry_days)
        {
            return Err(fail(
                "sharing.durations_days",
                format!("{bad} is outside 1..=sharing.max_expiry_days"),
            ));
        }
        if sharing.default_duration_days == 0
            || sharing.default_duration_days > sharing.max_expiry_days
        {
            return Err(fail(
                "sharing.default_duration_days",
                "must be between 1 and sharing.max_expiry_days",
            ));
        }
        if !["download", "view"].contains(&sharing.defaults.access.as_str()) {
            return Err(fail(
                "sharing.defaults.access",
                "must be \"download\" or \"view\"",
            ));
        }
        Ok(())
    }

    /// The base of every link handed out: the configured public URL or the listen address.
    pub fn public_url(&self) -> String {
        match &self.server.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                let scheme = if self.tls.enabled { "https" } else { "http" };
                let host = self.server.listen.replace("0.0.0.0", "localhost");
                format!("{scheme}://{host}")
            }
        }
    }
}

fn validate_preset(name: &str, preset: &Preset) -> Result<(), ConfigError> {
    let key = |k: &str| format!("presets.{name}.{k}");
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || name.is_empty()
    {
        return Err(fail(
            &format!("presets.{name}"),
            "names use letters, digits, - and _ only",
        ));
    }
    if preset.max == 0 || preset.max > 16_384 {
        return Err(fail(&key("max"), "must be between 1 and 16384"));
    }
    if !["jpeg", "png", "webp"].contains(&preset.format.as_str()) {
        return Err(fail(
            &key("format"),
            "must be \"jpeg\", \"png\" or \"webp\"",
        ));
    }
    if preset.quality == 0 || preset.quality > 100 {
        return Err(fail(&key("quality"), "must be between 1 and 100"));
    }
    Ok(())
}

/// toml's messages already quote the offending key and line; keep them whole.
fn describe_toml_error(e: toml::de::Error) -> ConfigError {
    let message = e.message().to_string();
    let key = message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("field"))
        .unwrap_or_default()
        .to_string();
    let mut problem = e.to_string().trim().replace('\n', " ");
    if problem.is_empty() {
        problem = message;
    }
    ConfigError { key, problem }
}

/// `SERVER_DATA_DIR=/x` sets `server.data_dir`. Section names hold no underscore, keys may.
/// Variables of other sections (HANDOFF_LOG_FORMAT, HANDOFF_NEW_PASSWORD, …) are not config;
/// an unknown key in a config section is a typo and refused.
fn apply_env(table: &mut toml::Table, name: &str, value: &str) -> Result<(), ConfigError> {
    let name = name.to_ascii_lowercase();
    let Some((section, key)) = name.split_once('_') else {
        return Ok(());
    };
    let dotted = format!("{section}.{key}");
    let keys = Config::env_keys();
    if !keys.iter().any(|k| k.split('.').next() == Some(section)) {
        return Ok(());
    }
    if !keys.contains(&dotted) {
        return Err(fail(
            &dotted,
            format!("HANDOFF_{} names no configuration key", name.to_uppercase()),
        ));
    }
    let parsed = match example_value(section, key) {
        Some(toml::Value::String(_)) | None => toml::Value::String(value.to_string()),
        Some(_) => parse_toml_value(value).ok_or_else(|| {
            fail(
                &dotted,
                format!("cannot read {value:?} from HANDOFF_{}", name.to_uppercase()),
            )
        })?,
    };
    let section_table = table
        .entry(section.to_string())
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    match section_table {
        toml::Value::Table(t) => {
            t.insert(key.to_string(), parsed);
            Ok(())
        }
        _ => Err(fail(section, "must be a table")),
    }
}

fn parse_toml_value(text: &str) -> Option<toml::Value> {
    let doc: toml::Table = toml::from_str(&format!("v = {text}")).ok()?;
    doc.get("v").cloned()
}

fn example_value(section: &str, key: &str) -> Option<toml::Value> {
    let example = toml::Value::try_from(Config::example()).ok()?;
    example.get(section)?.get(key).cloned()
}

impl Config {
    /// A configuration with every optional key set: the reference of all keys and their types.
    pub fn example() -> Config {
        let mut config = Config::default();
        config.server.redirect_listen = Some("0.0.0.0:8080".into());
        config.server.public_url = Some("https://files.example.com".into());
        config.server.metrics_token = Some("a-long-random-secret".into());
        config.tls.cert = Some("/etc/handoff/cert.pem".into());
        config.tls.key = Some("/etc/handoff/key.pem".into());
        config.admin.password = Some("change-me".into());
        config.watermark.image = Some("/etc/handoff/mark.png".into());
        config.branding.logo = Some("/etc/handoff/logo.png".into());
        config.smtp = Some(Smtp {
            host: "smtp.example.com".into(),
            port: 587,
            tls: "starttls".into(),
            username: Some("files@example.com".into()),
            password: Some("secret".into()),
            from: "Acme Files <files@example.com>".into(),
            retry_secs: 30,
        });
        config
    }

    /// Every `section.key` that an environment variable may set.
    pub fn env_keys() -> Vec<String> {
        let Ok(toml::Value::Table(example)) = toml::Value::try_from(Config::example()) else {
            return Vec::new();
        };
        example
            .iter()
            .filter_map(|(section, v)| v.as_table().map(|t| (section, t)))
            .flat_map(|(section, t)| t.keys().map(move |k| format!("{section}.{k}")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
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
}

#[cfg(test)]
mod example_file {
    use super::*;

    const EXAMPLE: &str = include_str!("../packaging/handoff.toml");

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
