//! Temp URLs and form POST signatures, fully sans-IO: given the account's key (set with
//! [`accounts::update`](super::accounts::update), `temp_url_key`) and an expiry, they
//! give a URL (or form fields) anyone can use without a token until then.
//!
//! The signature is an HMAC (SHA-1, SHA-256 or SHA-512; Swift deprecates SHA-1) over the
//! method, the expiry and the object's path, optionally restricted to a client IP range,
//! or covering every object under a name prefix. The expiry is a Unix time in seconds:
//! read the clock yourself (`client.transport().now()` in a driver), nothing here does.
//!
//! Signing happens in one of two ways:
//! - `temp_url()` and `form_post()` sign with the key in Rust (feature `temp-url-hmac`,
//!   on by default; it pulls in HMAC-SHA1/256/512);
//! - [`prepare`] and [`prepare_form`] give the [message](UnsignedTempUrl::message) to
//!   sign and finish the URL or form with a signature made elsewhere: WebCrypto's
//!   `crypto.subtle.sign("HMAC", …)` in a browser (no hashing code in the bundle), or a
//!   service that keeps the key to itself.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use std::time::UNIX_EPOCH;
//! use ferrocloud::object_storage::temp_url::{self, Digest, TempUrl};
//! let swift = client.object_storage();
//! let now = client.transport().now().duration_since(UNIX_EPOCH).unwrap().as_secs();
//! let svc = swift.service_client().await?;
//! let opts = TempUrl { expires: now + 3600, ..TempUrl::get(Digest::Sha256) };
//! # #[cfg(feature = "temp-url-hmac")]
//! let url = temp_url::temp_url(&svc, "docs", "report.pdf", "the-account-key", &opts)?;
//! // The same URL, signed by someone else:
//! let unsigned = temp_url::prepare(&svc, "docs", "report.pdf", &opts)?;
//! # let hmac_sha256_hex = |_: &str| String::new();
//! let url = unsigned.signed(&hmac_sha256_hex(unsigned.message()))?;
//! println!("share {url}");
//! # Ok(()) }
//! ```

use http::Method;
use percent_encoding::percent_decode_str;

use super::check_container;
use crate::{path, InvalidInput, Query, ServiceEndpoint};

crate::string_enum! {
    /// The HMAC digest of a signature.
    pub enum Digest {
        /// HMAC-SHA256 (the default of current Swift).
        Sha256 = "sha256",
        /// HMAC-SHA512.
        Sha512 = "sha512",
        /// HMAC-SHA1 (deprecated by Swift, still accepted by default).
        Sha1 = "sha1",
    }
}

impl Digest {
    /// The length of this digest's signature in hex digits (Swift tells digests apart by
    /// it); `None` for a digest this version does not know.
    pub fn hex_len(&self) -> Option<usize> {
        match self {
            Digest::Sha1 => Some(40),
            Digest::Sha256 => Some(64),
            Digest::Sha512 => Some(128),
            Digest::Other(_) => None,
        }
    }

    /// [`Digest::hex_len`], or the error for a digest this version cannot sign.
    fn supported_len(&self) -> Result<usize, InvalidInput> {
        self.hex_len().ok_or_else(|| self.unsupported())
    }

    fn unsupported(&self) -> InvalidInput {
        InvalidInput::field("digest", format!("{self} is not supported"))
    }

    /// Checks that `signature` is a lowercase or uppercase hex HMAC of this digest's size.
    fn check(&self, signature: &str) -> Result<(), InvalidInput> {
        let len = self.supported_len()?;
        InvalidInput::require(
            signature.len() == len && signature.bytes().all(|b| b.is_ascii_hexdigit()),
            "signature",
            format!("must be the {self} HMAC in hex ({len} hex digits)"),
        )
    }
}

/// `HMAC(key, message)` in lowercase hex with `digest`, the form Swift accepts for every
/// digest (it tells them apart by length). `None` for a digest this version does not know.
///
/// ```
/// use ferrocloud::object_storage::temp_url::{hmac_hex, Digest};
/// // RFC 2202, test case 2.
/// assert_eq!(
///     hmac_hex(&Digest::Sha1, b"Jefe", b"what do ya want for nothing?").unwrap(),
///     "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
/// );
/// ```
#[cfg(feature = "temp-url-hmac")]
pub fn hmac_hex(digest: &Digest, key: &[u8], message: &[u8]) -> Option<String> {
    use hmac::{Hmac, Mac};
    fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> String {
        let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key)
            .expect("HMAC takes keys of any length");
        mac.update(message);
        let out = mac.finalize().into_bytes();
        let mut hex = String::with_capacity(out.len() * 2);
        for b in out {
            hex.push_str(&format!("{b:02x}"));
        }
        hex
    }
    Some(match digest {
        Digest::Sha1 => run::<Hmac<sha1::Sha1>>(key, message),
        Digest::Sha256 => run::<Hmac<sha2::Sha256>>(key, message),
        Digest::Sha512 => run::<Hmac<sha2::Sha512>>(key, message),
        Digest::Other(_) => return None,
    })
}

