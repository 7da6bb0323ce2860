//! Email: invitations and "email link". Messages wait in a queue in the database and one task
//! sends them, over SMTP (lettre) or, with no `[smtp]`, into `data_dir/outbox` as `.eml`
//! files (and the log). Failures are retried with backoff; a restart loses nothing.

use crate::background;
use crate::config::Smtp;
use crate::error::{Error, Result};
use crate::shares::Share;
use crate::store::{Record, Store, Table, WriteTx};
use chrono::{DateTime, Duration, Utc};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use uuid::Uuid;

mod letters;

pub use letters::html_email;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailState {
    Queued,
    Sent,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmailJob {
    pub id: Uuid,
    pub share_id: Uuid,
    pub recipient_id: Option<Uuid>,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub state: EmailState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Record for EmailJob {
    const TABLE: Table = Table::Emails;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// Attempts before an email is left failed for good.
const MAX_ATTEMPTS: u32 = 8;

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

/// Puts an email in the queue, inside the caller's transaction. Call `Mailer::wake` after.
pub fn enqueue(
    tx: &WriteTx,
    share_id: Uuid,
    recipient_id: Option<Uuid>,
    to: &str,
    letter: &impl Compose,
) -> Result<()> {
    let now = Utc::now();
    tx.put(&EmailJob {
        id: Uuid::now_v7(),
        share_id,
        recipient_id,
        to: to.to_string(),
        subject: letter.subject(),
        text: letter.text(),
        html: letter.html(),
        state: EmailState::Queued,
        attempts: 0,
        next_attempt_at: now,
        last_error: None,
        created_at: now,
    })
}

#[derive(Clone)]
pub struct Mailer {
    wake: background::Handle,
}

enum Delivery {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox {
        folder: PathBuf,
        from: Mailbox,
    },
}

impl Mailer {
    /// Starts the sending task; call inside a tokio runtime.
    pub fn start(
        store: Store,
        smtp: Option<&Smtp>,
        data_dir: PathBuf,
        brand: &str,
        retry_base: std::time::Duration,
    ) -> Result<Mailer> {
        let delivery = match smtp {
            Some(smtp) => Delivery::Smtp {
                transport: transport(smtp)?,
                from: mailbox(&smtp.from)?,
            },
            None => Delivery::Outbox {
                folder: data_dir.join("outbox"),
                from: mailbox(&format!("{} <noreply@localhost>", one_line(brand)))
                    .or_else(|_| mailbox("handoff <noreply@localhost>"))?,
            },
        };
        let (wake, listener) = background::pair();
        tokio::spawn(send_loop(store, delivery, listener, retry_base));
        Ok(Mailer { wake })
    }

    pub fn wake(&self) {
        self.wake.wake();
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

async fn send_loop(
    store: Store,
    delivery: Delivery,
    wake: background::Listener,
    retry_base: std::time::Duration,
) {
    loop {
        let pending = store
            .read(|tx| {
                tx.all::<EmailJob>(|j| j.state != EmailState::Sent && j.attempts < MAX_ATTEMPTS)
            })
            .await
            .unwrap_or_default();
        let now = Utc::now();
        let (due, later): (Vec<EmailJob>, Vec<EmailJob>) =
            pending.into_iter().partition(|j| j.next_attempt_at <= now);
        if !due.is_empty() {
            for job in due {
                let outcome = deliver(&delivery, &job).await;
                if let Err(e) = record_outcome(&store, job, outcome, retry_base).await {
                    tracing::error!("email queue: {e}");
                }
            }
            // Look again: the failures just recorded have their next attempt.
            continue;
        }
        let wait = later
            .iter()
            .map(|j| j.next_attempt_at)
            .min()
            .map(|at| (at - now).to_std().unwrap_or_default())
            .unwrap_or(std::time::Duration::from_secs(3600));
        if !wake.wait(wait).await {
            return;
        }
    }
}

fn build(from: &Mailbox, job: &EmailJob) -> std::result::Result<Message, String> {
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

async fn deliver(delivery: &Delivery, job: &EmailJob) -> std::result::Result<(), String> {
    match delivery {
        Delivery::Smtp { transport, from } => {
            let message = build(from, job)?;
            transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        Delivery::Outbox { folder, from } => {
            let message = build(from, job)?;
            tokio::fs::create_dir_all(folder)
                .await
                .map_err(|e| e.to_string())?;
            let path = folder.join(format!("{}.eml", job.id));
            tokio::fs::write(&path, message.formatted())
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(to = %job.to, file = %path.display(), "no [smtp] configured: email written to the outbox");
            Ok(())
        }
    }
}

async fn record_outcome(
    store: &Store,
    mut job: EmailJob,
    outcome: std::result::Result<(), String>,
    retry_base: std::time::Duration,
) -> Result<()> {
    job.attempts += 1;
    let state_text = match &outcome {
        Ok(()) => {
            job.state = EmailState::Sent;
            job.last_error = None;
            "sent".to_string()
        }
        Err(error) => {
            tracing::warn!(to = %job.to, attempt = job.attempts, "email not sent: {error}");
            job.state = EmailState::Failed;
            job.last_error = Some(error.clone());
            let backoff = retry_base.as_secs_f64() * 2f64.powi(job.attempts as i32 - 1);
            job.next_attempt_at =
                Utc::now() + Duration::milliseconds((backoff.min(3600.0) * 1000.0) as i64);
            format!("failed: {error}")
        }
    };
    store
        .write(move |tx| {
            if let Some(recipient_id) = job.recipient_id {
                if let Some(mut share) = tx.get::<Share>(job.share_id)? {
                    if let Some(recipient) = share.recipient_mut(recipient_id) {
                        recipient.email_state = Some(state_text.clone());
                        tx.put(&share)?;
                    }
                }
                // An upload request's invitation (its id in `share_id`).
                crate::requests::service::email_outcome(
                    tx,
                    job.share_id,
                    recipient_id,
                    &state_text,
                )?;
            }
            tx.put(&job)
        })
        .await
}
