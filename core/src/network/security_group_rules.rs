//! Neutron security group rules (`/v2.0/security-group-rules`): direction, ethertype,
//! protocol (by name or by number), port range, remote IP prefix, remote group and remote
//! address group. Rules cannot be changed: delete and create again.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::security_group_rules::{self as rules, CreateRule, Direction, ListRules, Protocol};
//! let neutron = client.network();
//! let ssh = neutron
//!     .call(&rules::create(&CreateRule {
//!         protocol: Some(Protocol::Tcp),
//!         port_range_min: Some(22),
//!         port_range_max: Some(22),
//!         remote_ip_prefix: Some("192.0.2.0/24".into()),
//!         ..CreateRule::new("sg-id", Direction::Ingress)
//!     }))
//!     .await?;
//! // OSPF, by protocol number.
//! neutron
//!     .call(&rules::create(&CreateRule { protocol: Some(Protocol::number(89)), ..CreateRule::new("sg-id", Direction::Ingress) }))
//!     .await?;
//! let of_group = neutron
//!     .collect_all(rules::list(&ListRules { security_group_id: Some("sg-id".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&rules::delete(&ssh.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, string_enum, InvalidInput, List, ListCommon, Op, Timestamp};

string_enum! {
    /// Which traffic a rule matches.
    pub enum Direction {
        /// Incoming.
        Ingress = "ingress",
        /// Outgoing.
        Egress = "egress",
    }
}

string_enum! {
    /// The IP version a rule matches.
    pub enum Ethertype {
        /// IPv4.
        IPv4 = "IPv4",
        /// IPv6.
        IPv6 = "IPv6",
    }
}

string_enum! {
    /// A rule's IP protocol: a name Neutron knows, or a number 0–255 as
    /// [`Protocol::number`] (kept as `Other("89")`).
    pub enum Protocol {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
        /// ICMP.
        Icmp = "icmp",
        /// ICMPv6 (also spelled `ipv6-icmp`).
        Icmpv6 = "icmpv6",
        /// ICMPv6, the IANA name.
        Ipv6Icmp = "ipv6-icmp",
        /// Any protocol.
        Any = "any",
        /// AH.
        Ah = "ah",
        /// DCCP.
        Dccp = "dccp",
        /// EGP.
        Egp = "egp",
        /// ESP.
        Esp = "esp",
        /// GRE.
        Gre = "gre",
        /// HOPOPT.
        Hopopt = "hopopt",
        /// IGMP.
        Igmp = "igmp",
        /// IPIP.
        Ipip = "ipip",
        /// IPv6 encapsulation.
        Ipv6Encap = "ipv6-encap",
        /// IPv6 fragment header.
        Ipv6Frag = "ipv6-frag",
        /// IPv6 no next header.
        Ipv6Nonxt = "ipv6-nonxt",
        /// IPv6 destination options.
        Ipv6Opts = "ipv6-opts",
        /// IPv6 routing header.
        Ipv6Route = "ipv6-route",
        /// OSPF.
        Ospf = "ospf",
        /// PGM.
        Pgm = "pgm",
        /// RSVP.
        Rsvp = "rsvp",
        /// SCTP.
        Sctp = "sctp",
        /// UDP-Lite.
        Udplite = "udplite",
        /// VRRP.
        Vrrp = "vrrp",
    }
}

impl Protocol {
    /// A protocol by its IANA number, as Neutron accepts it (`"89"`).
    pub fn number(n: u8) -> Self {
        Protocol::Other(n.to_string())
    }

    /// The IANA number, when the protocol was given as one.
    pub fn as_number(&self) -> Option<u8> {
        match self {
            Protocol::Other(s) => s.parse().ok(),
            _ => None,
        }
    }
}

/// A security group rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    /// Rule id.
    pub id: String,
    /// Its security group.
    #[serde(default)]
    pub security_group_id: String,
    /// Direction.
    #[serde(default)]
    pub direction: Direction,
    /// IP version.
    #[serde(default)]
    pub ethertype: Ethertype,
    /// Protocol (`None`: any).
    pub protocol: Option<Protocol>,
    /// Lowest port (or ICMP type).
    pub port_range_min: Option<u32>,
    /// Highest port (or ICMP code).
    pub port_range_max: Option<u32>,
    /// Remote CIDR.
    pub remote_ip_prefix: Option<String>,
    /// Remote security group.
    pub remote_group_id: Option<String>,
    /// Remote address group.
    pub remote_address_group_id: Option<String>,
    /// The CIDR Neutron normalized `remote_ip_prefix` to.
    pub normalized_cidr: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether it belongs to a project's default group.
    pub belongs_to_default_sg: Option<bool>,
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

/// The body of [`create`] (one element of [`create_many`]); start from [`CreateRule::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRule {
    /// The security group (required).
    pub security_group_id: String,
    /// Direction (required).
    pub direction: Direction,
    /// IP version (default IPv4).
    pub ethertype: Option<Ethertype>,
    /// Protocol (`None`: any).
    pub protocol: Option<Protocol>,
    /// Lowest port (or ICMP type).
    pub port_range_min: Option<u32>,
    /// Highest port (or ICMP code).
    pub port_range_max: Option<u32>,
    /// Remote CIDR (exclusive with the remote groups).
    pub remote_ip_prefix: Option<String>,
    /// Remote security group.
    pub remote_group_id: Option<String>,
    /// Remote address group.
    pub remote_address_group_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Owner (admin).
    pub project_id: Option<String>,
}

