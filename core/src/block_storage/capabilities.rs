//! A Block Storage backend's capabilities (`GET /capabilities/{hostname}`, admin): what
//! its driver offers as volume type options (thin provisioning, compression, QoS,
//! replication), with the backend's name, protocol and vendor.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::capabilities;
//! let caps = client.block_storage().call(&capabilities::get("cinder-host@lvm")).await?;
//! for (key, p) in &caps.properties {
//!     println!("{key} ({:?}): {:?}", p.kind, p.description);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op};

/// A backend's capabilities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BackendCapabilities {
    /// `OS::Storage::Capabilities::{host}`.
    pub namespace: Option<String>,
    /// The driver's vendor.
    pub vendor_name: Option<String>,
    /// The backend's name.
    pub volume_backend_name: Option<String>,
    /// The pool's name, when the backend has one.
    pub pool_name: Option<String>,
    /// The driver's version.
    pub driver_version: Option<String>,
    /// `iSCSI`, `FC`, `ceph`, …
    pub storage_protocol: Option<String>,
    /// A name for people.
    pub display_name: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// Visibility (`public`, …).
    pub visibility: Option<String>,
    /// Replication targets.
    #[serde(default)]
    pub replication_targets: Vec<Value>,
    /// The volume type options the driver offers, by key.
    #[serde(default)]
    pub properties: BTreeMap<String, CapabilityProperty>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One option a driver offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapabilityProperty {
    /// A title.
    pub title: Option<String>,
    /// What it does.
    pub description: Option<String>,
    /// Its JSON type (`boolean`, `string`, …).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Other fields (`enum`, `default`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /capabilities/{hostname}`: the capabilities of a cinder-volume backend
/// (`host@backend`).
pub fn get(hostname: &str) -> Op<BackendCapabilities> {
    Op::get(path!("capabilities/{}", hostname)).decode_body()
}
