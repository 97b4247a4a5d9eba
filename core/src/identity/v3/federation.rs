//! Keystone v3 federation (`OS-FEDERATION`) administration: identity providers, their
//! protocols, mappings (remote attributes → local users and groups) and service providers
//! (for Keystone-to-Keystone). Identity providers, mappings and service providers are
//! created under a caller-chosen id (`PUT`). Also the projects and domains a federated
//! token may scope to.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::federation::{self, CreateIdentityProvider, MappingRules, ProtocolOptions};
//! use serde_json::json;
//! let keystone = client.identity();
//! keystone
//!     .call(&federation::create_identity_provider("ACME", &CreateIdentityProvider {
//!         remote_ids: vec!["https://idp.acme.example/".into()],
//!         enabled: Some(true),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let rules = MappingRules {
//!     rules: vec![json!({
//!         "local": [{"user": {"name": "{0}"}}],
//!         "remote": [{"type": "REMOTE_USER"}]
//!     })],
//!     schema_version: None,
//! };
//! keystone.call(&federation::create_mapping("acme-map", &rules)).await?;
//! keystone
//!     .call(&federation::create_protocol("ACME", "openid", &ProtocolOptions {
//!         mapping_id: "acme-map".into(),
//!         remote_id_attribute: None,
//!     }))
//!     .await?;
//! keystone.call(&federation::delete_identity_provider("ACME")).await?;
//! keystone.call(&federation::delete_mapping("acme-map")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::domains::Domain;
use super::projects::Project;
use crate::{path, query, InvalidInput, List, Op, Paging, Patch};

/// An identity provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityProvider {
    /// Id (chosen at creation).
    pub id: String,
    /// The domain its users are created in.
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The ids the provider sends (entity ids, issuers).
    #[serde(default)]
    pub remote_ids: Vec<String>,
    /// Whether its users may log in.
    #[serde(default)]
    pub enabled: bool,
    /// Minutes a group membership from a mapping stays valid (`None`: Keystone's default).
    pub authorization_ttl: Option<u32>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_identity_provider`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateIdentityProvider {
    /// The domain its users are created in (`None`: Keystone makes one).
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The ids the provider sends.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remote_ids: Vec<String>,
    /// Enabled (Keystone's default: `false`).
    pub enabled: Option<bool>,
    /// Minutes a group membership from a mapping stays valid.
    pub authorization_ttl: Option<u32>,
}

/// The body of [`update_identity_provider`]; unset fields are left as they are (the domain
/// cannot change).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateIdentityProvider {
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// New remote ids (replace the old ones).
    pub remote_ids: Option<Vec<String>>,
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// Membership validity (`Patch::Null`: Keystone's default).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub authorization_ttl: Patch<u32>,
}

/// Filters of [`list_identity_providers`] and [`list_service_providers`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListProviders {
    /// This id only.
    pub id: Option<String>,
    /// Enabled or disabled ones.
    pub enabled: Option<bool>,
}

/// A protocol of an identity provider (`saml2`, `openid`, `mapped`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protocol {
    /// Id (the protocol name).
    pub id: String,
    /// The mapping applied to its assertions.
    pub mapping_id: String,
    /// The identity provider (newer Keystones).
    pub idp_id: Option<String>,
    /// The request attribute holding the remote id (`None`: Keystone's default; Keystone
    /// shows it only in [`list_protocols`]).
    pub remote_id_attribute: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_protocol`] and [`update_protocol`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProtocolOptions {
    /// The mapping to apply.
    pub mapping_id: String,
    /// The request attribute holding the remote id.
    pub remote_id_attribute: Option<String>,
}

/// A mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Id (chosen at creation).
    pub id: String,
    /// The rules, as Keystone documents them (`local` and `remote` lists).
    #[serde(default)]
    pub rules: Vec<Value>,
    /// The rule schema version.
    pub schema_version: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_mapping`] and [`update_mapping`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MappingRules {
    /// The rules.
    pub rules: Vec<Value>,
    /// The rule schema version (`None`: Keystone's default).
    pub schema_version: Option<String>,
}

/// A service provider (a remote Keystone this one issues SAML assertions for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceProvider {
    /// Id (chosen at creation).
    pub id: String,
    /// The remote Keystone's federated auth URL.
    pub auth_url: String,
    /// The remote's SAML ECP endpoint.
    pub sp_url: String,
    /// Description.
    pub description: Option<String>,
    /// Enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Prefix of the RelayState SAML attribute.
    pub relay_state_prefix: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_service_provider`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateServiceProvider {
    /// The remote Keystone's federated auth URL.
    pub auth_url: String,
    /// The remote's SAML ECP endpoint.
    pub sp_url: String,
    /// Description.
    pub description: Option<String>,
    /// Enabled (Keystone's default: `false`).
    pub enabled: Option<bool>,
    /// Prefix of the RelayState SAML attribute.
    pub relay_state_prefix: Option<String>,
}

/// The body of [`update_service_provider`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateServiceProvider {
    /// New auth URL.
    pub auth_url: Option<String>,
    /// New ECP endpoint.
    pub sp_url: Option<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// RelayState prefix (`Patch::Null`: Keystone's default).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub relay_state_prefix: Patch<String>,
}

