//! Neutron QoS rules (`/v2.0/qos/policies/{policy_id}/<type>_rules`, extensions `qos`,
//! `qos-bw-limit-direction`, `qos-bw-minimum-ingress`, `qos-pps`, `qos-pps-minimum`):
//! bandwidth limit, DSCP marking, minimum bandwidth, minimum packet rate and packet rate
//! limit rules of a [`qos_policies`](super::qos_policies) policy.
//!
//! Each kind is a constant with the same five operations: [`BANDWIDTH_LIMIT`],
//! [`DSCP_MARKING`], [`MINIMUM_BANDWIDTH`], [`MINIMUM_PACKET_RATE`] and
//! [`PACKET_RATE_LIMIT`]. Create and update take the kind's options (`None` leaves a
//! field to Neutron's default, or as it is); create checks the kind's required field.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::qos_rules::{self, BandwidthLimitOpts, Direction, DscpMarkingOpts};
//! let neutron = client.network();
//! let limit = neutron
//!     .call(&qos_rules::BANDWIDTH_LIMIT.create("policy-id", &BandwidthLimitOpts {
//!         max_kbps: Some(10_000),
//!         direction: Some(Direction::Ingress),
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron
//!     .call(&qos_rules::DSCP_MARKING.create("policy-id", &DscpMarkingOpts { dscp_mark: Some(26) }))
//!     .await?;
//! let limits = neutron.collect_all(qos_rules::BANDWIDTH_LIMIT.list("policy-id", &Default::default())).await?;
//! neutron.call(&qos_rules::BANDWIDTH_LIMIT.delete("policy-id", &limit.id)).await?;
//! # Ok(()) }
//! ```

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, string_enum, InvalidInput, List, ListCommon, Op, Paging};

string_enum! {
    /// A kind of QoS rule.
    pub enum RuleType {
        /// Bandwidth limit.
        BandwidthLimit = "bandwidth_limit",
        /// DSCP marking.
        DscpMarking = "dscp_marking",
        /// Minimum (guaranteed) bandwidth.
        MinimumBandwidth = "minimum_bandwidth",
        /// Minimum (guaranteed) packet rate.
        MinimumPacketRate = "minimum_packet_rate",
        /// Packet rate limit.
        PacketRateLimit = "packet_rate_limit",
    }
}

string_enum! {
    /// The traffic a rule applies to, seen from the instance.
    pub enum Direction {
        /// Out of the instance (the default).
        Egress = "egress",
        /// Into the instance.
        Ingress = "ingress",
        /// Both (minimum packet rate rules only).
        Any = "any",
    }
}

/// DSCP marks Neutron accepts.
pub const VALID_DSCP_MARKS: [u8; 22] = [
    0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 44, 46, 48, 56,
];

/// A kind of rule: its JSON keys, its options and what create needs.
pub trait QosRule: DeserializeOwned {
    /// The create and update body.
    type Opts: Serialize;
    /// Key of one rule (`bandwidth_limit_rule`).
    const ONE: &'static str;
    /// Key of many, and the collection (`bandwidth_limit_rules`).
    const MANY: &'static str;
    /// Checks `opts`; `create` when they create a rule.
    fn check(opts: &Self::Opts, create: bool) -> Result<(), InvalidInput>;
}

/// The operations of one kind of rule; see the constants.
pub struct Rules<R>(PhantomData<fn() -> R>);

impl<R> Rules<R> {
    /// The operations of rule kind `R`.
    pub const fn new() -> Self {
        Rules(PhantomData)
    }
}

impl<R> Default for Rules<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: QosRule> Rules<R> {
    fn item(&self, policy_id: &str, rule_id: &str) -> Result<String, InvalidInput> {
        path!("qos/policies/{}/{}/{}", policy_id, R::MANY, rule_id)
    }

    /// `GET /v2.0/qos/policies/{policy_id}/<type>_rules`, paged through `<type>_rules_links`.
    pub fn list(&self, policy_id: &str, f: &ListRules) -> List<R> {
        let filters = query!(
            id: f.id.as_deref(),
            direction: f.direction.as_ref(),
            max_kbps: f.max_kbps,
            max_burst_kbps: f.max_burst_kbps,
            dscp_mark: f.dscp_mark,
            min_kbps: f.min_kbps,
            min_kpps: f.min_kpps,
            max_kpps: f.max_kpps,
            max_burst_kpps: f.max_burst_kpps,
        );
        List::new(
            path!("qos/policies/{}/{}", policy_id, R::MANY),
            R::MANY,
            Paging::Linked,
        )
        .query(f.common.apply(filters))
    }

    /// `GET /v2.0/qos/policies/{policy_id}/<type>_rules/{rule_id}`.
    pub fn get(&self, policy_id: &str, rule_id: &str) -> Op<R> {
        Op::get(self.item(policy_id, rule_id)).decode_key(R::ONE)
    }

