//! Image probing and renditions (thumbnails, previews, watermarked copies).
//!
//! Everything here is synchronous and CPU-bound: call it from a blocking
//! pool (`tokio::task::spawn_blocking`). Inputs are untrusted uploads, so
//! decoding is bounded by [`Limits`], and decoder failures or panics come
//! back as [`MediaError`] instead of taking the worker down.

mod decode;
mod encode;
mod error;
pub mod heif;
#[cfg(feature = "turbojpeg")]
mod jpeg_turbo;
mod metadata;
pub mod pdf;
pub mod raw;
mod resize;
pub mod svg;
pub mod tool;
pub mod video;
mod watermark;
/// DejaVu Sans Bold, also the contact sheet's bold face.
pub(crate) use watermark::FONT_DATA as BOLD_FONT;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Seek};
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, ImageReader};

pub use error::MediaError;

/// Input formats we decode (GIF: first frame only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
    Tiff,
    Bmp,
}

impl SourceFormat {
    /// Lower-case name, as used in `ImageInfo::attributes["format"]`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Jpeg => "jpeg",
            SourceFormat::Png => "png",
            SourceFormat::WebP => "webp",
            SourceFormat::Gif => "gif",
            SourceFormat::Tiff => "tiff",
            SourceFormat::Bmp => "bmp",
        }
    }

    fn to_image_format(self) -> image::ImageFormat {
        match self {
            SourceFormat::Jpeg => image::ImageFormat::Jpeg,
            SourceFormat::Png => image::ImageFormat::Png,
            SourceFormat::WebP => image::ImageFormat::WebP,
            SourceFormat::Gif => image::ImageFormat::Gif,
            SourceFormat::Tiff => image::ImageFormat::Tiff,
            SourceFormat::Bmp => image::ImageFormat::Bmp,
        }
    }
}

/// Encodings a rendition can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// Lossy, `Rendition::quality` applies; transparency becomes white.
    Jpeg,
    Png,
    /// Lossless WebP.
    WebP,
}

impl OutputFormat {
    pub fn mime_type(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "image/jpeg",
            OutputFormat::Png => "image/png",
            OutputFormat::WebP => "image/webp",
        }
    }
}

/// A mark blended over a rendition. `opacity` is 0.0 (invisible) to 1.0.
#[derive(Debug, Clone, PartialEq)]
pub enum Watermark {
    /// One line of white, shadowed text along the diagonal through the
    /// centre, sized to span about 60% of the image.
    Text { text: String, opacity: f32 },
    /// An encoded image (normally a PNG with transparency; any supported
    /// input format works), centred and scaled to fit half the rendition's
    /// width and height.
    Image { png: Vec<u8>, opacity: f32 },
}

/// One output to produce from a source image.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendition {
    /// The result fits in a `max × max` box, aspect ratio kept; images
    /// already smaller are never upscaled.
    pub max: u32,
    pub format: OutputFormat,
    /// JPEG quality 1–100; ignored by PNG and (lossless) WebP.
    pub quality: u8,
    pub watermark: Option<Watermark>,
}

/// Bounds on what an upload may make us decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_width: u32,
    pub max_height: u32,
    /// Most pixels (width × height).
    pub max_pixels: u64,
    /// Largest decoded pixel buffer (and largest file) accepted, in bytes.
    pub max_alloc: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_width: 20_000,
            max_height: 20_000,
            max_pixels: 100_000_000,
            max_alloc: 512 * 1024 * 1024,
        }
    }
}

/// What `probe` learns without decoding pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: SourceFormat,
    /// Displayed size, i.e. after EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// `width`, `height`, `format`, plus from EXIF when present: `camera`,
    /// `lens`, `takenAt` (RFC 3339 when the offset is recorded),
    /// `orientation` (EXIF value 1–8) and, only if asked for,
    /// `gpsLatitude`/`gpsLongitude` (signed decimal degrees).
    pub attributes: BTreeMap<String, String>,
}

