//! Large objects: static (SLO: a JSON manifest listing segments with their ETags and
//! sizes) and dynamic (DLO: every object under a `container/prefix`, in name order).
//!
//! Upload the segments as ordinary objects ([`objects::upload`](super::objects::upload)),
//! then the manifest. [`super::segmented::upload`] does all of it for a stream of unknown
//! length, [`super::segmented::upload_sized`] for bytes of a known size read by range.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::object_storage::large_objects::{self, SloSegment};
//! use ferrocloud::object_storage::objects::{self, UploadObject};
//! let swift = client.object_storage();
//! let mut segments = Vec::new();
//! for (i, part) in ["first part, ", "second part"].iter().enumerate() {
//!     let name = format!("big.txt/{i:08}");
//!     let up = swift.call(&objects::create("segments", &name, &UploadObject::default(), *part)).await?;
//!     segments.push(SloSegment::new(format!("segments/{name}"), up.etag, Some(part.len() as u64)));
//! }
//! swift.call(&large_objects::put_manifest("docs", "big.txt", &segments, &UploadObject::default())).await?;
//! let manifest = swift.call(&large_objects::get_manifest("docs", "big.txt")).await?;
//! assert_eq!(manifest.len(), 2);
//! let report = swift.call(&large_objects::delete_with_segments("docs", "big.txt")).await?;
//! assert!(report.is_success());
//! # Ok(()) }
//! ```

use http::Method;
use serde::{Deserialize, Serialize};

use super::bulk::BulkDelete;
use super::check_container;
use super::objects::{read_uploaded, UploadObject, Uploaded};
use crate::{path, InvalidInput, Op, Query, Timestamp};

/// One segment of a static large object manifest (the `PUT` format).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SloSegment {
    /// `container/object` of the segment (a leading `/` is allowed).
    pub path: String,
    /// The segment's ETag; Swift checks it when given.
    pub etag: Option<String>,
    /// The segment's size; Swift checks it when given.
    pub size_bytes: Option<u64>,
    /// Only these bytes of the segment (`"0-99"`, `"-10"`, `"100-"`).
    pub range: Option<String>,
}

impl SloSegment {
    /// A segment at `path` (`container/object`) with its ETag and size.
    pub fn new(path: impl Into<String>, etag: Option<String>, size_bytes: Option<u64>) -> Self {
        SloSegment {
            path: path.into(),
            etag,
            size_bytes,
            range: None,
        }
    }
}

/// One segment as the stored manifest lists it (`?multipart-manifest=get`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SloManifestEntry {
    /// `/container/object` of the segment.
    pub name: String,
    /// The segment's ETag.
    pub hash: Option<String>,
    /// The segment's size.
    pub bytes: u64,
    /// The segment's content type.
    pub content_type: Option<String>,
    /// When the segment was last changed.
    pub last_modified: Option<Timestamp>,
    /// The segment is itself a static large object.
    pub sub_slo: bool,
    /// The range of the segment used.
    pub range: Option<String>,
    /// Anything else the manifest gave.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn segments_check(segments: &[SloSegment]) -> Result<(), InvalidInput> {
    InvalidInput::require(
        !segments.is_empty(),
        "segments",
        "a manifest needs at least one segment",
    )
    .and(InvalidInput::require(
        segments.len() <= 1000,
        "segments",
        "Swift takes at most 1000 segments per manifest (max_manifest_segments)",
    ))
    .and(InvalidInput::require(
        segments
            .iter()
            .all(|s| s.path.trim_start_matches('/').contains('/')),
        "segments",
        "every path must be container/object",
    ))
}

/// `PUT /v1/AUTH_<project>/<container>/<object>?multipart-manifest=put`: makes `object` a
/// static large object over `segments` (in order). `object`'s headers (content type,
/// metadata, expiry) apply to the large object; its `etag`, when given, is checked
/// against the MD5 of the segments' ETags.
pub fn put_manifest(
    container: &str,
    name: &str,
    segments: &[SloSegment],
    object: &UploadObject,
) -> Op<Uploaded> {
    object
        .headers()
        .apply(
            Op::put(path!("{}/{}", container, name))
                .check(check_container(container))
                .check(segments_check(segments))
                .query(Query::new().push("multipart-manifest", "put"))
                .json(segments),
        )
        .decode_with(read_uploaded)
}

