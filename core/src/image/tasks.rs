//! Glance tasks (`/v2/tasks`): the legacy asynchronous `import` (Glance downloads an
//! image from a URL), list with filters, sort and marker paging, get, and
//! [`TaskStatus`].
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::image::tasks::{self, CreateTask, ListTasks, TaskStatus};
//! use ferrocloud::Wait;
//! let glance = client.image();
//! let task = glance
//!     .call(&tasks::create(&CreateTask::import("http://example.com/disk.img", "raw", "raw", "bare")))
//!     .await?;
//! let done = glance
//!     .wait_for_status(&tasks::get(&task.id), &[tasks::TaskStatus::Success], &[tasks::TaskStatus::Failure], Wait::default())
//!     .await?;
//! let running = glance
//!     .collect_all(tasks::list(&ListTasks { status: Some(TaskStatus::Processing), ..Default::default() }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::{path, query, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

crate::string_enum! {
    /// A task's status.
    pub enum TaskStatus {
        /// Waiting to run.
        Pending = "pending",
        /// Running.
        Processing = "processing",
        /// Done.
        Success = "success",
        /// Failed (see `message`).
        Failure = "failure",
    }
}

/// A Glance task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Task id.
    pub id: String,
    /// Type (`import`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: TaskStatus,
    /// Input.
    pub input: Option<Map<String, Value>>,
    /// Result (`{"image_id": …}` on success).
    pub result: Option<Map<String, Value>>,
    /// Owner project.
    pub owner: Option<String>,
    /// Human-readable message, set on failure.
    pub message: Option<String>,
    /// When it becomes eligible for removal.
    pub expires_at: Option<Timestamp>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// This task's path.
    #[serde(rename = "self")]
    pub self_link: Option<String>,
    /// JSON schema path.
    pub schema: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Task {
    const KIND: &'static str = "image task";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn fault(&self) -> Option<&str> {
        self.message.as_deref().filter(|m| !m.is_empty())
    }
    type Status = TaskStatus;
    fn status(&self) -> Option<TaskStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateTask {
    /// Type (`import`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The type's input.
    pub input: Map<String, Value>,
}

impl CreateTask {
    /// An `import` task: Glance downloads `import_from` (of `import_from_format`) into a
    /// new image with these formats.
    pub fn import(
        import_from: &str,
        import_from_format: &str,
        disk_format: &str,
        container_format: &str,
    ) -> Self {
        let input = json!({
            "import_from": import_from,
            "import_from_format": import_from_format,
            "image_properties": {"disk_format": disk_format, "container_format": container_format},
        });
        CreateTask {
            kind: "import".into(),
            input: match input {
                Value::Object(m) => m,
                _ => Map::new(),
            },
        }
    }
}

/// `POST /v2/tasks`.
pub fn create(task: &CreateTask) -> Op<Task> {
    let check = InvalidInput::require(!task.kind.is_empty(), "type", "must not be empty");
    Op::post(path!("tasks"))
        .check(check)
        .json(task)
        .decode_body()
}

/// `GET /v2/tasks/{id}`.
pub fn get(task_id: &str) -> Op<Task> {
    Op::get(path!("tasks/{}", task_id)).decode_body()
}

/// Filters, sort and paging of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTasks {
    /// Type.
    pub kind: Option<String>,
    /// Status.
    pub status: Option<TaskStatus>,
    /// Sorting by one key (`created_at`, `expires_at`, `status`, `type`, `updated_at`),
    /// paging and extra filters. Glance does not select fields, page backwards or filter
    /// tasks by tags.
    pub common: ListCommon,
}

/// `GET /v2/tasks`, paged through the body's `next` link (or the marker).
pub fn list(filter: &ListTasks) -> List<Task> {
    let f = filter;
    let q = query!(
        "type": f.kind.as_deref(),
        status: f.status.as_ref().map(TaskStatus::as_str),
    );
    List::new(path!("tasks"), "tasks", Paging::Linked)
        .check(LIST_STYLE.check(&f.common))
        .query(LIST_STYLE.encode(&f.common, q))
}

/// How Glance's task list spells [`ListCommon`].
const LIST_STYLE: ListStyle = ListStyle {
    service: "Glance's task list",
    sort: SortStyle::Single,
    tags: TagStyle::None,
    fields: false,
    page_reverse: false,
};
