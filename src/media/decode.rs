//! Reading, sniffing and decoding source images within `Limits`.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader};
use jpeg_decoder::{CodingProcess, PixelFormat};

use super::error::catch_panics;
#[cfg(feature = "turbojpeg")]
use super::jpeg_turbo;
use super::resize::fit_within;
use super::{Limits, MediaError, SourceFormat};

const MIB: u64 = 1024 * 1024;

/// A decoded image, possibly smaller than the file's real size (JPEGs are
/// decoded at a reduced DCT scale when only small renditions are needed).
pub(super) struct Decoded {
    /// As the decoder gives it (grey, 16-bit…): converting a large image to 8-bit RGB before
    /// shrinking it would take up to four times the decoded memory, so the pipeline converts
    /// after the first resize ([`to_8bit_rgb_or_rgba`]).
    pub image: DynamicImage,
    /// Size of the image as stored in the file, before EXIF orientation.
    pub full_size: (u32, u32),
}

/// Reads the whole file; refuses files larger than the allocation budget
/// before reading them.
pub(super) fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, MediaError> {
    let len = std::fs::metadata(path)?.len();
    if len > limits.max_alloc {
        return Err(MediaError::TooLarge(format!(
            "file is {} MiB, limit {} MiB",
            len.div_ceil(MIB),
            limits.max_alloc / MIB
        )));
    }
    Ok(std::fs::read(path)?)
}

/// Identifies the format from the magic bytes; the file name is not trusted.
pub(super) fn sniff(header: &[u8]) -> Result<SourceFormat, MediaError> {
    use image::ImageFormat as F;
    match image::guess_format(header) {
        Ok(F::Jpeg) => Ok(SourceFormat::Jpeg),
        Ok(F::Png) => Ok(SourceFormat::Png),
        Ok(F::WebP) => Ok(SourceFormat::WebP),
        Ok(F::Gif) => Ok(SourceFormat::Gif),
        Ok(F::Tiff) => Ok(SourceFormat::Tiff),
        Ok(F::Bmp) => Ok(SourceFormat::Bmp),
        _ => Err(MediaError::Unsupported(
            "not a JPEG, PNG, WebP, GIF, TIFF or BMP file".into(),
        )),
    }
}

/// Decodes `bytes`, at reduced scale when every requested rendition fits in
/// a `largest_max` box. Panics inside decoders become `Corrupt` errors.
pub(super) fn decode(
    bytes: &[u8],
    format: SourceFormat,
    limits: &Limits,
    largest_max: u32,
) -> Result<Decoded, MediaError> {
    catch_panics(|| match format {
        SourceFormat::Jpeg => decode_jpeg(bytes, limits, largest_max),
        _ => decode_with_image(bytes, format, limits, largest_max),
    })
}

/// Bytes the whole pipeline holds at its peak for an image of `size` decoded into
/// `decoded_bytes`: the file, the decoded pixels, and beside them the first shrunk copy in the
/// decoded format, its 8-bit conversion, the oriented/watermarked copy and the encoder's input.
pub(super) fn pipeline_bytes(
    file_bytes: u64,
    (width, height): (u32, u32),
    decoded_bytes: u64,
    largest_max: u32,
) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    let decoded_per_pixel = decoded_bytes.div_ceil(pixels.max(1));
    let (shrunk_w, shrunk_h) = fit_within((width, height), largest_max);
    let shrunk = u64::from(shrunk_w) * u64::from(shrunk_h);
    file_bytes + decoded_bytes + shrunk * (decoded_per_pixel + 3 * 4)
}

/// Refuses images whose dimensions or pipeline memory ([`pipeline_bytes`]) exceed `limits`.
/// Called with header information only, before any pixel buffer exists.
fn check_size(
    width: u32,
    height: u32,
    decoded_bytes: u64,
    limits: &Limits,
) -> Result<(), MediaError> {
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt(format!(
            "image has no pixels ({width}×{height})"
        )));
    }
    if width > limits.max_width || height > limits.max_height {
        return Err(MediaError::TooLarge(format!(
            "{width}×{height} px, limit {}×{} px",
            limits.max_width, limits.max_height
        )));
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(MediaError::TooLarge(format!(
            "{width}×{height} px, limit {} pixels",
            limits.max_pixels
        )));
    }
    if decoded_bytes > limits.max_alloc {
        return Err(MediaError::TooLarge(format!(
            "{width}×{height} px needs {} MiB, limit {} MiB",
            decoded_bytes.div_ceil(MIB),
            limits.max_alloc / MIB
        )));
    }
    Ok(())
}

