//! The pages of a link: the landing page, the password form and its answer, error pages.

use super::*;

pub(crate) fn html(status: StatusCode, body: String) -> Response {
    let mut response = warp::reply::html(body).into_response_with(status);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, header_value("no-store"));
    response
}

trait WithStatus {
    fn into_response_with(self, status: StatusCode) -> Response;
}

impl<T: warp::Reply> WithStatus for T {
    fn into_response_with(self, status: StatusCode) -> Response {
        let mut response = self.into_response();
        *response.status_mut() = status;
        response
    }
}

/// The language of a page: `?lang=` (`asked`), else the browser's, else English.
pub(crate) fn language(asked: Option<&str>, client: &Client) -> Lang {
    let accept = client
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::choose(asked, accept)
}

/// The password of a posted unlock form; none: empty (a wrong password).
pub(crate) fn password_in(form: &[u8]) -> String {
    serde_urlencoded::from_bytes::<BTreeMap<String, String>>(form)
        .ok()
        .and_then(|mut form| form.remove("password"))
        .unwrap_or_default()
}

/// Errors of page routes as pages.
pub(crate) fn error_page(state: &AppState, lang: Lang, error: &Error) -> Response {
    let brand = &state.config.branding.name;
    match error {
        Error::NotFound(_) => html(StatusCode::NOT_FOUND, pages::not_found(lang, brand)),
        Error::Gone(reason) => html(StatusCode::GONE, pages::gone(lang, brand, *reason)),
        Error::TooManyAttempts(secs) => {
            let mut response = html(
                StatusCode::TOO_MANY_REQUESTS,
                pages::too_many_attempts(lang, brand, *secs),
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, (*secs).into());
            response
        }
        other => reply::error_response(other),
    }
}

pub(super) async fn landing(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
) -> Response {
    let query = query.unwrap_or_default();
    let lang = language(query.lang.as_deref(), &client);
    match landing_response(&state, lang, &token, &query, &client).await {
        Ok(response) => response,
        Err(e) => error_page(&state, lang, &e),
    }
}

async fn landing_response(
    state: &AppState,
    lang: Lang,
    token: &str,
    query: &LinkQuery,
    client: &Client,
) -> Result<Response> {
    let entering = enter(state, token, query, client).await?;
    let go = entering.decide(Want::Look)?;
    if go == Go::Password {
        let form = pages::password_form(lang, &state.config.branding.name, token, false);
        return Ok(html(StatusCode::OK, form));
    }
    let granted = state.links.admit(entering, go).await?;
    let signed = granted.signed.as_deref().unwrap_or_default();
    let body = landing_page(state, lang, &granted.opened, signed).await?;
    Ok(answer(&granted, html(StatusCode::OK, body)))
}

pub(super) async fn unlock(
    token: String,
    query: Result<LinkQuery>,
    state: AppState,
    client: Client,
    same_site: Result<()>,
    body: Result<bytes::Bytes>,
) -> Response {
    let query = query.unwrap_or_default();
    let lang = language(query.lang.as_deref(), &client);
    let body = match same_site.and(body) {
        Ok(body) => body,
        Err(e) => return error_page(&state, lang, &e),
    };
    let password = password_in(&body);
    match state
        .links
        .unlock(&token, &password, &requester(&client))
        .await
    {
        Ok(granted) => {
            let mut response = warp::reply().into_response_with(StatusCode::SEE_OTHER);
            // The language the form was in, when it was chosen by `?lang=`.
            let location = match &query.lang {
                Some(_) => format!("/s/{token}?lang={}", lang.code()),
                None => format!("/s/{token}"),
            };
            response
                .headers_mut()
                .insert(header::LOCATION, header_value(&location));
            answer(&granted, response)
        }
        Err(Error::Unauthenticated(_)) => html(
            StatusCode::UNAUTHORIZED,
            pages::password_form(lang, &state.config.branding.name, &token, true),
        ),
        Err(e) => error_page(&state, lang, &e),
    }
}

