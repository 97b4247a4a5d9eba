//! Temp URLs and form POST signatures, fully sans-IO: given the account's key (set with
//! [`accounts::update`](super::accounts::update), `temp_url_key`) and an expiry, they
//! give a URL (or form fields) anyone can use without a token until then.
//!
//! The signature is an HMAC (SHA-1, SHA-256 or SHA-512; Swift deprecates SHA-1) over the
//! method, the expiry and the object's path, optionally restricted to a client IP range,
//! or covering every object under a name prefix. The expiry is a Unix time in seconds:
//! read the clock yourself (`client.transport().now()` in a driver), nothing here does.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use std::time::UNIX_EPOCH;
//! use ferrocloud::object_storage::temp_url::{self, Digest, TempUrl};
//! let swift = client.object_storage();
//! let now = client.transport().now().duration_since(UNIX_EPOCH).unwrap().as_secs();
//! let svc = swift.service_client().await?;
//! let url = temp_url::temp_url(&svc, "docs", "report.pdf", "the-account-key", &TempUrl {
//!     expires: now + 3600,
//!     ..TempUrl::get(Digest::Sha256)
//! })?;
//! println!("share {url}");
//! # Ok(()) }
//! ```

use hmac::{Hmac, Mac};
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
pub fn hmac_hex(digest: &Digest, key: &[u8], message: &[u8]) -> Option<String> {
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

/// What a temp URL allows ([`temp_url`], [`sign`]).
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
pub fn sign(path: &str, key: &str, opts: &TempUrl) -> Result<String, InvalidInput> {
    let mut message = String::new();
    if let Some(ip) = &opts.ip_range {
        message.push_str(&format!("ip={ip}\n"));
    }
    match &opts.prefix {
        Some(prefix) => message.push_str(&format!(
            "{}\n{}\nprefix:{}/{prefix}",
            opts.method, opts.expires, path
        )),
        None => message.push_str(&format!("{}\n{}\n{path}", opts.method, opts.expires)),
    }
    hmac_hex(&opts.digest, key.as_bytes(), message.as_bytes())
        .ok_or_else(|| InvalidInput::field("digest", format!("{} is not supported", opts.digest)))
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

/// A temp URL for `container`/`object` on `svc`'s account: the object's URL with
/// `temp_url_sig`, `temp_url_expires` (and the options') query parameters. With
/// [`TempUrl::prefix`], `object` must start with the prefix.
pub fn temp_url(
    svc: &ServiceEndpoint,
    container: &str,
    object: &str,
    key: &str,
    opts: &TempUrl,
) -> Result<String, InvalidInput> {
    check_container(container)?;
    InvalidInput::require(!key.is_empty(), "key", "the temp URL key must not be empty")?;
    if let Some(prefix) = &opts.prefix {
        InvalidInput::require(
            object.starts_with(prefix.as_str()),
            "object",
            "must start with the signed prefix",
        )?;
    }
    let account = account_path(svc)?;
    let signed_path = match &opts.prefix {
        Some(_) => format!("{account}/{container}"),
        None => format!("{account}/{container}/{object}"),
    };
    let sig = sign(&signed_path, key, opts)?;
    let q = Query::new()
        .push("temp_url_sig", sig)
        .push("temp_url_expires", opts.expires)
        .push_opt("temp_url_prefix", opts.prefix.as_deref())
        .push_opt("temp_url_ip_range", opts.ip_range.as_deref())
        .push_opt("filename", opts.filename.as_deref());
    let q = if opts.inline { q.push("inline", "") } else { q };
    Ok(svc.url(&path!("{}/{}", container, object)?, &q))
}

/// A form POST signature's limits ([`form_post`]).
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

/// A form POST signature for uploads into `container` with object names starting with
/// `prefix` (each file's name is appended to it).
pub fn form_post(
    svc: &ServiceEndpoint,
    container: &str,
    prefix: &str,
    key: &str,
    opts: &FormPost,
) -> Result<SignedForm, InvalidInput> {
    check_container(container)?;
    InvalidInput::require(!key.is_empty(), "key", "the temp URL key must not be empty")?;
    let path = format!("{}/{container}/{prefix}", account_path(svc)?);
    let message = format!(
        "{path}\n{}\n{}\n{}\n{}",
        opts.redirect, opts.max_file_size, opts.max_file_count, opts.expires
    );
    let signature =
        hmac_hex(&opts.digest, key.as_bytes(), message.as_bytes()).ok_or_else(|| {
            InvalidInput::field("digest", format!("{} is not supported", opts.digest))
        })?;
    let url_path = if prefix.is_empty() {
        format!("{}/", path!("{}", container)?)
    } else {
        path!("{}/{}", container, prefix)?
    };
    Ok(SignedForm {
        url: svc.url(&url_path, &Query::new()),
        fields: vec![
            ("redirect", opts.redirect.clone()),
            ("max_file_size", opts.max_file_size.to_string()),
            ("max_file_count", opts.max_file_count.to_string()),
            ("expires", opts.expires.to_string()),
            ("signature", signature),
        ],
    })
}

#[cfg(test)]
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
}
