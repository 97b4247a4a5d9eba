//! [`ServiceEndpoint`]: one service endpoint, and how requests to it are built.

use std::fmt;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use http::{Method, Request};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::{Error, InvalidInput, Result, ServiceType};

/// The default `User-Agent`.
pub(crate) const DEFAULT_USER_AGENT: &str = concat!("ferrocloud/", env!("CARGO_PKG_VERSION"));

/// A service endpoint with its settings: base URL (version suffix included), microversion,
/// extra headers and user agent. It builds `http::Request`s; it does no I/O.
///
/// ```
/// use ferrocloud::{ServiceEndpoint, ServiceType};
/// let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://127.0.0.1:8774/v2.1")
///     .unwrap()
///     .with_microversion("2.79");
/// assert_eq!(nova.base_url(), "http://127.0.0.1:8774/v2.1/");
/// let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://127.0.0.1:9696").unwrap();
/// assert_eq!(neutron.base_url(), "http://127.0.0.1:9696/v2.0/");
/// ```
#[derive(Clone)]
pub struct ServiceEndpoint {
    service: ServiceType,
    endpoint: String,
    base: String,
    /// `base` parsed: its scheme, host and port are the origin the token may go to.
    base_uri: http::Uri,
    microversion: Option<String>,
    /// The microversion's headers are in `headers` already (built once, not per request).
    microversion_in_headers: bool,
    headers: HeaderMap,
}

impl fmt::Debug for ServiceEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceEndpoint")
            .field("service", &self.service.name)
            .field("base", &self.base)
            .field("microversion", &self.microversion)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// `v2.1`, `v3`, `V1.0`: a path segment that names an API version.
