//! [`Service`]: a handle on one service of a [`Client`]: resolve its endpoint, run
//! operations, stream lists and wait.

use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use futures::{Stream, TryStreamExt};
use http::header::{HeaderMap, HeaderValue};
use http::{Method, Request, Response};

use super::{Client, HasStatus, Wait};
use crate::auth::{v3, Token};
use crate::catalog::EndpointOpts;
use crate::error::{Error, InvalidInput, Result};
use crate::op::{check_status, Operation};
use crate::paging::{Page, Paginated};
use crate::service::{Body, ServiceClient};
use crate::service_type::ServiceType;
use crate::transport::{ByteStream, Transport};

const AUTH_TOKEN: &str = "x-auth-token";

/// A sent request: the service client it was built against, its URL, its headers (without
/// the token) and the successful response.
struct Sent {
    svc: Arc<ServiceClient>,
    url: String,
    headers: HeaderMap,
    response: Response<Bytes>,
}

/// The service client resolved for a token generation.
type Resolved = Option<(u64, Arc<ServiceClient>)>;

/// The absolute target of a redirect response, if it has a usable `Location`.
fn redirect_target(from: &str, resp: &Response<Bytes>) -> Option<String> {
    let loc = resp.headers().get(http::header::LOCATION)?.to_str().ok()?;
    url::Url::parse(from).ok()?.join(loc).ok().map(String::from)
}

