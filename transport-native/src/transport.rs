//! [`HyperTransport`]: ferrocloud's `Transport` over hyper-util's pooled client.

use std::error::Error as StdError;
use std::time::{Duration, SystemTime};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use ferrocloud::{byte_stream, ByteStream, Error, Transport, TransportError, TransportErrorKind};
use futures::{StreamExt, TryStreamExt};
use http::{Request, Response};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::tls;

/// Settings of the native transport.
#[derive(Clone)]
pub struct NativeOptions {
    /// PEM CA bundle that replaces the system roots.
    pub cacert_pem: Option<Vec<u8>>,
    /// PEM client certificate chain.
    pub client_cert_pem: Option<Vec<u8>>,
    /// PEM client key.
    pub client_key_pem: Option<Vec<u8>>,
    /// Skip certificate verification. Logged as a warning when on.
    pub insecure: bool,
    /// TCP connect timeout. Default 10 s.
    pub connect_timeout: Duration,
    /// Whole-request timeout, body included. Default 120 s.
    pub timeout: Duration,
    /// Idle pooled connections are closed after this long. Default 90 s.
    pub pool_idle_timeout: Duration,
    /// Largest whole response body read into memory; a larger one is a
    /// [`TransportErrorKind::TooLarge`] error. Default 64 MiB. Streamed downloads are not
    /// capped.
    pub max_body: usize,
    /// A deadline for a whole streamed download, besides the pause timeout. Default none.
    pub download_deadline: Option<Duration>,
}

impl std::fmt::Debug for NativeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeOptions")
            .field("cacert", &self.cacert_pem.is_some())
            .field("client_cert", &self.client_cert_pem.is_some())
            .field("insecure", &self.insecure)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_body", &self.max_body)
            .field("download_deadline", &self.download_deadline)
            .finish_non_exhaustive()
    }
}

impl Default for NativeOptions {
    fn default() -> Self {
        NativeOptions {
            cacert_pem: None,
            client_cert_pem: None,
            client_key_pem: None,
            insecure: false,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(120),
            pool_idle_timeout: Duration::from_secs(90),
            max_body: 64 << 20,
            download_deadline: None,
        }
    }
}

/// The body type the pooled client sends: whole buffers or streams.
type OutBody = UnsyncBoxBody<Bytes, Box<dyn StdError + Send + Sync>>;

/// hyper 1 + hyper-util pooled client + rustls (ring) + tokio. Its futures are `Send`.
///
/// Image data streams both ways: [`Transport::send_streaming`] sends a hyper
/// `StreamBody` fed chunk by chunk, and [`Transport::send_for_stream`] yields the
/// response's body frames as they arrive. For streams, [`NativeOptions::timeout`] bounds
/// the wait for the response headers and every pause in the transfer, not the whole
/// transfer (a large image may take longer).
///
/// Streaming an image from a file and back to a file, without holding it in memory, is
/// one call each with [`ServiceIo`](crate::ServiceIo) (`upload_from`,
/// `download_to_file`, or `download_reader` for `tokio::io::copy`).
///
/// ```no_run
/// # fn demo() -> Result<(), ferrocloud::Error> {
/// use ferrocloud::{AuthOptions, Client};
/// use ferrocloud_native::{HyperTransport, NativeOptions};
/// let transport = HyperTransport::new(NativeOptions::default())?;
/// let auth = AuthOptions::password("https://keystone.example/v3", "demo", "Default", "pw")
///     .project_name("demo", "Default");
/// let client = Client::new(transport, &auth)?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct HyperTransport {
    client: Client<HttpsConnector<HttpConnector>, OutBody>,
    timeout: Duration,
    max_body: usize,
    download_deadline: Option<Duration>,
}

impl std::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HyperTransport")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// A transport with `opts`. Fails on an unreadable CA bundle or client certificate.
    pub fn new(opts: NativeOptions) -> Result<Self, Error> {
        let tls = tls::client_config(&opts)?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(opts.connect_timeout));
        http.set_nodelay(true);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(opts.pool_idle_timeout)
            .build(https);
        Ok(HyperTransport {
            client,
            timeout: opts.timeout,
            max_body: opts.max_body,
            download_deadline: opts.download_deadline,
        })
    }

    /// Reads a whole body, at most `max_body` bytes of it.
    async fn read_body(
        &self,
        method: &http::Method,
        uri: &http::Uri,
        resp: Response<hyper::body::Incoming>,
    ) -> Result<Response<Bytes>, TransportError> {
        let too_large = |what: String| {
            TransportError::new(
                TransportErrorKind::TooLarge,
                format!(
                    "the response from {uri} {what}, more than the {} bytes allowed (NativeOptions::max_body)",
                    self.max_body
                ),
            )
        };
        if let Some(n) = declared_over(method, &resp, self.max_body) {
            return Err(too_large(format!("declares {n} bytes")));
        }
        let (parts, body) = resp.into_parts();
        let body = http_body_util::Limited::new(body, self.max_body)
            .collect()
            .await
            .map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    too_large("is larger".to_owned())
                } else {
                    TransportError::new(
                        TransportErrorKind::Io,
                        format!("reading the body of {uri}: {e}"),
                    )
                }
            })?
            .to_bytes();
        Ok(Response::from_parts(parts, body))
    }
}