    /// `POST /v2.0/qos/policies/{policy_id}/<type>_rules` (409 for a second rule of the
    /// same kind and direction).
    pub fn create(&self, policy_id: &str, opts: &R::Opts) -> Op<R> {
        Op::post(path!("qos/policies/{}/{}", policy_id, R::MANY))
            .check(R::check(opts, true))
            .json_under(R::ONE, opts)
            .decode_key(R::ONE)
    }

    /// `PUT /v2.0/qos/policies/{policy_id}/<type>_rules/{rule_id}`.
    pub fn update(&self, policy_id: &str, rule_id: &str, opts: &R::Opts) -> Op<R> {
        Op::put(self.item(policy_id, rule_id))
            .check(R::check(opts, false))
            .json_under(R::ONE, opts)
            .decode_key(R::ONE)
    }

    /// `DELETE /v2.0/qos/policies/{policy_id}/<type>_rules/{rule_id}`.
    pub fn delete(&self, policy_id: &str, rule_id: &str) -> Op<()> {
        Op::delete(self.item(policy_id, rule_id))
    }
}

/// Bandwidth limit rules.
pub const BANDWIDTH_LIMIT: Rules<BandwidthLimitRule> = Rules::new();
/// DSCP marking rules.
pub const DSCP_MARKING: Rules<DscpMarkingRule> = Rules::new();
/// Minimum bandwidth rules.
pub const MINIMUM_BANDWIDTH: Rules<MinimumBandwidthRule> = Rules::new();
/// Minimum packet rate rules.
pub const MINIMUM_PACKET_RATE: Rules<MinimumPacketRateRule> = Rules::new();
/// Packet rate limit rules.
pub const PACKET_RATE_LIMIT: Rules<PacketRateLimitRule> = Rules::new();

/// Filters of [`Rules::list`]. Each kind accepts only the filters of its own fields, and
/// Neutron 29 answers 400 to some of those too: `direction` on bandwidth limit rules
/// (minimum bandwidth, minimum packet rate and packet rate limit rules take it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRules {
    /// Exact id.
    pub id: Option<String>,
    /// Direction.
    pub direction: Option<Direction>,
    /// Bandwidth limit.
    pub max_kbps: Option<u64>,
    /// Bandwidth burst.
    pub max_burst_kbps: Option<u64>,
    /// DSCP mark.
    pub dscp_mark: Option<u8>,
    /// Minimum bandwidth.
    pub min_kbps: Option<u64>,
    /// Minimum packet rate.
    pub min_kpps: Option<u64>,
    /// Packet rate limit.
    pub max_kpps: Option<u64>,
    /// Packet rate burst.
    pub max_burst_kpps: Option<u64>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

fn required<T>(v: &Option<T>, create: bool, field: &'static str) -> Result<(), InvalidInput> {
    InvalidInput::require(!create || v.is_some(), field, "required to create the rule")
}

fn not_any(d: &Option<Direction>) -> Result<(), InvalidInput> {
    InvalidInput::require(
        d != &Some(Direction::Any),
        "direction",
        "`any` is for minimum packet rate rules only",
    )
}

/// A bandwidth limit rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandwidthLimitRule {
    /// Id.
    pub id: String,
    /// Limit, kbps.
    #[serde(default)]
    pub max_kbps: u64,
    /// Burst, kbit (`0`: the backend's default, 80% of the limit).
    #[serde(default)]
    pub max_burst_kbps: u64,
    /// Direction.
    pub direction: Option<Direction>,
    /// The policy (in some answers).
    pub qos_policy_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a bandwidth limit rule's create (`max_kbps` required) and update.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BandwidthLimitOpts {
    /// Limit, kbps.
    pub max_kbps: Option<u64>,
    /// Burst, kbit.
    pub max_burst_kbps: Option<u64>,
    /// Direction (egress or ingress).
    pub direction: Option<Direction>,
}

impl QosRule for BandwidthLimitRule {
    type Opts = BandwidthLimitOpts;
    const ONE: &'static str = "bandwidth_limit_rule";
    const MANY: &'static str = "bandwidth_limit_rules";
    fn check(o: &BandwidthLimitOpts, create: bool) -> Result<(), InvalidInput> {
        required(&o.max_kbps, create, "max_kbps").and(not_any(&o.direction))
    }
}

/// A DSCP marking rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DscpMarkingRule {
    /// Id.
    pub id: String,
    /// DSCP mark.
    #[serde(default)]
    pub dscp_mark: u8,
    /// The policy (in some answers).
    pub qos_policy_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a DSCP marking rule's create and update.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DscpMarkingOpts {
    /// One of [`VALID_DSCP_MARKS`] (required).
    pub dscp_mark: Option<u8>,
}

impl QosRule for DscpMarkingRule {
    type Opts = DscpMarkingOpts;
    const ONE: &'static str = "dscp_marking_rule";
    const MANY: &'static str = "dscp_marking_rules";
    fn check(o: &DscpMarkingOpts, create: bool) -> Result<(), InvalidInput> {
        required(&o.dscp_mark, create, "dscp_mark").and(InvalidInput::require(
            o.dscp_mark.is_none_or(|m| VALID_DSCP_MARKS.contains(&m)),
            "dscp_mark",
            "not a DSCP mark Neutron accepts (0, 8, 10, …, 56)",
        ))
    }
}

