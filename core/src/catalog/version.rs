//! API version discovery and microversion negotiation, for every service with
//! microversions (Nova, Cinder, Placement, Manila, Ironic, …).
//!
//! [`discover`] reads the version document at the root of the service's API version (the
//! endpoint's path up to its version segment, so a catalog URL carrying a project id still
//! works): the version's status and the range of microversions the server supports.
//! [`ApiVersion::choose`] picks the highest microversion both sides know;
//! [`Service::negotiate`](crate::Service::negotiate) does both and sets it on the handle.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::version;
//! let nova = client.compute();
//! let v = nova.call(&version::discover()).await?;
//! println!("{} {:?}: microversions {:?} to {:?}", v.id, v.status, v.min_version, v.version);
//! // Or in one step: the highest microversion this code was written for and the server has.
//! let nova = nova.negotiate("2.96").await?;
//! # Ok(()) }
//! ```

use std::fmt;
use std::str::FromStr;

use bytes::Bytes;
use http::{Method, Request, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::endpoint::{is_version_segment, Body, ServiceEndpoint};
use crate::request::op::{decode_json, Operation};
use crate::{Error, InvalidInput, Link, Result, Timestamp};

/// A microversion, `major.minor`, ordered numerically (`2.10` > `2.9`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Microversion {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
}

impl FromStr for Microversion {
    type Err = InvalidInput;
    fn from_str(s: &str) -> std::result::Result<Self, InvalidInput> {
        let bad = || InvalidInput::field("microversion", format!("{s:?} is not MAJOR.MINOR"));
        let (major, minor) = s.trim().split_once('.').ok_or_else(bad)?;
        Ok(Microversion {
            major: major.parse().map_err(|_| bad())?,
            minor: minor.parse().map_err(|_| bad())?,
        })
    }
}

impl fmt::Display for Microversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// A version of a service's API, as its version document describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiVersion {
    /// Its id (`v2.1`, `v3.0`, `v1.0`).
    pub id: String,
    /// `CURRENT`, `SUPPORTED` or `DEPRECATED`.
    pub status: Option<String>,
    /// The highest microversion (`version` in Nova and Cinder, `max_version` in Placement
    /// and Ironic); `None` or empty for services without microversions.
    #[serde(alias = "max_version")]
    pub version: Option<String>,
    /// The lowest microversion.
    pub min_version: Option<String>,
    /// When it last changed.
    pub updated: Option<Timestamp>,
    /// Links (`self`, `describedby`).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields (`media-types`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ApiVersion {
    /// `CURRENT` (Keystone says `stable`).
    pub fn is_current(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("current") || s.eq_ignore_ascii_case("stable"))
    }

    /// The highest microversion the server supports, if it has microversions.
    pub fn max_microversion(&self) -> Option<Microversion> {
        self.version.as_deref().and_then(|v| v.parse().ok())
    }

    /// The lowest microversion the server supports, if it has microversions.
    pub fn min_microversion(&self) -> Option<Microversion> {
        self.min_version.as_deref().and_then(|v| v.parse().ok())
    }

    /// The highest microversion both the server and code written for `highest_known`
    /// support: `Ok(None)` when the server has no microversions, an error when its lowest
    /// is above `highest_known`.
    pub fn choose(&self, highest_known: Microversion) -> Result<Option<Microversion>> {
        let Some(max) = self.max_microversion() else {
            return Ok(None);
        };
        let min = self.min_microversion().unwrap_or(max);
        if highest_known < min {
            return Err(InvalidInput::field(
                "microversion",
                format!(
                    "the server supports microversions {min} to {max}; this code knows up to {highest_known}"
                ),
            )
            .into());
        }
        Ok(Some(highest_known.min(max)))
    }
}

/// The operation of [`discover`] and [`discover_all`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Discover {
    /// The unversioned root (every version) instead of the current version's root.
    all: bool,
}

/// The operation of [`discover_all`]: every API version the service offers.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiscoverAll(Discover);

/// `GET` the version document of the service's API version: the root of the endpoint's
/// path up to its version segment (`…/v2.1/`, `…/v3/`), or the endpoint itself when it
/// has none (Placement). Reads `{"version": …}` or `{"versions": […]}` (the current one,
/// else the last).
pub fn discover() -> Discover {
    Discover { all: false }
}

/// `GET` the service's unversioned root (the endpoint's path before its version segment):
/// every API version it offers. Works for every service (Keystone, Glance and Neutron
/// too, which have no document at their version root); a `300 Multiple Choices` answer is
/// the usual one here.
pub fn discover_all() -> DiscoverAll {
    DiscoverAll(Discover { all: true })
}

