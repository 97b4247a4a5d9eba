//! Block Storage back-end pools as the scheduler sees them
//! (`GET /scheduler-stats/get_pools`, admin): each pool's name (`host@backend#pool`) and,
//! with `detail`, its capabilities (capacity, protocol, driver, QoS and replication
//! support).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::scheduler_stats::{self, Capacity, ListPools};
//! let filter = ListPools { detail: true, ..Default::default() };
//! for pool in client.block_storage().call(&scheduler_stats::list_pools(&filter)).await? {
//!     let caps = pool.capabilities.unwrap_or_default();
//!     if let Some(Capacity::Gb(free)) = caps.free_capacity_gb {
//!         println!("{}: {free} GiB free", pool.name);
//!     }
//! }
//! # Ok(()) }
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Op, Timestamp};

/// A capacity in GiB as a driver reports it: a number, or `infinite` / `unknown`.
#[derive(Debug, Clone, PartialEq)]
pub enum Capacity {
    /// So many GiB.
    Gb(f64),
    /// `"infinite"` (thin or fake backends).
    Infinite,
    /// `"unknown"`.
    Unknown,
    /// Another word.
    Other(String),
}

impl Serialize for Capacity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Capacity::Gb(n) => s.serialize_f64(*n),
            Capacity::Infinite => s.serialize_str("infinite"),
            Capacity::Unknown => s.serialize_str("unknown"),
            Capacity::Other(w) => s.serialize_str(w),
        }
    }
}

impl<'de> Deserialize<'de> for Capacity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Capacity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of GiB, \"infinite\" or \"unknown\"")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Capacity, E> {
                Ok(Capacity::Gb(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Capacity, E> {
                Ok(Capacity::Gb(v as f64))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Capacity, E> {
                Ok(Capacity::Gb(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<Capacity, E> {
                Ok(match v.trim() {
                    w if w.eq_ignore_ascii_case("infinite") => Capacity::Infinite,
                    w if w.eq_ignore_ascii_case("unknown") => Capacity::Unknown,
                    w => w
                        .parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite())
                        .map_or_else(|| Capacity::Other(v.to_owned()), Capacity::Gb),
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A pool's capabilities (with `detail`), as its driver reports them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PoolCapabilities {
    /// The pool's name within its backend.
    pub pool_name: Option<String>,
    /// The backend's name (`volume_backend_name`, which volume types select).
    pub volume_backend_name: Option<String>,
    /// Total capacity.
    pub total_capacity_gb: Option<Capacity>,
    /// Free capacity.
    pub free_capacity_gb: Option<Capacity>,
    /// Allocated to volumes Cinder manages, GiB.
    pub allocated_capacity_gb: Option<f64>,
    /// Provisioned (thin), GiB.
    pub provisioned_capacity_gb: Option<f64>,
    /// Kept free, percent.
    pub reserved_percentage: Option<f64>,
    /// `iSCSI`, `FC`, `NFS`, `ceph`, …
    pub storage_protocol: Option<String>,
    /// The driver's vendor.
    pub vendor_name: Option<String>,
    /// The driver's version.
    pub driver_version: Option<String>,
    /// QoS support.
    #[serde(rename = "QoS_support")]
    pub qos_support: Option<bool>,
    /// Thin provisioning support.
    pub thin_provisioning_support: Option<bool>,
    /// Thick provisioning support.
    pub thick_provisioning_support: Option<bool>,
    /// Multi-attach support.
    pub multiattach: Option<bool>,
    /// Replication enabled.
    pub replication_enabled: Option<bool>,
    /// Consistency group support.
    pub consistencygroup_support: Option<bool>,
    /// Group replication enabled.
    pub group_replication_enabled: Option<bool>,
    /// The filter function (driver filter).
    pub filter_function: Option<String>,
    /// The goodness function (goodness weigher).
    pub goodness_function: Option<String>,
    /// When the driver reported (`updated` in older releases).
    #[serde(alias = "updated")]
    pub timestamp: Option<Timestamp>,
    /// Other capabilities (`max_over_subscription_ratio`, driver-specific keys, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A back-end pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    /// `host@backend#pool`.
    #[serde(default)]
    pub name: String,
    /// Its capabilities (with `detail`).
    pub capabilities: Option<PoolCapabilities>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list_pools`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPools {
    /// With capabilities.
    pub detail: bool,
    /// Only the pool of this name.
    pub name: Option<String>,
    /// Only pools this volume type (name or id) can use (3.28+).
    pub volume_type: Option<String>,
}

/// `GET /scheduler-stats/get_pools`: the pools the scheduler knows (one page).
pub fn list_pools(filter: &ListPools) -> Op<Vec<Pool>> {
    Op::get(path!("scheduler-stats/get_pools"))
        .query(query!(
            detail: filter.detail.then_some("true"),
            name: filter.name.as_deref(),
            volume_type: filter.volume_type.as_deref(),
        ))
        .decode_key("pools")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_read_numbers_and_words() {
        let caps: PoolCapabilities = serde_json::from_str(
            r#"{"total_capacity_gb": "infinite", "free_capacity_gb": 12.5,
                "allocated_capacity_gb": 2, "QoS_support": false,
                "max_over_subscription_ratio": "20.0", "updated": "2014-10-28T00:00:00-00:00"}"#,
        )
        .unwrap();
        assert_eq!(caps.total_capacity_gb, Some(Capacity::Infinite));
        assert_eq!(caps.free_capacity_gb, Some(Capacity::Gb(12.5)));
        assert_eq!(caps.qos_support, Some(false));
        assert!(caps.timestamp.is_some());
        assert!(caps.extra.contains_key("max_over_subscription_ratio"));
        let c: Capacity = serde_json::from_str(r#""7""#).unwrap();
        assert_eq!(c, Capacity::Gb(7.0));
        let c: Capacity = serde_json::from_str(r#""NaN""#).unwrap();
        assert_eq!(c, Capacity::Other("NaN".into()));
        assert_eq!(
            serde_json::to_string(&Capacity::Unknown).unwrap(),
            r#""unknown""#
        );
    }
}
