//! Instance actions (`/servers/{id}/os-instance-actions`): what was done to a server, by
//! whom and when, with each action's events (and, for admins, hosts and tracebacks).
//! Lists page by links from 2.58 and take `changes-since` (2.58) and `changes-before`
//! (2.66).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::instance_actions::{self, ListActions};
//! let nova = client.compute().microversion("2.84");
//! let server = "4bf3473b-d550-4b65-9409-292d44ab14a2";
//! for action in nova.collect_all(instance_actions::list(server, &ListActions::default())).await? {
//!     let detail = nova.call(&instance_actions::get(server, &action.request_id)).await?;
//!     for event in detail.events {
//!         println!("{} {}: {:?}", action.action, event.event, event.result);
//!     }
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, List, Op, Paging, Timestamp};

/// An action on a server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceAction {
    /// What was done (`create`, `stop`, `reboot`, `resize`, …).
    pub action: String,
    /// The request that did it (the id of the action).
    pub request_id: String,
    /// The server.
    pub instance_uuid: Option<String>,
    /// Who did it.
    pub user_id: Option<String>,
    /// Their project.
    pub project_id: Option<String>,
    /// When it started.
    pub start_time: Option<Timestamp>,
    /// When it last changed (2.58).
    pub updated_at: Option<Timestamp>,
    /// Why it failed, if it did.
    pub message: Option<String>,
    /// Its events ([`get`] only).
    #[serde(default)]
    pub events: Vec<ActionEvent>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One step of an action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEvent {
    /// The step (`compute_stop_instance`, …).
    pub event: String,
    /// `Success`, `Error`, or `None` while it runs.
    pub result: Option<String>,
    /// Start.
    pub start_time: Option<Timestamp>,
    /// End.
    pub finish_time: Option<Timestamp>,
    /// The error's traceback (admins).
    pub traceback: Option<String>,
    /// The host it ran on (admins, 2.62).
    pub host: Option<String>,
    /// The host's obfuscated id (2.62).
    #[serde(rename = "hostId")]
    pub host_id: Option<String>,
    /// A detail of a failed event (2.84).
    pub details: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListActions {
    /// At most this many per page (2.58).
    pub limit: Option<u32>,
    /// Start after this request id (2.58).
    pub marker: Option<String>,
    /// Only actions changed since then (2.58).
    pub changes_since: Option<Timestamp>,
    /// Only actions changed before then (2.66).
    pub changes_before: Option<Timestamp>,
}

/// `GET /servers/{server_id}/os-instance-actions` (newest first; every page).
pub fn list(server_id: &str, filter: &ListActions) -> List<InstanceAction> {
    List::new(
        path!("servers/{}/os-instance-actions", server_id),
        "instanceActions",
        Paging::Linked,
    )
    .query(query!(
        limit: filter.limit,
        marker: filter.marker.as_deref(),
        "changes-since": filter.changes_since.as_ref(),
        "changes-before": filter.changes_before.as_ref(),
    ))
}

/// `GET /servers/{server_id}/os-instance-actions/{request_id}`: the action with its events.
pub fn get(server_id: &str, request_id: &str) -> Op<InstanceAction> {
    Op::get(path!(
        "servers/{}/os-instance-actions/{}",
        server_id,
        request_id
    ))
    .decode_key("instanceAction")
}
