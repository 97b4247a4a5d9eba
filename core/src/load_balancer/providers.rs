//! Octavia providers: the drivers a load balancer can run on (`provider` when creating
//! one), and the options each takes in a flavor profile or an availability zone profile.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::providers;
//! let octavia = client.load_balancer();
//! for p in octavia.call(&providers::list()).await? {
//!     let caps = octavia.call(&providers::flavor_capabilities(&p.name)).await?;
//!     println!("{}: {:?}", p.name, caps.iter().map(|c| &c.name).collect::<Vec<_>>());
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, Op};

/// A provider driver, or one option of a provider (a capability): a name and what it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    /// Name (`amphora`, `ovn`, or an option such as `loadbalancer_topology`).
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A provider option: the same shape as a [`Provider`].
pub type Capability = Provider;

/// `GET lbaas/providers`: the enabled provider drivers (one page).
pub fn list() -> Op<Vec<Provider>> {
    Op::get(path!("lbaas/providers")).decode_key("providers")
}

/// `GET lbaas/providers/{provider}/flavor_capabilities` (admin): the options a flavor
/// profile's `flavor_data` may set for this provider.
pub fn flavor_capabilities(provider: &str) -> Op<Vec<Capability>> {
    Op::get(path!("lbaas/providers/{}/flavor_capabilities", provider))
        .decode_key("flavor_capabilities")
}

/// `GET lbaas/providers/{provider}/availability_zone_capabilities` (admin): the options an
/// availability zone profile's `availability_zone_data` may set for this provider.
pub fn availability_zone_capabilities(provider: &str) -> Op<Vec<Capability>> {
    Op::get(path!(
        "lbaas/providers/{}/availability_zone_capabilities",
        provider
    ))
    .decode_key("availability_zone_capabilities")
}
