//! Objects: list (pseudo-folders with a delimiter, paged by marker), upload (streamed or
//! whole), download (streamed or whole; ranges and conditions), get (headers), copy
//! (`COPY` or `PUT` with `X-Copy-From`), update metadata, delete and bulk delete.
//!
//! Uploads and downloads of any size stream through
//! [`Service::upload`](crate::Service::upload) and
//! [`Service::download`](crate::Service::download); [`create`] and a
//! [`Service::call`](crate::Service::call) of [`download`] hold the data in memory
//! (and, for `create`, may be retried like any other request).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::object_storage::objects::{self, ByteRange, CopyObject, DownloadObject, UploadObject};
//! let swift = client.object_storage();
//! swift
//!     .call(&objects::create("docs", "a.txt", &UploadObject {
//!         content_type: Some("text/plain".into()),
//!         if_none_match_any: true,
//!         ..Default::default()
//!     }, "hello world"))
//!     .await?;
//! let part = swift
//!     .call(&objects::download("docs", "a.txt", &DownloadObject {
//!         range: vec![ByteRange::Span(0, 4)],
//!         ..Default::default()
//!     }))
//!     .await?;
//! assert_eq!(&part.body[..], b"hello");
//! swift.call(&objects::copy("docs", "a.txt", "docs", "b.txt", &CopyObject::default())).await?;
//! let gone = swift.call(&objects::bulk_delete("docs", &["a.txt", "b.txt"])).await?;
//! assert!(gone.is_success());
//! # Ok(()) }
//! ```

use bytes::Bytes;
use http::header::{HeaderMap, HeaderValue};
use http::{Method, Response, StatusCode};
use serde::Deserialize;

use super::bulk::{self, BulkDelete};
use super::{
    check_container, etag, flag, http_date, metadata_from_headers, num, object_path, plain,
    unix_time, Headers, Metadata,
};
use crate::{path, query, Body, HasId, InvalidInput, List, Op, Patch, Result, Timestamp};

/// An object (or, with a delimiter, a pseudo-folder) as listed in its container.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ObjectEntry {
    /// The object's name (empty for a pseudo-folder).
    pub name: String,
    /// With a delimiter: a pseudo-folder (`{"subdir": "photos/"}`); the other fields are
    /// then empty.
    pub subdir: Option<String>,
    /// Size in bytes.
    pub bytes: u64,
    /// The MD5 of the content (for a static large object, of its manifest).
    pub hash: Option<String>,
    /// The content type (`;swift_bytes=…` for large objects).
    pub content_type: Option<String>,
    /// Last change (UTC).
    pub last_modified: Option<Timestamp>,
    /// For a symlink: its target (`container/object`).
    pub symlink_path: Option<String>,
    /// For a static large object: the ETag of its content.
    pub slo_etag: Option<String>,
    /// With `versions`: the version's id.
    pub version_id: Option<String>,
    /// With `versions`: whether this is the current version.
    pub is_latest: Option<bool>,
    /// Anything else the listing gave.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl HasId for ObjectEntry {
    fn id(&self) -> Option<&str> {
        match &self.subdir {
            Some(sub) if self.name.is_empty() => Some(sub),
            _ => Some(&self.name),
        }
    }
}

/// Filters and paging for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListObjects {
    /// Only names starting with this.
    pub prefix: Option<String>,
    /// Roll names up to this character after the prefix into pseudo-folders
    /// (`subdir` entries).
    pub delimiter: Option<char>,
    /// Start after this name.
    pub marker: Option<String>,
    /// Stop before this name.
    pub end_marker: Option<String>,
    /// Names per page (Swift's default and maximum is 10000).
    pub limit: Option<u32>,
    /// Last name first.
    pub reverse: bool,
    /// Only objects directly in this pseudo-folder (legacy `path=` parameter).
    pub path: Option<String>,
    /// Every version of every object (containers with versioning). Paging continues
    /// after the last name, so use a `limit` above the number of versions of one name.
    pub versions: bool,
}

