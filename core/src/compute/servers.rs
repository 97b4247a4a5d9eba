//! Nova servers: list (summary and detail, every documented filter, linked paging through
//! `servers_links`), get, create (every option), update, delete, force-delete and restore,
//! and the server's addresses. Actions are in [`server_actions`](super::server_actions),
//! consoles in [`server_consoles`](super::server_consoles), metadata in [`METADATA`] and
//! tags (2.26+) in [`TAGS`].
//!
//! One [`Server`] type reads every microversion from 2.1 on: the fields a microversion
//! adds are `Option`s, and the two shapes of `flavor` (a link before 2.47, the embedded
//! flavor from 2.47 on) are the two variants of [`ServerFlavor`].
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::servers::{self, CreateServer, ListServers, Networks};
//! use ferrocloud::Wait;
//! let nova = client.compute().microversion("2.90");
//! let created = nova
//!     .call(&servers::create(&CreateServer {
//!         name: "web-1".into(),
//!         image_ref: Some("70a599e0-31e7-49b7-b260-868f441e862b".into()),
//!         flavor_ref: "1".into(),
//!         networks: Some(Networks::Auto),
//!         user_data: Some(b"#!/bin/sh\necho hi\n".to_vec()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let server = nova
//!     .wait_for_status(&servers::get(&created.id), &[servers::ServerStatus::Active], &[servers::ServerStatus::Error], Wait::default())
//!     .await?;
//! let mine = nova
//!     .collect_all(servers::list_detail(&ListServers { name: Some("^web-".into()), ..Default::default() }))
//!     .await?;
//! nova.call(&servers::delete(&server.id)).await?;
//! nova.wait_for_deleted(&servers::get(&server.id), Wait::default()).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::{
    path, Find, HasStatus, InvalidInput, Link, List, ListCommon, Metadata, MetadataOf, Op, Paging,
    Patch, Query, Secret, Tags, Timestamp,
};

crate::string_enum! {
    /// A server's status.
    pub enum ServerStatus {
        /// Running.
        Active = "ACTIVE",
        /// Being created.
        Build = "BUILD",
        /// Deleted.
        Deleted = "DELETED",
        /// Failed.
        Error = "ERROR",
        /// Hard rebooting.
        HardReboot = "HARD_REBOOT",
        /// Live-migrating.
        Migrating = "MIGRATING",
        /// Changing its admin password.
        Password = "PASSWORD",
        /// Paused.
        Paused = "PAUSED",
        /// Soft rebooting.
        Reboot = "REBOOT",
        /// Being rebuilt.
        Rebuild = "REBUILD",
        /// In rescue mode.
        Rescue = "RESCUE",
        /// Being resized or migrated.
        Resize = "RESIZE",
        /// Reverting a resize.
        RevertResize = "REVERT_RESIZE",
        /// Shelved, still on its host.
        Shelved = "SHELVED",
        /// Shelved and removed from its host.
        ShelvedOffloaded = "SHELVED_OFFLOADED",
        /// Stopped.
        Shutoff = "SHUTOFF",
        /// Soft-deleted (restorable).
        SoftDeleted = "SOFT_DELETED",
        /// Suspended.
        Suspended = "SUSPENDED",
        /// State unknown (e.g. its cell is down).
        Unknown = "UNKNOWN",
        /// Resized or migrated, waiting for confirmation.
        VerifyResize = "VERIFY_RESIZE",
    }
}

crate::string_enum! {
    /// How the root disk is partitioned (`OS-DCF:diskConfig`).
    pub enum DiskConfig {
        /// Nova resizes the partition to fill the disk.
        Auto = "AUTO",
        /// The image's partitioning is kept.
        Manual = "MANUAL",
    }
}

crate::string_enum! {
    /// How an address reached a server (`OS-EXT-IPS:type`).
    pub enum AddressKind {
        /// On the server's port.
        Fixed = "fixed",
        /// A floating IP mapped to a fixed one.
        Floating = "floating",
    }
}

crate::string_enum! {
    /// Nova's state of the virtual machine (`OS-EXT-STS:vm_state`), beside the
    /// user-facing [`ServerStatus`].
    pub enum VmState {
        /// Running.
        Active = "active",
        /// Being built.
        Building = "building",
        /// Paused in memory.
        Paused = "paused",
        /// Suspended to disk.
        Suspended = "suspended",
        /// Powered off.
        Stopped = "stopped",
        /// In rescue mode.
        Rescued = "rescued",
        /// Resized, waiting for confirm or revert.
        Resized = "resized",
        /// Soft-deleted (restorable until reclaimed).
        SoftDeleted = "soft-delete",
        /// Deleted.
        Deleted = "deleted",
        /// Failed.
        Error = "error",
        /// Shelved, still on its host.
        Shelved = "shelved",
        /// Shelved and removed from its host.
        ShelvedOffloaded = "shelved_offloaded",
    }
}

/// One IP address of a server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// The address.
    pub addr: String,
    /// 4 or 6.
    pub version: u8,
    /// MAC address of the port (`OS-EXT-IPS-MAC:mac_addr`).
    #[serde(rename = "OS-EXT-IPS-MAC:mac_addr")]
    pub mac_addr: Option<String>,
    /// `fixed` or `floating` (`OS-EXT-IPS:type`).
    #[serde(rename = "OS-EXT-IPS:type")]
    pub kind: Option<AddressKind>,
}

/// Addresses by network label.
pub type Addresses = BTreeMap<String, Vec<Address>>;

