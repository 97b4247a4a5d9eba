//! Resource classes (microversion 1.2+): list, get, create, rename (1.2–1.6), ensure
//! (1.7+: create if missing) and delete custom classes (`CUSTOM_…`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::resource_classes;
//! let placement = client.placement();
//! placement.call(&resource_classes::ensure("CUSTOM_FPGA")).await?;
//! let all = placement.collect_all(resource_classes::list()).await?;
//! placement.call(&resource_classes::delete("CUSTOM_FPGA")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::Link;
use crate::{path, List, Op, Paging};

/// The microversion that introduced resource classes.
const CLASSES: &str = "1.2";

/// A resource class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceClass {
    /// Name (`VCPU`, `CUSTOM_FPGA`).
    pub name: String,
    /// Links (`self`).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_classes` (one page).
pub fn list() -> List<ResourceClass> {
    List::new(
        path!("resource_classes"),
        "resource_classes",
        Paging::Single,
    )
    .microversion(CLASSES)
}

/// `GET /resource_classes/{name}`.
pub fn get(name: &str) -> Op<ResourceClass> {
    Op::get(path!("resource_classes/{}", name))
        .microversion(CLASSES)
        .decode_body()
}

/// `POST /resource_classes`: creates a custom class (409 when it exists).
pub fn create(name: &str) -> Op<()> {
    Op::post(path!("resource_classes"))
        .json(&json!({ "name": name }))
        .microversion(CLASSES)
}

/// `PUT /resource_classes/{name}` with a body, at 1.2 (removed at 1.7): renames a
/// custom class.
pub fn rename(name: &str, new_name: &str) -> Op<ResourceClass> {
    Op::put(path!("resource_classes/{}", name))
        .json(&json!({ "name": new_name }))
        .microversion(CLASSES)
        .decode_body()
}

/// `PUT /resource_classes/{name}` without a body, at 1.7: creates the custom class unless
/// it exists (both `Ok`).
pub fn ensure(name: &str) -> Op<()> {
    Op::put(path!("resource_classes/{}", name)).microversion("1.7")
}

/// `DELETE /resource_classes/{name}` (409 while an inventory uses it).
pub fn delete(name: &str) -> Op<()> {
    Op::delete(path!("resource_classes/{}", name)).microversion(CLASSES)
}
