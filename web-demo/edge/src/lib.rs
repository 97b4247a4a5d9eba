//! # ferrocloud-edge-demo
//!
//! An edge / serverless function built on `ferrocloud-wasm` unchanged:
//! `GET /servers` authenticates with the credentials of the runtime's bindings (secrets),
//! lists the project's servers through the typed compute module and answers JSON. The
//! same `.wasm` runs in **workerd** (the runtime behind Cloudflare Workers, see
//! `web-demo/edge/workerd/`) and in **Node.js** (`web-demo/edge/node/`); the proof is
//! `scripts/edge-e2e.sh`.
//!
//! - **One `Client` per isolate.** The first request builds a [`Client`] and keeps it in
//!   module state; later requests of the same isolate reuse it and its token (one
//!   authentication for many requests). The SDK refreshes the token before it expires and
//!   authenticates again once on a 401 (a revoked token), so a long-lived isolate stays
//!   correct. New credentials in the bindings build a new client.
//! - **Several requests at once.** workerd cancels a request that waits on I/O another
//!   request started, and the SDK makes concurrent calls share one authentication (first
//!   calls, renewals, and the one re-authentication after a 401). The client is built
//!   with [`ClientOptions::auth_wait_poll`]: a call that finds an authentication under
//!   way looks again every 5 ms on its own timer instead of awaiting the other request,
//!   then uses the token it brought.
//! - **Counters.** The function counts its own authentications (`POST …/auth/tokens`),
//!   requests served and upstream subrequests, and reports them in every answer
//!   (`x-edge-auths`, `x-edge-requests`, `x-edge-subrequests`, and in the JSON body).
//! - **Errors.** A failure answers the SDK's error as JSON: the one-line message, the
//!   service's own message and request id, the upstream status, and a gateway status
//!   (`502` when a service refused, `503`/`429` passed on with `Retry-After`, `504` on a
//!   timeout, `500` when the bindings are incomplete). A wrong password in the bindings
//!   is the function's configuration problem, not the caller's: it answers `502` with
//!   Keystone's 401 inside.
//!
//! Bindings: `OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, `OS_PROJECT_NAME`, optional
//! `OS_USER_DOMAIN_NAME` / `OS_PROJECT_DOMAIN_NAME` (default `Default`) and
//! `OS_REGION_NAME`; `EDGE_REFRESH_MARGIN_SECONDS` sets how long before its expiry the
//! token is renewed (default 120).
//!
//! The routing, the error mapping and the counters are target-independent (and unit
//! tested natively); the JS entry point `handle(request, env)` exists on `wasm32` only.
#![warn(missing_docs)]

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use ferrocloud::compute::servers::{self, ListServers};
use ferrocloud::{
    AuthOptions, ByteStream, Client, ClientOptions, EndpointOpts, Error, Transport, TransportError,
    TransportErrorKind,
};
use http::{Method, Request, Response, StatusCode};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
mod js;

/// What a function instance has done since it started (shared by its clients).
#[derive(Debug, Default)]
pub struct Counters {
    /// Authentications sent (`POST …/auth/tokens`).
    pub auths: AtomicU64,
    /// Upstream requests sent (authentications included).
    pub subrequests: AtomicU64,
    /// Requests this instance has answered.
    pub requests: AtomicU64,
    /// Timer waits (`Transport::sleep`): calls waiting for another call's authentication
    /// poll on these.
    pub waits: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> [(&'static str, u64); 4] {
        [
            ("auths", self.auths.load(Ordering::Relaxed)),
            ("requests", self.requests.load(Ordering::Relaxed)),
            ("subrequests", self.subrequests.load(Ordering::Relaxed)),
            ("waits", self.waits.load(Ordering::Relaxed)),
        ]
    }
}

/// A transport that counts what it sends, around any other transport.
#[derive(Debug, Clone)]
pub struct Counting<T> {
    inner: T,
    counters: Arc<Counters>,
}

impl<T> Counting<T> {
    /// Counts into `counters`.
    pub fn new(inner: T, counters: Arc<Counters>) -> Self {
        Counting { inner, counters }
    }

