//! Block Storage worker cleanup (`POST /workers/cleanup`, microversion 3.24+, admin):
//! another service of the same cluster takes over the unfinished work of services that
//! died (resources left `creating`, `deleting`, …). The filters say whose work; the answer
//! names the services whose cleanup started and those no service could take.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::workers::{self, Cleanup};
//! let cleanup = Cleanup { host: Some("node2@lvm".into()), is_up: Some(false), ..Default::default() };
//! let answer = client.block_storage().call(&workers::cleanup(&cleanup)).await?;
//! println!("cleaning {:?}, unavailable {:?}", answer.cleaning, answer.unavailable);
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op};

/// The microversion of [`cleanup`].
pub const MICROVERSION: &str = "3.24";

/// Whose work to clean up (every filter optional; none: every service that is down).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cleanup {
    /// Services of this cluster.
    pub cluster_name: Option<String>,
    /// Disabled (or enabled) services.
    pub disabled: Option<bool>,
    /// Services of this host.
    pub host: Option<String>,
    /// This service (its numeric id).
    pub service_id: Option<u64>,
    /// Up (or down) services.
    pub is_up: Option<bool>,
    /// Services running this process.
    pub binary: Option<String>,
    /// Only this resource.
    pub resource_id: Option<String>,
    /// Only resources of this kind (`Volume`, `Snapshot`).
    pub resource_type: Option<String>,
}

/// A service in a cleanup answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanupService {
    /// Its numeric id.
    pub id: Option<u64>,
    /// Its host.
    pub host: Option<String>,
    /// Its process.
    pub binary: Option<String>,
    /// Its cluster.
    pub cluster_name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of [`cleanup`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanupResult {
    /// Services whose cleanup was started.
    #[serde(default)]
    pub cleaning: Vec<CleanupService>,
    /// Services no other service could clean up for.
    #[serde(default)]
    pub unavailable: Vec<CleanupService>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /workers/cleanup` (3.24, 202).
pub fn cleanup(filter: &Cleanup) -> Op<CleanupResult> {
    Op::post(path!("workers/cleanup"))
        .microversion(MICROVERSION)
        .json(filter)
        .decode_body()
}
