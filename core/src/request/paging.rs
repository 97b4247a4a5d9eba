//! Pagination as data: each list operation declares its paging style once, and
//! [`Paginated::parse_page`] turns one response into its typed items and the request for
//! the next page.
//!
//! Next-page links are never followed as written: [`next_request`] keeps a link's path
//! and query and puts them on the endpoint's own scheme, host and port, so a page can
//! only ever lead to the origin the catalog named (the token goes nowhere else), and a
//! cloud whose proxy writes `http://` links behind an `https://` endpoint still pages.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Method, Request, Response, Uri};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::{Error, InvalidInput, Op, Operation, PagingError, Query, Result, ServiceEndpoint};

/// How a list operation the server links pages of is read. Lists paged by `marker`
/// without links are built with [`List::marker`], which needs the items' ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// The server links the next page: `<key>_links` / `links` with `rel=next` (nova,
    /// neutron, cinder, octavia, heat), `links.next` (keystone), a top-level `next`
    /// (glance) or an HTTP `Link: <…>; rel="next"` header.
    Linked,
    /// One page holds everything.
    Single,
}

/// The paging style of a [`List`], with how to read an item's id for marker paging.
enum Style<T> {
    Linked,
    Single,
    /// `marker` + `limit`: the next page starts after the last item's id; a page shorter
    /// than `limit` (or empty) is the last.
    Marker(fn(&T) -> Option<&str>),
}

impl<T> Clone for Style<T> {
    fn clone(&self) -> Self {
        match self {
            Style::Linked => Style::Linked,
            Style::Single => Style::Single,
            Style::Marker(f) => Style::Marker(*f),
        }
    }
}

/// One page: its typed items and the request for the next page, if any.
#[derive(Debug)]
pub struct Page<T> {
    /// The items, parsed once straight into `T`.
    pub items: Vec<T>,
    /// The next page's request: the previous request (its headers, without a token) on
    /// the next page's URI, always on the endpoint's origin.
    pub next: Option<Request<Bytes>>,
}

impl<T> Page<T> {
    /// The next page's URL, if there is one.
    pub fn next_url(&self) -> Option<String> {
        self.next.as_ref().map(|r| r.uri().to_string())
    }
}

/// An operation whose result spans pages. `Sync`, as [`Operation`](crate::Operation).
pub trait Paginated: Sync {
    /// One listed item.
    type Item;

    /// The request for the first page.
    fn first_request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>>;

    /// Reads one page. `request` is the request that produced `resp` (without a token);
    /// the next page's request is built from it.
    fn parse_page(
        &self,
        svc: &ServiceEndpoint,
        request: &Request<Bytes>,
        resp: Response<Bytes>,
    ) -> Result<Page<Self::Item>>;
}

/// A declarative list operation: the request, the key holding the items, and the paging
/// style.
///
/// ```
/// use ferrocloud::{path, HasId, List, Paging, Query};
/// #[derive(serde::Deserialize)]
/// struct Network { id: String, name: String }
///
/// fn list_networks(limit: u32) -> List<Network> {
///     List::new(path!("networks"), "networks", Paging::Linked)
///         .query(Query::new().push("limit", limit))
/// }
///
/// // A service that pages by `marker` without links: the next page starts after the
/// // last item's id, so the items must have one.
/// impl HasId for Network {
///     fn id(&self) -> Option<&str> { Some(&self.id) }
/// }
/// fn list_by_marker() -> List<Network> {
///     List::marker(path!("networks"), "networks")
/// }
/// ```
pub struct List<T> {
    op: Op<()>,
    key: &'static str,
    style: Style<T>,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let style = match self.style {
            Style::Linked => "linked",
            Style::Single => "single",
            Style::Marker(_) => "marker",
        };
        f.debug_struct("List")
            .field("op", &self.op)
            .field("key", &self.key)
            .field("paging", &style)
            .finish()
    }
}

impl<T> Clone for List<T> {
    fn clone(&self) -> Self {
        List {
            op: self.op.clone(),
            key: self.key,
            style: self.style.clone(),
            _item: PhantomData,
        }
    }
}

