//! Octavia listeners: list, get, create, update, delete, stats.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::listeners::{self, CreateListener};
//! use ferrocloud::load_balancer::Protocol;
//! let octavia = client.load_balancer();
//! let l = octavia
//!     .call(&listeners::create(&CreateListener {
//!         loadbalancer_id: Some("8a5623".into()),
//!         protocol: Protocol::Http,
//!         protocol_port: 80,
//!         ..Default::default()
//!     }))
//!     .await?;
//! let stats = octavia.call(&listeners::stats(&l.id)).await?;
//! octavia.call(&listeners::delete(&l.id)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::l7policies::CreateL7Policy;
use super::pools::CreatePool;
use super::{
    has_status, status_query, IdRef, OperatingStatus, Protocol, ProvisioningStatus, Stats,
};
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Patch, Timestamp};

/// A listener.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Listener {
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
    /// Port.
    #[serde(default)]
    pub protocol_port: u16,
    /// Maximum connections (`-1`: unlimited).
    pub connection_limit: Option<i64>,
    /// Provisioning status.
    #[serde(default)]
    pub provisioning_status: ProvisioningStatus,
    /// Operating status.
    #[serde(default)]
    pub operating_status: OperatingStatus,
    /// Default pool.
    pub default_pool_id: Option<String>,
    /// Load balancers.
    #[serde(default)]
    pub loadbalancers: Vec<IdRef>,
    /// L7 policies.
    #[serde(default)]
    pub l7policies: Vec<IdRef>,
    /// Headers added to requests (`X-Forwarded-For`, …).
    #[serde(default)]
    pub insert_headers: BTreeMap<String, String>,
    /// TLS certificate (Barbican container).
    pub default_tls_container_ref: Option<String>,
    /// SNI certificates.
    #[serde(default)]
    pub sni_container_refs: Vec<String>,
    /// Client CA certificate.
    pub client_ca_tls_container_ref: Option<String>,
    /// Client authentication (`NONE`, `OPTIONAL`, `MANDATORY`).
    pub client_authentication: Option<String>,
    /// Client CRL.
    pub client_crl_container_ref: Option<String>,
    /// Client inactivity timeout (ms).
    pub timeout_client_data: Option<u64>,
    /// Member connect timeout (ms).
    pub timeout_member_connect: Option<u64>,
    /// Member inactivity timeout (ms).
    pub timeout_member_data: Option<u64>,
    /// TCP inspection wait (ms).
    pub timeout_tcp_inspect: Option<u64>,
    /// Allowed source CIDRs.
    pub allowed_cidrs: Option<Vec<String>>,
    /// TLS ciphers (OpenSSL format).
    pub tls_ciphers: Option<String>,
    /// TLS versions.
    pub tls_versions: Option<Vec<String>>,
    /// ALPN protocols.
    pub alpn_protocols: Option<Vec<String>>,
    /// HSTS max age (s).
    pub hsts_max_age: Option<u64>,
    /// HSTS `includeSubDomains`.
    pub hsts_include_subdomains: Option<bool>,
    /// HSTS `preload`.
    pub hsts_preload: Option<bool>,
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

has_status!(Listener: "listener");

