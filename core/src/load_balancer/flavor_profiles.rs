//! Octavia flavor profiles (admin): a provider and the provider options (`flavor_data`,
//! a JSON object sent as a string) that [flavors](super::flavors) expose to users. Which
//! options a provider takes: [`providers::flavor_capabilities`](super::providers::flavor_capabilities).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::flavor_profiles::{self, CreateFlavorProfile};
//! use serde_json::json;
//! let octavia = client.load_balancer();
//! let p = octavia
//!     .call(&flavor_profiles::create(&CreateFlavorProfile::new(
//!         "act-stdby",
//!         "amphora",
//!         &json!({"loadbalancer_topology": "ACTIVE_STANDBY"}),
//!     )))
//!     .await?;
//! assert_eq!(p.data()?["loadbalancer_topology"], "ACTIVE_STANDBY");
//! octavia.call(&flavor_profiles::delete(&p.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Error, Find, InvalidInput, List, ListCommon, Op, Paging};

/// A flavor profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlavorProfile {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Provider driver.
    #[serde(default)]
    pub provider_name: String,
    /// Provider options: a JSON object, as a string ([`FlavorProfile::data`] reads it).
    #[serde(default)]
    pub flavor_data: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl FlavorProfile {
    /// `flavor_data` read as the JSON object it holds.
    pub fn data(&self) -> Result<Map<String, Value>, Error> {
        serde_json::from_str(&self.flavor_data)
            .map_err(|e| Error::decode("flavor profile flavor_data", e))
    }
}

/// `data` as the JSON text Octavia takes (`None` when it is not an object).
pub(crate) fn object_text(data: &Value) -> Option<String> {
    data.is_object().then(|| data.to_string())
}

/// `text` parses as a JSON object.
pub(crate) fn check_object_text(field: &'static str, text: &str) -> Result<(), InvalidInput> {
    InvalidInput::require(
        serde_json::from_str::<Map<String, Value>>(text).is_ok(),
        field,
        "must be a JSON object, as text",
    )
}

/// The body of [`create`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFlavorProfile {
    /// Name.
    pub name: String,
    /// Provider driver (`amphora`, …).
    pub provider_name: String,
    /// Provider options: a JSON object as text (`{}` for none).
    pub flavor_data: String,
}

impl CreateFlavorProfile {
    /// A profile for `provider` with the options `data` (a JSON object).
    pub fn new(name: &str, provider: &str, data: &Value) -> Self {
        CreateFlavorProfile {
            name: name.into(),
            provider_name: provider.into(),
            flavor_data: object_text(data).unwrap_or_default(),
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a profile needs a name")
            .and(InvalidInput::require(
                !self.provider_name.is_empty(),
                "provider_name",
                "a profile needs a provider",
            ))
            .and(check_object_text("flavor_data", &self.flavor_data))
    }
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFlavorProfile {
    /// Name.
    pub name: Option<String>,
    /// Provider driver.
    pub provider_name: Option<String>,
    /// Provider options (a JSON object as text).
    pub flavor_data: Option<String>,
}

impl UpdateFlavorProfile {
    fn check(&self) -> Result<(), InvalidInput> {
        match &self.flavor_data {
            Some(text) => check_object_text("flavor_data", text),
            None => Ok(()),
        }
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFlavorProfiles {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Provider driver.
    pub provider_name: Option<String>,
    /// Fields, sort, paging, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/flavorprofiles` (admin).
pub fn list(filter: &ListFlavorProfiles) -> List<FlavorProfile> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        provider_name: filter.provider_name.as_deref(),
    );
    List::new(
        path!("lbaas/flavorprofiles"),
        "flavorprofiles",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/flavorprofiles/{id}` (admin).
pub fn get(id: &str) -> Op<FlavorProfile> {
    Op::get(path!("lbaas/flavorprofiles/{}", id)).decode_key("flavorprofile")
}

/// A flavor profile by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<FlavorProfile> {
    Find::new(
        "flavor profile",
        name_or_id,
        get(name_or_id),
        list(&ListFlavorProfiles {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(FlavorProfile);

/// `POST lbaas/flavorprofiles` (admin; 201). Octavia asks the provider to validate
/// `flavor_data`.
pub fn create(profile: &CreateFlavorProfile) -> Op<FlavorProfile> {
    Op::post(path!("lbaas/flavorprofiles"))
        .check(profile.check())
        .json_under("flavorprofile", profile)
        .decode_key("flavorprofile")
}

/// `PUT lbaas/flavorprofiles/{id}` (admin; 409 while a flavor in use refers to it).
pub fn update(id: &str, update: &UpdateFlavorProfile) -> Op<FlavorProfile> {
    Op::put(path!("lbaas/flavorprofiles/{}", id))
        .check(update.check())
        .json_under("flavorprofile", update)
        .decode_key("flavorprofile")
}

/// `DELETE lbaas/flavorprofiles/{id}` (admin; 204; 409 while a flavor refers to it).
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/flavorprofiles/{}", id))
}
