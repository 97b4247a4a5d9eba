//! The list parameters services share: [`ListCommon`] (fields, sort, paging, tag filters,
//! extra filters), one [`SortDir`], and the comma-joined form of multi-valued filters.

use crate::{string_enum, InvalidInput, Query};

string_enum! {
    /// A sort direction (`sort_dir`).
    pub enum SortDir {
        /// Ascending.
        Asc = "asc",
        /// Descending.
        Desc = "desc",
    }
}

/// The list parameters services share: field selection, sorting, paging, tag filters
/// and extra filters. A list filter that sorts or filters by tags embeds it as `common`
/// (Neutron, Octavia, Nova servers and flavors, Glance, Heat, Cinder); each service spells
/// these parameters its own way (`sort_key`/`sort_dir` pairs, `sort=key:dir`, Heat's
/// `sort_keys` and `tags_any`, Glance's repeated `tag`), and a parameter the service does
/// not have is refused before any I/O, naming the service.
///
/// ```
/// use ferrocloud::network::networks::{self, ListNetworks};
/// use ferrocloud::{ListCommon, Operation, ServiceEndpoint, ServiceType, SortDir};
/// let filter = ListNetworks {
///     common: ListCommon {
///         fields: vec!["id".into(), "name".into()],
///         sort: vec![("name".into(), SortDir::Asc), ("id".into(), SortDir::Desc)],
///         limit: Some(2),
///         tags: vec!["red".into(), "blue".into()],
///         ..Default::default()
///     },
///     ..Default::default()
/// };
/// let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://neutron:9696").unwrap();
/// let req = networks::list(&filter).request(&neutron).unwrap();
/// assert_eq!(
///     req.uri().query(),
///     Some("fields=id&fields=name&sort_key=name&sort_dir=asc&sort_key=id&sort_dir=desc&limit=2&tags=red%2Cblue")
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCommon {
    /// Return only these fields (`fields=`, repeated). Empty: every field.
    pub fields: Vec<String>,
    /// Sort keys with their direction, in order.
    pub sort: Vec<(String, SortDir)>,
    /// Page size. The driver follows the service's next links (or markers) for more.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
    /// Walk the pages backwards from `marker`.
    pub page_reverse: bool,
    /// Items carrying all of these tags.
    pub tags: Vec<String>,
    /// Items carrying any of these tags.
    pub tags_any: Vec<String>,
    /// Items not carrying all of these tags together.
    pub not_tags: Vec<String>,
    /// Items carrying none of these tags.
    pub not_tags_any: Vec<String>,
    /// Other filters, sent as given (e.g. extension attributes).
    pub extra: Vec<(String, String)>,
}

/// How a service spells [`ListCommon`]: declared once per service (or per resource where
/// a service is not uniform), so the encoding and its refusals live here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ListStyle {
    /// Who refuses a parameter, for the error (`"Nova's server list"`).
    pub(crate) service: &'static str,
    pub(crate) sort: SortStyle,
    pub(crate) tags: TagStyle,
    /// `fields=` selection.
    pub(crate) fields: bool,
    /// `page_reverse=true`.
    pub(crate) page_reverse: bool,
}

/// How sort keys travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortStyle {
    /// No sorting.
    None,
    /// `sort_key=a&sort_dir=asc&sort_key=b&sort_dir=desc` (Neutron, Nova servers, Glance).
    Pairs,
    /// One `sort_key` and one `sort_dir` (Nova flavors).
    Single,
    /// `sort=a:asc,b:desc` (Octavia, Cinder).
    Joined,
    /// `sort_keys=a&sort_keys=b&sort_dir=asc`: one direction for every key (Heat).
    SharedDir,
}

/// How tag filters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagStyle {
    /// No tag filters.
    None,
    /// `tags=a,b`, `tags-any=`, `not-tags=`, `not-tags-any=` (Neutron, Octavia, Nova).
    Dashed,
    /// `tags=a,b`, `tags_any=`, `not_tags=`, `not_tags_any=` (Heat).
    Underscored,
    /// `tag=a&tag=b`, all of them; nothing else (Glance).
    AllRepeated,
}

impl ListStyle {
    /// Neutron: every parameter, sort as pairs.
    pub(crate) const NEUTRON: ListStyle = ListStyle {
        service: "Neutron",
        sort: SortStyle::Pairs,
        tags: TagStyle::Dashed,
        fields: true,
        page_reverse: true,
    };
    /// Octavia: every parameter, sort joined.
    pub(crate) const OCTAVIA: ListStyle = ListStyle {
        service: "Octavia",
        sort: SortStyle::Joined,
        ..ListStyle::NEUTRON
    };

