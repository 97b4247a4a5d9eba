//! BGP dynamic routing (neutron-dynamic-routing): [`speakers`] advertise tenant networks
//! and floating IP host routes of their gateway networks to [`peers`]. gophercloud's
//! `extensions/bgp/{peers,speakers}`.
//!
//! Scheduling a speaker on a dynamic routing agent is part of the agents API
//! (`/v2.0/agents/{id}/bgp-drinstances`, `/v2.0/bgp-speakers/{id}/bgp-dragents`), not of
//! this module.
//!
//! BGP dynamic routing is a Neutron stadium project: a cloud answers these calls only
//! when its `service_plugins` include `bgp` (404 otherwise). ferrocloud checks them
//! against the API reference's samples; the local test cloud does not install it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::bgp::{peers, speakers};
//! let neutron = client.network();
//! let peer = neutron
//!     .call(&peers::create(&peers::CreateBgpPeer::new("bgp-peer", "10.0.0.3", 1001)))
//!     .await?;
//! let speaker = neutron
//!     .call(&speakers::create(&speakers::CreateBgpSpeaker::new("bgp-speaker", 1000, 4)))
//!     .await?;
//! neutron.call(&speakers::add_bgp_peer(&speaker.id, &peer.id)).await?;
//! neutron.call(&speakers::add_gateway_network(&speaker.id, "public-net")).await?;
//! for route in neutron.call(&speakers::get_advertised_routes(&speaker.id)).await? {
//!     println!("{} via {}", route.cidr, route.nexthop);
//! }
//! # Ok(()) }
//! ```

pub mod peers;
pub mod speakers;