fn providers_query(filter: &ListProviders) -> crate::Query {
    query!(
        id: filter.id.as_deref(),
        enabled: filter.enabled,
    )
}

fn not_empty(value: &str, field: &'static str, what: &str) -> Result<(), InvalidInput> {
    InvalidInput::require(!value.is_empty(), field, format!("needs {what}"))
}

/// `GET /v3/OS-FEDERATION/identity_providers`.
pub fn list_identity_providers(filter: &ListProviders) -> List<IdentityProvider> {
    List::new(
        path!("OS-FEDERATION/identity_providers"),
        "identity_providers",
        Paging::Linked,
    )
    .query(providers_query(filter))
}

/// `GET /v3/OS-FEDERATION/identity_providers/{idp_id}`.
pub fn get_identity_provider(idp_id: &str) -> Op<IdentityProvider> {
    Op::get(path!("OS-FEDERATION/identity_providers/{}", idp_id)).decode_key("identity_provider")
}

/// `PUT /v3/OS-FEDERATION/identity_providers/{idp_id}` (201).
pub fn create_identity_provider(
    idp_id: &str,
    idp: &CreateIdentityProvider,
) -> Op<IdentityProvider> {
    Op::put(path!("OS-FEDERATION/identity_providers/{}", idp_id))
        .json_under("identity_provider", idp)
        .decode_key("identity_provider")
}

/// `PATCH /v3/OS-FEDERATION/identity_providers/{idp_id}`.
pub fn update_identity_provider(
    idp_id: &str,
    update: &UpdateIdentityProvider,
) -> Op<IdentityProvider> {
    Op::patch(path!("OS-FEDERATION/identity_providers/{}", idp_id))
        .json_under("identity_provider", update)
        .decode_key("identity_provider")
}

/// `DELETE /v3/OS-FEDERATION/identity_providers/{idp_id}` (its protocols go with it).
pub fn delete_identity_provider(idp_id: &str) -> Op<()> {
    Op::delete(path!("OS-FEDERATION/identity_providers/{}", idp_id))
}

/// `GET /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols`.
pub fn list_protocols(idp_id: &str) -> List<Protocol> {
    List::new(
        path!("OS-FEDERATION/identity_providers/{}/protocols", idp_id),
        "protocols",
        Paging::Linked,
    )
}

/// `GET /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}`.
pub fn get_protocol(idp_id: &str, protocol_id: &str) -> Op<Protocol> {
    Op::get(path!(
        "OS-FEDERATION/identity_providers/{}/protocols/{}",
        idp_id,
        protocol_id
    ))
    .decode_key("protocol")
}

/// `PUT /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}` (201).
pub fn create_protocol(idp_id: &str, protocol_id: &str, opts: &ProtocolOptions) -> Op<Protocol> {
    Op::put(path!(
        "OS-FEDERATION/identity_providers/{}/protocols/{}",
        idp_id,
        protocol_id
    ))
    .check(not_empty(&opts.mapping_id, "mapping_id", "a mapping"))
    .json_under("protocol", opts)
    .decode_key("protocol")
}

/// `PATCH /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}`.
pub fn update_protocol(idp_id: &str, protocol_id: &str, opts: &ProtocolOptions) -> Op<Protocol> {
    Op::patch(path!(
        "OS-FEDERATION/identity_providers/{}/protocols/{}",
        idp_id,
        protocol_id
    ))
    .check(not_empty(&opts.mapping_id, "mapping_id", "a mapping"))
    .json_under("protocol", opts)
    .decode_key("protocol")
}

/// `DELETE /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}`.
pub fn delete_protocol(idp_id: &str, protocol_id: &str) -> Op<()> {
    Op::delete(path!(
        "OS-FEDERATION/identity_providers/{}/protocols/{}",
        idp_id,
        protocol_id
    ))
}

/// `GET /v3/OS-FEDERATION/mappings`.
pub fn list_mappings() -> List<Mapping> {
    List::new(path!("OS-FEDERATION/mappings"), "mappings", Paging::Linked)
}

/// `GET /v3/OS-FEDERATION/mappings/{mapping_id}`.
pub fn get_mapping(mapping_id: &str) -> Op<Mapping> {
    Op::get(path!("OS-FEDERATION/mappings/{}", mapping_id)).decode_key("mapping")
}