/// The body length `resp` declares when it is over `max`, for a response that has a
/// body: the answer to a HEAD (or a 204 or 304) declares the length of what a GET would
/// send (a 100 GiB object's HEAD says 100 GiB) and carries no byte.
fn declared_over<B>(method: &http::Method, resp: &Response<B>, max: usize) -> Option<u64> {
    let bodiless = method == http::Method::HEAD || matches!(resp.status().as_u16(), 204 | 304);
    let declared = resp
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    declared.filter(|n| !bodiless && *n > max as u64)
}

/// An empty PUT/POST/PATCH body says so (`Content-Length: 0`): some servers (Swift)
/// answer 411 Length Required to a bodiless PUT that does not.
fn mark_empty_body(req: &mut Request<Bytes>) {
    let sends_body = matches!(
        *req.method(),
        http::Method::PUT | http::Method::POST | http::Method::PATCH
    );
    if sends_body && req.body().is_empty() {
        req.headers_mut()
            .entry(http::header::CONTENT_LENGTH)
            .or_insert(http::HeaderValue::from_static("0"));
    }
}

/// A typed error for a failed exchange with `uri`: the whole source chain is walked, so a
/// TLS or timeout cause buried under several layers (hyper-util, hyper-rustls, io) is
/// still found.
fn classify(err: &hyper_util::client::legacy::Error, uri: &http::Uri) -> TransportError {
    let mut chain: Vec<String> = Vec::new();
    let mut source: Option<&(dyn StdError + 'static)> = err.source();
    let mut tls: Option<&rustls::Error> = None;
    let mut timed_out = false;
    while let Some(e) = source {
        let text = e.to_string();
        // An io::Error wrapping another shows the same text: keep it once.
        if chain.last() != Some(&text) {
            chain.push(text);
        }
        tls = tls.or(e.downcast_ref::<rustls::Error>());
        timed_out |= e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut);
        source = next_cause(e);
    }
    let detail = if chain.is_empty() {
        err.to_string()
    } else {
        chain.join(": ")
    };
    let kind = if tls.is_some() {
        TransportErrorKind::Tls
    } else if timed_out {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    };
    let hint = match tls {
        Some(rustls::Error::InvalidCertificate(
            rustls::CertificateError::NotValidForName
            | rustls::CertificateError::NotValidForNameContext { .. },
        )) => " (the certificate is for another host name: use a URL with a name the certificate lists)",
        Some(rustls::Error::InvalidCertificate(
            rustls::CertificateError::Expired
            | rustls::CertificateError::ExpiredContext { .. }
            | rustls::CertificateError::NotValidYet
            | rustls::CertificateError::NotValidYetContext { .. },
        )) => " (the certificate is outside its validity period: check the server's certificate and this machine's clock)",
        Some(_) => " (check the certificate: set OS_CACERT / clouds.yaml `cacert` to the cloud's CA bundle)",
        None => "",
    };
    TransportError::new(kind, format!("{uri}: {detail}{hint}"))
}

/// The cause of `e`. `io::Error::source` skips the error an `io::Error` wraps (it returns
/// the wrapped error's own source), and hyper-rustls wraps tokio-rustls' `io::Error`
/// (itself wrapping the `rustls::Error`) in a second `io::Error`: descend into those.
fn next_cause<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    if let Some(inner) = e
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        return Some(inner);
    }
    e.source()
}

