//! Block Storage (Cinder): [`volumes`] and [`snapshots`] (v1, v2 and v3 shapes),
//! [`actions`] on volumes (`POST /volumes/{id}/action`), [`limits`], [`quota_sets`],
//! [`availability_zones`], [`volume_types`], per-project [`default_types`], [`backups`],
//! volume [`transfers`] between projects, new-style [`attachments`] (3.27+),
//! [`qos_specs`], [`quota_classes`], user [`messages`] (3.3+), [`group_types`] (3.11+)
//! and volume [`groups`] with their snapshots; for operators, the [`services`], the
//! scheduler's back-end pools ([`scheduler_stats`]), the list filters the cloud accepts
//! ([`resource_filters`], 3.33), [`manageable`] volumes and snapshots (list what a
//! backend holds, manage it), a backend's [`capabilities`], the old per-host view
//! ([`hosts`]), [`clusters`] (3.7) and the cleanup of a dead service's resources
//! ([`workers`], 3.24).
//!
//! Cinder's API versions (`GET /`, gophercloud's `apiversions.List`) and the microversion
//! range of v3 (`GET /v3/`) are read with the shared
//! [`version::discover_all`](crate::version::discover_all) and
//! [`version::discover`](crate::version::discover) on the block-storage service;
//! [`Service::negotiate`](crate::Service::negotiate) picks the highest microversion both
//! sides know.
//!
//! The catalog's `block-storage` / `volumev3` endpoint is
//! `http://host:8776/v3/{project_id}`. Paths here are relative to it, so the same
//! operations serve v2 (`/v2/{project_id}`) and, where the shapes agree, v1: point the
//! service at the other version with [`versioned_endpoint`] and
//! [`Service::endpoint_override`](crate::Service::endpoint_override). From microversion
//! 3.67 Cinder also serves URLs without the project id; [`project_less`] builds that
//! endpoint.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::{self, ApiVersion};
//! let cinder = client.block_storage();
//! let endpoint = cinder.service_client().await?.endpoint().to_owned();
//! // Block Storage v2 of the same cloud:
//! let v2 = client
//!     .block_storage()
//!     .endpoint_override(block_storage::versioned_endpoint(&endpoint, ApiVersion::V2)?);
//! // v3.67+ without the project id in URLs:
//! let bare = client
//!     .block_storage()
//!     .microversion("3.67")
//!     .endpoint_override(block_storage::project_less(&endpoint)?);
//! # Ok(()) }
//! ```

pub mod actions;
pub mod attachments;
pub mod availability_zones;
pub mod backups;
pub mod capabilities;
pub mod clusters;
pub mod default_types;
pub mod group_types;
pub mod groups;
pub mod hosts;
pub mod limits;
pub mod manageable;
pub mod messages;
pub mod qos_specs;
pub mod quota_classes;
pub mod quota_sets;
pub mod resource_filters;
pub mod scheduler_stats;
pub mod services;
pub mod snapshots;
pub mod transfers;
pub mod volume_types;
pub mod volumes;
pub mod workers;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::{path, InvalidInput, Link, Metadata, Op};

pub(crate) use crate::types::metadata::{flex_metadata, MetadataOf};

/// The Block Storage API version a request speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// The old v1 API: `display_name` / `display_description`.
    V1,
    /// The removed v2 API (same shapes as v3.0).
    V2,
    /// v3, with microversions.
    #[default]
    V3,
}

impl ApiVersion {
    /// The URL segment (`v1`, `v2`, `v3`).
    pub fn segment(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1",
            ApiVersion::V2 => "v2",
            ApiVersion::V3 => "v3",
        }
    }
}

fn bad_endpoint(endpoint: &str) -> InvalidInput {
    InvalidInput::field(
        "endpoint",
        format!("{endpoint:?} is not a Block Storage URL with a /v1, /v2 or /v3 segment"),
    )
}

/// `endpoint` (a Block Storage URL such as `http://h:8776/v3/{project_id}`) with its
/// version segment replaced by `version`'s.
///
/// ```
/// use ferrocloud::block_storage::{versioned_endpoint, ApiVersion};
/// let v2 = versioned_endpoint("http://h:8776/v3/0c2eba", ApiVersion::V2).unwrap();
/// assert_eq!(v2, "http://h:8776/v2/0c2eba");
/// ```
pub fn versioned_endpoint(endpoint: &str, version: ApiVersion) -> Result<String, InvalidInput> {
    let mut url = url::Url::parse(endpoint).map_err(|_| bad_endpoint(endpoint))?;
    let segs: Vec<String> = url
        .path_segments()
        .map(|s| s.map(str::to_owned).collect())
        .unwrap_or_default();
    let at = segs
        .iter()
        .position(|s| matches!(s.as_str(), "v1" | "v2" | "v3"))
        .ok_or_else(|| bad_endpoint(endpoint))?;
    let mut segs = segs;
    segs[at] = version.segment().to_owned();
    url.set_path(&segs.join("/"));
    Ok(url.into())
}

