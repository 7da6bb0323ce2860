//! The data of a link: the manifest, each file, "download all" and the direct link.
//! Each route decides and makes its answer ready before it is admitted: a request that will
//! be refused anyway counts no use.

use super::*;
use crate::pages;
use crate::shares::download_all::Plan;

/// HEAD on the page or the manifest: 200 while the link works (also when it would ask for its
/// password), its 404/410 otherwise.
pub(super) async fn peek(
    token: String,
    state: AppState,
    client: Client,
    content_type: &'static str,
) -> Result<Response> {
    let entering = enter(&state, &token, &LinkQuery::default(), &client).await?;
    entering.decide(Want::Look)?;
    let mut response = warp::Reply::into_response(warp::reply());
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, header_value(content_type));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header_value("no-store"));
    Ok(response)
}

pub(super) async fn manifest(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let entering = enter(&state, &token, &query, &client).await?;
    let go = decide_data(&entering, Want::Look)?;
    let granted = state.links.admit(entering, go).await?;
    let share = &granted.opened.share;
    let signed = granted.signed.as_deref().unwrap_or_default();
    let assets = granted.opened.servable_assets();
    let offered = variants::offered_downloads(share, &assets);
    let items: Vec<_> = assets
        .iter()
        .map(|asset| {
            let viewable: BTreeMap<String, String> =
                [Variant::Thumbnail, Variant::Preview, Variant::Proxy]
                    .iter()
                    .filter(|v| variants::ready(share, asset, v))
                    .map(|v| (v.name(), variant_url(&token, asset, v, signed, false)))
                    .collect();
            let downloads: BTreeMap<String, String> = offered
                .iter()
                .map(|v| (v.name(), variant_url(&token, asset, v, signed, true)))
                .collect();
            let attachments: Vec<_> = offered_attachments(&granted.opened, asset)
                .map(|(a, variant)| {
                    serde_json::json!({
                        "id": a.id, "name": a.name, "size": a.size, "mimeType": a.mime_type,
                        "url": variant_url(&token, asset, &variant, signed, true),
                    })
                })
                .collect();
            serde_json::json!({
                "id": asset.id,
                "name": asset.name,
                "size": asset.size,
                "mimeType": asset.mime_type,
                "kind": asset.kind,
                "attributes": shown_attributes(share, asset),
                "variants": viewable,
                "downloads": downloads,
                "attachments": attachments,
            })
        })
        .collect();
    let download_all = (share.access == Access::Download && !offered.is_empty())
        .then(|| format!("/s/{token}/download.zip?v={signed}"));
    let body = serde_json::json!({
        "title": share.title,
        "description": share.description,
        "expiresAt": share.expires_at,
        "maxUses": share.max_uses,
        "usesRemaining": share.uses_remaining(),
        "access": share.access,
        "watermark": share.watermark,
        "downloadVariants": offered.iter().map(Variant::name).collect::<Vec<_>>(),
        "attributesCsv": share.access == Access::Download && share.download_options.attributes,
        "assets": items,
        "downloadAll": download_all,
        "contactSheet": super::sheet::offered(share)
            .then(|| format!("/s/{token}/contact-sheet.pdf?v={signed}")),
        "visit": signed,
    });
    Ok(answer(&granted, reply::json(&body)))
}

pub(super) async fn variant(
    token: String,
    asset_id: Uuid,
    name: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let variant = Variant::parse(&name).ok_or(Error::NotFound("variant"))?;
    let entering = enter(&state, &token, &query, &client).await?;
    let asset = entering.opened.servable_asset(asset_id);
    let download = query.wants_download()
        || (variant == Variant::Original && !asset.as_ref().is_some_and(variants::plays_inline));
    let want = Want::File {
        asset: asset.as_ref(),
        variant: &variant,
        download,
    };
    let go = decide_data(&entering, want)?;
    let asset = asset.ok_or(Error::NotFound("asset in this share"))?;
    let file = match variant {
        Variant::Page(page) => page_file(&state, &entering.opened.share, &asset, page).await?,
        Variant::Attachment(id) => attachment_file(&entering.opened, asset.id, id)?,
        _ => variants::file_of(&entering.opened.share, &asset, &variant)
            .ok_or(Error::NotFound("this variant (not made, or not ready yet)"))?,
    };
    let attachment = query.wants_download() || !variants::inline_safe(&file.mime_type);
    let kind = if download {
        EventKind::Download
    } else {
        EventKind::Preview
    };
    let granted = state.links.admit(entering, go).await?;
    let response = send_file(
        &state,
        &granted.opened,
        &client,
        &asset,
        &variant,
        file,
        attachment,
        kind,
    )?;
    Ok(answer(&granted, response))
}

/// A page of a PDF as the share shows it, made the first time it is asked for (a page that
/// cannot be made is refused before the request is admitted: it counts no use).
async fn page_file(
    state: &AppState,
    share: &Share,
    asset: &Asset,
    page: u32,
) -> Result<variants::VariantFile> {
    let (store, blobs, config) = (&state.store, &state.blobs, &state.config);
    let renders = &state.workers.pages;
    let fingerprint =
        pages::page(store, blobs, config, renders, asset, page, share.watermark).await?;
    Ok(variants::VariantFile {
        fingerprint,
        mime_type: pages::MIME_TYPE.into(),
    })
}

/// An attachment of the asset the link offers.
fn attachment_file(opened: &Opened, asset: Uuid, id: Uuid) -> Result<variants::VariantFile> {
    let found = opened.attachments_of(asset).find(|a| a.id == id);
    let found = found.ok_or(Error::NotFound("attachment"))?;
    Ok(variants::VariantFile {
        fingerprint: found.fingerprint(),
        mime_type: found.mime_type.clone(),
    })
}

