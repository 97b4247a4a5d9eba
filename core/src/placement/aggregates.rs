//! The aggregates a resource provider belongs to (microversion 1.1+).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::aggregates::{self, PutAggregates};
//! let placement = client.placement().microversion("1.39");
//! let rp = "3b4005be-d64b-456f-ba36-0ffd02718868";
//! let now = placement.call(&aggregates::get(rp)).await?;
//! let mut wanted = now.aggregates.clone();
//! wanted.push("42896e0d-205d-4fe3-bd1e-100924931787".into());
//! placement
//!     .call(&aggregates::put(rp, &PutAggregates { aggregates: wanted, resource_provider_generation: now.resource_provider_generation }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op};

/// A provider's aggregates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregates {
    /// Aggregate uuids.
    #[serde(default)]
    pub aggregates: Vec<String>,
    /// The provider's generation (1.19+).
    pub resource_provider_generation: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What [`put`] sets.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PutAggregates {
    /// Aggregate uuids (replacing the current ones; empty: none).
    pub aggregates: Vec<String>,
    /// The generation last read: sent as the 1.19 body, which refuses a stale write.
    /// `None` sends the 1.1 body (a bare list), which overwrites whatever is there.
    pub resource_provider_generation: Option<u64>,
}

/// `GET /resource_providers/{uuid}/aggregates` (handle's microversion, at least 1.1).
pub fn get(rp_uuid: &str) -> Op<Aggregates> {
    Op::get(path!("resource_providers/{}/aggregates", rp_uuid)).decode_body()
}

/// `PUT /resource_providers/{uuid}/aggregates`: 1.19 with a generation, 1.1 without.
pub fn put(rp_uuid: &str, put: &PutAggregates) -> Op<Aggregates> {
    let op = Op::put(path!("resource_providers/{}/aggregates", rp_uuid)).decode_body();
    if put.resource_provider_generation.is_some() {
        op.json(put).microversion("1.19")
    } else {
        op.json(&put.aggregates).microversion("1.1")
    }
}