pub(crate) fn is_version_segment(seg: &str) -> bool {
    let rest = match seg.strip_prefix(['v', 'V']) {
        Some(r) => r,
        None => return false,
    };
    !rest.is_empty()
        && rest
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

impl ServiceEndpoint {
    /// A client for `service` at `endpoint` (as found in the catalog). When no path
    /// segment of the endpoint is a version (`v2.1`, `v3`, …), the service's version
    /// suffix is appended.
    pub fn new(service: ServiceType, endpoint: &str) -> Result<Self> {
        Self::with_suffix(service, endpoint, service.version_suffix)
    }

    /// Like [`ServiceEndpoint::new`], with an explicit version suffix (or none). Use it for a
    /// service reachable under another version, e.g. block storage v2 or the legacy
    /// Neutron LBaaS path.
    pub fn with_suffix(service: ServiceType, endpoint: &str, suffix: Option<&str>) -> Result<Self> {
        let parsed = url::Url::parse(endpoint)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
            .ok_or_else(|| {
                InvalidInput::field("endpoint", format!("{endpoint:?} is not an http(s) URL"))
            })?;
        let mut base = parsed
            .as_str()
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        let versioned = parsed
            .path_segments()
            .is_some_and(|mut segs| segs.any(is_version_segment));
        if let (false, Some(suffix)) = (versioned, suffix) {
            base.push_str(suffix.trim_matches('/'));
            base.push('/');
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, HeaderValue::from_static(DEFAULT_USER_AGENT));
        let base_uri = base.parse().map_err(|_| {
            InvalidInput::field("endpoint", format!("{endpoint:?} is not a valid URI"))
        })?;
        Ok(ServiceEndpoint {
            service,
            endpoint: endpoint.to_owned(),
            base,
            base_uri,
            microversion: None,
            microversion_in_headers: false,
            headers,
        })
    }

    /// Sets the microversion sent with every request (`OpenStack-API-Version` and the
    /// service's legacy header).
    pub fn with_microversion(mut self, version: impl Into<String>) -> Self {
        let version = version.into();
        for name in self.microversion_header_names().into_iter().flatten() {
            self.headers.remove(name);
        }
        // Built once here rather than for every request; a version that is not a valid
        // header value is reported by each request instead.
        let mut headers = std::mem::take(&mut self.headers);
        self.microversion_in_headers = self.put_microversion(&mut headers, &version).is_ok();
        self.headers = headers;
        self.microversion = Some(version);
        self
    }

    fn microversion_header_names(&self) -> [Option<HeaderName>; 2] {
        [
            self.service
                .microversion_name
                .map(|_| HeaderName::from_static("openstack-api-version")),
            self.service
                .legacy_microversion_header
                .and_then(|h| HeaderName::from_bytes(h.as_bytes()).ok()),
        ]
    }

    /// Adds (or replaces) a header sent with every request.
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Replaces the `User-Agent`.
    pub fn with_user_agent(self, agent: &str) -> Result<Self> {
        let value = HeaderValue::from_str(agent)
            .map_err(|_| InvalidInput::field("user_agent", "not a valid header value"))?;
        Ok(self.with_header(USER_AGENT, value))
    }

    /// The service type.
    pub fn service(&self) -> ServiceType {
        self.service
    }

    /// The endpoint as found in the catalog.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The base URL, parsed: its scheme, host and port are the only origin the driver
    /// sends this service's token to.
    pub fn base_uri(&self) -> &http::Uri {
        &self.base_uri
    }

    /// The base URL requests are relative to; always ends with `/`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The microversion set on this client.
    pub fn microversion(&self) -> Option<&str> {
        self.microversion.as_deref()
    }

    /// The headers sent with every request.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The absolute URL for `path` (relative to [`ServiceEndpoint::base_url`]) and `query`.
    pub fn url(&self, path: &str, query: &Query) -> String {
        let mut url = String::with_capacity(self.base.len() + path.len() + 16);
        url.push_str(&self.base);
        url.push_str(path.trim_start_matches('/'));
        query.append_to(&mut url);
        url
    }

    /// Resolves a link the server sent (absolute, or relative to the endpoint's host).
    pub fn resolve_link(&self, href: &str) -> Result<String> {
        if href.starts_with("http://") || href.starts_with("https://") {
            return Ok(href.to_owned());
        }
        let base = url::Url::parse(&self.base)
            .map_err(|e| Error::decode_msg("link", format!("base URL: {e}")))?;
        let joined = if let Some(rest) = href.strip_prefix('/') {
            // Glance writes "/v2/images?marker=…" relative to its unversioned endpoint,
            // which may itself sit under a path prefix (e.g. "/image").
            let endpoint = self.endpoint.trim_end_matches('/');
            if url::Url::parse(endpoint).is_ok_and(|u| u.path() != "/" && !rest.is_empty())
                && !is_version_segment(endpoint.rsplit('/').next().unwrap_or_default())
            {
                format!("{endpoint}/{rest}")
            } else {
                base.join(href)
                    .map(String::from)
                    .map_err(|e| Error::decode_msg("link", e.to_string()))?
            }
        } else {
            base.join(href)
                .map(String::from)
                .map_err(|e| Error::decode_msg("link", e.to_string()))?
        };
        Ok(joined)
    }

    /// Builds a request for `url` (absolute) with this client's headers, microversion
    /// and the given body.
    pub fn request_url(&self, method: Method, url: &str, body: Body) -> Result<Request<Bytes>> {
        let uri = url.parse().map_err(|_| bad_uri(url))?;
        self.request_uri(method, uri, body)
    }

    fn request_uri(&self, method: Method, uri: http::Uri, body: Body) -> Result<Request<Bytes>> {
        let mut req = Request::new(Bytes::new());
        *req.method_mut() = method;
        *req.uri_mut() = uri;
        let headers = req.headers_mut();
        headers.clone_from(&self.headers);
        if let (Some(v), false) = (&self.microversion, self.microversion_in_headers) {
            self.put_microversion(headers, v)?;
        }
        if let Some(ct) = body.content_type {
            headers.insert(CONTENT_TYPE, ct);
        }
        *req.body_mut() = body.bytes;
        Ok(req)
    }

    /// Builds a request for `path` (relative to the base URL) and `query`.
    pub fn request(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        body: Body,
    ) -> Result<Request<Bytes>> {
        let url = self.url(path, query);
        // An owned String becomes the URI without another copy.
        let uri = match http::Uri::try_from(url) {
            Ok(uri) => uri,
            Err(_) => return Err(bad_uri(&self.url(path, query)).into()),
        };
        self.request_uri(method, uri, body)
    }

    /// Writes `version` into the microversion headers of `headers`.
    pub fn put_microversion(&self, headers: &mut HeaderMap, version: &str) -> Result<()> {
        let bad = || {
            InvalidInput::field(
                "microversion",
                format!("{version:?} is not a valid header value"),
            )
        };
        if let Some(name) = self.service.microversion_name {
            let v = HeaderValue::from_str(&format!("{name} {version}")).map_err(|_| bad())?;
            headers.insert(HeaderName::from_static("openstack-api-version"), v);
        }
        if let Some(legacy) = self.service.legacy_microversion_header {
            let name = HeaderName::from_bytes(legacy.as_bytes()).map_err(|_| bad())?;
            headers.insert(name, HeaderValue::from_str(version).map_err(|_| bad())?);
        }
        Ok(())
    }
}

fn bad_uri(url: &str) -> InvalidInput {
    InvalidInput::field("url", format!("{url:?} is not a valid URI"))
}

/// Characters escaped in a path segment: everything but RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A caller-supplied value checked and percent-encoded for use as one path segment.
///
/// Empty values, `.` and `..` are refused (URL normalisation would turn them into another
/// path); `/`, `?`, `#`, `%` and every other reserved character are percent-encoded, so a
/// value can never leave its segment.
///
/// ```
/// use ferrocloud::segment;
/// assert_eq!(segment("../admin").unwrap().to_string(), "..%2Fadmin");
/// assert!(segment("..").is_err());
/// assert!(segment("").is_err());
/// ```
pub fn segment(value: &str) -> Result<Segment<'_>, InvalidInput> {
    match value {
        "" => Err(InvalidInput::field(
            "path segment",
            "an id or name must not be empty",
        )),
        "." | ".." => Err(InvalidInput::field(
            "path segment",
            format!("{value:?} is not a valid id or name"),
        )),
        _ => Ok(Segment(value)),
    }
}

