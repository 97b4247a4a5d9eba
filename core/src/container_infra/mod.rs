//! Container infrastructure (Magnum) v1: [`clusters`] (list, get, create, JSON-Patch
//! update, delete, resize, upgrade) and [`cluster_templates`].
//!
//! Magnum takes microversions in `OpenStack-API-Version: container-infra X.Y`: set one for
//! a whole handle with `client.container_infra().microversion("1.10")`; [`clusters::resize`]
//! and [`clusters::upgrade`] ask for the version that introduced them.

pub mod cluster_templates;
pub mod clusters;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::InvalidInput;
use crate::service::Body;

crate::string_enum! {
    /// A JSON Patch operation kind.
    pub enum PatchKind {
        /// Replace a value.
        Replace = "replace",
        /// Add a value (labels).
        Add = "add",
        /// Remove a value (back to the default).
        Remove = "remove",
    }
}

/// One operation of a JSON Patch update body (`[{"op", "path", "value"}]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOp {
    /// The attribute, e.g. `/node_count`.
    pub path: String,
    /// The new value (not for `remove`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// What to do.
    pub op: PatchKind,
}

impl PatchOp {
    /// `{"op": "replace", "path": path, "value": value}`.
    pub fn replace(path: &str, value: impl Into<Value>) -> Self {
        PatchOp {
            path: path.into(),
            value: Some(value.into()),
            op: PatchKind::Replace,
        }
    }

    /// `{"op": "add", "path": path, "value": value}`.
    pub fn add(path: &str, value: impl Into<Value>) -> Self {
        PatchOp {
            path: path.into(),
            value: Some(value.into()),
            op: PatchKind::Add,
        }
    }

    /// `{"op": "remove", "path": path}`.
    pub fn remove(path: &str) -> Self {
        PatchOp {
            path: path.into(),
            value: None,
            op: PatchKind::Remove,
        }
    }
}

/// The JSON Patch body, refusing empty patches and paths that do not start with `/`.
pub(crate) fn patch_body(ops: &[PatchOp]) -> Result<Body, InvalidInput> {
    if ops.is_empty() {
        return Err(InvalidInput::field("patch", "give at least one operation"));
    }
    for op in ops {
        if !op.path.starts_with('/') || op.path.len() < 2 {
            return Err(InvalidInput::field(
                "path",
                format!("{:?} is not a JSON Pointer like /node_count", op.path),
            ));
        }
        if op.op != PatchKind::Remove && op.value.is_none() {
            return Err(InvalidInput::field(
                "value",
                format!("{} {} needs a value", op.op, op.path),
            ));
        }
    }
    Body::json(ops)
}

pub use crate::Link;

/// What create, update, resize and upgrade answer: the cluster's uuid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The cluster's uuid.
    pub uuid: String,
}
