//! Containers: list (paged by marker), create with metadata, ACLs, storage policy,
//! versioning and quotas; get (headers), update, delete and bulk delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use futures::TryStreamExt;
//! use ferrocloud::object_storage::containers::{self, CreateContainer, ListContainers, UpdateContainer};
//! use ferrocloud::Patch;
//! let swift = client.object_storage();
//! swift
//!     .call(&containers::create("logs", &CreateContainer {
//!         read_acl: Some(".r:*,.rlistings".into()),
//!         versions_enabled: Some(true),
//!         metadata: [("team".to_string(), "ops".to_string())].into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let logs = swift.call(&containers::get("logs")).await?;
//! println!("{:?} objects", logs.object_count);
//! swift
//!     .call(&containers::update("logs", &UpdateContainer {
//!         read_acl: Patch::Null,
//!         quota_bytes: Patch::Set(1 << 30),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let all: Vec<_> = swift
//!     .list(containers::list(&ListContainers { prefix: Some("lo".into()), limit: Some(100), ..Default::default() }))
//!     .try_collect()
//!     .await?;
//! swift.call(&containers::delete("logs")).await?;
//! # Ok(()) }
//! ```

use bytes::Bytes;
use http::header::HeaderMap;
use http::Response;
use serde::Deserialize;

use super::bulk::{self, BulkDelete};
use super::{
    check_container, flag, http_date, metadata_from_headers, num, plain, unix_time, Headers,
    Metadata,
};
use crate::{path, query, HasId, List, Op, Patch, Result, Secret, Timestamp};

/// A container as listed in its account.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ContainerEntry {
    /// The container's name.
    pub name: String,
    /// Objects in it.
    pub count: u64,
    /// Bytes stored in it.
    pub bytes: u64,
    /// Last change (`2026-12-06T08:11:22.123450`, UTC).
    pub last_modified: Option<Timestamp>,
    /// With a delimiter: a rolled-up name prefix (`{"subdir": "logs-"}`); the other
    /// fields are then empty.
    pub subdir: Option<String>,
    /// Anything else the listing gave.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl HasId for ContainerEntry {
    fn id(&self) -> Option<&str> {
        match &self.subdir {
            Some(sub) if self.name.is_empty() => Some(sub),
            _ => Some(&self.name),
        }
    }
}

/// Filters and paging for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListContainers {
    /// Only names starting with this.
    pub prefix: Option<String>,
    /// Roll names up to this character after the prefix into `subdir` entries.
    pub delimiter: Option<char>,
    /// Start after this name.
    pub marker: Option<String>,
    /// Stop before this name.
    pub end_marker: Option<String>,
    /// Names per page (Swift's default and maximum is 10000).
    pub limit: Option<u32>,
    /// Newest name first.
    pub reverse: bool,
}

/// `GET /v1/AUTH_<project>?format=json`: the account's containers, paged by marker.
pub fn list(filter: &ListContainers) -> List<ContainerEntry> {
    List::marker(path!(""), "").query(query!(
        format: Some("json"),
        prefix: filter.prefix.as_deref(),
        delimiter: filter.delimiter,
        marker: filter.marker.as_deref(),
        end_marker: filter.end_marker.as_deref(),
        limit: filter.limit,
        reverse: filter.reverse.then_some("true"),
    ))
}

/// A container, as its headers describe it (`HEAD /v1/AUTH_<project>/<container>`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Container {
    /// `X-Container-Object-Count`.
    pub object_count: Option<u64>,
    /// `X-Container-Bytes-Used`.
    pub bytes_used: Option<u64>,
    /// `X-Container-Read` (owners only).
    pub read_acl: Option<String>,
    /// `X-Container-Write` (owners only).
    pub write_acl: Option<String>,
    /// `X-Storage-Policy`.
    pub storage_policy: Option<String>,
    /// `X-Versions-Enabled` (object versioning).
    pub versions_enabled: Option<bool>,
    /// `X-Versions-Location` (legacy versioned writes, stack mode).
    pub versions_location: Option<String>,
    /// `X-History-Location` (legacy versioned writes, history mode).
    pub history_location: Option<String>,
    /// `X-Container-Meta-Quota-Bytes`.
    pub quota_bytes: Option<u64>,
    /// `X-Container-Meta-Quota-Count`.
    pub quota_count: Option<u64>,
    /// `X-Container-Sync-To`.
    pub sync_to: Option<String>,
    /// `X-Container-Meta-Temp-URL-Key`: a temp URL key for this container only
    /// (owners only).
    pub temp_url_key: Option<Secret>,
    /// `X-Container-Meta-Temp-URL-Key-2`.
    pub temp_url_key_2: Option<Secret>,
    /// `X-Timestamp`: when the container was created.
    pub created: Option<Timestamp>,
    /// `Last-Modified`.
    pub last_modified: Option<Timestamp>,
    /// `X-Container-Meta-*` other than the quotas and temp URL keys, decoded.
    pub metadata: Metadata,
    /// Every header of the response (not serialized).
    #[serde(skip)]
    pub headers: HeaderMap,
}

