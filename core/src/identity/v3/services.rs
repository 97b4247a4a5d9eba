//! Keystone v3 catalog services: list (by type or name), get, create, update, delete, and
//! the current token's service catalog (`GET /v3/auth/catalog`, see [`catalog`]).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::services::{self, CreateService, ListServices, UpdateService};
//! let keystone = client.identity();
//! let svc = keystone
//!     .call(&services::create(&CreateService {
//!         service_type: "compute".into(),
//!         name: Some("compute2".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone
//!     .call(&services::update(&svc.id, &UpdateService { enabled: Some(false), ..Default::default() }))
//!     .await?;
//! let computes = keystone
//!     .collect_all(services::list(&ListServices { service_type: Some("compute".into()), ..Default::default() }))
//!     .await?;
//! let catalog = keystone.call(&services::catalog()).await?;
//! keystone.call(&services::delete(&svc.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::default_true;
use crate::{path, query, Catalog, Find, InvalidInput, List, Op, Paging, Patch};

/// A service of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Id.
    pub id: String,
    /// Catalog type, e.g. `compute`.
    #[serde(rename = "type")]
    pub service_type: String,
    /// Name, e.g. `nova`.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether it shows in the catalog.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Other fields (`links`, extra attributes, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListServices {
    /// Services of this type.
    pub service_type: Option<String>,
    /// Exact name.
    pub name: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateService {
    /// Catalog type, e.g. `compute` (required).
    #[serde(rename = "type")]
    pub service_type: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateService {
    /// New type.
    #[serde(rename = "type")]
    pub service_type: Option<String>,
    /// Name (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub name: Patch<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// Enable or disable.
    pub enabled: Option<bool>,
}

/// `GET /v3/services`.
pub fn list(filter: &ListServices) -> List<Service> {
    List::new(path!("services"), "services", Paging::Linked).query(query!(
        "type": filter.service_type.as_deref(),
        name: filter.name.as_deref(),
    ))
}

/// `GET /v3/services/{service_id}`.
pub fn get(service_id: &str) -> Op<Service> {
    Op::get(path!("services/{}", service_id)).decode_key("service")
}

/// A service by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Service> {
    Find::new(
        "service",
        name_or_id,
        get(name_or_id),
        list(&ListServices {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Service);

/// `POST /v3/services` (201).
pub fn create(service: &CreateService) -> Op<Service> {
    let check = InvalidInput::require(
        !service.service_type.is_empty(),
        "type",
        "a service needs a type",
    );
    Op::post(path!("services"))
        .check(check)
        .json_under("service", service)
        .decode_key("service")
}

/// `PATCH /v3/services/{service_id}`.
pub fn update(service_id: &str, update: &UpdateService) -> Op<Service> {
    let check = InvalidInput::require(
        update.service_type.as_ref().is_none_or(|t| !t.is_empty()),
        "type",
        "must not be empty (leave it None to keep the type)",
    );
    Op::patch(path!("services/{}", service_id))
        .check(check)
        .json_under("service", update)
        .decode_key("service")
}

/// `DELETE /v3/services/{service_id}` (its endpoints go with it).
pub fn delete(service_id: &str) -> Op<()> {
    Op::delete(path!("services/{}", service_id))
}

/// `GET /v3/auth/catalog`: the service catalog of the current token, in the shape a token
/// carries it (enabled services and endpoints only).
pub fn catalog() -> Op<Catalog> {
    Op::get(path!("auth/catalog")).decode_key("catalog")
}