    fn count<B>(&self, req: &Request<B>) {
        self.counters.subrequests.fetch_add(1, Ordering::Relaxed);
        if req.method() == Method::POST && req.uri().path().ends_with("/auth/tokens") {
            self.counters.auths.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl<T: Transport> Transport for Counting<T> {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> {
        self.count(&req);
        self.inner.send(req)
    }

    fn sleep(&self, d: Duration) -> impl Future<Output = ()> {
        self.counters.waits.fetch_add(1, Ordering::Relaxed);
        self.inner.sleep(d)
    }

    fn now(&self) -> SystemTime {
        self.inner.now()
    }

    fn send_streaming(
        &self,
        req: Request<ByteStream>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> {
        self.count(&req);
        self.inner.send_streaming(req)
    }

    fn send_for_stream(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<ByteStream>, TransportError>> {
        self.count(&req);
        self.inner.send_for_stream(req)
    }
}

/// The function's settings, read from the runtime's bindings. The password never
/// appears in `Debug`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    auth_url: String,
    username: String,
    password: String,
    project: String,
    user_domain: String,
    project_domain: String,
    region: Option<String>,
    refresh_margin: Duration,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("auth_url", &self.auth_url)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("project", &self.project)
            .field("region", &self.region)
            .field("refresh_margin", &self.refresh_margin)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// Reads the bindings through `get` (a name to its value); a missing required one is
    /// an [`ferrocloud::InvalidInput`] error that names it.
    pub fn from_bindings(get: impl Fn(&str) -> Option<String>) -> Result<Settings, Error> {
        let need = |name: &'static str| {
            get(name)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| ferrocloud::InvalidInput::field(name, "missing from the bindings"))
        };
        let or_default = |name: &str| get(name).filter(|v| !v.is_empty());
        Ok(Settings {
            auth_url: need("OS_AUTH_URL")?,
            username: need("OS_USERNAME")?,
            password: need("OS_PASSWORD")?,
            project: need("OS_PROJECT_NAME")?,
            user_domain: or_default("OS_USER_DOMAIN_NAME").unwrap_or_else(|| "Default".into()),
            project_domain: or_default("OS_PROJECT_DOMAIN_NAME")
                .unwrap_or_else(|| "Default".into()),
            region: or_default("OS_REGION_NAME"),
            refresh_margin: match or_default("EDGE_REFRESH_MARGIN_SECONDS") {
                None => ClientOptions::default().refresh_margin,
                Some(v) => Duration::from_secs(v.parse().map_err(|_| {
                    ferrocloud::InvalidInput::field(
                        "EDGE_REFRESH_MARGIN_SECONDS",
                        "not a whole number of seconds",
                    )
                })?),
            },
        })
    }

    /// How long before its expiry the token is renewed (`EDGE_REFRESH_MARGIN_SECONDS`,
    /// default the SDK's 2 minutes; the end-to-end test sets it close to the token's
    /// lifetime so that a refresh happens within seconds).
    pub fn refresh_margin(&self) -> Duration {
        self.refresh_margin
    }

    /// A client for these settings over `transport` (no I/O yet).
    pub fn client<T: Transport>(&self, transport: T) -> Result<Client<T>, Error> {
        let auth = AuthOptions::password(
            &self.auth_url,
            &self.username,
            &self.user_domain,
            &self.password,
        )
        .project_name(&self.project, &self.project_domain);
        let mut endpoint = EndpointOpts::default();
        if let Some(r) = &self.region {
            endpoint = endpoint.region(r.clone());
        }
        let options = ClientOptions {
            endpoint,
            // Workers cap the subrequests of one invocation (50 on the free plan): a
            // listing stops with an error well before that instead of being cut off.
            max_pages: 40,
            refresh_margin: self.refresh_margin,
            // workerd cancels a request that awaits another request's I/O: wait for a
            // shared authentication on this request's own timer.
            auth_wait_poll: Some(Duration::from_millis(5)),
            ..ClientOptions::default()
        };
        Client::with_options(transport, &auth, options)
    }
}

/// One answer of the function: a status and a JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
    /// `Retry-After`, passed on from the service.
    pub retry_after: Option<String>,
}

impl Answer {
    fn ok(body: Value) -> Answer {
        Answer {
            status: 200,
            body,
            retry_after: None,
        }
    }

    fn plain(status: u16, message: &str) -> Answer {
        Answer {
            status,
            body: json!({ "error": { "kind": "request", "message": message } }),
            retry_after: None,
        }
    }

    /// Adds the instance's counters to the body (under `"edge"`).
    pub fn with_counters(mut self, counters: &Counters) -> Answer {
        if let Value::Object(map) = &mut self.body {
            let c: serde_json::Map<String, Value> = counters
                .snapshot()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.into()))
                .collect();
            map.insert("edge".into(), Value::Object(c));
        }
        self
    }

    /// The counters as response headers (`x-edge-auths`, …).
    pub fn counter_headers(counters: &Counters) -> Vec<(String, String)> {
        counters
            .snapshot()
            .into_iter()
            .map(|(k, v)| (format!("x-edge-{k}"), v.to_string()))
            .collect()
    }
}

