//! Email: invitations, "email link", reminders and the notices to owners. Emails wait in the
//! outbox (`outbox.rs`, shared with webhook deliveries) and go over SMTP (lettre) or, with no
//! `[smtp]`, into `data_dir/outbox` as `.eml` files (and the log).

use crate::config::Smtp;
use crate::error::{Error, Result};
use crate::shares::Share;
use crate::store::WriteTx;
use chrono::Utc;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use uuid::Uuid;

pub mod batch;
mod letters;
pub mod outbox;

pub use letters::html_email;
pub use outbox::{DeliveryState, Email, Outbox, Outgoing, Parcel, Tried};

/// What an email says about a share.
pub struct Letter<'a> {
    pub sharer: &'a str,
    pub share: &'a Share,
    pub asset_count: usize,
    pub link: &'a str,
    pub message: Option<&'a str>,
}

pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// An email's words: a subject on one line, plain text and HTML.
pub trait Compose {
    fn subject(&self) -> String;
    fn text(&self) -> String;
    fn html(&self) -> String;
}

/// Puts an email in the outbox, inside the caller's transaction. Wake the outbox after.
pub fn enqueue(
    tx: &WriteTx,
    about: Uuid,
    recipient_id: Option<Uuid>,
    to: &str,
    letter: &impl Compose,
) -> Result<()> {
    let email = Email {
        about,
        recipient_id,
        to: to.to_string(),
        subject: letter.subject(),
        text: letter.text(),
        html: letter.html(),
    };
    outbox::put(tx, Parcel::Email(email), Utc::now())
}

/// How emails leave: over SMTP, or with no `[smtp]` as files in `data_dir/outbox`.
pub struct Courier {
    way: Way,
    retry_base_secs: f64,
}

enum Way {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Folder {
        folder: PathBuf,
        from: Mailbox,
    },
}

impl Courier {
    pub fn new(smtp: Option<&Smtp>, data_dir: PathBuf, brand: &str) -> Result<Courier> {
        let way = match smtp {
            Some(smtp) => Way::Smtp {
                transport: transport(smtp)?,
                from: mailbox(&smtp.from)?,
            },
            None => Way::Folder {
                folder: data_dir.join("outbox"),
                from: mailbox(&format!("{} <noreply@localhost>", one_line(brand)))
                    .or_else(|_| mailbox("handoff <noreply@localhost>"))?,
            },
        };
        Ok(Courier {
            way,
            retry_base_secs: smtp.map_or(30, |s| s.retry_secs) as f64,
        })
    }

    pub fn retry_base_secs(&self) -> f64 {
        self.retry_base_secs
    }

    /// One try of sending `email` (message `id` of the outbox).
    pub async fn send(&self, id: Uuid, email: &Email) -> Tried {
        match self.deliver(id, email).await {
            Ok(()) => Tried::Delivered { status: None },
            Err(error) => {
                tracing::warn!(to = %email.to, "email not sent: {error}");
                Tried::Failed {
                    status: None,
                    error,
                    give_up: false,
                }
            }
        }
    }

    async fn deliver(&self, id: Uuid, email: &Email) -> std::result::Result<(), String> {
        match &self.way {
            Way::Smtp { transport, from } => {
                let message = build(from, email)?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Way::Folder { folder, from } => {
                let message = build(from, email)?;
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = folder.join(format!("{id}.eml"));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                tracing::info!(to = %email.to, file = %path.display(), "no [smtp] configured: email written to the outbox folder");
                Ok(())
            }
        }
    }
}

fn mailbox(text: &str) -> Result<Mailbox> {
    text.parse()
        .map_err(|e| Error::invalid(format!("{text:?} is not an email address: {e}")))
}

fn transport(smtp: &Smtp) -> Result<AsyncSmtpTransport<Tokio1Executor>> {
    let builder = match smtp.tls.as_str() {
        "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host),
        "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host),
        _ => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            &smtp.host,
        )),
    }
    .map_err(|e| Error::internal(format!("smtp: {e}")))?;
    let mut builder = builder
        .port(smtp.port)
        .timeout(Some(std::time::Duration::from_secs(30)));
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

fn build(from: &Mailbox, job: &Email) -> std::result::Result<Message, String> {
    Message::builder()
        .from(from.clone())
        .to(job.to.parse::<Mailbox>().map_err(|e| e.to_string())?)
        .subject(one_line(&job.subject))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(job.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(job.html.clone()),
                ),
        )
        .map_err(|e| e.to_string())
}

/// An email not delivered (yet): waiting, being retried, or given up.
pub fn unsent_email(out: &Outgoing) -> bool {
    out.email().is_some() && out.state != DeliveryState::Delivered
}

/// After a try of an invitation: its recipient's `emailState` says how it went ("sent", or
/// "failed: why"), on the share or the upload request it is about.
pub fn settle(tx: &WriteTx, email: &Email, out: &Outgoing) -> Result<()> {
    let Some(recipient_id) = email.recipient_id else {
        return Ok(());
    };
    let state_text = match (&out.state, &out.last_error) {
        (DeliveryState::Delivered, _) => "sent".to_string(),
        (_, error) => format!("failed: {}", error.as_deref().unwrap_or_default()),
    };
    if let Some(mut share) = tx.get::<Share>(email.about)? {
        if let Some(recipient) = share.recipient_mut(recipient_id) {
            recipient.email_state = Some(state_text.clone());
            tx.put(&share)?;
        }
    }
    // An upload request's invitation.
    crate::requests::service::email_outcome(tx, email.about, recipient_id, &state_text)
}
