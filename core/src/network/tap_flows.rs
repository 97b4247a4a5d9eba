//! Tap-as-a-service tap flows (tap-as-a-service, `/v2.0/taas/tap_flows`): mirror the
//! traffic of a source port, in one or both [directions](TapDirection), to a
//! [tap service](super::tap_services), optionally only some VLANs (`taas-vlan-filter`).
//! gophercloud has no tap flows; ferrocloud has them for the whole TaaS API.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::tap_flows::{self, CreateTapFlow, ListTapFlows, TapDirection};
//! let neutron = client.network();
//! let flow = neutron
//!     .call(&tap_flows::create(&CreateTapFlow {
//!         vlan_filter: Some("9,18-27".into()),
//!         ..CreateTapFlow::new("tap-service", "source-port", TapDirection::Both)
//!     }))
//!     .await?;
//! let of_service = neutron
//!     .collect_all(tap_flows::list(&ListTapFlows { tap_service_id: Some("tap-service".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&tap_flows::delete(&flow.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use super::tap_services::TapStatus;
use crate::{query, string_enum, HasStatus, InvalidInput, List, ListCommon, Op};

string_enum! {
    /// Which traffic of the source port a tap flow mirrors.
    pub enum TapDirection {
        /// Traffic into the port.
        In = "IN",
        /// Traffic out of the port.
        Out = "OUT",
        /// Both.
        Both = "BOTH",
    }
}

/// A tap flow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TapFlow {
    /// Tap flow id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The tap service that receives the traffic.
    #[serde(default)]
    pub tap_service_id: String,
    /// The mirrored port.
    #[serde(default)]
    pub source_port: String,
    /// Mirrored direction.
    #[serde(default)]
    pub direction: TapDirection,
    /// Mirrored VLANs (`"9,18-27"`; `None`: all).
    pub vlan_filter: Option<String>,
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

impl HasStatus for TapFlow {
    const KIND: &'static str = "tap flow";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = TapStatus;
    fn status(&self) -> Option<TapStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`]; start from [`CreateTapFlow::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateTapFlow {
    /// The tap service (required).
    pub tap_service_id: String,
    /// The port to mirror (required).
    pub source_port: String,
    /// The direction (required).
    pub direction: TapDirection,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Only these VLANs: comma-separated ids and ranges (`"9,18-27"`).
    pub vlan_filter: Option<String>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateTapFlow {
    /// Mirror `source_port`'s `direction` traffic to `tap_service_id`.
    pub fn new(tap_service_id: &str, source_port: &str, direction: TapDirection) -> Self {
        CreateTapFlow {
            tap_service_id: tap_service_id.into(),
            source_port: source_port.into(),
            direction,
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let vlan_ok = self.vlan_filter.as_deref().is_none_or(|f| {
            f.split(',').all(|range| {
                let mut ends = range.splitn(2, '-');
                ends.all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
        });
        InvalidInput::require(
            !self.tap_service_id.is_empty(),
            "tap_service_id",
            "name the tap service",
        )
        .and(InvalidInput::require(
            !self.source_port.is_empty(),
            "source_port",
            "name the port to mirror",
        ))
        .and(InvalidInput::require(
            vlan_ok,
            "vlan_filter",
            "comma-separated VLAN ids and ranges, as 9,18-27",
        ))
    }
}

/// The body of [`update`]: only the name and description change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateTapFlow {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTapFlows {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Tap service.
    pub tap_service_id: Option<String>,
    /// Mirrored port.
    pub source_port: Option<String>,
    /// Direction.
    pub direction: Option<TapDirection>,
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
    collection: "taas/tap_flows",
    one: "tap_flow",
    many: "tap_flows",
};

/// `GET /v2.0/taas/tap_flows`, paged through `tap_flows_links`.
pub fn list(f: &ListTapFlows) -> List<TapFlow> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        tap_service_id: f.tap_service_id.as_deref(),
        source_port: f.source_port.as_deref(),
        direction: f.direction.as_ref().map(TapDirection::as_str),
        status: f.status.as_ref().map(TapStatus::as_str),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/taas/tap_flows/{tap_flow_id}`.
pub fn get(tap_flow_id: &str) -> Op<TapFlow> {
    RESOURCE.get(tap_flow_id)
}

/// `POST /v2.0/taas/tap_flows`.
pub fn create(flow: &CreateTapFlow) -> Op<TapFlow> {
    RESOURCE.create(flow.check(), flow)
}

/// `PUT /v2.0/taas/tap_flows/{tap_flow_id}`.
pub fn update(tap_flow_id: &str, update: &UpdateTapFlow) -> Op<TapFlow> {
    RESOURCE.update(tap_flow_id, update)
}

/// `DELETE /v2.0/taas/tap_flows/{tap_flow_id}`.
pub fn delete(tap_flow_id: &str) -> Op<()> {
    RESOURCE.delete(tap_flow_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn vlan_filters_and_required_ids_are_checked_before_io() {
        let svc = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let base = CreateTapFlow::new("ts", "p", TapDirection::In);
        for bad in [
            CreateTapFlow {
                vlan_filter: Some("9,".into()),
                ..base.clone()
            },
            CreateTapFlow {
                vlan_filter: Some("1-2-3".into()),
                ..base.clone()
            },
            CreateTapFlow {
                vlan_filter: Some("a".into()),
                ..base.clone()
            },
            CreateTapFlow {
                source_port: String::new(),
                ..base.clone()
            },
            CreateTapFlow::new("", "p", TapDirection::Out),
        ] {
            let err = create(&bad).request(&svc).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
        let ok = CreateTapFlow {
            vlan_filter: Some("9,18-27".into()),
            ..base
        };
        let req = create(&ok).request(&svc).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            serde_json::json!({"tap_flow": {"tap_service_id": "ts", "source_port": "p", "direction": "IN", "vlan_filter": "9,18-27"}})
        );
    }
}
