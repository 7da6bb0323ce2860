mod fixtures;

use std::time::{Duration, Instant};

use image::{imageops, DynamicImage, GenericImageView, ImageFormat, Rgb, Rgba, RgbaImage};
use tempfile::{tempdir, TempDir};

use super::*;
use fixtures::*;

const ALL_OUTPUTS: [OutputFormat; 3] = [OutputFormat::Jpeg, OutputFormat::Png, OutputFormat::WebP];

fn image_format_of(format: OutputFormat) -> ImageFormat {
    match format {
        OutputFormat::Jpeg => ImageFormat::Jpeg,
        OutputFormat::Png => ImageFormat::Png,
        OutputFormat::WebP => ImageFormat::WebP,
    }
}

/// The error of a render that must fail (without dumping the bytes of an
/// unexpected success).
fn render_err(path: &std::path::Path, rendition: &Rendition, limits: &Limits) -> MediaError {
    match render(path, rendition, limits) {
        Ok(bytes) => panic!("expected an error, got a {}-byte image", bytes.len()),
        Err(err) => err,
    }
}

fn render_ok(dir: &TempDir, name: &str, bytes: &[u8], rendition: &Rendition) -> DynamicImage {
    let path = write(dir, name, bytes);
    let out = render(&path, rendition, &Limits::default()).expect("renders");
    assert_eq!(
        image::guess_format(&out).unwrap(),
        image_format_of(rendition.format)
    );
    decoded(&out)
}

// ---- sizes and formats ------------------------------------------------------

#[test]
fn renditions_fit_the_box_and_never_upscale() {
    let dir = tempdir().unwrap();
    let cases = [
        ("landscape", 3000, 2000, 150, (150, 100)),
        ("portrait", 1000, 1500, 150, (100, 150)),
        ("square", 800, 800, 150, (150, 150)),
        ("tiny", 40, 30, 150, (40, 30)),
        ("exact", 150, 100, 150, (150, 100)),
        ("odd", 1001, 333, 100, (100, 33)),
    ];
    for (name, width, height, max, expected) in cases {
        let source = jpeg(&photo(width, height), 85);
        let thumb = render_ok(&dir, name, &source, &rendition(max, OutputFormat::Jpeg));
        assert_eq!(thumb.dimensions(), expected, "{name}");
    }
}

#[test]
fn every_input_format_renders_to_every_output_format() {
    let dir = tempdir().unwrap();
    let source = DynamicImage::ImageRgb8(photo(320, 240));
    let inputs = [
        ("jpeg", jpeg(source.as_rgb8().unwrap(), 90)),
        ("jpeg", progressive_jpeg(source.as_rgb8().unwrap(), 90)),
        ("png", encoded(&source, ImageFormat::Png)),
        ("webp", encoded(&source, ImageFormat::WebP)),
        ("gif", encoded(&source, ImageFormat::Gif)),
        ("tiff", encoded(&source, ImageFormat::Tiff)),
        ("bmp", encoded(&source, ImageFormat::Bmp)),
    ];
    for (name, bytes) in &inputs {
        for format in ALL_OUTPUTS {
            let out = render_ok(&dir, name, bytes, &rendition(100, format));
            assert_eq!(out.dimensions(), (100, 75), "{name} -> {format:?}");
            assert!(
                is_red(out.to_rgb8()[(5, 5)]),
                "{name} -> {format:?}: marker lost"
            );
        }
        let info = probe(write(&dir, name, bytes), false).unwrap();
        assert_eq!(info.format.as_str(), *name);
        assert_eq!((info.width, info.height), (320, 240));
    }
}

/// The reduced-scale JPEG decode must look like a proper downscale of the
/// original, not just have the right size.
#[test]
fn jpeg_thumbnails_match_a_reference_downscale() {
    let dir = tempdir().unwrap();
    let original = photo(800, 600);
    let source = jpeg(&original, 92);
    // 100: exactly 1/8 scale; 150: 1/4 scale then resized; 500: full decode.
    for max in [100, 150, 500] {
        let thumb = render_ok(
            &dir,
            "photo.jpg",
            &source,
            &rendition(max, OutputFormat::Png),
        )
        .to_rgb8();
        let (w, h) = thumb.dimensions();
        let reference = imageops::resize(&original, w, h, imageops::FilterType::Triangle);
        let diff = mean_abs_diff(&thumb, &reference);
        assert!(
            diff < 6.0,
            "max {max}: mean difference {diff:.2} from a reference downscale"
        );
    }
}

