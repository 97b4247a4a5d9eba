//! BGP VPNs (networking-bgpvpn, `/v2.0/bgpvpn/bgpvpns`): attach networks, routers and
//! ports to VPNs of the operator's BGP/MPLS backbone by route targets. gophercloud's
//! `extensions/bgpvpns`.
//!
//! A VPN is a set of route targets (imported and exported, or both through
//! `route_targets`), optionally route distinguishers, a VNI and a local preference.
//! Associations tie Neutron resources to it: [network associations](create_network_association),
//! [router associations](create_router_association) (optionally advertising the router's
//! extra routes) and [port associations](create_port_association) (advertising the
//! port's fixed IPs and extra [`PortRoute`]s: prefixes, or the routes of another BGP VPN).
//!
//! BGPVPN is a Neutron stadium project: a cloud answers these calls only when its
//! `service_plugins` include `bgpvpn` (404 otherwise). ferrocloud checks them against
//! the API reference's samples; the local test cloud does not install it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::bgpvpns::{self, BgpvpnType, CreateBgpvpn, CreatePortAssociation, PortRoute};
//! let neutron = client.network();
//! let vpn = neutron
//!     .call(&bgpvpns::create(&CreateBgpvpn {
//!         name: Some("backbone".into()),
//!         kind: Some(BgpvpnType::L3),
//!         route_targets: vec!["64512:1444".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron.call(&bgpvpns::create_network_association(&vpn.id, &"net-1".into())).await?;
//! neutron
//!     .call(&bgpvpns::create_port_association(&vpn.id, &CreatePortAssociation {
//!         routes: vec![PortRoute::prefix("20.1.0.0/16")],
//!         ..CreatePortAssociation::new("port-1")
//!     }))
//!     .await?;
//! let networks = neutron.collect_all(bgpvpns::list_network_associations(&vpn.id, &Default::default())).await?;
//! neutron.call(&bgpvpns::delete(&vpn.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{
    path, query, string_enum, InvalidInput, List, ListCommon, Op, Paging, Patch, Query, Timestamp,
};

string_enum! {
    /// What a BGP VPN carries.
    pub enum BgpvpnType {
        /// IP routes (the default).
        L3 = "l3",
        /// Ethernet (EVPN).
        L2 = "l2",
    }
}

