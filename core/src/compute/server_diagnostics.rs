//! Server diagnostics (`GET /servers/{id}/diagnostics`, admin): the hypervisor's view of a
//! server. From 2.48 a standard shape ([`Diagnostics`](crate::compute::server_diagnostics::Diagnostics)); before, whatever the driver
//! reported, as a map.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_diagnostics;
//! let nova = client.compute();
//! let d = nova.call(&server_diagnostics::get("4bf3473b-d550-4b65-9409-292d44ab14a2")).await?;
//! println!("{:?} up {:?} s, {} NICs", d.state, d.uptime, d.nic_details.len());
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op};

/// Diagnostics in the standard shape (2.48).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    /// `pending`, `running`, `paused`, `shutdown`, `crashed`, `suspended`.
    pub state: Option<String>,
    /// The virt driver (`libvirt`, `fake`, …).
    pub driver: Option<String>,
    /// The hypervisor (`kvm`, …).
    pub hypervisor: Option<String>,
    /// The hypervisor's OS.
    pub hypervisor_os: Option<String>,
    /// Seconds since the server started.
    pub uptime: Option<u64>,
    /// Whether it has a config drive.
    pub config_drive: Option<bool>,
    /// vCPUs.
    pub num_cpus: Option<u32>,
    /// Disks.
    pub num_disks: Option<u32>,
    /// NICs.
    pub num_nics: Option<u32>,
    /// Per vCPU.
    #[serde(default)]
    pub cpu_details: Vec<CpuDetail>,
    /// Per disk.
    #[serde(default)]
    pub disk_details: Vec<DiskDetail>,
    /// Per NIC.
    #[serde(default)]
    pub nic_details: Vec<NicDetail>,
    /// Memory.
    pub memory_details: Option<MemoryDetail>,
    /// Other fields, and everything before 2.48.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One vCPU.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CpuDetail {
    /// Index.
    pub id: Option<u32>,
    /// CPU time, ns.
    pub time: Option<u64>,
    /// Use, percent.
    pub utilisation: Option<f64>,
}

/// One disk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskDetail {
    /// Bytes read.
    pub read_bytes: Option<u64>,
    /// Read requests.
    pub read_requests: Option<u64>,
    /// Bytes written.
    pub write_bytes: Option<u64>,
    /// Write requests.
    pub write_requests: Option<u64>,
    /// Errors.
    pub errors_count: Option<i64>,
}

/// One NIC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NicDetail {
    /// MAC address.
    pub mac_address: Option<String>,
    /// Bytes received.
    pub rx_octets: Option<u64>,
    /// Packets received.
    pub rx_packets: Option<u64>,
    /// Receive errors.
    pub rx_errors: Option<u64>,
    /// Received packets dropped.
    pub rx_drop: Option<u64>,
    /// Receive rate.
    pub rx_rate: Option<u64>,
    /// Bytes sent.
    pub tx_octets: Option<u64>,
    /// Packets sent.
    pub tx_packets: Option<u64>,
    /// Send errors.
    pub tx_errors: Option<u64>,
    /// Sent packets dropped.
    pub tx_drop: Option<u64>,
    /// Send rate.
    pub tx_rate: Option<u64>,
}

/// Memory, KiB.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryDetail {
    /// Allowed.
    pub maximum: Option<u64>,
    /// Used.
    pub used: Option<u64>,
}

/// `GET /servers/{server_id}/diagnostics` (admin).
pub fn get(server_id: &str) -> Op<Diagnostics> {
    Op::get(path!("servers/{}/diagnostics", server_id)).decode_body()
}
