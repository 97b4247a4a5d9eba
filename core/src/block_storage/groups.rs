//! Block Storage generic volume groups (`/groups`, microversion 3.13+) and their
//! snapshots (`/group_snapshots`, 3.14+): volumes of one or more volume types managed
//! together (consistent snapshots, replication). Create (also from a group snapshot or
//! another group), list, get, update (rename, add and remove volumes), delete (with or
//! without the volumes), reset status and replication (3.38); group snapshots: create,
//! list, get, delete and reset status.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::groups::{self, CreateGroup, GroupStatus};
//! use ferrocloud::Wait;
//! let cinder = client.block_storage();
//! let g = cinder
//!     .call(&groups::create(&CreateGroup {
//!         name: Some("db".into()),
//!         group_type: "29514915-5208-46ab-9ece-1cc4688ad0c1".into(),
//!         volume_types: vec!["c4daaf47-c530-4901-b28e-f5f0a359c4e6".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! let g = cinder
//!     .wait_for_status(&groups::get(&g.id), &[GroupStatus::Available], &[GroupStatus::Error], Wait::default())
//!     .await?;
//! cinder.call(&groups::delete(&g.id, false)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use super::LIST_STYLE;
use crate::{path, query, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

/// The microversion of groups.
pub const MICROVERSION: &str = "3.13";
/// The microversion of group snapshots and of creating a group from a source.
pub const SNAPSHOTS_MICROVERSION: &str = "3.14";

crate::string_enum! {
    /// A group's status.
    pub enum GroupStatus {
        /// Being created.
        Creating = "creating",
        /// Ready.
        Available = "available",
        /// Volumes being added or removed.
        Updating = "updating",
        /// In use.
        InUse = "in-use",
        /// Being deleted.
        Deleting = "deleting",
        /// Deleted.
        Deleted = "deleted",
        /// Failed.
        Error = "error",
        /// Delete failed.
        ErrorDeleting = "error_deleting",
    }
}

crate::string_enum! {
    /// A group snapshot's status.
    pub enum GroupSnapshotStatus {
        /// Being created.
        Creating = "creating",
        /// Ready.
        Available = "available",
        /// Being changed.
        Updating = "updating",
        /// Being deleted.
        Deleting = "deleting",
        /// Deleted.
        Deleted = "deleted",
        /// Failed.
        Error = "error",
        /// Delete failed.
        ErrorDeleting = "error_deleting",
    }
}

/// A group. [`list`] and [`create`] give `id` and `name` only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its status.
    pub status: Option<GroupStatus>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Its group type's id.
    pub group_type: Option<String>,
    /// The volume types its volumes may have.
    pub volume_types: Option<Vec<String>>,
    /// Its volumes' ids (with `list_volume`, 3.25).
    pub volumes: Option<Vec<String>>,
    /// The group snapshot it was created from.
    pub group_snapshot_id: Option<String>,
    /// The group it was cloned from.
    pub source_group_id: Option<String>,
    /// The owning project (3.58).
    pub project_id: Option<String>,
    /// Replication status (3.38).
    pub replication_status: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Group {
    const KIND: &'static str = "volume group";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = GroupStatus;
    fn status(&self) -> Option<GroupStatus> {
        self.status.clone()
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateGroup {
    /// A name.
    pub name: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// The group type (id or name).
    pub group_type: String,
    /// The volume types (ids or names) its volumes may have.
    pub volume_types: Vec<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
}

impl CreateGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.group_type.is_empty(),
            "group_type",
            "a group needs a group type",
        )
        .and(InvalidInput::require(
            !self.volume_types.is_empty(),
            "volume_types",
            "a group needs at least one volume type",
        ))
    }
}

/// The body of [`create_from_source`]: a new group from a group snapshot or a group.
/// Both sources are sent (the one not given as `null`), as Cinder documents them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateGroupFromSource {
    /// A name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The group snapshot to create it from.
    pub group_snapshot_id: Option<String>,
    /// The group to clone.
    pub source_group_id: Option<String>,
}

fn comma<S: Serializer>(ids: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&ids.join(","))
}

/// The body of [`update`]: only what is given changes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateGroup {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// Volumes to add (sent comma-joined).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "comma")]
    pub add_volumes: Vec<String>,
    /// Volumes to remove (sent comma-joined).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "comma")]
    pub remove_volumes: Vec<String>,
}

impl UpdateGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.name.is_some()
                || self.description.is_some()
                || !self.add_volumes.is_empty()
                || !self.remove_volumes.is_empty(),
            "group",
            "nothing to change",
        )
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListGroups {
    /// Every project's (admin only).
    pub all_tenants: bool,
    /// Also each group's volumes (3.25).
    pub list_volume: bool,
    /// Sorting (`sort=key:dir,…`), paging and extra filters.
    pub common: ListCommon,
}

