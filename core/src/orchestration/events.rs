//! Heat events: of a stack, of one resource, one event, and finding a stack's events by
//! name alone.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::orchestration::events::{self, ListEvents};
//! let heat = client.orchestration();
//! let failed = heat
//!     .collect_all(events::list("web", "3095aefc", &ListEvents { resource_status: vec!["FAILED".into()], ..Default::default() }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Link;
use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::{path, query, HasId, List, ListCommon, Op, Timestamp};

/// An event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Id.
    pub id: String,
    /// When it happened.
    pub event_time: Option<Timestamp>,
    /// Resource name.
    #[serde(default)]
    pub resource_name: String,
    /// Same as the name.
    pub logical_resource_id: Option<String>,
    /// The built thing's id.
    pub physical_resource_id: Option<String>,
    /// Status after the event.
    pub resource_status: Option<String>,
    /// Why.
    pub resource_status_reason: Option<String>,
    /// Resource type (in `get`).
    pub resource_type: Option<String>,
    /// Resource properties (in `get`).
    pub resource_properties: Option<Map<String, Value>>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasId for Event {
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEvents {
    /// Actions.
    pub resource_action: Vec<String>,
    /// Statuses.
    pub resource_status: Vec<String>,
    /// Resource names.
    pub resource_name: Vec<String>,
    /// Resource types.
    pub resource_type: Vec<String>,
    /// Include events of nested stacks to this depth.
    pub nested_depth: Option<u32>,
    /// Sorting (`event_time`, `resource_type`, …; one direction for every key), paging
    /// and extra filters. Heat does not select fields, page backwards or filter events by
    /// tags.
    pub common: ListCommon,
}

/// How Heat's event lists spell [`ListCommon`].
const LIST_STYLE: ListStyle = ListStyle {
    service: "Heat's event list",
    sort: SortStyle::SharedDir,
    tags: TagStyle::None,
    fields: false,
    page_reverse: false,
};

fn filtered(list: List<Event>, f: &ListEvents) -> List<Event> {
    let q = query!(nested_depth: f.nested_depth)
        .push_all("resource_action", &f.resource_action)
        .push_all("resource_status", &f.resource_status)
        .push_all("resource_name", &f.resource_name)
        .push_all("resource_type", &f.resource_type);
    list.check(LIST_STYLE.check(&f.common))
        .query(LIST_STYLE.encode(&f.common, q))
}

/// `GET /stacks/{stack_name}/{stack_id}/events`.
pub fn list(stack_name: &str, stack_id: &str, filter: &ListEvents) -> List<Event> {
    filtered(
        List::marker(path!("stacks/{}/{}/events", stack_name, stack_id), "events"),
        filter,
    )
}

/// `GET /stacks/{name_or_id}/events`: Heat redirects to the stack's events, which the
/// driver follows.
pub fn find(name_or_id: &str, filter: &ListEvents) -> List<Event> {
    filtered(
        List::marker(path!("stacks/{}/events", name_or_id), "events"),
        filter,
    )
}

/// `GET /stacks/{stack_name}/{stack_id}/resources/{resource_name}/events`.
pub fn list_for_resource(
    stack_name: &str,
    stack_id: &str,
    resource_name: &str,
    filter: &ListEvents,
) -> List<Event> {
    let path = path!(
        "stacks/{}/{}/resources/{}/events",
        stack_name,
        stack_id,
        resource_name
    );
    filtered(List::marker(path, "events"), filter)
}

/// `GET /stacks/{stack_name}/{stack_id}/resources/{resource_name}/events/{event_id}`.
pub fn get(stack_name: &str, stack_id: &str, resource_name: &str, event_id: &str) -> Op<Event> {
    Op::get(path!(
        "stacks/{}/{}/resources/{}/events/{}",
        stack_name,
        stack_id,
        resource_name,
        event_id
    ))
    .decode_key("event")
}
