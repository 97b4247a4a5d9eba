//! The list parameters services share: [`ListCommon`] (fields, sort, paging, tag filters,
//! extra filters), one [`SortDir`], and the comma-joined form of multi-valued filters.

use crate::string_enum;
use crate::Query;

string_enum! {
    /// A sort direction (`sort_dir`).
    pub enum SortDir {
        /// Ascending.
        Asc = "asc",
        /// Descending.
        Desc = "desc",
    }
}

/// The list parameters Neutron and Octavia share: field selection, sorting, paging, the
/// tag filters of the standard attributes and extra filters. Service filters embed it as
/// `common`.
///
/// ```
/// use ferrocloud::{ListCommon, SortDir};
/// let common = ListCommon {
///     fields: vec!["id".into(), "name".into()],
///     sort: vec![("name".into(), SortDir::Asc), ("id".into(), SortDir::Desc)],
///     limit: Some(2),
///     tags: vec!["red".into(), "blue".into()],
///     ..Default::default()
/// };
/// let q = common.apply(ferrocloud::Query::new());
/// let pairs: Vec<String> = q.pairs().iter().map(|(k, v)| format!("{k}={v}")).collect();
/// assert_eq!(
///     pairs,
///     ["fields=id", "fields=name", "sort_key=name", "sort_dir=asc", "sort_key=id",
///      "sort_dir=desc", "limit=2", "tags=red,blue"]
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCommon {
    /// Return only these fields (`fields=`, repeated). Empty: every field.
    pub fields: Vec<String>,
    /// Sort keys with their direction (`sort_key=` / `sort_dir=` pairs, in order).
    pub sort: Vec<(String, SortDir)>,
    /// Page size. With paging enabled Neutron links the next page in `<resource>_links`.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
    /// Walk the pages backwards from `marker`.
    pub page_reverse: bool,
    /// Items carrying all of these tags (`tags=a,b`).
    pub tags: Vec<String>,
    /// Items carrying any of these tags (`tags-any=a,b`).
    pub tags_any: Vec<String>,
    /// Items carrying none of all these tags together (`not-tags=a,b`).
    pub not_tags: Vec<String>,
    /// Items carrying none of these tags (`not-tags-any=a,b`).
    pub not_tags_any: Vec<String>,
    /// Other filters, sent as given (e.g. extension attributes).
    pub extra: Vec<(String, String)>,
}

impl ListCommon {
    /// Appends these parameters to `q`, the sort as `sort_key`/`sort_dir` pairs (Neutron).
    pub fn apply(&self, q: Query) -> Query {
        let mut q = q.push_all("fields", &self.fields);
        for (key, dir) in &self.sort {
            q = q.push("sort_key", key).push("sort_dir", dir);
        }
        self.apply_rest(q)
    }

    /// Appends these parameters to `q`, the sort as one `sort=key:dir,…` (Octavia).
    pub fn apply_joined_sort(&self, q: Query) -> Query {
        let sort: Vec<String> = self.sort.iter().map(|(k, d)| format!("{k}:{d}")).collect();
        let q = q
            .push_all("fields", &self.fields)
            .push_opt("sort", join(&sort));
        self.apply_rest(q)
    }

    fn apply_rest(&self, q: Query) -> Query {
        let mut q = q
            .push_opt("limit", self.limit)
            .push_opt("marker", self.marker.as_deref())
            .push_opt("page_reverse", self.page_reverse.then_some("true"))
            .push_opt("tags", join(&self.tags))
            .push_opt("tags-any", join(&self.tags_any))
            .push_opt("not-tags", join(&self.not_tags))
            .push_opt("not-tags-any", join(&self.not_tags_any));
        for (k, v) in &self.extra {
            q = q.push(k.clone(), v);
        }
        q
    }
}

/// `a,b,c`, or `None` for no values (the comma-separated form of tag and other
/// multi-valued filters).
pub(crate) fn join(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.join(","))
}
