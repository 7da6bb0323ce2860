//! Server-rendered pages of the recipient side: landing, password form, 404, 410 and 429.
//! Every user-written value goes through `escape`. The pages work without JavaScript;
//! `/static/share.js` adds the grid/list switch, the lightbox and media playback. No inline
//! styles or scripts (the CSP forbids them): classes only.

use crate::error::GoneReason;
use std::fmt::Write;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A byte count for people: 1.2 MB.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    match unit {
        0 => format!("{bytes} B"),
        _ if value < 10.0 => format!("{value:.1} {}", UNITS[unit]),
        _ => format!("{value:.0} {}", UNITS[unit]),
    }
}

/// Stroke icons (24×24), drawn inline: SVG markup is not a style or a script.
pub(crate) fn icon(name: &str) -> String {
    let paths: &[&str] = match name {
        "download" => &[
            "M12 4v12",
            "M7 11l5 5 5-5",
            "M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3",
        ],
        "image" => &["M4 5h16v14H4z", "M4 16l5-5 4 4 2-2 5 5", "M15.5 9.5h.01"],
        "video" => &["M3 6h13v12H3z", "M16 10l5-3v10l-5-3"],
        "audio" => &[
            "M9 18V6l11-2v12",
            "M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0z",
            "M20 16a3 3 0 1 1-6 0 3 3 0 0 1 6 0z",
        ],
        "document" => &["M6 3h8l4 4v14H6z", "M14 3v4h4", "M9 12h6", "M9 16h6"],
        "lock" => &["M6 11h12v9H6z", "M8 11V8a4 4 0 0 1 8 0v3"],
        "clock" => &["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 7v5l3 2"],
        "grid" => &[
            "M4 4h7v7H4z",
            "M13 4h7v7h-7z",
            "M4 13h7v7H4z",
            "M13 13h7v7h-7z",
        ],
        "list" => &[
            "M8 6h13",
            "M8 12h13",
            "M8 18h13",
            "M3.5 6h.01",
            "M3.5 12h.01",
            "M3.5 18h.01",
        ],
        "chevron" => &["M6 9l6 6 6-6"],
        "play" => &["M8 5l11 7-11 7z"],
        "eye" => &[
            "M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z",
            "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
        ],
        "search" => &["M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z", "M20 20l-4-4"],
        "x" => &["M6 6l12 12", "M18 6L6 18"],
        "send" => &["M4 12l16-8-6 16-2-7z", "M12 13l8-9"],
        "files" => &["M8 3h8l4 4v11H8z", "M16 3v4h4", "M4 7v14h12"],
        _ => &["M6 3h8l4 4v14H6z", "M14 3v4h4"],
    };
    let mut svg = String::from(
        "<svg class=\"icon\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">",
    );
    for d in paths {
        let _ = write!(svg, "<path d=\"{d}\"/>");
    }
    svg.push_str("</svg>");
    svg
}

fn page(brand: &str, title: &str, body: &str, with_script: bool) -> String {
    let script = if with_script {
        Some("/static/share.js")
    } else {
        None
    };
    page_with(brand, title, body, script)
}

/// A page of the recipient side, with the module script at `script` if any.
pub(crate) fn page_with(brand: &str, title: &str, body: &str, script: Option<&str>) -> String {
    let script = script
        .map(|src| format!("<script type=\"module\" src=\"{src}\"></script>"))
        .unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex, nofollow\">\
         <title>{} · {}</title><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/static/share.css\">{script}</head><body>\
         <a class=\"skip\" href=\"#content\">Skip to content</a>\
         <header class=\"top\"><div class=\"wrap\"><span class=\"brand\"><span class=\"logo\">{}</span>{}</span></div></header>\
         <main id=\"content\" class=\"wrap\">{body}</main></body></html>",
        escape(title),
        escape(brand),
        icon("send"),
        escape(brand)
    )
}

/// A centred card for the pages that stand in for the share: password, 404, 410, 429.
pub(crate) fn card(kind: &str, icon_name: &str, heading: &str, body: &str) -> String {
    format!(
        "<section class=\"card {kind}\" aria-labelledby=\"card-title\"><div class=\"badge-icon\">{}</div>\
         <h1 id=\"card-title\">{}</h1>{body}</section>",
        icon(icon_name),
        escape(heading)
    )
}