async fn landing_page(
    state: &AppState,
    lang: Lang,
    opened: &Opened,
    signed: &str,
) -> Result<String> {
    let share = &opened.share;
    let assets = opened.servable_assets();
    let offered = variants::offered_downloads(share, &assets);
    let token = &opened.token;
    let view_only = share.access == Access::View;
    let may_original = variants::may_download(share, &Variant::Original).is_ok();
    let label = |key: &str| -> String {
        built_in_label(lang, key).unwrap_or_else(|| {
            let mut chars = key.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
    };
    let variant_label = |v: &Variant| -> String {
        match v {
            Variant::Original => lang.t("variant-original"),
            Variant::Preview => lang.t("variant-preview"),
            Variant::Thumbnail => lang.t("variant-thumbnail"),
            Variant::Preset(name) => lang.tr("variant-preset", &[("name", name.as_str().into())]),
            Variant::Page(page) => lang.tr("variant-page", &[("page", (*page).into())]),
            Variant::Proxy => lang.t("variant-proxy"),
            Variant::Attachment(_) => lang.t("variant-attachment"),
        }
    };
    let columns: Vec<String> = share
        .show_attributes
        .iter()
        .filter(|k| k.as_str() != "name")
        .take(8)
        .cloned()
        .collect();
    let tiles = assets
        .iter()
        .map(|asset| {
            let shown = shown_attributes(share, asset);
            let facts = columns
                .iter()
                .map(|key| {
                    let value = match (key.as_str(), shown.get(key)) {
                        ("size", Some(_)) => lang.size(asset.size),
                        (_, Some(v)) => v.clone(),
                        (_, None) => "—".into(),
                    };
                    (label(key), value)
                })
                .collect();
            let inline_original = may_original && variants::inline_safe(&asset.mime_type);
            let ready_preview = variants::ready(share, asset, &Variant::Preview);
            let preview = if asset.kind == crate::assets::Kind::Image {
                if ready_preview {
                    Some(variant_url(token, asset, &Variant::Preview, signed, false))
                } else if inline_original {
                    Some(variant_url(token, asset, &Variant::Original, signed, false))
                } else {
                    variants::ready(share, asset, &Variant::Thumbnail)
                        .then(|| variant_url(token, asset, &Variant::Thumbnail, signed, false))
                }
            } else if asset.kind == crate::assets::Kind::Document && ready_preview {
                // A PDF's first page; the lightbox pages on from there.
                Some(variant_url(token, asset, &Variant::Preview, signed, false))
            } else {
                None
            };
            let plays = matches!(
                asset.kind,
                crate::assets::Kind::Video | crate::assets::Kind::Audio
            );
            // The proxy when the browser cannot play the original, else the original itself.
            let media = if plays && variants::ready(share, asset, &Variant::Proxy) {
                Some(variant_url(token, asset, &Variant::Proxy, signed, false))
            } else {
                (plays && inline_original)
                    .then(|| variant_url(token, asset, &Variant::Original, signed, false))
            };
            let pages = crate::pages::count(asset).filter(|_| ready_preview);
            let mut downloads: Vec<pages::Choice> = offered
                .iter()
                .map(|v| pages::Choice {
                    label: variant_label(v),
                    url: variant_url(token, asset, v, signed, true),
                    size: variants::file_of(share, asset, v).map(|f| f.fingerprint.size),
                })
                .collect();
            downloads.extend(
                offered_attachments(opened, asset).map(|(a, v)| pages::Choice {
                    label: lang.tr("attachment-named", &[("name", a.name.as_str().into())]),
                    url: variant_url(token, asset, &v, signed, true),
                    size: Some(a.size),
                }),
            );
            Tile {
                id: asset.id.to_string(),
                name: asset.name.clone(),
                kind: serde_json::to_value(asset.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "other".into()),
                mime_type: asset.mime_type.clone(),
                size: asset.size,
                thumbnail: variants::ready(share, asset, &Variant::Thumbnail)
                    .then(|| variant_url(token, asset, &Variant::Thumbnail, signed, false)),
                preview,
                media,
                pages: pages.map(|count| {
                    let url = variant_url(token, asset, &Variant::Page(0), signed, false);
                    (count, url.replace("/pages/0?", "/pages/{n}?"))
                }),
                facts,
                downloads,
            }
        })
        .collect();
    // "Download all": everything the link offers, or one variant (or the CSV) alone; the
    // exact size of each zip is known before it is sent.
    let sheet = super::sheet::sheet_if_offered(state, opened).await?;
    let contact_sheet = sheet.as_ref().map(|pdf| pages::Choice {
        label: lang.t("contact-sheet"),
        url: format!("/s/{token}/contact-sheet.pdf?v={signed}&download=1"),
        size: Some(pdf.len() as u64),
    });
    let mut download_all = Vec::new();
    let csv = share.download_options.attributes && !view_only;
    if !view_only && (assets.len() > 1 || csv) && (!offered.is_empty() || csv) {
        let url = |variants: Option<&str>| match variants {
            Some(v) => format!("/s/{token}/download.zip?v={signed}&variants={v}"),
            None => format!("/s/{token}/download.zip?v={signed}"),
        };
        let size = |variants: Option<&str>| {
            super::files::bundle_plan(state, opened, sheet.clone(), variants)
                .ok()
                .map(|p| p.layout.len())
        };
        let several = offered.len() > 1 || (csv && !offered.is_empty());
        download_all.push(pages::Choice {
            label: match several {
                true => lang.t("download-everything"),
                false => lang.t("download-all-files"),
            },
            url: url(None),
            size: size(None),
        });
        if several {
            for v in &offered {
                let name = v.name();
                download_all.push(pages::Choice {
                    label: lang.tr("download-only", &[("variant", variant_label(v).into())]),
                    url: url(Some(&name)),
                    size: size(Some(&name)),
                });
            }
            if csv {
                download_all.push(pages::Choice {
                    label: lang.t("download-csv-only"),
                    url: url(Some("attributes")),
                    size: size(Some("attributes")),
                });
            }
        }
    }
    let total: u64 = assets.iter().map(|a| a.size).sum();
    let summary = lang.tr(
        "landing-summary",
        &[
            ("count", assets.len().into()),
            ("size", lang.size(total).into()),
        ],
    );
    Ok(pages::landing(&Landing {
        lang,
        brand: &state.config.branding.name,
        title: &share.title,
        description: &share.description,
        summary,
        expires_at: share
            .expires_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        expires_text: lang.date_time(share.expires_at),
        uses_left: share.uses_remaining(),
        view_only,
        columns: columns.iter().map(|k| label(k)).collect(),
        tiles,
        download_all,
        contact_sheet,
    }))
}
