//! Block Storage availability zones (`GET /os-availability-zone`): the zones volumes can
//! be created in.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::availability_zones;
//! for zone in client.block_storage().call(&availability_zones::list()).await? {
//!     println!("{} available: {}", zone.zone_name, zone.zone_state.available);
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op};

/// An availability zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    /// Its name (`nova` by default).
    #[serde(rename = "zoneName")]
    pub zone_name: String,
    /// Whether it is available.
    #[serde(rename = "zoneState", default)]
    pub zone_state: ZoneState,
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

/// `GET /os-availability-zone`: the zones volumes can be created in.
pub fn list() -> Op<Vec<AvailabilityZone>> {
    Op::get(path!("os-availability-zone")).decode_key("availabilityZoneInfo")
}