/// `GET /v1/AUTH_<project>/<container>?format=json`: the container's objects, paged by
/// marker.
pub fn list(container: &str, filter: &ListObjects) -> List<ObjectEntry> {
    let mut q = query!(
        format: Some("json"),
        prefix: filter.prefix.as_deref(),
        delimiter: filter.delimiter,
        marker: filter.marker.as_deref(),
        end_marker: filter.end_marker.as_deref(),
        limit: filter.limit,
        reverse: filter.reverse.then_some("true"),
        path: filter.path.as_deref(),
    );
    if filter.versions {
        q = q.push("versions", "");
    }
    let path = check_container(container).and(path!("{}", container));
    List::marker(path, "").query(q)
}

/// An object, as its headers describe it (`HEAD`, and every `GET`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ObjectInfo {
    /// `Content-Length` (of the range, for a partial download).
    pub content_length: Option<u64>,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `ETag` without quotes: the content's MD5; for a static large object, the MD5 of
    /// its segments' ETags.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<Timestamp>,
    /// `X-Timestamp`: when this version was written.
    pub created: Option<Timestamp>,
    /// `X-Delete-At`: when Swift deletes the object.
    pub delete_at: Option<Timestamp>,
    /// `X-Object-Manifest`: for a dynamic large object, `container/prefix` of its segments.
    pub object_manifest: Option<String>,
    /// `X-Static-Large-Object`: the object is a static large object.
    pub static_large_object: bool,
    /// `X-Symlink-Target` (with `symlink=get`).
    pub symlink_target: Option<String>,
    /// `Content-Disposition`.
    pub content_disposition: Option<String>,
    /// `Content-Encoding`.
    pub content_encoding: Option<String>,
    /// `X-Object-Version-Id` (containers with versioning).
    pub version_id: Option<String>,
    /// `X-Object-Meta-*`, decoded.
    pub metadata: Metadata,
    /// Every header of the response (not serialized).
    #[serde(skip)]
    pub headers: HeaderMap,
}

impl ObjectInfo {
    /// Reads an object from response headers.
    pub fn from_headers(h: &HeaderMap) -> Self {
        ObjectInfo {
            content_length: num(h, "content-length"),
            content_type: plain(h, "content-type"),
            etag: etag(h),
            last_modified: http_date(h, "last-modified"),
            created: unix_time(h, "x-timestamp"),
            delete_at: unix_time(h, "x-delete-at"),
            object_manifest: super::text(h, "x-object-manifest"),
            static_large_object: flag(h, "x-static-large-object").unwrap_or(false),
            symlink_target: super::text(h, "x-symlink-target"),
            content_disposition: plain(h, "content-disposition"),
            content_encoding: plain(h, "content-encoding"),
            version_id: plain(h, "x-object-version-id"),
            metadata: metadata_from_headers(h, "x-object-meta-"),
            headers: h.clone(),
        }
    }
}

/// Checks an object name: Swift refuses more than 1024 bytes (its default).
fn check_object(container: &str, name: &str) -> std::result::Result<(), InvalidInput> {
    check_container(container).and(InvalidInput::require(
        name.len() <= 1024,
        "object",
        "is longer than 1024 bytes",
    ))
}

fn object_op(method: Method, container: &str, name: &str) -> Op<()> {
    Op::new(method, path!("{}/{}", container, name)).check(check_object(container, name))
}

/// What a write answered ([`upload`], [`create`], [`copy`], manifests).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Uploaded {
    /// `ETag` without quotes: the MD5 Swift computed.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<Timestamp>,
    /// `X-Copied-From` (copies).
    pub copied_from: Option<String>,
    /// `X-Object-Version-Id` (containers with versioning).
    pub version_id: Option<String>,
    /// Every header of the response (not serialized).
    #[serde(skip)]
    pub headers: HeaderMap,
}

