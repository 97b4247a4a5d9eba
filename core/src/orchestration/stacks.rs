//! Heat stacks: list with filters, create, preview, get (by name or id, following Heat's
//! redirect; or by name and id), find, update (`PUT`) and patch-update (`PATCH`), update
//! preview, delete, abandon/adopt, export, actions (suspend, resume, check, cancel update,
//! cancel without rollback), outputs, template, environment, files and snapshots.
//!
//! [`Stack`] implements [`HasStatus`] (`stack_status`), so waiting works:
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::orchestration::stacks::{self, CreateStack};
//! use ferrocloud::orchestration::Template;
//! use ferrocloud::Wait;
//! let heat = client.orchestration();
//! let created = heat
//!     .call(&stacks::create(&CreateStack {
//!         stack_name: "demo".into(),
//!         template: Template::text("heat_template_version: 2018-08-31\nresources:\n  r:\n    type: OS::Heat::None\n"),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let stack = heat
//!     .wait_for_status(&stacks::get(&created.id), &[stacks::StackStatus::CreateComplete], &[stacks::StackStatus::CreateFailed], Wait::default())
//!     .await?;
//! // The stack's name and id address every other call; `stacks::locate(id)` finds both.
//! heat.call(&stacks::suspend(&stack.stack_name, &stack.id)).await?;
//! heat.call(&stacks::delete(&stack.stack_name, &stack.id)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::resources::Resource;
use super::{Environment, Files, Link, Template};
use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::{path, query, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

/// A stack.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub stack_name: String,
    /// Status, e.g. `CREATE_COMPLETE` (action and state joined).
    pub stack_status: Option<String>,
    /// Why it has that status.
    pub stack_status_reason: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The template's description.
    pub template_description: Option<String>,
    /// When it was created.
    pub creation_time: Option<Timestamp>,
    /// When it was last updated.
    pub updated_time: Option<Timestamp>,
    /// When it was deleted.
    pub deletion_time: Option<Timestamp>,
    /// Whether a failed create/update is not rolled back.
    pub disable_rollback: Option<bool>,
    /// Timeout in minutes.
    pub timeout_mins: Option<u32>,
    /// Parameter values (including `OS::stack_id` and friends).
    #[serde(default)]
    pub parameters: Map<String, Value>,
    /// Outputs (in `get`; with `resolve_outputs`).
    #[serde(default)]
    pub outputs: Vec<Output>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Parent stack id of a nested stack.
    pub parent: Option<String>,
    /// Owner's user name.
    pub stack_owner: Option<String>,
    /// Project of the stack's domain users.
    pub stack_user_project_id: Option<String>,
    /// Capabilities.
    #[serde(default)]
    pub capabilities: Vec<Value>,
    /// Notification topics.
    #[serde(default)]
    pub notification_topics: Vec<Value>,
    /// Resources (in a preview).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<Resource>>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields (`project`, `deletion_time`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::string_enum! {
    /// A stack's or resource's `{action}_{status}` (`CREATE_COMPLETE`, `UPDATE_FAILED`, …); anything newer reads as `Other`.
    pub enum StackStatus {
        /// `CREATE_IN_PROGRESS`.
        CreateInProgress = "CREATE_IN_PROGRESS",
        /// `CREATE_COMPLETE`.
        CreateComplete = "CREATE_COMPLETE",
        /// `CREATE_FAILED`.
        CreateFailed = "CREATE_FAILED",
        /// `UPDATE_IN_PROGRESS`.
        UpdateInProgress = "UPDATE_IN_PROGRESS",
        /// `UPDATE_COMPLETE`.
        UpdateComplete = "UPDATE_COMPLETE",
        /// `UPDATE_FAILED`.
        UpdateFailed = "UPDATE_FAILED",
        /// `DELETE_IN_PROGRESS`.
        DeleteInProgress = "DELETE_IN_PROGRESS",
        /// `DELETE_COMPLETE`.
        DeleteComplete = "DELETE_COMPLETE",
        /// `DELETE_FAILED`.
        DeleteFailed = "DELETE_FAILED",
        /// `ROLLBACK_IN_PROGRESS`.
        RollbackInProgress = "ROLLBACK_IN_PROGRESS",
        /// `ROLLBACK_COMPLETE`.
        RollbackComplete = "ROLLBACK_COMPLETE",
        /// `ROLLBACK_FAILED`.
        RollbackFailed = "ROLLBACK_FAILED",
        /// `SUSPEND_IN_PROGRESS`.
        SuspendInProgress = "SUSPEND_IN_PROGRESS",
        /// `SUSPEND_COMPLETE`.
        SuspendComplete = "SUSPEND_COMPLETE",
        /// `SUSPEND_FAILED`.
        SuspendFailed = "SUSPEND_FAILED",
        /// `RESUME_IN_PROGRESS`.
        ResumeInProgress = "RESUME_IN_PROGRESS",
        /// `RESUME_COMPLETE`.
        ResumeComplete = "RESUME_COMPLETE",
        /// `RESUME_FAILED`.
        ResumeFailed = "RESUME_FAILED",
        /// `CHECK_IN_PROGRESS`.
        CheckInProgress = "CHECK_IN_PROGRESS",
        /// `CHECK_COMPLETE`.
        CheckComplete = "CHECK_COMPLETE",
        /// `CHECK_FAILED`.
        CheckFailed = "CHECK_FAILED",
        /// `SNAPSHOT_IN_PROGRESS`.
        SnapshotInProgress = "SNAPSHOT_IN_PROGRESS",
        /// `SNAPSHOT_COMPLETE`.
        SnapshotComplete = "SNAPSHOT_COMPLETE",
        /// `SNAPSHOT_FAILED`.
        SnapshotFailed = "SNAPSHOT_FAILED",
        /// `ADOPT_IN_PROGRESS`.
        AdoptInProgress = "ADOPT_IN_PROGRESS",
        /// `ADOPT_COMPLETE`.
        AdoptComplete = "ADOPT_COMPLETE",
        /// `ADOPT_FAILED`.
        AdoptFailed = "ADOPT_FAILED",
        /// `RESTORE_IN_PROGRESS`.
        RestoreInProgress = "RESTORE_IN_PROGRESS",
        /// `RESTORE_COMPLETE`.
        RestoreComplete = "RESTORE_COMPLETE",
        /// `RESTORE_FAILED`.
        RestoreFailed = "RESTORE_FAILED",
        /// `INIT_COMPLETE`.
        InitComplete = "INIT_COMPLETE",
    }
}

