//! File names as people see them. One sanitizer ([`visible`]) for every place a name is
//! kept or sent (upload, rename, `Content-Disposition`, zip entries) and one shortener
//! ([`shorten`]), so that a name reads the same everywhere.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// `raw` without control characters (C0, DEL, C1) and invisible format characters (Unicode
/// category Cf: the bidi marks U+200E/F and U+061C, embeddings and overrides U+202A–E,
/// isolates U+2066–9, zero-width U+200B–D, U+FEFF, …). A right-to-left override makes
/// `a\u{202E}gnp.exe` display as "aexe.png": no file name needs these, a disguise does.
pub fn visible(raw: &str) -> String {
    raw.chars().filter(|c| !is_hidden(*c)).collect()
}

fn is_hidden(c: char) -> bool {
    c.is_control() || c.general_category() == GeneralCategory::Format
}

/// Longer "extensions" are not worth keeping whole when a name must be shortened.
const MAX_KEPT_EXTENSION_BYTES: usize = 16;

/// At most `max_bytes` bytes of UTF-8 (file systems count bytes, not characters), cut from
/// the stem at a character boundary so that a short extension, and with it the type, survives.
pub fn shorten(name: &str, max_bytes: usize) -> String {
    if name.len() <= max_bytes {
        return name.to_string();
    }
    match split_extension(name) {
        (stem, extension)
            if !extension.is_empty()
                && extension.len() <= MAX_KEPT_EXTENSION_BYTES.min(max_bytes) =>
        {
            let stem = floor_char_boundary(stem, max_bytes - extension.len());
            format!("{stem}{extension}")
        }
        _ => floor_char_boundary(name, max_bytes).to_string(),
    }
}

/// Splits at the last dot, except a leading one: `.bashrc` has no extension.
pub fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

fn floor_char_boundary(s: &str, max_len: usize) -> &str {
    let mut end = max_len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_invisible_format_characters_are_dropped() {
        assert_eq!(visible("a\u{202E}gnp.exe"), "agnp.exe");
        let hidden = "\u{200E}\u{200F}\u{061C}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\
                      \u{2066}\u{2067}\u{2068}\u{2069}\u{200B}\u{200C}\u{200D}\u{FEFF}\u{00AD}";
        assert_eq!(visible(&format!("x{hidden}y.txt")), "xy.txt");
        assert_eq!(visible("tab\there\r\n\u{7f}\u{85}"), "tabhere");
        assert_eq!(visible("Grüße 日本 שלום.jpg"), "Grüße 日本 שלום.jpg");
    }

    #[test]
    fn shortening_counts_bytes_cuts_the_stem_and_keeps_the_extension() {
        assert_eq!(shorten("short.txt", 200), "short.txt");
        assert_eq!(shorten(&"x".repeat(5000), 200), "x".repeat(200));
        // 'é' is 2 bytes: 200 - 5 (".jpeg") = 195 rounds down to 194 bytes of stem.
        assert_eq!(
            shorten(&format!("{}.jpeg", "é".repeat(2500)), 200),
            format!("{}.jpeg", "é".repeat(97))
        );
        // '日' is 3 bytes: 200 rounds down to 198.
        assert_eq!(shorten(&"日".repeat(100), 200), "日".repeat(66));
        // A 300-byte "extension" is not kept; a leading dot is no extension.
        let long_extension = format!("a.{}", "b".repeat(300));
        assert_eq!(shorten(&long_extension, 200), long_extension[..200]);
        assert_eq!(shorten(&format!(".{}", "r".repeat(300)), 10), ".rrrrrrrrr");
        // An extension longer than the whole budget is cut like the rest.
        assert_eq!(shorten("ab.cdefgh", 4), "ab.c");
    }

    #[test]
    fn extensions_split_at_the_last_dot_but_not_a_leading_one() {
        assert_eq!(split_extension("a.tar.gz"), ("a.tar", ".gz"));
        assert_eq!(split_extension(".bashrc"), (".bashrc", ""));
        assert_eq!(split_extension("README"), ("README", ""));
    }
}
