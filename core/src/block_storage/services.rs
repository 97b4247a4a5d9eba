//! Block Storage services (`/os-services`, admin): the cinder-scheduler, cinder-volume and
//! cinder-backup processes, where they run and whether they are up. List (by host and
//! binary); enable, disable (with a reason); freeze, thaw and fail over a replicating
//! backend; read and set the log levels of running services (3.32).
//!
//! A cinder-volume service's host is `host@backend` (its pools add `#pool`, see
//! [`scheduler_stats`](crate::block_storage::scheduler_stats)).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::services::{self, ListServices, ServiceState};
//! let cinder = client.block_storage();
//! let filter = ListServices { binary: Some("cinder-volume".into()), ..Default::default() };
//! for s in cinder.call(&services::list(&filter)).await? {
//!     if s.state == Some(ServiceState::Down) {
//!         let reason = "backend lost";
//!         cinder.call(&services::disable_log_reason(&s.host, &s.binary, reason)).await?;
//!     }
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, Op, Timestamp};

/// The microversion of [`get_log`] and [`set_log`].
pub const LOG_MICROVERSION: &str = "3.32";

/// The microversion of a [`Backend::Cluster`] in [`freeze`], [`thaw`] and
/// [`failover_host`].
pub const CLUSTER_MICROVERSION: &str = "3.26";

crate::string_enum! {
    /// Whether the scheduler may use a service.
    pub enum ServiceStatus {
        /// Enabled.
        Enabled = "enabled",
        /// Disabled.
        Disabled = "disabled",
    }
}

crate::string_enum! {
    /// Whether a service reports in (or, for `backend_state`, whether its backend
    /// answers).
    pub enum ServiceState {
        /// Reporting.
        Up = "up",
        /// Silent for longer than `service_down_time`.
        Down = "down",
    }
}

crate::string_enum! {
    /// A log level of [`set_log`] and [`get_log`].
    pub enum LogLevel {
        /// Debug.
        Debug = "DEBUG",
        /// Info.
        Info = "INFO",
        /// Warning.
        Warning = "WARNING",
        /// Error.
        Error = "ERROR",
    }
}

/// A Block Storage service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockStorageService {
    /// The process (`cinder-volume`, `cinder-scheduler`, `cinder-backup`).
    #[serde(default)]
    pub binary: String,
    /// Its host (`host@backend` for cinder-volume).
    #[serde(default)]
    pub host: String,
    /// Its availability zone.
    pub zone: Option<String>,
    /// Enabled or disabled.
    pub status: Option<ServiceStatus>,
    /// Up or down.
    pub state: Option<ServiceState>,
    /// Last report.
    pub updated_at: Option<Timestamp>,
    /// Why it is disabled.
    pub disabled_reason: Option<String>,
    /// Its cluster (3.7+).
    pub cluster: Option<String>,
    /// Whether its backend answers (cinder-volume, 3.49+).
    pub backend_state: Option<ServiceState>,
    /// Replication status (cinder-volume).
    pub replication_status: Option<String>,
    /// The backend it failed over to (cinder-volume).
    pub active_backend_id: Option<String>,
    /// Frozen: no management operations (cinder-volume).
    pub frozen: Option<bool>,
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

/// `GET /os-services` (one page; send microversion 3.49 for `backend_state`).
pub fn list(filter: &ListServices) -> Op<Vec<BlockStorageService>> {
    Op::get(path!("os-services"))
        .query(query!(binary: filter.binary.as_deref(), host: filter.host.as_deref()))
        .decode_key("services")
}

/// The answer of [`enable`], [`disable`] and [`disable_log_reason`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceChange {
    /// The host.
    #[serde(default)]
    pub host: String,
    /// The process.
    #[serde(default)]
    pub binary: String,
    /// The old `service` name the request gave (usually `""`).
    pub service: Option<String>,
    /// The new status.
    pub status: Option<ServiceStatus>,
    /// Disabled now.
    pub disabled: Option<bool>,
    /// Why (after [`disable_log_reason`]).
    pub disabled_reason: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[serde_with::skip_serializing_none]
#[derive(Serialize)]
struct HostBinary<'a> {
    host: &'a str,
    binary: &'a str,
    disabled_reason: Option<&'a str>,
}

fn change(action: &str, body: &HostBinary<'_>) -> Op<ServiceChange> {
    Op::put(path!("os-services/{}", action))
        .check(
            InvalidInput::require(!body.host.is_empty(), "host", "must not be empty").and(
                InvalidInput::require(!body.binary.is_empty(), "binary", "must not be empty"),
            ),
        )
        .json(body)
        .decode_body()
}

/// `PUT /os-services/enable`: the scheduler may use the service again.
pub fn enable(host: &str, binary: &str) -> Op<ServiceChange> {
    let body = HostBinary {
        host,
        binary,
        disabled_reason: None,
    };
    change("enable", &body)
}

