//! Neutron ports (`/v2.0/ports`): fixed IPs, allowed address pairs, extra DHCP options,
//! binding attributes (`binding:*`), security groups, port security, QoS and DNS.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::ports::{self, AddressPair, CreatePort, FixedIp, ListPorts, UpdatePort};
//! use ferrocloud::Wait;
//! let neutron = client.network();
//! let port = neutron
//!     .call(&ports::create(&CreatePort {
//!         name: Some("vip".into()),
//!         fixed_ips: vec![FixedIp::in_subnet("subnet-id")],
//!         allowed_address_pairs: vec![AddressPair { ip_address: "10.0.0.200".into(), mac_address: None }],
//!         ..CreatePort::new("net-id")
//!     }))
//!     .await?;
//! // Detach it from its device: Neutron clears `device_id` with "", never with null.
//! neutron
//!     .call(&ports::update(&port.id, &UpdatePort { device_id: Some(String::new()), ..Default::default() }))
//!     .await?;
//! let mine = neutron
//!     .collect_all(ports::list(&ListPorts { network_id: Some("net-id".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&ports::delete(&port.id)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use super::trunks::TrunkDetails;
use crate::{
    path, query, string_enum, Find, HasStatus, InvalidInput, List, ListCommon, Op, Patch, Tags,
    Timestamp,
};

string_enum! {
    /// A port's status.
    pub enum PortStatus {
        /// Bound and up.
        Active = "ACTIVE",
        /// Not bound or down.
        Down = "DOWN",
        /// Being built.
        Build = "BUILD",
        /// Failed.
        Error = "ERROR",
        /// Not applicable (e.g. router gateway ports of some backends).
        NotApplicable = "N/A",
    }
}

string_enum! {
    /// The kind of virtual NIC a port binds as (`binding:vnic_type`).
    pub enum VnicType {
        /// A normal vNIC.
        Normal = "normal",
        /// SR-IOV direct.
        Direct = "direct",
        /// SR-IOV macvtap.
        Macvtap = "macvtap",
        /// Bare metal.
        Baremetal = "baremetal",
        /// SR-IOV physical function.
        DirectPhysical = "direct-physical",
        /// Virtio forwarder.
        VirtioForwarder = "virtio-forwarder",
        /// Smart NIC.
        SmartNic = "smart-nic",
        /// vDPA.
        Vdpa = "vdpa",
        /// Remote-managed.
        RemoteManaged = "remote-managed",
    }
}

/// A fixed IP of a port (also a router gateway's `external_fixed_ips`). In requests give
/// a subnet, an address, or both.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedIp {
    /// The address.
    pub ip_address: Option<String>,
    /// The subnet.
    pub subnet_id: Option<String>,
}

impl FixedIp {
    /// Any free address of `subnet_id`.
    pub fn in_subnet(subnet_id: &str) -> Self {
        FixedIp {
            ip_address: None,
            subnet_id: Some(subnet_id.into()),
        }
    }

    /// This address (on whichever subnet holds it).
    pub fn address(ip_address: &str) -> Self {
        FixedIp {
            ip_address: Some(ip_address.into()),
            subnet_id: None,
        }
    }
}

/// An address (and optional MAC) the port may also send from.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressPair {
    /// IP address or CIDR.
    pub ip_address: String,
    /// MAC address (default: the port's).
    pub mac_address: Option<String>,
}

/// An extra DHCP option. In an update, `opt_value: None` (sent as `null`) deletes the
/// option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraDhcpOpt {
    /// Option name (`bootfile-name`, `tftp-server`, …).
    pub opt_name: String,
    /// Option value.
    pub opt_value: Option<String>,
    /// 4 or 6 (default 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_version: Option<u8>,
}

/// One DNS assignment of a port.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DnsAssignment {
    /// Host name.
    pub hostname: String,
    /// Address.
    pub ip_address: String,
    /// Fully qualified name.
    pub fqdn: String,
}

