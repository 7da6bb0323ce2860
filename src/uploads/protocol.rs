//! The pure parts of tus 1.0.0: reading its headers and writing its dates.

use crate::error::{Error, Result};
use base64::{engine::general_purpose::STANDARD, Engine};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const VERSION: &str = "1.0.0";
pub const EXTENSIONS: &str =
    "creation,creation-with-upload,termination,expiration,checksum,concatenation";
/// The body type of PATCH (and of creation-with-upload).
pub const OFFSET_STREAM: &str = "application/offset+octet-stream";

/// `Upload-Metadata`: comma-separated `key base64value` pairs (the value may be absent).
pub fn metadata(header: &str) -> Result<BTreeMap<String, String>> {
    let mut pairs = BTreeMap::new();
    for pair in header.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once(' ').unwrap_or((pair, ""));
        let bad = || Error::bad_request(format!("Upload-Metadata: {key:?} is not base64 UTF-8"));
        let bytes = STANDARD.decode(value.trim()).map_err(|_| bad())?;
        let value = String::from_utf8(bytes).map_err(|_| bad())?;
        if key.is_empty() || pairs.insert(key.to_string(), value).is_some() {
            return Err(Error::bad_request(format!(
                "Upload-Metadata: key {key:?} is empty or repeated"
            )));
        }
    }
    Ok(pairs)
}

/// What `Upload-Concat` says of a new upload.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Concat {
    /// An ordinary upload.
    None,
    /// A part of a later final upload: never an asset by itself.
    Partial,
    /// The parts, in order, that make this upload.
    Final(Vec<Uuid>),
}

/// `partial`, or `final;URL URL …` where each URL ends in an upload's id.
pub fn concat(header: Option<&str>) -> Result<Concat> {
    let Some(header) = header.map(str::trim) else {
        return Ok(Concat::None);
    };
    if header == "partial" {
        return Ok(Concat::Partial);
    }
    let urls = header
        .strip_prefix("final;")
        .ok_or_else(|| Error::bad_request("Upload-Concat is `partial` or `final;URL URL…`"))?;
    let parts = urls
        .split_whitespace()
        .map(|url| {
            let id = url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            Uuid::parse_str(id)
                .map_err(|_| Error::bad_request(format!("Upload-Concat: {url:?} is no upload")))
        })
        .collect::<Result<Vec<_>>>()?;
    if parts.is_empty() {
        return Err(Error::bad_request(
            "Upload-Concat: a final upload names its parts",
        ));
    }
    Ok(Concat::Final(parts))
}

/// A non-negative integer header (`Upload-Length`, `Upload-Offset`).
pub fn number(name: &str, value: Option<&str>) -> Result<Option<u64>> {
    value
        .map(|v| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| Error::bad_request(format!("{name} must be a non-negative integer")))
        })
        .transpose()
}

/// `Upload-Expires` is an HTTP date (RFC 7231).
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_as_tus_js_client_sends_it() {
        let read = metadata("filename d29ybGQucGRm,filetype YXBwbGljYXRpb24vcGRm,flag").unwrap();
        assert_eq!(read["filename"], "world.pdf");
        assert_eq!(read["filetype"], "application/pdf");
        assert_eq!(read["flag"], "");
        assert_eq!(metadata("").unwrap().len(), 0);
        assert_eq!(metadata("filename !!!").unwrap_err().status(), 400);
        assert_eq!(metadata("a YQ==,a YQ==").unwrap_err().status(), 400);
        assert_eq!(metadata("name /w==").unwrap_err().status(), 400);
    }

    #[test]
    fn concatenation_headers() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        assert_eq!(concat(None).unwrap(), Concat::None);
        assert_eq!(concat(Some("partial")).unwrap(), Concat::Partial);
        let header = format!("final;/api/v1/uploads/{a} https://h.example/api/v1/uploads/{b}");
        assert_eq!(concat(Some(&header)).unwrap(), Concat::Final(vec![a, b]));
        for bad in ["final;", "final;/api/v1/uploads/x", "whole"] {
            assert_eq!(concat(Some(bad)).unwrap_err().status(), 400, "{bad}");
        }
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(number("Upload-Offset", Some(" 42")).unwrap(), Some(42));
        assert_eq!(number("Upload-Offset", None).unwrap(), None);
        assert!(number("Upload-Offset", Some("-1")).is_err());
        let at = DateTime::parse_from_rfc3339("2014-06-25T16:00:00Z").unwrap();
        assert_eq!(http_date(at.into()), "Wed, 25 Jun 2014 16:00:00 GMT");
    }
}
