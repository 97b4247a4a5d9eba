//! Octavia health monitors: list, get, create, update, delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::health_monitors::{self, CreateHealthMonitor, MonitorType};
//! let octavia = client.load_balancer();
//! let hm = octavia
//!     .call(&health_monitors::create(&CreateHealthMonitor {
//!         pool_id: Some("4029d2".into()),
//!         kind: MonitorType::Http,
//!         delay: 10,
//!         timeout: 5,
//!         max_retries: 3,
//!         url_path: Some("/healthz".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! octavia.call(&health_monitors::delete(&hm.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{has_status, status_query, IdRef, OperatingStatus, ProvisioningStatus};
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Patch, Timestamp};

crate::string_enum! {
    /// How a health monitor checks members.
    pub enum MonitorType {
        /// HTTP request.
        Http = "HTTP",
        /// HTTPS request.
        Https = "HTTPS",
        /// ICMP echo.
        Ping = "PING",
        /// TCP connect.
        Tcp = "TCP",
        /// TLS handshake.
        TlsHello = "TLS-HELLO",
        /// UDP connect.
        UdpConnect = "UDP-CONNECT",
        /// SCTP.
        Sctp = "SCTP",
    }
}

/// A health monitor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthMonitor {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Type.
    #[serde(rename = "type", default)]
    pub kind: MonitorType,
    /// Seconds between checks.
    #[serde(default)]
    pub delay: u32,
    /// Seconds a check may take.
    #[serde(default)]
    pub timeout: u32,
    /// Successes before a member is up.
    #[serde(default)]
    pub max_retries: u32,
    /// Failures before a member is down.
    pub max_retries_down: Option<u32>,
    /// HTTP method.
    pub http_method: Option<String>,
    /// HTTP version (1.0 or 1.1).
    pub http_version: Option<f64>,
    /// Path checked.
    pub url_path: Option<String>,
    /// Expected status codes (`200`, `200,202`, `200-204`).
    pub expected_codes: Option<String>,
    /// `Host` header for HTTP/1.1 checks.
    pub domain_name: Option<String>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Owning project.
    pub project_id: Option<String>,
    /// Pools.
    #[serde(default)]
    pub pools: Vec<IdRef>,
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

has_status!(HealthMonitor: "health monitor");

/// The body of [`create`] (also a pool's monitor inside a graph create).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateHealthMonitor {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Pool (outside a graph create).
    pub pool_id: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub kind: MonitorType,
    /// Seconds between checks.
    pub delay: u32,
    /// Seconds a check may take.
    pub timeout: u32,
    /// Successes before a member is up (1–10).
    pub max_retries: u32,
    /// Failures before a member is down (1–10).
    pub max_retries_down: Option<u32>,
    /// HTTP method.
    pub http_method: Option<String>,
    /// HTTP version.
    pub http_version: Option<f64>,
    /// Path checked.
    pub url_path: Option<String>,
    /// Expected codes.
    pub expected_codes: Option<String>,
    /// `Host` header.
    pub domain_name: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateHealthMonitor {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Seconds between checks.
    pub delay: Option<u32>,
    /// Expected codes.
    pub expected_codes: Option<String>,
    /// HTTP method.
    pub http_method: Option<String>,
    /// Seconds a check may take.
    pub timeout: Option<u32>,
    /// Path checked.
    pub url_path: Option<String>,
    /// Successes before up.
    pub max_retries: Option<u32>,
    /// Failures before down.
    pub max_retries_down: Option<u32>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
    /// HTTP version.
    pub http_version: Option<f64>,
    /// `Host` header (`Patch::Null` removes it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub domain_name: Patch<String>,
}

/// Filters of [`list`]: any attribute of a health monitor, plus [`ListCommon`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListHealthMonitors {
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
    /// Pool.
    pub pool_id: Option<String>,
    /// Type.
    pub kind: Option<MonitorType>,
    /// Seconds between checks.
    pub delay: Option<u32>,
    /// Seconds a check may take.
    pub timeout: Option<u32>,
    /// Successes before up.
    pub max_retries: Option<u32>,
    /// Failures before down.
    pub max_retries_down: Option<u32>,
    /// HTTP method.
    pub http_method: Option<String>,
    /// HTTP version.
    pub http_version: Option<f64>,
    /// Path checked.
    pub url_path: Option<String>,
    /// Expected codes.
    pub expected_codes: Option<String>,
    /// `Host` header.
    pub domain_name: Option<String>,
    /// Fields, sort, paging, tag filters, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/healthmonitors`.
pub fn list(filter: &ListHealthMonitors) -> List<HealthMonitor> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        project_id: filter.project_id.as_deref(),
        pool_id: filter.pool_id.as_deref(),
        "type": filter.kind.as_ref().map(|k| k.as_str()),
        delay: filter.delay,
        timeout: filter.timeout,
        max_retries: filter.max_retries,
        max_retries_down: filter.max_retries_down,
        http_method: filter.http_method.as_deref(),
        http_version: filter.http_version,
        url_path: filter.url_path.as_deref(),
        expected_codes: filter.expected_codes.as_deref(),
        domain_name: filter.domain_name.as_deref(),
    );
    let q = status_query(
        q,
        &filter.provisioning_status,
        &filter.operating_status,
        filter.admin_state_up,
    );
    List::new(
        path!("lbaas/healthmonitors"),
        "healthmonitors",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/healthmonitors/{id}`.
pub fn get(id: &str) -> Op<HealthMonitor> {
    Op::get(path!("lbaas/healthmonitors/{}", id)).decode_key("healthmonitor")
}

/// A health monitor by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<HealthMonitor> {
    Find::new(
        "health monitor",
        name_or_id,
        get(name_or_id),
        list(&ListHealthMonitors {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(HealthMonitor);

/// `POST lbaas/healthmonitors`.
pub fn create(hm: &CreateHealthMonitor) -> Op<HealthMonitor> {
    let in_range = hm.delay > 0 && hm.timeout > 0 && (1..=10).contains(&hm.max_retries);
    let check = InvalidInput::require(
        hm.pool_id.is_some(),
        "pool_id",
        "a health monitor needs a pool",
    )
    .and(InvalidInput::require(
        in_range,
        "delay",
        "delay and timeout are > 0, max_retries 1 to 10",
    ))
    .and(InvalidInput::require(
        hm.timeout <= hm.delay,
        "timeout",
        "must not exceed delay",
    ));
    Op::post(path!("lbaas/healthmonitors"))
        .check(check)
        .json_under("healthmonitor", hm)
        .decode_key("healthmonitor")
}

/// `PUT lbaas/healthmonitors/{id}`.
pub fn update(id: &str, update: &UpdateHealthMonitor) -> Op<HealthMonitor> {
    Op::put(path!("lbaas/healthmonitors/{}", id))
        .json_under("healthmonitor", update)
        .decode_key("healthmonitor")
}

/// `DELETE lbaas/healthmonitors/{id}`.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/healthmonitors/{}", id))
}