/// `PUT /os-services/disable`.
pub fn disable(host: &str, binary: &str) -> Op<ServiceChange> {
    let body = HostBinary {
        host,
        binary,
        disabled_reason: None,
    };
    change("disable", &body)
}

/// `PUT /os-services/disable-log-reason`: disable, saying why.
pub fn disable_log_reason(host: &str, binary: &str, reason: &str) -> Op<ServiceChange> {
    let body = HostBinary {
        host,
        binary,
        disabled_reason: Some(reason),
    };
    change("disable-log-reason", &body)
}

/// The backend a replication call acts on: a cinder-volume host (`host@backend`) or,
/// from 3.26, a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// `{"host": …}`.
    Host(String),
    /// `{"cluster": …}` (3.26+).
    Cluster(String),
}

impl Backend {
    fn check(&self) -> Result<(), InvalidInput> {
        let (field, name) = match self {
            Backend::Host(h) => ("host", h),
            Backend::Cluster(c) => ("cluster", c),
        };
        InvalidInput::require(!name.is_empty(), field, "must not be empty")
    }

    fn op<T>(&self, op: Op<T>) -> Op<T> {
        match self {
            Backend::Host(_) => op,
            Backend::Cluster(_) => op.microversion(CLUSTER_MICROVERSION),
        }
    }
}

/// `PUT /os-services/freeze`: no management operations on the backend (volumes keep
/// working).
pub fn freeze(backend: &Backend) -> Op<()> {
    backend.op(Op::put(path!("os-services/freeze"))
        .check(backend.check())
        .json(backend))
}

/// `PUT /os-services/thaw`: undoes [`freeze`].
pub fn thaw(backend: &Backend) -> Op<()> {
    backend.op(Op::put(path!("os-services/thaw"))
        .check(backend.check())
        .json(backend))
}

/// The body of [`failover_host`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailoverHost {
    /// The backend to fail over.
    #[serde(flatten)]
    pub backend: Backend,
    /// The replication target to fail over to (`None`: the driver's choice; `"default"`
    /// fails back).
    pub backend_id: Option<String>,
}

/// `PUT /os-services/failover_host` (202): a replicating backend fails over.
pub fn failover_host(failover: &FailoverHost) -> Op<()> {
    failover
        .backend
        .op(Op::put(path!("os-services/failover_host"))
            .check(failover.backend.check())
            .json(failover))
}

/// Which running services [`get_log`] and [`set_log`] address: every one that matches
/// (all when empty).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LogTarget {
    /// Only this process (`cinder-api`, `cinder-volume`, …; none or `*`: all).
    pub binary: Option<String>,
    /// Only this host (`server` in the API).
    pub server: Option<String>,
    /// Only loggers under this prefix (`cinder.volume`).
    pub prefix: Option<String>,
}

/// The log levels of one running service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLogLevels {
    /// The process.
    #[serde(default)]
    pub binary: String,
    /// Its host.
    #[serde(default)]
    pub host: String,
    /// Logger name → level.
    #[serde(default)]
    pub levels: BTreeMap<String, LogLevel>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `PUT /os-services/get-log` (3.32): the log levels of the matching services.
pub fn get_log(target: &LogTarget) -> Op<Vec<ServiceLogLevels>> {
    Op::put(path!("os-services/get-log"))
        .microversion(LOG_MICROVERSION)
        .json(target)
        .decode_key("log_levels")
}

/// The body of [`set_log`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetLogLevel {
    /// Which services and loggers.
    #[serde(flatten)]
    pub target: LogTarget,
    /// The new level.
    pub level: LogLevel,
}

/// `PUT /os-services/set-log` (3.32, 202): sets the level of the matching loggers of the
/// matching running services (until they restart).
pub fn set_log(set: &SetLogLevel) -> Op<()> {
    Op::put(path!("os-services/set-log"))
        .microversion(LOG_MICROVERSION)
        .json(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap()
    }

    #[test]
    fn bodies_queries_and_microversions() {
        let req = list(&ListServices {
            binary: Some("cinder-volume".into()),
            host: Some("h@b".into()),
        })
        .request(&svc())
        .unwrap();
        assert_eq!(req.uri().query(), Some("binary=cinder-volume&host=h%40b"));
        let req = freeze(&Backend::Cluster("c1".into()))
            .request(&svc())
            .unwrap();
        assert_eq!(req.body().as_ref(), br#"{"cluster":"c1"}"#);
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.26");
        let req = thaw(&Backend::Host("h@b".into())).request(&svc()).unwrap();
        assert!(req.headers().get("OpenStack-API-Version").is_none());
        assert!(freeze(&Backend::Host(String::new()))
            .request(&svc())
            .is_err());
        assert!(enable("", "cinder-volume").request(&svc()).is_err());
        let req = set_log(&SetLogLevel {
            target: LogTarget {
                prefix: Some("cinder".into()),
                ..Default::default()
            },
            level: LogLevel::Warning,
        })
        .request(&svc())
        .unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"prefix":"cinder","level":"WARNING"}"#
        );
    }
}
