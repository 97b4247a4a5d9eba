//! [`Operation`]: one API call as data, and [`Op`], the declarative operation every
//! resource uses.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Method, Request, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Body, Error, InvalidInput, Query, Result, ServiceEndpoint};

/// One API call: how to build its request, and how to read its (successful) response.
///
/// Operations do no I/O. Drive them with a [`Client`](crate::Client) (or any HTTP stack:
/// send [`Operation::request`], then give the response to [`Operation::parse`]; error
/// statuses are turned into [`Error::Http`] by [`check_status`] first).
///
/// An operation is `Sync` (it is plain data: method, path, query, body, decoding): the
/// client's pipeline borrows it behind a `dyn` request builder, so that its code exists
/// once, not once per operation type, in every binary (a browser bundle pays for each).
pub trait Operation: Sync {
    /// What a successful call yields.
    type Output;

    /// Builds the request against `svc`. Invalid input is reported here, before any I/O.
    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>>;

    /// Reads a successful (2xx/3xx) response.
    fn parse(&self, resp: Response<Bytes>) -> Result<Self::Output>;
}

/// Turns an error status (>= 400) into [`Error::Http`], with the server's fault message
/// and request id; passes anything else through.
pub fn check_status(method: &Method, url: &str, resp: Response<Bytes>) -> Result<Response<Bytes>> {
    if resp.status().is_client_error() || resp.status().is_server_error() {
        Err(Error::from_response(method, url, &resp))
    } else {
        Ok(resp)
    }
}

/// How an [`Op`] reads its response. The constructors ([`Op::get`], …) make an `Op<()>`
/// that ignores the body; [`Op::decode_key`], [`Op::decode_body`] and [`Op::decode_with`]
/// choose an output type and how to read it.
pub enum Decode<T> {
    /// The body is not read: the output is what an empty body reads as (`()`, or `None`
    /// for an `Option`).
    Nothing,
    /// `{"<key>": T, ...}`: the value under one top-level key.
    Key(&'static str),
    /// The whole body is `T` (an empty body reads as JSON `null`).
    Body,
    /// A function reads the whole response (status, headers and body).
    With(fn(Response<Bytes>) -> Result<T>),
}

// Key and Body hold no decoder: `T`'s serde code is instantiated only where an operation is
// actually parsed (in `Operation::parse`), so an `Op` whose output is replaced with
// `map_output` never links the decoder of the type it was built with (browser bundles).
impl<T> Clone for Decode<T> {
    fn clone(&self) -> Self {
        match self {
            Decode::Nothing => Decode::Nothing,
            Decode::Key(k) => Decode::Key(k),
            Decode::Body => Decode::Body,
            Decode::With(f) => Decode::With(*f),
        }
    }
}

/// A declarative operation: method, path, query, body, headers and how to decode.
/// Resources return these from small functions:
///
/// ```
/// use ferrocloud::{path, Op};
/// #[derive(serde::Deserialize)]
/// struct Flavor { id: String, name: String }
///
/// fn get_flavor(id: &str) -> Op<Flavor> {
///     Op::get(path!("flavors/{}", id)).decode_key("flavor")
/// }
///
/// // An `Op<()>` ignores whatever body the server answers with.
/// fn delete_flavor(id: &str) -> Op<()> {
///     Op::delete(path!("flavors/{}", id))
/// }
/// ```
pub struct Op<T> {
    method: Method,
    path: Result<String, InvalidInput>,
    query: Query,
    check: Result<(), InvalidInput>,
    body: Result<Body, InvalidInput>,
    headers: Vec<(HeaderName, HeaderValue)>,
    microversion: Option<String>,
    decode: Decode<T>,
    _out: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Op<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Op")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl Op<()> {
    /// An operation with `method` on `path` (a [`path!`](crate::path) result) that ignores
    /// the response body; choose an output with [`Op::decode_key`], [`Op::decode_body`] or
    /// [`Op::decode_with`].
    pub fn new(method: Method, path: Result<String, InvalidInput>) -> Self {
        Op {
            method,
            path,
            query: Query::new(),
            check: Ok(()),
            body: Ok(Body::empty()),
            headers: Vec::new(),
            microversion: None,
            decode: Decode::Nothing,
            _out: PhantomData,
        }
    }

    /// `GET path`.
    pub fn get(path: Result<String, InvalidInput>) -> Self {
        Self::new(Method::GET, path)
    }

    /// `POST path`.
    pub fn post(path: Result<String, InvalidInput>) -> Self {
        Self::new(Method::POST, path)
    }

