//! FWaaS v2 firewall policies (`/v2.0/fwaas/firewall_policies`): an ordered list of
//! [rules](super::rules). Change the order with [`insert_rule`] (at the top, before or
//! after a rule already in the policy) and [`remove_rule`], or replace the whole list
//! with [`update`].
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::fwaas::policies::{self, CreateFirewallPolicy, InsertRule};
//! let neutron = client.network();
//! let policy = neutron
//!     .call(&policies::create(&CreateFirewallPolicy {
//!         name: Some("web".into()),
//!         firewall_rules: vec!["allow-http".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! // allow-ssh right after allow-http, then deny-all at the very top.
//! neutron.call(&policies::insert_rule(&policy.id, &InsertRule::after("allow-ssh", "allow-http"))).await?;
//! let policy = neutron.call(&policies::insert_rule(&policy.id, &InsertRule::first("deny-all"))).await?;
//! assert_eq!(policy.firewall_rules[0], "deny-all");
//! neutron.call(&policies::remove_rule(&policy.id, "deny-all")).await?;
//! neutron.call(&policies::delete(&policy.id)).await?;
//! # Ok(()) }
//! ```

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::network::shared;
use crate::{path, query, InvalidInput, List, ListCommon, Op, Timestamp};

/// A firewall policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirewallPolicy {
    /// Firewall policy id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Its rules, in the order they are applied.
    #[serde(default)]
    pub firewall_rules: Vec<String>,
    /// Audited: set by an auditor, reset by Neutron on every change to the policy or its
    /// rules.
    pub audited: Option<bool>,
    /// Visible to every project.
    pub shared: Option<bool>,
    /// Revision, bumped on every change (`standard-attr-revisions`).
    pub revision_number: Option<u64>,
    /// Creation time (`standard-attr-timestamp`).
    pub created_at: Option<Timestamp>,
    /// Last change (`standard-attr-timestamp`).
    pub updated_at: Option<Timestamp>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFirewallPolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Rules, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub firewall_rules: Vec<String>,
    /// Audited.
    pub audited: Option<bool>,
    /// Share with every project.
    pub shared: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

/// The body of [`update`] (`None` leaves a field as it is).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFirewallPolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The rules, replacing the current list in this order (`Some(vec![])` empties it).
    pub firewall_rules: Option<Vec<String>>,
    /// Audited.
    pub audited: Option<bool>,
    /// Shared.
    pub shared: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFirewallPolicies {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Shared.
    pub shared: Option<bool>,
    /// Audited.
    pub audited: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

/// Where [`insert_rule`] puts a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulePosition {
    /// At the top of the policy (Neutron's default when no reference rule is given).
    First,
    /// Right before this rule of the policy.
    Before(String),
    /// Right after this rule of the policy.
    After(String),
}

/// The body of [`insert_rule`]: which rule, and where. Neutron reads `insert_before`
/// first and uses `insert_after` only when `insert_before` is empty, so
/// [`RulePosition::After`] sends `"insert_before": ""` with it (as the API reference
/// does) and [`RulePosition::First`] sends neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertRule {
    /// The rule to insert (not in this policy yet; a rule may be in several policies).
    pub firewall_rule_id: String,
    /// Where.
    pub position: RulePosition,
}

impl InsertRule {
    /// Inserts `rule` at the top.
    pub fn first(rule: &str) -> Self {
        InsertRule {
            firewall_rule_id: rule.into(),
            position: RulePosition::First,
        }
    }

    /// Inserts `rule` right before `reference`.
    pub fn before(rule: &str, reference: &str) -> Self {
        InsertRule {
            firewall_rule_id: rule.into(),
            position: RulePosition::Before(reference.into()),
        }
    }

    /// Inserts `rule` right after `reference`.
    pub fn after(rule: &str, reference: &str) -> Self {
        InsertRule {
            firewall_rule_id: rule.into(),
            position: RulePosition::After(reference.into()),
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let reference = match &self.position {
            RulePosition::First => None,
            RulePosition::Before(r) | RulePosition::After(r) => Some(r.as_str()),
        };
        InvalidInput::require(
            !self.firewall_rule_id.is_empty(),
            "firewall_rule_id",
            "name the rule to insert",
        )
        .and(InvalidInput::require(
            reference != Some(""),
            "position",
            "the reference rule id must not be empty (use RulePosition::First for the top)",
        ))
        .and(InvalidInput::require(
            reference != Some(self.firewall_rule_id.as_str()),
            "position",
            "a rule cannot be placed relative to itself",
        ))
    }
}

impl Serialize for InsertRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("firewall_rule_id", &self.firewall_rule_id)?;
        match &self.position {
            RulePosition::First => {}
            RulePosition::Before(r) => m.serialize_entry("insert_before", r)?,
            RulePosition::After(r) => {
                m.serialize_entry("insert_after", r)?;
                m.serialize_entry("insert_before", "")?;
            }
        }
        m.end()
    }
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "fwaas/firewall_policies",
    one: "firewall_policy",
    many: "firewall_policies",
};

