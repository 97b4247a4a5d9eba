//! Neutron networks (`/v2.0/networks`), with the external (`router:external`), provider
//! (`provider:*`), multi-provider (`segments`), MTU, port security, QoS,
//! availability-zone, DNS and `is_default` attributes.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::networks::{self, CreateNetwork, ListNetworks, UpdateNetwork};
//! use ferrocloud::network::IfRevision;
//! use ferrocloud::ListCommon;
//! use ferrocloud::{Patch, Wait};
//! let neutron = client.network();
//! let net = neutron
//!     .call(&networks::create(&CreateNetwork { name: Some("web".into()), mtu: Some(1400), ..Default::default() }))
//!     .await?;
//! let net = neutron
//!     .wait_for_status(&networks::get(&net.id), &[networks::NetworkStatus::Active], &[networks::NetworkStatus::Error], Wait::default())
//!     .await?;
//! // Rename it, but only if nobody changed it since we read it (412 otherwise).
//! let update = UpdateNetwork { name: Some("web-1".into()), qos_policy_id: Patch::Null, ..Default::default() };
//! neutron.call(&networks::update(&net.id, &update).if_revision(net.revision_number)).await?;
//! neutron.call(&networks::TAGS.add(&net.id, "blue")).await?;
//! let external = neutron
//!     .collect_all(networks::list(&ListNetworks {
//!         router_external: Some(true),
//!         common: ListCommon { limit: Some(50), ..Default::default() },
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron.call(&networks::delete(&net.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::types::flex::flex_bool;
use crate::{query, string_enum, Find, HasStatus, List, ListCommon, Op, Patch, Tags, Timestamp};

string_enum! {
    /// A network's status.
    pub enum NetworkStatus {
        /// Usable.
        Active = "ACTIVE",
        /// Administratively or operationally down.
        Down = "DOWN",
        /// Being built.
        Build = "BUILD",
        /// Failed.
        Error = "ERROR",
    }
}

/// One segment of a multi-provider network (`segments`); also the shape of the
/// single-segment `provider:*` attributes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// `flat`, `vlan`, `vxlan`, `gre`, `geneve`, `local`, …
    #[serde(rename = "provider:network_type")]
    pub network_type: Option<String>,
    /// The physical network it maps to.
    #[serde(rename = "provider:physical_network")]
    pub physical_network: Option<String>,
    /// VLAN id or tunnel id.
    #[serde(rename = "provider:segmentation_id")]
    pub segmentation_id: Option<u32>,
}

/// A network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Network id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Administrative state (`false`: down).
    #[serde(default)]
    pub admin_state_up: bool,
    /// Status.
    #[serde(default)]
    pub status: NetworkStatus,
    /// Shared with every project.
    #[serde(default)]
    pub shared: bool,
    /// Ids of its subnets.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Whether routers may use it as a gateway (`router:external`).
    #[serde(rename = "router:external")]
    pub router_external: Option<bool>,
    /// The default external network (`auto-allocated-topology`).
    pub is_default: Option<bool>,
    /// Provider network type (single-segment networks, admin).
    #[serde(rename = "provider:network_type")]
    pub provider_network_type: Option<String>,
    /// Provider physical network.
    #[serde(rename = "provider:physical_network")]
    pub provider_physical_network: Option<String>,
    /// Provider segmentation id.
    #[serde(rename = "provider:segmentation_id")]
    pub provider_segmentation_id: Option<u32>,
    /// Segments of a multi-provider network.
    #[serde(default)]
    pub segments: Vec<Segment>,
    /// Maximum transmission unit.
    pub mtu: Option<u32>,
    /// Default port security of its ports.
    pub port_security_enabled: Option<bool>,
    /// Attached QoS policy.
    pub qos_policy_id: Option<String>,
    /// Requested availability zones.
    #[serde(default)]
    pub availability_zone_hints: Vec<String>,
    /// Availability zones it is in.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// DNS domain of its ports.
    pub dns_domain: Option<String>,
    /// IPv4 address scope.
    pub ipv4_address_scope: Option<String>,
    /// IPv6 address scope.
    pub ipv6_address_scope: Option<String>,
    /// Whether L2 connectivity spans the whole network.
    pub l2_adjacency: Option<bool>,
    /// VLAN transparency.
    pub vlan_transparent: Option<bool>,
    /// 802.1ad QinQ.
    pub qinq: Option<bool>,
    /// Private VLAN (sent as a string by some releases).
    #[serde(default, deserialize_with = "flex_bool")]
    pub pvlan: Option<bool>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Revision, bumped by each change (see [`IfRevision`](super::IfRevision)).
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

impl HasStatus for Network {
    const KIND: &'static str = "network";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = NetworkStatus;
    fn status(&self) -> Option<NetworkStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`] (one element of [`create_many`]).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateNetwork {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state (default up).
    pub admin_state_up: Option<bool>,
    /// Share with every project (admin).
    pub shared: Option<bool>,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// External network for router gateways (admin).
    #[serde(rename = "router:external")]
    pub router_external: Option<bool>,
    /// Make it the default external network (admin, with `router:external`).
    pub is_default: Option<bool>,
    /// Provider network type (admin).
    #[serde(rename = "provider:network_type")]
    pub provider_network_type: Option<String>,
    /// Provider physical network (admin).
    #[serde(rename = "provider:physical_network")]
    pub provider_physical_network: Option<String>,
    /// Provider segmentation id (admin).
    #[serde(rename = "provider:segmentation_id")]
    pub provider_segmentation_id: Option<u32>,
    /// Multi-provider segments (admin; instead of the `provider_*` fields).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Default port security of its ports.
    pub port_security_enabled: Option<bool>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// Availability zone hints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub availability_zone_hints: Vec<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// VLAN transparency.
    pub vlan_transparent: Option<bool>,
    /// 802.1ad QinQ.
    pub qinq: Option<bool>,
    /// Private VLAN.
    pub pvlan: Option<bool>,
}

/// The body of [`update`]. `None` / [`Patch::Keep`] leave a field as it is; only
/// `qos_policy_id` may be cleared with [`Patch::Null`] (the others are not nullable).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateNetwork {
    /// Name.
    pub name: Option<String>,
    /// Description (`""` clears it).
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Shared.
    pub shared: Option<bool>,
    /// External.
    #[serde(rename = "router:external")]
    pub router_external: Option<bool>,
    /// Default external network.
    pub is_default: Option<bool>,
    /// Provider network type.
    #[serde(rename = "provider:network_type")]
    pub provider_network_type: Option<String>,
    /// Provider physical network.
    #[serde(rename = "provider:physical_network")]
    pub provider_physical_network: Option<String>,
    /// Provider segmentation id.
    #[serde(rename = "provider:segmentation_id")]
    pub provider_segmentation_id: Option<u32>,
    /// Replaces the segments.
    pub segments: Option<Vec<Segment>>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Default port security.
    pub port_security_enabled: Option<bool>,
    /// QoS policy ([`Patch::Null`] detaches it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub qos_policy_id: Patch<String>,
    /// DNS domain (`""` clears it).
    pub dns_domain: Option<String>,
    /// Private VLAN.
    pub pvlan: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNetworks {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    pub status: Option<NetworkStatus>,
    /// Shared.
    pub shared: Option<bool>,
    /// External.
    pub router_external: Option<bool>,
    /// Default external network.
    pub is_default: Option<bool>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Provider network type.
    pub provider_network_type: Option<String>,
    /// Provider physical network.
    pub provider_physical_network: Option<String>,
    /// Provider segmentation id.
    pub provider_segmentation_id: Option<u32>,
    /// Port security default.
    pub port_security_enabled: Option<bool>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// VLAN transparency (`vlan-transparent`).
    pub vlan_transparent: Option<bool>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "networks",
    one: "network",
    many: "networks",
};

/// The tags of networks.
pub const TAGS: Tags = shared::tags("networks");

/// `GET /v2.0/networks`, paged through `networks_links` (one page when the server does
/// not paginate).
pub fn list(f: &ListNetworks) -> List<Network> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        admin_state_up: f.admin_state_up,
        status: f.status.as_ref(),
        shared: f.shared,
        "router:external": f.router_external,
        is_default: f.is_default,
        mtu: f.mtu,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
        "provider:network_type": f.provider_network_type.as_deref(),
        "provider:physical_network": f.provider_physical_network.as_deref(),
        "provider:segmentation_id": f.provider_segmentation_id,
        port_security_enabled: f.port_security_enabled,
        qos_policy_id: f.qos_policy_id.as_deref(),
        vlan_transparent: f.vlan_transparent,
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/networks/{network_id}`.
pub fn get(network_id: &str) -> Op<Network> {
    RESOURCE.get(network_id)
}

/// A network by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Network> {
    RESOURCE.find("network", name_or_id)
}

crate::named!(Network);

/// `POST /v2.0/networks`.
pub fn create(network: &CreateNetwork) -> Op<Network> {
    RESOURCE.create(Ok(()), network)
}

/// `POST /v2.0/networks` with `{"networks": [...]}`: creates them all or none.
pub fn create_many(networks: &[CreateNetwork]) -> Op<Vec<Network>> {
    RESOURCE.create_many(Ok(()), networks)
}

/// `PUT /v2.0/networks/{network_id}` (add [`IfRevision::if_revision`](super::IfRevision)
/// for a conditional update).
pub fn update(network_id: &str, update: &UpdateNetwork) -> Op<Network> {
    RESOURCE.update(network_id, update)
}

/// `DELETE /v2.0/networks/{network_id}` (409 while ports other than the DHCP ports use it).
pub fn delete(network_id: &str) -> Op<()> {
    RESOURCE.delete(network_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn list_query_and_status_fallback() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let req = list(&ListNetworks {
            router_external: Some(true),
            status: Some(NetworkStatus::Active),
            common: ListCommon {
                limit: Some(2),
                ..Default::default()
            },
            ..Default::default()
        })
        .request(&neutron)
        .unwrap();
        assert_eq!(
            req.uri().to_string(),
            "http://h:9696/v2.0/networks?status=ACTIVE&router%3Aexternal=true&limit=2"
        );
        let n: Network =
            serde_json::from_str(r#"{"id": "n", "status": "DEGRADED", "pvlan": "True"}"#).unwrap();
        assert_eq!(n.status, NetworkStatus::Other("DEGRADED".into()));
        assert_eq!(n.pvlan, Some(true));
        assert_eq!(
            HasStatus::status(&n).map(|s| s.to_string()).as_deref(),
            Some("DEGRADED")
        );
    }

    #[test]
    fn update_tri_state() {
        let body = serde_json::to_value(UpdateNetwork {
            qos_policy_id: Patch::Null,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(body, serde_json::json!({"qos_policy_id": null}));
        let keep = serde_json::to_value(UpdateNetwork::default()).unwrap();
        assert_eq!(keep, serde_json::json!({}));
    }
}
