//! Nova's security-group proxy (`/os-security-groups`, `/os-security-group-rules` and
//! `/servers/{id}/os-security-groups`): groups and their ingress rules, kept by Neutron and
//! shown in Nova's older shape. Deprecated by microversion 2.36, which answers these paths
//! with 404; every operation here therefore pins microversion **2.35** for its own
//! request, whatever the service handle's microversion. New code should prefer Neutron's
//! security groups; a group is put on or taken off a server with
//! [`server_actions::add_security_group`](crate::compute::server_actions::add_security_group)
//! and [`remove_security_group`](crate::compute::server_actions::remove_security_group).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::security_groups::{self, CreateRule, CreateSecurityGroup, ListSecurityGroups};
//! let nova = client.compute();
//! let group = nova
//!     .call(&security_groups::create(&CreateSecurityGroup::new("web", "HTTP and SSH")))
//!     .await?;
//! let ssh = nova
//!     .call(&security_groups::create_rule(&CreateRule::tcp(&group.id, 22, 22, "0.0.0.0/0")))
//!     .await?;
//! let mine = nova.call(&security_groups::list(&ListSecurityGroups::default())).await?;
//! assert!(mine.iter().any(|g| g.id == group.id));
//! nova.call(&security_groups::delete_rule(&ssh.id)).await?;
//! nova.call(&security_groups::delete(&group.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, Op};

/// The last microversion that serves these APIs (2.36 answers them with 404).
pub const MICROVERSION: &str = "2.35";

crate::string_enum! {
    /// The IP protocol of a rule.
    pub enum IpProtocol {
        /// TCP: the rule's ports are a port range.
        Tcp = "tcp",
        /// UDP: the rule's ports are a port range.
        Udp = "udp",
        /// ICMP: `from_port` is the ICMP type, `to_port` the code (-1: any).
        Icmp = "icmp",
    }
}

/// The source addresses of a rule (empty for a rule whose source is a group).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpRange {
    /// Source addresses in CIDR notation.
    pub cidr: Option<String>,
}

/// The source group of a rule (empty for a rule whose source is an address range).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleGroup {
    /// Name of the source group.
    pub name: Option<String>,
    /// Project owning the source group.
    pub tenant_id: Option<String>,
}

/// An ingress rule of a security group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Id.
    pub id: String,
    /// The group the rule belongs to.
    pub parent_group_id: String,
    /// Protocol (`None`: any protocol).
    pub ip_protocol: Option<IpProtocol>,
    /// First port of the range (ICMP: the type); `None` for any.
    pub from_port: Option<i32>,
    /// Last port of the range (ICMP: the code); `None` for any.
    pub to_port: Option<i32>,
    /// Source addresses.
    #[serde(default)]
    pub ip_range: IpRange,
    /// Source group.
    #[serde(default)]
    pub group: RuleGroup,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A security group, as Nova's proxy shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Owner project.
    pub tenant_id: Option<String>,
    /// Ingress rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSecurityGroups {
    /// Every project's groups (admin; Nova looks only at the parameter's presence).
    pub all_tenants: bool,
    /// At most this many.
    pub limit: Option<u32>,
    /// Skip this many.
    pub offset: Option<u32>,
}

/// The body of [`create`] and [`update`]: Nova requires both fields, 1–255 characters
/// each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSecurityGroup {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
}

impl CreateSecurityGroup {
    /// A group named `name` described by `description`.
    pub fn new(name: &str, description: &str) -> Self {
        CreateSecurityGroup {
            name: name.into(),
            description: description.into(),
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        for (field, value) in [("name", &self.name), ("description", &self.description)] {
            let len = value.trim().chars().count();
            if len == 0 || len > 255 {
                return Err(InvalidInput::field(field, "must be 1 to 255 characters"));
            }
        }
        Ok(())
    }
}

/// The body of [`create_rule`]: an ingress rule from an address range (`cidr`) or from
/// the members of another group (`group_id`), not both. Protocol and ports come all
/// three or none.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRule {
    /// The group to add the rule to.
    pub parent_group_id: String,
    /// Protocol.
    pub ip_protocol: Option<IpProtocol>,
    /// First port (TCP/UDP: 1–65535; ICMP: the type, -1–255).
    pub from_port: Option<i32>,
    /// Last port (TCP/UDP: 1–65535, not below `from_port`; ICMP: the code, -1–255).
    pub to_port: Option<i32>,
    /// Source addresses in CIDR notation (Nova's default: `0.0.0.0/0`).
    pub cidr: Option<String>,
    /// Source group id.
    pub group_id: Option<String>,
}

