//! Octavia quotas: per-project limits on load balancers, listeners, pools, members,
//! health monitors, L7 policies and rules (`-1`: unlimited). Admins list, read, change
//! and reset them; a project reads its own.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::quotas::{self, UpdateQuota};
//! use ferrocloud::Patch;
//! let octavia = client.load_balancer();
//! let defaults = octavia.call(&quotas::defaults()).await?;
//! let q = octavia
//!     .call(&quotas::update("e3cd678b", &UpdateQuota {
//!         loadbalancer: Patch::Set(10),
//!         member: Patch::Null, // back to the default
//!         ..Default::default()
//!     }))
//!     .await?;
//! assert_eq!(q.loadbalancer, Some(10));
//! octavia.call(&quotas::reset("e3cd678b")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, ListCommon, Op, Paging, Patch};

/// A project's quota (`-1`: unlimited). In a listing, `None` means the default applies.
///
/// Octavia also sends the deprecated spellings `load_balancer` and `health_monitor`; they
/// stay in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// The project (`defaults` for [`defaults`]; absent in some answers).
    pub project_id: Option<String>,
    /// Load balancers.
    pub loadbalancer: Option<i64>,
    /// Listeners.
    pub listener: Option<i64>,
    /// Pools.
    pub pool: Option<i64>,
    /// Members.
    pub member: Option<i64>,
    /// Health monitors.
    pub healthmonitor: Option<i64>,
    /// L7 policies.
    pub l7policy: Option<i64>,
    /// L7 rules.
    pub l7rule: Option<i64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`update`]: `Set(n)` sets a limit (`-1`: unlimited), `Null` returns it to
/// the default, `Keep` leaves it as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateQuota {
    /// Load balancers.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub loadbalancer: Patch<i64>,
    /// Listeners.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub listener: Patch<i64>,
    /// Members.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub member: Patch<i64>,
    /// Pools.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub pool: Patch<i64>,
    /// Health monitors.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub healthmonitor: Patch<i64>,
    /// L7 policies.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub l7policy: Patch<i64>,
    /// L7 rules.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub l7rule: Patch<i64>,
}

impl UpdateQuota {
    fn check(&self) -> Result<(), InvalidInput> {
        let fields = [
            ("loadbalancer", &self.loadbalancer),
            ("listener", &self.listener),
            ("member", &self.member),
            ("pool", &self.pool),
            ("healthmonitor", &self.healthmonitor),
            ("l7policy", &self.l7policy),
            ("l7rule", &self.l7rule),
        ];
        InvalidInput::require(
            fields.iter().any(|(_, v)| !v.is_keep()),
            "loadbalancer",
            "change at least one limit",
        )?;
        for (field, v) in fields {
            if let Patch::Set(n) = v {
                InvalidInput::require(*n >= -1, field, "-1 (unlimited) or more")?;
            }
        }
        Ok(())
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuotas {
    /// One project's quota.
    pub project_id: Option<String>,
    /// Fields, sort, paging, other filters.
    pub common: ListCommon,
}

/// `GET lbaas/quotas`: the projects with quotas of their own (admin; others see their
/// own).
pub fn list(filter: &ListQuotas) -> List<Quota> {
    let q = query!(project_id: filter.project_id.as_deref());
    List::new(path!("lbaas/quotas"), "quotas", Paging::Linked)
        .query(filter.common.apply_joined_sort(q))
}

/// `GET lbaas/quotas/{project_id}`: the limits in force (defaults filled in).
pub fn get(project_id: &str) -> Op<Quota> {
    Op::get(path!("lbaas/quotas/{}", project_id)).decode_key("quota")
}

/// `GET lbaas/quotas/defaults`: the limits of projects without their own.
pub fn defaults() -> Op<Quota> {
    Op::get(path!("lbaas/quotas/defaults")).decode_key("quota")
}

/// `PUT lbaas/quotas/{project_id}` (admin).
pub fn update(project_id: &str, update: &UpdateQuota) -> Op<Quota> {
    Op::put(path!("lbaas/quotas/{}", project_id))
        .check(update.check())
        .json_under("quota", update)
        .decode_key("quota")
}

/// `DELETE lbaas/quotas/{project_id}` (admin; 202): back to the defaults.
pub fn reset(project_id: &str) -> Op<()> {
    Op::delete(path!("lbaas/quotas/{}", project_id))
}
