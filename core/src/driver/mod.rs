//! The driver: [`Client`] runs operations over a [`Transport`] and is the one place that
//! holds policy — shared authentication, proactive refresh, one reauth on 401, bounded
//! retries, pagination streams and waiters.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(transport: T) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::{AuthOptions, Client};
//! let auth = AuthOptions::password("http://127.0.0.1:5000/v3", "demo", "Default", "demopw")
//!     .project_name("demo", "Default");
//! let client = Client::new(transport, &auth)?;
//! let token = client.token().await?;
//! println!("scoped to {:?}", token.info.project);
//! # Ok(()) }
//! ```

mod pipeline;
pub(crate) mod retry;
mod service;
#[cfg(all(test, feature = "testing"))]
mod tests;
mod wait;

pub use retry::RetryPolicy;
pub use service::Service;
pub use wait::{HasStatus, Wait};

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::Request;

use crate::auth::{self, AuthOptions, Credentials, Decision, Session, Token};
use crate::{EndpointOpts, Error, Operation, Result, ServiceType, Transport};
use pipeline::{Repeat, Whole};

/// Settings of a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Region, interface and service name used to pick endpoints.
    pub endpoint: EndpointOpts,
    /// Tokens are renewed this long before `expires_at`. Default 2 minutes.
    pub refresh_margin: Duration,
    /// Retries on 429 / 503.
    pub retry: RetryPolicy,
    /// Endpoint URLs that replace the catalog's, by service type
    /// (clouds.yaml `<service>_endpoint_override`).
    pub endpoint_overrides: Vec<(String, String)>,
    /// Default microversions, by service type (`OS_COMPUTE_API_VERSION=2.79`, …).
    pub microversions: Vec<(String, String)>,
    /// A listing stops with [`PagingError::TooManyPages`](crate::error::PagingError)
    /// after this many pages. Default 10,000.
    pub max_pages: usize,
    /// Redirects followed per request. Default 5.
    pub max_redirects: usize,
    /// How a call waits while another call authenticates. `None` (the default): on the
    /// shared authentication itself, woken when it ends. `Some(every)`: by looking again
    /// every `every` on its own timer ([`Transport::sleep`]). Runtimes that cancel a
    /// request waiting on I/O another request started (workerd, Cloudflare Workers, with
    /// one `Client` kept per isolate) need the second; either way one authentication
    /// serves every waiting call.
    pub auth_wait_poll: Option<Duration>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            endpoint: EndpointOpts::default(),
            refresh_margin: Duration::from_secs(120),
            retry: RetryPolicy::default(),
            endpoint_overrides: Vec::new(),
            microversions: Vec::new(),
            max_pages: 10_000,
            max_redirects: 5,
            auth_wait_poll: None,
        }
    }
}

/// An authenticated connection to one cloud, over any [`Transport`].
///
/// Cheap to clone; clones share the token. Authentication is lazy: the first call
/// authenticates, and concurrent first calls share that one request.
pub struct Client<T> {
    inner: Arc<Inner<T>>,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            inner: self.inner.clone(),
        }
    }
}

impl<T> std::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("auth_url", &self.inner.creds.auth_url)
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

struct Inner<T> {
    transport: T,
    creds: Credentials,
    allow_reauth: bool,
    options: ClientOptions,
    session: Mutex<Session>,
    auth_gate: futures::lock::Mutex<()>,
    /// Version documents read by [`Service::negotiate`], by the URL they came from: a
    /// service's versions do not change while a client lives.
    versions: Mutex<std::collections::HashMap<String, Arc<crate::catalog::version::ApiVersion>>>,
}

impl<T: Transport> Client<T> {
    /// A client for `auth` with default options. The options are validated now, before
    /// any I/O.
    pub fn new(transport: T, auth: &AuthOptions) -> Result<Self> {
        Self::with_options(transport, auth, ClientOptions::default())
    }