/// One file of an asset, with ranges, its event and the sandbox for anything not shown inline.
#[allow(clippy::too_many_arguments)]
fn send_file(
    state: &AppState,
    opened: &Opened,
    client: &Client,
    asset: &Asset,
    variant: &Variant,
    file: variants::VariantFile,
    attachment: bool,
    kind: EventKind,
) -> Result<Response> {
    let name = match variant {
        Variant::Original => asset.name.clone(),
        Variant::Attachment(id) => (opened.attachments_of(asset.id).find(|a| a.id == *id))
            .map_or_else(|| asset.name.clone(), |a| a.name.clone()),
        _ => format!(
            "{} ({}).{}",
            asset.name,
            variant.name().replace('/', " "),
            download_all::extension_for(&file.mime_type)
        ),
    };
    let rep = Representation {
        len: file.fingerprint.size,
        etag: format!("\"{}\"", &file.fingerprint.sha256[..32]),
        content_type: file.mime_type.clone(),
        disposition: Some(content_disposition(attachment, &name)),
        cache_control: if *variant == Variant::Original {
            "private, no-cache"
        } else {
            "private, max-age=86400"
        },
        last_modified: Some(asset.created_at),
    };
    let recorder = recorder(
        state,
        opened,
        client,
        kind,
        Some(asset.id),
        Some(variant.name()),
    );
    let mut response = reply::ranged(&client.method, &client.headers, &rep, |range| {
        counted(
            state.blobs.stream(&file.fingerprint.sha256, range),
            recorder(),
        )
    })?;
    if attachment {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            header_value("sandbox; default-src 'none'"),
        );
    }
    Ok(response)
}

/// Records the event with the bytes actually sent, when the body ends or the client leaves.
/// Only a body that is really sent counts as an active download (not HEAD, 304 or 416).
pub(super) fn recorder(
    state: &AppState,
    opened: &Opened,
    client: &Client,
    kind: EventKind,
    asset: Option<Uuid>,
    variant: Option<String>,
) -> impl FnOnce() -> Box<dyn FnOnce(u64) + Send + Sync> {
    let events = state.links.events.clone();
    let metrics = state.metrics.clone();
    let mut event = requester(client).event(kind, opened.recipient_id);
    event.asset_id = asset;
    event.variant = variant;
    let share_id = opened.share.id;
    move || {
        metrics.active_downloads.fetch_add(1, Ordering::Relaxed);
        Box::new(move |sent| {
            metrics.active_downloads.fetch_sub(1, Ordering::Relaxed);
            Metrics::add(&metrics.bytes_sent, sent);
            event.bytes = Some(sent);
            events.record(share_id, event);
        })
    }
}

pub(super) async fn download_all(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let entering = enter(&state, &token, &query, &client).await?;
    bundle(&state, entering, &query, &client).await
}

/// The link's zip, decided and planned before the request is admitted.
async fn bundle(
    state: &AppState,
    entering: Entering,
    query: &LinkQuery,
    client: &Client,
) -> Result<Response> {
    let go = decide_data(&entering, Want::Bundle)?;
    let variants = query.variants.as_deref();
    let sheet = super::sheet::sheet_if_offered(state, &entering.opened).await?;
    let plan = bundle_plan(state, &entering.opened, sheet, variants)?;
    let granted = state.links.admit(entering, go).await?;
    let response = bundle_response(state, &granted.opened, plan, variants, client)?;
    Ok(answer(&granted, response))
}

/// What goes into the link's zip: errors for variants it cannot have.
pub(super) fn bundle_plan(
    state: &AppState,
    opened: &Opened,
    contact_sheet: Option<bytes::Bytes>,
    variants: Option<&str>,
) -> Result<Plan> {
    let assets = opened.servable_assets();
    let extras = download_all::Extras {
        history: &opened.history,
        attachments: &opened.attachments,
        contact_sheet,
    };
    download_all::plan(&opened.share, &assets, &extras, variants, &state.blobs)
}

fn bundle_response(
    state: &AppState,
    opened: &Opened,
    plan: Plan,
    variants: Option<&str>,
    client: &Client,
) -> Result<Response> {
    let rep = Representation {
        len: plan.layout.len(),
        etag: plan.etag.clone(),
        content_type: "application/zip".into(),
        disposition: Some(content_disposition(true, &plan.file_name)),
        cache_control: "private, no-cache",
        last_modified: Some(plan.modified),
    };
    let recorder = recorder(
        state,
        opened,
        client,
        EventKind::Bundle,
        None,
        variants.map(str::to_string),
    );
    let layout = plan.layout;
    reply::ranged(&client.method, &client.headers, &rep, |range| {
        counted(crate::bundle::stream(layout, range), recorder())
    })
}

/// A direct download: the one asset's original, or the zip of all.
pub(super) async fn direct(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let entering = enter(&state, &token, &query, &client).await?;
    let assets = entering.opened.servable_assets();
    if let [only] = assets.as_slice() {
        let want = Want::File {
            asset: Some(only),
            variant: &Variant::Original,
            download: true,
        };
        let go = decide_data(&entering, want)?;
        let file = variants::file_of(&entering.opened.share, only, &Variant::Original)
            .ok_or(Error::NotFound("file"))?;
        let granted = state.links.admit(entering, go).await?;
        let response = send_file(
            &state,
            &granted.opened,
            &client,
            only,
            &Variant::Original,
            file,
            true,
            EventKind::Download,
        )?;
        return Ok(answer(&granted, response));
    }
    bundle(&state, entering, &query, &client).await
}
