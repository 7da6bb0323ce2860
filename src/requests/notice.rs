//! Telling people about requests: each recipient's invitation with their own link; the
//! creator's emails about received files — the first file after a quiet period at once, later
//! ones batched, at most one email per request per `notify.batch_minutes` — and the
//! `request.file_received` webhook event for every file.

use super::{ReceivedFile, Request};
use crate::accounts::User;
use crate::config::Config;
use crate::error::Result;
use crate::http::pages::{escape, human_size};
use crate::notify::{self, one_line, Compose};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::webhooks::{self, Happening};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use std::future::Future;
use uuid::Uuid;

/// The least time between two emails about one request's files.
pub fn batch(config: &Config) -> Duration {
    Duration::milliseconds((config.notify.batch_minutes * 60_000.0) as i64)
}

/// Whether the files waiting to be told of are told now: at once after a quiet period, else
/// once `batch` has passed since the last email.
pub fn due(request: &Request, batch: Duration, now: DateTime<Utc>) -> bool {
    !request.notice.waiting.is_empty()
        && request
            .notice
            .last_sent_at
            .is_none_or(|last| now - last >= batch)
}

/// A request as webhook events carry it.
pub fn summary(request: &Request, base: &str) -> Value {
    json!({
        "id": request.id,
        "ownerId": request.owner_id,
        "title": request.title,
        "url": format!("{base}/u/{}", request.token),
        "collectionId": request.collection_id,
        "expiresAt": request.expires_at,
        "files": request.files.len(),
        "bytes": request.bytes_received(),
    })
}

/// Inside the transaction that records `file`: the webhook event, and the creator's email
/// when one is due (else the file waits for the next).
pub fn file_received(
    tx: &WriteTx,
    base: &str,
    request: &mut Request,
    file: &ReceivedFile,
    batch: Duration,
) -> Result<()> {
    let mut data = summary(request, base);
    data["file"] = json!({
        "assetId": file.asset_id,
        "name": file.name,
        "size": file.size,
        "mimeType": file.mime_type,
        "uploadedBy": file.uploader_name,
        "uploadedByEmail": file.uploader_email,
        "recipientId": file.recipient_id,
    });
    let happening = Happening {
        kind: webhooks::REQUEST_FILE_RECEIVED,
        owner: request.owner_id,
        data,
        at: file.received_at,
    };
    webhooks::emit(tx, &happening)?;
    if request.notify {
        request.notice.waiting.push(file.asset_id);
        tell_if_due(tx, base, request, batch, file.received_at)?;
    }
    Ok(())
}

/// Queues the email about the waiting files when it is due; true when it did.
fn tell_if_due(
    tx: &WriteTx,
    base: &str,
    request: &mut Request,
    batch: Duration,
    now: DateTime<Utc>,
) -> Result<bool> {
    if !due(request, batch, now) {
        return Ok(false);
    }
    let Some(creator) = tx.get::<User>(request.owner_id)? else {
        return Ok(false);
    };
    let waiting = &request.notice.waiting;
    let files: Vec<&ReceivedFile> = request
        .files
        .iter()
        .filter(|f| waiting.contains(&f.asset_id))
        .collect();
    if !files.is_empty() {
        let letter = FilesArrived {
            request,
            files: &files,
            link: &format!("{base}/#/requests/{}", request.id),
        };
        notify::enqueue(tx, request.id, None, &creator.email, &letter)?;
    }
    request.notice.waiting.clear();
    request.notice.last_sent_at = Some(now);
    Ok(true)
}

/// Until `stopped`: every `notify.check_secs`, the batched emails that have come due.
pub async fn run(state: AppState, stopped: impl Future<Output = ()>) {
    let every = std::time::Duration::from_secs_f64(state.config.notify.check_secs);
    let mut stopped = std::pin::pin!(stopped);
    loop {
        match send_due(&state, Utc::now()).await {
            Ok(0) => {}
            Ok(_) => state.mailer.wake(),
            Err(e) => tracing::warn!("emails about received files: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = &mut stopped => return,
        }
    }
}

/// Queues every batched email due at `now`; returns how many.
async fn send_due(state: &AppState, now: DateTime<Utc>) -> Result<usize> {
    let (batch, base) = (batch(&state.config), state.config.public_url());
    let waiting: Vec<Uuid> = state
        .store
        .read(move |tx| tx.all::<Request>(|r| due(r, batch, now)))
        .await?
        .iter()
        .map(|r| r.id)
        .collect();
    let mut sent = 0;
    for id in waiting {
        let base = base.clone();
        let told = state
            .store
            .write(move |tx| {
                let Some(mut request) = tx.get::<Request>(id)? else {
                    return Ok(false);
                };
                let told = tell_if_due(tx, &base, &mut request, batch, now)?;
                if told {
                    tx.put(&request)?;
                }
                Ok(told)
            })
            .await?;
        sent += usize::from(told);
    }
    Ok(sent)
}

/// The creator's email about files received.
struct FilesArrived<'a> {
    request: &'a Request,
    files: &'a [&'a ReceivedFile],
    link: &'a str,
}