impl Transport for HyperTransport {
    async fn send(&self, mut req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let uri = req.uri().clone();
        let method = req.method().clone();
        mark_empty_body(&mut req);
        let exchange = async {
            let resp = self
                .client
                .request(req.map(|b| Full::new(b).map_err(|never| match never {}).boxed_unsync()))
                .await
                .map_err(|e| classify(&e, &uri))?;
            self.read_body(&method, &uri, resp).await
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!("no complete response from {uri} within {:?}", self.timeout),
            )),
        }
    }

    async fn send_streaming(
        &self,
        req: Request<ByteStream>,
    ) -> Result<Response<Bytes>, TransportError> {
        let uri = req.uri().clone();
        let method = req.method().clone();
        let start = Instant::now();
        // Milliseconds since `start` of the last progress (a chunk handed to hyper).
        let progress = Arc::new(AtomicU64::new(0));
        let seen = progress.clone();
        let req = req.map(move |body| {
            let frames = body
                .inspect_ok(move |_| {
                    seen.store(start.elapsed().as_millis() as u64, Ordering::Relaxed);
                })
                .map_ok(Frame::data)
                .map_err(|e| Box::new(e) as Box<dyn StdError + Send + Sync>);
            StreamBody::new(frames).boxed_unsync()
        });
        let exchange = async {
            let resp = self
                .client
                .request(req)
                .await
                .map_err(|e| classify(&e, &uri))?;
            self.read_body(&method, &uri, resp).await
        };
        let mut exchange = std::pin::pin!(exchange);
        // An inactivity watchdog: the upload may take long, but never stall `timeout`.
        loop {
            match tokio::time::timeout(self.timeout, &mut exchange).await {
                Ok(result) => return result,
                Err(_) => {
                    let last = Duration::from_millis(progress.load(Ordering::Relaxed));
                    if start.elapsed().saturating_sub(last) >= self.timeout {
                        return Err(TransportError::new(
                            TransportErrorKind::Timeout,
                            format!("upload to {uri} made no progress for {:?}", self.timeout),
                        ));
                    }
                }
            }
        }
    }

    async fn send_for_stream(
        &self,
        req: Request<Bytes>,
    ) -> Result<Response<ByteStream>, TransportError> {
        let uri = req.uri().clone();
        let request = self
            .client
            .request(req.map(|b| Full::new(b).map_err(|never| match never {}).boxed_unsync()));
        let resp = match tokio::time::timeout(self.timeout, request).await {
            Ok(r) => r.map_err(|e| classify(&e, &uri))?,
            Err(_) => {
                return Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!("no response headers from {uri} within {:?}", self.timeout),
                ))
            }
        };
        let timeout = self.timeout;
        let deadline = self
            .download_deadline
            .map(|d| (tokio::time::Instant::now() + d, d));
        Ok(resp.map(move |body| {
            let data = body.into_data_stream();
            let chunks = futures::stream::unfold(Some(data), move |state| {
                let uri = uri.clone();
                async move {
                    let mut data = state?;
                    // The pause timeout, or what is left of the whole deadline if sooner.
                    let wait = match deadline {
                        Some((at, whole)) => {
                            let left = at.saturating_duration_since(tokio::time::Instant::now());
                            if left.is_zero() {
                                return Some((
                                    Err(TransportError::new(
                                        TransportErrorKind::Timeout,
                                        format!("the download of {uri} took longer than {whole:?} (NativeOptions::download_deadline)"),
                                    )),
                                    None,
                                ));
                            }
                            left.min(timeout)
                        }
                        None => timeout,
                    };
                    match tokio::time::timeout(wait, data.next()).await {
                        Ok(None) => None,
                        Ok(Some(Ok(chunk))) => Some((Ok(chunk), Some(data))),
                        Ok(Some(Err(e))) => Some((
                            Err(TransportError::new(
                                TransportErrorKind::Io,
                                format!("reading the body of {uri}: {e}"),
                            )),
                            None,
                        )),
                        Err(_) => Some((
                            Err(TransportError::new(
                                TransportErrorKind::Timeout,
                                match deadline {
                                    Some((at, whole)) if tokio::time::Instant::now() >= at => format!(
                                        "the download of {uri} took longer than {whole:?} (NativeOptions::download_deadline)"
                                    ),
                                    _ => format!("the body of {uri} stalled for {timeout:?}"),
                                },
                            )),
                            None,
                        )),
                    }
                }
            });
            byte_stream(chunks)
        }))
    }

    async fn sleep(&self, d: Duration) {
        tokio::time::sleep(d).await;
    }

    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, length: &str) -> Response<()> {
        Response::builder()
            .status(status)
            .header(http::header::CONTENT_LENGTH, length)
            .body(())
            .unwrap()
    }

    #[test]
    fn only_a_response_with_a_body_can_be_over_the_cap() {
        let big = "107374182400"; // a 100 GiB object
        assert_eq!(
            declared_over(&http::Method::GET, &answer(200, big), 1 << 20),
            Some(107_374_182_400)
        );
        assert_eq!(
            declared_over(&http::Method::HEAD, &answer(200, big), 1 << 20),
            None
        );
        assert_eq!(
            declared_over(&http::Method::GET, &answer(304, big), 1 << 20),
            None
        );
        assert_eq!(
            declared_over(&http::Method::GET, &answer(200, "10"), 1 << 20),
            None
        );
    }

    #[test]
    fn an_empty_put_says_its_length() {
        let mut put = Request::put("http://h/v1/a/c/o")
            .body(Bytes::new())
            .unwrap();
        mark_empty_body(&mut put);
        assert_eq!(put.headers()[http::header::CONTENT_LENGTH], "0");
        let mut get = Request::get("http://h/v1/a/c/o")
            .body(Bytes::new())
            .unwrap();
        mark_empty_body(&mut get);
        assert!(get.headers().get(http::header::CONTENT_LENGTH).is_none());
        let mut full = Request::post("http://h/x")
            .body(Bytes::from_static(b"{}"))
            .unwrap();
        mark_empty_body(&mut full);
        assert!(full.headers().get(http::header::CONTENT_LENGTH).is_none());
    }
}
