//! Firewall-as-a-Service v2 (neutron-fwaas, `/v2.0/fwaas`): [`rules`] gathered in
//! ordered [`policies`], applied to ports by [`groups`] (one policy for ingress, one for
//! egress). gophercloud's `extensions/fwaas_v2`.
//!
//! FWaaS is a Neutron stadium project: a cloud answers these calls only when its
//! `service_plugins` include `firewall_v2` (404 otherwise). ferrocloud checks them
//! against the API reference's samples; the local test cloud does not install it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::fwaas::{groups, policies, rules};
//! let neutron = client.network();
//! let ssh = neutron
//!     .call(&rules::create(&rules::CreateFirewallRule {
//!         protocol: Some(rules::FirewallProtocol::Tcp),
//!         destination_port: Some("22".into()),
//!         action: Some(rules::FirewallAction::Allow),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let policy = neutron
//!     .call(&policies::create(&policies::CreateFirewallPolicy {
//!         name: Some("in".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron
//!     .call(&policies::insert_rule(&policy.id, &policies::InsertRule::first(&ssh.id)))
//!     .await?;
//! let group = neutron
//!     .call(&groups::create(&groups::CreateFirewallGroup {
//!         ingress_firewall_policy_id: Some(policy.id.clone()),
//!         ports: vec!["port-id".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron.call(&groups::remove_ingress_policy(&group.id)).await?;
//! neutron.call(&groups::delete(&group.id)).await?;
//! # Ok(()) }
//! ```

pub mod groups;
pub mod policies;
pub mod rules;