#[test]
fn render_many_returns_results_in_request_order() {
    let dir = tempdir().unwrap();
    let path = write(&dir, "photo.jpg", &jpeg(&photo(1600, 1200), 90));
    let watermarked = Rendition {
        watermark: Some(Watermark::Text {
            text: "handoff".into(),
            opacity: 0.5,
        }),
        ..rendition(150, OutputFormat::Jpeg)
    };
    let renditions = [
        rendition(150, OutputFormat::Jpeg),
        rendition(1000, OutputFormat::WebP),
        rendition(400, OutputFormat::Png),
        watermarked,
        rendition(0, OutputFormat::Png),
    ];
    let results = render_many(&path, &renditions, &Limits::default());
    assert_eq!(results.len(), renditions.len());
    let sizes: Vec<(u32, u32)> = results[..4]
        .iter()
        .map(|r| decoded(r.as_ref().unwrap()).dimensions())
        .collect();
    assert_eq!(sizes, [(150, 113), (1000, 750), (400, 300), (150, 113)]);
    for (result, rendition) in results[..4].iter().zip(&renditions) {
        assert_eq!(
            image::guess_format(result.as_ref().unwrap()).unwrap(),
            image_format_of(rendition.format)
        );
    }
    assert_ne!(
        results[0], results[3],
        "watermarked thumbnail equals the plain one"
    );
    assert!(matches!(results[4], Err(MediaError::InvalidRequest(_))));
}

#[test]
fn render_many_with_no_or_only_invalid_renditions() {
    let dir = tempdir().unwrap();
    let path = write(&dir, "photo.jpg", &jpeg(&photo(64, 48), 85));
    assert!(render_many(&path, &[], &Limits::default()).is_empty());
    let results = render_many(
        &path,
        &[rendition(0, OutputFormat::Png)],
        &Limits::default(),
    );
    assert!(
        matches!(results[..], [Err(MediaError::InvalidRequest(_))]),
        "{results:?}"
    );
}

#[test]
fn gif_renders_its_first_frame() {
    let dir = tempdir().unwrap();
    let frame = |color: [u8; 4]| image::Frame::new(RgbaImage::from_pixel(60, 40, Rgba(color)));
    let mut gif = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut gif)
        .encode_frames([frame([0, 200, 0, 255]), frame([0, 0, 200, 255])])
        .unwrap();
    let out = render_ok(&dir, "anim.gif", &gif, &rendition(30, OutputFormat::Png)).to_rgb8();
    assert_eq!(out.dimensions(), (30, 20));
    assert_eq!(out[(15, 10)], Rgb([0, 200, 0]));
}

