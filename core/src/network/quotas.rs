//! Neutron quotas (`/v2.0/quotas`, extensions `quotas`, `quota_details` and
//! `quota-check-limit`): each project's limits, with what is used and reserved
//! ([`details`]), the defaults, update, and back to the defaults ([`delete`]). A limit
//! of `-1` is unlimited.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::quotas::{self, UpdateQuotas};
//! let neutron = client.network();
//! let project = "6f70656e737461636b20342065766572";
//! let usage = neutron.call(&quotas::details(project)).await?;
//! if let Some(ports) = &usage.port {
//!     println!("{} ports used, {} reserved, limit {}", ports.used, ports.reserved, ports.limit);
//! }
//! neutron
//!     .call(&quotas::update(project, &UpdateQuotas { network: Some(20), check_limit: Some(true), ..Default::default() }))
//!     .await?;
//! neutron.call(&quotas::delete(project)).await?; // back to the defaults
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, InvalidInput, List, Op, Paging};

/// Each quota of a project, as `T`: a limit ([`QuotaSet`]) or limit, use and
/// reservations ([`QuotaDetails`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotas<T> {
    /// Networks.
    pub network: Option<T>,
    /// Subnets.
    pub subnet: Option<T>,
    /// Ports.
    pub port: Option<T>,
    /// Routers.
    pub router: Option<T>,
    /// Extra routes of one router (`extraroute`).
    pub router_route: Option<T>,
    /// Floating IPs.
    pub floatingip: Option<T>,
    /// Security groups.
    pub security_group: Option<T>,
    /// Security group rules.
    pub security_group_rule: Option<T>,
    /// Subnet pools.
    pub subnetpool: Option<T>,
    /// RBAC policies.
    pub rbac_policy: Option<T>,
    /// Trunks (with the trunk plugin).
    pub trunk: Option<T>,
    /// The project ([`list`] answers only).
    pub project_id: Option<String>,
    /// The project, legacy name ([`list`] answers only).
    pub tenant_id: Option<String>,
    /// Quotas of other resources (service plugins add theirs) and other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A project's limits.
pub type QuotaSet = Quotas<i64>;

/// A project's limits with use and reservations.
pub type QuotaDetails = Quotas<QuotaUsage>;

/// One quota with its use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaUsage {
    /// Used.
    pub used: i64,
    /// The limit (`-1`: unlimited).
    pub limit: i64,
    /// Reserved by requests in flight.
    pub reserved: i64,
}

/// The body of [`update`]: only the quotas given change (`-1`: unlimited).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateQuotas {
    /// Networks.
    pub network: Option<i64>,
    /// Subnets.
    pub subnet: Option<i64>,
    /// Ports.
    pub port: Option<i64>,
    /// Routers.
    pub router: Option<i64>,
    /// Extra routes of one router.
    pub router_route: Option<i64>,
    /// Floating IPs.
    pub floatingip: Option<i64>,
    /// Security groups.
    pub security_group: Option<i64>,
    /// Security group rules.
    pub security_group_rule: Option<i64>,
    /// Subnet pools.
    pub subnetpool: Option<i64>,
    /// RBAC policies.
    pub rbac_policy: Option<i64>,
    /// Trunks.
    pub trunk: Option<i64>,
    /// Refuse a limit below what is already used (`quota-check-limit`).
    pub check_limit: Option<bool>,
    /// Set the limit even below what is used (the default; the opposite of
    /// `check_limit`, which wins when both are set).
    pub force: Option<bool>,
    /// Quotas of other resources, by name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl UpdateQuotas {
    fn check(&self) -> Result<(), InvalidInput> {
        let named = [
            self.network,
            self.subnet,
            self.port,
            self.router,
            self.router_route,
            self.floatingip,
            self.security_group,
            self.security_group_rule,
            self.subnetpool,
            self.rbac_policy,
            self.trunk,
        ];
        InvalidInput::require(
            named.iter().flatten().all(|n| *n >= -1)
                && self
                    .extra
                    .values()
                    .all(|v| v.as_i64().is_some_and(|n| n >= -1)),
            "quota",
            "a limit is an integer of -1 (unlimited) or more",
        )
        .and(InvalidInput::require(
            named.iter().any(Option::is_some) || !self.extra.is_empty(),
            "quota",
            "nothing to change",
        ))
    }
}

fn quota_path(project_id: &str) -> Result<String, InvalidInput> {
    path!("quotas/{}", project_id)
}

/// `GET /v2.0/quotas` (admin): the projects with quotas other than the defaults (one
/// page).
pub fn list() -> List<QuotaSet> {
    List::new(path!("quotas"), "quotas", Paging::Single)
}

/// `GET /v2.0/quotas/{project_id}`: a project's limits.
pub fn get(project_id: &str) -> Op<QuotaSet> {
    Op::get(quota_path(project_id)).decode_key("quota")
}

/// `GET /v2.0/quotas/{project_id}/details.json`: limits with use and reservations.
pub fn details(project_id: &str) -> Op<QuotaDetails> {
    Op::get(path!("quotas/{}/details.json", project_id)).decode_key("quota")
}

/// `GET /v2.0/quotas/{project_id}/default`: the defaults a project starts with.
pub fn defaults(project_id: &str) -> Op<QuotaSet> {
    Op::get(path!("quotas/{}/default", project_id)).decode_key("quota")
}

/// `PUT /v2.0/quotas/{project_id}` (admin): changes the quotas given.
pub fn update(project_id: &str, quotas: &UpdateQuotas) -> Op<QuotaSet> {
    Op::put(quota_path(project_id))
        .check(quotas.check())
        .json_under("quota", quotas)
        .decode_key("quota")
}

/// `DELETE /v2.0/quotas/{project_id}` (admin): back to the defaults.
pub fn delete(project_id: &str) -> Op<()> {
    Op::delete(quota_path(project_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn limits_checked_and_other_resources_kept() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        assert!(update("p", &UpdateQuotas::default())
            .request(&neutron)
            .is_err());
        let below = UpdateQuotas {
            port: Some(-2),
            ..Default::default()
        };
        assert!(update("p", &below).request(&neutron).is_err());
        let mut other = UpdateQuotas::default();
        other.extra.insert("firewall_group".into(), 5.into());
        let req = update("p", &other).request(&neutron).unwrap();
        assert_eq!(req.body().as_ref(), br#"{"quota":{"firewall_group":5}}"#);
        let q: QuotaSet = serde_json::from_str(r#"{"network": 10, "firewall_group": 3}"#).unwrap();
        assert_eq!(
            (q.network, q.extra["firewall_group"].as_i64()),
            (Some(10), Some(3))
        );
    }
}