impl Container {
    /// Reads a container from its response headers.
    pub fn from_headers(h: &HeaderMap) -> Self {
        let mut metadata = metadata_from_headers(h, "x-container-meta-");
        metadata.remove("quota-bytes");
        metadata.remove("quota-count");
        let temp_url_key = metadata.remove("temp-url-key").map(Secret::new);
        let temp_url_key_2 = metadata.remove("temp-url-key-2").map(Secret::new);
        // The keys stay out of `Debug` output.
        let mut headers = h.clone();
        for name in [
            "x-container-meta-temp-url-key",
            "x-container-meta-temp-url-key-2",
        ] {
            if let Some(v) = headers.get_mut(name) {
                v.set_sensitive(true);
            }
        }
        Container {
            object_count: num(h, "x-container-object-count"),
            bytes_used: num(h, "x-container-bytes-used"),
            read_acl: plain(h, "x-container-read"),
            write_acl: plain(h, "x-container-write"),
            storage_policy: plain(h, "x-storage-policy"),
            versions_enabled: flag(h, "x-versions-enabled"),
            versions_location: super::text(h, "x-versions-location"),
            history_location: super::text(h, "x-history-location"),
            quota_bytes: num(h, "x-container-meta-quota-bytes"),
            quota_count: num(h, "x-container-meta-quota-count"),
            sync_to: plain(h, "x-container-sync-to"),
            temp_url_key,
            temp_url_key_2,
            created: unix_time(h, "x-timestamp"),
            last_modified: http_date(h, "last-modified"),
            metadata,
            headers,
        }
    }
}

fn read(resp: Response<Bytes>) -> Result<Container> {
    Ok(Container::from_headers(resp.headers()))
}

/// A new container ([`create`]).
#[derive(Debug, Clone, Default)]
pub struct CreateContainer {
    /// `X-Container-Meta-*`.
    pub metadata: Metadata,
    /// `X-Container-Read`: who may read (`.r:*` for anyone, `.rlistings` to list too,
    /// `<project>:<user>`, …).
    pub read_acl: Option<String>,
    /// `X-Container-Write`.
    pub write_acl: Option<String>,
    /// `X-Storage-Policy` (fixed once the container exists).
    pub storage_policy: Option<String>,
    /// `X-Versions-Enabled`: keep every version of every object.
    pub versions_enabled: Option<bool>,
    /// `X-Versions-Location`: legacy versioned writes into another container (stack).
    pub versions_location: Option<String>,
    /// `X-History-Location`: legacy versioned writes into another container (history).
    pub history_location: Option<String>,
    /// `X-Container-Meta-Quota-Bytes`.
    pub quota_bytes: Option<u64>,
    /// `X-Container-Meta-Quota-Count`.
    pub quota_count: Option<u64>,
    /// `X-Container-Sync-To` (container sync; needs `sync_key`).
    pub sync_to: Option<String>,
    /// `X-Container-Sync-Key`.
    pub sync_key: Option<String>,
    /// `X-Container-Meta-Temp-URL-Key`: a temp URL key valid for this container only.
    pub temp_url_key: Option<Secret>,
    /// `X-Container-Meta-Temp-URL-Key-2`.
    pub temp_url_key_2: Option<Secret>,
}

