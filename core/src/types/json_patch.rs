//! JSON Patch (RFC 6902) update bodies, as Glance (`images::update`) and Magnum
//! (`clusters::update`, `cluster_templates::update`) take them.
//!
//! ```
//! use ferrocloud::json_patch::{pointer, PatchOp};
//! let ops = [PatchOp::replace("/node_count", 2), PatchOp::remove(&pointer("a/b"))];
//! assert_eq!(ops[1].path, "/a~1b");
//! assert!(ferrocloud::json_patch::check(&ops).is_ok());
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::InvalidInput;

crate::string_enum! {
    /// A JSON Patch operation kind.
    pub enum PatchKind {
        /// Replace a value.
        Replace = "replace",
        /// Add a value (labels, custom properties).
        Add = "add",
        /// Remove a value (back to the default).
        Remove = "remove",
    }
}

/// One operation of a JSON Patch body (`[{"op", "path", "value"}]`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOp {
    /// What to do.
    pub op: PatchKind,
    /// A JSON Pointer, e.g. `/node_count` (build one from a key with [`pointer()`]).
    pub path: String,
    /// The new value (not for `remove`).
    pub value: Option<Value>,
}

impl PatchOp {
    /// `{"op": "replace", "path": path, "value": value}`.
    pub fn replace(path: &str, value: impl Into<Value>) -> Self {
        PatchOp {
            op: PatchKind::Replace,
            path: path.into(),
            value: Some(value.into()),
        }
    }

    /// `{"op": "add", "path": path, "value": value}`.
    pub fn add(path: &str, value: impl Into<Value>) -> Self {
        PatchOp {
            op: PatchKind::Add,
            path: path.into(),
            value: Some(value.into()),
        }
    }

    /// `{"op": "remove", "path": path}`.
    pub fn remove(path: &str) -> Self {
        PatchOp {
            op: PatchKind::Remove,
            path: path.into(),
            value: None,
        }
    }
}

/// `key` as a one-level JSON Pointer (`~` → `~0`, `/` → `~1`): `a/b` → `/a~1b`.
pub fn pointer(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Refuses empty patches, paths that are not a pointer below the root (`/x`), and
/// `add`/`replace` without a value.
pub fn check(ops: &[PatchOp]) -> Result<(), InvalidInput> {
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
    Ok(())
}
