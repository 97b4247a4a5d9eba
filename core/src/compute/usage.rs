//! Simple tenant usage (`/os-simple-tenant-usage`): vCPU, RAM and disk hours of servers
//! over a period, for every project (admin) or one. Pages by links from 2.40.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::usage::{self, UsageOpts};
//! use ferrocloud::Timestamp;
//! let nova = client.compute().microversion("2.40");
//! let period = UsageOpts {
//!     start: Some("2026-11-01T00:00:00Z".parse::<Timestamp>().expect("a time")),
//!     end: Some("2026-12-01T00:00:00Z".parse::<Timestamp>().expect("a time")),
//!     ..Default::default()
//! };
//! for project in nova.collect_all(usage::all(&period)).await? {
//!     println!("{:?}: {:?} vCPU hours", project.tenant_id, project.total_vcpus_usage);
//! }
//! let mine = nova.call(&usage::single("6f70656e737461636b20342065766572", &period)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Link, List, Op, Paging, Timestamp};

/// The usage of one project over the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TenantUsage {
    /// The project.
    pub tenant_id: Option<String>,
    /// Period start.
    pub start: Option<Timestamp>,
    /// Period end.
    pub stop: Option<Timestamp>,
    /// Server hours.
    pub total_hours: Option<f64>,
    /// vCPU hours.
    pub total_vcpus_usage: Option<f64>,
    /// RAM MiB-hours.
    pub total_memory_mb_usage: Option<f64>,
    /// Disk GiB-hours.
    pub total_local_gb_usage: Option<f64>,
    /// Per server (`detailed`, or a single project).
    pub server_usages: Option<Vec<ServerUsage>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One server's usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerUsage {
    /// Server id.
    pub instance_id: Option<String>,
    /// Server name.
    pub name: Option<String>,
    /// Flavor name.
    pub flavor: Option<String>,
    /// Hours in the period.
    pub hours: Option<f64>,
    /// vCPUs.
    pub vcpus: Option<u32>,
    /// RAM, MiB.
    pub memory_mb: Option<u64>,
    /// Disk, GiB.
    pub local_gb: Option<u64>,
    /// State (`active`, `terminated`, …).
    pub state: Option<String>,
    /// Project.
    pub tenant_id: Option<String>,
    /// Started.
    pub started_at: Option<Timestamp>,
    /// Ended (`None` while it runs).
    pub ended_at: Option<Timestamp>,
    /// Seconds up.
    pub uptime: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One page of a single project's usage: its server usages page by `links` (2.40).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TenantUsagePage {
    /// The usage (this page's servers).
    pub tenant_usage: TenantUsage,
    /// `next` when more servers follow (take its `marker` for the next call).
    #[serde(default)]
    pub tenant_usage_links: Vec<Link>,
}

/// The period and paging of a usage read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageOpts {
    /// Period start (default: the server's choice, 4 weeks back).
    pub start: Option<Timestamp>,
    /// Period end (default: now).
    pub end: Option<Timestamp>,
    /// Include server usages ([`all`]).
    pub detailed: bool,
    /// At most this many per page (2.40).
    pub limit: Option<u32>,
    /// Start after this server id (2.40).
    pub marker: Option<String>,
}

fn params(o: &UsageOpts) -> crate::Query {
    // Nova reads naive ISO 8601 times (no zone); they are UTC.
    let naive = |t: &Timestamp| t.to_string().trim_end_matches('Z').to_owned();
    query!(
        start: o.start.as_ref().map(naive),
        end: o.end.as_ref().map(naive),
        detailed: o.detailed.then_some(1),
        limit: o.limit,
        marker: o.marker.as_deref(),
    )
}

/// `GET /os-simple-tenant-usage` (admin): every project's usage (every page).
pub fn all(opts: &UsageOpts) -> List<TenantUsage> {
    List::new(
        path!("os-simple-tenant-usage"),
        "tenant_usages",
        Paging::Linked,
    )
    .query(params(opts))
}

/// `GET /os-simple-tenant-usage/{project_id}`: one project's usage, one page of servers.
pub fn single(project_id: &str, opts: &UsageOpts) -> Op<TenantUsagePage> {
    Op::get(path!("os-simple-tenant-usage/{}", project_id))
        .query(params(&UsageOpts {
            detailed: false,
            ..opts.clone()
        }))
        .decode_body()
}
