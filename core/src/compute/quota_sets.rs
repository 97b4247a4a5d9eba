//! Compute quota sets (`/os-quota-sets`): a project's (or one of its users') quotas, their
//! detail with what is used and reserved, the defaults, update and revert to defaults;
//! and quota classes (`/os-quota-class-sets`), the defaults themselves.
//! Every number is `-1` when unlimited.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::quota_sets::{self, UpdateQuotaSet};
//! let nova = client.compute();
//! let project = "6f70656e737461636b20342065766572";
//! let detail = nova.call(&quota_sets::detail(project, None)).await?;
//! if let Some(cores) = &detail.cores {
//!     println!("vCPUs {} used, {} reserved, limit {}", cores.in_use, cores.reserved, cores.limit);
//! }
//! nova.call(&quota_sets::update(project, None, &UpdateQuotaSet { instances: Some(20), ..Default::default() }))
//!     .await?;
//! nova.call(&quota_sets::delete(project, None)).await?; // back to the defaults
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::{path, query, Op};

/// Each quota of a set, as `T`: a limit ([`QuotaSet`]) or limit, use and reservations
/// ([`QuotaSetDetail`]). Fields marked with a microversion are gone from it on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quotas<T> {
    /// The project (absent in update answers) or quota class.
    pub id: Option<String>,
    /// vCPUs.
    pub cores: Option<T>,
    /// Servers.
    pub instances: Option<T>,
    /// RAM, MiB.
    pub ram: Option<T>,
    /// Key pairs.
    pub key_pairs: Option<T>,
    /// Metadata items per server.
    pub metadata_items: Option<T>,
    /// Server groups.
    pub server_groups: Option<T>,
    /// Members per server group.
    pub server_group_members: Option<T>,
    /// Injected files (until 2.57).
    pub injected_files: Option<T>,
    /// Bytes per injected file (until 2.57).
    pub injected_file_content_bytes: Option<T>,
    /// Bytes per injected file path (until 2.57).
    pub injected_file_path_bytes: Option<T>,
    /// Fixed IPs (nova-network, until 2.36).
    pub fixed_ips: Option<T>,
    /// Floating IPs (nova-network, until 2.36).
    pub floating_ips: Option<T>,
    /// Security groups (until 2.36).
    pub security_groups: Option<T>,
    /// Security group rules (until 2.36).
    pub security_group_rules: Option<T>,
    /// Other quotas.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A quota set: the limit of each resource (`-1`: unlimited).
pub type QuotaSet = Quotas<i64>;

/// A quota set in detail: limit, use and reservations of each resource.
pub type QuotaSetDetail = Quotas<QuotaDetail>;

/// One quota in detail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaDetail {
    /// Used.
    #[serde(default)]
    pub in_use: i64,
    /// The limit.
    #[serde(default)]
    pub limit: i64,
    /// Reserved.
    #[serde(default)]
    pub reserved: i64,
}

/// The body of [`update`]: only the quotas given change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateQuotaSet {
    /// Set the limits even below what is in use already.
    #[serde(serialize_with = "force_flag")]
    pub force: Option<bool>,
    /// vCPUs.
    pub cores: Option<i64>,
    /// Servers.
    pub instances: Option<i64>,
    /// RAM, MiB.
    pub ram: Option<i64>,
    /// Key pairs.
    pub key_pairs: Option<i64>,
    /// Metadata items per server.
    pub metadata_items: Option<i64>,
    /// Server groups.
    pub server_groups: Option<i64>,
    /// Members per server group.
    pub server_group_members: Option<i64>,
    /// Injected files (until 2.57).
    pub injected_files: Option<i64>,
    /// Bytes per injected file (until 2.57).
    pub injected_file_content_bytes: Option<i64>,
    /// Bytes per injected file path (until 2.57).
    pub injected_file_path_bytes: Option<i64>,
    /// Fixed IPs (until 2.36; quota classes until 2.50).
    pub fixed_ips: Option<i64>,
    /// Floating IPs (until 2.36; quota classes until 2.50).
    pub floating_ips: Option<i64>,
    /// Security groups (until 2.36; quota classes until 2.50).
    pub security_groups: Option<i64>,
    /// Security group rules (until 2.36; quota classes until 2.50).
    pub security_group_rules: Option<i64>,
    /// Other quotas, by name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Nova documents `force` as the string `"True"`; it reads `true` as well.
fn force_flag<S: Serializer>(force: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    match force {
        Some(true) => s.serialize_str("True"),
        Some(false) => s.serialize_str("False"),
        None => s.serialize_none(),
    }
}

fn quota_path(project_id: &str) -> Result<String, crate::InvalidInput> {
    path!("os-quota-sets/{}", project_id)
}

/// `GET /os-quota-sets/{project_id}` (`user_id`: one user's quotas in it).
pub fn get(project_id: &str, user_id: Option<&str>) -> Op<QuotaSet> {
    Op::get(quota_path(project_id))
        .query(query!(user_id: user_id))
        .decode_key("quota_set")
}

/// `GET /os-quota-sets/{project_id}/detail`: limits with what is used and reserved.
pub fn detail(project_id: &str, user_id: Option<&str>) -> Op<QuotaSetDetail> {
    Op::get(path!("os-quota-sets/{}/detail", project_id))
        .query(query!(user_id: user_id))
        .decode_key("quota_set")
}

/// `GET /os-quota-sets/{project_id}/defaults`: the defaults a project starts with.
pub fn defaults(project_id: &str) -> Op<QuotaSet> {
    Op::get(path!("os-quota-sets/{}/defaults", project_id)).decode_key("quota_set")
}

/// `PUT /os-quota-sets/{project_id}` (admin): changes the quotas given.
pub fn update(project_id: &str, user_id: Option<&str>, quotas: &UpdateQuotaSet) -> Op<QuotaSet> {
    Op::put(quota_path(project_id))
        .query(query!(user_id: user_id))
        .json_under("quota_set", quotas)
        .decode_key("quota_set")
}

/// `GET /os-quota-class-sets/{class}`: the limits of a quota class (`default` is the one
/// every project starts from).
pub fn get_class(class: &str) -> Op<QuotaSet> {
    Op::get(path!("os-quota-class-sets/{}", class)).decode_key("quota_class_set")
}

/// `PUT /os-quota-class-sets/{class}` (admin): changes a class's limits (`force` does not
/// apply to classes).
pub fn update_class(class: &str, quotas: &UpdateQuotaSet) -> Op<QuotaSet> {
    Op::put(path!("os-quota-class-sets/{}", class))
        .check(crate::InvalidInput::require(
            quotas.force.is_none(),
            "force",
            "quota classes take no force flag",
        ))
        .json_under("quota_class_set", quotas)
        .decode_key("quota_class_set")
}

/// `DELETE /os-quota-sets/{project_id}` (admin): reverts to the defaults.
pub fn delete(project_id: &str, user_id: Option<&str>) -> Op<()> {
    Op::delete(quota_path(project_id)).query(query!(user_id: user_id))
}
