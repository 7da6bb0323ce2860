//! What each kind of source needs of `media` to become an asset's files, run on a blocking
//! thread. Failures become the reasons recorded on the derivatives.

use super::{AvTools, Source, PREVIEW_MAX};
use crate::media::video::Proxy;
use crate::media::{self, Limits, MediaError, Rendition, Watermark};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

type Outputs = Vec<Result<Vec<u8>, String>>;
type Attributes = Result<BTreeMap<String, String>, String>;

/// How the jobs of this server work.
#[derive(Debug, Clone)]
pub(super) struct Settings {
    pub limits: Limits,
    pub show_gps: bool,
    pub av: AvTools,
    /// How long one external program may run on one file.
    pub budget: Duration,
    pub proxy_max_height: u32,
    /// Threads each ffmpeg job may use.
    pub ffmpeg_threads: u32,
    /// Burned into the `watermarked/proxy` of videos, for shares that show the watermark.
    pub watermark: Option<Arc<Watermark>>,
}

/// Where the work may write its intermediate files.
pub(super) struct Scratch {
    /// A poster frame, a first page or a waveform on the way to the renditions.
    pub picture: PathBuf,
    /// The proxies, before they are taken in.
    pub proxy: PathBuf,
    pub marked_proxy: PathBuf,
}

