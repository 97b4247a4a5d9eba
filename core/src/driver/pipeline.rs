//! The one request pipeline. Every request the driver sends (calls, pages, downloads,
//! uploads, authentication) passes through [`Client::exchange`], which alone:
//! - checks that the request goes to its endpoint's origin, and adds the token there only;
//! - retries 429/503 (bounded, honouring `Retry-After`) and resends once over a dropped
//!   pooled connection;
//! - follows redirects, comparing every hop with the ORIGINAL origin: a hop elsewhere
//!   carries no credential header of any kind, a hop back home carries them again; a 3xx
//!   it does not follow is an [`Error::Redirect`], never a result;
//! - reauthenticates once on 401, invalidating only the token generation that failed;
//! - or, for an anonymous request ([`Credential::Anonymous`]), sends no credential header
//!   at all and takes a 401 as the answer;
//! - or, for a request with a token the caller gives ([`Credential::Given`]), presents that
//!   token instead of the client's (to the endpoint's origin only, like the client's) and
//!   takes a 401 as the answer;
//! - turns error statuses into [`Error::Http`] (reading at most 64 KiB of a streamed
//!   error body).

use std::future::Future;
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use futures::StreamExt;
use http::header::{HeaderName, HeaderValue, LOCATION};
use http::{Method, Request, Response, StatusCode};

use super::{clone_request, is_idempotent, Client};
use crate::auth::Token;
use crate::{
    ByteStream, Error, InvalidInput, RedirectError, RedirectReason, Result, Secret,
    ServiceEndpoint, Transport, TransportError,
};

/// The token header.
pub(crate) const AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");

/// Headers that carry credentials: never sent to another origin.
const CREDENTIAL_HEADERS: [&str; 6] = [
    "x-auth-token",
    "x-subject-token",
    "x-service-token",
    "authorization",
    "proxy-authorization",
    "cookie",
];

/// How much of a streamed error body is read for its message.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// What a service request presents to the server. (`Debug` redacts a given token:
/// [`Secret`] does.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential<'a> {
    /// The client's token, with one reauthentication on 401.
    Token,
    /// Nothing: no token and no other credential header (those the request was built
    /// with are removed), no reauthentication. The endpoint is still resolved from the
    /// client's token (the catalog).
    Anonymous,
    /// A token the caller gives, as `X-Auth-Token` in place of the client's (whatever
    /// token header the request was built with is replaced), to the endpoint's origin
    /// only. No reauthentication: a 401 is the answer, and the client's own token is
    /// kept. The endpoint is still resolved from the client's token (the catalog).
    Given(&'a Secret),
}

/// Which requests may be sent again (a retried 429/503, a resend over a dropped pooled
/// connection): a separate question from which credential a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// As the method allows: idempotent methods, and POST/PATCH only when the policy opts
    /// in ([`RetryPolicy::retry_non_idempotent`](super::RetryPolicy::retry_non_idempotent)).
    PerMethod,
    /// Whatever the method: token requests (a POST that creates nothing but a token).
    Always,
}

impl Repeat {
    fn always(self) -> bool {
        self == Repeat::Always
    }
}

/// Where a request goes: a service of the catalog, resolved for the token in use.
pub(crate) trait Endpoint {
    /// The service client for `token` (of generation `generation`).
    fn service_client(&self, token: &Token, generation: u64) -> Result<Arc<ServiceEndpoint>>;
}

/// How one kind of request travels: whole bodies both ways, a streamed download, or a
/// streamed upload.
pub(crate) trait Carrier<T: Transport> {
    /// The response body.
    type Body;
    /// Whether the request can be sent again (retries, reauthentication, redirects).
    fn replayable(&self) -> bool;
    /// Sends one request.
    fn send(
        &mut self,
        transport: &T,
        req: Request<Bytes>,
    ) -> impl Future<Output = std::result::Result<Response<Self::Body>, TransportError>>;
    /// The response with its body read whole, at most `limit` bytes of it.
    fn buffer(
        resp: Response<Self::Body>,
        limit: usize,
    ) -> impl Future<Output = std::result::Result<Response<Bytes>, TransportError>>;
}

/// Whole bodies: [`Transport::send`].
pub(crate) struct Whole;

