//! # ferrocloud-wasm
//!
//! The browser [`Transport`](ferrocloud::Transport) for ferrocloud: `fetch` through
//! gloo-net. It binds the *global* `fetch` and timers, so the same code runs on a page's
//! main thread, in a dedicated worker and in a service worker (no `window` needed).
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
