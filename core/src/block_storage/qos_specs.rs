//! Block Storage QoS specifications (`/qos-specs`, admin): named sets of limits
//! (`total_iops_sec`, `read_bytes_sec`, …) applied by the front end (hypervisor), the
//! back end or both, to the volumes of the volume types they are associated with. Create,
//! list, get, set keys, unset keys, delete, associate and disassociate volume types, and
//! list the associations.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::qos_specs::{self, Consumer, CreateQosSpec};
//! let cinder = client.block_storage();
//! let spec = cinder
//!     .call(&qos_specs::create(&CreateQosSpec {
//!         name: "gold".into(),
//!         consumer: Some(Consumer::FrontEnd),
//!         specs: [("total_iops_sec".to_string(), "1000".to_string())].into(),
//!     }))
//!     .await?;
//! let fast_type = "6685584b-1eac-4da6-b5c3-555430cf68ff";
//! cinder.call(&qos_specs::associate(&spec.id, fast_type)).await?;
//! for a in cinder.call(&qos_specs::list_associations(&spec.id)).await? {
//!     println!("{} {}", a.association_type, a.name);
//! }
//! cinder.call(&qos_specs::disassociate_all(&spec.id)).await?;
//! cinder.call(&qos_specs::delete(&spec.id, false)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::LIST_STYLE;
use crate::{path, query, InvalidInput, List, ListCommon, Op, Paging};

/// The keys and values of a QoS specification.
pub type Specs = BTreeMap<String, String>;

crate::string_enum! {
    /// Who enforces a QoS specification.
    pub enum Consumer {
        /// The hypervisor (Nova).
        FrontEnd = "front-end",
        /// The storage back end.
        BackEnd = "back-end",
        /// Both.
        Both = "both",
    }
}

/// A QoS specification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QosSpec {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Who enforces it.
    pub consumer: Option<Consumer>,
    /// Its keys and values.
    #[serde(default)]
    pub specs: Specs,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]: the name, the consumer and the keys, side by side.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateQosSpec {
    /// A unique name.
    pub name: String,
    /// Who enforces it (Cinder's default: `back-end`).
    pub consumer: Option<Consumer>,
    /// Its keys and values.
    #[serde(flatten)]
    pub specs: Specs,
}

impl CreateQosSpec {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a QoS spec needs a name").and(
            InvalidInput::require(
                !self.specs.contains_key("name") && !self.specs.contains_key("consumer"),
                "specs",
                "`name` and `consumer` are fields, not keys",
            ),
        )
    }
}

/// Filters of [`list`]: sorting and paging only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQosSpecs {
    /// Sorting (`sort=key:dir,…`) and paging.
    pub common: ListCommon,
}

/// `POST /qos-specs`.
pub fn create(spec: &CreateQosSpec) -> Op<QosSpec> {
    Op::post(path!("qos-specs"))
        .check(spec.check())
        .json_under("qos_specs", spec)
        .decode_key("qos_specs")
}

/// `GET /qos-specs`, every page.
pub fn list(filter: &ListQosSpecs) -> List<QosSpec> {
    List::new(path!("qos-specs"), "qos_specs", Paging::Linked)
        .check(LIST_STYLE.check(&filter.common))
        .query(LIST_STYLE.encode(&filter.common, query!()))
}

/// `GET /qos-specs/{qos_id}`.
pub fn get(qos_id: &str) -> Op<QosSpec> {
    Op::get(path!("qos-specs/{}", qos_id)).decode_key("qos_specs")
}

/// `PUT /qos-specs/{qos_id}`: adds or changes keys (others stay); answers the keys sent.
/// `consumer` may be changed here too, as a key.
pub fn set_keys(qos_id: &str, specs: &Specs) -> Op<Specs> {
    Op::put(path!("qos-specs/{}", qos_id))
        .check(InvalidInput::require(
            !specs.is_empty(),
            "qos_specs",
            "nothing to set",
        ))
        .json_under("qos_specs", specs)
        .decode_key("qos_specs")
}