impl<T: Transport> Carrier<T> for Whole {
    type Body = Bytes;
    fn replayable(&self) -> bool {
        true
    }
    async fn send(
        &mut self,
        transport: &T,
        req: Request<Bytes>,
    ) -> std::result::Result<Response<Bytes>, TransportError> {
        transport.send(req).await
    }
    async fn buffer(
        resp: Response<Bytes>,
        _: usize,
    ) -> std::result::Result<Response<Bytes>, TransportError> {
        Ok(resp)
    }
}

/// A streamed response body: [`Transport::send_for_stream`].
pub(crate) struct Download;

impl<T: Transport> Carrier<T> for Download {
    type Body = ByteStream;
    fn replayable(&self) -> bool {
        true
    }
    async fn send(
        &mut self,
        transport: &T,
        req: Request<Bytes>,
    ) -> std::result::Result<Response<ByteStream>, TransportError> {
        transport.send_for_stream(req).await
    }
    async fn buffer(
        resp: Response<ByteStream>,
        limit: usize,
    ) -> std::result::Result<Response<Bytes>, TransportError> {
        let (parts, mut body) = resp.into_parts();
        let mut buf = BytesMut::new();
        while let Some(chunk) = body.next().await {
            let chunk = chunk?;
            let room = limit.saturating_sub(buf.len());
            buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if buf.len() >= limit {
                break;
            }
        }
        Ok(Response::from_parts(parts, buf.freeze()))
    }
}

/// A streamed request body: [`Transport::send_streaming`]. It can be sent once.
pub(crate) struct Upload(pub(crate) Option<ByteStream>);

impl<T: Transport> Carrier<T> for Upload {
    type Body = Bytes;
    fn replayable(&self) -> bool {
        false
    }
    async fn send(
        &mut self,
        transport: &T,
        req: Request<Bytes>,
    ) -> std::result::Result<Response<Bytes>, TransportError> {
        let body = self.0.take().ok_or_else(|| {
            TransportError::new(
                crate::TransportErrorKind::Other,
                "a streamed body cannot be sent twice",
            )
        })?;
        let (parts, _) = req.into_parts();
        transport
            .send_streaming(Request::from_parts(parts, body))
            .await
    }
    async fn buffer(
        resp: Response<Bytes>,
        _: usize,
    ) -> std::result::Result<Response<Bytes>, TransportError> {
        Ok(resp)
    }
}

/// A request that went through: the service client it was built against, the request
/// as built (without the token; next pages are built from it) and the successful
/// response.
pub(crate) struct Sent<B> {
    pub(crate) svc: Arc<ServiceEndpoint>,
    pub(crate) request: Request<Bytes>,
    pub(crate) response: Response<B>,
}

