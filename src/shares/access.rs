//! The access rule: one pure function decides what a request on a link may do, before
//! anything is counted. The visit counter applies it again inside its write transaction, and
//! the status shown to owners is what it says of a new visit.

use super::variants::{may_download, may_view, Variant};
use super::{Recipient, RecipientStatus, Share};
use crate::assets::Asset;
use crate::error::{Error, GoneReason};
use chrono::{DateTime, Utc};

/// A visit the request proved (signature and link already checked).
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub link_token: String,
    pub id: String,
    pub expires_at: DateTime<Utc>,
    /// Started by a right password: the share's `password_generation` at the time.
    pub unlocked: Option<u32>,
}

/// What a request wants of a link.
#[derive(Debug, Clone, Copy)]
pub enum Want<'a> {
    /// The landing page, the manifest, or the unlock form's answer.
    Look,
    /// One file of an asset of the share (None: not one of its assets), shown or downloaded.
    File {
        asset: Option<&'a Asset>,
        variant: &'a Variant,
        download: bool,
    },
    /// "Download all".
    Bundle,
}

/// A request on a link, as the rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub want: Want<'a>,
    /// The visit it carries, if any.
    pub visit: Option<&'a Visit>,
    /// HEAD: answered as GET would be, but never starts a visit.
    pub head: bool,
    /// The right password came with this request (unlock).
    pub password_given: bool,
}

