//! Names inside an archive: safe on every OS, unique, and the attributes CSV.

use super::*;

const MAX_NAME_BYTES: usize = 200;
const FALLBACK_NAME: &str = "file";

/// Makes `raw` a single path component that is safe to extract on any OS.
///
/// Control and invisible format characters (bidi overrides, which can disguise an
/// extension) are dropped as everywhere ([`names::visible`]); separators and the
/// Windows-reserved `<>:"|?*` become `_`; leading whitespace and trailing dots/whitespace
/// (dropped by Windows) are removed, so `..` cannot survive; Windows device names (`CON`,
/// `con.txt`, `LPT1`, ...) get a `_` prefix; the result is at most 200 bytes, keeping a short
/// extension; an empty result becomes `file`.
pub fn safe_name(raw: &str) -> String {
    let replaced: String = names::visible(raw)
        .chars()
        .map(|c| if is_unsafe_in_name(c) { '_' } else { c })
        .collect();
    let shortened = names::shorten(trim_name(&replaced), MAX_NAME_BYTES);
    // Shortening can expose new trailing dots or spaces.
    let name = trim_name(&shortened);
    if name.is_empty() {
        FALLBACK_NAME.to_string()
    } else if is_windows_device_name(name) {
        format!("_{name}")
    } else {
        name.to_string()
    }
}

fn is_unsafe_in_name(c: char) -> bool {
    matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*')
}

fn trim_name(name: &str) -> &str {
    name.trim_start()
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

/// Device names Windows reserves in every directory, whatever the extension.
fn is_windows_device_name(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let numbered = stem
                .strip_prefix("COM")
                .or_else(|| stem.strip_prefix("LPT"));
            matches!(
                numbered,
                Some("0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
            )
        }
    }
}

/// Hands out names that are unique within one archive folder, ignoring case (Windows
/// and macOS file systems do): `photo.jpg`, `photo (2).jpg`, `photo (3).jpg`, `README (2)`.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
    /// Next suffix to try per requested name, so many duplicates stay O(1) each.
    next_suffix: HashMap<String, u64>,
}

impl UniqueNames {
    pub fn new() -> Self {
        Self::default()
    }

    /// Returns `name`, or the first free `stem (n).ext` with n ≥ 2, and reserves it.
    pub fn claim(&mut self, name: &str) -> String {
        let key = name.to_lowercase();
        if self.taken.insert(key.clone()) {
            return name.to_string();
        }
        let (stem, extension) = names::split_extension(name);
        let suffix = self.next_suffix.entry(key).or_insert(2);
        loop {
            let candidate = format!("{stem} ({suffix}){extension}");
            *suffix += 1;
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
        }
    }
}

/// RFC 4180 CSV (CRLF line ends) of a header line and rows, defused against spreadsheet
/// formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.
pub fn attributes_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (index, cell) in record.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            push_csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

fn push_csv_cell(out: &mut String, cell: &str) {
    let starts_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if starts_formula {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}