pub fn not_found(brand: &str) -> String {
    let body = card(
        "not-found",
        "search",
        "Link not found",
        "<p>There is no share at this address. The link may be mistyped or cut short — check that \
         you copied all of it.</p><p class=\"muted\">If it still does not work, ask the person who \
         sent it to you for a new link.</p>",
    );
    page(brand, "Link not found", &body, false)
}

/// The 410 page: which of the reasons, and whom to ask.
pub fn gone(brand: &str, reason: GoneReason) -> String {
    gone_with_contact(brand, reason, None)
}

/// The 410 page naming the person to ask (the share's owner), when the caller knows them.
pub fn gone_with_contact(brand: &str, reason: GoneReason, contact: Option<&str>) -> String {
    let (heading, icon_name) = match reason {
        GoneReason::Expired => ("This link has expired", "clock"),
        GoneReason::RecipientExpired => ("Your link has expired", "clock"),
        GoneReason::Disabled => ("This link is disabled", "lock"),
        GoneReason::UsedUp => ("This link has been used up", "lock"),
        GoneReason::CreatorDeleted => ("This link no longer works", "x"),
        GoneReason::RecipientRemoved => ("Your access was removed", "lock"),
        GoneReason::AssetUnavailable => ("This file is no longer available", "x"),
    };
    let explain = match reason {
        GoneReason::Expired | GoneReason::RecipientExpired => {
            "Shared files are only available for a limited time, and that time is over."
        }
        GoneReason::Disabled => "The person who shared it has turned the link off for now.",
        GoneReason::UsedUp => {
            "It could be opened a limited number of times, and all of them have been used."
        }
        GoneReason::CreatorDeleted => "The person who shared it no longer has an account here.",
        GoneReason::RecipientRemoved => "The person who shared it has removed your access.",
        GoneReason::AssetUnavailable => "The file has been withdrawn or has expired.",
    };
    let ask = match contact {
        Some(who) => format!(
            "Ask <strong>{}</strong>, who shared it, for a new link.",
            escape(who)
        ),
        None => "Ask the person who shared it with you for a new link.".to_string(),
    };
    let body = format!(
        "<div data-reason=\"{}\"><p>{explain}</p><p class=\"ask\">{ask}</p></div>",
        reason.code()
    );
    page(
        brand,
        heading,
        &card("gone", icon_name, heading, &body),
        false,
    )
}

/// The form of a protected link. It names nothing of the share (not even its title): before
/// the password, a recipient learns only that the link is protected.
pub fn password_form(brand: &str, token: &str, wrong: bool) -> String {
    password_form_at(brand, &format!("/s/{token}/unlock"), wrong)
}

/// The password form, posting to `action` (a share's or an upload request's unlock route).
pub fn password_form_at(brand: &str, action: &str, wrong: bool) -> String {
    let error = if wrong {
        "<p class=\"error\" id=\"password-error\" role=\"alert\">Wrong password. Try again.</p>"
    } else {
        ""
    };
    let described = if wrong {
        " aria-describedby=\"password-error\" aria-invalid=\"true\""
    } else {
        ""
    };
    let body = format!(
        "<p class=\"muted\">Enter the password you were given to see the files.</p>{error}\
         <form method=\"post\" action=\"{}\" class=\"unlock\"><label for=\"password\">Password</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required autofocus{described}>\
         <button type=\"submit\" class=\"button primary\">Open</button></form>\
         <p class=\"muted small\">No password? Ask the person who shared the link.</p>",
        escape(action)
    );
    page(
        brand,
        "Protected link",
        &card("password", "lock", "This link is protected", &body),
        false,
    )
}

pub fn too_many_attempts(brand: &str, seconds: u64) -> String {
    let minutes = seconds.div_ceil(60);
    let wait = if seconds < 120 {
        format!("{seconds} seconds")
    } else {
        format!("{minutes} minutes")
    };
    let body = format!(
        "<p>The password was typed wrong too many times. For your safety, try again in {wait}.</p>\
         <p class=\"muted\">If you have lost the password, ask the person who shared the link.</p>"
    );
    page(
        brand,
        "Too many attempts",
        &card("slow-down", "clock", "Too many attempts", &body),
        false,
    )
}

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
}