/// Reads format, displayed size and metadata from the file header and EXIF.
/// GPS coordinates are included only with `include_gps`, since they reveal
/// where the uploader was.
pub fn probe(path: impl AsRef<Path>, include_gps: bool) -> Result<ImageInfo, MediaError> {
    let mut reader = BufReader::new(File::open(path.as_ref())?);
    let format = decode::sniff(reader.fill_buf()?)?;
    let stored_size = error::catch_panics(|| {
        Ok(ImageReader::with_format(&mut reader, format.to_image_format()).into_dimensions()?)
    })?;
    reader.rewind()?;
    let exif = metadata::read_exif(&mut reader);

    let (width, height) = displayed_size(stored_size, metadata::orientation(exif.as_ref()));
    let mut attributes = exif
        .map(|e| metadata::exif_attributes(&e, include_gps))
        .unwrap_or_default();
    attributes.insert("width".into(), width.to_string());
    attributes.insert("height".into(), height.to_string());
    attributes.insert("format".into(), format.as_str().into());
    Ok(ImageInfo {
        format,
        width,
        height,
        attributes,
    })
}

/// Produces one rendition. See [`render_many`] for several at once.
pub fn render(
    path: impl AsRef<Path>,
    rendition: &Rendition,
    limits: &Limits,
) -> Result<Vec<u8>, MediaError> {
    render_many(path, std::slice::from_ref(rendition), limits)
        .pop()
        .expect("render_many returns one result per rendition")
}

/// Produces every rendition from a single decode, returning the encoded
/// bytes in the order requested. The source is decoded once, at the
/// smallest JPEG DCT scale that still covers the largest rendition, and
/// each rendition is resized from the previous (larger) clean one.
pub fn render_many(
    path: impl AsRef<Path>,
    renditions: &[Rendition],
    limits: &Limits,
) -> Vec<Result<Vec<u8>, MediaError>> {
    render_from(renditions, limits, |largest_max| {
        load_source(path.as_ref(), limits, largest_max, None)
    })
}

/// [`render_many`] of a picture decoded from another file (a HEIC's PNG), turned as `turn`
/// says instead of as the picture's own EXIF does.
pub fn render_many_turned(
    path: impl AsRef<Path>,
    renditions: &[Rendition],
    limits: &Limits,
    turn: Orientation,
) -> Vec<Result<Vec<u8>, MediaError>> {
    render_from(renditions, limits, |largest_max| {
        load_source(path.as_ref(), limits, largest_max, Some(turn))
    })
}

/// [`render_many`] for an SVG document, drawn once at the largest rendition's size.
pub fn render_svg_many(
    path: impl AsRef<Path>,
    renditions: &[Rendition],
    limits: &Limits,
) -> Vec<Result<Vec<u8>, MediaError>> {
    render_from(renditions, limits, |largest_max| {
        svg::load(path.as_ref(), limits, largest_max)
            .map(|decoded| (decoded, Orientation::NoTransforms))
    })
}

/// Every rendition from one source, loaded for the largest of them, or its error for each.
fn render_from(
    renditions: &[Rendition],
    limits: &Limits,
    load: impl FnOnce(u32) -> Result<(decode::Decoded, Orientation), MediaError>,
) -> Vec<Result<Vec<u8>, MediaError>> {
    let Some(largest_max) = renditions.iter().map(|r| r.max).max() else {
        return Vec::new();
    };
    let (decoded, orientation) = match load(largest_max) {
        Ok(source) => source,
        Err(err) => return vec![Err(err); renditions.len()],
    };
    let decode::Decoded {
        image: mut clean,
        full_size,
    } = decoded;
    let mut rendered: Vec<(usize, Result<Vec<u8>, MediaError>)> = largest_first(renditions)
        .into_iter()
        .map(|i| {
            (
                i,
                render_one(&mut clean, full_size, orientation, &renditions[i], limits),
            )
        })
        .collect();
    rendered.sort_by_key(|(i, _)| *i);
    rendered.into_iter().map(|(_, result)| result).collect()
}

