//! A scriptable, fault-injecting HTTP/1.1 server on 127.0.0.1 (plain or TLS), shared by
//! the fault, TLS and tracing suites.
//!
//! It is deliberately hand-written over raw sockets rather than a real HTTP server, so
//! that it can misbehave: reset a connection mid-body, stall, close without answering,
//! send truncated or garbage bodies. It also plays Keystone: `POST /v3/auth/tokens`
//! answers a project-scoped token (`tok-1`, `tok-2`, … one per authentication) whose
//! catalog points compute, identity, image, network and volumev3 back at the server.
//! Every request is recorded, so tests assert how many requests the server saw.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request the server read.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Method.
    pub method: String,
    /// Path and query as sent.
    pub target: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Seen {
    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or(&self.target)
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Announces `declared` body bytes, sends `sent`, then resets the connection (RST).
    ResetMidBody { declared: usize, sent: Vec<u8> },
    /// Reads the request and never answers (for `hold`), then closes.
    Stall(Duration),
    /// A 200 whose body is `chunks` bytes sent one every `every` (a slow download).
    Trickle { chunks: usize, every: Duration },
    /// Closes the connection without a byte of response.
    Close,
    /// The built-in Keystone token answer.
    Token,
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
        }
    }

    /// A response with raw bytes.
    pub fn raw(status: u16, body: &[u8]) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_vec(),
        }
    }

    /// A bodiless response with `status`.
    pub fn status(status: u16) -> Reply {
        Reply::Respond {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header (only to `Respond`).
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

/// Decides the reply to a request: the request and how many requests with the same
/// method and path came before it (0 for the first).
pub type Handler = Arc<dyn Fn(&Seen, usize) -> Reply + Send + Sync>;

struct State {
    seen: Mutex<Vec<Seen>>,
    auths: AtomicUsize,
    base: String,
    handler: Handler,
}

/// A running server. It lives as long as the test's runtime.
#[derive(Clone)]
pub struct FaultServer {
    state: Arc<State>,
    /// `http://127.0.0.1:PORT` or `https://HOST:PORT`.
    pub base: String,
}

impl FaultServer {
    /// Starts a plain HTTP server answering with `handler` (which should return
    /// [`Reply::Token`] for `POST /v3/auth/tokens`; [`FaultServer::start`] does that).
    pub async fn start_raw(
        handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::spawn(None, "127.0.0.1", Arc::new(handler)).await
    }

    /// Starts a plain HTTP server that plays Keystone and answers every other request
    /// with `handler`.
    pub async fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_raw(move |req, n| {
            if req.method == "POST" && req.path() == "/v3/auth/tokens" {
                Reply::Token
            } else {
                handler(req, n)
            }
        })
        .await
    }

    /// Starts a TLS server with `config`, reached as `https://{host}:PORT` (a name the
    /// caller resolves to 127.0.0.1, e.g. `localhost`, or `127.0.0.1` itself).
    pub async fn start_tls(
        config: Arc<rustls::ServerConfig>,
        host: &str,
        handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let handler: Handler = Arc::new(move |req: &Seen, n| {
            if req.method == "POST" && req.path() == "/v3/auth/tokens" {
                Reply::Token
            } else {
                handler(req, n)
            }
        });
        Self::spawn(Some(tokio_rustls::TlsAcceptor::from(config)), host, handler).await
    }

    async fn spawn(tls: Option<tokio_rustls::TlsAcceptor>, host: &str, handler: Handler) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base = format!("{scheme}://{host}:{port}");
        let state = Arc::new(State {
            seen: Mutex::default(),
            auths: AtomicUsize::new(0),
            base: base.clone(),
            handler,
        });
        let st = state.clone();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let st = st.clone();
                let tls = tls.clone();
                tokio::spawn(async move {
                    let _ = tcp.set_nodelay(true);
                    match tls {
                        None => serve(st, tcp, |s: &TcpStream| s.set_zero_linger()).await,
                        Some(acceptor) => {
                            // A failed handshake (the client rejected the certificate) just
                            // ends the connection.
                            if let Ok(stream) = acceptor.accept(tcp).await {
                                serve(
                                    st,
                                    stream,
                                    |s: &tokio_rustls::server::TlsStream<TcpStream>| {
                                        s.get_ref().0.set_zero_linger()
                                    },
                                )
                                .await
                            }
                        }
                    }
                });
            }
        });
        FaultServer { state, base }
    }

    /// The Keystone v3 URL of this server.
    pub fn auth_url(&self) -> String {
        format!("{}/v3", self.base)
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// How many `method path` requests the server read.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.state
            .seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.method == method && s.path() == path)
            .count()
    }

    /// How many tokens were issued.
    pub fn auths(&self) -> usize {
        self.state.auths.load(Ordering::SeqCst)
    }
}