fn same_origin(a: &str, b: &str) -> bool {
    match (url::Url::parse(a), url::Url::parse(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => false,
    }
}

/// One service of a [`Client`]: endpoint selection, microversion, and the calls.
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::{path, Op};
/// let nova = client.compute().microversion("2.79").region("RegionOne");
/// let body: serde_json::Value = nova.call(&Op::get(path!("os-availability-zone"))).await?;
/// # Ok(()) }
/// ```
pub struct Service<T> {
    client: Client<T>,
    service: ServiceType,
    suffix: Option<Option<&'static str>>,
    microversion: Option<String>,
    endpoint: EndpointOpts,
    endpoint_override: Option<String>,
    resolved: Arc<Mutex<Resolved>>,
}

impl<T> Clone for Service<T> {
    fn clone(&self) -> Self {
        Service {
            client: self.client.clone(),
            service: self.service,
            suffix: self.suffix,
            microversion: self.microversion.clone(),
            endpoint: self.endpoint.clone(),
            endpoint_override: self.endpoint_override.clone(),
            resolved: self.resolved.clone(),
        }
    }
}

impl<T> std::fmt::Debug for Service<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("service", &self.service.name)
            .field("microversion", &self.microversion)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Service<T> {
    pub(crate) fn new(client: Client<T>, service: ServiceType) -> Self {
        let endpoint = client.options().endpoint.clone();
        let endpoint_override = client
            .options()
            .endpoint_overrides
            .iter()
            .find(|(ty, _)| service.matches(ty))
            .map(|(_, url)| url.clone());
        let microversion = client
            .options()
            .microversions
            .iter()
            .find(|(ty, _)| service.matches(ty))
            .map(|(_, v)| v.clone());
        Service {
            client,
            service,
            suffix: None,
            microversion,
            endpoint,
            endpoint_override,
            resolved: Arc::default(),
        }
    }

    fn reset(mut self) -> Self {
        self.resolved = Arc::default();
        self
    }

    /// Sends this microversion with every request of this handle.
    pub fn microversion(mut self, version: impl Into<String>) -> Self {
        self.microversion = Some(version.into());
        self.reset()
    }

    /// Uses the endpoint of another region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.endpoint.region = Some(region.into());
        self.reset()
    }

    /// Picks endpoints with other options (interface, name, region).
    pub fn endpoint_opts(mut self, opts: EndpointOpts) -> Self {
        self.endpoint = opts;
        self.reset()
    }

    /// Uses `url` instead of the catalog's endpoint.
    pub fn endpoint_override(mut self, url: impl Into<String>) -> Self {
        self.endpoint_override = Some(url.into());
        self.reset()
    }

    /// Uses another version suffix for unversioned endpoints (e.g. `Some("v2.0")` for the
    /// legacy Neutron LBaaS path, `None` for none).
    pub fn version_suffix(mut self, suffix: Option<&'static str>) -> Self {
        self.suffix = Some(suffix);
        self.reset()
    }

    /// The client this handle belongs to.
    pub fn client(&self) -> &Client<T> {
        &self.client
    }

    /// The service type.
    pub fn service_type(&self) -> ServiceType {
        self.service
    }

    /// The resolved service client (authenticating if needed).
    pub async fn service_client(&self) -> Result<Arc<ServiceClient>> {
        let (token, generation) = self.client.current().await?;
        self.resolve(&token, generation)
    }

    fn resolve(&self, token: &Token, generation: u64) -> Result<Arc<ServiceClient>> {
        let mut cache = self.resolved.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((g, svc)) = cache.as_ref() {
            if *g == generation {
                return Ok(svc.clone());
            }
        }
        let url = match &self.endpoint_override {
            Some(url) => url.clone(),
            None => match token.info.catalog.find(self.service, &self.endpoint) {
                Ok(ep) => ep.url.clone(),
                Err(_) if self.service == ServiceType::IDENTITY => {
                    v3::v3_root(&self.client.credentials().auth_url)
                }
                Err(e) => return Err(e.into()),
            },
        };
        let suffix = self.suffix.unwrap_or(self.service.version_suffix);
        let mut svc = ServiceClient::with_suffix(self.service, &url, suffix)?;
        if let Some(v) = &self.microversion {
            svc = svc.with_microversion(v.clone());
        }
        let svc = Arc::new(svc);
        *cache = Some((generation, svc.clone()));
        Ok(svc)
    }

    /// Builds a request with `build`, adds the token, sends it (retrying per policy),
    /// reauthenticates once on 401, and turns error statuses into [`Error::Http`].
    pub async fn send_with<F>(&self, build: F) -> Result<Response<Bytes>>
    where
        F: Fn(&ServiceClient) -> Result<Request<Bytes>>,
    {
        Ok(self.send_traced(build).await?.response)
    }

    async fn send_traced<F>(&self, build: F) -> Result<Sent>
    where
        F: Fn(&ServiceClient) -> Result<Request<Bytes>>,
    {
        let mut reauthenticated = false;
        loop {
            let (token, generation) = self.client.current().await?;
            let svc = self.resolve(&token, generation)?;
            let mut req = build(&svc)?;
            let headers = req.headers().clone();
            let mut value = HeaderValue::from_str(token.id.expose())
                .map_err(|_| Error::decode_msg("token", "the token is not a valid header value"))?;
            value.set_sensitive(true);
            req.headers_mut().insert(AUTH_TOKEN, value.clone());
            let (method, url) = (req.method().clone(), req.uri().to_string());
            let resp = self.client.send(req, false).await?;
            if resp.status() == http::StatusCode::UNAUTHORIZED
                && !reauthenticated
                && self.client.reject(generation)
            {
                tracing::info!(%url, "401: reauthenticating once");
                reauthenticated = true;
                continue;
            }
            let mut url = url;
            let mut response = check_status(&method, &url, resp)?;
            // Follow redirects of safe methods (Heat answers `GET /stacks/{name}` with a
            // 302 to `/stacks/{name}/{id}`); the token goes only to the same origin.
            let mut hops = 0;
            while matches!(method, Method::GET | Method::HEAD)
                && response.status().is_redirection()
                && hops < 5
            {
                let Some(next) = redirect_target(&url, &response) else {
                    break;
                };
                let mut req = Request::new(Bytes::new());
                *req.method_mut() = method.clone();
                *req.uri_mut() = next
                    .parse()
                    .map_err(|_| Error::decode_msg("redirect", format!("bad Location {next:?}")))?;
                req.headers_mut().clone_from(&headers);
                if same_origin(&url, &next) {
                    req.headers_mut().insert(AUTH_TOKEN, value.clone());
                }
                response = check_status(&method, &next, self.client.send(req, false).await?)?;
                url = next;
                hops += 1;
            }
            return Ok(Sent {
                svc,
                url,
                headers,
                response,
            });
        }
    }

    /// Runs `op` with its body replaced by `body`, streamed to the server chunk by chunk
    /// (image data): the payload never sits in memory whole. The request's headers
    /// (`Content-Type`, microversion) come from `op`; its own body is ignored.
    ///
    /// A streamed body cannot be replayed, so there is no retry and no reauthentication
    /// on 401: a token revoked mid-way ends the call with that [`Error::Http`] (and the
    /// client's token is dropped, so the next call authenticates again).
    pub async fn upload<O: Operation>(&self, op: &O, body: ByteStream) -> Result<O::Output> {
        let (token, generation) = self.client.current().await?;
        let svc = self.resolve(&token, generation)?;
        let req = op.request(&svc)?;
        let (mut parts, _) = req.into_parts();
        let mut value = HeaderValue::from_str(token.id.expose())
            .map_err(|_| Error::decode_msg("token", "the token is not a valid header value"))?;
        value.set_sensitive(true);
        parts.headers.insert(AUTH_TOKEN, value);
        let (method, url) = (parts.method.clone(), parts.uri.to_string());
        tracing::debug!(%method, %url, "streaming upload");
        let resp = self
            .client
            .transport()
            .send_streaming(Request::from_parts(parts, body))
            .await?;
        if resp.status() == http::StatusCode::UNAUTHORIZED {
            self.client.reject(generation);
        }
        op.parse(check_status(&method, &url, resp)?)
    }

    /// Runs `op` and returns the response body as a stream (image data), read as the
    /// caller consumes it. Authentication, one reauthentication on 401 and error statuses
    /// work as in [`Service::call`]; `op`'s own decoding is not used.
    pub async fn download<O: Operation>(&self, op: &O) -> Result<ByteStream> {
        let mut reauthenticated = false;
        loop {
            let (token, generation) = self.client.current().await?;
            let svc = self.resolve(&token, generation)?;
            let mut req = op.request(&svc)?;
            let mut value = HeaderValue::from_str(token.id.expose())
                .map_err(|_| Error::decode_msg("token", "the token is not a valid header value"))?;
            value.set_sensitive(true);
            req.headers_mut().insert(AUTH_TOKEN, value);
            let (method, url) = (req.method().clone(), req.uri().to_string());
            let resp = self.client.transport().send_for_stream(req).await?;
            let status = resp.status();
            if status == http::StatusCode::UNAUTHORIZED
                && !reauthenticated
                && self.client.reject(generation)
            {
                tracing::info!(%url, "401: reauthenticating once");
                reauthenticated = true;
                continue;
            }
            if status.is_client_error() || status.is_server_error() {
                // Error bodies are small faults: read them whole for the message.
                let (parts, mut body) = resp.into_parts();
                let mut buf = bytes::BytesMut::new();
                while let Some(chunk) = futures::StreamExt::next(&mut body).await {
                    buf.extend_from_slice(&chunk?);
                    if buf.len() > 64 * 1024 {
                        break;
                    }
                }
                let resp = Response::from_parts(parts, buf.freeze());
                return Err(Error::from_response(&method, &url, &resp));
            }
            return Ok(resp.into_body());
        }
    }

    /// Runs one operation.
    pub async fn call<O: Operation>(&self, op: &O) -> Result<O::Output> {
        let resp = self.send_with(|svc| op.request(svc)).await?;
        op.parse(resp)
    }

    /// The first page of a list.
    pub async fn first_page<L: Paginated>(&self, op: &L) -> Result<Page<L::Item>> {
        let sent = self.send_traced(|svc| op.first_request(svc)).await?;
        op.parse_page(&sent.svc, &sent.url, sent.response)
    }

    /// The pages of a list, fetched one at a time as the stream is read.
    pub fn pages<L>(&self, op: L) -> impl Stream<Item = Result<Page<L::Item>>>
    where
        L: Paginated,
    {
        enum Next {
            First,
            Url(String, HeaderMap),
            Done,
        }
        let this = self.clone();
        // Every page URL fetched so far: a server whose next links form a cycle would
        // otherwise be listed forever.
        let visited = std::collections::HashSet::<String>::new();
        futures::stream::unfold(
            (this, op, Next::First, visited),
            |(this, op, next, mut visited)| async move {
                let sent = match &next {
                    Next::Done => return None,
                    Next::First => this.send_traced(|svc| op.first_request(svc)).await,
                    Next::Url(url, headers) => {
                        this.send_traced(|svc| {
                            let mut req = svc.request_url(Method::GET, url, Body::empty())?;
                            req.headers_mut().extend(headers.clone());
                            Ok(req)
                        })
                        .await
                    }
                };
                let page = sent.and_then(|s| {
                    visited.insert(s.url.clone());
                    let page = op.parse_page(&s.svc, &s.url, s.response)?;
                    if let Some(next) = page.next.as_deref().filter(|n| visited.contains(*n)) {
                        return Err(Error::decode_msg(
                            format!("GET {} page", s.url),
                            format!("the next-page link {next} points at a page already listed"),
                        ));
                    }
                    Ok((page, s.headers))
                });
                match page {
                    Ok((page, headers)) => {
                        let next = match &page.next {
                            Some(u) => Next::Url(u.clone(), headers),
                            None => Next::Done,
                        };
                        Some((Ok(page), (this, op, next, visited)))
                    }
                    Err(e) => Some((Err(e), (this, op, Next::Done, visited))),
                }
            },
        )
    }

    /// Every item of a list, as a stream that holds at most one page in memory.
    ///
    /// ```no_run
    /// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
    /// use futures::TryStreamExt;
    /// use ferrocloud::{path, List, Paging};
    /// let list: List<serde_json::Value> = List::new(path!("servers/detail"), "servers", Paging::Linked);
    /// let mut servers = std::pin::pin!(client.compute().list(list));
    /// while let Some(server) = servers.try_next().await? {
    ///     println!("{}", server["name"]);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list<L>(&self, op: L) -> impl Stream<Item = Result<L::Item>>
    where
        L: Paginated,
    {
        self.pages(op)
            .map_ok(|page| futures::stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Every item of a list, collected.
    pub async fn collect_all<L>(&self, op: L) -> Result<Vec<L::Item>>
    where
        L: Paginated,
    {
        self.list(op).try_collect().await
    }

    /// Polls `op` until its output's status is one of `target` (case-insensitive). A status
    /// in `failure` ends the wait with [`Error::WaitFailed`].
    pub async fn wait_for_status<O>(
        &self,
        op: &O,
        target: &[&str],
        failure: &[&str],
        wait: Wait,
    ) -> Result<O::Output>
    where
        O: Operation,
        O::Output: HasStatus,
    {
        if target.is_empty() {
            return Err(
                InvalidInput::field("target", "give at least one status to wait for").into(),
            );
        }
        let what = format!("{} to reach {}", self.service.name, target.join(" or "));
        self.client
            .wait_for(&what, wait, || async {
                let out = self.call(op).await?;
                let status = out.status().unwrap_or_default().to_owned();
                if target.iter().any(|t| t.eq_ignore_ascii_case(&status)) {
                    Ok(Some(out))
                } else if failure.iter().any(|f| f.eq_ignore_ascii_case(&status)) {
                    Err(Error::WaitFailed {
                        what: what.clone(),
                        status,
                    })
                } else {
                    Ok(None)
                }
            })
            .await
    }

    /// Polls `op` until it answers 404 (the resource is gone).
    pub async fn wait_for_deleted<O: Operation>(&self, op: &O, wait: Wait) -> Result<()> {
        let what = format!("{} resource to be deleted", self.service.name);
        self.client
            .wait_for(&what, wait, || async {
                match self.call(op).await {
                    Ok(_) => Ok(None),
                    Err(e) if e.is_not_found() => Ok(Some(())),
                    Err(e) => Err(e),
                }
            })
            .await
    }
}
