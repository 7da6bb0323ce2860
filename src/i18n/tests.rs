use super::*;
use chrono::TimeZone;
use fluent_syntax::ast::Entry;
use std::collections::BTreeSet;
use std::path::Path;

/// The message ids of a catalogue; a syntax error fails the test, naming the language.
/// Fails naming the keys `file` misses and those it has beyond `wanted`.
fn same_keys(file: &str, wanted: &BTreeSet<String>, theirs: &BTreeSet<String>) {
    let missing: Vec<_> = wanted.difference(theirs).collect();
    let extra: Vec<_> = theirs.difference(wanted).collect();
    assert!(missing.is_empty(), "{file} misses {missing:?}");
    assert!(extra.is_empty(), "{file} has keys it should not: {extra:?}");
}

fn ids(lang: &str, source: &str) -> BTreeSet<String> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("web/locales/{lang}: syntax errors {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_catalogue_has_exactly_the_keys_english_has() {
    for (file, catalogues) in [("recipient", CATALOGUES), ("owner", OWNER_CATALOGUES)] {
        let english = ids("en", catalogues[0]);
        for (lang, source) in LANGUAGES.iter().zip(catalogues).skip(1) {
            same_keys(
                &format!("web/locales/{lang}/{file}.ftl"),
                &english,
                &ids(lang, source),
            );
        }
    }
}

#[test]
fn no_key_is_in_two_catalogues_of_a_language() {
    let recipient = ids("en", CATALOGUES[0]);
    let both: Vec<_> = ids("en", OWNER_CATALOGUES[0])
        .into_iter()
        .filter(|id| recipient.contains(id))
        .collect();
    assert!(both.is_empty(), "in recipient.ftl and owner.ftl: {both:?}");
}

fn locales() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("web/locales")
}

/// The team app's catalogues (read by the browser, not embedded in the server's code).
#[test]
fn every_app_catalogue_has_exactly_the_keys_english_has() {
    let read = |lang: &str| std::fs::read_to_string(locales().join(lang).join("app.ftl")).unwrap();
    let english = ids("en", &read("en"));
    for lang in LANGUAGES.iter().skip(1) {
        let theirs = ids(lang, &read(lang));
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(
            missing.is_empty(),
            "web/locales/{lang}/app.ftl misses {missing:?}"
        );
        assert!(
            extra.is_empty(),
            "web/locales/{lang}/app.ftl has keys English lacks: {extra:?}"
        );
    }
    let mut code = String::new();
    for entry in std::fs::read_dir(locales().join("../js"))
        .unwrap()
        .flatten()
    {
        code.push_str(&std::fs::read_to_string(entry.path()).unwrap());
    }
    let unused: Vec<_> = english
        .into_iter()
        .filter(|id| !code.contains(&format!("t('{id}'")))
        .collect();
    assert!(unused.is_empty(), "app keys no script asks for: {unused:?}");
}

/// Every Rust source under `src/`, as one text.
fn sources(dir: &Path, into: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
            into.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_english_key_is_used_by_the_code() {
    let mut code = String::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut code,
    );
    let unused: Vec<_> = ids("en", CATALOGUES[0])
        .into_iter()
        .chain(ids("en", OWNER_CATALOGUES[0]))
        .filter(|id| !code.contains(&format!("\"{id}\"")))
        .collect();
    assert!(unused.is_empty(), "keys no code asks for: {unused:?}");
}

#[test]
fn the_query_wins_then_the_browsers_order_then_english() {
    let choose = |q, a| Lang::choose(q, a).code();
    assert_eq!(choose(None, None), "en");
    assert_eq!(choose(None, Some("de-AT,de;q=0.9,en;q=0.5")), "de");
    // The most wanted offered one wins.
    assert_eq!(choose(None, Some("pt-BR, fr;q=0.9, ja;q=0.8")), "fr");
    assert_eq!(choose(None, Some("pt-BR,zh")), "en");
    assert_eq!(choose(Some("nl"), Some("de")), "nl");
    assert_eq!(
        choose(Some("xx"), Some("es-MX")),
        "es",
        "an unknown ?lang= is ignored"
    );
    assert_eq!(choose(None, Some(";;;q=,,<>")), "en", "nonsense is English");
}

#[test]
fn accept_language_weights_count_before_the_order() {
    let choose = |a| Lang::choose(None, Some(a)).code();
    assert_eq!(choose("de;q=0.1, fr;q=0.9"), "fr");
    assert_eq!(choose("ja;q=0.5, nl"), "nl", "no q is 1");
    assert_eq!(
        choose("es;q=0.8, de;q=0.8"),
        "es",
        "equal weights keep the order"
    );
    assert_eq!(choose("fr;q=0, de;q=0.2"), "de", "q=0 refuses a language");
    assert_eq!(choose("fr;q=0"), "en");
    assert_eq!(
        choose("fr;q=2, de;q=0.3"),
        "de",
        "a weight above 1 is malformed"
    );
    assert_eq!(
        choose("fr;q=abc, nl;q=0.1"),
        "nl",
        "so is one that is no number"
    );
    assert_eq!(choose("*;q=0.9, de-CH;q=0.95"), "de");
    assert_eq!(
        by_preference("en-US;q=0.3, de-AT, fr;Q=0.5"),
        ["de-AT", "fr", "en-US"]
    );
}