crate::string_enum! {
    /// How far an action on a stack snapshot got.
    pub enum Progress {
        /// `IN_PROGRESS`.
        InProgress = "IN_PROGRESS",
        /// `COMPLETE`.
        Complete = "COMPLETE",
        /// `FAILED`.
        Failed = "FAILED",
    }
}

impl HasStatus for Stack {
    const KIND: &'static str = "stack";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn fault(&self) -> Option<&str> {
        self.stack_status_reason.as_deref()
    }
    type Status = StackStatus;
    fn status(&self) -> Option<StackStatus> {
        self.stack_status.as_deref().map(StackStatus::from)
    }
}

/// An output of a stack.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Output {
    /// Key.
    pub output_key: String,
    /// Value (absent in the outputs list).
    pub output_value: Option<Value>,
    /// Description.
    pub description: Option<String>,
    /// Why the value could not be resolved.
    pub output_error: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What [`create`] and [`adopt`] answer: the new stack's id and links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreatedStack {
    /// Id.
    pub id: String,
    /// Links (`self` is `…/stacks/{name}/{id}`).
    #[serde(default)]
    pub links: Vec<Link>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListStacks {
    /// Stack id.
    pub id: Option<String>,
    /// Stack names.
    pub name: Vec<String>,
    /// Statuses (e.g. `COMPLETE`, `FAILED`).
    pub status: Vec<String>,
    /// Actions (e.g. `CREATE`, `UPDATE`).
    pub action: Vec<String>,
    /// Project (admin).
    pub tenant: Option<String>,
    /// Owner's user name.
    pub username: Option<String>,
    /// Parent stack id.
    pub owner_id: Option<String>,
    /// Every project's stacks (admin).
    pub global_tenant: bool,
    /// Include deleted stacks.
    pub show_deleted: bool,
    /// Include nested stacks.
    pub show_nested: bool,
    /// Include hidden stacks.
    pub show_hidden: bool,
    /// Sorting (`stack_name`, `stack_status`, `creation_time`, `updated_time`; one
    /// direction for every key), paging, tag filters and extra filters. Heat does not
    /// select fields or page backwards.
    pub common: ListCommon,
}

