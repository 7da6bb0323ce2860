//! Watermarks: text along the diagonal, or an image in the centre, blended
//! over the rendition with the requested opacity.

use ab_glyph::{point, Font, FontRef, Glyph, PxScale, ScaleFont};
use image::{DynamicImage, GenericImageView, RgbaImage};

use super::{decode, resize, Limits, MediaError, Watermark};

/// DejaVu Sans Bold (Bitstream Vera licence, which allows embedding):
/// heavy strokes stay legible when blended at low opacity.
pub(crate) static FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Text runs along this fraction of the image diagonal, so it spans about
/// the same fraction of the width.
const TEXT_SPAN: f32 = 0.6;
/// Cap on the text height relative to the shorter side, so a short word
/// does not become a giant blob.
const MAX_TEXT_HEIGHT: f32 = 0.25;
/// An image watermark fits inside this fraction of width and height.
const IMAGE_SPAN: f32 = 0.5;
const TEXT_COLOR: [u8; 3] = [255, 255, 255];
/// A dark shadow under the white text keeps it visible on light images.
const SHADOW_COLOR: [u8; 3] = [0, 0, 0];
const SHADOW_STRENGTH: f32 = 0.6;

pub(super) fn apply(
    image: &mut DynamicImage,
    watermark: &Watermark,
    limits: &Limits,
) -> Result<(), MediaError> {
    match watermark {
        Watermark::Text { text, opacity } => {
            draw_text(image, text, unit_interval(*opacity));
            Ok(())
        }
        Watermark::Image { png, opacity } => {
            let mark = load_mark(png, image.dimensions(), limits)?;
            with_canvas(image, |canvas| {
                stamp_centred(canvas, &mark, unit_interval(*opacity))
            });
            Ok(())
        }
    }
}

fn unit_interval(value: f32) -> f32 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 1.0)
    }
}

/// The pixels of an 8-bit RGB or RGBA image, for blending.
struct Canvas<'a> {
    pixels: &'a mut [u8],
    width: u32,
    height: u32,
    channels: usize,
}

impl Canvas<'_> {
    /// Source-over blend of `color` with coverage `alpha` onto pixel (x, y).
    fn blend(&mut self, x: u32, y: u32, color: [u8; 3], alpha: f32) {
        let start = (y as usize * self.width as usize + x as usize) * self.channels;
        let pixel = &mut self.pixels[start..start + self.channels];
        let below_alpha = if self.channels == 4 {
            f32::from(pixel[3]) / 255.0
        } else {
            1.0
        };
        let out_alpha = alpha + below_alpha * (1.0 - alpha);
        if out_alpha <= 0.0 {
            return;
        }
        for (channel, &top) in pixel.iter_mut().zip(&color) {
            let mixed = f32::from(top) * alpha + f32::from(*channel) * below_alpha * (1.0 - alpha);
            *channel = (mixed / out_alpha).round() as u8;
        }
        if self.channels == 4 {
            pixel[3] = (out_alpha * 255.0).round() as u8;
        }
    }
}

fn with_canvas(image: &mut DynamicImage, draw: impl FnOnce(&mut Canvas)) {
    let (width, height) = image.dimensions();
    match image {
        DynamicImage::ImageRgb8(rgb) => draw(&mut Canvas {
            pixels: rgb,
            width,
            height,
            channels: 3,
        }),
        DynamicImage::ImageRgba8(rgba) => draw(&mut Canvas {
            pixels: rgba,
            width,
            height,
            channels: 4,
        }),
        // The pipeline only produces the two above; anything else is
        // converted rather than trusted.
        other => {
            let mut rgba = other.to_rgba8();
            draw(&mut Canvas {
                pixels: &mut rgba,
                width,
                height,
                channels: 4,
            });
            *other = DynamicImage::ImageRgba8(rgba);
        }
    }
}

// ---- text -----------------------------------------------------------------

