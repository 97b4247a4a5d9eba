//! VPN-as-a-Service (neutron-vpnaas, `/v2.0/vpn`): IPsec site-to-site connections.
//! gophercloud's `extensions/vpnaas`.
//!
//! A [`services`] entry puts VPN on a router; [`endpoint_groups`] name the local subnets
//! and the peer CIDRs; [`ike_policies`] and [`ipsec_policies`] say how to negotiate and
//! protect; [`site_connections`] tie them to one peer.
//!
//! VPNaaS is a Neutron stadium project: a cloud answers these calls only when its
//! `service_plugins` include `vpnaas` (404 otherwise). ferrocloud checks them against
//! the API reference's samples; the local test cloud does not install it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::vpnaas::{endpoint_groups, ike_policies, ipsec_policies, services, site_connections, VpnStatus};
//! use ferrocloud::network::vpnaas::endpoint_groups::{CreateEndpointGroup, EndpointType};
//! use ferrocloud::{Secret, Wait};
//! let neutron = client.network();
//! let vpn = neutron.call(&services::create(&services::CreateVpnService::on_router("r1"))).await?;
//! let local = neutron
//!     .call(&endpoint_groups::create(&CreateEndpointGroup::new(EndpointType::Subnet, &["subnet-1"])))
//!     .await?;
//! let peer = neutron
//!     .call(&endpoint_groups::create(&CreateEndpointGroup::new(EndpointType::Cidr, &["10.2.0.0/24"])))
//!     .await?;
//! let ike = neutron.call(&ike_policies::create(&Default::default())).await?;
//! let ipsec = neutron.call(&ipsec_policies::create(&Default::default())).await?;
//! let conn = neutron
//!     .call(&site_connections::create(&site_connections::CreateSiteConnection {
//!         local_ep_group_id: Some(local.id),
//!         peer_ep_group_id: Some(peer.id),
//!         ..site_connections::CreateSiteConnection::new(
//!             &vpn.id, &ike.id, &ipsec.id, "172.24.4.233", "172.24.4.233", Secret::new("psk"),
//!         )
//!     }))
//!     .await?;
//! neutron
//!     .wait_for_status(&site_connections::get(&conn.id), &[VpnStatus::Active, VpnStatus::Down], &[VpnStatus::Error], Wait::default())
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::{string_enum, InvalidInput};

pub mod endpoint_groups;
pub mod ike_policies;
pub mod ipsec_policies;
pub mod services;
pub mod site_connections;

string_enum! {
    /// The status of a VPN service or site connection.
    pub enum VpnStatus {
        /// Up.
        Active = "ACTIVE",
        /// Down (no peer yet, or administratively down).
        Down = "DOWN",
        /// Being built.
        Build = "BUILD",
        /// Failed.
        Error = "ERROR",
        /// Being created.
        PendingCreate = "PENDING_CREATE",
        /// Being updated.
        PendingUpdate = "PENDING_UPDATE",
        /// Being deleted.
        PendingDelete = "PENDING_DELETE",
    }
}

string_enum! {
    /// The integrity (hash) algorithm of an IKE or IPsec policy.
    pub enum AuthAlgorithm {
        /// SHA-1 (the default).
        Sha1 = "sha1",
        /// SHA-256.
        Sha256 = "sha256",
        /// SHA-384.
        Sha384 = "sha384",
        /// SHA-512.
        Sha512 = "sha512",
        /// AES-XCBC (IKE).
        AesXcbc = "aes-xcbc",
        /// AES-CMAC (IKE).
        AesCmac = "aes-cmac",
    }
}

