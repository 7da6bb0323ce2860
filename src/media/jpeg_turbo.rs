//! JPEG decoding at reduced DCT scale through libjpeg-turbo (the `turbojpeg` crate, linked to
//! the system's libturbojpeg): its entropy decoding is what made jpeg-decoder slower than Pillow
//! (README, footnote ⁵). jpeg-decoder stays as the fallback for what libjpeg-turbo refuses.

use image::DynamicImage;
use turbojpeg::{Colorspace, Decompressor, Image, PixelFormat};

/// Decodes `bytes` at 1/`factor` scale (2, 4 or 8), as grey or 8-bit RGB, into a buffer of
/// `width.div_ceil(factor) × height.div_ceil(factor)` pixels. libjpeg-turbo's own memory (a few
/// block rows, or every coefficient of a progressive file) stays within what the caller's budget
/// check charged for a full-scale decode.
///
/// libjpeg-turbo refuses (an error, nothing decoded) what it cannot turn into grey or RGB, such
/// as CMYK and YCCK files, and reports a damaged file even where it could fill the gaps: `None`.
/// The caller then falls back to its own decoder, which decides about those.
pub(super) fn decode_scaled(bytes: &[u8], factor: u32) -> Option<DynamicImage> {
    let mut decompressor = Decompressor::new().ok()?;
    let header = decompressor.read_header(bytes).ok()?;
    if header.width.max(header.height) < 8 {
        return None; // `scaled_size` would not pin libjpeg-turbo's factor
    }
    let (width, height) = scaled_size(header.width, header.height, factor);
    let format = match header.colorspace {
        Colorspace::Gray => PixelFormat::GRAY,
        _ => PixelFormat::RGB,
    };
    let pitch = width * format.size();
    let mut image = Image {
        pixels: vec![0; pitch * height],
        width,
        pitch,
        height,
        format,
    };
    // The TurboJPEG 2 API (Debian 12 ships 2.1) has no explicit scaling factor: it decodes at the
    // largest of its factors (2/1, 15/8 … 1/4, 1/8) that fits the requested size. Asking for
    // exactly the 1/factor size gets exactly 1/factor (see `scaled_size`).
    decompressor.decompress(bytes, image.as_deref_mut()).ok()?;
    // JPEG sides are 16-bit, and the buffer is exactly width × height pixels.
    let (width, height) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
    Some(match format {
        PixelFormat::GRAY => {
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(width, height, image.pixels)?)
        }
        _ => DynamicImage::ImageRgb8(image::RgbImage::from_raw(width, height, image.pixels)?),
    })
}

/// Size of the 1/`factor` decode, rounded up as libjpeg does. The next larger libjpeg-turbo factor
/// (1/4 above 1/8, 3/8 above 1/4, 5/8 above 1/2) is 1/8 more, so for a longer side of at least
/// 8 px it is a pixel too large and libjpeg-turbo settles on exactly 1/`factor`; callers only
/// reduce images larger than a rendition box.
fn scaled_size(width: usize, height: usize, factor: u32) -> (usize, usize) {
    let factor = factor as usize;
    (width.div_ceil(factor), height.div_ceil(factor))
}

#[cfg(test)]
mod tests {
    use image::{imageops, DynamicImage, GenericImageView, RgbImage};

    use super::decode_scaled;
    use crate::media::{render, Limits, OutputFormat, Rendition};

