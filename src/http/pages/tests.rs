use super::*;

fn de() -> Lang {
    Lang::from_code("de").unwrap()
}

#[test]
fn user_text_is_escaped() {
    let html = password_form(
        Lang::ENGLISH,
        "b",
        "tok\"<img src=x onerror=alert(1)>",
        true,
    );
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("Wrong password"));
    let html = gone_with_contact(
        Lang::ENGLISH,
        "b",
        GoneReason::Expired,
        Some("<script>alert(1)</script>"),
    );
    assert!(
        html.contains("Ask <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>, who shared it")
    );
}

fn tile() -> Tile {
    Tile {
        id: "1".into(),
        name: "<b>x</b>.png".into(),
        kind: "image".into(),
        mime_type: "image/png".into(),
        size: 1_500,
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
    }
}

fn landing_in(lang: Lang) -> String {
    landing(&Landing {
        lang,
        brand: "B",
        title: "T",
        description: "",
        summary: "1 file".into(),
        expires_at: "2030-01-01T00:00:00Z".into(),
        expires_text: "1 Jan 2030".into(),
        uses_left: Some(1),
        view_only: false,
        columns: vec!["Size".into()],
        tiles: vec![tile()],
        download_all: vec![],
        contact_sheet: None,
    })
}

#[test]
fn pages_have_no_inline_style_or_script() {
    let html = landing_in(Lang::ENGLISH);
    assert!(!html.contains("style="));
    assert!(!html.contains("<style"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;b&gt;x&lt;/b&gt;.png"));
    assert!(html.contains("/o?a=1&amp;b=2"));
    for page in [
        not_found(Lang::ENGLISH, "B"),
        gone(Lang::ENGLISH, "B", GoneReason::Expired),
        too_many_attempts(Lang::ENGLISH, "B", 30),
    ] {
        assert!(!page.contains("style=") && !page.contains("<script"));
    }
}

#[test]
fn pages_speak_the_chosen_language() {
    let html = landing_in(de());
    assert!(html.contains("<html lang=\"de\">"), "{html}");
    assert!(html.contains("noch 1 Aufruf"));
    assert!(html.contains("Bild · 1,5 kB"));
    assert!(html.contains("Verfügbar bis <time datetime=\"2030-01-01T00:00:00Z\">"));
    assert!(gone(de(), "B", GoneReason::UsedUp).contains("Dieser Link ist aufgebraucht"));
    assert!(too_many_attempts(de(), "B", 300).contains("in 5 Minuten erneut"));
    let ja = Lang::from_code("ja").unwrap();
    assert!(not_found(ja, "B").contains("リンクが見つかりません"));
}

#[test]
fn icons_come_from_the_one_sprite() {
    let html = landing_in(Lang::ENGLISH);
    assert!(html.contains("<use href=\"/static/icons.svg#download\">"));
    assert!(!html.contains("<path"));
}

/// Every icon the pages and the scripts name by a literal is a symbol of the sprite.
#[test]
fn every_icon_named_is_in_the_sprite() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sprite = std::fs::read_to_string(root.join("web/icons.svg")).unwrap();
    let mut files = vec![
        root.join("src/http/pages.rs"),
        root.join("src/http/pages/landing.rs"),
    ];
    files.push(root.join("web/share.js"));
    for entry in std::fs::read_dir(root.join("web/js")).unwrap().flatten() {
        files.push(entry.path());
    }
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        for quote in ['\'', '"'] {
            for (at, _) in code.match_indices(&format!("icon({quote}")) {
                let rest = &code[at + 6..];
                let name = &rest[..rest.find(quote).unwrap()];
                assert!(
                    sprite.contains(&format!("<symbol id=\"{name}\"")),
                    "{}: icon {name} is not in web/icons.svg",
                    file.display()
                );
            }
        }
    }
    for kind in ["image", "video", "audio", "document", "other"] {
        assert!(sprite.contains(&format!("<symbol id=\"{kind}\"")));
    }
}
