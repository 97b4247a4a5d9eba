//! The cluster's capabilities (`GET /info` at the root of the proxy, outside the
//! account): limits (`max_file_size`, `container_listing_limit`, …) and the middlewares
//! enabled, with their settings (`tempurl.allowed_digests`, `slo.max_manifest_segments`,
//! `bulk_delete`, …). Swift answers without a token.
//!
//! The account endpoint is not the root: point a handle at [`endpoint`] first.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::object_storage::info;
//! let swift = client.object_storage();
//! let account = swift.service_client().await?;
//! let root = swift
//!     .clone()
//!     .endpoint_override(info::endpoint(account.endpoint())?)
//!     .version_suffix(None);
//! let caps = root.call(&info::get()).await?;
//! let digests = &caps["tempurl"]["allowed_digests"];
//! println!("temp URLs take {digests}");
//! # Ok(()) }
//! ```

use crate::{path, InvalidInput, Op};

/// The capabilities document: one entry per feature (`swift` for the core limits, then
/// each middleware by name), as Swift sends it.
pub type Capabilities = serde_json::Map<String, serde_json::Value>;

/// `GET /info` (send it on a handle whose endpoint is [`endpoint`]).
pub fn get() -> Op<Capabilities> {
    Op::get(path!("info")).decode_body()
}

/// The proxy's root for `account_endpoint` (`http://h:8080/v1/AUTH_p` →
/// `http://h:8080/`): everything before the version segment.
///
/// ```
/// use ferrocloud::object_storage::info::endpoint;
/// assert_eq!(endpoint("http://h:8080/v1/AUTH_p").unwrap(), "http://h:8080/");
/// assert_eq!(endpoint("https://h/swift/v1/AUTH_p/").unwrap(), "https://h/swift/");
/// assert!(endpoint("http://h:8080/AUTH_p").is_err());
/// ```
pub fn endpoint(account_endpoint: &str) -> Result<String, InvalidInput> {
    let bad = || {
        InvalidInput::field(
            "endpoint",
            format!("{account_endpoint:?} has no version segment (/v1/)"),
        )
    };
    let mut url = url::Url::parse(account_endpoint).map_err(|_| bad())?;
    let segments: Vec<String> = url
        .path_segments()
        .ok_or_else(bad)?
        .map(str::to_owned)
        .collect();
    let at = segments
        .iter()
        .position(|s| crate::request::endpoint::is_version_segment(s))
        .ok_or_else(bad)?;
    let mut path = String::from("/");
    for s in &segments[..at] {
        path.push_str(s);
        path.push('/');
    }
    url.set_path(&path);
    url.set_query(None);
    url.set_fragment(None);
    Ok(url.into())
}
