//! Pagination as data: each list operation declares its [`Paging`] style once, and
//! [`Paginated::parse_page`] turns one response into its typed items and the next request.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Method, Request, Response};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::error::{Error, InvalidInput, Result};
use crate::op::{Op, Operation};
use crate::service::{Query, ServiceClient};

/// How a list operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// The server links the next page: `<key>_links` / `links` with `rel=next` (nova,
    /// neutron, cinder, octavia), `links.next` (keystone), a top-level `next` (glance) or
    /// an HTTP `Link: <…>; rel="next"` header.
    Linked,
    /// `marker` + `limit`: the next page starts after the last item's id; a page shorter
    /// than `limit` (or empty) is the last.
    Marker,
    /// One page holds everything.
    Single,
}

/// One page: its typed items and the absolute URL of the next page, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items, parsed once straight into `T`.
    pub items: Vec<T>,
    /// The next page's URL.
    pub next: Option<String>,
}

/// An operation whose result spans pages.
pub trait Paginated {
    /// One listed item.
    type Item;

    /// The request for the first page.
    fn first_request(&self, svc: &ServiceClient) -> Result<Request<Bytes>>;

    /// Reads one page. `request_url` is the URL of the request that produced `resp`.
    fn parse_page(
        &self,
        svc: &ServiceClient,
        request_url: &str,
        resp: Response<Bytes>,
    ) -> Result<Page<Self::Item>>;
}

/// A declarative list operation: the request, the key holding the items, and the paging
/// style.
///
/// ```
/// use ferrocloud::{path, List, Paging, Query};
/// #[derive(serde::Deserialize)]
/// struct Network { id: String, name: String }
///
/// fn list_networks(limit: u32) -> List<Network> {
///     List::new(path!("networks"), "networks", Paging::Linked)
///         .query(Query::new().push("limit", limit))
/// }
/// ```
pub struct List<T> {
    op: Op<()>,
    key: &'static str,
    paging: Paging,
    marker_of: fn(&T) -> Option<&str>,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("op", &self.op)
            .field("key", &self.key)
            .field("paging", &self.paging)
            .finish()
    }
}

impl<T> Clone for List<T> {
    fn clone(&self) -> Self {
        List {
            op: self.op.clone(),
            key: self.key,
            paging: self.paging,
            marker_of: self.marker_of,
            _item: PhantomData,
        }
    }
}

/// Items whose id serves as the `marker` of the next page.
pub trait HasId {
    /// The item's id.
    fn id(&self) -> Option<&str>;
}

fn no_marker<T>(_: &T) -> Option<&str> {
    None
}

impl<T> List<T> {
    /// `GET path`, items under `key`, paged as `paging`.
    pub fn new(path: Result<String, InvalidInput>, key: &'static str, paging: Paging) -> Self {
        List {
            op: Op::new(Method::GET, path),
            key,
            paging,
            marker_of: no_marker::<T>,
            _item: PhantomData,
        }
    }

    /// Sets the query.
    pub fn query(mut self, query: Query) -> Self {
        self.op = self.op.query(query);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.op = self.op.header(name, value);
        self
    }

    /// Overrides the microversion for these requests.
    pub fn microversion(mut self, version: impl Into<String>) -> Self {
        self.op = self.op.microversion(version);
        self
    }

    /// The paging style.
    pub fn paging(&self) -> Paging {
        self.paging
    }

    /// The key holding the items.
    pub fn key(&self) -> &'static str {
        self.key
    }
}

impl<T: HasId> List<T> {
    /// Takes the `marker` of the next page from the item's id; required for
    /// [`Paging::Marker`], harmless for the other styles.
    pub fn with_marker(mut self) -> Self {
        self.marker_of = |t: &T| t.id();
        self
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Links {
    List(Vec<Link>),
    Object {
        #[serde(default)]
        next: Option<String>,
    },
    #[allow(dead_code)]
    Other(IgnoredAny),
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    href: Option<String>,
    #[serde(default)]
    rel: Option<String>,
}

impl Links {
    fn next(self) -> Option<String> {
        match self {
            Links::List(l) => l
                .into_iter()
                .find(|l| l.rel.as_deref() == Some("next"))
                .and_then(|l| l.href),
            Links::Object { next } => next,
            Links::Other(_) => None,
        }
    }
}

struct RawPage<T> {
    items: Vec<T>,
    next: Option<String>,
}

struct PageSeed<'k, T> {
    key: &'k str,
    _t: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for PageSeed<'_, T> {
    type Value = RawPage<T>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for PageSeed<'_, T> {
    type Value = RawPage<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a {:?} list", self.key)
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut items = None;
        let mut next = None;
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.key {
                items = Some(map.next_value::<Vec<T>>()?);
            } else if k == "next" {
                next = next.or(map.next_value::<Option<String>>().ok().flatten());
            } else if k == "links" || k.strip_suffix("_links") == Some(self.key) {
                next = map.next_value::<Links>()?.next().or(next);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let items = items.ok_or_else(|| {
            serde::de::Error::custom(format_args!("missing list key {:?}", self.key))
        })?;
        Ok(RawPage { items, next })
    }
}

/// Reads `{"<key>": [T…], "<key>_links"|"links"|"next": …}` in one pass.
fn parse_raw<T: DeserializeOwned>(what: &str, key: &str, body: &[u8]) -> Result<RawPage<T>> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let page = PageSeed {
        key,
        _t: PhantomData,
    }
    .deserialize(&mut de)
    .and_then(|p| de.end().map(|()| p))
    .map_err(|e| Error::decode(what, e))?;
    Ok(page)
}