impl FilesArrived<'_> {
    fn sender(file: &ReceivedFile) -> String {
        match (&file.uploader_name, &file.uploader_email) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (Some(name), None) => name.clone(),
            (None, Some(email)) => email.clone(),
            (None, None) => "someone who did not give a name".into(),
        }
    }
}

impl Compose for FilesArrived<'_> {
    fn subject(&self) -> String {
        let count = self.files.len();
        one_line(&format!(
            "{count} new file{} for “{}”",
            if count == 1 { "" } else { "s" },
            self.request.title
        ))
    }

    fn text(&self) -> String {
        let mut text = format!(
            "Files arrived through your request “{}”:\n\n",
            one_line(&self.request.title)
        );
        for file in self.files {
            text.push_str(&format!(
                "- {} ({}) from {}\n",
                one_line(&file.name),
                human_size(file.size),
                one_line(&Self::sender(file))
            ));
        }
        text.push_str(&format!("\nSee them: {}\n", self.link));
        text
    }

    fn html(&self) -> String {
        let mut html = format!(
            "<!doctype html><html><body style=\"font-family:sans-serif\"><p>Files arrived through your request “{}”:</p><ul>",
            escape(&self.request.title)
        );
        for file in self.files {
            html.push_str(&format!(
                "<li>{} ({}) from {}</li>",
                escape(&file.name),
                human_size(file.size),
                escape(&Self::sender(file))
            ));
        }
        html.push_str(&format!(
            "</ul><p><a href=\"{}\">See them</a></p></body></html>",
            escape(self.link)
        ));
        html
    }
}

/// A recipient's invitation to send files, with their own link.
pub struct Invitation<'a> {
    pub asker: &'a str,
    pub request: &'a Request,
    pub link: &'a str,
}

impl Compose for Invitation<'_> {
    fn subject(&self) -> String {
        one_line(&format!(
            "{} asks you for files: “{}”",
            self.asker, self.request.title
        ))
    }

    fn text(&self) -> String {
        let mut text = format!(
            "{} asks you to send files for “{}”.\n\n",
            one_line(self.asker),
            one_line(&self.request.title)
        );
        if !self.request.description.is_empty() {
            text.push_str(&format!("{}\n\n", self.request.description));
        }
        if let Some(message) = self.request.message.as_deref().filter(|m| !m.is_empty()) {
            text.push_str(&format!("Message:\n{message}\n\n"));
        }
        text.push_str(&format!(
            "Open until {}\n\nSend your files: {}\n",
            self.request.expires_at.format("%Y-%m-%d %H:%M UTC"),
            self.link
        ));
        text
    }

    fn html(&self) -> String {
        let mut html = format!(
            "<!doctype html><html><body style=\"font-family:sans-serif\"><p><strong>{}</strong> asks you to send files for “{}”.</p>",
            escape(self.asker),
            escape(&self.request.title)
        );
        if !self.request.description.is_empty() {
            html.push_str(&format!("<p>{}</p>", escape(&self.request.description)));
        }
        if let Some(message) = self.request.message.as_deref().filter(|m| !m.is_empty()) {
            html.push_str(&format!(
                "<blockquote>{}</blockquote>",
                escape(message).replace('\n', "<br>")
            ));
        }
        html.push_str(&format!(
            "<p>Open until {}</p><p><a href=\"{}\">Send your files</a></p><p>{}</p></body></html>",
            self.request.expires_at.format("%Y-%m-%d %H:%M UTC"),
            escape(self.link),
            escape(self.link)
        ));
        html
    }
}
