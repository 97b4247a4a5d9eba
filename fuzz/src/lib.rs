//! Shared plumbing of the fuzz targets: responses from fuzzer bytes, and helpers that run
//! an operation's or a list's parser over them. Every parser must return `Ok` or a typed
//! `Err` — a panic, a hang or an abort is a bug.

use bytes::Bytes;
use ferrocloud::Paginated;
use ferrocloud::{List, Operation, Paging, ServiceEndpoint, ServiceType};
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
pub fn svc(kind: ServiceType) -> ServiceEndpoint {
    ServiceEndpoint::new(kind, "http://h:1234/v1/p").expect("valid endpoint")
}

/// A GET request for `url`.
pub fn get(url: &str) -> http::Request<Bytes> {
    let mut r = http::Request::new(Bytes::new());
    *r.uri_mut() = url.parse().expect("a valid URL");
    r
}

/// Runs `op`'s parser on a 200 response with `body`.
pub fn op<O: Operation>(o: O, body: &[u8]) {
    let _ = o.parse(resp(200, body));
}

/// Runs `list`'s page parser on `body`, as a first page and as a marker page.
pub fn list<T: DeserializeOwned>(l: List<T>, kind: ServiceType, body: &[u8]) {
    let s = svc(kind);
    let _ = l.parse_page(&s, &get("http://h:1234/v1/p/things?limit=2"), resp(200, body));
    let _ = l.parse_page(
        &s,
        &get("http://h:1234/v1/p/things?marker=a&limit=3"),
        resp(200, body),
    );
    let _ = Operation::parse(&l, resp(200, body));
}

/// The list keys the paging targets try (the samples use these).
const KEYS: [&str; 8] = [
    "things", "servers", "networks", "volumes", "images", "projects", "stacks", "users",
];

/// How the paging targets page: by links, by marker, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `Paging::Linked`.
    Linked,
    /// `List::marker`.
    Marker,
    /// `Paging::Single`.
    Single,
}

/// One page parser of `style` (items are free JSON with an optional `id`) under each of
/// the sample keys, with an optional `Link` header. Whatever the page says, the next
/// request stays on the endpoint's origin.
pub fn paging(style: Style, link: Option<&[u8]>, body: &[u8]) {
    #[derive(serde::Deserialize)]
    struct Item {
        #[serde(default)]
        id: Option<String>,
    }
    impl ferrocloud::HasId for Item {
        fn id(&self) -> Option<&str> {
            self.id.as_deref()
        }
    }
    const URL: &str = "http://h:1234/v1/p/things?limit=2";
    let s = svc(ServiceType::COMPUTE);
    for key in KEYS {
        let path = Ok("things".to_owned());
        let l: List<Item> = match style {
            Style::Linked => List::new(path, key, Paging::Linked),
            Style::Marker => List::marker(path, key),
            Style::Single => List::new(path, key, Paging::Single),
        };
        let mut r = resp(200, body);
        if let Some(v) = link.and_then(|l| http::HeaderValue::from_bytes(l).ok()) {
            r.headers_mut().insert(http::header::LINK, v);
        }
        if let Ok(page) = l.parse_page(&s, &get(URL), r) {
            if let Some(next) = &page.next {
                let uri = next.uri();
                assert_eq!(uri.scheme_str(), Some("http"));
                assert_eq!(uri.authority().map(|a| a.as_str()), Some("h:1234"));
            }
            if style == Style::Single {
                assert!(page.next.is_none());
            }
        }
    }
}

/// Re-bases `href` as the next page of a list at `http://h:1234/v1/p`: the request, if
/// any, goes to `http://h:1234` under `/v1/p`.
pub fn next_link(href: &str) {
    let s = svc(ServiceType::COMPUTE);
    let prev = get("http://h:1234/v1/p/things?limit=2");
    if let Ok(next) = ferrocloud::fuzzing::next_request(&s, &prev, href) {
        let uri = next.uri();
        assert_eq!(uri.scheme_str(), Some("http"), "{href:?} -> {uri}");
        assert_eq!(uri.authority().map(|a| a.as_str()), Some("h:1234"), "{href:?} -> {uri}");
        let path = uri.path();
        assert!(path == "/v1/p" || path.starts_with("/v1/p/"), "{href:?} -> {uri}");
    }
}

/// `link_header_next` agrees with a second, independent reading of RFC 8288: split the
/// field on commas outside `<…>` and quotes, then each link value on semicolons.
pub fn link_header_against_model(h: &str) {
    let got = ferrocloud::fuzzing::link_header_next(h).ok();
    assert_eq!(got, link_model(h), "{h:?}");
}

fn split_outside(s: &str, sep: char) -> Option<Vec<&str>> {
    let (mut angle, mut quote, mut escaped) = (false, false, false);
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if quote {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => quote = false,
                _ => {}
            }
        } else if angle {
            angle = c != '>';
        } else if c == '<' && sep == ',' {
            angle = true;
        } else if c == '"' {
            quote = true;
        } else if c == sep {
            parts.push(&s[start..i]);
            start = i + 1;
        }
    }
    if quote || angle {
        return None;
    }
    parts.push(&s[start..]);
    Some(parts)
}

fn link_model(h: &str) -> Option<Option<String>> {
    let ows = |s: &str| s.trim_matches([' ', '\t']).to_owned();
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    let mut next = None;
    for element in split_outside(h, ',')? {
        let element = ows(element);
        if element.is_empty() {
            continue;
        }
        let rest = element.strip_prefix('<')?;
        let close = rest.find('>')?;
        let target = &rest[..close];
        let params = split_outside(&rest[close + 1..], ';')?;
        if !ows(params[0]).is_empty() {
            return None;
        }
        let mut rel: Option<String> = None;
        let mut seen_rel = false;
        for p in &params[1..] {
            let (name, value) = match p.split_once('=') {
                Some((n, v)) if !n.contains('"') => (ows(n), Some(ows(v))),
                _ => (ows(p), None),
            };
            if name.is_empty() || !name.chars().all(tchar) {
                return None;
            }
            let value = match value {
                None => None,
                Some(v) if v.starts_with('"') => {
                    let inner = v.strip_prefix('"')?.strip_suffix('"')?;
                    let mut out = String::new();
                    let mut chars = inner.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => out.push(chars.next()?),
                            '"' => return None,
                            c => out.push(c),
                        }
                    }
                    Some(out)
                }
                Some(v) if !v.is_empty() && v.chars().all(tchar) => Some(v),
                Some(_) => return None,
            };
            if name.eq_ignore_ascii_case("rel") && !seen_rel {
                seen_rel = true;
                rel = value;
            }
        }
        let is_next = rel.is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("next"))
        });
        if is_next && next.is_none() {
            next = Some(target.to_owned());
        }
    }
    Some(next)
}
