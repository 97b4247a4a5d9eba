//! VPNaaS IPsec policies (`/v2.0/vpn/ipsecpolicies`): phase 2 of an IPsec connection (how
//! the traffic itself is protected).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::vpnaas::ipsec_policies::{self, CreateIpsecPolicy, TransformProtocol, UpdateIpsecPolicy};
//! use ferrocloud::network::vpnaas::Pfs;
//! let neutron = client.network();
//! let policy = neutron
//!     .call(&ipsec_policies::create(&CreateIpsecPolicy {
//!         name: Some("esp".into()),
//!         transform_protocol: Some(TransformProtocol::Esp),
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron
//!     .call(&ipsec_policies::update(&policy.id, &UpdateIpsecPolicy { pfs: Some(Pfs::Group14), ..Default::default() }))
//!     .await?;
//! neutron.call(&ipsec_policies::delete(&policy.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AuthAlgorithm, EncryptionAlgorithm, Lifetime, Pfs};
use crate::network::shared;
use crate::{query, string_enum, List, ListCommon, Op};

string_enum! {
    /// The IPsec transform protocol.
    pub enum TransformProtocol {
        /// ESP (the default).
        Esp = "esp",
        /// AH.
        Ah = "ah",
        /// AH and ESP.
        AhEsp = "ah-esp",
    }
}

string_enum! {
    /// The IPsec encapsulation mode.
    pub enum EncapsulationMode {
        /// Tunnel mode (the default).
        Tunnel = "tunnel",
        /// Transport mode.
        Transport = "transport",
    }
}

/// An IPsec policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpsecPolicy {
    /// IPsec policy id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Transform protocol.
    #[serde(default)]
    pub transform_protocol: TransformProtocol,
    /// Integrity algorithm.
    #[serde(default)]
    pub auth_algorithm: AuthAlgorithm,
    /// Encapsulation mode.
    #[serde(default)]
    pub encapsulation_mode: EncapsulationMode,
    /// Encryption algorithm.
    #[serde(default)]
    pub encryption_algorithm: EncryptionAlgorithm,
    /// Perfect forward secrecy group.
    #[serde(default)]
    pub pfs: Pfs,
    /// Security association lifetime.
    pub lifetime: Option<Lifetime>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`] (every field has a default).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateIpsecPolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Transform protocol (default `esp`).
    pub transform_protocol: Option<TransformProtocol>,
    /// Integrity algorithm (default `sha1`).
    pub auth_algorithm: Option<AuthAlgorithm>,
    /// Encapsulation mode (default `tunnel`).
    pub encapsulation_mode: Option<EncapsulationMode>,
    /// Encryption algorithm (default `aes-128`).
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// PFS group (default `group5`).
    pub pfs: Option<Pfs>,
    /// Lifetime (default 3600 seconds).
    pub lifetime: Option<Lifetime>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

/// The body of [`update`] (`None` leaves a field as it is).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateIpsecPolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Transform protocol.
    pub transform_protocol: Option<TransformProtocol>,
    /// Integrity algorithm.
    pub auth_algorithm: Option<AuthAlgorithm>,
    /// Encapsulation mode.
    pub encapsulation_mode: Option<EncapsulationMode>,
    /// Encryption algorithm.
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// PFS group.
    pub pfs: Option<Pfs>,
    /// Lifetime.
    pub lifetime: Option<Lifetime>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListIpsecPolicies {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Transform protocol.
    pub transform_protocol: Option<TransformProtocol>,
    /// Integrity algorithm.
    pub auth_algorithm: Option<AuthAlgorithm>,
    /// Encapsulation mode.
    pub encapsulation_mode: Option<EncapsulationMode>,
    /// Encryption algorithm.
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// PFS group.
    pub pfs: Option<Pfs>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "vpn/ipsecpolicies",
    one: "ipsecpolicy",
    many: "ipsecpolicies",
};

/// `GET /v2.0/vpn/ipsecpolicies`, paged through `ipsecpolicies_links`.
pub fn list(f: &ListIpsecPolicies) -> List<IpsecPolicy> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        transform_protocol: f.transform_protocol.as_ref().map(TransformProtocol::as_str),
        auth_algorithm: f.auth_algorithm.as_ref().map(AuthAlgorithm::as_str),
        encapsulation_mode: f.encapsulation_mode.as_ref().map(EncapsulationMode::as_str),
        encryption_algorithm: f.encryption_algorithm.as_ref().map(EncryptionAlgorithm::as_str),
        pfs: f.pfs.as_ref().map(Pfs::as_str),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/vpn/ipsecpolicies/{ipsecpolicy_id}`.
pub fn get(ipsecpolicy_id: &str) -> Op<IpsecPolicy> {
    RESOURCE.get(ipsecpolicy_id)
}

/// `POST /v2.0/vpn/ipsecpolicies`.
pub fn create(policy: &CreateIpsecPolicy) -> Op<IpsecPolicy> {
    RESOURCE.create(Lifetime::check(policy.lifetime.as_ref()), policy)
}

/// `PUT /v2.0/vpn/ipsecpolicies/{ipsecpolicy_id}` (409 while a connection uses it).
pub fn update(ipsecpolicy_id: &str, update: &UpdateIpsecPolicy) -> Op<IpsecPolicy> {
    RESOURCE
        .update(ipsecpolicy_id, update)
        .check(Lifetime::check(update.lifetime.as_ref()))
}

/// `DELETE /v2.0/vpn/ipsecpolicies/{ipsecpolicy_id}` (409 while a connection uses it).
pub fn delete(ipsecpolicy_id: &str) -> Op<()> {
    RESOURCE.delete(ipsecpolicy_id)
}
