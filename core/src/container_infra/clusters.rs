//! Magnum clusters: list (summary and detail), get, create, update (JSON Patch), delete,
//! resize and upgrade.
//!
//! [`Cluster`] implements [`HasStatus`], so `wait_for_status(&get(id), &[ClusterStatus::CreateComplete],
//! &[ClusterStatus::CreateFailed], …)` works. Magnum writes a new cluster after it answers
//! the create, so a `get` right after [`create`] can answer 404 (and, for a moment, 400);
//! give that wait a [`grace`](crate::Wait::grace).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::clusters::{self, CreateCluster, Resize};
//! use ferrocloud::container_infra::ClusterStatus;
//! use ferrocloud::json_patch::PatchOp;
//! use ferrocloud::Wait;
//! let magnum = client.container_infra();
//! let c = magnum
//!     .call(&clusters::create(&CreateCluster {
//!         name: "k8s".into(),
//!         cluster_template_id: "0562d357".into(),
//!         node_count: Some(2),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let wait = Wait::default().grace(std::time::Duration::from_secs(60));
//! magnum.wait_for_status(&clusters::get(&c.uuid), &[ClusterStatus::CreateComplete], &[ClusterStatus::CreateFailed], wait).await?;
//! magnum.call(&clusters::update(&c.uuid, &[PatchOp::replace("/node_count", 3)])).await?;
//! magnum.call(&clusters::resize(&c.uuid, &Resize { node_count: 1, ..Default::default() })).await?;
//! magnum.call(&clusters::delete(&c.uuid)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Accepted, ClusterStatus, HealthStatus, Link, Paged, PatchOp};
use crate::{path, Find, HasStatus, InvalidInput, List, Op, Paging, Patch, Timestamp};

/// A cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Id.
    pub uuid: String,
    /// Name.
    pub name: Option<String>,
    /// Status, e.g. `CREATE_COMPLETE`.
    pub status: Option<ClusterStatus>,
    /// Why it has that status.
    pub status_reason: Option<String>,
    /// Health.
    pub health_status: Option<HealthStatus>,
    /// Health details.
    pub health_status_reason: Option<Map<String, Value>>,
    /// Template.
    pub cluster_template_id: Option<String>,
    /// Heat stack behind it.
    pub stack_id: Option<String>,
    /// Key pair.
    pub keypair: Option<String>,
    /// Master nodes.
    pub master_count: Option<u32>,
    /// Worker nodes.
    pub node_count: Option<u32>,
    /// Master addresses.
    #[serde(default)]
    pub master_addresses: Vec<String>,
    /// Worker addresses.
    #[serde(default)]
    pub node_addresses: Vec<String>,
    /// API endpoint of the orchestration engine.
    pub api_address: Option<String>,
    /// etcd discovery URL.
    pub discovery_url: Option<String>,
    /// Version of the COE.
    pub coe_version: Option<String>,
    /// Version of the container runtime.
    pub container_version: Option<String>,
    /// Creation timeout (minutes).
    pub create_timeout: Option<u32>,
    /// Labels.
    pub labels: Option<BTreeMap<String, String>>,
    /// Labels whose value differs from the template's.
    pub labels_overridden: Option<Map<String, Value>>,
    /// Labels the template does not have.
    pub labels_added: Option<Map<String, Value>>,
    /// Template labels the cluster did not take.
    pub labels_skipped: Option<Map<String, Value>>,
    /// Worker flavor.
    pub flavor_id: Option<String>,
    /// Master flavor.
    pub master_flavor_id: Option<String>,
    /// Docker volume size (GB).
    pub docker_volume_size: Option<u32>,
    /// Fixed network.
    pub fixed_network: Option<String>,
    /// Fixed subnet.
    pub fixed_subnet: Option<String>,
    /// Floating IPs on nodes.
    pub floating_ip_enabled: Option<bool>,
    /// Load balancer in front of the masters.
    pub master_lb_enabled: Option<bool>,
    /// Failures by node.
    pub faults: Option<Map<String, Value>>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning user.
    pub user_id: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Cluster {
    const KIND: &'static str = "cluster";
    fn id(&self) -> Option<&str> {
        Some(&self.uuid)
    }
    fn fault(&self) -> Option<&str> {
        self.status_reason.as_deref()
    }
    type Status = ClusterStatus;
    fn status(&self) -> Option<ClusterStatus> {
        self.status.clone()
    }
}

