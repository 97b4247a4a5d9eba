//! Container infrastructure (Magnum) v1: [`clusters`] (list, get, create, JSON-Patch
//! update, delete, resize, upgrade) and [`cluster_templates`].
//!
//! Magnum takes microversions in `OpenStack-API-Version: container-infra X.Y`: set one for
//! a whole handle with `client.container_infra().microversion("1.10")`; [`clusters::resize`]
//! and [`clusters::upgrade`] ask for the version that introduced them.

pub mod cluster_templates;
pub mod clusters;

use serde::{Deserialize, Serialize};

use crate::types::json_patch::PatchOp;
use crate::Link;

/// What create, update, resize and upgrade answer: the cluster's uuid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The cluster's uuid.
    pub uuid: String,
}
