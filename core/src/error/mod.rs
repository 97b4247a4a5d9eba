//! The one [`Error`] type of ferrocloud, and its parts.

pub mod fault;

use std::fmt;
use std::time::Duration;

use http::{Method, StatusCode};

use fault::{Fault, Inert, MAX_MESSAGE_LEN};

/// The longest request id kept from a response header, in bytes.
const MAX_REQUEST_ID_LEN: usize = 128;
/// The longest URL shown in an error, in bytes.
const MAX_URL_LEN: usize = 2048;
/// The longest other server-supplied text shown in an error (decoder messages, statuses).
const MAX_OTHER_LEN: usize = 1000;

/// Every way a ferrocloud call can fail.
///
/// Match on the variant, or use the helpers: [`Error::is_not_found`],
/// [`Error::is_conflict`], [`Error::status`], [`Error::request_id`], …
///
/// ```
/// # fn check(err: ferrocloud::Error) {
/// if err.is_not_found() {
///     println!("already gone (request {:?})", err.request_id());
/// }
/// # }
/// ```
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status.
    #[error(transparent)]
    Http(Box<HttpError>),
    /// A response (or a config file) could not be decoded into its type.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The caller's input was rejected before any I/O.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// No catalog entry matched.
    #[error(transparent)]
    EndpointNotFound(Box<EndpointNotFound>),
    /// The request did not get an HTTP answer (connect, TLS, timeout, CORS, …).
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A waiter gave up: the resource did not reach the target in time.
    #[error(
        "timed out after {after:?} waiting for {}; last status seen: {}",
        Inert::new(what, MAX_OTHER_LEN),
        Inert::new(last_status.as_deref().unwrap_or("none"), MAX_OTHER_LEN)
    )]
    Timeout {
        /// What was awaited, e.g. `server 1234 to reach ACTIVE`.
        what: String,
        /// The configured timeout.
        after: Duration,
        /// The last status the resource reported, if any.
        last_status: Option<String>,
    },
    /// A waiter saw the resource reach a failure state (e.g. `ERROR`).
    #[error(
        "{}: it reached failure status {}{}",
        Inert::new(what, MAX_OTHER_LEN),
        Inert::new(status, MAX_OTHER_LEN),
        reason.as_deref().map(|r| format!(" ({})", Inert::new(r, MAX_OTHER_LEN))).unwrap_or_default()
    )]
    WaitFailed {
        /// What was awaited, e.g. `server 1234 to reach ACTIVE`.
        what: String,
        /// The status that ended the wait.
        status: String,
        /// The service's own reason, where it gives one (Nova `fault.message`, Heat
        /// `stack_status_reason`, Magnum `status_reason`, …).
        reason: Option<String>,
    },
    /// A listing could not go on: the list changed under it, it ran past the page limit,
    /// or a next-page link pointed outside the endpoint.
    #[error(transparent)]
    Paging(Box<PagingError>),
    /// A redirect that was not followed: too many hops, no `Location`, or one the driver
    /// must not follow. A 3xx answer is never passed on as a result.
    #[error(transparent)]
    Redirect(Box<RedirectError>),
    /// A [`Find`](crate::Find) found no resource of that id or name, or several of that
    /// name.
    #[error(transparent)]
    Find(Box<FindError>),
    /// The token expired or was revoked, and the client cannot get another one.
    #[error(
        "the token expired or was revoked, and this client cannot authenticate again: {reason}"
    )]
    CannotReauthenticate {
        /// Why not, and what to do.
        reason: &'static str,
    },
}

/// `{:?}` reads as the message (what `main` returning `Result` prints, the same text a
/// log line shows); `{:#?}` adds the structured fields below it.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")?;
        if !f.alternate() {
            return Ok(());
        }
        f.write_str("\n")?;
        match self {
            Error::Http(e) => write!(f, "{e:#?}"),
            Error::Decode(e) => write!(f, "{e:#?}"),
            Error::InvalidInput(e) => write!(f, "{e:#?}"),
            Error::EndpointNotFound(e) => write!(f, "{e:#?}"),
            Error::Transport(e) => write!(f, "{e:#?}"),
            Error::Timeout {
                what,
                after,
                last_status,
            } => f
                .debug_struct("Timeout")
                .field("what", what)
                .field("after", after)
                .field("last_status", last_status)
                .finish(),
            Error::WaitFailed {
                what,
                status,
                reason,
            } => f
                .debug_struct("WaitFailed")
                .field("what", what)
                .field("status", status)
                .field("reason", reason)
                .finish(),
            Error::Paging(e) => write!(f, "{e:#?}"),
            Error::Redirect(e) => write!(f, "{e:#?}"),
            Error::Find(e) => write!(f, "{e:#?}"),
            Error::CannotReauthenticate { reason } => f
                .debug_struct("CannotReauthenticate")
                .field("reason", reason)
                .finish(),
        }
    }
}