/// Whether `a` and `b` have the same scheme, host and port (the default port when none
/// is written), without regard to case. Only http and https have an origin here.
pub(crate) fn same_origin(a: &http::Uri, b: &http::Uri) -> bool {
    fn port(u: &http::Uri) -> Option<u16> {
        match u.scheme_str()? {
            s if s.eq_ignore_ascii_case("http") => Some(u.port_u16().unwrap_or(80)),
            s if s.eq_ignore_ascii_case("https") => Some(u.port_u16().unwrap_or(443)),
            _ => None,
        }
    }
    let (Some(pa), Some(pb)) = (port(a), port(b)) else {
        return false;
    };
    pa == pb
        && a.scheme_str()
            .zip(b.scheme_str())
            .is_some_and(|(x, y)| x.eq_ignore_ascii_case(y))
        && a.host()
            .zip(b.host())
            .is_some_and(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// Removes every credential header from `req`.
fn strip_credentials(req: &mut Request<Bytes>) {
    for name in CREDENTIAL_HEADERS {
        req.headers_mut().remove(name);
    }
}

/// A token as a sensitive header value.
pub(crate) fn token_value(token: &Secret) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(token.expose())
        .map_err(|_| Error::decode_msg("token", "the token is not a valid header value"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// 301, 302, 303, 307 and 308: the statuses that send the client elsewhere. (300 Multiple
/// Choices is a version document, 304 Not Modified an answer to a conditional request:
/// both are results.)
fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// What builds a service request for the endpoint resolved at each try: a `dyn` closure,
/// so the pipeline's code exists once per carrier, not once per operation type (browser
/// bundles pay for every copy).
pub(crate) type Build<'a> = dyn Fn(&ServiceEndpoint) -> Result<Request<Bytes>> + Sync + 'a;

impl<T: Transport> Client<T> {
    /// Sends the request `build` makes for `endpoint`, through the whole pipeline (see
    /// the module docs), with the client's token: the one function through which every
    /// service request goes.
    pub(crate) async fn exchange<E, C>(
        &self,
        endpoint: &E,
        build: &Build<'_>,
        carrier: &mut C,
    ) -> Result<Sent<C::Body>>
    where
        E: Endpoint,
        C: Carrier<T>,
    {
        self.exchange_as(Credential::Token, endpoint, build, carrier)
            .await
    }

    /// [`Client::exchange`] presenting `credential`: with [`Credential::Anonymous`] or
    /// [`Credential::Given`] the endpoint is resolved for the client's token as usual,
    /// but the request goes without any credential header, or with the given token
    /// instead of the client's, and a 401 is its answer (no reauthentication, the
    /// client's token is not dropped). Retries follow the method in every case.
    pub(crate) async fn exchange_as<E, C>(
        &self,
        credential: Credential<'_>,
        endpoint: &E,
        build: &Build<'_>,
        carrier: &mut C,
    ) -> Result<Sent<C::Body>>
    where
        E: Endpoint,
        C: Carrier<T>,
    {
        // The token generation that got a 401, and that 401 (one reauthentication).
        let mut refused: Option<(u64, Error)> = None;
        let mut reauthenticated = false;
        loop {
            let (token, generation) = match refused.take() {
                None => self.current().await?,
                Some((failed, err)) => match self.current_after(failed).await? {
                    Some(newer) => newer,
                    None => return Err(err),
                },
            };
            let svc = endpoint.service_client(&token, generation)?;
            let mut request = build(&svc)?;
            let url = request.uri().clone();
            let presented = match credential {
                Credential::Token => Some(&token.id),
                Credential::Given(given) => Some(given),
                Credential::Anonymous => {
                    strip_credentials(&mut request);
                    None
                }
            };
            let sent = self
                .attempt(&svc, request, presented, Repeat::PerMethod, carrier)
                .await;
            match sent {
                Err(e) if e.is_unauthorized() && credential == Credential::Token => {
                    self.reject(generation);
                    if !reauthenticated && carrier.replayable() && self.may_reauthenticate() {
                        tracing::info!(%url, "401: reauthenticating once");
                        reauthenticated = true;
                        refused = Some((generation, e));
                        continue;
                    }
                    return Err(e);
                }
                Err(e) => return Err(e),
                Ok((request, response)) => {
                    return Ok(Sent {
                        svc,
                        request,
                        response,
                    })
                }
            }
        }
    }

    /// One attempt at `request` (built against `svc`): checks that it goes to the
    /// endpoint's origin, adds `token` there as `X-Auth-Token` (when there is one; it
    /// replaces any the request was built with), sends it with retries
    /// (as `repeat` allows) and redirects, and turns an error status into [`Error::Http`].
    /// Token requests come straight here, with no token and [`Repeat::Always`].
    /// Gives the request back without the token (next pages are built from it).
    pub(crate) async fn attempt<C: Carrier<T>>(
        &self,
        svc: &ServiceEndpoint,
        mut request: Request<Bytes>,
        token: Option<&Secret>,
        repeat: Repeat,
        carrier: &mut C,
    ) -> Result<(Request<Bytes>, Response<C::Body>)> {
        let origin = svc.base_uri();
        if !same_origin(origin, request.uri()) {
            return Err(InvalidInput::field(
                "url",
                format!(
                    "{} is not on the endpoint's origin ({}); requests go only to the endpoint they were built for",
                    request.uri(),
                    svc.base_url()
                ),
            )
            .into());
        }
        if let Some(token) = token {
            request
                .headers_mut()
                .insert(AUTH_TOKEN, token_value(token)?);
        }
        let sent = self.follow(&request, origin, repeat, carrier).await;
        request.headers_mut().remove(AUTH_TOKEN);
        let (url, resp) = sent?;
        let status = resp.status();
        if status.is_client_error() || status.is_server_error() {
            let resp = C::buffer(resp, ERROR_BODY_LIMIT).await?;
            return Err(Error::from_response(
                request.method(),
                &url.to_string(),
                &resp,
            ));
        }
        Ok((request, resp))
    }

    /// Sends `first` and follows its redirects; returns the URL that answered and its
    /// answer (never a redirect).
    async fn follow<C: Carrier<T>>(
        &self,
        first: &Request<Bytes>,
        origin: &http::Uri,
        repeat: Repeat,
        carrier: &mut C,
    ) -> Result<(http::Uri, Response<C::Body>)> {
        let method = first.method();
        let max = self.options().max_redirects;
        let mut hop: Option<Request<Bytes>> = None;
        let mut hops = 0;
        loop {
            let req = hop.as_ref().unwrap_or(first);
            let resp = self.transmit(req, repeat, carrier).await?;
            let status = resp.status();
            if !is_redirect(status) {
                return Ok((req.uri().clone(), resp));
            }
            let url = req.uri().to_string();
            let refuse = |reason| {
                Error::from(RedirectError {
                    method: method.clone(),
                    url: url.clone(),
                    status,
                    reason,
                })
            };
            if !carrier.replayable()
                || !(matches!(status.as_u16(), 307 | 308)
                    || matches!(*method, Method::GET | Method::HEAD))
            {
                return Err(refuse(RedirectReason::MethodNotRedirected(method.clone())));
            }
            if hops == max {
                return Err(refuse(RedirectReason::TooManyHops(max)));
            }
            let next: http::Uri = resp
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| url::Url::parse(&url).ok()?.join(loc).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .and_then(|u| u.as_str().parse().ok())
                .ok_or_else(|| refuse(RedirectReason::NoLocation))?;
            let home = same_origin(origin, &next);
            if !home && !first.body().is_empty() {
                let elsewhere = next.authority().map_or_else(String::new, |a| a.to_string());
                return Err(refuse(RedirectReason::BodyToOtherOrigin(elsewhere)));
            }
            tracing::debug!(from = %url, to = %next, %status, home, "following a redirect");
            // Every hop starts from the first request: its credentials go back on at home,
            // and no credential header of any kind goes elsewhere.
            let mut req = clone_request(first);
            *req.uri_mut() = next;
            if !home {
                strip_credentials(&mut req);
            }
            hop = Some(req);
            hops += 1;
        }
    }

    /// Sends `req`, retrying 429/503 per the policy and resending once over a dropped
    /// pooled connection, as `repeat` allows for its method.
    async fn transmit<C: Carrier<T>>(
        &self,
        req: &Request<Bytes>,
        repeat: Repeat,
        carrier: &mut C,
    ) -> Result<Response<C::Body>> {
        let transport = self.transport();
        let policy = &self.options().retry;
        let replayable = carrier.replayable();
        let mut attempt = 0;
        let mut stale_retried = false;
        loop {
            let resp = match carrier.send(transport, clone_request(req)).await {
                Ok(resp) => resp,
                // A pooled keep-alive connection the server closed just as it was reused
                // fails before any answer; an idempotent request is safe to send again once.
                Err(e)
                    if e.kind == crate::TransportErrorKind::Io
                        && replayable
                        && !stale_retried
                        && (repeat.always() || is_idempotent(req.method())) =>
                {
                    tracing::debug!(url = %req.uri(), error = %e, "connection dropped; resending once");
                    stale_retried = true;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let retry_after = resp
                .headers()
                .get(http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok());
            let delay = match replayable {
                true => policy.delay(
                    req.method(),
                    repeat.always(),
                    resp.status(),
                    retry_after,
                    attempt,
                    transport.now(),
                ),
                false => None,
            };
            match delay {
                Some(wait) => {
                    tracing::warn!(status = %resp.status(), url = %req.uri(), ?wait, attempt, "retrying");
                    drop(resp);
                    transport.sleep(wait).await;
                    attempt += 1;
                }
                None => {
                    tracing::debug!(method = %req.method(), url = %req.uri(), status = %resp.status(), "response");
                    return Ok(resp);
                }
            }
        }
    }
}
