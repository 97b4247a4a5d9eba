//! Neutron security groups (`/v2.0/security-groups`): stateful or stateless, with their
//! rules embedded in every response (manage rules with
//! [`security_group_rules`](super::security_group_rules)).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::security_groups::{self, CreateSecurityGroup, ListSecurityGroups, UpdateSecurityGroup};
//! let neutron = client.network();
//! let sg = neutron
//!     .call(&security_groups::create(&CreateSecurityGroup {
//!         name: "web".into(),
//!         description: Some("HTTP in".into()),
//!         stateful: Some(true),
//!         ..Default::default()
//!     }))
//!     .await?;
//! // Neutron adds the two egress rules itself.
//! assert!(sg.security_group_rules.iter().all(|r| r.security_group_id == sg.id));
//! neutron
//!     .call(&security_groups::update(&sg.id, &UpdateSecurityGroup { name: Some("web-1".into()), ..Default::default() }))
//!     .await?;
//! let named = neutron
//!     .collect_all(security_groups::list(&ListSecurityGroups { name: Some("web-1".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&security_groups::delete(&sg.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::security_group_rules::SecurityGroupRule;
use super::shared;
use crate::{query, Find, List, ListCommon, Op, Tags, Timestamp};

/// A security group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// Security group id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Stateful (connection tracking) or stateless.
    pub stateful: Option<bool>,
    /// Shared with this project through RBAC.
    pub shared: Option<bool>,
    /// Set on rules; some releases also show it on the group.
    pub belongs_to_default_sg: Option<bool>,
    /// Its rules.
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRule>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Revision.
    #[serde(default)]
    pub revision_number: u64,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSecurityGroup {
    /// Name (required; `default` is reserved).
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Stateful (default true).
    pub stateful: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
}

/// The body of [`update`] (`None` leaves a field as it is; none is nullable).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSecurityGroup {
    /// Name.
    pub name: Option<String>,
    /// Description (`""` clears it).
    pub description: Option<String>,
    /// Stateful (only while no port uses the group).
    pub stateful: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSecurityGroups {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Stateful.
    pub stateful: Option<bool>,
    /// Shared.
    pub shared: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name, still accepted).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "security-groups",
    one: "security_group",
    many: "security_groups",
};

/// The tags of security groups.
pub const TAGS: Tags = shared::tags("security-groups");

/// `GET /v2.0/security-groups`, paged through `security_groups_links`.
pub fn list(f: &ListSecurityGroups) -> List<SecurityGroup> {
    let q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        stateful: f.stateful,
        shared: f.shared,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
        revision_number: f.revision_number,
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/security-groups/{security_group_id}`.
pub fn get(security_group_id: &str) -> Op<SecurityGroup> {
    RESOURCE.get(security_group_id)
}

/// A security group by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<SecurityGroup> {
    RESOURCE.find("security group", name_or_id)
}

crate::named!(SecurityGroup);

/// `POST /v2.0/security-groups`.
pub fn create(group: &CreateSecurityGroup) -> Op<SecurityGroup> {
    RESOURCE.create(Ok(()), group)
}

/// `PUT /v2.0/security-groups/{security_group_id}`.
pub fn update(security_group_id: &str, update: &UpdateSecurityGroup) -> Op<SecurityGroup> {
    RESOURCE.update(security_group_id, update)
}

/// `DELETE /v2.0/security-groups/{security_group_id}` (409 while ports use it).
pub fn delete(security_group_id: &str) -> Op<()> {
    RESOURCE.delete(security_group_id)
}
