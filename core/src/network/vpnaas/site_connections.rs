//! VPNaaS IPsec site connections (`/v2.0/vpn/ipsec-site-connections`): one tunnel from a
//! [VPN service](super::services) to a peer, with an [IKE](super::ike_policies) and an
//! [IPsec](super::ipsec_policies) policy, a pre-shared key and the local and peer
//! [endpoint groups](super::endpoint_groups).
//!
//! The pre-shared key is a [`Secret`]: it is sent as is and shows as `<redacted>` in
//! `Debug` output (Neutron returns it in every response).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::vpnaas::site_connections::{self, CreateSiteConnection, Dpd, DpdAction, UpdateSiteConnection};
//! use ferrocloud::network::vpnaas::VpnStatus;
//! use ferrocloud::{Secret, Wait};
//! let neutron = client.network();
//! let conn = neutron
//!     .call(&site_connections::create(&CreateSiteConnection {
//!         local_ep_group_id: Some("local-subnets".into()),
//!         peer_ep_group_id: Some("peer-cidrs".into()),
//!         dpd: Some(Dpd { action: Some(DpdAction::Restart), interval: Some(10), timeout: Some(40) }),
//!         ..CreateSiteConnection::new("vpn", "ike", "ipsec", "172.24.4.233", "172.24.4.233", Secret::new("s3cret"))
//!     }))
//!     .await?;
//! let conn = neutron
//!     .wait_for_status(&site_connections::get(&conn.id), &[VpnStatus::Active], &[VpnStatus::Error], Wait::default())
//!     .await?;
//! neutron
//!     .call(&site_connections::update(&conn.id, &UpdateSiteConnection { mtu: Some(1400), ..Default::default() }))
//!     .await?;
//! neutron.call(&site_connections::delete(&conn.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::VpnStatus;
use crate::network::shared;
use crate::{query, string_enum, HasStatus, InvalidInput, List, ListCommon, Op, Secret};

string_enum! {
    /// Who may start the connection.
    pub enum Initiator {
        /// Either side (the default).
        BiDirectional = "bi-directional",
        /// Only the peer.
        ResponseOnly = "response-only",
    }
}

string_enum! {
    /// What dead peer detection does when the peer stops answering.
    pub enum DpdAction {
        /// Keep the tunnel and wait (the default).
        Hold = "hold",
        /// Tear it down.
        Clear = "clear",
        /// Renegotiate.
        Restart = "restart",
        /// No dead peer detection.
        Disabled = "disabled",
        /// Wait for the peer to restart it.
        RestartByPeer = "restart-by-peer",
    }
}

/// Dead peer detection settings (each has a default: `hold`, 30 s, 120 s).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dpd {
    /// Action.
    pub action: Option<DpdAction>,
    /// Seconds between probes.
    pub interval: Option<u32>,
    /// Seconds without an answer before `action` (more than `interval`).
    pub timeout: Option<u32>,
}

impl Dpd {
    fn check(dpd: Option<&Dpd>) -> Result<(), InvalidInput> {
        let ok = match dpd {
            Some(Dpd {
                interval: Some(i),
                timeout: Some(t),
                ..
            }) => t > i,
            _ => true,
        };
        InvalidInput::require(
            ok,
            "dpd",
            "the DPD timeout must be longer than its interval",
        )
    }
}

