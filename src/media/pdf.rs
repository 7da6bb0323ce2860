//! PDF through poppler's command-line tools (Debian `poppler-utils`): `pdfinfo` counts the
//! pages, `pdftoppm` renders one page at a time at the size asked, so a document of thousands
//! of pages costs only the pages someone looks at. poppler is the renderer of most Linux PDF
//! viewers; run as a separate process with a time budget, a hostile file cannot take the
//! server down with it.

use super::tool;
use super::MediaError;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The number of pages of the document.
pub fn page_count(path: &Path, budget: Duration) -> Result<u32, MediaError> {
    let info = tool::run(Command::new("pdfinfo").arg(path), budget)?;
    pages_in_info(&String::from_utf8_lossy(&info))
        .ok_or_else(|| MediaError::Corrupt("pdfinfo names no page count".into()))
}

/// The `Pages:` line of pdfinfo's report.
fn pages_in_info(info: &str) -> Option<u32> {
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .filter(|&count| count > 0)
}

/// Renders page `page` (1-based) as a PNG at `out` whose longest side is `max` pixels.
pub fn render_page(
    path: &Path,
    page: u32,
    max: u32,
    out: &Path,
    budget: Duration,
) -> Result<(), MediaError> {
    // -singlefile writes exactly `{root}.png`, without a page number in the name.
    let root = out.with_extension("");
    let page = page.to_string();
    tool::run(
        Command::new("pdftoppm")
            .args(["-q", "-png", "-singlefile", "-f", &page, "-l", &page])
            .args(["-scale-to", &max.to_string()])
            .arg(path)
            .arg(&root),
        budget,
    )?;
    let written = root.with_extension("png");
    if written != out {
        std::fs::rename(&written, out)?;
    }
    match out.metadata() {
        Ok(m) if m.len() > 0 => Ok(()),
        _ => Err(MediaError::Corrupt(format!(
            "page {page} could not be rendered"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_count_comes_from_the_pages_line() {
        let info = "Producer:        handoff\nPages:          10000\nEncrypted:      no\n";
        assert_eq!(pages_in_info(info), Some(10_000));
        assert_eq!(pages_in_info("Title: Pages: 3\n"), None);
        assert_eq!(pages_in_info("Pages: 0\n"), None);
        assert_eq!(pages_in_info(""), None);
    }
}
