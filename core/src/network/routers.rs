//! Neutron routers (`/v2.0/routers`): external gateway (with fixed IPs and SNAT),
//! distributed / HA, static routes, interfaces (by subnet or by port), extra routes and
//! multiple external gateways.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::routers::{self, CreateRouter, GatewayInfo, Interface, Route, UpdateRouter};
//! use ferrocloud::Patch;
//! let neutron = client.network();
//! let router = neutron
//!     .call(&routers::create(&CreateRouter {
//!         name: Some("edge".into()),
//!         external_gateway_info: Some(GatewayInfo::network("public-net-id")),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let iface = neutron
//!     .call(&routers::add_interface(&router.id, &Interface::Subnet("subnet-id".into())))
//!     .await?;
//! neutron
//!     .call(&routers::add_extraroutes(&router.id, &[Route { destination: "10.9.0.0/24".into(), nexthop: "10.0.0.5".into() }]))
//!     .await?;
//! // Clear the gateway: `null`, which "leave as is" must not send.
//! neutron
//!     .call(&routers::update(&router.id, &UpdateRouter { external_gateway_info: Patch::Null, ..Default::default() }))
//!     .await?;
//! neutron.call(&routers::remove_interface(&router.id, &Interface::Port(iface.port_id))).await?;
//! neutron.call(&routers::delete(&router.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ports::FixedIp;
use super::shared;
use crate::{
    path, query, string_enum, Find, HasStatus, List, ListCommon, Op, Patch, Tags, Timestamp,
};

string_enum! {
    /// A router's status.
    pub enum RouterStatus {
        /// Up.
        Active = "ACTIVE",
        /// Being allocated to an agent.
        Allocating = "ALLOCATING",
        /// Being built.
        Build = "BUILD",
        /// Down.
        Down = "DOWN",
        /// Failed.
        Error = "ERROR",
    }
}

/// A router's external gateway (`external_gateway_info`, or one of `external_gateways`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayInfo {
    /// The external network.
    pub network_id: String,
    /// Source NAT on the gateway (admin may turn it off).
    pub enable_snat: Option<bool>,
    /// Addresses of the gateway port.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_fixed_ips: Vec<FixedIp>,
    /// QoS policy of the gateway.
    pub qos_policy_id: Option<String>,
    /// ECMP default routes over several gateways.
    pub enable_default_route_ecmp: Option<bool>,
    /// BFD on the default routes.
    pub enable_default_route_bfd: Option<bool>,
}

impl GatewayInfo {
    /// A gateway on `network_id`, everything else default.
    pub fn network(network_id: &str) -> Self {
        GatewayInfo {
            network_id: network_id.into(),
            ..Default::default()
        }
    }
}

/// A static route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Destination CIDR.
    pub destination: String,
    /// Next hop address.
    pub nexthop: String,
}

/// A conntrack helper of a router.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConntrackHelper {
    /// Helper id (when listed on its own).
    pub id: Option<String>,
    /// `tcp`, `udp`, …
    pub protocol: String,
    /// Helper name (`ftp`, `tftp`, …).
    pub helper: String,
    /// Port.
    pub port: u16,
}

/// One interface of a router as some responses list it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterfaceAddress {
    /// Address.
    pub ip_address: String,
    /// Port.
    pub port_id: String,
    /// Subnet.
    pub subnet_id: String,
}

/// A router.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Router {
    /// Router id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Status.
    #[serde(default)]
    pub status: RouterStatus,
    /// The external gateway (`None`: none).
    pub external_gateway_info: Option<GatewayInfo>,
    /// All external gateways (multiple-gateways extension).
    #[serde(default)]
    pub external_gateways: Vec<GatewayInfo>,
    /// Distributed (DVR).
    pub distributed: Option<bool>,
    /// Highly available (L3 HA).
    pub ha: Option<bool>,
    /// Static routes.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// ECMP default routes.
    pub enable_default_route_ecmp: Option<bool>,
    /// BFD default routes.
    pub enable_default_route_bfd: Option<bool>,
    /// Requested availability zones.
    #[serde(default)]
    pub availability_zone_hints: Vec<String>,
    /// Availability zones.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Service type.
    pub service_type_id: Option<String>,
    /// Conntrack helpers.
    #[serde(default)]
    pub conntrack_helpers: Vec<ConntrackHelper>,
    /// Interfaces (in the external-gateways responses).
    #[serde(default)]
    pub interfaces_info: Vec<InterfaceAddress>,
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