/// `path` up to and including its last version segment (`v2.1`, `v3`), with a `/`; or up
/// to and excluding it (`unversioned`).
fn version_root(path: &str, unversioned: bool) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let keep = segments
        .iter()
        .rposition(|s| is_version_segment(s))
        .map_or(segments.len(), |i| if unversioned { i } else { i + 1 });
    let mut out = String::from("/");
    for s in &segments[..keep] {
        out.push_str(s);
        out.push('/');
    }
    out
}

impl Operation for Discover {
    type Output = ApiVersion;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        let base = svc.base_uri();
        let root = version_root(base.path(), self.all);
        let url = format!(
            "{}://{}{root}",
            base.scheme_str().unwrap_or("http"),
            base.authority().map_or("", |a| a.as_str())
        );
        svc.request_url(Method::GET, &url, Body::empty())
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<ApiVersion> {
        let mut versions = read_versions(resp.body())?;
        let current = versions
            .iter()
            .position(ApiVersion::is_current)
            .or(versions.len().checked_sub(1))
            .ok_or_else(|| Error::decode_msg("version document", "no version in it"))?;
        Ok(versions.swap_remove(current))
    }
}

impl Operation for DiscoverAll {
    type Output = Vec<ApiVersion>;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        self.0.request(svc)
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<Vec<ApiVersion>> {
        read_versions(resp.body())
    }
}

/// `{"version": …}`, `{"versions": […]}` or Keystone's `{"versions": {"values": […]}}`.
fn read_versions(body: &[u8]) -> Result<Vec<ApiVersion>> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Versions {
        List(Vec<ApiVersion>),
        Values { values: Vec<ApiVersion> },
    }
    #[derive(Deserialize)]
    struct Doc {
        version: Option<ApiVersion>,
        versions: Option<Versions>,
    }
    let doc: Doc = decode_json("version document", body)?;
    Ok(match (doc.version, doc.versions) {
        (Some(v), _) => vec![v],
        (None, Some(Versions::List(l) | Versions::Values { values: l })) => l,
        (None, None) => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ServiceType;

    #[test]
    fn microversions_order_numerically_and_parse_strictly() {
        let v = |s: &str| s.parse::<Microversion>().unwrap();
        assert!(v("2.10") > v("2.9"));
        assert!(v("3.0") > v("2.104"));
        assert_eq!(v("2.96").to_string(), "2.96");
        for bad in ["2", "2.x", "", "latest", "1.2.3"] {
            assert!(bad.parse::<Microversion>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_version_root_drops_what_follows_the_version_segment() {
        let req = |url: &str| {
            let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, url).unwrap();
            discover().request(&svc).unwrap().uri().to_string()
        };
        assert_eq!(req("http://h:8776/v3/ab0a82"), "http://h:8776/v3/");
        assert_eq!(req("http://h:8776/volume/v3"), "http://h:8776/volume/v3/");
        let svc =
            ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/volume/v3/p1").unwrap();
        assert_eq!(
            discover_all().request(&svc).unwrap().uri(),
            "http://h/volume/"
        );
        let placement =
            ServiceEndpoint::with_suffix(ServiceType::PLACEMENT, "http://h:8778", None).unwrap();
        assert_eq!(
            discover().request(&placement).unwrap().uri(),
            "http://h:8778/"
        );
    }

    #[test]
    fn choose_takes_the_highest_both_know() {
        let nova = ApiVersion {
            id: "v2.1".into(),
            version: Some("2.104".into()),
            min_version: Some("2.1".into()),
            ..Default::default()
        };
        let v = |s: &str| s.parse::<Microversion>().unwrap();
        assert_eq!(nova.choose(v("2.96")).unwrap(), Some(v("2.96")));
        assert_eq!(nova.choose(v("2.200")).unwrap(), Some(v("2.104")));
        let newer = ApiVersion {
            min_version: Some("2.50".into()),
            ..nova.clone()
        };
        assert!(newer
            .choose(v("2.10"))
            .unwrap_err()
            .to_string()
            .contains("2.50 to 2.104"));
        let glance = ApiVersion {
            id: "v2.16".into(),
            ..Default::default()
        };
        assert_eq!(glance.choose(v("2.1")).unwrap(), None);
        // Placement says max_version.
        let p: ApiVersion =
            serde_json::from_str(r#"{"id": "v1.0", "max_version": "1.39", "min_version": "1.0"}"#)
                .unwrap();
        assert_eq!(p.max_microversion(), Some(v("1.39")));
    }
}