/// Items with an id: the `marker` of the next page in marker paging.
pub trait HasId {
    /// The item's id.
    fn id(&self) -> Option<&str>;
}

/// A JSON object's `id` (lists read generically, as the dashboard does).
impl HasId for serde_json::Map<String, serde_json::Value> {
    fn id(&self) -> Option<&str> {
        self.get("id").and_then(serde_json::Value::as_str)
    }
}

impl<T> List<T> {
    /// `GET path`, items under `key`, paged as `paging`. An empty `key` reads a body that
    /// is the array of items itself (`[…]`, as Swift lists containers and objects).
    pub fn new(path: Result<String, InvalidInput>, key: &'static str, paging: Paging) -> Self {
        let style = match paging {
            Paging::Linked => Style::Linked,
            Paging::Single => Style::Single,
        };
        List {
            op: Op::new(Method::GET, path),
            key,
            style,
            _item: PhantomData,
        }
    }

    /// `GET path`, items under `key`, paged by `marker`: each next page starts after the
    /// last item's id; a page shorter than the `limit` sent (or empty) is the last. For
    /// services that page this way without links. An empty `key` reads a body that is
    /// the array itself (Swift).
    pub fn marker(path: Result<String, InvalidInput>, key: &'static str) -> Self
    where
        T: HasId,
    {
        List {
            style: Style::Marker(|t: &T| t.id()),
            ..List::new(path, key, Paging::Single)
        }
    }

    /// Sets the query.
    pub fn query(mut self, query: Query) -> Self {
        self.op = self.op.query(query);
        self
    }

    /// Checks the filter before any I/O: the first error is what
    /// [`Operation::request`](crate::Operation::request) returns (as [`Op::check`]).
    pub fn check(mut self, check: Result<(), InvalidInput>) -> Self {
        self.op = self.op.check(check);
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

    /// The key holding the items.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The same requests, key and paging, with the items read as `U` (for example as
    /// JSON objects, to show them generically).
    pub fn items_as<U: HasId>(&self) -> List<U> {
        let style = match self.style {
            Style::Linked => Style::Linked,
            Style::Single => Style::Single,
            Style::Marker(_) => Style::Marker(|u: &U| u.id()),
        };
        List {
            op: self.op.clone(),
            key: self.key,
            style,
            _item: PhantomData,
        }
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
    href: Option<String>,
    rel: Option<crate::LinkRel>,
}

impl Links {
    fn next(self) -> Option<String> {
        match self {
            Links::List(l) => l
                .into_iter()
                .find(|l| l.rel == Some(crate::LinkRel::Next))
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
            } else if k == "links"
                || k.strip_suffix("_links").is_some_and(|stem| {
                    // `servers_links`, and Cinder's singular `volume_type_links`.
                    stem == self.key || self.key.strip_suffix('s') == Some(stem)
                })
            {
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

/// Reads `{"<key>": [T…], "<key>_links"|"links"|"next": …}` in one pass; with an empty
/// `key`, a body that is the array itself (`[T…]`, Swift's listings; an empty body is an
/// empty page).
fn parse_raw<T: DeserializeOwned>(what: &str, key: &str, body: &[u8]) -> Result<RawPage<T>> {
    if key.is_empty() {
        let items =
            crate::request::op::decode_json::<Option<Vec<T>>>(what, body)?.unwrap_or_default();
        return Ok(RawPage { items, next: None });
    }
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

/// The `rel="next"` target of an HTTP `Link` header (RFC 8288), if any. Link values are
/// split on commas outside `<…>` and quoted strings; parameters may have spaces around
/// `=`, quoted or bare values, and `rel` may list several relation types. A header that
/// does not parse is an error, not "no next page".
#[allow(unreachable_pub)] // public as `ferrocloud::fuzzing::link_header_next`
pub fn link_header_next(header: &str) -> Result<Option<String>> {
    let links = parse_link_header(header).map_err(|why| {
        Error::decode_msg(
            "Link header",
            format!("{why} in {:?}", crate::error::fault::inert(header, 200)),
        )
    })?;
    Ok(links.into_iter().find_map(|(target, params)| {
        // Only the first `rel` counts (RFC 8288 section 3.3).
        params
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("rel"))
            .and_then(|(_, value)| value.as_deref())
            .is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("next"))
            })
            .then_some(target)
    }))
}

/// A link value: its target and its parameters (name, value).
type LinkValue = (String, Vec<(String, Option<String>)>);

/// Parses a `Link` header field value (RFC 8288 section 3).
fn parse_link_header(h: &str) -> std::result::Result<Vec<LinkValue>, &'static str> {
    fn is_tchar(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
    }
    fn ows(b: &[u8], mut i: usize) -> usize {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        i
    }
    fn token(b: &[u8], start: usize) -> usize {
        let mut i = start;
        while i < b.len() && is_tchar(b[i]) {
            i += 1;
        }
        i
    }
    let b = h.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Empty list elements are allowed: `, ,`.
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b',') {
            i += 1;
        }
        if i == b.len() {
            return Ok(out);
        }
        if b[i] != b'<' {
            return Err("a link value does not start with <");
        }
        let end = h[i + 1..]
            .find('>')
            .ok_or("a link target has no closing >")?
            + i
            + 1;
        let target = h[i + 1..end].to_owned();
        i = end + 1;
        let mut params = Vec::new();
        loop {
            i = ows(b, i);
            if i == b.len() || b[i] != b';' {
                break;
            }
            i = ows(b, i + 1);
            let name_end = token(b, i);
            if name_end == i {
                return Err("a link parameter has no name");
            }
            let name = h[i..name_end].to_owned();
            i = ows(b, name_end);
            let mut value = None;
            if i < b.len() && b[i] == b'=' {
                i = ows(b, i + 1);
                if i < b.len() && b[i] == b'"' {
                    let mut v = String::new();
                    let mut j = i + 1;
                    loop {
                        match b.get(j) {
                            None => return Err("a quoted parameter value is not closed"),
                            Some(b'"') => break,
                            Some(b'\\') if j + 1 < b.len() => {
                                let c = h[j + 1..].chars().next().unwrap_or_default();
                                v.push(c);
                                j += 1 + c.len_utf8();
                            }
                            Some(_) => {
                                let c = h[j..].chars().next().unwrap_or_default();
                                v.push(c);
                                j += c.len_utf8();
                            }
                        }
                    }
                    value = Some(v);
                    i = j + 1;
                } else {
                    let v_end = token(b, i);
                    if v_end == i {
                        return Err("a link parameter has an empty value");
                    }
                    value = Some(h[i..v_end].to_owned());
                    i = v_end;
                }
            }
            params.push((name, value));
        }
        i = ows(b, i);
        if i < b.len() && b[i] != b',' {
            return Err("unexpected text after a link value");
        }
        out.push((target, params));
    }
}