fn draw_text(image: &mut DynamicImage, text: &str, opacity: f32) {
    let (width, height) = image.dimensions();
    let font = FontRef::try_from_slice(FONT_DATA).expect("embedded font is a valid TrueType file");
    let Some(px) = text_size(&font, text, width, height) else {
        return;
    };
    let mask = CoverageMask::from_text(&font, text, px);
    // Rising from bottom-left to top-right; y points down, hence negative.
    let angle = -(height as f32).atan2(width as f32);
    let centre = (width as f32 / 2.0, height as f32 / 2.0);
    let shadow_offset = (px * 0.04).max(1.0);
    with_canvas(image, |canvas| {
        let shadow_centre = (centre.0 + shadow_offset, centre.1 + shadow_offset);
        stamp_rotated(
            canvas,
            &mask,
            shadow_centre,
            angle,
            SHADOW_COLOR,
            opacity * SHADOW_STRENGTH,
        );
        stamp_rotated(canvas, &mask, centre, angle, TEXT_COLOR, opacity);
    });
}

/// Pixel size at which `text` spans `TEXT_SPAN` of the diagonal; `None` for
/// text with no width (empty or blank).
fn text_size(font: &FontRef, text: &str, width: u32, height: u32) -> Option<f32> {
    const PROBE_PX: f32 = 100.0;
    let (_, advance, _) = layout(font, text, PROBE_PX);
    if advance < 1.0 {
        return None;
    }
    let diagonal = (width as f32).hypot(height as f32);
    let px = PROBE_PX * TEXT_SPAN * diagonal / advance;
    Some(px.min(MAX_TEXT_HEIGHT * width.min(height) as f32).max(1.0))
}

/// Positions glyphs on one line; returns them with the line's advance width
/// and height.
fn layout(font: &FontRef, text: &str, px: f32) -> (Vec<Glyph>, f32, f32) {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut caret = 0.0;
    let mut previous = None;
    let mut glyphs = Vec::new();
    for ch in text.chars().filter(|c| !c.is_control()) {
        let id = scaled.glyph_id(ch);
        if let Some(previous) = previous {
            caret += scaled.kern(previous, id);
        }
        glyphs.push(id.with_scale_and_position(px, point(caret, scaled.ascent())));
        caret += scaled.h_advance(id);
        previous = Some(id);
    }
    (glyphs, caret, scaled.ascent() - scaled.descent())
}

/// Anti-aliased glyph coverage (0–1) of a line of text, with a one-pixel
/// empty border so bilinear sampling fades out at the edges.
struct CoverageMask {
    width: usize,
    height: usize,
    coverage: Vec<f32>,
}

impl CoverageMask {
    fn from_text(font: &FontRef, text: &str, px: f32) -> Self {
        let (glyphs, advance, line_height) = layout(font, text, px);
        let width = advance.ceil() as usize + 2;
        let height = line_height.ceil() as usize + 2;
        let mut coverage = vec![0.0f32; width * height];
        for outlined in glyphs.into_iter().filter_map(|g| font.outline_glyph(g)) {
            let bounds = outlined.px_bounds();
            outlined.draw(|x, y, c| {
                let mx = bounds.min.x as i64 + i64::from(x) + 1;
                let my = bounds.min.y as i64 + i64::from(y) + 1;
                if (0..width as i64).contains(&mx) && (0..height as i64).contains(&my) {
                    let cell = &mut coverage[my as usize * width + mx as usize];
                    *cell = cell.max(c);
                }
            });
        }
        CoverageMask {
            width,
            height,
            coverage,
        }
    }

    fn at(&self, x: i64, y: i64) -> f32 {
        if (0..self.width as i64).contains(&x) && (0..self.height as i64).contains(&y) {
            self.coverage[y as usize * self.width + x as usize]
        } else {
            0.0
        }
    }

