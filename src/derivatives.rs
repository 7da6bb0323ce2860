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
use tokio::sync::Semaphore;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub id: Uuid,
    pub asset_id: Uuid,
    pub created_at: DateTime<Utc>,
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
    }
}

/// Which external tools help with video and audio (both optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct AvTools {
    pub ffprobe: bool,
    pub ffmpeg: bool,
}

impl Workers {
    /// The derivatives a new asset of `kind` starts with, and whether it needs a job: images
    /// always; video when ffmpeg can take a poster frame (or ffprobe read its metadata); audio
    /// when ffprobe can read its metadata.
    pub fn initial(&self, kind: Kind) -> (BTreeMap<String, Derivative>, bool) {
        let makes_images = kind == Kind::Image || (kind == Kind::Video && self.av.ffmpeg);
        let needs_job =
            makes_images || (matches!(kind, Kind::Video | Kind::Audio) && self.av.ffprobe);
        let s = if makes_images {
            DerivativeState::Pending
        } else {
            DerivativeState::NotApplicable
        };
        let derivatives = self
            .plans
            .iter()
            .map(|p| (p.key.clone(), state(s, None)))
            .collect();
        (derivatives, needs_job)
    }
}

pub fn enqueue(tx: &WriteTx, asset_id: Uuid) -> Result<()> {
    tx.put(&Job {
        id: Uuid::now_v7(),
        asset_id,
        created_at: Utc::now(),
    })
}

#[derive(Clone)]
pub struct Workers {
    wake: background::Handle,
    /// What every image gets under this configuration.
    pub plans: Arc<Vec<Plan>>,
    av: AvTools,
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
    limits: Limits,
    show_gps: bool,
    av: AvTools,
    webhooks: crate::webhooks::Sender,
}

/// Starts the workers; queues images whose derivatives do not match the configuration (new
/// presets, a first start after an upgrade). Call inside a tokio runtime.
pub fn start(
    store: Store,
    blobs: Arc<Blobs>,
    config: &Config,
    webhooks: crate::webhooks::Sender,
) -> Result<Workers> {
    let plans = plans(config, watermark_of(config).as_ref());
    let (ffprobe, ffmpeg) = media::video::tools();
    let av = AvTools { ffprobe, ffmpeg };
    let expected: Vec<String> = plans.iter().map(|p| p.key.clone()).collect();
    store.write_now(|tx| {
        let queued: Vec<Uuid> = tx
            .all::<Job>(|_| true)?
            .iter()
            .map(|j| j.asset_id)
            .collect();
        let stale = tx.all::<Asset>(|a| {
            a.kind == Kind::Image
                && !queued.contains(&a.id)
                && !a
                    .derivatives
                    .keys()
                    .eq(expected.iter().collect::<std::collections::BTreeSet<_>>())
        })?;
        for asset in stale {
            enqueue(tx, asset.id)?;
        }
        Ok(())
    })?;
    let workers = match config.media.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let limits = Limits {
        max_width: config.media.max_dimension,
        max_height: config.media.max_dimension,
        ..Limits::default()
    };
    let shared = Arc::new(plans.clone());
    let context = Arc::new(Context {
        store,
        blobs,
        plans,
        limits,
        show_gps: config.media.show_gps,
        webhooks,
        av,
    });
    let (wake, listener) = background::pair();
    tokio::spawn(run(context, listener, workers));
    Ok(Workers {
        wake,
        plans: shared,
        av,
    })
}

