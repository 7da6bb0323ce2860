//! The link's contact sheet: `/s/{token}/contact-sheet.pdf`, and the same PDF in the zip.
//! Made before the request is admitted (or taken from the cache), so that its size is known
//! before any answer starts.

use super::*;
use crate::contact_sheet::{self, Card};
use bytes::Bytes;
use sha2::{Digest, Sha256};

/// Whether the link offers the contact sheet.
pub(super) fn offered(share: &Share) -> bool {
    share.access == Access::Download && share.download_options.contact_sheet
}

/// The sheet of what the link shows now, when it offers one: from the cache while the
/// assets, their thumbnails and shown attributes are what they were.
pub(super) async fn sheet_if_offered(state: &AppState, opened: &Opened) -> Result<Option<Bytes>> {
    if !offered(&opened.share) {
        return Ok(None);
    }
    let share = &opened.share;
    // Sizes written as the share's language writes them (English when it names none).
    let lang = share
        .language
        .as_deref()
        .and_then(crate::i18n::Lang::from_code)
        .unwrap_or(crate::i18n::Lang::ENGLISH);
    let assets = opened.servable_assets();
    let mut key = Sha256::new();
    key.update(share.title.as_bytes());
    let mut cards = Vec::new();
    for asset in &assets {
        let facts: Vec<String> = shown_attributes(share, asset)
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "name" | "size"))
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let thumbnail = asset.derivative("thumbnail").map(|(_, f)| f.sha256);
        for part in [
            &asset.name,
            &asset.size.to_string(),
            &facts.join("\n"),
            thumbnail.as_deref().unwrap_or("-"),
        ] {
            key.update(part.as_bytes());
            key.update([0]);
        }
        let card = Card {
            name: asset.name.clone(),
            size: lang.size(asset.size),
            facts,
            thumbnail: None,
        };
        cards.push((card, thumbnail));
    }
    let key = hex::encode(key.finalize());
    if let Some(sheet) = state.links.sheets.get(&key) {
        return Ok(Some(sheet));
    }
    let mut ready = Vec::with_capacity(cards.len());
    for (mut card, thumbnail) in cards {
        if let Some(hash) = thumbnail {
            card.thumbnail = state.blobs.read(&hash).await.ok();
        }
        ready.push(card);
    }
    let title = share.title.clone();
    let pdf = tokio::task::spawn_blocking(move || contact_sheet::render(&title, &ready))
        .await
        .map_err(|e| Error::internal(format!("making the contact sheet: {e}")))?;
    let sheet = Bytes::from(pdf);
    state.links.sheets.put(key, sheet.clone());
    Ok(Some(sheet))
}

pub(super) async fn contact_sheet(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Result<Response> {
    let query = query?;
    let entering = enter(&state, &token, &query, &client).await?;
    let go = decide_data(&entering, Want::Bundle)?;
    let sheet = sheet_if_offered(&state, &entering.opened)
        .await?
        .ok_or_else(|| Error::forbidden("this link does not offer a contact sheet"))?;
    let granted = state.links.admit(entering, go).await?;
    let rep = Representation {
        len: sheet.len() as u64,
        etag: format!("\"sheet-{}\"", &hex::encode(Sha256::digest(&sheet))[..32]),
        content_type: "application/pdf".into(),
        disposition: Some(content_disposition(
            query.wants_download(),
            &format!("{} - contact sheet.pdf", granted.opened.share.title),
        )),
        cache_control: "private, no-cache",
        last_modified: None,
    };
    let recorder = files::recorder(
        &state,
        &granted.opened,
        &client,
        EventKind::Download,
        None,
        Some("contact-sheet".into()),
    );
    let response = reply::ranged(&client.method, &client.headers, &rep, |range| {
        let part = sheet.slice(range.start as usize..range.end as usize);
        counted(futures_util::stream::iter([Ok(part)]), recorder())
    })?;
    Ok(answer(&granted, response))
}
