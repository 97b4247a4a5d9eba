//! VPNaaS services (`/v2.0/vpn/vpnservices`): VPN on a router. Its connections are
//! [site connections](super::site_connections); their local side is an
//! [endpoint group](super::endpoint_groups) (or, the legacy way, the service's `subnet_id`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::vpnaas::services::{self, CreateVpnService, UpdateVpnService};
//! let neutron = client.network();
//! let vpn = neutron
//!     .call(&services::create(&CreateVpnService {
//!         name: Some("myservice".into()),
//!         ..CreateVpnService::on_router("66e3b16c")
//!     }))
//!     .await?;
//! println!("{:?} {:?}", vpn.external_v4_ip, vpn.external_v6_ip);
//! neutron
//!     .call(&services::update(&vpn.id, &UpdateVpnService { admin_state_up: Some(false), ..Default::default() }))
//!     .await?;
//! neutron.call(&services::delete(&vpn.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::VpnStatus;
use crate::network::shared;
use crate::{query, HasStatus, InvalidInput, List, ListCommon, Op};

/// A VPN service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VpnService {
    /// VPN service id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The router it runs on.
    #[serde(default)]
    pub router_id: String,
    /// The local subnet (legacy; `None` when the connections use endpoint groups).
    pub subnet_id: Option<String>,
    /// Service flavor.
    pub flavor_id: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    #[serde(default)]
    pub status: VpnStatus,
    /// The router's external IPv4 address (the local end).
    pub external_v4_ip: Option<String>,
    /// The router's external IPv6 address.
    pub external_v6_ip: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for VpnService {
    const KIND: &'static str = "VPN service";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = VpnStatus;
    fn status(&self) -> Option<VpnStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`]; start from [`CreateVpnService::on_router`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateVpnService {
    /// The router (required; it needs an external gateway).
    pub router_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Local subnet (legacy; leave out to use endpoint groups).
    pub subnet_id: Option<String>,
    /// Service flavor.
    pub flavor_id: Option<String>,
    /// Administrative state (default up).
    pub admin_state_up: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateVpnService {
    /// A VPN service on `router_id`.
    pub fn on_router(router_id: &str) -> Self {
        CreateVpnService {
            router_id: router_id.into(),
            ..Default::default()
        }
    }
}

/// The body of [`update`] (`None` leaves a field as it is).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateVpnService {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListVpnServices {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    pub status: Option<VpnStatus>,
    /// Router.
    pub router_id: Option<String>,
    /// Subnet.
    pub subnet_id: Option<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// External IPv4 address.
    pub external_v4_ip: Option<String>,
    /// External IPv6 address.
    pub external_v6_ip: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "vpn/vpnservices",
    one: "vpnservice",
    many: "vpnservices",
};

/// `GET /v2.0/vpn/vpnservices`, paged through `vpnservices_links`.
pub fn list(f: &ListVpnServices) -> List<VpnService> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        admin_state_up: f.admin_state_up,
        status: f.status.as_ref().map(VpnStatus::as_str),
        router_id: f.router_id.as_deref(),
        subnet_id: f.subnet_id.as_deref(),
        flavor_id: f.flavor_id.as_deref(),
        external_v4_ip: f.external_v4_ip.as_deref(),
        external_v6_ip: f.external_v6_ip.as_deref(),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/vpn/vpnservices/{service_id}`.
pub fn get(service_id: &str) -> Op<VpnService> {
    RESOURCE.get(service_id)
}

/// `POST /v2.0/vpn/vpnservices`.
pub fn create(service: &CreateVpnService) -> Op<VpnService> {
    RESOURCE.create(
        InvalidInput::require(
            !service.router_id.is_empty(),
            "router_id",
            "a VPN service runs on a router",
        ),
        service,
    )
}

/// `PUT /v2.0/vpn/vpnservices/{service_id}`.
pub fn update(service_id: &str, update: &UpdateVpnService) -> Op<VpnService> {
    RESOURCE.update(service_id, update)
}

/// `DELETE /v2.0/vpn/vpnservices/{service_id}` (409 while it has connections).
pub fn delete(service_id: &str) -> Op<()> {
    RESOURCE.delete(service_id)
}