async fn run(context: Arc<Context>, wake: background::Listener, workers: usize) {
    let slots = Arc::new(Semaphore::new(workers));
    let mut running: std::collections::HashSet<Uuid> = std::collections::HashSet::new();
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<Uuid>();
    loop {
        while let Ok(finished) = done_rx.try_recv() {
            running.remove(&finished);
        }
        let jobs = context
            .store
            .read(|tx| tx.all::<Job>(|_| true))
            .await
            .unwrap_or_default();
        for job in jobs {
            if running.contains(&job.id) {
                continue;
            }
            let Ok(permit) = slots.clone().try_acquire_owned() else {
                break;
            };
            running.insert(job.id);
            let (context, done) = (context.clone(), done_tx.clone());
            tokio::spawn(async move {
                if let Err(e) = process(&context, &job).await {
                    tracing::error!(asset = %job.asset_id, "derivatives: {e}");
                }
                drop(permit);
                let _ = done.send(job.id);
            });
        }
        tokio::select! {
            alive = wake.wait(std::time::Duration::from_secs(3600)) => if !alive { return },
            Some(finished) = done_rx.recv() => { running.remove(&finished); },
        }
    }
}

type Outputs = Vec<std::result::Result<Vec<u8>, String>>;

/// An image's metadata and renditions; when it cannot be read, every rendition fails with why.
fn render_image(
    source: &std::path::Path,
    renditions: &[Rendition],
    limits: &Limits,
    show_gps: bool,
) -> (
    std::result::Result<BTreeMap<String, String>, String>,
    Outputs,
) {
    match media::probe(source, show_gps) {
        Ok(info) => {
            let outputs = media::render_many(source, renditions, limits)
                .into_iter()
                .map(|o| o.map_err(|e| e.to_string()))
                .collect();
            (Ok(info.attributes), outputs)
        }
        Err(e) => (
            Err(e.to_string()),
            renditions.iter().map(|_| Err(e.to_string())).collect(),
        ),
    }
}

/// Video and audio: metadata from ffprobe; a video's renditions from its poster frame.
/// No outputs means the image derivatives do not apply.
fn render_av(
    source: &std::path::Path,
    poster: &std::path::Path,
    renditions: &[Rendition],
    limits: &Limits,
    av: AvTools,
) -> (
    std::result::Result<BTreeMap<String, String>, String>,
    Outputs,
) {
    let attributes = match av.ffprobe {
        true => media::video::probe(source).map_err(|e| e.to_string()),
        false => Ok(BTreeMap::new()),
    };
    if !av.ffmpeg || attributes.as_ref().is_ok_and(|a| !a.contains_key("width")) && av.ffprobe {
        return (attributes, Vec::new());
    }
    let outputs = match media::video::poster_frame(source, poster) {
        Ok(()) => media::render_many(poster, renditions, limits)
            .into_iter()
            .map(|o| o.map_err(|e| e.to_string()))
            .collect(),
        Err(e) => renditions.iter().map(|_| Err(e.to_string())).collect(),
    };
    (attributes, outputs)
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
    let source = context.blobs.path(&asset.sha256);
    let renditions: Vec<Rendition> = context.plans.iter().map(|p| p.rendition.clone()).collect();
    let (limits, show_gps, av, kind) = (context.limits, context.show_gps, context.av, asset.kind);
    let poster = context.blobs.temp_path("png");
    let (info, outputs) = crate::store::blocking(move || {
        let made = match kind {
            Kind::Image => render_image(&source, &renditions, &limits, show_gps),
            _ => render_av(&source, &poster, &renditions, &limits, av),
        };
        let _ = std::fs::remove_file(&poster);
        Ok(made)
    })
    .await?;
    let mut outcomes = Vec::new();
    for (plan, output) in context.plans.iter().zip(outputs) {
        match output {
            Ok(bytes) => {
                let received = context.blobs.receive_bytes(bytes).await?;
                let f = &received.fingerprint;
                let derivative = Derivative {
                    state: DerivativeState::Ready,
                    sha256: Some(f.sha256.clone()),
                    size: Some(f.size),
                    crc32: Some(f.crc32),
                    mime_type: Some(plan.rendition.format.mime_type().to_string()),
                    reason: None,
                };
                outcomes.push((plan.key.clone(), derivative, Some(received)));
            }
            Err(reason) => outcomes.push((
                plan.key.clone(),
                state(DerivativeState::Failed, Some(reason)),
                None,
            )),
        }
    }
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
    context.webhooks.wake();
    for hash in orphaned {
        context.blobs.remove(&hash).await?;
    }
    Ok(())
}
