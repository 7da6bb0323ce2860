//! Telling people about requests: each recipient's invitation with their own link; the
//! creator's emails about received files — the first file after a quiet period at once, later
//! ones batched, at most one email per request per `notify.batch_minutes` — and the
//! `request.file_received` webhook event for every file.

use super::{ReceivedFile, Request};
use crate::accounts::User;
use crate::config::Config;
use crate::error::Result;
use crate::i18n::Lang;
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
                Lang::ENGLISH.size(file.size),
                one_line(&Self::sender(file))
            ));
        }
        text.push_str(&format!("\nSee them: {}\n", self.link));
        text
    }

    /// In English: the creator's language is their browser's, which an email cannot ask.
    fn html(&self) -> String {
        let body = maud::html! {
            p { "Files arrived through your request “" (self.request.title) "”:" }
            ul {
                @for file in self.files {
                    li { (file.name) " (" (Lang::ENGLISH.size(file.size)) ") from " (Self::sender(file)) }
                }
            }
            p { a href=(self.link) { "See them" } }
        };
        notify::html_email(Lang::ENGLISH, body)
    }
}

/// A recipient's invitation to send files, with their own link.
pub struct Invitation<'a> {
    pub asker: &'a str,
    pub request: &'a Request,
    pub link: &'a str,
}

impl Invitation<'_> {
    fn words(&self, id: &str) -> String {
        let lang = self.request.lang();
        lang.tr(
            id,
            &[
                ("asker", one_line(self.asker).into()),
                ("title", one_line(&self.request.title).into()),
                ("date", lang.date_time(self.request.expires_at).into()),
                ("link", self.link.into()),
            ],
        )
    }
}

/// In the language the creator chose for the request (`Request::language`).
impl Compose for Invitation<'_> {
    fn subject(&self) -> String {
        one_line(&self.words("email-request-subject"))
    }

    fn text(&self) -> String {
        let mut text = format!("{}\n\n", self.words("email-request-intro"));
        if !self.request.description.is_empty() {
            text.push_str(&format!("{}\n\n", self.request.description));
        }
        if let Some(message) = self.request.message.as_deref().filter(|m| !m.is_empty()) {
            let heading = self.request.lang().t("email-message");
            text.push_str(&format!("{heading}\n{message}\n\n"));
        }
        text.push_str(&format!(
            "{}\n\n{}\n",
            self.words("email-request-open-until"),
            self.words("email-request-send-text")
        ));
        text
    }

    fn html(&self) -> String {
        let request = self.request;
        let body = maud::html! {
            p { (self.words("email-request-intro")) }
            @if !request.description.is_empty() { p { (request.description) } }
            @if let Some(message) = request.message.as_deref().filter(|m| !m.is_empty()) {
                blockquote {
                    @for (i, line) in message.lines().enumerate() {
                        @if i > 0 { br; }
                        (line)
                    }
                }
            }
            p { (self.words("email-request-open-until")) }
            p { a href=(self.link) { (self.words("email-request-send")) } }
            p { (self.link) }
        };
        notify::html_email(request.lang(), body)
    }
}
