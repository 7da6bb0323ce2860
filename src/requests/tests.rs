use super::*;
use chrono::Duration;

fn request(now: DateTime<Utc>) -> Request {
    Request {
        id: Uuid::nil(),
        owner_id: Uuid::nil(),
        title: "Footage".into(),
        description: String::new(),
        collection_id: Uuid::nil(),
        token: "t".into(),
        created_at: now,
        expires_at: now + Duration::days(1),
        password_hash: None,
        password_generation: 0,
        max_files: None,
        max_bytes: None,
        allowed_types: Vec::new(),
        enabled: true,
        recipients: Vec::new(),
        message: None,
        notify: true,
        allowed: SharingAllow::default(),
        max_expiry_days: 30,
        files: Vec::new(),
        reserved: Vec::new(),
        notice: Notice::default(),
        language: None,
    }
}

fn file(size: u64) -> ReceivedFile {
    ReceivedFile {
        asset_id: Uuid::now_v7(),
        name: "a".into(),
        size,
        mime_type: "image/png".into(),
        visit: "v".into(),
        recipient_id: None,
        uploader_name: None,
        uploader_email: None,
        received_at: Utc::now(),
    }
}

#[test]
fn uploads_under_way_hold_room_against_both_limits() {
    let mut r = request(Utc::now());
    r.max_files = Some(2);
    r.max_bytes = Some(100);
    r.files.push(file(40));
    assert!(r.check_room(60).is_ok());
    assert_eq!(r.check_room(61).unwrap_err().status(), 413);
    r.reserved.push(Reservation {
        upload_id: Uuid::now_v7(),
        bytes: 10,
    });
    assert_eq!(r.files_held(), 2);
    assert_eq!(r.bytes_held(), 50);
    assert_eq!(r.check_room(1).unwrap_err().status(), 413, "no file left");
    r.reserved.clear();
    assert!(r.check_room(60).is_ok());
}

#[test]
fn gone_reasons_in_order() {
    let now = Utc::now();
    let mut r = request(now);
    assert_eq!(r.gone_reason(None, true, now), None);
    assert_eq!(r.status(true, now), "active");
    assert_eq!(
        r.gone_reason(None, false, now),
        Some(GoneReason::CreatorDeleted)
    );
    r.expires_at = now;
    assert_eq!(r.gone_reason(None, true, now), Some(GoneReason::Expired));
    r.enabled = false;
    assert_eq!(r.status(true, now), "disabled");
}

#[test]
fn allowed_types_are_checked_and_kept_in_lower_case() {
    let kept = check_allowed_types(vec![" Image/* ".into(), ".PDF".into(), "text/csv".into()]);
    assert_eq!(kept.unwrap(), ["image/*", ".pdf", "text/csv"]);
    for bad in ["image", ".", "*/*x", "a b/c", ".p df"] {
        assert!(check_allowed_types(vec![bad.into()]).is_err(), "{bad}");
    }
}

#[test]
fn types_match_by_family_type_or_extension_with_its_content() {
    let allowed = ["image/*".to_string(), ".pdf".into(), ".csv".into()];
    assert!(type_allowed(&allowed, "image/png", "x.png"));
    assert!(type_allowed(&allowed, "application/pdf", "x.PDF"));
    assert!(type_allowed(&allowed, "text/plain", "list.csv"));
    assert!(
        !type_allowed(&allowed, "text/html", "x.pdf"),
        "named .pdf, not one"
    );
    assert!(!type_allowed(&allowed, "application/pdf", "x.bin"));
    assert!(!type_allowed(&allowed, "text/plain", "x.txt"));
    assert!(type_allowed(&[], "application/x-anything", "x"));
}

#[test]
fn content_tells_the_type_not_the_name() {
    let png = [
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
    ];
    assert_eq!(sniffed_type(&png), "image/png");
    assert_eq!(sniffed_type(b"%PDF-1.7\n"), "application/pdf");
    assert_eq!(sniffed_type("a,b\nc,d é".as_bytes()), "text/plain");
    assert_eq!(
        sniffed_type(&"é".as_bytes()[..1]),
        "text/plain",
        "a cut character"
    );
    assert_eq!(sniffed_type(&[0, 1, 2, 0xff]), "application/octet-stream");
}
