//! Neutron agents (`/v2.0/agents`, extensions `agent`, `dhcp_agent_scheduler`,
//! `l3_agent_scheduler` and `bgp_dragent_scheduler`; admin): the DHCP, L3, metadata,
//! L2 and BGP agents, and which networks, routers and BGP speakers each hosts.
//! The other direction (which agents host a network, a router or a speaker) is
//! [`network_dhcp_agents`], [`routers::list_l3_agents`](super::routers::list_l3_agents)
//! and [`bgp_speaker_dragents`].
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::agents::{self, ListAgents, UpdateAgent};
//! let neutron = client.network();
//! let dhcp = neutron
//!     .collect_all(agents::list(&ListAgents { agent_type: Some("DHCP agent".into()), ..Default::default() }))
//!     .await?;
//! for a in dhcp.iter().filter(|a| !a.alive) {
//!     neutron
//!         .call(&agents::update(&a.id, &UpdateAgent { admin_state_up: Some(false), ..Default::default() }))
//!         .await?;
//! }
//! if let Some(a) = dhcp.iter().find(|a| a.alive) {
//!     neutron.call(&agents::add_dhcp_network(&a.id, "net-id")).await?;
//!     let hosted = neutron.call(&agents::dhcp_networks(&a.id)).await?;
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::networks::Network;
use super::routers::Router;
use super::shared;
use crate::{path, query, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

/// An agent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Id.
    pub id: String,
    /// `DHCP agent`, `L3 agent`, `Open vSwitch agent`, `Metadata agent`, …
    #[serde(default)]
    pub agent_type: String,
    /// Its program (`neutron-dhcp-agent`).
    #[serde(default)]
    pub binary: String,
    /// Host it runs on.
    #[serde(default)]
    pub host: String,
    /// RPC topic.
    #[serde(default)]
    pub topic: String,
    /// Administrative state (`false`: nothing new is scheduled to it).
    #[serde(default)]
    pub admin_state_up: bool,
    /// Heartbeats arrive.
    #[serde(default)]
    pub alive: bool,
    /// Availability zone (DHCP and L3 agents).
    pub availability_zone: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Its configuration, as it reports it.
    #[serde(default)]
    pub configurations: Map<String, Value>,
    /// Versions of the resources it handles.
    pub resource_versions: Option<Map<String, Value>>,
    /// Whether it finished syncing its resources (Placement reporting).
    pub resources_synced: Option<bool>,
    /// HA state of a router on this L3 agent (`active`, `standby`; in
    /// [`routers::list_l3_agents`](super::routers::list_l3_agents) answers).
    pub ha_state: Option<String>,
    /// Last heartbeat.
    pub heartbeat_timestamp: Option<Timestamp>,
    /// When it first registered.
    pub created_at: Option<Timestamp>,
    /// When it last started.
    pub started_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`update`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateAgent {
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Description.
    pub description: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAgents {
    /// Exact id.
    pub id: Option<String>,
    /// Agent type (`DHCP agent`).
    pub agent_type: Option<String>,
    /// Program.
    pub binary: Option<String>,
    /// Host.
    pub host: Option<String>,
    /// RPC topic.
    pub topic: Option<String>,
    /// Alive or not.
    pub alive: Option<bool>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

/// A BGP speaker a dynamic-routing agent hosts ([`bgp_speakers`]); the speaker itself
/// is the BGP dynamic-routing API's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HostedBgpSpeaker {
    /// Speaker id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Its other fields (`local_as`, `ip_version`, `peers`, `networks`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "agents",
    one: "agent",
    many: "agents",
};

/// `GET /v2.0/agents`, paged through `agents_links`.
pub fn list(f: &ListAgents) -> List<Agent> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            agent_type: f.agent_type.as_deref(),
            binary: f.binary.as_deref(),
            host: f.host.as_deref(),
            topic: f.topic.as_deref(),
            alive: f.alive,
            admin_state_up: f.admin_state_up,
            availability_zone: f.availability_zone.as_deref(),
            description: f.description.as_deref(),
        ),
        &f.common,
    )
}

/// `GET /v2.0/agents/{agent_id}`.
pub fn get(agent_id: &str) -> Op<Agent> {
    RESOURCE.get(agent_id)
}

/// `PUT /v2.0/agents/{agent_id}`.
pub fn update(agent_id: &str, update: &UpdateAgent) -> Op<Agent> {
    RESOURCE.update(agent_id, update)
}

/// `DELETE /v2.0/agents/{agent_id}` (of a dead agent; a live one registers again).
pub fn delete(agent_id: &str) -> Op<()> {
    RESOURCE.delete(agent_id)
}

#[derive(Serialize)]
struct NetworkRef<'a> {
    network_id: &'a str,
}

#[derive(Serialize)]
struct RouterRef<'a> {
    router_id: &'a str,
}

#[derive(Serialize)]
struct SpeakerRef<'a> {
    bgp_speaker_id: &'a str,
}