/// Signs `message` under `key`, or says why not.
#[cfg(feature = "temp-url-hmac")]
fn hmac_checked(digest: &Digest, key: &str, message: &str) -> Result<String, InvalidInput> {
    InvalidInput::require(!key.is_empty(), "key", "the temp URL key must not be empty")?;
    hmac_hex(digest, key.as_bytes(), message.as_bytes()).ok_or_else(|| digest.unsupported())
}

/// What a temp URL allows ([`prepare`]; `temp_url()` and `sign()` with the `temp-url-hmac` feature).
#[derive(Debug, Clone)]
pub struct TempUrl {
    /// The method allowed (`GET` also allows `HEAD`; Swift takes `GET`, `HEAD`, `PUT`,
    /// `POST` and `DELETE` by default).
    pub method: Method,
    /// Unix time (seconds) after which the URL is refused.
    pub expires: u64,
    /// The HMAC digest.
    pub digest: Digest,
    /// Only clients in this IP address or CIDR range (`temp_url_ip_range`).
    pub ip_range: Option<String>,
    /// Sign a name prefix instead of one object: the URL then works for every object of
    /// the container whose name starts with it (`temp_url_prefix`).
    pub prefix: Option<String>,
    /// `filename=`: the name browsers save the download as.
    pub filename: Option<String>,
    /// `inline`: ask browsers to show the object rather than save it.
    pub inline: bool,
}

impl TempUrl {
    /// A `GET` temp URL with `digest`, expiring at the Unix epoch: set `expires`.
    pub fn get(digest: Digest) -> Self {
        TempUrl {
            method: Method::GET,
            expires: 0,
            digest,
            ip_range: None,
            prefix: None,
            filename: None,
            inline: false,
        }
    }

    /// The message Swift expects signed for the object at `path` (decoded, as in
    /// [`sign`]).
    fn message(&self, path: &str) -> String {
        let ip = match &self.ip_range {
            Some(ip) => format!("ip={ip}\n"),
            None => String::new(),
        };
        match &self.prefix {
            Some(prefix) => format!(
                "{ip}{}\n{}\nprefix:{path}/{prefix}",
                self.method, self.expires
            ),
            None => format!("{ip}{}\n{}\n{path}", self.method, self.expires),
        }
    }
}

/// The signature of `opts` for the object at `path` (`/v1/AUTH_<project>/<container>/<object>`,
/// not percent-encoded, as Swift sees it) under `key`. With a prefix, `path` is the
/// container's path and the signature covers `<path>/<prefix>`.
///
/// ```
/// use ferrocloud::object_storage::temp_url::{sign, Digest, TempUrl};
/// let opts = TempUrl { expires: 1323479485, ..TempUrl::get(Digest::Sha1) };
/// let sig = sign("/v1/AUTH_account/container/object", "mykey", &opts).unwrap();
/// assert_eq!(sig.len(), 40);
/// ```
#[cfg(feature = "temp-url-hmac")]
pub fn sign(path: &str, key: &str, opts: &TempUrl) -> Result<String, InvalidInput> {
    hmac_checked(&opts.digest, key, &opts.message(path))
}

/// The path of the account as Swift sees it (`/v1/AUTH_<project>`, decoded).
fn account_path(svc: &ServiceEndpoint) -> Result<String, InvalidInput> {
    let base = url::Url::parse(svc.base_url())
        .map_err(|_| InvalidInput::field("endpoint", "not a URL"))?;
    let path = percent_decode_str(base.path().trim_end_matches('/'))
        .decode_utf8()
        .map_err(|_| InvalidInput::field("endpoint", "its path is not UTF-8"))?;
    Ok(path.into_owned())
}

/// A temp URL waiting for its signature ([`prepare`]): HMAC [`message`](Self::message)
/// under the temp URL key with [`digest`](Self::digest), in hex, then
/// [`signed`](Self::signed) gives the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsignedTempUrl {
    message: String,
    digest: Digest,
    /// The object's URL up to its query.
    url: String,
    /// The query after `temp_url_sig=<sig>`, starting with `&`.
    rest: String,
}