/// How Heat's stack list spells [`ListCommon`] (`sort_keys`, `tags_any`, …; Heat
/// silently ignores names it does not know, so the spelling matters).
const LIST_STYLE: ListStyle = ListStyle {
    service: "Heat's stack list",
    sort: SortStyle::SharedDir,
    tags: TagStyle::Underscored,
    fields: false,
    page_reverse: false,
};

/// The body of [`create`] and [`preview`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateStack {
    /// Name (letters, digits, `_`, `-`, `.`; starts with a letter).
    pub stack_name: String,
    /// The template.
    #[serde(flatten)]
    pub template: Template,
    /// Files the template refers to.
    pub files: Option<Files>,
    /// Environment (object or YAML text).
    pub environment: Option<Value>,
    /// Environment files, by name in `files`, applied in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment_files: Vec<String>,
    /// Parameter values.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value>,
    /// Keep what was built when creation fails (default `true` in Heat).
    pub disable_rollback: Option<bool>,
    /// Timeout in minutes.
    pub timeout_mins: Option<u32>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "comma_list")]
    pub tags: Vec<String>,
}

/// The body of [`update`] (`PUT`: replaces template and parameters) and [`patch_update`]
/// (`PATCH`: keeps what is not given, including the template).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateStack {
    /// The new template (required by `PUT`; `None` with `PATCH` keeps the current one).
    #[serde(flatten)]
    pub template: Option<Template>,
    /// Files the template refers to.
    pub files: Option<Files>,
    /// Environment.
    pub environment: Option<Value>,
    /// Environment files, by name in `files`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment_files: Vec<String>,
    /// Parameter values.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value>,
    /// Parameters to reset to their defaults (`PATCH`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clear_parameters: Vec<String>,
    /// Keep what was changed when the update fails.
    pub disable_rollback: Option<bool>,
    /// Timeout in minutes.
    pub timeout_mins: Option<u32>,
    /// Replace the tags.
    #[serde(serialize_with = "opt_comma_list")]
    pub tags: Option<Vec<String>>,
    /// Only change the stack's state (no resource changes; `converge`).
    pub converge: Option<bool>,
}

/// The body of [`adopt`]: create a stack from resources abandoned elsewhere.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AdoptStack {
    /// Name.
    pub stack_name: String,
    /// The data [`abandon`] returned.
    pub adopt_stack_data: Value,
    /// Timeout in minutes.
    pub timeout_mins: Option<u32>,
    /// Disable rollback.
    pub disable_rollback: Option<bool>,
    /// Parameter values.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value>,
    /// Environment.
    pub environment: Option<Value>,
    /// Files.
    pub files: Option<Files>,
}

/// A stack's data as [`abandon`] and [`export`] return it (and [`adopt`] takes it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StackData {
    /// Stack id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Last action.
    pub action: Option<String>,
    /// Status of the last action.
    pub status: Option<String>,
    /// Project.
    pub project_id: Option<String>,
    /// Template.
    pub template: Value,
    /// Environment.
    pub environment: Option<Environment>,
    /// Files.
    pub files: Option<Files>,
    /// Resources by name.
    pub resources: Map<String, Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What an update preview reports, by kind of change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdatePreview {
    /// Resources left alone.
    pub unchanged: Vec<Value>,
    /// Resources updated in place.
    pub updated: Vec<Value>,
    /// Resources replaced.
    pub replaced: Vec<Value>,
    /// Resources added.
    pub added: Vec<Value>,
    /// Resources deleted.
    pub deleted: Vec<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn comma_list<S: serde::Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.join(","))
}