/// Why a listing stopped (see [`Error::Paging`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// The next-page link points at a page already listed. Nova does this while servers
    /// are being created or deleted; listing again usually succeeds.
    #[error("the list changed while paging: after {}, the next link {} points at a page already listed; list again (the collection changed during the listing)", Inert::new(page, MAX_OTHER_LEN), Inert::new(next, MAX_OTHER_LEN))]
    ListChanged {
        /// The page whose link looped back.
        page: String,
        /// The link.
        next: String,
    },
    /// More pages than [`ClientOptions::max_pages`](crate::ClientOptions::max_pages).
    #[error("stopped listing after {limit} pages (at {}): narrow the listing with filters, or raise ClientOptions::max_pages", Inert::new(page, MAX_OTHER_LEN))]
    TooManyPages {
        /// The limit.
        limit: usize,
        /// The last page fetched.
        page: String,
    },
    /// A next-page link whose path does not lie under the endpoint's path: following it
    /// would send the token somewhere the catalog never named.
    #[error("the next-page link {} of {} does not lie under the endpoint {endpoint}; it was not followed", Inert::new(link, MAX_OTHER_LEN), Inert::new(page, MAX_OTHER_LEN))]
    LinkOutsideEndpoint {
        /// The link as the server sent it.
        link: String,
        /// The page that carried it.
        page: String,
        /// The endpoint the link must stay under.
        endpoint: String,
    },
}

/// Why a [`Find`](crate::Find) found no single resource (see [`Error::Find`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FindError {
    /// Neither an id nor a name matched.
    #[error("no {kind} has the id or name {:?}", Inert::new(key, MAX_OTHER_LEN).to_string())]
    NoMatch {
        /// What was looked for (`server`).
        kind: &'static str,
        /// The id or name asked for.
        key: String,
    },
    /// Several resources carry the name.
    #[error("{kind} name {:?} is ambiguous: ids {} carry it; use an id", Inert::new(key, MAX_OTHER_LEN).to_string(), Inert::new(&ids.join(", "), MAX_OTHER_LEN))]
    Ambiguous {
        /// What was looked for (`server`).
        kind: &'static str,
        /// The name asked for.
        key: String,
        /// The ids of all that carry it.
        ids: Vec<String>,
    },
}

impl From<FindError> for Error {
    fn from(e: FindError) -> Self {
        Error::Find(Box::new(e))
    }
}

impl From<PagingError> for Error {
    fn from(e: PagingError) -> Self {
        Error::Paging(Box::new(e))
    }
}

/// A redirect that was not followed (see [`Error::Redirect`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{method} {} answered {status}, and the redirect was not followed: {reason}",
    Inert::new(url, MAX_OTHER_LEN)
)]
#[non_exhaustive]
pub struct RedirectError {
    /// Method of the request.
    pub method: Method,
    /// The URL that answered with the redirect.
    pub url: String,
    /// The 3xx status.
    pub status: StatusCode,
    /// Why it was not followed.
    pub reason: RedirectReason,
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedirectReason {
    /// More hops than the limit.
    #[error("more than {0} redirects")]
    TooManyHops(usize),
    /// No usable `Location` header.
    #[error("no usable Location header")]
    NoLocation,
    /// The status does not allow this method to be sent again (301/302/303 for anything
    /// but GET and HEAD), or the body cannot be sent again (a streamed upload).
    #[error("a {0} request is not sent again to another URL")]
    MethodNotRedirected(Method),
    /// A request with a body would go to another origin (the body may hold credentials).
    #[error("a request with a body is not sent to another origin ({0})")]
    BodyToOtherOrigin(String),
}

impl From<RedirectError> for Error {
    fn from(e: RedirectError) -> Self {
        Error::Redirect(Box::new(e))
    }
}

impl Error {
    /// The HTTP status, when the server answered with an error.
    pub fn status(&self) -> Option<StatusCode> {
        self.http().map(|h| h.status)
    }