/// The answer for an SDK error: the error's message, the service's message, request id
/// and status, and the gateway status this function answers with.
pub fn error_answer(err: &Error) -> Answer {
    let mut retry_after = None;
    let (status, kind) = match err {
        Error::Http(h) => match h.status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                retry_after = h.retry_after.clone();
                (h.status.as_u16(), "upstream")
            }
            _ => (502, "upstream"),
        },
        Error::Transport(t) if t.kind == TransportErrorKind::Timeout => (504, "timeout"),
        Error::Transport(_) => (502, "transport"),
        Error::InvalidInput(_) => (500, "configuration"),
        _ => (502, "upstream"),
    };
    let mut e = json!({ "kind": kind, "message": err.to_string() });
    if let Some(h) = err.http() {
        e["upstream_status"] = h.status.as_u16().into();
        e["service_message"] = h.message().into();
        e["request_id"] = h.request_id.clone().into();
        e["method"] = h.method.as_str().into();
        e["url"] = h.url.clone().into();
    }
    Answer {
        status,
        body: json!({ "error": e }),
        retry_after,
    }
}

/// Serves one request with `client`: `GET /servers`.
pub async fn serve<T: Transport>(client: &Client<T>, method: &str, path: &str) -> Answer {
    let result = match (method, path) {
        ("GET", "/servers") => list_servers(client).await,
        (_, "/servers") => return Answer::plain(405, "only GET /servers is served"),
        _ => return Answer::plain(404, "not found: try GET /servers"),
    };
    result.unwrap_or_else(|e| error_answer(&e))
}

async fn list_servers<T: Transport>(client: &Client<T>) -> Result<Answer, Error> {
    let servers = client
        .compute()
        .collect_all(servers::list(&ListServers::default()))
        .await?;
    let servers: Vec<Value> = servers
        .into_iter()
        .map(|s| json!({ "id": s.id, "name": s.name }))
        .collect();
    Ok(Answer::ok(json!({ "servers": servers })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bindings(name: &str) -> Option<String> {
        match name {
            "OS_AUTH_URL" => Some("http://127.0.0.1:5000/v3".into()),
            "OS_USERNAME" => Some("u".into()),
            "OS_PASSWORD" => Some("hunter2".into()),
            "OS_PROJECT_NAME" => Some("p".into()),
            _ => None,
        }
    }

    #[test]
    fn settings_from_bindings_and_redacted() {
        let s = Settings::from_bindings(bindings).unwrap();
        assert_eq!(s.user_domain, "Default");
        assert_eq!(s.refresh_margin(), Duration::from_secs(120));
        assert!(!format!("{s:?}").contains("hunter2"));
        let missing =
            Settings::from_bindings(|n| (n != "OS_PASSWORD").then(|| bindings(n))?).unwrap_err();
        assert!(missing.to_string().contains("OS_PASSWORD"), "{missing}");
        assert_eq!(error_answer(&missing).status, 500);
    }

    #[test]
    fn keystone_401_is_a_502_with_message_and_request_id() {
        let resp = http::Response::builder()
            .status(401)
            .header("x-openstack-request-id", "req-abc")
            .body(Bytes::from_static(
                br#"{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}"#,
            ))
            .unwrap();
        let err = Error::from_response(&Method::POST, "http://ks/v3/auth/tokens", &resp);
        let a = error_answer(&err);
        assert_eq!(a.status, 502);
        assert_eq!(a.body["error"]["upstream_status"], 401);
        assert_eq!(a.body["error"]["request_id"], "req-abc");
        assert_eq!(
            a.body["error"]["service_message"],
            "The request you have made requires authentication."
        );
    }

    #[test]
    fn retry_after_is_passed_on_and_timeouts_are_504() {
        let resp = http::Response::builder()
            .status(503)
            .header("retry-after", "7")
            .body(Bytes::new())
            .unwrap();
        let a = error_answer(&Error::from_response(
            &Method::GET,
            "http://n/servers",
            &resp,
        ));
        assert_eq!((a.status, a.retry_after.as_deref()), (503, Some("7")));
        let t = Error::Transport(TransportError::new(TransportErrorKind::Timeout, "slow"));
        assert_eq!(error_answer(&t).status, 504);
    }

    #[test]
    fn counters_in_body_and_headers() {
        let c = Counters::default();
        c.auths.fetch_add(1, Ordering::Relaxed);
        let a = Answer::ok(json!({})).with_counters(&c);
        assert_eq!(a.body["edge"]["auths"], 1);
        assert!(Answer::counter_headers(&c).contains(&("x-edge-auths".into(), "1".into())));
    }
}
