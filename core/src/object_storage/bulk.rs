//! Bulk middleware: delete many objects and containers in one request, and upload a tar
//! archive that Swift extracts into objects.
//!
//! Both answer `200 OK` as soon as they start, then report per item in the body: check
//! [`BulkDelete::is_success`] / [`ExtractArchive::is_success`] and their `errors`.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, tar: ferrocloud::ByteStream) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::object_storage::bulk::{self, ArchiveFormat};
//! use ferrocloud::object_storage::objects;
//! let swift = client.object_storage();
//! let done = swift.upload(&bulk::extract_archive(Some("site"), ArchiveFormat::Tar), tar).await?;
//! assert!(done.is_success(), "{:?}", done.errors);
//! let gone = swift.call(&objects::bulk_delete("site", &["index.html", "style.css"])).await?;
//! println!("{} deleted, {} not found", gone.deleted, gone.not_found);
//! # Ok(()) }
//! ```

use serde::Deserialize;

use super::object_path;
use crate::{path, Body, InvalidInput, Op};

/// One item a bulk operation could not handle: its path and the status it got.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BulkFailure(
    /// The path (`/container/object`).
    pub String,
    /// The status (`409 Conflict`).
    pub String,
);

/// The report of a bulk delete.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct BulkDelete {
    /// Items deleted.
    #[serde(rename = "Number Deleted")]
    pub deleted: u64,
    /// Items that were not there.
    #[serde(rename = "Number Not Found")]
    pub not_found: u64,
    /// The overall status (`200 OK`, `400 Bad Request`, …).
    #[serde(rename = "Response Status")]
    pub status: String,
    /// The overall message, if any.
    #[serde(rename = "Response Body")]
    pub message: String,
    /// Items that failed.
    #[serde(rename = "Errors")]
    pub errors: Vec<BulkFailure>,
    /// Anything else the report gave.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl BulkDelete {
    /// `true` when the overall status is 2xx and no item failed.
    pub fn is_success(&self) -> bool {
        self.status.starts_with('2') && self.errors.is_empty()
    }
}

/// The report of an archive extraction.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ExtractArchive {
    /// Objects created.
    #[serde(rename = "Number Files Created")]
    pub created: u64,
    /// The overall status.
    #[serde(rename = "Response Status")]
    pub status: String,
    /// The overall message, if any.
    #[serde(rename = "Response Body")]
    pub message: String,
    /// Items that failed.
    #[serde(rename = "Errors")]
    pub errors: Vec<BulkFailure>,
    /// Anything else the report gave.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ExtractArchive {
    /// `true` when the overall status is 2xx and no item failed.
    pub fn is_success(&self) -> bool {
        self.status.starts_with('2') && self.errors.is_empty()
    }
}

/// `POST /v1/AUTH_<project>?bulk-delete`: deletes `(container, Some(object))` objects and
/// `(container, None)` (empty) containers. Put objects before their container: items are
/// deleted in order. At most 10000 items per request (Swift's default).
pub fn delete(items: &[(&str, Option<&str>)]) -> Op<BulkDelete> {
    let lines: Result<Vec<String>, InvalidInput> = items
        .iter()
        .map(|(container, object)| object_path(container, *object))
        .collect();
    let (check, body) = match lines {
        Ok(lines) => (
            InvalidInput::require(!lines.is_empty(), "items", "give at least one item"),
            lines.join("\n"),
        ),
        Err(e) => (Err(e), String::new()),
    };
    Op::post(path!(""))
        .query(crate::Query::new().push("bulk-delete", "true"))
        .check(check)
        .body(Body::raw(body, "text/plain"))
        .decode_body()
}

crate::string_enum! {
    /// An archive format [`extract_archive`] takes.
    pub enum ArchiveFormat {
        /// Plain tar.
        Tar = "tar",
        /// Gzipped tar.
        TarGz = "tar.gz",
        /// Bzip2ed tar.
        TarBz2 = "tar.bz2",
    }
}

/// `PUT /v1/AUTH_<project>[/<container>]?extract-archive=<format>`: send a tar archive
/// with [`Service::upload`](crate::Service::upload); each file becomes an object (in
/// `container`, or, without one, the archive's top-level folders are containers).
pub fn extract_archive(container: Option<&str>, format: ArchiveFormat) -> Op<ExtractArchive> {
    let path = match container {
        Some(c) => path!("{}", c),
        None => path!(""),
    };
    let check = container.map_or(Ok(()), super::check_container);
    Op::put(path)
        .query(crate::Query::new().push("extract-archive", format.as_str()))
        .check(check)
        .body(Body::raw(bytes::Bytes::new(), "application/x-tar"))
        .decode_body()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn bulk_delete_body_and_report() {
        let svc = ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h/v1/AUTH_p").unwrap();
        let op = delete(&[("c", Some("a/b c")), ("c", Some("ü")), ("c", None)]);
        let req = op.request(&svc).unwrap();
        assert_eq!(req.uri(), "http://h/v1/AUTH_p/?bulk-delete=true");
        assert_eq!(req.headers()["content-type"], "text/plain");
        assert_eq!(req.body().as_ref(), b"/c/a%2Fb%20c\n/c/%C3%BC\n/c");
        assert!(delete(&[]).request(&svc).is_err());
        assert!(delete(&[("a/b", None)]).request(&svc).is_err());

        let body = "   \n{\"Response Status\": \"400 Bad Request\", \"Response Body\": \"\", \"Number Deleted\": 2, \"Number Not Found\": 1, \"Errors\": [[\"/c\", \"409 Conflict\"]]}";
        let r = op
            .parse(http::Response::new(bytes::Bytes::from(body)))
            .unwrap();
        assert_eq!((r.deleted, r.not_found), (2, 1));
        assert_eq!(
            r.errors,
            vec![BulkFailure("/c".into(), "409 Conflict".into())]
        );
        assert!(!r.is_success());
    }

    #[test]
    fn extract_archive_request() {
        let svc = ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h/v1/AUTH_p").unwrap();
        let req = extract_archive(Some("c"), ArchiveFormat::TarGz)
            .request(&svc)
            .unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(req.uri(), "http://h/v1/AUTH_p/c?extract-archive=tar.gz");
        let r: ExtractArchive = serde_json::from_str(
            r#"{"Number Files Created": 2, "Response Status": "201 Created", "Response Body": "", "Errors": []}"#,
        )
        .unwrap();
        assert!(r.is_success());
        assert_eq!(r.created, 2);
    }
}
