//! Making derivatives in the background: after an upload, a job waits in the database (so a
//! restart resumes it) until a worker makes the asset's thumbnail, preview, presets and their
//! watermarked twins with `media`, off the async threads, one worker per core.

use crate::assets::{release_blobs, Asset, Derivative, DerivativeState, Kind};
use crate::background;
use crate::blobs::Blobs;
use crate::config::Config;
use crate::error::Result;
use crate::media::{self, Limits, OutputFormat, Rendition, Watermark};
use crate::store::{Record, Store, Table, WriteTx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub id: Uuid,
    pub asset_id: Uuid,
    pub created_at: DateTime<Utc>,
    /// The node working on it, until when (see `leases`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<crate::leases::Lease>,
}

impl Record for Job {
    const TABLE: Table = Table::Jobs;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// One derivative to make: its key in `Asset::derivatives` and how.
#[derive(Debug, Clone)]
pub struct Plan {
    pub key: String,
    pub rendition: Rendition,
}

pub const THUMBNAIL_MAX: u32 = 150;
pub const PREVIEW_MAX: u32 = 500;

mod leases;
mod progress;
mod remake;
mod render;
mod tools;

use tools::missing_tools;
pub use tools::Tool;

/// Every derivative an image gets under this configuration.
pub fn plans(config: &Config, watermark: Option<&Watermark>) -> Vec<Plan> {
    let jpeg = |max, quality| Rendition {
        max,
        format: OutputFormat::Jpeg,
        quality,
        watermark: None,
    };
    let mut plans = vec![
        Plan {
            key: "thumbnail".into(),
            rendition: jpeg(THUMBNAIL_MAX, 80),
        },
        Plan {
            key: "preview".into(),
            rendition: jpeg(PREVIEW_MAX, 85),
        },
    ];
    for (name, preset) in &config.presets {
        let format = match preset.format.as_str() {
            "png" => OutputFormat::Png,
            "webp" => OutputFormat::WebP,
            _ => OutputFormat::Jpeg,
        };
        let rendition = Rendition {
            max: preset.max,
            format,
            quality: preset.quality,
            watermark: None,
        };
        plans.push(Plan {
            key: format!("presets/{name}"),
            rendition,
        });
    }
    if let Some(mark) = watermark {
        let marked: Vec<Plan> = plans
            .iter()
            .filter(|p| p.key != "thumbnail")
            .map(|p| Plan {
                key: format!("watermarked/{}", p.key),
                rendition: Rendition {
                    watermark: Some(mark.clone()),
                    ..p.rendition.clone()
                },
            })
            .collect();
        plans.extend(marked);
    }
    plans
}

/// The watermark of the configuration: its image if one is set and readable, else its text.
pub fn watermark_of(config: &Config) -> Option<Watermark> {
    let opacity = config.watermark.opacity;
    if let Some(path) = &config.watermark.image {
        match std::fs::read(path) {
            Ok(png) => return Some(Watermark::Image { png, opacity }),
            Err(e) => {
                tracing::warn!(path = %path.display(), "watermark image unreadable, using the text: {e}")
            }
        }
    }
    (!config.watermark.text.trim().is_empty()).then(|| Watermark::Text {
        text: config.watermark.text.clone(),
        opacity,
    })
}

fn state(state: DerivativeState, reason: Option<String>) -> Derivative {
    Derivative {
        state,
        sha256: None,
        size: None,
        crc32: None,
        mime_type: None,
        reason,
        percent: None,
    }
}

/// Which external tools help with video and audio (both optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct AvTools {
    pub ffprobe: bool,
    pub ffmpeg: bool,
}

/// What an asset's thumbnail and preview are made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// JPEG, PNG and the other formats decoded in-process.
    Raster,
    /// HEIC/HEIF and AVIF, decoded by libheif.
    Heif,
    /// Camera RAW, through LibRaw.
    Raw,
    Svg,
    /// The first page, through poppler.
    Pdf,
    /// A poster frame, through ffmpeg.
    Video,
    /// Metadata only.
    Audio,
    /// No derivatives.
    Nothing,
}

impl Source {
    pub fn of(kind: Kind, mime: &str) -> Source {
        match (kind, mime) {
            (_, "image/svg+xml") => Source::Svg,
            (_, "application/pdf") => Source::Pdf,
            (_, mime) if media::heif::reads(mime) => Source::Heif,
            (_, mime) if media::raw::reads(mime) => Source::Raw,
            (Kind::Image, _) => Source::Raster,
            (Kind::Video, _) => Source::Video,
            (Kind::Audio, _) => Source::Audio,
            _ => Source::Nothing,
        }
    }
}

