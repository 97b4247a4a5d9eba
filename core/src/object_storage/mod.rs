//! Object storage (Swift v1): [`accounts`], [`containers`], [`objects`], large objects
//! ([`large_objects`], and [`segmented`] uploads of streams or of sized inputs), [`bulk`]
//! operations, sans-IO [`temp_url`] / form POST signatures and the cluster's [`info`].
//!
//! Swift differs from the other services in three ways, all handled here:
//!
//! - **Metadata lives in headers** (`X-Account-Meta-*`, `X-Container-Meta-*`,
//!   `X-Object-Meta-*`). Swift stores header bytes as given and its api-ref asks clients to
//!   send UTF-8, percent-encoded. Values are written with control characters, non-ASCII
//!   characters, `%` and leading/trailing spaces percent-encoded, and read back decoded
//!   (a value another client wrote as raw UTF-8 reads as it is). Names are case-insensitive
//!   HTTP header names: they are read back in lowercase, and characters other than
//!   letters, digits, `-`, `.` and `~` are percent-encoded. See [`encode_value`],
//!   [`decode_value`] and [`metadata_from_headers`].
//! - **Listings** are JSON arrays (`format=json`) paged by `marker`: the next page starts
//!   after the last name listed ([`List::marker`](crate::List::marker) with an empty key).
//! - **Errors are plain text or HTML** (`<html><h1>Not Found</h1>…`); the shared fault
//!   reader turns them into an [`Error::Http`](crate::Error::Http) with that text.
//!
//! What Swift answers in headers is read into plain types ([`accounts::Account`],
//! [`containers::Container`], [`objects::ObjectInfo`], [`objects::Uploaded`]) by their
//! `from_headers`, which keep the raw `headers` too. They derive serde (an operation's
//! output must deserialize), without the raw headers, so they can also be cached or sent
//! on as JSON.
//!
//! The endpoint is the account itself (`http://host:8080/v1/AUTH_<project_id>`), so
//! container and object paths are relative to it. Object names may contain `/`: each name
//! is one percent-encoded path segment, which Swift decodes back.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use futures::TryStreamExt;
//! use ferrocloud::object_storage::{containers, objects};
//! use ferrocloud::byte_stream;
//! let swift = client.object_storage();
//! swift.call(&containers::create("photos", &Default::default())).await?;
//! let data = futures::stream::iter([Ok::<_, ferrocloud::TransportError>(bytes::Bytes::from("hello"))]);
//! let opts = objects::UploadObject {
//!     content_type: Some("text/plain".into()),
//!     metadata: [("place".to_string(), "Zürich".to_string())].into(),
//!     ..Default::default()
//! };
//! swift.upload(&objects::upload("photos", "2024/a.txt", &opts), byte_stream(data)).await?;
//! let info = swift.call(&objects::get("photos", "2024/a.txt")).await?;
//! assert_eq!(info.metadata["place"], "Zürich");
//! let mut names = std::pin::pin!(swift.list(objects::list("photos", &Default::default())));
//! while let Some(entry) = names.try_next().await? {
//!     println!("{:?} {:?}", entry.name, entry.bytes);
//! }
//! let mut body = swift.download(&objects::download("photos", "2024/a.txt", &Default::default())).await?;
//! while let Some(chunk) = body.try_next().await? {
//!     let _ = chunk.len();
//! }
//! swift.call(&objects::delete("photos", "2024/a.txt")).await?;
//! swift.call(&containers::delete("photos")).await?;
//! # Ok(()) }
//! ```

pub mod accounts;
pub mod bulk;
pub mod containers;
pub mod info;
pub mod large_objects;
pub mod objects;
pub mod segmented;
pub mod temp_url;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{percent_decode, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::{InvalidInput, Op, Patch, Timestamp};

/// Custom metadata: names to values. Names read from a response are in lowercase.
pub type Metadata = BTreeMap<String, String>;

/// Characters of a metadata name sent percent-encoded.
const NAME: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'~');