fn list_of<T>(
    list: List<T>,
    common: &ListCommon,
    all_tenants: bool,
    list_volume: bool,
    version: &str,
) -> List<T> {
    let own = query!(
        all_tenants: all_tenants.then_some("True"),
        list_volume: list_volume.then_some("True"),
    );
    list.microversion(if list_volume { "3.25" } else { version })
        .check(LIST_STYLE.check(common))
        .query(LIST_STYLE.encode(common, own))
}

/// `POST /groups`.
pub fn create(group: &CreateGroup) -> Op<Group> {
    Op::post(path!("groups"))
        .check(group.check())
        .json_under("group", group)
        .microversion(MICROVERSION)
        .decode_key("group")
}

/// `POST /groups/action` with `create-from-src` (3.14).
pub fn create_from_source(group: &CreateGroupFromSource) -> Op<Group> {
    Op::action(path!("groups/action"), "create-from-src", group)
        .check(InvalidInput::require(
            group.group_snapshot_id.is_some() != group.source_group_id.is_some(),
            "create-from-src",
            "give exactly one of group_snapshot_id and source_group_id",
        ))
        .microversion(SNAPSHOTS_MICROVERSION)
        .decode_key("group")
}

/// `GET /groups`, every page: ids and names.
pub fn list(filter: &ListGroups) -> List<Group> {
    let l = List::new(path!("groups"), "groups", Paging::Linked);
    list_of(
        l,
        &filter.common,
        filter.all_tenants,
        filter.list_volume,
        MICROVERSION,
    )
}

/// `GET /groups/detail`, every page.
pub fn list_detail(filter: &ListGroups) -> List<Group> {
    let l = List::new(path!("groups/detail"), "groups", Paging::Linked);
    list_of(
        l,
        &filter.common,
        filter.all_tenants,
        filter.list_volume,
        MICROVERSION,
    )
}

/// `GET /groups/{group_id}`.
pub fn get(group_id: &str) -> Op<Group> {
    Op::get(path!("groups/{}", group_id))
        .microversion(MICROVERSION)
        .decode_key("group")
}

/// `GET /groups/{group_id}?list_volume=True` (3.25): with its volumes.
pub fn get_with_volumes(group_id: &str) -> Op<Group> {
    Op::get(path!("groups/{}", group_id))
        .query(query!(list_volume: Some("True")))
        .microversion("3.25")
        .decode_key("group")
}

/// `PUT /groups/{group_id}`.
pub fn update(group_id: &str, changes: &UpdateGroup) -> Op<()> {
    Op::put(path!("groups/{}", group_id))
        .check(changes.check())
        .json_under("group", changes)
        .microversion(MICROVERSION)
}

#[derive(Serialize)]
struct Delete {
    #[serde(rename = "delete-volumes")]
    delete_volumes: bool,
}

fn group_action<B: Serialize + ?Sized>(
    group_id: &str,
    name: &'static str,
    body: &B,
    version: &str,
) -> Op<()> {
    Op::action(path!("groups/{}/action", group_id), name, body).microversion(version)
}

/// `delete` action: deletes the group, and its volumes with `delete_volumes` (otherwise
/// it must have none).
pub fn delete(group_id: &str, delete_volumes: bool) -> Op<()> {
    group_action(group_id, "delete", &Delete { delete_volumes }, MICROVERSION)
}

#[derive(Serialize)]
struct Status<'a> {
    status: &'a str,
}

/// `reset_status` action (3.20, admin): sets the status in the database only.
pub fn reset_status(group_id: &str, status: &GroupStatus) -> Op<()> {
    let body = Status {
        status: status.as_str(),
    };
    group_action(group_id, "reset_status", &body, "3.20")
}

/// The microversion of group replication.
pub const REPLICATION_MICROVERSION: &str = "3.38";

/// `enable_replication` action (3.38).
pub fn enable_replication(group_id: &str) -> Op<()> {
    group_action(
        group_id,
        "enable_replication",
        super::empty(),
        REPLICATION_MICROVERSION,
    )
}

/// `disable_replication` action (3.38).
pub fn disable_replication(group_id: &str) -> Op<()> {
    group_action(
        group_id,
        "disable_replication",
        super::empty(),
        REPLICATION_MICROVERSION,
    )
}

/// The body of [`failover_replication`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Failover {
    /// Fail over even with attached volumes.
    pub allow_attached_volume: Option<bool>,
    /// The back end to fail over to.
    pub secondary_backend_id: Option<String>,
}