    /// Refuses what this service cannot do with `common`.
    pub(crate) fn check(&self, common: &ListCommon) -> Result<(), InvalidInput> {
        let who = self.service;
        let dirs_differ = common.sort.windows(2).any(|w| w[0].1 != w[1].1);
        let tags_beyond_all = !(common.tags_any.is_empty()
            && common.not_tags.is_empty()
            && common.not_tags_any.is_empty());
        let any_tags = !common.tags.is_empty() || tags_beyond_all;
        InvalidInput::require(
            self.fields || common.fields.is_empty(),
            "fields",
            format!("{who} does not select fields"),
        )
        .and(InvalidInput::require(
            self.page_reverse || !common.page_reverse,
            "page_reverse",
            format!("{who} does not page backwards"),
        ))
        .and(InvalidInput::require(
            self.sort != SortStyle::None || common.sort.is_empty(),
            "sort",
            format!("{who} does not sort"),
        ))
        .and(InvalidInput::require(
            self.sort != SortStyle::Single || common.sort.len() <= 1,
            "sort",
            format!("{who} sorts by one key"),
        ))
        .and(InvalidInput::require(
            self.sort != SortStyle::SharedDir || !dirs_differ,
            "sort",
            format!("{who} sorts every key in one direction"),
        ))
        .and(InvalidInput::require(
            self.tags != TagStyle::None || !any_tags,
            "tags",
            format!("{who} does not filter by tags"),
        ))
        .and(InvalidInput::require(
            self.tags != TagStyle::AllRepeated || !tags_beyond_all,
            "tags_any",
            format!("{who} filters by all of the given tags only (use `tags`)"),
        ))
    }

    /// Appends `common` to `q` as this service spells it. Check first ([`Self::check`]):
    /// what the service does not have is left out here.
    pub(crate) fn encode(&self, common: &ListCommon, q: Query) -> Query {
        let mut q = if self.fields {
            q.push_all("fields", &common.fields)
        } else {
            q
        };
        match self.sort {
            SortStyle::None => {}
            SortStyle::Pairs | SortStyle::Single => {
                for (key, dir) in &common.sort {
                    q = q.push("sort_key", key).push("sort_dir", dir);
                }
            }
            SortStyle::Joined => {
                let sort: Vec<String> = common
                    .sort
                    .iter()
                    .map(|(k, d)| format!("{k}:{d}"))
                    .collect();
                q = q.push_opt("sort", join(&sort));
            }
            SortStyle::SharedDir => {
                for (key, _) in &common.sort {
                    q = q.push("sort_keys", key);
                }
                q = q.push_opt("sort_dir", common.sort.first().map(|(_, d)| d));
            }
        }
        q = q
            .push_opt("limit", common.limit)
            .push_opt("marker", common.marker.as_deref());
        if self.page_reverse {
            q = q.push_opt("page_reverse", common.page_reverse.then_some("true"));
        }
        let names = match self.tags {
            TagStyle::None => None,
            TagStyle::Dashed => Some(["tags", "tags-any", "not-tags", "not-tags-any"]),
            TagStyle::Underscored => Some(["tags", "tags_any", "not_tags", "not_tags_any"]),
            TagStyle::AllRepeated => {
                q = q.push_all("tag", &common.tags);
                None
            }
        };
        if let Some([all, any, not, not_any]) = names {
            q = q
                .push_opt(all, join(&common.tags))
                .push_opt(any, join(&common.tags_any))
                .push_opt(not, join(&common.not_tags))
                .push_opt(not_any, join(&common.not_tags_any));
        }
        for (k, v) in &common.extra {
            q = q.push(k.clone(), v);
        }
        q
    }
}

impl ListCommon {
    /// Appends these parameters to `q` as Neutron spells them.
    pub(crate) fn apply(&self, q: Query) -> Query {
        ListStyle::NEUTRON.encode(self, q)
    }

    /// Appends these parameters to `q` as Octavia spells them (`sort=key:dir,…`).
    pub(crate) fn apply_joined_sort(&self, q: Query) -> Query {
        ListStyle::OCTAVIA.encode(self, q)
    }
}

/// `a,b,c`, or `None` for no values (the comma-separated form of tag and other
/// multi-valued filters).
pub(crate) fn join(values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.join(","))
}
