//! Neutron QoS rule types (`/v2.0/qos/rule-types`, extensions `qos`,
//! `qos-rule-type-details`, `qos-rule-type-filter`): which kinds of rule the loaded
//! drivers support, and each driver's parameters.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::qos_rule_types::{self, ListRuleTypes};
//! use ferrocloud::network::qos_rules::RuleType;
//! let neutron = client.network();
//! let supported = neutron.call(&qos_rule_types::list(&ListRuleTypes::default())).await?;
//! let every_kind = neutron
//!     .call(&qos_rule_types::list(&ListRuleTypes { all_rules: Some(true), ..Default::default() }))
//!     .await?;
//! let bw = neutron.call(&qos_rule_types::get(&RuleType::BandwidthLimit)).await?;
//! for d in &bw.drivers {
//!     println!("{}: {:?}", d.name, d.supported_parameters.iter().map(|p| &p.parameter_name).collect::<Vec<_>>());
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::qos_rules::RuleType;
use crate::{path, query, Op};

/// A rule type in [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTypeName {
    /// The kind.
    #[serde(rename = "type", default)]
    pub rule_type: RuleType,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One parameter a driver supports for a rule type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportedParameter {
    /// Field (`max_kbps`).
    #[serde(default)]
    pub parameter_name: String,
    /// `range` (values `{"start", "end"}`) or `choices` (a list).
    #[serde(default)]
    pub parameter_type: String,
    /// The range or the choices.
    #[serde(default)]
    pub parameter_values: Value,
}

/// A driver supporting a rule type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTypeDriver {
    /// Driver (`openvswitch`, `ovn`, `sriovnicswitch`).
    #[serde(default)]
    pub name: String,
    /// Its parameters.
    #[serde(default)]
    pub supported_parameters: Vec<SupportedParameter>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A rule type with its drivers ([`get`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTypeDetails {
    /// The kind.
    #[serde(rename = "type", default)]
    pub rule_type: RuleType,
    /// Drivers supporting it (empty when none is loaded).
    #[serde(default)]
    pub drivers: Vec<RuleTypeDriver>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`] (`qos-rule-type-filter`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRuleTypes {
    /// Every rule type Neutron implements, loaded drivers or not (admin).
    pub all_rules: Option<bool>,
    /// The rule types any loaded driver supports (instead of all of them).
    pub all_supported: Option<bool>,
}

/// `GET /v2.0/qos/rule-types` (one page): the rule types every loaded driver supports
/// (by default), or see [`ListRuleTypes`].
pub fn list(f: &ListRuleTypes) -> Op<Vec<RuleTypeName>> {
    Op::get(path!("qos/rule-types"))
        .query(query!(all_rules: f.all_rules, all_supported: f.all_supported))
        .decode_key("rule_types")
}

/// `GET /v2.0/qos/rule-types/{rule_type}` (admin): its drivers and their parameters.
pub fn get(rule_type: &RuleType) -> Op<RuleTypeDetails> {
    Op::get(path!("qos/rule-types/{}", rule_type.as_str())).decode_key("rule_type")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn filters_and_path() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let req = list(&ListRuleTypes {
            all_rules: Some(true),
            ..Default::default()
        })
        .request(&neutron)
        .unwrap();
        assert_eq!(
            req.uri(),
            "http://h:9696/v2.0/qos/rule-types?all_rules=true"
        );
        let req = get(&RuleType::DscpMarking).request(&neutron).unwrap();
        assert_eq!(req.uri().path(), "/v2.0/qos/rule-types/dscp_marking");
    }
}
