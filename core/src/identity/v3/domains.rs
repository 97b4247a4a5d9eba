//! Keystone v3 domains: list, get, create, update, delete, and the domains a token can use
//! (`GET /v3/auth/domains`, see [`available`]).
//!
//! Keystone deletes only disabled domains: [`update`] with `enabled: Some(false)` first.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::domains::{self, CreateDomain, UpdateDomain};
//! let keystone = client.identity();
//! let d = keystone
//!     .call(&domains::create(&CreateDomain { name: "acme".into(), ..Default::default() }))
//!     .await?;
//! keystone
//!     .call(&domains::update(&d.id, &UpdateDomain { enabled: Some(false), ..Default::default() }))
//!     .await?;
//! keystone.call(&domains::delete(&d.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::default_true;
use crate::{path, query, Find, InvalidInput, List, Op, Paging, Patch};

/// A domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether it is enabled.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Resource options.
    #[serde(default)]
    pub options: Map<String, Value>,
    /// Other fields (`links`, `tags`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListDomains {
    /// Exact name.
    pub name: Option<String>,
    /// Enabled (or disabled) domains.
    pub enabled: Option<bool>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this domain id.
    pub marker: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateDomain {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
    /// Ask for this id (for keeping ids in sync across clouds).
    pub explicit_domain_id: Option<String>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateDomain {
    /// New name.
    pub name: Option<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// Resource options to change.
    pub options: Option<Map<String, Value>>,
}

/// `GET /v3/domains`.
pub fn list(filter: &ListDomains) -> List<Domain> {
    List::new(path!("domains"), "domains", Paging::Linked).query(query!(
        name: filter.name.as_deref(),
        enabled: filter.enabled,
        limit: filter.limit,
        marker: filter.marker.as_deref(),
    ))
}

/// `GET /v3/auth/domains`: the domains the current token may be scoped to.
pub fn available() -> List<Domain> {
    List::new(path!("auth/domains"), "domains", Paging::Linked)
}

/// `GET /v3/domains/{domain_id}`.
pub fn get(domain_id: &str) -> Op<Domain> {
    Op::get(path!("domains/{}", domain_id)).decode_key("domain")
}

/// A domain by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Domain> {
    Find::new(
        "domain",
        name_or_id,
        get(name_or_id),
        list(&ListDomains {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Domain);

/// `POST /v3/domains`.
pub fn create(domain: &CreateDomain) -> Op<Domain> {
    let check = InvalidInput::require(!domain.name.is_empty(), "name", "a domain needs a name");
    Op::post(path!("domains"))
        .check(check)
        .json_under("domain", domain)
        .decode_key("domain")
}

/// `PATCH /v3/domains/{domain_id}`.
pub fn update(domain_id: &str, update: &UpdateDomain) -> Op<Domain> {
    Op::patch(path!("domains/{}", domain_id))
        .json_under("domain", update)
        .decode_key("domain")
}

/// `DELETE /v3/domains/{domain_id}` (the domain must be disabled).
pub fn delete(domain_id: &str) -> Op<()> {
    Op::delete(path!("domains/{}", domain_id))
}