string_enum! {
    /// The encryption algorithm of an IKE or IPsec policy.
    pub enum EncryptionAlgorithm {
        /// AES-128 (the default).
        Aes128 = "aes-128",
        /// Triple DES.
        TripleDes = "3des",
        /// AES-192.
        Aes192 = "aes-192",
        /// AES-256.
        Aes256 = "aes-256",
        /// AES-128 in CTR mode (`vpn-aes-ctr`).
        Aes128Ctr = "aes-128-ctr",
        /// AES-192 in CTR mode (`vpn-aes-ctr`).
        Aes192Ctr = "aes-192-ctr",
        /// AES-256 in CTR mode (`vpn-aes-ctr`).
        Aes256Ctr = "aes-256-ctr",
        /// AES-128 CCM with a 8-byte ICV (`vpn-aes-ccm-gcm`).
        Aes128Ccm8 = "aes-128-ccm-8",
        /// AES-192 CCM with a 8-byte ICV (`vpn-aes-ccm-gcm`).
        Aes192Ccm8 = "aes-192-ccm-8",
        /// AES-256 CCM with a 8-byte ICV (`vpn-aes-ccm-gcm`).
        Aes256Ccm8 = "aes-256-ccm-8",
        /// AES-128 CCM with a 12-byte ICV (`vpn-aes-ccm-gcm`).
        Aes128Ccm12 = "aes-128-ccm-12",
        /// AES-192 CCM with a 12-byte ICV (`vpn-aes-ccm-gcm`).
        Aes192Ccm12 = "aes-192-ccm-12",
        /// AES-256 CCM with a 12-byte ICV (`vpn-aes-ccm-gcm`).
        Aes256Ccm12 = "aes-256-ccm-12",
        /// AES-128 CCM with a 16-byte ICV (`vpn-aes-ccm-gcm`).
        Aes128Ccm16 = "aes-128-ccm-16",
        /// AES-192 CCM with a 16-byte ICV (`vpn-aes-ccm-gcm`).
        Aes192Ccm16 = "aes-192-ccm-16",
        /// AES-256 CCM with a 16-byte ICV (`vpn-aes-ccm-gcm`).
        Aes256Ccm16 = "aes-256-ccm-16",
        /// AES-128 GCM with a 8-byte ICV (`vpn-aes-ccm-gcm`).
        Aes128Gcm8 = "aes-128-gcm-8",
        /// AES-192 GCM with a 8-byte ICV (`vpn-aes-ccm-gcm`).
        Aes192Gcm8 = "aes-192-gcm-8",
        /// AES-256 GCM with a 8-byte ICV (`vpn-aes-ccm-gcm`).
        Aes256Gcm8 = "aes-256-gcm-8",
        /// AES-128 GCM with a 12-byte ICV (`vpn-aes-ccm-gcm`).
        Aes128Gcm12 = "aes-128-gcm-12",
        /// AES-192 GCM with a 12-byte ICV (`vpn-aes-ccm-gcm`).
        Aes192Gcm12 = "aes-192-gcm-12",
        /// AES-256 GCM with a 12-byte ICV (`vpn-aes-ccm-gcm`).
        Aes256Gcm12 = "aes-256-gcm-12",
        /// AES-128 GCM with a 16-byte ICV (`vpn-aes-ccm-gcm`).
        Aes128Gcm16 = "aes-128-gcm-16",
        /// AES-192 GCM with a 16-byte ICV (`vpn-aes-ccm-gcm`).
        Aes192Gcm16 = "aes-192-gcm-16",
        /// AES-256 GCM with a 16-byte ICV (`vpn-aes-ccm-gcm`).
        Aes256Gcm16 = "aes-256-gcm-16",
    }
}

string_enum! {
    /// The Diffie-Hellman group for perfect forward secrecy.
    pub enum Pfs {
        /// Group 5 (the default).
        Group5 = "group5",
        /// Group 2.
        Group2 = "group2",
        /// Group 14.
        Group14 = "group14",
        /// Group 15.
        Group15 = "group15",
        /// Group 16.
        Group16 = "group16",
        /// Group 17.
        Group17 = "group17",
        /// Group 18.
        Group18 = "group18",
        /// Group 19.
        Group19 = "group19",
        /// Group 20.
        Group20 = "group20",
        /// Group 21.
        Group21 = "group21",
        /// Group 22.
        Group22 = "group22",
        /// Group 23.
        Group23 = "group23",
        /// Group 24.
        Group24 = "group24",
        /// Group 25.
        Group25 = "group25",
        /// Group 26.
        Group26 = "group26",
        /// Group 27.
        Group27 = "group27",
        /// Group 28.
        Group28 = "group28",
        /// Group 29.
        Group29 = "group29",
        /// Group 30.
        Group30 = "group30",
        /// Group 31.
        Group31 = "group31",
    }
}

string_enum! {
    /// The unit of a [`Lifetime`].
    pub enum LifetimeUnits {
        /// Seconds (the only unit neutron-vpnaas takes).
        Seconds = "seconds",
    }
}

/// How long a security association lives (default 3600 seconds).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifetime {
    /// Unit.
    pub units: Option<LifetimeUnits>,
    /// Value (at least 60).
    pub value: Option<u32>,
}

impl Lifetime {
    /// `value` seconds.
    pub fn seconds(value: u32) -> Self {
        Lifetime {
            units: Some(LifetimeUnits::Seconds),
            value: Some(value),
        }
    }

    /// Neutron's floor is 60 seconds.
    fn check(lifetime: Option<&Lifetime>) -> Result<(), InvalidInput> {
        InvalidInput::require(
            lifetime.and_then(|l| l.value).is_none_or(|v| v >= 60),
            "lifetime",
            "the lifetime value must be at least 60",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_algorithms_are_kept() {
        let a: AuthAlgorithm = serde_json::from_str("\"sha3-256\"").unwrap();
        assert_eq!(a, AuthAlgorithm::Other("sha3-256".into()));
        assert_eq!(
            serde_json::to_value(Lifetime::seconds(7200)).unwrap(),
            serde_json::json!({"units": "seconds", "value": 7200})
        );
        assert!(Lifetime::check(Some(&Lifetime::seconds(59))).is_err());
        assert!(Lifetime::check(None).is_ok());
    }
}
