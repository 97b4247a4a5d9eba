//! Octavia load balancers: list, get, create (also the single-call graph create with
//! listeners, pools, members and monitors), update, delete (with cascade), stats, status
//! tree and failover.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::loadbalancers::{self, CreateLoadBalancer};
//! use ferrocloud::Wait;
//! let octavia = client.load_balancer(); // or client.network() for legacy Neutron LBaaS (v2.0/lbaas)
//! let lb = octavia
//!     .call(&loadbalancers::create(&CreateLoadBalancer {
//!         name: Some("web".into()),
//!         vip_subnet_id: Some("d4af86e1".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let lb = octavia
//!     .wait_for_status(&loadbalancers::get(&lb.id), &[ferrocloud::load_balancer::ProvisioningStatus::Active], &[ferrocloud::load_balancer::ProvisioningStatus::Error], Wait::default())
//!     .await?;
//! let stats = octavia.call(&loadbalancers::stats(&lb.id)).await?;
//! octavia.call(&loadbalancers::delete(&lb.id, true)).await?; // cascade
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::listeners::CreateListener;
use super::pools::CreatePool;
use super::{has_status, status_query, IdRef, OperatingStatus, ProvisioningStatus, Stats};
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Patch, Timestamp};

/// A load balancer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancer {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Owning project.
    pub project_id: Option<String>,
    /// Provisioning status.
    #[serde(default)]
    pub provisioning_status: ProvisioningStatus,
    /// Operating status.
    #[serde(default)]
    pub operating_status: OperatingStatus,
    /// VIP address.
    pub vip_address: Option<String>,
    /// VIP network.
    pub vip_network_id: Option<String>,
    /// VIP subnet.
    pub vip_subnet_id: Option<String>,
    /// VIP port.
    pub vip_port_id: Option<String>,
    /// QoS policy of the VIP port.
    pub vip_qos_policy_id: Option<String>,
    /// VNIC type of the VIP port (`normal`, `direct`).
    pub vip_vnic_type: Option<String>,
    /// Security groups of the VIP port.
    pub vip_sg_ids: Option<Vec<String>>,
    /// Further VIPs.
    #[serde(default)]
    pub additional_vips: Vec<AdditionalVip>,
    /// Provider driver.
    pub provider: Option<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Listeners (ids; full objects in a graph-create answer).
    #[serde(default)]
    pub listeners: Vec<IdRef>,
    /// Pools (ids; full objects in a graph-create answer).
    #[serde(default)]
    pub pools: Vec<IdRef>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

has_status!(LoadBalancer: "load balancer");

/// A further VIP of a load balancer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdditionalVip {
    /// Subnet.
    pub subnet_id: String,
    /// Address (`None`: allocated from the subnet).
    pub ip_address: Option<String>,
}

/// The body of [`create`]: with `listeners` and `pools` it builds the whole graph in one
/// call.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateLoadBalancer {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// VIP subnet (one of subnet, network or port is needed).
    pub vip_subnet_id: Option<String>,
    /// VIP network.
    pub vip_network_id: Option<String>,
    /// VIP port.
    pub vip_port_id: Option<String>,
    /// VIP address.
    pub vip_address: Option<String>,
    /// QoS policy of the VIP port.
    pub vip_qos_policy_id: Option<String>,
    /// Security groups of the VIP port.
    pub vip_sg_ids: Option<Vec<String>>,
    /// Further VIPs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub additional_vips: Vec<AdditionalVip>,
    /// Provider driver.
    pub provider: Option<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Listeners to create with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<CreateListener>,
    /// Pools to create with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pools: Vec<CreatePool>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateLoadBalancer {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// QoS policy of the VIP port (`Patch::Null` removes it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub vip_qos_policy_id: Patch<String>,
    /// Security groups of the VIP port.
    pub vip_sg_ids: Option<Vec<String>>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
}

/// Filters of [`list`]: any attribute of a load balancer, plus [`ListCommon`] (fields,
/// sort, paging, tags, other filters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListLoadBalancers {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Project (admins see every project's).
    pub project_id: Option<String>,
    /// Provisioning status.
    pub provisioning_status: Option<ProvisioningStatus>,
    /// Operating status.
    pub operating_status: Option<OperatingStatus>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// VIP address.
    pub vip_address: Option<String>,
    /// VIP port.
    pub vip_port_id: Option<String>,
    /// VIP subnet.
    pub vip_subnet_id: Option<String>,
    /// VIP network.
    pub vip_network_id: Option<String>,
    /// QoS policy of the VIP port.
    pub vip_qos_policy_id: Option<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Provider driver.
    pub provider: Option<String>,
    /// Fields, sort (`sort=key:dir,…`), paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/loadbalancers`.
