//! Traits (microversion 1.6+): the catalogue of trait names (list, check, create custom,
//! delete custom) and the traits of a resource provider (get, replace, remove all).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::traits::{self, ListTraits, ProviderTraits};
//! let placement = client.placement();
//! placement.call(&traits::put("CUSTOM_GOLD")).await?;
//! let custom = placement
//!     .collect_all(traits::list(&ListTraits { name: Some("startswith:CUSTOM_".into()), ..Default::default() }))
//!     .await?;
//! let rp = "3b4005be-d64b-456f-ba36-0ffd02718868";
//! let mut now = placement.call(&traits::provider(rp)).await?;
//! now.traits.push("CUSTOM_GOLD".into());
//! placement.call(&traits::put_provider(rp, &now)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, List, Op, Paging, Query};

/// The microversion that introduced traits; every call here asks for it.
const TRAITS: &str = "1.6";

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTraits {
    /// `startswith:CUSTOM_` or `in:A,B,C`.
    pub name: Option<String>,
    /// Only traits some provider has (`true`) or none has (`false`).
    pub associated: Option<bool>,
}

/// `GET /traits` (one page of names).
pub fn list(filter: &ListTraits) -> List<String> {
    List::new(path!("traits"), "traits", Paging::Single)
        .query(
            Query::new()
                .push_opt("name", filter.name.as_deref())
                .push_opt("associated", filter.associated),
        )
        .microversion(TRAITS)
}

/// `GET /traits/{name}`: `Ok` when the trait exists (404 otherwise).
pub fn get(name: &str) -> Op<()> {
    Op::get(path!("traits/{}", name)).microversion(TRAITS)
}

/// `PUT /traits/{name}`: creates a custom trait (`CUSTOM_…`); `Ok` when it exists already.
pub fn put(name: &str) -> Op<()> {
    Op::put(path!("traits/{}", name)).microversion(TRAITS)
}

/// `DELETE /traits/{name}`: deletes a custom trait (409 while a provider has it).
pub fn delete(name: &str) -> Op<()> {
    Op::delete(path!("traits/{}", name)).microversion(TRAITS)
}

/// A provider's traits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderTraits {
    /// Trait names.
    #[serde(default)]
    pub traits: Vec<String>,
    /// The provider's generation (in a request: the one last read).
    pub resource_provider_generation: u64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_providers/{uuid}/traits`.
pub fn provider(rp_uuid: &str) -> Op<ProviderTraits> {
    Op::get(path!("resource_providers/{}/traits", rp_uuid))
        .microversion(TRAITS)
        .decode_body()
}

/// `PUT /resource_providers/{uuid}/traits`: replaces the provider's traits (each must
/// exist). 409 with a generation conflict when the generation is stale.
pub fn put_provider(rp_uuid: &str, traits: &ProviderTraits) -> Op<ProviderTraits> {
    Op::put(path!("resource_providers/{}/traits", rp_uuid))
        .json(traits)
        .microversion(TRAITS)
        .decode_body()
}

/// `DELETE /resource_providers/{uuid}/traits`: removes every trait, with no generation
/// check (`put_provider` with none is the safe way).
pub fn delete_provider(rp_uuid: &str) -> Op<()> {
    Op::delete(path!("resource_providers/{}/traits", rp_uuid)).microversion(TRAITS)
}