fn decode_with_image(
    bytes: &[u8],
    format: SourceFormat,
    limits: &Limits,
    largest_max: u32,
) -> Result<Decoded, MediaError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.to_image_format());
    // Dimensions are checked by `check_size` (with a clearer message); the
    // allocation budget is also handed to the decoders for their own buffers.
    let mut decoder_limits = image::Limits::no_limits();
    decoder_limits.max_alloc = Some(limits.max_alloc);
    reader.limits(decoder_limits);

    let decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    let needs = pipeline_bytes(
        bytes.len() as u64,
        (width, height),
        decoder.total_bytes(),
        largest_max,
    );
    check_size(width, height, needs, limits)?;
    let image = DynamicImage::from_decoder(decoder)?;
    Ok(Decoded {
        image,
        full_size: (width, height),
    })
}

/// JPEG at 1/2, 1/4 or 1/8 scale straight from the reduced-size IDCT: far less work and memory
/// than decoding 24 MP and throwing most of it away. libjpeg-turbo does it ([`jpeg_turbo`]);
/// what it refuses goes to `jpeg-decoder`, which scales too. Full-scale decodes go through `image`
/// (zune-jpeg). The header is read by `jpeg-decoder` for the budget check either way.
fn decode_jpeg(bytes: &[u8], limits: &Limits, largest_max: u32) -> Result<Decoded, MediaError> {
    if is_truncated_jpeg(bytes) {
        return Err(MediaError::Corrupt(
            "truncated JPEG (no end-of-image marker)".into(),
        ));
    }
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info()?;
    let info = decoder
        .info()
        .ok_or_else(|| MediaError::Corrupt("missing JPEG header".into()))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let needs = pipeline_bytes(
        bytes.len() as u64,
        (width, height),
        jpeg_memory(&info),
        largest_max,
    );
    check_size(width, height, needs, limits)?;

    let factor = dct_reduction(width, height, largest_max);
    if factor == 1 {
        return decode_with_image(bytes, SourceFormat::Jpeg, limits, largest_max);
    }
    #[cfg(feature = "turbojpeg")]
    if let Some(image) = jpeg_turbo::decode_scaled(bytes, factor) {
        return Ok(Decoded {
            image,
            full_size: (width, height),
        });
    }
    // jpeg-decoder scales plain 8-bit grey/colour DCT images; CMYK,
    // lossless and 16-bit ones are rare enough to decode at full scale.
    let scalable = matches!(info.pixel_format, PixelFormat::L8 | PixelFormat::RGB24)
        && info.coding_process != CodingProcess::Lossless;
    if !scalable {
        return decode_with_image(bytes, SourceFormat::Jpeg, limits, largest_max);
    }
    // jpeg-decoder picks the smallest scale reaching the requested size,
    // which is exactly `factor` for this request.
    decoder.scale(
        width.div_ceil(factor) as u16,
        height.div_ceil(factor) as u16,
    )?;
    let pixels = decoder.decode()?;
    let scaled = decoder
        .info()
        .ok_or_else(|| MediaError::Corrupt("missing JPEG header".into()))?;
    let image = jpeg_pixels_to_image(
        pixels,
        u32::from(scaled.width),
        u32::from(scaled.height),
        scaled.pixel_format,
    )?;
    Ok(Decoded {
        image,
        full_size: (width, height),
    })
}