/// The image a server booted from.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageRef {
    /// Image id.
    pub id: String,
    /// Links to the image.
    pub links: Vec<Link>,
    /// Image properties (2.100+).
    pub properties: Option<Map<String, Value>>,
}

/// The flavor of a server, in the shape of the microversion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawFlavor", untagged)]
pub enum ServerFlavor {
    /// Before 2.47: a reference to the flavor.
    Ref {
        /// Flavor id.
        id: String,
        /// Links to the flavor.
        links: Vec<Link>,
    },
    /// From 2.47: a copy of the flavor as it was when the server was built or resized.
    Embedded(EmbeddedFlavor),
}

impl Default for ServerFlavor {
    fn default() -> Self {
        ServerFlavor::Ref {
            id: String::new(),
            links: Vec::new(),
        }
    }
}

impl ServerFlavor {
    /// The flavor id (before 2.47).
    pub fn id(&self) -> Option<&str> {
        match self {
            ServerFlavor::Ref { id, .. } => Some(id),
            ServerFlavor::Embedded(_) => None,
        }
    }

    /// The flavor name (2.47+).
    pub fn original_name(&self) -> Option<&str> {
        match self {
            ServerFlavor::Ref { .. } => None,
            ServerFlavor::Embedded(f) => Some(&f.original_name),
        }
    }
}

/// The flavor embedded in a server from microversion 2.47 on.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbeddedFlavor {
    /// The flavor's name at build time.
    pub original_name: String,
    /// RAM in MiB.
    pub ram: u64,
    /// Virtual CPUs.
    pub vcpus: u32,
    /// Root disk in GiB.
    pub disk: u64,
    /// Ephemeral disk in GiB.
    pub ephemeral: u64,
    /// Swap in MiB.
    pub swap: u64,
    /// Extra specs (shown when policy allows).
    pub extra_specs: Option<BTreeMap<String, String>>,
}

/// Every field of either flavor shape, read in one pass.
#[derive(Deserialize)]
struct RawFlavor {
    id: Option<String>,
    #[serde(default)]
    links: Vec<Link>,
    original_name: Option<String>,
    #[serde(default)]
    ram: u64,
    #[serde(default)]
    vcpus: u32,
    #[serde(default)]
    disk: u64,
    #[serde(default)]
    ephemeral: u64,
    #[serde(default)]
    swap: u64,
    extra_specs: Option<BTreeMap<String, String>>,
}

impl From<RawFlavor> for ServerFlavor {
    fn from(f: RawFlavor) -> Self {
        match (f.id, f.original_name) {
            (Some(id), None) => ServerFlavor::Ref { id, links: f.links },
            (_, name) => ServerFlavor::Embedded(EmbeddedFlavor {
                original_name: name.unwrap_or_default(),
                ram: f.ram,
                vcpus: f.vcpus,
                disk: f.disk,
                ephemeral: f.ephemeral,
                swap: f.swap,
                extra_specs: f.extra_specs,
            }),
        }
    }
}

/// Reads `image`: an object, or `""` when the server boots from a volume (→ `None`).
fn image_ref<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ImageRef>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<ImageRef>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an image object or an empty string")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok((!s.is_empty()).then(|| ImageRef {
                id: s.to_owned(),
                ..Default::default()
            }))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            ImageRef::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_any(V)
}

/// A volume attached to a server (`os-extended-volumes:volumes_attached`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedVolume {
    /// Volume id.
    pub id: String,
    /// Whether it goes with the server (2.3+).
    pub delete_on_termination: Option<bool>,
}

/// A security group of a server, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRef {
    /// The group's name.
    pub name: String,
}

/// Why a server is in `ERROR`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerFault {
    /// HTTP-like error code.
    pub code: u16,
    /// The message.
    pub message: String,
    /// Traceback (admins only).
    pub details: Option<String>,
    /// When it happened.
    pub created: Option<Timestamp>,
}