#[derive(Serialize)]
struct Keys<'a> {
    keys: &'a [&'a str],
}

/// `PUT /qos-specs/{qos_id}/delete_keys`: removes `keys`.
pub fn unset_keys(qos_id: &str, keys: &[&str]) -> Op<()> {
    Op::put(path!("qos-specs/{}/delete_keys", qos_id))
        .check(InvalidInput::require(
            !keys.is_empty() && keys.iter().all(|k| !k.is_empty()),
            "keys",
            "name at least one key, none empty",
        ))
        .json(&Keys { keys })
}

/// `DELETE /qos-specs/{qos_id}`: `force` deletes it even while associated.
pub fn delete(qos_id: &str, force: bool) -> Op<()> {
    Op::delete(path!("qos-specs/{}", qos_id)).query(query!(force: force.then_some("True")))
}

/// One association of a QoS specification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Association {
    /// What it is associated with (`volume_type`).
    #[serde(default)]
    pub association_type: String,
    /// That entity's name.
    #[serde(default)]
    pub name: String,
    /// That entity's id.
    #[serde(default)]
    pub id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /qos-specs/{qos_id}/associations`.
pub fn list_associations(qos_id: &str) -> Op<Vec<Association>> {
    Op::get(path!("qos-specs/{}/associations", qos_id)).decode_key("qos_associations")
}

fn type_id(volume_type_id: &str) -> Result<(), InvalidInput> {
    InvalidInput::require(
        !volume_type_id.is_empty(),
        "vol_type_id",
        "a volume type id is needed",
    )
}

/// `GET /qos-specs/{qos_id}/associate?vol_type_id=…`: applies the spec to a volume type
/// (one spec per type).
pub fn associate(qos_id: &str, volume_type_id: &str) -> Op<()> {
    Op::get(path!("qos-specs/{}/associate", qos_id))
        .check(type_id(volume_type_id))
        .query(query!(vol_type_id: Some(volume_type_id)))
}

/// `GET /qos-specs/{qos_id}/disassociate?vol_type_id=…`.
pub fn disassociate(qos_id: &str, volume_type_id: &str) -> Op<()> {
    Op::get(path!("qos-specs/{}/disassociate", qos_id))
        .check(type_id(volume_type_id))
        .query(query!(vol_type_id: Some(volume_type_id)))
}

/// `GET /qos-specs/{qos_id}/disassociate_all`: from every volume type.
pub fn disassociate_all(qos_id: &str) -> Op<()> {
    Op::get(path!("qos-specs/{}/disassociate_all", qos_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn bodies_queries_and_checks() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        let req = associate("q", "t").request(&svc).unwrap();
        assert_eq!(req.method(), http::Method::GET);
        assert_eq!(req.uri().path(), "/v3/p/qos-specs/q/associate");
        assert_eq!(req.uri().query(), Some("vol_type_id=t"));
        assert!(disassociate("q", "").request(&svc).is_err());
        assert_eq!(
            delete("q", true).request(&svc).unwrap().uri().query(),
            Some("force=True")
        );
        assert_eq!(
            delete("q", false).request(&svc).unwrap().uri().query(),
            None
        );
        assert!(unset_keys("q", &[]).request(&svc).is_err());
        assert!(set_keys("q", &Specs::new()).request(&svc).is_err());
        let bad = CreateQosSpec {
            name: "n".into(),
            specs: [("name".to_string(), "x".to_string())].into(),
            ..Default::default()
        };
        assert!(create(&bad).request(&svc).is_err());
        let ok = CreateQosSpec {
            name: "n".into(),
            consumer: Some(Consumer::Both),
            specs: [("delay".to_string(), "1".to_string())].into(),
        };
        let body: Value =
            serde_json::from_slice(create(&ok).request(&svc).unwrap().body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"qos_specs": {"name": "n", "consumer": "both", "delay": "1"}})
        );
    }
}