/// See [`segment`].
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a>(&'a str);

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&utf8_percent_encode(self.0, SEGMENT), f)
    }
}

/// Builds a request path from a template whose `{}` are caller-supplied values: each value
/// is checked and percent-encoded as one segment (see [`service::segment`](crate::request::endpoint::segment)).
/// Evaluates to `Result<String, InvalidInput>`.
///
/// ```
/// use ferrocloud::path;
/// assert_eq!(path!("servers/{}/action", "a b").unwrap(), "servers/a%20b/action");
/// assert!(path!("servers/{}", "..").is_err());
/// ```
#[macro_export]
macro_rules! path {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{
        #[allow(clippy::redundant_closure_call)]
        let path = (|| -> ::core::result::Result<::std::string::String, $crate::InvalidInput> {
            ::core::result::Result::Ok(::std::format!(
                $fmt $(, $crate::segment(::core::convert::AsRef::<str>::as_ref(&$arg))?)*
            ))
        })();
        path
    }};
}

/// Builds a [`Query`] from `key: Option<value>` pairs, skipping `None`s. Keys are
/// identifiers or string literals (for keys like `"changes-since"`).
///
/// ```
/// use ferrocloud::query;
/// let name: Option<&str> = Some("web");
/// let q = query!(name: name, limit: Some(2), "changes-since": None::<&str>);
/// assert_eq!(q.pairs(), &[("name".to_string(), "web".to_string()), ("limit".to_string(), "2".to_string())]);
/// ```
#[macro_export]
macro_rules! query {
    ($($key:tt : $val:expr),* $(,)?) => {{
        let q = $crate::Query::new();
        $( let q = q.push_opt($crate::__query_key!($key), $val); )*
        q
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __query_key {
    ($k:ident) => {
        stringify!($k)
    };
    ($k:literal) => {
        $k
    };
}

/// Query parameters, in order, encoded `application/x-www-form-urlencoded`.
///
/// ```
/// use ferrocloud::Query;
/// let q = Query::new().push("name", "web 1").push_opt("limit", Some(2)).push_opt("marker", None::<&str>);
/// let mut url = String::from("http://x/servers");
/// q.append_to(&mut url);
/// assert_eq!(url, "http://x/servers?name=web+1&limit=2");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query(Vec::new())
    }

    /// Adds `key=value`.
    pub fn push(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.0.push((key.into(), value.to_string()));
        self
    }

    /// Adds `key=value` when `value` is `Some`.
    pub fn push_opt(self, key: impl Into<String>, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.push(key, v),
            None => self,
        }
    }

    /// Adds `key=value` once per value (repeated keys, e.g. `tags`).
    pub fn push_all<V: ToString>(mut self, key: &str, values: impl IntoIterator<Item = V>) -> Self {
        for v in values {
            self.0.push((key.to_owned(), v.to_string()));
        }
        self
    }

    /// Sets `key` to `value`, replacing earlier values.
    pub fn set(mut self, key: &str, value: impl ToString) -> Self {
        self.0.retain(|(k, _)| k != key);
        self.push(key, value)
    }

    /// The parameters.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// `true` when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends `?k=v&…` (or `&k=v…` when `url` already has a query).
    pub fn append_to(&self, url: &mut String) {
        if self.0.is_empty() {
            return;
        }
        let start = match url.find('?') {
            Some(i) => i + 1,
            None => {
                url.push('?');
                url.len()
            }
        };
        let mut ser = url::form_urlencoded::Serializer::for_suffix(std::mem::take(url), start);
        for (k, v) in &self.0 {
            ser.append_pair(k, v);
        }
        *url = ser.finish();
    }
}

