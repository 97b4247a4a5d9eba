//! API extensions of a service: `GET /extensions` and `GET /extensions/{alias}`.
//!
//! The same operations serve every service that still lists extensions: compute
//! (`client.compute()`), networking (`client.network()`, where extensions decide which
//! features exist) and block storage (`client.block_storage()`). Keystone v3 has no
//! extensions API (its extensions became part of the core API).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::common::extensions;
//! let neutron = client.network();
//! let all = neutron.call(&extensions::list()).await?;
//! if all.iter().any(|e| e.alias == "trunk") {
//!     let trunk = neutron.call(&extensions::get("trunk")).await?;
//!     println!("{}: {}", trunk.name, trunk.description.unwrap_or_default());
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::op::Op;
use crate::path;

/// An API extension.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extension {
    /// Short name, used in URLs and checks (`trunk`, `os-hosts`).
    #[serde(default)]
    pub alias: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it last changed, as the service writes it (formats vary).
    #[serde(default)]
    pub updated: Option<String>,
    /// XML namespace (older services).
    #[serde(default)]
    pub namespace: Option<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /extensions`: every extension of the service (one page).
pub fn list() -> Op<Vec<Extension>> {
    Op::get(path!("extensions")).decode_key("extensions")
}

/// `GET /extensions/{alias}`.
pub fn get(alias: &str) -> Op<Extension> {
    Op::get(path!("extensions/{}", alias)).decode_key("extension")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceClient, ServiceType};

    #[test]
    fn paths_per_service() {
        let neutron = ServiceClient::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let nova = ServiceClient::new(ServiceType::COMPUTE, "http://h:8774/v2.1").unwrap();
        assert_eq!(
            list().request(&neutron).unwrap().uri(),
            "http://h:9696/v2.0/extensions"
        );
        assert_eq!(
            get("os-hosts").request(&nova).unwrap().uri(),
            "http://h:8774/v2.1/extensions/os-hosts"
        );
        assert!(get("").request(&nova).is_err());
        let e = get("x")
            .parse(http::Response::new(bytes::Bytes::from_static(
                br#"{"extension": {"alias": "trunk", "name": "Trunk", "updated": "2016-01-01T10:00:00-00:00", "links": [], "description": "d"}}"#,
            )))
            .unwrap();
        assert_eq!(e.alias, "trunk");
    }
}