fn opt_comma_list<S: serde::Serializer>(v: &Option<Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => comma_list(v, s),
        None => s.serialize_none(),
    }
}

fn check_name(name: &str) -> Result<(), InvalidInput> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok && name.len() <= 255 {
        Ok(())
    } else {
        Err(InvalidInput::field(
            "stack_name",
            format!("{name:?}: a stack name starts with a letter and holds letters, digits, '_', '-' or '.'"),
        ))
    }
}

impl CreateStack {
    fn check(&self) -> Result<(), InvalidInput> {
        check_name(&self.stack_name)?;
        self.template.check()
    }
}

/// `GET /stacks`.
pub fn list(filter: &ListStacks) -> List<Stack> {
    let flag = |b: bool| b.then_some("true");
    let q = query!(
        id: filter.id.as_deref(),
        tenant: filter.tenant.as_deref(),
        username: filter.username.as_deref(),
        owner_id: filter.owner_id.as_deref(),
        global_tenant: flag(filter.global_tenant),
        show_deleted: flag(filter.show_deleted),
        show_nested: flag(filter.show_nested),
        show_hidden: flag(filter.show_hidden),
    )
    .push_all("name", &filter.name)
    .push_all("status", &filter.status)
    .push_all("action", &filter.action);
    List::new(path!("stacks"), "stacks", Paging::Linked)
        .check(LIST_STYLE.check(&filter.common))
        .query(LIST_STYLE.encode(&filter.common, q))
}

/// `POST /stacks`: starts creating; wait for `CREATE_COMPLETE` with [`get`] and the
/// answer's id alone.
pub fn create(stack: &CreateStack) -> Op<CreatedStack> {
    Op::post(path!("stacks"))
        .check(stack.check())
        .json(stack)
        .decode_key("stack")
}

/// `POST /stacks/preview`: what `create` would build, without building it.
pub fn preview(stack: &CreateStack) -> Op<Stack> {
    Op::post(path!("stacks/preview"))
        .check(stack.check())
        .json(stack)
        .decode_key("stack")
}

/// `GET /stacks/{name_or_id}`: Heat redirects to `stacks/{name}/{id}`, which the driver
/// follows. The same call finds a stack by name or by id.
pub fn get(name_or_id: &str) -> Op<Stack> {
    Op::get(path!("stacks/{}", name_or_id)).decode_key("stack")
}

/// Same as [`get`]: find a stack by name or id.
pub fn find(name_or_id: &str) -> Op<Stack> {
    get(name_or_id)
}

/// `GET /stacks/{name_or_id}?resolve_outputs=false`: the stack's canonical address (its
/// `stack_name` and `id`) from either one, without evaluating its outputs. The calls on
/// one stack (update, delete, actions, outputs, …) take both name and id, as Heat's API
/// does; when you hold only one (the create answer holds only the id), locate the stack
/// first. Heat answers with a 302 to `stacks/{name}/{id}`, which the driver follows.
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(heat: ferrocloud::Service<T>, id: &str) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::orchestration::stacks;
/// let stack = heat.call(&stacks::locate(id)).await?;
/// heat.call(&stacks::delete(&stack.stack_name, &stack.id)).await?;
/// # Ok(()) }
/// ```
pub fn locate(name_or_id: &str) -> Op<Stack> {
    Op::get(path!("stacks/{}", name_or_id))
        .query(query!(resolve_outputs: Some("false")))
        .decode_key("stack")
}

/// `GET /stacks/{stack_name}/{stack_id}`.
pub fn get_by(stack_name: &str, stack_id: &str) -> Op<Stack> {
    Op::get(path!("stacks/{}/{}", stack_name, stack_id)).decode_key("stack")
}

