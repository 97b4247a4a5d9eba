//! Magnum node groups (microversion 1.9): the pools of nodes of a cluster, each with its
//! flavor, image, size and role. Every cluster has a default master and a default worker
//! group; more worker groups can be added, resized through [`update`] (`min_node_count`,
//! `max_node_count`, node labels and taints) or [`clusters::resize`](super::clusters::resize)
//! with `nodegroup`, and deleted.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::nodegroups::{self, CreateNodeGroup};
//! use ferrocloud::container_infra::ClusterStatus;
//! use ferrocloud::json_patch::PatchOp;
//! use ferrocloud::Wait;
//! let magnum = client.container_infra();
//! let ng = magnum
//!     .call(&nodegroups::create("k8s", &CreateNodeGroup {
//!         name: "gpu".into(),
//!         node_count: Some(2),
//!         flavor_id: Some("g1.large".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! magnum
//!     .wait_for_status(&nodegroups::get("k8s", &ng.uuid), &[ClusterStatus::CreateComplete], &[ClusterStatus::CreateFailed], Wait::default())
//!     .await?;
//! magnum.call(&nodegroups::update("k8s", &ng.uuid, &[PatchOp::replace("/max_node_count", 5)])).await?;
//! magnum.call(&nodegroups::delete("k8s", &ng.uuid)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ClusterStatus, Link, Paged, PatchOp};
use crate::{path, HasStatus, InvalidInput, List, Op, Paging, Timestamp};

/// The microversion that introduced node groups.
const MICROVERSION: &str = "1.9";

/// A Kubernetes taint Magnum puts on every node of a group.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeTaint {
    /// Key.
    pub key: String,
    /// Value.
    pub value: Option<String>,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
}

/// A node group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeGroup {
    /// Id (uuid).
    #[serde(default)]
    pub uuid: String,
    /// Database id.
    pub id: Option<u64>,
    /// Name.
    pub name: Option<String>,
    /// The cluster.
    pub cluster_id: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Docker volume size (GB).
    pub docker_volume_size: Option<u32>,
    /// Labels.
    pub labels: Option<Map<String, Value>>,
    /// Labels whose value differs from the cluster's.
    pub labels_overridden: Option<Map<String, Value>>,
    /// Labels the cluster does not have.
    pub labels_added: Option<Map<String, Value>>,
    /// Cluster labels the group did not take.
    pub labels_skipped: Option<Map<String, Value>>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Image.
    pub image_id: Option<String>,
    /// Addresses of its nodes.
    #[serde(default)]
    pub node_addresses: Vec<String>,
    /// Nodes.
    pub node_count: Option<u32>,
    /// `master` or `worker` (or any role a worker group was given).
    pub role: Option<String>,
    /// Lower bound for autoscaling.
    pub min_node_count: Option<u32>,
    /// Upper bound for autoscaling.
    pub max_node_count: Option<u32>,
    /// Created with the cluster.
    pub is_default: Option<bool>,
    /// Heat stack behind it.
    pub stack_id: Option<String>,
    /// Status.
    pub status: Option<ClusterStatus>,
    /// Why it has that status.
    pub status_reason: Option<String>,
    /// COE version of its nodes.
    pub version: Option<String>,
    /// Kubernetes labels on its nodes.
    pub node_labels: Option<BTreeMap<String, String>>,
    /// Kubernetes taints on its nodes.
    pub node_taints: Option<Vec<NodeTaint>>,
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

impl HasStatus for NodeGroup {
    const KIND: &'static str = "node group";
    fn id(&self) -> Option<&str> {
        Some(&self.uuid)
    }
    type Status = ClusterStatus;
    fn status(&self) -> Option<ClusterStatus> {
        self.status.clone()
    }
    fn fault(&self) -> Option<&str> {
        self.status_reason.as_deref()
    }
}

/// The body of [`create`]. Unset flavor, image and labels come from the cluster.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateNodeGroup {
    /// Name (unique in the cluster).
    pub name: String,
    /// Nodes (default 1).
    pub node_count: Option<u32>,
    /// Lower bound for autoscaling (default 0).
    pub min_node_count: Option<u32>,
    /// Upper bound for autoscaling.
    pub max_node_count: Option<u32>,
    /// Role (default `worker`; Magnum refuses `master`).
    pub role: Option<String>,
    /// Flavor.
    pub flavor_id: Option<String>,
    /// Image.
    pub image_id: Option<String>,
    /// Docker volume size (GB).
    pub docker_volume_size: Option<u32>,
    /// Labels.
    pub labels: Option<BTreeMap<String, String>>,
    /// Merge `labels` into the cluster's instead of replacing them.
    pub merge_labels: Option<bool>,
    /// Kubernetes labels on its nodes.
    pub node_labels: Option<BTreeMap<String, String>>,
    /// Kubernetes taints on its nodes.
    pub node_taints: Option<Vec<NodeTaint>>,
}