impl UnsignedTempUrl {
    /// What to sign: the exact bytes Swift will sign to check the URL.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HMAC digest to sign with.
    pub fn digest(&self) -> &Digest {
        &self.digest
    }

    /// The temp URL carrying `signature` (the HMAC of [`message`](Self::message) in hex).
    /// A signature that is not hex of the digest's length is an error, not a broken URL.
    pub fn signed(&self, signature: &str) -> Result<String, InvalidInput> {
        self.digest.check(signature)?;
        Ok(format!(
            "{}?temp_url_sig={signature}{}",
            self.url, self.rest
        ))
    }

    /// The temp URL signed here with `key` (feature `temp-url-hmac`).
    #[cfg(feature = "temp-url-hmac")]
    pub fn sign(&self, key: &str) -> Result<String, InvalidInput> {
        self.signed(&hmac_checked(&self.digest, key, &self.message)?)
    }
}

/// A temp URL for `container`/`object` on `svc`'s account, to be signed by the caller
/// ([`UnsignedTempUrl`]). With [`TempUrl::prefix`], `object` must start with the prefix.
///
/// ```
/// use ferrocloud::object_storage::temp_url::{prepare, Digest, TempUrl};
/// use ferrocloud::{ServiceEndpoint, ServiceType};
/// let svc = ServiceEndpoint::new(ServiceType::OBJECT_STORE, "https://swift.example/v1/AUTH_p")?;
/// let opts = TempUrl { expires: 1700000000, ..TempUrl::get(Digest::Sha256) };
/// let unsigned = prepare(&svc, "docs", "a b.pdf", &opts)?;
/// assert_eq!(unsigned.message(), "GET\n1700000000\n/v1/AUTH_p/docs/a b.pdf");
/// let sig = "ab".repeat(32); // the HMAC-SHA256, made elsewhere (WebCrypto, a signer service)
/// assert_eq!(
///     unsigned.signed(&sig)?,
///     format!("https://swift.example/v1/AUTH_p/docs/a%20b.pdf?temp_url_sig={sig}&temp_url_expires=1700000000")
/// );
/// assert!(unsigned.signed("not hex").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn prepare(
    svc: &ServiceEndpoint,
    container: &str,
    object: &str,
    opts: &TempUrl,
) -> Result<UnsignedTempUrl, InvalidInput> {
    check_container(container)?;
    if let Some(prefix) = &opts.prefix {
        InvalidInput::require(
            object.starts_with(prefix.as_str()),
            "object",
            "must start with the signed prefix",
        )?;
    }
    opts.digest.supported_len()?;
    let account = account_path(svc)?;
    let signed_path = match &opts.prefix {
        Some(_) => format!("{account}/{container}"),
        None => format!("{account}/{container}/{object}"),
    };
    let q = Query::new()
        .push("temp_url_expires", opts.expires)
        .push_opt("temp_url_prefix", opts.prefix.as_deref())
        .push_opt("temp_url_ip_range", opts.ip_range.as_deref())
        .push_opt("filename", opts.filename.as_deref());
    let q = if opts.inline { q.push("inline", "") } else { q };
    let full = svc.url(&path!("{}/{}", container, object)?, &q);
    let (url, query) = full.split_once('?').unwrap_or((&full, ""));
    Ok(UnsignedTempUrl {
        message: opts.message(&signed_path),
        digest: opts.digest.clone(),
        url: url.to_owned(),
        rest: format!("&{query}"),
    })
}

/// A temp URL for `container`/`object` on `svc`'s account, signed with `key`: the
/// object's URL with `temp_url_sig`, `temp_url_expires` (and the options') query
/// parameters. With [`TempUrl::prefix`], `object` must start with the prefix.
#[cfg(feature = "temp-url-hmac")]
pub fn temp_url(
    svc: &ServiceEndpoint,
    container: &str,
    object: &str,
    key: &str,
    opts: &TempUrl,
) -> Result<String, InvalidInput> {
    prepare(svc, container, object, opts)?.sign(key)
}

/// A form POST signature's limits ([`prepare_form`]; `form_post()` with the `temp-url-hmac` feature).
#[derive(Debug, Clone)]
pub struct FormPost {
    /// Where Swift redirects the browser afterwards (`""` for no redirect: Swift then
    /// answers with a status page).
    pub redirect: String,
    /// The largest file accepted, in bytes.
    pub max_file_size: u64,
    /// The most files one POST may carry.
    pub max_file_count: u64,
    /// Unix time (seconds) after which the form is refused.
    pub expires: u64,
    /// The HMAC digest.
    pub digest: Digest,
}

