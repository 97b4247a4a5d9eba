//! OAuth 1.0a request signing (RFC 5849) and the three Keystone calls that need it:
//! getting a request token, exchanging it for an access token, and logging in with the
//! access token (the `oauth1` auth method).
//!
//! Nothing here reads the clock or draws random numbers: the caller gives every signed
//! request its timestamp (`client.transport().now()`) and a fresh nonce, so signatures
//! are reproducible under test.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use http::{Request, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::json;

use crate::auth::{v3, TokenOp};
use crate::{path, Error, InvalidInput, Op, Operation, Result, Secret, ServiceEndpoint, Timestamp};

/// RFC 5849 §3.6: everything but `ALPHA`, `DIGIT`, `-`, `.`, `_` and `~` is escaped.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `s` as OAuth 1.0 requires (RFC 5849 §3.6: UTF-8, then every octet
/// outside the unreserved set as `%XX` in upper case; a space is `%20`, never `+`).
///
/// ```
/// use ferrocloud::identity::v3::oauth1::percent_encode;
/// assert_eq!(percent_encode("a b+c/~é"), "a%20b%2Bc%2F~%C3%A9");
/// ```
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

crate::string_enum! {
    /// How a request is signed (`oauth_signature_method`).
    pub enum SignatureMethod {
        /// HMAC-SHA1 over the signature base string (RFC 5849 §3.4.2).
        HmacSha1 = "HMAC-SHA1",
        /// The key itself, in clear (RFC 5849 §3.4.4): only over TLS.
        Plaintext = "PLAINTEXT",
    }
}

/// The signature base string of a request (RFC 5849 §3.4.1): the method, the base string
/// URI (scheme and host in lower case, default port left out, no query or fragment) and
/// the normalized parameters: `params` (the `oauth_*` protocol parameters and any form
/// body parameters, decoded) together with the URL's query, each name and value
/// percent-encoded, sorted by name then value.
///
/// ```
/// use ferrocloud::identity::v3::oauth1::base_string;
/// let p = |k: &str, v: &str| (k.to_string(), v.to_string());
/// let s = base_string("GET", "HTTP://Example.com:80/r?b=2&a=1", &[p("oauth_nonce", "n")]).unwrap();
/// assert_eq!(s, "GET&http%3A%2F%2Fexample.com%2Fr&a%3D1%26b%3D2%26oauth_nonce%3Dn");
/// ```
pub fn base_string(
    method: &str,
    url: &str,
    params: &[(String, String)],
) -> Result<String, InvalidInput> {
    let url = url::Url::parse(url).map_err(|_| InvalidInput::field("url", "not a URL"))?;
    let host = url
        .host_str()
        .ok_or_else(|| InvalidInput::field("url", "the URL has no host"))?
        .to_ascii_lowercase();
    // `Url` already drops the scheme's default port and lower-cases the scheme.
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    };
    let uri = format!("{}://{}{}", url.scheme(), authority, url.path());
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (percent_encode(&k), percent_encode(&v)))
        .chain(
            params
                .iter()
                .map(|(k, v)| (percent_encode(k), percent_encode(v))),
        )
        .collect();
    pairs.sort();
    let normalized = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    Ok(format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        percent_encode(&uri),
        percent_encode(&normalized)
    ))
}

/// Who signs one OAuth request, with which secrets, when: the consumer, and once it has
/// one, the (request or access) token with its secret, plus the verifier when exchanging
/// a request token. Debug output leaves every secret out.
///
/// Each request needs its own `nonce` (Keystone takes only lower-case hex digits, e.g. a
/// random `u128` as `{:032x}`) and a `timestamp` within a few minutes of Keystone's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthSigner {
    /// The consumer's id (`oauth_consumer_key`).
    pub consumer_key: String,
    /// The consumer's secret (from [`create_consumer`](super::create_consumer)).
    pub consumer_secret: Secret,
    /// The request or access token's id (`oauth_token`), once there is one.
    pub token: Option<String>,
    /// That token's secret (empty when there is no token).
    pub token_secret: Secret,
    /// The verifier (`oauth_verifier`) from [`authorize`](super::authorize): only to get
    /// an access token.
    pub verifier: Option<Secret>,
    /// `oauth_callback` (request tokens; [`request_token`] sends `oob` when `None`).
    pub callback: Option<String>,
    /// The signature method (HMAC-SHA1 by default).
    pub method: SignatureMethod,
    /// `oauth_timestamp`: seconds since the Unix epoch.
    pub timestamp: u64,
    /// `oauth_nonce`: a fresh random string for each request.
    pub nonce: String,
}

