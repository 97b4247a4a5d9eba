//! VPNaaS endpoint groups (`/v2.0/vpn/endpoint-groups`): the local subnets or the peer
//! CIDRs of a [site connection](super::site_connections).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::vpnaas::endpoint_groups::{self, CreateEndpointGroup, EndpointType, UpdateEndpointGroup};
//! let neutron = client.network();
//! let peers = neutron
//!     .call(&endpoint_groups::create(&CreateEndpointGroup {
//!         name: Some("peers".into()),
//!         ..CreateEndpointGroup::new(EndpointType::Cidr, &["10.2.0.0/24", "10.3.0.0/24"])
//!     }))
//!     .await?;
//! neutron
//!     .call(&endpoint_groups::update(&peers.id, &UpdateEndpointGroup { description: Some("branch".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&endpoint_groups::delete(&peers.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::network::shared;
use crate::{query, string_enum, InvalidInput, List, ListCommon, Op};

string_enum! {
    /// What the endpoints of a group are.
    pub enum EndpointType {
        /// Local subnet ids.
        Subnet = "subnet",
        /// Peer CIDRs.
        Cidr = "cidr",
        /// VLANs.
        Vlan = "vlan",
        /// Network ids.
        Network = "network",
        /// Router ids.
        Router = "router",
    }
}

/// An endpoint group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointGroup {
    /// Endpoint group id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// What the endpoints are.
    #[serde(default, rename = "type")]
    pub kind: EndpointType,
    /// The endpoints (subnet ids or CIDRs).
    #[serde(default)]
    pub endpoints: Vec<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateEndpointGroup::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateEndpointGroup {
    /// What the endpoints are (required).
    #[serde(rename = "type")]
    pub kind: EndpointType,
    /// The endpoints (at least one, all of `kind`).
    pub endpoints: Vec<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateEndpointGroup {
    /// A group of `endpoints` of `kind`.
    pub fn new(kind: EndpointType, endpoints: &[&str]) -> Self {
        CreateEndpointGroup {
            kind,
            endpoints: endpoints.iter().map(|e| (*e).to_owned()).collect(),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.endpoints.is_empty() && self.endpoints.iter().all(|e| !e.is_empty()),
            "endpoints",
            "an endpoint group needs at least one non-empty endpoint",
        )
        .and(InvalidInput::require(
            !matches!(self.kind, EndpointType::Cidr)
                || self.endpoints.iter().all(|e| e.contains('/')),
            "endpoints",
            "cidr endpoints are address/prefix",
        ))
    }
}

/// The body of [`update`]: only the name and description change (the endpoints are
/// fixed once created).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateEndpointGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEndpointGroups {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Endpoint type.
    pub kind: Option<EndpointType>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "vpn/endpoint-groups",
    one: "endpoint_group",
    many: "endpoint_groups",
};

/// `GET /v2.0/vpn/endpoint-groups`, paged through `endpoint_groups_links`.
pub fn list(f: &ListEndpointGroups) -> List<EndpointGroup> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        "type": f.kind.as_ref().map(EndpointType::as_str),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/vpn/endpoint-groups/{endpoint_group_id}`.
pub fn get(endpoint_group_id: &str) -> Op<EndpointGroup> {
    RESOURCE.get(endpoint_group_id)
}

/// `POST /v2.0/vpn/endpoint-groups`.
pub fn create(group: &CreateEndpointGroup) -> Op<EndpointGroup> {
    RESOURCE.create(group.check(), group)
}

/// `PUT /v2.0/vpn/endpoint-groups/{endpoint_group_id}`.
pub fn update(endpoint_group_id: &str, update: &UpdateEndpointGroup) -> Op<EndpointGroup> {
    RESOURCE.update(endpoint_group_id, update)
}

/// `DELETE /v2.0/vpn/endpoint-groups/{endpoint_group_id}` (409 while a connection uses it).
pub fn delete(endpoint_group_id: &str) -> Op<()> {
    RESOURCE.delete(endpoint_group_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn empty_or_malformed_endpoints_fail_before_io() {
        let svc = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        for bad in [
            CreateEndpointGroup::new(EndpointType::Subnet, &[]),
            CreateEndpointGroup::new(EndpointType::Subnet, &[""]),
            CreateEndpointGroup::new(EndpointType::Cidr, &["10.0.0.1"]),
        ] {
            let err = create(&bad).request(&svc).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let ok = CreateEndpointGroup::new(EndpointType::Subnet, &["s1"]);
        let req = create(&ok).request(&svc).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            serde_json::json!({"endpoint_group": {"type": "subnet", "endpoints": ["s1"]}})
        );
    }
}
