//! Block Storage (Cinder): [`volumes`] and [`snapshots`] (v1, v2 and v3 shapes) and
//! [`actions`] on volumes (`POST /volumes/{id}/action`).
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
pub mod snapshots;
pub mod volumes;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::error::InvalidInput;
use crate::op::Op;
use crate::path;

/// String-to-string metadata of volumes and snapshots.
pub type Metadata = BTreeMap<String, String>;

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

/// A link of a Cinder resource (`self`, `bookmark`, `next`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Target.
    #[serde(default)]
    pub href: String,
    /// Relation.
    #[serde(default)]
    pub rel: Option<String>,
}

pub(crate) use crate::flex::flex_bool;

/// Cinder's metadata values are strings; older releases and extensions may send other
/// scalars, which are kept as their JSON text.
pub(crate) fn flex_metadata<'de, D: Deserializer<'de>>(d: D) -> Result<Metadata, D::Error> {
    let raw = Option::<Map<String, Value>>::deserialize(d)?.unwrap_or_default();
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, v)
        })
        .collect())
}

/// Where metadata lives: `volumes` or `snapshots`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MetadataOf(pub &'static str);

/// One key and its value, as `{"meta": {key: value}}` carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaItem {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

impl<'de> Deserialize<'de> for MetaItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = flex_metadata(d)?;
        let mut it = m.into_iter();
        match (it.next(), it.next()) {
            (Some((key, value)), None) => Ok(MetaItem { key, value }),
            _ => Err(serde::de::Error::custom(
                "expected exactly one metadata item under \"meta\"",
            )),
        }
    }
}

#[derive(Deserialize)]
struct MetadataBody {
    #[serde(deserialize_with = "flex_metadata", default)]
    metadata: Metadata,
}

fn metadata_body(resp: http::Response<bytes::Bytes>) -> crate::Result<Metadata> {
    crate::op::decode_json::<MetadataBody>("metadata response", resp.body()).map(|b| b.metadata)
}

impl MetadataOf {
    fn all(self, id: &str) -> Result<String, InvalidInput> {
        path!("{}/{}/metadata", self.0, id)
    }

    fn key(self, id: &str, key: &str) -> Result<String, InvalidInput> {
        path!("{}/{}/metadata/{}", self.0, id, key)
    }

    /// `GET …/{id}/metadata`.
    pub(crate) fn get(self, id: &str) -> Op<Metadata> {
        Op::get(self.all(id)).decode_with(metadata_body)
    }

    /// `POST …/{id}/metadata`: adds or changes these keys, keeps the others.
    pub(crate) fn merge(self, id: &str, metadata: &Metadata) -> Op<Metadata> {
        Op::post(self.all(id))
            .json_under("metadata", metadata)
            .decode_with(metadata_body)
    }

    /// `PUT …/{id}/metadata`: replaces all metadata.
    pub(crate) fn replace(self, id: &str, metadata: &Metadata) -> Op<Metadata> {
        Op::put(self.all(id))
            .json_under("metadata", metadata)
            .decode_with(metadata_body)
    }

    /// `GET …/{id}/metadata/{key}`.
    pub(crate) fn get_key(self, id: &str, key: &str) -> Op<MetaItem> {
        Op::get(self.key(id, key)).decode_key("meta")
    }

    /// `PUT …/{id}/metadata/{key}`.
    pub(crate) fn set_key(self, id: &str, key: &str, value: &str) -> Op<MetaItem> {
        let body: BTreeMap<&str, &str> = [(key, value)].into_iter().collect();
        Op::put(self.key(id, key))
            .json_under("meta", &body)
            .decode_key("meta")
    }

    /// `DELETE …/{id}/metadata/{key}`.
    pub(crate) fn delete_key(self, id: &str, key: &str) -> Op<()> {
        Op::delete(self.key(id, key))
    }
}

/// `POST {resource}/{id}/action` with `{"<action>": body}`.
pub(crate) fn action<T, B>(resource: &'static str, id: &str, name: &'static str, body: &B) -> Op<T>
where
    T: serde::de::DeserializeOwned,
    B: Serialize + ?Sized,
{
    Op::post(path!("{}/{}/action", resource, id)).json_under(name, body)
}

/// An empty JSON object, the body of argument-less actions (`{"os-reserve": {}}`).
pub(crate) fn empty() -> &'static Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

/// Common filters of Cinder list calls, shared by volumes and snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCommon {
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
    /// `key[:asc|desc][,…]`.
    pub sort: Option<String>,
    /// Legacy sort key (use `sort`).
    pub sort_key: Option<String>,
    /// Legacy sort direction.
    pub sort_dir: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
    /// Skip this many.
    pub offset: Option<u32>,
    /// Also return the total `count` (3.45+; see the `*_page` operations).
    pub with_count: bool,
    /// Other filters (`created_at=gt:…`, `user_id`, …), sent as given.
    pub extra: Vec<(String, String)>,
}

impl ListCommon {
    pub(crate) fn query(&self) -> crate::Query {
        let metadata = (!self.metadata.is_empty())
            .then(|| serde_json::to_string(&self.metadata).unwrap_or_default());
        let mut q = crate::query!(
            all_tenants: self.all_tenants.then_some("True"),
            project_id: self.project_id.as_deref(),
            name: self.name.as_deref(),
            status: self.status.as_deref(),
            metadata: metadata,
            sort: self.sort.as_deref(),
            sort_key: self.sort_key.as_deref(),
            sort_dir: self.sort_dir.as_deref(),
            limit: self.limit,
            marker: self.marker.as_deref(),
            offset: self.offset,
            with_count: self.with_count.then_some("true"),
        );
        for (k, v) in &self.extra {
            q = q.push(k.clone(), v);
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flexible_booleans() {
        #[derive(Deserialize)]
        struct B {
            #[serde(default, deserialize_with = "flex_bool")]
            b: Option<bool>,
        }
        for (s, want) in [
            (r#"{"b": "True"}"#, Some(true)),
            (r#"{"b": "false"}"#, Some(false)),
            (r#"{"b": true}"#, Some(true)),
            (r#"{"b": null}"#, None),
            ("{}", None),
        ] {
            assert_eq!(serde_json::from_str::<B>(s).unwrap().b, want, "{s}");
        }
        assert!(serde_json::from_str::<B>(r#"{"b": "maybe"}"#).is_err());
        assert!(serde_json::from_str::<B>(r#"{"b": [1]}"#).is_err());
    }

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
    fn meta_item_needs_one_key() {
        assert!(serde_json::from_str::<MetaItem>(r#"{"a": "1", "b": "2"}"#).is_err());
        assert!(serde_json::from_str::<MetaItem>("{}").is_err());
        let m: MetaItem = serde_json::from_str(r#"{"a": 5}"#).unwrap();
        assert_eq!((m.key.as_str(), m.value.as_str()), ("a", "5"));
    }

    #[test]
    fn list_query() {
        let q = ListCommon {
            all_tenants: true,
            metadata: [("k".to_string(), "v".to_string())].into_iter().collect(),
            limit: Some(2),
            with_count: true,
            ..Default::default()
        }
        .query();
        let mut url = String::from("x");
        q.append_to(&mut url);
        assert_eq!(
            url,
            "x?all_tenants=True&metadata=%7B%22k%22%3A%22v%22%7D&limit=2&with_count=true"
        );
    }
}