/// One group of a port's placement resource request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestGroup {
    /// Group id.
    pub id: String,
    /// Required traits.
    pub required: Vec<String>,
    /// Resource class amounts.
    pub resources: BTreeMap<String, u64>,
}

/// What a port asks of Placement (`resource_request`, admin only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceRequest {
    /// Request groups.
    pub request_groups: Vec<RequestGroup>,
    /// Group ids that must come from the same subtree.
    pub same_subtree: Vec<String>,
}

/// A port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Port {
    /// Port id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Its network.
    #[serde(default)]
    pub network_id: String,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: bool,
    /// Status.
    #[serde(default)]
    pub status: PortStatus,
    /// MAC address.
    #[serde(default)]
    pub mac_address: String,
    /// Fixed IPs.
    #[serde(default)]
    pub fixed_ips: Vec<FixedIp>,
    /// The device using it (server id, router id, …; `""` when none).
    #[serde(default)]
    pub device_id: String,
    /// The kind of device (`compute:nova`, `network:router_interface`, …).
    #[serde(default)]
    pub device_owner: String,
    /// Security group ids.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Allowed address pairs.
    #[serde(default)]
    pub allowed_address_pairs: Vec<AddressPair>,
    /// Extra DHCP options.
    #[serde(default)]
    pub extra_dhcp_opts: Vec<ExtraDhcpOpt>,
    /// Port security (anti-spoofing and security groups) on.
    pub port_security_enabled: Option<bool>,
    /// Binding host.
    #[serde(rename = "binding:host_id")]
    pub binding_host_id: Option<String>,
    /// Binding profile.
    #[serde(rename = "binding:profile")]
    pub binding_profile: Option<Map<String, Value>>,
    /// VIF details.
    #[serde(rename = "binding:vif_details")]
    pub binding_vif_details: Option<Map<String, Value>>,
    /// VIF type (`ovs`, `unbound`, `binding_failed`, …).
    #[serde(rename = "binding:vif_type")]
    pub binding_vif_type: Option<String>,
    /// vNIC type.
    #[serde(rename = "binding:vnic_type")]
    pub binding_vnic_type: Option<VnicType>,
    /// Data plane status.
    pub data_plane_status: Option<String>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// DNS assignments.
    #[serde(default)]
    pub dns_assignment: Vec<DnsAssignment>,
    /// `immediate`, `deferred` or `none`.
    pub ip_allocation: Option<String>,
    /// MAC learning.
    pub mac_learning_enabled: Option<bool>,
    /// Propagate uplink status.
    pub propagate_uplink_status: Option<bool>,
    /// QoS policy of the port.
    pub qos_policy_id: Option<String>,
    /// QoS policy inherited from the network.
    pub qos_network_policy_id: Option<String>,
    /// Placement resource request.
    pub resource_request: Option<ResourceRequest>,
    /// Hardware offload type.
    pub hardware_offload_type: Option<String>,
    /// Trusted VF.
    pub trusted: Option<bool>,
    /// Backend hints.
    pub hints: Option<Value>,
    /// NUMA affinity policy.
    pub numa_affinity_policy: Option<String>,
    /// Private VLAN type.
    pub pvlan_type: Option<String>,
    /// Private VLAN community.
    pub pvlan_community: Option<String>,
    /// The trunk this port is the parent of, with its subports (`trunk-details`).
    pub trunk_details: Option<TrunkDetails>,
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

