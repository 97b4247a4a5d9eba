//! An in-memory [`Transport`] for tests (gophercloud's `testhelper`): canned responses by
//! method and path, a record of every request, and a fake clock.
//!
//! ```
//! use ferrocloud::testing::{MockTransport, MockResponse};
//! use ferrocloud::{AuthOptions, Client};
//! use http::Method;
//!
//! let mock = MockTransport::new();
//! mock.keystone("http://keystone/v3", "http://nova/v2.1");
//! mock.on(Method::GET, "/v2.1/os-availability-zone", MockResponse::json(200, r#"{"availabilityZoneInfo": []}"#));
//!
//! let auth = AuthOptions::password("http://keystone/v3", "u", "Default", "pw").project_id("p");
//! let client = Client::new(mock.clone(), &auth).unwrap();
//! let op = ferrocloud::Op::get(ferrocloud::path!("os-availability-zone")).decode_body::<serde_json::Value>();
//! let body = futures::executor::block_on(client.compute().call(&op)).unwrap();
//! assert_eq!(body["availabilityZoneInfo"], serde_json::json!([]));
//! assert_eq!(mock.count(&Method::POST, "/v3/auth/tokens"), 1);
//! assert_eq!(mock.requests()[1].header("x-auth-token"), Some("mock-token-1"));
//! ```

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode};

use crate::{Transport, TransportError, TransportErrorKind};

/// A canned response.
#[derive(Debug, Clone)]
pub struct MockResponse {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Bytes,
    fail: Option<TransportErrorKind>,
}

impl MockResponse {
    /// A JSON response.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        MockResponse::status(status)
            .header("content-type", "application/json")
            .body(body.into())
    }

    /// A response with `status` and no body.
    pub fn status(status: u16) -> Self {
        MockResponse {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: Vec::new(),
            body: Bytes::new(),
            fail: None,
        }
    }

    /// A transport failure instead of a response.
    pub fn fail(kind: TransportErrorKind) -> Self {
        MockResponse {
            fail: Some(kind),
            ..MockResponse::status(500)
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    fn build(&self) -> Result<Response<Bytes>, TransportError> {
        if let Some(kind) = self.fail {
            return Err(TransportError::new(kind, "mock transport failure"));
        }
        let mut resp = Response::new(self.body.clone());
        *resp.status_mut() = self.status;
        for (k, v) in &self.headers {
            if let (Ok(k), Ok(v)) = (
                http::HeaderName::from_bytes(k.as_bytes()),
                http::HeaderValue::from_str(v),
            ) {
                resp.headers_mut().append(k, v);
            }
        }
        Ok(resp)
    }
}

/// A request the mock saw.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// Method.
    pub method: Method,
    /// Full URI.
    pub uri: String,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Bytes,
}

impl RecordedRequest {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The path (no query).
    pub fn path(&self) -> &str {
        let rest = self
            .uri
            .split_once("://")
            .map_or(self.uri.as_str(), |(_, r)| r);
        let path = rest.find('/').map_or("/", |i| &rest[i..]);
        path.split('?').next().unwrap_or(path)
    }
}

struct Route {
    method: Method,
    path: String,
    responses: VecDeque<MockResponse>,
}

#[derive(Default)]
struct State {
    routes: Vec<Route>,
    requests: Vec<RecordedRequest>,
    clock: Option<SystemTime>,
    slept: Duration,
    tokens: u64,
    catalog: serde_json::Value,
    token_lifetime: Option<Duration>,
    server_behind: Duration,
}

/// The in-memory transport. Cheap to clone; clones share routes, records and clock.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

/// The fake clock starts here: 2026-01-01T00:00:00Z.
pub const START: Duration = Duration::from_secs(1_767_225_600);