impl CreateRule {
    /// A rule of `security_group_id` matching `direction`, any protocol.
    pub fn new(security_group_id: &str, direction: Direction) -> Self {
        CreateRule {
            security_group_id: security_group_id.into(),
            direction,
            ..Default::default()
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.security_group_id.is_empty() {
            return Err(InvalidInput::field(
                "security_group_id",
                "a rule needs a security group",
            ));
        }
        if let (Some(lo), Some(hi)) = (self.port_range_min, self.port_range_max) {
            let ports = matches!(
                self.protocol,
                Some(
                    Protocol::Tcp
                        | Protocol::Udp
                        | Protocol::Sctp
                        | Protocol::Dccp
                        | Protocol::Udplite
                )
            );
            if ports && lo > hi {
                return Err(InvalidInput::field(
                    "port_range_min",
                    format!("{lo} is above port_range_max {hi}"),
                ));
            }
        }
        if let Some(Protocol::Other(p)) = &self.protocol {
            if p.parse::<u8>().is_err() {
                return Err(InvalidInput::field(
                    "protocol",
                    format!("{p:?} is neither a known protocol name nor a number 0-255"),
                ));
            }
        }
        let remotes = [
            self.remote_ip_prefix.is_some(),
            self.remote_group_id.is_some(),
            self.remote_address_group_id.is_some(),
        ];
        if remotes.iter().filter(|r| **r).count() > 1 {
            return Err(InvalidInput::field(
                "remote_ip_prefix",
                "give at most one of remote_ip_prefix, remote_group_id and remote_address_group_id",
            ));
        }
        Ok(())
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRules {
    /// Exact id.
    pub id: Option<String>,
    /// Security group.
    pub security_group_id: Option<String>,
    /// Direction.
    pub direction: Option<Direction>,
    /// IP version.
    pub ethertype: Option<Ethertype>,
    /// Protocol.
    pub protocol: Option<Protocol>,
    /// Lowest port.
    pub port_range_min: Option<u32>,
    /// Highest port.
    pub port_range_max: Option<u32>,
    /// Remote CIDR.
    pub remote_ip_prefix: Option<String>,
    /// Remote security group.
    pub remote_group_id: Option<String>,
    /// Remote address group.
    pub remote_address_group_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Rules of default groups.
    pub belongs_to_default_sg: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting and paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "security-group-rules",
    one: "security_group_rule",
    many: "security_group_rules",
};

/// `GET /v2.0/security-group-rules`, paged through `security_group_rules_links`.
pub fn list(f: &ListRules) -> List<SecurityGroupRule> {
    let q = query!(
        id: f.id.as_deref(),
        security_group_id: f.security_group_id.as_deref(),
        direction: f.direction.as_ref(),
        ethertype: f.ethertype.as_ref(),
        protocol: f.protocol.as_ref(),
        port_range_min: f.port_range_min,
        port_range_max: f.port_range_max,
        remote_ip_prefix: f.remote_ip_prefix.as_deref(),
        remote_group_id: f.remote_group_id.as_deref(),
        remote_address_group_id: f.remote_address_group_id.as_deref(),
        description: f.description.as_deref(),
        belongs_to_default_sg: f.belongs_to_default_sg,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/security-group-rules/{security_group_rule_id}`.
pub fn get(rule_id: &str) -> Op<SecurityGroupRule> {
    RESOURCE.get(rule_id)
}

/// `POST /v2.0/security-group-rules`. Port order, the protocol and the single remote
/// are checked first.
pub fn create(rule: &CreateRule) -> Op<SecurityGroupRule> {
    RESOURCE.create(rule.validate(), rule)
}

/// `POST /v2.0/security-group-rules` with `{"security_group_rules": [...]}`.
pub fn create_many(rules: &[CreateRule]) -> Op<Vec<SecurityGroupRule>> {
    RESOURCE.create_many(rules.iter().try_for_each(CreateRule::validate), rules)
}

/// `DELETE /v2.0/security-group-rules/{security_group_rule_id}`.
pub fn delete(rule_id: &str) -> Op<()> {
    RESOURCE.delete(rule_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn protocols_and_validation() {
        let p: Protocol = serde_json::from_str("\"6\"").unwrap();
        assert_eq!(p, Protocol::number(6));
        assert_eq!(p.as_number(), Some(6));
        assert_eq!(Protocol::Tcp.as_number(), None);
        assert_eq!(serde_json::to_value(Protocol::number(89)).unwrap(), "89");
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let base = CreateRule::new("sg", Direction::Ingress);
        for bad in [
            CreateRule::new("", Direction::Egress),
            CreateRule {
                protocol: Some(Protocol::Tcp),
                port_range_min: Some(90),
                port_range_max: Some(80),
                ..base.clone()
            },
            CreateRule {
                protocol: Some("bogus".into()),
                ..base.clone()
            },
            CreateRule {
                remote_ip_prefix: Some("0.0.0.0/0".into()),
                remote_group_id: Some("g".into()),
                ..base.clone()
            },
        ] {
            assert!(create(&bad).request(&neutron).is_err(), "{bad:?}");
        }
        // ICMP type 8 code 0: min above max is fine there.
        let icmp = CreateRule {
            protocol: Some(Protocol::Icmp),
            port_range_min: Some(8),
            port_range_max: Some(0),
            ..base
        };
        let req = create(&icmp).request(&neutron).unwrap();
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"security_group_rule": {"security_group_id": "sg", "direction": "ingress",
                "protocol": "icmp", "port_range_min": 8, "port_range_max": 0}})
        );
    }
}