pub fn list(filter: &ListLoadBalancers) -> List<LoadBalancer> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        description: filter.description.as_deref(),
        project_id: filter.project_id.as_deref(),
        vip_address: filter.vip_address.as_deref(),
        vip_port_id: filter.vip_port_id.as_deref(),
        vip_subnet_id: filter.vip_subnet_id.as_deref(),
        vip_network_id: filter.vip_network_id.as_deref(),
        vip_qos_policy_id: filter.vip_qos_policy_id.as_deref(),
        flavor_id: filter.flavor_id.as_deref(),
        availability_zone: filter.availability_zone.as_deref(),
        provider: filter.provider.as_deref(),
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(
        path!("lbaas/loadbalancers"),
        "loadbalancers",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/loadbalancers/{id}`.
pub fn get(id: &str) -> Op<LoadBalancer> {
    Op::get(path!("lbaas/loadbalancers/{}", id)).decode_key("loadbalancer")
}

/// A load balancer by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<LoadBalancer> {
    Find::new(
        "load balancer",
        name_or_id,
        get(name_or_id),
        list(&ListLoadBalancers {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(LoadBalancer);

/// `POST lbaas/loadbalancers` (202; wait for `ACTIVE`).
pub fn create(lb: &CreateLoadBalancer) -> Op<LoadBalancer> {
    let has_vip =
        lb.vip_subnet_id.is_some() || lb.vip_network_id.is_some() || lb.vip_port_id.is_some();
    let check = InvalidInput::require(
        has_vip,
        "vip_subnet_id",
        "give a VIP subnet, network or port",
    );
    Op::post(path!("lbaas/loadbalancers"))
        .check(check)
        .json_under("loadbalancer", lb)
        .decode_key("loadbalancer")
}

/// `PUT lbaas/loadbalancers/{id}`.
pub fn update(id: &str, update: &UpdateLoadBalancer) -> Op<LoadBalancer> {
    Op::put(path!("lbaas/loadbalancers/{}", id))
        .json_under("loadbalancer", update)
        .decode_key("loadbalancer")
}

/// `DELETE lbaas/loadbalancers/{id}`; with `cascade`, its listeners, pools and the rest
/// go too.
pub fn delete(id: &str, cascade: bool) -> Op<()> {
    Op::delete(path!("lbaas/loadbalancers/{}", id))
        .query(query!(cascade: cascade.then_some("true")))
}

/// `GET lbaas/loadbalancers/{id}/stats`.
pub fn stats(id: &str) -> Op<Stats> {
    Op::get(path!("lbaas/loadbalancers/{}/stats", id)).decode_key("stats")
}

/// `PUT lbaas/loadbalancers/{id}/failover` (admin; 202): rebuilds its amphorae. The load
/// balancer goes `PENDING_UPDATE`, then back to `ACTIVE`.
pub fn failover(id: &str) -> Op<()> {
    Op::put(path!("lbaas/loadbalancers/{}/failover", id))
}

/// One node of a [`status`] tree: the load balancer, a listener, pool, member, health
/// monitor, L7 policy or rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusNode {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Provisioning status.
    pub provisioning_status: ProvisioningStatus,
    /// Operating status (health monitors have none).
    pub operating_status: Option<OperatingStatus>,
    /// Listeners (of a load balancer).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<StatusNode>,
    /// Pools (of a listener).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pools: Vec<StatusNode>,
    /// Members (of a pool).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<StatusNode>,
    /// Health monitor (of a pool). Octavia sends `health_monitor`; the API reference's
    /// sample writes `healthmonitor`: both are read.
    #[serde(skip_serializing_if = "Option::is_none", alias = "health_monitor")]
    pub healthmonitor: Option<Box<StatusNode>>,
    /// L7 policies (of a listener; in the API reference's sample, but Octavia 19 leaves
    /// them out of the tree).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub l7policies: Vec<StatusNode>,
    /// Rules (of an L7 policy).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<StatusNode>,
    /// Other fields (`address`, `protocol_port`, `type`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of [`status`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusTree {
    /// The load balancer and everything below it.
    pub loadbalancer: StatusNode,
}

/// `GET lbaas/loadbalancers/{id}/status`: the status of every object of the load balancer.
pub fn status(id: &str) -> Op<StatusTree> {
    Op::get(path!("lbaas/loadbalancers/{}/status", id)).decode_key("statuses")
}
