//! Octavia amphorae (admin): the service VMs of the `amphora` provider. List, get,
//! statistics, failover, configuration refresh and delete. They live under
//! `octavia/amphorae`, beside `lbaas/`.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::amphorae::{self, ListAmphorae};
//! let octavia = client.load_balancer();
//! let amps = octavia
//!     .collect_all(amphorae::list(&ListAmphorae {
//!         loadbalancer_id: Some("8a5623".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! for amp in &amps {
//!     let stats = octavia.call(&amphorae::stats(&amp.id)).await?;
//!     println!("{} {:?}: {} listeners", amp.id, amp.role, stats.len());
//! }
//! octavia.call(&amphorae::failover(&amps[0].id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, HasStatus, List, ListCommon, Op, Paging, Timestamp};

crate::string_enum! {
    /// The lifecycle status of an amphora.
    pub enum AmphoraStatus {
        /// Serving a load balancer.
        Allocated = "ALLOCATED",
        /// Booting.
        Booting = "BOOTING",
        /// Spare, ready for a load balancer.
        Ready = "READY",
        /// Being created.
        PendingCreate = "PENDING_CREATE",
        /// Being deleted.
        PendingDelete = "PENDING_DELETE",
        /// Deleted.
        Deleted = "DELETED",
        /// Failed.
        Error = "ERROR",
        /// Failover stopped by the circuit breaker.
        FailoverStopped = "FAILOVER_STOPPED",
    }
}

crate::string_enum! {
    /// The role of an amphora in its load balancer's topology.
    pub enum AmphoraRole {
        /// Active in an active/standby pair.
        Master = "MASTER",
        /// Standby in an active/standby pair.
        Backup = "BACKUP",
        /// Alone (topology `SINGLE`).
        Standalone = "STANDALONE",
    }
}

/// An amphora.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Amphora {
    /// Id.
    pub id: String,
    /// Load balancer it serves (`load_balancer_id` in some documents).
    #[serde(alias = "load_balancer_id")]
    pub loadbalancer_id: Option<String>,
    /// Compute instance.
    pub compute_id: Option<String>,
    /// Address on the management network.
    pub lb_network_ip: Option<String>,
    /// VRRP address.
    pub vrrp_ip: Option<String>,
    /// VIP address it holds.
    pub ha_ip: Option<String>,
    /// VRRP port.
    pub vrrp_port_id: Option<String>,
    /// VIP port.
    pub ha_port_id: Option<String>,
    /// When its certificate expires.
    pub cert_expiration: Option<Timestamp>,
    /// Its certificate is being rotated (read from a boolean, or `0`/`1` as older
    /// releases answer).
    #[serde(default, deserialize_with = "bool_or_int")]
    pub cert_busy: Option<bool>,
    /// Role.
    pub role: Option<AmphoraRole>,
    /// Status.
    #[serde(default)]
    pub status: AmphoraStatus,
    /// VRRP interface.
    pub vrrp_interface: Option<String>,
    /// VRRP id.
    pub vrrp_id: Option<u32>,
    /// VRRP priority.
    pub vrrp_priority: Option<u32>,
    /// Availability zone of the instance.
    pub cached_zone: Option<String>,
    /// Image it runs.
    pub image_id: Option<String>,
    /// Compute flavor.
    pub compute_flavor: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn bool_or_int<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::Number(n)) => Some(n.as_u64() != Some(0)),
        None | Some(Value::Null) => None,
        Some(other) => {
            return Err(serde::de::Error::custom(format!(
                "cert_busy: expected a boolean or 0/1, got {other}"
            )))
        }
    })
}

impl HasStatus for Amphora {
    const KIND: &'static str = "amphora";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = AmphoraStatus;
    fn status(&self) -> Option<AmphoraStatus> {
        Some(self.status.clone())
    }
}

/// The traffic of one listener on one amphora.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AmphoraStats {
    /// The amphora.
    pub id: String,
    /// The listener.
    pub listener_id: String,
    /// The load balancer.
    pub loadbalancer_id: String,
    /// Open connections.
    pub active_connections: u64,
    /// Bytes received.
    pub bytes_in: u64,
    /// Bytes sent.
    pub bytes_out: u64,
    /// Requests that failed.
    pub request_errors: u64,
    /// Connections handled.
    pub total_connections: u64,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAmphorae {
    /// Id.
    pub id: Option<String>,
    /// Load balancer.
    pub loadbalancer_id: Option<String>,
    /// Compute instance.
    pub compute_id: Option<String>,
    /// Role.
    pub role: Option<AmphoraRole>,
    /// Status.
    pub status: Option<AmphoraStatus>,
    /// Management address.
    pub lb_network_ip: Option<String>,
    /// VRRP address.
    pub vrrp_ip: Option<String>,
    /// VIP address.
    pub ha_ip: Option<String>,
    /// Image.
    pub image_id: Option<String>,
    /// Availability zone.
    pub cached_zone: Option<String>,
    /// Fields, sort, paging, other filters.
    pub common: ListCommon,
}

/// `GET octavia/amphorae` (admin).
pub fn list(filter: &ListAmphorae) -> List<Amphora> {
    let q = query!(
        id: filter.id.as_deref(),
        loadbalancer_id: filter.loadbalancer_id.as_deref(),
        compute_id: filter.compute_id.as_deref(),
        role: filter.role.as_ref().map(|r| r.as_str()),
        status: filter.status.as_ref().map(|s| s.as_str()),
        lb_network_ip: filter.lb_network_ip.as_deref(),
        vrrp_ip: filter.vrrp_ip.as_deref(),
        ha_ip: filter.ha_ip.as_deref(),
        image_id: filter.image_id.as_deref(),
        cached_zone: filter.cached_zone.as_deref(),
    );
    List::new(path!("octavia/amphorae"), "amphorae", Paging::Linked)
        .query(filter.common.apply_joined_sort(q))
}

/// `GET octavia/amphorae/{id}` (admin).
pub fn get(id: &str) -> Op<Amphora> {
    Op::get(path!("octavia/amphorae/{}", id)).decode_key("amphora")
}

/// `GET octavia/amphorae/{id}/stats` (admin): one entry per listener.
pub fn stats(id: &str) -> Op<Vec<AmphoraStats>> {
    Op::get(path!("octavia/amphorae/{}/stats", id)).decode_key("amphora_stats")
}

/// `PUT octavia/amphorae/{id}/failover` (admin; 202): replaces the amphora.
pub fn failover(id: &str) -> Op<()> {
    Op::put(path!("octavia/amphorae/{}/failover", id))
}

/// `PUT octavia/amphorae/{id}/config` (admin; 202; API 2.7): pushes the current
/// configuration to the amphora agent.
pub fn configure(id: &str) -> Op<()> {
    Op::put(path!("octavia/amphorae/{}/config", id))
}

/// `DELETE octavia/amphorae/{id}` (admin; 204; API 2.20): deletes a spare or failed
/// amphora.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("octavia/amphorae/{}", id))
}
