//! "Download all": which files go into a share's zip, under which names. The zip format
//! itself is `crate::bundle`.

use super::variants::{file_of, offered_downloads, Variant};
use super::Share;
use crate::assets::Asset;
use crate::blobs::Blobs;
use crate::bundle::{attributes_csv, safe_name, Entry, Layout, Source, UniqueNames};
use crate::error::{Error, Result};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::sync::Arc;

pub const ATTRIBUTES_CSV: &str = "attributes.csv";
pub const HISTORY_CSV: &str = "attribute-history.csv";
pub const CONTACT_SHEET: &str = "contact-sheet.pdf";

/// The files of a zip that are not variants of the assets, and whether each goes in.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Documents {
    attributes: bool,
    history: bool,
    attachments: bool,
    contact_sheet: bool,
}

impl Documents {
    /// The ones the link offers.
    fn offered(share: &Share) -> Documents {
        let options = &share.download_options;
        let download = share.access == super::Access::Download;
        Documents {
            attributes: download && options.attributes,
            history: download && options.attribute_history,
            attachments: download && options.attachments,
            contact_sheet: download && options.contact_sheet,
        }
    }

    fn any(&self) -> bool {
        self.attributes || self.history || self.attachments || self.contact_sheet
    }
}

/// What a zip holds beside the assets' files, read with the link.
pub struct Extras<'a> {
    pub history: &'a [crate::history::Change],
    pub attachments: &'a [crate::attachments::Attachment],
    /// The contact sheet, made before the zip is laid out so that its length is known.
    pub contact_sheet: Option<Bytes>,
}

pub struct Plan {
    pub layout: Arc<Layout<Source>>,
    /// Changes whenever the archive's bytes would.
    pub etag: String,
    pub file_name: String,
    pub modified: DateTime<Utc>,
}

/// What to put in the zip: `requested` is `variants=original,preview,attributes` or None for
/// everything the link allows for download.
pub fn plan(
    share: &Share,
    assets: &[Asset],
    extras: &Extras,
    requested: Option<&str>,
    blobs: &Blobs,
) -> Result<Plan> {
    let offered = offered_downloads(share, assets);
    let documents_allowed = Documents::offered(share);
    if offered.is_empty() && !documents_allowed.any() {
        super::variants::may_download(share, &Variant::Original)?;
    }
    let (variants, documents) = match requested.map(str::trim).filter(|r| !r.is_empty()) {
        None => (offered, documents_allowed),
        Some(list) => choose(list, &offered, documents_allowed, share, assets)?,
    };
    if variants.is_empty() && !documents.any() {
        return Err(Error::NotFound("anything to download"));
    }
    let mut entries = Vec::new();
    let file_entry = |name: String, file: &crate::blobs::Fingerprint, modified| Entry {
        name,
        size: file.size,
        crc32: file.crc32,
        modified,
        source: blobs.locate(&file.sha256).into(),
    };
    for (index, variant) in variants.iter().enumerate() {
        let folder = if variants.len() > 1 {
            format!("{}/", variant.folder())
        } else {
            String::new()
        };
        let mut names = UniqueNames::new();
        for asset in assets {
            if let Some(file) = file_of(share, asset, variant) {
                let name = names.claim(&safe_name(&file_name_for(asset, variant, &file.mime_type)));
                entries.push(file_entry(
                    format!("{folder}{name}"),
                    &file.fingerprint,
                    asset.created_at,
                ));
            }
            // Attachments go beside their asset, in the folder of the first variant.
            if documents.attachments && index == 0 {
                for attachment in extras.attachments.iter().filter(|a| a.asset_id == asset.id) {
                    let name = names.claim(&safe_name(&attachment.name));
                    entries.push(file_entry(
                        format!("{folder}{name}"),
                        &attachment.fingerprint(),
                        attachment.created_at,
                    ));
                }
            }
        }
    }
    if documents.attachments && variants.is_empty() {
        let mut names = UniqueNames::new();
        let shown = |a: &&crate::attachments::Attachment| assets.iter().any(|s| s.id == a.asset_id);
        for attachment in extras.attachments.iter().filter(shown) {
            let name = names.claim(&safe_name(&attachment.name));
            entries.push(file_entry(
                name,
                &attachment.fingerprint(),
                attachment.created_at,
            ));
        }
    }
    let modified = assets
        .iter()
        .map(|a| a.created_at)
        .max()
        .unwrap_or(share.created_at);
    if documents.attributes {
        entries.push(memory_entry(
            ATTRIBUTES_CSV,
            csv_of(assets).into(),
            modified,
        ));
    }
    if documents.history {
        let changed = extras.history.iter().map(|c| c.at).max();
        let csv = crate::history::csv(assets, extras.history);
        entries.push(memory_entry(
            HISTORY_CSV,
            csv.into(),
            changed.unwrap_or(modified),
        ));
    }
    if let (true, Some(sheet)) = (documents.contact_sheet, &extras.contact_sheet) {
        entries.push(memory_entry(CONTACT_SHEET, sheet.clone(), modified));
    }
    let etag = etag_of(&entries);
    let modified = entries
        .iter()
        .map(|e| e.modified)
        .max()
        .unwrap_or(share.created_at);
    let layout = Layout::new(entries).map_err(|e| Error::internal(e.to_string()))?;
    Ok(Plan {
        layout: Arc::new(layout),
        etag,
        file_name: format!("{}.zip", safe_name(&share.title)),
        modified,
    })
}