/// `failover_replication` action (3.38).
pub fn failover_replication(group_id: &str, to: &Failover) -> Op<()> {
    group_action(
        group_id,
        "failover_replication",
        to,
        REPLICATION_MICROVERSION,
    )
}

/// `list_replication_targets` action (3.38): the `replication_targets` object
/// (`backend_id` and driver-specific keys).
pub fn list_replication_targets(group_id: &str) -> Op<Map<String, Value>> {
    Op::action(
        path!("groups/{}/action", group_id),
        "list_replication_targets",
        super::empty(),
    )
    .microversion(REPLICATION_MICROVERSION)
    .decode_key("replication_targets")
}

/// A group snapshot. [`list_snapshots`] and [`create_snapshot`] give `id` and `name`
/// (create also `group_type_id`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSnapshot {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its status.
    pub status: Option<GroupSnapshotStatus>,
    /// The group.
    pub group_id: Option<String>,
    /// The group's type.
    pub group_type_id: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// The owning project (3.58).
    pub project_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for GroupSnapshot {
    const KIND: &'static str = "group snapshot";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = GroupSnapshotStatus;
    fn status(&self) -> Option<GroupSnapshotStatus> {
        self.status.clone()
    }
}

/// The body of [`create_snapshot`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateGroupSnapshot {
    /// The group.
    pub group_id: String,
    /// A name.
    pub name: Option<String>,
    /// A description.
    pub description: Option<String>,
}

/// `POST /group_snapshots` (3.14).
pub fn create_snapshot(snapshot: &CreateGroupSnapshot) -> Op<GroupSnapshot> {
    Op::post(path!("group_snapshots"))
        .check(InvalidInput::require(
            !snapshot.group_id.is_empty(),
            "group_id",
            "a group snapshot needs a group",
        ))
        .json_under("group_snapshot", snapshot)
        .microversion(SNAPSHOTS_MICROVERSION)
        .decode_key("group_snapshot")
}

/// `GET /group_snapshots`, every page.
pub fn list_snapshots(filter: &ListGroups) -> List<GroupSnapshot> {
    let l = List::new(path!("group_snapshots"), "group_snapshots", Paging::Linked);
    list_of(
        l,
        &filter.common,
        filter.all_tenants,
        false,
        SNAPSHOTS_MICROVERSION,
    )
}

/// `GET /group_snapshots/detail`, every page.
pub fn list_snapshots_detail(filter: &ListGroups) -> List<GroupSnapshot> {
    let l = List::new(
        path!("group_snapshots/detail"),
        "group_snapshots",
        Paging::Linked,
    );
    list_of(
        l,
        &filter.common,
        filter.all_tenants,
        false,
        SNAPSHOTS_MICROVERSION,
    )
}

/// `GET /group_snapshots/{group_snapshot_id}`.
pub fn get_snapshot(group_snapshot_id: &str) -> Op<GroupSnapshot> {
    Op::get(path!("group_snapshots/{}", group_snapshot_id))
        .microversion(SNAPSHOTS_MICROVERSION)
        .decode_key("group_snapshot")
}

/// `DELETE /group_snapshots/{group_snapshot_id}`.
pub fn delete_snapshot(group_snapshot_id: &str) -> Op<()> {
    Op::delete(path!("group_snapshots/{}", group_snapshot_id)).microversion(SNAPSHOTS_MICROVERSION)
}

/// `reset_status` action on a group snapshot (3.19, admin).
pub fn reset_snapshot_status(group_snapshot_id: &str, status: &GroupSnapshotStatus) -> Op<()> {
    Op::action(
        path!("group_snapshots/{}/action", group_snapshot_id),
        "reset_status",
        &Status {
            status: status.as_str(),
        },
    )
    .microversion("3.19")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    #[test]
    fn checks_bodies_and_microversions() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        assert!(create(&CreateGroup::default()).request(&svc).is_err());
        assert!(update("g", &UpdateGroup::default()).request(&svc).is_err());
        assert!(create_from_source(&CreateGroupFromSource::default())
            .request(&svc)
            .is_err());
        assert!(create_snapshot(&CreateGroupSnapshot::default())
            .request(&svc)
            .is_err());
        let req = update(
            "g",
            &UpdateGroup {
                add_volumes: vec!["a".into(), "b".into()],
                ..Default::default()
            },
        )
        .request(&svc)
        .unwrap();
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(body, serde_json::json!({"group": {"add_volumes": "a,b"}}));
        let req = list_detail(&ListGroups {
            list_volume: true,
            ..Default::default()
        })
        .first_request(&svc)
        .unwrap();
        assert_eq!(req.uri().query(), Some("list_volume=True"));
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.25");
        let req = reset_status("g", &GroupStatus::Available)
            .request(&svc)
            .unwrap();
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.20");
    }
}