impl HasStatus for Port {
    const KIND: &'static str = "port";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = PortStatus;
    fn status(&self) -> Option<PortStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`] (one element of [`create_many`]); start from
/// [`CreatePort::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreatePort {
    /// The network (required).
    pub network_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// MAC address (admin).
    pub mac_address: Option<String>,
    /// Fixed IPs (default: one address of each subnet of the network).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_ips: Vec<FixedIp>,
    /// Device id.
    pub device_id: Option<String>,
    /// Device owner.
    pub device_owner: Option<String>,
    /// Security groups (`None`: the project's default group; `Some(vec![])`: none).
    pub security_groups: Option<Vec<String>>,
    /// Allowed address pairs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_address_pairs: Vec<AddressPair>,
    /// Extra DHCP options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra_dhcp_opts: Vec<ExtraDhcpOpt>,
    /// Port security.
    pub port_security_enabled: Option<bool>,
    /// Binding host (admin).
    #[serde(rename = "binding:host_id")]
    pub binding_host_id: Option<String>,
    /// Binding profile (admin).
    #[serde(rename = "binding:profile")]
    pub binding_profile: Option<Map<String, Value>>,
    /// vNIC type.
    #[serde(rename = "binding:vnic_type")]
    pub binding_vnic_type: Option<VnicType>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// MAC learning.
    pub mac_learning_enabled: Option<bool>,
    /// Propagate uplink status.
    pub propagate_uplink_status: Option<bool>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// Hardware offload type (`switchdev`, …).
    pub hardware_offload_type: Option<String>,
    /// Trusted VF.
    pub trusted: Option<bool>,
    /// Backend hints.
    pub hints: Option<Value>,
    /// NUMA affinity policy.
    pub numa_affinity_policy: Option<String>,
    /// Private VLAN type.
    pub pvlan_type: Option<String>,
    /// Private VLAN community.
    pub pvlan_community: Option<String>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Attributes of extensions ferrocloud has no field for, sent as given in the port
    /// body (gophercloud's `ValueSpecs`). A key the struct already sends is refused.
    #[serde(flatten)]
    pub value_specs: Map<String, Value>,
}

impl CreatePort {
    /// A port on `network_id`, everything else default.
    pub fn new(network_id: &str) -> Self {
        CreatePort {
            network_id: network_id.into(),
            ..Default::default()
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.network_id.is_empty(),
            "network_id",
            "a port needs a network",
        )
        .and(own_keys_free(
            &CreatePort {
                value_specs: Map::new(),
                ..self.clone()
            },
            &self.value_specs,
        ))
    }
}

/// The body of [`update`]. `None` leaves a field as it is.
///
/// What clears what, per Neutron: `device_id` and `device_owner` are cleared with `""`
/// (Neutron rejects `null` there); `binding:profile`, `qos_policy_id`,
/// `data_plane_status`, `hints` and `numa_affinity_policy` are cleared with
/// [`Patch::Null`]; list fields are emptied with `Some(vec![])`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdatePort {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// MAC address (admin).
    pub mac_address: Option<String>,
    /// Replaces the fixed IPs.
    pub fixed_ips: Option<Vec<FixedIp>>,
    /// Device id (`""` clears it).
    pub device_id: Option<String>,
    /// Device owner (`""` clears it).
    pub device_owner: Option<String>,
    /// Replaces the security groups.
    pub security_groups: Option<Vec<String>>,
    /// Replaces the allowed address pairs.
    pub allowed_address_pairs: Option<Vec<AddressPair>>,
    /// Adds, changes (or with a `None` value deletes) extra DHCP options.
    pub extra_dhcp_opts: Option<Vec<ExtraDhcpOpt>>,
    /// Port security.
    pub port_security_enabled: Option<bool>,
    /// Binding host (admin).
    #[serde(rename = "binding:host_id")]
    pub binding_host_id: Option<String>,
    /// Binding profile (admin).
    #[serde(rename = "binding:profile", skip_serializing_if = "Patch::is_keep")]
    pub binding_profile: Patch<Map<String, Value>>,
    /// vNIC type.
    #[serde(rename = "binding:vnic_type")]
    pub binding_vnic_type: Option<VnicType>,
    /// Data plane status (`ACTIVE`, `DOWN`; admin).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub data_plane_status: Patch<String>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// MAC learning.
    pub mac_learning_enabled: Option<bool>,
    /// Propagate uplink status.
    pub propagate_uplink_status: Option<bool>,
    /// QoS policy.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub qos_policy_id: Patch<String>,
    /// Trusted VF.
    pub trusted: Option<bool>,
    /// Backend hints.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub hints: Patch<Value>,
    /// NUMA affinity policy.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub numa_affinity_policy: Patch<String>,
    /// Private VLAN type.
    pub pvlan_type: Option<String>,
    /// Private VLAN community.
    pub pvlan_community: Option<String>,
    /// Attributes of extensions ferrocloud has no field for, sent as given in the port
    /// body. A key the struct already sends is refused.
    #[serde(flatten)]
    pub value_specs: Map<String, Value>,
}

