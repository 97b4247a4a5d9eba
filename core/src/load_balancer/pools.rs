//! Octavia pools and their members: pool CRUD; member list, get, create, update, delete
//! and batch update (`PUT` of the whole member list).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::pools::{self, CreateMember, CreatePool, LbAlgorithm};
//! use ferrocloud::load_balancer::Protocol;
//! let octavia = client.load_balancer();
//! let pool = octavia
//!     .call(&pools::create(&CreatePool {
//!         listener_id: Some("023f2e".into()),
//!         protocol: Some(Protocol::Http),
//!         lb_algorithm: Some(LbAlgorithm::RoundRobin),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let member = CreateMember { address: "192.0.2.16".into(), protocol_port: 80, ..Default::default() };
//! octavia.call(&pools::batch_update_members(&pool.id, &[member], false)).await?;
//! let members = octavia.collect_all(pools::list_members(&pool.id, &Default::default())).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::health_monitors::CreateHealthMonitor;
use super::{has_status, status_query, IdRef, OperatingStatus, Protocol, ProvisioningStatus};
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Patch, Timestamp};

crate::string_enum! {
    /// How a pool spreads connections.
    pub enum LbAlgorithm {
        /// In turn.
        RoundRobin = "ROUND_ROBIN",
        /// To the member with the fewest connections.
        LeastConnections = "LEAST_CONNECTIONS",
        /// By source address.
        SourceIp = "SOURCE_IP",
        /// By source address and port.
        SourceIpPort = "SOURCE_IP_PORT",
    }
}

/// Session persistence of a pool.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPersistence {
    /// `SOURCE_IP`, `HTTP_COOKIE` or `APP_COOKIE`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Cookie name (`APP_COOKIE`).
    pub cookie_name: Option<String>,
    /// Stickiness timeout (s; UDP).
    pub persistence_timeout: Option<u64>,
    /// Source mask (UDP).
    pub persistence_granularity: Option<String>,
}

/// A pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pool {
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
    /// Protocol.
    #[serde(default)]
    pub protocol: Protocol,
    /// Algorithm.
    #[serde(default)]
    pub lb_algorithm: LbAlgorithm,
    /// Session persistence.
    pub session_persistence: Option<SessionPersistence>,
    /// Provisioning status.
    #[serde(default)]
    pub provisioning_status: ProvisioningStatus,
    /// Operating status.
    #[serde(default)]
    pub operating_status: OperatingStatus,
    /// Load balancers.
    #[serde(default)]
    pub loadbalancers: Vec<IdRef>,
    /// Listeners.
    #[serde(default)]
    pub listeners: Vec<IdRef>,
    /// Members.
    #[serde(default)]
    pub members: Vec<IdRef>,
    /// Health monitor.
    pub healthmonitor_id: Option<String>,
    /// Client certificate for re-encryption to members.
    pub tls_container_ref: Option<String>,
    /// CA to check members against.
    pub ca_tls_container_ref: Option<String>,
    /// CRL for members.
    pub crl_container_ref: Option<String>,
    /// TLS to members.
    pub tls_enabled: Option<bool>,
    /// TLS ciphers.
    pub tls_ciphers: Option<String>,
    /// TLS versions.
    pub tls_versions: Option<Vec<String>>,
    /// ALPN protocols.
    pub alpn_protocols: Option<Vec<String>>,
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

has_status!(Pool: "pool");

/// The body of [`create`] (also a pool inside a graph create, where `protocol` and
/// `lb_algorithm` may be left out of a listener's `default_pool` reference by name).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreatePool {
    /// Name.
    pub name: Option<String>,
    /// Protocol.
    pub protocol: Option<Protocol>,
    /// Algorithm.
    pub lb_algorithm: Option<LbAlgorithm>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Session persistence.
    pub session_persistence: Option<SessionPersistence>,
    /// Listener (one of listener or load balancer, outside a graph create).
    pub listener_id: Option<String>,
    /// Load balancer.
    pub loadbalancer_id: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Health monitor created with it (graph create).
    pub healthmonitor: Option<CreateHealthMonitor>,
    /// Members created with it (graph create).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<CreateMember>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Client certificate for re-encryption.
    pub tls_container_ref: Option<String>,
    /// CA for members.
    pub ca_tls_container_ref: Option<String>,
    /// CRL for members.
    pub crl_container_ref: Option<String>,
    /// TLS to members.
    pub tls_enabled: Option<bool>,
    /// TLS ciphers.
    pub tls_ciphers: Option<String>,
    /// TLS versions.
    pub tls_versions: Option<Vec<String>>,
    /// ALPN protocols.
    pub alpn_protocols: Option<Vec<String>>,
}