impl Uploaded {
    /// Reads a write's response headers.
    pub fn from_headers(h: &HeaderMap) -> Self {
        Uploaded {
            etag: etag(h),
            last_modified: http_date(h, "last-modified"),
            copied_from: super::text(h, "x-copied-from"),
            version_id: plain(h, "x-object-version-id"),
            headers: h.clone(),
        }
    }
}

pub(crate) fn read_uploaded(resp: Response<Bytes>) -> Result<Uploaded> {
    Ok(Uploaded::from_headers(resp.headers()))
}

/// A new object ([`upload`], [`create`]).
#[derive(Debug, Clone, Default)]
pub struct UploadObject {
    /// `Content-Type` (default `application/octet-stream`).
    pub content_type: Option<String>,
    /// `X-Detect-Content-Type`: let Swift guess the type from the name.
    pub detect_content_type: bool,
    /// `ETag`: the content's MD5 (hex); Swift refuses the upload (422) when it differs.
    pub etag: Option<String>,
    /// `X-Object-Meta-*`.
    pub metadata: Metadata,
    /// `Content-Disposition`.
    pub content_disposition: Option<String>,
    /// `Content-Encoding`.
    pub content_encoding: Option<String>,
    /// `X-Delete-At`: delete the object at this Unix time (seconds).
    pub delete_at: Option<u64>,
    /// `X-Delete-After`: delete the object after this many seconds.
    pub delete_after: Option<u64>,
    /// `If-None-Match: *`: refuse (412) to overwrite an existing object.
    pub if_none_match_any: bool,
    /// `X-Object-Manifest`: make this object a dynamic large object over the segments
    /// named `container/prefix` (send an empty body).
    pub object_manifest: Option<String>,
    /// `X-Symlink-Target`: make this object a symlink to `container/object` (send an
    /// empty body).
    pub symlink_target: Option<String>,
}

impl UploadObject {
    pub(crate) fn headers(&self) -> Headers {
        Headers::new()
            .text("content-type", self.content_type.as_deref())
            .flag(
                "x-detect-content-type",
                self.detect_content_type.then_some(true),
            )
            .text("etag", self.etag.as_deref())
            .meta("x-object-meta-", &self.metadata)
            .text("content-disposition", self.content_disposition.as_deref())
            .text("content-encoding", self.content_encoding.as_deref())
            .num("x-delete-at", self.delete_at)
            .num("x-delete-after", self.delete_after)
            .text("if-none-match", self.if_none_match_any.then_some("*"))
            .encoded("x-object-manifest", self.object_manifest.as_deref())
            .encoded("x-symlink-target", self.symlink_target.as_deref())
    }

    fn check(&self) -> std::result::Result<(), InvalidInput> {
        InvalidInput::require(
            self.delete_at.is_none() || self.delete_after.is_none(),
            "delete_at",
            "give delete_at or delete_after, not both",
        )
        .and(InvalidInput::require(
            self.etag
                .as_deref()
                .is_none_or(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_hexdigit())),
            "etag",
            "must be an MD5 in hex (32 characters)",
        ))
    }
}

/// `PUT /v1/AUTH_<project>/<container>/<object>`: send the content with
/// [`Service::upload`](crate::Service::upload) (streamed, any size up to Swift's
/// `max_file_size`, 5 GiB by default; beyond that use [`super::segmented`]).
pub fn upload(container: &str, name: &str, object: &UploadObject) -> Op<Uploaded> {
    object
        .headers()
        .apply(
            object_op(Method::PUT, container, name)
                .check(object.check())
                .body(Body::raw(Bytes::new(), "application/octet-stream")),
        )
        .decode_with(read_uploaded)
}

