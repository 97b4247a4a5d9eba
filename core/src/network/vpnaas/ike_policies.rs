//! VPNaaS IKE policies (`/v2.0/vpn/ikepolicies`): phase 1 of an IPsec connection (how the
//! peers authenticate and agree on keys).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::vpnaas::ike_policies::{self, CreateIkePolicy, IkeVersion, UpdateIkePolicy};
//! use ferrocloud::network::vpnaas::{EncryptionAlgorithm, Lifetime};
//! let neutron = client.network();
//! let ike = neutron
//!     .call(&ike_policies::create(&CreateIkePolicy {
//!         name: Some("ike-v2".into()),
//!         ike_version: Some(IkeVersion::V2),
//!         lifetime: Some(Lifetime::seconds(7200)),
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron
//!     .call(&ike_policies::update(&ike.id, &UpdateIkePolicy {
//!         encryption_algorithm: Some(EncryptionAlgorithm::Aes256),
//!         ..Default::default()
//!     }))
//!     .await?;
//! neutron.call(&ike_policies::delete(&ike.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AuthAlgorithm, EncryptionAlgorithm, Lifetime, Pfs};
use crate::network::shared;
use crate::{query, string_enum, List, ListCommon, Op};

string_enum! {
    /// The IKE version.
    pub enum IkeVersion {
        /// IKEv1 (the default).
        V1 = "v1",
        /// IKEv2.
        V2 = "v2",
    }
}

string_enum! {
    /// The IKE phase 1 exchange mode.
    pub enum Phase1NegotiationMode {
        /// Main mode (the default).
        Main = "main",
        /// Aggressive mode.
        Aggressive = "aggressive",
    }
}

/// An IKE policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkePolicy {
    /// IKE policy id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Integrity algorithm.
    #[serde(default)]
    pub auth_algorithm: AuthAlgorithm,
    /// Encryption algorithm.
    #[serde(default)]
    pub encryption_algorithm: EncryptionAlgorithm,
    /// Phase 1 mode.
    #[serde(default)]
    pub phase1_negotiation_mode: Phase1NegotiationMode,
    /// Perfect forward secrecy group.
    #[serde(default)]
    pub pfs: Pfs,
    /// IKE version.
    #[serde(default)]
    pub ike_version: IkeVersion,
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
pub struct CreateIkePolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Integrity algorithm (default `sha1`).
    pub auth_algorithm: Option<AuthAlgorithm>,
    /// Encryption algorithm (default `aes-128`).
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Phase 1 mode (default `main`).
    pub phase1_negotiation_mode: Option<Phase1NegotiationMode>,
    /// PFS group (default `group5`).
    pub pfs: Option<Pfs>,
    /// IKE version (default `v1`).
    pub ike_version: Option<IkeVersion>,
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
pub struct UpdateIkePolicy {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Integrity algorithm.
    pub auth_algorithm: Option<AuthAlgorithm>,
    /// Encryption algorithm.
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Phase 1 mode.
    pub phase1_negotiation_mode: Option<Phase1NegotiationMode>,
    /// PFS group.
    pub pfs: Option<Pfs>,
    /// IKE version.
    pub ike_version: Option<IkeVersion>,
    /// Lifetime.
    pub lifetime: Option<Lifetime>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListIkePolicies {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Integrity algorithm.
    pub auth_algorithm: Option<AuthAlgorithm>,
    /// Encryption algorithm.
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Phase 1 mode.
    pub phase1_negotiation_mode: Option<Phase1NegotiationMode>,
    /// PFS group.
    pub pfs: Option<Pfs>,
    /// IKE version.
    pub ike_version: Option<IkeVersion>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "vpn/ikepolicies",
    one: "ikepolicy",
    many: "ikepolicies",
};

/// `GET /v2.0/vpn/ikepolicies`, paged through `ikepolicies_links`.
pub fn list(f: &ListIkePolicies) -> List<IkePolicy> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        auth_algorithm: f.auth_algorithm.as_ref().map(AuthAlgorithm::as_str),
        encryption_algorithm: f.encryption_algorithm.as_ref().map(EncryptionAlgorithm::as_str),
        phase1_negotiation_mode: f.phase1_negotiation_mode.as_ref().map(Phase1NegotiationMode::as_str),
        pfs: f.pfs.as_ref().map(Pfs::as_str),
        ike_version: f.ike_version.as_ref().map(IkeVersion::as_str),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/vpn/ikepolicies/{ikepolicy_id}`.
pub fn get(ikepolicy_id: &str) -> Op<IkePolicy> {
    RESOURCE.get(ikepolicy_id)
}

/// `POST /v2.0/vpn/ikepolicies`.
pub fn create(policy: &CreateIkePolicy) -> Op<IkePolicy> {
    RESOURCE.create(Lifetime::check(policy.lifetime.as_ref()), policy)
}

/// `PUT /v2.0/vpn/ikepolicies/{ikepolicy_id}` (409 while a connection uses it).
pub fn update(ikepolicy_id: &str, update: &UpdateIkePolicy) -> Op<IkePolicy> {
    RESOURCE
        .update(ikepolicy_id, update)
        .check(Lifetime::check(update.lifetime.as_ref()))
}

/// `DELETE /v2.0/vpn/ikepolicies/{ikepolicy_id}` (409 while a connection uses it).
pub fn delete(ikepolicy_id: &str) -> Op<()> {
    RESOURCE.delete(ikepolicy_id)
}