impl OAuthSigner {
    /// A consumer signing with HMAC-SHA1 at `now` with `nonce`, no token yet.
    pub fn new(
        consumer_key: impl Into<String>,
        consumer_secret: Secret,
        now: SystemTime,
        nonce: impl Into<String>,
    ) -> Self {
        OAuthSigner {
            consumer_key: consumer_key.into(),
            consumer_secret,
            token: None,
            token_secret: Secret::new(""),
            verifier: None,
            callback: None,
            method: SignatureMethod::HmacSha1,
            timestamp: now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            nonce: nonce.into(),
        }
    }

    /// The same signer holding `token` (a request token to exchange, or an access token).
    pub fn with_token(mut self, token: &OAuthToken) -> Self {
        self.token = Some(token.id.clone());
        self.token_secret = token.secret.clone();
        self
    }

    /// The same signer with the verifier from [`authorize`](super::authorize).
    pub fn with_verifier(mut self, verifier: Secret) -> Self {
        self.verifier = Some(verifier);
        self
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.consumer_key.is_empty() && !self.consumer_secret.is_empty(),
            "consumer_key",
            "an OAuth request needs the consumer's key and secret",
        )
        .and(InvalidInput::require(
            !self.nonce.is_empty() && self.nonce.bytes().all(|b| b.is_ascii_alphanumeric()),
            "nonce",
            "a fresh nonce of letters and digits (Keystone: lower-case hex) for each request",
        ))
        .and(InvalidInput::require(
            matches!(
                self.method,
                SignatureMethod::HmacSha1 | SignatureMethod::Plaintext
            ),
            "method",
            "HMAC-SHA1 or PLAINTEXT",
        ))
    }

    /// The protocol parameters (RFC 5849 §3.1) without the signature, decoded.
    pub fn oauth_params(&self) -> Vec<(String, String)> {
        let mut p = vec![
            ("oauth_consumer_key", self.consumer_key.clone()),
            ("oauth_nonce", self.nonce.clone()),
            ("oauth_signature_method", self.method.as_str().to_owned()),
            ("oauth_timestamp", self.timestamp.to_string()),
            ("oauth_version", "1.0".to_owned()),
        ];
        if let Some(cb) = &self.callback {
            p.push(("oauth_callback", cb.clone()));
        }
        if let Some(t) = &self.token {
            p.push(("oauth_token", t.clone()));
        }
        if let Some(v) = &self.verifier {
            p.push(("oauth_verifier", v.expose().to_owned()));
        }
        p.sort();
        p.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// The signature of `method url` (RFC 5849 §3.4), not yet percent-encoded: HMAC-SHA1
    /// of the base string in base64, or the key itself for PLAINTEXT. The key is the
    /// consumer secret and the token secret, each percent-encoded, joined by `&`.
    pub fn signature(&self, method: &str, url: &str) -> Result<Secret, InvalidInput> {
        self.check()?;
        let key = format!(
            "{}&{}",
            percent_encode(self.consumer_secret.expose()),
            percent_encode(self.token_secret.expose())
        );
        Ok(Secret::new(match self.method {
            SignatureMethod::Plaintext => key,
            _ => {
                let base = base_string(method, url, &self.oauth_params())?;
                let mut mac = <Hmac<sha1::Sha1> as Mac>::new_from_slice(key.as_bytes())
                    .expect("HMAC takes keys of any length");
                mac.update(base.as_bytes());
                base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
            }
        }))
    }

    /// The `Authorization: OAuth …` header value for `method url` (RFC 5849 §3.5.1),
    /// marked sensitive.
    pub fn authorization(&self, method: &str, url: &str) -> Result<HeaderValue, InvalidInput> {
        let signature = self.signature(method, url)?;
        let mut fields: Vec<String> = self
            .oauth_params()
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", percent_encode(v)))
            .collect();
        fields.push(format!(
            "oauth_signature=\"{}\"",
            percent_encode(signature.expose())
        ));
        let mut v = HeaderValue::from_str(&format!("OAuth {}", fields.join(", ")))
            .map_err(|_| InvalidInput::field("oauth", "not a valid header value"))?;
        v.set_sensitive(true);
        Ok(v)
    }
}

/// An operation whose request is signed by an [`OAuthSigner`] once its URL is known
/// (the signature covers the method and the full URL). Sent like any operation.
///
/// Keystone checks the signature against the URL it rebuilds from its `public_endpoint`
/// (or the host it was reached at) and the request path: behind a proxy that rewrites
/// either, sign against the URL Keystone sees.
#[derive(Debug, Clone)]
pub struct Signed<O> {
    op: O,
    signer: OAuthSigner,
}