/// A BGP VPN.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bgpvpn {
    /// BGP VPN id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Type.
    #[serde(default, rename = "type")]
    pub kind: BgpvpnType,
    /// Route targets both imported and exported (`ASN:nn` or `IPv4:nn`).
    #[serde(default)]
    pub route_targets: Vec<String>,
    /// Route targets only imported.
    #[serde(default)]
    pub import_targets: Vec<String>,
    /// Route targets only exported.
    #[serde(default)]
    pub export_targets: Vec<String>,
    /// Route distinguishers to choose from when advertising.
    #[serde(default)]
    pub route_distinguishers: Vec<String>,
    /// Associated networks.
    #[serde(default)]
    pub networks: Vec<String>,
    /// Associated routers.
    #[serde(default)]
    pub routers: Vec<String>,
    /// Associated ports.
    #[serde(default)]
    pub ports: Vec<String>,
    /// BGP LOCAL_PREF of the advertised routes.
    pub local_pref: Option<u32>,
    /// VXLAN network identifier (`bgpvpn-vni`).
    pub vni: Option<u32>,
    /// Description (`standard-attr-bgpvpn`).
    pub description: Option<String>,
    /// Shared with other projects through RBAC (`rbac-bgpvpn`).
    pub shared: Option<bool>,
    /// Revision, bumped on every change (`standard-attr-bgpvpn*`).
    pub revision_number: Option<u64>,
    /// Creation time (`standard-attr-bgpvpn*`).
    pub created_at: Option<Timestamp>,
    /// Last change (`standard-attr-bgpvpn*`).
    pub updated_at: Option<Timestamp>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`] (every field optional; only admins may set route targets and
/// distinguishers on most deployments).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateBgpvpn {
    /// Name.
    pub name: Option<String>,
    /// Type (default `l3`).
    #[serde(rename = "type")]
    pub kind: Option<BgpvpnType>,
    /// Route targets, imported and exported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_targets: Vec<String>,
    /// Route targets only imported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub import_targets: Vec<String>,
    /// Route targets only exported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub export_targets: Vec<String>,
    /// Route distinguishers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_distinguishers: Vec<String>,
    /// Description (`standard-attr-bgpvpn`).
    pub description: Option<String>,
    /// LOCAL_PREF (`bgpvpn-routes-control`).
    pub local_pref: Option<u32>,
    /// VNI, 1 to 16777215 (`bgpvpn-vni`; fixed once created).
    pub vni: Option<u32>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

/// The body of [`update`] (`None`/`Keep` leaves a field as it is; a list replaces the
/// current one, `Some(vec![])` empties it).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateBgpvpn {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Route targets.
    pub route_targets: Option<Vec<String>>,
    /// Import targets.
    pub import_targets: Option<Vec<String>>,
    /// Export targets.
    pub export_targets: Option<Vec<String>>,
    /// Route distinguishers.
    pub route_distinguishers: Option<Vec<String>>,
    /// LOCAL_PREF (`Null` clears it; `bgpvpn-routes-control`).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub local_pref: Patch<u32>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListBgpvpns {
    /// Exact name.
    pub name: Option<String>,
    /// Type.
    pub kind: Option<BgpvpnType>,
    /// Shared (`rbac-bgpvpn`).
    pub shared: Option<bool>,
    /// VPNs associated with these networks (one `networks=` parameter each).
    pub networks: Vec<String>,
    /// VPNs associated with these routers.
    pub routers: Vec<String>,
    /// VPNs associated with these ports.
    pub ports: Vec<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

/// Route targets and distinguishers are `ASN:nn` or `IPv4:nn`.
fn targets_ok(field: &'static str, targets: &[String]) -> Result<(), InvalidInput> {
    InvalidInput::require(
        targets.iter().all(|t| {
            t.rsplit_once(':')
                .is_some_and(|(a, n)| !a.is_empty() && !n.is_empty())
        }),
        field,
        "route targets and distinguishers are ASN:nn or IP:nn",
    )
}

impl CreateBgpvpn {
    fn check(&self) -> Result<(), InvalidInput> {
        targets_ok("route_targets", &self.route_targets)
            .and(targets_ok("import_targets", &self.import_targets))
            .and(targets_ok("export_targets", &self.export_targets))
            .and(targets_ok(
                "route_distinguishers",
                &self.route_distinguishers,
            ))
            .and(InvalidInput::require(
                self.vni.is_none_or(|v| (1..=16_777_215).contains(&v)),
                "vni",
                "a VNI is 1 to 16777215",
            ))
    }
}

impl UpdateBgpvpn {
    fn check(&self) -> Result<(), InvalidInput> {
        let t = |v: &Option<Vec<String>>| v.as_deref().unwrap_or_default().to_vec();
        targets_ok("route_targets", &t(&self.route_targets))
            .and(targets_ok("import_targets", &t(&self.import_targets)))
            .and(targets_ok("export_targets", &t(&self.export_targets)))
            .and(targets_ok(
                "route_distinguishers",
                &t(&self.route_distinguishers),
            ))
    }
}

/// A network association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkAssociation {
    /// Association id.
    pub id: String,
    /// The network.
    #[serde(default)]
    pub network_id: String,
    /// Revision, bumped on every change (`standard-attr-bgpvpn*`).
    pub revision_number: Option<u64>,
    /// Creation time (`standard-attr-bgpvpn*`).
    pub created_at: Option<Timestamp>,
    /// Last change (`standard-attr-bgpvpn*`).
    pub updated_at: Option<Timestamp>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_network_association`] (`"net-id".into()` for the usual case).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateNetworkAssociation {
    /// The network (required).
    pub network_id: String,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl From<&str> for CreateNetworkAssociation {
    fn from(network_id: &str) -> Self {
        CreateNetworkAssociation {
            network_id: network_id.into(),
            ..Default::default()
        }
    }
}

/// A router association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterAssociation {
    /// Association id.
    pub id: String,
    /// The router.
    #[serde(default)]
    pub router_id: String,
    /// Advertise the router's extra routes (`bgpvpn-routes-control`).
    pub advertise_extra_routes: Option<bool>,
    /// Revision, bumped on every change (`standard-attr-bgpvpn*`).
    pub revision_number: Option<u64>,
    /// Creation time (`standard-attr-bgpvpn*`).
    pub created_at: Option<Timestamp>,
    /// Last change (`standard-attr-bgpvpn*`).
    pub updated_at: Option<Timestamp>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_router_association`]; start from [`CreateRouterAssociation::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRouterAssociation {
    /// The router (required).
    pub router_id: String,
    /// Advertise its extra routes (default true; `bgpvpn-routes-control`).
    pub advertise_extra_routes: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateRouterAssociation {
    /// An association of `router_id`.
    pub fn new(router_id: &str) -> Self {
        CreateRouterAssociation {
            router_id: router_id.into(),
            ..Default::default()
        }
    }
}

/// The body of [`update_router_association`]: the router itself cannot change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRouterAssociation {
    /// Advertise the router's extra routes.
    pub advertise_extra_routes: Option<bool>,
}

string_enum! {
    /// What a [`PortRoute`] advertises.
    pub enum PortRouteType {
        /// A prefix (with the port's address as next hop).
        Prefix = "prefix",
        /// The routes of another BGP VPN (leaked through the port).
        Bgpvpn = "bgpvpn",
    }
}

/// A route a port association advertises: a `prefix`, or the routes of a `bgpvpn_id`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortRoute {
    /// Kind.
    #[serde(rename = "type")]
    pub kind: PortRouteType,
    /// The prefix (kind `prefix`).
    pub prefix: Option<String>,
    /// The BGP VPN (kind `bgpvpn`).
    pub bgpvpn_id: Option<String>,
    /// LOCAL_PREF of this route.
    pub local_pref: Option<u32>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PortRoute {
    /// Advertise `prefix` (`20.1.0.0/16`).
    pub fn prefix(prefix: &str) -> Self {
        PortRoute {
            kind: PortRouteType::Prefix,
            prefix: Some(prefix.into()),
            ..Default::default()
        }
    }

    /// Advertise the routes of BGP VPN `bgpvpn_id`.
    pub fn bgpvpn(bgpvpn_id: &str) -> Self {
        PortRoute {
            kind: PortRouteType::Bgpvpn,
            bgpvpn_id: Some(bgpvpn_id.into()),
            ..Default::default()
        }
    }

    /// Each kind carries its own field, and only it.
    fn check(routes: &[PortRoute]) -> Result<(), InvalidInput> {
        let ok = routes.iter().all(|r| match r.kind {
            PortRouteType::Prefix => {
                r.prefix.as_deref().is_some_and(|p| p.contains('/')) && r.bgpvpn_id.is_none()
            }
            PortRouteType::Bgpvpn => {
                r.bgpvpn_id.as_deref().is_some_and(|b| !b.is_empty()) && r.prefix.is_none()
            }
            PortRouteType::Other(_) => true,
        });
        InvalidInput::require(
            ok,
            "routes",
            "a prefix route needs a CIDR prefix and no bgpvpn_id; a bgpvpn route a bgpvpn_id and no prefix",
        )
    }
}

/// A port association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortAssociation {
    /// Association id.
    pub id: String,
    /// The port.
    #[serde(default)]
    pub port_id: String,
    /// Extra routes advertised through the port.
    #[serde(default)]
    pub routes: Vec<PortRoute>,
    /// Advertise the port's fixed IPs.
    pub advertise_fixed_ips: Option<bool>,
    /// Revision, bumped on every change (`standard-attr-bgpvpn*`).
    pub revision_number: Option<u64>,
    /// Creation time (`standard-attr-bgpvpn*`).
    pub created_at: Option<Timestamp>,
    /// Last change (`standard-attr-bgpvpn*`).
    pub updated_at: Option<Timestamp>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_port_association`]; start from [`CreatePortAssociation::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreatePortAssociation {
    /// The port (required).
    pub port_id: String,
    /// Extra routes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<PortRoute>,
    /// Advertise the port's fixed IPs (default true).
    pub advertise_fixed_ips: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreatePortAssociation {
    /// An association of `port_id`.
    pub fn new(port_id: &str) -> Self {
        CreatePortAssociation {
            port_id: port_id.into(),
            ..Default::default()
        }
    }
}

/// The body of [`update_port_association`]: the port itself cannot change; `routes`
/// replaces the current list.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdatePortAssociation {
    /// Extra routes (`Some(vec![])` removes them all).
    pub routes: Option<Vec<PortRoute>>,
    /// Advertise the port's fixed IPs.
    pub advertise_fixed_ips: Option<bool>,
}

/// Filters of the association lists: the common parameters (`fields`, sorting, paging),
/// as gophercloud's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAssociations {
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "bgpvpn/bgpvpns",
    one: "bgpvpn",
    many: "bgpvpns",
};

