//! [`FetchTransport`]: ferrocloud's `Transport` over the browser's `fetch` (gloo-net).

use std::future::Future;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use ferrocloud::{byte_stream, ByteStream, Transport, TransportError, TransportErrorKind};
use futures::future::{select, Either};
use futures::StreamExt;
use gloo_net::http::{Headers, RequestBuilder};
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, Request, Response, StatusCode};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestCache};

use crate::rules::{classify_js_error, sendable_header};
use crate::timer;

/// The browser transport: `fetch` through gloo-net, timers on the global scope. Works on
/// the main thread, in dedicated workers and in service workers.
///
/// - Methods, headers and `Bytes` bodies as given, minus the headers a browser must not
///   or need not send ([`sendable_header`](crate::sendable_header)). Responses are not
///   cached by the browser (`cache: "no-store"`).
/// - [`FetchTransport::max_body`] (default 64 MiB) caps a whole response body: a larger
///   one is a [`TransportErrorKind::TooLarge`] error, found before it is copied into wasm
///   memory. Downloads are streamed and not capped.
/// - [`FetchTransport::timeout`] (default 120 s) bounds a whole exchange; an
///   `AbortController` then stops the fetch. Dropping a request future or a download
///   stream aborts its fetch too (cancellation).
/// - Downloads ([`Transport::send_for_stream`]) read the response's `ReadableStream` chunk
///   by chunk; the timeout then bounds the wait for the headers and every pause between
///   chunks. Uploads ([`Transport::send_streaming`]) move each chunk out of wasm memory into
///   a `Blob` as it arrives and send the `Blob`: browsers stream request bodies only over
///   HTTP/2 with `duplex: "half"`, which OpenStack endpoints rarely offer.
///
/// ```no_run
/// # async fn demo() -> Result<(), ferrocloud::Error> {
/// use std::time::Duration;
/// use ferrocloud::{AuthOptions, Client, Op};
/// use ferrocloud_wasm::FetchTransport;
///
/// let auth = AuthOptions::password("http://127.0.0.1:5000/v3", "demo", "Default", "pw")
///     .project_name("demo", "Default");
/// let client = Client::new(FetchTransport::new().timeout(Duration::from_secs(30)), &auth)?;
/// let servers: serde_json::Value = client
///     .compute()
///     .call(&Op::get(ferrocloud::path!("servers")).decode_body())
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct FetchTransport {
    timeout: Duration,
    max_body: usize,
}

impl Default for FetchTransport {
    fn default() -> Self {
        FetchTransport::new()
    }
}

impl FetchTransport {
    /// A transport with the default 120 s timeout.
    pub fn new() -> Self {
        FetchTransport {
            timeout: Duration::from_secs(120),
            max_body: 64 << 20,
        }
    }

    /// Caps whole response bodies at `bytes` (default 64 MiB).
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Sets the timeout of one exchange (for streams: of the headers and of every pause).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The configured timeout.
    pub fn get_timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends `parts` with an optional JS body and reads the whole response.
    async fn exchange(
        &self,
        parts: &Parts,
        body: Option<JsValue>,
    ) -> Result<Response<Bytes>, TransportError> {
        let call = Call::new(parts)?;
        let request = call.request(parts, body)?;
        let work = async {
            let resp = request.send().await.map_err(|e| call.gloo_error(e))?;
            let head = call.head(&resp)?;
            let raw: web_sys::Response = resp.into();
            let buffer = raw
                .array_buffer()
                .map_err(|e| js_value_error(&call.method, &call.url, &e))?;
            let buffer = JsFuture::from(buffer)
                .await
                .map_err(|e| js_value_error(&call.method, &call.url, &e))?;
            let bytes = Uint8Array::new(&buffer);
            let len = bytes.length() as usize;
            if len > self.max_body {
                return Err(TransportError::new(
                    TransportErrorKind::TooLarge,
                    format!(
                        "the response to {} {} has {len} bytes, more than the {} allowed (FetchTransport::max_body)",
                        call.method, call.url, self.max_body
                    ),
                ));
            }
            Ok(head.map(|()| Bytes::from(bytes.to_vec())))
        };
        match within(self.timeout, work).await {
            Some(result) => result,
            None => Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!(
                    "no complete response to {} {} within {:?}",
                    call.method, call.url, self.timeout
                ),
            )),
        }
        // `call` drops here and aborts the fetch if it is still running.
    }
}

