//! Server external events (`POST /os-server-external-events`, admin; services such as
//! Neutron and Cinder tell Nova that something happened to a server's port or volume).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_external_events::{self, Event};
//! let results = client
//!     .compute()
//!     .call(&server_external_events::create(&[Event {
//!         name: "network-changed".into(),
//!         server_uuid: "ff1df7b2-6772-45fd-9326-c0a3b05591c2".into(),
//!         tag: Some("a-port-id".into()),
//!         status: None,
//!     }]))
//!     .await?;
//! for r in results {
//!     println!("{} {}: {:?}", r.event.server_uuid, r.event.name, r.code);
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::{path, InvalidInput, Op};

/// An event about a server.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// `network-changed`, `network-vif-plugged`, `network-vif-unplugged`,
    /// `network-vif-deleted`, `volume-extended` (2.51), `power-update` (2.76),
    /// `accelerator-request-bound` (2.82), `volume-reimaged` (2.93).
    pub name: String,
    /// The server.
    pub server_uuid: String,
    /// What it concerns (a port id, a volume id, a power state).
    pub tag: Option<String>,
    /// `completed` (default), `in-progress` or `failed`.
    pub status: Option<String>,
}

/// What Nova did with one event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventResult {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// 200 handled, 404 no such server, 422 the server is not on a host, …
    pub code: Option<u16>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /os-server-external-events`: one answer per event.
pub fn create(events: &[Event]) -> Op<Vec<EventResult>> {
    Op::post(path!("os-server-external-events"))
        .check(InvalidInput::require(
            !events.is_empty(),
            "events",
            "give at least one event",
        ))
        .json(&json!({ "events": events }))
        .decode_key("events")
}
