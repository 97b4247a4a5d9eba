//! Compute availability zones: the zones servers can be placed in (`GET
//! /os-availability-zone`), and for admins every host and service in each (`/detail`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::availability_zones;
//! for zone in client.compute().call(&availability_zones::list()).await? {
//!     println!("{} available: {}", zone.zone_name, zone.zone_state.available);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op, Timestamp};

/// An availability zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    /// Its name (`nova`, or `internal` for the control services in the detail).
    #[serde(rename = "zoneName")]
    pub zone_name: String,
    /// Whether it is available.
    #[serde(rename = "zoneState", default)]
    pub zone_state: ZoneState,
    /// Hosts, by host name, and their services by binary (detail only).
    pub hosts: Option<BTreeMap<String, BTreeMap<String, ServiceState>>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whether a zone is available.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneState {
    /// Available.
    #[serde(default)]
    pub available: bool,
}

/// A service on a host (`nova-compute`, `nova-scheduler`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceState {
    /// Enabled.
    #[serde(default)]
    pub active: bool,
    /// Up (reporting in).
    #[serde(default)]
    pub available: bool,
    /// Last report.
    pub updated_at: Option<Timestamp>,
}

/// `GET /os-availability-zone`: the zones users can choose.
pub fn list() -> Op<Vec<AvailabilityZone>> {
    Op::get(path!("os-availability-zone")).decode_key("availabilityZoneInfo")
}

/// `GET /os-availability-zone/detail` (admin): every zone with its hosts and services.
pub fn list_detail() -> Op<Vec<AvailabilityZone>> {
    Op::get(path!("os-availability-zone/detail")).decode_key("availabilityZoneInfo")
}