fn given(id: &str, field: &'static str) -> Result<(), InvalidInput> {
    InvalidInput::require(!id.is_empty(), field, "an id is needed")
}

/// `GET /v2.0/agents/{agent_id}/dhcp-networks`: the networks a DHCP agent serves.
pub fn dhcp_networks(agent_id: &str) -> Op<Vec<Network>> {
    Op::get(path!("agents/{}/dhcp-networks", agent_id)).decode_key("networks")
}

/// `POST /v2.0/agents/{agent_id}/dhcp-networks`: a DHCP agent serves `network_id` too.
pub fn add_dhcp_network(agent_id: &str, network_id: &str) -> Op<()> {
    Op::post(path!("agents/{}/dhcp-networks", agent_id))
        .check(given(network_id, "network_id"))
        .json(&NetworkRef { network_id })
}

/// `DELETE /v2.0/agents/{agent_id}/dhcp-networks/{network_id}`.
pub fn remove_dhcp_network(agent_id: &str, network_id: &str) -> Op<()> {
    Op::delete(path!("agents/{}/dhcp-networks/{}", agent_id, network_id))
}

/// `GET /v2.0/networks/{network_id}/dhcp-agents`: the DHCP agents serving a network.
pub fn network_dhcp_agents(network_id: &str) -> List<Agent> {
    List::new(
        path!("networks/{}/dhcp-agents", network_id),
        "agents",
        Paging::Single,
    )
}

/// `GET /v2.0/agents/{agent_id}/l3-routers`: the routers an L3 agent hosts.
pub fn l3_routers(agent_id: &str) -> Op<Vec<Router>> {
    Op::get(path!("agents/{}/l3-routers", agent_id)).decode_key("routers")
}

/// `POST /v2.0/agents/{agent_id}/l3-routers`: an L3 agent hosts `router_id` too.
pub fn add_l3_router(agent_id: &str, router_id: &str) -> Op<()> {
    Op::post(path!("agents/{}/l3-routers", agent_id))
        .check(given(router_id, "router_id"))
        .json(&RouterRef { router_id })
}

/// `DELETE /v2.0/agents/{agent_id}/l3-routers/{router_id}`.
pub fn remove_l3_router(agent_id: &str, router_id: &str) -> Op<()> {
    Op::delete(path!("agents/{}/l3-routers/{}", agent_id, router_id))
}

/// `GET /v2.0/agents/{agent_id}/bgp-drinstances`: the BGP speakers a dynamic-routing
/// agent hosts.
pub fn bgp_speakers(agent_id: &str) -> Op<Vec<HostedBgpSpeaker>> {
    Op::get(path!("agents/{}/bgp-drinstances", agent_id)).decode_key("bgp_speakers")
}

/// `POST /v2.0/agents/{agent_id}/bgp-drinstances`: a dynamic-routing agent hosts
/// `bgp_speaker_id` too.
pub fn add_bgp_speaker(agent_id: &str, bgp_speaker_id: &str) -> Op<()> {
    Op::post(path!("agents/{}/bgp-drinstances", agent_id))
        .check(given(bgp_speaker_id, "bgp_speaker_id"))
        .json(&SpeakerRef { bgp_speaker_id })
}

/// `DELETE /v2.0/agents/{agent_id}/bgp-drinstances/{bgp_speaker_id}`.
pub fn remove_bgp_speaker(agent_id: &str, bgp_speaker_id: &str) -> Op<()> {
    Op::delete(path!(
        "agents/{}/bgp-drinstances/{}",
        agent_id,
        bgp_speaker_id
    ))
}

/// `GET /v2.0/bgp-speakers/{bgp_speaker_id}/bgp-dragents`: the dynamic-routing agents
/// hosting a BGP speaker.
pub fn bgp_speaker_dragents(bgp_speaker_id: &str) -> List<Agent> {
    List::new(
        path!("bgp-speakers/{}/bgp-dragents", bgp_speaker_id),
        "agents",
        Paging::Single,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn scheduling_paths_and_bodies() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let req = add_bgp_speaker("a", "s").request(&neutron).unwrap();
        assert_eq!(req.uri().path(), "/v2.0/agents/a/bgp-drinstances");
        assert_eq!(req.body().as_ref(), br#"{"bgp_speaker_id":"s"}"#);
        let req = remove_l3_router("a", "r").request(&neutron).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&http::Method::DELETE, "/v2.0/agents/a/l3-routers/r")
        );
        assert!(add_dhcp_network("a", "").request(&neutron).is_err());
        assert!(remove_dhcp_network("a", "").request(&neutron).is_err());
        let a: Agent = serde_json::from_str(
            r#"{"id": "a", "heartbeat_timestamp": "2017-09-12 19:40:38", "alive": true}"#,
        )
        .unwrap();
        assert!(a.alive && a.heartbeat_timestamp.is_some());
    }
}