/// A signed form: the `action` URL and the hidden fields, to send (in this order, before
/// the files) as `multipart/form-data`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedForm {
    /// The form's `action`: the container URL with the object name prefix.
    pub url: String,
    /// `redirect`, `max_file_size`, `max_file_count`, `expires` and `signature`.
    pub fields: Vec<(&'static str, String)>,
}

/// A form waiting for its signature ([`prepare_form`]): as [`UnsignedTempUrl`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsignedForm {
    message: String,
    digest: Digest,
    form: SignedForm,
}

impl UnsignedForm {
    /// What to sign.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HMAC digest to sign with.
    pub fn digest(&self) -> &Digest {
        &self.digest
    }

    /// The form carrying `signature` (the HMAC of [`message`](Self::message) in hex).
    pub fn signed(&self, signature: &str) -> Result<SignedForm, InvalidInput> {
        self.digest.check(signature)?;
        let mut form = self.form.clone();
        form.fields.push(("signature", signature.to_owned()));
        Ok(form)
    }

    /// The form signed here with `key` (feature `temp-url-hmac`).
    #[cfg(feature = "temp-url-hmac")]
    pub fn sign(&self, key: &str) -> Result<SignedForm, InvalidInput> {
        self.signed(&hmac_checked(&self.digest, key, &self.message)?)
    }
}

/// A form POST for uploads into `container` with object names starting with `prefix`,
/// to be signed by the caller ([`UnsignedForm`]).
pub fn prepare_form(
    svc: &ServiceEndpoint,
    container: &str,
    prefix: &str,
    opts: &FormPost,
) -> Result<UnsignedForm, InvalidInput> {
    check_container(container)?;
    opts.digest.supported_len()?;
    let path = format!("{}/{container}/{prefix}", account_path(svc)?);
    let message = format!(
        "{path}\n{}\n{}\n{}\n{}",
        opts.redirect, opts.max_file_size, opts.max_file_count, opts.expires
    );
    let url_path = if prefix.is_empty() {
        format!("{}/", path!("{}", container)?)
    } else {
        path!("{}/{}", container, prefix)?
    };
    Ok(UnsignedForm {
        message,
        digest: opts.digest.clone(),
        form: SignedForm {
            url: svc.url(&url_path, &Query::new()),
            fields: vec![
                ("redirect", opts.redirect.clone()),
                ("max_file_size", opts.max_file_size.to_string()),
                ("max_file_count", opts.max_file_count.to_string()),
                ("expires", opts.expires.to_string()),
            ],
        },
    })
}

/// A form POST signature for uploads into `container` with object names starting with
/// `prefix` (each file's name is appended to it), signed with `key`.
#[cfg(feature = "temp-url-hmac")]
pub fn form_post(
    svc: &ServiceEndpoint,
    container: &str,
    prefix: &str,
    key: &str,
    opts: &FormPost,
) -> Result<SignedForm, InvalidInput> {
    prepare_form(svc, container, prefix, opts)?.sign(key)
}

#[cfg(all(test, feature = "temp-url-hmac"))]
mod tests {
    use super::*;
    use crate::ServiceType;