/// A minimum bandwidth rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumBandwidthRule {
    /// Id.
    pub id: String,
    /// Guaranteed bandwidth, kbps.
    #[serde(default)]
    pub min_kbps: u64,
    /// Direction.
    pub direction: Option<Direction>,
    /// The policy (in some answers).
    pub qos_policy_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a minimum bandwidth rule's create (`min_kbps` required) and update.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MinimumBandwidthOpts {
    /// Guaranteed bandwidth, kbps.
    pub min_kbps: Option<u64>,
    /// Direction (egress or ingress).
    pub direction: Option<Direction>,
}

impl QosRule for MinimumBandwidthRule {
    type Opts = MinimumBandwidthOpts;
    const ONE: &'static str = "minimum_bandwidth_rule";
    const MANY: &'static str = "minimum_bandwidth_rules";
    fn check(o: &MinimumBandwidthOpts, create: bool) -> Result<(), InvalidInput> {
        required(&o.min_kbps, create, "min_kbps").and(not_any(&o.direction))
    }
}

/// A minimum packet rate rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumPacketRateRule {
    /// Id.
    pub id: String,
    /// Guaranteed packet rate, kpps.
    #[serde(default)]
    pub min_kpps: u64,
    /// Direction (`any` too).
    pub direction: Option<Direction>,
    /// The policy (in some answers).
    pub qos_policy_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a minimum packet rate rule's create (`min_kpps` required) and update.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MinimumPacketRateOpts {
    /// Guaranteed packet rate, kpps.
    pub min_kpps: Option<u64>,
    /// Direction (egress, ingress or any).
    pub direction: Option<Direction>,
}

impl QosRule for MinimumPacketRateRule {
    type Opts = MinimumPacketRateOpts;
    const ONE: &'static str = "minimum_packet_rate_rule";
    const MANY: &'static str = "minimum_packet_rate_rules";
    fn check(o: &MinimumPacketRateOpts, create: bool) -> Result<(), InvalidInput> {
        required(&o.min_kpps, create, "min_kpps")
    }
}

/// A packet rate limit rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketRateLimitRule {
    /// Id.
    pub id: String,
    /// Limit, kpps.
    #[serde(default)]
    pub max_kpps: u64,
    /// Burst, kpps.
    #[serde(default)]
    pub max_burst_kpps: u64,
    /// Direction.
    pub direction: Option<Direction>,
    /// The policy (in some answers).
    pub qos_policy_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of a packet rate limit rule's create (`max_kpps` required) and update.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PacketRateLimitOpts {
    /// Limit, kpps.
    pub max_kpps: Option<u64>,
    /// Burst, kpps.
    pub max_burst_kpps: Option<u64>,
    /// Direction (egress or ingress).
    pub direction: Option<Direction>,
}

impl QosRule for PacketRateLimitRule {
    type Opts = PacketRateLimitOpts;
    const ONE: &'static str = "packet_rate_limit_rule";
    const MANY: &'static str = "packet_rate_limit_rules";
    fn check(o: &PacketRateLimitOpts, create: bool) -> Result<(), InvalidInput> {
        required(&o.max_kpps, create, "max_kpps").and(not_any(&o.direction))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn each_kind_has_its_path_and_checks() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let req = MINIMUM_PACKET_RATE
            .update(
                "p",
                "r",
                &MinimumPacketRateOpts {
                    min_kpps: None,
                    direction: Some(Direction::Any),
                },
            )
            .request(&neutron)
            .unwrap();
        assert_eq!(
            req.uri().path(),
            "/v2.0/qos/policies/p/minimum_packet_rate_rules/r"
        );
        assert_eq!(
            req.body().as_ref(),
            br#"{"minimum_packet_rate_rule":{"direction":"any"}}"#
        );
        assert!(BANDWIDTH_LIMIT
            .create("p", &Default::default())
            .request(&neutron)
            .is_err());
        let any = BandwidthLimitOpts {
            max_kbps: Some(1),
            direction: Some(Direction::Any),
            ..Default::default()
        };
        assert!(BANDWIDTH_LIMIT.create("p", &any).request(&neutron).is_err());
        assert!(DSCP_MARKING
            .create("p", &DscpMarkingOpts { dscp_mark: Some(9) })
            .request(&neutron)
            .is_err());
        assert!(DSCP_MARKING
            .update(
                "p",
                "r",
                &DscpMarkingOpts {
                    dscp_mark: Some(46)
                }
            )
            .request(&neutron)
            .is_ok());
        let list = PACKET_RATE_LIMIT
            .list(
                "p",
                &ListRules {
                    max_kpps: Some(5),
                    ..Default::default()
                },
            )
            .request(&neutron)
            .unwrap();
        assert_eq!(
            list.uri(),
            "http://h:9696/v2.0/qos/policies/p/packet_rate_limit_rules?max_kpps=5"
        );
    }
}