/// The request for the next page at `href` (a link as the server wrote it: absolute,
/// `//host/…`, `/path` or relative), built from `prev`, the request of the page that
/// carried it: same method and headers, a new URI. The link's path and query are kept
/// and put on the endpoint's scheme, host and port; a link whose path does not lie under
/// the endpoint's path is a [`PagingError::LinkOutsideEndpoint`].
#[allow(unreachable_pub)] // public as `ferrocloud::fuzzing::next_request`
pub fn next_request(
    svc: &ServiceEndpoint,
    prev: &Request<Bytes>,
    href: &str,
) -> Result<Request<Bytes>> {
    let page = prev.uri().to_string();
    let outside = || {
        Error::from(PagingError::LinkOutsideEndpoint {
            link: crate::error::fault::inert(href, 200),
            page: page.clone(),
            endpoint: svc.endpoint().to_owned(),
        })
    };
    let link = url::Url::parse(&svc.resolve_link(href)?).map_err(|_| outside())?;
    let mut target = url::Url::parse(svc.endpoint())
        .map_err(|e| Error::decode_msg("endpoint", e.to_string()))?;
    let prefix = target.path().trim_end_matches('/');
    let path = link.path();
    let under = prefix.is_empty()
        || path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'));
    if !under || !matches!(link.scheme(), "http" | "https") {
        return Err(outside());
    }
    target.set_path(path);
    target.set_query(link.query());
    target.set_fragment(None);
    with_uri(prev, target.as_str())
}

