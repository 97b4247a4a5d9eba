//! Octavia availability zones: named [zone profiles](super::availability_zone_profiles)
//! that users pick with `availability_zone` when they create a load balancer. Zones are
//! known by name. Everyone lists and reads them; admins create, update and delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::availability_zones::{self, CreateAvailabilityZone, UpdateAvailabilityZone};
//! let octavia = client.load_balancer();
//! octavia
//!     .call(&availability_zones::create(&CreateAvailabilityZone {
//!         name: "az1".into(),
//!         availability_zone_profile_id: "5712097e".into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let update = UpdateAvailabilityZone { enabled: Some(false), ..Default::default() };
//! octavia.call(&availability_zones::update("az1", &update)).await?;
//! octavia.call(&availability_zones::delete("az1")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, ListCommon, Op, Paging, Patch};

/// An availability zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    /// Name (its identifier).
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether new load balancers may use it.
    #[serde(default)]
    pub enabled: bool,
    /// The profile behind it (admins only see it).
    pub availability_zone_profile_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateAvailabilityZone {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
    /// Profile.
    pub availability_zone_profile_id: String,
}

impl CreateAvailabilityZone {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a zone needs a name").and(
            InvalidInput::require(
                !self.availability_zone_profile_id.is_empty(),
                "availability_zone_profile_id",
                "a zone needs a profile",
            ),
        )
    }
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateAvailabilityZone {
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Enabled.
    pub enabled: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAvailabilityZones {
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Enabled ones (`Some(true)`) or disabled ones.
    pub enabled: Option<bool>,
    /// Profile (admin).
    pub availability_zone_profile_id: Option<String>,
    /// Fields, sort, paging, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/availabilityzones`.
pub fn list(filter: &ListAvailabilityZones) -> List<AvailabilityZone> {
    let q = query!(
        name: filter.name.as_deref(),
        description: filter.description.as_deref(),
        enabled: filter.enabled,
        availability_zone_profile_id: filter.availability_zone_profile_id.as_deref(),
    );
    List::new(
        path!("lbaas/availabilityzones"),
        "availability_zones",
        Paging::Linked,
    )
    .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/availabilityzones/{name}`.
pub fn get(name: &str) -> Op<AvailabilityZone> {
    Op::get(path!("lbaas/availabilityzones/{}", name)).decode_key("availability_zone")
}

/// `POST lbaas/availabilityzones` (admin; 201).
pub fn create(zone: &CreateAvailabilityZone) -> Op<AvailabilityZone> {
    Op::post(path!("lbaas/availabilityzones"))
        .check(zone.check())
        .json_under("availability_zone", zone)
        .decode_key("availability_zone")
}

/// `PUT lbaas/availabilityzones/{name}` (admin).
pub fn update(name: &str, update: &UpdateAvailabilityZone) -> Op<AvailabilityZone> {
    Op::put(path!("lbaas/availabilityzones/{}", name))
        .json_under("availability_zone", update)
        .decode_key("availability_zone")
}

/// `DELETE lbaas/availabilityzones/{name}` (admin; 204; 409 while load balancers use it).
pub fn delete(name: &str) -> Op<()> {
    Op::delete(path!("lbaas/availabilityzones/{}", name))
}