/// `PUT /stacks/{stack_name}/{stack_id}`: replaces template and parameters (202).
pub fn update(stack_name: &str, stack_id: &str, update: &UpdateStack) -> Op<()> {
    let check = match &update.template {
        None => Err(InvalidInput::field(
            "template",
            "PUT needs a template (or use patch_update)",
        )),
        Some(t) => t.check(),
    };
    Op::put(path!("stacks/{}/{}", stack_name, stack_id))
        .check(check)
        .json(update)
}

/// `PATCH /stacks/{stack_name}/{stack_id}`: changes only what is given (202).
pub fn patch_update(stack_name: &str, stack_id: &str, update: &UpdateStack) -> Op<()> {
    let check = update.template.as_ref().map_or(Ok(()), |t| t.check());
    Op::patch(path!("stacks/{}/{}", stack_name, stack_id))
        .check(check)
        .json(update)
}

/// `PUT /stacks/{stack_name}/{stack_id}/preview` (or `PATCH` with `patch = true`): what an
/// update would change.
pub fn preview_update(
    stack_name: &str,
    stack_id: &str,
    update: &UpdateStack,
    patch: bool,
) -> Op<UpdatePreview> {
    let path = path!("stacks/{}/{}/preview", stack_name, stack_id);
    let op = if patch {
        Op::patch(path)
    } else {
        Op::put(path)
    };
    op.json(update).decode_with(decode_preview)
}

/// Heat wraps the changes in `resource_changes`; the API reference shows them bare.
fn decode_preview(resp: http::Response<bytes::Bytes>) -> crate::Result<UpdatePreview> {
    #[derive(Deserialize)]
    struct Wrapped {
        resource_changes: UpdatePreview,
    }
    let what = "update preview response";
    match crate::request::op::decode_json::<Wrapped>(what, resp.body()) {
        Ok(w) => Ok(w.resource_changes),
        Err(_) => crate::request::op::decode_json(what, resp.body()),
    }
}

/// `DELETE /stacks/{stack_name}/{stack_id}` (204; deletion continues in the background).
///
/// Heat keeps answering `GET` for a deleted stack with `stack_status` `DELETE_COMPLETE`
/// rather than 404, so wait with
/// `wait_for_status(&get_by(..), &[StackStatus::DeleteComplete], &[StackStatus::DeleteFailed], wait)`,
/// not `wait_for_deleted`.
pub fn delete(stack_name: &str, stack_id: &str) -> Op<()> {
    Op::delete(path!("stacks/{}/{}", stack_name, stack_id))
}

/// `DELETE /stacks/{stack_name}/{stack_id}/abandon`: deletes the stack but keeps its
/// resources, returning the data [`adopt`] takes (needs `enable_stack_abandon` in Heat).
pub fn abandon(stack_name: &str, stack_id: &str) -> Op<StackData> {
    Op::delete(path!("stacks/{}/{}/abandon", stack_name, stack_id)).decode_body()
}

/// `GET /stacks/{stack_name}/{stack_id}/export`: the stack's data, as `abandon` would.
pub fn export(stack_name: &str, stack_id: &str) -> Op<StackData> {
    Op::get(path!("stacks/{}/{}/export", stack_name, stack_id)).decode_body()
}

/// `POST /stacks` with `adopt_stack_data` (needs `enable_stack_adopt` in Heat).
pub fn adopt(stack: &AdoptStack) -> Op<CreatedStack> {
    Op::post(path!("stacks"))
        .check(check_name(&stack.stack_name))
        .json(stack)
        .decode_key("stack")
}

fn action(stack_name: &str, stack_id: &str, name: &'static str) -> Op<()> {
    Op::action(
        path!("stacks/{}/{}/actions", stack_name, stack_id),
        name,
        &(),
    )
}

/// `POST …/actions` `{"suspend": null}`.
pub fn suspend(stack_name: &str, stack_id: &str) -> Op<()> {
    action(stack_name, stack_id, "suspend")
}