/// `prev` (method, headers; no body) on another URI.
fn with_uri(prev: &Request<Bytes>, uri: &str) -> Result<Request<Bytes>> {
    let uri: Uri = uri
        .parse()
        .map_err(|_| Error::decode_msg("next page", format!("{uri:?} is not a valid URI")))?;
    let mut req = Request::new(Bytes::new());
    *req.method_mut() = prev.method().clone();
    *req.uri_mut() = uri;
    req.headers_mut().clone_from(prev.headers());
    Ok(req)
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

fn limit_of(uri: &Uri) -> Option<usize> {
    url::form_urlencoded::parse(uri.query()?.as_bytes())
        .find(|(k, _)| k == "limit")
        .and_then(|(_, v)| v.parse().ok())
}

impl<T: DeserializeOwned> Paginated for List<T> {
    type Item = T;

    fn first_request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        self.op.request(svc)
    }

    fn parse_page(
        &self,
        svc: &ServiceEndpoint,
        request: &Request<Bytes>,
        resp: Response<Bytes>,
    ) -> Result<Page<T>> {
        let what = format!("GET {} page", request.uri());
        let raw: RawPage<T> = parse_raw(&what, self.key, resp.body())?;
        if raw.items.is_empty() {
            return Ok(Page {
                items: raw.items,
                next: None,
            });
        }
        let next = match &self.style {
            Style::Single => None,
            Style::Linked => {
                let href = match raw.next {
                    Some(href) => Some(href),
                    None => link_header(&resp)?,
                };
                href.map(|href| next_request(svc, request, &href))
                    .transpose()?
            }
            Style::Marker(id_of) => {
                let short = limit_of(request.uri()).is_some_and(|l| raw.items.len() < l);
                match raw.items.last().and_then(|t| id_of(t)) {
                    Some(m) if !short => Some(with_uri(
                        request,
                        &with_marker(&request.uri().to_string(), m)?,
                    )?),
                    _ => None,
                }
            }
        };
        Ok(Page {
            items: raw.items,
            next,
        })
    }
}

/// The `rel="next"` target of the response's `Link` header fields, if any.
fn link_header(resp: &Response<Bytes>) -> Result<Option<String>> {
    let mut fields = resp.headers().get_all(http::header::LINK).iter().peekable();
    if fields.peek().is_none() {
        return Ok(None);
    }
    let mut joined = String::new();
    for v in fields {
        let v = v
            .to_str()
            .map_err(|_| Error::decode_msg("Link header", "not visible ASCII"))?;
        if !joined.is_empty() {
            joined.push_str(", ");
        }
        joined.push_str(v);
    }
    link_header_next(&joined)
}

/// The first page of a list, as a plain [`Operation`] (for callers that want one page).
impl<T: DeserializeOwned> Operation for List<T> {
    type Output = Vec<T>;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
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

    fn svc(kind: ServiceType, url: &str) -> ServiceEndpoint {
        ServiceEndpoint::new(kind, url).unwrap()
    }

    fn get(url: &str) -> Request<Bytes> {
        let mut r = Request::new(Bytes::new());
        *r.uri_mut() = url.parse().unwrap();
        r.headers_mut().insert(
            "openstack-api-version",
            HeaderValue::from_static("compute 2.79"),
        );
        r
    }

    fn next_of<T: DeserializeOwned>(
        l: &List<T>,
        s: &ServiceEndpoint,
        url: &str,
        r: Response<Bytes>,
    ) -> Result<Option<String>> {
        l.parse_page(s, &get(url), r).map(|p| p.next_url())
    }

