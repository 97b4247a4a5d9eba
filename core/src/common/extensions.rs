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

use crate::{path, Op};

/// An API extension.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Extension {
    /// Short name, used in URLs and checks (`trunk`, `os-hosts`).
    pub alias: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// When it last changed, as the service writes it (formats vary).
    pub updated: Option<String>,
    /// XML namespace (older services).
    pub namespace: Option<String>,
    /// Links.
    pub links: Vec<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /extensions`: every extension of the service (one page).
///
/// Reads both shapes of the answer: a plain array (`{"extensions": [...]}`: nova,
/// neutron, cinder) and Keystone v2.0's `{"extensions": {"values": [...]}}`.
pub fn list() -> Op<Vec<Extension>> {
    Op::get(path!("extensions")).decode_with(|resp| {
        crate::request::op::decode_key::<Listed>(
            "GET extensions response",
            "extensions",
            resp.body(),
        )
        .map(|l| l.0)
    })
}

/// The value under `extensions`: an array, or an object holding it under `values`.
struct Listed(Vec<Extension>);

impl<'de> Deserialize<'de> for Listed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Listed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of extensions, or an object with them under `values`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Listed, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = seq.next_element()? {
                    out.push(e);
                }
                Ok(Listed(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Listed, A::Error> {
                let mut values = None;
                while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if k == "values" {
                        values = Some(map.next_value::<Vec<Extension>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                values
                    .map(Listed)
                    .ok_or_else(|| serde::de::Error::missing_field("values"))
            }
        }
        d.deserialize_any(V)
    }
}

/// `GET /extensions/{alias}`.
pub fn get(alias: &str) -> Op<Extension> {
    Op::get(path!("extensions/{}", alias)).decode_key("extension")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn paths_per_service() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://h:8774/v2.1").unwrap();
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

    fn listed(body: &'static str) -> crate::Result<Vec<Extension>> {
        list().parse(http::Response::new(bytes::Bytes::from_static(
            body.as_bytes(),
        )))
    }

    #[test]
    fn list_reads_a_plain_array_and_keystone_v2_values_wrapper() {
        let plain = listed(r#"{"extensions": [{"alias": "trunk", "name": "Trunk"}]}"#).unwrap();
        assert_eq!(plain[0].alias, "trunk");
        // Keystone v2.0 (`GET /v2.0/extensions`).
        let v2 = listed(
            r#"{"extensions": {"values": [{"updated": "2013-07-07T12:00:0-00:00", "name": "OpenStack S3 API", "links": [], "namespace": "http://docs.openstack.org/identity/api/ext/s3tokens/v1.0", "alias": "s3tokens", "description": "OpenStack S3 API."}, {"alias": "OS-EC2", "name": "OpenStack EC2 API"}]}}"#,
        )
        .unwrap();
        let aliases: Vec<&str> = v2.iter().map(|e| e.alias.as_str()).collect();
        assert_eq!(aliases, ["s3tokens", "OS-EC2"]);
        assert_eq!(v2[0].description.as_deref(), Some("OpenStack S3 API."));
        let err = listed(r#"{"extensions": {"other": []}}"#).unwrap_err();
        assert!(err.to_string().contains("values"), "{err}");
        assert!(listed(r#"{"extensions": "nope"}"#).is_err());
    }
}
