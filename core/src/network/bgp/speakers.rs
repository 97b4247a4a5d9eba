//! BGP speakers (`/v2.0/bgp-speakers`): advertise the routes of their gateway networks
//! (tenant networks behind routers on them, floating IP host routes) to their
//! [peers](super::peers).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::bgp::speakers::{self, CreateBgpSpeaker, UpdateBgpSpeaker};
//! let neutron = client.network();
//! let speaker = neutron.call(&speakers::create(&CreateBgpSpeaker::new("edge", 64512, 4))).await?;
//! neutron.call(&speakers::add_gateway_network(&speaker.id, "public-net")).await?;
//! neutron.call(&speakers::add_bgp_peer(&speaker.id, "peer-1")).await?;
//! neutron
//!     .call(&speakers::update(&speaker.id, &UpdateBgpSpeaker {
//!         advertise_tenant_networks: Some(false),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let routes = neutron.call(&speakers::get_advertised_routes(&speaker.id)).await?;
//! neutron.call(&speakers::remove_bgp_peer(&speaker.id, "peer-1")).await?;
//! neutron.call(&speakers::remove_gateway_network(&speaker.id, "public-net")).await?;
//! neutron.call(&speakers::delete(&speaker.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::network::shared;
use crate::types::flex::flex_u32;
use crate::{path, InvalidInput, List, ListCommon, Op, Query};

