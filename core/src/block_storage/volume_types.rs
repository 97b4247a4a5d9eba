//! Block Storage volume types (`/types`): create, list (paged by marker), get (and the
//! default type), update and delete; their extra specs (all, one key, set, delete); the
//! projects a private type is shared with; and the encryption of a type.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::volume_types::{self, CreateVolumeType, ListVolumeTypes};
//! let cinder = client.block_storage();
//! for t in cinder.collect_all(volume_types::list(&ListVolumeTypes::default())).await? {
//!     println!("{} {}", t.id, t.name);
//! }
//! let fast = cinder
//!     .call(&volume_types::create(&CreateVolumeType {
//!         name: "fast".into(),
//!         is_public: Some(false),
//!         extra_specs: [("volume_backend_name".to_string(), "ssd".to_string())].into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! cinder.call(&volume_types::add_project_access(&fast.id, "6f70656e")).await?;
//! cinder.call(&volume_types::update_extra_spec(&fast.id, "replication", "<is> True")).await?;
//! cinder.call(&volume_types::delete(&fast.id)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::flex_bool;
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

/// Extra specs: the key/value pairs the scheduler and drivers read from a type.
pub type ExtraSpecs = BTreeMap<String, String>;

/// A volume type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeType {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Visible to every project (v2 documents it as the string `"true"`, read too).
    #[serde(default, deserialize_with = "flex_bool")]
    pub is_public: Option<bool>,
    /// The same flag under its extension name.
    #[serde(
        rename = "os-volume-type-access:is_public",
        default,
        deserialize_with = "flex_bool"
    )]
    pub access_is_public: Option<bool>,
    /// Its extra specs (left out for callers the policy does not show them to).
    pub extra_specs: Option<ExtraSpecs>,
    /// The QoS specs associated with it.
    pub qos_specs_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::named!(VolumeType);

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateVolumeType {
    /// Its name (unique).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Visible to every project (default: public).
    #[serde(rename = "os-volume-type-access:is_public")]
    pub is_public: Option<bool>,
    /// Its extra specs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra_specs: ExtraSpecs,
}

impl CreateVolumeType {
    /// A type needs a name.
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.trim().is_empty(), "name", "a type needs a name")
    }
}

/// The body of [`update`]: only what is given changes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateVolumeType {
    /// A new name.
    pub name: Option<String>,
    /// A new description (`""` clears it).
    pub description: Option<String>,
    /// Make it public or private.
    pub is_public: Option<bool>,
}

impl UpdateVolumeType {
    /// Something must change, and a name is not blank.
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.name.is_some() || self.description.is_some() || self.is_public.is_some(),
            "volume_type",
            "nothing to change",
        )
        .and(InvalidInput::require(
            self.name.as_deref().is_none_or(|n| !n.trim().is_empty()),
            "name",
            "a name cannot be blank",
        ))
    }
}

/// Which types [`list`] returns, by visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Public types only.
    Public,
    /// Private types only (admin).
    Private,
    /// Both (admin).
    All,
}

