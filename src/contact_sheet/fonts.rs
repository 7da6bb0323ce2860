//! The sheet's text in embedded fonts, so that names in any script the fonts cover print as
//! they are and `pdftotext` (or a reader's search) gives them back.
//!
//! Each face goes into the PDF as a CID font (Type0, Identity-H: two bytes a glyph) cut to
//! the glyphs the sheet uses (`subsetter`, typst's subsetter), with widths and a ToUnicode
//! map. DejaVu Sans covers Latin, Greek and Cyrillic (with their accents); Noto Sans CJK JP,
//! cut to JIS X 0208 (see assets/fonts/make-contact-sheet-fonts.sh), covers Japanese. A
//! character takes the first face of its style that has it; one that none has prints as "?".
//! Bold CJK is drawn filled and stroked, as there is no bold CJK face.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use subsetter::GlyphRemapper;
use ttf_parser::{Face as Parsed, GlyphId};

static REGULAR_LATIN: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Sheet.ttf");
static JAPANESE: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKjp-Sheet.otf");

const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};
/// Printed for a character no face has.
const MISSING: char = '?';
const ELLIPSIS: char = '…';
/// The stroke that thickens a face drawn as bold, in ems.
const FAKE_BOLD_STROKE: f32 = 0.04;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
}

/// One embedded face and the glyphs the sheet has used of it so far.
struct Face {
    resource: Name<'static>,
    data: &'static [u8],
    parsed: Parsed<'static>,
    /// Old glyph id → the id in the subset, which is also the CID.
    glyphs: GlyphRemapper,
    /// By CID: the character it was used for and its advance in PDF units (1000 an em).
    used: BTreeMap<u16, (char, f32)>,
}

impl Face {
    fn new(resource: &'static [u8], data: &'static [u8]) -> Face {
        Face {
            resource: Name(resource),
            data,
            // The embedded files are tested below; a broken one is a build mistake.
            parsed: Parsed::parse(data, 0).expect("an embedded font parses"),
            glyphs: GlyphRemapper::new(),
            used: BTreeMap::new(),
        }
    }

    fn glyph(&self, c: char) -> Option<GlyphId> {
        self.parsed.glyph_index(c).filter(|g| g.0 != 0)
    }

    /// The advance of `glyph` in PDF units.
    fn advance(&self, glyph: GlyphId) -> f32 {
        let advance = self.parsed.glyph_hor_advance(glyph).unwrap_or(0);
        self.to_pdf_units(advance.into())
    }

    fn to_pdf_units(&self, value: f32) -> f32 {
        value * 1000.0 / f32::from(self.parsed.units_per_em())
    }

    /// Takes `glyph` into the subset for `c` and gives its CID.
    fn take(&mut self, glyph: GlyphId, c: char) -> u16 {
        let cid = self.glyphs.remap(glyph.0);
        let advance = self.advance(glyph);
        self.used.entry(cid).or_insert((c, advance));
        cid
    }
}

/// A stretch of text in one face: its CIDs, two bytes each.
struct Run {
    face: usize,
    fake_bold: bool,
    cids: Vec<u8>,
}

/// The sheet's faces: DejaVu Sans, DejaVu Sans Bold and Noto Sans CJK JP.
pub struct Fonts {
    faces: [Face; 3],
}

const LATIN: usize = 0;
const LATIN_BOLD: usize = 1;
const CJK: usize = 2;

impl Fonts {
    pub fn new() -> Fonts {
        Fonts {
            faces: [
                Face::new(b"F1", REGULAR_LATIN),
                Face::new(b"F2", crate::media::BOLD_FONT),
                Face::new(b"F3", JAPANESE),
            ],
        }
    }

    /// The faces a style looks in, in order, and whether each is drawn thicker.
    fn chain(style: Style) -> [(usize, bool); 2] {
        match style {
            Style::Regular => [(LATIN, false), (CJK, false)],
            Style::Bold => [(LATIN_BOLD, false), (CJK, true)],
        }
    }

    /// The face and glyph that print `c` in `style`; "?" of the style's first face if none has it.
    fn pick(&self, style: Style, c: char) -> (usize, bool, GlyphId, char) {
        let chain = Fonts::chain(style);
        for (face, fake_bold) in chain {
            if let Some(glyph) = self.faces[face].glyph(c) {
                return (face, fake_bold, glyph, c);
            }
        }
        let (face, fake_bold) = chain[0];
        let glyph = self.faces[face].glyph(MISSING).unwrap_or(GlyphId(0));
        (face, fake_bold, glyph, MISSING)
    }