impl<O: Operation> Operation for Signed<O> {
    type Output = O::Output;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        let mut req = self.op.request(svc)?;
        let auth = self
            .signer
            .authorization(req.method().as_str(), &req.uri().to_string())?;
        req.headers_mut().insert(AUTHORIZATION, auth);
        Ok(req)
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<O::Output> {
        self.op.parse(resp)
    }
}

/// A request or access token as Keystone hands it to the consumer
/// (`oauth_token=…&oauth_token_secret=…&oauth_expires_at=…`, form-encoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthToken {
    /// `oauth_token`: its id.
    pub id: String,
    /// `oauth_token_secret`.
    pub secret: Secret,
    /// `oauth_expires_at` (`None`: never).
    pub expires_at: Option<Timestamp>,
}

/// The call behind [`request_token`] and [`create_access_token`]: its answer is a form
/// (`application/x-www-form-urlencoded`), read into an [`OAuthToken`].
#[derive(Debug, Clone)]
pub struct TokenExchange {
    op: Op<()>,
}

impl Operation for TokenExchange {
    type Output = OAuthToken;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        self.op.request(svc)
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<OAuthToken> {
        parse_token(resp)
    }
}

fn parse_token(resp: Response<Bytes>) -> Result<OAuthToken> {
    const WHAT: &str = "OAuth token response";
    let (mut id, mut secret, mut expires_at) = (None, None, None);
    for (k, v) in url::form_urlencoded::parse(resp.body()) {
        match &*k {
            "oauth_token" => id = Some(v.into_owned()),
            "oauth_token_secret" => secret = Some(Secret::new(v.into_owned())),
            "oauth_expires_at" => {
                expires_at = Some(v.parse::<Timestamp>().map_err(|_| {
                    Error::decode_msg(WHAT, format!("oauth_expires_at {v:?} is not a time"))
                })?)
            }
            _ => {}
        }
    }
    match (id, secret) {
        (Some(id), Some(secret)) => Ok(OAuthToken {
            id,
            secret,
            expires_at,
        }),
        _ => Err(Error::decode_msg(
            WHAT,
            "no oauth_token and oauth_token_secret in the answer",
        )),
    }
}

/// `POST /v3/OS-OAUTH1/request_token` (201), signed with the consumer's secret: an
/// unauthorized request token for `project_id` (`Requested-Project-Id`), for a user to
/// [`authorize`](super::authorize). `oauth_callback` is `oob` unless the signer says.
pub fn request_token(signer: &OAuthSigner, project_id: &str) -> Signed<TokenExchange> {
    let mut signer = signer.clone();
    signer.callback.get_or_insert_with(|| "oob".to_owned());
    let op = match HeaderValue::from_str(project_id) {
        Ok(v) if !project_id.is_empty() => Op::post(path!("OS-OAUTH1/request_token"))
            .header(HeaderName::from_static("requested-project-id"), v),
        _ => Op::post(path!("OS-OAUTH1/request_token")).check(Err(InvalidInput::field(
            "project_id",
            "the project the consumer asks access to",
        ))),
    };
    Signed {
        op: TokenExchange {
            op: op.check(signer.check()),
        },
        signer,
    }
}

/// `POST /v3/OS-OAUTH1/access_token` (201), signed with the consumer's secret and the
/// authorized request token's (`signer.with_token(..).with_verifier(..)`): the access
/// token the consumer then logs in with ([`token`]).
pub fn create_access_token(signer: &OAuthSigner) -> Signed<TokenExchange> {
    let op = Op::post(path!("OS-OAUTH1/access_token"))
        .check(signer.check())
        .check(InvalidInput::require(
            signer.token.as_deref().is_some_and(|t| !t.is_empty())
                && signer.verifier.as_ref().is_some_and(|v| !v.is_empty()),
            "token",
            "an access token needs the authorized request token and its verifier",
        ));
    Signed {
        op: TokenExchange { op },
        signer: signer.clone(),
    }
}