impl MockTransport {
    /// No routes; the clock at [`START`].
    pub fn new() -> Self {
        MockTransport::default()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers `method path` (path without query, or with the exact query) with `resp`,
    /// every time.
    pub fn on(&self, method: Method, path: &str, resp: MockResponse) {
        self.on_seq(method, path, vec![resp]);
    }

    /// Answers `method path` with `responses` in order; the last one repeats.
    pub fn on_seq(&self, method: Method, path: &str, responses: Vec<MockResponse>) {
        let mut s = self.state();
        s.routes.retain(|r| !(r.method == method && r.path == path));
        s.routes.push(Route {
            method,
            path: path.to_owned(),
            responses: responses.into(),
        });
    }

    /// Registers a Keystone at `auth_url` whose tokens (valid one hour from the fake
    /// clock, ids `mock-token-1`, `-2`, …) list `compute_url` as the compute endpoint and
    /// the auth URL as identity. Use [`MockTransport::token_body`] for other catalogs.
    pub fn keystone(&self, auth_url: &str, compute_url: &str) {
        let path = format!("{}/auth/tokens", path_of(auth_url).trim_end_matches('/'));
        let mut s = self.state();
        s.routes.retain(|r| r.path != path);
        s.routes.push(Route {
            method: Method::POST,
            path,
            responses: VecDeque::new(),
        });
        drop(s);
        self.set_catalog(vec![
            ("identity", auth_url.to_owned()),
            ("compute", compute_url.to_owned()),
        ]);
    }

    /// Replaces the catalog of the tokens the mock Keystone issues: `(type, url)` pairs,
    /// each a public endpoint in `RegionOne`.
    pub fn set_catalog(&self, entries: Vec<(&str, String)>) {
        let catalog: Vec<serde_json::Value> = entries
            .into_iter()
            .map(|(ty, url)| serde_json::json!({"type": ty, "name": ty, "endpoints": [{"interface": "public", "region": "RegionOne", "url": url}]}))
            .collect();
        self.state().catalog = serde_json::Value::Array(catalog);
    }

    /// Makes the mock Keystone issue tokens that live `lifetime` (default one hour).
    pub fn token_lifetime(&self, lifetime: Duration) {
        self.state().token_lifetime = Some(lifetime);
    }

    /// Sets the mock Keystone's clock `behind` the client's (clock skew): its tokens'
    /// `issued_at` and `expires_at` are that much earlier.
    pub fn server_clock_behind(&self, behind: Duration) {
        self.state().server_behind = behind;
    }

    /// The body of a project-scoped token expiring at `expires_at`, with `catalog`.
    pub fn token_body(expires_at: SystemTime, catalog: &serde_json::Value) -> String {
        Self::token_body_issued(None, expires_at, catalog)
    }

    /// [`MockTransport::token_body`] with an `issued_at`.
    pub fn token_body_issued(
        issued_at: Option<SystemTime>,
        expires_at: SystemTime,
        catalog: &serde_json::Value,
    ) -> String {
        let expires = crate::Timestamp::from_system_time(expires_at);
        let issued = issued_at.map(crate::Timestamp::from_system_time);
        serde_json::json!({"token": {
            "issued_at": issued,
            "expires_at": expires,
            "methods": ["password"],
            "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "roles": [{"id": "r1", "name": "member"}],
            "catalog": catalog,
        }})
        .to_string()
    }

    /// Every request seen, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state().requests.clone()
    }

    /// How many `method path` requests were seen.
    pub fn count(&self, method: &Method, path: &str) -> usize {
        self.state()
            .requests
            .iter()
            .filter(|r| r.method == *method && r.path() == path)
            .count()
    }

    /// Moves the fake clock forward.
    pub fn advance(&self, d: Duration) {
        let mut s = self.state();
        let now = s.clock.unwrap_or(SystemTime::UNIX_EPOCH + START);
        s.clock = Some(now + d);
    }

    /// The total time slept through [`Transport::sleep`].
    pub fn slept(&self) -> Duration {
        self.state().slept
    }

    fn answer(&self, req: &Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let mut s = self.state();
        s.requests.push(RecordedRequest {
            method: req.method().clone(),
            uri: req.uri().to_string(),
            headers: req.headers().clone(),
            body: req.body().clone(),
        });
        let path = req.uri().path();
        let with_query = req.uri().path_and_query().map_or(path, |p| p.as_str());
        let found = s
            .routes
            .iter()
            .position(|r| r.method == req.method() && r.path == with_query)
            .or_else(|| {
                s.routes
                    .iter()
                    .position(|r| r.method == req.method() && r.path == path)
            });
        let Some(i) = found else {
            return Err(TransportError::new(
                TransportErrorKind::Other,
                format!("no canned response for {} {with_query}", req.method()),
            ));
        };
        if s.routes[i].responses.is_empty() {
            // The mock Keystone: a fresh token each time.
            s.tokens += 1;
            let now = s.clock.unwrap_or(SystemTime::UNIX_EPOCH + START) - s.server_behind;
            let lifetime = s.token_lifetime.unwrap_or(Duration::from_secs(3600));
            return MockResponse::json(
                201,
                Self::token_body_issued(Some(now), now + lifetime, &s.catalog),
            )
            .header("x-subject-token", &format!("mock-token-{}", s.tokens))
            .build();
        }
        next_response(&mut s.routes[i])
    }
}

fn next_response(route: &mut Route) -> Result<Response<Bytes>, TransportError> {
    let resp = if route.responses.len() > 1 {
        route.responses.pop_front()
    } else {
        route.responses.front().cloned()
    };
    resp.map_or_else(
        || {
            Err(TransportError::new(
                TransportErrorKind::Other,
                "no response",
            ))
        },
        |r| r.build(),
    )
}

fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// Pending once, then ready: lets concurrent futures interleave like real I/O does.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Transport for MockTransport {
    async fn send(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        YieldOnce(false).await;
        self.answer(&req)
    }

    async fn sleep(&self, d: Duration) {
        {
            let mut s = self.state();
            s.slept += d;
        }
        self.advance(d);
        YieldOnce(false).await;
    }

    fn now(&self) -> SystemTime {
        self.state().clock.unwrap_or(SystemTime::UNIX_EPOCH + START)
    }
}
