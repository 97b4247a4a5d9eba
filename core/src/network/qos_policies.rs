//! Neutron QoS policies (`/v2.0/qos/policies`, extensions `qos`, `qos-default`): named
//! sets of rules ([`qos_rules`](super::qos_rules)) attached to ports, networks
//! (`qos_policy_id`), floating IPs and router gateways.
//!
//! Their tags live under `/v2.0/policies/{id}/tags` ([`TAGS`]): Neutron's tag API knows
//! QoS policies by their bare collection name (`GET /v2.0/qos/policies/{id}/tags` fails
//! with 500 on Neutron 29).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::qos_policies::{self, CreatePolicy};
//! use ferrocloud::network::qos_rules::{self, BandwidthLimitOpts};
//! use ferrocloud::network::ports::{self, UpdatePort};
//! use ferrocloud::Patch;
//! let neutron = client.network();
//! let policy = neutron.call(&qos_policies::create(&CreatePolicy::new("10Mbit"))).await?;
//! neutron
//!     .call(&qos_rules::BANDWIDTH_LIMIT.create(&policy.id, &BandwidthLimitOpts { max_kbps: Some(10_000), ..Default::default() }))
//!     .await?;
//! neutron
//!     .call(&ports::update("port-id", &UpdatePort { qos_policy_id: Patch::Set(policy.id.clone()), ..Default::default() }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::qos_rules::{Direction, RuleType};
use super::shared;
use crate::{query, Find, InvalidInput, List, ListCommon, Op, Tags, Timestamp};

/// A rule as a policy lists it: its type and the fields of that type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRule {
    /// Rule id.
    pub id: String,
    /// Its kind.
    #[serde(rename = "type", default)]
    pub rule_type: RuleType,
    /// The policy.
    pub qos_policy_id: Option<String>,
    /// Direction (bandwidth and packet rate rules).
    pub direction: Option<Direction>,
    /// Bandwidth limit, kbps.
    pub max_kbps: Option<u64>,
    /// Bandwidth limit burst, kbit.
    pub max_burst_kbps: Option<u64>,
    /// DSCP mark.
    pub dscp_mark: Option<u8>,
    /// Minimum bandwidth, kbps.
    pub min_kbps: Option<u64>,
    /// Minimum packet rate, kpps.
    pub min_kpps: Option<u64>,
    /// Packet rate limit, kpps.
    pub max_kpps: Option<u64>,
    /// Packet rate limit burst, kpps.
    pub max_burst_kpps: Option<u64>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A QoS policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Shared with every project.
    #[serde(default)]
    pub shared: bool,
    /// The project's default policy (new networks get it).
    #[serde(default)]
    pub is_default: bool,
    /// Its rules (absent from update answers).
    #[serde(default)]
    pub rules: Vec<PolicyRule>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Revision.
    #[serde(default)]
    pub revision_number: u64,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreatePolicy::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreatePolicy {
    /// Name (required).
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Share with every project (admin).
    pub shared: Option<bool>,
    /// Make it the project's default.
    pub is_default: Option<bool>,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreatePolicy {
    /// A policy named `name`.
    pub fn new(name: &str) -> Self {
        CreatePolicy {
            name: name.into(),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a QoS policy needs a name")
    }
}

/// The body of [`update`]. `None` leaves a field as it is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdatePolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Shared.
    pub shared: Option<bool>,
    /// Default.
    pub is_default: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPolicies {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Shared.
    pub shared: Option<bool>,
    /// Default.
    pub is_default: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

/// The tags of QoS policies (`/v2.0/policies/{id}/tags`).
pub const TAGS: Tags = shared::tags("policies");

const RESOURCE: shared::Resource = shared::Resource {
    collection: "qos/policies",
    one: "policy",
    many: "policies",
};

/// `GET /v2.0/qos/policies`, paged through `policies_links`.
pub fn list(f: &ListPolicies) -> List<Policy> {
    let filters = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        shared: f.shared,
        is_default: f.is_default,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    RESOURCE.list(filters, &f.common)
}

/// `GET /v2.0/qos/policies/{policy_id}`.
pub fn get(policy_id: &str) -> Op<Policy> {
    RESOURCE.get(policy_id)
}

/// A QoS policy by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Policy> {
    RESOURCE.find("QoS policy", name_or_id)
}

crate::named!(Policy);

/// `POST /v2.0/qos/policies`.
pub fn create(policy: &CreatePolicy) -> Op<Policy> {
    RESOURCE.create(policy.check(), policy)
}

/// `PUT /v2.0/qos/policies/{policy_id}`.
pub fn update(policy_id: &str, update: &UpdatePolicy) -> Op<Policy> {
    RESOURCE.update(policy_id, update)
}

/// `DELETE /v2.0/qos/policies/{policy_id}` (409 while a port or network uses it).
pub fn delete(policy_id: &str) -> Op<()> {
    RESOURCE.delete(policy_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn collection_under_qos_and_tags_under_policies() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        assert_eq!(
            get("p").request(&neutron).unwrap().uri().path(),
            "/v2.0/qos/policies/p"
        );
        assert_eq!(
            TAGS.list("p").request(&neutron).unwrap().uri().path(),
            "/v2.0/policies/p/tags"
        );
        assert!(create(&CreatePolicy::default()).request(&neutron).is_err());
    }
}