impl<'a> Ask<'a> {
    /// A request for `want` that carries `visit`.
    pub fn new(want: Want<'a>, visit: Option<&'a Visit>) -> Self {
        Ask {
            want,
            visit,
            head: false,
            password_given: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// An open visit: go on, count nothing.
    Allow,
    /// No visit yet and a use is left: start one, which counts one use.
    StartVisit,
    /// A HEAD request that a GET would answer by starting a visit: answer, count nothing.
    Pass,
    /// The password must be given first.
    NeedsPassword,
    Gone(GoneReason),
    /// The link works, but not for this (a 403 or 404); nothing is counted.
    Refused(Error),
}

pub fn evaluate(
    share: &Share,
    recipient: Option<&Recipient>,
    creator_active: bool,
    ask: Ask,
    now: DateTime<Utc>,
) -> Decision {
    if let Some(reason) = gone(share, recipient, creator_active, now) {
        return Decision::Gone(reason);
    }
    let open = ask.visit.is_some_and(|v| visit_is_open(share, v, now));
    if !open {
        if share.uses_remaining() == Some(0) {
            return Decision::Gone(GoneReason::UsedUp);
        }
        if share.password_hash.is_some() && !ask.password_given {
            return Decision::NeedsPassword;
        }
    }
    if let Err(refusal) = permitted(share, ask.want) {
        return Decision::Refused(refusal);
    }
    match (open, ask.head) {
        (true, _) => Decision::Allow,
        (false, true) => Decision::Pass,
        (false, false) => Decision::StartVisit,
    }
}

/// Why the link no longer works at all, if it does not.
fn gone(
    share: &Share,
    recipient: Option<&Recipient>,
    creator_active: bool,
    now: DateTime<Utc>,
) -> Option<GoneReason> {
    if !creator_active || share.creator_deleted {
        return Some(GoneReason::CreatorDeleted);
    }
    if !share.enabled {
        return Some(GoneReason::Disabled);
    }
    if share.expires_at <= now {
        return Some(GoneReason::Expired);
    }
    let recipient = recipient?;
    if recipient.status == RecipientStatus::Removed {
        return Some(GoneReason::RecipientRemoved);
    }
    (recipient.expires_at <= now).then_some(GoneReason::RecipientExpired)
}

/// A visit still running, and unlocked by the share's current password when it has one.
fn visit_is_open(share: &Share, visit: &Visit, now: DateTime<Utc>) -> bool {
    visit.expires_at > now
        && (share.password_hash.is_none() || visit.unlocked == Some(share.password_generation))
}

/// Whether the link offers what the request wants.
fn permitted(share: &Share, want: Want) -> Result<(), Error> {
    match want {
        Want::Look => Ok(()),
        // Which variants go into the zip is the plan's to say; a view-only link offers none.
        Want::Bundle => match share.access {
            super::Access::View => Err(Error::forbidden(
                "this link is view-only: nothing can be downloaded",
            )),
            super::Access::Download => Ok(()),
        },
        Want::File { asset: None, .. } => Err(Error::NotFound("asset in this share")),
        Want::File {
            asset: Some(asset),
            variant,
            download,
        } => match download {
            true => may_download(share, variant),
            false => may_view(share, asset, variant),
        },
    }
}

/// The status of a share as listed to its owner: why a new visit on its own link would be
/// refused, or `active`.
pub fn status(share: &Share, now: DateTime<Utc>) -> &'static str {
    let ask = Ask {
        password_given: true,
        ..Ask::new(Want::Look, None)
    };
    match evaluate(share, None, true, ask, now) {
        Decision::Gone(reason) => reason.code(),
        _ => "active",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::assets::{AssetStatus, Kind};
    use crate::config::SharingAllow;
    use crate::shares::{Access, Content, DownloadOptions, ShareCounters};
    use chrono::Duration;
    use uuid::Uuid;

    /// A share made at `now` for a day, downloadable, no password: for tests elsewhere too.
    pub(crate) fn share(now: DateTime<Utc>) -> Share {
        Share {
            id: Uuid::nil(),
            owner_id: Uuid::nil(),
            title: "t".into(),
            description: String::new(),
            content: Content::Assets(vec![]),
            token: "tok".into(),
            created_at: now,
            expires_at: now + Duration::days(1),
            max_uses: None,
            password_hash: None,
            password_generation: 0,
            access: Access::Download,
            download_options: DownloadOptions {
                original: true,
                thumbnail: false,
                preview: true,
                presets: vec![],
                attributes: false,
                ..DownloadOptions::default()
            },
            show_attributes: vec![],
            watermark: false,
            enabled: true,
            recipients: vec![],
            allowed: SharingAllow::default(),
            max_expiry_days: 1825,
            message: None,
            creator_deleted: false,
            notify: Default::default(),
            remind: true,
            language: None,
            counters: ShareCounters::default(),
        }
    }

    fn image(now: DateTime<Utc>) -> Asset {
        Asset {
            id: Uuid::nil(),
            owner_id: Uuid::nil(),
            name: "a.jpg".into(),
            size: 1,
            sha256: "0".repeat(64),
            crc32: 0,
            mime_type: "image/jpeg".into(),
            kind: Kind::Image,
            created_at: now,
            status: AssetStatus::Available,
            expires_at: None,
            attributes: Default::default(),
            derivatives: Default::default(),
            domain_id: None,
        }
    }

    fn visit(now: DateTime<Utc>, unlocked: Option<u32>) -> Visit {
        Visit {
            link_token: "tok".into(),
            id: "v".into(),
            expires_at: now + Duration::hours(12),
            unlocked,
        }
    }

    fn recipient(now: DateTime<Utc>, status: RecipientStatus, expires_in: Duration) -> Recipient {
        Recipient {
            id: Uuid::nil(),
            email: Some("r@example.com".into()),
            user_id: None,
            token: "rtok".into(),
            created_at: now,
            expires_at: now + expires_in,
            status,
            email_state: None,
        }
    }

    /// The decision for a page request carrying `visit`.
    fn look(s: &Share, visit: Option<&Visit>, now: DateTime<Utc>) -> Decision {
        evaluate(s, None, true, Ask::new(Want::Look, visit), now)
    }

    #[test]
    fn a_fresh_link_starts_a_visit_and_an_open_visit_is_allowed() {
        let now = Utc::now();
        let s = share(now);
        assert_eq!(look(&s, None, now), Decision::StartVisit);
        assert_eq!(look(&s, Some(&visit(now, None)), now), Decision::Allow);
        let stale = Visit {
            expires_at: now - Duration::seconds(1),
            ..visit(now, None)
        };
        assert_eq!(look(&s, Some(&stale), now), Decision::StartVisit);
    }

    #[test]
    fn gone_reasons_in_order() {
        let now = Utc::now();
        let mut s = share(now);
        s.enabled = false;
        s.expires_at = now - Duration::seconds(1);
        let open = visit(now, Some(0));
        let gone = |s: &Share, r: Option<&Recipient>, creator: bool| {
            evaluate(s, r, creator, Ask::new(Want::Look, Some(&open)), now)
        };
        assert_eq!(
            gone(&s, None, false),
            Decision::Gone(GoneReason::CreatorDeleted)
        );
        assert_eq!(gone(&s, None, true), Decision::Gone(GoneReason::Disabled));
        s.enabled = true;
        assert_eq!(gone(&s, None, true), Decision::Gone(GoneReason::Expired));
        s.expires_at = now + Duration::days(1);
        let removed = recipient(now, RecipientStatus::Removed, Duration::days(1));
        assert_eq!(
            gone(&s, Some(&removed), true),
            Decision::Gone(GoneReason::RecipientRemoved)
        );
        let expired = recipient(now, RecipientStatus::Active, Duration::seconds(-1));
        assert_eq!(
            gone(&s, Some(&expired), true),
            Decision::Gone(GoneReason::RecipientExpired)
        );
        let active = recipient(now, RecipientStatus::Active, Duration::days(1));
        assert_eq!(gone(&s, Some(&active), true), Decision::Allow);
    }

    #[test]
    fn used_up_links_refuse_new_visits_but_open_ones_finish() {
        let now = Utc::now();
        let mut s = share(now);
        s.max_uses = Some(2);
        s.counters.uses = 2;
        assert_eq!(look(&s, None, now), Decision::Gone(GoneReason::UsedUp));
        assert_eq!(look(&s, Some(&visit(now, None)), now), Decision::Allow);
        s.max_uses = Some(3);
        assert_eq!(look(&s, None, now), Decision::StartVisit);
    }

    #[test]
    fn passwords_need_a_visit_unlocked_by_the_current_password() {
        let now = Utc::now();
        let mut s = share(now);
        s.password_hash = Some("hash".into());
        s.password_generation = 1;
        assert_eq!(look(&s, None, now), Decision::NeedsPassword);
        assert_eq!(
            look(&s, Some(&visit(now, None)), now),
            Decision::NeedsPassword
        );
        assert_eq!(look(&s, Some(&visit(now, Some(1))), now), Decision::Allow);
        // Unlocked with the password before this one: over.
        assert_eq!(
            look(&s, Some(&visit(now, Some(0))), now),
            Decision::NeedsPassword
        );
        let given = Ask {
            password_given: true,
            ..Ask::new(Want::Look, None)
        };
        assert_eq!(evaluate(&s, None, true, given, now), Decision::StartVisit);
        s.max_uses = Some(1);
        s.counters.uses = 1;
        assert_eq!(look(&s, None, now), Decision::Gone(GoneReason::UsedUp));
    }

    #[test]
    fn head_never_starts_a_visit() {
        let now = Utc::now();
        let mut s = share(now);
        let head = |want, visit| Ask {
            head: true,
            ..Ask::new(want, visit)
        };
        let asset = image(now);
        let original = Variant::Original;
        let file = Want::File {
            asset: Some(&asset),
            variant: &original,
            download: true,
        };
        for want in [Want::Look, Want::Bundle, file] {
            assert_eq!(
                evaluate(&s, None, true, head(want, None), now),
                Decision::Pass
            );
        }
        let open = visit(now, None);
        assert_eq!(
            evaluate(&s, None, true, head(Want::Look, Some(&open)), now),
            Decision::Allow
        );
        s.max_uses = Some(1);
        s.counters.uses = 1;
        assert_eq!(
            evaluate(&s, None, true, head(Want::Bundle, None), now),
            Decision::Gone(GoneReason::UsedUp)
        );
    }

    #[test]
    fn requests_that_will_be_refused_start_no_visit() {
        let now = Utc::now();
        let mut s = share(now);
        let asset = image(now);
        let (original, preset) = (Variant::Original, Variant::Preset("web".into()));
        let file = |variant, download| Want::File {
            asset: Some(&asset),
            variant,
            download,
        };
        let refused =
            |d: Decision, status| matches!(d, Decision::Refused(e) if e.status() == status);
        let fresh = |s: &Share, want| evaluate(s, None, true, Ask::new(want, None), now);
        // A preset the link does not offer, an asset not in the share.
        assert!(refused(fresh(&s, file(&preset, true)), 403));
        let missing = Want::File {
            asset: None,
            variant: &original,
            download: false,
        };
        assert!(refused(fresh(&s, missing), 404));
        // View-only: previews yes; originals, downloads and the zip no.
        s.access = Access::View;
        assert_eq!(
            fresh(&s, file(&Variant::Preview, false)),
            Decision::StartVisit
        );
        assert!(refused(fresh(&s, file(&original, false)), 403));
        assert!(refused(fresh(&s, file(&Variant::Preview, true)), 403));
        assert!(refused(fresh(&s, Want::Bundle), 403));
        // Refused on an open visit too, and the password comes before any refusal.
        let open = visit(now, None);
        let on_visit = evaluate(&s, None, true, Ask::new(Want::Bundle, Some(&open)), now);
        assert!(refused(on_visit, 403));
        s.password_hash = Some("hash".into());
        assert_eq!(fresh(&s, Want::Bundle), Decision::NeedsPassword);
    }

    #[test]
    fn the_status_owners_see_is_the_rule_on_a_new_visit() {
        let now = Utc::now();
        let mut s = share(now);
        s.password_hash = Some("hash".into());
        assert_eq!(status(&s, now), "active");
        s.max_uses = Some(1);
        s.counters.uses = 1;
        assert_eq!(status(&s, now), "used_up");
        s.expires_at = now;
        assert_eq!(status(&s, now), "expired");
        s.enabled = false;
        assert_eq!(status(&s, now), "disabled");
        s.creator_deleted = true;
        assert_eq!(status(&s, now), "creator_deleted");
    }
}