/// A metadata value as a header value: control characters, non-ASCII characters, `%`
/// and leading or trailing spaces percent-encoded (UTF-8), everything else as is.
///
/// ```
/// use ferrocloud::object_storage::{decode_value, encode_value};
/// let v = encode_value(" 100% Zürich ");
/// assert_eq!(v, "%20100%25 Z%C3%BCrich%20");
/// assert_eq!(decode_value(v.as_bytes()), " 100% Zürich ");
/// ```
pub fn encode_value(value: &str) -> HeaderValue {
    let last = value.len().saturating_sub(1);
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.char_indices() {
        let edge_space = c == ' ' && (i == 0 || i == last);
        if c.is_ascii_graphic() && c != '%' || c == ' ' && !edge_space {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    HeaderValue::from_str(&out).expect("visible ASCII and spaces are a valid header value")
}

/// A header value as text: percent-decoded when that gives UTF-8, otherwise the raw bytes
/// as UTF-8 (another client's unencoded value), lossily as a last resort.
pub fn decode_value(raw: &[u8]) -> String {
    let decoded: Vec<u8> = percent_decode(raw).collect();
    match String::from_utf8(decoded) {
        Ok(s) => s,
        Err(_) => String::from_utf8_lossy(raw).into_owned(),
    }
}

/// The custom metadata under `prefix` (`x-object-meta-`, `x-container-meta-`,
/// `x-account-meta-`, lowercase) in `headers`, names and values decoded.
///
/// ```
/// use ferrocloud::object_storage::metadata_from_headers;
/// let mut h = http::HeaderMap::new();
/// h.insert("x-object-meta-city", "Z%C3%BCrich".parse().unwrap());
/// h.insert("x-object-meta-caf%C3%A9", "ok".parse().unwrap());
/// h.insert("content-type", "text/plain".parse().unwrap());
/// let md = metadata_from_headers(&h, "x-object-meta-");
/// assert_eq!(md["city"], "Zürich");
/// assert_eq!(md["café"], "ok");
/// assert_eq!(md.len(), 2);
/// ```
pub fn metadata_from_headers(headers: &HeaderMap, prefix: &str) -> Metadata {
    headers
        .iter()
        .filter_map(|(name, value)| {
            let key = name.as_str().strip_prefix(prefix)?;
            (!key.is_empty())
                .then(|| (decode_value(key.as_bytes()), decode_value(value.as_bytes())))
        })
        .collect()
}

/// Headers being built for a request, with the first invalid value kept as the error.
#[derive(Default)]
pub(crate) struct Headers {
    list: Vec<(HeaderName, HeaderValue)>,
    error: Option<InvalidInput>,
}

fn header_name(name: &str) -> Result<HeaderName, InvalidInput> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| InvalidInput::field("header", format!("{name:?} is not a header name")))
}

impl Headers {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    fn fail(&mut self, e: InvalidInput) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    fn push(&mut self, name: &str, value: Result<HeaderValue, InvalidInput>) {
        match (header_name(name), value) {
            (Ok(n), Ok(v)) => self.list.push((n, v)),
            (Err(e), _) | (_, Err(e)) => self.fail(e),
        }
    }

    /// `name: value` for a value that must be a valid header value as it is (content
    /// types, ACLs, paths).
    pub(crate) fn text(mut self, name: &'static str, value: Option<&str>) -> Self {
        if let Some(v) = value {
            let v = HeaderValue::from_str(v).map_err(|_| {
                InvalidInput::field(name, "must be visible ASCII (a valid header value)")
            });
            self.push(name, v);
        }
        self
    }

    /// `name: value` for a free-text value, percent-encoded as metadata is.
    pub(crate) fn encoded(mut self, name: &'static str, value: Option<&str>) -> Self {
        if let Some(v) = value {
            self.push(name, Ok(encode_value(v)));
        }
        self
    }

    /// `name: n`.
    pub(crate) fn num(mut self, name: &'static str, value: Option<u64>) -> Self {
        if let Some(v) = value {
            self.push(name, Ok(HeaderValue::from(v)));
        }
        self
    }

    /// `name: true|false`.
    pub(crate) fn flag(mut self, name: &'static str, value: Option<bool>) -> Self {
        if let Some(v) = value {
            self.push(
                name,
                Ok(HeaderValue::from_static(if v { "true" } else { "false" })),
            );
        }
        self
    }

    /// `Patch::Set(v)` → `name: v`; `Patch::Null` → `X-Remove-<name without X->: x`.
    pub(crate) fn patch_text(self, name: &'static str, value: &Patch<String>) -> Self {
        match value {
            Patch::Keep => self,
            Patch::Set(v) => self.text(name, Some(v)),
            Patch::Null => self.remove(name),
        }
    }

