//! Configuration from `OS_*` environment variables and `clouds.yaml`, as pure functions:
//! they take the variables and file contents and return a [`CloudConfig`]. The transports
//! read the real environment and files (see `ferrocloud-native`'s `Cloud::from_env`).

#[cfg(feature = "clouds-yaml")]
mod clouds;
mod env;
#[cfg(feature = "clouds-yaml")]
mod yaml;

#[cfg(feature = "clouds-yaml")]
pub use clouds::{from_clouds_yaml, search_paths, CloudsFiles};
pub use env::from_env;
#[cfg(feature = "clouds-yaml")]
pub use yaml::{MAX_ALIAS_NODES, MAX_DEPTH, MAX_FILE_LEN};

use crate::auth::AuthOptions;
use crate::{ClientOptions, EndpointOpts};

/// Everything a cloud's configuration says: how to authenticate, which endpoints to use,
/// TLS settings and per-service API versions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CloudConfig {
    /// How to authenticate.
    pub auth: AuthOptions,
    /// Region and interface.
    pub endpoint: EndpointOpts,
    /// A CA bundle (path) to trust instead of the system roots (`OS_CACERT`, `cacert`).
    pub cacert: Option<String>,
    /// A client certificate (path) (`OS_CERT`, `cert`).
    pub cert: Option<String>,
    /// Its key (path) (`OS_KEY`, `key`).
    pub key: Option<String>,
    /// Skip TLS verification (`OS_INSECURE`, `verify: false`). Dangerous.
    pub insecure: bool,
    /// Per-service API versions (`OS_COMPUTE_API_VERSION`, `compute_api_version`, …):
    /// `(service type, version)`. Versions with a dot are sent as microversions.
    pub api_versions: Vec<(String, String)>,
    /// Per-service endpoint overrides (`compute_endpoint_override`, …).
    pub endpoint_overrides: Vec<(String, String)>,
}

impl CloudConfig {
    /// The [`ClientOptions`] this configuration implies.
    pub fn client_options(&self) -> ClientOptions {
        ClientOptions {
            endpoint: self.endpoint.clone(),
            endpoint_overrides: self.endpoint_overrides.clone(),
            microversions: self
                .api_versions
                .iter()
                .filter(|(_, v)| v.contains('.'))
                .cloned()
                .collect(),
            ..ClientOptions::default()
        }
    }
}

/// Service-type spellings used in `OS_<X>_API_VERSION` and `<x>_api_version` keys.
pub(crate) fn service_of_key(key: &str) -> String {
    match key {
        "volume" => "block-storage".into(),
        "container_infra" | "container" => "container-infrastructure-management".into(),
        "load_balancer" => "load-balancer".into(),
        other => other.replace('_', "-"),
    }
}

/// `true`, `1`, `yes`, `on` (any case).
pub(crate) fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "on"
    )
}
