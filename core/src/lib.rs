//! # ferrocloud
//!
//! A sans-IO OpenStack SDK core. It builds `http::Request`s and parses
//! `http::Response`s for every resource and for the Keystone auth flow; it holds no
//! sockets and no runtime. A [`Transport`] (hyper in `ferrocloud-native`, browser `fetch`
//! in `ferrocloud-wasm`, or your own) sends the bytes; the [`Client`] driver holds the
//! policy: shared authentication, refresh, one reauth on 401, bounded retries,
//! pagination streams and waiters.
//!
//! The source tree is the architecture: the mechanics sit in one folder per layer, the
//! services beside them, each a folder of short declarative resource files.
//!
//! | folder | layer |
//! |---|---|
//! | `request/` | **operations as data** ([`Op`], [`List`], [`Page`], [`ServiceEndpoint`], `path!`, `query!`, [`ListCommon`]): build a request with [`Operation::request`], read a response with [`Operation::parse`]; no I/O at all |
//! | `types/` | shared value types and sub-APIs: [`Timestamp`], [`Secret`], [`Patch`], `string_enum!`, [`Tags`], `MetadataOf`, [`json_patch`] |
//! | `auth/` | Keystone v3/v2 token requests and the [`auth::Session`] that decides when to (re)authenticate |
//! | `catalog/` | where services are: [`Catalog`], [`ServiceType`], [`version`] discovery |
//! | `config/` | clouds.yaml and `OS_*` variables → [`AuthOptions`] |
//! | `driver/` | the one request pipeline: [`Client`] / [`Service`] run operations over a [`Transport`] (token, origin checks, reauth, retries, redirects, paging, waits) |
//! | `transport/` | the I/O seam, [`Transport`], and an in-memory one for tests (feature `testing`) |
//! | `error/` | one [`Error`], and [`fault`]: the fault bodies of every service |
//! | `compute/`, `network/`, … | the services (one cargo feature each) |
//!
//! Transports are thin crates that implement [`Transport`] (hyper in `ferrocloud-native`,
//! `fetch` in `ferrocloud-wasm`). Everyday items are at the crate root; a module is public
//! only when it is a namespace of its own.
//!
//! ```
//! use ferrocloud::{path, Op, Operation, ServiceEndpoint, ServiceType};
//!
//! // Sans-IO: build the request yourself, send it with any HTTP stack.
//! let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://127.0.0.1:8774/v2.1").unwrap();
//! let op: Op<serde_json::Value> = Op::get(path!("servers/{}", "3f6a")).decode_key("server");
//! let req = op.request(&nova).unwrap();
//! assert_eq!(req.uri(), "http://127.0.0.1:8774/v2.1/servers/3f6a");
//! ```
#![warn(missing_docs, unreachable_pub)]

// The mechanics, one folder per layer (see the table above). Their everyday items are
// re-exported here, at the root; a module is public only where it is a namespace of its
// own (`auth`, `config`, `fault`, `json_patch`, `version`, `testing`, `fuzzing`, the
// services), so every item has exactly one public path.
mod catalog;
mod driver;
mod error;
mod request;
mod transport;
mod types;

pub mod auth;
pub mod config;

pub use auth::{AuthOptions, Token};
pub use catalog::service_type::ServiceType;
pub use catalog::version;
pub use catalog::{
    Catalog, CatalogEntry, Endpoint, EndpointOpts, Interface, V2CatalogEntry, V2Endpoint,
};
pub use driver::{Client, ClientOptions, HasStatus, RetryPolicy, Service, Wait};
pub use error::fault;
pub use error::{
    DecodeError, EndpointNotFound, Error, FindError, HttpError, InvalidInput, PagingError,
    RedirectError, RedirectReason, Result, TransportError, TransportErrorKind,
};
pub use request::endpoint::{segment, Body, Query, Segment, ServiceEndpoint};
#[doc(hidden)]
pub use request::find::OptionalStr;
pub use request::find::{ByName, Find, Named};
pub use request::link::{Link, LinkRel};
pub use request::list::{ListCommon, SortDir};
pub use request::op::{check_status, Op, Operation};
pub use request::paging::{HasId, List, Page, Paginated, Paging};
#[cfg(feature = "testing")]
pub use transport::testing;
pub use transport::{byte_stream, ByteStream, IntoByteStream, Transport};
#[doc(hidden)]
pub use types::enums::parse_str;
pub use types::json_patch;
#[cfg(any(feature = "block-storage", feature = "compute"))]
pub use types::metadata::{MetaItem, Metadata, MetadataOf};
pub use types::patch::Patch;
pub use types::secret::Secret;
pub use types::tags::Tags;
pub use types::timestamp::{ParseTimestampError, Timestamp};

/// Entry points for the fuzz targets (`fuzz/`): parsers that are internal to the SDK.
#[cfg(feature = "fuzzing")]
pub mod fuzzing {
    pub use crate::driver::retry::parse_retry_after;
    pub use crate::request::paging::{link_header_next, next_request};
}

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