#[test]
fn sizes_and_dates_read_as_each_language_writes_them() {
    let en = Lang::ENGLISH;
    let de = Lang::from_code("de").unwrap();
    let fr = Lang::from_code("fr").unwrap();
    let ja = Lang::from_code("ja").unwrap();
    assert_eq!(en.size(999), "999 B");
    assert_eq!(en.size(1_234), "1.2 KB");
    assert_eq!(en.size(12_345_678), "12 MB");
    assert_eq!(de.size(1_234_567), "1,2 MB");
    assert_eq!(fr.size(1_234_567), "1,2 Mo");
    let at = Utc.with_ymd_and_hms(2026, 3, 7, 9, 5, 0).unwrap();
    assert_eq!(en.date_time(at), "7 Mar 2026, 09:05 UTC");
    assert_eq!(de.date_time(at), "7. März 2026, 09:05 UTC");
    assert_eq!(ja.date_time(at), "2026年3月7日 09:05 UTC");
}

#[test]
fn plurals_follow_the_language() {
    let en = Lang::ENGLISH;
    let de = Lang::from_code("de").unwrap();
    let one = |l: Lang| l.tr("landing-uses-left", &[("count", 1.into())]);
    let many = |l: Lang| l.tr("landing-uses-left", &[("count", 3.into())]);
    assert_eq!(one(en), "1 visit left");
    assert_eq!(many(en), "3 visits left");
    assert_eq!(one(de), "noch 1 Aufruf");
    assert_eq!(many(de), "noch 3 Aufrufe");
    let fr = Lang::from_code("fr").unwrap();
    let wait = |l: Lang, n: u64| l.tr("slow-seconds", &[("count", n.into())]);
    assert_eq!(wait(en, 1), "1 second");
    assert_eq!(wait(fr, 1), "1 seconde");
    assert_eq!(wait(fr, 30), "30 secondes");
}

/// Whether a script's string literal reads as an English sentence ("Save changes"): two
/// words or more, the first capitalised, nothing but letters and sentence marks.
fn english_sentence(literal: &str) -> bool {
    literal.contains(' ')
        && literal.starts_with(|c: char| c.is_ascii_uppercase())
        && literal.split(' ').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || ".,:;!?…’'-".contains(c))
        })
}

/// Every line of the team app's scripts, with where it is (`web/js/NAME:LINE`).
fn script_lines() -> Vec<(String, String)> {
    let mut lines = vec![];
    for entry in std::fs::read_dir(locales().join("../js"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (number, line) in text.lines().enumerate() {
            lines.push((format!("web/js/{name}:{}", number + 1), line.to_string()));
        }
    }
    lines
}

/// A sentence written straight into a team-app script would read English in every language:
/// the words go through `t()` and the catalogues.
#[test]
fn team_app_scripts_leave_their_words_to_the_catalogues() {
    assert!(english_sentence("Save changes") && english_sentence("Link copied."));
    assert!(!english_sentence("ArrowDown") && !english_sentence("settings-title"));
    let mut found = vec![];
    for (place, line) in script_lines() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with('*') || code.starts_with("/*") {
            continue;
        }
        // Every other piece between quotes is a literal (good enough for these scripts).
        for literal in code.split(['\'', '`']).skip(1).step_by(2) {
            if english_sentence(literal) {
                found.push(format!("{place}: {literal}"));
            }
        }
    }
    assert!(found.is_empty(), "words outside the catalogues: {found:#?}");
}

/// Every error code the server can send (from the error enum itself) has its message in every
/// language's errors.ftl, and no message is left for a code that is gone.
#[test]
fn every_error_code_has_a_message_in_every_language() {
    let wanted: BTreeSet<String> = crate::error::Error::codes()
        .into_iter()
        .chain(SCRIPT_ERRORS)
        .map(|code| format!("error-{code}"))
        .collect();
    assert!(wanted.contains("error-conflict") && wanted.contains("error-totp_invalid"));
    for (lang, source) in LANGUAGES.iter().zip(ERROR_CATALOGUES) {
        same_keys(
            &format!("web/locales/{lang}/errors.ftl"),
            &wanted,
            &ids(lang, source),
        );
    }
}

#[test]
fn error_messages_for_a_page_keep_their_placeholders() {
    let de = Lang::from_code("de").unwrap().error_messages();
    assert!(de["conflict"].contains("Name"), "{}", de["conflict"]);
    assert!(de["too_many_attempts"].contains("{seconds} s"));
    assert!(de["other"].contains("{code}"));
    assert_eq!(
        de.len(),
        crate::error::Error::codes().len() + SCRIPT_ERRORS.len()
    );
}

