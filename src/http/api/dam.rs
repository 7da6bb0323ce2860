//! What the DAM seeds asked for: an asset's attribute history, saved searches and attachments.

use crate::accounts::{Permission, Principal};
use crate::assets::{Filter, Kind};
use crate::attachments::{self, Attachment};
use crate::error::{Error, Result};
use crate::history::{self, Change};
use crate::http::api::assets::{
    optional_id, receive_files, send, FileAnswers, UploadForm, UploadQuery,
};
use crate::http::filters::Client;
use crate::http::reply::{self, content_disposition};
use crate::http::views::{AssetView, ErrorAnswer, Listing};
use crate::searches::{self, SavedSearch};
use crate::state::AppState;
use bytes::Buf;
use chrono::{DateTime, Utc};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;
use warp::reply::Response;

/// Every change of the asset's name, status, expiry and attributes, newest first.
#[utoipa::path(get, path = "/api/v1/assets/{id}/history", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = Listing<Change>)))]
pub async fn asset_history(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    crate::assets::get(&state.store, &who.user, id).await?;
    let changes = history::newest_first(&state.store, id).await?;
    Ok(reply::json(&Listing {
        items: changes,
        next_cursor: None,
    }))
}

// ----- saved searches -----

/// A saved search: `{name, q?, kind?, collectionId?, attributes?}`.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchBody {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, pattern = r"\S")]
    name: Option<String>,
    /// Words of the name or attributes.
    #[schema(max_length = 1000)]
    q: Option<String>,
    kind: Option<Kind>,
    collection_id: Option<Uuid>,
    /// Attribute values the assets must have (ignoring case); an empty value: the key is set.
    attributes: Option<BTreeMap<String, String>>,
}

impl SearchBody {
    fn filter(&self) -> Filter {
        Filter {
            text: self.q.clone().filter(|q| !q.trim().is_empty()),
            kind: self.kind,
            collection: self.collection_id,
            attributes: self.attributes.clone().unwrap_or_default(),
        }
    }

    /// Applies the fields given to a search's filter (an empty `q` clears the words).
    fn apply(self, filter: &mut Filter) {
        if let Some(q) = self.q {
            filter.text = Some(q).filter(|q| !q.trim().is_empty());
        }
        filter.kind = self.kind.or(filter.kind);
        filter.collection = self.collection_id.or(filter.collection);
        if let Some(attributes) = self.attributes {
            filter.attributes = attributes;
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchView {
    id: Uuid,
    owner_id: Uuid,
    name: String,
    q: Option<String>,
    kind: Option<Kind>,
    collection_id: Option<Uuid>,
    attributes: BTreeMap<String, String>,
    created_at: DateTime<Utc>,
}

impl From<&SavedSearch> for SearchView {
    fn from(s: &SavedSearch) -> Self {
        SearchView {
            id: s.id,
            owner_id: s.owner_id,
            name: s.name.clone(),
            q: s.filter.text.clone(),
            kind: s.filter.kind,
            collection_id: s.filter.collection,
            attributes: s.filter.attributes.clone(),
            created_at: s.created_at,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/searches", tag = "searches", request_body = SearchBody,
    responses((status = 201, body = SearchView)))]
pub async fn create_search(
    state: AppState,
    who: Result<Principal>,
    body: Result<SearchBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let name = body
        .name
        .clone()
        .ok_or_else(|| Error::invalid("a saved search needs a name"))?;
    let search = searches::create(&state.store, &who.user, &name, body.filter()).await?;
    Ok(reply::created(&SearchView::from(&search)))
}

#[utoipa::path(get, path = "/api/v1/searches", tag = "searches", responses((status = 200, body = Listing<SearchView>)))]
pub async fn list_searches(state: AppState, who: Result<Principal>) -> Result<Response> {
    let all = searches::list(&state.store, &who?.user).await?;
    Ok(reply::json(&Listing::<SearchView>::of(&all, None)))
}

#[utoipa::path(get, path = "/api/v1/searches/{id}", tag = "searches", params(("id" = Uuid, Path, description = "the search's id")),
    responses((status = 200, body = SearchView)))]
pub async fn get_search(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    let search = searches::get(&state.store, &who?.user, id).await?;
    Ok(reply::json(&SearchView::from(&search)))
}

/// Narrows a listing to one domain, as the asset listing's `?domain=` does.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DomainQuery {
    /// A domain's id: its assets only (one of the asker's domains; admins: any).
    domain: Option<String>,
}

/// The assets the search finds now, newest first.
#[utoipa::path(get, path = "/api/v1/searches/{id}/assets", tag = "searches", params(("id" = Uuid, Path, description = "the search's id"), DomainQuery),
    responses((status = 200, body = Listing<AssetView>),
        (status = 400, response = ErrorAnswer),
        (status = 404, response = ErrorAnswer)))]
pub async fn search_assets(
    id: Uuid,
    query: Result<DomainQuery>,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let who = who?;
    let domain = optional_id(query?.domain.as_deref(), "domain")?;
    let found = searches::assets(&state.store, &who.user, id, domain).await?;
    Ok(reply::json(&Listing::<AssetView>::of(&found, None)))
}

/// Renames the search or changes what it asks for (the fields given replace the search's).
#[utoipa::path(patch, path = "/api/v1/searches/{id}", tag = "searches", params(("id" = Uuid, Path, description = "the search's id")),
    request_body = SearchBody, responses((status = 200, body = SearchView), (status = 403, response = ErrorAnswer)))]
