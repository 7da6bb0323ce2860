//! The owner's emails about their links: a link — or a recipient's own link — first opened or
//! first downloaded from (once per kind and link: `tell`). News of all an owner's shares is
//! gathered by `notify::batch`: the first after a quiet period goes at once, what happens
//! within `notify.batch_minutes` after it goes together in one email naming everyone. What
//! waits is kept per owner in the store. Every email is in the owner's language (the one they
//! chose for the app, else English).

use crate::accounts::User;
use crate::error::Result;
use crate::i18n::Lang;
use crate::notify::{self, batch::Batch, one_line, Compose};
use crate::state::AppState;
use crate::store::{Record, Table, WriteTx};
use chrono::{DateTime, Duration, Utc};
use maud::html;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Opened,
    Downloaded,
}

/// Who was behind a link.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Who {
    /// A recipient's email (or the team member's, for one inside).
    Recipient(String),
    /// A recipient with no email left to name.
    Unnamed,
    /// Someone on the general link, by their client address.
    Someone(String),
}

/// One first visit or download, waiting to be told.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Happened {
    pub kind: Kind,
    pub who: Who,
    pub share_id: Uuid,
    pub title: String,
    /// The share's link.
    pub link: String,
    pub at: DateTime<Utc>,
}

/// What an owner has been told lately, and what waits for the next email.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OwnerNews {
    pub owner_id: Uuid,
    pub batch: Batch<Happened>,
}

impl Record for OwnerNews {
    const TABLE: Table = Table::OwnerNews;
    fn key(&self) -> Uuid {
        self.owner_id
    }
}

/// Inside the transaction that records it: keeps `happened` for the owner's next email, and
/// queues that email when it is due.
pub fn add(tx: &WriteTx, owner: Uuid, happened: Happened, window: Duration) -> Result<()> {
    let mut news = tx.get::<OwnerNews>(owner)?.unwrap_or(OwnerNews {
        owner_id: owner,
        batch: Batch::default(),
    });
    let now = happened.at;
    news.batch.waiting.push(happened);
    tell_if_due(tx, &mut news, window, now)?;
    tx.put(&news)
}

/// Queues the email of the waiting news when it is due; true when it did.
fn tell_if_due(
    tx: &WriteTx,
    news: &mut OwnerNews,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(told) = news.batch.take_if_due(window, now) else {
        return Ok(false);
    };
    let Some(owner) = tx.get::<User>(news.owner_id)? else {
        return Ok(true);
    };
    let letter = OwnerLetter {
        lang: owner.lang(),
        news: &told,
    };
    let about = told.first().map_or(news.owner_id, |h| h.share_id);
    notify::enqueue(tx, about, None, &owner.email, &letter)?;
    Ok(true)
}

/// Queues every owner's email due at `now`; returns how many.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> Result<usize> {
    let window = notify::batch::window(&state.config);
    let due: Vec<Uuid> = state
        .store
        .read(move |tx| tx.all::<OwnerNews>(|n| n.batch.due(window, now)))
        .await?
        .iter()
        .map(|n| n.owner_id)
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    state
        .store
        .write(move |tx| {
            let mut sent = 0;
            for id in due {
                let Some(mut news) = tx.get::<OwnerNews>(id)? else {
                    continue;
                };
                if tell_if_due(tx, &mut news, window, now)? {
                    tx.put(&news)?;
                    sent += 1;
                }
            }
            Ok(sent)
        })
        .await
}

/// The email to an owner: one piece of news, or several together.
struct OwnerLetter<'a> {
    lang: Lang,
    news: &'a [Happened],
}