#[test]
fn transparency_is_kept_in_png_and_flattened_to_white_in_jpeg() {
    let dir = tempdir().unwrap();
    let half_clear = RgbaImage::from_fn(200, 100, |x, _| {
        if x < 100 {
            Rgba([0, 0, 255, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let bytes = encoded(&DynamicImage::ImageRgba8(half_clear), ImageFormat::Png);

    let png = render_ok(
        &dir,
        "clear.png",
        &bytes,
        &rendition(100, OutputFormat::Png),
    )
    .to_rgba8();
    assert_eq!(png[(10, 25)], Rgba([0, 0, 255, 255]));
    assert_eq!(png[(90, 25)].0[3], 0);

    let jpg = render_ok(
        &dir,
        "clear.png",
        &bytes,
        &rendition(100, OutputFormat::Jpeg),
    )
    .to_rgb8();
    assert!(
        jpg[(90, 25)].0.iter().all(|&c| c > 240),
        "transparent area is {:?}",
        jpg[(90, 25)]
    );
    assert!(jpg[(10, 25)].0[2] > 200 && jpg[(10, 25)].0[0] < 60);
}

// ---- EXIF ---------------------------------------------------------------------

#[test]
fn exif_orientation_6_turns_the_thumbnail_and_the_probed_size() {
    let dir = tempdir().unwrap();
    let bytes = with_app1(&jpeg(&photo(300, 200), 90), &exif_app1(6));
    let path = write(&dir, "rotated.jpg", &bytes);

    let thumb = decoded(
        &render(
            &path,
            &rendition(150, OutputFormat::Jpeg),
            &Limits::default(),
        )
        .unwrap(),
    )
    .to_rgb8();
    assert_eq!(thumb.dimensions(), (100, 150));
    // Rotating 90° clockwise moves the stored top-left marker to the top-right.
    assert!(
        is_red(thumb[(90, 10)]),
        "marker not top-right: {:?}",
        thumb[(90, 10)]
    );
    assert!(!is_red(thumb[(10, 10)]));

    let info = probe(&path, false).unwrap();
    assert_eq!((info.width, info.height), (200, 300));
    let attr = |key: &str| info.attributes.get(key).map(String::as_str);
    assert_eq!(attr("width"), Some("200"));
    assert_eq!(attr("height"), Some("300"));
    assert_eq!(attr("format"), Some("jpeg"));
    assert_eq!(attr("camera"), Some("Acme Snapper 3000"));
    assert_eq!(attr("lens"), Some("Acme 24-70mm F2.8"));
    assert_eq!(attr("takenAt"), Some("2024-05-17T14:03:21+02:00"));
    assert_eq!(attr("orientation"), Some("6"));
    assert_eq!(attr("gpsLatitude"), None, "GPS must be opt-in");
    assert_eq!(attr("gpsLongitude"), None);
}

#[test]
fn probe_reports_gps_only_when_asked() {
    let dir = tempdir().unwrap();
    let path = write(
        &dir,
        "gps.jpg",
        &with_app1(&jpeg(&photo(64, 48), 90), &exif_app1(1)),
    );
    let info = probe(&path, true).unwrap();
    assert_eq!(
        info.attributes.get("gpsLatitude").map(String::as_str),
        Some("48.858233")
    );
    assert_eq!(
        info.attributes.get("gpsLongitude").map(String::as_str),
        Some("-2.294500")
    );
    assert_eq!((info.width, info.height), (64, 48));
}

#[test]
fn every_exif_orientation_puts_the_marker_in_the_right_corner() {
    let dir = tempdir().unwrap();
    let source = jpeg(&photo(300, 200), 90);
    // Corner where the stored top-left ends up: (right?, bottom?)
    let expected = [
        (1, false, false),
        (2, true, false),
        (3, true, true),
        (4, false, true),
        (5, false, false),
        (6, true, false),
        (7, true, true),
        (8, false, true),
    ];
    for (orientation, right, bottom) in expected {
        let out = render_ok(
            &dir,
            "o.jpg",
            &with_app1(&source, &exif_app1(orientation)),
            &rendition(150, OutputFormat::Png),
        );
        let (w, h) = out.dimensions();
        assert_eq!(
            (w, h),
            if orientation >= 5 {
                (100, 150)
            } else {
                (150, 100)
            },
            "orientation {orientation}"
        );
        let x = if right { w - 5 } else { 5 };
        let y = if bottom { h - 5 } else { 5 };
        assert!(
            is_red(out.to_rgb8()[(x, y)]),
            "orientation {orientation}: marker not at ({x}, {y})"
        );
    }
}

#[test]
fn probe_without_exif_has_only_basic_attributes() {
    let dir = tempdir().unwrap();
    let path = write(
        &dir,
        "plain.png",
        &encoded(&DynamicImage::ImageRgb8(photo(64, 48)), ImageFormat::Png),
    );
    let info = probe(&path, true).unwrap();
    let keys: Vec<&str> = info.attributes.keys().map(String::as_str).collect();
    assert_eq!(keys, ["format", "height", "width"]);
    assert_eq!(info.format, SourceFormat::Png);
}

// ---- watermarks ---------------------------------------------------------------

/// Pixels that differ clearly between two renditions, as (x, y).
fn changed_pixels(plain: &RgbaImage, marked: &RgbaImage) -> Vec<(u32, u32)> {
    assert_eq!(plain.dimensions(), marked.dimensions());
    plain
        .enumerate_pixels()
        .filter(|&(x, y, p)| {
            p.0.iter()
                .zip(marked[(x, y)].0)
                .any(|(a, b)| a.abs_diff(b) > 24)
        })
        .map(|(x, y, _)| (x, y))
        .collect()
}

fn render_pair(watermark: Watermark, format: OutputFormat) -> (RgbaImage, RgbaImage) {
    let dir = tempdir().unwrap();
    let path = write(
        &dir,
        "photo.png",
        &encoded(&DynamicImage::ImageRgb8(photo(600, 400)), ImageFormat::Png),
    );
    let plain = rendition(300, format);
    let marked = Rendition {
        watermark: Some(watermark),
        ..plain.clone()
    };
    let results = render_many(&path, &[plain, marked], &Limits::default());
    let decode = |r: &Result<Vec<u8>, MediaError>| decoded(r.as_ref().unwrap()).to_rgba8();
    (decode(&results[0]), decode(&results[1]))
}

#[test]
fn text_watermark_is_visible_centred_and_wide() {
    let (plain, marked) = render_pair(
        Watermark::Text {
            text: "CONFIDENTIAL".into(),
            opacity: 0.6,
        },
        OutputFormat::Png,
    );
    let changed = changed_pixels(&plain, &marked);
    let (w, h) = plain.dimensions();
    assert!(
        changed.len() > (w * h / 25) as usize,
        "only {} pixels changed",
        changed.len()
    );

    let n = changed.len() as f64;
    let centre_x = changed.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let centre_y = changed.iter().map(|p| f64::from(p.1)).sum::<f64>() / n;
    assert!(
        (centre_x - f64::from(w) / 2.0).abs() < f64::from(w) * 0.1,
        "not centred: x {centre_x}"
    );
    assert!(
        (centre_y - f64::from(h) / 2.0).abs() < f64::from(h) * 0.1,
        "not centred: y {centre_y}"
    );

    let span =
        changed.iter().map(|p| p.0).max().unwrap() - changed.iter().map(|p| p.0).min().unwrap();
    assert!(
        (0.5..0.75).contains(&(f64::from(span) / f64::from(w))),
        "spans {span} of {w} px"
    );
    for corner in [(0, h - 1), (w - 1, 0), (w - 1, h - 1)] {
        assert_eq!(plain[corner], marked[corner], "corner {corner:?} touched");
    }
}

#[test]
fn text_watermark_differs_in_jpeg_output_too() {
    let (plain, marked) = render_pair(
        Watermark::Text {
            text: "handoff".into(),
            opacity: 0.4,
        },
        OutputFormat::Jpeg,
    );
    let (w, h) = plain.dimensions();
    let changed = changed_pixels(&plain, &marked).len();
    assert!(
        changed > (w * h / 50) as usize,
        "only {changed} of {} pixels changed clearly",
        w * h
    );
}

#[test]
fn image_watermark_is_blended_in_the_centre() {
    let logo = RgbaImage::from_fn(64, 64, |x, y| {
        let inside = (16..48).contains(&x) && (16..48).contains(&y);
        if inside {
            Rgba([255, 0, 0, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let png = encoded(&DynamicImage::ImageRgba8(logo), ImageFormat::Png);
    let (plain, marked) = render_pair(Watermark::Image { png, opacity: 0.8 }, OutputFormat::Png);
    let (w, h) = plain.dimensions();
    let centre = marked[(w / 2, h / 2)].0;
    assert!(centre[0] > 200 && centre[1] < 80, "centre is {centre:?}");
    // The logo's transparent border and everything outside stay untouched.
    assert_eq!(plain[(w / 2, h / 2 - 45)], marked[(w / 2, h / 2 - 45)]);
    assert_eq!(plain[(10, h - 10)], marked[(10, h - 10)]);
}

#[test]
fn zero_opacity_and_empty_text_leave_the_image_alone() {
    let (plain, marked) = render_pair(
        Watermark::Text {
            text: "hidden".into(),
            opacity: 0.0,
        },
        OutputFormat::Png,
    );
    assert_eq!(plain, marked);
    let (plain, marked) = render_pair(
        Watermark::Text {
            text: "  ".into(),
            opacity: 1.0,
        },
        OutputFormat::Png,
    );
    assert_eq!(plain, marked);
}

#[test]
fn unreadable_watermark_image_is_an_invalid_request() {
    let dir = tempdir().unwrap();
    let path = write(&dir, "photo.jpg", &jpeg(&photo(200, 100), 85));
    let bad = Rendition {
        watermark: Some(Watermark::Image {
            png: b"not an image".to_vec(),
            opacity: 0.5,
        }),
        ..rendition(100, OutputFormat::Png)
    };
    let err = render_err(&path, &bad, &Limits::default());
    assert!(matches!(err, MediaError::InvalidRequest(_)), "{err}");
    assert!(err.to_string().contains("watermark"), "{err}");
}

// ---- hostile input --------------------------------------------------------------

fn assert_too_large_fast(bytes: &[u8], name: &str) {
    let dir = tempdir().unwrap();
    let path = write(&dir, name, bytes);
    let started = Instant::now();
    let err = render_err(
        &path,
        &rendition(256, OutputFormat::Jpeg),
        &Limits::default(),
    );
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "took {:?}",
        started.elapsed()
    );
    assert!(matches!(err, MediaError::TooLarge(_)), "{name}: {err}");
    assert!(err.to_string().starts_with("image too large ("), "{err}");
}

#[test]
fn decompression_bombs_are_refused_quickly() {
    assert_too_large_fast(&png_claiming(100_000, 100_000), "bomb.png");
    assert_too_large_fast(
        &jpeg_claiming(&jpeg(&photo(64, 64), 80), 60_000, 60_000),
        "bomb.jpg",
    );
    // Within the side limit but over the 512 MiB budget: 15000² RGB = 644 MiB.
    assert_too_large_fast(&png_claiming(15_000, 15_000), "wide.png");
}

#[test]
fn probe_reads_a_bomb_header_without_decoding() {
    let dir = tempdir().unwrap();
    let info = probe(
        write(&dir, "bomb.png", &png_claiming(100_000, 100_000)),
        false,
    )
    .unwrap();
    assert_eq!((info.width, info.height), (100_000, 100_000));
}

#[test]
fn limits_are_configurable() {
    let dir = tempdir().unwrap();
    let path = write(&dir, "photo.jpg", &jpeg(&photo(1500, 1000), 80));
    let narrow = Limits {
        max_width: 1000,
        ..Limits::default()
    };
    let err = render_err(&path, &rendition(100, OutputFormat::Jpeg), &narrow);
    assert_eq!(
        err.to_string(),
        "image too large (1500×1000 px, limit 1000×20000 px)"
    );
    let small_budget = Limits {
        max_alloc: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let err = render_err(&path, &rendition(100, OutputFormat::Jpeg), &small_budget);
    assert!(matches!(err, MediaError::TooLarge(_)), "{err}");
}

/// 1500×1000 RGB is 4.3 MiB of pixels; a progressive JPEG also holds
/// 2 bytes per DCT coefficient while decoding, and that counts too (with the
/// file itself and the small renditions: 14 MiB in all).
#[test]
fn progressive_jpeg_coefficients_count_against_the_budget() {
    let dir = tempdir().unwrap();
    let budget = Limits {
        max_alloc: 5 * 1024 * 1024,
        ..Limits::default()
    };
    let baseline = write(&dir, "baseline.jpg", &jpeg(&photo(1500, 1000), 80));
    assert!(render(&baseline, &rendition(100, OutputFormat::Jpeg), &budget).is_ok());
    let progressive = write(
        &dir,
        "progressive.jpg",
        &progressive_jpeg(&photo(1500, 1000), 80),
    );
    let err = render_err(&progressive, &rendition(100, OutputFormat::Jpeg), &budget);
    assert_eq!(
        err.to_string(),
        "image too large (1500×1000 px needs 14 MiB, limit 5 MiB)"
    );
}

#[test]
fn truncated_and_corrupt_jpegs_are_errors() {
    let dir = tempdir().unwrap();
    let whole = jpeg(&photo(800, 600), 90);
    let cases = [
        ("truncated", whole[..whole.len() / 2].to_vec()),
        ("header only", whole[..200].to_vec()),
        (
            "garbage after SOI",
            [&[0xFF, 0xD8, 0xFF][..], &noise_bytes(5000, 7)].concat(),
        ),
        // Complete file (ends in EOI), but the frame header became a comment:
        // the decoders themselves must reject it.
        ("no frame header", {
            let mut bytes = whole.clone();
            let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
            bytes[sof + 1] = 0xFE;
            bytes
        }),
    ];
    for (name, bytes) in cases {
        let path = write(&dir, "bad.jpg", &bytes);
        // 100: reduced-scale decoder; 1000: full-scale decoder.
        for max in [100, 1000] {
            let err = render_err(
                &path,
                &rendition(max, OutputFormat::Jpeg),
                &Limits::default(),
            );
            assert!(
                matches!(err, MediaError::Corrupt(_)),
                "{name} at {max}: {err}"
            );
            assert!(err.to_string().starts_with("corrupt image: "), "{err}");
        }
    }
}

#[test]
fn random_bytes_and_empty_files_are_unsupported() {
    let dir = tempdir().unwrap();
    for (name, bytes) in [
        ("noise.jpg", noise_bytes(4096, 42)),
        ("empty.png", Vec::new()),
    ] {
        let path = write(&dir, name, &bytes);
        let err = render_err(
            &path,
            &rendition(100, OutputFormat::Jpeg),
            &Limits::default(),
        );
        assert!(
            err.to_string().starts_with("unsupported format"),
            "{name}: {err}"
        );
        assert!(matches!(
            probe(&path, false),
            Err(MediaError::Unsupported(_))
        ));
    }
}

#[test]
fn missing_file_is_an_io_error() {
    let err = render_err(
        std::path::Path::new("/nonexistent/photo.jpg"),
        &rendition(100, OutputFormat::Jpeg),
        &Limits::default(),
    );
    assert!(matches!(err, MediaError::Io(_)), "{err}");
}

#[test]
fn decoder_panics_become_errors() {
    let result: Result<(), MediaError> = error::catch_panics(|| panic!("decoder bug"));
    assert_eq!(result, Err(MediaError::Corrupt("decoder panicked".into())));
}

/// Flipped bytes and cut-offs in every format: whatever happens, render
/// returns (an image or an error) without panicking or hanging.
#[test]
fn mangled_files_never_panic() {
    let dir = tempdir().unwrap();
    let source = DynamicImage::ImageRgb8(photo(96, 64));
    let originals = [
        jpeg(source.as_rgb8().unwrap(), 85),
        encoded(&source, ImageFormat::Png),
        encoded(&source, ImageFormat::WebP),
        encoded(&source, ImageFormat::Gif),
        encoded(&source, ImageFormat::Tiff),
        encoded(&source, ImageFormat::Bmp),
    ];
    let started = Instant::now();
    for (index, original) in originals.iter().enumerate() {
        for round in 0..40u64 {
            let seed = (index as u64 + 1) * 1000 + round;
            let mut bytes = original.clone();
            let noise = noise_bytes(16, seed);
            for pair in noise.chunks(2) {
                let at = 8 + usize::from(pair[0]) * (bytes.len() - 8) / 256;
                bytes[at] ^= pair[1] | 1;
            }
            if round % 4 == 0 {
                bytes.truncate(bytes.len() * usize::from(noise[0]) / 256);
            }
            let path = write(&dir, "mangled", &bytes);
            let _ = render(&path, &rendition(48, OutputFormat::Png), &Limits::default());
            let _ = probe(&path, true);
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}

/// The probe's 20000×20000 grey PNG (400 KB on disk) needs its 381 MiB of grey pixels and the
/// small renditions, not an RGB copy of the whole image; the same pixels as 16-bit RGBA do not
/// fit the default budget.
#[test]
fn the_pipeline_counts_every_buffer_it_holds() {
    let (size, file) = ((20_000, 20_000), 400_000);
    let grey = super::decode::pipeline_bytes(file, size, 400_000_000, 1600);
    assert_eq!(grey, 400_000 + 400_000_000 + 1600 * 1600 * (1 + 12));
    assert!(grey < Limits::default().max_alloc);
    let rgba16 = super::decode::pipeline_bytes(file, size, 3_200_000_000, 1600);
    assert!(rgba16 > Limits::default().max_alloc);
}

#[test]
fn images_over_the_pixel_limit_are_not_decoded() {
    let dir = tempdir().unwrap();
    let path = write(&dir, "wide.jpg", &jpeg(&photo(300, 200), 80));
    let few = Limits {
        max_pixels: 50_000,
        ..Limits::default()
    };
    let err = render_err(&path, &rendition(100, OutputFormat::Jpeg), &few);
    assert_eq!(
        err.to_string(),
        "image too large (300×200 px, limit 50000 pixels)"
    );
}