/// `POST …/actions` `{"resume": null}`.
pub fn resume(stack_name: &str, stack_id: &str) -> Op<()> {
    action(stack_name, stack_id, "resume")
}

/// `POST …/actions` `{"check": null}`: checks every resource.
pub fn check(stack_name: &str, stack_id: &str) -> Op<()> {
    action(stack_name, stack_id, "check")
}

/// `POST …/actions` `{"cancel_update": null}`: cancels an update and rolls back.
pub fn cancel_update(stack_name: &str, stack_id: &str) -> Op<()> {
    action(stack_name, stack_id, "cancel_update")
}

/// `POST …/actions` `{"cancel_without_rollback": null}`: cancels a create or update as is.
pub fn cancel_without_rollback(stack_name: &str, stack_id: &str) -> Op<()> {
    action(stack_name, stack_id, "cancel_without_rollback")
}

/// `GET /stacks/{stack_name}/{stack_id}/outputs`: keys and descriptions.
pub fn outputs(stack_name: &str, stack_id: &str) -> Op<Vec<Output>> {
    Op::get(path!("stacks/{}/{}/outputs", stack_name, stack_id)).decode_key("outputs")
}

/// `GET /stacks/{stack_name}/{stack_id}/outputs/{output_key}`: one output, resolved.
pub fn output(stack_name: &str, stack_id: &str, key: &str) -> Op<Output> {
    Op::get(path!("stacks/{}/{}/outputs/{}", stack_name, stack_id, key)).decode_key("output")
}

/// `GET /stacks/{stack_name}/{stack_id}/template`.
pub fn template(stack_name: &str, stack_id: &str) -> Op<Value> {
    Op::get(path!("stacks/{}/{}/template", stack_name, stack_id)).decode_body()
}

/// `GET /stacks/{stack_name}/{stack_id}/environment`.
pub fn environment(stack_name: &str, stack_id: &str) -> Op<Environment> {
    Op::get(path!("stacks/{}/{}/environment", stack_name, stack_id)).decode_body()
}

/// `GET /stacks/{stack_name}/{stack_id}/files`.
pub fn files(stack_name: &str, stack_id: &str) -> Op<Files> {
    Op::get(path!("stacks/{}/{}/files", stack_name, stack_id)).decode_body()
}

/// A stack snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Action (`CREATE`).
    pub action: Option<String>,
    /// `IN_PROGRESS`, `COMPLETE` or `FAILED`.
    pub status: Option<String>,
    /// Why.
    pub status_reason: Option<String>,
    /// The saved stack data (when complete).
    pub data: Option<Value>,
    /// Created.
    pub creation_time: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Snapshot {
    const KIND: &'static str = "stack snapshot";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn fault(&self) -> Option<&str> {
        self.status_reason.as_deref()
    }
    type Status = Progress;
    fn status(&self) -> Option<Progress> {
        self.status.as_deref().map(Progress::from)
    }
}

/// `POST /stacks/{stack_name}/{stack_id}/snapshots` `{"name": …}`.
pub fn create_snapshot(stack_name: &str, stack_id: &str, name: Option<&str>) -> Op<Snapshot> {
    #[serde_with::skip_serializing_none]
    #[derive(Serialize)]
    struct Body<'a> {
        name: Option<&'a str>,
    }
    Op::post(path!("stacks/{}/{}/snapshots", stack_name, stack_id))
        .json(&Body { name })
        .decode_body()
}

/// `GET /stacks/{stack_name}/{stack_id}/snapshots`.
pub fn snapshots(stack_name: &str, stack_id: &str) -> Op<Vec<Snapshot>> {
    Op::get(path!("stacks/{}/{}/snapshots", stack_name, stack_id)).decode_key("snapshots")
}

/// `GET /stacks/{stack_name}/{stack_id}/snapshots/{snapshot_id}`.
pub fn snapshot(stack_name: &str, stack_id: &str, snapshot_id: &str) -> Op<Snapshot> {
    Op::get(path!(
        "stacks/{}/{}/snapshots/{}",
        stack_name,
        stack_id,
        snapshot_id
    ))
    .decode_key("snapshot")
}

