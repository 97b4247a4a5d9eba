//! Neutron trunks (`/v2.0/trunks`, extension `trunk`): a parent port carrying the
//! traffic of subports, each told apart by a VLAN id, so one instance interface reaches
//! many networks. A trunk's parent port shows it as `trunk_details`
//! ([`Port::trunk_details`](super::ports::Port::trunk_details)).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::trunks::{self, CreateTrunk, Subport};
//! let neutron = client.network();
//! let trunk = neutron
//!     .call(&trunks::create(&CreateTrunk {
//!         name: Some("trunk0".into()),
//!         sub_ports: vec![Subport::vlan("child-port-1", 100)],
//!         ..CreateTrunk::new("parent-port")
//!     }))
//!     .await?;
//! neutron.call(&trunks::add_subports(&trunk.id, &[Subport::vlan("child-port-2", 101)])).await?;
//! let subports = neutron.call(&trunks::subports(&trunk.id)).await?;
//! neutron.call(&trunks::remove_subports(&trunk.id, &["child-port-1".to_string()])).await?;
//! neutron.call(&trunks::delete(&trunk.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{
    path, query, string_enum, Find, HasStatus, InvalidInput, List, ListCommon, Op, Tags, Timestamp,
};

string_enum! {
    /// A trunk's status.
    pub enum TrunkStatus {
        /// Parent port bound, subports wired.
        Active = "ACTIVE",
        /// Parent port not bound yet.
        Down = "DOWN",
        /// Being wired.
        Build = "BUILD",
        /// Some subports failed.
        Degraded = "DEGRADED",
        /// Failed.
        Error = "ERROR",
    }
}

string_enum! {
    /// How a subport's traffic is told apart on the parent port.
    pub enum SegmentationType {
        /// An 802.1Q VLAN id.
        Vlan = "vlan",
        /// The segmentation of the subport's network (the driver must support it).
        Inherit = "inherit",
    }
}

/// A subport: in requests a port and its VLAN; in `trunk_details` also its MAC.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subport {
    /// The child port.
    pub port_id: String,
    /// Segmentation type.
    pub segmentation_type: Option<SegmentationType>,
    /// VLAN id (1 to 4094).
    pub segmentation_id: Option<u32>,
    /// MAC address (`trunk_details` only).
    pub mac_address: Option<String>,
}

impl Subport {
    /// `port_id` on VLAN `vlan_id`.
    pub fn vlan(port_id: &str, vlan_id: u32) -> Self {
        Subport {
            port_id: port_id.into(),
            segmentation_type: Some(SegmentationType::Vlan),
            segmentation_id: Some(vlan_id),
            mac_address: None,
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let seg_ok = match &self.segmentation_type {
            Some(SegmentationType::Vlan) => self
                .segmentation_id
                .is_some_and(|v| (1..=4094).contains(&v)),
            Some(SegmentationType::Inherit) => true,
            Some(SegmentationType::Other(_)) => self.segmentation_id.is_some(),
            None => false,
        };
        InvalidInput::require(
            !self.port_id.is_empty(),
            "sub_ports",
            "a subport needs a port",
        )
        .and(InvalidInput::require(
            seg_ok,
            "sub_ports",
            "a subport needs a segmentation type and (for VLANs, 1 to 4094) id",
        ))
    }
}

/// What a trunk's parent port shows of it (`trunk_details`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrunkDetails {
    /// The trunk.
    #[serde(default)]
    pub trunk_id: String,
    /// Its subports, with their MAC addresses.
    #[serde(default)]
    pub sub_ports: Vec<Subport>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A trunk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trunk {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The parent port.
    #[serde(default)]
    pub port_id: String,
    /// Administrative state (`false`: no subport changes allowed).
    #[serde(default)]
    pub admin_state_up: bool,
    /// Status.
    #[serde(default)]
    pub status: TrunkStatus,
    /// Subports.
    #[serde(default)]
    pub sub_ports: Vec<Subport>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
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

impl HasStatus for Trunk {
    const KIND: &'static str = "trunk";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = TrunkStatus;
    fn status(&self) -> Option<TrunkStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`]; start from [`CreateTrunk::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateTrunk {
    /// The parent port (required).
    pub port_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Subports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_ports: Vec<Subport>,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateTrunk {
    /// A trunk on parent port `port_id`.
    pub fn new(port_id: &str) -> Self {
        CreateTrunk {
            port_id: port_id.into(),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.port_id.is_empty(),
            "port_id",
            "a trunk needs a parent port",
        )
        .and(self.sub_ports.iter().try_for_each(Subport::check))
    }
}

/// The body of [`update`]. `None` leaves a field as it is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateTrunk {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTrunks {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Parent port.
    pub port_id: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Status.
    pub status: Option<TrunkStatus>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

/// The body of [`add_subports`] and [`remove_subports`], and the answer of [`subports`].
#[derive(Serialize, Deserialize)]
struct Subports {
    sub_ports: Vec<Subport>,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "trunks",
    one: "trunk",
    many: "trunks",
};

/// The tags of trunks.
pub const TAGS: Tags = shared::tags("trunks");

/// `GET /v2.0/trunks`, paged through `trunks_links`.
pub fn list(f: &ListTrunks) -> List<Trunk> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            name: f.name.as_deref(),
            description: f.description.as_deref(),
            port_id: f.port_id.as_deref(),
            admin_state_up: f.admin_state_up,
            status: f.status.as_ref(),
            project_id: f.project_id.as_deref(),
            tenant_id: f.tenant_id.as_deref(),
            revision_number: f.revision_number,
        ),
        &f.common,
    )
}

/// `GET /v2.0/trunks/{trunk_id}`.
pub fn get(trunk_id: &str) -> Op<Trunk> {
    RESOURCE.get(trunk_id)
}

/// A trunk by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Trunk> {
    RESOURCE.find("trunk", name_or_id)
}