    fn gradient(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 96])
        })
    }

    fn encode(
        pixels: &[u8],
        (width, height): (u32, u32),
        color: jpeg_encoder::ColorType,
    ) -> Vec<u8> {
        encode_as(pixels, (width, height), color, false)
    }

    fn encode_as(
        pixels: &[u8],
        (width, height): (u32, u32),
        color: jpeg_encoder::ColorType,
        progressive: bool,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
        encoder.set_progressive(progressive);
        encoder
            .encode(pixels, width as u16, height as u16, color)
            .expect("test JPEG encodes");
        out
    }

    /// Mean absolute difference per channel between same-sized RGB images.
    fn difference(a: &DynamicImage, b: &DynamicImage) -> f64 {
        let (a, b) = (a.to_rgb8(), b.to_rgb8());
        assert_eq!(a.dimensions(), b.dimensions());
        let sum: u64 = a
            .as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(&x, &y)| u64::from(x.abs_diff(y)))
            .sum();
        sum as f64 / a.as_raw().len() as f64
    }

    #[test]
    fn a_colour_jpeg_decodes_at_exactly_the_reduced_scale_and_looks_like_a_downscale() {
        let original = gradient(803, 601);
        let rgb = jpeg_encoder::ColorType::Rgb;
        let baseline = encode(original.as_raw(), (803, 601), rgb);
        let progressive = encode_as(original.as_raw(), (803, 601), rgb, true);
        let sizes = [(8, (101, 76)), (4, (201, 151)), (2, (402, 301))];
        for ((factor, size), bytes) in sizes
            .into_iter()
            .flat_map(|s| [(s, &baseline), (s, &progressive)])
        {
            let decoded = decode_scaled(bytes, factor).expect("libjpeg-turbo decodes it");
            assert!(matches!(decoded, DynamicImage::ImageRgb8(_)));
            assert_eq!(decoded.dimensions(), size, "1/{factor}");
            let reference =
                imageops::resize(&original, size.0, size.1, imageops::FilterType::Triangle);
            let diff = difference(&decoded, &reference.into());
            assert!(
                diff < 4.0,
                "1/{factor}: mean difference {diff:.2} from a reference downscale"
            );
        }
    }

    #[test]
    fn a_grey_jpeg_stays_grey_at_reduced_scale() {
        let grey = image::GrayImage::from_fn(640, 480, |x, _| image::Luma([(x * 255 / 640) as u8]));
        let bytes = encode(grey.as_raw(), (640, 480), jpeg_encoder::ColorType::Luma);
        let decoded = decode_scaled(&bytes, 4).expect("libjpeg-turbo decodes it");
        assert!(matches!(decoded, DynamicImage::ImageLuma8(_)));
        assert_eq!(decoded.dimensions(), (160, 120));
    }

    /// libjpeg-turbo cannot turn CMYK into RGB: it refuses the file, and the render still
    /// succeeds through the fallback decoders, looking like the full-scale decode of the file.
    #[test]
    fn a_cmyk_jpeg_is_refused_by_libjpeg_turbo_and_rendered_by_the_fallback() {
        let cmyk: Vec<u8> = gradient(800, 600)
            .pixels()
            .flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2], 0])
            .collect();
        let bytes = encode(&cmyk, (800, 600), jpeg_encoder::ColorType::Cmyk);
        assert!(decode_scaled(&bytes, 8).is_none());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cmyk.jpg");
        std::fs::write(&path, &bytes).unwrap();
        let rendition = Rendition {
            max: 100,
            format: OutputFormat::Png,
            quality: 85,
            watermark: None,
        };
        let thumbnail = image::load_from_memory(
            &render(&path, &rendition, &Limits::default()).expect("renders"),
        )
        .unwrap();
        assert_eq!(thumbnail.dimensions(), (100, 75));
        let full = image::load_from_memory(&bytes).expect("image decodes CMYK");
        let reference = full.resize_exact(100, 75, imageops::FilterType::Triangle);
        let diff = difference(&thumbnail, &reference);
        assert!(
            diff < 4.0,
            "mean difference {diff:.2} from the full-scale decode"
        );
    }

    /// Below 8 px a side, libjpeg-turbo's next larger factor could fit the size asked for too.
    #[test]
    fn tiny_images_are_left_to_the_fallback() {
        let tiny = gradient(7, 5);
        let bytes = encode(tiny.as_raw(), (7, 5), jpeg_encoder::ColorType::Rgb);
        assert!(decode_scaled(&bytes, 2).is_none());
    }

    #[test]
    fn damaged_bytes_are_refused_not_decoded() {
        assert!(decode_scaled(b"\xFF\xD8\xFF\xE0 not a JPEG", 8).is_none());
        assert!(decode_scaled(&[], 2).is_none());
    }
}
