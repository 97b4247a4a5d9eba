//! Keystone v3 catalog endpoints: list (by interface, service, region), get, create,
//! update, delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::endpoints::{self, CreateEndpoint, ListEndpoints};
//! use ferrocloud::Interface;
//! let keystone = client.identity();
//! let ep = keystone
//!     .call(&endpoints::create(&CreateEndpoint {
//!         interface: Interface::Public,
//!         service_id: "9242e0".into(),
//!         url: "https://compute.example.com/v2.1".into(),
//!         region_id: Some("RegionOne".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let public = keystone
//!     .collect_all(endpoints::list(&ListEndpoints {
//!         interface: Some(Interface::Public),
//!         service_id: Some("9242e0".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone.call(&endpoints::delete(&ep.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::default_true;
use crate::{path, query, Interface, InvalidInput, List, Op, Paging, Patch};

/// An endpoint of a catalog service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Id.
    pub id: String,
    /// Which interface the URL serves.
    pub interface: Interface,
    /// The service it belongs to.
    pub service_id: String,
    /// The URL (may hold `$(project_id)s`-style substitutions).
    pub url: String,
    /// Region id.
    pub region_id: Option<String>,
    /// Region (deprecated spelling of `region_id`).
    pub region: Option<String>,
    /// Whether it shows in the catalog.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Other fields (`links`, extra attributes, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEndpoints {
    /// Endpoints of this interface.
    pub interface: Option<Interface>,
    /// Endpoints of this service.
    pub service_id: Option<String>,
    /// Endpoints of this region.
    pub region_id: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateEndpoint {
    /// Which interface the URL serves.
    pub interface: Interface,
    /// Region id.
    pub region_id: Option<String>,
    /// The URL.
    pub url: String,
    /// The service it belongs to.
    pub service_id: String,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateEndpoint {
    /// New interface.
    pub interface: Option<Interface>,
    /// Region id (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub region_id: Patch<String>,
    /// New URL.
    pub url: Option<String>,
    /// Move to another service.
    pub service_id: Option<String>,
    /// Enable or disable.
    pub enabled: Option<bool>,
}

impl CreateEndpoint {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.url.is_empty(), "url", "an endpoint needs a URL").and(
            InvalidInput::require(
                !self.service_id.is_empty(),
                "service_id",
                "an endpoint needs a service",
            ),
        )
    }
}

impl UpdateEndpoint {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.url.as_ref().is_none_or(|u| !u.is_empty()),
            "url",
            "must not be empty (leave it None to keep the URL)",
        )
        .and(InvalidInput::require(
            self.service_id.as_ref().is_none_or(|s| !s.is_empty()),
            "service_id",
            "must not be empty (leave it None to keep the service)",
        ))
    }
}

/// `GET /v3/endpoints`.
pub fn list(filter: &ListEndpoints) -> List<Endpoint> {
    List::new(path!("endpoints"), "endpoints", Paging::Linked).query(query!(
        interface: filter.interface.map(|i| i.as_str()),
        service_id: filter.service_id.as_deref(),
        region_id: filter.region_id.as_deref(),
    ))
}

/// `GET /v3/endpoints/{endpoint_id}`.
pub fn get(endpoint_id: &str) -> Op<Endpoint> {
    Op::get(path!("endpoints/{}", endpoint_id)).decode_key("endpoint")
}

/// `POST /v3/endpoints` (201).
pub fn create(endpoint: &CreateEndpoint) -> Op<Endpoint> {
    Op::post(path!("endpoints"))
        .check(endpoint.check())
        .json_under("endpoint", endpoint)
        .decode_key("endpoint")
}

/// `PATCH /v3/endpoints/{endpoint_id}`.
pub fn update(endpoint_id: &str, update: &UpdateEndpoint) -> Op<Endpoint> {
    Op::patch(path!("endpoints/{}", endpoint_id))
        .check(update.check())
        .json_under("endpoint", update)
        .decode_key("endpoint")
}

/// `DELETE /v3/endpoints/{endpoint_id}`.
pub fn delete(endpoint_id: &str) -> Op<()> {
    Op::delete(path!("endpoints/{}", endpoint_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn keystone() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn update_clears_the_region_and_checks_before_io() {
        let clear = UpdateEndpoint {
            region_id: Patch::Null,
            enabled: Some(false),
            ..Default::default()
        };
        let req = update("e1", &clear).request(&keystone()).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"endpoint":{"region_id":null,"enabled":false}}"#
        );
        let empty_url = UpdateEndpoint {
            url: Some(String::new()),
            ..Default::default()
        };
        assert!(update("e1", &empty_url).request(&keystone()).is_err());
        assert!(create(&CreateEndpoint::default())
            .request(&keystone())
            .is_err());
    }
}