/// A file made in memory (a CSV, the contact sheet).
fn memory_entry(name: &str, bytes: Bytes, modified: DateTime<Utc>) -> Entry<Source> {
    Entry {
        name: name.into(),
        size: bytes.len() as u64,
        crc32: crc32fast::hash(&bytes),
        modified,
        source: Source::Memory(bytes),
    }
}

fn choose(
    list: &str,
    offered: &[Variant],
    allowed: Documents,
    share: &Share,
    assets: &[Asset],
) -> Result<(Vec<Variant>, Documents)> {
    let mut variants = Vec::new();
    let mut documents = Documents::default();
    let refuse = |what: &str| Error::forbidden(format!("this link does not offer the {what}"));
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        if word == "attributes" || word == ATTRIBUTES_CSV {
            if !allowed.attributes {
                return Err(refuse("attributes CSV"));
            }
            documents.attributes = true;
            continue;
        }
        if word == "contactSheet" || word == CONTACT_SHEET {
            if !allowed.contact_sheet {
                return Err(refuse("contact sheet"));
            }
            documents.contact_sheet = true;
            continue;
        }
        if word == "attachments" {
            if !allowed.attachments {
                return Err(refuse("attachments"));
            }
            documents.attachments = true;
            continue;
        }
        if word == "attributeHistory" || word == HISTORY_CSV {
            if !allowed.history {
                return Err(refuse("attribute history CSV"));
            }
            documents.history = true;
            continue;
        }
        let variant = Variant::parse(word)
            .ok_or_else(|| Error::bad_request(format!("unknown variant {word:?}")))?;
        super::variants::may_download(share, &variant)?;
        if !offered.contains(&variant) {
            // Still being made: try again later. Never to exist for some file: not offered.
            return Err(
                match assets
                    .iter()
                    .any(|a| super::variants::pending(share, a, &variant))
                {
                    true => Error::Conflict(format!(
                        "the {word} variant is not ready for every file yet"
                    )),
                    false => Error::forbidden(format!(
                        "this link does not offer the {word} variant: not every file has one"
                    )),
                },
            );
        }
        if !variants.contains(&variant) {
            variants.push(variant);
        }
    }
    Ok((variants, documents))
}

/// The original's name, or its stem with the derivative's extension.
fn file_name_for(asset: &Asset, variant: &Variant, mime: &str) -> String {
    if *variant == Variant::Original {
        return asset.name.clone();
    }
    let stem = asset
        .name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or(&asset.name);
    format!("{stem}.{}", extension_for(mime))
}

/// The file extension of a derivative of type `mime` (derivatives are JPEG, PNG or WebP).
pub fn extension_for(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

fn csv_of(assets: &[Asset]) -> String {
    let keys: BTreeSet<&String> = assets.iter().flat_map(|a| a.attributes.keys()).collect();
    let mut header: Vec<String> = ["id", "name", "type", "size", "created"]
        .map(String::from)
        .to_vec();
    header.extend(keys.iter().map(|k| k.to_string()));
    let rows: Vec<Vec<String>> = assets
        .iter()
        .map(|a| {
            let mut row = vec![
                a.id.to_string(),
                a.name.clone(),
                a.mime_type.clone(),
                a.size.to_string(),
                a.created_at.to_rfc3339(),
            ];
            row.extend(
                keys.iter()
                    .map(|k| a.attributes.get(*k).cloned().unwrap_or_default()),
            );
            row
        })
        .collect();
    attributes_csv(&header, &rows)
}

fn etag_of(entries: &[Entry<Source>]) -> String {
    let mut hash = Sha256::new();
    for entry in entries {
        hash.update(entry.name.as_bytes());
        hash.update([0]);
        hash.update(entry.size.to_be_bytes());
        hash.update(entry.crc32.to_be_bytes());
        hash.update(entry.modified.timestamp().to_be_bytes());
    }
    format!("\"zip-{}\"", &hex::encode(hash.finalize())[..32])
}
