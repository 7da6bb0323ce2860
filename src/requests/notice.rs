//! Telling people about requests: each recipient's invitation with their own link; the
//! creator's emails about received files — gathered per request by `notify::batch`: the first
//! file after a quiet period at once, later ones together, at most one email per request per
//! `notify.batch_minutes` — and the `request.file_received` webhook event for every file.

use super::{ReceivedFile, Request};
use crate::accounts::User;
use crate::error::Result;
use crate::i18n::Lang;
use crate::notify::{self, batch, one_line, Compose};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::webhooks::{self, Happening};
use chrono::{DateTime, Duration, Utc};
use fluent_bundle::FluentValue;
use serde_json::{json, Value};
use uuid::Uuid;

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
    let Some(waiting) = request.notice.take_if_due(batch, now) else {
        return Ok(false);
    };
    let Some(creator) = tx.get::<User>(request.owner_id)? else {
        return Ok(true);
    };
    let files: Vec<&ReceivedFile> = request
        .files
        .iter()
        .filter(|f| waiting.contains(&f.asset_id))
        .collect();
    if !files.is_empty() {
        let letter = FilesArrived {
            lang: creator.lang(),
            request,
            files: &files,
            link: &format!("{base}/#/requests/{}", request.id),
        };
        notify::enqueue(tx, request.id, None, &creator.email, &letter)?;
    }
    Ok(true)
}

/// Queues every gathered email due at `now`; returns how many.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> Result<usize> {
    let (batch, base) = (batch::window(&state.config), state.config.public_url());
    let waiting: Vec<Uuid> = state
        .store
        .read(move |tx| tx.all::<Request>(|r| r.notice.due(batch, now)))
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

/// The creator's email about files received, in the creator's language.
struct FilesArrived<'a> {
    lang: Lang,
    request: &'a Request,
    files: &'a [&'a ReceivedFile],
    link: &'a str,
}

impl FilesArrived<'_> {
    fn sender(&self, file: &ReceivedFile) -> String {
        match (&file.uploader_name, &file.uploader_email) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (Some(name), None) => name.clone(),
            (None, Some(email)) => email.clone(),
            (None, None) => self.lang.t("owner-sender-unnamed"),
        }
    }

    fn title(&self) -> (&'static str, FluentValue<'static>) {
        ("title", one_line(&self.request.title).into())
    }

    fn line(&self, file: &ReceivedFile) -> String {
        self.lang.tr(
            "owner-file-line",
            &[
                ("name", one_line(&file.name).into()),
                ("size", self.lang.size(file.size).into()),
                ("sender", one_line(&self.sender(file)).into()),
            ],
        )
    }
}

impl Compose for FilesArrived<'_> {
    fn subject(&self) -> String {
        let count = ("count", self.files.len().into());
        one_line(&self.lang.tr("owner-files-subject", &[count, self.title()]))
    }

    fn text(&self) -> String {
        let intro = self.lang.tr("owner-files-intro", &[self.title()]);
        let mut text = format!("{intro}\n\n");
        for file in self.files {
            text.push_str(&format!("- {}\n", self.line(file)));
        }
        let see = self
            .lang
            .tr("owner-files-see-text", &[("link", self.link.into())]);
        text.push_str(&format!("\n{see}\n"));
        text
    }

    fn html(&self) -> String {
        let body = maud::html! {
            p { (self.lang.tr("owner-files-intro", &[self.title()])) }
            ul {
                @for file in self.files { li { (self.line(file)) } }
            }
            p { a href=(self.link) { (self.lang.t("owner-files-see")) } }
        };
        notify::html_email(self.lang, body)
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