pub async fn update_search(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
    body: Result<SearchBody>,
) -> Result<Response> {
    let (who, body) = (who?, body?);
    let name = body.name.clone();
    let search =
        searches::update(&state.store, &who.user, id, name, move |f| body.apply(f)).await?;
    Ok(reply::json(&SearchView::from(&search)))
}

#[utoipa::path(delete, path = "/api/v1/searches/{id}", tag = "searches", params(("id" = Uuid, Path, description = "the search's id")),
    responses((status = 204, description = "deleted"), (status = 403, response = ErrorAnswer)))]
pub async fn delete_search(id: Uuid, state: AppState, who: Result<Principal>) -> Result<Response> {
    searches::delete(&state.store, &who?.user, id).await?;
    Ok(reply::no_content())
}

// ----- attachments -----

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    id: Uuid,
    asset_id: Uuid,
    name: String,
    size: u64,
    mime_type: String,
    created_at: DateTime<Utc>,
}

impl From<&Attachment> for AttachmentView {
    fn from(a: &Attachment) -> Self {
        AttachmentView {
            id: a.id,
            asset_id: a.asset_id,
            name: a.name.clone(),
            size: a.size,
            mime_type: a.mime_type.clone(),
            created_at: a.created_at,
        }
    }
}

/// One attached file answers its attachment; several answer `{"attachments": […]}`.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum Attached {
    One(AttachmentView),
    Many { attachments: Vec<AttachmentView> },
}

/// Attaches files to an asset: `multipart/form-data` with `file` parts, or a raw body with `?name=`.
#[utoipa::path(post, path = "/api/v1/assets/{id}/attachments", tag = "assets",
    params(("id" = Uuid, Path, description = "the asset's id"), UploadQuery),
    request_body(content((UploadForm = "multipart/form-data"), (String = "application/octet-stream"))),
    responses((status = 201, body = Attached), (status = 400, response = ErrorAnswer), (status = 403, response = ErrorAnswer),
        (status = 413, response = ErrorAnswer), (status = 422, response = ErrorAnswer), (status = 507, response = ErrorAnswer)))]
pub async fn attach<S, B>(
    id: Uuid,
    query: Result<UploadQuery>,
    state: AppState,
    who: Result<Principal>,
    client: Client,
    body: S,
) -> Result<Response>
where
    S: Stream<Item = std::result::Result<B, warp::Error>> + Send + Unpin + 'static,
    B: Buf + Send + 'static,
{
    let (who, query) = (who?, query?);
    let asset = crate::assets::get(&state.store, &who.user, id).await?;
    crate::assets::may_modify(&who.user, &asset)?;
    let files = receive_files(&state, query, &client, body).await?;
    let mut made = Vec::new();
    for (name, declared, received) in files {
        let (store, blobs) = (&state.store, &state.blobs);
        let declared = declared.as_deref();
        made.push(
            attachments::create(store, blobs, &who.user, id, &name, declared, received).await?,
        );
    }
    match made.as_slice() {
        [one] => Ok(reply::created(&Attached::One(AttachmentView::from(one)))),
        many => Ok(reply::created(&Attached::Many {
            attachments: many.iter().map(AttachmentView::from).collect(),
        })),
    }
}

#[utoipa::path(get, path = "/api/v1/assets/{id}/attachments", tag = "assets", params(("id" = Uuid, Path, description = "the asset's id")),
    responses((status = 200, body = Listing<AttachmentView>)))]
pub async fn list_attachments(
    id: Uuid,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    crate::assets::get(&state.store, &who.user, id).await?;
    let all = attachments::of_asset(&state.store, id).await?;
    Ok(reply::json(&Listing::<AttachmentView>::of(&all, None)))
}

/// The attached file, with `Range` support; always as a download.
#[utoipa::path(get, path = "/api/v1/assets/{id}/attachments/{attachmentId}", tag = "assets",
    params(("id" = Uuid, Path, description = "the asset's id"), ("attachmentId" = Uuid, Path, description = "the attachment's id")),
    responses(FileAnswers))]
pub async fn attachment_file(
    id: Uuid,
    attachment: Uuid,
    state: AppState,
    who: Result<Principal>,
    client: Client,
) -> Result<Response> {
    let who = who?;
    who.user.require(Permission::AssetsRead)?;
    let asset = crate::assets::get(&state.store, &who.user, id).await?;
    let file = attachments::get(&state.store, id, attachment).await?;
    let disposition = content_disposition(true, &file.name);
    let fingerprint = file.fingerprint();
    send(
        &state,
        &client,
        &fingerprint,
        &file.mime_type,
        disposition,
        "private, no-cache",
        &asset,
    )
}

#[utoipa::path(delete, path = "/api/v1/assets/{id}/attachments/{attachmentId}", tag = "assets",
    params(("id" = Uuid, Path, description = "the asset's id"), ("attachmentId" = Uuid, Path, description = "the attachment's id")),
    responses((status = 204, description = "deleted"), (status = 403, response = ErrorAnswer)))]
pub async fn delete_attachment(
    id: Uuid,
    attachment: Uuid,
    state: AppState,
    who: Result<Principal>,
) -> Result<Response> {
    attachments::delete(&state.store, &state.blobs, &who?.user, id, attachment).await?;
    Ok(reply::no_content())
}