    /// Like [`Headers::patch_text`] for a number.
    pub(crate) fn patch_num(self, name: &'static str, value: &Patch<u64>) -> Self {
        match value {
            Patch::Keep => self,
            Patch::Set(v) => self.num(name, Some(*v)),
            Patch::Null => self.remove(name),
        }
    }

    /// `X-Remove-<name without X->: x`.
    fn remove(mut self, name: &str) -> Self {
        let stem = name.get(2..).unwrap_or_default();
        self.push(
            &format!("x-remove-{stem}"),
            Ok(HeaderValue::from_static("x")),
        );
        self
    }

    /// One `<prefix><name>: <value>` per entry (`prefix` like `x-object-meta-`).
    pub(crate) fn meta(mut self, prefix: &str, md: &Metadata) -> Self {
        for (k, v) in md {
            match meta_name(prefix, k) {
                Ok(name) => self.list.push((name, encode_value(v))),
                Err(e) => self.fail(e),
            }
        }
        self
    }

    /// One `x-remove-<kind>-meta-<name>: x` per name (`kind` like `container`).
    pub(crate) fn remove_meta(mut self, kind: &str, names: &[String]) -> Self {
        let prefix = format!("x-remove-{kind}-meta-");
        for k in names {
            match meta_name(&prefix, k) {
                Ok(name) => self.list.push((name, HeaderValue::from_static("x"))),
                Err(e) => self.fail(e),
            }
        }
        self
    }

    /// Adds the headers to `op` (and the first invalid value as its check).
    pub(crate) fn apply<T>(self, op: Op<T>) -> Op<T> {
        let mut op = match self.error {
            Some(e) => op.check(Err(e)),
            None => op,
        };
        for (k, v) in self.list {
            op = op.header(k, v);
        }
        op
    }
}

/// A secret's patch as the header text it sets.
pub(crate) fn secret_patch(p: &Patch<crate::Secret>) -> Patch<String> {
    match p {
        Patch::Keep => Patch::Keep,
        Patch::Null => Patch::Null,
        Patch::Set(s) => Patch::Set(s.expose().to_owned()),
    }
}

/// `<prefix><encoded name>`, refusing empty names.
fn meta_name(prefix: &str, key: &str) -> Result<HeaderName, InvalidInput> {
    if key.is_empty() {
        return Err(InvalidInput::field("metadata", "a name must not be empty"));
    }
    header_name(&format!("{prefix}{}", utf8_percent_encode(key, NAME)))
}

/// A response header as text (decoded like metadata).
pub(crate) fn text(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name).map(|v| decode_value(v.as_bytes()))
}

/// A response header as it is (visible ASCII), e.g. an ETag or a content type.
pub(crate) fn plain(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
}

/// A response header as a number.
pub(crate) fn num(h: &HeaderMap, name: &str) -> Option<u64> {
    h.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// A response header as a boolean (`true`/`True`/`yes`/`1`).
pub(crate) fn flag(h: &HeaderMap, name: &str) -> Option<bool> {
    let v = h.get(name)?.to_str().ok()?.trim().to_ascii_lowercase();
    Some(matches!(
        v.as_str(),
        "true" | "yes" | "on" | "1" | "t" | "y"
    ))
}

/// An HTTP-date header (`Last-Modified`).
pub(crate) fn http_date(h: &HeaderMap, name: &str) -> Option<Timestamp> {
    let t = httpdate::parse_http_date(h.get(name)?.to_str().ok()?).ok()?;
    Some(Timestamp::from_system_time(t))
}

/// A Swift timestamp header: seconds since the epoch with a fraction (`X-Timestamp:
/// 1796544681.44757`).
pub(crate) fn unix_time(h: &HeaderMap, name: &str) -> Option<Timestamp> {
    unix_text(h.get(name)?.to_str().ok()?)
}

/// `1796544681.44757` (or `1796544681`) as a time.
pub(crate) fn unix_text(s: &str) -> Option<Timestamp> {
    let (secs, frac) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
    let secs: u64 = secs.parse().ok()?;
    // Up to the end of year 9999 (`Timestamp` holds no later time; found by fuzzing).
    if secs > 253_402_300_799 {
        return None;
    }
    let digits = frac.len().min(9);
    let nanos: u32 = if digits == 0 {
        0
    } else {
        frac[..digits].parse::<u32>().ok()? * 10u32.pow(9 - digits as u32)
    };
    let t = SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, nanos))?;
    Some(Timestamp::from_system_time(t))
}