impl CreateNodeGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        let min = self.min_node_count.unwrap_or(0);
        let count = self.node_count.unwrap_or(1);
        InvalidInput::require(!self.name.is_empty(), "name", "a node group needs a name")
            .and(InvalidInput::require(
                self.role.as_deref() != Some("master"),
                "role",
                "Magnum does not add master node groups",
            ))
            .and(InvalidInput::require(
                self.max_node_count
                    .is_none_or(|max| min <= max && count <= max),
                "max_node_count",
                "must be at least min_node_count and node_count",
            ))
            .and(InvalidInput::require(
                min <= count,
                "min_node_count",
                "must not exceed node_count",
            ))
            .and(InvalidInput::require(
                self.node_taints.iter().flatten().all(|t| {
                    !t.key.is_empty()
                        && matches!(
                            t.effect.as_str(),
                            "NoSchedule" | "PreferNoSchedule" | "NoExecute"
                        )
                }),
                "node_taints",
                "each taint needs a key and an effect (NoSchedule, PreferNoSchedule, NoExecute)",
            ))
    }
}

/// Filters of [`list`]: paging, sorting and the role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNodeGroups {
    /// Only groups with this role.
    pub role: Option<String>,
    /// Paging and sorting.
    pub paged: Paged,
}

/// `GET /v1/clusters/{cluster}/nodegroups` (summary fields: uuid, name, flavor, image,
/// node count, role, default, status, stack).
pub fn list(cluster: &str, filter: &ListNodeGroups) -> List<NodeGroup> {
    let q = filter
        .paged
        .query()
        .push_opt("role", filter.role.as_deref());
    List::new(
        path!("clusters/{}/nodegroups", cluster),
        "nodegroups",
        Paging::Linked,
    )
    .query(q)
    .microversion(MICROVERSION)
}

/// `GET /v1/clusters/{cluster}/nodegroups/{nodegroup}` (uuids or names).
pub fn get(cluster: &str, nodegroup: &str) -> Op<NodeGroup> {
    Op::get(path!("clusters/{}/nodegroups/{}", cluster, nodegroup))
        .microversion(MICROVERSION)
        .decode_body()
}

/// `POST /v1/clusters/{cluster}/nodegroups` (202; wait for `CREATE_COMPLETE`).
pub fn create(cluster: &str, nodegroup: &CreateNodeGroup) -> Op<NodeGroup> {
    Op::post(path!("clusters/{}/nodegroups", cluster))
        .check(nodegroup.check())
        .json(nodegroup)
        .microversion(MICROVERSION)
        .decode_body()
}

/// `PATCH /v1/clusters/{cluster}/nodegroups/{nodegroup}` with a JSON Patch (202). Only
/// `/min_node_count`, `/max_node_count`, `/node_labels` and `/node_taints` may change;
/// the node count changes through [`clusters::resize`](super::clusters::resize).
pub fn update(cluster: &str, nodegroup: &str, ops: &[PatchOp]) -> Op<NodeGroup> {
    Op::patch(path!("clusters/{}/nodegroups/{}", cluster, nodegroup))
        .check(crate::types::json_patch::check(ops))
        .json(ops)
        .microversion(MICROVERSION)
        .decode_body()
}

/// `DELETE /v1/clusters/{cluster}/nodegroups/{nodegroup}` (204; the default groups cannot
/// go).
pub fn delete(cluster: &str, nodegroup: &str) -> Op<()> {
    Op::delete(path!("clusters/{}/nodegroups/{}", cluster, nodegroup)).microversion(MICROVERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn magnum() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::CONTAINER_INFRA, "http://m:9511/v1").unwrap()
    }

    #[test]
    fn node_groups_ask_for_1_9_and_check_their_bounds_before_io() {
        let req = list(
            "k8s",
            &ListNodeGroups {
                role: Some("worker".into()),
                ..Default::default()
            },
        )
        .request(&magnum())
        .unwrap();
        assert_eq!(
            req.uri(),
            "http://m:9511/v1/clusters/k8s/nodegroups?role=worker"
        );
        assert_eq!(
            req.headers()["openstack-api-version"],
            "container-infra 1.9"
        );
        let ok = CreateNodeGroup {
            name: "gpu".into(),
            node_count: Some(2),
            max_node_count: Some(3),
            ..Default::default()
        };
        let req = create("k8s", &ok).request(&magnum()).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"name":"gpu","node_count":2,"max_node_count":3}"#
        );
        let bad = [
            CreateNodeGroup {
                max_node_count: Some(1),
                ..ok.clone()
            },
            CreateNodeGroup {
                min_node_count: Some(3),
                max_node_count: None,
                ..ok.clone()
            },
            CreateNodeGroup {
                role: Some("master".into()),
                ..ok.clone()
            },
            CreateNodeGroup {
                node_taints: Some(vec![NodeTaint {
                    key: "gpu".into(),
                    value: None,
                    effect: "Sometimes".into(),
                }]),
                ..ok.clone()
            },
            CreateNodeGroup {
                name: String::new(),
                ..ok
            },
        ];
        for b in bad {
            assert!(create("k8s", &b).request(&magnum()).is_err(), "{b:?}");
        }
    }
}
