//! Compute services (`/os-services`, admin): the nova-compute, nova-scheduler and
//! nova-conductor processes, where they run and whether they are up; enable, disable (with
//! a reason), force down (2.11) and delete. From 2.53 a service is changed by its UUID with
//! [`update`](crate::compute::services::update); before, by host and binary with [`enable`](crate::compute::services::enable), [`disable`](crate::compute::services::disable),
//! [`disable_log_reason`](crate::compute::services::disable_log_reason) and [`force_down`](crate::compute::services::force_down).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::services::{self, ListServices, ServiceStatus, UpdateService};
//! let nova = client.compute().microversion("2.53");
//! let computes = nova
//!     .call(&services::list(&ListServices { binary: Some("nova-compute".into()), ..Default::default() }))
//!     .await?;
//! for s in computes.iter().filter(|s| s.state.as_deref() == Some("down")) {
//!     nova.call(&services::update(&s.id, &UpdateService {
//!         status: Some(ServiceStatus::Disabled),
//!         disabled_reason: Some("host lost".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::types::flex::flex_id;
use crate::{path, query, Op, Timestamp};

crate::string_enum! {
    /// Whether the scheduler may use a service.
    pub enum ServiceStatus {
        /// Enabled.
        Enabled = "enabled",
        /// Disabled.
        Disabled = "disabled",
    }
}

/// A compute service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputeService {
    /// Id: a number before 2.53, a UUID from it (absent in pre-2.53 action answers).
    #[serde(default, deserialize_with = "flex_id")]
    pub id: String,
    /// The process (`nova-compute`, `nova-scheduler`, `nova-conductor`).
    pub binary: Option<String>,
    /// Its host.
    pub host: Option<String>,
    /// Its availability zone (`internal` for control services).
    pub zone: Option<String>,
    /// `up` or `down`.
    pub state: Option<String>,
    /// Enabled or disabled (`UNKNOWN` when its cell is down, 2.69).
    pub status: Option<ServiceStatus>,
    /// Why it is disabled.
    pub disabled_reason: Option<String>,
    /// Forced down (2.11).
    pub forced_down: Option<bool>,
    /// Last report.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListServices {
    /// Only this process.
    pub binary: Option<String>,
    /// Only this host.
    pub host: Option<String>,
}

/// `GET /os-services`.
pub fn list(filter: &ListServices) -> Op<Vec<ComputeService>> {
    Op::get(path!("os-services"))
        .query(query!(binary: filter.binary.as_deref(), host: filter.host.as_deref()))
        .decode_key("services")
}

/// The body of [`update`] (2.53): only what is given changes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateService {
    /// Enable or disable.
    pub status: Option<ServiceStatus>,
    /// Why (with disabling).
    pub disabled_reason: Option<String>,
    /// Force it down (or back up).
    pub forced_down: Option<bool>,
}

/// `PUT /os-services/{id}` (2.53).
pub fn update(id: &str, change: &UpdateService) -> Op<ComputeService> {
    Op::put(path!("os-services/{}", id))
        .json(change)
        .microversion("2.53")
        .decode_key("service")
}

/// `DELETE /os-services/{id}`: removes a service record (and, for nova-compute, its
/// compute node and resource provider); by UUID from 2.53.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("os-services/{}", id))
}

/// The body of the actions before 2.53.
#[serde_with::skip_serializing_none]
#[derive(Serialize)]
struct HostBinary<'a> {
    host: &'a str,
    binary: &'a str,
    disabled_reason: Option<&'a str>,
    forced_down: Option<bool>,
}

fn by_host(action: &str, body: &HostBinary<'_>) -> Op<ComputeService> {
    Op::put(path!("os-services/{}", action))
        .json(body)
        .decode_key("service")
}

/// `PUT /os-services/enable` (before 2.53).
pub fn enable(host: &str, binary: &str) -> Op<ComputeService> {
    by_host(
        "enable",
        &HostBinary {
            host,
            binary,
            disabled_reason: None,
            forced_down: None,
        },
    )
}

/// `PUT /os-services/disable` (before 2.53).
pub fn disable(host: &str, binary: &str) -> Op<ComputeService> {
    by_host(
        "disable",
        &HostBinary {
            host,
            binary,
            disabled_reason: None,
            forced_down: None,
        },
    )
}

/// `PUT /os-services/disable-log-reason` (before 2.53).
pub fn disable_log_reason(host: &str, binary: &str, reason: &str) -> Op<ComputeService> {
    let body = HostBinary {
        host,
        binary,
        disabled_reason: Some(reason),
        forced_down: None,
    };
    by_host("disable-log-reason", &body)
}

/// `PUT /os-services/force-down` (2.11 to 2.52).
pub fn force_down(host: &str, binary: &str, down: bool) -> Op<ComputeService> {
    let body = HostBinary {
        host,
        binary,
        disabled_reason: None,
        forced_down: Some(down),
    };
    by_host("force-down", &body).microversion("2.11")
}
