//! Usages: what is allocated of a resource provider, and the totals of a project (or a
//! project's user) across providers (1.9+; by consumer type from 1.38).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::usages::{self, GetUsages};
//! let placement = client.placement().microversion("1.39");
//! let of_rp = placement.call(&usages::provider("3b4005be-d64b-456f-ba36-0ffd02718868")).await?;
//! let of_project = placement
//!     .call(&usages::get(&GetUsages { project_id: "7e67cbf7".into(), ..Default::default() }))
//!     .await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Resources;
use crate::{path, Op, Query};

/// What is allocated of one provider, by resource class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderUsages {
    /// Amounts used by resource class.
    #[serde(default)]
    pub usages: Resources,
    /// The provider's generation.
    pub resource_provider_generation: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_providers/{uuid}/usages`.
pub fn provider(rp_uuid: &str) -> Op<ProviderUsages> {
    Op::get(path!("resource_providers/{}/usages", rp_uuid)).decode_body()
}

/// Filters of [`get`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetUsages {
    /// The project (required).
    pub project_id: String,
    /// Only this user's consumers.
    pub user_id: Option<String>,
    /// Only consumers of this type (1.38): `INSTANCE`, `MIGRATION`, `all`, `unknown`.
    pub consumer_type: Option<String>,
}

/// The usages of one consumer type (1.38+).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumerTypeUsages {
    /// How many consumers of this type.
    pub consumer_count: u64,
    /// Amounts used by resource class.
    #[serde(flatten)]
    pub resources: Resources,
}

/// The totals of [`get`], in the shape of the microversion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Usages {
    /// 1.9–1.37: amounts by resource class.
    Total(Resources),
    /// 1.38+: by consumer type (`INSTANCE`, `MIGRATION`, `unknown`), with counts.
    ByConsumerType(BTreeMap<String, ConsumerTypeUsages>),
}

impl Default for Usages {
    fn default() -> Self {
        Usages::Total(Resources::new())
    }
}

impl Usages {
    /// Amounts by resource class over every consumer type.
    pub fn total(&self) -> Resources {
        match self {
            Usages::Total(r) => r.clone(),
            Usages::ByConsumerType(by) => {
                let mut sum = Resources::new();
                for u in by.values() {
                    for (rc, n) in &u.resources {
                        *sum.entry(rc.clone()).or_default() += n;
                    }
                }
                sum
            }
        }
    }
}

/// `GET /usages?project_id=…` (handle's microversion, at least 1.9; 1.38 splits by
/// consumer type).
pub fn get(filter: &GetUsages) -> Op<Usages> {
    Op::get(path!("usages"))
        .query(
            Query::new()
                .push("project_id", &filter.project_id)
                .push_opt("user_id", filter.user_id.as_deref())
                .push_opt("consumer_type", filter.consumer_type.as_deref()),
        )
        .decode_key("usages")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_read_and_sum() {
        let old: Usages = serde_json::from_str(r#"{"VCPU": 2, "DISK_GB": 5}"#).unwrap();
        assert_eq!(old.total()["VCPU"], 2);
        let new: Usages = serde_json::from_str(
            r#"{"INSTANCE": {"consumer_count": 2, "VCPU": 2}, "unknown": {"consumer_count": 1, "VCPU": 1}}"#,
        )
        .unwrap();
        assert!(matches!(new, Usages::ByConsumerType(_)));
        assert_eq!(new.total()["VCPU"], 3);
    }
}