/// A native date or time input is drawn in its `lang` where the browser honours it (the page's
/// `<html lang>` too, but an input must not depend on where it is mounted).
#[test]
fn date_inputs_carry_the_apps_language() {
    let kinds = ["'date'", "'datetime-local'", "'time'", "'month'", "'week'"];
    let mut found = vec![];
    for (place, line) in script_lines() {
        let inputs = line.split("h('input', {").skip(1);
        for attrs in inputs.map(|rest| rest.split('}').next().unwrap_or("")) {
            let typed = kinds.iter().any(|k| attrs.contains(&format!("type: {k}")));
            if typed
                && !attrs
                    .split([',', ' '])
                    .any(|a| a == "lang" || a.starts_with("lang:"))
            {
                found.push(place.clone());
            }
        }
    }
    assert!(found.is_empty(), "date inputs without lang: {found:?}");
}

/// Every catalogue, by file name, in `LANGUAGES` order.
fn every_catalogue() -> Vec<(&'static str, Vec<String>)> {
    let app = LANGUAGES
        .iter()
        .map(|lang| std::fs::read_to_string(locales().join(lang).join("app.ftl")).unwrap())
        .collect();
    let embedded = |files: [&str; 6]| files.iter().map(|s| s.to_string()).collect();
    vec![
        ("app", app),
        ("recipient", embedded(CATALOGUES)),
        ("owner", embedded(OWNER_CATALOGUES)),
        ("errors", embedded(ERROR_CATALOGUES)),
    ]
}

/// What a message's text depends on: the variables it uses and the keys of its variants.
#[derive(Default, Debug)]
struct Uses {
    variables: BTreeSet<String>,
    variant_keys: BTreeSet<String>,
}

fn uses_of(source: &str) -> std::collections::BTreeMap<String, Uses> {
    use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};
    fn inline(e: &InlineExpression<&str>, uses: &mut Uses) {
        match e {
            InlineExpression::VariableReference { id } => {
                uses.variables.insert(id.name.to_string());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                let named = arguments.named.iter().map(|n| &n.value);
                arguments
                    .positional
                    .iter()
                    .chain(named)
                    .for_each(|a| inline(a, uses));
            }
            InlineExpression::Placeable { expression } => expr(expression, uses),
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, uses: &mut Uses) {
        match e {
            Expression::Inline(e) => inline(e, uses),
            Expression::Select { selector, variants } => {
                inline(selector, uses);
                for variant in variants {
                    if let VariantKey::Identifier { name } = variant.key {
                        uses.variant_keys.insert(name.to_string());
                    }
                    pattern(&variant.value, uses);
                }
            }
        }
    }
    fn pattern(p: &Pattern<&str>, uses: &mut Uses) {
        for element in &p.elements {
            if let PatternElement::Placeable { expression } = element {
                expr(expression, uses);
            }
        }
    }
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(r, _)| r);
    let mut all = std::collections::BTreeMap::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut uses = Uses::default();
            m.value.iter().for_each(|p| pattern(p, &mut uses));
            m.attributes
                .iter()
                .for_each(|a| pattern(&a.value, &mut uses));
            all.insert(m.id.name.to_string(), uses);
        }
    }
    all
}

/// A translation that drops, renames or invents a placeholder shows a number or a name wrong
/// (or `{$nmae}` itself): each message uses exactly the variables its English one does.
#[test]
fn translations_use_the_placeholders_english_does() {
    let mut wrong = vec![];
    for (file, sources) in every_catalogue() {
        let english = uses_of(&sources[0]);
        for (lang, source) in LANGUAGES.iter().zip(&sources).skip(1) {
            for (id, theirs) in uses_of(source) {
                let Some(ours) = english.get(&id) else {
                    continue;
                };
                if theirs.variables != ours.variables {
                    wrong.push(format!(
                        "{lang}/{file}.ftl {id}: {:?}, English {:?}",
                        theirs.variables, ours.variables
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "placeholders differ: {wrong:#?}");
}

/// Japanese has one plural form (CLDR: `other` only); a `[one]` there is never chosen and
/// hides that the message was copied rather than written.
#[test]
fn japanese_plurals_have_only_other() {
    let ja = LANGUAGES.iter().position(|l| *l == "ja").unwrap();
    let plural_only = ["zero", "one", "two", "few", "many"];
    let mut wrong = vec![];
    for (file, sources) in every_catalogue() {
        for (id, uses) in uses_of(&sources[ja]) {
            let keys: Vec<_> = uses
                .variant_keys
                .iter()
                .filter(|k| plural_only.contains(&k.as_str()))
                .collect();
            if !keys.is_empty() {
                wrong.push(format!("ja/{file}.ftl {id}: {keys:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "plural forms Japanese lacks: {wrong:#?}");
}
