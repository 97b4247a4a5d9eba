//! Host aggregates (`/os-aggregates`, admin): groups of compute hosts with metadata the
//! scheduler matches (and, with `availability_zone`, the zones users see). Create, list,
//! get, update, delete; add and remove hosts; set metadata; pre-cache images (2.81).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use std::collections::BTreeMap;
//! use ferrocloud::compute::aggregates::{self, CreateAggregate};
//! let nova = client.compute();
//! let agg = nova
//!     .call(&aggregates::create(&CreateAggregate { name: "ssd".into(), availability_zone: None }))
//!     .await?;
//! let id = agg.id.to_string();
//! nova.call(&aggregates::add_host(&id, "compute-1")).await?;
//! let meta = BTreeMap::from([("ssd".to_owned(), Some("true".to_owned()))]);
//! nova.call(&aggregates::set_metadata(&id, &meta)).await?;
//! nova.call(&aggregates::remove_host(&id, "compute-1")).await?;
//! nova.call(&aggregates::delete(&id)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::{path, Op, Timestamp};

/// A host aggregate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Id (the one the calls take).
    pub id: u64,
    /// UUID (2.41).
    pub uuid: Option<String>,
    /// Name.
    pub name: String,
    /// The availability zone it defines, if any.
    pub availability_zone: Option<String>,
    /// Its hosts.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Its metadata.
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Last changed.
    pub updated_at: Option<Timestamp>,
    /// Deleted (always false in answers).
    pub deleted: Option<bool>,
    /// When deleted.
    pub deleted_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateAggregate {
    /// Name.
    pub name: String,
    /// Make it an availability zone with this name.
    pub availability_zone: Option<String>,
}

/// The body of [`update`]: only what is given changes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateAggregate {
    /// New name.
    pub name: Option<String>,
    /// New availability zone.
    pub availability_zone: Option<String>,
}

/// `GET /os-aggregates`.
pub fn list() -> Op<Vec<Aggregate>> {
    Op::get(path!("os-aggregates")).decode_key("aggregates")
}

/// `GET /os-aggregates/{id}`.
pub fn get(id: &str) -> Op<Aggregate> {
    Op::get(path!("os-aggregates/{}", id)).decode_key("aggregate")
}

/// `POST /os-aggregates`.
pub fn create(aggregate: &CreateAggregate) -> Op<Aggregate> {
    Op::post(path!("os-aggregates"))
        .json_under("aggregate", aggregate)
        .decode_key("aggregate")
}

/// `PUT /os-aggregates/{id}`.
pub fn update(id: &str, change: &UpdateAggregate) -> Op<Aggregate> {
    Op::put(path!("os-aggregates/{}", id))
        .json_under("aggregate", change)
        .decode_key("aggregate")
}

/// `DELETE /os-aggregates/{id}` (it must have no hosts).
pub fn delete(id: &str) -> Op<()> {
    Op::delete(path!("os-aggregates/{}", id))
}

fn action(id: &str, name: &'static str, body: &Value) -> Op<Aggregate> {
    Op::action(path!("os-aggregates/{}/action", id), name, body).decode_key("aggregate")
}

/// `POST /os-aggregates/{id}/action` `add_host`.
pub fn add_host(id: &str, host: &str) -> Op<Aggregate> {
    action(id, "add_host", &json!({ "host": host }))
}

/// `POST /os-aggregates/{id}/action` `remove_host`.
pub fn remove_host(id: &str, host: &str) -> Op<Aggregate> {
    action(id, "remove_host", &json!({ "host": host }))
}

/// `POST /os-aggregates/{id}/action` `set_metadata`: sets the keys given; a `None` value
/// removes its key.
pub fn set_metadata(id: &str, metadata: &BTreeMap<String, Option<String>>) -> Op<Aggregate> {
    action(id, "set_metadata", &json!({ "metadata": metadata }))
}

/// `POST /os-aggregates/{id}/images` (2.81): asks the aggregate's hosts to cache these
/// images (answers 202; progress arrives as notifications).
pub fn cache_images(id: &str, image_ids: &[&str]) -> Op<()> {
    let cache: Vec<Value> = image_ids.iter().map(|id| json!({ "id": id })).collect();
    Op::post(path!("os-aggregates/{}/images", id))
        .json(&json!({ "cache": cache }))
        .microversion("2.81")
}