/// A server, as `GET /servers/{id}`, `GET /servers/detail`, create, update and rebuild
/// return it, in every microversion. Fields a call or microversion leaves out are `None`
/// (or empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// Server id.
    pub id: String,
    /// Name (absent for servers of a down cell, 2.69+).
    pub name: Option<String>,
    /// Status.
    pub status: Option<ServerStatus>,
    /// Owner project.
    pub tenant_id: Option<String>,
    /// Owner user.
    pub user_id: Option<String>,
    /// Created.
    pub created: Option<Timestamp>,
    /// Last updated.
    pub updated: Option<Timestamp>,
    /// Obfuscated host id (same host → same value within a project).
    #[serde(rename = "hostId")]
    pub host_id: Option<String>,
    /// Addresses by network label.
    pub addresses: Option<Addresses>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// The image (`None` when booted from a volume: Nova sends `""`).
    #[serde(default, deserialize_with = "image_ref")]
    pub image: Option<ImageRef>,
    /// The flavor (a reference before 2.47, embedded from 2.47).
    pub flavor: Option<ServerFlavor>,
    /// Build progress, 0–100.
    pub progress: Option<u32>,
    /// Public IPv4 set by the user.
    #[serde(rename = "accessIPv4")]
    pub access_ip_v4: Option<String>,
    /// Public IPv6 set by the user.
    #[serde(rename = "accessIPv6")]
    pub access_ip_v6: Option<String>,
    /// Keypair name.
    pub key_name: Option<String>,
    /// Metadata.
    pub metadata: Option<Metadata>,
    /// `"True"` when a config drive is attached, else `""`.
    pub config_drive: Option<String>,
    /// The admin password, only in create, rebuild and evacuate answers.
    #[serde(rename = "adminPass", skip_serializing)]
    pub admin_pass: Option<Secret>,
    /// Disk config (`OS-DCF:diskConfig`).
    #[serde(rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<DiskConfig>,
    /// Availability zone (`OS-EXT-AZ:availability_zone`).
    #[serde(rename = "OS-EXT-AZ:availability_zone")]
    pub availability_zone: Option<String>,
    /// Compute host (`OS-EXT-SRV-ATTR:host`, admin).
    #[serde(rename = "OS-EXT-SRV-ATTR:host")]
    pub host: Option<String>,
    /// Hypervisor node (`OS-EXT-SRV-ATTR:hypervisor_hostname`, admin).
    #[serde(rename = "OS-EXT-SRV-ATTR:hypervisor_hostname")]
    pub hypervisor_hostname: Option<String>,
    /// Libvirt-style instance name (`OS-EXT-SRV-ATTR:instance_name`, admin).
    #[serde(rename = "OS-EXT-SRV-ATTR:instance_name")]
    pub instance_name: Option<String>,
    /// Guest hostname (`OS-EXT-SRV-ATTR:hostname`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:hostname")]
    pub hostname: Option<String>,
    /// Reservation id of a multiple create (`OS-EXT-SRV-ATTR:reservation_id`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:reservation_id")]
    pub reservation_id: Option<String>,
    /// Index within a multiple create (`OS-EXT-SRV-ATTR:launch_index`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:launch_index")]
    pub launch_index: Option<u32>,
    /// Kernel image (`OS-EXT-SRV-ATTR:kernel_id`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:kernel_id")]
    pub kernel_id: Option<String>,
    /// Ramdisk image (`OS-EXT-SRV-ATTR:ramdisk_id`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:ramdisk_id")]
    pub ramdisk_id: Option<String>,
    /// Root device (`OS-EXT-SRV-ATTR:root_device_name`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:root_device_name")]
    pub root_device_name: Option<String>,
    /// User data, base64 as stored (`OS-EXT-SRV-ATTR:user_data`, 2.3+).
    #[serde(rename = "OS-EXT-SRV-ATTR:user_data")]
    pub user_data: Option<String>,
    /// User data echoed by a rebuild answer (top-level `user_data`, 2.57+), base64.
    #[serde(rename = "user_data")]
    pub rebuild_user_data: Option<String>,
    /// Power state number (`OS-EXT-STS:power_state`: 0 pending, 1 running, 3 paused,
    /// 4 shutdown, 6 crashed, 7 suspended).
    #[serde(rename = "OS-EXT-STS:power_state")]
    pub power_state: Option<u8>,
    /// Task in progress (`OS-EXT-STS:task_state`).
    #[serde(rename = "OS-EXT-STS:task_state")]
    pub task_state: Option<String>,
    /// VM state (`OS-EXT-STS:vm_state`).
    #[serde(rename = "OS-EXT-STS:vm_state")]
    pub vm_state: Option<VmState>,
    /// Attached volumes (`os-extended-volumes:volumes_attached`).
    #[serde(rename = "os-extended-volumes:volumes_attached")]
    pub volumes_attached: Option<Vec<AttachedVolume>>,
    /// Launched (`OS-SRV-USG:launched_at`).
    #[serde(rename = "OS-SRV-USG:launched_at")]
    pub launched_at: Option<Timestamp>,
    /// Terminated (`OS-SRV-USG:terminated_at`).
    #[serde(rename = "OS-SRV-USG:terminated_at")]
    pub terminated_at: Option<Timestamp>,
    /// Security groups.
    pub security_groups: Option<Vec<SecurityGroupRef>>,
    /// Why it failed (servers in `ERROR`).
    pub fault: Option<ServerFault>,
    /// Whether it is locked (2.9+).
    pub locked: Option<bool>,
    /// Why it was locked (2.73+).
    pub locked_reason: Option<String>,
    /// Description (2.19+).
    pub description: Option<String>,
    /// Host status: `UP`, `DOWN`, `MAINTENANCE`, `UNKNOWN` or `""` (2.16+, policy).
    pub host_status: Option<String>,
    /// Tags (2.26+).
    pub tags: Option<Vec<String>>,
    /// Trusted certificate ids (2.63+).
    pub trusted_image_certificates: Option<Vec<String>>,
    /// Server groups it belongs to (2.71+).
    pub server_groups: Option<Vec<String>>,
    /// Availability zone the server is pinned to (2.96+).
    pub pinned_availability_zone: Option<String>,
    /// Scheduler hints given at create (2.100+).
    pub scheduler_hints: Option<Map<String, Value>>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Server {
    const KIND: &'static str = "server";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn fault(&self) -> Option<&str> {
        self.fault.as_ref().map(|f| f.message.as_str())
    }
    type Status = ServerStatus;
    fn status(&self) -> Option<ServerStatus> {
        self.status.clone()
    }
}

