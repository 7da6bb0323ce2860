//! The landing page of a link: what was shared, how long it stays, and the files as a grid
//! (or a list, with the chosen attribute columns), each with its downloads.

use super::{icon, page, sentence_with};
use crate::i18n::Lang;
use maud::{html, Markup};

/// A download a recipient may pick: label, URL and size when known.
pub struct Choice {
    pub label: String,
    pub url: String,
    pub size: Option<u64>,
}

/// One asset as the landing page shows it.
pub struct Tile {
    pub id: String,
    pub name: String,
    /// image, video, audio, document or other
    pub kind: String,
    pub mime_type: String,
    pub size: u64,
    pub thumbnail: Option<String>,
    /// Shown in the lightbox (images).
    pub preview: Option<String>,
    /// Played in the page (video, audio): an inline URL with ranges.
    pub media: Option<String>,
    /// A document's page count and the URL of page `{n}`, for the lightbox to page through.
    pub pages: Option<(u32, String)>,
    /// Shown attributes other than the name: (label, value).
    pub facts: Vec<(String, String)>,
    pub downloads: Vec<Choice>,
}

pub struct Landing<'a> {
    pub lang: Lang,
    pub brand: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// "3 files · 12 MB"
    pub summary: String,
    /// RFC 3339, and as text.
    pub expires_at: String,
    pub expires_text: String,
    pub uses_left: Option<u64>,
    pub view_only: bool,
    /// Labels of the attribute columns of the list view.
    pub columns: Vec<String>,
    pub tiles: Vec<Tile>,
    pub download_all: Vec<Choice>,
    /// The link's contact sheet, when it offers one.
    pub contact_sheet: Option<Choice>,
}

fn size_of(lang: Lang, size: Option<u64>) -> Markup {
    html! {
        @if let Some(size) = size { span.size { (lang.size(size)) } }
    }
}

/// A plain link for one choice, a menu of links for several (works without JavaScript).
fn download_control(
    lang: Lang,
    choices: &[Choice],
    label: &str,
    aria: &str,
    class: &str,
    all: bool,
) -> Markup {
    html! {
        @match choices {
            [] => {},
            [only] => a class={ "button " (class) } href=(only.url) download aria-label=(aria) {
                (icon("download")) span { (label) } (size_of(lang, only.size))
            },
            many => details.menu.all[all] {
                summary class={ "button " (class) } aria-label=(aria) {
                    (icon("download")) span { (label) } (icon("chevron"))
                }
                ul role="list" {
                    @for c in many {
                        li { a href=(c.url) download { span { (c.label) } (size_of(lang, c.size)) } }
                    }
                }
            },
        }
    }
}

fn until(l: &Landing) -> Markup {
    html! { time datetime=(l.expires_at) { (l.expires_text) } }
}

fn hero(l: &Landing) -> Markup {
    let lang = l.lang;
    html! {
        section.hero {
            h1 { (l.title) }
            @if !l.description.is_empty() { p.description { (l.description) } }
            p.meta {
                span { (icon("files")) (l.summary) }
                span { (icon("clock")) (sentence_with(lang, "landing-available-until", &[], "date", until(l))) }
                @if let Some(left) = l.uses_left {
                    span.uses { (lang.tr("landing-uses-left", &[("count", left.into())])) }
                }
                @if l.view_only { span { (icon("eye")) (lang.t("landing-view-only")) } }
            }
            div.bar {
                (download_control(lang, &l.download_all, &lang.t("landing-download-all"),
                    &lang.t("landing-download-all-files"), "primary", true))
                @if let Some(sheet) = &l.contact_sheet {
                    a.button #contact-sheet href=(sheet.url) download {
                        (icon("download")) span { (sheet.label) } (size_of(lang, sheet.size))
                    }
                }
                div.views role="group" aria-label=(lang.t("landing-views")) hidden {
                    button.view-button type="button" data-view="grid" aria-pressed="true"
                        aria-label=(lang.t("landing-grid-view")) title=(lang.t("landing-grid")) { (icon("grid")) }
                    button.view-button type="button" data-view="list" aria-pressed="false"
                        aria-label=(lang.t("landing-list-view")) title=(lang.t("landing-list")) { (icon("list")) }
                }
            }
        }
    }
}

