//! Neutron segments (`/v2.0/segments`, extension `segment`): the layer-2 segments of a
//! routed provider network, each with its own network type, physical network and
//! segmentation id (admin).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::segments::{self, CreateSegment, ListSegments, UpdateSegment};
//! use ferrocloud::Patch;
//! let neutron = client.network();
//! let seg = neutron
//!     .call(&segments::create(&CreateSegment {
//!         physical_network: Some("public".into()),
//!         segmentation_id: Some(120),
//!         ..CreateSegment::new("net-id", "vlan")
//!     }))
//!     .await?;
//! neutron
//!     .call(&segments::update(&seg.id, &UpdateSegment { name: Patch::Set("rack-1".into()), description: Some(String::new()) }))
//!     .await?;
//! let of_net = neutron
//!     .collect_all(segments::list(&ListSegments { network_id: Some("net-id".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&segments::delete(&seg.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, Find, InvalidInput, List, ListCommon, Op, Patch, Timestamp};

/// A segment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Id.
    pub id: String,
    /// Its network.
    #[serde(default)]
    pub network_id: String,
    /// Name (`None` when never set).
    pub name: Option<String>,
    /// Description (`None` when never set).
    pub description: Option<String>,
    /// `flat`, `vlan`, `vxlan`, `gre`, `geneve`, `local`, …
    #[serde(default)]
    pub network_type: String,
    /// Physical network (flat and VLAN segments).
    pub physical_network: Option<String>,
    /// VLAN id or tunnel id.
    pub segmentation_id: Option<u32>,
    /// Revision.
    #[serde(default)]
    pub revision_number: u64,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateSegment::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSegment {
    /// The network (required).
    pub network_id: String,
    /// Network type (required).
    pub network_type: String,
    /// Physical network.
    pub physical_network: Option<String>,
    /// VLAN or tunnel id (default: one from the type's range).
    pub segmentation_id: Option<u32>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

impl CreateSegment {
    /// A segment of type `network_type` on `network_id`.
    pub fn new(network_id: &str, network_type: &str) -> Self {
        CreateSegment {
            network_id: network_id.into(),
            network_type: network_type.into(),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.network_id.is_empty(),
            "network_id",
            "a segment belongs to a network",
        )
        .and(InvalidInput::require(
            !self.network_type.is_empty(),
            "network_type",
            "a segment needs a network type",
        ))
    }
}

/// The body of [`update`]: only name and description change. [`Patch::Null`] clears
/// the name; the description is cleared with `""` (Neutron refuses `null` there).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSegment {
    /// Name.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub name: Patch<String>,
    /// Description (`""` clears it).
    pub description: Option<String>,
}

/// Filters of [`list`] (Neutron 29 refuses `segmentation_id` as a filter, 400).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSegments {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Network.
    pub network_id: Option<String>,
    /// Network type.
    pub network_type: Option<String>,
    /// Physical network.
    pub physical_network: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "segments",
    one: "segment",
    many: "segments",
};

/// `GET /v2.0/segments`, paged through `segments_links`.
pub fn list(f: &ListSegments) -> List<Segment> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            name: f.name.as_deref(),
            description: f.description.as_deref(),
            network_id: f.network_id.as_deref(),
            network_type: f.network_type.as_deref(),
            physical_network: f.physical_network.as_deref(),
            revision_number: f.revision_number,
        ),
        &f.common,
    )
}

/// `GET /v2.0/segments/{segment_id}`.
pub fn get(segment_id: &str) -> Op<Segment> {
    RESOURCE.get(segment_id)
}

/// A segment by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Segment> {
    RESOURCE.find("segment", name_or_id)
}

crate::named!(Segment);

/// `POST /v2.0/segments` (admin).
pub fn create(segment: &CreateSegment) -> Op<Segment> {
    RESOURCE.create(segment.check(), segment)
}

/// `PUT /v2.0/segments/{segment_id}` (admin).
pub fn update(segment_id: &str, update: &UpdateSegment) -> Op<Segment> {
    RESOURCE.update(segment_id, update)
}

/// `DELETE /v2.0/segments/{segment_id}` (admin; 409 while a subnet or port uses it).
pub fn delete(segment_id: &str) -> Op<()> {
    RESOURCE.delete(segment_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn create_needs_network_and_type_and_update_clears() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        assert!(create(&CreateSegment::new("n", ""))
            .request(&neutron)
            .is_err());
        assert!(create(&CreateSegment::new("", "vlan"))
            .request(&neutron)
            .is_err());
        let body = serde_json::to_value(UpdateSegment {
            name: Patch::Null,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(body, serde_json::json!({"name": null}));
    }
}