/// `GET /v1/AUTH_<project>/<container>/<object>?multipart-manifest=get`: a static large
/// object's stored manifest (its segments), not its content.
pub fn get_manifest(container: &str, name: &str) -> Op<Vec<SloManifestEntry>> {
    Op::get(path!("{}/{}", container, name))
        .check(check_container(container))
        .query(Query::new().push("multipart-manifest", "get"))
        .decode_body()
}

/// `DELETE /v1/AUTH_<project>/<container>/<object>?multipart-manifest=delete`: deletes
/// a static large object and all its segments. Swift answers 200 with a bulk report:
/// check [`BulkDelete::is_success`].
pub fn delete_with_segments(container: &str, name: &str) -> Op<BulkDelete> {
    Op::new(Method::DELETE, path!("{}/{}", container, name))
        .check(check_container(container))
        .query(Query::new().push("multipart-manifest", "delete"))
        .decode_body()
}

/// `PUT /v1/AUTH_<project>/<container>/<object>` with an empty body and
/// `X-Object-Manifest: <segments_container>/<prefix>`: makes `object` a dynamic large
/// object, the concatenation of every object under that prefix, in name order (as they
/// are when it is read). Deleting it leaves the segments.
pub fn put_dlo(
    container: &str,
    name: &str,
    segments_container: &str,
    prefix: &str,
    object: &UploadObject,
) -> Op<Uploaded> {
    let object = UploadObject {
        object_manifest: Some(format!("{segments_container}/{prefix}")),
        ..object.clone()
    };
    super::objects::create(container, name, &object, bytes::Bytes::new())
        .check(check_container(segments_container))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h/v1/AUTH_p").unwrap()
    }

    #[test]
    fn manifest_put_body_and_checks() {
        let segs = [
            SloSegment::new("s/a", Some("e1".into()), Some(3)),
            SloSegment {
                range: Some("0-1".into()),
                ..SloSegment::new("/s/b", None, None)
            },
        ];
        let req = put_manifest("c", "big", &segs, &UploadObject::default())
            .request(&svc())
            .unwrap();
        assert_eq!(req.uri(), "http://h/v1/AUTH_p/c/big?multipart-manifest=put");
        let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!([{"path": "s/a", "etag": "e1", "size_bytes": 3}, {"path": "/s/b", "range": "0-1"}])
        );
        assert!(put_manifest("c", "big", &[], &UploadObject::default())
            .request(&svc())
            .is_err());
        let bad = [SloSegment::new("nocontainer", None, None)];
        assert!(put_manifest("c", "big", &bad, &UploadObject::default())
            .request(&svc())
            .is_err());
    }

    #[test]
    fn manifest_get_delete_and_dlo() {
        let op = get_manifest("c", "big");
        let body = r#"[{"hash": "e1", "last_modified": "2026-12-06T08:12:14.789560", "bytes": 3, "name": "/s/a", "content_type": "application/octet-stream"}]"#;
        let m = op
            .parse(http::Response::new(bytes::Bytes::from(body)))
            .unwrap();
        assert_eq!(m[0].name, "/s/a");
        assert_eq!(m[0].bytes, 3);
        let req = delete_with_segments("c", "big").request(&svc()).unwrap();
        assert_eq!(req.method(), Method::DELETE);
        assert_eq!(
            req.uri(),
            "http://h/v1/AUTH_p/c/big?multipart-manifest=delete"
        );
        let req = put_dlo("c", "big", "s", "big/", &UploadObject::default())
            .request(&svc())
            .unwrap();
        assert_eq!(req.headers()["x-object-manifest"], "s/big/");
        assert!(req.body().is_empty());
    }
}