/// A server as `GET /servers` lists it: id, name and links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerRef {
    /// Server id.
    pub id: String,
    /// Name (absent for servers of a down cell).
    pub name: Option<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Status (only for servers of a down cell, 2.69+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ServerStatus>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`] and [`list_detail`]. Regex filters (`name`, `ip`, …) are matched
/// by Nova as Python regular expressions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListServers {
    /// Servers of every project (admin).
    pub all_tenants: bool,
    /// Only this project's (with `all_tenants`).
    pub project_id: Option<String>,
    /// Only this user's.
    pub user_id: Option<String>,
    /// Name, a regular expression.
    pub name: Option<String>,
    /// Status.
    pub status: Option<ServerStatus>,
    /// Changed at or after this time (deleted servers included).
    pub changes_since: Option<Timestamp>,
    /// Changed before this time (2.66+).
    pub changes_before: Option<Timestamp>,
    /// Sorting (`sort_key`/`sort_dir` pairs), paging, tag filters (2.26+) and extra
    /// filters (`created_at`, `launched_at`, `hostname`, `uuid`, …). Nova does not select
    /// fields or page backwards.
    pub common: ListCommon,
    /// IPv4 address, a regular expression.
    pub ip: Option<String>,
    /// IPv6 address, a regular expression (2.5+ for non-admins).
    pub ip6: Option<String>,
    /// Compute host (admin).
    pub host: Option<String>,
    /// Hypervisor node (admin).
    pub node: Option<String>,
    /// Flavor id.
    pub flavor: Option<String>,
    /// Image id.
    pub image: Option<String>,
    /// Reservation id of a multiple create.
    pub reservation_id: Option<String>,
    /// Locked or not (2.73+).
    pub locked: Option<bool>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Pinned availability zone (2.96+? admin).
    pub pinned_availability_zone: Option<String>,
    /// Deleted servers (admin).
    pub deleted: Option<bool>,
    /// Soft-deleted servers too (with `deleted`, admin).
    pub soft_deleted: Option<bool>,
    /// Key pair name (admin, or 2.83+).
    pub key_name: Option<String>,
    /// Description (2.19+).
    pub description: Option<String>,
    /// VM state (admin, or 2.83+).
    pub vm_state: Option<VmState>,
    /// Task state (admin, or 2.83+).
    pub task_state: Option<String>,
    /// Power state number (admin, or 2.83+).
    pub power_state: Option<u8>,
    /// Config drive (admin, or 2.83+).
    pub config_drive: Option<bool>,
    /// Access IPv4, a regular expression (admin).
    pub access_ip_v4: Option<String>,
    /// Access IPv6, a regular expression (admin).
    pub access_ip_v6: Option<String>,
}

impl ListServers {
    /// The query string parameters.
    pub fn query(&self) -> Query {
        let q = crate::query!(
            all_tenants: self.all_tenants.then_some("True"),
            project_id: self.project_id.as_deref(),
            user_id: self.user_id.as_deref(),
            name: self.name.as_deref(),
            status: self.status.as_ref().map(ServerStatus::as_str),
            "changes-since": self.changes_since,
            "changes-before": self.changes_before,
            ip: self.ip.as_deref(),
            ip6: self.ip6.as_deref(),
            host: self.host.as_deref(),
            node: self.node.as_deref(),
            flavor: self.flavor.as_deref(),
            image: self.image.as_deref(),
            reservation_id: self.reservation_id.as_deref(),
            locked: self.locked,
            availability_zone: self.availability_zone.as_deref(),
            pinned_availability_zone: self.pinned_availability_zone.as_deref(),
            deleted: self.deleted,
            soft_deleted: self.soft_deleted,
            key_name: self.key_name.as_deref(),
            description: self.description.as_deref(),
            vm_state: self.vm_state.as_ref().map(VmState::as_str),
            task_state: self.task_state.as_deref(),
            power_state: self.power_state,
            config_drive: self.config_drive,
            access_ip_v4: self.access_ip_v4.as_deref(),
            access_ip_v6: self.access_ip_v6.as_deref(),
        );
        LIST_STYLE.encode(&self.common, q)
    }
}

/// How Nova's server list spells [`ListCommon`].
const LIST_STYLE: ListStyle = ListStyle {
    service: "Nova's server list",
    sort: SortStyle::Pairs,
    tags: TagStyle::Dashed,
    fields: false,
    page_reverse: false,
};

/// `GET /servers`: ids, names and links, linked-paged through `servers_links`.
pub fn list(filter: &ListServers) -> List<ServerRef> {
    List::new(path!("servers"), "servers", Paging::Linked)
        .check(LIST_STYLE.check(&filter.common))
        .query(filter.query())
}

/// `GET /servers/detail`: full servers, linked-paged through `servers_links`.
pub fn list_detail(filter: &ListServers) -> List<Server> {
    List::new(path!("servers/detail"), "servers", Paging::Linked)
        .check(LIST_STYLE.check(&filter.common))
        .query(filter.query())
}

/// `GET /servers/{server_id}`.
pub fn get(server_id: &str) -> Op<Server> {
    Op::get(path!("servers/{}", server_id)).decode_key("server")
}

/// A server by id or exact name (run it with [`Service::find`](crate::Service::find)).
///
/// Nova filters names by regular expression; the pattern sent matches the name exactly.
pub fn find(name_or_id: &str) -> Find<Server> {
    Find::new(
        "server",
        name_or_id,
        get(name_or_id),
        list_detail(&ListServers {
            name: Some(crate::request::find::exact_regex(name_or_id)),
            ..Default::default()
        }),
    )
}

crate::named!(Server);

/// `DELETE /servers/{server_id}`.
pub fn delete(server_id: &str) -> Op<()> {
    Op::delete(path!("servers/{}", server_id))
}

/// `POST /servers/{server_id}/action` `{"forceDelete": null}`: deletes a soft-deleted
/// server now.
pub fn force_delete(server_id: &str) -> Op<()> {
    super::server_actions::action(server_id, "forceDelete", &())
}

/// `POST /servers/{server_id}/action` `{"restore": null}`: restores a soft-deleted server.
pub fn restore(server_id: &str) -> Op<()> {
    super::server_actions::action(server_id, "restore", &())
}

/// `GET /servers/{server_id}/ips`: addresses by network label.
pub fn addresses(server_id: &str) -> Op<Addresses> {
    Op::get(path!("servers/{}/ips", server_id)).decode_key("addresses")
}

/// `GET /servers/{server_id}/ips/{network_label}`: the addresses on one network.
pub fn network_addresses(server_id: &str, network_label: &str) -> Op<Vec<Address>> {
    Op::get(path!("servers/{}/ips/{}", server_id, network_label)).decode_with(|resp| {
        let mut m: BTreeMap<String, Vec<Address>> =
            crate::request::op::decode_json("GET servers/{id}/ips/{label} response", resp.body())?;
        match m.pop_first() {
            Some((_, v)) if m.is_empty() => Ok(v),
            _ => Err(crate::Error::decode(
                "GET servers/{id}/ips/{label} response",
                serde::de::Error::custom("expected exactly one network"),
            )),
        }
    })
}

/// The `networks` of a new server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Networks {
    /// Let Nova allocate a network (2.37+): `"auto"`.
    Auto,
    /// No network (2.37+): `"none"`.
    None,
    /// These networks and ports.
    List(Vec<NetworkSpec>),
}

impl Serialize for Networks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Networks::Auto => s.serialize_str("auto"),
            Networks::None => s.serialize_str("none"),
            Networks::List(l) => l.serialize(s),
        }
    }
}

/// One network or port of a new server (give `uuid` or `port`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NetworkSpec {
    /// Network id.
    pub uuid: Option<String>,
    /// Existing port id.
    pub port: Option<String>,
    /// Fixed IP to request on the network.
    pub fixed_ip: Option<String>,
    /// Device tag (2.32–2.36, 2.42+).
    pub tag: Option<String>,
}

impl NetworkSpec {
    /// A network by id.
    pub fn network(uuid: &str) -> Self {
        NetworkSpec {
            uuid: Some(uuid.into()),
            ..Default::default()
        }
    }

    /// An existing port.
    pub fn port(port: &str) -> Self {
        NetworkSpec {
            port: Some(port.into()),
            ..Default::default()
        }
    }
}

/// One entry of `block_device_mapping_v2`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BlockDeviceMapping {
    /// Boot order (0 = boot disk; `None` for non-bootable).
    pub boot_index: Option<i32>,
    /// Id of the source (image, volume or snapshot).
    pub uuid: Option<String>,
    /// `image`, `volume`, `snapshot` or `blank`.
    pub source_type: Option<String>,
    /// `volume` or `local`.
    pub destination_type: Option<String>,
    /// Size in GiB of a volume to create.
    pub volume_size: Option<u64>,
    /// Delete the volume with the server.
    pub delete_on_termination: Option<bool>,
    /// Device name hint (`vda`).
    pub device_name: Option<String>,
    /// `disk`, `cdrom`, …
    pub device_type: Option<String>,
    /// `virtio`, `scsi`, `ide`, …
    pub disk_bus: Option<String>,
    /// Filesystem of a local ephemeral disk, or `swap`.
    pub guest_format: Option<String>,
    /// Suppress a device of the image.
    pub no_device: Option<bool>,
    /// Device tag (2.32+ except 2.33–2.41).
    pub tag: Option<String>,
    /// Volume type of a volume to create (2.67+).
    pub volume_type: Option<String>,
}

/// A file injected at create or rebuild (removed in 2.57).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Personality {
    /// Path in the guest.
    pub path: String,
    /// Contents, base64-encoded (see [`base64()`]).
    pub contents: String,
}

/// Base64 encoding as Nova expects it for `user_data` and personality `contents`.
pub fn base64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Which key carries scheduler hints: both are accepted by Nova.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SchedulerHintsKey {
    /// `os:scheduler_hints`.
    #[default]
    Os,
    /// `OS-SCH-HNT:scheduler_hints` (the key of Nova's samples).
    Legacy,
}

impl SchedulerHintsKey {
    fn as_str(self) -> &'static str {
        match self {
            SchedulerHintsKey::Os => "os:scheduler_hints",
            SchedulerHintsKey::Legacy => "OS-SCH-HNT:scheduler_hints",
        }
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateServer {
    /// Name (required).
    pub name: String,
    /// Image id or URL (`imageRef`; `None` when booting from a volume).
    #[serde(rename = "imageRef")]
    pub image_ref: Option<String>,
    /// Flavor id or URL (`flavorRef`, required).
    #[serde(rename = "flavorRef")]
    pub flavor_ref: String,
    /// Networks (required from 2.37: [`Networks::Auto`] or [`Networks::None`] at least).
    pub networks: Option<Networks>,
    /// Block devices (`block_device_mapping_v2`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub block_device_mapping_v2: Vec<BlockDeviceMapping>,
    /// Security group names.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "security_group_refs"
    )]
    pub security_groups: Vec<String>,
    /// Keypair name.
    pub key_name: Option<String>,
    /// User data, raw: ferrocloud base64-encodes it.
    #[serde(serialize_with = "base64_opt")]
    pub user_data: Option<Vec<u8>>,
    /// Metadata.
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Availability zone (`zone`, `zone:host` or `zone:host:node`).
    pub availability_zone: Option<String>,
    /// Attach a config drive.
    pub config_drive: Option<bool>,
    /// Scheduler hints (server group, affinity to other servers, cells, …), sent next to
    /// `server` under [`CreateServer::scheduler_hints_key`].
    #[serde(skip)]
    pub scheduler_hints: SchedulerHints,
    /// The key of the scheduler hints.
    #[serde(skip)]
    pub scheduler_hints_key: SchedulerHintsKey,
    /// At least this many servers.
    pub min_count: Option<u32>,
    /// At most this many servers.
    pub max_count: Option<u32>,
    /// Tags (2.52+).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Trusted certificate ids (2.63+).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trusted_image_certificates: Vec<String>,
    /// Guest hostname (needs microversion 2.90 or later).
    pub hostname: Option<String>,
    /// Description (2.19+).
    pub description: Option<String>,
    /// Admin password.
    #[serde(rename = "adminPass")]
    pub admin_pass: Option<Secret>,
    /// Public IPv4 (`accessIPv4`).
    #[serde(rename = "accessIPv4")]
    pub access_ip_v4: Option<String>,
    /// Public IPv6 (`accessIPv6`).
    #[serde(rename = "accessIPv6")]
    pub access_ip_v6: Option<String>,
    /// Disk config (`OS-DCF:diskConfig`).
    #[serde(rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<DiskConfig>,
    /// Injected files (before 2.57).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personality: Vec<Personality>,
    /// Compute host to build on (2.74+, admin).
    pub host: Option<String>,
    /// Hypervisor node to build on (2.74+, admin).
    pub hypervisor_hostname: Option<String>,
    /// Other keys of `server`, sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn security_group_refs<S: serde::Serializer>(names: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        names
            .iter()
            .map(|name| SecurityGroupRef { name: name.clone() }),
    )
}

fn base64_opt<S: serde::Serializer>(data: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    match data {
        Some(d) => s.serialize_str(&base64(d)),
        None => s.serialize_none(),
    }
}

/// `{"server": {…, "return_reservation_id": …}, "<hints key>": {…}}`.
struct CreateBody<'a> {
    server: &'a CreateServer,
    return_reservation_id: bool,
}

impl Serialize for CreateBody<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[derive(Serialize)]
        struct WithFlag<'a> {
            #[serde(flatten)]
            server: &'a CreateServer,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            return_reservation_id: bool,
        }
        let hints = &self.server.scheduler_hints;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "server",
            &WithFlag {
                server: self.server,
                return_reservation_id: self.return_reservation_id,
            },
        )?;
        if *hints != SchedulerHints::default() {
            m.serialize_entry(self.server.scheduler_hints_key.as_str(), hints)?;
        }
        m.end()
    }
}

/// Where Nova should place a new server: the `os:scheduler_hints` of
/// [`CreateServer`]. Each hint needs its scheduler filter enabled in Nova.
///
/// ```
/// use ferrocloud::compute::servers::SchedulerHints;
/// let hints = SchedulerHints {
///     group: Some("f3d86fe6-4246-4be8-b87c-eb894626c741".into()),
///     different_host: vec!["a0cf03a5-d921-4877-bb5c-86d26cf818e1".into()],
///     ..Default::default()
/// };
/// assert_eq!(
///     serde_json::to_value(&hints).unwrap(),
///     serde_json::json!({
///         "group": "f3d86fe6-4246-4be8-b87c-eb894626c741",
///         "different_host": "a0cf03a5-d921-4877-bb5c-86d26cf818e1"
///     })
/// );
/// ```
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SchedulerHints {
    /// The server group to boot into (its id); the group's policy (affinity,
    /// anti-affinity, …) applies. See [`server_groups`](super::server_groups).
    pub group: Option<String>,
    /// Not on the host of any of these servers (`DifferentHostFilter`).
    #[serde(serialize_with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub different_host: Vec<String>,
    /// On the host of one of these servers (`SameHostFilter`).
    #[serde(serialize_with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub same_host: Vec<String>,
    /// A `JsonFilter` query such as `json!([">=", "$free_ram_mb", 1024])`, sent as its
    /// JSON text.
    #[serde(serialize_with = "json_text")]
    pub query: Option<Value>,
    /// The cell to build in (`TargetCellFilter`).
    pub target_cell: Option<String>,
    /// Not in the cells of these servers (`DifferentCellFilter`).
    #[serde(serialize_with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub different_cell: Vec<String>,
    /// Near this host IP (`SimpleCIDRAffinityFilter`); needs [`cidr`](Self::cidr).
    pub build_near_host_ip: Option<String>,
    /// The prefix of [`build_near_host_ip`](Self::build_near_host_ip)'s network (`/24`).
    pub cidr: Option<String>,
    /// Other hints (for out-of-tree filters), sent as given.
    #[serde(flatten)]
    pub additional: Map<String, Value>,
}

impl SchedulerHints {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.build_near_host_ip.is_some() == self.cidr.is_some(),
            "scheduler_hints",
            "build_near_host_ip and cidr go together (e.g. \"10.0.0.5\" and \"/24\")",
        )
        .and(InvalidInput::require(
            self.build_near_host_ip
                .as_deref()
                .is_none_or(|ip| ip.parse::<std::net::IpAddr>().is_ok()),
            "scheduler_hints",
            "build_near_host_ip must be an IP address",
        ))
        .and(InvalidInput::require(
            self.cidr.as_deref().is_none_or(|c| {
                c.strip_prefix('/')
                    .and_then(|n| n.parse::<u8>().ok())
                    .is_some_and(|n| n <= 128)
            }),
            "scheduler_hints",
            "cidr is a prefix length such as \"/24\"",
        ))
    }
}

