//! The access rule: one pure function decides what a request on a link may do.

use super::{Recipient, RecipientStatus, Share};
use crate::error::GoneReason;
use chrono::{DateTime, Utc};

/// A visit the request proved (signature and link already checked).
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub link_token: String,
    pub id: String,
    pub expires_at: DateTime<Utc>,
    /// Started by a right password.
    pub unlocked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// An open visit: go on, count nothing.
    Allow,
    /// No visit yet and a use is left: start one, which counts one use.
    StartVisit,
    /// The password must be given first.
    NeedsPassword,
    Gone(GoneReason),
}

pub fn evaluate(
    share: &Share,
    recipient: Option<&Recipient>,
    creator_active: bool,
    visit: Option<&Visit>,
    now: DateTime<Utc>,
) -> Decision {
    if !share.enabled {
        return Decision::Gone(GoneReason::Disabled);
    }
    if share.expires_at <= now {
        return Decision::Gone(GoneReason::Expired);
    }
    if !creator_active {
        return Decision::Gone(GoneReason::CreatorDeleted);
    }
    if let Some(recipient) = recipient {
        if recipient.status == RecipientStatus::Removed {
            return Decision::Gone(GoneReason::RecipientRemoved);
        }
        if recipient.expires_at <= now {
            return Decision::Gone(GoneReason::RecipientExpired);
        }
    }
    let has_password = share.password_hash.is_some();
    if visit.is_some_and(|v| v.expires_at > now && (v.unlocked || !has_password)) {
        return Decision::Allow;
    }
    if share.uses_remaining() == Some(0) {
        return Decision::Gone(GoneReason::UsedUp);
    }
    if has_password {
        Decision::NeedsPassword
    } else {
        Decision::StartVisit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SharingAllow;
    use crate::shares::{Access, Content, DownloadOptions};
    use chrono::Duration;
    use uuid::Uuid;

    fn share(now: DateTime<Utc>) -> Share {
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
            uses: 0,
            password_hash: None,
            access: Access::Download,
            download_options: DownloadOptions {
                original: true,
                thumbnail: false,
                preview: true,
                presets: vec![],
                attributes: false,
            },
            show_attributes: vec![],
            watermark: false,
            enabled: true,
            recipients: vec![],
            allowed: SharingAllow::default(),
            max_expiry_days: 1825,
            message: None,
            visits: 0,
            downloads: 0,
            last_access_at: None,
            creator_deleted: false,
        }
    }

    fn visit(now: DateTime<Utc>, unlocked: bool) -> Visit {
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
            visits: 0,
            downloads: 0,
            last_access_at: None,
            email_state: None,
        }
    }

    #[test]
    fn a_fresh_link_starts_a_visit_and_an_open_visit_is_allowed() {
        let now = Utc::now();
        let s = share(now);
        assert_eq!(evaluate(&s, None, true, None, now), Decision::StartVisit);
        assert_eq!(
            evaluate(&s, None, true, Some(&visit(now, false)), now),
            Decision::Allow
        );
        let stale = Visit {
            expires_at: now - Duration::seconds(1),
            ..visit(now, false)
        };
        assert_eq!(
            evaluate(&s, None, true, Some(&stale), now),
            Decision::StartVisit
        );
    }

    #[test]
    fn gone_reasons_in_order() {
        let now = Utc::now();
        let mut s = share(now);
        s.enabled = false;
        s.expires_at = now - Duration::seconds(1);
        assert_eq!(
            evaluate(&s, None, true, None, now),
            Decision::Gone(GoneReason::Disabled)
        );
        s.enabled = true;
        assert_eq!(
            evaluate(&s, None, true, Some(&visit(now, true)), now),
            Decision::Gone(GoneReason::Expired)
        );
        s.expires_at = now + Duration::days(1);
        assert_eq!(
            evaluate(&s, None, false, Some(&visit(now, true)), now),
            Decision::Gone(GoneReason::CreatorDeleted)
        );
        let removed = recipient(now, RecipientStatus::Removed, Duration::days(1));
        assert_eq!(
            evaluate(&s, Some(&removed), true, None, now),
            Decision::Gone(GoneReason::RecipientRemoved)
        );
        let expired = recipient(now, RecipientStatus::Active, Duration::seconds(-1));
        assert_eq!(
            evaluate(&s, Some(&expired), true, None, now),
            Decision::Gone(GoneReason::RecipientExpired)
        );
        let active = recipient(now, RecipientStatus::Active, Duration::days(1));
        assert_eq!(
            evaluate(&s, Some(&active), true, None, now),
            Decision::StartVisit
        );
    }

    #[test]
    fn used_up_links_refuse_new_visits_but_open_ones_finish() {
        let now = Utc::now();
        let mut s = share(now);
        s.max_uses = Some(2);
        s.uses = 2;
        assert_eq!(
            evaluate(&s, None, true, None, now),
            Decision::Gone(GoneReason::UsedUp)
        );
        assert_eq!(
            evaluate(&s, None, true, Some(&visit(now, false)), now),
            Decision::Allow
        );
        s.max_uses = Some(3);
        assert_eq!(evaluate(&s, None, true, None, now), Decision::StartVisit);
    }

    #[test]
    fn passwords_need_an_unlocked_visit() {
        let now = Utc::now();
        let mut s = share(now);
        s.password_hash = Some("hash".into());
        assert_eq!(evaluate(&s, None, true, None, now), Decision::NeedsPassword);
        assert_eq!(
            evaluate(&s, None, true, Some(&visit(now, false)), now),
            Decision::NeedsPassword
        );
        assert_eq!(
            evaluate(&s, None, true, Some(&visit(now, true)), now),
            Decision::Allow
        );
        s.max_uses = Some(1);
        s.uses = 1;
        assert_eq!(
            evaluate(&s, None, true, None, now),
            Decision::Gone(GoneReason::UsedUp)
        );
    }
}
