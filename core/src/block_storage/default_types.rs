//! Block Storage default volume types per project (`/default-types`, 3.62+, admin): the
//! type a project's volumes get when none is asked for, set, read, listed and unset.
//! Cinder serves these with or without the project id in the URL.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::default_types;
//! let cinder = client.block_storage();
//! let project = "6f70656e737461636b20342065766572";
//! let set = cinder.call(&default_types::set(project, "fast")).await?;
//! println!("{} now defaults to type {}", set.project_id, set.volume_type_id);
//! for d in cinder.call(&default_types::list()).await? {
//!     println!("{}: {}", d.project_id, d.volume_type_id);
//! }
//! cinder.call(&default_types::delete(project)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, InvalidInput, Op};

/// The microversion these calls need.
pub const MICROVERSION: &str = "3.62";

/// A project's default volume type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultType {
    /// The project.
    #[serde(default)]
    pub project_id: String,
    /// Its default type's id.
    #[serde(default)]
    pub volume_type_id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Serialize)]
struct SetDefault<'a> {
    volume_type: &'a str,
}

/// `PUT /default-types/{project_id}`: makes `volume_type` (a name or an id) the project's
/// default.
pub fn set(project_id: &str, volume_type: &str) -> Op<DefaultType> {
    Op::put(path!("default-types/{}", project_id))
        .check(InvalidInput::require(
            !volume_type.is_empty(),
            "volume_type",
            "a volume type name or id is needed",
        ))
        .json_under("default_type", &SetDefault { volume_type })
        .microversion(MICROVERSION)
        .decode_key("default_type")
}

/// `GET /default-types/{project_id}`: 404 when the project has none of its own.
pub fn get(project_id: &str) -> Op<DefaultType> {
    Op::get(path!("default-types/{}", project_id))
        .microversion(MICROVERSION)
        .decode_key("default_type")
}

/// `GET /default-types`: every project's that has one.
pub fn list() -> Op<Vec<DefaultType>> {
    Op::get(path!("default-types"))
        .microversion(MICROVERSION)
        .decode_key("default_types")
}

/// `DELETE /default-types/{project_id}`: back to the cloud's default.
pub fn delete(project_id: &str) -> Op<()> {
    Op::delete(path!("default-types/{}", project_id)).microversion(MICROVERSION)
}