/// The `rel="next"` target of an HTTP `Link` header, if any.
///
/// ```
/// use ferrocloud::paging::link_header_next;
/// let h = r#"<http://h/v1/a?marker=x>; rel="next", <http://h/v1/a>; rel="first""#;
/// assert_eq!(link_header_next(h).as_deref(), Some("http://h/v1/a?marker=x"));
/// ```
pub fn link_header_next(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let mut pieces = part.split(';');
        let target = pieces.next()?.trim();
        let target = target.strip_prefix('<')?.strip_suffix('>')?;
        pieces
            .any(|p| {
                let p = p.trim();
                p.strip_prefix("rel=")
                    .map(|r| {
                        r.trim_matches('"')
                            .split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("next"))
                    })
                    .unwrap_or(false)
            })
            .then(|| target.to_owned())
    })
}

/// `url` with its `marker` parameter set to `marker`.
fn with_marker(url: &str, marker: &str) -> Result<String> {
    let mut parsed =
        url::Url::parse(url).map_err(|e| Error::decode_msg("page URL", e.to_string()))?;
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| k != "marker")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    {
        let mut q = parsed.query_pairs_mut();
        q.clear();
        for (k, v) in &pairs {
            q.append_pair(k, v);
        }
        q.append_pair("marker", marker);
    }
    Ok(parsed.into())
}

fn limit_of(url: &str) -> Option<usize> {
    let query = url.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "limit")
        .and_then(|(_, v)| v.parse().ok())
}

impl<T: DeserializeOwned> Paginated for List<T> {
    type Item = T;

    fn first_request(&self, svc: &ServiceClient) -> Result<Request<Bytes>> {
        self.op.request(svc)
    }

    fn parse_page(
        &self,
        svc: &ServiceClient,
        request_url: &str,
        resp: Response<Bytes>,
    ) -> Result<Page<T>> {
        let link_header = resp
            .headers()
            .get(http::header::LINK)
            .and_then(|v| v.to_str().ok())
            .and_then(link_header_next);
        let what = format!("GET {request_url} page");
        let raw: RawPage<T> = parse_raw(&what, self.key, resp.body())?;
        if raw.items.is_empty() {
            return Ok(Page {
                items: raw.items,
                next: None,
            });
        }
        let next = match self.paging {
            Paging::Single => None,
            Paging::Linked => match raw.next.or(link_header) {
                Some(href) => Some(svc.resolve_link(&href)?),
                None => None,
            },
            Paging::Marker => {
                let short = limit_of(request_url).is_some_and(|l| raw.items.len() < l);
                match raw.items.last().and_then(self.marker_of) {
                    Some(m) if !short => Some(with_marker(request_url, m)?),
                    _ => None,
                }
            }
        };
        if next.as_deref() == Some(request_url) {
            // A server that links a page to itself would loop forever.
            return Err(Error::decode_msg(
                what,
                "the next-page link points at the same page",
            ));
        }
        Ok(Page {
            items: raw.items,
            next,
        })
    }
}

/// The first page of a list, as a plain [`Operation`] (for callers that want one page).
impl<T: DeserializeOwned> Operation for List<T> {
    type Output = Vec<T>;

