//! Tap-as-a-service tap services (tap-as-a-service, `/v2.0/taas/tap_services`): the port
//! that receives mirrored traffic. [Tap flows](super::tap_flows) say which ports'
//! traffic, in which direction, goes to it. (To mirror into a GRE or ERSPAN tunnel
//! instead, use a [tap mirror](super::tap_mirrors).) gophercloud has no tap services;
//! ferrocloud has them for the whole TaaS API.
//!
//! TaaS is a Neutron stadium project: a cloud answers these calls only when its
//! `service_plugins` include `taas` (404 otherwise). ferrocloud checks them against the
//! API reference's samples; the local test cloud does not install it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::tap_services::{self, CreateTapService, UpdateTapService};
//! use ferrocloud::Wait;
//! let neutron = client.network();
//! let service = neutron
//!     .call(&tap_services::create(&CreateTapService { name: Some("ts1".into()), ..CreateTapService::on_port("a9855775") }))
//!     .await?;
//! neutron
//!     .wait_for_status(&tap_services::get(&service.id), &[tap_services::TapStatus::Active], &[tap_services::TapStatus::Error], Wait::default())
//!     .await?;
//! neutron
//!     .call(&tap_services::update(&service.id, &UpdateTapService { description: Some("capture".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&tap_services::delete(&service.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, string_enum, HasStatus, InvalidInput, List, ListCommon, Op};

string_enum! {
    /// The status of a tap service or tap flow.
    pub enum TapStatus {
        /// Mirroring.
        Active = "ACTIVE",
        /// Not mirroring (yet).
        Down = "DOWN",
        /// Being set up.
        Build = "BUILD",
        /// Failed.
        Error = "ERROR",
    }
}

/// A tap service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TapService {
    /// Tap service id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The port that receives the mirrored traffic.
    #[serde(default)]
    pub port_id: String,
    /// Status.
    #[serde(default)]
    pub status: TapStatus,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for TapService {
    const KIND: &'static str = "tap service";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = TapStatus;
    fn status(&self) -> Option<TapStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`]; start from [`CreateTapService::on_port`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateTapService {
    /// The port that receives the traffic (required).
    pub port_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateTapService {
    /// A tap service delivering to `port_id`.
    pub fn on_port(port_id: &str) -> Self {
        CreateTapService {
            port_id: port_id.into(),
            ..Default::default()
        }
    }
}

/// The body of [`update`]: only the name and description change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateTapService {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTapServices {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Receiving port.
    pub port_id: Option<String>,
    /// Status.
    pub status: Option<TapStatus>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "taas/tap_services",
    one: "tap_service",
    many: "tap_services",
};

/// `GET /v2.0/taas/tap_services`, paged through `tap_services_links`.
pub fn list(f: &ListTapServices) -> List<TapService> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        port_id: f.port_id.as_deref(),
        status: f.status.as_ref().map(TapStatus::as_str),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/taas/tap_services/{tap_service_id}`.
pub fn get(tap_service_id: &str) -> Op<TapService> {
    RESOURCE.get(tap_service_id)
}

/// `POST /v2.0/taas/tap_services`.
pub fn create(service: &CreateTapService) -> Op<TapService> {
    RESOURCE.create(
        InvalidInput::require(
            !service.port_id.is_empty(),
            "port_id",
            "a tap service delivers to a port",
        ),
        service,
    )
}

/// `PUT /v2.0/taas/tap_services/{tap_service_id}`.
pub fn update(tap_service_id: &str, update: &UpdateTapService) -> Op<TapService> {
    RESOURCE.update(tap_service_id, update)
}

/// `DELETE /v2.0/taas/tap_services/{tap_service_id}` (its tap flows go with it).
pub fn delete(tap_service_id: &str) -> Op<()> {
    RESOURCE.delete(tap_service_id)
}