/// A project-scoped token body whose catalog points every service at `base`.
pub fn token_body(base: &str) -> String {
    let catalog = serde_json::json!([
        {"type": "identity", "name": "keystone", "endpoints": [{"interface": "public", "region": "RegionOne", "url": format!("{base}/v3")}]},
        {"type": "compute", "name": "nova", "endpoints": [{"interface": "public", "region": "RegionOne", "url": format!("{base}/compute/v2.1")}]},
        {"type": "image", "name": "glance", "endpoints": [{"interface": "public", "region": "RegionOne", "url": format!("{base}/image")}]},
        {"type": "network", "name": "neutron", "endpoints": [{"interface": "public", "region": "RegionOne", "url": format!("{base}/network")}]},
        {"type": "volumev3", "name": "cinder", "endpoints": [{"interface": "public", "region": "RegionOne", "url": format!("{base}/volume/v3/p1")}]},
    ]);
    ferrocloud::testing::MockTransport::token_body(
        SystemTime::now() + Duration::from_secs(3600),
        &catalog,
    )
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Whatever")
}

async fn read_request<S: AsyncRead + Unpin>(s: &mut S) -> Option<Seen> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
        if head.len() > 64 * 1024 {
            return None;
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    s.read_exact(&mut body).await.ok()?;
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

async fn serve<S>(state: Arc<State>, mut stream: S, reset: impl Fn(&S) -> std::io::Result<()>)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    while let Some(req) = read_request(&mut stream).await {
        let n = {
            let mut seen = state.seen.lock().unwrap();
            let n = seen
                .iter()
                .filter(|s| s.method == req.method && s.path() == req.path())
                .count();
            seen.push(req.clone());
            n
        };
        let reply = (state.handler)(&req, n);
        let (status, headers, body) = match reply {
            Reply::Token => {
                let k = state.auths.fetch_add(1, Ordering::SeqCst) + 1;
                (
                    201,
                    vec![
                        ("X-Subject-Token".to_owned(), format!("tok-{k}")),
                        ("Content-Type".to_owned(), "application/json".to_owned()),
                    ],
                    token_body(&state.base).into_bytes(),
                )
            }
            Reply::Respond {
                status,
                headers,
                body,
            } => (status, headers, body),
            Reply::ResetMidBody { declared, sent } => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&sent).await;
                let _ = stream.flush().await;
                tokio::time::sleep(Duration::from_millis(20)).await;
                let _ = reset(&stream);
                return;
            }
            Reply::Stall(d) => {
                tokio::time::sleep(d).await;
                return;
            }
            Reply::Trickle { chunks, every } => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {chunks}\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes()).await;
                for _ in 0..chunks {
                    if stream.write_all(b"x").await.is_err() || stream.flush().await.is_err() {
                        return;
                    }
                    tokio::time::sleep(every).await;
                }
                return;
            }
            Reply::Close => return,
        };
        let mut out = format!(
            "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\n",
            reason(status),
            body.len()
        );
        for (k, v) in &headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&body);
        if stream.write_all(&bytes).await.is_err() || stream.flush().await.is_err() {
            return;
        }
    }
    let _ = stream.shutdown().await;
}

/// Everything a `tracing` subscriber writes, kept in memory for assertions.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// The text written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// A subscriber at TRACE level writing into this buffer (no ANSI colours).
    pub fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync {
        let me = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || me.clone())
            .finish()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
