//! The link's contact sheet: `/s/{token}/contact-sheet.pdf`, and the same PDF in the zip.
//! Made before the request is admitted (or taken from the cache), so that its size is known
//! before any answer starts.

use super::*;
use crate::contact_sheet::{self, Card, Footer};
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
    // Its words, sizes and labels as the share's language writes them (English when it names
    // none): the language is part of what the sheet shows, so of its cache key.
    let lang = share.lang();
    let assets = opened.servable_assets();
    let mut key = Sha256::new();
    for part in [lang.code(), &share.title] {
        key.update(part.as_bytes());
        key.update([0]);
    }
    let mut cards = Vec::new();
    for asset in &assets {
        let facts: Vec<String> = shown_attributes(share, asset)
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "name" | "size"))
            .map(|(k, v)| format!("{}: {v}", built_in_label(lang, &k).unwrap_or(k)))
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
    let pdf = tokio::task::spawn_blocking(move || {
        contact_sheet::render(&title, &ready, |at| footer(lang, at))
    })
    .await
    .map_err(|e| Error::internal(format!("making the contact sheet: {e}")))?;
    let sheet = Bytes::from(pdf);
    state.links.sheets.put(key, sheet.clone());
    Ok(Some(sheet))
}

/// A page's footer in the reader's language: "Page 1 of 2 - 13 files".
fn footer(lang: Lang, at: Footer) -> String {
    let args = [
        ("page", at.page.into()),
        ("pages", at.pages.into()),
        ("count", at.files.into()),
    ];
    lang.tr("sheet-footer", &args)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_sheet_footers_count_pages_and_files_in_the_readers_language() {
        let at = |page, pages, files| Footer { page, pages, files };
        let english = Lang::ENGLISH;
        assert_eq!(footer(english, at(1, 1, 1)), "Page 1 of 1 - 1 file");
        assert_eq!(footer(english, at(2, 2, 13)), "Page 2 of 2 - 13 files");
        let german = Lang::from_code("de").unwrap();
        assert_eq!(footer(german, at(1, 2, 13)), "Seite 1 von 2 - 13 Dateien");
        let japanese = Lang::from_code("ja").unwrap();
        assert_eq!(footer(japanese, at(1, 2, 13)), "1 / 2 ページ - 13 ファイル");
    }
}