    /// A client with explicit options.
    pub fn with_options(transport: T, auth: &AuthOptions, options: ClientOptions) -> Result<Self> {
        let creds = auth.validate()?;
        let allow_reauth = auth.allow_reauth && creds.can_reauthenticate();
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                creds,
                allow_reauth,
                session: Mutex::new(Session::new(options.refresh_margin)),
                options,
                auth_gate: futures::lock::Mutex::new(()),
                versions: Mutex::default(),
            }),
        })
    }

    /// The version document at `url`, read once per client.
    pub(crate) fn cached_version(
        &self,
        url: &str,
    ) -> Option<Arc<crate::catalog::version::ApiVersion>> {
        let versions = self
            .inner
            .versions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        versions.get(url).cloned()
    }

    pub(crate) fn cache_version(&self, url: String, doc: Arc<crate::catalog::version::ApiVersion>) {
        let mut versions = self
            .inner
            .versions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        versions.insert(url, doc);
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// The validated credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.inner.creds
    }

    /// The options.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// A handle on one service, with the client's endpoint options.
    pub fn service(&self, service: ServiceType) -> Service<T> {
        Service::new(self.clone(), service)
    }

    /// Identity (Keystone). Falls back to the auth URL when the catalog has no identity
    /// endpoint (unscoped tokens carry no catalog).
    pub fn identity(&self) -> Service<T> {
        self.service(ServiceType::IDENTITY)
    }

    /// Compute (Nova).
    pub fn compute(&self) -> Service<T> {
        self.service(ServiceType::COMPUTE)
    }

    /// Networking (Neutron).
    pub fn network(&self) -> Service<T> {
        self.service(ServiceType::NETWORK)
    }

    /// Block storage (Cinder).
    pub fn block_storage(&self) -> Service<T> {
        self.service(ServiceType::BLOCK_STORAGE)
    }

    /// Image (Glance).
    pub fn image(&self) -> Service<T> {
        self.service(ServiceType::IMAGE)
    }

    /// Orchestration (Heat).
    pub fn orchestration(&self) -> Service<T> {
        self.service(ServiceType::ORCHESTRATION)
    }

    /// Load balancing (Octavia).
    pub fn load_balancer(&self) -> Service<T> {
        self.service(ServiceType::LOAD_BALANCER)
    }

    /// Container infrastructure (Magnum).
    pub fn container_infra(&self) -> Service<T> {
        self.service(ServiceType::CONTAINER_INFRA)
    }

    /// Object storage (Swift): the endpoint is the project's account
    /// (`…/v1/AUTH_<project_id>`); see the `object_storage` module.
    pub fn object_storage(&self) -> Service<T> {
        self.service(ServiceType::OBJECT_STORE)
    }

    /// Placement. Its reads send this handle's microversion (set one, e.g.
    /// `.microversion("1.39")`); see the `placement` module.
    pub fn placement(&self) -> Service<T> {
        self.service(ServiceType::PLACEMENT)
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.inner
            .session
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// A token good for use now: the current one, or a new one (shared with concurrent
    /// callers) when there is none or it is about to expire.
    pub async fn token(&self) -> Result<Arc<Token>> {
        Ok(self.current().await?.0)
    }

    /// Forgets the current token; the next call authenticates again.
    pub fn invalidate_token(&self) {
        let now = self.inner.transport.now();
        let mut s = self.session();
        let generation = s.generation();
        s.invalidate(generation, now);
    }

    /// The token and its generation, authenticating if needed. Concurrent callers
    /// share one authentication.
    pub(crate) async fn current(&self) -> Result<(Arc<Token>, u64)> {
        let seen = match self.decide() {
            Decision::Use(token, generation) => return Ok((token, generation)),
            _ => self.session().generation(),
        };
        let _gate = self.auth_gate().await;
        // Another caller may have authenticated while this one waited at the gate: use
        // that token, even if a server has refused it since (its 401 then leads to
        // `current_after`, which authenticates at most once more for everyone).
        if let Some((token, generation, _)) = self.session().latest() {
            if generation > seen {
                return Ok((token.clone(), generation));
            }
        }
        match self.decide() {
            Decision::Use(token, generation) => Ok((token, generation)),
            Decision::CannotReauthenticate => Err(Error::CannotReauthenticate {
                reason: if self.inner.creds.can_reauthenticate() {
                    "allow_reauth is off; create a new client to authenticate again"
                } else {
                    "it was made from a token, which cannot be renewed; create a new client with a fresh token or with a password or application credential"
                },
            }),
            Decision::Refresh => {
                tracing::debug!("refreshing the token before it expires");
                self.authenticate_and_store(false).await
            }
            Decision::Authenticate => self.authenticate_and_store(false).await,
        }
    }

    /// A token to retry with after generation `failed` got a 401: the one another caller
    /// obtained since (shared), or a new one. `None` when a token issued after `failed`
    /// was refused as well: the service refuses every token, and authenticating again
    /// for each caller would only storm Keystone.
    pub(crate) async fn current_after(&self, failed: u64) -> Result<Option<(Arc<Token>, u64)>> {
        let newer = || {
            let now = self.inner.transport.now();
            let s = self.session();
            let (token, generation, refused) = s.latest()?;
            if generation > failed {
                Some((!refused).then(|| (token.clone(), generation)))
            } else {
                s.paused(now).then_some(None)
            }
        };
        if let Some(found) = newer() {
            return Ok(found);
        }
        let _gate = self.auth_gate().await;
        if let Some(found) = newer() {
            return Ok(found);
        }
        self.authenticate_and_store(true).await.map(Some)
    }

    /// The right to authenticate: awaited, or polled on this call's own timer
    /// ([`ClientOptions::auth_wait_poll`]).
    async fn auth_gate(&self) -> futures::lock::MutexGuard<'_, ()> {
        let Some(every) = self.inner.options.auth_wait_poll else {
            return self.inner.auth_gate.lock().await;
        };
        loop {
            if let Some(gate) = self.inner.auth_gate.try_lock() {
                return gate;
            }
            self.inner.transport.sleep(every).await;
        }
    }

    async fn authenticate_and_store(&self, replaces_refused: bool) -> Result<(Arc<Token>, u64)> {
        let token = Arc::new(self.authenticate_now().await?);
        let now = self.inner.transport.now();
        let generation = self.session().set(token.clone(), now, replaces_refused);
        Ok((token, generation))
    }

    fn decide(&self) -> Decision {
        let now = self.inner.transport.now();
        self.session().decide(now, self.inner.allow_reauth)
    }

    /// Drops generation `generation` of the token after a 401 (a newer token stays).
    pub(crate) fn reject(&self, generation: u64) {
        let now = self.inner.transport.now();
        self.session().invalidate(generation, now);
    }

    /// Whether the client may authenticate again after a 401.
    pub(crate) fn may_reauthenticate(&self) -> bool {
        self.inner.allow_reauth
    }

    /// Authenticates through the same pipeline and operation users get
    /// ([`auth::issue`]), at the auth URL.
    async fn authenticate_now(&self) -> Result<Token> {
        let creds = &self.inner.creds;
        let op = auth::issue(creds);
        let issuer = auth::issuer(creds)?;
        let request = op.request(&issuer)?;
        tracing::debug!(url = %request.uri(), "authenticating");
        let (_, response) = self
            .attempt(&issuer, request, None, Repeat::Always, &mut Whole)
            .await?;
        let token = op.parse(response)?;
        tracing::debug!(expires_at = %token.info.expires_at, "authenticated");
        Ok(token)
    }

    /// Polls `poll` every `wait.interval` until it returns `Some`, or fails with
    /// [`Error::Timeout`] after `wait.timeout`.
    pub async fn wait_for<R, F, Fut>(&self, what: &str, wait: Wait, mut poll: F) -> Result<R>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Option<R>>>,
    {
        let mut rounds = self.poller(wait);
        loop {
            if let Some(done) = poll().await? {
                return Ok(done);
            }
            if !rounds.pause().await {
                return Err(Error::Timeout {
                    what: what.to_owned(),
                    after: wait.timeout,
                    last_status: None,
                });
            }
        }
    }

    /// The pacing of a waiter that starts now.
    pub(crate) fn poller(&self, wait: Wait) -> Poller<'_, T> {
        Poller {
            transport: &self.inner.transport,
            start: self.inner.transport.now(),
            wait,
        }
    }
}

