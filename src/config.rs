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
    pub auth: Auth,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oidc: Option<Oidc>,
    pub database: Database,
    pub storage: Storage,
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
    /// Upload requests: at most one email about received files per request in this many
    /// minutes; share owners: at most one email about first visits and downloads (gathered,
    /// naming everyone). Fractions allowed; the first news after a quiet period is told at once.
    pub batch_minutes: f64,
    /// Seconds a node holds an email or webhook delivery it is trying without renewing its
    /// lease (it renews while it tries); with several nodes on one database, the message of a
    /// node that died goes out from another after this, and each node looks this often for
    /// messages the others queued.
    pub outbox_lease_secs: u64,
}

impl Default for Notify {
    fn default() -> Self {
        Notify {
            opened: false,
            downloaded: false,
            check_secs: 60.0,
            batch_minutes: 10.0,
            outbox_lease_secs: 60,
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
    /// Most pixels (width × height) of an image that will be decoded.
    pub max_pixels: u64,
    /// MiB one image job may hold at its peak: decode, conversion, resize, watermark, encode.
    pub memory_budget_mb: u64,
    /// Show GPS coordinates from EXIF among an asset's attributes.
    pub show_gps: bool,
    /// Seconds one external program (pdftoppm, ffmpeg) may work on one file before it is
    /// stopped and the derivative fails with that reason.
    pub job_timeout_secs: u64,
    /// The most lines of a video `proxy` (made for videos a browser cannot play).
    pub proxy_max_height: u32,
    /// Threads one ffmpeg job may use; 0: all cores but one, so a 4K proxy leaves a core to
    /// the server and the other jobs (two on a two-core machine, where the job is nice'd).
    pub ffmpeg_threads: u32,
    /// Seconds a node holds a derivative job it took without renewing its lease (it renews
    /// while it works); a node that died loses its jobs to the others after this long.
    pub job_lease_secs: u64,
}

impl Default for Media {
    fn default() -> Self {
        Media {
            workers: 0,
            max_dimension: 20_000,
            max_pixels: 100_000_000,
            memory_budget_mb: 512,
            show_gps: false,
            job_timeout_secs: 300,
            proxy_max_height: 1080,
            ffmpeg_threads: 0,
            job_lease_secs: 60,
        }
    }
}

/// Where the metadata lives (SPEC §9): redb in the data folder, or PostgreSQL for several nodes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Database {
    /// `postgres://user:password@host:port/name`; empty: redb in `data_dir`.
    pub url: String,
    /// Connections this node keeps to PostgreSQL at most.
    pub max_connections: u32,
    /// PEM certificate(s) trusted for PostgreSQL's TLS besides the system roots (a private CA).
    pub ca_file: Option<PathBuf>,
}

impl Default for Database {
    fn default() -> Self {
        Database {
            url: String::new(),
            max_connections: 16,
            ca_file: None,
        }
    }
}

impl Database {
    pub fn postgres_url(&self) -> Option<&str> {
        Some(self.url.trim()).filter(|u| !u.is_empty())
    }
}

/// Where the bytes live (SPEC §9): files in the data folder, or an S3-compatible bucket.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Storage {
    /// "disk" or "s3"; the other keys are read for "s3" only.
    pub backend: String,
    /// The S3 endpoint, e.g. `http://127.0.0.1:3900` (Garage) or `https://s3.amazonaws.com`.
    pub endpoint: String,
    pub region: String,
    pub bucket: String,
    pub access_key: String,
    pub secret_key: String,
    /// Bucket in the path (`endpoint/bucket/key`), as Garage and MinIO expect, rather than in
    /// the host name.
    pub path_style: bool,
}

impl Default for Storage {
    fn default() -> Self {
        Storage {
            backend: "disk".into(),
            endpoint: String::new(),
            region: "us-east-1".into(),
            bucket: String::new(),
            access_key: String::new(),
            secret_key: String::new(),
            path_style: true,
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

mod identity;
mod load;
pub use identity::{Auth, Oidc};
use load::fail;
mod scale;

#[cfg(test)]
mod tests;