/// A request body and its content type.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The bytes sent.
    pub bytes: Bytes,
    /// The `Content-Type`, when there is a body.
    pub content_type: Option<HeaderValue>,
}

impl Body {
    /// No body.
    pub fn empty() -> Self {
        Body::default()
    }

    /// `value` serialized as `application/json`.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Self, InvalidInput> {
        Self::json_as(value, "application/json")
    }

    /// `value` serialized as JSON with another JSON media type (e.g. JSON Patch).
    pub fn json_as<T: Serialize + ?Sized>(
        value: &T,
        content_type: &'static str,
    ) -> Result<Self, InvalidInput> {
        let bytes = serde_json::to_vec(value)
            .map_err(|e| InvalidInput::field("request body", e.to_string()))?;
        Ok(Body {
            bytes: bytes.into(),
            content_type: Some(HeaderValue::from_static(content_type)),
        })
    }

    /// Raw bytes with a content type (e.g. `application/octet-stream` image data).
    pub fn raw(bytes: impl Into<Bytes>, content_type: &'static str) -> Self {
        Body {
            bytes: bytes.into(),
            content_type: Some(HeaderValue::from_static(content_type)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_suffix_only_when_unversioned() {
        let cases = [
            (
                ServiceType::COMPUTE,
                "http://h:8774/v2.1",
                "http://h:8774/v2.1/",
            ),
            (
                ServiceType::COMPUTE,
                "http://h:8774/v2.1/",
                "http://h:8774/v2.1/",
            ),
            (ServiceType::NETWORK, "http://h:9696", "http://h:9696/v2.0/"),
            (
                ServiceType::NETWORK,
                "http://h/networking/",
                "http://h/networking/v2.0/",
            ),
            (ServiceType::IMAGE, "http://h:9292", "http://h:9292/v2/"),
            (
                ServiceType::BLOCK_STORAGE,
                "http://h:8776/v3/abc123",
                "http://h:8776/v3/abc123/",
            ),
            (ServiceType::IDENTITY, "http://h:5000", "http://h:5000/v3/"),
            (
                ServiceType::IDENTITY,
                "http://h/identity/v3",
                "http://h/identity/v3/",
            ),
            (ServiceType::PLACEMENT, "http://h:8778", "http://h:8778/"),
        ];
        for (svc, endpoint, want) in cases {
            assert_eq!(
                ServiceEndpoint::new(svc, endpoint).unwrap().base_url(),
                want,
                "{endpoint}"
            );
        }
        assert!(ServiceEndpoint::new(ServiceType::COMPUTE, "ftp://x").is_err());
        assert!(ServiceEndpoint::new(ServiceType::COMPUTE, "not a url").is_err());
    }

    #[test]
    fn microversion_headers() {
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://h/v2.1")
            .unwrap()
            .with_microversion("2.90");
        let req = nova
            .request(Method::GET, "servers", &Query::new(), Body::empty())
            .unwrap();
        assert_eq!(req.headers()["openstack-api-version"], "compute 2.90");
        assert_eq!(req.headers()["x-openstack-nova-api-version"], "2.90");
        assert_eq!(req.headers()["accept"], "application/json");
        assert!(req.headers()["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("ferrocloud/"));

        let cinder = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p")
            .unwrap()
            .with_microversion("3.67");
        let req = cinder
            .request(Method::GET, "volumes", &Query::new(), Body::empty())
            .unwrap();
        assert_eq!(req.headers()["openstack-api-version"], "volume 3.67");
        assert_eq!(req.headers().len(), 3);

        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h")
            .unwrap()
            .with_microversion("x");
        let req = neutron
            .request(Method::GET, "networks", &Query::new(), Body::empty())
            .unwrap();
        assert!(req.headers().get("openstack-api-version").is_none());
    }

    #[test]
    fn a_later_microversion_replaces_the_earlier_and_a_bad_one_fails_each_request() {
        let get = |svc: &ServiceEndpoint| {
            svc.request(Method::GET, "servers", &Query::new(), Body::empty())
        };
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://h/v2.1").unwrap();
        let req = get(&nova
            .clone()
            .with_microversion("2.90")
            .with_microversion("2.60"))
        .unwrap();
        assert_eq!(req.headers()["openstack-api-version"], "compute 2.60");
        assert_eq!(req.headers()["x-openstack-nova-api-version"], "2.60");
        assert_eq!(
            req.headers()
                .get_all("openstack-api-version")
                .iter()
                .count(),
            1
        );

        let bad = nova
            .clone()
            .with_microversion("2.90")
            .with_microversion("2.1\n");
        let err = get(&bad).unwrap_err().to_string();
        assert!(err.contains("microversion"), "{err}");
        // The good version's headers did not survive the bad one.
        assert!(bad.headers().get("openstack-api-version").is_none());
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        let svc = ServiceEndpoint::new(ServiceType::COMPUTE, "http://h/v2.1").unwrap();
        let p = path!("servers/{}", "../../v3/users").unwrap();
        let req = svc
            .request(Method::GET, &p, &Query::new(), Body::empty())
            .unwrap();
        assert_eq!(req.uri().path(), "/v2.1/servers/..%2F..%2Fv3%2Fusers");
        let p = path!("servers/{}/action", "x?admin=1#frag").unwrap();
        assert_eq!(p, "servers/x%3Fadmin%3D1%23frag/action");
        assert!(path!("servers/{}", "..").is_err());
        assert!(path!("servers/{}", ".").is_err());
        assert!(path!("servers/{}", String::new()).is_err());
        assert_eq!(
            path!("a/{}/{}", "é", "%2e%2e").unwrap(),
            "a/%C3%A9/%252e%252e"
        );
    }

    #[test]
    fn query_encoding() {
        let mut url = "http://h/v2.0/networks?fields=id".to_owned();
        Query::new()
            .push("name", "a&b=c")
            .push_all("tags", ["x", "y"])
            .append_to(&mut url);
        assert_eq!(
            url,
            "http://h/v2.0/networks?fields=id&name=a%26b%3Dc&tags=x&tags=y"
        );
    }

    #[test]
    fn links_resolve() {
        let glance = ServiceEndpoint::new(ServiceType::IMAGE, "http://h:9292").unwrap();
        assert_eq!(
            glance.resolve_link("/v2/images?marker=abc").unwrap(),
            "http://h:9292/v2/images?marker=abc"
        );
        let prefixed = ServiceEndpoint::new(ServiceType::IMAGE, "http://h/image").unwrap();
        assert_eq!(
            prefixed.resolve_link("/v2/images?marker=abc").unwrap(),
            "http://h/image/v2/images?marker=abc"
        );
        assert_eq!(prefixed.resolve_link("https://o/x").unwrap(), "https://o/x");
    }
}