    /// The HTTP error details, when the server answered with an error.
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            Error::Http(h) => Some(h),
            _ => None,
        }
    }

    /// The server's `X-Openstack-Request-Id`, when it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.http().and_then(|h| h.request_id.as_deref())
    }

    /// 404 Not Found, or a [`Find`](crate::Find) that matched nothing.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
            || matches!(self, Error::Find(e) if matches!(**e, FindError::NoMatch { .. }))
    }

    /// 409 Conflict (a resource in use, a state transition not allowed, …).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }

    /// A Placement generation conflict: 409 with the code `placement.concurrent_update`
    /// (microversion 1.23+), or, before 1.23, a 409 that says so. A resource provider's
    /// or a consumer's generation changed since it was read: read it again and retry.
    pub fn is_generation_conflict(&self) -> bool {
        let Some(h) = self.http().filter(|h| h.status == StatusCode::CONFLICT) else {
            return false;
        };
        match h.fault.kind.as_deref() {
            Some("placement.concurrent_update") => true,
            Some(k) if k.starts_with("placement.") => false,
            _ => {
                // Placement's wordings: "resource provider generation conflict",
                // "consumer generation conflict - expected 1 but got 2", "Resource
                // provider's generation already changed", "Another thread concurrently
                // updated the data".
                let m = h.fault.message.to_ascii_lowercase();
                m.contains("generation conflict")
                    || m.contains("generation already changed")
                    || m.contains("concurrently updated")
            }
        }
    }

    /// 401 Unauthorized (bad credentials, or a token that reauthentication could not fix).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// 403 Forbidden (policy).
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// 400 Bad Request.
    pub fn is_bad_request(&self) -> bool {
        self.status() == Some(StatusCode::BAD_REQUEST)
    }

    /// 429 Too Many Requests or 503 Service Unavailable: the statuses the default
    /// [`RetryPolicy`](crate::RetryPolicy) retries. Nova's old rate-limit answer (413 with
    /// `Retry-After`) does not count.
    pub fn is_rate_limited(&self) -> bool {
        matches!(
            self.status(),
            Some(StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE)
        )
    }

    /// The request never got an HTTP answer.
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Transport(_))
    }

    /// A decode error for `what`, keeping the underlying serde error's message (which
    /// may quote the server's text: control characters are escaped and a long message is
    /// cut in the middle, keeping the line and column at its end).
    pub fn decode(what: impl Into<String>, source: serde_json::Error) -> Self {
        Self::decode_msg(what, source.to_string())
    }

    /// A decode error for `what` with a plain message (made inert as in [`Error::decode`]).
    pub fn decode_msg(what: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Decode(Box::new(DecodeError {
            what: fault::inert(&what.into(), MAX_OTHER_LEN),
            message: fault::inert_middle(&message.into(), MAX_OTHER_LEN),
        }))
    }

    /// Builds the error for an error response: the fault message and kind are read
    /// from the body, the request id from the headers. Every server-supplied string is
    /// made inert: control characters escaped, length bounded (see [`crate::error::fault`]).
    pub fn from_response(method: &Method, url: &str, resp: &http::Response<bytes::Bytes>) -> Self {
        let fault = fault::parse(resp.body()).unwrap_or_default();
        let request_id = [
            "x-openstack-request-id",
            "x-compute-request-id",
            "openstack-request-id",
        ]
        .iter()
        .find_map(|h| resp.headers().get(*h))
        .and_then(|v| v.to_str().ok())
        .map(|id| fault::inert(id, MAX_REQUEST_ID_LEN));
        Error::Http(Box::new(HttpError {
            method: method.clone(),
            url: url.to_owned(),
            status: resp.status(),
            fault,
            request_id,
            retry_after: resp
                .headers()
                .get(http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        }))
    }
}

/// An error status from the server, with everything needed to report it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpError {
    /// Method of the failed request.
    pub method: Method,
    /// URL of the failed request.
    pub url: String,
    /// The status the server sent.
    pub status: StatusCode,
    /// The server's own message and fault kind.
    pub fault: Fault,
    /// `X-Openstack-Request-Id` (or nova's `X-Compute-Request-Id`).
    pub request_id: Option<String>,
    /// The raw `Retry-After` header, when present.
    pub retry_after: Option<String>,
}

