//! The rules for a share's options: expiry from a duration or a date within the cap, and the
//! features the sharing policy allows. Pure functions.

use super::{Access, DownloadOptions};
use crate::config::{Preset, SharingAllow, SharingDefaults};
use crate::error::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

/// What the landing page lists when the creator does not say.
pub const DEFAULT_SHOWN_ATTRIBUTES: [&str; 5] = ["name", "type", "size", "dimensions", "duration"];

/// How long a share (or a recipient's link) should live, as asked.
#[derive(Debug, Default, Clone, Copy)]
pub struct ExpiryAsk {
    pub days: Option<u32>,
    pub hours: Option<u32>,
    pub at: Option<DateTime<Utc>>,
}

impl ExpiryAsk {
    pub fn is_empty(&self) -> bool {
        self.days.is_none() && self.hours.is_none() && self.at.is_none()
    }
}

/// The rules of the policy that bear on expiry.
pub struct ExpiryRules<'a> {
    pub durations_days: &'a [u32],
    pub default_days: u32,
    pub max_days: u32,
}

pub fn resolve_expiry(
    ask: ExpiryAsk,
    rules: &ExpiryRules,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let given = [ask.days.is_some(), ask.hours.is_some(), ask.at.is_some()]
        .iter()
        .filter(|g| **g)
        .count();
    if given > 1 {
        return Err(Error::invalid(
            "give one of durationDays, durationHours or expiresAt",
        ));
    }
    let latest = now + Duration::days(rules.max_days as i64);
    let too_long = || Error::invalid(format!("shares may last at most {} days", rules.max_days));
    let expires = match (ask.days, ask.hours, ask.at) {
        (Some(days), _, _) => {
            if !rules.durations_days.contains(&days) {
                return Err(Error::invalid(format!(
                    "durationDays must be one of {:?}",
                    rules.durations_days
                )));
            }
            now + Duration::days(days as i64)
        }
        (_, Some(hours), _) => {
            if hours == 0 {
                return Err(Error::invalid("durationHours must be at least 1"));
            }
            // Checked before adding: a huge count would overflow the calendar.
            if u64::from(hours) > u64::from(rules.max_days) * 24 {
                return Err(too_long());
            }
            now + Duration::hours(hours as i64)
        }
        (_, _, Some(at)) => {
            if at <= now {
                return Err(Error::invalid("expiresAt is in the past"));
            }
            at
        }
        _ => now + Duration::days(rules.default_days as i64),
    };
    // A second of slack, so that "exactly the maximum" asked a moment ago still fits.
    if expires > latest + Duration::seconds(1) {
        return Err(too_long());
    }
    Ok(expires)
}

pub fn check_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::invalid("a share needs a title"));
    }
    if title.chars().count() > 200 {
        return Err(Error::invalid("titles are at most 200 characters"));
    }
    Ok(title.chars().filter(|c| !c.is_control()).collect())
}

pub fn check_description(description: &str) -> Result<String> {
    if description.chars().count() > 5000 {
        return Err(Error::invalid("descriptions are at most 5000 characters"));
    }
    Ok(description.to_string())
}

/// Sets a field a change gives a value for (`None`: left as it is).
pub fn set_if_given<T>(field: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *field = value;
    }
}

pub fn require_allowed(allowed: bool, feature: &str) -> Result<()> {
    if allowed {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "the sharing policy does not allow {feature}"
        )))
    }
}

pub fn check_access(access: Access, allowed: &SharingAllow) -> Result<Access> {
    if access == Access::View {
        require_allowed(allowed.view_only, "view-only links")?;
    }
    Ok(access)
}

pub fn check_max_uses(max_uses: Option<u64>, allowed: &SharingAllow) -> Result<Option<u64>> {
    if let Some(max) = max_uses {
        require_allowed(allowed.max_uses, "use limits")?;
        if max == 0 {
            return Err(Error::invalid("maxUses must be at least 1"));
        }
    }
    Ok(max_uses)
}

