//! The reshaper (microversion 1.30+): moves inventories and allocations between the
//! providers of a tree in one atomic call (e.g. when a driver splits a compute node into
//! NUMA children). Its default policy wants the `service` role (Nova's service user),
//! not `admin`.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::reshaper::{self, Reshape};
//! let placement = client.placement();
//! let reshape = Reshape::default(); // every provider's inventories, every affected consumer's allocations
//! placement.call(&reshaper::post(&reshape)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use super::allocations::PutAllocations;
use super::inventories::Inventory;
use super::max_version;
use crate::{path, Op};

/// One provider's complete inventories in a reshape.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReshapeInventories {
    /// Inventory by resource class.
    pub inventories: BTreeMap<String, Inventory>,
    /// The provider's generation last read (sent as `null` when `None`).
    pub resource_provider_generation: Option<u64>,
}

/// The body of [`post`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reshape {
    /// By provider uuid: every inventory of every provider of the tree.
    pub inventories: BTreeMap<String, ReshapeInventories>,
    /// By consumer uuid: the complete allocations of every consumer affected.
    pub allocations: BTreeMap<String, PutAllocations>,
}

/// `POST /reshaper`, at 1.30 (1.38 when a consumer type is given).
pub fn post(reshape: &Reshape) -> Op<()> {
    let version = max_version(reshape.allocations.values().map(|a| {
        if a.consumer_type.is_some() {
            "1.38"
        } else {
            "1.30"
        }
    }));
    Op::post(path!("reshaper"))
        .json(reshape)
        .microversion(max_version([version, "1.30"]))
}