/// The body of [`update`]; unset fields are left as they are, `Patch::Null` clears.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdatePool {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Algorithm.
    pub lb_algorithm: Option<LbAlgorithm>,
    /// Session persistence.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub session_persistence: Patch<SessionPersistence>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
    /// Client certificate.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub tls_container_ref: Patch<String>,
    /// CA for members.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub ca_tls_container_ref: Patch<String>,
    /// CRL for members.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub crl_container_ref: Patch<String>,
    /// TLS to members.
    pub tls_enabled: Option<bool>,
    /// TLS ciphers.
    pub tls_ciphers: Option<String>,
    /// TLS versions.
    pub tls_versions: Option<Vec<String>>,
    /// ALPN protocols.
    pub alpn_protocols: Option<Vec<String>>,
}

/// Filters of [`list`]: any attribute of a pool, plus [`ListCommon`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPools {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Project (admin).
    pub project_id: Option<String>,
    /// Provisioning status.
    pub provisioning_status: Option<ProvisioningStatus>,
    /// Operating status.
    pub operating_status: Option<OperatingStatus>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Load balancer.
    pub loadbalancer_id: Option<String>,
    /// Listener.
    pub listener_id: Option<String>,
    /// Protocol.
    pub protocol: Option<Protocol>,
    /// Algorithm.
    pub lb_algorithm: Option<LbAlgorithm>,
    /// Health monitor.
    pub healthmonitor_id: Option<String>,
    /// TLS to members.
    pub tls_enabled: Option<bool>,
    /// Fields, sort, paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/pools`.
pub fn list(filter: &ListPools) -> List<Pool> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        description: filter.description.as_deref(),
        project_id: filter.project_id.as_deref(),
        loadbalancer_id: filter.loadbalancer_id.as_deref(),
        listener_id: filter.listener_id.as_deref(),
        protocol: filter.protocol.as_ref().map(|p| p.as_str()),
        lb_algorithm: filter.lb_algorithm.as_ref().map(|a| a.as_str()),
        healthmonitor_id: filter.healthmonitor_id.as_deref(),
        tls_enabled: filter.tls_enabled,
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(path!("lbaas/pools"), "pools", Paging::Linked)
        .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/pools/{id}`.
pub fn get(id: &str) -> Op<Pool> {
    Op::get(path!("lbaas/pools/{}", id)).decode_key("pool")
}

/// A pool by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Pool> {
    Find::new(
        "pool",
        name_or_id,
        get(name_or_id),
        list(&ListPools {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Pool);

/// `POST lbaas/pools`.
pub fn create(pool: &CreatePool) -> Op<Pool> {
    let check = InvalidInput::require(
        pool.listener_id.is_some() || pool.loadbalancer_id.is_some(),
        "listener_id",
        "a pool needs a listener or a load balancer",
    )
    .and(InvalidInput::require(
        pool.protocol.is_some() && pool.lb_algorithm.is_some(),
        "protocol",
        "a pool needs a protocol and an lb_algorithm",
    ));
    Op::post(path!("lbaas/pools"))
        .check(check)
        .json_under("pool", pool)
        .decode_key("pool")
}

/// `PUT lbaas/pools/{id}`.
pub fn update(id: &str, update: &UpdatePool) -> Op<Pool> {
    Op::put(path!("lbaas/pools/{}", id))
        .json_under("pool", update)
        .decode_key("pool")
}

/// `DELETE lbaas/pools/{id}`.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/pools/{}", id))
}

/// A pool member.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: String,
    /// Port.
    #[serde(default)]
    pub protocol_port: u16,
    /// Weight (0–256; 0 takes no new connections).
    pub weight: Option<u32>,
    /// Only used when every other member is down.
    pub backup: Option<bool>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Subnet of the address.
    pub subnet_id: Option<String>,
    /// Address the health monitor checks.
    pub monitor_address: Option<String>,
    /// Port the health monitor checks.
    pub monitor_port: Option<u16>,
    /// VNIC type.
    pub vnic_type: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Provisioning status.
    #[serde(default)]
    pub provisioning_status: ProvisioningStatus,
    /// Operating status.
    #[serde(default)]
    pub operating_status: OperatingStatus,
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

has_status!(Member: "member");

/// The body of [`create_member`], and one member of [`batch_update_members`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateMember {
    /// Name.
    pub name: Option<String>,
    /// Weight.
    pub weight: Option<u32>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Subnet of the address.
    pub subnet_id: Option<String>,
    /// Address.
    pub address: String,
    /// Port.
    pub protocol_port: u16,
    /// Health-check address.
    pub monitor_address: Option<String>,
    /// Health-check port.
    pub monitor_port: Option<u16>,
    /// Backup member.
    pub backup: Option<bool>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The body of [`update_member`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateMember {
    /// Name.
    pub name: Option<String>,
    /// Weight.
    pub weight: Option<u32>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Health-check address (`Patch::Null`: the member's own).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub monitor_address: Patch<String>,
    /// Health-check port.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub monitor_port: Patch<u16>,
    /// Backup member.
    pub backup: Option<bool>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
}

fn check_member(m: &CreateMember) -> Result<(), InvalidInput> {
    if m.address.is_empty() {
        return Err(InvalidInput::field("address", "a member needs an address"));
    }
    if m.protocol_port == 0 {
        return Err(InvalidInput::field("protocol_port", "1 to 65535"));
    }
    if m.weight.is_some_and(|w| w > 256) {
        return Err(InvalidInput::field("weight", "0 to 256"));
    }
    Ok(())
}

/// Filters of [`list_members`]: any attribute of a member, plus [`ListCommon`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListMembers {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Project (admin).
    pub project_id: Option<String>,
    /// Provisioning status.
    pub provisioning_status: Option<ProvisioningStatus>,
    /// Operating status.
    pub operating_status: Option<OperatingStatus>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Address.
    pub address: Option<String>,
    /// Port.
    pub protocol_port: Option<u16>,
    /// Subnet.
    pub subnet_id: Option<String>,
    /// Weight.
    pub weight: Option<u32>,
    /// Health-check address.
    pub monitor_address: Option<String>,
    /// Health-check port.
    pub monitor_port: Option<u16>,
    /// Backup members (`Some(true)`) or the others.
    pub backup: Option<bool>,
    /// Fields, sort, paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/pools/{pool_id}/members`.
