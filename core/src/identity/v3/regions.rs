//! Keystone v3 regions: list (by parent), get, create, update, delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::regions::{self, CreateRegion, ListRegions};
//! let keystone = client.identity();
//! let sub = keystone
//!     .call(&regions::create(&CreateRegion {
//!         id: Some("RegionOneSubRegion".into()),
//!         parent_region_id: Some("RegionOne".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let children = keystone
//!     .collect_all(regions::list(&ListRegions { parent_region_id: Some("RegionOne".into()) }))
//!     .await?;
//! keystone.call(&regions::delete(&sub.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging, Patch};

/// A region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Id (also its name, e.g. `RegionOne`).
    pub id: String,
    /// Description.
    pub description: Option<String>,
    /// The region this one is part of.
    pub parent_region_id: Option<String>,
    /// Other fields (`links`, extra attributes, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRegions {
    /// Only the children of this region.
    pub parent_region_id: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRegion {
    /// Id to use (`None`: Keystone makes one up).
    pub id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Parent region.
    pub parent_region_id: Option<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRegion {
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Parent region (`Patch::Null` makes it a top-level region).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub parent_region_id: Patch<String>,
}

impl CreateRegion {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.id.as_ref().is_none_or(|id| !id.is_empty()),
            "id",
            "must not be empty (leave it None for a generated id)",
        )
        .and(InvalidInput::require(
            self.id.is_none() || self.id != self.parent_region_id,
            "parent_region_id",
            "a region cannot be its own parent",
        ))
    }
}

/// `GET /v3/regions`.
pub fn list(filter: &ListRegions) -> List<Region> {
    List::new(path!("regions"), "regions", Paging::Linked).query(query!(
        parent_region_id: filter.parent_region_id.as_deref(),
    ))
}

/// `GET /v3/regions/{region_id}`.
pub fn get(region_id: &str) -> Op<Region> {
    Op::get(path!("regions/{}", region_id)).decode_key("region")
}

/// `POST /v3/regions` (201).
pub fn create(region: &CreateRegion) -> Op<Region> {
    Op::post(path!("regions"))
        .check(region.check())
        .json_under("region", region)
        .decode_key("region")
}

/// `PATCH /v3/regions/{region_id}`.
pub fn update(region_id: &str, update: &UpdateRegion) -> Op<Region> {
    Op::patch(path!("regions/{}", region_id))
        .json_under("region", update)
        .decode_key("region")
}

/// `DELETE /v3/regions/{region_id}` (delete child regions first: Keystone lets a parent go
/// and leaves its children pointing at it).
pub fn delete(region_id: &str) -> Op<()> {
    Op::delete(path!("regions/{}", region_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn create_checks_the_id_and_update_detaches() {
        let svc = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let own_parent = CreateRegion {
            id: Some("r".into()),
            parent_region_id: Some("r".into()),
            ..Default::default()
        };
        let empty_id = CreateRegion {
            id: Some(String::new()),
            ..Default::default()
        };
        for bad in [own_parent, empty_id] {
            assert!(create(&bad).request(&svc).is_err(), "{bad:?}");
        }
        let detach = UpdateRegion {
            parent_region_id: Patch::Null,
            ..Default::default()
        };
        let req = update("r", &detach).request(&svc).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"region":{"parent_region_id":null}}"#
        );
    }
}
