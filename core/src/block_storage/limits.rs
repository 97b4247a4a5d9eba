//! Block Storage limits (`GET /limits`): the project's absolute limits and what it uses of
//! them, in one read. Every number is `-1` when unlimited.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::limits;
//! let cinder = client.block_storage();
//! let a = cinder.call(&limits::get()).await?.absolute;
//! if let (Some(used), Some(max)) = (a.total_gigabytes_used, a.max_total_volume_gigabytes) {
//!     println!("{used} of {max} GiB");
//! }
//! // An admin reads another project's (3.39+):
//! let other = cinder.call(&limits::get_for("a1b2")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Op};

/// The limits of a project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Quota limits and usage.
    #[serde(default)]
    pub absolute: AbsoluteLimits,
    /// Rate limits (always empty in current Cinder; kept as sent).
    #[serde(default)]
    pub rate: Vec<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Absolute limits and their usage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    /// Volumes allowed.
    pub max_total_volumes: Option<i64>,
    /// Volumes used.
    pub total_volumes_used: Option<i64>,
    /// Snapshots allowed.
    pub max_total_snapshots: Option<i64>,
    /// Snapshots used.
    pub total_snapshots_used: Option<i64>,
    /// Volume and snapshot GiB allowed.
    pub max_total_volume_gigabytes: Option<i64>,
    /// Volume and snapshot GiB used.
    pub total_gigabytes_used: Option<i64>,
    /// Backups allowed.
    pub max_total_backups: Option<i64>,
    /// Backups used.
    pub total_backups_used: Option<i64>,
    /// Backup GiB allowed.
    pub max_total_backup_gigabytes: Option<i64>,
    /// Backup GiB used.
    pub total_backup_gigabytes_used: Option<i64>,
    /// Other limits.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /limits`: the caller's project.
pub fn get() -> Op<Limits> {
    Op::get(path!("limits")).decode_key("limits")
}

/// `GET /limits?project_id=…` (admin, 3.39+): another project's limits.
pub fn get_for(project_id: &str) -> Op<Limits> {
    Op::get(path!("limits"))
        .query(query!(project_id: Some(project_id)))
        .microversion("3.39")
        .decode_key("limits")
}