/// Everything made from one source.
pub(super) struct Made {
    pub attributes: Attributes,
    /// One per rendition; none when the image derivatives do not apply.
    pub outputs: Outputs,
    /// The proxies made (`proxy`, `watermarked/proxy`): their files and type, or why not.
    pub proxies: Vec<(&'static str, ProxyFile)>,
}

pub(super) type ProxyFile = Result<(PathBuf, &'static str), String>;

/// Where a job tells how far a derivative (by name) has come, in percent.
pub(super) type Progress<'a> = &'a (dyn Fn(&'static str, u8) + Sync);

impl Made {
    fn images(attributes: Attributes, outputs: Outputs) -> Made {
        Made {
            attributes,
            outputs,
            proxies: Vec::new(),
        }
    }
}

pub(super) fn make(
    kind: Source,
    source: &Path,
    scratch: &Scratch,
    renditions: &[Rendition],
    settings: &Settings,
    progress: Progress,
) -> Made {
    let (limits, budget) = (&settings.limits, settings.budget);
    match kind {
        Source::Raster => render_image(source, renditions, limits, settings.show_gps),
        Source::Heif => render_heif(source, &scratch.picture, renditions, settings),
        Source::Raw => render_raw(source, &scratch.picture, renditions, settings),
        Source::Svg => Made::images(
            media::svg::probe(source, limits).map_err(|e| e.to_string()),
            as_text(media::render_svg_many(source, renditions, limits)),
        ),
        Source::Pdf => render_pdf(source, &scratch.picture, renditions, limits, budget),
        Source::Video | Source::Audio => render_av(source, scratch, renditions, settings, progress),
        Source::Nothing => Made::images(Ok(BTreeMap::new()), Vec::new()),
    }
}

fn as_text(outputs: Vec<Result<Vec<u8>, MediaError>>) -> Outputs {
    outputs
        .into_iter()
        .map(|o| o.map_err(|e| e.to_string()))
        .collect()
}

fn failed(renditions: &[Rendition], err: &MediaError) -> Outputs {
    renditions.iter().map(|_| Err(err.to_string())).collect()
}

/// The renditions of a picture made on the way (a poster frame, a page), or why it is missing.
fn renditions_of(
    made: Result<(), MediaError>,
    picture: &Path,
    renditions: &[Rendition],
    limits: &Limits,
) -> Outputs {
    match made {
        Ok(()) => as_text(media::render_many(picture, renditions, limits)),
        Err(e) => failed(renditions, &e),
    }
}

/// An image's metadata and renditions; when it cannot be read, every rendition fails with why.
fn render_image(source: &Path, renditions: &[Rendition], limits: &Limits, show_gps: bool) -> Made {
    match media::probe(source, show_gps) {
        Ok(info) => Made::images(
            Ok(info.attributes),
            as_text(media::render_many(source, renditions, limits)),
        ),
        Err(e) => Made::images(Err(e.to_string()), failed(renditions, &e)),
    }
}

/// A HEIC or AVIF photo, decoded upright to a picture that then goes as any image, turned by
/// the HEIC's EXIF orientation where the file has no transform box (see `media::heif`).
fn render_heif(
    source: &Path,
    picture: &Path,
    renditions: &[Rendition],
    settings: &Settings,
) -> Made {
    let made = media::heif::decode(source, picture, settings.budget)
        .and_then(|shown| media::heif::exif(source, settings.show_gps).map(|exif| (shown, exif)));
    match made {
        Ok((shown, exif)) => {
            let made = Made::images(
                heif_attributes(&shown, exif.attributes, exif.turn).map_err(|e| e.to_string()),
                as_text(media::render_many_turned(
                    &shown,
                    renditions,
                    &settings.limits,
                    exif.turn,
                )),
            );
            let _ = std::fs::remove_file(shown);
            made
        }
        Err(e) => Made::images(Err(e.to_string()), failed(renditions, &e)),
    }
}

/// The HEIC's EXIF attributes with the size it is shown at.
fn heif_attributes(
    picture: &Path,
    mut attributes: BTreeMap<String, String>,
    turn: image::metadata::Orientation,
) -> Result<BTreeMap<String, String>, MediaError> {
    let (width, height) = media::turned_size(picture, turn)?;
    attributes.insert("width".into(), width.to_string());
    attributes.insert("height".into(), height.to_string());
    attributes.insert("format".into(), "heif".into());
    Ok(attributes)
}

/// A camera RAW, through a picture of it (its embedded JPEG or the developed raw data) made in
/// a folder beside the scratch picture.
fn render_raw(
    source: &Path,
    picture: &Path,
    renditions: &[Rendition],
    settings: &Settings,
) -> Made {
    let work = picture.with_extension("raw.d");
    let made = match media::raw::to_picture(source, &work, settings.budget) {
        Ok(shown) => Made::images(
            media::raw::attributes(source, &shown, settings.show_gps).map_err(|e| e.to_string()),
            as_text(media::render_many(&shown, renditions, &settings.limits)),
        ),
        Err(e) => Made::images(Err(e.to_string()), failed(renditions, &e)),
    };
    let _ = std::fs::remove_dir_all(&work);
    made
}

/// A PDF's page count, and its renditions from its first page.
fn render_pdf(
    source: &Path,
    first_page: &Path,
    renditions: &[Rendition],
    limits: &Limits,
    budget: Duration,
) -> Made {
    let attributes = media::pdf::page_count(source, budget)
        .map(|pages| BTreeMap::from([("pages".to_string(), pages.to_string())]))
        .map_err(|e| e.to_string());
    let largest = renditions
        .iter()
        .map(|r| r.max)
        .max()
        .unwrap_or(PREVIEW_MAX);
    let made = media::pdf::render_page(source, 1, largest, first_page, budget);
    Made::images(
        attributes,
        renditions_of(made, first_page, renditions, limits),
    )
}

/// Video and audio: metadata from ffprobe; renditions of a poster frame (video) or of the
/// waveform (audio); the proxy when a browser cannot play the file. Without ffmpeg, only the
/// metadata.
fn render_av(
    source: &Path,
    scratch: &Scratch,
    renditions: &[Rendition],
    settings: &Settings,
    progress: Progress,
) -> Made {
    let budget = settings.budget;
    if !settings.av.ffprobe {
        return Made::images(Ok(BTreeMap::new()), Vec::new());
    }
    let info = match media::video::probe(source, budget) {
        Ok(info) => info,
        Err(e) => {
            let outputs = if settings.av.ffmpeg {
                failed(renditions, &e)
            } else {
                Vec::new()
            };
            return Made::images(Err(e.to_string()), outputs);
        }
    };
    if !settings.av.ffmpeg {
        return Made::images(Ok(info.attributes), Vec::new());
    }
    let picture = match info.is_video() {
        true => media::video::poster_frame(source, &scratch.picture, budget),
        false => media::video::waveform(source, &scratch.picture, budget),
    };
    let outputs = renditions_of(picture, &scratch.picture, renditions, &settings.limits);
    let mut proxies = Vec::new();
    if let Some(proxy) = info.proxy() {
        let target = (super::PROXY, scratch.proxy.as_path());
        let made = make_proxy(source, proxy, None, target, &info, settings, progress);
        proxies.push((super::PROXY, made));
    }
    // The watermark is burned into every video's proxy (one that plays as it is too), laid
    // over the frames from a picture of the mark drawn as on previews.
    if let (true, Some(mark)) = (info.is_video(), &settings.watermark) {
        let overlay = &scratch.picture;
        let made = draw_overlay(&info, mark, overlay, settings).and_then(|()| {
            let target = (super::MARKED_PROXY, scratch.marked_proxy.as_path());
            make_proxy(
                source,
                Proxy::Video,
                Some(overlay),
                target,
                &info,
                settings,
                progress,
            )
        });
        proxies.push((super::MARKED_PROXY, made));
    }
    Made {
        attributes: Ok(info.attributes),
        outputs,
        proxies,
    }
}

fn make_proxy(
    source: &Path,
    proxy: Proxy,
    overlay: Option<&Path>,
    (key, out): (&'static str, &Path),
    info: &media::video::AvInfo,
    settings: &Settings,
    progress: Progress,
) -> ProxyFile {
    let shape = media::video::ProxyLimits {
        max_height: settings.proxy_max_height,
        threads: settings.ffmpeg_threads,
    };
    let duration = info.attributes.get("duration").and_then(|d| d.parse().ok());
    let mut report = |percent| progress(key, percent);
    let progress = (duration, &mut report as &mut (dyn FnMut(u8) + Send));
    media::video::make_proxy(
        source,
        proxy,
        shape,
        overlay,
        out,
        settings.budget,
        progress,
    )
    .map(|()| (out.to_path_buf(), proxy.mime_type()))
    .map_err(|e| e.to_string())
}

/// The mark alone, on a transparent picture of the proxy's size.
fn draw_overlay(
    info: &media::video::AvInfo,
    mark: &Watermark,
    out: &Path,
    settings: &Settings,
) -> Result<(), String> {
    let side = |key: &str| info.attributes.get(key).and_then(|v| v.parse().ok());
    let (Some(width), Some(height)) = (side("width"), side("height")) else {
        return Err("the video's size is unknown".into());
    };
    let (width, height) = media::video::proxy_size((width, height), settings.proxy_max_height);
    let png = media::watermark_overlay(width, height, mark, &settings.limits)
        .map_err(|e| e.to_string())?;
    std::fs::write(out, png).map_err(|e| e.to_string())
}