impl Visibility {
    fn as_query(self) -> &'static str {
        match self {
            Visibility::Public => "true",
            Visibility::Private => "false",
            Visibility::All => "None",
        }
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListVolumeTypes {
    /// Sort (sent as `sort=key:dir,…`), `limit`, `marker` and other filters.
    pub common: ListCommon,
    /// Public, private or both (default: what the caller may see, public for users).
    pub visibility: Option<Visibility>,
    /// Types with these extra specs (3.52+, admins; sent as a JSON object).
    pub extra_specs: ExtraSpecs,
}

/// `POST /types` (admin).
pub fn create(volume_type: &CreateVolumeType) -> Op<VolumeType> {
    Op::post(path!("types"))
        .check(volume_type.check())
        .json_under("volume_type", volume_type)
        .decode_key("volume_type")
}

/// `GET /types`, every page (Cinder links them in `volume_type_links`).
pub fn list(filter: &ListVolumeTypes) -> List<VolumeType> {
    let extra_specs = (!filter.extra_specs.is_empty())
        .then(|| serde_json::to_string(&filter.extra_specs).unwrap_or_default());
    let q = query!(
        is_public: filter.visibility.map(Visibility::as_query),
        extra_specs: extra_specs,
    );
    List::new(path!("types"), "volume_types", Paging::Linked)
        .check(super::LIST_STYLE.check(&filter.common))
        .query(super::LIST_STYLE.encode(&filter.common, q))
}

/// `GET /types/{volume_type_id}`.
pub fn get(volume_type_id: &str) -> Op<VolumeType> {
    Op::get(path!("types/{}", volume_type_id)).decode_key("volume_type")
}

/// A volume type by id or exact name (run it with [`Service::find`](crate::Service::find)).
///
/// Cinder has no name filter for types: the candidates are all types.
pub fn find(name_or_id: &str) -> Find<VolumeType> {
    Find::new(
        "volume type",
        name_or_id,
        get(name_or_id),
        list(&ListVolumeTypes::default()),
    )
}

/// `GET /types/default`: the type volumes get when none is asked for.
pub fn get_default() -> Op<VolumeType> {
    Op::get(path!("types/default")).decode_key("volume_type")
}

/// `PUT /types/{volume_type_id}` (admin).
pub fn update(volume_type_id: &str, changes: &UpdateVolumeType) -> Op<VolumeType> {
    Op::put(path!("types/{}", volume_type_id))
        .check(changes.check())
        .json_under("volume_type", changes)
        .decode_key("volume_type")
}

/// `DELETE /types/{volume_type_id}` (admin; refused while volumes use it).
pub fn delete(volume_type_id: &str) -> Op<()> {
    Op::delete(path!("types/{}", volume_type_id))
}

/// `GET /types/{volume_type_id}/extra_specs`: every extra spec.
pub fn list_extra_specs(volume_type_id: &str) -> Op<ExtraSpecs> {
    Op::get(path!("types/{}/extra_specs", volume_type_id)).decode_key("extra_specs")
}

/// `POST /types/{volume_type_id}/extra_specs` (admin): adds or changes these specs, the
/// others stay. Answers with the specs sent.
pub fn set_extra_specs(volume_type_id: &str, specs: &ExtraSpecs) -> Op<ExtraSpecs> {
    Op::post(path!("types/{}/extra_specs", volume_type_id))
        .check(InvalidInput::require(
            !specs.is_empty(),
            "extra_specs",
            "nothing to set",
        ))
        .json_under("extra_specs", specs)
        .decode_key("extra_specs")
}

/// `GET /types/{volume_type_id}/extra_specs/{key}`: `{key: value}`.
pub fn get_extra_spec(volume_type_id: &str, key: &str) -> Op<ExtraSpecs> {
    Op::get(path!("types/{}/extra_specs/{}", volume_type_id, key)).decode_body()
}

/// `PUT /types/{volume_type_id}/extra_specs/{key}` (admin): sets one spec; answers
/// `{key: value}`.
pub fn update_extra_spec(volume_type_id: &str, key: &str, value: &str) -> Op<ExtraSpecs> {
    let body: ExtraSpecs = [(key.to_owned(), value.to_owned())].into();
    Op::put(path!("types/{}/extra_specs/{}", volume_type_id, key))
        .json(&body)
        .decode_body()
}

/// `DELETE /types/{volume_type_id}/extra_specs/{key}` (admin).
pub fn delete_extra_spec(volume_type_id: &str, key: &str) -> Op<()> {
    Op::delete(path!("types/{}/extra_specs/{}", volume_type_id, key))
}

/// A project a private type is shared with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeAccess {
    /// The type.
    #[serde(default)]
    pub volume_type_id: String,
    /// The project.
    #[serde(default)]
    pub project_id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /types/{volume_type_id}/os-volume-type-access` (admin): the projects a private
/// type is shared with.
pub fn list_project_access(volume_type_id: &str) -> Op<Vec<TypeAccess>> {
    Op::get(path!("types/{}/os-volume-type-access", volume_type_id))
        .decode_key("volume_type_access")
}

#[derive(Serialize)]
struct Project<'a> {
    project: &'a str,
}

/// `POST /types/{volume_type_id}/action` `addProjectAccess` (admin): shares a private
/// type with a project.
pub fn add_project_access(volume_type_id: &str, project_id: &str) -> Op<()> {
    access_action(volume_type_id, "addProjectAccess", project_id)
}

/// `POST /types/{volume_type_id}/action` `removeProjectAccess` (admin).
pub fn remove_project_access(volume_type_id: &str, project_id: &str) -> Op<()> {
    access_action(volume_type_id, "removeProjectAccess", project_id)
}

fn access_action(volume_type_id: &str, name: &'static str, project: &str) -> Op<()> {
    Op::action(
        path!("types/{}/action", volume_type_id),
        name,
        &Project { project },
    )
    .check(InvalidInput::require(
        !project.is_empty(),
        "project",
        "a project id is needed",
    ))
}

crate::string_enum! {
    /// Where a volume is encrypted.
    pub enum ControlLocation {
        /// By the compute host (Nova).
        FrontEnd = "front-end",
        /// By the storage back end.
        BackEnd = "back-end",
    }
}

/// The encryption of a volume type. [`get_encryption`] answers with no field set when
/// the type is not encrypted; create and update answers carry only what was set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encryption {
    /// The type.
    pub volume_type_id: Option<String>,
    /// The id of this encryption spec.
    pub encryption_id: Option<String>,
    /// The encryptor (`luks`, `plain`).
    pub provider: Option<String>,
    /// Where it is encrypted.
    pub control_location: Option<ControlLocation>,
    /// The cipher (`aes-xts-plain64`).
    pub cipher: Option<String>,
    /// The key size, bits.
    pub key_size: Option<u32>,
    /// Deleted.
    pub deleted: Option<bool>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Last changed.
    pub updated_at: Option<Timestamp>,
    /// Deleted at.
    pub deleted_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_encryption`] and [`update_encryption`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SetEncryption {
    /// The encryptor (`luks`, `plain`); required on create.
    pub provider: Option<String>,
    /// Where it is encrypted (default `front-end`).
    pub control_location: Option<ControlLocation>,
    /// The cipher.
    pub cipher: Option<String>,
    /// The key size, bits.
    pub key_size: Option<u32>,
}

impl SetEncryption {
    fn check_create(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.provider.as_deref().is_some_and(|p| !p.is_empty()),
            "provider",
            "an encryption needs a provider",
        )
    }
}