fn kind_label(lang: Lang, kind: &str) -> String {
    lang.t(match kind {
        "image" => "kind-image",
        "video" => "kind-video",
        "audio" => "kind-audio",
        "document" => "kind-document",
        _ => "kind-other",
    })
}

fn tile(lang: Lang, index: usize, tile: &Tile) -> Markup {
    let visual = html! {
        @match &tile.thumbnail {
            Some(src) => img src=(src) alt="" loading=(if index < 8 { "eager" } else { "lazy" })
                decoding="async" width="150" height="150";,
            None => (icon(&tile.kind)),
        }
        @if tile.media.is_some() { span.play { (icon("play")) } }
    };
    let name = || tile.name.as_str().into();
    // The thumbnail opens the preview (a link without JavaScript, the lightbox with it).
    let open_label = match tile.media.is_some() {
        true => lang.tr("landing-play", &[("name", name())]),
        false => lang.tr("landing-open", &[("name", name())]),
    };
    let aria = lang.tr("landing-download-one", &[("name", name())]);
    let pages = tile.pages.as_ref();
    html! {
        li.asset data-index=(index) data-id=(tile.id) data-kind=(tile.kind) data-mime=(tile.mime_type)
            data-preview=[tile.preview.as_deref()] data-media=[tile.media.as_deref()]
            data-pages=[pages.map(|p| p.0)] data-page-url=[pages.map(|p| p.1.as_str())] {
            @match tile.preview.as_ref().or(tile.media.as_ref()) {
                Some(href) => a.thumb href=(href) data-open=(index) aria-label=(open_label) { (visual) },
                None => div.thumb { (visual) },
            }
            div.info {
                h2.name title=(tile.name) { (tile.name) }
                p.sub { (kind_label(lang, &tile.kind)) " · " (lang.size(tile.size)) }
                dl.facts {
                    @for (k, v) in &tile.facts { div { dt { (k) } dd { (v) } } }
                }
            }
            div.get { (download_control(lang, &tile.downloads, &lang.t("landing-download"), &aria, "secondary", false)) }
        }
    }
}

pub fn landing(l: &Landing) -> String {
    let lang = l.lang;
    let cols = format!("cols-{}", l.columns.len().min(8));
    let body = html! {
        (hero(l))
        @if l.tiles.is_empty() {
            div.empty { p { (lang.t("landing-empty")) } p.muted { (lang.t("landing-empty-ask")) } }
        } @else {
            // The column heads of the list view (hidden in the grid).
            div class={ "list-head " (cols) } aria-hidden="true" {
                span {} span { (lang.t("landing-name")) }
                @for c in &l.columns { span { (c) } }
                span {}
            }
            // The lightbox's words, for share.js.
            ul #assets class={ "assets grid " (cols) } aria-label=(lang.t("landing-files"))
                data-close=(lang.t("lightbox-close")) data-previous=(lang.t("lightbox-previous"))
                data-next=(lang.t("lightbox-next")) data-previous-page=(lang.t("lightbox-previous-page"))
                data-next-page=(lang.t("lightbox-next-page"))
                data-page=(lang.tr("lightbox-page", &[("page", "{page}".into()), ("total", "{total}".into())])) {
                @for (index, t) in l.tiles.iter().enumerate() { (tile(lang, index, t)) }
            }
            footer.foot {
                p { (sentence_with(lang, "landing-footer", &[("brand", l.brand.into())], "date", until(l))) }
            }
        }
    };
    page(lang, l.brand, l.title, body, true)
}
