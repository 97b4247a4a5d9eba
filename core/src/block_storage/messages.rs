//! Block Storage user messages (`/messages`, microversion 3.3+): what went wrong in an
//! asynchronous operation (a volume that could not be scheduled, an attach that failed),
//! readable by the project that asked. List (sort and paging from 3.5), get and delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::messages::{self, ListMessages};
//! let cinder = client.block_storage();
//! let volume = "d5f6c517-c3e8-45fe-b994-b11118e4cacf";
//! let filter = ListMessages { resource_uuid: Some(volume.into()), ..Default::default() };
//! for m in cinder.collect_all(messages::list(&filter)).await? {
//!     println!("{}: {}", m.event_id, m.user_message);
//!     cinder.call(&messages::delete(&m.id)).await?;
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Link, LIST_STYLE};
use crate::{path, query, List, ListCommon, Op, Paging, Timestamp};

/// The microversion of [`get`] and [`delete`].
pub const MICROVERSION: &str = "3.3";

crate::string_enum! {
    /// How bad a message is.
    pub enum MessageLevel {
        /// An error (the only level Cinder writes).
        Error = "ERROR",
    }
}

/// A user message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// The event (`VOLUME_000002`).
    #[serde(default)]
    pub event_id: String,
    /// What happened, for people.
    #[serde(default)]
    pub user_message: String,
    /// How bad.
    pub message_level: Option<MessageLevel>,
    /// The kind of resource concerned (`VOLUME`).
    pub resource_type: Option<String>,
    /// The resource concerned.
    pub resource_uuid: Option<String>,
    /// The request that failed.
    pub request_id: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Kept at least until.
    pub guaranteed_until: Option<Timestamp>,
    /// Self and bookmark links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListMessages {
    /// About this kind of resource (`VOLUME`, `VOLUME_SNAPSHOT`, …).
    pub resource_type: Option<String>,
    /// About this resource.
    pub resource_uuid: Option<String>,
    /// Of this event.
    pub event_id: Option<String>,
    /// Of this request.
    pub request_id: Option<String>,
    /// Of this level.
    pub message_level: Option<MessageLevel>,
    /// Skip this many.
    pub offset: Option<u32>,
    /// Sorting (`sort=key:dir,…`), paging and extra filters.
    pub common: ListCommon,
}

/// `GET /messages` (3.5), every page.
pub fn list(filter: &ListMessages) -> List<Message> {
    let own = query!(
        resource_type: filter.resource_type.as_deref(),
        resource_uuid: filter.resource_uuid.as_deref(),
        event_id: filter.event_id.as_deref(),
        request_id: filter.request_id.as_deref(),
        message_level: filter.message_level.as_ref().map(|l| l.as_str()),
        offset: filter.offset,
    );
    List::new(path!("messages"), "messages", Paging::Linked)
        .microversion("3.5")
        .check(LIST_STYLE.check(&filter.common))
        .query(LIST_STYLE.encode(&filter.common, own))
}

/// `GET /messages/{message_id}`.
pub fn get(message_id: &str) -> Op<Message> {
    Op::get(path!("messages/{}", message_id))
        .microversion(MICROVERSION)
        .decode_key("message")
}

/// `DELETE /messages/{message_id}`.
pub fn delete(message_id: &str) -> Op<()> {
    Op::delete(path!("messages/{}", message_id)).microversion(MICROVERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    #[test]
    fn query_and_microversions() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        let req = list(&ListMessages {
            resource_uuid: Some("v".into()),
            message_level: Some(MessageLevel::Error),
            ..Default::default()
        })
        .first_request(&svc)
        .unwrap();
        assert_eq!(
            req.uri().query(),
            Some("resource_uuid=v&message_level=ERROR")
        );
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.5");
        let req = delete("m").request(&svc).unwrap();
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.3");
    }
}
