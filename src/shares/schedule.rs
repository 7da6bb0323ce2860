//! What happens with time rather than with a request: a reminder to each recipient whose link
//! expires soon and who has not downloaded, and `share.expired` once a share has expired. Looks
//! every `notify.check_secs`; what was done is noted in the share's counters (`Told`), so that
//! a restart neither skips nor repeats it.

use super::tell::{self, Teller};
use super::{counters, Recipient, RecipientStatus, Share};
use crate::accounts::User;
use crate::error::Result;
use crate::i18n::Lang;
use crate::notify::{self, Compose};
use crate::state::AppState;
use crate::store::{Store, WriteTx};
use crate::webhooks;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use std::future::Future;
use uuid::Uuid;

/// Shares that expired longer ago than this are not announced: after an upgrade, the shares
/// that expired before webhooks existed stay quiet.
const EXPIRED_NEWS_DAYS: i64 = 7;

/// Until `stopped`: one look at once, then one every `notify.check_secs`. Runs on every node
/// of a shared database, safe by construction rather than leased: a look decides again in its
/// write transaction, on the counters as committed (writes go one at a time across nodes),
/// and notes what it told there, so a node that looks second finds nothing left to tell.
pub async fn run(state: AppState, stopped: impl Future<Output = ()>) {
    let teller = Teller::new(&state.config, state.outbox.clone());
    let days = state.config.sharing.reminder_days_before;
    let every = std::time::Duration::from_secs_f64(state.config.notify.check_secs);
    let mut stopped = std::pin::pin!(stopped);
    loop {
        if let Err(e) = look(&state.store, &teller, days, Utc::now()).await {
            tracing::warn!("reminders and expiry: {e}");
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = &mut stopped => return,
        }
    }
}

/// The recipients of `share` to remind now: active on an active share, not reminded yet, no
/// download yet, and within `days` of their link's end (theirs or the share's, the sooner).
pub fn reminders_due(share: &Share, days: u32, now: DateTime<Utc>) -> Vec<&Recipient> {
    if days == 0
        || !share.remind
        || !share.enabled
        || share.creator_deleted
        || share.expires_at <= now
    {
        return Vec::new();
    }
    let window = Duration::days(days.into());
    let told = &share.counters.told;
    share
        .recipients
        .iter()
        .filter(|r| r.status == RecipientStatus::Active && !told.reminded.contains(&r.id))
        .filter(|r| share.counters.recipient(r.id).downloads == 0)
        .filter(|r| {
            let until = r.expires_at.min(share.expires_at);
            until > now && now >= until - window
        })
        .collect()
}

/// Whether `share` has expired (recently) and nobody was told yet.
pub fn expiry_untold(share: &Share, now: DateTime<Utc>) -> bool {
    !share.counters.told.expired
        && share.expires_at <= now
        && share.expires_at > now - Duration::days(EXPIRED_NEWS_DAYS)
}

fn has_news(share: &Share, days: u32, now: DateTime<Utc>) -> bool {
    expiry_untold(share, now) || !reminders_due(share, days, now).is_empty()
}

/// One look: reads every share, then writes only for those with something to tell.
async fn look(store: &Store, teller: &Teller, days: u32, now: DateTime<Utc>) -> Result<()> {
    let due: Vec<Uuid> = store
        .read(move |tx| {
            let shares = counters::load(tx, tx.all::<Share>(|s| !s.creator_deleted)?)?;
            Ok(shares
                .iter()
                .filter(|s| has_news(s, days, now))
                .map(|s| s.id)
                .collect())
        })
        .await?;
    if due.is_empty() {
        return Ok(());
    }
    let base = teller.base.clone();
    store
        .write(move |tx| {
            for id in due {
                let Some(mut share) = tx.get::<Share>(id)? else {
                    continue;
                };
                share.counters = counters::read_in_write(tx, id)?;
                tell_news(tx, &base, &mut share, days, now)?;
                tx.put(&share.counters)?;
            }
            Ok(())
        })
        .await?;
    teller.wake();
    Ok(())
}

fn tell_news(
    tx: &WriteTx,
    base: &str,
    share: &mut Share,
    days: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    if expiry_untold(share, now) {
        share.counters.told.expired = true;
        tell::share_event(tx, base, share, webhooks::SHARE_EXPIRED, json!({}))?;
    }
    let due: Vec<Recipient> = reminders_due(share, days, now)
        .into_iter()
        .cloned()
        .collect();
    let sharer = tx
        .get::<User>(share.owner_id)?
        .map_or_else(String::new, |u| u.display_name);
    for recipient in due {
        share.counters.told.reminded.insert(recipient.id);
        let to = match (&recipient.email, recipient.user_id) {
            (Some(email), _) => Some(email.clone()),
            (None, Some(user)) => tx.get::<User>(user)?.map(|u| u.email),
            (None, None) => None,
        };
        let Some(to) = to else { continue };
        let reminder = Reminder {
            lang: share.lang(),
            sharer: &sharer,
            title: &share.title,
            link: format!("{base}/s/{}", recipient.token),
            until: recipient.expires_at.min(share.expires_at),
        };
        notify::enqueue(tx, share.id, None, &to, &reminder)?;
    }
    Ok(())
}

