//! Server metadata (`/servers/{server_id}/metadata`): all of it (get, merge, replace) and
//! one item (get, set, delete).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_metadata;
//! let nova = client.compute();
//! let all = nova
//!     .call(&server_metadata::merge("3f6a", &[("role".to_string(), "web".to_string())].into()))
//!     .await?;
//! let one = nova.call(&server_metadata::get_key("3f6a", "role")).await?;
//! nova.call(&server_metadata::delete_key("3f6a", "role")).await?;
//! # Ok(()) }
//! ```

use crate::metadata::MetadataOf;
pub use crate::metadata::{MetaItem, Metadata};
use crate::op::Op;

const SERVERS: MetadataOf = MetadataOf("servers");

/// `GET /servers/{server_id}/metadata`.
pub fn get(server_id: &str) -> Op<Metadata> {
    SERVERS.get(server_id)
}

/// `POST /servers/{server_id}/metadata`: adds or changes these keys, keeps the others;
/// answers all metadata.
pub fn merge(server_id: &str, metadata: &Metadata) -> Op<Metadata> {
    SERVERS.merge(server_id, metadata)
}

/// `PUT /servers/{server_id}/metadata`: replaces all metadata.
pub fn replace(server_id: &str, metadata: &Metadata) -> Op<Metadata> {
    SERVERS.replace(server_id, metadata)
}

/// `GET /servers/{server_id}/metadata/{key}`.
pub fn get_key(server_id: &str, key: &str) -> Op<MetaItem> {
    SERVERS.get_key(server_id, key)
}

/// `PUT /servers/{server_id}/metadata/{key}`: sets one item.
pub fn set_key(server_id: &str, key: &str, value: &str) -> Op<MetaItem> {
    SERVERS.set_key(server_id, key, value)
}

/// `DELETE /servers/{server_id}/metadata/{key}`.
pub fn delete_key(server_id: &str, key: &str) -> Op<()> {
    SERVERS.delete_key(server_id, key)
}