pub fn list_members(pool_id: &str, filter: &ListMembers) -> List<Member> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        project_id: filter.project_id.as_deref(),
        address: filter.address.as_deref(),
        protocol_port: filter.protocol_port,
        subnet_id: filter.subnet_id.as_deref(),
        weight: filter.weight,
        monitor_address: filter.monitor_address.as_deref(),
        monitor_port: filter.monitor_port,
        backup: filter.backup,
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(
        path!("lbaas/pools/{}/members", pool_id),
        "members",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/pools/{pool_id}/members/{member_id}`.
pub fn get_member(pool_id: &str, member_id: &str) -> Op<Member> {
    Op::get(path!("lbaas/pools/{}/members/{}", pool_id, member_id)).decode_key("member")
}

/// `POST lbaas/pools/{pool_id}/members`.
pub fn create_member(pool_id: &str, member: &CreateMember) -> Op<Member> {
    Op::post(path!("lbaas/pools/{}/members", pool_id))
        .check(check_member(member))
        .json_under("member", member)
        .decode_key("member")
}

/// `PUT lbaas/pools/{pool_id}/members/{member_id}`.
pub fn update_member(pool_id: &str, member_id: &str, update: &UpdateMember) -> Op<Member> {
    Op::put(path!("lbaas/pools/{}/members/{}", pool_id, member_id))
        .json_under("member", update)
        .decode_key("member")
}

/// `DELETE lbaas/pools/{pool_id}/members/{member_id}`.
pub fn delete_member(pool_id: &str, member_id: &str) -> Op<()> {
    Op::delete(path!("lbaas/pools/{}/members/{}", pool_id, member_id))
}

/// `PUT lbaas/pools/{pool_id}/members`: makes the pool's members exactly `members`
/// (matched by address and port; others are deleted unless `additive_only`). 202.
pub fn batch_update_members(
    pool_id: &str,
    members: &[CreateMember],
    additive_only: bool,
) -> Op<()> {
    #[derive(Serialize)]
    struct Members<'a> {
        members: &'a [CreateMember],
    }
    Op::put(path!("lbaas/pools/{}/members", pool_id))
        .query(query!(additive_only: additive_only.then_some("true")))
        .check(members.iter().try_for_each(check_member))
        .json(&Members { members })
}
