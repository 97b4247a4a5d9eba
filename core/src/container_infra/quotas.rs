//! Magnum quotas (admin to change): a project's hard limit on a resource (`Cluster`).
//! Without a quota of its own a project gets the configured default.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::quotas::{self, SetQuota};
//! let magnum = client.container_infra();
//! let q = magnum.call(&quotas::create(&SetQuota::clusters("aa5436ab", 10))).await?;
//! magnum.call(&quotas::update("aa5436ab", "Cluster", &SetQuota::clusters("aa5436ab", 20))).await?;
//! let now = magnum.call(&quotas::get("aa5436ab", "Cluster")).await?;
//! assert_eq!(now.hard_limit, 20);
//! magnum.call(&quotas::delete("aa5436ab", "Cluster")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Paged;
use crate::{path, InvalidInput, List, Op, Paging, Timestamp};

/// A quota.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// Database id (`None` for a default, which has no row).
    pub id: Option<u64>,
    /// The project.
    pub project_id: Option<String>,
    /// The resource (`Cluster`).
    #[serde(default)]
    pub resource: String,
    /// The limit.
    #[serde(default)]
    pub hard_limit: u64,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`] and [`update`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SetQuota {
    /// The project.
    pub project_id: String,
    /// The resource (`Cluster`, the only one Magnum counts).
    pub resource: String,
    /// The limit.
    pub hard_limit: u64,
}

impl SetQuota {
    /// A limit of `hard_limit` clusters for `project_id`.
    pub fn clusters(project_id: &str, hard_limit: u64) -> Self {
        SetQuota {
            project_id: project_id.into(),
            resource: "Cluster".into(),
            hard_limit,
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.project_id.is_empty(),
            "project_id",
            "a quota needs a project",
        )
        .and(InvalidInput::require(
            !self.resource.is_empty(),
            "resource",
            "a quota needs a resource (Cluster)",
        ))
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuotas {
    /// Every project's quotas (admin), not only the caller's.
    pub all_tenants: bool,
    /// Paging and sorting.
    pub paged: Paged,
}

/// `GET /v1/quotas`: the quotas set explicitly.
pub fn list(filter: &ListQuotas) -> List<Quota> {
    let q = filter
        .paged
        .query()
        .push_opt("all_tenants", filter.all_tenants.then_some("True"));
    List::new(path!("quotas"), "quotas", Paging::Linked).query(q)
}

/// `GET /v1/quotas/{project_id}/{resource}`: the quota, or the default when none is set.
pub fn get(project_id: &str, resource: &str) -> Op<Quota> {
    Op::get(path!("quotas/{}/{}", project_id, resource)).decode_body()
}

/// `POST /v1/quotas` (admin; 201; 409 when the project already has one).
pub fn create(quota: &SetQuota) -> Op<Quota> {
    Op::post(path!("quotas"))
        .check(quota.check())
        .json(quota)
        .decode_body()
}

/// `PATCH /v1/quotas/{project_id}/{resource}` (admin; 202). The body is the quota, not a
/// JSON Patch.
pub fn update(project_id: &str, resource: &str, quota: &SetQuota) -> Op<Quota> {
    Op::patch(path!("quotas/{}/{}", project_id, resource))
        .check(quota.check())
        .json(quota)
        .decode_body()
}

/// `DELETE /v1/quotas/{project_id}/{resource}` (admin; 204): back to the default.
pub fn delete(project_id: &str, resource: &str) -> Op<()> {
    Op::delete(path!("quotas/{}/{}", project_id, resource))
}
