//! Neutron subnets (`/v2.0/subnets`): allocation pools, host routes, DNS name servers,
//! IPv6 address and router-advertisement modes, subnet pools and segments.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::subnets::{self, AllocationPool, CreateSubnet, ListSubnets, UpdateSubnet};
//! use ferrocloud::Patch;
//! let neutron = client.network();
//! let subnet = neutron
//!     .call(&subnets::create(&CreateSubnet {
//!         name: Some("web".into()),
//!         allocation_pools: vec![AllocationPool { start: "10.0.0.10".into(), end: "10.0.0.99".into() }],
//!         dns_nameservers: vec!["192.0.2.53".into()],
//!         ..CreateSubnet::new("net-id", 4, "10.0.0.0/24")
//!     }))
//!     .await?;
//! // Take the gateway away: `null`, not "leave as is".
//! neutron
//!     .call(&subnets::update(&subnet.id, &UpdateSubnet { gateway_ip: Patch::Null, ..Default::default() }))
//!     .await?;
//! let on_net = neutron
//!     .collect_all(subnets::list(&ListSubnets { network_id: Some("net-id".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&subnets::delete(&subnet.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, string_enum, Find, InvalidInput, List, ListCommon, Op, Patch, Tags, Timestamp};

string_enum! {
    /// An IPv6 address mode (`ipv6_address_mode`) or router-advertisement mode (`ipv6_ra_mode`).
    pub enum Ipv6Mode {
        /// Stateless address autoconfiguration.
        Slaac = "slaac",
        /// Stateful DHCPv6.
        Dhcpv6Stateful = "dhcpv6-stateful",
        /// Stateless DHCPv6.
        Dhcpv6Stateless = "dhcpv6-stateless",
    }
}

/// A range of addresses handed out to ports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationPool {
    /// First address.
    pub start: String,
    /// Last address.
    pub end: String,
}

/// A static route pushed to hosts by DHCP.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRoute {
    /// Destination CIDR.
    pub destination: String,
    /// Next hop.
    pub nexthop: String,
}

/// A subnet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    /// Subnet id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Its network.
    #[serde(default)]
    pub network_id: String,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: u8,
    /// The CIDR.
    pub cidr: Option<String>,
    /// Gateway (`None`: no gateway).
    pub gateway_ip: Option<String>,
    /// DHCP on.
    #[serde(default)]
    pub enable_dhcp: bool,
    /// DNS name servers.
    #[serde(default)]
    pub dns_nameservers: Vec<String>,
    /// Allocation pools.
    #[serde(default)]
    pub allocation_pools: Vec<AllocationPool>,
    /// Host routes.
    #[serde(default)]
    pub host_routes: Vec<HostRoute>,
    /// IPv6 address mode.
    pub ipv6_address_mode: Option<Ipv6Mode>,
    /// IPv6 router-advertisement mode.
    pub ipv6_ra_mode: Option<Ipv6Mode>,
    /// The subnet pool it was allocated from.
    pub subnetpool_id: Option<String>,
    /// The segment it is on (routed networks).
    pub segment_id: Option<String>,
    /// Service types (`network:floatingip`, …) allowed to take addresses from it.
    #[serde(default)]
    pub service_types: Vec<String>,
    /// Publish fixed IPs in DNS.
    pub dns_publish_fixed_ip: Option<bool>,
    /// Whether its network is external.
    #[serde(rename = "router:external")]
    pub router_external: Option<bool>,
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

/// The body of [`create`] (one element of [`create_many`]). Start from
/// [`CreateSubnet::new`] (or give `subnetpool_id` / `use_default_subnetpool` instead of
/// a `cidr`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSubnet {
    /// The network (required).
    pub network_id: String,
    /// 4 or 6 (required).
    pub ip_version: u8,
    /// The CIDR (required unless a subnet pool allocates it).
    pub cidr: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Gateway: [`Patch::Keep`] lets Neutron pick the first address, [`Patch::Null`]
    /// creates the subnet without a gateway.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub gateway_ip: Patch<String>,
    /// DHCP on (default true).
    pub enable_dhcp: Option<bool>,
    /// Allocation pools (default: the whole CIDR but the gateway).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allocation_pools: Vec<AllocationPool>,
    /// DNS name servers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_nameservers: Vec<String>,
    /// Host routes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub host_routes: Vec<HostRoute>,
    /// IPv6 address mode.
    pub ipv6_address_mode: Option<Ipv6Mode>,
    /// IPv6 RA mode.
    pub ipv6_ra_mode: Option<Ipv6Mode>,
    /// Allocate the CIDR from this subnet pool.
    pub subnetpool_id: Option<String>,
    /// Allocate from the default subnet pool.
    pub use_default_subnetpool: Option<bool>,
    /// Prefix length of a pool allocation.
    pub prefixlen: Option<u8>,
    /// Segment (routed networks).
    pub segment_id: Option<String>,
    /// Service types.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<String>,
    /// Publish fixed IPs in DNS.
    pub dns_publish_fixed_ip: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
}

