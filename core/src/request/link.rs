//! [`Link`]: the `{"href", "rel", "type"}` objects resources carry in `links`.

use serde::{Deserialize, Serialize};

/// A link of a resource (`self`, `bookmark`, `alternate`, `next`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Target URL.
    #[serde(default)]
    pub href: String,
    /// Relation (`self`, `bookmark`, `alternate`, `next`).
    pub rel: Option<String>,
    /// Media type of the target (e.g. `application/vnd.openstack.image`).
    #[serde(rename = "type")]
    pub media_type: Option<String>,
}