/// `POST /v3/auth/tokens` with the `oauth1` method, signed with the consumer's secret and
/// the access token's (`signer.with_token(&access)`): a Keystone token for the user who
/// authorized it, scoped to its project with the roles it was granted. Send it to the
/// identity endpoint ([`issuer`](crate::auth::issuer)) without a token of your own.
pub fn token(signer: &OAuthSigner) -> Signed<TokenOp> {
    let body = json!({"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}});
    let op = Op::post(path!("auth/tokens"))
        .check(signer.check())
        .check(InvalidInput::require(
            signer.token.as_deref().is_some_and(|t| !t.is_empty()) && signer.verifier.is_none(),
            "token",
            "log in with an access token (and no verifier)",
        ))
        .json(&body);
    Signed {
        op: TokenOp::new(op, v3::parse),
        signer: signer.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ServiceType;

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn rfc5849_base_string() {
        // RFC 5849 §3.4.1.1: the query, the form body (c2, a3=2 q) and the protocol
        // parameters, decoded.
        let params = [
            p("c2", ""),
            p("a3", "2 q"),
            p("oauth_consumer_key", "9djdj82h48djs9d2"),
            p("oauth_token", "kkk9d7dh3k39sjv7"),
            p("oauth_signature_method", "HMAC-SHA1"),
            p("oauth_timestamp", "137131201"),
            p("oauth_nonce", "7d8f3e4a"),
        ];
        let s = base_string(
            "POST",
            "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
            &params,
        )
        .unwrap();
        assert_eq!(
            s,
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q\
             %26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_\
             key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m\
             ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk\
             9d7dh3k39sjv7"
        );
        // §3.4.1.2: scheme and host in lower case, the default port left out, a
        // non-default one kept.
        let b = |u| base_string("GET", u, &[]).unwrap();
        assert_eq!(
            b("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"),
            "GET&http%3A%2F%2Fexample.com%2Fr%2520v%2FX&id%3D123"
        );
        assert_eq!(
            b("https://www.example.net:8080/?q=1"),
            "GET&https%3A%2F%2Fwww.example.net%3A8080%2F&q%3D1"
        );
    }

    #[test]
    fn oauth_core_appendix_a_signature() {
        // OAuth Core 1.0 Appendix A.5: the photos example, HMAC-SHA1.
        let signer = OAuthSigner {
            token: Some("nnch734d00sl2jdk".into()),
            token_secret: Secret::new("pfkkdhi9sl3r4s00"),
            ..OAuthSigner::new(
                "dpf43f3p2l4k3l03",
                Secret::new("kd94hf93k423kf44"),
                UNIX_EPOCH + std::time::Duration::from_secs(1191242096),
                "kllo9940pd9333jh",
            )
        };
        let url = "http://photos.example.net/photos?file=vacation.jpg&size=original";
        assert_eq!(
            base_string("GET", url, &signer.oauth_params()).unwrap(),
            "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"
        );
        assert_eq!(
            signer.signature("GET", url).unwrap().expose(),
            "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
        );
        let h = signer.authorization("GET", url).unwrap();
        assert!(h.is_sensitive());
        let h = h.to_str().unwrap();
        assert!(
            h.starts_with("OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_nonce="),
            "{h}"
        );
        assert!(
            h.ends_with(", oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\""),
            "{h}"
        );
        assert!(!h.contains("kd94hf93k423kf44") && !h.contains("pfkkdhi9sl3r4s00"));
        // Secrets stay out of Debug.
        let dbg = format!("{signer:?}");
        assert!(!dbg.contains("kd94hf93k423kf44") && !dbg.contains("pfkkdhi9sl3r4s00"));
        // PLAINTEXT (RFC 5849 §3.4.4): the key itself.
        let plain = OAuthSigner {
            method: SignatureMethod::Plaintext,
            ..signer
        };
        assert_eq!(
            plain.signature("GET", url).unwrap().expose(),
            "kd94hf93k423kf44&pfkkdhi9sl3r4s00"
        );
    }

    #[test]
    fn keystone_calls_are_signed_and_checked() {
        let ks = ServiceEndpoint::new(ServiceType::IDENTITY, "http://ks:5000/v3").unwrap();
        let now = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let signer = OAuthSigner::new("c0ffee", Secret::new("s3cr3t"), now, "abc123");
        let req = request_token(&signer, "p1").request(&ks).unwrap();
        assert_eq!(req.uri(), "http://ks:5000/v3/OS-OAUTH1/request_token");
        assert_eq!(req.headers()["requested-project-id"], "p1");
        let auth = req.headers()[AUTHORIZATION].to_str().unwrap();
        assert!(auth.contains("oauth_callback=\"oob\""), "{auth}");
        let expected = OAuthSigner {
            callback: Some("oob".into()),
            ..signer.clone()
        }
        .authorization("POST", "http://ks:5000/v3/OS-OAUTH1/request_token")
        .unwrap();
        assert_eq!(req.headers()[AUTHORIZATION], expected);
        assert!(request_token(&signer, "").request(&ks).is_err());
        let bad_nonce = OAuthSigner {
            nonce: "not a nonce".into(),
            ..signer.clone()
        };
        assert!(request_token(&bad_nonce, "p1").request(&ks).is_err());

        // The access token needs the request token and the verifier.
        assert!(create_access_token(&signer).request(&ks).is_err());
        let rt = OAuthToken {
            id: "r1".into(),
            secret: Secret::new("rs"),
            expires_at: None,
        };
        let exchange = signer
            .clone()
            .with_token(&rt)
            .with_verifier(Secret::new("v1"));
        let req = create_access_token(&exchange).request(&ks).unwrap();
        let auth = req.headers()[AUTHORIZATION].to_str().unwrap();
        assert!(auth.contains("oauth_token=\"r1\"") && auth.contains("oauth_verifier=\"v1\""));

        // Logging in: the oauth1 method, signed with the access token.
        assert!(token(&signer).request(&ks).is_err());
        let login = signer.with_token(&rt);
        let req = token(&login).request(&ks).unwrap();
        assert_eq!(req.uri(), "http://ks:5000/v3/auth/tokens");
        assert_eq!(
            req.body().as_ref(),
            br#"{"auth":{"identity":{"methods":["oauth1"],"oauth1":{}}}}"#
        );
        assert!(req.headers()[AUTHORIZATION]
            .to_str()
            .unwrap()
            .contains("oauth_token=\"r1\""));
    }

    #[test]
    fn gophercloud_vectors() {
        // gophercloud's oauth1 unit tests: consumer 7fea2d/secretsecret, a fake Keystone
        // on port 33199, fixed timestamps and nonces; the whole header must match.
        let ks =
            ServiceEndpoint::with_suffix(ServiceType::IDENTITY, "http://127.0.0.1:33199/", None)
                .unwrap();
        let at = |secs| UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let consumer =
            |secs, nonce| OAuthSigner::new("7fea2d", Secret::new("secretsecret"), at(secs), nonce);
        let header =
            |req: Request<Bytes>| req.headers()[AUTHORIZATION].to_str().unwrap().to_owned();

        let req = request_token(
            &consumer(0, "71416001758914252991586795052"),
            "1df927e8a466498f98788ed73d3c8ab4",
        )
        .request(&ks)
        .unwrap();
        assert_eq!(
            header(req),
            r#"OAuth oauth_callback="oob", oauth_consumer_key="7fea2d", oauth_nonce="71416001758914252991586795052", oauth_signature_method="HMAC-SHA1", oauth_timestamp="0", oauth_version="1.0", oauth_signature="jCSPVryCYF52Ks0VNNmBmeKSGuw%3D""#
        );

        let request = OAuthToken {
            id: "29971f".into(),
            secret: Secret::new("238eb8"),
            expires_at: None,
        };
        let exchange = consumer(1586804894, "66148873158553341551586804894")
            .with_token(&request)
            .with_verifier(Secret::new("8171"));
        assert_eq!(
            header(create_access_token(&exchange).request(&ks).unwrap()),
            r#"OAuth oauth_consumer_key="7fea2d", oauth_nonce="66148873158553341551586804894", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1586804894", oauth_token="29971f", oauth_verifier="8171", oauth_version="1.0", oauth_signature="usQ89Y3IYG0IBE7%2Ft8aVsc8XgEk%3D""#
        );

        let access = OAuthToken {
            id: "accd36".into(),
            secret: Secret::new("aa47da"),
            expires_at: None,
        };
        let login = consumer(0, "66148873158553341551586804894").with_token(&access);
        assert_eq!(
            header(token(&login).request(&ks).unwrap()),
            r#"OAuth oauth_consumer_key="7fea2d", oauth_nonce="66148873158553341551586804894", oauth_signature_method="HMAC-SHA1", oauth_timestamp="0", oauth_token="accd36", oauth_version="1.0", oauth_signature="JgMHu4e7rXGlqz3A%2FLhHDMvtjp8%3D""#
        );
    }

    #[test]
    fn token_answers_are_read() {
        let resp = |b: &'static str| Response::new(Bytes::from_static(b.as_bytes()));
        let t = parse_token(resp(
            "oauth_token=29971f&oauth_token_secret=238eb8%2Bx&oauth_expires_at=2013-09-11T06:07:51.501805Z",
        ))
        .unwrap();
        assert_eq!((t.id.as_str(), t.secret.expose()), ("29971f", "238eb8+x"));
        assert!(t.expires_at.is_some());
        assert!(!format!("{t:?}").contains("238eb8"));
        assert!(parse_token(resp("oauth_token=1")).is_err());
        assert!(parse_token(resp(
            "oauth_token=1&oauth_token_secret=2&oauth_expires_at=soon"
        ))
        .is_err());
    }
}