    /// `PUT path`.
    pub fn put(path: Result<String, InvalidInput>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// `PATCH path`.
    pub fn patch(path: Result<String, InvalidInput>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// `DELETE path`.
    pub fn delete(path: Result<String, InvalidInput>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// `HEAD path`.
    pub fn head(path: Result<String, InvalidInput>) -> Self {
        Self::new(Method::HEAD, path)
    }

    /// `POST path` with `{"<name>": body}`: an OpenStack resource action
    /// (`servers/{id}/action`, `volumes/{id}/action`, `stacks/{name}/{id}/actions`).
    /// `&()` sends `{"<name>": null}`.
    pub fn action<B: Serialize + ?Sized>(
        path: Result<String, InvalidInput>,
        name: &'static str,
        body: &B,
    ) -> Self {
        Self::post(path).json_under(name, body)
    }
}

impl<T> Op<T> {
    /// Decodes the value under the top-level `key` as `U`.
    pub fn decode_key<U>(self, key: &'static str) -> Op<U> {
        self.map_output(Decode::Key(key))
    }

    /// Decodes the whole body as `U` (an empty body reads as JSON `null`).
    pub fn decode_body<U>(self) -> Op<U> {
        self.map_output(Decode::Body)
    }

    /// Reads the response with `f` (for outputs in headers, e.g. `Location`).
    pub fn decode_with<U>(self, f: fn(Response<Bytes>) -> Result<U>) -> Op<U> {
        self.map_output(Decode::With(f))
    }

    /// Sets the query.
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Sends `value` as the JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, value: &B) -> Self {
        self.body = Body::json(value);
        self
    }

    /// Sends `{"<key>": value}` as the JSON body.
    pub fn json_under<B: Serialize + ?Sized>(self, key: &'static str, value: &B) -> Self {
        struct Wrapped<'a, B: ?Sized>(&'static str, &'a B);
        impl<B: Serialize + ?Sized> Serialize for Wrapped<'_, B> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry(self.0, self.1)?;
                m.end()
            }
        }
        self.json(&Wrapped(key, value))
    }

    /// Sends a prepared body (raw bytes, JSON Patch, …).
    pub fn body(mut self, body: Body) -> Self {
        self.body = Ok(body);
        self
    }

    /// Validates input before any I/O: an `Err` here is what [`Operation::request`]
    /// returns (after a bad path, before the body). The first failed check wins.
    ///
    /// ```
    /// use ferrocloud::{path, InvalidInput, Op};
    /// fn rename(id: &str, name: &str) -> Op<()> {
    ///     Op::put(path!("things/{}", id))
    ///         .check(if name.is_empty() { Err(InvalidInput::field("name", "must not be empty")) } else { Ok(()) })
    ///         .json_under("thing", &serde_json::json!({ "name": name }))
    /// }
    /// ```
    pub fn check(mut self, check: Result<(), InvalidInput>) -> Self {
        if self.check.is_ok() {
            self.check = check;
        }
        self
    }

    /// Adds a header to this request only.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Overrides the service client's microversion for this request only.
    pub fn microversion(mut self, version: impl Into<String>) -> Self {
        self.microversion = Some(version.into());
        self
    }

    /// Changes the output type (same request, new decoding).
    pub fn map_output<U>(self, decode: Decode<U>) -> Op<U> {
        Op {
            method: self.method,
            path: self.path,
            query: self.query,
            check: self.check,
            body: self.body,
            headers: self.headers,
            microversion: self.microversion,
            decode,
            _out: PhantomData,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The query.
    pub fn query_ref(&self) -> &Query {
        &self.query
    }
}

impl<T> Clone for Op<T> {
    fn clone(&self) -> Self {
        Op {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            check: self.check.clone(),
            body: self.body.clone(),
            headers: self.headers.clone(),
            microversion: self.microversion.clone(),
            decode: self.decode.clone(),
            _out: PhantomData,
        }
    }
}

/// Decodes `bytes` as `T`, naming `what` in the error. An empty (or all-blank) body reads
/// as JSON `null`, so `()` and `Option<_>` outputs accept `204 No Content`.
pub(crate) fn decode_json<T: DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // `null` through the same slice reader: no second (`Value`) decoder per output type.
        return serde_json::from_slice(b"null").map_err(|e| Error::decode(what, e));
    }
    serde_json::from_slice(bytes).map_err(|e| Error::decode(what, e))
}

/// Decodes the value under top-level `key` of `bytes` in one pass, without building the
/// rest of the document.
pub(crate) fn decode_key<T: DeserializeOwned>(what: &str, key: &str, bytes: &[u8]) -> Result<T> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

