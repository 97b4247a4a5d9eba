//! # ferrocloud-wasm
//!
//! The browser [`Transport`](ferrocloud::Transport) for ferrocloud: `fetch` through
//! gloo-net. It binds the *global* `fetch` and timers, so the same code runs on a page's
//! main thread, in a dedicated worker and in a service worker (no `window` needed), and
//! in edge and serverless runtimes (workerd / Cloudflare Workers, Node.js; see below).
//!
//! Switching from native to the browser changes one constructor:
//!
//! ```text
//! let client = Client::new(HyperTransport::new(NativeOptions::default())?, &auth)?; // native
//! let client = Client::new(FetchTransport::new(), &auth)?;                          // browser
//! ```
//!
//! `FetchTransport` exists on `wasm32` targets only; on other targets this crate holds just
//! the target-independent parts (the CORS header rules and the error classification), so a
//! workspace that contains it still builds natively.
//!
//! ## Browser specifics
//!
//! - **CORS.** Every OpenStack service the page talks to must allow the page's origin
//!   (`[cors] allowed_origin`). Keystone must expose `X-Subject-Token` (`[cors]
//!   expose_headers`, in its defaults): when the token header is unreadable, authentication
//!   fails with an error that names both settings.
//! - A request the browser blocks (CORS) or cannot deliver (network) fails with
//!   [`TransportErrorKind::CorsOrNetwork`](ferrocloud::TransportErrorKind::CorsOrNetwork):
//!   a page cannot tell the two apart.
//! - Headers the browser manages itself (`User-Agent`, `Content-Length`, …) and headers a
//!   service's CORS allow-list rejects (Keystone does not allow `OpenStack-API-Version`)
//!   are not sent; see [`sendable_header`].
//! - Timeouts and cancellation use an `AbortController`: dropping a request future (or a
//!   download stream) aborts the fetch.
//!
//! ## Edge and serverless runtimes
//!
//! The same crate, unchanged, runs in **workerd** (the runtime of Cloudflare Workers) and in
//! **Node.js** 20+ (the Lambda-style runtime): it needs only the global `fetch`, `Request`,
//! `Headers`, `AbortController`, `setTimeout`/`clearTimeout` and `Date.now()`, never
//! `window`. `web-demo/edge` is a complete function (`GET /servers`) and
//! `scripts/edge-e2e.sh` proves it in both runtimes against a real cloud. What differs:
//!
//! | runtime fact | what the SDK does |
//! |---|---|
//! | no `window` (a Worker's global scope, Node's `globalThis`) | `fetch`, the timers and `AbortController` are taken from the global scope (gloo-net's and gloo-timers' bindings are global names, not `window.` methods), so nothing needs a window. |
//! | Workers: `Date.now()` stands still while the CPU works and moves on only across I/O (timers included) | The clock (`now()`, from `Date.now()`) is read at decision points that follow I/O: whether the token is due for renewal, a waiter's elapsed time, a `Retry-After` date turned into a delay. It is behind by at most the CPU time since the last I/O (milliseconds), far inside the 2-minute refresh margin. Timeouts, back-off and poll intervals are waited with `setTimeout`, which runs on real time (and moves `Date.now()` on). `SystemTime::now()` (which panics on wasm32) is never called. |
//! | Workers: a global scope (an isolate) serves many requests, also several at once | A `Client` may be kept in module state and reused: it keeps its token and catalog, renews the token before it expires (`ClientOptions::refresh_margin`) and authenticates once more on a 401. **But** workerd cancels a request that waits for I/O another request started ("… detected that your Worker's code had hung"), and the client makes concurrent first calls wait for one shared authentication. A function must therefore let a request that may authenticate run alone and make the others wait with their own timers: `web-demo/edge/src/js.rs` shows how (4 concurrent first requests: all answered, one authentication). Requests with a fresh token run concurrently. |
//! | Workers: subrequests per invocation are capped (50 on the free plan, 1,000 paid) | Every page of a listing, the authentication, each retry (429/503) and each redirect is one subrequest. Cap listings with `ClientOptions::max_pages` (the edge function uses 40) or page yourself with `limit`; the function reports the count it used (`x-edge-subrequests`). |
//! | Workers: CPU time per invocation is capped (10 ms free, 30 s paid); waiting on I/O is free | The SDK does no busy waiting; JSON decoding is the CPU cost. Keep listings small (filters, `limit`) on the free plan. |
//! | workerd before compatibility date 2024-11-11 throws on fetch's `cache` field | Requests are built with `cache: "no-store"`; where the runtime rejects the field, they are built without it from then on (nothing was sent yet). |
//! | outbound network is configured, not ambient (workerd: `globalOutbound`, a network service with `allow`) | A refused destination is a [`TransportErrorKind::Connect`](ferrocloud::TransportErrorKind::Connect) error with workerd's message ("connecting to … is not allowed"), as is Node's `fetch failed`; only a browser's `TypeError` is [`CorsOrNetwork`](ferrocloud::TransportErrorKind::CorsOrNetwork). |
//! | no CORS outside a browser | Nothing to configure; the header rules ([`sendable_header`]) still leave out `User-Agent` and friends, which these runtimes set themselves. |
#![warn(missing_docs)]

mod rules;

pub use rules::{classify_js_error, sendable_header};

#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
mod timer;

#[cfg(target_arch = "wasm32")]
pub use fetch::FetchTransport;
#[cfg(target_arch = "wasm32")]
pub use timer::{now, sleep};