/// `PUT /v1/AUTH_<project>/<container>/<object>` with `data` in memory: for small objects
/// (the request may be retried, unlike a streamed [`upload`]).
pub fn create(
    container: &str,
    name: &str,
    object: &UploadObject,
    data: impl Into<Bytes>,
) -> Op<Uploaded> {
    let data: Bytes = data.into();
    // An empty PUT still needs `Content-Length: 0` (Swift answers 411 without it, and
    // hyper leaves it out for an empty body); browsers set it themselves.
    let length = HeaderValue::from(data.len());
    object
        .headers()
        .apply(
            object_op(Method::PUT, container, name)
                .check(object.check())
                .body(Body::raw(data, "application/octet-stream"))
                .header(http::header::CONTENT_LENGTH, length),
        )
        .decode_with(read_uploaded)
}

/// A byte range of a download (`Range: bytes=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// Bytes `first..=last` (`bytes=first-last`).
    Span(u64, u64),
    /// From byte `first` to the end (`bytes=first-`).
    From(u64),
    /// The last `n` bytes (`bytes=-n`).
    Last(u64),
}

impl std::fmt::Display for ByteRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ByteRange::Span(a, b) => write!(f, "{a}-{b}"),
            ByteRange::From(a) => write!(f, "{a}-"),
            ByteRange::Last(n) => write!(f, "-{n}"),
        }
    }
}

/// Ranges and conditions of a download ([`download`]).
#[derive(Debug, Clone, Default)]
pub struct DownloadObject {
    /// `Range`: one range gives `206` with those bytes; several give a
    /// `multipart/byteranges` body.
    pub range: Vec<ByteRange>,
    /// `If-Match`: only if the ETag is this one (else 412).
    pub if_match: Option<String>,
    /// `If-None-Match`: only if the ETag differs (else 304).
    pub if_none_match: Option<String>,
    /// `If-Modified-Since`: only if changed since (else 304).
    pub if_modified_since: Option<Timestamp>,
    /// `If-Unmodified-Since`: only if not changed since (else 412).
    pub if_unmodified_since: Option<Timestamp>,
    /// `symlink=get`: the symlink itself rather than its target.
    pub symlink_get: bool,
    /// `version-id`: an older version (containers with versioning).
    pub version_id: Option<String>,
}

impl DownloadObject {
    fn check(&self) -> std::result::Result<(), InvalidInput> {
        InvalidInput::require(
            self.range.iter().all(|r| match r {
                ByteRange::Span(a, b) => a <= b,
                ByteRange::Last(n) => *n > 0,
                ByteRange::From(_) => true,
            }),
            "range",
            "a span must not end before it starts, and a suffix must not be empty",
        )
    }
}

/// A whole download: status, headers and body.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Downloaded {
    /// `200`, `206` (a range) or `304` (not modified; empty body).
    #[serde(with = "status_code")]
    pub status: StatusCode,
    /// The object's headers.
    pub info: ObjectInfo,
    /// `Content-Range` of a partial download (`bytes 0-4/11`).
    pub content_range: Option<String>,
    /// The content (of the range).
    pub body: Bytes,
}

