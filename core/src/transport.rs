//! [`Transport`]: the one trait an HTTP stack implements to drive ferrocloud.

use std::future::Future;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{Request, Response};

use crate::error::TransportError;

/// Sends requests, sleeps and tells the time. That is all the I/O ferrocloud needs;
/// every policy (auth, retries, paging, waiting) lives in [`Client`](crate::Client).
///
/// The futures need not be `Send` (browser futures are not); a transport whose futures
/// are `Send` gives `Send` client futures.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use bytes::Bytes;
/// use ferrocloud::{Transport, TransportError, TransportErrorKind};
///
/// /// A transport that is always offline.
/// struct Offline;
/// impl Transport for Offline {
///     async fn send(&self, _req: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
///         Err(TransportError::new(TransportErrorKind::Connect, "offline"))
///     }
///     async fn sleep(&self, _d: Duration) {}
///     fn now(&self) -> SystemTime { SystemTime::UNIX_EPOCH }
/// }
/// ```
pub trait Transport {
    /// Sends one request and returns the whole response.
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>>;

    /// Waits `d`.
    fn sleep(&self, d: Duration) -> impl Future<Output = ()>;

    /// The current time (a browser has no `SystemTime::now`; tests use a fake clock).
    fn now(&self) -> SystemTime;
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> {
        (**self).send(req)
    }
    fn sleep(&self, d: Duration) -> impl Future<Output = ()> {
        (**self).sleep(d)
    }
    fn now(&self) -> SystemTime {
        (**self).now()
    }
}