/// A BGP speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BgpSpeaker {
    /// BGP speaker id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// The local AS number (sent as a number or a numeric string).
    #[serde(default, deserialize_with = "flex_u32")]
    pub local_as: u32,
    /// The address family it advertises, 4 or 6.
    #[serde(default)]
    pub ip_version: u8,
    /// Advertise floating IP host routes (`/32`, `/128`).
    pub advertise_floating_ip_host_routes: Option<bool>,
    /// Advertise tenant networks behind routers on the gateway networks.
    pub advertise_tenant_networks: Option<bool>,
    /// Its gateway networks.
    #[serde(default)]
    pub networks: Vec<String>,
    /// Its peers.
    #[serde(default)]
    pub peers: Vec<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A route a speaker advertises.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvertisedRoute {
    /// Destination.
    #[serde(default)]
    pub cidr: String,
    /// Next hop.
    #[serde(default)]
    pub nexthop: String,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateBgpSpeaker::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateBgpSpeaker {
    /// Name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Local AS number (required): 1 to 65535, or to 4294967295 with the
    /// `bgp_4byte_asn` extension.
    pub local_as: u32,
    /// Address family, 4 or 6 (required).
    pub ip_version: u8,
    /// Advertise floating IP host routes (default true).
    pub advertise_floating_ip_host_routes: Option<bool>,
    /// Advertise tenant networks (default true).
    pub advertise_tenant_networks: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateBgpSpeaker {
    /// The speaker `name` in AS `local_as` for IPv`ip_version` routes.
    pub fn new(name: &str, local_as: u32, ip_version: u8) -> Self {
        CreateBgpSpeaker {
            name: name.into(),
            local_as,
            ip_version,
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(self.local_as != 0, "local_as", "AS numbers start at 1").and(
            InvalidInput::require(matches!(self.ip_version, 4 | 6), "ip_version", "4 or 6"),
        )
    }
}

/// The body of [`update`] (`None` leaves a field as it is; the AS number and address
/// family are fixed).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateBgpSpeaker {
    /// Name.
    pub name: Option<String>,
    /// Advertise floating IP host routes.
    pub advertise_floating_ip_host_routes: Option<bool>,
    /// Advertise tenant networks.
    pub advertise_tenant_networks: Option<bool>,
}

/// Filters of [`list`]: neutron-dynamic-routing filters speakers by the common
/// parameters only (`fields`, sorting, paging; gophercloud takes none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListBgpSpeakers {
    /// Fields, sorting, paging (and any other filter, in `extra`).
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "bgp-speakers",
    one: "bgp_speaker",
    many: "bgp_speakers",
};

/// `GET /v2.0/bgp-speakers`.
pub fn list(f: &ListBgpSpeakers) -> List<BgpSpeaker> {
    RESOURCE.list(Query::new(), &f.common)
}

/// `GET /v2.0/bgp-speakers/{bgp_speaker_id}`.
pub fn get(bgp_speaker_id: &str) -> Op<BgpSpeaker> {
    RESOURCE.get(bgp_speaker_id)
}

/// `POST /v2.0/bgp-speakers`.
pub fn create(speaker: &CreateBgpSpeaker) -> Op<BgpSpeaker> {
    RESOURCE.create(speaker.check(), speaker)
}

/// `PUT /v2.0/bgp-speakers/{bgp_speaker_id}`.
pub fn update(bgp_speaker_id: &str, update: &UpdateBgpSpeaker) -> Op<BgpSpeaker> {
    RESOURCE.update(bgp_speaker_id, update)
}

/// `DELETE /v2.0/bgp-speakers/{bgp_speaker_id}`.
pub fn delete(bgp_speaker_id: &str) -> Op<()> {
    RESOURCE.delete(bgp_speaker_id)
}

/// `PUT .../{action}` with `{key: id}`, `id` checked non-empty.
fn speaker_action(
    bgp_speaker_id: &str,
    action: &'static str,
    key: &'static str,
    id: &str,
) -> Op<()> {
    Op::put(path!("bgp-speakers/{}/{}", bgp_speaker_id, action))
        .check(InvalidInput::require(
            !id.is_empty(),
            key,
            "must not be empty",
        ))
        .json(&json!({ key: id }))
}

/// `PUT /v2.0/bgp-speakers/{bgp_speaker_id}/add_bgp_peer`: the speaker starts a session
/// with the peer; answers with the peer's id.
pub fn add_bgp_peer(bgp_speaker_id: &str, bgp_peer_id: &str) -> Op<String> {
    speaker_action(bgp_speaker_id, "add_bgp_peer", "bgp_peer_id", bgp_peer_id)
        .decode_key("bgp_peer_id")
}

/// `PUT /v2.0/bgp-speakers/{bgp_speaker_id}/remove_bgp_peer`.
pub fn remove_bgp_peer(bgp_speaker_id: &str, bgp_peer_id: &str) -> Op<()> {
    speaker_action(
        bgp_speaker_id,
        "remove_bgp_peer",
        "bgp_peer_id",
        bgp_peer_id,
    )
}

/// `PUT /v2.0/bgp-speakers/{bgp_speaker_id}/add_gateway_network`: the speaker advertises
/// routes reachable through this (external) network; answers with the network's id.
pub fn add_gateway_network(bgp_speaker_id: &str, network_id: &str) -> Op<String> {
    speaker_action(
        bgp_speaker_id,
        "add_gateway_network",
        "network_id",
        network_id,
    )
    .decode_key("network_id")
}

/// `PUT /v2.0/bgp-speakers/{bgp_speaker_id}/remove_gateway_network`.
pub fn remove_gateway_network(bgp_speaker_id: &str, network_id: &str) -> Op<()> {
    speaker_action(
        bgp_speaker_id,
        "remove_gateway_network",
        "network_id",
        network_id,
    )
}

/// `GET /v2.0/bgp-speakers/{bgp_speaker_id}/get_advertised_routes`.
pub fn get_advertised_routes(bgp_speaker_id: &str) -> Op<Vec<AdvertisedRoute>> {
    Op::get(path!(
        "bgp-speakers/{}/get_advertised_routes",
        bgp_speaker_id
    ))
    .decode_key("advertised_routes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    #[test]
    fn peer_and_network_actions() {
        let req = remove_gateway_network("s", "n")
            .request(&neutron())
            .unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(
            req.uri().path(),
            "/v2.0/bgp-speakers/s/remove_gateway_network"
        );
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            json!({"network_id": "n"})
        );
        let resp = http::Response::new(bytes::Bytes::from_static(br#"{"bgp_peer_id": "p"}"#));
        assert_eq!(add_bgp_peer("s", "p").parse(resp).unwrap(), "p");
        for err in [
            add_bgp_peer("s", "").request(&neutron()).unwrap_err(),
            create(&CreateBgpSpeaker::new("s", 1, 5))
                .request(&neutron())
                .unwrap_err(),
            create(&CreateBgpSpeaker::new("s", 0, 4))
                .request(&neutron())
                .unwrap_err(),
        ] {
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
    }
}
