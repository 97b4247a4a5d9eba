//! Heat stack resources (list with `nested_depth` and filters, get, metadata, signal, mark
//! unhealthy) and resource types (list, schema, template).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::orchestration::resources::{self, ListResources};
//! let heat = client.orchestration();
//! let all = heat
//!     .call(&resources::list("web", "3095aefc", &ListResources { nested_depth: Some(2), ..Default::default() }))
//!     .await?;
//! for r in &all {
//!     println!("{} {} {:?}", r.resource_name, r.resource_type, r.resource_status);
//! }
//! heat.call(&resources::mark_unhealthy("web", "3095aefc", "server", true, "disk full")).await?;
//! let schema = heat.call(&resources::type_schema("OS::Heat::RandomString")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::stacks::StackStatus;
use super::Link;
use crate::{path, query, HasStatus, InvalidInput, Op, Timestamp};

/// A stack resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resource {
    /// Name in the template.
    pub resource_name: String,
    /// Same as the name.
    pub logical_resource_id: Option<String>,
    /// The id of what it built (a server id, …), when built.
    pub physical_resource_id: Option<String>,
    /// Type, e.g. `OS::Heat::RandomString`.
    pub resource_type: String,
    /// Status, e.g. `CREATE_COMPLETE` (in a preview, only the state).
    pub resource_status: Option<String>,
    /// Why it has that status.
    pub resource_status_reason: Option<String>,
    /// Last action (in previews).
    pub resource_action: Option<String>,
    /// Resources that depend on this one.
    pub required_by: Vec<String>,
    /// Created.
    pub creation_time: Option<Timestamp>,
    /// Last updated.
    pub updated_time: Option<Timestamp>,
    /// Description.
    pub description: Option<String>,
    /// Attributes (in `get` and `with_detail` listings).
    pub attributes: Option<Map<String, Value>>,
    /// Name of the (nested) stack it belongs to.
    pub stack_name: Option<String>,
    /// Parent resource, for resources of nested stacks.
    pub parent_resource: Option<String>,
    /// Links.
    pub links: Vec<Link>,
    /// Other fields (`properties`, `metadata`, `stack_identity`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Resource {
    const KIND: &'static str = "stack resource";
    fn id(&self) -> Option<&str> {
        Some(&self.resource_name)
    }
    fn fault(&self) -> Option<&str> {
        self.resource_status_reason.as_deref()
    }
    type Status = StackStatus;
    fn status(&self) -> Option<StackStatus> {
        self.resource_status.as_deref().map(StackStatus::from)
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListResources {
    /// Include resources of nested stacks down to this depth.
    pub nested_depth: Option<u32>,
    /// Include attributes and properties.
    pub with_detail: bool,
    /// Names.
    pub name: Vec<String>,
    /// Statuses (`COMPLETE`, `FAILED`, …).
    pub status: Vec<String>,
    /// Actions (`CREATE`, …).
    pub action: Vec<String>,
    /// Types.
    pub r#type: Vec<String>,
    /// Resource ids.
    pub id: Vec<String>,
    /// Physical resource ids.
    pub physical_resource_id: Vec<String>,
}

/// `GET /stacks/{stack_name}/{stack_id}/resources` (Heat returns every resource at once).
pub fn list(stack_name: &str, stack_id: &str, filter: &ListResources) -> Op<Vec<Resource>> {
    let q = query!(
        nested_depth: filter.nested_depth,
        with_detail: filter.with_detail.then_some("true"),
    )
    .push_all("name", &filter.name)
    .push_all("status", &filter.status)
    .push_all("action", &filter.action)
    .push_all("type", &filter.r#type)
    .push_all("id", &filter.id)
    .push_all("physical_resource_id", &filter.physical_resource_id);
    Op::get(path!("stacks/{}/{}/resources", stack_name, stack_id))
        .query(q)
        .decode_key("resources")
}

/// `GET /stacks/{stack_name_or_id}/resources`: the resources of a stack known by its name
/// or its id alone. Heat answers with a 302 to the stack's own address
/// (`stacks/{name}/{id}/resources`), which the driver follows; [`list`] takes both and
/// filters.
pub fn find(stack_name_or_id: &str) -> Op<Vec<Resource>> {
    Op::get(path!("stacks/{}/resources", stack_name_or_id)).decode_key("resources")
}

/// `GET /stacks/{stack_name}/{stack_id}/resources/{resource_name}`.
pub fn get(stack_name: &str, stack_id: &str, resource_name: &str) -> Op<Resource> {
    Op::get(path!(
        "stacks/{}/{}/resources/{}",
        stack_name,
        stack_id,
        resource_name
    ))
    .decode_key("resource")
}

/// `GET …/resources/{resource_name}/metadata`.
pub fn metadata(stack_name: &str, stack_id: &str, resource_name: &str) -> Op<Map<String, Value>> {
    Op::get(path!(
        "stacks/{}/{}/resources/{}/metadata",
        stack_name,
        stack_id,
        resource_name
    ))
    .decode_key("metadata")
}

/// `POST …/resources/{resource_name}/signal` with `data` (wait conditions, scaling
/// policies, software deployments).
pub fn signal(stack_name: &str, stack_id: &str, resource_name: &str, data: &Value) -> Op<()> {
    let op = Op::post(path!(
        "stacks/{}/{}/resources/{}/signal",
        stack_name,
        stack_id,
        resource_name
    ));
    if data.is_null() {
        op
    } else {
        op.json(data)
    }
}

/// `PATCH …/resources/{resource_name}` `{"mark_unhealthy": …, "resource_status_reason": …}`:
/// marks a resource (un)healthy, so the next update replaces it.
pub fn mark_unhealthy(
    stack_name: &str,
    stack_id: &str,
    resource_name: &str,
    unhealthy: bool,
    reason: &str,
) -> Op<()> {
    #[derive(Serialize)]
    struct Mark<'a> {
        mark_unhealthy: bool,
        resource_status_reason: &'a str,
    }
    Op::patch(path!(
        "stacks/{}/{}/resources/{}",
        stack_name,
        stack_id,
        resource_name
    ))
    .json(&Mark {
        mark_unhealthy: unhealthy,
        resource_status_reason: reason,
    })
}

/// One entry of [`list_types`]: a name, or a name and description (`with_description`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ResourceTypeEntry {
    /// `"OS::Nova::Server"`.
    Name(String),
    /// `{"resource_type": …, "description": …}`.
    Described {
        /// Type name.
        resource_type: String,
        /// Description.
        #[serde(default)]
        description: Option<String>,
    },
}

