//! Shapes and helpers shared by the Keystone v3 admin resources.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::Timestamp;

pub(crate) fn default_true() -> bool {
    true
}

pub(crate) use crate::request::list::join;

/// Writes a timestamp as Keystone documents request times: RFC 3339 in UTC, with the
/// fraction only when it is not zero (`2018-02-27T18:30:59Z`).
pub(crate) fn compact_time<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        None => s.serialize_none(),
        Some(t) => {
            let odt = t.as_offset_date_time();
            if odt.nanosecond() == 0 {
                let full = t.to_string();
                let head = full.split('.').next().unwrap_or(&full);
                s.collect_str(&format_args!("{head}Z"))
            } else {
                s.collect_str(t)
            }
        }
    }
}

/// A reference to a named thing with an id and maybe a domain, as role assignments and
/// application credentials show users, groups, roles and projects.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    /// Id.
    #[serialize_always]
    pub id: Option<String>,
    /// Name (with `include_names`).
    pub name: Option<String>,
    /// Its domain (with `include_names`).
    pub domain: Option<DomainRef>,
    /// Domain id of a domain-specific role.
    pub domain_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A domain by id and name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainRef {
    /// Id.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
}