/// One value as a string, several as an array (Nova's hint schema takes both; its samples
/// send one server as a string).
fn one_or_many<S: serde::Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
    match v {
        [one] => s.serialize_str(one),
        many => many.serialize(s),
    }
}

fn json_text<S: serde::Serializer>(v: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(q) => s.serialize_str(&q.to_string()),
        None => s.serialize_none(),
    }
}

impl CreateServer {
    fn validate(&self) -> Result<(), InvalidInput> {
        if self.name.is_empty() {
            return Err(InvalidInput::field("name", "a server needs a name"));
        }
        if self.flavor_ref.is_empty() {
            return Err(InvalidInput::field("flavor_ref", "a server needs a flavor"));
        }
        if let (Some(min), Some(max)) = (self.min_count, self.max_count) {
            if min > max {
                return Err(InvalidInput::field(
                    "min_count",
                    format!("min_count {min} is above max_count {max}"),
                ));
            }
        }
        if self.min_count == Some(0) || self.max_count == Some(0) {
            return Err(InvalidInput::field("min_count", "counts start at 1"));
        }
        if let Some(Networks::List(l)) = &self.networks {
            if l.iter().any(|n| n.uuid.is_none() && n.port.is_none()) {
                return Err(InvalidInput::field(
                    "networks",
                    "each network needs a uuid or a port",
                ));
            }
        }
        if self.hostname.as_deref() == Some("") {
            return Err(InvalidInput::field("hostname", "must not be empty"));
        }
        self.scheduler_hints.check()
    }

