//! Server-rendered pages of the recipient side: landing, password form, 404 and 410. Every
//! user-written value goes through `escape`.

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

fn page(brand: &str, title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><title>{} · {}</title>\
         <link rel=\"stylesheet\" href=\"/static/share.css\"></head><body>\
         <header class=\"brand\">{}</header><main>{body}</main></body></html>",
        escape(title),
        escape(brand),
        escape(brand)
    )
}

pub fn not_found(brand: &str) -> String {
    page(brand, "Link not found", "<div class=\"card\"><h1>Link not found</h1><p>This link does not exist. Check that it was copied whole, or ask the person who sent it.</p></div>")
}

pub fn gone(brand: &str, reason: GoneReason) -> String {
    let heading = match reason {
        GoneReason::Expired | GoneReason::RecipientExpired => "This link has expired",
        GoneReason::Disabled => "This link is disabled",
        GoneReason::UsedUp => "This link has been used up",
        _ => "This link no longer works",
    };
    let body = format!(
        "<div class=\"card\" data-reason=\"{}\"><h1>{heading}</h1><p>{}</p><p>Ask the person who shared it for a new link.</p></div>",
        reason.code(),
        escape(reason.message())
    );
    page(brand, heading, &body)
}

pub fn password_form(brand: &str, title: &str, token: &str, wrong: bool) -> String {
    let error = if wrong {
        "<p class=\"error\" role=\"alert\">Wrong password. Try again.</p>"
    } else {
        ""
    };
    let body = format!(
        "<div class=\"card\"><h1>{}</h1><p>This share is protected by a password.</p>{error}\
         <form method=\"post\" action=\"/s/{}/unlock\"><label for=\"password\">Password</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required autofocus>\
         <button type=\"submit\">Open</button></form></div>",
        escape(title),
        escape(token)
    );
    page(brand, title, &body)
}

pub fn too_many_attempts(brand: &str, seconds: u64) -> String {
    let body = format!("<div class=\"card\"><h1>Too many attempts</h1><p>Wait {seconds} seconds before trying again.</p></div>");
    page(brand, "Too many attempts", &body)
}

/// One asset as the landing page shows it.
pub struct Tile {
    pub name: String,
    pub thumbnail: Option<String>,
    pub facts: Vec<(String, String)>,
    pub download: Option<String>,
}

pub struct Landing<'a> {
    pub brand: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub summary: String,
    pub tiles: Vec<Tile>,
    pub download_all: Option<String>,
}

pub fn landing(l: &Landing) -> String {
    let mut body = format!("<h1>{}</h1>", escape(l.title));
    if !l.description.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(l.description));
    }
    let _ = write!(body, "<p class=\"meta\">{}</p>", escape(&l.summary));
    if let Some(url) = &l.download_all {
        let _ = write!(
            body,
            "<p><a class=\"button\" href=\"{}\" download>Download all</a></p>",
            escape(url)
        );
    }
    body.push_str("<ul class=\"grid\">");
    for tile in &l.tiles {
        let thumb = match &tile.thumbnail {
            Some(src) => format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                escape(src),
                escape(&tile.name)
            ),
            None => "<span aria-hidden=\"true\">no preview</span>".to_string(),
        };
        let facts: String = tile
            .facts
            .iter()
            .map(|(k, v)| format!("<dt>{}</dt><dd>{}</dd>", escape(k), escape(v)))
            .collect();
        let download = match &tile.download {
            Some(url) => format!(
                "<a class=\"button secondary\" href=\"{}\">Download</a>",
                escape(url)
            ),
            None => String::new(),
        };
        let _ = write!(
            body,
            "<li><div class=\"thumb\">{thumb}</div><div class=\"info\"><strong>{}</strong><dl>{facts}</dl>{download}</div></li>",
            escape(&tile.name)
        );
    }
    body.push_str("</ul>");
    page(l.brand, l.title, &body)
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
        let html = password_form("b", "<img src=x onerror=alert(1)>", "tok", true);
        assert!(!html.contains("<img src=x"));
        assert!(html.contains("Wrong password"));
    }
}
