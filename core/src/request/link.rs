//! [`Link`]: the `{"href", "rel", "type"}` objects resources carry in `links`.

use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What a [`Link`] points at, relative to the resource that carries it.
    pub enum LinkRel {
        /// `self`: the resource itself, at the versioned endpoint.
        Itself = "self",
        /// `bookmark`: the resource at the unversioned endpoint, for keeping.
        Bookmark = "bookmark",
        /// `alternate`: another representation (e.g. the image in Glance).
        Alternate = "alternate",
        /// `next`: the next page of a list.
        Next = "next",
        /// `previous`: the previous page of a list.
        Previous = "previous",
        /// `describedby`: the resource's schema or documentation.
        DescribedBy = "describedby",
    }
}

/// A link of a resource (`self`, `bookmark`, `alternate`, `next`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Target URL.
    #[serde(default)]
    pub href: String,
    /// Relation (`self`, `bookmark`, `alternate`, `next`).
    pub rel: Option<LinkRel>,
    /// Media type of the target (e.g. `application/vnd.openstack.image`).
    #[serde(rename = "type")]
    pub media_type: Option<String>,
}
