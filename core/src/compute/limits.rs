//! Compute limits (`GET /limits`): the project's quota limits and what it uses, in one
//! read — what a dashboard needs for "how much is left".
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::limits;
//! let limits = client.compute().call(&limits::get()).await?;
//! let a = &limits.absolute;
//! if let (Some(used), Some(max)) = (a.total_cores_used, a.max_total_cores) {
//!     println!("vCPUs: {used} of {}", if max < 0 { "unlimited".into() } else { max.to_string() });
//! }
//! // An admin reads another project's, reservations included:
//! let other = client
//!     .compute()
//!     .call(&limits::get_with(&limits::GetLimits { tenant_id: Some("a1b2".into()), reserved: true }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Op};

/// The limits of a project. Every number is `-1` when unlimited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Quota limits and usage.
    pub absolute: AbsoluteLimits,
    /// Rate limits (always empty since Nova removed them; kept as sent).
    #[serde(default)]
    pub rate: Vec<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Absolute limits and their usage. Fields marked with a microversion are gone from it on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    /// vCPUs allowed.
    pub max_total_cores: Option<i64>,
    /// vCPUs used.
    pub total_cores_used: Option<i64>,
    /// Servers allowed.
    pub max_total_instances: Option<i64>,
    /// Servers used.
    pub total_instances_used: Option<i64>,
    /// RAM allowed, MiB.
    #[serde(rename = "maxTotalRAMSize")]
    pub max_total_ram_size: Option<i64>,
    /// RAM used, MiB.
    #[serde(rename = "totalRAMUsed")]
    pub total_ram_used: Option<i64>,
    /// Key pairs allowed.
    pub max_total_keypairs: Option<i64>,
    /// Metadata items per server.
    pub max_server_meta: Option<i64>,
    /// Server groups allowed.
    pub max_server_groups: Option<i64>,
    /// Members per server group.
    pub max_server_group_members: Option<i64>,
    /// Server groups used.
    pub total_server_groups_used: Option<i64>,
    /// Metadata items per image (until 2.39).
    pub max_image_meta: Option<i64>,
    /// Injected files (until 2.57).
    pub max_personality: Option<i64>,
    /// Bytes per injected file (until 2.57).
    pub max_personality_size: Option<i64>,
    /// Security groups (nova-network proxy, until 2.36).
    pub max_security_groups: Option<i64>,
    /// Security group rules (until 2.36).
    pub max_security_group_rules: Option<i64>,
    /// Security groups used (until 2.36).
    pub total_security_groups_used: Option<i64>,
    /// Floating IPs (until 2.36).
    pub max_total_floating_ips: Option<i64>,
    /// Floating IPs used (until 2.36).
    pub total_floating_ips_used: Option<i64>,
    /// Other limits.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Options of [`get_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetLimits {
    /// Another project's limits (admin).
    pub tenant_id: Option<String>,
    /// Count reserved resources as used.
    pub reserved: bool,
}

/// `GET /limits`: the caller's project.
pub fn get() -> Op<Limits> {
    get_with(&GetLimits::default())
}

/// `GET /limits?tenant_id=…&reserved=1`.
pub fn get_with(opts: &GetLimits) -> Op<Limits> {
    Op::get(path!("limits"))
        .query(query!(tenant_id: opts.tenant_id.as_deref(), reserved: opts.reserved.then_some(1)))
        .decode_key("limits")
}
