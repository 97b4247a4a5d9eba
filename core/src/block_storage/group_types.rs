//! Block Storage group types (`/group_types`, microversion 3.11+): what kind of volume
//! group (consistent snapshots, replication, …) a group is, by its group specs. Create,
//! list, get, the default, update and delete (admin), and the group specs key by key.
//! Groups themselves are not covered yet.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::group_types::{self, CreateGroupType};
//! let cinder = client.block_storage();
//! let t = cinder
//!     .call(&group_types::create(&CreateGroupType {
//!         name: "consistent".into(),
//!         group_specs: [(
//!             "consistent_group_snapshot_enabled".to_string(),
//!             "<is> True".to_string(),
//!         )]
//!         .into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! cinder.call(&group_types::update_group_spec(&t.id, "replication_enabled", "<is> False")).await?;
//! for t in cinder.collect_all(group_types::list(&Default::default())).await? {
//!     println!("{} {:?}", t.name, t.group_specs);
//! }
//! cinder.call(&group_types::delete(&t.id)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{flex_bool, LIST_STYLE};
use crate::{path, query, InvalidInput, List, ListCommon, Op, Paging};

/// The microversion group types need.
pub const MICROVERSION: &str = "3.11";

/// A group type's specs.
pub type GroupSpecs = BTreeMap<String, String>;

/// A group type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupType {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Visible to every project.
    #[serde(default, deserialize_with = "flex_bool")]
    pub is_public: Option<bool>,
    /// Its group specs (left out for callers the policy does not show them to).
    pub group_specs: Option<GroupSpecs>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateGroupType {
    /// Its name (unique).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Visible to every project (default: public).
    pub is_public: Option<bool>,
    /// Its group specs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub group_specs: GroupSpecs,
}

/// The body of [`update`]: only what is given changes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateGroupType {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// Make it public or private.
    pub is_public: Option<bool>,
}

impl UpdateGroupType {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.name.is_some() || self.description.is_some() || self.is_public.is_some(),
            "group_type",
            "nothing to change",
        )
        .and(InvalidInput::require(
            self.name.as_deref().is_none_or(|n| !n.trim().is_empty()),
            "name",
            "a name cannot be blank",
        ))
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListGroupTypes {
    /// Only public (`Some(true)`) or private (`Some(false)`, admin) types.
    pub is_public: Option<bool>,
    /// Sorting (`sort=key:dir,…`), paging and extra filters.
    pub common: ListCommon,
}

/// `POST /group_types` (admin).
pub fn create(group_type: &CreateGroupType) -> Op<GroupType> {
    Op::post(path!("group_types"))
        .check(InvalidInput::require(
            !group_type.name.trim().is_empty(),
            "name",
            "a group type needs a name",
        ))
        .json_under("group_type", group_type)
        .microversion(MICROVERSION)
        .decode_key("group_type")
}

/// `GET /group_types`, every page.
pub fn list(filter: &ListGroupTypes) -> List<GroupType> {
    let own = query!(is_public: filter.is_public);
    List::new(path!("group_types"), "group_types", Paging::Linked)
        .microversion(MICROVERSION)
        .check(LIST_STYLE.check(&filter.common))
        .query(LIST_STYLE.encode(&filter.common, own))
}

/// `GET /group_types/{group_type_id}`.
pub fn get(group_type_id: &str) -> Op<GroupType> {
    Op::get(path!("group_types/{}", group_type_id))
        .microversion(MICROVERSION)
        .decode_key("group_type")
}

/// `GET /group_types/default`: the type groups get when none is asked for (404 when the
/// cloud has none).
pub fn get_default() -> Op<GroupType> {
    Op::get(path!("group_types/default"))
        .microversion(MICROVERSION)
        .decode_key("group_type")
}

/// `PUT /group_types/{group_type_id}` (admin).
pub fn update(group_type_id: &str, changes: &UpdateGroupType) -> Op<GroupType> {
    Op::put(path!("group_types/{}", group_type_id))
        .check(changes.check())
        .json_under("group_type", changes)
        .microversion(MICROVERSION)
        .decode_key("group_type")
}

/// `DELETE /group_types/{group_type_id}` (admin; refused while groups use it).
pub fn delete(group_type_id: &str) -> Op<()> {
    Op::delete(path!("group_types/{}", group_type_id)).microversion(MICROVERSION)
}

/// `GET /group_types/{group_type_id}/group_specs`: every spec.
pub fn list_group_specs(group_type_id: &str) -> Op<GroupSpecs> {
    Op::get(path!("group_types/{}/group_specs", group_type_id))
        .microversion(MICROVERSION)
        .decode_key("group_specs")
}

/// `POST /group_types/{group_type_id}/group_specs` (admin): adds or changes these specs,
/// the others stay. Answers with the specs sent.
pub fn set_group_specs(group_type_id: &str, specs: &GroupSpecs) -> Op<GroupSpecs> {
    Op::post(path!("group_types/{}/group_specs", group_type_id))
        .check(InvalidInput::require(
            !specs.is_empty(),
            "group_specs",
            "nothing to set",
        ))
        .json_under("group_specs", specs)
        .microversion(MICROVERSION)
        .decode_key("group_specs")
}

/// `GET /group_types/{group_type_id}/group_specs/{key}`: `{key: value}`.
pub fn get_group_spec(group_type_id: &str, key: &str) -> Op<GroupSpecs> {
    Op::get(path!("group_types/{}/group_specs/{}", group_type_id, key))
        .microversion(MICROVERSION)
        .decode_body()
}

/// `PUT /group_types/{group_type_id}/group_specs/{key}` (admin): sets one spec; answers
/// `{key: value}`.
pub fn update_group_spec(group_type_id: &str, key: &str, value: &str) -> Op<GroupSpecs> {
    let body: GroupSpecs = [(key.to_owned(), value.to_owned())].into();
    Op::put(path!("group_types/{}/group_specs/{}", group_type_id, key))
        .json(&body)
        .microversion(MICROVERSION)
        .decode_body()
}

/// `DELETE /group_types/{group_type_id}/group_specs/{key}` (admin).
pub fn delete_group_spec(group_type_id: &str, key: &str) -> Op<()> {
    Op::delete(path!("group_types/{}/group_specs/{}", group_type_id, key))
        .microversion(MICROVERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    #[test]
    fn checks_query_and_microversion() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        assert!(create(&CreateGroupType::default()).request(&svc).is_err());
        assert!(update("g", &UpdateGroupType::default())
            .request(&svc)
            .is_err());
        assert!(set_group_specs("g", &GroupSpecs::new())
            .request(&svc)
            .is_err());
        let req = list(&ListGroupTypes {
            is_public: Some(false),
            ..Default::default()
        })
        .first_request(&svc)
        .unwrap();
        assert_eq!(req.uri().query(), Some("is_public=false"));
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.11");
        let req = get_default().request(&svc).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/group_types/default");
    }
}
