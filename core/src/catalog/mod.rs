//! The service catalog: finding an endpoint by type (and its aliases), name, region and
//! interface, in both the Keystone v3 and v2 shapes.

pub(crate) mod service_type;
pub mod version;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::{EndpointNotFound, InvalidInput, ServiceType};

/// Which of a service's URLs to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interface {
    /// The public URL (the default).
    #[default]
    Public,
    /// The internal URL.
    Internal,
    /// The admin URL.
    Admin,
}

impl Interface {
    /// `public`, `internal` or `admin`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Interface::Public => "public",
            Interface::Internal => "internal",
            Interface::Admin => "admin",
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Interface {
    type Err = InvalidInput;
    /// Accepts `public`, `internal`, `admin`, and the `publicURL` / `internalURL` /
    /// `adminURL` spellings of `OS_INTERFACE` / `OS_ENDPOINT_TYPE`.
    fn from_str(s: &str) -> Result<Self, InvalidInput> {
        // Fast path: the spelling every catalog uses (no allocation).
        match s {
            "public" => return Ok(Interface::Public),
            "internal" => return Ok(Interface::Internal),
            "admin" => return Ok(Interface::Admin),
            _ => {}
        }
        let l = s.trim().to_ascii_lowercase();
        match l.strip_suffix("url").unwrap_or(&l) {
            "public" => Ok(Interface::Public),
            "internal" => Ok(Interface::Internal),
            "admin" => Ok(Interface::Admin),
            _ => Err(InvalidInput::field(
                "interface",
                format!("{s:?} is not public, internal or admin"),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Interface {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::parse_str(d)
    }
}

/// One endpoint of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// The endpoint's id (v3).
    pub id: Option<String>,
    /// Which interface this URL serves.
    pub interface: Interface,
    /// Region name.
    pub region: Option<String>,
    /// Region id (v3).
    pub region_id: Option<String>,
    /// The URL.
    pub url: String,
}

impl Endpoint {
    fn in_region(&self, region: &str) -> bool {
        self.region.as_deref() == Some(region) || self.region_id.as_deref() == Some(region)
    }
}

/// One service in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// The catalog type, e.g. `compute` or `volumev3`.
    #[serde(rename = "type")]
    pub service_type: String,
    /// The service name, e.g. `nova`.
    pub name: Option<String>,
    /// The service id (v3).
    pub id: Option<String>,
    /// Its endpoints.
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

/// The service catalog of a token.
///
/// ```
/// use ferrocloud::{Catalog, EndpointOpts, Interface, ServiceType};
/// let catalog: Catalog = serde_json::from_str(r#"[
///   {"type": "volumev3", "name": "cinder", "endpoints": [
///     {"interface": "public", "region": "RegionOne", "url": "http://h:8776/v3/p1"}]}
/// ]"#).unwrap();
/// let ep = catalog.find(ServiceType::BLOCK_STORAGE, &EndpointOpts::default()).unwrap();
/// assert_eq!(ep.url, "http://h:8776/v3/p1");
/// let err = catalog.find(ServiceType::COMPUTE, &EndpointOpts::default()).unwrap_err();
/// assert!(err.to_string().contains("volumev3 (cinder) RegionOne/public"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Catalog {
    /// The services.
    pub entries: Vec<CatalogEntry>,
}

/// How to pick an endpoint: region, interface and optionally the service name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointOpts {
    /// Region name or id (`OS_REGION_NAME`); any region when `None`.
    pub region: Option<String>,
    /// Interface (`OS_INTERFACE`); public by default.
    pub interface: Interface,
    /// Service name (e.g. `nova`), when a catalog has several services of one type.
    pub name: Option<String>,
}

impl EndpointOpts {
    /// Endpoints of `region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Endpoints of `interface`.
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = interface;
        self
    }

    /// Services called `name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

impl Catalog {
    /// Finds the endpoint of `service` that matches `opts`. The official type wins over
    /// its aliases (`block-storage` over `volumev3` over `volumev2` over `volume`).
    pub fn find(
        &self,
        service: ServiceType,
        opts: &EndpointOpts,
    ) -> Result<&Endpoint, EndpointNotFound> {
        let mut best: Option<(usize, &Endpoint)> = None;
        for entry in &self.entries {
            let Some(rank) = service.rank(&entry.service_type) else {
                continue;
            };
            if opts
                .name
                .as_deref()
                .is_some_and(|n| entry.name.as_deref() != Some(n))
            {
                continue;
            }
            if best.is_some_and(|(r, _)| r <= rank) {
                continue;
            }
            let found = entry.endpoints.iter().find(|e| {
                e.interface == opts.interface
                    && opts.region.as_deref().is_none_or(|r| e.in_region(r))
            });
            if let Some(ep) = found {
                best = Some((rank, ep));
            }
        }
        best.map(|(_, ep)| ep)
            .ok_or_else(|| self.not_found(service, opts))
    }

    fn not_found(&self, service: ServiceType, opts: &EndpointOpts) -> EndpointNotFound {
        let mut wanted = format!("{} ({}", service.name, opts.interface);
        if let Some(r) = &opts.region {
            wanted.push_str(", region ");
            wanted.push_str(r);
        }
        if let Some(n) = &opts.name {
            wanted.push_str(", name ");
            wanted.push_str(n);
        }
        wanted.push(')');
        let offered = self
            .entries
            .iter()
            .flat_map(|s| {
                s.endpoints.iter().map(move |e| {
                    format!(
                        "{} ({}) {}/{}",
                        s.service_type,
                        s.name.as_deref().unwrap_or("-"),
                        e.region
                            .as_deref()
                            .or(e.region_id.as_deref())
                            .unwrap_or("-"),
                        e.interface
                    )
                })
            })
            .collect();
        EndpointNotFound { wanted, offered }
    }

    /// The regions that appear in the catalog, in order of first appearance.
    pub fn regions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in self.entries.iter().flat_map(|s| &s.endpoints) {
            if let Some(r) = e.region.as_deref().or(e.region_id.as_deref()) {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Builds a catalog from the Keystone v2 `serviceCatalog` shape, where one endpoint
    /// object carries `publicURL`, `internalURL` and `adminURL` together.
    pub fn from_v2(services: Vec<V2CatalogEntry>) -> Self {
        let entries = services
            .into_iter()
            .map(|s| CatalogEntry {
                service_type: s.service_type,
                name: s.name,
                id: None,
                endpoints: s
                    .endpoints
                    .into_iter()
                    .flat_map(|e| {
                        [
                            (Interface::Public, e.public_url),
                            (Interface::Internal, e.internal_url),
                            (Interface::Admin, e.admin_url),
                        ]
                        .into_iter()
                        .filter_map(move |(interface, url)| {
                            url.map(|url| Endpoint {
                                id: e.id.clone(),
                                interface,
                                region: e.region.clone(),
                                region_id: None,
                                url,
                            })
                        })
                    })
                    .collect(),
            })
            .collect();
        Catalog { entries }
    }
}

/// A service in the Keystone v2 catalog shape.
#[derive(Debug, Clone, Deserialize)]
pub struct V2CatalogEntry {
    /// Catalog type.
    #[serde(rename = "type")]
    pub service_type: String,
    /// Service name.
    pub name: Option<String>,
    /// Endpoints, one object per region.
    #[serde(default)]
    pub endpoints: Vec<V2Endpoint>,
}

/// An endpoint in the Keystone v2 catalog shape.
#[derive(Debug, Clone, Deserialize)]
pub struct V2Endpoint {
    /// Endpoint id.
    pub id: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Public URL.
    #[serde(rename = "publicURL")]
    pub public_url: Option<String>,
    /// Internal URL.
    #[serde(rename = "internalURL")]
    pub internal_url: Option<String>,
    /// Admin URL.
    #[serde(rename = "adminURL")]
    pub admin_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v3() -> Catalog {
        serde_json::from_str(
            r#"[
            {"type": "volumev2", "name": "cinderv2", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "http://v2"}]},
            {"type": "volumev3", "name": "cinderv3", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "http://v3"}]},
            {"type": "compute", "name": "nova", "endpoints": [
                {"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://nova1"},
                {"interface": "internal", "region": "RegionOne", "url": "http://nova1-int"},
                {"interface": "public", "region_id": "RegionTwo", "url": "http://nova2"}]},
            {"type": "compute", "name": "nova-legacy", "endpoints": [{"interface": "public", "region": "RegionOne", "url": "http://legacy"}]}
        ]"#,
        )
        .unwrap()
    }

    #[test]
    fn aliases_rank_and_filters() {
        let c = v3();
        assert_eq!(
            c.find(ServiceType::BLOCK_STORAGE, &EndpointOpts::default())
                .unwrap()
                .url,
            "http://v3"
        );
        let opts = EndpointOpts::default();
        assert_eq!(
            c.find(ServiceType::COMPUTE, &opts).unwrap().url,
            "http://nova1"
        );
        assert_eq!(
            c.find(ServiceType::COMPUTE, &opts.clone().region("RegionTwo"))
                .unwrap()
                .url,
            "http://nova2"
        );
        assert_eq!(
            c.find(
                ServiceType::COMPUTE,
                &opts.clone().interface(Interface::Internal)
            )
            .unwrap()
            .url,
            "http://nova1-int"
        );
        assert_eq!(
            c.find(ServiceType::COMPUTE, &opts.clone().name("nova-legacy"))
                .unwrap()
                .url,
            "http://legacy"
        );
        let err = c
            .find(
                ServiceType::COMPUTE,
                &opts.clone().interface(Interface::Admin),
            )
            .unwrap_err();
        assert_eq!(err.wanted, "compute (admin)");
        assert_eq!(err.offered.len(), 6);
        assert!(err
            .offered
            .contains(&"compute (nova) RegionTwo/public".to_owned()));
        assert_eq!(c.regions(), ["RegionOne", "RegionTwo"]);
    }

    #[test]
    fn v2_shape() {
        let v2: Vec<V2CatalogEntry> = serde_json::from_str(
            r#"[{"type": "compute", "name": "nova", "endpoints": [{"region": "RegionOne", "publicURL": "http://pub", "internalURL": "http://int", "adminURL": "http://adm", "id": "1"}]}]"#,
        )
        .unwrap();
        let c = Catalog::from_v2(v2);
        let opts = EndpointOpts::default().region("RegionOne");
        assert_eq!(
            c.find(ServiceType::COMPUTE, &opts).unwrap().url,
            "http://pub"
        );
        assert_eq!(
            c.find(
                ServiceType::COMPUTE,
                &opts.clone().interface(Interface::Admin)
            )
            .unwrap()
            .url,
            "http://adm"
        );
    }

    #[test]
    fn interface_spellings() {
        for (s, i) in [
            ("public", Interface::Public),
            ("publicURL", Interface::Public),
            ("internalURL", Interface::Internal),
            ("ADMIN", Interface::Admin),
        ] {
            assert_eq!(s.parse::<Interface>().unwrap(), i);
        }
        assert!("private".parse::<Interface>().is_err());
    }
}
