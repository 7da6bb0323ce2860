//! Reading the configuration: defaults < TOML file < environment, then validation.

use super::*;

pub(super) fn fail(key: &str, problem: impl Into<String>) -> ConfigError {
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
        if !(self.notify.batch_minutes.is_finite() && self.notify.batch_minutes >= 0.0) {
            return Err(fail(
                "notify.batch_minutes",
                "must be a number of 0 or more",
            ));
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
        if let Some(oidc) = &self.oidc {
            oidc.validate()?;
        }
        if let Some(smtp) = &self.smtp {
            if !["tls", "starttls", "none"].contains(&smtp.tls.as_str()) {
                return Err(fail(
                    "smtp.tls",
                    "must be \"tls\", \"starttls\" or \"none\"",
                ));
            }
        }
        self.validate_scale_out()?;
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
        config.oidc = Some(Oidc::example());
        config.database.ca_file = Some("/etc/handoff/postgres-ca.pem".into());
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