impl CreateRule {
    /// A TCP rule for ports `from..=to` from `cidr`, in group `parent_group_id`.
    pub fn tcp(parent_group_id: &str, from: i32, to: i32, cidr: &str) -> Self {
        CreateRule {
            parent_group_id: parent_group_id.into(),
            ip_protocol: Some(IpProtocol::Tcp),
            from_port: Some(from),
            to_port: Some(to),
            cidr: Some(cidr.into()),
            group_id: None,
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.parent_group_id.trim().is_empty() {
            return Err(InvalidInput::field("parent_group_id", "must not be empty"));
        }
        if self.cidr.is_some() && self.group_id.is_some() {
            return Err(InvalidInput::field(
                "cidr",
                "give either cidr or group_id, not both",
            ));
        }
        if self.cidr.as_deref().is_some_and(|c| c.trim().is_empty()) {
            return Err(InvalidInput::field("cidr", "must not be empty"));
        }
        if self
            .group_id
            .as_deref()
            .is_some_and(|g| g.trim().is_empty())
        {
            return Err(InvalidInput::field("group_id", "must not be empty"));
        }
        match (&self.ip_protocol, self.from_port, self.to_port) {
            (None, None, None) => Ok(()),
            (Some(proto), Some(from), Some(to)) => match proto {
                IpProtocol::Tcp | IpProtocol::Udp => {
                    if !(1..=65535).contains(&from) {
                        Err(InvalidInput::field("from_port", "must be 1 to 65535"))
                    } else if !(1..=65535).contains(&to) {
                        Err(InvalidInput::field("to_port", "must be 1 to 65535"))
                    } else if from > to {
                        Err(InvalidInput::field(
                            "from_port",
                            format!("{from} is greater than to_port {to}"),
                        ))
                    } else {
                        Ok(())
                    }
                }
                IpProtocol::Icmp => {
                    if !(-1..=255).contains(&from) {
                        Err(InvalidInput::field(
                            "from_port",
                            "ICMP type must be -1 to 255",
                        ))
                    } else if !(-1..=255).contains(&to) {
                        Err(InvalidInput::field(
                            "to_port",
                            "ICMP code must be -1 to 255",
                        ))
                    } else {
                        Ok(())
                    }
                }
                IpProtocol::Other(p) => Err(InvalidInput::field(
                    "ip_protocol",
                    format!("{p:?} is not one of tcp, udp, icmp"),
                )),
            },
            _ => Err(InvalidInput::field(
                "ip_protocol",
                "ip_protocol, from_port and to_port go together: give all three or none",
            )),
        }
    }
}

/// `GET /os-security-groups` (one page: Nova pages these by `limit`/`offset`), at 2.35.
pub fn list(filter: &ListSecurityGroups) -> Op<Vec<SecurityGroup>> {
    Op::get(path!("os-security-groups"))
        .query(query!(
            all_tenants: filter.all_tenants.then_some("True"),
            limit: filter.limit,
            offset: filter.offset,
        ))
        .microversion(MICROVERSION)
        .decode_key("security_groups")
}

/// `GET /servers/{server_id}/os-security-groups`: the groups of a server, at 2.35.
pub fn list_by_server(server_id: &str) -> Op<Vec<SecurityGroup>> {
    Op::get(path!("servers/{}/os-security-groups", server_id))
        .microversion(MICROVERSION)
        .decode_key("security_groups")
}

/// `GET /os-security-groups/{id}`, at 2.35.
pub fn get(id: &str) -> Op<SecurityGroup> {
    Op::get(path!("os-security-groups/{}", id))
        .microversion(MICROVERSION)
        .decode_key("security_group")
}

/// `POST /os-security-groups`, at 2.35.
pub fn create(group: &CreateSecurityGroup) -> Op<SecurityGroup> {
    Op::post(path!("os-security-groups"))
        .check(group.validate())
        .json_under("security_group", group)
        .microversion(MICROVERSION)
        .decode_key("security_group")
}

/// `PUT /os-security-groups/{id}`: sets name and description (both required), at 2.35.
pub fn update(id: &str, group: &CreateSecurityGroup) -> Op<SecurityGroup> {
    Op::put(path!("os-security-groups/{}", id))
        .check(group.validate())
        .json_under("security_group", group)
        .microversion(MICROVERSION)
        .decode_key("security_group")
}

/// `DELETE /os-security-groups/{id}`, at 2.35.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("os-security-groups/{}", id)).microversion(MICROVERSION)
}

/// `POST /os-security-group-rules`: adds an ingress rule, at 2.35.
pub fn create_rule(rule: &CreateRule) -> Op<Rule> {
    Op::post(path!("os-security-group-rules"))
        .check(rule.validate())
        .json_under("security_group_rule", rule)
        .microversion(MICROVERSION)
        .decode_key("security_group_rule")
}

