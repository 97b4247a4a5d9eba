//! Keystone v3 unified limits: a project's (or domain's) own limit of a resource,
//! overriding the [registered](super::registered_limits) default. Batch create, list (by
//! service, region, resource, project, domain), get, update, delete, and the enforcement
//! model the deployment uses.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::limits::{self, CreateLimit, ListLimits, UpdateLimit};
//! let keystone = client.identity();
//! let model = keystone.call(&limits::model()).await?;
//! let created = keystone
//!     .call(&limits::create(&[CreateLimit {
//!         service_id: "9408080f".into(),
//!         project_id: Some("3a705b9f".into()),
//!         resource_name: "volume".into(),
//!         resource_limit: 11,
//!         ..Default::default()
//!     }]))
//!     .await?;
//! let mine = keystone
//!     .collect_all(limits::list(&ListLimits {
//!         project_id: Some("3a705b9f".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let raised = UpdateLimit { resource_limit: Some(20), ..Default::default() };
//! keystone.call(&limits::update(&created[0].id, &raised)).await?;
//! keystone.call(&limits::delete(&created[0].id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, string_enum, InvalidInput, List, Op, Paging, Patch};

/// A project or domain limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    /// Id.
    pub id: String,
    /// The service whose resource it limits.
    pub service_id: String,
    /// Region it applies to (`None`: every region).
    pub region_id: Option<String>,
    /// The resource, e.g. `volume`.
    pub resource_name: String,
    /// The limit (`-1`: unlimited).
    pub resource_limit: i64,
    /// The project it limits (`None` for a domain limit).
    pub project_id: Option<String>,
    /// The domain it limits (`None` for a project limit).
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One limit of [`create`]: give `project_id` or `domain_id`, not both.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateLimit {
    /// The service whose resource it limits.
    pub service_id: String,
    /// The project it limits.
    pub project_id: Option<String>,
    /// The domain it limits.
    pub domain_id: Option<String>,
    /// Region (`None`: every region).
    pub region_id: Option<String>,
    /// The resource, e.g. `volume` (needs a registered limit of the same service,
    /// region and resource).
    pub resource_name: String,
    /// The limit (`-1`: unlimited).
    pub resource_limit: i64,
    /// Description.
    pub description: Option<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateLimit {
    /// New limit.
    pub resource_limit: Option<i64>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListLimits {
    /// Limits of this service.
    pub service_id: Option<String>,
    /// Limits in this region.
    pub region_id: Option<String>,
    /// Limits of this resource.
    pub resource_name: Option<String>,
    /// Limits of this project.
    pub project_id: Option<String>,
    /// Limits of this domain.
    pub domain_id: Option<String>,
}

string_enum! {
    /// How limits of a project tree are enforced.
    pub enum ModelName {
        /// Every project's limit stands alone.
        Flat = "flat",
        /// A parent's limit bounds the sum of its children (two levels deep).
        StrictTwoLevel = "strict_two_level",
    }
}

/// The limit enforcement model of the deployment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Model {
    /// Its name.
    #[serde(default)]
    pub name: ModelName,
    /// What it means.
    pub description: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateLimit {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.service_id.is_empty(),
            "service_id",
            "a limit needs a service",
        )
        .and(InvalidInput::require(
            !self.resource_name.is_empty(),
            "resource_name",
            "a limit needs a resource name",
        ))
        .and(InvalidInput::require(
            self.project_id.is_some() != self.domain_id.is_some(),
            "project_id",
            "a limit needs either a project_id or a domain_id",
        ))
        .and(InvalidInput::require(
            self.resource_limit >= -1,
            "resource_limit",
            "must be -1 (unlimited) or more",
        ))
    }
}

/// `POST /v3/limits` (201): creates them all or none, answers them all.
pub fn create(limits: &[CreateLimit]) -> Op<Vec<Limit>> {
    let check = InvalidInput::require(!limits.is_empty(), "limits", "create at least one")
        .and(limits.iter().try_for_each(CreateLimit::check));
    Op::post(path!("limits"))
        .check(check)
        .json_under("limits", &limits)
        .decode_key("limits")
}

/// `GET /v3/limits` (a project-scoped caller sees its own).
pub fn list(filter: &ListLimits) -> List<Limit> {
    List::new(path!("limits"), "limits", Paging::Linked).query(query!(
        service_id: filter.service_id.as_deref(),
        region_id: filter.region_id.as_deref(),
        resource_name: filter.resource_name.as_deref(),
        project_id: filter.project_id.as_deref(),
        domain_id: filter.domain_id.as_deref(),
    ))
}

/// `GET /v3/limits/{limit_id}`.
pub fn get(limit_id: &str) -> Op<Limit> {
    Op::get(path!("limits/{}", limit_id)).decode_key("limit")
}

/// `PATCH /v3/limits/{limit_id}`: only the limit and its description change. Keystone's
/// SQL backend skips false-y values: a `resource_limit` of `0` and a `Patch::Null`
/// description are accepted but leave the limit as it was.
pub fn update(limit_id: &str, update: &UpdateLimit) -> Op<Limit> {
    let check = InvalidInput::require(
        update.resource_limit.is_none_or(|l| l >= -1),
        "resource_limit",
        "must be -1 (unlimited) or more",
    );
    Op::patch(path!("limits/{}", limit_id))
        .check(check)
        .json_under("limit", update)
        .decode_key("limit")
}

/// `DELETE /v3/limits/{limit_id}`.
pub fn delete(limit_id: &str) -> Op<()> {
    Op::delete(path!("limits/{}", limit_id))
}

/// `GET /v3/limits/model`: the enforcement model.
pub fn model() -> Op<Model> {
    Op::get(path!("limits/model")).decode_key("model")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn keystone() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn a_limit_needs_exactly_one_owner_and_update_clears_the_description() {
        let ok = CreateLimit {
            service_id: "s".into(),
            project_id: Some("p".into()),
            resource_name: "volume".into(),
            resource_limit: 5,
            ..Default::default()
        };
        assert!(create(std::slice::from_ref(&ok))
            .request(&keystone())
            .is_ok());
        let both = CreateLimit {
            domain_id: Some("d".into()),
            ..ok.clone()
        };
        let neither = CreateLimit {
            project_id: None,
            ..ok
        };
        for bad in [both, neither] {
            let err = create(&[bad]).request(&keystone()).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let clear = UpdateLimit {
            description: Patch::Null,
            ..Default::default()
        };
        let req = update("l1", &clear).request(&keystone()).unwrap();
        assert_eq!(req.body().as_ref(), br#"{"limit":{"description":null}}"#);
        assert_eq!(
            ModelName::from("strict_two_level"),
            ModelName::StrictTwoLevel
        );
    }
}