impl Workers {
    /// The derivatives a new asset starts with, and whether it needs a job: images, SVG and PDF
    /// always (a PDF without poppler fails with the reason, never a silent icon); video and
    /// audio a poster frame or waveform, and perhaps a `proxy`, when ffmpeg is there; their
    /// metadata when ffprobe is.
    pub fn initial(&self, source: Source) -> (BTreeMap<String, Derivative>, bool) {
        let makes_images = match source {
            Source::Raster | Source::Heif | Source::Raw | Source::Svg | Source::Pdf => true,
            Source::Video | Source::Audio => self.av.ffmpeg && self.av.ffprobe,
            Source::Nothing => false,
        };
        let needs_job =
            makes_images || (matches!(source, Source::Video | Source::Audio) && self.av.ffprobe);
        let s = if makes_images {
            DerivativeState::Pending
        } else {
            DerivativeState::NotApplicable
        };
        let mut derivatives: BTreeMap<String, Derivative> = self
            .plans
            .iter()
            .map(|p| (p.key.clone(), state(s, None)))
            .collect();
        if makes_images {
            for key in proxy_keys(source, self.watermark) {
                derivatives.insert(key.into(), state(DerivativeState::Pending, None));
            }
        }
        (derivatives, needs_job)
    }
}

pub fn enqueue(tx: &WriteTx, asset_id: Uuid) -> Result<()> {
    tx.put(&Job {
        id: Uuid::now_v7(),
        asset_id,
        created_at: Utc::now(),
        lease: None,
    })
}

#[derive(Clone)]
pub struct Workers {
    wake: background::Handle,
    /// What every image gets under this configuration.
    pub plans: Arc<Vec<Plan>>,
    av: AvTools,
    /// Whether a watermark is configured (videos then get a marked proxy too).
    watermark: bool,
    /// The external programs that are not installed, for the health check's detail.
    pub missing: Arc<Vec<Tool>>,
    /// Turns to make PDF pages on demand, as many as there are workers.
    pub pages: crate::pages::Renders,
}

impl Workers {
    pub fn wake(&self) {
        self.wake.wake();
    }
}

struct Context {
    store: Store,
    blobs: Arc<Blobs>,
    plans: Vec<Plan>,
    settings: render::Settings,
    outbox: crate::notify::Outbox,
    lease: Duration,
}

/// The derivative a browser plays when it cannot play the original.
pub const PROXY: &str = "proxy";
/// A video's proxy with the watermark burned in, for shares that show it.
pub const MARKED_PROXY: &str = "watermarked/proxy";

/// Starts the workers; queues assets whose derivatives do not match what this configuration
/// and these tools make (new presets, a first start after an upgrade, a tool installed since).
/// Call inside a tokio runtime.
pub fn start(
    store: Store,
    blobs: Arc<Blobs>,
    config: &Config,
    outbox: crate::notify::Outbox,
) -> Result<Workers> {
    let plans = plans(config, watermark_of(config).as_ref());
    let missing = missing_tools();
    let installed = |program| !missing.iter().any(|t| t.program == program);
    let av = AvTools {
        ffprobe: installed("ffprobe"),
        ffmpeg: installed("ffmpeg"),
    };
    let (wake, listener) = background::pair();
    let threads = match config.media.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let workers = Workers {
        wake,
        plans: Arc::new(plans.clone()),
        av,
        watermark: watermark_of(config).is_some(),
        missing: Arc::new(missing),
        pages: crate::pages::Renders::new(threads),
    };
    store.write_now(|tx| {
        let queued: Vec<Uuid> = tx
            .all::<Job>(|_| true)?
            .iter()
            .map(|j| j.asset_id)
            .collect();
        let stale = tx.all::<Asset>(|a| {
            let (expected, _) = workers.initial(Source::of(a.kind, &a.mime_type));
            !queued.contains(&a.id) && remake::needed(&a.derivatives, &expected)
        })?;
        for mut asset in stale {
            let (expected, _) = workers.initial(Source::of(asset.kind, &asset.mime_type));
            remake::show_pending(&mut asset.derivatives, &expected);
            tx.put(&asset)?;
            enqueue(tx, asset.id)?;
        }
        Ok(())
    })?;
    let context = Arc::new(Context {
        store,
        blobs,
        plans,
        settings: render::Settings {
            limits: limits(config),
            show_gps: config.media.show_gps,
            av,
            budget: job_budget(config),
            proxy_max_height: config.media.proxy_max_height,
            ffmpeg_threads: ffmpeg_threads(config.media.ffmpeg_threads),
            watermark: watermark_of(config).map(Arc::new),
        },
        outbox,
        lease: Duration::from_secs(config.media.job_lease_secs.max(1)),
    });
    tokio::spawn(run(context, listener, threads));
    Ok(workers)
}