pub fn check_password(password: &str, allowed: &SharingAllow) -> Result<()> {
    require_allowed(allowed.password, "passwords")?;
    if password.is_empty() || password.len() > 1024 {
        return Err(Error::invalid("a share password has 1 to 1024 bytes"));
    }
    Ok(())
}

pub fn default_download_options(defaults: &SharingDefaults) -> DownloadOptions {
    DownloadOptions {
        original: defaults.original,
        thumbnail: defaults.thumbnail,
        preview: defaults.preview,
        presets: Vec::new(),
        attributes: false,
        ..DownloadOptions::default()
    }
}

pub fn check_download_options(
    options: DownloadOptions,
    allowed: &SharingAllow,
    presets: &BTreeMap<String, Preset>,
) -> Result<DownloadOptions> {
    if options.attributes {
        require_allowed(allowed.attributes, "the attributes CSV")?;
    }
    if options.attribute_history {
        require_allowed(allowed.attributes, "the attribute history CSV")?;
    }
    if let Some(unknown) = options.presets.iter().find(|p| !presets.contains_key(*p)) {
        return Err(Error::invalid(format!(
            "there is no preset named {unknown:?}"
        )));
    }
    Ok(options)
}

pub fn check_shown_attributes(keys: Vec<String>) -> Result<Vec<String>> {
    if keys.len() > 100 || keys.iter().any(|k| k.is_empty() || k.len() > 100) {
        return Err(Error::invalid(
            "showAttributes takes up to 100 keys of 1 to 100 bytes",
        ));
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> ExpiryRules<'static> {
        ExpiryRules {
            durations_days: &[1, 2, 7],
            default_days: 7,
            max_days: 30,
        }
    }

    #[test]
    fn expiry_comes_from_one_source_within_the_cap() {
        let now = Utc::now();
        let ask = |days, hours, at| ExpiryAsk { days, hours, at };
        assert_eq!(
            resolve_expiry(ask(None, None, None), &rules(), now).unwrap(),
            now + Duration::days(7)
        );
        assert_eq!(
            resolve_expiry(ask(Some(2), None, None), &rules(), now).unwrap(),
            now + Duration::days(2)
        );
        assert_eq!(
            resolve_expiry(ask(None, Some(5), None), &rules(), now).unwrap(),
            now + Duration::hours(5)
        );
        let at = now + Duration::days(30);
        assert_eq!(
            resolve_expiry(ask(None, None, Some(at)), &rules(), now).unwrap(),
            at
        );
        for bad in [
            ask(Some(3), None, None),
            ask(None, Some(0), None),
            ask(None, Some(24 * 31), None),
            ask(None, Some(u32::MAX), None),
            ask(None, None, Some(now + Duration::days(31))),
            ask(None, None, Some(now - Duration::seconds(1))),
            ask(Some(1), Some(1), None),
        ] {
            assert!(
                matches!(resolve_expiry(bad, &rules(), now), Err(Error::Invalid(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn features_follow_the_policy() {
        let none = SharingAllow {
            password: false,
            view_only: false,
            max_uses: false,
            watermark: false,
            attributes: false,
        };
        assert!(check_password("pw", &none).is_err());
        assert!(check_access(Access::View, &none).is_err());
        assert!(check_access(Access::Download, &none).is_ok());
        assert!(check_max_uses(Some(3), &none).is_err());
        assert!(check_max_uses(None, &none).is_ok());
        assert!(check_max_uses(Some(0), &SharingAllow::default()).is_err());
        let presets = BTreeMap::from([(
            "web".to_string(),
            Preset {
                max: 10,
                format: "jpeg".into(),
                quality: 80,
            },
        )]);
        let mut options = default_download_options(&SharingDefaults::default());
        options.presets = vec!["web".into()];
        assert!(
            check_download_options(options.clone(), &SharingAllow::default(), &presets).is_ok()
        );
        options.presets = vec!["print".into()];
        assert!(check_download_options(options, &SharingAllow::default(), &presets).is_err());
    }

    #[test]
    fn titles_are_required() {
        assert!(check_title("  ").is_err());
        assert_eq!(check_title(" Hello\n").unwrap(), "Hello");
        assert!(check_title(&"x".repeat(201)).is_err());
    }
}