    // Reference values computed independently with Python's `hmac` module:
    // hmac.new(b"mykey", b"GET\n1323479485\n/v1/AUTH_account/container/object", sha1).hexdigest()
    const SHA1_GET: &str = "d9fc2067e52b06598421664cf6610bfc8fc431f6";
    // The same with sha256.
    const SHA256_GET: &str = "05cb4ea08a08f2fdaef35d0f344975370077835c23bdc9342099ecbf03bc0378";
    // hmac.new(b"mykey", "GET\n1323479485\n/v1/AUTH_account/c/a/é b".encode(), sha1).hexdigest()
    const SHA1_NON_ASCII: &str = "ec0ffe2be44b640a10906614766af48660d397f0";

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::OBJECT_STORE, "http://h:8080/v1/AUTH_account").unwrap()
    }

    #[test]
    fn rfc_4231_vectors() {
        // RFC 4231 test case 2.
        let (key, data) = (b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hmac_hex(&Digest::Sha256, key, data).unwrap(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hmac_hex(&Digest::Sha512, key, data).unwrap(),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
        assert!(hmac_hex(&Digest::Other("md5".into()), key, data).is_none());
    }

    #[test]
    fn temp_url_signs_the_decoded_path() {
        let opts = TempUrl {
            expires: 1323479485,
            ..TempUrl::get(Digest::Sha1)
        };
        let url = temp_url(&svc(), "container", "object", "mykey", &opts).unwrap();
        assert_eq!(
            url,
            format!("http://h:8080/v1/AUTH_account/container/object?temp_url_sig={SHA1_GET}&temp_url_expires=1323479485")
        );
        // Non-ASCII and '/' in names: the URL is encoded, the signature covers the
        // decoded path.
        let url = temp_url(&svc(), "c", "a/é b", "mykey", &opts).unwrap();
        assert!(url.starts_with("http://h:8080/v1/AUTH_account/c/a%2F%C3%A9%20b?temp_url_sig="));
        assert!(url.contains(SHA1_NON_ASCII));
        let sha256 = TempUrl {
            digest: Digest::Sha256,
            ..opts
        };
        assert_eq!(
            sign("/v1/AUTH_account/container/object", "mykey", &sha256).unwrap(),
            SHA256_GET
        );
    }

    #[test]
    fn prefix_ip_and_checks() {
        let opts = TempUrl {
            expires: 1323479485,
            prefix: Some("pre".into()),
            ip_range: Some("127.0.0.1".into()),
            inline: true,
            ..TempUrl::get(Digest::Sha256)
        };
        let url = temp_url(&svc(), "c", "pre/x", "k", &opts).unwrap();
        let sig = hmac_hex(
            &Digest::Sha256,
            b"k",
            b"ip=127.0.0.1\nGET\n1323479485\nprefix:/v1/AUTH_account/c/pre",
        )
        .unwrap();
        assert_eq!(
            url,
            format!("http://h:8080/v1/AUTH_account/c/pre%2Fx?temp_url_sig={sig}&temp_url_expires=1323479485&temp_url_prefix=pre&temp_url_ip_range=127.0.0.1&inline=")
        );
        assert!(temp_url(&svc(), "c", "other", "k", &opts).is_err());
        assert!(temp_url(&svc(), "c", "o", "", &TempUrl::get(Digest::Sha1)).is_err());
        assert!(temp_url(&svc(), "c/d", "o", "k", &TempUrl::get(Digest::Sha1)).is_err());
    }

    #[test]
    fn form_post_fields() {
        let form = form_post(
            &svc(),
            "c",
            "up/",
            "k",
            &FormPost {
                redirect: String::new(),
                max_file_size: 1024,
                max_file_count: 2,
                expires: 1323479485,
                digest: Digest::Sha256,
            },
        )
        .unwrap();
        assert_eq!(form.url, "http://h:8080/v1/AUTH_account/c/up%2F");
        let sig = hmac_hex(
            &Digest::Sha256,
            b"k",
            b"/v1/AUTH_account/c/up/\n\n1024\n2\n1323479485",
        )
        .unwrap();
        assert_eq!(form.fields[4], ("signature", sig));
        assert_eq!(form.fields[1], ("max_file_size", "1024".to_string()));
    }

    #[test]
    fn a_signature_made_elsewhere_gives_the_same_url_and_form() {
        let opts = TempUrl {
            expires: 1323479485,
            ..TempUrl::get(Digest::Sha1)
        };
        let unsigned = prepare(&svc(), "container", "object", &opts).unwrap();
        assert_eq!(
            unsigned.message(),
            "GET\n1323479485\n/v1/AUTH_account/container/object"
        );
        assert_eq!(
            unsigned.signed(SHA1_GET).unwrap(),
            temp_url(&svc(), "container", "object", "mykey", &opts).unwrap()
        );
        // Only hex of the digest's length is a signature: nothing else reaches the URL.
        for bad in [
            "",
            "zz",
            &SHA1_GET[1..],
            &format!("{SHA1_GET}&x=1"),
            &"é".repeat(20),
        ] {
            let err = unsigned.signed(bad).unwrap_err().to_string();
            assert!(err.contains("40 hex digits"), "{err}");
        }
        let other = TempUrl {
            digest: Digest::Other("md5".into()),
            ..opts
        };
        let err = prepare(&svc(), "c", "o", &other).unwrap_err().to_string();
        assert!(err.contains("md5 is not supported"), "{err}");

        let form = FormPost {
            redirect: "https://back".into(),
            max_file_size: 1,
            max_file_count: 1,
            expires: 1323479485,
            digest: Digest::Sha512,
        };
        let unsigned = prepare_form(&svc(), "c", "p/", &form).unwrap();
        let sig = hmac_hex(&Digest::Sha512, b"k", unsigned.message().as_bytes()).unwrap();
        assert_eq!(
            unsigned.signed(&sig).unwrap(),
            form_post(&svc(), "c", "p/", "k", &form).unwrap()
        );
        assert!(unsigned.signed(&sig[..64]).is_err());
    }
}
