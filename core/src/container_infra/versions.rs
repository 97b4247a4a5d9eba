//! Magnum's API version documents. The list of versions at the root (`GET /`, with each
//! version's microversion range) is the shared
//! [`version::discover_all`](crate::catalog::version::discover_all) (and
//! [`Service::negotiate`](crate::Service::negotiate) picks a microversion from it); the
//! `v1` root document, which names the API's collections instead of describing a version,
//! is [`get`].
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::versions;
//! use ferrocloud::version;
//! let magnum = client.container_infra();
//! let all = magnum.call(&version::discover_all()).await?;
//! println!("v1 microversions {:?} to {:?}", all[0].min_version, all[0].version);
//! let v1 = magnum.call(&versions::get()).await?;
//! assert!(v1.collections.contains_key("clusters"));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Link;
use crate::Op;

/// A media type the API speaks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaType {
    /// Base type (`application/json`).
    #[serde(default)]
    pub base: String,
    /// Vendor type.
    #[serde(rename = "type", default)]
    pub kind: String,
}

/// The `v1` root document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct V1 {
    /// `v1`.
    #[serde(default)]
    pub id: String,
    /// Media types.
    #[serde(default)]
    pub media_types: Vec<MediaType>,
    /// `self` and `describedby`.
    #[serde(default)]
    pub links: Vec<Link>,
    /// The collections (`clusters`, `clustertemplates`, `certificates`, …) with their
    /// `self` and `bookmark` links.
    #[serde(flatten)]
    pub collections: BTreeMap<String, Vec<Link>>,
}

/// `GET /v1/`: the `v1` root document (the endpoint itself).
pub fn get() -> Op<V1> {
    Op::get(Ok(String::new())).decode_body()
}