/// The body of [`create`] (also a listener inside a graph create).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateListener {
    /// Load balancer (not inside a graph create).
    pub loadbalancer_id: Option<String>,
    /// Protocol.
    pub protocol: Protocol,
    /// Port (1–65535).
    pub protocol_port: u16,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Maximum connections.
    pub connection_limit: Option<i64>,
    /// Default pool by id.
    pub default_pool_id: Option<String>,
    /// Default pool created with it (graph create).
    pub default_pool: Option<CreatePool>,
    /// L7 policies created with it (graph create).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub l7policies: Vec<CreateL7Policy>,
    /// Headers to insert.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub insert_headers: BTreeMap<String, String>,
    /// TLS certificate.
    pub default_tls_container_ref: Option<String>,
    /// SNI certificates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sni_container_refs: Vec<String>,
    /// Client CA certificate.
    pub client_ca_tls_container_ref: Option<String>,
    /// Client authentication.
    pub client_authentication: Option<String>,
    /// Client CRL.
    pub client_crl_container_ref: Option<String>,
    /// Client inactivity timeout (ms).
    pub timeout_client_data: Option<u64>,
    /// Member connect timeout (ms).
    pub timeout_member_connect: Option<u64>,
    /// Member inactivity timeout (ms).
    pub timeout_member_data: Option<u64>,
    /// TCP inspection wait (ms).
    pub timeout_tcp_inspect: Option<u64>,
    /// Allowed source CIDRs.
    pub allowed_cidrs: Option<Vec<String>>,
    /// TLS ciphers.
    pub tls_ciphers: Option<String>,
    /// TLS versions.
    pub tls_versions: Option<Vec<String>>,
    /// ALPN protocols.
    pub alpn_protocols: Option<Vec<String>>,
    /// HSTS `includeSubDomains`.
    pub hsts_include_subdomains: Option<bool>,
    /// HSTS max age (s).
    pub hsts_max_age: Option<u64>,
    /// HSTS `preload`.
    pub hsts_preload: Option<bool>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The body of [`update`]; unset fields are left as they are, `Patch::Null` clears.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateListener {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Maximum connections.
    pub connection_limit: Option<i64>,
    /// Default pool.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub default_pool_id: Patch<String>,
    /// Headers to insert.
    pub insert_headers: Option<BTreeMap<String, String>>,
    /// TLS certificate.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub default_tls_container_ref: Patch<String>,
    /// SNI certificates.
    pub sni_container_refs: Option<Vec<String>>,
    /// Client CA certificate.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub client_ca_tls_container_ref: Patch<String>,
    /// Client authentication.
    pub client_authentication: Option<String>,
    /// Client CRL.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub client_crl_container_ref: Patch<String>,
    /// Client inactivity timeout (ms).
    pub timeout_client_data: Option<u64>,
    /// Member connect timeout (ms).
    pub timeout_member_connect: Option<u64>,
    /// Member inactivity timeout (ms).
    pub timeout_member_data: Option<u64>,
    /// TCP inspection wait (ms).
    pub timeout_tcp_inspect: Option<u64>,
    /// Allowed source CIDRs.
    pub allowed_cidrs: Option<Vec<String>>,
    /// TLS ciphers.
    pub tls_ciphers: Option<String>,
    /// TLS versions.
    pub tls_versions: Option<Vec<String>>,
    /// ALPN protocols.
    pub alpn_protocols: Option<Vec<String>>,
    /// HSTS `includeSubDomains`.
    pub hsts_include_subdomains: Option<bool>,
    /// HSTS max age (s).
    pub hsts_max_age: Option<u64>,
    /// HSTS `preload`.
    pub hsts_preload: Option<bool>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
}

/// Filters of [`list`]: any attribute of a listener, plus [`ListCommon`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListListeners {
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
    /// Protocol.
    pub protocol: Option<Protocol>,
    /// Port.
    pub protocol_port: Option<u16>,
    /// Maximum connections.
    pub connection_limit: Option<i64>,
    /// Default pool.
    pub default_pool_id: Option<String>,
    /// Client inactivity timeout (ms).
    pub timeout_client_data: Option<u64>,
    /// Member connect timeout (ms).
    pub timeout_member_connect: Option<u64>,
    /// Member inactivity timeout (ms).
    pub timeout_member_data: Option<u64>,
    /// TCP inspection wait (ms).
    pub timeout_tcp_inspect: Option<u64>,
    /// Fields, sort, paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/listeners`.
pub fn list(filter: &ListListeners) -> List<Listener> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        description: filter.description.as_deref(),
        project_id: filter.project_id.as_deref(),
        loadbalancer_id: filter.loadbalancer_id.as_deref(),
        protocol: filter.protocol.as_ref().map(|p| p.as_str()),
        protocol_port: filter.protocol_port,
        connection_limit: filter.connection_limit,
        default_pool_id: filter.default_pool_id.as_deref(),
        timeout_client_data: filter.timeout_client_data,
        timeout_member_connect: filter.timeout_member_connect,
        timeout_member_data: filter.timeout_member_data,
        timeout_tcp_inspect: filter.timeout_tcp_inspect,
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(path!("lbaas/listeners"), "listeners", Paging::Linked)
        .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/listeners/{id}`.
pub fn get(id: &str) -> Op<Listener> {
    Op::get(path!("lbaas/listeners/{}", id)).decode_key("listener")
}

/// A listener by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Listener> {
    Find::new(
        "listener",
        name_or_id,
        get(name_or_id),
        list(&ListListeners {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Listener);

/// `POST lbaas/listeners`.
pub fn create(l: &CreateListener) -> Op<Listener> {
    let check = InvalidInput::require(
        l.loadbalancer_id.is_some(),
        "loadbalancer_id",
        "a listener needs a load balancer",
    )
    .and(InvalidInput::require(
        l.protocol_port != 0,
        "protocol_port",
        "1 to 65535",
    ));
    Op::post(path!("lbaas/listeners"))
        .check(check)
        .json_under("listener", l)
        .decode_key("listener")
}

/// `PUT lbaas/listeners/{id}`.
pub fn update(id: &str, update: &UpdateListener) -> Op<Listener> {
    Op::put(path!("lbaas/listeners/{}", id))
        .json_under("listener", update)
        .decode_key("listener")
}

/// `DELETE lbaas/listeners/{id}`.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/listeners/{}", id))
}

/// `GET lbaas/listeners/{id}/stats`.
pub fn stats(id: &str) -> Op<Stats> {
    Op::get(path!("lbaas/listeners/{}/stats", id)).decode_key("stats")
}