impl HasStatus for Router {
    const KIND: &'static str = "router";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = RouterStatus;
    fn status(&self) -> Option<RouterStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRouter {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// External gateway.
    pub external_gateway_info: Option<GatewayInfo>,
    /// Distributed (admin).
    pub distributed: Option<bool>,
    /// HA (admin).
    pub ha: Option<bool>,
    /// Availability zone hints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub availability_zone_hints: Vec<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// ECMP default routes.
    pub enable_default_route_ecmp: Option<bool>,
    /// BFD default routes.
    pub enable_default_route_bfd: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
}

/// The body of [`update`]. `external_gateway_info` is tri-state: [`Patch::Null`] clears
/// the gateway; `routes: Some(vec![])` removes every static route; `None` leaves a field.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRouter {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// External gateway.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub external_gateway_info: Patch<GatewayInfo>,
    /// Distributed (admin; router must be down).
    pub distributed: Option<bool>,
    /// HA (admin; router must be down).
    pub ha: Option<bool>,
    /// Replaces the static routes.
    pub routes: Option<Vec<Route>>,
    /// ECMP default routes.
    pub enable_default_route_ecmp: Option<bool>,
    /// BFD default routes.
    pub enable_default_route_bfd: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRouters {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    pub status: Option<RouterStatus>,
    /// Distributed.
    pub distributed: Option<bool>,
    /// HA.
    pub ha: Option<bool>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

/// What to attach to or detach from a router.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Interface {
    /// A subnet: the router takes its gateway address.
    #[serde(rename = "subnet_id")]
    Subnet(String),
    /// An existing port.
    #[serde(rename = "port_id")]
    Port(String),
}

/// What [`add_interface`] / [`remove_interface`] answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RouterInterface {
    /// The router.
    pub id: String,
    /// The interface port.
    pub port_id: String,
    /// Its network.
    pub network_id: String,
    /// Its subnet.
    pub subnet_id: String,
    /// All its subnets.
    pub subnet_ids: Vec<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// The router's tags.
    pub tags: Vec<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "routers",
    one: "router",
    many: "routers",
};

/// The tags of routers.
pub const TAGS: Tags = shared::tags("routers");

