//! Block Storage resource filters (`GET /resource_filters`, microversion 3.33): which
//! filters each list (volumes, snapshots, backups, …) accepts on this cloud, as the
//! operator configured them.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::resource_filters;
//! let cinder = client.block_storage();
//! for f in cinder.call(&resource_filters::list(Some("volume"))).await? {
//!     println!("{}: {}", f.resource, f.filters.join(", "));
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, Op};

/// The microversion of [`list`].
pub const MICROVERSION: &str = "3.33";

/// The filters one resource's list accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceFilter {
    /// The resource (`volume`, `snapshot`, `backup`, `group`, `attachment`, `message`,
    /// `pool`, `volume_type`, …).
    #[serde(default)]
    pub resource: String,
    /// The filter names its list accepts.
    #[serde(default)]
    pub filters: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_filters` (3.33): every resource's filters, or only `resource`'s.
pub fn list(resource: Option<&str>) -> Op<Vec<ResourceFilter>> {
    Op::get(path!("resource_filters"))
        .microversion(MICROVERSION)
        .query(query!(resource: resource))
        .decode_key("resource_filters")
}
