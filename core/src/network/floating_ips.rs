//! Neutron floating IPs (`/v2.0/floatingips`): created on an external network,
//! associated with a port and disassociated through update (`port_id` set / `null`),
//! plus the floating IP pools.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::floating_ips::{self, CreateFloatingIp, ListFloatingIps};
//! use ferrocloud::Wait;
//! let neutron = client.network();
//! let fip = neutron
//!     .call(&floating_ips::create(&CreateFloatingIp::on("public-net-id")))
//!     .await?;
//! neutron.call(&floating_ips::associate(&fip.id, "port-id")).await?;
//! neutron
//!     .wait_for_status(&floating_ips::get(&fip.id), &[floating_ips::FloatingIpStatus::Active], &[floating_ips::FloatingIpStatus::Error], Wait::default())
//!     .await?;
//! let on_port = neutron
//!     .collect_all(floating_ips::list(&ListFloatingIps { port_id: Some("port-id".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&floating_ips::disassociate(&fip.id)).await?;
//! neutron.call(&floating_ips::delete(&fip.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{
    path, query, string_enum, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Patch, Tags,
    Timestamp,
};

string_enum! {
    /// A floating IP's status.
    pub enum FloatingIpStatus {
        /// Associated and working.
        Active = "ACTIVE",
        /// Not associated.
        Down = "DOWN",
        /// Failed.
        Error = "ERROR",
    }
}

/// The port a floating IP is associated with, as the `fip-port-details` extension shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortDetails {
    /// Port name.
    pub name: String,
    /// Port network.
    pub network_id: String,
    /// Port MAC.
    pub mac_address: String,
    /// Port administrative state.
    pub admin_state_up: bool,
    /// Port status.
    pub status: String,
    /// Device id.
    pub device_id: String,
    /// Device owner.
    pub device_owner: String,
}

