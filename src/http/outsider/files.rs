//! The files of this visit: listed, sent in one request (multipart), deleted while the link is
//! open. An outsider sees only their own files, and of the others only how many there are when
//! the request has a file limit ("3 of 10 files").

use super::{on_visit, Asking};
use crate::error::Error;
use crate::http::api::assets::receive_form;
use crate::http::reply;
use crate::requests::intake::{self, Outsider};
use crate::requests::ReceivedFile;
use crate::state::AppState;
use bytes::Buf;
use chrono::{DateTime, Utc};
use futures_util::Stream;
use serde::Serialize;
use uuid::Uuid;
use warp::http::header;
use warp::reply::Response;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VisitFile {
    id: Uuid,
    name: String,
    size: u64,
    mime_type: String,
    received_at: DateTime<Utc>,
}

impl From<&ReceivedFile> for VisitFile {
    fn from(f: &ReceivedFile) -> Self {
        VisitFile {
            id: f.asset_id,
            name: f.name.clone(),
            size: f.size,
            mime_type: f.mime_type.clone(),
            received_at: f.received_at,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VisitFiles {
    items: Vec<VisitFile>,
    /// With a file limit: how many files the request holds, of `maxFiles`.
    #[serde(skip_serializing_if = "Option::is_none")]
    files_received: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_files: Option<u64>,
}

fn listing(outsider: &Outsider) -> VisitFiles {
    let request = &outsider.request;
    VisitFiles {
        items: intake::files_of_visit(outsider)
            .iter()
            .map(VisitFile::from)
            .collect(),
        files_received: request.max_files.map(|_| request.files_held()),
        max_files: request.max_files,
    }
}

/// `GET /u/{token}/files`: the files this visit sent.
pub(super) async fn list(token: String, state: AppState, asking: Asking) -> Response {
    on_visit(state, token, asking, |_, outsider, _| async move {
        Ok(reply::json(&listing(&outsider)))
    })
    .await
}

/// `POST /u/{token}/files`: `file` parts, with the optional `uploaderName` and `uploaderEmail`
/// fields; each file is checked and counted as a tus upload is.
pub(super) async fn send<S, B>(token: String, state: AppState, asking: Asking, body: S) -> Response
where
    S: Stream<Item = std::result::Result<B, warp::Error>> + Send + Unpin + 'static,
    B: Buf + Send + 'static,
{
    let content_type = asking
        .client
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    on_visit(state, token, asking, |state, outsider, _| async move {
        if !content_type.starts_with("multipart/form-data") {
            return Err(Error::UnsupportedType(
                "send files as multipart/form-data (or with tus at /u/{token}/uploads)".into(),
            ));
        }
        // No file larger than the room left is even received.
        let request = &outsider.request;
        let left = request
            .max_bytes
            .map_or(u64::MAX, |max| max.saturating_sub(request.bytes_held()));
        let max = state.config.uploads.max_bytes.min(left);
        let said = ["uploaderName", "uploaderEmail"];
        let (parts, said) = receive_form(&state, &content_type, body, &said, max).await?;
        let mut files = Vec::new();
        for (name, declared, received) in parts {
            let asset = intake::receive_whole(
                &state,
                &outsider,
                &name,
                declared.as_deref(),
                received,
                &said,
            )
            .await?;
            files.push(VisitFile {
                id: asset.id,
                name: asset.name,
                size: asset.size,
                mime_type: asset.mime_type,
                received_at: asset.created_at,
            });
        }
        state.workers.wake();
        Ok(reply::created(&serde_json::json!({ "files": files })))
    })
    .await
}

/// `DELETE /u/{token}/files/{id}`: removes a file this visit sent, while the link is open.
pub(super) async fn delete(token: String, id: Uuid, state: AppState, asking: Asking) -> Response {
    on_visit(state, token, asking, |state, outsider, _| async move {
        intake::delete_file(&state, &outsider, id).await?;
        Ok(reply::no_content())
    })
    .await
}