/// `PUT /v3/OS-FEDERATION/mappings/{mapping_id}` (201; Keystone validates the rules and
/// answers 400 for bad ones).
pub fn create_mapping(mapping_id: &str, rules: &MappingRules) -> Op<Mapping> {
    Op::put(path!("OS-FEDERATION/mappings/{}", mapping_id))
        .check(InvalidInput::require(
            !rules.rules.is_empty(),
            "rules",
            "a mapping needs at least one rule",
        ))
        .json_under("mapping", rules)
        .decode_key("mapping")
}

/// `PATCH /v3/OS-FEDERATION/mappings/{mapping_id}`: replaces the rules.
pub fn update_mapping(mapping_id: &str, rules: &MappingRules) -> Op<Mapping> {
    Op::patch(path!("OS-FEDERATION/mappings/{}", mapping_id))
        .check(InvalidInput::require(
            !rules.rules.is_empty(),
            "rules",
            "a mapping needs at least one rule",
        ))
        .json_under("mapping", rules)
        .decode_key("mapping")
}

/// `DELETE /v3/OS-FEDERATION/mappings/{mapping_id}`.
pub fn delete_mapping(mapping_id: &str) -> Op<()> {
    Op::delete(path!("OS-FEDERATION/mappings/{}", mapping_id))
}

/// `GET /v3/OS-FEDERATION/service_providers`.
pub fn list_service_providers(filter: &ListProviders) -> List<ServiceProvider> {
    List::new(
        path!("OS-FEDERATION/service_providers"),
        "service_providers",
        Paging::Linked,
    )
    .query(providers_query(filter))
}

/// `GET /v3/OS-FEDERATION/service_providers/{sp_id}`.
pub fn get_service_provider(sp_id: &str) -> Op<ServiceProvider> {
    Op::get(path!("OS-FEDERATION/service_providers/{}", sp_id)).decode_key("service_provider")
}

/// `PUT /v3/OS-FEDERATION/service_providers/{sp_id}` (201).
pub fn create_service_provider(sp_id: &str, sp: &CreateServiceProvider) -> Op<ServiceProvider> {
    let check = not_empty(&sp.auth_url, "auth_url", "an auth URL").and(not_empty(
        &sp.sp_url,
        "sp_url",
        "a service provider URL",
    ));
    Op::put(path!("OS-FEDERATION/service_providers/{}", sp_id))
        .check(check)
        .json_under("service_provider", sp)
        .decode_key("service_provider")
}

/// `PATCH /v3/OS-FEDERATION/service_providers/{sp_id}`.
pub fn update_service_provider(sp_id: &str, update: &UpdateServiceProvider) -> Op<ServiceProvider> {
    let check = InvalidInput::require(
        update.auth_url.as_ref().is_none_or(|u| !u.is_empty())
            && update.sp_url.as_ref().is_none_or(|u| !u.is_empty()),
        "auth_url",
        "URLs must not be empty (leave them None to keep them)",
    );
    Op::patch(path!("OS-FEDERATION/service_providers/{}", sp_id))
        .check(check)
        .json_under("service_provider", update)
        .decode_key("service_provider")
}

/// `DELETE /v3/OS-FEDERATION/service_providers/{sp_id}`.
pub fn delete_service_provider(sp_id: &str) -> Op<()> {
    Op::delete(path!("OS-FEDERATION/service_providers/{}", sp_id))
}

/// `GET /v3/OS-FEDERATION/projects` (deprecated for `GET /v3/auth/projects`): the projects
/// a federated token may scope to.
pub fn projects() -> List<Project> {
    List::new(path!("OS-FEDERATION/projects"), "projects", Paging::Linked)
}

/// `GET /v3/OS-FEDERATION/domains` (deprecated for `GET /v3/auth/domains`): the domains a
/// federated token may scope to.
pub fn domains() -> List<Domain> {
    List::new(path!("OS-FEDERATION/domains"), "domains", Paging::Linked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn updates_clear_with_null_and_checks_run_before_io() {
        let ks = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let clear = UpdateIdentityProvider {
            authorization_ttl: Patch::Null,
            enabled: Some(false),
            ..Default::default()
        };
        let req = update_identity_provider("i", &clear).request(&ks).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"identity_provider":{"enabled":false,"authorization_ttl":null}}"#
        );
        assert!(create_mapping("m", &MappingRules::default())
            .request(&ks)
            .is_err());
        assert!(create_protocol("i", "saml2", &ProtocolOptions::default())
            .request(&ks)
            .is_err());
        assert!(
            create_service_provider("s", &CreateServiceProvider::default())
                .request(&ks)
                .is_err()
        );
        let q = list_identity_providers(&ListProviders {
            enabled: Some(true),
            ..Default::default()
        })
        .request(&ks)
        .unwrap();
        assert_eq!(q.uri().query(), Some("enabled=true"));
    }
}