/// An IPsec site connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteConnection {
    /// Connection id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The VPN service.
    #[serde(default)]
    pub vpnservice_id: String,
    /// The IKE policy.
    #[serde(default)]
    pub ikepolicy_id: String,
    /// The IPsec policy.
    #[serde(default)]
    pub ipsecpolicy_id: String,
    /// The peer gateway's address or FQDN.
    #[serde(default)]
    pub peer_address: String,
    /// The peer's identity (usually its address).
    #[serde(default)]
    pub peer_id: String,
    /// The local identity, when not the external address.
    pub local_id: Option<String>,
    /// Peer CIDRs (legacy; empty with endpoint groups).
    #[serde(default)]
    pub peer_cidrs: Vec<String>,
    /// Local endpoint group (subnets).
    pub local_ep_group_id: Option<String>,
    /// Peer endpoint group (CIDRs).
    pub peer_ep_group_id: Option<String>,
    /// Pre-shared key.
    pub psk: Option<Secret>,
    /// Authentication mode (`psk`).
    pub auth_mode: Option<String>,
    /// Route mode (`static`).
    pub route_mode: Option<String>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Who may start the connection.
    pub initiator: Option<Initiator>,
    /// Dead peer detection.
    pub dpd: Option<Dpd>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    #[serde(default)]
    pub status: VpnStatus,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for SiteConnection {
    const KIND: &'static str = "IPsec site connection";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = VpnStatus;
    fn status(&self) -> Option<VpnStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`]; start from [`CreateSiteConnection::new`]. The local side is
/// `local_ep_group_id` with `peer_ep_group_id`, or (legacy) `peer_cidrs` with a VPN service
/// that has a `subnet_id`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSiteConnection {
    /// The VPN service (required).
    pub vpnservice_id: String,
    /// The IKE policy (required).
    pub ikepolicy_id: String,
    /// The IPsec policy (required).
    pub ipsecpolicy_id: String,
    /// The peer gateway's address or FQDN (required).
    pub peer_address: String,
    /// The peer's identity (required; usually `peer_address`).
    pub peer_id: String,
    /// The pre-shared key (required).
    pub psk: Secret,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Local identity.
    pub local_id: Option<String>,
    /// Local endpoint group (with `peer_ep_group_id`).
    pub local_ep_group_id: Option<String>,
    /// Peer endpoint group (with `local_ep_group_id`).
    pub peer_ep_group_id: Option<String>,
    /// Peer CIDRs (legacy, instead of endpoint groups).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub peer_cidrs: Vec<String>,
    /// MTU (default 1500; at least 68, 1280 for IPv6).
    pub mtu: Option<u32>,
    /// Who may start the connection.
    pub initiator: Option<Initiator>,
    /// Dead peer detection.
    pub dpd: Option<Dpd>,
    /// Administrative state (default up).
    pub admin_state_up: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateSiteConnection {
    /// A connection of `vpnservice_id` to the peer at `peer_address` (identity `peer_id`)
    /// with these policies and pre-shared key.
    pub fn new(
        vpnservice_id: &str,
        ikepolicy_id: &str,
        ipsecpolicy_id: &str,
        peer_address: &str,
        peer_id: &str,
        psk: Secret,
    ) -> Self {
        CreateSiteConnection {
            vpnservice_id: vpnservice_id.into(),
            ikepolicy_id: ikepolicy_id.into(),
            ipsecpolicy_id: ipsecpolicy_id.into(),
            peer_address: peer_address.into(),
            peer_id: peer_id.into(),
            psk,
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let required = [
            ("vpnservice_id", &self.vpnservice_id),
            ("ikepolicy_id", &self.ikepolicy_id),
            ("ipsecpolicy_id", &self.ipsecpolicy_id),
            ("peer_address", &self.peer_address),
            ("peer_id", &self.peer_id),
        ];
        let mut ok = Ok(());
        for (field, v) in required {
            ok = ok.and(InvalidInput::require(!v.is_empty(), field, "required"));
        }
        ok.and(InvalidInput::require(
            !self.psk.is_empty(),
            "psk",
            "required",
        ))
        .and(endpoints_ok(
            self.local_ep_group_id.is_some(),
            self.peer_ep_group_id.is_some(),
            !self.peer_cidrs.is_empty(),
        ))
        .and(mtu_ok(self.mtu))
        .and(Dpd::check(self.dpd.as_ref()))
    }
}

/// Endpoint groups come in pairs and exclude the legacy `peer_cidrs`.
fn endpoints_ok(local: bool, peer: bool, cidrs: bool) -> Result<(), InvalidInput> {
    InvalidInput::require(
        local == peer,
        "local_ep_group_id",
        "give local_ep_group_id and peer_ep_group_id together",
    )
    .and(InvalidInput::require(
        !(cidrs && (local || peer)),
        "peer_cidrs",
        "peer_cidrs cannot be combined with endpoint groups",
    ))
}

fn mtu_ok(mtu: Option<u32>) -> Result<(), InvalidInput> {
    InvalidInput::require(mtu.is_none_or(|m| m >= 68), "mtu", "at least 68")
}

/// The body of [`update`] (`None` leaves a field as it is).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSiteConnection {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Peer address.
    pub peer_address: Option<String>,
    /// Peer identity.
    pub peer_id: Option<String>,
    /// Local identity.
    pub local_id: Option<String>,
    /// Peer CIDRs (legacy).
    pub peer_cidrs: Option<Vec<String>>,
    /// Local endpoint group.
    pub local_ep_group_id: Option<String>,
    /// Peer endpoint group.
    pub peer_ep_group_id: Option<String>,
    /// Pre-shared key.
    pub psk: Option<Secret>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Who may start the connection.
    pub initiator: Option<Initiator>,
    /// Dead peer detection.
    pub dpd: Option<Dpd>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
}

impl UpdateSiteConnection {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.psk.as_ref().is_none_or(|p| !p.is_empty()),
            "psk",
            "the pre-shared key must not be empty",
        )
        .and(mtu_ok(self.mtu))
        .and(Dpd::check(self.dpd.as_ref()))
    }
}

/// Filters of [`list`]: gophercloud's `ListOpts` plus status, without its `psk` filter (a
/// pre-shared key in a URL ends up in logs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSiteConnections {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// VPN service.
    pub vpnservice_id: Option<String>,
    /// IKE policy.
    pub ikepolicy_id: Option<String>,
    /// IPsec policy.
    pub ipsecpolicy_id: Option<String>,
    /// Local endpoint group.
    pub local_ep_group_id: Option<String>,
    /// Peer endpoint group.
    pub peer_ep_group_id: Option<String>,
    /// Peer address.
    pub peer_address: Option<String>,
    /// Peer identity.
    pub peer_id: Option<String>,
    /// Local identity.
    pub local_id: Option<String>,
    /// Initiator.
    pub initiator: Option<Initiator>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Status.
    pub status: Option<VpnStatus>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "vpn/ipsec-site-connections",
    one: "ipsec_site_connection",
    many: "ipsec_site_connections",
};

/// `GET /v2.0/vpn/ipsec-site-connections`, paged through `ipsec_site_connections_links`.
pub fn list(f: &ListSiteConnections) -> List<SiteConnection> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        vpnservice_id: f.vpnservice_id.as_deref(),
        ikepolicy_id: f.ikepolicy_id.as_deref(),
        ipsecpolicy_id: f.ipsecpolicy_id.as_deref(),
        local_ep_group_id: f.local_ep_group_id.as_deref(),
        peer_ep_group_id: f.peer_ep_group_id.as_deref(),
        peer_address: f.peer_address.as_deref(),
        peer_id: f.peer_id.as_deref(),
        local_id: f.local_id.as_deref(),
        initiator: f.initiator.as_ref().map(Initiator::as_str),
        admin_state_up: f.admin_state_up,
        mtu: f.mtu,
        status: f.status.as_ref().map(VpnStatus::as_str),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/vpn/ipsec-site-connections/{connection_id}`.
pub fn get(connection_id: &str) -> Op<SiteConnection> {
    RESOURCE.get(connection_id)
}

/// `POST /v2.0/vpn/ipsec-site-connections`.
pub fn create(connection: &CreateSiteConnection) -> Op<SiteConnection> {
    RESOURCE.create(connection.check(), connection)
}

/// `PUT /v2.0/vpn/ipsec-site-connections/{connection_id}`.
pub fn update(connection_id: &str, update: &UpdateSiteConnection) -> Op<SiteConnection> {
    RESOURCE.update(connection_id, update).check(update.check())
}

/// `DELETE /v2.0/vpn/ipsec-site-connections/{connection_id}`.
pub fn delete(connection_id: &str) -> Op<()> {
    RESOURCE.delete(connection_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn base() -> CreateSiteConnection {
        CreateSiteConnection::new("v", "ike", "ipsec", "1.2.3.4", "1.2.3.4", Secret::new("k"))
    }

    #[test]
    fn required_fields_and_pairs_fail_before_io() {
        let svc = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let bad = [
            CreateSiteConnection {
                psk: Secret::new(""),
                ..base()
            },
            CreateSiteConnection {
                peer_id: String::new(),
                ..base()
            },
            CreateSiteConnection {
                local_ep_group_id: Some("l".into()),
                ..base()
            },
            CreateSiteConnection {
                local_ep_group_id: Some("l".into()),
                peer_ep_group_id: Some("p".into()),
                peer_cidrs: vec!["10.0.0.0/24".into()],
                ..base()
            },
            CreateSiteConnection {
                dpd: Some(Dpd {
                    action: None,
                    interval: Some(30),
                    timeout: Some(30),
                }),
                ..base()
            },
            CreateSiteConnection {
                mtu: Some(20),
                ..base()
            },
        ];
        for b in bad {
            let err = create(&b).request(&svc).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let req = create(&base()).request(&svc).unwrap();
        let v: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(v["ipsec_site_connection"]["psk"], "k");
        assert!(
            !format!("{:?}", base()).contains("\"k\""),
            "the key stays out of Debug"
        );
    }
}
