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

mod retry;
mod service;
#[cfg(all(test, feature = "testing"))]
mod tests;
mod wait;

pub use retry::{parse_retry_after, RetryPolicy};
pub use service::Service;
pub use wait::{HasStatus, Wait};

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};

use crate::auth::{self, AuthOptions, Credentials, Session, Token};
use crate::catalog::EndpointOpts;
use crate::error::{Error, Result};
use crate::op::check_status;
use crate::service_type::ServiceType;
use crate::transport::Transport;

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
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            endpoint: EndpointOpts::default(),
            refresh_margin: Duration::from_secs(120),
            retry: RetryPolicy::default(),
            endpoint_overrides: Vec::new(),
            microversions: Vec::new(),
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
            }),
        })
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
        let mut s = self.session();
        let generation = s.generation();
        s.invalidate(generation);
    }

    /// The token and its generation, authenticating if needed.
    pub(crate) async fn current(&self) -> Result<(Arc<Token>, u64)> {
        if let Some(found) = self.usable() {
            return Ok(found);
        }
        let _gate = self.inner.auth_gate.lock().await;
        // Another caller may have authenticated while this one waited at the gate.
        if let Some(found) = self.usable() {
            return Ok(found);
        }
        let first = self.session().generation() == 0;
        if !first && !self.inner.allow_reauth {
            return Err(Error::InvalidInput(crate::InvalidInput::field(
                "token",
                "the token expired or was revoked, and these credentials cannot reauthenticate \
                 (token auth, or allow_reauth is off)",
            )));
        }
        let token = Arc::new(self.authenticate_now().await?);
        let generation = self.session().set(token.clone());
        Ok((token, generation))
    }

    fn usable(&self) -> Option<(Arc<Token>, u64)> {
        let now = self.inner.transport.now();
        let s = self.session();
        s.usable(now).map(|t| (t.clone(), s.generation()))
    }

    /// Drops generation `generation` of the token after a 401; `true` when the client
    /// may authenticate again.
    pub(crate) fn reject(&self, generation: u64) -> bool {
        self.session().invalidate(generation);
        self.inner.allow_reauth
    }

    async fn authenticate_now(&self) -> Result<Token> {
        let creds = &self.inner.creds;
        let req = auth::token_request(creds)?;
        let (method, url) = (req.method().clone(), req.uri().to_string());
        tracing::debug!(%url, "authenticating");
        let resp = self.send(req, true).await?;
        let resp = check_status(&method, &url, resp)?;
        let token = auth::parse_token(creds, &resp)?;
        tracing::debug!(expires_at = %token.info.expires_at, "authenticated");
        Ok(token)
    }

    /// Sends `req` as is (no token added), retrying 429/503 per the policy. `always`
    /// allows retrying a non-idempotent method (token requests).
    pub(crate) async fn send(&self, req: Request<Bytes>, always: bool) -> Result<Response<Bytes>> {
        let transport = &self.inner.transport;
        let policy = &self.inner.options.retry;
        let mut attempt = 0;
        let mut stale_retried = false;
        loop {
            let resp = match transport.send(clone_request(&req)).await {
                Ok(resp) => resp,
                // A pooled keep-alive connection the server closed just as it was reused
                // fails before any answer; an idempotent request is safe to send again once.
                Err(e)
                    if e.kind == crate::TransportErrorKind::Io
                        && !stale_retried
                        && (always || is_idempotent(req.method())) =>
                {
                    tracing::debug!(url = %req.uri(), error = %e, "connection dropped; resending once");
                    stale_retried = true;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let retry_after = resp
                .headers()
                .get(http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok());
            match policy.delay(
                req.method(),
                always,
                resp.status(),
                retry_after,
                attempt,
                transport.now(),
            ) {
                Some(wait) => {
                    tracing::warn!(status = %resp.status(), url = %req.uri(), ?wait, attempt, "retrying");
                    transport.sleep(wait).await;
                    attempt += 1;
                }
                None => {
                    tracing::debug!(method = %req.method(), url = %req.uri(), status = %resp.status(), "response");
                    return Ok(resp);
                }
            }
        }
    }

    /// Polls `poll` every `wait.interval` until it returns `Some`, or fails with
    /// [`Error::Timeout`] after `wait.timeout`.
    pub async fn wait_for<R, F, Fut>(&self, what: &str, wait: Wait, mut poll: F) -> Result<R>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Option<R>>>,
    {
        let transport = &self.inner.transport;
        let start = transport.now();
        loop {
            if let Some(done) = poll().await? {
                return Ok(done);
            }
            let elapsed = transport.now().duration_since(start).unwrap_or_default();
            if elapsed >= wait.timeout {
                return Err(Error::Timeout {
                    what: what.to_owned(),
                    after: wait.timeout,
                });
            }
            transport
                .sleep(wait.interval.min(wait.timeout - elapsed))
                .await;
        }
    }
}

/// GET, HEAD, PUT, DELETE and OPTIONS: repeating them does no harm.
fn is_idempotent(method: &http::Method) -> bool {
    !matches!(*method, http::Method::POST | http::Method::PATCH)
}

/// A copy of `req` (`http::Request` is not `Clone`; the body is a cheap `Bytes` clone).
pub fn clone_request(req: &Request<Bytes>) -> Request<Bytes> {
    let mut out = Request::new(req.body().clone());
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    out.headers_mut().clone_from(req.headers());
    out
}