/// `GET /v2.0/bgpvpn/bgpvpns`, paged through `bgpvpns_links`.
pub fn list(f: &ListBgpvpns) -> List<Bgpvpn> {
    let mut q = query!(
        name: f.name.as_deref(),
        "type": f.kind.as_ref().map(BgpvpnType::as_str),
        shared: f.shared,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    for (key, ids) in [
        ("networks", &f.networks),
        ("routers", &f.routers),
        ("ports", &f.ports),
    ] {
        for id in ids {
            q = q.push(key, id);
        }
    }
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}`.
pub fn get(bgpvpn_id: &str) -> Op<Bgpvpn> {
    RESOURCE.get(bgpvpn_id)
}

/// `POST /v2.0/bgpvpn/bgpvpns`.
pub fn create(vpn: &CreateBgpvpn) -> Op<Bgpvpn> {
    RESOURCE.create(vpn.check(), vpn)
}

/// `PUT /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}`.
pub fn update(bgpvpn_id: &str, update: &UpdateBgpvpn) -> Op<Bgpvpn> {
    RESOURCE.update(bgpvpn_id, update).check(update.check())
}

/// `DELETE /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}` (its associations go with it).
pub fn delete(bgpvpn_id: &str) -> Op<()> {
    RESOURCE.delete(bgpvpn_id)
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/network_associations`.
pub fn list_network_associations(
    bgpvpn_id: &str,
    f: &ListAssociations,
) -> List<NetworkAssociation> {
    List::new(
        path!("bgpvpn/bgpvpns/{}/network_associations", bgpvpn_id),
        "network_associations",
        Paging::Linked,
    )
    .query(f.common.apply(Query::new()))
}