/// `endpoint` without the project id after its version segment, for microversion 3.67
/// and later (`http://h:8776/v3/{project_id}` → `http://h:8776/v3`).
///
/// ```
/// use ferrocloud::block_storage::project_less;
/// assert_eq!(project_less("http://h:8776/v3/0c2eba").unwrap(), "http://h:8776/v3");
/// assert_eq!(project_less("http://h/volume/v3/0c2eba/").unwrap(), "http://h/volume/v3");
/// assert_eq!(project_less("http://h:8776/v3").unwrap(), "http://h:8776/v3");
/// ```
pub fn project_less(endpoint: &str) -> Result<String, InvalidInput> {
    let mut url = url::Url::parse(endpoint).map_err(|_| bad_endpoint(endpoint))?;
    let segs: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    let at = segs
        .iter()
        .position(|s| matches!(s.as_str(), "v1" | "v2" | "v3"))
        .ok_or_else(|| bad_endpoint(endpoint))?;
    url.set_path(&segs[..=at].join("/"));
    Ok(url.into())
}

pub(crate) use crate::types::flex::flex_bool;

/// A time that Cinder sends as `""` while unset (attachments, clusters).
pub(crate) fn blank_time<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<crate::Timestamp>, D::Error> {
    use serde::Deserialize;
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// `POST {resource}/{id}/action` with `{"<action>": body}`.
pub(crate) fn action<B: Serialize + ?Sized>(
    resource: &'static str,
    id: &str,
    name: &'static str,
    body: &B,
) -> Op<()> {
    Op::action(path!("{}/{}/action", resource, id), name, body)
}

/// An empty JSON object, the body of argument-less actions (`{"os-reserve": {}}`).
pub(crate) fn empty() -> &'static Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

/// How Cinder spells [`ListCommon`](crate::ListCommon): sort as `sort=key:dir,…`; no
/// field selection, backward paging or tag filters.
pub(crate) const LIST_STYLE: ListStyle = ListStyle {
    service: "Cinder",
    sort: SortStyle::Joined,
    tags: TagStyle::None,
    fields: false,
    page_reverse: false,
};

/// The filters Cinder's volume, snapshot and backup lists share (their sorting and
/// paging are in each list's `common`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// All projects (admin only).
    pub all_tenants: bool,
    /// Only this project's (with `all_tenants`).
    pub project_id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Metadata that must match (sent as the `metadata` JSON filter).
    pub metadata: Metadata,
    /// Skip this many.
    pub offset: Option<u32>,
    /// Also return the total `count` (3.45+; see the `*_page` operations).
    pub with_count: bool,
}

impl ListFilter {
    /// These filters, a list's `own`, then `common` as Cinder spells it, on `list`; a
    /// parameter Cinder does not have is refused before any I/O.
    pub(crate) fn list<T>(
        &self,
        common: &crate::ListCommon,
        list: crate::List<T>,
        own: crate::Query,
    ) -> crate::List<T> {
        list.check(LIST_STYLE.check(common))
            .query(LIST_STYLE.encode(common, self.with(own)))
    }

    /// The same for one page read whole (`volumes::list_detail_page`).
    pub(crate) fn page<T>(
        &self,
        common: &crate::ListCommon,
        op: crate::Op<T>,
        own: crate::Query,
    ) -> crate::Op<T> {
        op.check(LIST_STYLE.check(common))
            .query(LIST_STYLE.encode(common, self.with(own)))
    }

    fn with(&self, own: crate::Query) -> crate::Query {
        own.pairs()
            .iter()
            .fold(self.query(), |q, (k, v)| q.push(k.clone(), v))
    }

    fn query(&self) -> crate::Query {
        let metadata = (!self.metadata.is_empty())
            .then(|| serde_json::to_string(&self.metadata).unwrap_or_default());
        crate::query!(
            all_tenants: self.all_tenants.then_some("True"),
            project_id: self.project_id.as_deref(),
            name: self.name.as_deref(),
            status: self.status.as_deref(),
            metadata: metadata,
            offset: self.offset,
            with_count: self.with_count.then_some("true"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert!(versioned_endpoint("http://h:8776/", ApiVersion::V2).is_err());
        assert!(project_less("not a url").is_err());
        assert_eq!(
            versioned_endpoint("http://h/volume/v3/p", ApiVersion::V1).unwrap(),
            "http://h/volume/v1/p"
        );
    }

    #[test]
    fn list_query() {
        let q = ListFilter {
            all_tenants: true,
            metadata: [("k".to_string(), "v".to_string())].into_iter().collect(),
            with_count: true,
            ..Default::default()
        }
        .query();
        let mut url = String::from("x");
        q.append_to(&mut url);
        assert_eq!(
            url,
            "x?all_tenants=True&metadata=%7B%22k%22%3A%22v%22%7D&with_count=true"
        );
    }
}