impl HttpError {
    /// The server's message (may be empty when the body had none).
    pub fn message(&self) -> &str {
        &self.fault.message
    }
}

/// One line: method, URL, status, the server's message and the request id. Whatever the
/// server sent, it holds no control characters and stays short.
impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} returned {}",
            self.method,
            Inert::new(&self.url, MAX_URL_LEN),
            self.status
        )?;
        if !self.fault.message.is_empty() {
            write!(f, ": {}", Inert::new(&self.fault.message, MAX_MESSAGE_LEN))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {})", Inert::new(id, MAX_REQUEST_ID_LEN))?;
        }
        Ok(())
    }
}

impl std::error::Error for HttpError {}

/// A body or document that did not decode into its type.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot decode {what}: {message}")]
#[non_exhaustive]
pub struct DecodeError {
    /// What was being decoded (e.g. `GET servers/detail response`).
    pub what: String,
    /// The decoder's message (line and column for JSON).
    pub message: String,
}

/// No endpoint in the catalog matched the request; lists what the catalog offers.
///
/// The catalog comes from the server: its `Display` escapes control characters, shortens
/// each entry and lists at most [`EndpointNotFound::MAX_SHOWN`] of them.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub struct EndpointNotFound {
    /// What was asked for: type, name, region and interface.
    pub wanted: String,
    /// `type (name) region/interface` for every endpoint the catalog does have.
    pub offered: Vec<String>,
}

impl EndpointNotFound {
    /// How many offered endpoints `Display` lists.
    pub const MAX_SHOWN: usize = 50;
}

impl fmt::Display for EndpointNotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no {} endpoint in the service catalog; it offers: ",
            Inert::new(&self.wanted, MAX_OTHER_LEN)
        )?;
        if self.offered.is_empty() {
            return f.write_str("nothing");
        }
        for (i, offer) in self.offered.iter().take(Self::MAX_SHOWN).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", Inert::new(offer, 200))?;
        }
        if self.offered.len() > Self::MAX_SHOWN {
            write!(f, " and {} more", self.offered.len() - Self::MAX_SHOWN)?;
        }
        Ok(())
    }
}

impl From<EndpointNotFound> for Error {
    fn from(e: EndpointNotFound) -> Self {
        Error::EndpointNotFound(Box::new(e))
    }
}

/// The caller's input, rejected before any I/O: one variant per rule.
///
/// The authentication rules are gophercloud's `AuthOptions` rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidInput {
    /// `auth_url` is missing.
    #[error("auth_url (OS_AUTH_URL) is required")]
    MissingAuthUrl,
    /// `auth_url` does not parse.
    #[error("auth_url {0:?} is not a valid http(s) URL")]
    BadAuthUrl(String),
    /// Neither user name nor user id was given for password, TOTP or named app-credential auth.
    #[error("either a user name or a user id is required")]
    UsernameOrUserId,
    /// Both user name and user id were given.
    #[error("give a user name or a user id, not both")]
    UsernameAndUserId,
    /// A user name needs its domain (id or name).
    #[error(
        "a user name needs a user domain id or name (OS_USER_DOMAIN_ID / OS_USER_DOMAIN_NAME)"
    )]
    DomainIdOrDomainName,
    /// Both user domain id and name were given.
    #[error("give a user domain id or a user domain name, not both")]
    DomainIdAndDomainName,
    /// A user id is unique on its own: a domain id with it is an error.
    #[error("a user domain id must not be given with a user id")]
    DomainIdWithUserId,
    /// A user id is unique on its own: a domain name with it is an error.
    #[error("a user domain name must not be given with a user id")]
    DomainNameWithUserId,
    /// Token auth takes no user name.
    #[error("a user name must not be given with a token")]
    UsernameWithToken,
    /// Token auth takes no user id.
    #[error("a user id must not be given with a token")]
    UserIdWithToken,
    /// Token auth takes no user domain id.
    #[error("a user domain id must not be given with a token")]
    DomainIdWithToken,
    /// Token auth takes no user domain name.
    #[error("a user domain name must not be given with a token")]
    DomainNameWithToken,
    /// No method: no password, token, application credential or passcode.
    #[error(
        "no credentials: give a password, a token, an application credential or a TOTP passcode"
    )]
    MissingCredentials,
    /// An application credential needs its secret.
    #[error("an application credential needs its secret (OS_APPLICATION_CREDENTIAL_SECRET)")]
    AppCredMissingSecret,
    /// An application credential carries its own scope; Keystone rejects another one.
    #[error("an application credential is already scoped: do not give a project, domain, system or trust scope with it")]
    AppCredWithScope,
    /// A project name needs its domain.
    #[error("a project name needs a project domain id or name (OS_PROJECT_DOMAIN_ID / OS_PROJECT_DOMAIN_NAME)")]
    ScopeDomainIdOrDomainName,
    /// Both project domain id and name were given.
    #[error("give a project domain id or a project domain name, not both")]
    ScopeDomainIdAndDomainName,
    /// A project id is unique on its own.
    #[error("a project id must be given alone, without a project domain")]
    ScopeProjectIdAlone,
    /// Both project id and project name were given.
    #[error("give a project id or a project name, not both")]
    ScopeProjectIdOrProjectName,
    /// More than one scope kind was given (project, domain, system, trust).
    #[error("give at most one scope: a project, a domain, the system or a trust")]
    ScopeConflict,
    /// Keystone v2 takes only password or token auth with a tenant.
    #[error("Keystone v2 supports only password and token auth ({0} given)")]
    V2Unsupported(&'static str),
    /// Keystone v2 password auth needs a user name.
    #[error("Keystone v2 password auth needs a user name")]
    V2MissingUsername,
    /// The cloud configuration is missing, unreadable or names a file that is not there:
    /// the message names the file or the variable, and how to fix it.
    #[error("{0}")]
    Config(String),
    /// Any other rejected field.
    #[error("invalid {field}: {reason}")]
    Field {
        /// The field or parameter.
        field: &'static str,
        /// Why it was rejected.
        reason: String,
    },
}