/// `GET /v2.0/fwaas/firewall_policies`, paged through `firewall_policies_links`.
pub fn list(f: &ListFirewallPolicies) -> List<FirewallPolicy> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        shared: f.shared,
        audited: f.audited,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/fwaas/firewall_policies/{firewall_policy_id}`.
pub fn get(firewall_policy_id: &str) -> Op<FirewallPolicy> {
    RESOURCE.get(firewall_policy_id)
}

/// `POST /v2.0/fwaas/firewall_policies`.
pub fn create(policy: &CreateFirewallPolicy) -> Op<FirewallPolicy> {
    RESOURCE.create(rule_ids(&policy.firewall_rules), policy)
}

/// `PUT /v2.0/fwaas/firewall_policies/{firewall_policy_id}`.
pub fn update(firewall_policy_id: &str, update: &UpdateFirewallPolicy) -> Op<FirewallPolicy> {
    RESOURCE.update(firewall_policy_id, update).check(rule_ids(
        update.firewall_rules.as_deref().unwrap_or_default(),
    ))
}

/// `DELETE /v2.0/fwaas/firewall_policies/{firewall_policy_id}` (409 while a group uses it).
pub fn delete(firewall_policy_id: &str) -> Op<()> {
    RESOURCE.delete(firewall_policy_id)
}

/// `PUT /v2.0/fwaas/firewall_policies/{firewall_policy_id}/insert_rule`: the policy as it
/// is now (Neutron answers with the policy itself, not under a key).
pub fn insert_rule(firewall_policy_id: &str, insert: &InsertRule) -> Op<FirewallPolicy> {
    Op::put(path!(
        "fwaas/firewall_policies/{}/insert_rule",
        firewall_policy_id
    ))
    .check(insert.check())
    .json(insert)
    .decode_body()
}

/// `PUT /v2.0/fwaas/firewall_policies/{firewall_policy_id}/remove_rule`: takes
/// `firewall_rule_id` out of the policy (the rule itself stays); answers with the policy.
pub fn remove_rule(firewall_policy_id: &str, firewall_rule_id: &str) -> Op<FirewallPolicy> {
    Op::put(path!(
        "fwaas/firewall_policies/{}/remove_rule",
        firewall_policy_id
    ))
    .check(InvalidInput::require(
        !firewall_rule_id.is_empty(),
        "firewall_rule_id",
        "name the rule to remove",
    ))
    .json(&serde_json::json!({ "firewall_rule_id": firewall_rule_id }))
    .decode_body()
}

/// Every rule id must be non-empty, and a rule appears once in a policy.
fn rule_ids(rules: &[String]) -> Result<(), InvalidInput> {
    let mut seen = std::collections::BTreeSet::new();
    InvalidInput::require(
        rules.iter().all(|r| !r.is_empty()),
        "firewall_rules",
        "a rule id must not be empty",
    )
    .and(InvalidInput::require(
        rules.iter().all(|r| seen.insert(r.as_str())),
        "firewall_rules",
        "a rule can be in a policy only once",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};
    use serde_json::json;

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    fn body(insert: &InsertRule) -> Value {
        let req = insert_rule("p", insert).request(&neutron()).unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(
            req.uri().path(),
            "/v2.0/fwaas/firewall_policies/p/insert_rule"
        );
        serde_json::from_slice(req.body()).unwrap()
    }

    #[test]
    fn insert_positions() {
        assert_eq!(
            body(&InsertRule::first("r")),
            json!({"firewall_rule_id": "r"})
        );
        assert_eq!(
            body(&InsertRule::before("r", "x")),
            json!({"firewall_rule_id": "r", "insert_before": "x"})
        );
        // insert_before wins in Neutron when it is not empty: After says it is.
        assert_eq!(
            body(&InsertRule::after("r", "x")),
            json!({"firewall_rule_id": "r", "insert_after": "x", "insert_before": ""})
        );
    }

    #[test]
    fn bad_inserts_and_rule_lists_fail_before_io() {
        let errs = [
            insert_rule("p", &InsertRule::first("")).request(&neutron()),
            insert_rule("p", &InsertRule::after("r", "")).request(&neutron()),
            insert_rule("p", &InsertRule::before("r", "r")).request(&neutron()),
            remove_rule("p", "").request(&neutron()),
            create(&CreateFirewallPolicy {
                firewall_rules: vec!["a".into(), "a".into()],
                ..Default::default()
            })
            .request(&neutron()),
            update(
                "p",
                &UpdateFirewallPolicy {
                    firewall_rules: Some(vec![String::new()]),
                    ..Default::default()
                },
            )
            .request(&neutron()),
        ];
        for e in errs {
            let err = e.unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
    }

    #[test]
    fn insert_answers_the_bare_policy() {
        let resp = http::Response::new(bytes::Bytes::from_static(
            br#"{"id": "p", "firewall_rules": ["r", "x"], "audited": false}"#,
        ));
        let p = insert_rule("p", &InsertRule::first("r"))
            .parse(resp)
            .unwrap();
        assert_eq!(p.firewall_rules, ["r", "x"]);
        assert_eq!(p.audited, Some(false));
    }
}
