//! SVG, rasterized in-process by resvg (the renderer of the linebender project, pure Rust, no
//! scripting engine at all). Scripts are never run; external references are ignored: `<image>`
//! paths resolve to nothing (usvg's default would read files from this server's disk), only
//! `data:` images embedded in the file itself are used, and no fonts are loaded.

use super::decode::{read_file, Decoded};
use super::error::catch_panics;
use super::{Limits, MediaError};
use image::{DynamicImage, RgbaImage};
use resvg::{tiny_skia, usvg};
use std::collections::BTreeMap;
use std::path::Path;

/// The document's width, height (CSS pixels, rounded) and format, as attributes.
pub fn probe(path: &Path, limits: &Limits) -> Result<BTreeMap<String, String>, MediaError> {
    let tree = parse(&read_file(path, limits)?)?;
    let (width, height) = natural_size(&tree);
    Ok(BTreeMap::from([
        ("width".to_string(), width.to_string()),
        ("height".to_string(), height.to_string()),
        ("format".to_string(), "svg".to_string()),
    ]))
}

/// Draws the document to fit a `largest_max` box. A vector drawing has no pixels of its own,
/// so a small one is drawn larger rather than blown up afterwards.
pub(super) fn load(path: &Path, limits: &Limits, largest_max: u32) -> Result<Decoded, MediaError> {
    let bytes = read_file(path, limits)?;
    catch_panics(|| {
        let tree = parse(&bytes)?;
        let natural = tree.size();
        let (width, height) = drawn_size(natural_size(&tree), largest_max);
        let mut pixmap = tiny_skia::Pixmap::new(width, height)
            .ok_or_else(|| MediaError::Corrupt("SVG has no drawable size".into()))?;
        let scale = tiny_skia::Transform::from_scale(
            width as f32 / natural.width(),
            height as f32 / natural.height(),
        );
        resvg::render(&tree, scale, &mut pixmap.as_mut());
        Ok(Decoded {
            image: DynamicImage::ImageRgba8(straight_alpha(&pixmap)),
            full_size: (width, height),
        })
    })
}

fn parse(bytes: &[u8]) -> Result<usvg::Tree, MediaError> {
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    usvg::Tree::from_data(bytes, &options).map_err(|e| MediaError::Corrupt(format!("SVG: {e}")))
}

fn natural_size(tree: &usvg::Tree) -> (u32, u32) {
    let size = tree.size().to_int_size();
    (size.width(), size.height())
}

/// The size whose longest side is `max`, keeping the aspect ratio: larger or smaller than the
/// document's own.
fn drawn_size((width, height): (u32, u32), max: u32) -> (u32, u32) {
    let longest = u64::from(width.max(height).max(1));
    let side = |s: u32| {
        ((u64::from(s) * u64::from(max)).div_ceil(longest)).clamp(1, u64::from(max)) as u32
    };
    (side(width), side(height))
}

/// tiny-skia draws premultiplied colour; everything after works on straight RGBA.
fn straight_alpha(pixmap: &tiny_skia::Pixmap) -> RgbaImage {
    let pixels = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    RgbaImage::from_raw(pixmap.width(), pixmap.height(), pixels)
        .expect("a pixmap holds width × height pixels")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_drawings_grow_to_the_box_and_large_ones_fit_it() {
        assert_eq!(drawn_size((16, 8), 500), (500, 250));
        assert_eq!(drawn_size((4000, 2000), 500), (500, 250));
        assert_eq!(drawn_size((1, 1), 150), (150, 150));
        assert_eq!(drawn_size((3, 1000), 150), (1, 150));
    }
}
