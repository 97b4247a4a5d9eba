//! Networking (Neutron v2.0): [`networks`], [`subnets`], [`ports`], [`routers`],
//! [`floating_ips`], [`security_groups`] and [`security_group_rules`]; the extensions
//! [`quotas`], [`trunks`], [`subnetpools`], [`address_scopes`], [`rbac_policies`],
//! [`agents`], [`qos_policies`] with [`qos_rules`] and [`qos_rule_types`], [`segments`],
//! [`network_ip_availability`], [`port_forwardings`] and [`address_groups`];
//! [`api_versions`]; and the stadium APIs [`fwaas`], [`vpnaas`], [`bgp`], [`bgpvpns`] and
//! tap-as-a-service ([`tap_services`], [`tap_flows`], [`tap_mirrors`]).
//!
//! What every resource shares lives in one place: [`ListCommon`](crate::ListCommon) (`fields`,
//! `sort_key`/`sort_dir`, `limit`/`marker` and the tag filters), [`Tags`](crate::Tags) (each module's
//! `TAGS`: list, check, add, add all, replace, remove, clear) and [`IfRevision`]
//! (`If-Match: revision_number=N`, answered with 412 when the resource moved on).
//!
//! The `external` extension (gophercloud's `extensions/external`) is the
//! `router_external` field (`router:external`) of networks, in their responses, create
//! and update bodies and list filters; the provider extension is the `provider_*` fields
//! and `segments`.
//!
//! Lists page through `<resource>_links` ([`Paging::Linked`](crate::Paging::Linked));
//! a Neutron with pagination disabled answers one page without links, which ends the
//! list. Errors carry Neutron's `NeutronError` message
//! ([`HttpError::message`](crate::HttpError::message)) and kind (`NetworkInUse`, …).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::{networks, subnets};
//! use ferrocloud::ListCommon;
//! let neutron = client.network();
//! let net = neutron.call(&networks::create(&Default::default())).await?;
//! let subnet = neutron
//!     .call(&subnets::create(&subnets::CreateSubnet::new(&net.id, 4, "10.0.0.0/24")))
//!     .await?;
//! let two_at_a_time = networks::ListNetworks {
//!     common: ListCommon { limit: Some(2), ..Default::default() },
//!     ..Default::default()
//! };
//! let all = neutron.collect_all(networks::list(&two_at_a_time)).await?;
//! let err = neutron.call(&networks::delete(&net.id)).await;
//! # Ok(()) }
//! ```

pub mod floating_ips;
pub mod networks;
pub mod ports;
pub mod routers;
pub mod security_group_rules;
pub mod security_groups;
mod shared;
pub mod subnets;

pub mod address_groups;
pub mod address_scopes;
pub mod agents;
pub mod api_versions;
pub mod network_ip_availability;
pub mod port_forwardings;
pub mod qos_policies;
pub mod qos_rule_types;
pub mod qos_rules;
pub mod quotas;
pub mod rbac_policies;
pub mod segments;
pub mod subnetpools;
pub mod trunks;

pub use shared::{IfRevision, TAG_MAX_LEN};

pub mod bgp;
pub mod bgpvpns;
pub mod fwaas;
pub mod tap_flows;
pub mod tap_mirrors;
pub mod tap_services;
pub mod vpnaas;