fn load_source(
    path: &Path,
    limits: &Limits,
    largest_max: u32,
    turn: Option<Orientation>,
) -> Result<(decode::Decoded, Orientation), MediaError> {
    let bytes = decode::read_file(path, limits)?;
    let format = decode::sniff(&bytes)?;
    let turn = turn.unwrap_or_else(|| {
        metadata::orientation(metadata::read_exif(&mut Cursor::new(&bytes)).as_ref())
    });
    let decoded = decode::decode(&bytes, format, limits, largest_max)?;
    Ok((decoded, turn))
}

/// Indices of `renditions`, largest box first, so each one can be resized
/// from the previous result instead of from the full decode.
fn largest_first(renditions: &[Rendition]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..renditions.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(renditions[i].max));
    order
}

/// Shrinks `clean` (kept unoriented and unwatermarked for the next, smaller
/// rendition) to this rendition's box, then orients, watermarks and encodes
/// a copy. The box is square, so orientation does not change the scale.
fn render_one(
    clean: &mut DynamicImage,
    full_size: (u32, u32),
    orientation: Orientation,
    rendition: &Rendition,
    limits: &Limits,
) -> Result<Vec<u8>, MediaError> {
    if rendition.max == 0 {
        return Err(MediaError::InvalidRequest(
            "max must be at least 1 px".into(),
        ));
    }
    resize::resize_in_place(clean, resize::fit_within(full_size, rendition.max))?;
    *clean = decode::to_8bit_rgb_or_rgba(std::mem::take(clean));
    let mut output = clean.clone();
    output.apply_orientation(orientation);
    if let Some(mark) = &rendition.watermark {
        watermark::apply(&mut output, mark, limits)?;
    }
    encode::encode(&output, rendition.format, rendition.quality)
}

/// The mark alone on a transparent `width × height` picture, as PNG: laid over video frames,
/// so proxies carry the same mark as previews.
pub fn watermark_overlay(
    width: u32,
    height: u32,
    mark: &Watermark,
    limits: &Limits,
) -> Result<Vec<u8>, MediaError> {
    let mut canvas = DynamicImage::ImageRgba8(image::RgbaImage::new(width, height));
    watermark::apply(&mut canvas, mark, limits)?;
    encode::encode(&canvas, OutputFormat::Png, 100)
}

/// Sets glibc's allocator up for a server that now and then holds large buffers (decoded
/// images, argon2's memory-hard hashing, upload chunks) and idles in between. By default glibc
/// raises its mmap threshold after the first large free (up to 32 MiB) and from then on keeps
/// such buffers in its heaps, one heap per thread that allocated: after a batch of photos the
/// server kept what it no longer used. A fixed threshold has every buffer of 256 KiB or more
/// mapped on its own and unmapped when freed, and two arenas keep the small rest together so
/// [`return_freed_memory`] finds it. Call first thing in `main`, before threads start.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::raw::c_int;
        unsafe extern "C" {
            fn mallopt(param: c_int, value: c_int) -> c_int;
        }
        // glibc's <malloc.h> numbers.
        const M_MMAP_THRESHOLD: c_int = -3;
        const M_ARENA_MAX: c_int = -8;
        // SAFETY: mallopt only sets glibc's allocator parameters; it takes no pointers.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 256 * 1024);
            mallopt(M_ARENA_MAX, 2);
        }
    }
}

/// Gives memory freed by finished jobs back to the system. glibc keeps large freed buffers in
/// its heap (its mmap threshold rises after the first large free), so after a batch of big
/// images the server would otherwise hold hundreds of MiB it no longer uses.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::os::raw::c_int;
        }
        // SAFETY: malloc_trim takes no pointers; it only walks glibc's own arenas, under their locks.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The size of the picture at `path` once turned by `turn`, from its header.
pub fn turned_size(path: &Path, turn: Orientation) -> Result<(u32, u32), MediaError> {
    let stored = error::catch_panics(|| Ok(image::image_dimensions(path)?))?;
    Ok(displayed_size(stored, turn))
}

fn displayed_size((width, height): (u32, u32), orientation: Orientation) -> (u32, u32) {
    if metadata::swaps_axes(orientation) {
        (height, width)
    } else {
        (width, height)
    }
}