crate::named!(Trunk);

/// `POST /v2.0/trunks`.
pub fn create(trunk: &CreateTrunk) -> Op<Trunk> {
    RESOURCE.create(trunk.check(), trunk)
}

/// `PUT /v2.0/trunks/{trunk_id}`.
pub fn update(trunk_id: &str, update: &UpdateTrunk) -> Op<Trunk> {
    RESOURCE.update(trunk_id, update)
}

/// `DELETE /v2.0/trunks/{trunk_id}` (409 while the parent port is bound).
pub fn delete(trunk_id: &str) -> Op<()> {
    RESOURCE.delete(trunk_id)
}

/// `GET /v2.0/trunks/{trunk_id}/get_subports`.
pub fn subports(trunk_id: &str) -> Op<Vec<Subport>> {
    Op::get(path!("trunks/{}/get_subports", trunk_id)).decode_key("sub_ports")
}

/// `PUT /v2.0/trunks/{trunk_id}/add_subports`: the trunk afterwards.
pub fn add_subports(trunk_id: &str, sub_ports: &[Subport]) -> Op<Trunk> {
    let checked = InvalidInput::require(!sub_ports.is_empty(), "sub_ports", "no subport to add")
        .and(sub_ports.iter().try_for_each(Subport::check));
    Op::put(path!("trunks/{}/add_subports", trunk_id))
        .check(checked)
        .json(&Subports {
            sub_ports: sub_ports.to_vec(),
        })
        .decode_body()
}

/// `PUT /v2.0/trunks/{trunk_id}/remove_subports` with the subports' port ids: the trunk
/// afterwards.
pub fn remove_subports(trunk_id: &str, port_ids: &[String]) -> Op<Trunk> {
    let checked = InvalidInput::require(
        !port_ids.is_empty() && port_ids.iter().all(|p| !p.is_empty()),
        "sub_ports",
        "no subport to remove",
    );
    let sub_ports = port_ids
        .iter()
        .map(|p| Subport {
            port_id: p.clone(),
            ..Default::default()
        })
        .collect();
    Op::put(path!("trunks/{}/remove_subports", trunk_id))
        .check(checked)
        .json(&Subports { sub_ports })
        .decode_body()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn subports_are_checked_and_removed_by_port() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let bad_vlan = Subport::vlan("p", 4095);
        let no_type = Subport {
            port_id: "p".into(),
            ..Default::default()
        };
        for bad in [bad_vlan, no_type] {
            assert!(add_subports("t", &[bad]).request(&neutron).is_err());
        }
        assert!(add_subports("t", &[]).request(&neutron).is_err());
        let inherit = Subport {
            port_id: "p".into(),
            segmentation_type: Some(SegmentationType::Inherit),
            ..Default::default()
        };
        assert!(create(&CreateTrunk {
            sub_ports: vec![inherit],
            ..CreateTrunk::new("parent")
        })
        .request(&neutron)
        .is_ok());
        let req = remove_subports("t", &["p".into()])
            .request(&neutron)
            .unwrap();
        assert_eq!(req.uri().path(), "/v2.0/trunks/t/remove_subports");
        assert_eq!(req.body().as_ref(), br#"{"sub_ports":[{"port_id":"p"}]}"#);
    }
}
