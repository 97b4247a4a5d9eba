//! Placement v1: [`resource_providers`] with their [`aggregates`], [`inventories`],
//! [`traits`], usages ([`usages`]) and allocations ([`allocations`]); [`resource_classes`],
//! [`allocation_candidates`] and the [`reshaper`].
//!
//! **Microversions.** Placement sends `OpenStack-API-Version: placement X.Y` and answers
//! 1.0 when none is asked for. Two rules hold in this module:
//!
//! - A read whose answer changed shape across microversions (resource providers,
//!   aggregates, allocations, usages, allocation candidates) sends the handle's
//!   microversion: set it once, e.g. `client.placement().microversion(MAX_MICROVERSION)`.
//!   Its output type reads every shape, fields a microversion leaves out being `None`.
//! - Any other call asks for the microversion it needs: the one that introduced its
//!   endpoint, or, for a write whose body changed across microversions, the one its body
//!   needs (e.g. [`allocations::put`] sends 1.12, 1.28 with a consumer generation, 1.38
//!   with a consumer type). [`Op::microversion`](crate::Op::microversion) overrides it
//!   (e.g. `traits::put_provider(..).microversion("1.39")` to get 1.23's error codes).
//!
//! **Generations.** Providers and consumers carry a generation that every write must
//! repeat; when another writer got there first, Placement answers 409 with the code
//! `placement.concurrent_update`, which [`Error::is_generation_conflict`](crate::Error::is_generation_conflict)
//! recognises: read again and retry. Placement sends error codes from 1.23 on; below
//! (traits at 1.6, aggregates at 1.19, …) the helper reads the message instead.
//!
//! **From gophercloud's `placement/v1`:**
//!
//! | gophercloud | here |
//! |---|---|
//! | `resourceproviders.List`, `Get`, `Create`, `Update`, `Delete` | [`resource_providers`]`::{list, get, create, update, delete}` |
//! | `resourceproviders.GetUsages` | [`usages::provider`] |
//! | `resourceproviders.GetInventories`, `GetInventory`, `UpdateInventories`, `UpdateInventory`, `DeleteInventory`, `DeleteInventories` | [`inventories`]`::{list, get, put_all, put, delete, delete_all}` |
//! | `resourceproviders.GetTraits`, `UpdateTraits`, `DeleteTraits` | [`traits`]`::{provider, put_provider, delete_provider}` |
//! | `resourceproviders.GetAllocations` | [`allocations::for_provider`] |
//! | `resourceproviders.GetAggregates`, `UpdateAggregates` | [`aggregates`]`::{get, put}` |
//! | `traits.List`, `Get`, `Create`, `Delete` | [`traits`]`::{list, get, put, delete}` |
//! | `resourceclasses.List`, `Get`, `Create` (POST), `Update` (PUT at 1.7) | [`resource_classes`]`::{list, get, create, ensure}` (+ `rename` for 1.2–1.6, `delete`) |
//! | `allocations.Get`, `Update`, `Delete`, `Manage` | [`allocations`]`::{get, put, delete, manage}` (+ `put_list_form` for 1.0–1.11) |
//! | `usages.Get` | [`usages::get`] |
//! | `allocationcandidates.List` | [`allocation_candidates::list`] |
//! | — | [`reshaper::post`], [`versions`] |
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::{allocations, inventories, resource_providers, traits};
//! use ferrocloud::placement::{ConsumerGeneration, MAX_MICROVERSION};
//! let placement = client.placement().microversion(MAX_MICROVERSION);
//! let rp = placement
//!     .call(&resource_providers::create(&resource_providers::CreateResourceProvider {
//!         name: "compute-1".into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let inv = placement
//!     .call(&inventories::put_all(&rp.uuid, &inventories::Inventories {
//!         inventories: [("VCPU".to_string(), inventories::Inventory::total(8))].into(),
//!         resource_provider_generation: rp.generation,
//!         ..Default::default()
//!     }))
//!     .await?;
//! placement
//!     .call(&traits::put_provider(&rp.uuid, &traits::ProviderTraits {
//!         traits: vec!["HW_CPU_X86_AVX2".into()],
//!         resource_provider_generation: inv.resource_provider_generation,
//!         ..Default::default()
//!     }))
//!     .await?;
//! let consumer = "0c8e9e2e-4e0f-4bd2-9a3b-1c7f1a2b3c4d";
//! let put = allocations::PutAllocations {
//!     allocations: [(rp.uuid.clone(), allocations::ProviderAllocation::of([("VCPU", 2)]))].into(),
//!     project_id: Some("p".into()),
//!     user_id: Some("u".into()),
//!     consumer_generation: Some(ConsumerGeneration::New),
//!     ..Default::default()
//! };
//! match placement.call(&allocations::put(consumer, &put)).await {
//!     Err(e) if e.is_generation_conflict() => { /* read the allocations again and retry */ }
//!     other => other?,
//! }
//! placement.call(&allocations::delete(consumer)).await?;
//! placement.call(&resource_providers::delete(&rp.uuid)).await?;
//! # Ok(()) }
//! ```
//!
//! Lists are single pages (Placement does not page).

pub mod aggregates;
pub mod allocation_candidates;
pub mod allocations;
pub mod inventories;
pub mod reshaper;
pub mod resource_classes;
pub mod resource_providers;
pub mod traits;
pub mod usages;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::{Link, Op};

/// The latest Placement microversion this module knows (2023.1 and later servers).
pub const MAX_MICROVERSION: &str = "1.39";

/// Amounts by resource class (`{"VCPU": 2, "MEMORY_MB": 1024}`).
pub type Resources = BTreeMap<String, u64>;

/// The consumer generation a write expects (microversion 1.28+).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsumerGeneration {
    /// The consumer has no allocations yet (sent as `null`).
    New,
    /// The generation last read.
    Is(u64),
}

impl Serialize for ConsumerGeneration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ConsumerGeneration::New => s.serialize_none(),
            ConsumerGeneration::Is(g) => s.serialize_u64(*g),
        }
    }
}

/// One API version of the version document (`GET /`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// `v1.0`.
    pub id: String,
    /// The oldest microversion served.
    pub min_version: Option<String>,
    /// The newest microversion served.
    pub max_version: Option<String>,
    /// `CURRENT`.
    pub status: Option<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /`: the versions, with the microversion range (no token needed).
pub fn versions() -> Op<Vec<Version>> {
    Op::get(Ok(String::new())).decode_key("versions")
}

/// The highest of microversions written `1.N` (used to pick the one a body needs).
pub(crate) fn max_version<'a>(versions: impl IntoIterator<Item = &'a str>) -> &'a str {
    versions
        .into_iter()
        .max_by_key(|v| {
            v.split_once('.')
                .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
                .unwrap_or_default()
        })
        .unwrap_or("1.0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consumer_generation_serializes_null_for_new() {
        assert_eq!(
            serde_json::to_value(ConsumerGeneration::New).unwrap(),
            Value::Null
        );
        assert_eq!(serde_json::to_value(ConsumerGeneration::Is(3)).unwrap(), 3);
    }

    #[test]
    fn max_version_compares_numerically() {
        assert_eq!(max_version(["1.12", "1.9", "1.28"]), "1.28");
        assert_eq!(max_version(["1.13"]), "1.13");
    }
}
