//! What every Neutron resource shares: the common list parameters ([`ListCommon`]),
//! the tags rules ([`TAG_MAX_LEN`]) and `If-Match: revision_number=N` conditional writes
//! ([`IfRevision`]).

use http::header::{HeaderValue, IF_MATCH};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{query, segment, Find, InvalidInput, List, ListCommon, Named, Op, Query, Tags};

/// The collection and JSON keys of a Neutron resource: all that differs between the get,
/// create, bulk create, update, delete and list calls of networks, subnets, ports, routers,
/// floating IPs, security groups and rules.
pub(crate) struct Resource {
    /// Collection path under `/v2.0` (`security-groups`, `vpn/ikepolicies`).
    pub collection: &'static str,
    /// Key of one resource in bodies (`security_group`).
    pub one: &'static str,
    /// Key of many (`security_groups`): list answers and bulk creates.
    pub many: &'static str,
}

impl Resource {
    /// The collection's path (declared here, so not encoded: it may hold `/`).
    fn all(&self) -> Result<String, InvalidInput> {
        Ok(self.collection.to_owned())
    }

    /// One item's path: the collection, then `id` as an encoded segment.
    fn item(&self, id: &str) -> Result<String, InvalidInput> {
        Ok(format!("{}/{}", self.collection, segment(id)?))
    }

    /// `GET /v2.0/{collection}` with `filters` and `common`, paged through `<many>_links`.
    pub(crate) fn list<T>(&self, filters: Query, common: &ListCommon) -> List<T> {
        List::new(self.all(), self.many, crate::Paging::Linked).query(common.apply(filters))
    }

    /// `GET /v2.0/{collection}/{id}`.
    pub(crate) fn get<T: DeserializeOwned>(&self, id: &str) -> Op<T> {
        Op::get(self.item(id)).decode_key(self.one)
    }

    /// `POST /v2.0/{collection}` with `{"<one>": body}`, once `checked` holds.
    pub(crate) fn create<T: DeserializeOwned, B: Serialize>(
        &self,
        checked: Result<(), InvalidInput>,
        body: &B,
    ) -> Op<T> {
        Op::post(self.all())
            .check(checked)
            .json_under(self.one, body)
            .decode_key(self.one)
    }

    /// `POST /v2.0/{collection}` with `{"<many>": [...]}` (all or none), once `checked` holds.
    pub(crate) fn create_many<T: DeserializeOwned, B: Serialize>(
        &self,
        checked: Result<(), InvalidInput>,
        bodies: &[B],
    ) -> Op<Vec<T>> {
        Op::post(self.all())
            .check(checked)
            .json_under(self.many, bodies)
            .decode_key(self.many)
    }

    /// `PUT /v2.0/{collection}/{id}` with `{"<one>": update}`.
    pub(crate) fn update<T: DeserializeOwned, B: Serialize>(&self, id: &str, update: &B) -> Op<T> {
        Op::put(self.item(id))
            .json_under(self.one, update)
            .decode_key(self.one)
    }

    /// The `kind` (`network`) by id or exact name: `get`, then the list filtered by `name`.
    pub(crate) fn find<T: DeserializeOwned + Named>(
        &self,
        kind: &'static str,
        name_or_id: &str,
    ) -> Find<T> {
        let by_name = self.list(query!(name: Some(name_or_id)), &ListCommon::default());
        Find::new(kind, name_or_id, self.get(name_or_id), by_name)
    }

    /// `DELETE /v2.0/{collection}/{id}`.
    pub(crate) fn delete(&self, id: &str) -> Op<()> {
        Op::delete(self.item(id))
    }
}

/// A conditional write: the request carries `If-Match: revision_number=N`, and Neutron
/// answers 412 Precondition Failed when the resource's `revision_number` moved on. Works
/// on every `update` and `delete` of the standard-attribute resources.
///
/// ```
/// use ferrocloud::network::{networks, IfRevision};
/// use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
/// let op = networks::update("n1", &Default::default()).if_revision(4);
/// let req = op.request(&ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()).unwrap();
/// assert_eq!(req.headers()["if-match"], "revision_number=4");
/// ```
pub trait IfRevision {
    /// Only applies when the resource is still at `revision_number`.
    fn if_revision(self, revision_number: u64) -> Self;
}

impl<T> IfRevision for Op<T> {
    fn if_revision(self, revision_number: u64) -> Self {
        match HeaderValue::from_str(&format!("revision_number={revision_number}")) {
            Ok(v) => self.header(IF_MATCH, v),
            // A formatted integer is always a valid header value.
            Err(_) => self,
        }
    }
}

/// Neutron's limit on a tag's length.
pub const TAG_MAX_LEN: usize = 255;

/// The tags API of a Neutron resource: tags of 1 to [`TAG_MAX_LEN`] characters, without
/// `/` when sent as a path segment.
pub(crate) const fn tags(resource: &'static str) -> Tags {
    Tags::new(resource)
        .max_len(TAG_MAX_LEN)
        .forbid_in_path(&['/'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    #[test]
    fn linked_pages_and_a_single_unpaged_page() {
        use crate::Paginated;
        let networks = Resource {
            collection: "networks",
            one: "network",
            many: "networks",
        };
        let l: List<serde_json::Value> = networks.list(
            Query::new(),
            &ListCommon {
                limit: Some(2),
                ..Default::default()
            },
        );
        let svc = neutron();
        let resp = |body: &str| http::Response::new(bytes::Bytes::from(body.to_owned()));
        let first = l.first_request(&svc).unwrap();
        assert_eq!(first.uri(), "http://h:9696/v2.0/networks?limit=2");
        let next = "http://h:9696/v2.0/networks?limit=2&marker=b";
        let page = l
            .parse_page(&svc, &first, resp(&format!(r#"{{"networks": [{{"id": "a"}}, {{"id": "b"}}], "networks_links": [{{"href": "{next}", "rel": "next"}}]}}"#)))
            .unwrap();
        assert_eq!(page.next_url().as_deref(), Some(next));
        // Pagination off (or the last page): no links, so the list ends here.
        let single = l
            .parse_page(
                &svc,
                &first,
                resp(r#"{"networks": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}"#),
            )
            .unwrap();
        assert_eq!((single.items.len(), single.next_url()), (3, None));
        // The last page links back (`previous`) only.
        let last = l
            .parse_page(&svc, &page.next.unwrap(), resp(r#"{"networks": [{"id": "c"}], "networks_links": [{"href": "http://h:9696/v2.0/networks?limit=2&marker=c&page_reverse=True", "rel": "previous"}]}"#))
            .unwrap();
        assert!(last.next.is_none());
    }

    #[test]
    fn revision_header_and_empty_common() {
        let op: Op<()> = Op::put(crate::path!("networks/{}", "n")).if_revision(7);
        let req = op.request(&neutron()).unwrap();
        assert_eq!(req.headers()["if-match"], "revision_number=7");
        assert!(ListCommon::default().apply(Query::new()).is_empty());
        let q = ListCommon {
            marker: Some("m".into()),
            page_reverse: true,
            not_tags_any: vec!["x".into()],
            extra: vec![("k".into(), "v".into())],
            ..Default::default()
        }
        .apply(Query::new());
        let mut url = String::from("http://h/");
        q.append_to(&mut url);
        assert_eq!(
            url,
            "http://h/?marker=m&page_reverse=true&not-tags-any=x&k=v"
        );
    }
}
