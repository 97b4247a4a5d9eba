//! [`HyperTransport`]: ferrocloud's `Transport` over hyper-util's pooled client.

use std::error::Error as StdError;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use ferrocloud::{Error, Transport, TransportError, TransportErrorKind};
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
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
}

impl std::fmt::Debug for NativeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeOptions")
            .field("cacert", &self.cacert_pem.is_some())
            .field("client_cert", &self.client_cert_pem.is_some())
            .field("insecure", &self.insecure)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
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
        }
    }
}

/// hyper 1 + hyper-util pooled client + rustls (ring) + tokio. Its futures are `Send`.
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
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    timeout: Duration,
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
        })
    }
}

fn classify(err: &hyper_util::client::legacy::Error) -> TransportError {
    let mut chain = Vec::new();
    let mut source: Option<&(dyn StdError + 'static)> = err.source();
    let mut tls = false;
    let mut timed_out = false;
    while let Some(e) = source {
        chain.push(e.to_string());
        if e.downcast_ref::<rustls::Error>().is_some() {
            tls = true;
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            tls |= io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some());
            timed_out |= io.kind() == std::io::ErrorKind::TimedOut;
        }
        source = e.source();
    }
    let detail = if chain.is_empty() {
        err.to_string()
    } else {
        chain.join(": ")
    };
    let kind = if tls {
        TransportErrorKind::Tls
    } else if timed_out {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    };
    let hint = match kind {
        TransportErrorKind::Tls => " (check the certificate: set OS_CACERT / clouds.yaml `cacert` to the cloud's CA bundle)",
        _ => "",
    };
    TransportError::new(kind, format!("{detail}{hint}"))
}

impl Transport for HyperTransport {
    async fn send(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let uri = req.uri().clone();
        let exchange = async {
            let resp = self
                .client
                .request(req.map(Full::new))
                .await
                .map_err(|e| classify(&e))?;
            let (parts, body) = resp.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| {
                    TransportError::new(
                        TransportErrorKind::Io,
                        format!("reading the body of {uri}: {e}"),
                    )
                })?
                .to_bytes();
            Ok(Response::from_parts(parts, body))
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!("no complete response from {uri} within {:?}", self.timeout),
            )),
        }
    }

    async fn sleep(&self, d: Duration) {
        tokio::time::sleep(d).await;
    }

    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}