/// The threads of one ffmpeg job: as configured, else all cores but one — but two where there
/// are only two, since one thread makes a 4K proxy slower than the clip plays (14.2 s for a
/// 10 s clip in the bench) and the job runs `nice`d, so the server still comes first.
pub fn ffmpeg_threads(configured: u32) -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    threads_for(configured, cores)
}

fn threads_for(configured: u32, cores: u32) -> u32 {
    match configured {
        0 => cores.saturating_sub(1).max(2).min(cores).max(1),
        n => n,
    }
}

#[cfg(test)]
#[test]
fn ffmpeg_leaves_a_core_free_where_there_are_more_than_two() {
    assert_eq!(threads_for(0, 1), 1);
    assert_eq!(threads_for(0, 2), 2);
    assert_eq!(threads_for(0, 8), 7);
    assert_eq!(threads_for(3, 8), 3);
}

/// The time one external program may take on one file.
pub fn job_budget(config: &Config) -> Duration {
    Duration::from_secs(config.media.job_timeout_secs)
}

/// The decoding limits of the configuration.
pub fn limits(config: &Config) -> Limits {
    Limits {
        max_width: config.media.max_dimension,
        max_height: config.media.max_dimension,
        max_pixels: config.media.max_pixels,
        max_alloc: config.media.memory_budget_mb.saturating_mul(1024 * 1024),
    }
}

async fn run(context: Arc<Context>, wake: background::Listener, workers: usize) {
    let slots = Arc::new(Semaphore::new(workers));
    let mut running: std::collections::HashSet<Uuid> = std::collections::HashSet::new();
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<Uuid>();
    // Whether freed memory was given back since the last job started.
    let mut trimmed = true;
    // Who this node is in the jobs' leases: a new name each start (a crashed run's leases
    // run out like any other dead node's).
    let node = Uuid::new_v4();
    loop {
        while let Ok(finished) = done_rx.try_recv() {
            running.remove(&finished);
        }
        let claims = leases::claim(&context, node, slots.available_permits(), &running).await;
        let claims = claims.unwrap_or_else(|e| {
            tracing::warn!("derivatives: claiming jobs: {e}");
            leases::Claimed::default()
        });
        for job in claims.jobs {
            let Ok(permit) = slots.clone().try_acquire_owned() else {
                break;
            };
            running.insert(job.id);
            trimmed = false;
            let (context, done) = (context.clone(), done_tx.clone());
            tokio::spawn(async move {
                let work = process(&context, &job);
                let renewed =
                    crate::leases::keep::<Job>(&context.store, vec![job.id], node, context.lease);
                let outcome =
                    tokio::select! { outcome = work => outcome, never = renewed => match never {} };
                if let Err(e) = outcome {
                    tracing::error!(asset = %job.asset_id, "derivatives: {e}");
                }
                drop(permit);
                let _ = done.send(job.id);
            });
        }
        if running.is_empty() && !trimmed {
            tokio::task::spawn_blocking(media::return_freed_memory);
            trimmed = true;
        }
        // Jobs another node holds are looked at again when its lease runs out; jobs other
        // nodes queued are found only by looking, once a lease when there may be any.
        let idle = match context.store.shared() {
            true => context.lease,
            false => Duration::from_secs(3600),
        };
        let again = claims.next_expiry.map_or(idle, |t| t.min(idle));
        tokio::select! {
            alive = wake.wait(again) => if !alive { return },
            Some(finished) = done_rx.recv() => { running.remove(&finished); },
        }
    }
}

/// The proxies a video or audio file has a derivative for (made or not applicable).
fn proxy_keys(kind: Source, watermark: bool) -> Vec<&'static str> {
    match kind {
        Source::Video if watermark => vec![PROXY, MARKED_PROXY],
        Source::Video | Source::Audio => vec![PROXY],
        _ => Vec::new(),
    }
}

/// A derivative made (its file still to settle), or failed with why.
fn outcome(
    key: &str,
    made: std::result::Result<crate::blobs::Received, String>,
    mime: &str,
) -> (String, Derivative, Option<crate::blobs::Received>) {
    match made {
        Ok(received) => {
            let derivative = Derivative::ready(&received.fingerprint, mime);
            (key.to_string(), derivative, Some(received))
        }
        Err(reason) => (
            key.to_string(),
            state(DerivativeState::Failed, Some(reason)),
            None,
        ),
    }
}

