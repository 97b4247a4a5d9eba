//! Hypervisors (`/os-hypervisors`, admin): the compute nodes, their capacity and use, the
//! servers on them, and (until 2.88) statistics and uptime. Ids are numbers before 2.53
//! and UUIDs from it (read as text either way); lists page by links from 2.33.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::hypervisors::{self, ListHypervisors};
//! let nova = client.compute().microversion("2.88");
//! let all = nova
//!     .collect_all(hypervisors::list_detail(&ListHypervisors { with_servers: true, ..Default::default() }))
//!     .await?;
//! for h in &all {
//!     println!("{:?} {:?}: {} servers", h.hypervisor_hostname, h.state, h.servers.as_ref().map_or(0, Vec::len));
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::types::flex::flex_id;
use crate::{path, query, List, Op, Paging};

/// A hypervisor (compute node).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hypervisor {
    /// Id: a number before 2.53, a UUID from it.
    #[serde(deserialize_with = "flex_id")]
    pub id: String,
    /// Host name of the node.
    pub hypervisor_hostname: Option<String>,
    /// `up` or `down`.
    pub state: Option<String>,
    /// `enabled` or `disabled`.
    pub status: Option<String>,
    /// The hypervisor (`QEMU`, `fake`, …; detail).
    pub hypervisor_type: Option<String>,
    /// Its version (detail).
    pub hypervisor_version: Option<u64>,
    /// The node's IP (detail).
    pub host_ip: Option<String>,
    /// The CPU: a JSON text before 2.28, an object from it (detail; gone at 2.88).
    pub cpu_info: Option<Value>,
    /// The nova-compute service on it (detail).
    pub service: Option<HypervisorService>,
    /// The servers on it (`with_servers`, or the servers/search calls).
    pub servers: Option<Vec<HypervisorServer>>,
    /// `uptime` output (detail and get from 2.88; the uptime call before).
    pub uptime: Option<String>,
    /// Capacity and use (until 2.88).
    #[serde(flatten)]
    pub capacity: Capacity,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The compute service of a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorService {
    /// Service id (number before 2.53, UUID from it).
    #[serde(deserialize_with = "flex_id")]
    pub id: String,
    /// Service host.
    pub host: Option<String>,
    /// Why it is disabled.
    pub disabled_reason: Option<String>,
}

/// A server on a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorServer {
    /// Server id.
    pub uuid: String,
    /// Server name.
    pub name: Option<String>,
}

/// Capacity and use of a hypervisor, or of all of them ([`Statistics`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    /// vCPUs.
    pub vcpus: Option<i64>,
    /// vCPUs used.
    pub vcpus_used: Option<i64>,
    /// RAM, MiB.
    pub memory_mb: Option<i64>,
    /// RAM used, MiB.
    pub memory_mb_used: Option<i64>,
    /// Free RAM, MiB.
    pub free_ram_mb: Option<i64>,
    /// Disk, GiB.
    pub local_gb: Option<i64>,
    /// Disk used, GiB.
    pub local_gb_used: Option<i64>,
    /// Free disk, GiB.
    pub free_disk_gb: Option<i64>,
    /// Least disk available.
    pub disk_available_least: Option<i64>,
    /// Running tasks.
    pub current_workload: Option<i64>,
    /// Running servers.
    pub running_vms: Option<i64>,
}

/// Totals over every hypervisor (until 2.88).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    /// Hypervisors counted.
    pub count: Option<i64>,
    /// Their capacity and use, summed.
    #[serde(flatten)]
    pub capacity: Capacity,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListHypervisors {
    /// Host names containing this (2.53).
    pub hypervisor_hostname_pattern: Option<String>,
    /// With the servers on each (2.53).
    pub with_servers: bool,
    /// At most this many per page (2.33).
    pub limit: Option<u32>,
    /// Start after this id (2.33).
    pub marker: Option<String>,
}

fn filters(f: &ListHypervisors) -> crate::Query {
    query!(
        hypervisor_hostname_pattern: f.hypervisor_hostname_pattern.as_deref(),
        with_servers: f.with_servers.then_some(true),
        limit: f.limit,
        marker: f.marker.as_deref(),
    )
}

/// `GET /os-hypervisors` (every page).
pub fn list(filter: &ListHypervisors) -> List<Hypervisor> {
    List::new(path!("os-hypervisors"), "hypervisors", Paging::Linked).query(filters(filter))
}

/// `GET /os-hypervisors/detail` (every page).
pub fn list_detail(filter: &ListHypervisors) -> List<Hypervisor> {
    List::new(
        path!("os-hypervisors/detail"),
        "hypervisors",
        Paging::Linked,
    )
    .query(filters(filter))
}

/// `GET /os-hypervisors/{id}`.
pub fn get(id: &str) -> Op<Hypervisor> {
    Op::get(path!("os-hypervisors/{}", id)).decode_key("hypervisor")
}

/// `GET /os-hypervisors/{id}?with_servers=true` (2.53).
pub fn get_with_servers(id: &str) -> Op<Hypervisor> {
    get(id).query(query!(with_servers: Some(true)))
}

/// `GET /os-hypervisors/statistics` (until 2.88).
pub fn statistics() -> Op<Statistics> {
    Op::get(path!("os-hypervisors/statistics")).decode_key("hypervisor_statistics")
}

/// `GET /os-hypervisors/{id}/uptime` (until 2.88; from it, [`get`] carries `uptime`).
pub fn uptime(id: &str) -> Op<Hypervisor> {
    Op::get(path!("os-hypervisors/{}/uptime", id)).decode_key("hypervisor")
}

/// `GET /os-hypervisors/{pattern}/search` (until 2.53; then [`list`] with
/// `hypervisor_hostname_pattern`).
pub fn search(pattern: &str) -> Op<Vec<Hypervisor>> {
    Op::get(path!("os-hypervisors/{}/search", pattern)).decode_key("hypervisors")
}

/// `GET /os-hypervisors/{pattern}/servers` (until 2.53; then `with_servers`).
pub fn servers(pattern: &str) -> Op<Vec<Hypervisor>> {
    Op::get(path!("os-hypervisors/{}/servers", pattern)).decode_key("hypervisors")
}
