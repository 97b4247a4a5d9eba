//! Container infrastructure (Magnum) v1: [`clusters`] (list, detailed list, get, create,
//! JSON-Patch update, delete, resize, upgrade), [`cluster_templates`], [`nodegroups`],
//! [`certificates`] (the cluster CA, CSR signing, CA rotation), [`quotas`],
//! [`federations`], [`stats`], [`mservices`], the API version documents ([`versions`]),
//! and a [`kubeconfig`] builder from a cluster and its certificates.
//!
//! Magnum takes microversions in `OpenStack-API-Version: container-infra X.Y`: set one for
//! a whole handle with `client.container_infra().microversion("1.10")`; operations that
//! need a newer one than the default (1.1) ask for it themselves ([`clusters::resize`]
//! 1.7, [`clusters::upgrade`] 1.8, [`nodegroups`] 1.9).
//!
//! Clusters and node groups implement [`HasStatus`](crate::HasStatus), so
//! `wait_for_status(&clusters::get(id), &[ClusterStatus::CreateComplete], &[ClusterStatus::CreateFailed], …)`
//! waits and, on failure, says Magnum's `status_reason`.

pub mod certificates;
pub mod cluster_templates;
pub mod clusters;
pub mod federations;
pub mod kubeconfig;
pub mod mservices;
pub mod nodegroups;
pub mod quotas;
pub mod stats;
pub mod versions;

use serde::{Deserialize, Serialize};

use crate::types::json_patch::PatchOp;
use crate::Link;

/// What create, update, resize and upgrade answer: the cluster's uuid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The cluster's uuid.
    pub uuid: String,
}

crate::string_enum! {
    /// The status of a cluster, node group or federation (Magnum copies its Heat stack's).
    pub enum ClusterStatus {
        /// Being created.
        CreateInProgress = "CREATE_IN_PROGRESS",
        /// Creation failed (`status_reason` says why).
        CreateFailed = "CREATE_FAILED",
        /// Created.
        CreateComplete = "CREATE_COMPLETE",
        /// Being updated (resize, upgrade, label change, CA rotation).
        UpdateInProgress = "UPDATE_IN_PROGRESS",
        /// The update failed.
        UpdateFailed = "UPDATE_FAILED",
        /// Updated.
        UpdateComplete = "UPDATE_COMPLETE",
        /// Being deleted.
        DeleteInProgress = "DELETE_IN_PROGRESS",
        /// Deletion failed.
        DeleteFailed = "DELETE_FAILED",
        /// Deleted.
        DeleteComplete = "DELETE_COMPLETE",
        /// Resumed.
        ResumeComplete = "RESUME_COMPLETE",
        /// Resume failed.
        ResumeFailed = "RESUME_FAILED",
        /// Restored.
        RestoreComplete = "RESTORE_COMPLETE",
        /// Rolling back.
        RollbackInProgress = "ROLLBACK_IN_PROGRESS",
        /// Rollback failed.
        RollbackFailed = "ROLLBACK_FAILED",
        /// Rolled back.
        RollbackComplete = "ROLLBACK_COMPLETE",
        /// Snapshot taken.
        SnapshotComplete = "SNAPSHOT_COMPLETE",
        /// Checked.
        CheckComplete = "CHECK_COMPLETE",
        /// Adopted.
        AdoptComplete = "ADOPT_COMPLETE",
    }
}

impl ClusterStatus {
    /// `*_IN_PROGRESS`: a change is running.
    pub fn is_in_progress(&self) -> bool {
        self.as_str().ends_with("_IN_PROGRESS")
    }

    /// `*_FAILED`.
    pub fn is_failed(&self) -> bool {
        self.as_str().ends_with("_FAILED")
    }
}

crate::string_enum! {
    /// What Magnum's health check says about a cluster or federation.
    pub enum HealthStatus {
        /// Not known (no health check ran; the usual value).
        Unknown = "UNKNOWN",
        /// Every node and the API are fine.
        Healthy = "HEALTHY",
        /// Something is down (`health_status_reason` says what).
        Unhealthy = "UNHEALTHY",
    }
}

/// Paging and sorting of a Magnum list (`limit`, `marker`, `sort_key`, `sort_dir`), the
/// filters of [`clusters::list`], [`cluster_templates::list`] and the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paged {
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this uuid.
    pub marker: Option<String>,
    /// Sort key (`id`, `name`, `created_at`, …).
    pub sort_key: Option<String>,
    /// Sort direction.
    pub sort_dir: Option<crate::SortDir>,
}

impl Paged {
    pub(crate) fn query(&self) -> crate::Query {
        crate::query!(
            limit: self.limit,
            marker: self.marker.as_deref(),
            sort_key: self.sort_key.as_deref(),
            sort_dir: self.sort_dir.as_ref().map(|d| d.as_str()),
        )
    }
}