/// An `ETag` without the quotes some middlewares (SLO) put around it.
pub(crate) fn etag(h: &HeaderMap) -> Option<String> {
    plain(h, "etag").map(|e| e.trim_matches('"').to_owned())
}

/// Checks a container name: Swift refuses `/` in it, and more than 256 bytes.
pub(crate) fn check_container(name: &str) -> Result<(), InvalidInput> {
    InvalidInput::require(!name.contains('/'), "container", "must not contain '/'").and(
        InvalidInput::require(name.len() <= 256, "container", "is longer than 256 bytes"),
    )
}

/// `/container/object`, percent-encoded segment by segment, for `X-Copy-From`,
/// `Destination` and bulk delete lines.
pub(crate) fn object_path(container: &str, object: Option<&str>) -> Result<String, InvalidInput> {
    check_container(container)?;
    Ok(match object {
        Some(o) => format!("/{}", crate::path!("{}/{}", container, o)?),
        None => format!("/{}", crate::path!("{}", container)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_headers() {
        for v in [
            "",
            "plain",
            "Zürich ☃",
            "  two spaces  ",
            "100%",
            "%41 is not A",
            "tab\there\nnewline",
            "日本語",
        ] {
            let h = encode_value(v);
            assert!(h.to_str().is_ok(), "{v:?} -> {h:?}");
            assert_eq!(decode_value(h.as_bytes()), v);
        }
        // Another client's raw UTF-8 reads as is; invalid bytes do not panic.
        assert_eq!(decode_value("Zürich".as_bytes()), "Zürich");
        assert_eq!(decode_value(b"%FF\xff"), "%FF\u{fffd}");
        assert_eq!(decode_value(b"50%"), "50%");
    }

    #[test]
    fn metadata_names_are_encoded_and_checked() {
        let md: Metadata = [
            ("Café".to_string(), "x".to_string()),
            ("a_b".into(), "y".into()),
        ]
        .into();
        let op = Headers::new()
            .meta("x-object-meta-", &md)
            .apply(Op::post(crate::path!("c")));
        let svc =
            crate::ServiceEndpoint::new(crate::ServiceType::OBJECT_STORE, "http://h/v1/AUTH_p")
                .unwrap();
        let req = crate::Operation::request(&op, &svc).unwrap();
        assert_eq!(req.headers()["x-object-meta-caf%c3%a9"], "x");
        assert_eq!(req.headers()["x-object-meta-a%5fb"], "y");
        let back = metadata_from_headers(req.headers(), "x-object-meta-");
        assert_eq!(back["café"], "x");
        assert_eq!(back["a_b"], "y");
        let empty: Metadata = [(String::new(), "x".to_string())].into();
        let op = Headers::new()
            .meta("x-object-meta-", &empty)
            .apply(Op::post(crate::path!("c")));
        assert!(crate::Operation::request(&op, &svc).is_err());
        let bad = Headers::new()
            .text("content-type", Some("a\nb"))
            .apply(Op::post(crate::path!("c")));
        assert!(crate::Operation::request(&bad, &svc).is_err());
    }

    #[test]
    fn swift_timestamps() {
        let t = unix_text("1796544681.44757").unwrap();
        assert_eq!(t.to_string(), "2026-12-06T08:11:21.447570Z");
        assert_eq!(
            unix_text("12").unwrap().to_string(),
            "1970-01-01T00:00:12.000000Z"
        );
        assert!(unix_text("x").is_none());
        assert!(unix_text("1.x").is_none());
        assert!(unix_text("17965446544681.44757").is_none());
        assert!(unix_text("253402300799.999999999").is_some());
        assert!(unix_text("253402300800").is_none());
    }

    #[test]
    fn object_paths() {
        assert_eq!(object_path("c", Some("a/b c")).unwrap(), "/c/a%2Fb%20c");
        assert_eq!(object_path("c", None).unwrap(), "/c");
        assert!(object_path("c/d", None).is_err());
        assert!(object_path("c", Some("")).is_err());
    }
}
