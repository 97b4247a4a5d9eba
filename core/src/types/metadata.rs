//! String-to-string metadata shared by Cinder volumes and snapshots and Nova images and
//! servers: the same `{"metadata": {…}}` / `{"meta": {key: value}}` shapes and the same six
//! calls under `{resource}/{id}/metadata`, one [`MetadataOf`] per resource module as
//! `METADATA`.
//!
//! ```
//! use ferrocloud::block_storage::volumes;
//! use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
//! let cinder = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h:8776/v3/p").unwrap();
//! let req = volumes::METADATA.set_key("v1", "color", "blue").request(&cinder).unwrap();
//! assert_eq!((req.method().as_str(), req.uri().path()), ("PUT", "/v3/p/volumes/v1/metadata/color"));
//! assert_eq!(req.body().as_ref(), br#"{"meta":{"color":"blue"}}"#);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

pub(crate) use crate::types::flex::flex_metadata;

use crate::{path, InvalidInput, Op};

/// String-to-string metadata.
pub type Metadata = BTreeMap<String, String>;

/// The metadata API of one resource type: `volumes`, `snapshots` (Cinder), `images`,
/// `servers` (Nova).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetadataOf(&'static str);

/// One key and its value, as `{"meta": {key: value}}` carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaItem {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

impl<'de> Deserialize<'de> for MetaItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = flex_metadata(d)?;
        let mut it = m.into_iter();
        match (it.next(), it.next()) {
            (Some((key, value)), None) => Ok(MetaItem { key, value }),
            _ => Err(serde::de::Error::custom(
                "expected exactly one metadata item under \"meta\"",
            )),
        }
    }
}

#[derive(Deserialize)]
struct MetadataBody {
    #[serde(deserialize_with = "flex_metadata", default)]
    metadata: Metadata,
}

fn metadata_body(resp: http::Response<bytes::Bytes>) -> crate::Result<Metadata> {
    crate::request::op::decode_json::<MetadataBody>("metadata response", resp.body())
        .map(|b| b.metadata)
}

impl MetadataOf {
    /// The metadata of `resource` (the collection's URL segment).
    pub const fn new(resource: &'static str) -> Self {
        MetadataOf(resource)
    }

    fn all(self, id: &str) -> Result<String, InvalidInput> {
        path!("{}/{}/metadata", self.0, id)
    }

    fn key(self, id: &str, key: &str) -> Result<String, InvalidInput> {
        path!("{}/{}/metadata/{}", self.0, id, key)
    }

    /// `GET …/{id}/metadata`.
    pub fn get(self, id: &str) -> Op<Metadata> {
        Op::get(self.all(id)).decode_with(metadata_body)
    }

    /// `POST …/{id}/metadata`: adds or changes these keys, keeps the others.
    pub fn merge(self, id: &str, metadata: &Metadata) -> Op<Metadata> {
        Op::post(self.all(id))
            .json_under("metadata", metadata)
            .decode_with(metadata_body)
    }

    /// `PUT …/{id}/metadata`: replaces all metadata.
    pub fn replace(self, id: &str, metadata: &Metadata) -> Op<Metadata> {
        Op::put(self.all(id))
            .json_under("metadata", metadata)
            .decode_with(metadata_body)
    }

    /// `GET …/{id}/metadata/{key}`.
    pub fn get_key(self, id: &str, key: &str) -> Op<MetaItem> {
        Op::get(self.key(id, key)).decode_key("meta")
    }

    /// `PUT …/{id}/metadata/{key}`.
    pub fn set_key(self, id: &str, key: &str, value: &str) -> Op<MetaItem> {
        let body: BTreeMap<&str, &str> = [(key, value)].into_iter().collect();
        Op::put(self.key(id, key))
            .json_under("meta", &body)
            .decode_key("meta")
    }

    /// `DELETE …/{id}/metadata/{key}`.
    pub fn delete_key(self, id: &str, key: &str) -> Op<()> {
        Op::delete(self.key(id, key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_item_needs_one_key() {
        assert!(serde_json::from_str::<MetaItem>(r#"{"a": "1", "b": "2"}"#).is_err());
        assert!(serde_json::from_str::<MetaItem>("{}").is_err());
        let m: MetaItem = serde_json::from_str(r#"{"a": 5}"#).unwrap();
        assert_eq!((m.key.as_str(), m.value.as_str()), ("a", "5"));
    }
}
