//! Compute (Nova): [`servers`] with their [`server_actions`], [`server_consoles`],
//! metadata ([`servers::METADATA`]), tags ([`servers::TAGS`]), [`attach_interfaces`] and
//! [`volume_attach`];
//! [`flavors`], the [`images`] proxy and [`keypairs`]; [`limits`], [`quota_sets`],
//! [`server_groups`] and [`availability_zones`]; the deprecated [`security_groups`] proxy; a server's [`instance_actions`],
//! [`server_password`] and [`server_diagnostics`]; [`usage`]; for admins, [`hypervisors`],
//! [`services`], [`aggregates`] and [`migrations`].
//!
//! Paths are relative to the catalog's compute endpoint (`http://host:8774/v2.1`). Set
//! the microversion once per service handle (`client.compute().microversion("2.90")`)
//! or per call with [`Op::microversion`](crate::Op::microversion).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::{server_actions, servers};
//! use ferrocloud::Wait;
//! let nova = client.compute().microversion("2.90");
//! // List (every page):
//! let all = nova.collect_all(servers::list_detail(&Default::default())).await?;
//! // Create and wait until it runs:
//! let created = nova
//!     .call(&servers::create(&servers::CreateServer {
//!         name: "web-1".into(),
//!         image_ref: Some("70a599e0-31e7-49b7-b260-868f441e862b".into()),
//!         flavor_ref: "1".into(),
//!         networks: Some(servers::Networks::Auto),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let server = nova
//!     .wait_for_status(&servers::get(&created.id), &[servers::ServerStatus::Active], &[servers::ServerStatus::Error], Wait::default())
//!     .await?;
//! // An action:
//! nova.call(&server_actions::reboot(&server.id, server_actions::RebootType::Soft)).await?;
//! # Ok(()) }
//! ```

/// Host aggregates: hosts, metadata, image pre-caching (admin).
pub mod aggregates;
/// Interfaces attached to a server.
pub mod attach_interfaces;
/// Availability zones, and their hosts and services.
pub mod availability_zones;
/// Flavors: sizes, extra specs and access of private flavors.
pub mod flavors;
/// Hypervisors (compute nodes): capacity, use and servers (admin).
pub mod hypervisors;
/// The compute image proxy (`/images`) and image metadata.
pub mod images;
/// What was done to a server: actions and their events.
pub mod instance_actions;
/// Keypairs.
pub mod keypairs;
/// The project's limits and usage.
pub mod limits;
/// Migrations: resizes, migrations, evacuations (admin).
pub mod migrations;
/// Quota sets: limits, detail with usage, defaults, update, revert.
pub mod quota_sets;
/// Nova's deprecated security-group proxy (pinned to microversion 2.35).
pub mod security_groups;
pub mod server_actions;
pub mod server_consoles;
/// A server's diagnostics (admin).
pub mod server_diagnostics;
/// Events about servers from other services (admin).
pub mod server_external_events;
/// Server groups (affinity policies).
pub mod server_groups;
/// A server's encrypted admin password.
pub mod server_password;
pub mod servers;
/// Compute services: list, enable, disable, force down, delete (admin).
pub mod services;
/// Simple tenant usage: vCPU, RAM and disk hours over a period.
pub mod usage;
/// Volumes attached to a server.
pub mod volume_attach;