/// `DELETE /os-security-group-rules/{id}`, at 2.35.
pub fn delete_rule(id: &str) -> Op<()> {
    Op::delete(path!("os-security-group-rules/{}", id)).microversion(MICROVERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn nova() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap()
    }

    fn invalid(op: impl Operation) -> String {
        match op.request(&nova()) {
            Err(e @ Error::InvalidInput(_)) => e.to_string(),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn requests_pin_2_35() {
        let svc = nova().with_microversion("2.90");
        let req = list(&ListSecurityGroups {
            all_tenants: true,
            limit: Some(2),
            offset: Some(4),
        })
        .request(&svc)
        .unwrap();
        assert_eq!(
            req.uri(),
            "http://nova/v2.1/os-security-groups?all_tenants=True&limit=2&offset=4"
        );
        assert_eq!(req.headers()["OpenStack-API-Version"], "compute 2.35");
        let req = list_by_server("s 1").request(&svc).unwrap();
        assert_eq!(
            req.uri(),
            "http://nova/v2.1/servers/s%201/os-security-groups"
        );
        assert_eq!(req.headers()["OpenStack-API-Version"], "compute 2.35");
        for (op, method, uri) in [
            (
                delete("g"),
                "DELETE",
                "http://nova/v2.1/os-security-groups/g",
            ),
            (
                delete_rule("r"),
                "DELETE",
                "http://nova/v2.1/os-security-group-rules/r",
            ),
        ] {
            let req = op.request(&svc).unwrap();
            assert_eq!(
                (req.method().as_str(), req.uri().to_string().as_str()),
                (method, uri)
            );
            assert_eq!(req.headers()["OpenStack-API-Version"], "compute 2.35");
        }
        let req = update("g", &CreateSecurityGroup::new("n", "d"))
            .request(&svc)
            .unwrap();
        assert_eq!(req.method(), "PUT");
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"security_group": {"name": "n", "description": "d"}})
        );
    }

    #[test]
    fn validation_before_io() {
        assert!(invalid(create(&CreateSecurityGroup::new(" ", "d"))).contains("name"));
        assert!(invalid(update("g", &CreateSecurityGroup::new("n", ""))).contains("description"));
        assert!(invalid(create(&CreateSecurityGroup::new(&"x".repeat(256), "d"))).contains("255"));
        assert!(
            invalid(create_rule(&CreateRule::tcp("g", 23, 22, "0.0.0.0/0")))
                .contains("greater than to_port")
        );
        assert!(
            invalid(create_rule(&CreateRule::tcp("g", 0, 22, "0.0.0.0/0"))).contains("from_port")
        );
        assert!(invalid(create_rule(&CreateRule {
            ip_protocol: Some(IpProtocol::Udp),
            ..CreateRule::tcp("g", 53, 70000, "0.0.0.0/0")
        }))
        .contains("to_port"));
        assert!(invalid(create_rule(&CreateRule {
            group_id: Some("other".into()),
            ..CreateRule::tcp("g", 22, 22, "0.0.0.0/0")
        }))
        .contains("not both"));
        assert!(invalid(create_rule(&CreateRule {
            to_port: None,
            ..CreateRule::tcp("g", 22, 22, "0.0.0.0/0")
        }))
        .contains("all three"));
        assert!(
            invalid(create_rule(&CreateRule::tcp("", 22, 22, "0.0.0.0/0")))
                .contains("parent_group_id")
        );
        // ICMP: any type and code; a reversed range is fine (type and code, not ports).
        let icmp = CreateRule {
            ip_protocol: Some(IpProtocol::Icmp),
            from_port: Some(8),
            to_port: Some(-1),
            cidr: None,
            group_id: Some("other".into()),
            ..Default::default()
        };
        assert!(invalid(create_rule(&icmp)).contains("parent_group_id"));
        let req = create_rule(&CreateRule {
            parent_group_id: "g".into(),
            ..icmp
        })
        .request(&nova())
        .unwrap();
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"security_group_rule": {
                "parent_group_id": "g", "ip_protocol": "icmp",
                "from_port": 8, "to_port": -1, "group_id": "other"}})
        );
    }

    #[test]
    fn any_protocol_rule_parses() {
        // A rule Neutron holds for any protocol: no ports, no protocol.
        let r: Rule = serde_json::from_str(
            r#"{"id": "r", "parent_group_id": "g", "ip_protocol": null, "from_port": null,
                "to_port": null, "ip_range": {}, "group": {"name": "default", "tenant_id": "p"}}"#,
        )
        .unwrap();
        assert_eq!((r.ip_protocol, r.from_port, r.to_port), (None, None, None));
        assert_eq!(r.group.name.as_deref(), Some("default"));
        assert!(r.ip_range.cidr.is_none() && r.extra.is_empty());
    }
}