impl ResourceTypeEntry {
    /// The type's name.
    pub fn name(&self) -> &str {
        match self {
            ResourceTypeEntry::Name(n) => n,
            ResourceTypeEntry::Described { resource_type, .. } => resource_type,
        }
    }
}

/// Filters of [`list_types`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListResourceTypes {
    /// Name pattern (regular expression).
    pub name: Option<String>,
    /// Heat version the type appeared in.
    pub version: Option<String>,
    /// `SUPPORTED`, `DEPRECATED`, `UNSUPPORTED`, `HIDDEN`, …
    pub support_status: Option<String>,
    /// Include descriptions.
    pub with_description: bool,
}

/// `GET /resource_types`.
pub fn list_types(filter: &ListResourceTypes) -> Op<Vec<ResourceTypeEntry>> {
    Op::get(path!("resource_types"))
        .query(query!(
            name: filter.name.as_deref(),
            version: filter.version.as_deref(),
            support_status: filter.support_status.as_deref(),
            with_description: filter.with_description.then_some("true"),
        ))
        .decode_key("resource_types")
}

/// The schema of a resource type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceTypeSchema {
    /// Type name.
    pub resource_type: String,
    /// Properties by name.
    pub properties: Map<String, Value>,
    /// Attributes by name.
    pub attributes: Map<String, Value>,
    /// Support status.
    pub support_status: Option<Map<String, Value>>,
    /// Other fields (`description`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_types/{type_name}`.
pub fn type_schema(type_name: &str) -> Op<ResourceTypeSchema> {
    Op::get(path!("resource_types/{}", type_name)).decode_body()
}

/// `GET /resource_types/{type_name}/template`: a template wrapping the type
/// (`template_type` `hot` or `cfn`, the default).
pub fn type_template(type_name: &str, template_type: Option<&str>) -> Op<Value> {
    let check = match template_type {
        Some(t) if !matches!(t, "hot" | "cfn") => {
            Err(InvalidInput::field("template_type", "hot or cfn"))
        }
        _ => Ok(()),
    };
    Op::get(path!("resource_types/{}/template", type_name))
        .query(query!(template_type: template_type))
        .check(check)
        .decode_body()
}
