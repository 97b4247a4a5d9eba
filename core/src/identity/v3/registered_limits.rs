//! Keystone v3 registered limits (unified limits): the default limit of a resource of a
//! service, optionally per region. Batch create, list (by service, region, resource), get,
//! update, delete. Project and domain overrides are [`limits`](super::limits).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::registered_limits::{self, CreateRegisteredLimit, ListRegisteredLimits};
//! let keystone = client.identity();
//! let created = keystone
//!     .call(&registered_limits::create(&[CreateRegisteredLimit {
//!         service_id: "9408080f".into(),
//!         resource_name: "volume".into(),
//!         default_limit: 10,
//!         description: Some("Number of volumes".into()),
//!         ..Default::default()
//!     }]))
//!     .await?;
//! let volumes = keystone
//!     .collect_all(registered_limits::list(&ListRegisteredLimits {
//!         resource_name: Some("volume".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! for rl in created {
//!     keystone.call(&registered_limits::delete(&rl.id)).await?;
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging, Patch};

/// A registered limit: the default for every project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredLimit {
    /// Id.
    pub id: String,
    /// The service whose resource it limits.
    pub service_id: String,
    /// Region it applies to (`None`: every region).
    pub region_id: Option<String>,
    /// The resource, e.g. `volume`.
    pub resource_name: String,
    /// The default limit (`-1`: unlimited).
    pub default_limit: i64,
    /// Description.
    pub description: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One registered limit of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRegisteredLimit {
    /// The service whose resource it limits.
    pub service_id: String,
    /// Region (`None`: every region).
    pub region_id: Option<String>,
    /// The resource, e.g. `volume`.
    pub resource_name: String,
    /// The default limit (`-1`: unlimited).
    pub default_limit: i64,
    /// Description.
    pub description: Option<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRegisteredLimit {
    /// Move it to another service.
    pub service_id: Option<String>,
    /// Region (`Patch::Null`: every region).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub region_id: Patch<String>,
    /// Rename the resource.
    pub resource_name: Option<String>,
    /// New default limit.
    pub default_limit: Option<i64>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRegisteredLimits {
    /// Limits of this service.
    pub service_id: Option<String>,
    /// Limits in this region.
    pub region_id: Option<String>,
    /// Limits of this resource.
    pub resource_name: Option<String>,
}

impl CreateRegisteredLimit {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.service_id.is_empty(),
            "service_id",
            "a registered limit needs a service",
        )
        .and(InvalidInput::require(
            !self.resource_name.is_empty(),
            "resource_name",
            "a registered limit needs a resource name",
        ))
        .and(InvalidInput::require(
            self.default_limit >= -1,
            "default_limit",
            "must be -1 (unlimited) or more",
        ))
    }
}

impl UpdateRegisteredLimit {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.default_limit.is_none_or(|l| l >= -1),
            "default_limit",
            "must be -1 (unlimited) or more",
        )
        .and(InvalidInput::require(
            self.service_id.as_ref().is_none_or(|s| !s.is_empty()),
            "service_id",
            "must not be empty (leave it None to keep the service)",
        ))
        .and(InvalidInput::require(
            self.resource_name.as_ref().is_none_or(|s| !s.is_empty()),
            "resource_name",
            "must not be empty (leave it None to keep the name)",
        ))
    }
}

/// `POST /v3/registered_limits` (201): creates them all or none, answers them all.
pub fn create(limits: &[CreateRegisteredLimit]) -> Op<Vec<RegisteredLimit>> {
    let check = InvalidInput::require(
        !limits.is_empty(),
        "registered_limits",
        "create at least one",
    )
    .and(limits.iter().try_for_each(CreateRegisteredLimit::check));
    Op::post(path!("registered_limits"))
        .check(check)
        .json_under("registered_limits", &limits)
        .decode_key("registered_limits")
}

/// `GET /v3/registered_limits`.
pub fn list(filter: &ListRegisteredLimits) -> List<RegisteredLimit> {
    List::new(
        path!("registered_limits"),
        "registered_limits",
        Paging::Linked,
    )
    .query(query!(
        service_id: filter.service_id.as_deref(),
        region_id: filter.region_id.as_deref(),
        resource_name: filter.resource_name.as_deref(),
    ))
}

/// `GET /v3/registered_limits/{registered_limit_id}`.
pub fn get(registered_limit_id: &str) -> Op<RegisteredLimit> {
    Op::get(path!("registered_limits/{}", registered_limit_id)).decode_key("registered_limit")
}

/// `PATCH /v3/registered_limits/{registered_limit_id}` (Keystone refuses to change the
/// service, region or resource once a project limit refers to it).
pub fn update(registered_limit_id: &str, update: &UpdateRegisteredLimit) -> Op<RegisteredLimit> {
    Op::patch(path!("registered_limits/{}", registered_limit_id))
        .check(update.check())
        .json_under("registered_limit", update)
        .decode_key("registered_limit")
}

/// `DELETE /v3/registered_limits/{registered_limit_id}` (403 while project limits refer to
/// it).
pub fn delete(registered_limit_id: &str) -> Op<()> {
    Op::delete(path!("registered_limits/{}", registered_limit_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn keystone() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn create_checks_every_item_and_update_clears_the_region() {
        let ok = CreateRegisteredLimit {
            service_id: "s".into(),
            resource_name: "volume".into(),
            default_limit: -1,
            ..Default::default()
        };
        let bad = CreateRegisteredLimit {
            default_limit: -2,
            ..ok.clone()
        };
        assert!(create(std::slice::from_ref(&ok))
            .request(&keystone())
            .is_ok());
        for limits in [vec![], vec![ok, bad]] {
            let err = create(&limits).request(&keystone()).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let clear = UpdateRegisteredLimit {
            region_id: Patch::Null,
            default_limit: Some(3),
            ..Default::default()
        };
        let req = update("r1", &clear).request(&keystone()).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"registered_limit":{"region_id":null,"default_limit":3}}"#
        );
    }
}
