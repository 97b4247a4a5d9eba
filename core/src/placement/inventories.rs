//! A resource provider's inventories: list, replace all, delete all, and get, put or
//! delete the inventory of one resource class.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::inventories::{self, Inventories, Inventory};
//! let placement = client.placement();
//! let rp = "3b4005be-d64b-456f-ba36-0ffd02718868";
//! let now = placement.call(&inventories::list(rp)).await?;
//! let mut vcpu = Inventory::total(16);
//! vcpu.allocation_ratio = Some(4.0);
//! vcpu.resource_provider_generation = Some(now.resource_provider_generation);
//! placement.call(&inventories::put(rp, "VCPU", &vcpu)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, InvalidInput, Op};

/// The inventory of one resource class. Placement fills in every field it answers;
/// in a request only `total` is needed.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// The provider's generation: answered by [`get`] and [`put`], required by [`put`];
    /// absent inside [`Inventories`].
    pub resource_provider_generation: Option<u64>,
    /// Amount the provider has.
    pub total: u64,
    /// Amount not allocatable (default 0).
    pub reserved: Option<u64>,
    /// Smallest allocation (default 1).
    pub min_unit: Option<u64>,
    /// Largest allocation (default: the largest integer).
    pub max_unit: Option<u64>,
    /// Allocations are multiples of this (default 1).
    pub step_size: Option<u64>,
    /// Overcommit ratio (default 1.0).
    pub allocation_ratio: Option<f64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Inventory {
    /// An inventory of `total`, every other field left to Placement's default.
    pub fn total(total: u64) -> Self {
        Inventory {
            total,
            ..Default::default()
        }
    }
}

/// All inventories of a provider, by resource class.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inventories {
    /// Inventory by resource class.
    #[serde(default)]
    pub inventories: BTreeMap<String, Inventory>,
    /// The provider's generation (in a request: the one last read).
    pub resource_provider_generation: u64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_providers/{uuid}/inventories`.
pub fn list(rp_uuid: &str) -> Op<Inventories> {
    Op::get(path!("resource_providers/{}/inventories", rp_uuid)).decode_body()
}

/// `PUT /resource_providers/{uuid}/inventories`: replaces every inventory (those left
/// out are deleted). 409 with a generation conflict when the generation is stale.
pub fn put_all(rp_uuid: &str, inventories: &Inventories) -> Op<Inventories> {
    Op::put(path!("resource_providers/{}/inventories", rp_uuid))
        .json(inventories)
        .decode_body()
}

/// `DELETE /resource_providers/{uuid}/inventories` (1.5): deletes every inventory, with
/// no generation check (`put_all` with none is the safe way).
pub fn delete_all(rp_uuid: &str) -> Op<()> {
    Op::delete(path!("resource_providers/{}/inventories", rp_uuid)).microversion("1.5")
}

/// `GET /resource_providers/{uuid}/inventories/{resource_class}`.
pub fn get(rp_uuid: &str, resource_class: &str) -> Op<Inventory> {
    Op::get(path!(
        "resource_providers/{}/inventories/{}",
        rp_uuid,
        resource_class
    ))
    .decode_body()
}

/// `PUT /resource_providers/{uuid}/inventories/{resource_class}`: replaces the inventory
/// of a class the provider has (400 for one it has not: add it with [`put_all`]).
/// `resource_provider_generation` is required.
pub fn put(rp_uuid: &str, resource_class: &str, inventory: &Inventory) -> Op<Inventory> {
    Op::put(path!(
        "resource_providers/{}/inventories/{}",
        rp_uuid,
        resource_class
    ))
    .check(InvalidInput::require(
        inventory.resource_provider_generation.is_some(),
        "resource_provider_generation",
        "give the provider generation last read",
    ))
    .json(inventory)
    .decode_body()
}

/// `DELETE /resource_providers/{uuid}/inventories/{resource_class}` (409 while allocated).
pub fn delete(rp_uuid: &str, resource_class: &str) -> Op<()> {
    Op::delete(path!(
        "resource_providers/{}/inventories/{}",
        rp_uuid,
        resource_class
    ))
}
