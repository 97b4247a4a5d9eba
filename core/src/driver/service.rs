//! [`Service`]: a handle on one service of a [`Client`]: resolve its endpoint, run
//! operations, stream lists and wait.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use futures::{Stream, TryStreamExt};
use http::{Request, Response};
use serde::de::DeserializeOwned;

use super::pipeline::{Credential, Download, Endpoint, Upload, Whole};
use super::{clone_request, Client, HasStatus, Wait};
use crate::auth::{v3, Token};
use crate::request::find::ByName;
use crate::{
    ByteStream, EndpointOpts, Error, Find, IntoByteStream, InvalidInput, Named, Operation, Page,
    Paginated, PagingError, Result, Secret, ServiceEndpoint, ServiceType, Transport,
};

/// The service client resolved for a token generation.
type Resolved = Option<(u64, Arc<ServiceEndpoint>)>;

/// One service of a [`Client`]: endpoint selection, microversion, and the calls.
///
/// ```no_run
/// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
/// use ferrocloud::{path, Op};
/// let nova = client.compute().microversion("2.79").region("RegionOne");
/// let body: serde_json::Value = nova.call(&Op::get(path!("os-availability-zone")).decode_body()).await?;
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
    pub async fn service_client(&self) -> Result<Arc<ServiceEndpoint>> {
        let (token, generation) = self.client.current().await?;
        self.resolve(&token, generation)
    }

    fn resolve(&self, token: &Token, generation: u64) -> Result<Arc<ServiceEndpoint>> {
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
        let mut svc = ServiceEndpoint::with_suffix(self.service, &url, suffix)?;
        if let Some(v) = &self.microversion {
            svc = svc.with_microversion(v.clone());
        }
        let svc = Arc::new(svc);
        *cache = Some((generation, svc.clone()));
        Ok(svc)
    }

    /// Sends the request `build` makes for this service through the client's pipeline:
    /// the token (to the endpoint's origin only), bounded retries, redirects, one
    /// reauthentication on 401; error statuses become [`Error::Http`]. `build` is called
    /// once per try (the endpoint may change after a reauthentication); it is `Sync`, as
    /// operations are (see [`Operation`](crate::Operation)).
    pub async fn send_with<F>(&self, build: F) -> Result<Response<Bytes>>
    where
        F: Fn(&ServiceEndpoint) -> Result<Request<Bytes>> + Sync,
    {
        Ok(self
            .client
            .exchange(self, &build, &mut Whole)
            .await?
            .response)
    }

    /// Sends the request `build` makes for this service WITHOUT credentials, through the
    /// client's pipeline: as [`Service::send_with`] (origin check, bounded retries,
    /// redirects, error statuses as [`Error::Http`]) but with no token and no other
    /// credential header (any `build` adds is removed), and no reauthentication: a 401 or
    /// 403 is simply the answer, and the client's token is kept. See
    /// [`Service::call_anonymous`].
    pub async fn send_anonymous_with<F>(&self, build: F) -> Result<Response<Bytes>>
    where
        F: Fn(&ServiceEndpoint) -> Result<Request<Bytes>> + Sync,
    {
        Ok(self
            .client
            .exchange_as(Credential::Anonymous, self, &build, &mut Whole)
            .await?
            .response)
    }

    /// Runs `op` WITHOUT credentials: what anyone without a token gets, e.g. whether a
    /// Swift container is publicly readable.
    ///
    /// The endpoint is resolved as for [`Service::call`] (from the catalog of the client's
    /// token, authenticating if needed), and the request goes through the same pipeline:
    /// it must stay on the endpoint's origin, redirects and bounded retries work as for
    /// [`Service::call`], and error statuses become [`Error::Http`]. But it carries no
    /// `X-Auth-Token` and no other credential header (`X-Service-Token`, `X-Subject-Token`,
    /// `Authorization`, `Cookie`: any that `op` sets is removed), and a 401 or 403 is never
    /// followed by a reauthentication: it is the answer, as an [`Error::Http`]. A POST or
    /// PATCH is retried only when
    /// [`RetryPolicy::retry_non_idempotent`](crate::RetryPolicy::retry_non_idempotent) is
    /// set, as for [`Service::call`].
    ///
    /// ```no_run
    /// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
    /// use ferrocloud::object_storage::containers;
    /// let public = match client.object_storage().call_anonymous(&containers::get("www")).await {
    ///     Ok(_) => true,
    ///     Err(e) if e.is_unauthorized() || e.is_forbidden() => false,
    ///     Err(e) => return Err(e),
    /// };
    /// println!("www is {}", if public { "public" } else { "private" });
    /// # Ok(()) }
    /// ```
    pub async fn call_anonymous<O: Operation>(&self, op: &O) -> Result<O::Output> {
        let resp = self.send_anonymous_with(|svc| op.request(svc)).await?;
        op.parse(resp)
    }

    /// Sends the request `build` makes for this service with `token` as its credential
    /// instead of the client's token, through the client's pipeline: as
    /// [`Service::send_with`] (origin check, bounded retries, redirects, error statuses as
    /// [`Error::Http`]), but the `X-Auth-Token` is `token`, and a 401 is the answer, with
    /// no reauthentication. See [`Service::call_with_token`].
    pub async fn send_with_token<F>(&self, build: F, token: &Secret) -> Result<Response<Bytes>>
    where
        F: Fn(&ServiceEndpoint) -> Result<Request<Bytes>> + Sync,
    {
        Ok(self
            .client
            .exchange_as(Credential::Given(token), self, &build, &mut Whole)
            .await?
            .response)
    }

    /// Runs `op` presenting `token`, a token the caller holds, instead of the client's
    /// own: e.g. revoking each token of a session with itself as the credential.
    ///
    /// The endpoint is resolved as for [`Service::call`] (from the catalog of the client's
    /// token, authenticating if needed), and the request goes through the same pipeline:
    /// it must stay on the endpoint's origin, `token` goes as `X-Auth-Token` (marked
    /// sensitive, replacing any `op` sets) to that origin only (a redirect elsewhere
    /// carries no credential header, a hop back home carries `token` again), redirects
    /// and bounded retries work as for [`Service::call`], and error statuses become
    /// [`Error::Http`]. The client's token is never sent with it. A 401 is the answer,
    /// as an [`Error::Http`]: there is no reauthentication, and the client's own token is
    /// kept. A POST or PATCH is retried only when
    /// [`RetryPolicy::retry_non_idempotent`](crate::RetryPolicy::retry_non_idempotent) is
    /// set, as for [`Service::call`].
    ///
    /// ```no_run
    /// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, session: Vec<ferrocloud::Secret>) -> Result<(), ferrocloud::Error> {
    /// use ferrocloud::identity::v3::tokens;
    /// let keystone = client.identity();
    /// for token in &session {
    ///     match keystone.call_with_token(&tokens::revoke(token), token).await {
    ///         Ok(()) => {}
    ///         Err(e) if e.is_unauthorized() || e.is_not_found() => {} // already gone
    ///         Err(e) => return Err(e),
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn call_with_token<O: Operation>(&self, op: &O, token: &Secret) -> Result<O::Output> {
        let resp = self.send_with_token(|svc| op.request(svc), token).await?;
        op.parse(resp)
    }

    /// Runs `op` with its body replaced by `body`, streamed to the server chunk by chunk
    /// (image data): the payload never sits in memory whole. The request's headers
    /// (`Content-Type`, microversion) come from `op`; its own body is ignored. `body` is a
    /// [`ByteStream`] or any stream of `Result<Bytes, E>` with `E` convertible to a
    /// [`TransportError`](crate::TransportError), such as `std::io::Error`
    /// ([`IntoByteStream`]).
    ///
    /// A streamed body cannot be replayed, so there is no retry, no redirect and no
    /// reauthentication on 401: a token revoked mid-way ends the call with that
    /// [`Error::Http`] (and the client's token is dropped, so the next call authenticates
    /// again).
    pub async fn upload<O: Operation>(
        &self,
        op: &O,
        body: impl IntoByteStream,
    ) -> Result<O::Output> {
        let mut carrier = Upload(Some(body.into_byte_stream()));
        let sent = self
            .client
            .exchange(self, &|svc| op.request(svc), &mut carrier)
            .await?;
        op.parse(sent.response)
    }

    /// Runs `op` and returns the response body as a stream (image data), read as the
    /// caller consumes it. Authentication, redirects, one reauthentication on 401 and
    /// error statuses work as in [`Service::call`]; `op`'s own decoding is not used.
    pub async fn download<O: Operation>(&self, op: &O) -> Result<ByteStream> {
        let sent = self
            .client
            .exchange(self, &|svc| op.request(svc), &mut Download)
            .await?;
        Ok(sent.response.into_body())
    }

    /// This handle with the highest microversion both the server and code written for
    /// `highest_known` support (read from the service's version document); `"latest"`
    /// takes the server's highest. Services without microversions come back unchanged; a
    /// server whose lowest microversion is above `highest_known` is an error naming its
    /// range. The version document is read once per endpoint and client, then cached.
    pub async fn negotiate(&self, highest_known: &str) -> Result<Self> {
        let discover = crate::catalog::version::discover();
        let url = discover
            .request(&*self.service_client().await?)?
            .uri()
            .to_string();
        let server = match self.client.cached_version(&url) {
            Some(doc) => doc,
            None => {
                let doc = Arc::new(self.call(&discover).await?);
                self.client.cache_version(url, doc.clone());
                doc
            }
        };
        let known = match highest_known {
            "latest" => match server.max_microversion() {
                Some(max) => max,
                None => return Ok(self.clone()),
            },
            v => v.parse()?,
        };
        Ok(match server.choose(known)? {
            Some(v) => self.clone().microversion(v.to_string()),
            None => self.clone(),
        })
    }

    /// Runs one operation.
    pub async fn call<O: Operation>(&self, op: &O) -> Result<O::Output> {
        let resp = self.send_with(|svc| op.request(svc)).await?;
        op.parse(resp)
    }

    /// The first page of a list.
    pub async fn first_page<L: Paginated>(&self, op: &L) -> Result<Page<L::Item>> {
        let sent = self
            .client
            .exchange(self, &|svc| op.first_request(svc), &mut Whole)
            .await?;
        op.parse_page(&sent.svc, &sent.request, sent.response)
    }

    /// The pages of a list, fetched one at a time as the stream is read. The stream
    /// ends with an [`Error::Paging`] when a next link points at a page already listed
    /// (the list changed while paging), past
    /// [`ClientOptions::max_pages`](super::ClientOptions::max_pages) pages, or when a
    /// link leaves the endpoint.
    pub fn pages<L>(&self, op: L) -> impl Stream<Item = Result<Page<L::Item>>>
    where
        L: Paginated,
    {
        let listing = Listing {
            service: self.clone(),
            op,
            next: None,
            seen: HashSet::new(),
            done: false,
        };
        futures::stream::unfold(listing, |mut listing| async move {
            if listing.done {
                return None;
            }
            let page = listing.fetch().await;
            listing.done = !matches!(&page, Ok(p) if p.next.is_some());
            Some((page, listing))
        })
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

    /// One resource by id or exact name (see [`Find`]): the `get` first; on 404 the list
    /// narrowed by name, of which exactly one item must carry the name.
    ///
    /// ```no_run
    /// # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
    /// use ferrocloud::network::networks;
    /// match client.network().find(networks::find("private")).await {
    ///     Ok(net) => println!("private is {}", net.id),
    ///     Err(e) if e.is_not_found() => println!("no network called private"),
    ///     Err(e) => return Err(e), // several named so (the error lists their ids), or I/O
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn find<R>(&self, find: Find<R>) -> Result<R>
    where
        R: Named + DeserializeOwned,
    {
        match self.call(&find.get).await {
            Err(e) if e.is_not_found() => {}
            found => return found,
        }
        let items = match find.by_name {
            ByName::List(list) => self.collect_all(list).await?,
            ByName::Call(op) => self.call(&op).await?,
        };
        Ok(crate::request::find::pick(find.kind, &find.key, items)?)
    }

    /// Polls `op` until its output's status is one of `target`. A status in `failure` ends
    /// the wait with [`Error::WaitFailed`], with the service's reason where it gives one; a
    /// timeout is an [`Error::Timeout`] naming the last status seen. An error answer ends
    /// the wait too, unless it comes within the wait's [`grace`](Wait::grace).
    pub async fn wait_for_status<O>(
        &self,
        op: &O,
        target: &[<O::Output as HasStatus>::Status],
        failure: &[<O::Output as HasStatus>::Status],
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
        let what = |out: &O::Output| {
            format!(
                "{} {} to reach {}",
                <O::Output as HasStatus>::KIND,
                out.id().unwrap_or("(no id)"),
                target
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        };
        let mut rounds = self.client.poller(wait);
        loop {
            let out = match self.call(op).await {
                Ok(out) => out,
                Err(e) if rounds.ends_wait(&e) => return Err(e),
                Err(e) => {
                    if !rounds.pause().await {
                        return Err(e);
                    }
                    continue;
                }
            };
            let status = out.status();
            if status.as_ref().is_some_and(|s| target.contains(s)) {
                return Ok(out);
            }
            let shown = status
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            if status.as_ref().is_some_and(|s| failure.contains(s)) {
                return Err(Error::WaitFailed {
                    what: what(&out),
                    status: shown,
                    reason: out.fault().map(str::to_owned),
                });
            }
            if !rounds.pause().await {
                return Err(Error::Timeout {
                    what: what(&out),
                    after: wait.timeout,
                    last_status: Some(shown),
                });
            }
        }
    }

    /// Polls `op` until it answers 404 (the resource is gone).
    pub async fn wait_for_deleted<O: Operation>(&self, op: &O, wait: Wait) -> Result<()> {
        let mut rounds = self.client.poller(wait);
        loop {
            match self.send_with(|svc| op.request(svc)).await {
                Ok(_) => {}
                Err(e) if e.is_not_found() => return Ok(()),
                Err(e) => return Err(e),
            }
            if !rounds.pause().await {
                let target = self
                    .service_client()
                    .await
                    .and_then(|svc| op.request(&svc))
                    .map(|r| r.uri().to_string())
                    .unwrap_or_else(|_| self.service.name.to_owned());
                return Err(Error::Timeout {
                    what: format!("{target} to be deleted"),
                    after: wait.timeout,
                    last_status: Some("still there (not 404)".to_owned()),
                });
            }
        }
    }
}

impl<T: Transport> Endpoint for Service<T> {
    fn service_client(&self, token: &Token, generation: u64) -> Result<Arc<ServiceEndpoint>> {
        self.resolve(token, generation)
    }
}

/// A listing's state between pages.
struct Listing<T, L> {
    service: Service<T>,
    op: L,
    /// The next page's request (`None` before the first page).
    next: Option<Request<Bytes>>,
    /// Every page URI fetched so far: a next link back to one of them means the list
    /// changed while paging (or the server loops).
    seen: HashSet<String>,
    done: bool,
}

impl<T: Transport, L: Paginated> Listing<T, L> {
    async fn fetch(&mut self) -> Result<Page<L::Item>> {
        let client = &self.service.client;
        let sent = match self.next.take() {
            None => {
                let op = &self.op;
                client
                    .exchange(&self.service, &|svc| op.first_request(svc), &mut Whole)
                    .await?
            }
            Some(req) => {
                let limit = client.options().max_pages;
                if self.seen.len() >= limit {
                    return Err(PagingError::TooManyPages {
                        limit,
                        page: req.uri().to_string(),
                    }
                    .into());
                }
                client
                    .exchange(&self.service, &|_| Ok(clone_request(&req)), &mut Whole)
                    .await?
            }
        };
        let url = sent.request.uri().to_string();
        let page = self
            .op
            .parse_page(&sent.svc, &sent.request, sent.response)?;
        self.seen.insert(url.clone());
        if let Some(next) = &page.next {
            let next_url = next.uri().to_string();
            if self.seen.contains(&next_url) {
                return Err(PagingError::ListChanged {
                    page: url,
                    next: next_url,
                }
                .into());
            }
            self.next = Some(clone_request(next));
        }
        Ok(page)
    }
}