/// The body of [`create`]. `Patch::Null` sends `null` (the template's value), `Keep`
/// leaves the field out.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateCluster {
    /// Name.
    pub name: String,
    /// Template.
    pub cluster_template_id: String,
    /// Key pair.
    pub keypair: Option<String>,
    /// Master nodes.
    pub master_count: Option<u32>,
    /// Worker nodes.
    pub node_count: Option<u32>,
    /// Creation timeout (minutes).
    pub create_timeout: Option<u32>,
    /// etcd discovery URL.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub discovery_url: Patch<String>,
    /// Master flavor.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub master_flavor_id: Patch<String>,
    /// Worker flavor.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub flavor_id: Patch<String>,
    /// Labels.
    pub labels: Option<BTreeMap<String, String>>,
    /// Merge `labels` into the template's instead of replacing them.
    pub merge_labels: Option<bool>,
    /// Docker volume size (GB).
    pub docker_volume_size: Option<u32>,
    /// Fixed network.
    pub fixed_network: Option<String>,
    /// Fixed subnet.
    pub fixed_subnet: Option<String>,
    /// Floating IPs on nodes.
    pub floating_ip_enabled: Option<bool>,
    /// Load balancer in front of the masters.
    pub master_lb_enabled: Option<bool>,
}

/// Filters of [`list`] and [`list_detail`]: paging and sorting.
pub type ListClusters = Paged;

/// The body of [`resize`] (microversion 1.7).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resize {
    /// The new number of worker nodes.
    pub node_count: u32,
    /// Servers to remove first when shrinking (ids or names).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nodes_to_remove: Vec<String>,
    /// The node group (default: the default worker group).
    pub nodegroup: Option<String>,
}

/// The body of [`upgrade`] (microversion 1.8).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Upgrade {
    /// The template to move to (uuid or name).
    pub cluster_template: String,
    /// Nodes upgraded at once.
    pub max_batch_size: Option<u32>,
    /// The node group.
    pub nodegroup: Option<String>,
}

/// `GET /v1/clusters`: the summary listing (uuid, name, status, counts, template, key
/// pair, stack, health); [`list_detail`] gives every field.
pub fn list(filter: &ListClusters) -> List<Cluster> {
    List::new(path!("clusters"), "clusters", Paging::Linked).query(filter.query())
}

/// `GET /v1/clusters/detail`: every field of every cluster (addresses, labels, flavors,
/// `status_reason`, …).
pub fn list_detail(filter: &ListClusters) -> List<Cluster> {
    List::new(path!("clusters/detail"), "clusters", Paging::Linked).query(filter.query())
}

/// `GET /v1/clusters/{ident}` (uuid or name).
pub fn get(ident: &str) -> Op<Cluster> {
    Op::get(path!("clusters/{}", ident)).decode_body()
}

/// A cluster by id or exact name (run it with [`Service::find`](crate::Service::find)).
///
/// Magnum resolves names itself in `get`; the list only tells several of one name apart.
pub fn find(name_or_id: &str) -> Find<Cluster> {
    Find::new(
        "cluster",
        name_or_id,
        get(name_or_id),
        list_detail(&ListClusters::default()),
    )
}

crate::named!(Cluster(uuid));

/// `POST /v1/clusters` (202).
pub fn create(cluster: &CreateCluster) -> Op<Accepted> {
    let named = !cluster.name.is_empty() && !cluster.cluster_template_id.is_empty();
    let no_nodes = cluster.node_count == Some(0) && cluster.master_count == Some(0);
    let check = InvalidInput::require(
        named,
        "cluster_template_id",
        "a cluster needs a name and a template",
    )
    .and(InvalidInput::require(
        !no_nodes,
        "master_count",
        "a cluster needs at least one master",
    ));
    Op::post(path!("clusters"))
        .check(check)
        .json(cluster)
        .decode_body()
}

/// `PATCH /v1/clusters/{ident}` with a JSON Patch (`node_count`, `labels`, …; 202).
pub fn update(ident: &str, ops: &[PatchOp]) -> Op<Accepted> {
    Op::patch(path!("clusters/{}", ident))
        .check(crate::types::json_patch::check(ops))
        .json(ops)
        .decode_body()
}

/// `DELETE /v1/clusters/{ident}` (204).
pub fn delete(ident: &str) -> Op<()> {
    Op::delete(path!("clusters/{}", ident))
}

/// `POST /v1/clusters/{ident}/actions/resize` (microversion 1.7; 202).
pub fn resize(ident: &str, resize: &Resize) -> Op<Accepted> {
    Op::post(path!("clusters/{}/actions/resize", ident))
        .json(resize)
        .microversion("1.7")
        .decode_body()
}

/// `POST /v1/clusters/{ident}/actions/upgrade` (microversion 1.8; 202).
pub fn upgrade(ident: &str, upgrade: &Upgrade) -> Op<Accepted> {
    let check = InvalidInput::require(
        !upgrade.cluster_template.is_empty(),
        "cluster_template",
        "give the template to upgrade to",
    );
    Op::post(path!("clusters/{}/actions/upgrade", ident))
        .check(check)
        .json(upgrade)
        .microversion("1.8")
        .decode_body()
}
