//! Neutron API versions: the versions at the unversioned root (`GET /`, [`list`]) and
//! the resources of v2.0 (`GET /v2.0/`, [`resources`]).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::api_versions;
//! let neutron = client.network();
//! let versions = neutron.call(&api_versions::list()).await?;
//! let current = versions.iter().find(|v| v.is_current());
//! let collections: Vec<String> = neutron
//!     .call(&api_versions::resources())
//!     .await?
//!     .into_iter()
//!     .map(|r| r.collection)
//!     .collect();
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::catalog::version::{discover_all, DiscoverAll};
use crate::{Link, Op};

/// A top-level resource of the API version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiResource {
    /// Singular name (`network`).
    #[serde(default)]
    pub name: String,
    /// Collection (`networks`).
    #[serde(default)]
    pub collection: String,
    /// Its URL (`rel=self`).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /` (the endpoint's unversioned root): every API version Neutron offers, with
/// its status (`CURRENT`).
pub fn list() -> DiscoverAll {
    discover_all()
}

/// `GET /v2.0/`: the core resources of v2.0 (extensions are listed by
/// `ferrocloud::common::extensions`).
pub fn resources() -> Op<Vec<ApiResource>> {
    Op::get(Ok(String::new())).decode_key("resources")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn root_and_version_root() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        assert_eq!(
            resources().request(&neutron).unwrap().uri(),
            "http://h:9696/v2.0/"
        );
        assert_eq!(list().request(&neutron).unwrap().uri(), "http://h:9696/");
    }
}
