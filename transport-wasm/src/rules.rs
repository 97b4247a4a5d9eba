//! Target-independent browser rules: which request headers may be sent, and what a
//! JavaScript error from `fetch` means. Kept free of JS types so they are unit-tested
//! natively.

use ferrocloud::{TransportError, TransportErrorKind};
use http::{HeaderName, HeaderValue};

/// One request header a browser build does not send.
struct Rule {
    /// Lower-case header name.
    header: &'static str,
    /// Only values starting with this (e.g. the service name of a microversion header);
    /// `None` matches every value.
    value_prefix: Option<&'static str>,
}

/// Headers never sent from a browser.
///
/// - The browser sets `User-Agent`, `Content-Length`, `Host`, `Accept-Encoding` and the
///   connection headers itself; a page may not (or, for `User-Agent`, should not: a custom
///   one makes the request need a CORS preflight no OpenStack allow-list accepts).
/// - `OpenStack-API-Version` to Keystone: Keystone's `[cors] allow_headers` lacks it, so
///   the preflight would fail and the request with it. Keystone has no microversions, so
///   nothing is lost. (Nova, Cinder and Placement allow the header; Neutron, Glance and Heat
///   do not, but they take no microversions and ferrocloud sends none to them.)
const RULES: &[Rule] = &[
    Rule {
        header: "user-agent",
        value_prefix: None,
    },
    Rule {
        header: "content-length",
        value_prefix: None,
    },
    Rule {
        header: "host",
        value_prefix: None,
    },
    Rule {
        header: "connection",
        value_prefix: None,
    },
    Rule {
        header: "keep-alive",
        value_prefix: None,
    },
    Rule {
        header: "transfer-encoding",
        value_prefix: None,
    },
    Rule {
        header: "te",
        value_prefix: None,
    },
    Rule {
        header: "trailer",
        value_prefix: None,
    },
    Rule {
        header: "upgrade",
        value_prefix: None,
    },
    Rule {
        header: "expect",
        value_prefix: None,
    },
    Rule {
        header: "accept-encoding",
        value_prefix: None,
    },
    Rule {
        header: "openstack-api-version",
        value_prefix: Some("identity "),
    },
];

/// Whether the browser transport sends header `name: value` (see the module's rules
/// table: browser-managed headers and headers a service's CORS allow-list rejects are
/// dropped).
///
/// ```
/// use http::{HeaderName, HeaderValue};
/// use ferrocloud_wasm::sendable_header;
/// let mv = HeaderName::from_static("openstack-api-version");
/// assert!(sendable_header(&mv, &HeaderValue::from_static("compute 2.90")));
/// assert!(!sendable_header(&mv, &HeaderValue::from_static("identity 3.14")));
/// assert!(!sendable_header(&http::header::USER_AGENT, &HeaderValue::from_static("ferrocloud/0.1")));
/// ```
pub fn sendable_header(name: &HeaderName, value: &HeaderValue) -> bool {
    !RULES.iter().any(|r| {
        r.header == name.as_str()
            && r.value_prefix.is_none_or(|p| {
                value
                    .as_bytes()
                    .get(..p.len())
                    .is_some_and(|v| v.eq_ignore_ascii_case(p.as_bytes()))
            })
    })
}

