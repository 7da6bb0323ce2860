//! Contact sheets: a PDF of a share — its title, then a grid of thumbnails with each asset's
//! name, size and shown attributes. Rendering is a pure function of its cards; sheets are
//! kept in memory by the hash of what they show, so that a zip that includes one knows its
//! exact length before it starts, and asking again costs nothing.
//!
//! Written with `pdf-writer` (typst's small, dependency-light PDF writer): the sheet needs
//! only pages, text and images; JPEG thumbnails go in as they are (DCT), with no decoding
//! beyond reading their size. Text is in embedded fonts (see `fonts`), so any script they
//! cover prints and can be searched and copied.

use bytes::Bytes;
use fonts::{Fonts, Style};
use image::{ColorType, ImageFormat};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

mod fonts;

/// One asset on the sheet.
#[derive(Debug, Clone, Default)]
pub struct Card {
    pub name: String,
    /// "12 MB"
    pub size: String,
    /// "Label: value" lines of the shown attributes.
    pub facts: Vec<String>,
    /// The thumbnail's bytes (JPEG, PNG or WebP), if it has one.
    pub thumbnail: Option<Vec<u8>>,
}

/// Where a page stands, for its footer: page `page` of `pages`, in a sheet of `files` cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footer {
    pub page: usize,
    pub pages: usize,
    pub files: usize,
}

/// A4, in points.
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 36.0;
const COLUMNS: usize = 3;
const ROWS: usize = 4;
const CELL_WIDTH: f32 = (PAGE_WIDTH - 2.0 * MARGIN) / COLUMNS as f32;
const CELL_HEIGHT: f32 = 180.0;
const THUMB_BOX: f32 = 110.0;
const TITLE_SPACE: f32 = 50.0;
const FACTS_SHOWN: usize = 3;
/// Room between a cell's text and the next cell.
const CELL_GAP: f32 = 8.0;

/// A thumbnail as an image XObject: its encoded samples, filter, size and colour space.
struct Picture {
    samples: Vec<u8>,
    filter: Option<Filter>,
    width: u32,
    height: u32,
    gray: bool,
}

/// JPEGs pass through; other formats are decoded to raw RGB (thumbnails are small).
fn picture(bytes: &[u8]) -> Option<Picture> {
    let decoded = image::load_from_memory(bytes).ok()?;
    let (width, height) = (decoded.width(), decoded.height());
    let jpeg = image::guess_format(bytes).ok() == Some(ImageFormat::Jpeg);
    match decoded.color() {
        ColorType::Rgb8 if jpeg => Some(Picture {
            samples: bytes.to_vec(),
            filter: Some(Filter::DctDecode),
            width,
            height,
            gray: false,
        }),
        ColorType::L8 if jpeg => Some(Picture {
            samples: bytes.to_vec(),
            filter: Some(Filter::DctDecode),
            width,
            height,
            gray: true,
        }),
        _ => Some(Picture {
            samples: decoded.to_rgb8().into_raw(),
            filter: None,
            width,
            height,
            gray: false,
        }),
    }
}

/// A page laid out: its content and the pictures it shows, by resource name.
struct Page {
    content: Vec<u8>,
    pictures: Vec<(String, Picture)>,
}

/// The page's title, footer and cards; text goes through `fonts`, which keeps what it used.
fn lay_out(fonts: &mut Fonts, title: &str, footer: &str, cards: &[Card]) -> Page {
    let mut content = Content::new();
    let top_line = PAGE_HEIGHT - MARGIN - 18.0;
    let full_width = PAGE_WIDTH - 2.0 * MARGIN;
    fonts.show(
        &mut content,
        Style::Bold,
        18.0,
        MARGIN,
        top_line,
        full_width,
        title,
    );
    fonts.show(
        &mut content,
        Style::Regular,
        8.0,
        MARGIN,
        MARGIN / 2.0,
        full_width,
        footer,
    );
    let mut pictures = Vec::new();
    for (index, card) in cards.iter().enumerate() {
        let (column, row) = ((index % COLUMNS) as f32, (index / COLUMNS) as f32);
        let left = MARGIN + column * CELL_WIDTH;
        let top = PAGE_HEIGHT - MARGIN - TITLE_SPACE - row * CELL_HEIGHT;
        let thumb_top = top - 4.0;
        match card.thumbnail.as_deref().and_then(picture) {
            Some(pic) => {
                let scale = THUMB_BOX / pic.width.max(pic.height).max(1) as f32;
                let (w, h) = (pic.width as f32 * scale, pic.height as f32 * scale);
                let name = format!("Im{index}");
                content.save_state();
                content.transform([
                    w,
                    0.0,
                    0.0,
                    h,
                    left + (THUMB_BOX - w) / 2.0,
                    thumb_top - THUMB_BOX + (THUMB_BOX - h) / 2.0,
                ]);
                content.x_object(Name(name.as_bytes()));
                content.restore_state();
                pictures.push((name, pic));
            }
            None => {
                content
                    .set_line_width(0.5)
                    .rect(left, thumb_top - THUMB_BOX, THUMB_BOX, THUMB_BOX)
                    .stroke();
            }
        }
        let width = CELL_WIDTH - CELL_GAP;
        let mut y = thumb_top - THUMB_BOX - 12.0;
        fonts.show(&mut content, Style::Bold, 8.0, left, y, width, &card.name);
        y -= 10.0;
        fonts.show(
            &mut content,
            Style::Regular,
            7.5,
            left,
            y,
            width,
            &card.size,
        );
        for fact in card.facts.iter().take(FACTS_SHOWN) {
            y -= 9.0;
            fonts.show(&mut content, Style::Regular, 7.0, left, y, width, fact);
        }
    }
    Page {
        content: content.finish().into_vec(),
        pictures,
    }
}