/// A port forwarding of a floating IP, as embedded in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortForwarding {
    /// Id.
    pub id: String,
    /// `tcp`, `udp`, …
    pub protocol: String,
    /// Internal address.
    pub internal_ip_address: String,
    /// Internal port number.
    pub internal_port: Option<u16>,
    /// Internal Neutron port.
    pub internal_port_id: String,
    /// External port number.
    pub external_port: Option<u16>,
    /// Other fields (port ranges, description).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A floating IP.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FloatingIp {
    /// Floating IP id.
    pub id: String,
    /// The public address.
    #[serde(default)]
    pub floating_ip_address: String,
    /// The external network it comes from.
    #[serde(default)]
    pub floating_network_id: String,
    /// The associated port (`None`: not associated).
    pub port_id: Option<String>,
    /// The port's fixed address it maps to.
    pub fixed_ip_address: Option<String>,
    /// The router doing the NAT.
    pub router_id: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: FloatingIpStatus,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// The associated port's details.
    pub port_details: Option<PortDetails>,
    /// Port forwardings.
    #[serde(default)]
    pub port_forwardings: Vec<PortForwarding>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// QoS policy inherited from the network.
    pub qos_network_policy_id: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Revision.
    #[serde(default)]
    pub revision_number: u64,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for FloatingIp {
    const KIND: &'static str = "floating IP";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = FloatingIpStatus;
    fn status(&self) -> Option<FloatingIpStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`]; start from [`CreateFloatingIp::on`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFloatingIp {
    /// The external network (required).
    pub floating_network_id: String,
    /// Associate with this port right away.
    pub port_id: Option<String>,
    /// Take the address from this subnet of the external network.
    pub subnet_id: Option<String>,
    /// Which of the port's fixed addresses to map (when it has several).
    pub fixed_ip_address: Option<String>,
    /// A specific public address (admin by default policy).
    pub floating_ip_address: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// Owner (admin).
    pub project_id: Option<String>,
}

impl CreateFloatingIp {
    /// A floating IP from external network `floating_network_id`.
    pub fn on(floating_network_id: &str) -> Self {
        CreateFloatingIp {
            floating_network_id: floating_network_id.into(),
            ..Default::default()
        }
    }
}

/// The body of [`update`]: `port_id` [`Patch::Set`] associates, [`Patch::Null`]
/// disassociates, [`Patch::Keep`] leaves the association alone; `qos_policy_id` is
/// cleared with [`Patch::Null`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFloatingIp {
    /// Association.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub port_id: Patch<String>,
    /// Which fixed address of the port to map.
    pub fixed_ip_address: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// QoS policy.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub qos_policy_id: Patch<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFloatingIps {
    /// Exact id.
    pub id: Option<String>,
    /// Public address.
    pub floating_ip_address: Option<String>,
    /// External network.
    pub floating_network_id: Option<String>,
    /// Associated port.
    pub port_id: Option<String>,
    /// Mapped fixed address.
    pub fixed_ip_address: Option<String>,
    /// Router.
    pub router_id: Option<String>,
    /// Status.
    pub status: Option<FloatingIpStatus>,
    /// Description.
    pub description: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

/// A subnet floating IPs can come from (`GET /v2.0/floatingip_pools`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FloatingIpPool {
    /// The subnet.
    pub subnet_id: String,
    /// Its name.
    pub subnet_name: String,
    /// Its CIDR.
    pub cidr: String,
    /// Its (external) network.
    pub network_id: String,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "floatingips",
    one: "floatingip",
    many: "floatingips",
};

/// The tags of floating IPs.
pub const TAGS: Tags = shared::tags("floatingips");

/// `GET /v2.0/floatingips`, paged through `floatingips_links`.
pub fn list(f: &ListFloatingIps) -> List<FloatingIp> {
    let q = query!(
        id: f.id.as_deref(),
        floating_ip_address: f.floating_ip_address.as_deref(),
        floating_network_id: f.floating_network_id.as_deref(),
        port_id: f.port_id.as_deref(),
        fixed_ip_address: f.fixed_ip_address.as_deref(),
        router_id: f.router_id.as_deref(),
        status: f.status.as_ref(),
        description: f.description.as_deref(),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/floatingips/{floatingip_id}`.
pub fn get(floatingip_id: &str) -> Op<FloatingIp> {
    RESOURCE.get(floatingip_id)
}

/// `POST /v2.0/floatingips`.
pub fn create(fip: &CreateFloatingIp) -> Op<FloatingIp> {
    let checked = if fip.floating_network_id.is_empty() {
        Err(InvalidInput::field(
            "floating_network_id",
            "a floating IP needs an external network",
        ))
    } else {
        Ok(())
    };
    RESOURCE.create(checked, fip)
}

/// `PUT /v2.0/floatingips/{floatingip_id}`.
pub fn update(floatingip_id: &str, update: &UpdateFloatingIp) -> Op<FloatingIp> {
    RESOURCE.update(floatingip_id, update)
}

/// Associates the floating IP with `port_id` (an [`update`] setting `port_id`).
pub fn associate(floatingip_id: &str, port_id: &str) -> Op<FloatingIp> {
    update(
        floatingip_id,
        &UpdateFloatingIp {
            port_id: Patch::Set(port_id.into()),
            ..Default::default()
        },
    )
}

/// Disassociates the floating IP (an [`update`] with `"port_id": null`).
pub fn disassociate(floatingip_id: &str) -> Op<FloatingIp> {
    update(
        floatingip_id,
        &UpdateFloatingIp {
            port_id: Patch::Null,
            ..Default::default()
        },
    )
}

/// `DELETE /v2.0/floatingips/{floatingip_id}`.
pub fn delete(floatingip_id: &str) -> Op<()> {
    RESOURCE.delete(floatingip_id)
}

/// `GET /v2.0/floatingip_pools` (one page).
pub fn pools() -> List<FloatingIpPool> {
    List::new(
        path!("floatingip_pools"),
        "floatingip_pools",
        Paging::Single,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn associate_and_disassociate_bodies() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let body = |op: Op<FloatingIp>| -> Value {
            serde_json::from_slice(op.request(&neutron).unwrap().body()).unwrap()
        };
        assert_eq!(
            body(associate("f", "p")),
            serde_json::json!({"floatingip": {"port_id": "p"}})
        );
        assert_eq!(
            body(disassociate("f")),
            serde_json::json!({"floatingip": {"port_id": null}})
        );
        assert_eq!(
            body(update("f", &UpdateFloatingIp::default())),
            serde_json::json!({"floatingip": {}})
        );
        assert!(create(&CreateFloatingIp::default())
            .request(&neutron)
            .is_err());
    }
}
