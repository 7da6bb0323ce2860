//! The languages recipients read: one Fluent catalogue per language in `web/locales/<lang>/`,
//! embedded in the binary. The language of a page comes from `?lang=`, else the browser's
//! `Accept-Language`, else English; an email's from the share (its creator chose it).
//! Dates and sizes are written as the language writes them, by the catalogue's own patterns.

use chrono::{DateTime, Utc};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;

/// The languages offered, English first (the fallback).
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "nl", "ja"];

const CATALOGUES: [&str; 6] = [
    include_str!("../web/locales/en/recipient.ftl"),
    include_str!("../web/locales/de/recipient.ftl"),
    include_str!("../web/locales/fr/recipient.ftl"),
    include_str!("../web/locales/es/recipient.ftl"),
    include_str!("../web/locales/nl/recipient.ftl"),
    include_str!("../web/locales/ja/recipient.ftl"),
];

/// The emails to owners (of shares and requests), in `LANGUAGES` order: a file of its own.
const OWNER_CATALOGUES: [&str; 6] = [
    include_str!("../web/locales/en/owner.ftl"),
    include_str!("../web/locales/de/owner.ftl"),
    include_str!("../web/locales/fr/owner.ftl"),
    include_str!("../web/locales/es/owner.ftl"),
    include_str!("../web/locales/nl/owner.ftl"),
    include_str!("../web/locales/ja/owner.ftl"),
];

/// The API's error messages (`error-<code>`), in `LANGUAGES` order: the upload-request page
/// hands them to its script; the team app reads the same files.
const ERROR_CATALOGUES: [&str; 6] = [
    include_str!("../web/locales/en/errors.ftl"),
    include_str!("../web/locales/de/errors.ftl"),
    include_str!("../web/locales/fr/errors.ftl"),
    include_str!("../web/locales/es/errors.ftl"),
    include_str!("../web/locales/nl/errors.ftl"),
    include_str!("../web/locales/ja/errors.ftl"),
];

/// What a page's script may meet besides the API's codes: no answer at all, and a code this
/// server version does not know (`{code}` filled in by the script).
const SCRIPT_ERRORS: [&str; 2] = ["network", "other"];

static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    (0..LANGUAGES.len())
        .map(|i| {
            let sources = [CATALOGUES[i], OWNER_CATALOGUES[i], ERROR_CATALOGUES[i]];
            bundle(LANGUAGES[i], &sources)
        })
        .collect()
});

fn bundle(code: &str, sources: &[&str]) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No bidi isolation marks: every page and email here is left-to-right, and the marks
    // would end up in subjects and plain-text mails.
    bundle.set_use_isolating(false);
    for source in sources {
        // A catalogue with a syntax error keeps the messages that parsed (the unit test fails
        // on it).
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// One of `LANGUAGES`, by its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lang(usize);

impl Lang {
    pub const ENGLISH: Lang = Lang(0);

    /// The offered language for a code such as `de`, `de-AT` or `pt`, if any.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        LANGUAGES.iter().position(|l| *l == primary).map(Lang)
    }

    /// `?lang=` wins when it names an offered language, then the offered language of
    /// `Accept-Language` with the highest weight (the earlier one among equals), then English.
    pub fn choose(query: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = query.and_then(Lang::from_code) {
            return lang;
        }
        by_preference(accept_language.unwrap_or(""))
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or(Lang::ENGLISH)
    }

    pub fn code(self) -> &'static str {
        LANGUAGES[self.0]
    }

    /// The message `id` with no arguments.
    pub fn t(self, id: &str) -> String {
        self.format(id, &FluentArgs::new())
    }

    /// The message `id` with arguments, e.g. `lang.tr("landing-play", &[("name", name.into())])`.
    pub fn tr(self, id: &str, args: &[(&str, FluentValue)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, &fluent_args)
    }

    fn format(self, id: &str, args: &FluentArgs) -> String {
        [self.0, 0]
            .iter()
            .find_map(|&index| {
                let bundle = &BUNDLES[index];
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = vec![];
                Some(
                    bundle
                        .format_pattern(pattern, Some(args), &mut errors)
                        .into_owned(),
                )
            })
            .unwrap_or_else(|| id.to_string())
    }

    /// A moment as this language writes it, in UTC: "7 Dec 2026, 13:14 UTC", "7. Dez. 2026…".
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        use chrono::Datelike;
        self.tr(
            "date-time",
            &[
                ("day", at.day().into()),
                ("month", at.month().into()),
                ("year", at.year().into()),
                ("time", at.format("%H:%M").to_string().into()),
            ],
        )
    }

    /// A byte count for people, in powers of 1000: "1.2 MB", "1,2 Mo", "12 MB".
    pub fn size(self, bytes: u64) -> String {
        const UNITS: [&str; 5] = ["b", "kb", "mb", "gb", "tb"];
        let mut value = bytes as f64;
        let mut unit = 0;
        while value >= 1000.0 && unit < UNITS.len() - 1 {
            value /= 1000.0;
            unit += 1;
        }
        let number = match unit {
            0 => bytes.to_string(),
            _ if value < 10.0 => format!("{value:.1}"),
            _ => format!("{value:.0}"),
        };
        let number = match self.decimal_comma() {
            true => number.replace('.', ","),
            false => number,
        };
        self.tr(
            "size",
            &[("value", number.into()), ("unit", UNITS[unit].into())],
        )
    }

    /// The message of every error code the API can send, and of `SCRIPT_ERRORS`, for a page's
    /// script: `{seconds}` and `{code}` stay for it to fill in.
    pub fn error_messages(self) -> BTreeMap<&'static str, String> {
        let placeholders = [("seconds", "{seconds}".into()), ("code", "{code}".into())];
        crate::error::Error::codes()
            .into_iter()
            .chain(SCRIPT_ERRORS)
            .map(|code| (code, self.tr(&format!("error-{code}"), &placeholders)))
            .collect()
    }

    /// German, French, Spanish and Dutch write 1,5 where English and Japanese write 1.5.
    fn decimal_comma(self) -> bool {
        matches!(self.code(), "de" | "fr" | "es" | "nl")
    }
}

/// The language tags of an `Accept-Language` header, most wanted first: by `q` weight
/// (RFC 9110 §12.4.2: 1 when absent, 0 means "not this one"), the header's order among equal
/// weights. A part with a malformed weight is left out rather than guessed at.
fn by_preference(header: &str) -> Vec<&str> {
    let mut weighted: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';').map(str::trim);
            let tag = pieces.next().filter(|t| !t.is_empty())?;
            let mut q = 1.0;
            for param in pieces {
                if let Some((name, value)) = param.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = value
                            .trim()
                            .parse::<f32>()
                            .ok()
                            .filter(|q| (0.0..=1.0).contains(q))?;
                    }
                }
            }
            (q > 0.0).then_some((tag, q))
        })
        .collect();
    // A stable sort keeps the header's order among equal weights.
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
    weighted.into_iter().map(|(tag, _)| tag).collect()
}

#[cfg(test)]
mod tests;
