//! Server groups (`/os-server-groups`): affinity and anti-affinity policies for the
//! servers created in them (the `group` scheduler hint of a server create).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_groups::{self, CreateServerGroup, Policy, Rules};
//! let nova = client.compute();
//! let group = nova
//!     .call(&server_groups::create(&CreateServerGroup {
//!         name: "web".into(),
//!         policy: Policy::AntiAffinity,
//!         rules: Some(Rules { max_server_per_host: Some(2) }),
//!     }))
//!     .await?;
//! let all = nova.call(&server_groups::list(&Default::default())).await?;
//! nova.call(&server_groups::delete(&group.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Find, Op};

crate::string_enum! {
    /// A server group policy.
    pub enum Policy {
        /// Same host.
        Affinity = "affinity",
        /// Different hosts.
        AntiAffinity = "anti-affinity",
        /// Same host if possible (2.15).
        SoftAffinity = "soft-affinity",
        /// Different hosts if possible (2.15).
        SoftAntiAffinity = "soft-anti-affinity",
    }
}

/// Rules of an anti-affinity group (2.64).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// At most this many members on one host.
    pub max_server_per_host: Option<u32>,
}

/// A server group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerGroup {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The policy (2.64 on).
    pub policy: Option<Policy>,
    /// The policies (until 2.64: always one).
    pub policies: Option<Vec<Policy>>,
    /// The rules (2.64 on).
    pub rules: Option<Rules>,
    /// Member server ids.
    #[serde(default)]
    pub members: Vec<String>,
    /// Metadata (until 2.64; always empty).
    pub metadata: Option<Map<String, Value>>,
    /// Owner project (2.13 on).
    pub project_id: Option<String>,
    /// Owner user (2.13 on).
    pub user_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ServerGroup {
    /// The policy, from whichever field the microversion used.
    pub fn effective_policy(&self) -> Option<&Policy> {
        self.policy
            .as_ref()
            .or_else(|| self.policies.as_ref()?.first())
    }
}

/// The body of [`create`] (microversion 2.64: one policy and its rules).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateServerGroup {
    /// Name.
    pub name: String,
    /// Policy.
    pub policy: Policy,
    /// Rules (anti-affinity only).
    pub rules: Option<Rules>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListServerGroups {
    /// Every project's groups (admin).
    pub all_projects: bool,
    /// At most this many.
    pub limit: Option<u32>,
    /// Skip this many.
    pub offset: Option<u32>,
}

/// `GET /os-server-groups` (one page: Nova pages these by `limit`/`offset`).
pub fn list(filter: &ListServerGroups) -> Op<Vec<ServerGroup>> {
    Op::get(path!("os-server-groups"))
        .query(query!(
            all_projects: filter.all_projects.then_some("True"),
            limit: filter.limit,
            offset: filter.offset,
        ))
        .decode_key("server_groups")
}

/// `GET /os-server-groups/{id}`.
pub fn get(id: &str) -> Op<ServerGroup> {
    Op::get(path!("os-server-groups/{}", id)).decode_key("server_group")
}

/// A server group by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<ServerGroup> {
    Find::new(
        "server group",
        name_or_id,
        get(name_or_id),
        list(&ListServerGroups::default()),
    )
}

crate::named!(ServerGroup);

/// `POST /os-server-groups` at microversion 2.64 (`policy` and `rules`).
pub fn create(group: &CreateServerGroup) -> Op<ServerGroup> {
    Op::post(path!("os-server-groups"))
        .json_under("server_group", group)
        .microversion("2.64")
        .decode_key("server_group")
}

/// `POST /os-server-groups` in the form before 2.64 (`policies`, one of them), at the
/// handle's microversion; soft policies need 2.15.
pub fn create_legacy(name: &str, policy: Policy) -> Op<ServerGroup> {
    #[derive(Serialize)]
    struct Legacy<'a> {
        name: &'a str,
        policies: [Policy; 1],
    }
    Op::post(path!("os-server-groups"))
        .json_under(
            "server_group",
            &Legacy {
                name,
                policies: [policy],
            },
        )
        .decode_key("server_group")
}

/// `DELETE /os-server-groups/{id}`.
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("os-server-groups/{}", id))
}