/// `POST /stacks/{stack_name}/{stack_id}/snapshots/{snapshot_id}/restore` (202).
pub fn restore_snapshot(stack_name: &str, stack_id: &str, snapshot_id: &str) -> Op<()> {
    Op::post(path!(
        "stacks/{}/{}/snapshots/{}/restore",
        stack_name,
        stack_id,
        snapshot_id
    ))
}

/// `DELETE /stacks/{stack_name}/{stack_id}/snapshots/{snapshot_id}`.
pub fn delete_snapshot(stack_name: &str, stack_id: &str, snapshot_id: &str) -> Op<()> {
    Op::delete(path!(
        "stacks/{}/{}/snapshots/{}",
        stack_name,
        stack_id,
        snapshot_id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::ORCHESTRATION, "http://h:8004/v1/p1").unwrap()
    }

    #[test]
    fn bad_input_is_refused_before_io() {
        let good = CreateStack {
            stack_name: "s1".into(),
            template: Template::text("heat_template_version: 2018-08-31"),
            tags: vec!["a".into(), "b".into()],
            ..Default::default()
        };
        let req = create(&good).request(&svc()).unwrap();
        assert_eq!(req.uri(), "http://h:8004/v1/p1/stacks");
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(body["tags"], "a,b");
        assert_eq!(body["template"], "heat_template_version: 2018-08-31");
        for bad in [
            CreateStack {
                stack_name: "1abc".into(),
                ..good.clone()
            },
            CreateStack {
                stack_name: "a b".into(),
                ..good.clone()
            },
            CreateStack {
                template: Template::default(),
                ..good.clone()
            },
            CreateStack {
                template: Template::Url(String::new()),
                ..good.clone()
            },
        ] {
            assert!(
                matches!(
                    create(&bad).request(&svc()),
                    Err(crate::Error::InvalidInput(_))
                ),
                "{bad:?}"
            );
        }
        assert!(update("s", "i", &UpdateStack::default())
            .request(&svc())
            .is_err());
        assert!(patch_update("s", "i", &UpdateStack::default())
            .request(&svc())
            .is_ok());
    }

    #[test]
    fn list_sends_every_tag_filter_under_the_name_heat_reads() {
        let req = crate::Paginated::first_request(
            &list(&ListStacks {
                common: ListCommon {
                    tags: vec!["a".into(), "b".into()],
                    tags_any: vec!["c".into()],
                    not_tags: vec!["d".into()],
                    not_tags_any: vec!["e".into(), "f".into()],
                    sort: vec![
                        ("stack_name".into(), crate::SortDir::Asc),
                        ("creation_time".into(), crate::SortDir::Asc),
                    ],
                    ..Default::default()
                },
                ..Default::default()
            }),
            &svc(),
        )
        .unwrap();
        assert_eq!(
            req.uri().query(),
            Some(
                "sort_keys=stack_name&sort_keys=creation_time&sort_dir=asc\
                 &tags=a%2Cb&tags_any=c&not_tags=d&not_tags_any=e%2Cf"
            )
        );
        // One direction for every key: Heat cannot do two.
        let mixed = ListStacks {
            common: ListCommon {
                sort: vec![
                    ("stack_name".into(), crate::SortDir::Asc),
                    ("creation_time".into(), crate::SortDir::Desc),
                ],
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(crate::Paginated::first_request(&list(&mixed), &svc()).is_err());
    }

    #[test]
    fn list_filters_repeat() {
        let req = crate::Paginated::first_request(
            &list(&ListStacks {
                status: vec!["COMPLETE".into(), "FAILED".into()],
                show_nested: true,
                common: ListCommon {
                    tags_any: vec!["x".into(), "y".into()],
                    ..Default::default()
                },
                ..Default::default()
            }),
            &svc(),
        )
        .unwrap();
        assert_eq!(
            req.uri().query(),
            Some("show_nested=true&status=COMPLETE&status=FAILED&tags_any=x%2Cy")
        );
    }
}
