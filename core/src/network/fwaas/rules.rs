//! FWaaS v2 firewall rules (`/v2.0/fwaas/firewall_rules`): what to match (protocol,
//! addresses, ports) and what to do ([`FirewallAction`]). A rule acts
//! once it is in a [policy](super::policies).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::fwaas::rules::{self, CreateFirewallRule, FirewallAction, FirewallProtocol, UpdateFirewallRule};
//! use ferrocloud::Patch;
//! let neutron = client.network();
//! let rule = neutron
//!     .call(&rules::create(&CreateFirewallRule {
//!         name: Some("ALLOW_HTTP".into()),
//!         protocol: Some(FirewallProtocol::Tcp),
//!         destination_port: Some("80:81".into()),
//!         action: Some(FirewallAction::Allow),
//!         ..Default::default()
//!     }))
//!     .await?;
//! // Any protocol from now on (the port range goes with it).
//! neutron
//!     .call(&rules::update(&rule.id, &UpdateFirewallRule {
//!         protocol: Patch::Null,
//!         destination_port: Patch::Null,
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron.call(&rules::delete(&rule.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::network::shared;
use crate::types::flex::flex_string_list;
use crate::{query, string_enum, InvalidInput, List, ListCommon, Op, Patch, Timestamp};

string_enum! {
    /// What a rule does with the traffic it matches.
    pub enum FirewallAction {
        /// Let it through.
        Allow = "allow",
        /// Drop it silently.
        Deny = "deny",
        /// Drop it and tell the sender.
        Reject = "reject",
    }
}

string_enum! {
    /// The IP protocol a rule matches (a rule without one matches any protocol). Neutron
    /// also takes a protocol number, `"0"` to `"255"` (`Other`).
    pub enum FirewallProtocol {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
        /// ICMP.
        Icmp = "icmp",
        /// ICMPv6.
        Ipv6Icmp = "ipv6-icmp",
        /// SCTP.
        Sctp = "sctp",
        /// DCCP.
        Dccp = "dccp",
    }
}

/// A firewall rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirewallRule {
    /// Firewall rule id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Protocol (`None`: any).
    pub protocol: Option<FirewallProtocol>,
    /// Action.
    #[serde(default)]
    pub action: FirewallAction,
    /// IP version, 4 or 6.
    pub ip_version: Option<u8>,
    /// Source address or CIDR.
    pub source_ip_address: Option<String>,
    /// Destination address or CIDR.
    pub destination_ip_address: Option<String>,
    /// Source port or range (`"80"`, `"80:90"`).
    pub source_port: Option<String>,
    /// Destination port or range.
    pub destination_port: Option<String>,
    /// Enabled (a disabled rule stays in its policies but matches nothing).
    pub enabled: Option<bool>,
    /// Visible to every project.
    pub shared: Option<bool>,
    /// The policies the rule is in (FWaaS v2 sends a list; the API reference shows one id
    /// or `null`, read as one element or none).
    #[serde(default, deserialize_with = "flex_string_list")]
    pub firewall_policy_id: Vec<String>,
    /// Position in its policy (shown by some releases).
    pub position: Option<u32>,
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

/// The body of [`create`] (all optional: the default rule denies any traffic).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFirewallRule {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Protocol (`None`: any).
    pub protocol: Option<FirewallProtocol>,
    /// Action (default `deny`).
    pub action: Option<FirewallAction>,
    /// IP version, 4 (default) or 6.
    pub ip_version: Option<u8>,
    /// Source address or CIDR.
    pub source_ip_address: Option<String>,
    /// Destination address or CIDR.
    pub destination_ip_address: Option<String>,
    /// Source port or range `"low:high"` (TCP and UDP only).
    pub source_port: Option<String>,
    /// Destination port or range (TCP and UDP only).
    pub destination_port: Option<String>,
    /// Enabled (default true).
    pub enabled: Option<bool>,
    /// Share with every project.
    pub shared: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

/// The body of [`update`]: `None`/`Keep` leaves a field as it is, `Patch::Null` clears
/// it (a `null` protocol matches any protocol).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFirewallRule {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Protocol (`Null`: any).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub protocol: Patch<FirewallProtocol>,
    /// Action.
    pub action: Option<FirewallAction>,
    /// IP version.
    pub ip_version: Option<u8>,
    /// Source address or CIDR (`Null`: any).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub source_ip_address: Patch<String>,
    /// Destination address or CIDR (`Null`: any).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub destination_ip_address: Patch<String>,
    /// Source port or range (`Null`: any).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub source_port: Patch<String>,
    /// Destination port or range (`Null`: any).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub destination_port: Patch<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Shared.
    pub shared: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFirewallRules {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Protocol.
    pub protocol: Option<FirewallProtocol>,
    /// Action.
    pub action: Option<FirewallAction>,
    /// IP version.
    pub ip_version: Option<u8>,
    /// Source address.
    pub source_ip_address: Option<String>,
    /// Destination address.
    pub destination_ip_address: Option<String>,
    /// Source port.
    pub source_port: Option<String>,
    /// Destination port.
    pub destination_port: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Shared.
    pub shared: Option<bool>,
    /// Rules in this policy.
    pub firewall_policy_id: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

/// Ports only make sense with TCP or UDP (neutron-fwaas refuses them otherwise, a
/// protocol given by number included).
fn ports_need_tcp_or_udp(protocol: Option<&FirewallProtocol>, has_ports: bool) -> bool {
    !has_ports
        || matches!(
            protocol,
            Some(FirewallProtocol::Tcp | FirewallProtocol::Udp)
        )
}

fn ip_version_ok(v: Option<u8>) -> Result<(), InvalidInput> {
    InvalidInput::require(
        matches!(v, None | Some(4) | Some(6)),
        "ip_version",
        "4 or 6",
    )
}

/// A port (`"80"`) or an inclusive range (`"80:90"`, low first), as neutron-fwaas reads it.
fn port_range_ok(field: &'static str, range: Option<&str>) -> Result<(), InvalidInput> {
    let ok = range.is_none_or(|r| {
        let (low, high) = r.split_once(':').unwrap_or((r, r));
        matches!((low.parse::<u16>(), high.parse::<u16>()), (Ok(l), Ok(h)) if l <= h)
    });
    InvalidInput::require(ok, field, "a port 0-65535 or a range low:high")
}

/// An address or CIDR of the other IP version than the rule's is refused by neutron-fwaas
/// (`FirewallIpAddressConflict`); an IPv6 one has a `:`.
fn address_version_ok(
    field: &'static str,
    address: Option<&str>,
    ip_version: u8,
) -> Result<(), InvalidInput> {
    InvalidInput::require(
        address.is_none_or(|a| a.contains(':') == (ip_version == 6)),
        field,
        "the address must be of the rule's ip_version (4 unless set)",
    )
}

impl CreateFirewallRule {
    fn check(&self) -> Result<(), InvalidInput> {
        let ports = self.source_port.is_some() || self.destination_port.is_some();
        let version = self.ip_version.unwrap_or(4);
        InvalidInput::require(
            ports_need_tcp_or_udp(self.protocol.as_ref(), ports),
            "protocol",
            "source_port and destination_port need protocol tcp or udp",
        )
        .and(ip_version_ok(self.ip_version))
        .and(port_range_ok("source_port", self.source_port.as_deref()))
        .and(port_range_ok(
            "destination_port",
            self.destination_port.as_deref(),
        ))
        .and(address_version_ok(
            "source_ip_address",
            self.source_ip_address.as_deref(),
            version,
        ))
        .and(address_version_ok(
            "destination_ip_address",
            self.destination_ip_address.as_deref(),
            version,
        ))
    }
}

impl UpdateFirewallRule {
    fn check(&self) -> Result<(), InvalidInput> {
        // Only what the body itself says can be checked (the rule's current protocol and
        // version are on the server): ports with a protocol that cannot have them, and
        // addresses of the other version than an ip_version given with them.
        let set = |p: &Patch<String>| match p {
            Patch::Set(v) => Some(v.clone()),
            _ => None,
        };
        let ports = matches!(self.source_port, Patch::Set(_))
            || matches!(self.destination_port, Patch::Set(_));
        let protocol_ok = match &self.protocol {
            Patch::Keep => true,
            Patch::Null => !ports,
            Patch::Set(p) => ports_need_tcp_or_udp(Some(p), ports),
        };
        let mut ok = InvalidInput::require(
            protocol_ok,
            "protocol",
            "source_port and destination_port need protocol tcp or udp",
        )
        .and(ip_version_ok(self.ip_version))
        .and(port_range_ok(
            "source_port",
            set(&self.source_port).as_deref(),
        ))
        .and(port_range_ok(
            "destination_port",
            set(&self.destination_port).as_deref(),
        ));
        if let Some(version) = self.ip_version {
            ok = ok
                .and(address_version_ok(
                    "source_ip_address",
                    set(&self.source_ip_address).as_deref(),
                    version,
                ))
                .and(address_version_ok(
                    "destination_ip_address",
                    set(&self.destination_ip_address).as_deref(),
                    version,
                ));
        }
        ok
    }
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "fwaas/firewall_rules",
    one: "firewall_rule",
    many: "firewall_rules",
};

/// `GET /v2.0/fwaas/firewall_rules`, paged through `firewall_rules_links`.
pub fn list(f: &ListFirewallRules) -> List<FirewallRule> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        protocol: f.protocol.as_ref().map(FirewallProtocol::as_str),
        action: f.action.as_ref().map(FirewallAction::as_str),
        ip_version: f.ip_version,
        source_ip_address: f.source_ip_address.as_deref(),
        destination_ip_address: f.destination_ip_address.as_deref(),
        source_port: f.source_port.as_deref(),
        destination_port: f.destination_port.as_deref(),
        enabled: f.enabled,
        shared: f.shared,
        firewall_policy_id: f.firewall_policy_id.as_deref(),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/fwaas/firewall_rules/{firewall_rule_id}`.
pub fn get(firewall_rule_id: &str) -> Op<FirewallRule> {
    RESOURCE.get(firewall_rule_id)
}

/// `POST /v2.0/fwaas/firewall_rules`.
pub fn create(rule: &CreateFirewallRule) -> Op<FirewallRule> {
    RESOURCE.create(rule.check(), rule)
}

/// `PUT /v2.0/fwaas/firewall_rules/{firewall_rule_id}`.
pub fn update(firewall_rule_id: &str, update: &UpdateFirewallRule) -> Op<FirewallRule> {
    RESOURCE
        .update(firewall_rule_id, update)
        .check(update.check())
}

/// `DELETE /v2.0/fwaas/firewall_rules/{firewall_rule_id}` (409 while a policy holds it).
pub fn delete(firewall_rule_id: &str) -> Op<()> {
    RESOURCE.delete(firewall_rule_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};
    use serde_json::json;

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    #[test]
    fn policy_ids_as_list_string_or_null() {
        for (v, want) in [
            (json!(["a", "b"]), vec!["a", "b"]),
            (json!("a"), vec!["a"]),
            (json!(null), vec![]),
        ] {
            let r: FirewallRule =
                serde_json::from_value(json!({"id": "r", "firewall_policy_id": v})).unwrap();
            assert_eq!(r.firewall_policy_id, want);
        }
        let r: FirewallRule = serde_json::from_value(json!({"id": "r"})).unwrap();
        assert!(r.firewall_policy_id.is_empty() && r.protocol.is_none());
        assert!(serde_json::from_value::<FirewallRule>(
            json!({"id": "r", "firewall_policy_id": 3})
        )
        .is_err());
    }

    #[test]
    fn any_protocol_is_null_on_update() {
        let op = update(
            "r",
            &UpdateFirewallRule {
                protocol: Patch::Null,
                source_port: Patch::Null,
                ..Default::default()
            },
        );
        let req = op.request(&neutron()).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            json!({"firewall_rule": {"protocol": null, "source_port": null}})
        );
    }

    #[test]
    fn ports_without_tcp_or_udp_fail_before_io() {
        let icmp_port = CreateFirewallRule {
            protocol: Some(FirewallProtocol::Icmp),
            destination_port: Some("80".into()),
            ..Default::default()
        };
        let any_port = UpdateFirewallRule {
            protocol: Patch::Null,
            source_port: Patch::Set("22".into()),
            ..Default::default()
        };
        let v5 = CreateFirewallRule {
            ip_version: Some(5),
            ..Default::default()
        };
        let tcp = |port: &str| CreateFirewallRule {
            protocol: Some(FirewallProtocol::Tcp),
            destination_port: Some(port.into()),
            ..Default::default()
        };
        let v6_address_in_v4_rule = CreateFirewallRule {
            source_ip_address: Some("2001:db8::/64".into()),
            ..Default::default()
        };
        let v4_address_in_v6_update = UpdateFirewallRule {
            ip_version: Some(6),
            destination_ip_address: Patch::Set("10.0.0.0/8".into()),
            ..Default::default()
        };
        for err in [
            create(&icmp_port).request(&neutron()).unwrap_err(),
            update("r", &any_port).request(&neutron()).unwrap_err(),
            create(&v5).request(&neutron()).unwrap_err(),
            create(&tcp("90:80")).request(&neutron()).unwrap_err(),
            create(&tcp("65536")).request(&neutron()).unwrap_err(),
            create(&tcp("http")).request(&neutron()).unwrap_err(),
            create(&v6_address_in_v4_rule)
                .request(&neutron())
                .unwrap_err(),
            update("r", &v4_address_in_v6_update)
                .request(&neutron())
                .unwrap_err(),
        ] {
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let udp = CreateFirewallRule {
            protocol: Some(FirewallProtocol::Udp),
            source_port: Some("53".into()),
            ..Default::default()
        };
        assert!(create(&udp).request(&neutron()).is_ok());
        assert!(create(&tcp("80:90")).request(&neutron()).is_ok());
        let v6 = CreateFirewallRule {
            ip_version: Some(6),
            source_ip_address: Some("2001:db8::1".into()),
            ..Default::default()
        };
        assert!(create(&v6).request(&neutron()).is_ok());
    }
}
