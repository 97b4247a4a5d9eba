//! Keystone v2.0 tenants: `GET /v2.0/tenants`, the projects the token can reach.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v2::tenants;
//! let keystone = client.identity().version_suffix(Some("v2.0"));
//! for t in keystone.collect_all(tenants::list(&tenants::ListTenants::default())).await? {
//!     println!("{} {}", t.id, t.name);
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, List, Paging};

/// A tenant (project).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Paging of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTenants {
    /// Start after this tenant id.
    pub marker: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
}

/// `GET /v2.0/tenants` (marker paging, links in `tenants_links`).
pub fn list(opts: &ListTenants) -> List<Tenant> {
    List::new(path!("tenants"), "tenants", Paging::Linked)
        .query(query!(marker: opts.marker.as_deref(), limit: opts.limit))
}