    /// The request body: `{"server": {…}, "<hints key>": {…}}`.
    pub fn body(&self, return_reservation_id: bool) -> Result<Value, InvalidInput> {
        self.validate()?;
        serde_json::to_value(CreateBody {
            server: self,
            return_reservation_id,
        })
        .map_err(|e| InvalidInput::field("server", e.to_string()))
    }
}

/// `POST /servers`. The answer holds the id, links and (unless disabled) `adminPass`;
/// wait for `ACTIVE` with [`get`].
pub fn create(server: &CreateServer) -> Op<Server> {
    Op::post(path!("servers"))
        .check(server.validate())
        .json(&CreateBody {
            server,
            return_reservation_id: false,
        })
        .decode_key("server")
}

/// `POST /servers` with `return_reservation_id`: creates `min_count`..`max_count`
/// servers and returns the reservation id (list them with
/// [`ListServers::reservation_id`]).
pub fn create_reservation(server: &CreateServer) -> Op<String> {
    Op::post(path!("servers"))
        .check(server.validate())
        .json(&CreateBody {
            server,
            return_reservation_id: true,
        })
        .decode_key("reservation_id")
}

/// The body of [`update`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateServer {
    /// New name.
    pub name: Option<String>,
    /// New description, or `Null` to clear it (2.19+).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Public IPv4 (`accessIPv4`).
    #[serde(rename = "accessIPv4")]
    pub access_ip_v4: Option<String>,
    /// Public IPv6 (`accessIPv6`).
    #[serde(rename = "accessIPv6")]
    pub access_ip_v6: Option<String>,
    /// Disk config (`OS-DCF:diskConfig`).
    #[serde(rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<DiskConfig>,
    /// Guest hostname (2.90+).
    pub hostname: Option<String>,
    /// `Null` unpins the server from its availability zone, so moves may take it to any
    /// zone; `Set(zone)` pins it again (to the zone it is in). Compute 2.104+.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub pinned_availability_zone: Patch<String>,
}