impl UpdatePort {
    fn check(&self) -> Result<(), InvalidInput> {
        own_keys_free(
            &UpdatePort {
                value_specs: Map::new(),
                ..self.clone()
            },
            &self.value_specs,
        )
    }
}

/// `value_specs` may not repeat a key the typed fields of `body` (without them) send.
fn own_keys_free<B: Serialize>(
    body: &B,
    value_specs: &Map<String, Value>,
) -> Result<(), InvalidInput> {
    if value_specs.is_empty() {
        return Ok(());
    }
    let typed =
        serde_json::to_value(body).map_err(|e| InvalidInput::field("port", e.to_string()))?;
    match value_specs.keys().find(|k| typed.get(k.as_str()).is_some()) {
        Some(k) => Err(InvalidInput::field(
            "value_specs",
            format!("{k:?} is already set by its own field"),
        )),
        None => Ok(()),
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPorts {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Network.
    pub network_id: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    pub status: Option<PortStatus>,
    /// MAC address.
    pub mac_address: Option<String>,
    /// Device id.
    pub device_id: Option<String>,
    /// Device owner.
    pub device_owner: Option<String>,
    /// Fixed IP filters, each sent as `fixed_ips=ip_address=…` / `fixed_ips=subnet_id=…`
    /// (see also `ip_address_substr`).
    pub fixed_ips: Vec<FixedIp>,
    /// Ports with a fixed IP containing this text, sent as
    /// `fixed_ips=ip_address_substr=…` (`ip-substring-filtering`).
    pub ip_address_substr: Option<String>,
    /// Ports in any of these security groups.
    pub security_groups: Vec<String>,
    /// Binding host.
    pub binding_host_id: Option<String>,
    /// vNIC type.
    pub binding_vnic_type: Option<VnicType>,
    /// IP allocation.
    pub ip_allocation: Option<String>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// Port security.
    pub port_security_enabled: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "ports",
    one: "port",
    many: "ports",
};

/// The tags of ports.
pub const TAGS: Tags = shared::tags("ports");

/// `GET /v2.0/ports`, paged through `ports_links`.
pub fn list(f: &ListPorts) -> List<Port> {
    let mut q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        network_id: f.network_id.as_deref(),
        admin_state_up: f.admin_state_up,
        status: f.status.as_ref(),
        mac_address: f.mac_address.as_deref(),
        device_id: f.device_id.as_deref(),
        device_owner: f.device_owner.as_deref(),
        "binding:host_id": f.binding_host_id.as_deref(),
        "binding:vnic_type": f.binding_vnic_type.as_ref(),
        ip_allocation: f.ip_allocation.as_deref(),
        dns_name: f.dns_name.as_deref(),
        port_security_enabled: f.port_security_enabled,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    for ip in &f.fixed_ips {
        if let Some(a) = &ip.ip_address {
            q = q.push("fixed_ips", format!("ip_address={a}"));
        }
        if let Some(s) = &ip.subnet_id {
            q = q.push("fixed_ips", format!("subnet_id={s}"));
        }
    }
    if let Some(sub) = &f.ip_address_substr {
        q = q.push("fixed_ips", format!("ip_address_substr={sub}"));
    }
    let q = q.push_all("security_groups", &f.security_groups);
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/ports/{port_id}`.
pub fn get(port_id: &str) -> Op<Port> {
    RESOURCE.get(port_id)
}

/// A port by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Port> {
    RESOURCE.find("port", name_or_id)
}

crate::named!(Port);

/// `POST /v2.0/ports`.
pub fn create(port: &CreatePort) -> Op<Port> {
    RESOURCE.create(port.validate(), port)
}

/// `POST /v2.0/ports` with `{"ports": [...]}`: creates them all or none.
pub fn create_many(ports: &[CreatePort]) -> Op<Vec<Port>> {
    RESOURCE.create_many(ports.iter().try_for_each(CreatePort::validate), ports)
}

/// `PUT /v2.0/ports/{port_id}`.
pub fn update(port_id: &str, update: &UpdatePort) -> Op<Port> {
    Op::put(path!("ports/{}", port_id))
        .check(update.check())
        .json_under("port", update)
        .decode_key("port")
}

/// `DELETE /v2.0/ports/{port_id}`.
pub fn delete(port_id: &str) -> Op<()> {
    RESOURCE.delete(port_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn list_filters_repeat_and_update_clears() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let req = list(&ListPorts {
            device_id: Some("r1".into()),
            fixed_ips: vec![FixedIp::address("10.0.0.5"), FixedIp::in_subnet("s1")],
            security_groups: vec!["a".into(), "b".into()],
            ..Default::default()
        })
        .request(&neutron)
        .unwrap();
        assert_eq!(
            req.uri().query(),
            Some("device_id=r1&fixed_ips=ip_address%3D10.0.0.5&fixed_ips=subnet_id%3Ds1&security_groups=a&security_groups=b")
        );
        let body = serde_json::to_value(UpdatePort {
            device_id: Some(String::new()),
            binding_profile: Patch::Null,
            extra_dhcp_opts: Some(vec![ExtraDhcpOpt {
                opt_name: "tftp-server".into(),
                opt_value: None,
                ip_version: None,
            }]),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"device_id": "", "binding:profile": null,
                "extra_dhcp_opts": [{"opt_name": "tftp-server", "opt_value": null}]})
        );
        assert!(create(&CreatePort::default()).request(&neutron).is_err());
        let p: Port =
            serde_json::from_str(r#"{"id": "p", "status": "N/A", "binding:vnic_type": "weird"}"#)
                .unwrap();
        assert_eq!(p.status, PortStatus::NotApplicable);
        // value_specs: sent flat in the port body, but never over a typed field.
        let mut specs = Map::new();
        specs.insert("device_profile".into(), "dp".into());
        let req = create(&CreatePort {
            value_specs: specs.clone(),
            ..CreatePort::new("n")
        })
        .request(&neutron)
        .unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            serde_json::json!({"port": {"network_id": "n", "device_profile": "dp"}})
        );
        specs.insert("network_id".into(), "other".into());
        let clash = CreatePort {
            value_specs: specs.clone(),
            ..CreatePort::new("n")
        };
        assert!(create(&clash).request(&neutron).is_err());
        let mut upd = UpdatePort {
            name: Some("a".into()),
            ..Default::default()
        };
        upd.value_specs.insert("name".into(), "b".into());
        assert!(update("p", &upd).request(&neutron).is_err());
        upd.name = None;
        assert!(update("p", &upd).request(&neutron).is_ok());
        let t: Port = serde_json::from_str(
            r#"{"id": "p", "trunk_details": {"trunk_id": "t", "sub_ports": [{"port_id": "c", "segmentation_type": "vlan", "segmentation_id": 7, "mac_address": "fa:16:3e:00:00:01"}]}}"#,
        )
        .unwrap();
        let d = t.trunk_details.unwrap();
        assert_eq!(
            (d.trunk_id.as_str(), d.sub_ports[0].segmentation_id),
            ("t", Some(7))
        );
        assert_eq!(p.binding_vnic_type, Some(VnicType::Other("weird".into())));
    }
}