fn write_picture(pdf: &mut Pdf, id: Ref, pic: &Picture) {
    let mut image = pdf.image_xobject(id, &pic.samples);
    if let Some(filter) = pic.filter {
        image.filter(filter);
    }
    image
        .width(pic.width as i32)
        .height(pic.height as i32)
        .bits_per_component(8);
    if pic.gray {
        image.color_space().device_gray();
    } else {
        image.color_space().device_rgb();
    }
}

/// The sheet: the title on every page, then the cards, twelve a page; each page's footer in
/// the words of `footer` (the reader's language, chosen by the caller).
pub fn render(title: &str, cards: &[Card], footer: impl Fn(Footer) -> String) -> Vec<u8> {
    let chunks: Vec<&[Card]> = if cards.is_empty() {
        vec![&[]]
    } else {
        cards.chunks(COLUMNS * ROWS).collect()
    };
    let mut fonts = Fonts::new();
    let pages: Vec<Page> = (chunks.iter().enumerate())
        .map(|(number, chunk)| {
            let words = footer(Footer {
                page: number + 1,
                pages: chunks.len(),
                files: cards.len(),
            });
            lay_out(&mut fonts, title, &words, chunk)
        })
        .collect();

    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut id = || {
        next += 1;
        Ref::new(next)
    };
    let (catalog, tree) = (Ref::new(1), id());
    pdf.catalog(catalog).pages(tree);
    let font_resources = fonts.write(&mut pdf, &mut id);
    let mut kids = Vec::new();
    for page in &pages {
        let (page_id, content_id) = (id(), id());
        kids.push(page_id);
        let pictures: Vec<(&str, Ref, &Picture)> = (page.pictures.iter())
            .map(|(name, pic)| (name.as_str(), id(), pic))
            .collect();
        let mut writer = pdf.page(page_id);
        writer
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(content_id);
        let mut resources = writer.resources();
        resources.fonts().pairs(font_resources.iter().copied());
        resources.x_objects().pairs(
            pictures
                .iter()
                .map(|(name, id, _)| (Name(name.as_bytes()), *id)),
        );
        resources.finish();
        writer.finish();
        pdf.stream(content_id, &page.content);
        for (_, picture_id, pic) in pictures {
            write_picture(&mut pdf, picture_id, pic);
        }
    }
    let count = kids.len() as i32;
    pdf.pages(tree).kids(kids).count(count);
    pdf.finish()
}

/// Sheets made, by the hash of what they show. Past this many it starts over.
const CACHED_SHEETS: usize = 64;

#[derive(Default)]
pub struct Cache {
    sheets: Mutex<HashMap<String, Bytes>>,
}

impl Cache {
    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.sheets
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    pub fn put(&self, key: String, sheet: Bytes) {
        let mut sheets = self.sheets.lock().unwrap_or_else(PoisonError::into_inner);
        if sheets.len() >= CACHED_SHEETS {
            sheets.clear();
        }
        sheets.insert(key, sheet);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]))
            .write_to(&mut out, ImageFormat::Jpeg)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_sheet_has_a_page_per_twelve_cards_with_their_pictures() {
        let card = |i: usize| Card {
            name: format!("photo {i}.jpg"),
            size: "1.2 MB".into(),
            facts: vec!["Title: Dünen".into()],
            thumbnail: i.is_multiple_of(2).then(|| jpeg(150, 100)),
        };
        let cards: Vec<Card> = (0..13).map(card).collect();
        let footer = |f: Footer| format!("{}/{}", f.page, f.pages);
        let pdf = render("Spring – shoot", &cards, footer);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 2"), "two pages");
        assert_eq!(text.matches("/DCTDecode").count(), 7);
        assert!(render("Empty", &[], footer).starts_with(b"%PDF-"));
    }
}