/// Turns the JavaScript error a `fetch` for `method url` rejected with (its `name` and
/// `message`) into a [`TransportError`].
///
/// A `TypeError` ("Failed to fetch") is what a browser reports both for a request blocked
/// by CORS and for a network failure; it becomes
/// [`TransportErrorKind::CorsOrNetwork`] with a message that says so and how to fix
/// either. An `AbortError` becomes [`TransportErrorKind::Cancelled`].
///
/// Runtimes without CORS say what happened, and their failures become
/// [`TransportErrorKind::Connect`]: Node's fetch rejects with `TypeError: fetch failed`,
/// workerd with `Error: Network connection failed: …` (or `Network connection lost.`),
/// also when its config does not allow the destination.
///
/// ```
/// use ferrocloud::TransportErrorKind;
/// let e = ferrocloud_wasm::classify_js_error("GET", "http://nova/v2.1/servers", "TypeError", "Failed to fetch");
/// assert_eq!(e.kind, TransportErrorKind::CorsOrNetwork);
/// assert!(e.message.contains("CORS or network"));
/// ```
pub fn classify_js_error(method: &str, url: &str, name: &str, message: &str) -> TransportError {
    let no_cors = (name == "TypeError" && message == "fetch failed")
        || message.starts_with("Network connection");
    if no_cors {
        return TransportError::new(
            TransportErrorKind::Connect,
            format!(
                "{method} {url} failed ({name}: {message}): the service is unreachable (down, \
                 wrong URL, or a destination the runtime does not allow)"
            ),
        );
    }
    match name {
        "TypeError" => TransportError::new(
            TransportErrorKind::CorsOrNetwork,
            format!(
                "{method} {url} failed in the browser ({name}: {message}): CORS or network. \
                 Either the service's CORS settings reject this page (set [cors] allowed_origin \
                 to the page's origin; every request header must be in [cors] allow_headers) \
                 or the service is unreachable (down, wrong URL, blocked mixed content)"
            ),
        ),
        "AbortError" => TransportError::new(
            TransportErrorKind::Cancelled,
            format!("{method} {url} was aborted ({message})"),
        ),
        "TimeoutError" => TransportError::new(
            TransportErrorKind::Timeout,
            format!("{method} {url} timed out ({message})"),
        ),
        _ => TransportError::new(
            TransportErrorKind::Other,
            format!("{method} {url} failed in the JS runtime ({name}: {message})"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(name: &str, value: &str) -> bool {
        sendable_header(
            &HeaderName::from_bytes(name.as_bytes()).unwrap(),
            &HeaderValue::from_str(value).unwrap(),
        )
    }

    #[test]
    fn browser_managed_headers_are_dropped() {
        assert!(!ok("User-Agent", "ferrocloud/0.1.0"));
        assert!(!ok("Content-Length", "12"));
        assert!(!ok("Accept-Encoding", "gzip"));
        assert!(ok("Accept", "application/json"));
        assert!(ok("Content-Type", "application/json"));
        assert!(ok("X-Auth-Token", "gAAAA"));
        assert!(ok("X-Subject-Token", "gAAAA"));
    }

    #[test]
    fn keystone_microversion_dropped_others_kept() {
        assert!(!ok("OpenStack-API-Version", "identity 3.14"));
        assert!(!ok("OpenStack-API-Version", "IDENTITY 3.14"));
        assert!(ok("OpenStack-API-Version", "compute 2.90"));
        assert!(ok("OpenStack-API-Version", "volume 3.67"));
        assert!(ok("OpenStack-API-Version", "ident"));
        assert!(ok("X-OpenStack-Nova-API-Version", "2.90"));
    }

    #[test]
    fn classification() {
        let e = classify_js_error(
            "POST",
            "http://k/v3/auth/tokens",
            "TypeError",
            "Failed to fetch",
        );
        assert_eq!(e.kind, TransportErrorKind::CorsOrNetwork);
        assert!(e.message.contains("CORS or network"), "{}", e.message);
        assert!(e.message.contains("allowed_origin"), "{}", e.message);
        assert!(
            e.message.contains("POST http://k/v3/auth/tokens"),
            "{}",
            e.message
        );
        assert_eq!(
            classify_js_error("GET", "u", "AbortError", "aborted").kind,
            TransportErrorKind::Cancelled
        );
        assert_eq!(
            classify_js_error("GET", "u", "TimeoutError", "t").kind,
            TransportErrorKind::Timeout
        );
        assert_eq!(
            classify_js_error("GET", "u", "SyntaxError", "bad").kind,
            TransportErrorKind::Other
        );
    }

    #[test]
    fn runtimes_without_cors_report_connect_errors() {
        // Node (undici) and workerd; Firefox's and Safari's TypeErrors stay CORS-or-network.
        let node = classify_js_error("GET", "http://n/", "TypeError", "fetch failed");
        assert_eq!(node.kind, TransportErrorKind::Connect);
        assert!(!node.message.contains("CORS"), "{}", node.message);
        let workerd = classify_js_error(
            "POST",
            "http://127.0.0.2:5000/v3/auth/tokens",
            "Error",
            "Network connection failed: connecting to 127.0.0.2:5000 is not allowed",
        );
        assert_eq!(workerd.kind, TransportErrorKind::Connect);
        assert!(
            workerd.message.contains("is not allowed"),
            "{}",
            workerd.message
        );
        for m in [
            "NetworkError when attempting to fetch resource.",
            "Load failed",
        ] {
            assert_eq!(
                classify_js_error("GET", "u", "TypeError", m).kind,
                TransportErrorKind::CorsOrNetwork
            );
        }
    }
}
