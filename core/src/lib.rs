//! # ferrocloud
//!
//! A sans-IO OpenStack SDK core. It builds `http::Request`s and parses
//! `http::Response`s for every resource and for the Keystone auth flow; it holds no
//! sockets and no runtime. A [`Transport`] (hyper in `ferrocloud-native`, browser `fetch`
//! in `ferrocloud-wasm`, or your own) sends the bytes; the [`Client`] driver holds the
//! policy: shared authentication, refresh, one reauth on 401, bounded retries,
//! pagination streams and waiters.
//!
//! Three layers, each usable on its own:
//!
//! 1. **Operations** — resources are declared as data ([`Op`], [`List`]): method, path,
//!    body and how to parse. Build a request with [`Operation::request`], read a response
//!    with [`Operation::parse`]. No I/O at all.
//! 2. **Driver** — [`Client`] runs operations over a [`Transport`].
//! 3. **Transports** — thin crates that implement [`Transport`].
//!
//! ```
//! use ferrocloud::{path, Op, Operation, ServiceClient, ServiceType};
//!
//! // Sans-IO: build the request yourself, send it with any HTTP stack.
//! let nova = ServiceClient::new(ServiceType::COMPUTE, "http://127.0.0.1:8774/v2.1").unwrap();
//! let op: Op<serde_json::Value> = Op::get(path!("servers/{}", "3f6a")).decode_key("server");
//! let req = op.request(&nova).unwrap();
//! assert_eq!(req.uri(), "http://127.0.0.1:8774/v2.1/servers/3f6a");
//! ```
#![warn(missing_docs)]

pub mod auth;
pub mod catalog;
pub mod config;
pub mod driver;
mod enums;
pub mod error;
pub mod fault;
#[cfg(any(feature = "block-storage", feature = "compute", feature = "network"))]
mod flex;
pub mod json_patch;
mod link;
pub mod list;
#[cfg(any(feature = "block-storage", feature = "compute"))]
pub mod metadata;
pub mod op;
pub mod paging;
mod patch;
mod secret;
pub mod service;
mod service_type;
pub mod tags;
#[cfg(feature = "testing")]
pub mod testing;
mod timestamp;
mod transport;
pub mod version;

#[cfg(feature = "block-storage")]
pub mod block_storage;
#[cfg(feature = "common")]
pub mod common;
#[cfg(feature = "compute")]
pub mod compute;
#[cfg(feature = "container-infra")]
pub mod container_infra;
#[cfg(feature = "identity")]
pub mod identity;
#[cfg(feature = "image")]
pub mod image;
#[cfg(feature = "load-balancer")]
pub mod load_balancer;
#[cfg(feature = "network")]
pub mod network;
#[cfg(feature = "object-storage")]
pub mod object_storage;
#[cfg(feature = "orchestration")]
pub mod orchestration;
#[cfg(feature = "placement")]
pub mod placement;

pub use auth::{AuthOptions, Token};
pub use catalog::{Catalog, Endpoint, EndpointOpts, Interface};
pub use driver::{Client, ClientOptions, HasStatus, RetryPolicy, Service, Wait};
pub use error::{Error, HttpError, InvalidInput, Result, TransportError, TransportErrorKind};
pub use link::Link;
pub use list::{ListCommon, SortDir};
pub use op::{Op, Operation};
pub use paging::{HasId, List, Page, Paginated, Paging};
pub use patch::Patch;
pub use secret::Secret;
pub use service::{Body, Query, ServiceClient};
pub use service_type::ServiceType;
pub use tags::Tags;
pub use timestamp::Timestamp;
pub use transport::{byte_stream, ByteStream, Transport};