/// `GET /types/{volume_type_id}/encryption` (admin): no field set when not encrypted.
pub fn get_encryption(volume_type_id: &str) -> Op<Encryption> {
    Op::get(path!("types/{}/encryption", volume_type_id)).decode_body()
}

/// `GET /types/{volume_type_id}/encryption/{key}` (admin): one field of it,
/// `{key: value}`.
pub fn get_encryption_spec(volume_type_id: &str, key: &str) -> Op<Map<String, Value>> {
    Op::get(path!("types/{}/encryption/{}", volume_type_id, key)).decode_body()
}

/// `POST /types/{volume_type_id}/encryption` (admin; not while volumes use the type).
pub fn create_encryption(volume_type_id: &str, encryption: &SetEncryption) -> Op<Encryption> {
    Op::post(path!("types/{}/encryption", volume_type_id))
        .check(encryption.check_create())
        .json_under("encryption", encryption)
        .decode_key("encryption")
}

/// `PUT /types/{volume_type_id}/encryption/{encryption_id}` (admin): changes what is
/// given; answers with that.
pub fn update_encryption(
    volume_type_id: &str,
    encryption_id: &str,
    changes: &SetEncryption,
) -> Op<Encryption> {
    Op::put(path!(
        "types/{}/encryption/{}",
        volume_type_id,
        encryption_id
    ))
    .json_under("encryption", changes)
    .decode_key("encryption")
}

/// `DELETE /types/{volume_type_id}/encryption/{encryption_id}` (admin).
pub fn delete_encryption(volume_type_id: &str, encryption_id: &str) -> Op<()> {
    Op::delete(path!(
        "types/{}/encryption/{}",
        volume_type_id,
        encryption_id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn checks_and_query() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        assert!(create(&CreateVolumeType::default()).request(&svc).is_err());
        assert!(update("t", &UpdateVolumeType::default())
            .request(&svc)
            .is_err());
        assert!(create_encryption("t", &SetEncryption::default())
            .request(&svc)
            .is_err());
        assert!(set_extra_specs("t", &ExtraSpecs::new())
            .request(&svc)
            .is_err());
        let filter = ListVolumeTypes {
            visibility: Some(Visibility::All),
            extra_specs: [("k".to_string(), "v".to_string())].into(),
            ..Default::default()
        };
        let req = list(&filter).request(&svc).unwrap();
        assert_eq!(
            req.uri().query(),
            Some("is_public=None&extra_specs=%7B%22k%22%3A%22v%22%7D")
        );
    }
}