fn choice_label(c: &Choice) -> String {
    match c.size {
        Some(size) => format!(
            "<span>{}</span><span class=\"size\">{}</span>",
            escape(&c.label),
            human_size(size)
        ),
        None => format!("<span>{}</span>", escape(&c.label)),
    }
}

/// A plain link for one choice, a menu of links for several (works without JavaScript).
fn download_control(choices: &[Choice], label: &str, aria: &str, class: &str, all: bool) -> String {
    match choices {
        [] => String::new(),
        [only] => format!(
            "<a class=\"button {class}\" href=\"{}\" download aria-label=\"{}\">{}<span>{}</span>{}</a>",
            escape(&only.url),
            escape(aria),
            icon("download"),
            escape(label),
            only.size
                .map(|s| format!("<span class=\"size\">{}</span>", human_size(s)))
                .unwrap_or_default()
        ),
        many => {
            let items: String = many
                .iter()
                .map(|c| {
                    format!(
                        "<li><a href=\"{}\" download>{}</a></li>",
                        escape(&c.url),
                        choice_label(c)
                    )
                })
                .collect();
            format!(
                "<details class=\"menu{}\"><summary class=\"button {class}\" aria-label=\"{}\">{}<span>{}</span>{}</summary>\
                 <ul role=\"list\">{items}</ul></details>",
                if all { " all" } else { "" },
                escape(aria),
                icon("download"),
                escape(label),
                icon("chevron")
            )
        }
    }
}