/// `GET /v2.0/routers`, paged through `routers_links`.
pub fn list(f: &ListRouters) -> List<Router> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        admin_state_up: f.admin_state_up,
        status: f.status.as_ref(),
        distributed: f.distributed,
        ha: f.ha,
        flavor_id: f.flavor_id.as_deref(),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/routers/{router_id}`.
pub fn get(router_id: &str) -> Op<Router> {
    RESOURCE.get(router_id)
}

/// A router by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Router> {
    RESOURCE.find("router", name_or_id)
}

crate::named!(Router);

/// `POST /v2.0/routers`.
pub fn create(router: &CreateRouter) -> Op<Router> {
    RESOURCE.create(Ok(()), router)
}

/// `PUT /v2.0/routers/{router_id}`.
pub fn update(router_id: &str, update: &UpdateRouter) -> Op<Router> {
    RESOURCE.update(router_id, update)
}

/// `DELETE /v2.0/routers/{router_id}` (409 while it has interfaces).
pub fn delete(router_id: &str) -> Op<()> {
    RESOURCE.delete(router_id)
}

/// `PUT /v2.0/routers/{router_id}/add_router_interface`.
pub fn add_interface(router_id: &str, interface: &Interface) -> Op<RouterInterface> {
    Op::put(path!("routers/{}/add_router_interface", router_id))
        .json(interface)
        .decode_body()
}

/// `PUT /v2.0/routers/{router_id}/remove_router_interface`.
pub fn remove_interface(router_id: &str, interface: &Interface) -> Op<RouterInterface> {
    Op::put(path!("routers/{}/remove_router_interface", router_id))
        .json(interface)
        .decode_body()
}

#[derive(Serialize)]
struct Routes<'a> {
    routes: &'a [Route],
}

#[derive(Serialize)]
struct Gateways<'a> {
    external_gateways: &'a [GatewayInfo],
}

fn routes_action(router_id: &str, action: &str, routes: &[Route]) -> Op<Router> {
    Op::put(path!("routers/{}/{}", router_id, action))
        .json_under("router", &Routes { routes })
        .decode_key("router")
}

fn gateways_action(router_id: &str, action: &str, gateways: &[GatewayInfo]) -> Op<Router> {
    let body = Gateways {
        external_gateways: gateways,
    };
    Op::put(path!("routers/{}/{}", router_id, action))
        .json_under("router", &body)
        .decode_key("router")
}

/// `PUT /v2.0/routers/{router_id}/add_extraroutes`: adds routes atomically, keeping the
/// others; answers the router's id, name and routes.
pub fn add_extraroutes(router_id: &str, routes: &[Route]) -> Op<Router> {
    routes_action(router_id, "add_extraroutes", routes)
}

/// `PUT /v2.0/routers/{router_id}/remove_extraroutes`: removes these routes atomically.
pub fn remove_extraroutes(router_id: &str, routes: &[Route]) -> Op<Router> {
    routes_action(router_id, "remove_extraroutes", routes)
}

/// `PUT /v2.0/routers/{router_id}/add_external_gateways` (multiple-gateways extension).
pub fn add_external_gateways(router_id: &str, gateways: &[GatewayInfo]) -> Op<Router> {
    gateways_action(router_id, "add_external_gateways", gateways)
}

/// `PUT /v2.0/routers/{router_id}/update_external_gateways`.
pub fn update_external_gateways(router_id: &str, gateways: &[GatewayInfo]) -> Op<Router> {
    gateways_action(router_id, "update_external_gateways", gateways)
}

/// `PUT /v2.0/routers/{router_id}/remove_external_gateways` (give the `network_id`s).
pub fn remove_external_gateways(router_id: &str, gateways: &[GatewayInfo]) -> Op<Router> {
    gateways_action(router_id, "remove_external_gateways", gateways)
}

/// `GET /v2.0/routers/{router_id}/l3-agents` (admin, `l3_agent_scheduler`): the L3
/// agents hosting a router, with each one's `ha_state` for HA routers (one page).
pub fn list_l3_agents(router_id: &str) -> List<super::agents::Agent> {
    List::new(
        path!("routers/{}/l3-agents", router_id),
        "agents",
        crate::Paging::Single,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_tri_state_and_interfaces() {
        let clear = serde_json::to_value(UpdateRouter {
            external_gateway_info: Patch::Null,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(clear, serde_json::json!({"external_gateway_info": null}));
        let set = serde_json::to_value(UpdateRouter {
            external_gateway_info: Patch::Set(GatewayInfo {
                enable_snat: Some(false),
                ..GatewayInfo::network("ext")
            }),
            routes: Some(vec![]),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            set,
            serde_json::json!({"external_gateway_info": {"network_id": "ext", "enable_snat": false}, "routes": []})
        );
        assert_eq!(
            serde_json::to_value(Interface::Port("p".into())).unwrap(),
            serde_json::json!({"port_id": "p"})
        );
        let r: Router = serde_json::from_str(
            r#"{"id": "r", "external_gateway_info": null, "status": "ACTIVE"}"#,
        )
        .unwrap();
        assert_eq!(r.external_gateway_info, None);
        assert_eq!(
            HasStatus::status(&r).map(|s| s.to_string()).as_deref(),
            Some("ACTIVE")
        );
    }
}
