//! Migrations (`/os-migrations`, admin): resizes, cold and live migrations and
//! evacuations, with filters; pages by links from 2.59.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::migrations::{self, ListMigrations};
//! let nova = client.compute().microversion("2.80");
//! let failed = nova
//!     .collect_all(migrations::list(&ListMigrations { status: Some("error".into()), ..Default::default() }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Link, List, Paging, Timestamp};

/// A migration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Migration {
    /// Id.
    pub id: u64,
    /// UUID (2.59).
    pub uuid: Option<String>,
    /// The server.
    pub instance_uuid: Option<String>,
    /// `migration`, `resize`, `live-migration`, `evacuation` (2.23).
    pub migration_type: Option<String>,
    /// `queued`, `migrating`, `finished`, `error`, `confirmed`, …
    pub status: Option<String>,
    /// Source compute host.
    pub source_compute: Option<String>,
    /// Source node.
    pub source_node: Option<String>,
    /// Destination compute host.
    pub dest_compute: Option<String>,
    /// Destination node.
    pub dest_node: Option<String>,
    /// Destination host IP.
    pub dest_host: Option<String>,
    /// Flavor before (id).
    pub old_instance_type_id: Option<u64>,
    /// Flavor after (id).
    pub new_instance_type_id: Option<u64>,
    /// Who started it (2.80).
    pub user_id: Option<String>,
    /// Their project (2.80).
    pub project_id: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Last changed.
    pub updated_at: Option<Timestamp>,
    /// Links (2.23: the server's migration, while in progress).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListMigrations {
    /// Only this server's.
    pub instance_uuid: Option<String>,
    /// Only this type (`migration`, `resize`, `live-migration`, `evacuation`).
    pub migration_type: Option<String>,
    /// Only this status.
    pub status: Option<String>,
    /// Only from or to this host.
    pub host: Option<String>,
    /// Only in this cell (`source_compute`'s region).
    pub source_compute: Option<String>,
    /// Only started by this user (2.80).
    pub user_id: Option<String>,
    /// Only in this project (2.80).
    pub project_id: Option<String>,
    /// Changed since (2.59).
    pub changes_since: Option<Timestamp>,
    /// Changed before (2.66).
    pub changes_before: Option<Timestamp>,
    /// At most this many per page (2.59).
    pub limit: Option<u32>,
    /// Start after this migration UUID (2.59).
    pub marker: Option<String>,
}

/// `GET /os-migrations` (newest first; every page).
pub fn list(f: &ListMigrations) -> List<Migration> {
    List::new(path!("os-migrations"), "migrations", Paging::Linked).query(query!(
        instance_uuid: f.instance_uuid.as_deref(),
        migration_type: f.migration_type.as_deref(),
        status: f.status.as_deref(),
        host: f.host.as_deref(),
        source_compute: f.source_compute.as_deref(),
        user_id: f.user_id.as_deref(),
        project_id: f.project_id.as_deref(),
        "changes-since": f.changes_since.as_ref(),
        "changes-before": f.changes_before.as_ref(),
        limit: f.limit,
        marker: f.marker.as_deref(),
    ))
}