impl CreateContainer {
    fn headers(&self) -> Headers {
        Headers::new()
            .meta("x-container-meta-", &self.metadata)
            .text("x-container-read", self.read_acl.as_deref())
            .text("x-container-write", self.write_acl.as_deref())
            .text("x-storage-policy", self.storage_policy.as_deref())
            .flag("x-versions-enabled", self.versions_enabled)
            .encoded("x-versions-location", self.versions_location.as_deref())
            .encoded("x-history-location", self.history_location.as_deref())
            .num("x-container-meta-quota-bytes", self.quota_bytes)
            .num("x-container-meta-quota-count", self.quota_count)
            .text("x-container-sync-to", self.sync_to.as_deref())
            .text("x-container-sync-key", self.sync_key.as_deref())
            .text(
                "x-container-meta-temp-url-key",
                self.temp_url_key.as_ref().map(Secret::expose),
            )
            .text(
                "x-container-meta-temp-url-key-2",
                self.temp_url_key_2.as_ref().map(Secret::expose),
            )
    }
}

/// `PUT /v1/AUTH_<project>/<container>`: creates a container (201), or updates the
/// metadata of an existing one (202).
pub fn create(name: &str, container: &CreateContainer) -> Op<()> {
    container
        .headers()
        .apply(Op::put(path!("{}", name)).check(check_container(name)))
}

/// `HEAD /v1/AUTH_<project>/<container>`: counts, ACLs, policy, quotas and metadata.
pub fn get(name: &str) -> Op<Container> {
    Op::head(path!("{}", name))
        .check(check_container(name))
        .decode_with(read)
}

/// Changes to a container ([`update`]).
#[derive(Debug, Clone, Default)]
pub struct UpdateContainer {
    /// `X-Container-Meta-*` to set (others are left as they are).
    pub metadata: Metadata,
    /// Names of metadata to remove.
    pub remove_metadata: Vec<String>,
    /// `X-Container-Read`: set, or remove with `Null`.
    pub read_acl: Patch<String>,
    /// `X-Container-Write`: set, or remove with `Null`.
    pub write_acl: Patch<String>,
    /// `X-Versions-Enabled`.
    pub versions_enabled: Option<bool>,
    /// `X-Versions-Location`: set, or remove with `Null`.
    pub versions_location: Patch<String>,
    /// `X-History-Location`: set, or remove with `Null`.
    pub history_location: Patch<String>,
    /// `X-Container-Meta-Quota-Bytes`: set, or remove with `Null`.
    pub quota_bytes: Patch<u64>,
    /// `X-Container-Meta-Quota-Count`: set, or remove with `Null`.
    pub quota_count: Patch<u64>,
    /// `X-Container-Sync-To`: set, or remove with `Null`.
    pub sync_to: Patch<String>,
    /// `X-Container-Sync-Key`: set, or remove with `Null`.
    pub sync_key: Patch<String>,
    /// `X-Container-Meta-Temp-URL-Key`: set, or remove with `Null`.
    pub temp_url_key: Patch<Secret>,
    /// `X-Container-Meta-Temp-URL-Key-2`: set, or remove with `Null`.
    pub temp_url_key_2: Patch<Secret>,
}

/// `POST /v1/AUTH_<project>/<container>`: sets or removes metadata, ACLs, versioning,
/// quotas and sync.
pub fn update(name: &str, container: &UpdateContainer) -> Op<()> {
    Headers::new()
        .meta("x-container-meta-", &container.metadata)
        .remove_meta("container", &container.remove_metadata)
        .patch_text("x-container-read", &container.read_acl)
        .patch_text("x-container-write", &container.write_acl)
        .flag("x-versions-enabled", container.versions_enabled)
        .patch_text("x-versions-location", &container.versions_location)
        .patch_text("x-history-location", &container.history_location)
        .patch_num("x-container-meta-quota-bytes", &container.quota_bytes)
        .patch_num("x-container-meta-quota-count", &container.quota_count)
        .patch_text("x-container-sync-to", &container.sync_to)
        .patch_text("x-container-sync-key", &container.sync_key)
        .patch_text(
            "x-container-meta-temp-url-key",
            &super::secret_patch(&container.temp_url_key),
        )
        .patch_text(
            "x-container-meta-temp-url-key-2",
            &super::secret_patch(&container.temp_url_key_2),
        )
        .apply(Op::post(path!("{}", name)).check(check_container(name)))
}

/// `DELETE /v1/AUTH_<project>/<container>`: deletes an empty container (409 when it is
/// not empty).
pub fn delete(name: &str) -> Op<()> {
    Op::delete(path!("{}", name)).check(check_container(name))
}