/// zune-jpeg (the full-scale path) fills a cut-off image with grey and
/// reports success, so truncation is detected up front for both paths: the
/// last end-of-image marker (FF D9) must come after the last start-of-scan
/// (FF DA). Entropy-coded data cannot contain either marker (FF bytes are
/// stuffed), and an embedded EXIF thumbnail's EOI comes before the main
/// image's scans.
fn is_truncated_jpeg(bytes: &[u8]) -> bool {
    const END_OF_IMAGE: [u8; 2] = [0xFF, 0xD9];
    const START_OF_SCAN: [u8; 2] = [0xFF, 0xDA];
    match bytes.windows(2).rposition(|w| w == END_OF_IMAGE) {
        Some(end) => bytes[end..].windows(2).any(|w| w == START_OF_SCAN),
        None => true,
    }
}

/// Bytes a full-scale decode needs: the pixels, plus for progressive JPEGs
/// every DCT coefficient (2 bytes each), which both decoders keep until the
/// last scan.
fn jpeg_memory(info: &jpeg_decoder::ImageInfo) -> u64 {
    let pixel_bytes =
        u64::from(info.width) * u64::from(info.height) * info.pixel_format.pixel_bytes() as u64;
    let coefficient_bytes = match info.coding_process {
        CodingProcess::DctProgressive => pixel_bytes * 2,
        _ => 0,
    };
    pixel_bytes + coefficient_bytes
}

/// Largest DCT reduction (8, 4, 2 or 1) whose output still covers the
/// rendition box in both axes, so the final resize only ever shrinks.
fn dct_reduction(width: u32, height: u32, largest_max: u32) -> u32 {
    let (target_w, target_h) = fit_within((width, height), largest_max);
    [8, 4, 2]
        .into_iter()
        .find(|&f| width.div_ceil(f) >= target_w && height.div_ceil(f) >= target_h)
        .unwrap_or(1)
}

fn jpeg_pixels_to_image(
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    format: PixelFormat,
) -> Result<DynamicImage, MediaError> {
    let wrong_size = || MediaError::Corrupt("JPEG pixel data has the wrong size".into());
    let image = match format {
        PixelFormat::L8 => DynamicImage::ImageLuma8(
            image::GrayImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?,
        ),
        PixelFormat::RGB24 => DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?,
        ),
        other => {
            return Err(MediaError::Unsupported(format!(
                "JPEG pixel format {other:?} at reduced scale"
            )))
        }
    };
    Ok(image)
}

/// The pipeline after the first resize (watermark, encoders) works on 8-bit
/// RGB, or RGBA when the source has transparency.
pub(super) fn to_8bit_rgb_or_rgba(image: DynamicImage) -> DynamicImage {
    if matches!(
        image,
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_)
    ) {
        image
    } else if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    }
}

#[cfg(test)]
mod tests {
    use super::dct_reduction;

    #[test]
    fn the_dct_scale_is_the_smallest_that_still_covers_the_largest_rendition() {
        // The server's renditions of a 24 MP photo: the 500 px preview needs 1/8 (750×500).
        assert_eq!(dct_reduction(6000, 4000, 500), 8);
        // A 1600 px preset: 1/4 would give 1500×1000, short of 1600×1067.
        assert_eq!(dct_reduction(6000, 4000, 1600), 2);
        assert_eq!(dct_reduction(6000, 4000, 3000), 2);
        assert_eq!(dct_reduction(6000, 4000, 3001), 1);
        // Exactly covering is enough; a partial block still yields a row.
        assert_eq!(dct_reduction(4000, 3000, 500), 8);
        assert_eq!(dct_reduction(6001, 4001, 751), 8);
        assert_eq!(dct_reduction(6000, 4000, 751), 4);
    }

    #[test]
    fn the_dct_scale_does_not_depend_on_orientation_and_never_upscales() {
        // Boxes are square, so a portrait (EXIF-turned) photo reduces like its landscape twin.
        assert_eq!(
            dct_reduction(4000, 6000, 500),
            dct_reduction(6000, 4000, 500)
        );
        assert_eq!(dct_reduction(4000, 6000, 1600), 2);
        // Already within the box: decoded at full scale, never shrunk below it.
        assert_eq!(dct_reduction(400, 300, 500), 1);
        assert_eq!(dct_reduction(150, 100, 150), 1);
    }
}
