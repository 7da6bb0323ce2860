//! Box fitting and SIMD resizing.

use fast_image_resize::{ResizeOptions, Resizer};
use image::{DynamicImage, GenericImageView};

use super::MediaError;

/// Size that fits `(width, height)` into a `max × max` box keeping the aspect
/// ratio. Never larger than the original: small images are not upscaled.
pub(super) fn fit_within((width, height): (u32, u32), max: u32) -> (u32, u32) {
    // Callers reject a zero box; still, never compute an empty image.
    let max = max.max(1);
    if width <= max && height <= max {
        return (width, height);
    }
    let scale = f64::from(max) / f64::from(width.max(height));
    let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, max);
    (scaled(width), scaled(height))
}

/// Resizes to exactly `size` with Lanczos3 (alpha-aware for RGBA); does
/// nothing when the image already has that size.
pub(super) fn resize_in_place(
    image: &mut DynamicImage,
    size: (u32, u32),
) -> Result<(), MediaError> {
    if image.dimensions() == size {
        return Ok(());
    }
    let mut resized = DynamicImage::new(size.0, size.1, image.color());
    Resizer::new()
        .resize(image, &mut resized, &ResizeOptions::new())
        .map_err(|e| MediaError::Encode(format!("resize failed: {e}")))?;
    *image = resized;
    Ok(())
}