/// A status code as its number.
mod status_code {
    use http::StatusCode;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(s: &StatusCode, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_u16(s.as_u16())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<StatusCode, D::Error> {
        StatusCode::from_u16(u16::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

fn read_downloaded(resp: Response<Bytes>) -> Result<Downloaded> {
    let (parts, body) = resp.into_parts();
    Ok(Downloaded {
        status: parts.status,
        info: ObjectInfo::from_headers(&parts.headers),
        content_range: plain(&parts.headers, "content-range"),
        body,
    })
}

fn http_time(t: &Timestamp) -> String {
    httpdate::fmt_http_date(t.to_system_time())
}

/// `GET /v1/AUTH_<project>/<container>/<object>`: stream the content with
/// [`Service::download`](crate::Service::download), or get it whole, with its status and
/// headers, with [`Service::call`](crate::Service::call) (use `call` when a `304 Not
/// Modified` must be told from an empty object).
pub fn download(container: &str, name: &str, opts: &DownloadObject) -> Op<Downloaded> {
    let range = (!opts.range.is_empty()).then(|| {
        let spans: Vec<String> = opts.range.iter().map(ToString::to_string).collect();
        format!("bytes={}", spans.join(","))
    });
    let q = query!(
        symlink: opts.symlink_get.then_some("get"),
        "version-id": opts.version_id.as_deref(),
    );
    Headers::new()
        .text("range", range.as_deref())
        .text("if-match", opts.if_match.as_deref())
        .text("if-none-match", opts.if_none_match.as_deref())
        .text(
            "if-modified-since",
            opts.if_modified_since.as_ref().map(http_time).as_deref(),
        )
        .text(
            "if-unmodified-since",
            opts.if_unmodified_since.as_ref().map(http_time).as_deref(),
        )
        .apply(
            object_op(Method::GET, container, name)
                .check(opts.check())
                .query(q)
                .header(http::header::ACCEPT, HeaderValue::from_static("*/*")),
        )
        .decode_with(read_downloaded)
}

fn read_info(resp: Response<Bytes>) -> Result<ObjectInfo> {
    Ok(ObjectInfo::from_headers(resp.headers()))
}

/// `HEAD /v1/AUTH_<project>/<container>/<object>`: size, type, ETag, times and metadata.
pub fn get(container: &str, name: &str) -> Op<ObjectInfo> {
    object_op(Method::HEAD, container, name).decode_with(read_info)
}

/// Options of a copy ([`copy`], [`copy_from`]).
#[derive(Debug, Clone, Default)]
pub struct CopyObject {
    /// `X-Object-Meta-*` for the copy (added to the source's, unless `fresh_metadata`).
    pub metadata: Metadata,
    /// `X-Fresh-Metadata`: start from no metadata instead of the source's.
    pub fresh_metadata: bool,
    /// `Content-Type` of the copy.
    pub content_type: Option<String>,
    /// `Content-Disposition` of the copy.
    pub content_disposition: Option<String>,
    /// `Content-Encoding` of the copy.
    pub content_encoding: Option<String>,
    /// `multipart-manifest=get`: copy a static large object's manifest (sharing its
    /// segments) rather than its content.
    pub manifest_only: bool,
}

impl CopyObject {
    fn apply(&self, op: Op<()>) -> Op<Uploaded> {
        let op = if self.manifest_only {
            op.query(crate::Query::new().push("multipart-manifest", "get"))
        } else {
            op
        };
        Headers::new()
            .meta("x-object-meta-", &self.metadata)
            .flag("x-fresh-metadata", self.fresh_metadata.then_some(true))
            .text("content-type", self.content_type.as_deref())
            .text("content-disposition", self.content_disposition.as_deref())
            .text("content-encoding", self.content_encoding.as_deref())
            .apply(op)
            .decode_with(read_uploaded)
    }
}

/// A `/container/object` path as a header value, or the error for the op's check.
fn header_of(
    path: std::result::Result<String, InvalidInput>,
) -> (Option<HeaderValue>, Result<(), InvalidInput>) {
    match path.and_then(|p| {
        HeaderValue::from_str(&p)
            .map_err(|_| InvalidInput::field("destination", "not a header value"))
    }) {
        Ok(v) => (Some(v), Ok(())),
        Err(e) => (None, Err(e)),
    }
}

/// `COPY /v1/AUTH_<project>/<container>/<object>` with `Destination:
/// /<to_container>/<to_name>`: copies an object, within or across containers.
pub fn copy(
    container: &str,
    name: &str,
    to_container: &str,
    to_name: &str,
    opts: &CopyObject,
) -> Op<Uploaded> {
    let (dest, check) = header_of(object_path(to_container, Some(to_name)));
    let mut op = object_op(Method::from_bytes(b"COPY").expect("COPY"), container, name)
        .check(check)
        .check(check_object(to_container, to_name));
    if let Some(d) = dest {
        op = op.header(http::HeaderName::from_static("destination"), d);
    }
    opts.apply(op)
}

/// `PUT /v1/AUTH_<project>/<to_container>/<to_name>` with `X-Copy-From:
/// /<container>/<name>`: the same copy as [`copy`], as a `PUT` (for proxies that refuse
/// `COPY`).
pub fn copy_from(
    container: &str,
    name: &str,
    to_container: &str,
    to_name: &str,
    opts: &CopyObject,
) -> Op<Uploaded> {
    let (src, check) = header_of(object_path(container, Some(name)));
    let mut op = object_op(Method::PUT, to_container, to_name)
        .check(check)
        .check(check_object(container, name))
        .header(http::header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    if let Some(s) = src {
        op = op.header(http::HeaderName::from_static("x-copy-from"), s);
    }
    opts.apply(op)
}

/// Changes to an object's metadata ([`update`]).
#[derive(Debug, Clone, Default)]
pub struct UpdateObject {
    /// `X-Object-Meta-*`: **replaces** all the object's metadata (Swift keeps no
    /// metadata left out of a POST).
    pub metadata: Metadata,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `X-Detect-Content-Type`.
    pub detect_content_type: bool,
    /// `Content-Disposition`.
    pub content_disposition: Option<String>,
    /// `Content-Encoding`.
    pub content_encoding: Option<String>,
    /// `X-Delete-At` (Unix seconds): set, or remove with `Null`.
    pub delete_at: Patch<u64>,
    /// `X-Delete-After` (seconds from now).
    pub delete_after: Option<u64>,
}

/// `POST /v1/AUTH_<project>/<container>/<object>`: replaces the object's metadata, sets
/// its content type or expiry.
pub fn update(container: &str, name: &str, object: &UpdateObject) -> Op<()> {
    Headers::new()
        .meta("x-object-meta-", &object.metadata)
        .text("content-type", object.content_type.as_deref())
        .flag(
            "x-detect-content-type",
            object.detect_content_type.then_some(true),
        )
        .text("content-disposition", object.content_disposition.as_deref())
        .text("content-encoding", object.content_encoding.as_deref())
        .patch_num("x-delete-at", &object.delete_at)
        .num("x-delete-after", object.delete_after)
        .apply(
            object_op(Method::POST, container, name).check(InvalidInput::require(
                object.delete_at.is_keep() || object.delete_after.is_none(),
                "delete_at",
                "give delete_at or delete_after, not both",
            )),
        )
}

/// `DELETE /v1/AUTH_<project>/<container>/<object>`. For a static large object this
/// deletes the manifest only; see
/// [`large_objects::delete_with_segments`](super::large_objects::delete_with_segments).
pub fn delete(container: &str, name: &str) -> Op<()> {
    object_op(Method::DELETE, container, name)
}

/// `DELETE /v1/AUTH_<project>/<container>/<object>?version-id=<id>`: deletes one version
/// of an object in a container with versioning (a plain [`delete`] there only adds a
/// delete marker). Version ids come from a listing with [`ListObjects::versions`] or
/// [`Uploaded::version_id`].
pub fn delete_version(container: &str, name: &str, version_id: &str) -> Op<()> {
    object_op(Method::DELETE, container, name)
        .query(crate::Query::new().push("version-id", version_id))
        .check(InvalidInput::require(
            !version_id.is_empty(),
            "version_id",
            "must not be empty",
        ))
}

/// `POST /v1/AUTH_<project>?bulk-delete`: deletes many objects of `container` in one
/// request (at most 10000). Check [`BulkDelete::is_success`].
pub fn bulk_delete<S: AsRef<str>>(container: &str, names: &[S]) -> Op<BulkDelete> {
    let items: Vec<(&str, Option<&str>)> = names
        .iter()
        .map(|n| (container, Some(n.as_ref())))
        .collect();
    bulk::delete(&items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h:8080/v1/AUTH_p").unwrap()
    }

    #[test]
    fn listing_with_pseudo_folders_pages_after_the_last_entry() {
        let l = list(
            "c",
            &ListObjects {
                prefix: Some("a/".into()),
                delimiter: Some('/'),
                limit: Some(2),
                ..Default::default()
            },
        );
        let req = l.first_request(&svc()).unwrap();
        assert_eq!(
            req.uri(),
            "http://h:8080/v1/AUTH_p/c?format=json&prefix=a%2F&delimiter=%2F&limit=2"
        );
        let body = r#"[{"bytes": 5, "hash": "5d41402abc4b2a76b9719d911017c592", "name": "a/b.txt", "content_type": "text/plain", "last_modified": "2026-12-06T08:12:14.789560"}, {"subdir": "a/d/"}]"#;
        let page = l
            .parse_page(&svc(), &req, Response::new(Bytes::from(body)))
            .unwrap();
        assert_eq!(page.items[0].name, "a/b.txt");
        assert_eq!(page.items[0].bytes, 5);
        assert_eq!(page.items[1].subdir.as_deref(), Some("a/d/"));
        assert_eq!(page.items[1].id(), Some("a/d/"));
        assert!(page.next_url().unwrap().ends_with("&marker=a%2Fd%2F"));
        let versions = list(
            "c",
            &ListObjects {
                versions: true,
                ..Default::default()
            },
        );
        assert!(versions
            .first_request(&svc())
            .unwrap()
            .uri()
            .to_string()
            .ends_with("?format=json&versions="));
        assert!(list("a/b", &Default::default())
            .first_request(&svc())
            .is_err());
    }

    #[test]
    fn upload_headers_and_checks() {
        let opts = UploadObject {
            content_type: Some("text/plain".into()),
            etag: Some("5d41402abc4b2a76b9719d911017c592".into()),
            metadata: [("größe".to_string(), "groß".to_string())].into(),
            delete_after: Some(60),
            if_none_match_any: true,
            ..Default::default()
        };
        let req = create("c", "dir/ü.txt", &opts, "hello")
            .request(&svc())
            .unwrap();
        assert_eq!(req.method(), Method::PUT);
        assert_eq!(req.uri(), "http://h:8080/v1/AUTH_p/c/dir%2F%C3%BC.txt");
        let h = req.headers();
        assert_eq!(h["content-type"], "text/plain");
        assert_eq!(h["etag"], "5d41402abc4b2a76b9719d911017c592");
        assert_eq!(h["x-object-meta-gr%c3%b6%c3%9fe"], "gro%C3%9F");
        assert_eq!(h["x-delete-after"], "60");
        assert_eq!(h["if-none-match"], "*");
        assert_eq!(req.body().as_ref(), b"hello");
        let streamed = upload("c", "o", &UploadObject::default())
            .request(&svc())
            .unwrap();
        assert_eq!(
            streamed.headers()["content-type"],
            "application/octet-stream"
        );
        for bad in [
            UploadObject {
                etag: Some("nope".into()),
                ..Default::default()
            },
            UploadObject {
                delete_at: Some(1),
                delete_after: Some(1),
                ..Default::default()
            },
        ] {
            assert!(upload("c", "o", &bad).request(&svc()).is_err());
        }
        assert!(upload("c", &"x".repeat(1025), &UploadObject::default())
            .request(&svc())
            .is_err());
    }

    #[test]
    fn download_ranges_conditions_and_result() {
        let t: Timestamp = "2026-12-06T08:11:22Z".parse().unwrap();
        let op = download(
            "c",
            "o",
            &DownloadObject {
                range: vec![
                    ByteRange::Span(0, 4),
                    ByteRange::Last(3),
                    ByteRange::From(9),
                ],
                if_match: Some("abc".into()),
                if_modified_since: Some(t),
                ..Default::default()
            },
        );
        let req = op.request(&svc()).unwrap();
        let h = req.headers();
        assert_eq!(h["range"], "bytes=0-4,-3,9-");
        assert_eq!(h["if-match"], "abc");
        assert_eq!(h["if-modified-since"], "Sun, 06 Dec 2026 08:11:22 GMT");
        assert_eq!(h["accept"], "*/*");
        let resp = Response::builder()
            .status(206)
            .header("content-range", "bytes 0-4/11")
            .header("etag", "\"5d41402abc4b2a76b9719d911017c592\"")
            .header("x-object-meta-k", "%E2%82%AC")
            .body(Bytes::from_static(b"hello"))
            .unwrap();
        let d = op.parse(resp).unwrap();
        assert_eq!(d.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(d.content_range.as_deref(), Some("bytes 0-4/11"));
        assert_eq!(
            d.info.etag.as_deref(),
            Some("5d41402abc4b2a76b9719d911017c592")
        );
        assert_eq!(d.info.metadata["k"], "€");
        let bad = DownloadObject {
            range: vec![ByteRange::Span(5, 1)],
            ..Default::default()
        };
        assert!(download("c", "o", &bad).request(&svc()).is_err());
    }

    #[test]
    fn copies_name_their_other_end() {
        let opts = CopyObject {
            fresh_metadata: true,
            ..Default::default()
        };
        let req = copy("a", "x y", "b", "d/z", &opts).request(&svc()).unwrap();
        assert_eq!(req.method().as_str(), "COPY");
        assert_eq!(req.uri(), "http://h:8080/v1/AUTH_p/a/x%20y");
        assert_eq!(req.headers()["destination"], "/b/d%2Fz");
        assert_eq!(req.headers()["x-fresh-metadata"], "true");
        let req = copy_from("a", "x y", "b", "z", &CopyObject::default())
            .request(&svc())
            .unwrap();
        assert_eq!(req.method(), Method::PUT);
        assert_eq!(req.uri(), "http://h:8080/v1/AUTH_p/b/z");
        assert_eq!(req.headers()["x-copy-from"], "/a/x%20y");
        assert!(copy("a", "x", "b/c", "z", &opts).request(&svc()).is_err());
        assert!(copy_from("a", "", "b", "z", &opts).request(&svc()).is_err());
    }

    #[test]
    fn update_replaces_metadata_and_expiry() {
        let req = update(
            "c",
            "o",
            &UpdateObject {
                metadata: [("a".to_string(), "1".to_string())].into(),
                delete_at: Patch::Null,
                ..Default::default()
            },
        )
        .request(&svc())
        .unwrap();
        assert_eq!(req.method(), Method::POST);
        assert_eq!(req.headers()["x-object-meta-a"], "1");
        assert_eq!(req.headers()["x-remove-delete-at"], "x");
        let req = delete_version("c", "o", "1796544681.44757")
            .request(&svc())
            .unwrap();
        assert_eq!(req.method(), Method::DELETE);
        assert_eq!(
            req.uri(),
            "http://h:8080/v1/AUTH_p/c/o?version-id=1796544681.44757"
        );
        assert!(delete_version("c", "o", "").request(&svc()).is_err());
        let both = UpdateObject {
            delete_at: Patch::Set(1),
            delete_after: Some(2),
            ..Default::default()
        };
        assert!(update("c", "o", &both).request(&svc()).is_err());
    }

    #[test]
    fn object_info_from_headers() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("content-length", "11"),
            ("content-type", "text/plain"),
            ("etag", "\"abc\""),
            ("x-timestamp", "1796544681.44757"),
            ("x-delete-at", "1796544781"),
            ("x-static-large-object", "True"),
            ("x-object-manifest", "segs/pre%20fix"),
        ] {
            h.insert(k, v.parse().unwrap());
        }
        let i = ObjectInfo::from_headers(&h);
        assert_eq!(i.content_length, Some(11));
        assert_eq!(i.etag.as_deref(), Some("abc"));
        assert!(i.static_large_object);
        assert_eq!(i.object_manifest.as_deref(), Some("segs/pre fix"));
        assert_eq!(
            i.delete_at.unwrap().to_string(),
            "2026-12-06T08:13:01.000000Z"
        );
    }
}