impl InvalidInput {
    /// A rejected field.
    pub fn field(field: &'static str, reason: impl Into<String>) -> Self {
        InvalidInput::Field {
            field,
            reason: reason.into(),
        }
    }

    /// `Ok(())` when `ok` holds, else [`InvalidInput::field`]: one rule of an input check,
    /// e.g. `Op::check(InvalidInput::require(!name.is_empty(), "name", "needs a name"))`.
    /// Chain rules with `.and(..)`: the first broken one is reported.
    pub fn require(ok: bool, field: &'static str, reason: impl Into<String>) -> Result<(), Self> {
        if ok {
            Ok(())
        } else {
            Err(Self::field(field, reason))
        }
    }
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect (refused, DNS, unreachable).
    Connect,
    /// TLS handshake or certificate verification failed.
    Tls,
    /// The request or response did not finish in time.
    Timeout,
    /// The connection broke mid-request or mid-body.
    Io,
    /// The browser blocked the request or a response header (CORS) — or the network is down;
    /// a browser cannot tell the two apart.
    CorsOrNetwork,
    /// The caller cancelled the request.
    Cancelled,
    /// The response body was larger than the transport's cap (see the transport's
    /// options; streamed downloads are not capped).
    TooLarge,
    /// Anything else.
    Other,
}

/// The request got no (complete) HTTP answer.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "transport error ({kind:?}): {}",
    Inert::new(message, MAX_TRANSPORT_LEN)
)]
#[non_exhaustive]
pub struct TransportError {
    /// The kind of failure.
    pub kind: TransportErrorKind,
    /// A message that says what failed and, where known, how to fix it.
    pub message: String,
}

impl TransportError {
    /// A transport error of `kind`.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }
}

/// An I/O error of the caller's own stream (a file read for an upload): a
/// [`TransportErrorKind::Io`] error (`Timeout` for a timed-out read) with its message.
impl From<std::io::Error> for TransportError {
    fn from(e: std::io::Error) -> Self {
        let kind = match e.kind() {
            std::io::ErrorKind::TimedOut => TransportErrorKind::Timeout,
            _ => TransportErrorKind::Io,
        };
        TransportError::new(kind, e.to_string())
    }
}