impl OwnerLetter<'_> {
    fn who(&self, who: &Who) -> String {
        match who {
            Who::Recipient(email) => one_line(email),
            Who::Unnamed => self.lang.t("owner-a-recipient"),
            Who::Someone(address) => self
                .lang
                .tr("owner-someone-at", &[("address", one_line(address).into())]),
        }
    }

    /// "ann@example.org opened your share “Final cut”."
    fn line(&self, happened: &Happened) -> String {
        let id = match happened.kind {
            Kind::Opened => "owner-opened",
            Kind::Downloaded => "owner-downloaded",
        };
        self.lang.tr(
            id,
            &[
                ("who", self.who(&happened.who).into()),
                ("title", one_line(&happened.title).into()),
            ],
        )
    }

    fn the_share(&self, happened: &Happened) -> String {
        self.lang.tr(
            "owner-the-share",
            &[("link", happened.link.as_str().into())],
        )
    }
}

impl Compose for OwnerLetter<'_> {
    fn subject(&self) -> String {
        let [only] = self.news else {
            let count = self.news.len();
            return self
                .lang
                .tr("owner-digest-subject", &[("count", count.into())]);
        };
        let id = match only.kind {
            Kind::Opened => "owner-opened-subject",
            Kind::Downloaded => "owner-downloaded-subject",
        };
        let args = [
            ("who", self.who(&only.who).into()),
            ("title", one_line(&only.title).into()),
        ];
        one_line(&self.lang.tr(id, &args))
    }

    fn text(&self) -> String {
        let mut text = String::new();
        if self.news.len() > 1 {
            text.push_str(&format!("{}\n\n", self.lang.t("owner-digest-intro")));
        }
        for happened in self.news {
            text.push_str(&format!(
                "{}\n{}\n\n",
                self.line(happened),
                self.the_share(happened)
            ));
        }
        text
    }

    fn html(&self) -> String {
        let body = html! {
            @if self.news.len() > 1 { p { (self.lang.t("owner-digest-intro")) } }
            @for happened in self.news {
                p {
                    (self.line(happened)) br;
                    a href=(happened.link) { (happened.link) }
                }
            }
        };
        notify::html_email(self.lang, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn happened(kind: Kind, who: Who) -> Happened {
        Happened {
            kind,
            who,
            share_id: Uuid::now_v7(),
            title: "<Final> cut".into(),
            link: "https://files.example/s/abc?x=1&y=2".into(),
            at: Utc::now(),
        }
    }

    #[test]
    fn one_piece_of_news_names_who_and_what_in_the_subject() {
        let news = [happened(
            Kind::Opened,
            Who::Recipient("ann@example.org".into()),
        )];
        let letter = OwnerLetter {
            lang: Lang::ENGLISH,
            news: &news,
        };
        assert_eq!(letter.subject(), "ann@example.org opened “<Final> cut”");
        assert!(letter
            .text()
            .contains("The share: https://files.example/s/abc?x=1&y=2"));
        let html = letter.html();
        assert!(html.contains("&lt;Final&gt; cut"), "{html}");
        assert!(
            html.contains("href=\"https://files.example/s/abc?x=1&amp;y=2\""),
            "{html}"
        );
    }

    #[test]
    fn several_go_in_one_email_in_the_owners_language() {
        let news = [
            happened(Kind::Opened, Who::Recipient("ann@example.org".into())),
            happened(Kind::Downloaded, Who::Someone("203.0.113.9".into())),
            happened(Kind::Opened, Who::Unnamed),
        ];
        let letter = OwnerLetter {
            lang: Lang::from_code("de").unwrap(),
            news: &news,
        };
        assert_eq!(
            letter.subject(),
            "3 Links Ihrer Freigaben wurden geöffnet oder heruntergeladen"
        );
        let text = letter.text();
        assert!(
            text.contains("ann@example.org hat Ihre Freigabe „<Final> cut“ geöffnet."),
            "{text}"
        );
        assert!(
            text.contains("jemand unter 203.0.113.9 hat aus Ihrer Freigabe"),
            "{text}"
        );
        assert!(text.contains("ein Empfänger hat Ihre Freigabe"), "{text}");
        assert!(letter.html().contains("<html lang=\"de\">"));
    }
}
