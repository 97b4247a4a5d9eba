//! Shared plumbing of the fuzz targets: responses from fuzzer bytes, and helpers that run
//! an operation's or a list's parser over them. Every parser must return `Ok` or a typed
//! `Err` — a panic, a hang or an abort is a bug.

use bytes::Bytes;
use ferrocloud::paging::Paginated;
use ferrocloud::{List, Operation, Paging, ServiceClient, ServiceType};
use http::Response;
use serde::de::DeserializeOwned;

/// A response with `status` and `body`.
pub fn resp(status: u16, body: &[u8]) -> Response<Bytes> {
    let mut r = Response::new(Bytes::copy_from_slice(body));
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    r
}

/// Splits `data` at the first `\n`: (head, rest), for targets that need a header and a body.
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&[], data),
    }
}

/// A service client of `kind` at a fixed endpoint.
pub fn svc(kind: ServiceType) -> ServiceClient {
    ServiceClient::new(kind, "http://h:1234/v1/p").expect("valid endpoint")
}

/// Runs `op`'s parser on a 200 response with `body`.
pub fn op<O: Operation>(o: O, body: &[u8]) {
    let _ = o.parse(resp(200, body));
}

/// Runs `list`'s page parser on `body`, as a first page and as a marker page.
pub fn list<T: DeserializeOwned>(l: List<T>, kind: ServiceType, body: &[u8]) {
    let s = svc(kind);
    let _ = l.parse_page(&s, "http://h:1234/v1/p/things?limit=2", resp(200, body));
    let _ = l.parse_page(
        &s,
        "http://h:1234/v1/p/things?marker=a&limit=3",
        resp(200, body),
    );
    let _ = Operation::parse(&l, resp(200, body));
}

/// The list keys the paging targets try (the samples use these).
const KEYS: [&str; 8] = [
    "things", "servers", "networks", "volumes", "images", "projects", "stacks", "users",
];

/// One page parser of `paging` style (items are free JSON with an optional `id`) under
/// each of the sample keys, with an optional `Link` header.
pub fn paging(style: Paging, link: Option<&[u8]>, body: &[u8]) {
    #[derive(serde::Deserialize)]
    struct Item {
        #[serde(default)]
        id: Option<String>,
    }
    impl ferrocloud::paging::HasId for Item {
        fn id(&self) -> Option<&str> {
            self.id.as_deref()
        }
    }
    const URL: &str = "http://h:1234/v1/p/things?limit=2";
    let s = svc(ServiceType::COMPUTE);
    for key in KEYS {
        let l: List<Item> = List::new(Ok("things".to_owned()), key, style).with_marker();
        let mut r = resp(200, body);
        if let Some(v) = link.and_then(|l| http::HeaderValue::from_bytes(l).ok()) {
            r.headers_mut().insert(http::header::LINK, v);
        }
        if let Ok(page) = l.parse_page(&s, URL, r) {
            // A next link is never the page itself (that would loop).
            assert_ne!(page.next.as_deref(), Some(URL));
            if style == Paging::Single {
                assert!(page.next.is_none());
            }
        }
    }
}