    /// How wide `text` is in `style` at `size` points.
    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                let (face, _, glyph, _) = self.pick(style, c);
                self.faces[face].advance(glyph)
            })
            .sum();
        units * size / 1000.0
    }

    /// `text` without control characters, cut with "…" to fit `max_width` points.
    pub fn fit(&self, style: Style, size: f32, text: &str, max_width: f32) -> String {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        if self.width(style, size, &clean) <= max_width {
            return clean;
        }
        let room = max_width - self.width(style, size, &ELLIPSIS.to_string());
        let mut cut = String::new();
        for c in clean.chars() {
            cut.push(c);
            if self.width(style, size, &cut) > room {
                cut.pop();
                break;
            }
        }
        cut.push(ELLIPSIS);
        cut
    }

    fn runs(&mut self, style: Style, text: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for c in text.chars() {
            let (face, fake_bold, glyph, shown) = self.pick(style, c);
            let cid = self.faces[face].take(glyph, shown);
            match runs.last_mut() {
                Some(run) if run.face == face => run.cids.extend(cid.to_be_bytes()),
                _ => runs.push(Run {
                    face,
                    fake_bold,
                    cids: cid.to_be_bytes().to_vec(),
                }),
            }
        }
        runs
    }

    /// Writes `text` (cut to `max_width`) at `x`, `y` in `style` and `size`.
    #[allow(clippy::too_many_arguments)] // a line of text: where, how big, how wide at most
    pub fn show(
        &mut self,
        content: &mut Content,
        style: Style,
        size: f32,
        x: f32,
        y: f32,
        max_width: f32,
        text: &str,
    ) {
        let fitted = self.fit(style, size, text, max_width);
        content.set_line_width(size * FAKE_BOLD_STROKE);
        content.begin_text().next_line(x, y);
        for run in self.runs(style, &fitted) {
            let mode = if run.fake_bold {
                TextRenderingMode::FillStroke
            } else {
                TextRenderingMode::Fill
            };
            content
                .set_font(self.faces[run.face].resource, size)
                .set_text_rendering_mode(mode)
                .show(Str(&run.cids));
        }
        content.end_text();
    }

    /// Writes each face the sheet used, cut to its glyphs; gives the pages' font resources.
    pub fn write(&self, pdf: &mut Pdf, mut id: impl FnMut() -> Ref) -> Vec<(Name<'static>, Ref)> {
        let mut resources = Vec::new();
        for face in self.faces.iter().filter(|f| !f.used.is_empty()) {
            let Ok(subset) = subsetter::subset(face.data, 0, &face.glyphs) else {
                continue;
            };
            let refs = [id(), id(), id(), id(), id()];
            write_face(pdf, face, &subset, refs);
            resources.push((face.resource, refs[0]));
        }
        resources
    }
}

/// A face as Type0 font `refs[0]` with its CID font, descriptor, ToUnicode map and program.
fn write_face(pdf: &mut Pdf, face: &Face, subset: &[u8], refs: [Ref; 5]) {
    let [type0, cid_font, descriptor, to_unicode, program] = refs;
    let cff = face.parsed.tables().cff.is_some();
    let postscript = (face.parsed.names().into_iter())
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| "Font".into());
    let base = format!("{}+{postscript}", subset_tag(&face.used));
    let type0_name = if cff {
        format!("{base}-Identity-H")
    } else {
        base.clone()
    };
    pdf.type0_font(type0)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);

    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(if cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base.as_bytes()))
    .system_info(IDENTITY)
    .font_descriptor(descriptor)
    .default_width(0.0);
    if !cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let mut widths = cid.widths();
    for (cid, (_, advance)) in &face.used {
        widths.consecutive(*cid, [*advance]);
    }
    drop(widths);
    drop(cid);

    let bbox = face.parsed.global_bounding_box();
    let units = |v: i16| face.to_pdf_units(f32::from(v));
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::FIXED_PITCH, face.parsed.is_monospaced());
    let mut described = pdf.font_descriptor(descriptor);
    described
        .name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            units(bbox.x_min),
            units(bbox.y_min),
            units(bbox.x_max),
            units(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(units(face.parsed.ascender()))
        .descent(units(face.parsed.descender()))
        .cap_height(units(
            face.parsed
                .capital_height()
                .unwrap_or(face.parsed.ascender()),
        ))
        .stem_v(80.0);
    if cff {
        described.font_file3(program);
    } else {
        described.font_file2(program);
    }
    drop(described);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (cid, (c, _)) in &face.used {
        cmap.pair(*cid, *c);
    }
    pdf.cmap(to_unicode, &cmap.finish());

    // A CFF face goes in as its bare CFF program, which the subsetter made CID-keyed.
    let cff_table = cff
        .then(|| ttf_parser::RawFace::parse(subset, 0).ok())
        .flatten()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")));
    let mut stream = pdf.stream(program, cff_table.unwrap_or(subset));
    if cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
}

/// Six capitals that name a subset, as PDF asks (the same glyphs, the same tag).
fn subset_tag(used: &BTreeMap<u16, (char, f32)>) -> String {
    let mut hasher = DefaultHasher::new();
    used.keys().collect::<Vec<_>>().hash(&mut hasher);
    let mut hash = hasher.finish();
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_takes_the_first_face_that_has_it_and_the_rest_prints_as_a_question_mark() {
        let fonts = Fonts::new();
        let face_of = |style, c| fonts.pick(style, c).0;
        for c in ['a', 'ü', 'ő', 'ł', 'Ş', 'Ω', 'ά', 'Ж', 'ệ'] {
            assert_eq!(face_of(Style::Regular, c), LATIN, "{c}");
            assert_eq!(face_of(Style::Bold, c), LATIN_BOLD, "{c}");
        }
        for c in ['日', '本', 'カ', 'ぁ', '。', '写', '真'] {
            assert_eq!(face_of(Style::Regular, c), CJK, "{c}");
            assert!(fonts.pick(Style::Bold, c).1, "bold CJK is thickened");
        }
        // Hangul is in neither face.
        assert_eq!(fonts.pick(Style::Regular, '한').3, MISSING);
    }

    #[test]
    fn text_is_cut_to_its_width_with_an_ellipsis() {
        let fonts = Fonts::new();
        assert_eq!(fonts.fit(Style::Regular, 10.0, "short", 100.0), "short");
        let long = "a rather long name for one cell of the sheet.jpg";
        let cut = fonts.fit(Style::Regular, 10.0, long, 100.0);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        assert!(fonts.width(Style::Regular, 10.0, &cut) <= 100.0);
        // A CJK character is about an em wide; Latin letters about half that.
        let wide = fonts.width(Style::Regular, 10.0, "日本");
        assert!((18.0..=21.0).contains(&wide), "{wide}");
    }
}
