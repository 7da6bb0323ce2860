//! The words of the emails, in the recipient's language: the invitation (`Letter`) here, the
//! reminder and the owner's notice beside their senders. HTML comes from maud templates,
//! which escape every value.

use super::{one_line, Compose, Letter};
use crate::i18n::Lang;
use maud::{html, Markup, DOCTYPE};

/// An HTML email around `body`. Mail clients do not load stylesheets: the one style is inline.
pub fn html_email(lang: Lang, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            body style="font-family:sans-serif" { (body) }
        }
    }
    .into_string()
}

impl Letter<'_> {
    fn lang(&self) -> Lang {
        self.share.lang()
    }

    fn words(&self, id: &str) -> String {
        self.lang().tr(
            id,
            &[
                ("sharer", one_line(self.sharer).into()),
                ("title", one_line(&self.share.title).into()),
            ],
        )
    }

    fn summary(&self) -> String {
        let lang = self.lang();
        lang.tr(
            "email-summary",
            &[
                ("count", self.asset_count.into()),
                ("date", lang.date_time(self.share.expires_at).into()),
            ],
        )
    }
}

impl Compose for Letter<'_> {
    fn subject(&self) -> String {
        one_line(&self.words("email-shared-subject"))
    }

    fn text(&self) -> String {
        let mut text = format!("{}\n\n", self.words("email-shared-intro"));
        if !self.share.description.is_empty() {
            text.push_str(&format!("{}\n\n", self.share.description));
        }
        if let Some(message) = self.message.filter(|m| !m.is_empty()) {
            text.push_str(&format!(
                "{}\n{message}\n\n",
                self.lang().t("email-message")
            ));
        }
        let open = self
            .lang()
            .tr("email-open-text", &[("link", self.link.into())]);
        text.push_str(&format!("{}\n\n{open}\n", self.summary()));
        text
    }

    fn html(&self) -> String {
        let body = html! {
            p { (self.words("email-shared-intro")) }
            @if !self.share.description.is_empty() { p { (self.share.description) } }
            @if let Some(message) = self.message.filter(|m| !m.is_empty()) {
                blockquote {
                    @for (i, line) in message.lines().enumerate() {
                        @if i > 0 { br; }
                        (line)
                    }
                }
            }
            p { (self.summary()) }
            p { a href=(self.link) { (self.lang().t("email-open")) } }
            p { (self.link) }
        };
        html_email(self.lang(), body)
    }
}
