//! Block Storage clusters (`/clusters`, microversion 3.7+, admin): the groups of
//! cinder-volume services that serve the same backends in active-active; list (summary
//! or detail, with filters), get, enable and disable.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::clusters::{self, ListClusters};
//! let cinder = client.block_storage();
//! let down = ListClusters { is_up: Some(false), ..Default::default() };
//! for c in cinder.call(&clusters::list_detail(&down)).await? {
//!     println!("{} ({}): {:?} of {:?} hosts down", c.name, c.binary, c.num_down_hosts, c.num_hosts);
//!     cinder.call(&clusters::disable(&c.name, &c.binary, Some("all hosts down"))).await?;
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::blank_time;
use super::services::{ServiceState, ServiceStatus};
use crate::{path, query, InvalidInput, Op, Timestamp};

/// The microversion of every call here.
pub const MICROVERSION: &str = "3.7";

/// A cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The process its services run (`cinder-volume`).
    #[serde(default)]
    pub binary: String,
    /// Up when one of its services is.
    pub state: Option<ServiceState>,
    /// Enabled or disabled.
    pub status: Option<ServiceStatus>,
    /// Why it is disabled.
    pub disabled_reason: Option<String>,
    /// Its services (detail).
    pub num_hosts: Option<u32>,
    /// Of which down (detail).
    pub num_down_hosts: Option<u32>,
    /// The last report of one of its services (detail; Cinder sends `""` for none).
    #[serde(default, deserialize_with = "blank_time")]
    pub last_heartbeat: Option<Timestamp>,
    /// Created (detail).
    pub created_at: Option<Timestamp>,
    /// Updated (detail).
    pub updated_at: Option<Timestamp>,
    /// Replication status (3.26+).
    pub replication_status: Option<String>,
    /// Frozen (3.26+).
    pub frozen: Option<bool>,
    /// The backend it failed over to (3.26+).
    pub active_backend_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListClusters {
    /// Only this name.
    pub name: Option<String>,
    /// Only this process.
    pub binary: Option<String>,
    /// Only up (or down) clusters.
    pub is_up: Option<bool>,
    /// Only disabled (or enabled) clusters.
    pub disabled: Option<bool>,
    /// Only clusters of this many services.
    pub num_hosts: Option<u32>,
    /// Only clusters with this many services down.
    pub num_down_hosts: Option<u32>,
}

fn list_at(path: Result<String, InvalidInput>, f: &ListClusters) -> Op<Vec<Cluster>> {
    let b = |v: Option<bool>| v.map(|v| if v { "true" } else { "false" });
    Op::get(path)
        .microversion(MICROVERSION)
        .query(query!(
            name: f.name.as_deref(),
            binary: f.binary.as_deref(),
            is_up: b(f.is_up),
            disabled: b(f.disabled),
            num_hosts: f.num_hosts,
            num_down_hosts: f.num_down_hosts,
        ))
        .decode_key("clusters")
}

/// `GET /clusters`: names, binaries, states and statuses (one page).
pub fn list(filter: &ListClusters) -> Op<Vec<Cluster>> {
    list_at(path!("clusters"), filter)
}

/// `GET /clusters/detail`: with host counts, heartbeat and times (one page).
pub fn list_detail(filter: &ListClusters) -> Op<Vec<Cluster>> {
    list_at(path!("clusters/detail"), filter)
}

/// `GET /clusters/{name}` (of `binary`, `cinder-volume` when `None`).
pub fn get(name: &str, binary: Option<&str>) -> Op<Cluster> {
    Op::get(path!("clusters/{}", name))
        .microversion(MICROVERSION)
        .query(query!(binary: binary))
        .decode_key("cluster")
}

#[serde_with::skip_serializing_none]
#[derive(Serialize)]
struct Change<'a> {
    name: &'a str,
    binary: &'a str,
    disabled_reason: Option<&'a str>,
}

fn change(action: &str, body: &Change<'_>) -> Op<Cluster> {
    Op::put(path!("clusters/{}", action))
        .microversion(MICROVERSION)
        .check(InvalidInput::require(
            !body.name.is_empty(),
            "name",
            "must not be empty",
        ))
        .json(body)
        .decode_key("cluster")
}

/// `PUT /clusters/enable`.
pub fn enable(name: &str, binary: &str) -> Op<Cluster> {
    let body = Change {
        name,
        binary,
        disabled_reason: None,
    };
    change("enable", &body)
}

/// `PUT /clusters/disable`, with an optional reason.
pub fn disable(name: &str, binary: &str, reason: Option<&str>) -> Op<Cluster> {
    let body = Change {
        name,
        binary,
        disabled_reason: reason,
    };
    change("disable", &body)
}