impl CreateSubnet {
    /// A subnet of `network_id` with `cidr`; everything else default.
    pub fn new(network_id: &str, ip_version: u8, cidr: &str) -> Self {
        CreateSubnet {
            network_id: network_id.into(),
            ip_version,
            cidr: Some(cidr.into()),
            ..Default::default()
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.network_id.is_empty() {
            return Err(InvalidInput::field(
                "network_id",
                "a subnet needs a network",
            ));
        }
        if !matches!(self.ip_version, 4 | 6) {
            return Err(InvalidInput::field(
                "ip_version",
                format!("{} is neither 4 nor 6", self.ip_version),
            ));
        }
        let pooled = self.subnetpool_id.is_some() || self.use_default_subnetpool == Some(true);
        if self.cidr.is_none() && !pooled {
            return Err(InvalidInput::field(
                "cidr",
                "give a cidr, a subnetpool_id or use_default_subnetpool",
            ));
        }
        Ok(())
    }
}

/// The body of [`update`]. `gateway_ip` and `segment_id` are tri-state ([`Patch::Null`]
/// removes the gateway / detaches the segment); lists given as `Some(vec![])` are
/// emptied; `None` leaves a field as it is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSubnet {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Gateway.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub gateway_ip: Patch<String>,
    /// DHCP on.
    pub enable_dhcp: Option<bool>,
    /// Replaces the allocation pools.
    pub allocation_pools: Option<Vec<AllocationPool>>,
    /// Replaces the DNS name servers.
    pub dns_nameservers: Option<Vec<String>>,
    /// Replaces the host routes.
    pub host_routes: Option<Vec<HostRoute>>,
    /// Segment.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub segment_id: Patch<String>,
    /// Replaces the service types.
    pub service_types: Option<Vec<String>>,
    /// Publish fixed IPs in DNS.
    pub dns_publish_fixed_ip: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSubnets {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Network.
    pub network_id: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<u8>,
    /// CIDR.
    pub cidr: Option<String>,
    /// Gateway.
    pub gateway_ip: Option<String>,
    /// DHCP on.
    pub enable_dhcp: Option<bool>,
    /// IPv6 address mode.
    pub ipv6_address_mode: Option<Ipv6Mode>,
    /// IPv6 RA mode.
    pub ipv6_ra_mode: Option<Ipv6Mode>,
    /// Subnet pool.
    pub subnetpool_id: Option<String>,
    /// Segment.
    pub segment_id: Option<String>,
    /// Publishes fixed IPs in DNS.
    pub dns_publish_fixed_ip: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "subnets",
    one: "subnet",
    many: "subnets",
};

/// The tags of subnets.
pub const TAGS: Tags = shared::tags("subnets");

/// `GET /v2.0/subnets`, paged through `subnets_links`.
pub fn list(f: &ListSubnets) -> List<Subnet> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        network_id: f.network_id.as_deref(),
        ip_version: f.ip_version,
        cidr: f.cidr.as_deref(),
        gateway_ip: f.gateway_ip.as_deref(),
        enable_dhcp: f.enable_dhcp,
        ipv6_address_mode: f.ipv6_address_mode.as_ref(),
        ipv6_ra_mode: f.ipv6_ra_mode.as_ref(),
        subnetpool_id: f.subnetpool_id.as_deref(),
        segment_id: f.segment_id.as_deref(),
        dns_publish_fixed_ip: f.dns_publish_fixed_ip,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/subnets/{subnet_id}`.
pub fn get(subnet_id: &str) -> Op<Subnet> {
    RESOURCE.get(subnet_id)
}

/// A subnet by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Subnet> {
    RESOURCE.find("subnet", name_or_id)
}

crate::named!(Subnet);

/// `POST /v2.0/subnets`. The network, IP version and CIDR (or pool) are checked first.
pub fn create(subnet: &CreateSubnet) -> Op<Subnet> {
    RESOURCE.create(subnet.validate(), subnet)
}

/// `POST /v2.0/subnets` with `{"subnets": [...]}`: creates them all or none.
pub fn create_many(subnets: &[CreateSubnet]) -> Op<Vec<Subnet>> {
    RESOURCE.create_many(subnets.iter().try_for_each(CreateSubnet::validate), subnets)
}

/// `PUT /v2.0/subnets/{subnet_id}`.
pub fn update(subnet_id: &str, update: &UpdateSubnet) -> Op<Subnet> {
    RESOURCE.update(subnet_id, update)
}

/// `DELETE /v2.0/subnets/{subnet_id}` (409 while ports hold addresses on it).
pub fn delete(subnet_id: &str) -> Op<()> {
    RESOURCE.delete(subnet_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn validation_and_gateway_tri_state() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        for bad in [
            CreateSubnet::new("", 4, "10.0.0.0/24"),
            CreateSubnet::new("n", 5, "10.0.0.0/24"),
            CreateSubnet {
                cidr: None,
                ..CreateSubnet::new("n", 4, "x")
            },
        ] {
            assert!(matches!(
                create(&bad).request(&neutron),
                Err(Error::InvalidInput(_))
            ));
            assert!(create_many(&[bad]).request(&neutron).is_err());
        }
        let pooled = CreateSubnet {
            cidr: None,
            use_default_subnetpool: Some(true),
            gateway_ip: Patch::Null,
            ..CreateSubnet::new("n", 6, "x")
        };
        let req = create(&pooled).request(&neutron).unwrap();
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"subnet": {"network_id": "n", "ip_version": 6, "gateway_ip": null, "use_default_subnetpool": true}})
        );
        let upd = serde_json::to_value(UpdateSubnet {
            gateway_ip: Patch::Set("10.0.0.254".into()),
            host_routes: Some(vec![]),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            upd,
            serde_json::json!({"gateway_ip": "10.0.0.254", "host_routes": []})
        );
    }
}