    #[test]
    fn nova_style_links_keep_the_previous_requests_headers() {
        let l: List<Item> = List::new(path!("servers"), "servers", Paging::Linked);
        let s = svc(ServiceType::COMPUTE, "http://h/v2.1");
        let p = l
            .parse_page(&s, &get("http://h/v2.1/servers?limit=1"), resp(r#"{"servers": [{"id": "a"}], "servers_links": [{"href": "http://h/v2.1/servers?limit=1&marker=a", "rel": "next"}]}"#))
            .unwrap();
        assert_eq!(p.items, vec![Item { id: "a".into() }]);
        let next = p.next.unwrap();
        assert_eq!(next.uri(), "http://h/v2.1/servers?limit=1&marker=a");
        assert_eq!(next.headers()["openstack-api-version"], "compute 2.79");
        let last = next_of(
            &l,
            &s,
            "http://h/v2.1/servers?limit=1&marker=a",
            resp(r#"{"servers": [{"id": "b"}]}"#),
        )
        .unwrap();
        assert_eq!(last, None);
    }

    #[test]
    fn keystone_glance_and_link_header() {
        let s = svc(ServiceType::IDENTITY, "http://h:5000/v3");
        let l: List<Item> = List::new(path!("projects"), "projects", Paging::Linked);
        let n = next_of(&l, &s, "http://h:5000/v3/projects", resp(r#"{"links": {"next": "http://h:5000/v3/projects?marker=a", "self": "x", "previous": null}, "projects": [{"id": "a"}]}"#)).unwrap();
        assert_eq!(n.as_deref(), Some("http://h:5000/v3/projects?marker=a"));
        let n = next_of(
            &l,
            &s,
            "http://h:5000/v3/projects",
            resp(r#"{"links": {"next": null}, "projects": [{"id": "a"}]}"#),
        )
        .unwrap();
        assert_eq!(n, None);

        let g = svc(ServiceType::IMAGE, "http://h:9292");
        let l: List<Item> = List::new(path!("images"), "images", Paging::Linked);
        let n = next_of(&l, &g, "http://h:9292/v2/images?limit=1", resp(r#"{"images": [{"id": "a"}], "first": "/v2/images?limit=1", "next": "/v2/images?marker=a&limit=1", "schema": "/v2/schemas/images"}"#)).unwrap();
        assert_eq!(
            n.as_deref(),
            Some("http://h:9292/v2/images?marker=a&limit=1")
        );

        let r = Response::builder()
            .header("Link", "<http://h:9292/v2/things?page=2>; rel=\"next\"")
            .body(Bytes::from_static(br#"{"images": [{"id": "a"}]}"#))
            .unwrap();
        assert_eq!(
            next_of(&l, &g, "http://h:9292/v2/images", r)
                .unwrap()
                .as_deref(),
            Some("http://h:9292/v2/things?page=2")
        );
    }

    #[test]
    fn next_links_are_rebased_on_the_endpoint_origin() {
        let s = svc(
            ServiceType::COMPUTE,
            "https://cloud.example:8443/compute/v2.1",
        );
        let l: List<Item> = List::new(path!("servers"), "servers", Paging::Linked);
        let page = |href: &str| {
            resp(&format!(
                r#"{{"servers": [{{"id": "a"}}], "servers_links": [{{"rel": "next", "href": "{href}"}}]}}"#
            ))
        };
        let first = "https://cloud.example:8443/compute/v2.1/servers";
        for (href, want) in [
            // A proxy that writes plain http and its internal host into links.
            (
                "http://10.1.2.3:8774/compute/v2.1/servers?marker=a",
                "https://cloud.example:8443/compute/v2.1/servers?marker=a",
            ),
            // Another host altogether, same path: the token stays home.
            (
                "https://evil.example/compute/v2.1/servers?marker=a",
                "https://cloud.example:8443/compute/v2.1/servers?marker=a",
            ),
            (
                "//evil.example/compute/v2.1/servers?marker=a",
                "https://cloud.example:8443/compute/v2.1/servers?marker=a",
            ),
            (
                "/compute/v2.1/servers?marker=a",
                "https://cloud.example:8443/compute/v2.1/servers?marker=a",
            ),
            (
                "servers?marker=a",
                "https://cloud.example:8443/compute/v2.1/servers?marker=a",
            ),
        ] {
            assert_eq!(
                next_of(&l, &s, first, page(href)).unwrap().as_deref(),
                Some(want),
                "{href}"
            );
        }
        for href in [
            "https://evil.example/steal",
            "//evil.example/x",
            "/compute/v2.10/servers",
            "/other/v2.1/servers",
            "../../x",
            "ftp://cloud.example:8443/compute/v2.1/servers",
        ] {
            let err = next_of(&l, &s, first, page(href)).unwrap_err();
            assert!(
                matches!(&err, Error::Paging(p) if matches!(**p, PagingError::LinkOutsideEndpoint { .. })),
                "{href}: {err}"
            );
        }
    }

    #[test]
    fn marker_paging_needs_ids_and_stops_on_a_short_page() {
        let s = svc(ServiceType::IDENTITY, "http://h/v3");
        let l: List<Item> = List::marker(path!("users"), "users");
        let full = next_of(
            &l,
            &s,
            "http://h/v3/users?limit=2&marker=z",
            resp(r#"{"users": [{"id": "a"}, {"id": "b c"}]}"#),
        )
        .unwrap();
        assert_eq!(
            full.as_deref(),
            Some("http://h/v3/users?limit=2&marker=b+c")
        );
        let short = next_of(
            &l,
            &s,
            "http://h/v3/users?limit=2",
            resp(r#"{"users": [{"id": "a"}]}"#),
        )
        .unwrap();
        assert_eq!(short, None);
        let empty = next_of(
            &l,
            &s,
            "http://h/v3/users?limit=2",
            resp(r#"{"users": []}"#),
        )
        .unwrap();
        assert_eq!(empty, None);
        // Read generically, the same list still pages by the objects' ids.
        let objs: List<serde_json::Map<String, serde_json::Value>> = l.items_as();
        let n = next_of(
            &objs,
            &s,
            "http://h/v3/users?limit=1",
            resp(r#"{"users": [{"id": "q"}]}"#),
        )
        .unwrap();
        assert_eq!(n.as_deref(), Some("http://h/v3/users?limit=1&marker=q"));
    }

    #[test]
    fn an_empty_key_reads_a_bare_array_and_pages_by_marker() {
        let s = svc(ServiceType::OBJECT_STORE, "http://h/v1/AUTH_p");
        let l: List<Item> = List::marker(path!("c"), "");
        let url = "http://h/v1/AUTH_p/c?format=json&limit=2";
        let p = l
            .parse_page(&s, &get(url), resp(r#"[{"id": "a"}, {"id": "b/é"}]"#))
            .unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!(
            p.next_url().as_deref(),
            Some("http://h/v1/AUTH_p/c?format=json&limit=2&marker=b%2F%C3%A9")
        );
        for last in ["[]", "", " \n", r#"[{"id": "z"}]"#] {
            assert_eq!(next_of(&l, &s, url, resp(last)).unwrap(), None, "{last:?}");
        }
        for bad in ["{}", r#"{"": []}"#, "[1]", "[] x"] {
            assert!(next_of(&l, &s, url, resp(bad)).is_err(), "{bad:?}");
        }
        assert_eq!(l.parse(resp(r#"[{"id": "q"}]"#)).unwrap().len(), 1);
    }

    #[test]
    fn cinders_singular_links_key_pages_too() {
        let s = svc(ServiceType::BLOCK_STORAGE, "http://h:8776/v3");
        let l: List<Item> = List::new(path!("types"), "volume_types", Paging::Linked);
        let n = next_of(&l, &s, "http://h:8776/v3/types?limit=1", resp(r#"{"volume_types": [{"id": "a"}], "volume_type_links": [{"rel": "next", "href": "http://h:8776/v3/types?limit=1&marker=a"}]}"#)).unwrap();
        assert_eq!(
            n.as_deref(),
            Some("http://h:8776/v3/types?limit=1&marker=a")
        );
    }

    #[test]
    fn single_page_and_errors() {
        let s = svc(ServiceType::NETWORK, "http://h");
        let l: List<Item> = List::new(path!("networks"), "networks", Paging::Single);
        let n = next_of(&l, &s, "http://h/v2.0/networks", resp(r#"{"networks": [{"id": "a"}], "networks_links": [{"rel": "next", "href": "http://h/x"}]}"#)).unwrap();
        assert_eq!(n, None);
        assert!(matches!(
            l.parse_page(&s, &get("http://h/u"), resp(r#"{"nets": []}"#)),
            Err(Error::Decode(_))
        ));
        assert!(matches!(
            l.parse_page(&s, &get("http://h/u"), resp(r#"[1,2]"#)),
            Err(Error::Decode(_))
        ));
    }

    #[test]
    fn link_headers_follow_rfc_8288() {
        let next = |h: &str| link_header_next(h).unwrap();
        // A comma inside the target, spaces around `=`, several rels, bare tokens.
        assert_eq!(
            next(r#"<http://h/a?tags=a,b&marker=x>; rel = "next""#).as_deref(),
            Some("http://h/a?tags=a,b&marker=x")
        );
        assert_eq!(
            next(r#"<http://h/p>; rel="prev", <http://h/n>;rel=next"#).as_deref(),
            Some("http://h/n")
        );
        assert_eq!(
            next(r#"<http://h/n>; title="a, b; c"; rel="prefetch NEXT""#).as_deref(),
            Some("http://h/n")
        );
        assert_eq!(
            next(r#"<http://h/1>; rel="first", , <http://h/2>; anchor; rel=next"#).as_deref(),
            Some("http://h/2")
        );
        assert_eq!(next(r#"<http://h/n>; rel="nextish""#), None);
        // Only the first rel parameter counts.
        assert_eq!(next(r#"<http://h/n>; rel=prev; rel=next"#), None);
        assert_eq!(next(""), None);
        for bad in [
            "http://h/n; rel=next",
            "<http://h/n; rel=next",
            r#"<http://h/n>; rel="next"#,
            "<http://h/n>; =next",
            "<http://h/n> junk",
            "<http://h/n>; rel=",
        ] {
            assert!(link_header_next(bad).is_err(), "{bad}");
        }
        // An unreadable Link header on a linked list is an error, not the last page.
        let g = svc(ServiceType::IMAGE, "http://h:9292");
        let l: List<Item> = List::new(path!("images"), "images", Paging::Linked);
        let r = Response::builder()
            .header("Link", "<http://h:9292/v2/images?marker=a; rel=next")
            .body(Bytes::from_static(br#"{"images": [{"id": "a"}]}"#))
            .unwrap();
        assert!(matches!(
            l.parse_page(&g, &get("http://h:9292/v2/images"), r),
            Err(Error::Decode(_))
        ));
        // Two Link fields read as one list.
        let r = Response::builder()
            .header("Link", "<http://h:9292/v2/images>; rel=first")
            .header("Link", "<http://h:9292/v2/images?marker=a>; rel=next")
            .body(Bytes::from_static(br#"{"images": [{"id": "a"}]}"#))
            .unwrap();
        assert_eq!(
            next_of(&l, &g, "http://h:9292/v2/images", r)
                .unwrap()
                .as_deref(),
            Some("http://h:9292/v2/images?marker=a")
        );
    }

    #[test]
    fn documented_examples() {
        let h = r#"<http://h/v1/a?tags=x,y&marker=m>; rel = "next prefetch", <http://h/v1/a>; rel=first"#;
        assert_eq!(
            link_header_next(h).unwrap().as_deref(),
            Some("http://h/v1/a?tags=x,y&marker=m")
        );
        assert_eq!(
            link_header_next(r#"<http://h/v1/a>; rel="first""#).unwrap(),
            None
        );
        assert!(link_header_next("http://h/v1/a; rel=next").is_err());
        use crate::{ServiceEndpoint, ServiceType};
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "https://cloud.example/compute/v2.1")
            .unwrap();
        let first = nova
            .request(
                http::Method::GET,
                "servers",
                &Default::default(),
                Default::default(),
            )
            .unwrap();
        // A proxy that writes the internal address into its links:
        let next = next_request(
            &nova,
            &first,
            "http://10.0.0.5:8774/compute/v2.1/servers?marker=x",
        )
        .unwrap();
        assert_eq!(
            next.uri(),
            "https://cloud.example/compute/v2.1/servers?marker=x"
        );
        assert!(next_request(&nova, &first, "https://evil.example/steal").is_err());
    }
}