pub fn landing(l: &Landing) -> String {
    let mut body = String::from("<section class=\"hero\">");
    let _ = write!(body, "<h1>{}</h1>", escape(l.title));
    if !l.description.is_empty() {
        let _ = write!(
            body,
            "<p class=\"description\">{}</p>",
            escape(l.description)
        );
    }
    let _ = write!(
        body,
        "<p class=\"meta\"><span>{}{}</span><span>{}Available until <time datetime=\"{}\">{}</time></span>",
        icon("files"),
        escape(&l.summary),
        icon("clock"),
        escape(&l.expires_at),
        escape(&l.expires_text)
    );
    if let Some(left) = l.uses_left {
        let _ = write!(
            body,
            "<span class=\"uses\">{left} visit{} left</span>",
            if left == 1 { "" } else { "s" }
        );
    }
    if l.view_only {
        let _ = write!(body, "<span>{}View only</span>", icon("eye"));
    }
    body.push_str("</p><div class=\"bar\">");
    body.push_str(&download_control(
        &l.download_all,
        "Download all",
        "Download all files",
        "primary",
        true,
    ));
    let _ = write!(
        body,
        "<div class=\"views\" role=\"group\" aria-label=\"View\" hidden>\
         <button type=\"button\" class=\"view-button\" data-view=\"grid\" aria-pressed=\"true\" aria-label=\"Grid view\" title=\"Grid\">{}</button>\
         <button type=\"button\" class=\"view-button\" data-view=\"list\" aria-pressed=\"false\" aria-label=\"List view\" title=\"List\">{}</button></div>",
        icon("grid"),
        icon("list")
    );
    body.push_str("</div></section>");

    if l.tiles.is_empty() {
        body.push_str("<div class=\"empty\"><p>There are no files in this share right now.</p><p class=\"muted\">Ask the person who shared it.</p></div>");
        return page(l.brand, l.title, &body, true);
    }

    // The column heads of the list view (hidden in the grid).
    let _ = write!(
        body,
        "<div class=\"list-head cols-{}\" aria-hidden=\"true\"><span></span><span>Name</span>",
        l.columns.len().min(8)
    );
    for c in &l.columns {
        let _ = write!(body, "<span>{}</span>", escape(c));
    }
    body.push_str("<span></span></div>");

    let _ = write!(
        body,
        "<ul class=\"assets grid cols-{}\" id=\"assets\" aria-label=\"Files\">",
        l.columns.len().min(8)
    );
    for (index, tile) in l.tiles.iter().enumerate() {
        let visual = match &tile.thumbnail {
            Some(src) => format!(
                "<img src=\"{}\" alt=\"\" loading=\"{}\" decoding=\"async\" width=\"150\" height=\"150\">",
                escape(src),
                if index < 8 { "eager" } else { "lazy" }
            ),
            None => icon(&tile.kind),
        };
        let play = if tile.media.is_some() {
            format!("<span class=\"play\">{}</span>", icon("play"))
        } else {
            String::new()
        };
        // The thumbnail opens the preview (a link without JavaScript, the lightbox with it).
        let open = tile.preview.as_ref().or(tile.media.as_ref());
        let thumb = match open {
            Some(href) => format!(
                "<a class=\"thumb\" href=\"{}\" data-open=\"{index}\" aria-label=\"{} {}\">{visual}{play}</a>",
                escape(href),
                if tile.media.is_some() { "Play" } else { "View" },
                escape(&tile.name)
            ),
            None => format!("<div class=\"thumb\">{visual}</div>"),
        };
        let facts: String = tile
            .facts
            .iter()
            .map(|(k, v)| format!("<div><dt>{}</dt><dd>{}</dd></div>", escape(k), escape(v)))
            .collect();
        let download = download_control(
            &tile.downloads,
            "Download",
            &format!("Download {}", tile.name),
            "secondary",
            false,
        );
        let _ = write!(
            body,
            "<li class=\"asset\" data-index=\"{index}\" data-id=\"{}\" data-kind=\"{}\" data-mime=\"{}\"{}{}{}>{thumb}\
             <div class=\"info\"><h2 class=\"name\" title=\"{}\">{}</h2><p class=\"sub\">{}</p><dl class=\"facts\">{facts}</dl></div>\
             <div class=\"get\">{download}</div></li>",
            escape(&tile.id),
            escape(&tile.kind),
            escape(&tile.mime_type),
            tile.preview
                .as_ref()
                .map(|p| format!(" data-preview=\"{}\"", escape(p)))
                .unwrap_or_default(),
            tile.media
                .as_ref()
                .map(|m| format!(" data-media=\"{}\"", escape(m)))
                .unwrap_or_default(),
            tile.pages
                .as_ref()
                .map(|(count, url)| format!(" data-pages=\"{count}\" data-page-url=\"{}\"", escape(url)))
                .unwrap_or_default(),
            escape(&tile.name),
            escape(&tile.name),
            escape(&format!("{} · {}", kind_label(&tile.kind), human_size(tile.size)))
        );
    }
    body.push_str("</ul>");
    let _ = write!(
        body,
        "<footer class=\"foot\"><p>Shared with {} · available until <time datetime=\"{}\">{}</time></p></footer>",
        escape(l.brand),
        escape(&l.expires_at),
        escape(&l.expires_text)
    );
    page(l.brand, l.title, &body, true)
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "image" => "Image",
        "video" => "Video",
        "audio" => "Audio",
        "document" => "Document",
        _ => "File",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped() {
        assert_eq!(
            escape("<script>\"x\"&'y'</script>"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;"
        );
        let html = password_form("b", "tok\"<img src=x onerror=alert(1)>", true);
        assert!(!html.contains("<img src=x"));
        assert!(html.contains("Wrong password"));
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1_234), "1.2 KB");
        assert_eq!(human_size(12_345_678), "12 MB");
    }

    #[test]
    fn pages_have_no_inline_style_or_script() {
        let tile = Tile {
            id: "1".into(),
            name: "<b>x</b>.png".into(),
            kind: "image".into(),
            mime_type: "image/png".into(),
            size: 10,
            thumbnail: Some("/t".into()),
            preview: Some("/p".into()),
            media: None,
            pages: None,
            facts: vec![("Size".into(), "10 B".into())],
            downloads: vec![Choice {
                label: "Original".into(),
                url: "/o?a=1&b=2".into(),
                size: Some(10),
            }],
        };
        let html = landing(&Landing {
            brand: "B",
            title: "T",
            description: "",
            summary: "1 file".into(),
            expires_at: "2030-01-01T00:00:00Z".into(),
            expires_text: "1 Jan 2030".into(),
            uses_left: Some(1),
            view_only: false,
            columns: vec!["Size".into()],
            tiles: vec![tile],
            download_all: vec![],
        });
        assert!(!html.contains("style="));
        assert!(!html.contains("<style"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;.png"));
        assert!(html.contains("/o?a=1&amp;b=2"));
        for page in [
            not_found("B"),
            gone("B", GoneReason::Expired),
            too_many_attempts("B", 30),
        ] {
            assert!(!page.contains("style=") && !page.contains("<script"));
        }
    }
}