/// Runs `f` for at most `d`; `None` when the time ran out first.
async fn within<F: Future>(d: Duration, f: F) -> Option<F::Output> {
    let f = std::pin::pin!(f);
    match select(f, timer::sleep(d)).await {
        Either::Left((v, _)) => Some(v),
        Either::Right(_) => None,
    }
}

thread_local! {
    /// Whether the runtime takes fetch's `cache` field (see [`Call::request`]).
    static CACHE_OPTION: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// One fetch: what it is for (error messages) and its `AbortController`, which aborts
/// the fetch when the `Call` is dropped (timeout, cancellation, end of a stream).
struct Call {
    method: String,
    url: String,
    abort: AbortController,
}

impl Drop for Call {
    fn drop(&mut self) {
        // A no-op once the response body has been read.
        self.abort.abort();
    }
}

impl Call {
    fn new(parts: &Parts) -> Result<Call, TransportError> {
        let method = parts.method.to_string();
        let url = parts.uri.to_string();
        let abort = AbortController::new().map_err(|e| js_value_error(&method, &url, &e))?;
        Ok(Call { method, url, abort })
    }

    /// The gloo-net request: method, sendable headers, body, abort signal, and
    /// `cache: "no-store"` where the runtime takes it. workerd before compatibility date
    /// 2024-11-11 (Cloudflare's `cache_option_enabled`) throws on any `cache` field when
    /// the request is built, before anything is sent: the request is then built without
    /// it, and so is every later one.
    fn request(
        &self,
        parts: &Parts,
        body: Option<JsValue>,
    ) -> Result<gloo_net::http::Request, TransportError> {
        let with_cache = CACHE_OPTION.with(|c| c.get());
        match self.build(parts, body.clone(), with_cache) {
            Err(gloo_net::Error::JsError(j)) if with_cache && j.message.contains("'cache'") => {
                CACHE_OPTION.with(|c| c.set(false));
                self.build(parts, body, false)
            }
            other => other,
        }
        .map_err(|e| self.gloo_error(e))
    }

    fn build(
        &self,
        parts: &Parts,
        body: Option<JsValue>,
        with_cache: bool,
    ) -> Result<gloo_net::http::Request, gloo_net::Error> {
        let headers = Headers::new();
        for (name, value) in &parts.headers {
            if sendable_header(name, value) {
                headers.append(name.as_str(), &latin1(value));
            }
        }
        let mut builder = RequestBuilder::new(&self.url)
            .method(parts.method.clone())
            .headers(headers)
            .abort_signal(Some(&self.abort.signal()));
        if with_cache {
            builder = builder.cache(RequestCache::NoStore);
        }
        match body {
            Some(b) => builder.body(b),
            None => builder.build(),
        }
    }

    /// Status and the headers the page may read (CORS hides the rest).
    fn head(&self, resp: &gloo_net::http::Response) -> Result<Response<()>, TransportError> {
        let status = StatusCode::from_u16(resp.status()).map_err(|_| {
            TransportError::new(
                TransportErrorKind::CorsOrNetwork,
                format!(
                    "{} {}: the browser gave an unreadable response (status {}); CORS or network",
                    self.method,
                    self.url,
                    resp.status()
                ),
            )
        })?;
        let mut headers = HeaderMap::new();
        for (k, v) in resp.headers().entries() {
            if let (Ok(k), Ok(v)) = (
                HeaderName::from_bytes(k.as_bytes()),
                HeaderValue::from_str(&v),
            ) {
                headers.append(k, v);
            }
        }
        let mut out = Response::new(());
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        Ok(out)
    }

    fn gloo_error(&self, e: gloo_net::Error) -> TransportError {
        match e {
            gloo_net::Error::JsError(j) => {
                classify_js_error(&self.method, &self.url, &j.name, &j.message)
            }
            other => TransportError::new(
                TransportErrorKind::Other,
                format!("{} {}: {other}", self.method, self.url),
            ),
        }
    }
}

/// A header value as the `ByteString` fetch takes (bytes as Latin-1 code points).
fn latin1(v: &HeaderValue) -> String {
    match v.to_str() {
        Ok(s) => s.to_owned(),
        Err(_) => v.as_bytes().iter().map(|&b| b as char).collect(),
    }
}

/// A rejected promise's value as a transport error (`name` / `message` of a JS error).
fn js_value_error(method: &str, url: &str, v: &JsValue) -> TransportError {
    let field = |f: &str| {
        Reflect::get(v, &JsValue::from_str(f))
            .ok()
            .and_then(|s| s.as_string())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => classify_js_error(method, url, &name, &message),
        _ => TransportError::new(
            TransportErrorKind::Other,
            format!("{method} {url} failed in the JS runtime: {v:?}"),
        ),
    }
}

/// Reads a response `ReadableStream` chunk by chunk; owns the [`Call`] so dropping the
/// stream aborts the fetch.
struct Reading {
    reader: ReadableStreamDefaultReader,
    call: Call,
    timeout: Duration,
}

impl Reading {
    async fn next(self) -> Option<(Result<Bytes, TransportError>, Option<Reading>)> {
        let read = JsFuture::from(self.reader.read());
        let result = match within(self.timeout, read).await {
            None => {
                let msg = format!(
                    "the body of {} {} stalled for {:?}",
                    self.call.method, self.call.url, self.timeout
                );
                return Some((
                    Err(TransportError::new(TransportErrorKind::Timeout, msg)),
                    None,
                ));
            }
            Some(Err(e)) => {
                return Some((
                    Err(js_value_error(&self.call.method, &self.call.url, &e)),
                    None,
                ))
            }
            Some(Ok(r)) => r,
        };
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return None;
        }
        let chunk = Reflect::get(&result, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok());
        match chunk {
            Some(c) => Some((Ok(Bytes::from(c.to_vec())), Some(self))),
            None => Some((
                Err(TransportError::new(
                    TransportErrorKind::Io,
                    format!(
                        "the body of {} {} yielded a non-byte chunk",
                        self.call.method, self.call.url
                    ),
                )),
                None,
            )),
        }
    }
}