/// `asset.ready`: the asset's derivatives are made (or failed, each with its reason).
fn asset_ready(tx: &crate::store::WriteTx, asset: &Asset) -> Result<()> {
    let derivatives: BTreeMap<&String, serde_json::Value> = asset
        .derivatives
        .iter()
        .map(|(name, d)| {
            (
                name,
                serde_json::json!({"state": d.state, "reason": d.reason}),
            )
        })
        .collect();
    let happening = crate::webhooks::Happening {
        kind: crate::webhooks::ASSET_READY,
        owner: asset.owner_id,
        data: serde_json::json!({
            "id": asset.id, "ownerId": asset.owner_id, "name": asset.name, "size": asset.size,
            "mimeType": asset.mime_type, "kind": asset.kind, "attributes": asset.attributes,
            "derivatives": derivatives,
        }),
        at: chrono::Utc::now(),
    };
    crate::webhooks::emit(tx, &happening).map(|_| ())
}

/// Makes every planned derivative of the job's asset and records them; a failure of one
/// derivative is recorded with its reason, the original stays as it is.
async fn process(context: &Context, job: &Job) -> Result<()> {
    let asset_id = job.asset_id;
    let Some(asset) = context
        .store
        .read(move |tx| tx.get::<Asset>(asset_id))
        .await?
    else {
        let id = job.id;
        return context
            .store
            .write(move |tx| tx.remove::<Job>(id).map(|_| ()))
            .await;
    };
    // A copy on this node's disk when the original is in a bucket: the tools read files.
    let source = context.blobs.local(&asset.sha256).await?;
    let renditions: Vec<Rendition> = context.plans.iter().map(|p| p.rendition.clone()).collect();
    let settings = context.settings.clone();
    let kind = Source::of(asset.kind, &asset.mime_type);
    let scratch = render::Scratch {
        picture: context.blobs.temp_path("png"),
        proxy: context.blobs.temp_path("mp4"),
        marked_proxy: context.blobs.temp_path("mp4"),
    };
    let store = context.store.clone();
    let made = crate::store::blocking(move || {
        let progress = |key, percent| progress::show(&store, asset_id, key, percent);
        let made = render::make(
            kind,
            source.path(),
            &scratch,
            &renditions,
            &settings,
            &progress,
        );
        let _ = std::fs::remove_file(&scratch.picture);
        Ok((made, scratch))
    })
    .await?;
    let (made, scratch) = made;
    let mut outcomes = Vec::new();
    for (plan, output) in context.plans.iter().zip(made.outputs) {
        let mime = plan.rendition.format.mime_type();
        let made = match output {
            Ok(bytes) => Ok(context.blobs.receive_bytes(bytes).await?),
            Err(reason) => Err(reason),
        };
        outcomes.push(outcome(&plan.key, made, mime));
    }
    for key in proxy_keys(kind, context.settings.watermark.is_some()) {
        let made = match made.proxies.iter().find(|(k, _)| *k == key) {
            Some((_, Ok((file, mime)))) => {
                outcome(key, Ok(context.blobs.receive_file(file).await?), mime)
            }
            Some((_, Err(reason))) => outcome(key, Err(reason.clone()), ""),
            None => (
                key.into(),
                state(DerivativeState::NotApplicable, None),
                None,
            ),
        };
        outcomes.push(made);
    }
    for file in [&scratch.proxy, &scratch.marked_proxy] {
        let _ = tokio::fs::remove_file(file).await;
    }
    let info = made.attributes;
    let _guard = context.blobs.lock().await;
    let mut derivatives = BTreeMap::new();
    for (key, derivative, received) in outcomes {
        if let Some(received) = received {
            context.blobs.settle(received).await?;
        }
        derivatives.insert(key, derivative);
    }
    let attributes = info.unwrap_or_default();
    let job_id = job.id;
    let orphaned = context
        .store
        .write(move |tx| {
            tx.remove::<Job>(job_id)?;
            let Some(mut asset) = tx.get::<Asset>(asset_id)? else {
                return Ok(Vec::new());
            };
            // No renditions at all (audio, or video without ffmpeg): the derivatives stay as they are.
            let replaced = !derivatives.is_empty();
            let old: Vec<String> = match replaced {
                true => asset
                    .derivatives
                    .values()
                    .filter_map(|d| d.sha256.clone())
                    .collect(),
                false => Vec::new(),
            };
            for hash in derivatives.values().filter_map(|d| d.sha256.as_deref()) {
                tx.add_blob_ref(hash, 1)?;
            }
            if replaced {
                asset.derivatives = derivatives;
            }
            for (key, value) in attributes {
                asset.attributes.entry(key).or_insert(value);
            }
            tx.put(&asset)?;
            asset_ready(tx, &asset)?;
            release_blobs(tx, &old)
        })
        .await?;
    context.outbox.wake();
    for hash in orphaned {
        context.blobs.remove(&hash).await?;
    }
    Ok(())
}
