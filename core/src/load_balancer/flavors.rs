//! Octavia flavors: named sets of provider options (a [flavor
//! profile](super::flavor_profiles)) that users pick with `flavor_id` when they create a
//! load balancer. Everyone lists and reads them; admins create, update and delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::flavors::{self, CreateFlavor, UpdateFlavor};
//! let octavia = client.load_balancer();
//! let f = octavia
//!     .call(&flavors::create(&CreateFlavor {
//!         name: "act-stdby".into(),
//!         flavor_profile_id: "5712097e".into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let all = octavia.collect_all(flavors::list(&Default::default())).await?;
//! octavia.call(&flavors::update(&f.id, &UpdateFlavor { enabled: Some(false), ..Default::default() })).await?;
//! octavia.call(&flavors::delete(&f.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Patch};

/// A flavor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Flavor {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether new load balancers may use it.
    #[serde(default)]
    pub enabled: bool,
    /// The flavor profile behind it (admins only see it).
    pub flavor_profile_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFlavor {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
    /// Flavor profile.
    pub flavor_profile_id: String,
}

impl CreateFlavor {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a flavor needs a name").and(
            InvalidInput::require(
                !self.flavor_profile_id.is_empty(),
                "flavor_profile_id",
                "a flavor needs a flavor profile",
            ),
        )
    }
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFlavor {
    /// Name.
    pub name: Option<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Enabled.
    pub enabled: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFlavors {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Enabled ones (`Some(true)`) or disabled ones.
    pub enabled: Option<bool>,
    /// Flavor profile (admin).
    pub flavor_profile_id: Option<String>,
    /// Fields, sort, paging, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/flavors`.
pub fn list(filter: &ListFlavors) -> List<Flavor> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        description: filter.description.as_deref(),
        enabled: filter.enabled,
        flavor_profile_id: filter.flavor_profile_id.as_deref(),
    );
    List::new(path!("lbaas/flavors"), "flavors", Paging::Linked)
        .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/flavors/{id}`.
pub fn get(id: &str) -> Op<Flavor> {
    Op::get(path!("lbaas/flavors/{}", id)).decode_key("flavor")
}

/// A load balancer flavor by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Flavor> {
    Find::new(
        "load balancer flavor",
        name_or_id,
        get(name_or_id),
        list(&ListFlavors {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Flavor);

/// `POST lbaas/flavors` (admin; 201).
pub fn create(flavor: &CreateFlavor) -> Op<Flavor> {
    Op::post(path!("lbaas/flavors"))
        .check(flavor.check())
        .json_under("flavor", flavor)
        .decode_key("flavor")
}

/// `PUT lbaas/flavors/{id}` (admin).
pub fn update(id: &str, update: &UpdateFlavor) -> Op<Flavor> {
    Op::put(path!("lbaas/flavors/{}", id))
        .json_under("flavor", update)
        .decode_key("flavor")
}

/// `DELETE lbaas/flavors/{id}` (admin; 204; 409 while load balancers use it).
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/flavors/{}", id))
}
