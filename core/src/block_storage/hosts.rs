//! Block Storage hosts (`/os-hosts`, admin): the services per host as the old hosts API
//! shows them, and one host's volume and snapshot totals per project.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::hosts;
//! let cinder = client.block_storage();
//! for h in cinder.call(&hosts::list(None)).await? {
//!     if h.service.as_deref() == Some("cinder-volume") {
//!         for r in cinder.call(&hosts::get(&h.host_name)).await? {
//!             println!("{}: {} volumes, {} GiB", r.project, r.volume_count, r.total_volume_gb);
//!         }
//!     }
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::types::flex::flex_u32;
use crate::{path, query, InvalidInput, Op, Timestamp};

/// A service on a host.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostService {
    /// The host (`host@backend` for cinder-volume).
    #[serde(default)]
    pub host_name: String,
    /// The process (`cinder-volume`, …).
    pub service: Option<String>,
    /// Its availability zone.
    pub zone: Option<String>,
    /// `available` or `unavailable` (up or down).
    #[serde(rename = "service-status")]
    pub service_status: Option<String>,
    /// `enabled` or `disabled`.
    #[serde(rename = "service-state")]
    pub service_state: Option<String>,
    /// Last report.
    #[serde(rename = "last-update")]
    pub last_update: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /os-hosts`: every host's services (only `zone`'s, when given).
pub fn list(zone: Option<&str>) -> Op<Vec<HostService>> {
    Op::get(path!("os-hosts"))
        .query(query!(zone: zone))
        .decode_key("hosts")
}

/// One host's totals for one project, or for all (`project` is `(total)`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostResource {
    /// The host.
    #[serde(default)]
    pub host: String,
    /// The project, or `(total)`.
    #[serde(default)]
    pub project: String,
    /// Volumes.
    #[serde(default, deserialize_with = "flex_u32")]
    pub volume_count: u32,
    /// Their size, GiB.
    #[serde(default, deserialize_with = "flex_u32")]
    pub total_volume_gb: u32,
    /// Snapshots.
    #[serde(default, deserialize_with = "flex_u32")]
    pub snapshot_count: u32,
    /// Their size, GiB.
    #[serde(default, deserialize_with = "flex_u32")]
    pub total_snapshot_gb: u32,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct Wrapped {
    resource: HostResource,
}

/// `GET /os-hosts/{host_name}`: the host's totals, first for all projects, then per
/// project (a cinder-volume host).
pub fn get(host_name: &str) -> Op<Vec<HostResource>> {
    Op::get(path!("os-hosts/{}", host_name))
        .check(InvalidInput::require(
            !host_name.is_empty(),
            "host_name",
            "must not be empty",
        ))
        .decode_with(|resp| {
            #[derive(Deserialize)]
            struct Body {
                host: Vec<Wrapped>,
            }
            let body: Body = crate::request::op::decode_json("os-hosts", resp.body())?;
            Ok(body.host.into_iter().map(|w| w.resource).collect())
        })
}