/// The reminder to a recipient who has not downloaded yet, in the share's language.
struct Reminder<'a> {
    lang: Lang,
    sharer: &'a str,
    title: &'a str,
    link: String,
    until: DateTime<Utc>,
}

impl Reminder<'_> {
    fn words(&self, id: &str) -> String {
        self.lang.tr(
            id,
            &[
                ("sharer", notify::one_line(self.sharer).into()),
                ("title", notify::one_line(self.title).into()),
                ("date", self.lang.date_time(self.until).into()),
            ],
        )
    }
}

impl Compose for Reminder<'_> {
    fn subject(&self) -> String {
        notify::one_line(&self.words("email-reminder-subject"))
    }

    fn text(&self) -> String {
        let open = self
            .lang
            .tr("email-open-text", &[("link", self.link.as_str().into())]);
        format!("{}\n\n{open}\n", self.words("email-reminder-body"))
    }

    fn html(&self) -> String {
        let body = maud::html! {
            p { (self.words("email-reminder-body")) }
            p { a href=(self.link) { (self.lang.t("email-open")) } }
            p { (self.link) }
        };
        notify::html_email(self.lang, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_speaks_the_shares_language_and_escapes_its_html() {
        let reminder = Reminder {
            lang: Lang::from_code("es").unwrap(),
            sharer: "Ana",
            title: "<b>Campaña</b>",
            link: "https://files.example/s/t?a=1&b=2".into(),
            until: DateTime::parse_from_rfc3339("2027-05-04T10:30:00Z")
                .unwrap()
                .into(),
        };
        assert_eq!(
            reminder.subject(),
            "Recordatorio: «<b>Campaña</b>» está disponible hasta el 4 may 2027, 10:30 UTC"
        );
        assert!(reminder
            .text()
            .contains("Abrir: https://files.example/s/t?a=1&b=2"));
        let html = reminder.html();
        assert!(html.contains("<html lang=\"es\">"), "{html}");
        assert!(html.contains("«&lt;b&gt;Campaña&lt;/b&gt;»"), "{html}");
        assert!(
            html.contains("href=\"https://files.example/s/t?a=1&amp;b=2\""),
            "{html}"
        );
    }

    fn share_expiring(at: DateTime<Utc>) -> Share {
        Share {
            expires_at: at,
            ..crate::shares::access::tests::share(at - Duration::days(14))
        }
    }

    fn with_recipient(share: &mut Share, expires_at: DateTime<Utc>) -> Uuid {
        let id = Uuid::now_v7();
        share.recipients.push(Recipient {
            id,
            email: Some("ann@example.org".into()),
            user_id: None,
            token: "token".into(),
            created_at: expires_at - Duration::days(7),
            expires_at,
            status: RecipientStatus::Active,
            email_state: None,
        });
        id
    }

    #[test]
    fn a_recipient_is_reminded_inside_the_window_once_and_not_after_downloading() {
        let now = Utc::now();
        let mut share = share_expiring(now + Duration::days(3));
        let ann = with_recipient(&mut share, now + Duration::days(3));
        assert!(
            reminders_due(&share, 2, now).is_empty(),
            "outside the window"
        );
        assert!(
            reminders_due(&share, 0, now + Duration::days(2)).is_empty(),
            "0 is off"
        );
        let later = now + Duration::days(1) + Duration::minutes(1);
        assert_eq!(reminders_due(&share, 2, later).len(), 1);
        share.counters.told.reminded.insert(ann);
        assert!(reminders_due(&share, 2, later).is_empty(), "once");
        share.counters.told.reminded.clear();
        share.remind = false;
        assert!(
            reminders_due(&share, 2, later).is_empty(),
            "the share asks for none"
        );
        share.remind = true;
        share.counters.count_download(Some(ann), now);
        assert!(reminders_due(&share, 2, later).is_empty(), "downloaded");
    }

    #[test]
    fn the_sooner_of_the_recipients_and_the_shares_end_counts() {
        let now = Utc::now();
        let mut share = share_expiring(now + Duration::days(10));
        with_recipient(&mut share, now + Duration::days(1));
        assert_eq!(reminders_due(&share, 2, now).len(), 1);
        share.expires_at = now - Duration::seconds(1);
        assert!(
            reminders_due(&share, 2, now).is_empty(),
            "the share has expired"
        );
    }

    #[test]
    fn an_expiry_is_told_once_and_old_ones_not_at_all() {
        let now = Utc::now();
        let mut share = share_expiring(now + Duration::minutes(1));
        assert!(!expiry_untold(&share, now));
        assert!(expiry_untold(&share, now + Duration::minutes(2)));
        share.counters.told.expired = true;
        assert!(!expiry_untold(&share, now + Duration::minutes(2)));
        let old = share_expiring(now - Duration::days(EXPIRED_NEWS_DAYS + 1));
        assert!(!expiry_untold(&old, now));
    }
}
