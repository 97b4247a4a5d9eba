//! Magnum statistics: how many clusters and nodes a project (or, for an admin, the cloud)
//! has.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::stats;
//! let s = client.container_infra().call(&stats::get(None)).await?;
//! println!("{} clusters, {} nodes", s.clusters, s.nodes);
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::{path, query, Op};

/// Cluster and node counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stats {
    /// Clusters.
    pub clusters: u64,
    /// Nodes (masters and workers).
    pub nodes: u64,
}

/// `GET /v1/stats`: the caller's project, or `project_id`'s (another project's needs
/// admin; an admin without `project_id` gets the whole cloud's).
pub fn get(project_id: Option<&str>) -> Op<Stats> {
    Op::get(path!("stats"))
        .query(query!(project_id: project_id))
        .decode_body()
}