    /// Bilinear sample at continuous mask coordinates (pixel centres at .5).
    fn sample(&self, x: f32, y: f32) -> f32 {
        let (x, y) = (x - 0.5, y - 0.5);
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let top = self.at(x0, y0) * (1.0 - fx) + self.at(x0 + 1, y0) * fx;
        let bottom = self.at(x0, y0 + 1) * (1.0 - fx) + self.at(x0 + 1, y0 + 1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

/// Draws `mask` rotated by `angle` around `centre`, by mapping canvas pixels
/// back into the mask. Only the pixels inside the rotated rectangle are
/// visited: for long diagonal text its bounding box is several times larger.
fn stamp_rotated(
    canvas: &mut Canvas,
    mask: &CoverageMask,
    centre: (f32, f32),
    angle: f32,
    color: [u8; 3],
    opacity: f32,
) {
    let (sin, cos) = angle.sin_cos();
    let (half_w, half_h) = (mask.width as f32 / 2.0, mask.height as f32 / 2.0);
    let reach_y = half_w * sin.abs() + half_h * cos.abs();
    for y in pixel_span(centre.1 - reach_y, centre.1 + reach_y, canvas.height) {
        let dy = y as f32 + 0.5 - centre.1;
        // Offsets dx from the centre where the pixel lands within the
        // mask's length (`along`) and within its height (`across`).
        let (Some(along), Some(across)) = (
            offsets_within(cos, dy * sin, half_w),
            offsets_within(-sin, dy * cos, half_h),
        ) else {
            continue;
        };
        let (first, last) = (along.0.max(across.0), along.1.min(across.1));
        for x in pixel_span(centre.0 + first - 0.5, centre.0 + last - 0.5, canvas.width) {
            let dx = x as f32 + 0.5 - centre.0;
            let coverage = mask.sample(dx * cos + dy * sin + half_w, -dx * sin + dy * cos + half_h);
            if coverage > 0.0 {
                canvas.blend(x, y, color, coverage * opacity);
            }
        }
    }
}

/// The range of `d` for which `|d * slope + offset| <= reach`, or `None`
/// when there is none.
fn offsets_within(slope: f32, offset: f32, reach: f32) -> Option<(f32, f32)> {
    if slope.abs() < 1e-6 {
        return (offset.abs() <= reach).then_some((f32::NEG_INFINITY, f32::INFINITY));
    }
    let (a, b) = ((-reach - offset) / slope, (reach - offset) / slope);
    Some((a.min(b), a.max(b)))
}

/// Pixel indices from `from` to `to` inclusive (rounded outwards), clipped
/// to `0..limit`; empty when `from > to`.
fn pixel_span(from: f32, to: f32, limit: u32) -> std::ops::Range<u32> {
    let clip = |v: f32| v.clamp(0.0, limit as f32) as u32;
    clip(from.floor())..clip(to.ceil() + 1.0)
}

// ---- image ----------------------------------------------------------------

/// Decodes the watermark image and scales it (up or down) to fit
/// `IMAGE_SPAN` of the rendition.
fn load_mark(
    bytes: &[u8],
    (width, height): (u32, u32),
    limits: &Limits,
) -> Result<RgbaImage, MediaError> {
    let invalid = |e: MediaError| MediaError::InvalidRequest(format!("watermark image: {e}"));
    let format = decode::sniff(bytes).map_err(invalid)?;
    // u32::MAX: the mark is small, decode it at full scale.
    let mark = decode::decode(bytes, format, limits, u32::MAX)
        .map_err(invalid)?
        .image;
    let (mark_w, mark_h) = mark.dimensions();
    let scale =
        (width as f32 * IMAGE_SPAN / mark_w as f32).min(height as f32 * IMAGE_SPAN / mark_h as f32);
    let size = |side: u32| ((side as f32 * scale).round() as u32).max(1);
    let mut rgba = DynamicImage::ImageRgba8(mark.into_rgba8());
    resize::resize_in_place(&mut rgba, (size(mark_w), size(mark_h)))?;
    Ok(rgba.into_rgba8())
}

fn stamp_centred(canvas: &mut Canvas, mark: &RgbaImage, opacity: f32) {
    let left = canvas.width.saturating_sub(mark.width()) / 2;
    let top = canvas.height.saturating_sub(mark.height()) / 2;
    for (x, y, pixel) in mark.enumerate_pixels() {
        let [r, g, b, a] = pixel.0;
        let (cx, cy) = (left + x, top + y);
        if a > 0 && cx < canvas.width && cy < canvas.height {
            canvas.blend(cx, cy, [r, g, b], f32::from(a) / 255.0 * opacity);
        }
    }
}