/// For readers and writers over a streamed body (`tokio_util::io::StreamReader`,
/// `tokio::io::copy`): the transport error becomes an `std::io::Error` of the matching
/// kind, with the transport error as its source.
impl From<TransportError> for std::io::Error {
    fn from(e: TransportError) -> Self {
        let kind = match e.kind {
            TransportErrorKind::Timeout => std::io::ErrorKind::TimedOut,
            TransportErrorKind::Connect => std::io::ErrorKind::ConnectionRefused,
            TransportErrorKind::Cancelled => std::io::ErrorKind::Interrupted,
            _ => std::io::ErrorKind::Other,
        };
        std::io::Error::new(kind, e)
    }
}

/// Transport messages may quote what a peer sent (a TLS name, a browser's text).
const MAX_TRANSPORT_LEN: usize = 2000;

/// `Result` with ferrocloud's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_reads_like_display_and_alternate_adds_the_fields() {
        let err = Error::from(InvalidInput::MissingAuthUrl);
        assert_eq!(format!("{err:?}"), err.to_string());
        assert!(err.to_string().contains("OS_AUTH_URL"), "{err}");
        let long = format!("{err:#?}");
        assert!(
            long.starts_with(&err.to_string()) && long.contains("MissingAuthUrl"),
            "{long}"
        );
    }

    #[test]
    fn io_errors_convert_both_ways_keeping_kind_and_message() {
        let t = TransportError::from(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe"));
        assert_eq!(
            (t.kind, t.message.as_str()),
            (TransportErrorKind::Io, "pipe")
        );
        let t = TransportError::from(std::io::Error::from(std::io::ErrorKind::TimedOut));
        assert_eq!(t.kind, TransportErrorKind::Timeout);
        let io = std::io::Error::from(TransportError::new(TransportErrorKind::Timeout, "slow"));
        assert_eq!(io.kind(), std::io::ErrorKind::TimedOut);
        assert!(io.to_string().contains("slow"), "{io}");
        let back = io
            .into_inner()
            .unwrap()
            .downcast::<TransportError>()
            .unwrap();
        assert_eq!(back.kind, TransportErrorKind::Timeout);
    }

    #[test]
    fn http_error_carries_message_and_request_id() {
        let resp = http::Response::builder()
            .status(404)
            .header("X-Openstack-Request-Id", "req-42")
            .body(bytes::Bytes::from_static(
                br#"{"itemNotFound": {"message": "Instance x could not be found.", "code": 404}}"#,
            ))
            .unwrap();
        let err = Error::from_response(&Method::GET, "http://nova/servers/x", &resp);
        assert!(err.is_not_found());
        assert!(!err.is_conflict());
        assert_eq!(err.request_id(), Some("req-42"));
        assert_eq!(
            err.to_string(),
            "GET http://nova/servers/x returned 404 Not Found: Instance x could not be found. (request id req-42)"
        );
    }

    #[test]
    fn rate_limited_is_429_or_503_only() {
        let err = |status: u16, retry_after: Option<&str>| {
            let mut resp = http::Response::builder().status(status);
            if let Some(v) = retry_after {
                resp = resp.header("Retry-After", v);
            }
            let resp = resp.body(bytes::Bytes::new()).unwrap();
            Error::from_response(&Method::GET, "http://nova/servers", &resp)
        };
        assert!(err(429, None).is_rate_limited());
        assert!(err(503, Some("3")).is_rate_limited());
        assert!(!err(413, Some("3")).is_rate_limited());
        assert!(!err(500, None).is_rate_limited());
    }

    #[test]
    fn generation_conflicts_are_told_apart() {
        let err = |status: u16, body: serde_json::Value| {
            let resp = http::Response::builder()
                .status(status)
                .body(bytes::Bytes::from(body.to_string()))
                .unwrap();
            Error::from_response(
                &Method::PUT,
                "http://placement/resource_providers/x/traits",
                &resp,
            )
        };
        let fault = |status: u16, code: Option<&str>, detail: &str| {
            let mut e =
                serde_json::json!({"status": status, "title": "Conflict", "detail": detail});
            if let Some(c) = code {
                e["code"] = c.into();
            }
            err(status, serde_json::json!({"errors": [e]}))
        };
        let e = fault(
            409,
            Some("placement.concurrent_update"),
            "resource provider generation conflict",
        );
        assert!(e.is_generation_conflict() && e.is_conflict());
        assert_eq!(
            e.http().unwrap().fault.kind.as_deref(),
            Some("placement.concurrent_update")
        );
        // Before 1.23 there is no code: the message tells.
        for detail in [
            "consumer generation conflict - expected null but got 1",
            "resource provider generation conflict",
            "Resource provider's generation already changed. Please update the generation and try again.",
            "Another thread concurrently updated the data. Please retry your update",
        ] {
            assert!(fault(409, None, detail).is_generation_conflict(), "{detail}");
        }
        // Other conflicts are not generation conflicts.
        assert!(!fault(
            409,
            Some("placement.inventory.inuse"),
            "generation conflict? no: in use"
        )
        .is_generation_conflict());
        assert!(!fault(
            409,
            Some("placement.undefined_code"),
            "Conflicting resource provider name"
        )
        .is_generation_conflict());
        assert!(!fault(409, None, "Conflicting resource provider name").is_generation_conflict());
        assert!(!fault(400, Some("placement.concurrent_update"), "x").is_generation_conflict());
        assert!(!err(
            409,
            serde_json::json!({"conflictingRequest": {"message": "in use", "code": 409}})
        )
        .is_generation_conflict());
    }

    #[test]
    fn endpoint_not_found_lists_offers() {
        let e: Error = EndpointNotFound {
            wanted: "compute (public, RegionTwo)".into(),
            offered: vec!["compute (nova) RegionOne/public".into()],
        }
        .into();
        assert_eq!(
            e.to_string(),
            "no compute (public, RegionTwo) endpoint in the service catalog; it offers: compute (nova) RegionOne/public"
        );
    }

    fn has_control(s: &str) -> bool {
        s.chars().any(|c| c.is_control())
    }

    #[test]
    fn http_error_display_is_one_bounded_line_whatever_the_server_sends() {
        let resp = http::Response::builder()
            .status(400)
            .header("X-Openstack-Request-Id", format!("req-{}", "9".repeat(10_000)))
            .body(bytes::Bytes::from(
                serde_json::json!({"badRequest": {"code": 400, "message": format!("bad\u{1b}[2J\r\nFAKE {}", "m".repeat(5 << 20))}})
                    .to_string(),
            ))
            .unwrap();
        let err = Error::from_response(&Method::POST, "http://nova/servers", &resp);
        let shown = err.to_string();
        assert!(shown.len() < 1500, "{}", shown.len());
        assert!(!has_control(&shown), "{shown:?}");
        assert!(
            shown.contains("bad\\u{1b}[2J FAKE mmm"),
            "{}",
            &shown[..200]
        );
        assert!(shown.contains("[truncated]"));
        assert!(err.request_id().unwrap().len() <= MAX_REQUEST_ID_LEN);
    }

    #[test]
    fn decode_and_wait_errors_escape_and_bound_server_text() {
        let long = format!("\"{}\u{1b}[31m\"", "s".repeat(100_000));
        let serde_err = serde_json::from_str::<u32>(&long).unwrap_err();
        let e = Error::decode("GET x response", serde_err).to_string();
        assert!(e.len() < 1100 && !has_control(&e), "{e}");
        let e = Error::decode_msg("x", "unknown variant `\u{1b}]0;pwned\u{7}`").to_string();
        assert!(
            !has_control(&e) && e.contains("\\u{1b}]0;pwned\\u{7}"),
            "{e}"
        );
        let e = Error::WaitFailed {
            what: "server 1 to reach ACTIVE".into(),
            status: "ERR\u{1b}[0m\nOR".into(),
            reason: Some("no\rhost".into()),
        }
        .to_string();
        assert_eq!(
            e,
            "server 1 to reach ACTIVE: it reached failure status ERR\\u{1b}[0m\\nOR (no\\rhost)"
        );
        let e = Error::from(TransportError::new(
            TransportErrorKind::Tls,
            "bad name \u{1b}x\n",
        ))
        .to_string();
        assert!(!has_control(&e), "{e}");
    }

    #[test]
    fn a_hostile_catalog_cannot_flood_or_escape_an_endpoint_error() {
        let e: Error = EndpointNotFound {
            wanted: "compute (public)".into(),
            offered: (0..1000)
                .map(|i| format!("compute{i} (\u{1b}[2J{}) R/public", "n".repeat(10_000)))
                .collect(),
        }
        .into();
        let shown = e.to_string();
        assert!(!has_control(&shown), "{}", &shown[..300]);
        assert!(shown.len() < 12_000, "{}", shown.len());
        assert!(
            shown.ends_with("and 950 more"),
            "{}",
            &shown[shown.len() - 100..]
        );
    }
}
