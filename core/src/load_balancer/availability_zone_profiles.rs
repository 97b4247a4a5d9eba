//! Octavia availability zone profiles (admin): a provider and its zone options
//! (`availability_zone_data`, a JSON object sent as a string: `compute_zone`,
//! `management_network`, …) that [availability zones](super::availability_zones) expose.
//! Which options a provider takes:
//! [`providers::availability_zone_capabilities`](super::providers::availability_zone_capabilities).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::availability_zone_profiles::{self as profiles, CreateAvailabilityZoneProfile};
//! use serde_json::json;
//! let octavia = client.load_balancer();
//! let p = octavia
//!     .call(&profiles::create(&CreateAvailabilityZoneProfile::new(
//!         "az1",
//!         "amphora",
//!         &json!({"compute_zone": "az1"}),
//!     )))
//!     .await?;
//! octavia.call(&profiles::delete(&p.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::flavor_profiles::{check_object_text, object_text};
use crate::{path, query, Error, InvalidInput, List, ListCommon, Op, Paging};

/// An availability zone profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZoneProfile {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Provider driver.
    #[serde(default)]
    pub provider_name: String,
    /// Zone options: a JSON object, as a string ([`AvailabilityZoneProfile::data`] reads
    /// it).
    #[serde(default)]
    pub availability_zone_data: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AvailabilityZoneProfile {
    /// `availability_zone_data` read as the JSON object it holds.
    pub fn data(&self) -> Result<Map<String, Value>, Error> {
        serde_json::from_str(&self.availability_zone_data)
            .map_err(|e| Error::decode("availability zone profile data", e))
    }
}

/// The body of [`create`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateAvailabilityZoneProfile {
    /// Name.
    pub name: String,
    /// Provider driver.
    pub provider_name: String,
    /// Zone options: a JSON object as text.
    pub availability_zone_data: String,
}

impl CreateAvailabilityZoneProfile {
    /// A profile for `provider` with the zone options `data` (a JSON object).
    pub fn new(name: &str, provider: &str, data: &Value) -> Self {
        CreateAvailabilityZoneProfile {
            name: name.into(),
            provider_name: provider.into(),
            availability_zone_data: object_text(data).unwrap_or_default(),
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a profile needs a name")
            .and(InvalidInput::require(
                !self.provider_name.is_empty(),
                "provider_name",
                "a profile needs a provider",
            ))
            .and(check_object_text(
                "availability_zone_data",
                &self.availability_zone_data,
            ))
    }
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateAvailabilityZoneProfile {
    /// Name.
    pub name: Option<String>,
    /// Provider driver.
    pub provider_name: Option<String>,
    /// Zone options (a JSON object as text).
    pub availability_zone_data: Option<String>,
}

impl UpdateAvailabilityZoneProfile {
    fn check(&self) -> Result<(), InvalidInput> {
        match &self.availability_zone_data {
            Some(text) => check_object_text("availability_zone_data", text),
            None => Ok(()),
        }
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAvailabilityZoneProfiles {
    /// Id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Provider driver.
    pub provider_name: Option<String>,
    /// Fields, sort, paging, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/availabilityzoneprofiles` (admin).
pub fn list(filter: &ListAvailabilityZoneProfiles) -> List<AvailabilityZoneProfile> {
    let q = query!(
        id: filter.id.as_deref(),
        name: filter.name.as_deref(),
        provider_name: filter.provider_name.as_deref(),
    );
    List::new(
        path!("lbaas/availabilityzoneprofiles"),
        "availability_zone_profiles",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/availabilityzoneprofiles/{id}` (admin).
pub fn get(id: &str) -> Op<AvailabilityZoneProfile> {
    Op::get(path!("lbaas/availabilityzoneprofiles/{}", id)).decode_key("availability_zone_profile")
}

/// `POST lbaas/availabilityzoneprofiles` (admin; 201).
pub fn create(profile: &CreateAvailabilityZoneProfile) -> Op<AvailabilityZoneProfile> {
    Op::post(path!("lbaas/availabilityzoneprofiles"))
        .check(profile.check())
        .json_under("availability_zone_profile", profile)
        .decode_key("availability_zone_profile")
}

/// `PUT lbaas/availabilityzoneprofiles/{id}` (admin).
pub fn update(id: &str, update: &UpdateAvailabilityZoneProfile) -> Op<AvailabilityZoneProfile> {
    Op::put(path!("lbaas/availabilityzoneprofiles/{}", id))
        .check(update.check())
        .json_under("availability_zone_profile", update)
        .decode_key("availability_zone_profile")
}

/// `DELETE lbaas/availabilityzoneprofiles/{id}` (admin; 204; 409 while a zone refers to
/// it).
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("lbaas/availabilityzoneprofiles/{}", id))
}
