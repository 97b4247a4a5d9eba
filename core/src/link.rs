//! [`Link`]: the `{"href", "rel", "type"}` objects resources carry in `links`.

use serde::{Deserialize, Serialize};

/// A link of a resource (`self`, `bookmark`, `alternate`, `next`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Target URL.
    #[serde(default)]
    pub href: String,
    /// Relation (`self`, `bookmark`, `alternate`, `next`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    /// Media type of the target (e.g. `application/vnd.openstack.image`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}
