//! The official request/response samples and `ENDPOINTS.tsv`.
//!
//! A samples test declares, for each file, what it checks (parse as a type, or build a
//! request and compare it as JSON); [`Coverage`] then proves that every sample under the
//! test's folders was either checked or listed as an exception with its reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bytes::Bytes;
use ferrocloud::{Operation, ServiceEndpoint};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `../shared/api-samples` (from the workspace root), or `$FERROCLOUD_SAMPLES`.
pub fn root() -> PathBuf {
    if let Some(p) = std::env::var_os("FERROCLOUD_SAMPLES") {
        return PathBuf::from(p);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-samples")
}

/// One row of `ENDPOINTS.tsv`.
#[derive(Debug, Clone)]
pub struct EndpointRow {
    /// Sample path relative to the corpus root.
    pub sample: String,
    /// `request` or `response`.
    pub role: String,
    /// HTTP method (may be empty).
    pub method: String,
    /// URL template, e.g. `/v3/OS-TRUST/trusts/{trust_id}` (may be empty).
    pub url: String,
    /// Microversion, when given.
    pub microversion: String,
}

/// Every row of `ENDPOINTS.tsv`, by sample path.
pub fn endpoints() -> &'static BTreeMap<String, Vec<EndpointRow>> {
    static ROWS: OnceLock<BTreeMap<String, Vec<EndpointRow>>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("ENDPOINTS.tsv"))
            .expect("ENDPOINTS.tsv is readable");
        let mut out: BTreeMap<String, Vec<EndpointRow>> = BTreeMap::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                continue;
            }
            out.entry(f[1].to_owned()).or_default().push(EndpointRow {
                sample: f[1].to_owned(),
                role: f[2].to_owned(),
                method: f[3].to_owned(),
                url: f[4].to_owned(),
                microversion: f[5].to_owned(),
            });
        }
        out
    })
}

/// The sample's bytes.
pub fn bytes(sample: &str) -> Bytes {
    let path = root().join(sample);
    Bytes::from(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The sample as JSON.
pub fn json(sample: &str) -> Value {
    serde_json::from_slice(&bytes(sample)).unwrap_or_else(|e| panic!("{sample}: {e}"))
}

/// Parses a response sample as `T` (the whole body), panicking with the serde error.
pub fn parse<T: DeserializeOwned>(sample: &str) -> T {
    serde_json::from_slice(&bytes(sample))
        .unwrap_or_else(|e| panic!("{sample} does not parse: {e}"))
}

/// A 200 response carrying the sample as its body.
pub fn response(sample: &str) -> http::Response<Bytes> {
    http::Response::new(bytes(sample))
}

/// Every `.json` file under `dir` (relative to the corpus root), sorted.
pub fn files_under(dir: &str) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(
                    p.strip_prefix(base)
                        .unwrap_or(&p)
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let base = root();
    let mut out = Vec::new();
    walk(&base, &base.join(dir), &mut out);
    out.sort();
    out
}

/// `true` when the concrete `path` fits the `template` (`{x}` matches one segment).
/// Version prefixes (`/v2.1`, `/v3`, `/v2.0`, `/v2`, `/v1`) and project ids in the
/// template are matched too.
pub fn path_matches(template: &str, path: &str) -> bool {
    fn segments(s: &str) -> Vec<&str> {
        s.split('?')
            .next()
            .unwrap_or_default()
            .trim_matches('/')
            .split('/')
            .collect()
    }
    let (t, p) = (segments(template), segments(path));
    // The request path may carry a prefix the template does not (e.g. "/compute").
    if p.len() < t.len() {
        return false;
    }
    let p = &p[p.len() - t.len()..];
    t.iter()
        .zip(p)
        .all(|(ts, ps)| (ts.starts_with('{') && ts.ends_with('}') && !ps.is_empty()) || ts == ps)
}

/// Checks a built request against a request sample: the body equals the sample as a JSON
/// value, and (when `ENDPOINTS.tsv` names them) the method and path match.
pub fn assert_request(sample: &str, req: &http::Request<Bytes>) {
    let want = json(sample);
    let got: Value = serde_json::from_slice(req.body())
        .unwrap_or_else(|e| panic!("{sample}: the built body is not JSON: {e}"));
    assert_eq!(got, want, "{sample}: built body differs from the sample");
    assert_endpoint(sample, req);
}

/// Builds `op`'s request for `svc` and checks it against request sample `file` with
/// [`assert_request`] (body as JSON, method and path); marks the sample checked.
pub fn check_request<O: Operation>(cov: &mut Coverage, svc: &ServiceEndpoint, file: &str, op: O) {
    let req = op.request(svc).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_request(cov.check(file), &req);
}

/// Parses response sample `file` with `op` (the operation it answers), after checking
/// `op`'s method and path for `svc` against `ENDPOINTS.tsv`; marks the sample checked and
/// returns the parsed output for spot checks.
pub fn check_response<O: Operation>(
    cov: &mut Coverage,
    svc: &ServiceEndpoint,
    file: &str,
    op: O,
) -> O::Output {
    let file = cov.check(file);
    let req = op.request(svc).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_endpoint(file, &req);
    op.parse(response(file))
        .unwrap_or_else(|e| panic!("{file} does not parse: {e}"))
}

/// Checks method and path of `req` against `ENDPOINTS.tsv` for `sample` (any row may match).
pub fn assert_endpoint(sample: &str, req: &http::Request<Bytes>) {
    let Some(rows) = endpoints().get(sample) else {
        return;
    };
    let rows: Vec<&EndpointRow> = rows.iter().filter(|r| !r.method.is_empty()).collect();
    if rows.is_empty() {
        return;
    }
    let ok = rows.iter().any(|r| {
        r.method.eq_ignore_ascii_case(req.method().as_str())
            && path_matches(&r.url, req.uri().path())
    });
    assert!(
        ok,
        "{sample}: {} {} matches no ENDPOINTS.tsv row: {:?}",
        req.method(),
        req.uri().path(),
        rows.iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect::<Vec<_>>()
    );
}

/// Which samples a test checked, and which it leaves out (with reasons).
#[derive(Default)]
pub struct Coverage {
    checked: BTreeSet<String>,
    exceptions: BTreeMap<String, String>,
}

impl Coverage {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `sample` as checked and returns it, for chaining.
    pub fn check<'a>(&mut self, sample: &'a str) -> &'a str {
        assert!(root().join(sample).is_file(), "{sample} does not exist");
        self.checked.insert(sample.to_owned());
        sample
    }

    /// Leaves `sample` out, saying why.
    pub fn except(&mut self, sample: &str, reason: &str) {
        assert!(root().join(sample).is_file(), "{sample} does not exist");
        self.exceptions.insert(sample.to_owned(), reason.to_owned());
    }

    /// How many samples were checked.
    pub fn checked(&self) -> usize {
        self.checked.len()
    }

    /// Asserts every sample in `files` is checked or excepted; prints the counts.
    pub fn assert_complete(&self, what: &str, files: &[String]) {
        let missing: Vec<&String> = files
            .iter()
            .filter(|f| !self.checked.contains(*f) && !self.exceptions.contains_key(*f))
            .collect();
        assert!(
            missing.is_empty(),
            "{what}: samples neither checked nor excepted: {missing:#?}"
        );
        println!(
            "{what}: {} samples checked, {} excepted: {:#?}",
            self.checked.len(),
            self.exceptions.len(),
            self.exceptions
        );
    }
}