/// Paces a waiter: [`Poller::pause`] sleeps until the next poll, or says the time is up.
pub(crate) struct Poller<'a, T> {
    transport: &'a T,
    start: std::time::SystemTime,
    wait: Wait,
}

impl<T: Transport> Poller<'_, T> {
    /// Time since the wait started.
    fn elapsed(&self) -> std::time::Duration {
        self.transport
            .now()
            .duration_since(self.start)
            .unwrap_or_default()
    }

    /// Whether `err` ends the wait: everything but an HTTP error answer inside the
    /// wait's grace ([`Wait::grace`]).
    pub(crate) fn ends_wait(&self, err: &crate::Error) -> bool {
        err.status().is_none() || self.elapsed() >= self.wait.grace
    }

    /// Sleeps one interval (less near the end); `false` when the timeout has passed.
    pub(crate) async fn pause(&mut self) -> bool {
        let elapsed = self.elapsed();
        if elapsed >= self.wait.timeout {
            return false;
        }
        let left = self.wait.timeout - elapsed;
        self.transport.sleep(self.wait.interval.min(left)).await;
        true
    }
}

/// GET, HEAD, PUT, DELETE and OPTIONS: repeating them does no harm.
fn is_idempotent(method: &http::Method) -> bool {
    !matches!(*method, http::Method::POST | http::Method::PATCH)
}

/// A copy of `req` (`http::Request` is not `Clone`; the body is a cheap `Bytes` clone).
pub(crate) fn clone_request(req: &Request<Bytes>) -> Request<Bytes> {
    let mut out = Request::new(req.body().clone());
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    out.headers_mut().clone_from(req.headers());
    out
}