    struct Seed<'k, T>(&'k str, PhantomData<T>);
    impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Seed<'_, T> {
        type Value = T;
        fn deserialize<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<T, D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de, T: DeserializeOwned> Visitor<'de> for Seed<'_, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object with key {:?}", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<T, A::Error> {
            let mut found = None;
            while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if k == self.0 {
                    // Last value wins for repeated keys, as in every JSON parser users know.
                    found = Some(map.next_value::<T>()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            found.ok_or_else(|| {
                serde::de::Error::custom(format_args!("missing top-level key {:?}", self.0))
            })
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let v = Seed::<T>(key, PhantomData)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| Error::decode(what, e))?;
    Ok(v)
}

impl<T: DeserializeOwned> Operation for Op<T> {
    type Output = T;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        let path = self.path.as_deref().map_err(Clone::clone)?;
        self.check.clone()?;
        let body = self.body.clone()?;
        let mut req = svc.request(self.method.clone(), path, &self.query, body)?;
        for (k, v) in &self.headers {
            req.headers_mut().insert(k.clone(), v.clone());
        }
        if let Some(v) = &self.microversion {
            svc.put_microversion(req.headers_mut(), v)?;
        }
        Ok(req)
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<T> {
        let what = || {
            format!(
                "{} {} response",
                self.method,
                self.path.as_deref().unwrap_or("?")
            )
        };
        match &self.decode {
            Decode::Nothing => decode_json(&what(), b""),
            Decode::Key(key) => decode_key(&what(), key, resp.body()),
            Decode::Body => decode_json(&what(), resp.body()),
            Decode::With(f) => f(resp),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ServiceType;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Thing {
        id: String,
    }

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::COMPUTE, "http://h/v2.1").unwrap()
    }

    fn ok(body: &'static str) -> Response<Bytes> {
        Response::new(Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn builds_and_decodes() {
        let op: Op<Thing> = Op::post(crate::path!("things/{}/action", "a/b"))
            .json_under("thing", &serde_json::json!({"name": "x"}))
            .microversion("2.90")
            .decode_key("thing");
        let req = op.request(&svc()).unwrap();
        assert_eq!(req.method(), Method::POST);
        assert_eq!(req.uri(), "http://h/v2.1/things/a%2Fb/action");
        assert_eq!(req.headers()["content-type"], "application/json");
        assert_eq!(req.headers()["openstack-api-version"], "compute 2.90");
        assert_eq!(req.body().as_ref(), br#"{"thing":{"name":"x"}}"#);
        let t = op
            .parse(ok(
                r#"{"other": [1,2], "thing": {"id": "1", "extra": true}}"#,
            ))
            .unwrap();
        assert_eq!(t, Thing { id: "1".into() });
    }

    #[test]
    fn decode_errors_are_typed() {
        let op: Op<Thing> = Op::get(crate::path!("things/{}", "1")).decode_key("thing");
        for body in [
            r#"{"nope": {}}"#,
            "not json",
            r#"{"thing": {"id": 5}}"#,
            r#"{"thing": {"id": "1"}} trailing"#,
            "",
        ] {
            let err = op.parse(ok(body)).unwrap_err();
            assert!(matches!(err, Error::Decode(_)), "{body}: {err}");
            assert!(err.to_string().contains("GET things/1 response"), "{err}");
        }
        let dup = op
            .parse(ok(r#"{"thing": {"id": "1"}, "thing": {"id": "2"}}"#))
            .unwrap();
        assert_eq!(dup.id, "2");
    }

    #[test]
    fn bad_input_fails_before_io() {
        let op: Op<()> = Op::delete(crate::path!("things/{}", ".."));
        assert!(matches!(op.request(&svc()), Err(Error::InvalidInput(_))));
    }

    #[test]
    fn unit_ops_ignore_the_body() {
        let op = Op::delete(crate::path!("things/{}", "1"));
        for body in ["", "not json", r#"{"thing": {"id": "1"}}"#] {
            op.parse(ok(body)).unwrap();
        }
        let whole: Op<Thing> = Op::get(crate::path!("things/{}", "1")).decode_body();
        assert_eq!(whole.parse(ok(r#"{"id": "1"}"#)).unwrap().id, "1");
        assert!(whole.parse(ok("")).is_err());
    }

    #[test]
    fn error_status_becomes_http_error() {
        let resp = Response::builder()
            .status(409)
            .body(Bytes::from_static(
                b"{\"conflictingRequest\": {\"message\": \"busy\"}}",
            ))
            .unwrap();
        let err = check_status(&Method::DELETE, "http://h/x", resp).unwrap_err();
        assert!(err.is_conflict());
        assert_eq!(err.http().unwrap().message(), "busy");
        let resp = Response::builder().status(204).body(Bytes::new()).unwrap();
        assert!(check_status(&Method::DELETE, "http://h/x", resp).is_ok());
    }
}