/// `POST /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/network_associations`.
pub fn create_network_association(
    bgpvpn_id: &str,
    association: &CreateNetworkAssociation,
) -> Op<NetworkAssociation> {
    Op::post(path!("bgpvpn/bgpvpns/{}/network_associations", bgpvpn_id))
        .check(InvalidInput::require(
            !association.network_id.is_empty(),
            "network_id",
            "name the network to associate",
        ))
        .json_under("network_association", association)
        .decode_key("network_association")
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/network_associations/{network_association_id}`.
pub fn get_network_association(bgpvpn_id: &str, association_id: &str) -> Op<NetworkAssociation> {
    Op::get(path!(
        "bgpvpn/bgpvpns/{}/network_associations/{}",
        bgpvpn_id,
        association_id
    ))
    .decode_key("network_association")
}

/// `DELETE /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/network_associations/{network_association_id}`.
pub fn delete_network_association(bgpvpn_id: &str, association_id: &str) -> Op<()> {
    Op::delete(path!(
        "bgpvpn/bgpvpns/{}/network_associations/{}",
        bgpvpn_id,
        association_id
    ))
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/router_associations`.
pub fn list_router_associations(bgpvpn_id: &str, f: &ListAssociations) -> List<RouterAssociation> {
    List::new(
        path!("bgpvpn/bgpvpns/{}/router_associations", bgpvpn_id),
        "router_associations",
        Paging::Linked,
    )
    .query(f.common.apply(Query::new()))
}

/// `POST /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/router_associations`.
pub fn create_router_association(
    bgpvpn_id: &str,
    association: &CreateRouterAssociation,
) -> Op<RouterAssociation> {
    Op::post(path!("bgpvpn/bgpvpns/{}/router_associations", bgpvpn_id))
        .check(InvalidInput::require(
            !association.router_id.is_empty(),
            "router_id",
            "name the router to associate",
        ))
        .json_under("router_association", association)
        .decode_key("router_association")
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/router_associations/{router_association_id}`.
pub fn get_router_association(bgpvpn_id: &str, association_id: &str) -> Op<RouterAssociation> {
    Op::get(path!(
        "bgpvpn/bgpvpns/{}/router_associations/{}",
        bgpvpn_id,
        association_id
    ))
    .decode_key("router_association")
}

/// `PUT /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/router_associations/{router_association_id}`
/// (`bgpvpn-routes-control`).
pub fn update_router_association(
    bgpvpn_id: &str,
    association_id: &str,
    update: &UpdateRouterAssociation,
) -> Op<RouterAssociation> {
    Op::put(path!(
        "bgpvpn/bgpvpns/{}/router_associations/{}",
        bgpvpn_id,
        association_id
    ))
    .json_under("router_association", update)
    .decode_key("router_association")
}

/// `DELETE /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/router_associations/{router_association_id}`.
pub fn delete_router_association(bgpvpn_id: &str, association_id: &str) -> Op<()> {
    Op::delete(path!(
        "bgpvpn/bgpvpns/{}/router_associations/{}",
        bgpvpn_id,
        association_id
    ))
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/port_associations`.
pub fn list_port_associations(bgpvpn_id: &str, f: &ListAssociations) -> List<PortAssociation> {
    List::new(
        path!("bgpvpn/bgpvpns/{}/port_associations", bgpvpn_id),
        "port_associations",
        Paging::Linked,
    )
    .query(f.common.apply(Query::new()))
}

/// `POST /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/port_associations`.
pub fn create_port_association(
    bgpvpn_id: &str,
    association: &CreatePortAssociation,
) -> Op<PortAssociation> {
    Op::post(path!("bgpvpn/bgpvpns/{}/port_associations", bgpvpn_id))
        .check(
            InvalidInput::require(
                !association.port_id.is_empty(),
                "port_id",
                "name the port to associate",
            )
            .and(PortRoute::check(&association.routes)),
        )
        .json_under("port_association", association)
        .decode_key("port_association")
}

/// `GET /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/port_associations/{port_association_id}`.
pub fn get_port_association(bgpvpn_id: &str, association_id: &str) -> Op<PortAssociation> {
    Op::get(path!(
        "bgpvpn/bgpvpns/{}/port_associations/{}",
        bgpvpn_id,
        association_id
    ))
    .decode_key("port_association")
}

/// `PUT /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/port_associations/{port_association_id}`.
pub fn update_port_association(
    bgpvpn_id: &str,
    association_id: &str,
    update: &UpdatePortAssociation,
) -> Op<PortAssociation> {
    Op::put(path!(
        "bgpvpn/bgpvpns/{}/port_associations/{}",
        bgpvpn_id,
        association_id
    ))
    .check(PortRoute::check(
        update.routes.as_deref().unwrap_or_default(),
    ))
    .json_under("port_association", update)
    .decode_key("port_association")
}

/// `DELETE /v2.0/bgpvpn/bgpvpns/{bgpvpn_id}/port_associations/{port_association_id}`.
pub fn delete_port_association(bgpvpn_id: &str, association_id: &str) -> Op<()> {
    Op::delete(path!(
        "bgpvpn/bgpvpns/{}/port_associations/{}",
        bgpvpn_id,
        association_id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, Paginated, ServiceEndpoint, ServiceType};
    use serde_json::json;

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    fn body<O: Operation>(op: O) -> Value {
        serde_json::from_slice(op.request(&neutron()).unwrap().body()).unwrap()
    }

    #[test]
    fn association_bodies() {
        assert_eq!(
            body(create_network_association("v", &"n".into())),
            json!({"network_association": {"network_id": "n"}})
        );
        assert_eq!(
            body(create_router_association(
                "v",
                &CreateRouterAssociation {
                    advertise_extra_routes: Some(false),
                    ..CreateRouterAssociation::new("r")
                }
            )),
            json!({"router_association": {"router_id": "r", "advertise_extra_routes": false}})
        );
        let mut leak = PortRoute::bgpvpn("other");
        leak.local_pref = Some(111);
        assert_eq!(
            body(create_port_association(
                "v",
                &CreatePortAssociation {
                    routes: vec![PortRoute::prefix("20.1.0.0/16"), leak.clone()],
                    ..CreatePortAssociation::new("p")
                }
            )),
            json!({"port_association": {"port_id": "p", "routes": [
                {"type": "prefix", "prefix": "20.1.0.0/16"},
                {"type": "bgpvpn", "bgpvpn_id": "other", "local_pref": 111}
            ]}})
        );
        // Updates never carry the associated resource; an empty list removes every route.
        assert_eq!(
            body(update_port_association(
                "v",
                "a",
                &UpdatePortAssociation {
                    routes: Some(vec![]),
                    advertise_fixed_ips: None
                }
            )),
            json!({"port_association": {"routes": []}})
        );
        assert_eq!(
            body(update_router_association(
                "v",
                "a",
                &UpdateRouterAssociation::default()
            )),
            json!({"router_association": {}})
        );
    }

    #[test]
    fn bad_associations_and_targets_fail_before_io() {
        let half_prefix = CreatePortAssociation {
            routes: vec![PortRoute {
                bgpvpn_id: Some("x".into()),
                ..PortRoute::prefix("20.1.0.0/16")
            }],
            ..CreatePortAssociation::new("p")
        };
        let no_cidr = CreatePortAssociation {
            routes: vec![PortRoute::prefix("20.1.0.0")],
            ..CreatePortAssociation::new("p")
        };
        let errs = [
            create_network_association("v", &"".into()).request(&neutron()),
            create_router_association("v", &CreateRouterAssociation::new("")).request(&neutron()),
            create_port_association("v", &CreatePortAssociation::new("")).request(&neutron()),
            create_port_association("v", &half_prefix).request(&neutron()),
            create_port_association("v", &no_cidr).request(&neutron()),
            create(&CreateBgpvpn {
                route_targets: vec!["64512".into()],
                ..Default::default()
            })
            .request(&neutron()),
            create(&CreateBgpvpn {
                vni: Some(1 << 24),
                ..Default::default()
            })
            .request(&neutron()),
            update(
                "v",
                &UpdateBgpvpn {
                    import_targets: Some(vec![":1".into()]),
                    ..Default::default()
                },
            )
            .request(&neutron()),
        ];
        for e in errs {
            let err = e.unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
    }

    #[test]
    fn unknown_route_types_are_kept_and_list_filters_repeat() {
        let r: PortRoute =
            serde_json::from_value(json!({"type": "flowspec", "match": "x"})).unwrap();
        assert_eq!(r.kind, PortRouteType::Other("flowspec".into()));
        assert_eq!(r.extra["match"], "x");
        let req = list(&ListBgpvpns {
            networks: vec!["a".into(), "b".into()],
            routers: vec!["r".into()],
            kind: Some(BgpvpnType::L2),
            ..Default::default()
        })
        .first_request(&neutron())
        .unwrap();
        assert_eq!(
            req.uri().to_string(),
            "http://h:9696/v2.0/bgpvpn/bgpvpns?type=l2&networks=a&networks=b&routers=r"
        );
    }
}