    fn request(&self, svc: &ServiceClient) -> Result<Request<Bytes>> {
        self.first_request(svc)
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<Vec<T>> {
        Ok(parse_raw::<T>("list page", self.key, resp.body())?.items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{path, ServiceType};

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: String,
    }
    impl HasId for Item {
        fn id(&self) -> Option<&str> {
            Some(&self.id)
        }
    }

    fn resp(body: &str) -> Response<Bytes> {
        Response::new(Bytes::from(body.to_owned()))
    }

    fn svc(kind: ServiceType, url: &str) -> ServiceClient {
        ServiceClient::new(kind, url).unwrap()
    }

    #[test]
    fn nova_style_links() {
        let l: List<Item> = List::new(path!("servers"), "servers", Paging::Linked);
        let s = svc(ServiceType::COMPUTE, "http://h/v2.1");
        let p = l
            .parse_page(&s, "http://h/v2.1/servers?limit=1", resp(r#"{"servers": [{"id": "a"}], "servers_links": [{"href": "http://h/v2.1/servers?limit=1&marker=a", "rel": "next"}]}"#))
            .unwrap();
        assert_eq!(p.items, vec![Item { id: "a".into() }]);
        assert_eq!(
            p.next.as_deref(),
            Some("http://h/v2.1/servers?limit=1&marker=a")
        );
        let last = l
            .parse_page(
                &s,
                "http://h/v2.1/servers?limit=1&marker=a",
                resp(r#"{"servers": [{"id": "b"}]}"#),
            )
            .unwrap();
        assert_eq!(last.next, None);
    }

    #[test]
    fn keystone_glance_and_link_header() {
        let s = svc(ServiceType::IDENTITY, "http://h:5000/v3");
        let l: List<Item> = List::new(path!("projects"), "projects", Paging::Linked);
        let p = l.parse_page(&s, "http://h:5000/v3/projects", resp(r#"{"links": {"next": "http://h:5000/v3/projects?marker=a", "self": "x", "previous": null}, "projects": [{"id": "a"}]}"#)).unwrap();
        assert_eq!(
            p.next.as_deref(),
            Some("http://h:5000/v3/projects?marker=a")
        );
        let p = l
            .parse_page(
                &s,
                "http://h:5000/v3/projects",
                resp(r#"{"links": {"next": null}, "projects": [{"id": "a"}]}"#),
            )
            .unwrap();
        assert_eq!(p.next, None);

        let g = svc(ServiceType::IMAGE, "http://h:9292");
        let l: List<Item> = List::new(path!("images"), "images", Paging::Linked);
        let p = l.parse_page(&g, "http://h:9292/v2/images?limit=1", resp(r#"{"images": [{"id": "a"}], "first": "/v2/images?limit=1", "next": "/v2/images?marker=a&limit=1", "schema": "/v2/schemas/images"}"#)).unwrap();
        assert_eq!(
            p.next.as_deref(),
            Some("http://h:9292/v2/images?marker=a&limit=1")
        );

        let r = Response::builder()
            .header("Link", "<http://h:9292/v2/things?page=2>; rel=\"next\"")
            .body(Bytes::from_static(br#"{"images": [{"id": "a"}]}"#))
            .unwrap();
        assert_eq!(
            l.parse_page(&g, "http://h:9292/v2/images", r)
                .unwrap()
                .next
                .as_deref(),
            Some("http://h:9292/v2/things?page=2")
        );
    }

    #[test]
    fn marker_paging() {
        let s = svc(ServiceType::IDENTITY, "http://h/v3");
        let l: List<Item> = List::new(path!("users"), "users", Paging::Marker).with_marker();
        let full = l
            .parse_page(
                &s,
                "http://h/v3/users?limit=2&marker=z",
                resp(r#"{"users": [{"id": "a"}, {"id": "b c"}]}"#),
            )
            .unwrap();
        assert_eq!(
            full.next.as_deref(),
            Some("http://h/v3/users?limit=2&marker=b+c")
        );
        let short = l
            .parse_page(
                &s,
                "http://h/v3/users?limit=2",
                resp(r#"{"users": [{"id": "a"}]}"#),
            )
            .unwrap();
        assert_eq!(short.next, None);
        let empty = l
            .parse_page(&s, "http://h/v3/users?limit=2", resp(r#"{"users": []}"#))
            .unwrap();
        assert_eq!(empty.next, None);
    }

    #[test]
    fn single_page_and_errors() {
        let s = svc(ServiceType::NETWORK, "http://h");
        let l: List<Item> = List::new(path!("networks"), "networks", Paging::Single);
        let p = l.parse_page(&s, "http://h/v2.0/networks", resp(r#"{"networks": [{"id": "a"}], "networks_links": [{"rel": "next", "href": "http://h/x"}]}"#)).unwrap();
        assert_eq!(p.next, None);
        assert!(matches!(
            l.parse_page(&s, "u", resp(r#"{"nets": []}"#)),
            Err(Error::Decode(_))
        ));
        assert!(matches!(
            l.parse_page(&s, "u", resp(r#"[1,2]"#)),
            Err(Error::Decode(_))
        ));
        let looping: List<Item> = List::new(path!("networks"), "networks", Paging::Linked);
        let err = looping.parse_page(&s, "http://h/x", resp(r#"{"networks": [{"id": "a"}], "networks_links": [{"rel": "next", "href": "http://h/x"}]}"#));
        assert!(matches!(err, Err(Error::Decode(_))));
    }
}