/// `POST /v1/AUTH_<project>?bulk-delete`: deletes many (empty) containers in one
/// request. Swift answers 200 with a per-item report: check
/// [`BulkDelete::is_success`] and [`BulkDelete::errors`].
pub fn bulk_delete<S: AsRef<str>>(names: &[S]) -> Op<BulkDelete> {
    let paths: Vec<(&str, Option<&str>)> = names.iter().map(|n| (n.as_ref(), None)).collect();
    bulk::delete(&paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h:8080/v1/AUTH_p").unwrap()
    }

    #[test]
    fn listing_pages_by_name() {
        let l = list(&ListContainers {
            prefix: Some("a b".into()),
            limit: Some(2),
            reverse: true,
            ..Default::default()
        });
        let req = l.first_request(&svc()).unwrap();
        assert_eq!(
            req.uri(),
            "http://h:8080/v1/AUTH_p/?format=json&prefix=a+b&limit=2&reverse=true"
        );
        let body = r#"[{"name": "a b1", "count": 1, "bytes": 5, "last_modified": "2026-12-06T08:11:22.123450"},
                       {"name": "a b2", "count": 0, "bytes": 0, "last_modified": "2026-12-06T08:11:23.000000", "new": 1}]"#;
        let page = l
            .parse_page(&svc(), &req, Response::new(Bytes::from(body)))
            .unwrap();
        assert_eq!(page.items[0].count, 1);
        assert_eq!(page.items[1].extra["new"], 1);
        assert!(page.items[0].last_modified.is_some());
        assert_eq!(
            page.next_url().as_deref(),
            Some(
                "http://h:8080/v1/AUTH_p/?format=json&prefix=a+b&limit=2&reverse=true&marker=a+b2"
            )
        );
    }

    #[test]
    fn create_and_update_headers() {
        let req = create(
            "c",
            &CreateContainer {
                read_acl: Some(".r:*".into()),
                versions_enabled: Some(true),
                quota_count: Some(3),
                metadata: [("k".to_string(), "v".to_string())].into(),
                ..Default::default()
            },
        )
        .request(&svc())
        .unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(req.uri(), "http://h:8080/v1/AUTH_p/c");
        let h = req.headers();
        assert_eq!(h["x-container-read"], ".r:*");
        assert_eq!(h["x-versions-enabled"], "true");
        assert_eq!(h["x-container-meta-quota-count"], "3");
        assert_eq!(h["x-container-meta-k"], "v");

        let req = update(
            "c",
            &UpdateContainer {
                read_acl: Patch::Null,
                write_acl: Patch::Set("p:u".into()),
                quota_bytes: Patch::Null,
                remove_metadata: vec!["k".into()],
                ..Default::default()
            },
        )
        .request(&svc())
        .unwrap();
        let h = req.headers();
        assert_eq!(h["x-remove-container-read"], "x");
        assert_eq!(h["x-container-write"], "p:u");
        assert_eq!(h["x-remove-container-meta-quota-bytes"], "x");
        assert_eq!(h["x-remove-container-meta-k"], "x");
        assert!(create("a/b", &Default::default()).request(&svc()).is_err());
        assert!(delete("").request(&svc()).is_err());
    }

    #[test]
    fn reads_a_container_from_headers() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-container-object-count", "3"),
            ("x-container-bytes-used", "15"),
            ("x-container-read", ".r:*"),
            ("x-storage-policy", "Policy-0"),
            ("x-versions-enabled", "True"),
            ("x-container-meta-quota-bytes", "100"),
            ("x-container-meta-team", "%E2%98%83"),
            ("x-container-meta-temp-url-key", "ckey"),
            ("last-modified", "Sun, 06 Dec 2026 08:11:22 GMT"),
        ] {
            h.insert(k, v.parse().unwrap());
        }
        let c = Container::from_headers(&h);
        assert_eq!((c.object_count, c.bytes_used), (Some(3), Some(15)));
        assert_eq!(c.read_acl.as_deref(), Some(".r:*"));
        assert_eq!(c.versions_enabled, Some(true));
        assert_eq!(c.quota_bytes, Some(100));
        assert_eq!(c.metadata.len(), 1);
        assert_eq!(c.temp_url_key.as_ref().map(Secret::expose), Some("ckey"));
        assert!(
            !format!("{c:?}").contains("ckey"),
            "temp URL keys are secrets"
        );
        assert_eq!(c.metadata["team"], "☃");
        assert_eq!(
            c.last_modified.unwrap().to_string(),
            "2026-12-06T08:11:22.000000Z"
        );
    }
}
