//! BGP peers (`/v2.0/bgp-peers`): the remote routers [speakers](super::speakers) talk to.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::bgp::peers::{self, BgpAuthType, CreateBgpPeer, UpdateBgpPeer};
//! use ferrocloud::Secret;
//! let neutron = client.network();
//! let peer = neutron
//!     .call(&peers::create(&CreateBgpPeer {
//!         auth_type: BgpAuthType::Md5,
//!         password: Some(Secret::new("s3cret")),
//!         ..CreateBgpPeer::new("upstream", "10.0.0.3", 64512)
//!     }))
//!     .await?;
//! neutron
//!     .call(&peers::update(&peer.id, &UpdateBgpPeer { password: Some(Secret::new("n3w")), ..Default::default() }))
//!     .await?;
//! let all = neutron.collect_all(peers::list(&Default::default())).await?;
//! neutron.call(&peers::delete(&peer.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::network::shared;
use crate::types::flex::flex_u32;
use crate::{path, string_enum, InvalidInput, List, ListCommon, Op, Query, Secret};

string_enum! {
    /// How a BGP session is authenticated.
    pub enum BgpAuthType {
        /// No authentication (the default).
        None = "none",
        /// TCP MD5 signatures (needs a password).
        Md5 = "md5",
    }
}

/// A BGP peer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BgpPeer {
    /// BGP peer id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// The peer's address.
    #[serde(default)]
    pub peer_ip: String,
    /// The peer's AS number (sent as a number or a numeric string).
    #[serde(default, deserialize_with = "flex_u32")]
    pub remote_as: u32,
    /// Authentication.
    #[serde(default)]
    pub auth_type: BgpAuthType,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateBgpPeer::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateBgpPeer {
    /// Name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The peer's address (required).
    pub peer_ip: String,
    /// The peer's AS number (required): 1 to 65535, or to 4294967295 with the
    /// `bgp_4byte_asn` extension.
    pub remote_as: u32,
    /// Authentication (required by Neutron, so always sent; `none` by default here).
    pub auth_type: BgpAuthType,
    /// The session password (required with `md5`; stored but unused with `none`).
    pub password: Option<Secret>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateBgpPeer {
    /// The peer `name` at `peer_ip` in AS `remote_as`, without authentication.
    pub fn new(name: &str, peer_ip: &str, remote_as: u32) -> Self {
        CreateBgpPeer {
            name: name.into(),
            peer_ip: peer_ip.into(),
            remote_as,
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let md5 = self.auth_type != BgpAuthType::None;
        let password = self.password.as_ref().is_some_and(|p| !p.is_empty());
        InvalidInput::require(
            !self.peer_ip.is_empty(),
            "peer_ip",
            "a BGP peer needs an address",
        )
        .and(InvalidInput::require(
            self.remote_as != 0,
            "remote_as",
            "AS numbers start at 1",
        ))
        .and(InvalidInput::require(
            !md5 || password,
            "password",
            "auth_type md5 needs a password",
        ))
    }
}

/// The body of [`update`]: the name and the password change, nothing else.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateBgpPeer {
    /// Name.
    pub name: Option<String>,
    /// Password.
    pub password: Option<Secret>,
}

/// Filters of [`list`]: neutron-dynamic-routing filters peers by the common parameters
/// only (`fields`, sorting, paging; gophercloud takes none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListBgpPeers {
    /// Fields, sorting, paging (and any other filter, in `extra`).
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "bgp-peers",
    one: "bgp_peer",
    many: "bgp_peers",
};

/// `GET /v2.0/bgp-peers`.
pub fn list(f: &ListBgpPeers) -> List<BgpPeer> {
    RESOURCE.list(Query::new(), &f.common)
}

/// `GET /v2.0/bgp-peers/{bgp_peer_id}`.
pub fn get(bgp_peer_id: &str) -> Op<BgpPeer> {
    RESOURCE.get(bgp_peer_id)
}

/// `POST /v2.0/bgp-peers`.
pub fn create(peer: &CreateBgpPeer) -> Op<BgpPeer> {
    RESOURCE.create(peer.check(), peer)
}

/// `PUT /v2.0/bgp-peers/{bgp_peer_id}`.
pub fn update(bgp_peer_id: &str, update: &UpdateBgpPeer) -> Op<BgpPeer> {
    Op::put(path!("bgp-peers/{}", bgp_peer_id))
        .check(InvalidInput::require(
            update.password.as_ref().is_none_or(|p| !p.is_empty()),
            "password",
            "the password must not be empty",
        ))
        .json_under(RESOURCE.one, update)
        .decode_key(RESOURCE.one)
}

/// `DELETE /v2.0/bgp-peers/{bgp_peer_id}`.
pub fn delete(bgp_peer_id: &str) -> Op<()> {
    RESOURCE.delete(bgp_peer_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn as_numbers_read_from_strings_and_numbers() {
        for v in [serde_json::json!("1001"), serde_json::json!(1001)] {
            let p: BgpPeer =
                serde_json::from_value(serde_json::json!({"id": "p", "remote_as": v})).unwrap();
            assert_eq!(p.remote_as, 1001);
        }
        let big: BgpPeer =
            serde_json::from_value(serde_json::json!({"id": "p", "remote_as": 4294967295u64}))
                .unwrap();
        assert_eq!(big.remote_as, u32::MAX);
        for bad in [
            serde_json::json!("as1"),
            serde_json::json!(4294967296u64),
            serde_json::json!(-1),
        ] {
            assert!(serde_json::from_value::<BgpPeer>(
                serde_json::json!({"id": "p", "remote_as": bad})
            )
            .is_err());
        }
    }

    #[test]
    fn md5_needs_a_password() {
        let svc = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let md5_without = CreateBgpPeer {
            auth_type: BgpAuthType::Md5,
            ..CreateBgpPeer::new("p", "10.0.0.3", 1)
        };
        let md5_empty = CreateBgpPeer {
            password: Some(Secret::new("")),
            ..md5_without.clone()
        };
        let as_zero = CreateBgpPeer::new("p", "10.0.0.3", 0);
        for bad in [md5_without, md5_empty, as_zero] {
            let err = create(&bad).request(&svc).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let ok = CreateBgpPeer {
            auth_type: BgpAuthType::Md5,
            password: Some(Secret::new("x")),
            ..CreateBgpPeer::new("p", "10.0.0.3", 1)
        };
        let body: Value =
            serde_json::from_slice(create(&ok).request(&svc).unwrap().body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"bgp_peer": {"name": "p", "peer_ip": "10.0.0.3", "remote_as": 1, "auth_type": "md5", "password": "x"}})
        );
    }
}