/// `PUT /servers/{server_id}`.
pub fn update(server_id: &str, changes: &UpdateServer) -> Op<Server> {
    let something = changes != &UpdateServer::default();
    Op::put(path!("servers/{}", server_id))
        .check(InvalidInput::require(
            something,
            "server",
            "nothing to update",
        ))
        .json_under("server", changes)
        .decode_key("server")
}

/// The metadata API of servers (`/servers/{server_id}/metadata`): all of it (get, merge,
/// replace) and one item (get, set, delete).
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::compute::servers::METADATA;
/// let nova = client.compute();
/// let all = nova
///     .call(&METADATA.merge("3f6a", &[("role".to_string(), "web".to_string())].into()))
///     .await?;
/// let one = nova.call(&METADATA.get_key("3f6a", "role")).await?;
/// nova.call(&METADATA.delete_key("3f6a", "role")).await?;
/// # Ok(()) }
/// ```
pub const METADATA: MetadataOf = MetadataOf::new("servers");

/// The tags API of servers (`/servers/{server_id}/tags`, microversion 2.26+): Nova
/// refuses empty tags and tags with `,` or `/`.
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::compute::servers::TAGS;
/// let nova = client.compute().microversion("2.26");
/// nova.call(&TAGS.add("3f6a", "blue")).await?;
/// let tags = nova.call(&TAGS.list("3f6a")).await?;
/// # Ok(()) }
/// ```
pub const TAGS: Tags = Tags::new("servers").forbid(&[',', '/']);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn nova() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap()
    }

    #[test]
    fn list_query_has_every_filter_in_order() {
        let f = ListServers {
            all_tenants: true,
            changes_since: Some("2024-01-02T03:04:05Z".parse().unwrap()),
            locked: Some(true),
            common: ListCommon {
                tags: vec!["a".into(), "b".into()],
                not_tags_any: vec!["c".into()],
                sort: vec![
                    ("name".into(), crate::SortDir::Desc),
                    ("id".into(), crate::SortDir::Asc),
                ],
                limit: Some(2),
                marker: Some("m".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let req = list_detail(&f).first_request(&nova()).unwrap();
        assert_eq!(
            req.uri().query().unwrap(),
            "all_tenants=True&changes-since=2024-01-02T03%3A04%3A05.000000Z&locked=true\
             &sort_key=name&sort_dir=desc&sort_key=id&sort_dir=asc&limit=2&marker=m\
             &tags=a%2Cb&not-tags-any=c"
        );
        assert_eq!(req.uri().path(), "/v2.1/servers/detail");
        // Nova selects no fields: refused before any I/O, naming the list.
        let fields = ListServers {
            common: ListCommon {
                fields: vec!["id".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        let err = list(&fields).first_request(&nova()).unwrap_err();
        assert!(
            err.to_string()
                .contains("Nova's server list does not select fields"),
            "{err}"
        );
    }

    use crate::Paginated;

    #[test]
    fn image_is_none_when_booted_from_volume() {
        let s: Server = serde_json::from_str(r#"{"id": "1", "image": ""}"#).unwrap();
        assert_eq!(s.image, None);
        let s: Server = serde_json::from_str(r#"{"id": "1", "image": {"id": "i"}}"#).unwrap();
        assert_eq!(s.image.unwrap().id, "i");
        assert!(serde_json::from_str::<Server>(r#"{"id": "1", "image": 5}"#).is_err());
    }

    #[test]
    fn flavor_shapes() {
        let s: Server =
            serde_json::from_str(r#"{"id": "1", "flavor": {"id": "42", "links": []}}"#).unwrap();
        assert_eq!(s.flavor.as_ref().and_then(ServerFlavor::id), Some("42"));
        let s: Server = serde_json::from_str(
            r#"{"id": "1", "flavor": {"original_name": "m1", "ram": 512, "vcpus": 1, "disk": 1, "ephemeral": 0, "swap": 0}}"#,
        )
        .unwrap();
        let Some(ServerFlavor::Embedded(f)) = s.flavor else {
            panic!("embedded expected")
        };
        assert_eq!((f.original_name.as_str(), f.ram), ("m1", 512));
    }

    #[test]
    fn create_validates_before_io() {
        for bad in [
            CreateServer {
                flavor_ref: "1".into(),
                ..Default::default()
            },
            CreateServer {
                name: "x".into(),
                ..Default::default()
            },
            CreateServer {
                name: "x".into(),
                flavor_ref: "1".into(),
                min_count: Some(3),
                max_count: Some(2),
                ..Default::default()
            },
            CreateServer {
                name: "x".into(),
                flavor_ref: "1".into(),
                networks: Some(Networks::List(vec![NetworkSpec::default()])),
                ..Default::default()
            },
        ] {
            assert!(matches!(
                create(&bad).request(&nova()),
                Err(crate::Error::InvalidInput(_))
            ));
        }
        assert!(update("1", &UpdateServer::default())
            .request(&nova())
            .is_err());
    }

    #[test]
    fn create_encodes_user_data_and_hides_the_password() {
        let c = CreateServer {
            name: "x".into(),
            flavor_ref: "1".into(),
            user_data: Some(b"hi".to_vec()),
            admin_pass: Some(Secret::new("pw")),
            scheduler_hints: SchedulerHints {
                group: Some("g".into()),
                query: Some(serde_json::json!([">=", "$free_ram_mb", 1024])),
                ..Default::default()
            },
            networks: Some(Networks::None),
            ..Default::default()
        };
        assert!(!format!("{c:?}").contains("pw"));
        let body: Value =
            serde_json::from_slice(create(&c).request(&nova()).unwrap().body()).unwrap();
        assert_eq!(body["server"]["user_data"], "aGk=");
        assert_eq!(body["server"]["adminPass"], "pw");
        assert_eq!(body["server"]["networks"], "none");
        assert_eq!(body["os:scheduler_hints"]["group"], "g");
        assert_eq!(
            body["os:scheduler_hints"]["query"],
            r#"[">=","$free_ram_mb",1024]"#
        );
    }

    #[test]
    fn scheduler_hints_are_checked_before_io() {
        let with = |hints: SchedulerHints| CreateServer {
            name: "x".into(),
            flavor_ref: "1".into(),
            scheduler_hints: hints,
            ..Default::default()
        };
        let near = |ip: &str, cidr: Option<&str>| SchedulerHints {
            build_near_host_ip: Some(ip.into()),
            cidr: cidr.map(Into::into),
            ..Default::default()
        };
        assert!(create(&with(near("10.0.0.5", None)))
            .request(&nova())
            .is_err());
        assert!(create(&with(near("ten", Some("/24"))))
            .request(&nova())
            .is_err());
        assert!(create(&with(near("10.0.0.5", Some("24"))))
            .request(&nova())
            .is_err());
        let ok = create(&with(near("10.0.0.5", Some("/24"))))
            .request(&nova())
            .unwrap();
        let body: Value = serde_json::from_slice(ok.body()).unwrap();
        assert_eq!(
            body["os:scheduler_hints"],
            serde_json::json!({"build_near_host_ip": "10.0.0.5", "cidr": "/24"})
        );
    }
}
