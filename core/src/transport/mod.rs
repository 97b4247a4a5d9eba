//! [`Transport`]: the one trait an HTTP stack implements to drive ferrocloud.

#[cfg(feature = "testing")]
pub mod testing;

use std::future::Future;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{Request, Response};

use futures::StreamExt;

use crate::TransportError;

/// A body sent or received in chunks, so large payloads (image data) never sit in memory
/// whole. `Send` on native targets; not on wasm32, where browser streams are not.
#[cfg(not(target_arch = "wasm32"))]
pub type ByteStream = futures::stream::BoxStream<'static, Result<Bytes, TransportError>>;
/// A body sent or received in chunks, so large payloads (image data) never sit in memory
/// whole. `Send` on native targets; not on wasm32, where browser streams are not.
#[cfg(target_arch = "wasm32")]
pub type ByteStream = futures::stream::LocalBoxStream<'static, Result<Bytes, TransportError>>;

/// Boxes a stream as a [`ByteStream`].
#[cfg(not(target_arch = "wasm32"))]
pub fn byte_stream<S>(s: S) -> ByteStream
where
    S: futures::Stream<Item = Result<Bytes, TransportError>> + Send + 'static,
{
    s.boxed()
}

/// Boxes a stream as a [`ByteStream`].
#[cfg(target_arch = "wasm32")]
pub fn byte_stream<S>(s: S) -> ByteStream
where
    S: futures::Stream<Item = Result<Bytes, TransportError>> + 'static,
{
    s.boxed_local()
}

/// Anything [`Service::upload`](crate::Service::upload) can send: a [`ByteStream`], or
/// any stream of `Result<Bytes, E>` whose error converts into a [`TransportError`] —
/// `std::io::Error` does, so a stream read from a file or socket
/// (`tokio_util::io::ReaderStream`, …) is sent as it is, without wrapping its errors.
///
/// ```
/// use bytes::Bytes;
/// use ferrocloud::IntoByteStream;
/// let chunks = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"data"))]);
/// let _body: ferrocloud::ByteStream = chunks.into_byte_stream();
/// ```
pub trait IntoByteStream {
    /// Boxes `self` as a [`ByteStream`], converting its errors.
    fn into_byte_stream(self) -> ByteStream;
}

#[cfg(not(target_arch = "wasm32"))]
impl<S, E> IntoByteStream for S
where
    S: futures::Stream<Item = Result<Bytes, E>> + Send + 'static,
    E: Into<TransportError>,
{
    fn into_byte_stream(self) -> ByteStream {
        self.map(|chunk| chunk.map_err(Into::into)).boxed()
    }
}

#[cfg(target_arch = "wasm32")]
impl<S, E> IntoByteStream for S
where
    S: futures::Stream<Item = Result<Bytes, E>> + 'static,
    E: Into<TransportError>,
{
    fn into_byte_stream(self) -> ByteStream {
        self.map(|chunk| chunk.map_err(Into::into)).boxed_local()
    }
}

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

    /// Sends a request whose body is streamed (uploads). The default collects the
    /// stream and calls [`Transport::send`]; streaming transports override it.
    fn send_streaming(
        &self,
        req: Request<ByteStream>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> {
        async move {
            let (parts, mut body) = req.into_parts();
            let mut buf = bytes::BytesMut::new();
            while let Some(chunk) = body.next().await {
                buf.extend_from_slice(&chunk?);
            }
            self.send(Request::from_parts(parts, buf.freeze())).await
        }
    }

    /// Sends a request and returns the response body as a stream (downloads). The
    /// default buffers the body and yields it as one chunk; streaming transports
    /// override it.
    fn send_for_stream(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<ByteStream>, TransportError>> {
        async move {
            let resp = self.send(req).await?;
            Ok(resp.map(|b| byte_stream(futures::stream::once(async move { Ok(b) }))))
        }
    }
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
    fn send_streaming(
        &self,
        req: Request<ByteStream>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> {
        (**self).send_streaming(req)
    }
    fn send_for_stream(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<ByteStream>, TransportError>> {
        (**self).send_for_stream(req)
    }
}