impl Transport for FetchTransport {
    async fn send(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let (parts, body) = req.into_parts();
        let body = (!body.is_empty()).then(|| JsValue::from(Uint8Array::from(&body[..])));
        self.exchange(&parts, body).await
    }

    async fn send_streaming(
        &self,
        req: Request<ByteStream>,
    ) -> Result<Response<Bytes>, TransportError> {
        let (parts, mut body) = req.into_parts();
        // Each chunk leaves wasm memory as soon as it arrives; the Blob is assembled (and
        // may be kept on disk) by the browser.
        let chunks = js_sys::Array::new();
        while let Some(chunk) = body.next().await {
            chunks.push(&Uint8Array::from(&chunk?[..]));
        }
        let blob = web_sys::Blob::new_with_u8_array_sequence(&chunks)
            .map_err(|e| js_value_error(parts.method.as_str(), &parts.uri.to_string(), &e))?;
        self.exchange(&parts, Some(blob.into())).await
    }

    async fn send_for_stream(
        &self,
        req: Request<Bytes>,
    ) -> Result<Response<ByteStream>, TransportError> {
        let (parts, body) = req.into_parts();
        let body = (!body.is_empty()).then(|| JsValue::from(Uint8Array::from(&body[..])));
        let call = Call::new(&parts)?;
        let request = call.request(&parts, body)?;
        let resp = match within(self.timeout, request.send()).await {
            Some(r) => r.map_err(|e| call.gloo_error(e))?,
            None => {
                return Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!(
                        "no response headers for {} {} within {:?}",
                        call.method, call.url, self.timeout
                    ),
                ))
            }
        };
        let head = call.head(&resp)?;
        let stream = match resp.body() {
            None => byte_stream(futures::stream::empty()),
            Some(rs) => {
                let reading = Reading {
                    reader: rs.get_reader().unchecked_into(),
                    call,
                    timeout: self.timeout,
                };
                byte_stream(futures::stream::unfold(Some(reading), |r| async move {
                    r?.next().await
                }))
            }
        };
        Ok(head.map(|()| stream))
    }

    fn sleep(&self, d: Duration) -> impl Future<Output = ()> {
        timer::sleep(d)
    }

    fn now(&self) -> SystemTime {
        timer::now()
    }
}
