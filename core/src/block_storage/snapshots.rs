//! Cinder snapshots: list (summary and detail, filters, linked paging), get, create,
//! update, delete, metadata, and the actions reset status, update status and force
//! delete. Wait for a status with
//! [`Service::wait_for_status`](crate::Service::wait_for_status).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::snapshots::{self, CreateSnapshot};
//! use ferrocloud::{Patch, Wait};
//! let cinder = client.block_storage();
//! let snap = cinder
//!     .call(&snapshots::create(&CreateSnapshot { volume_id: "4f7a".into(), name: Some("nightly".into()), ..Default::default() }))
//!     .await?;
//! cinder
//!     .wait_for_status(&snapshots::get(&snap.id), &[snapshots::SnapshotStatus::Available], &[snapshots::SnapshotStatus::Error], Wait::default())
//!     .await?;
//! cinder
//!     .call(&snapshots::update(&snap.id, &snapshots::UpdateSnapshot { description: Patch::Set("kept".into()), ..Default::default() }))
//!     .await?;
//! cinder.call(&snapshots::delete(&snap.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{action, empty, flex_metadata, ApiVersion, Link, ListFilter, Metadata, MetadataOf};
use crate::{path, Find, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Patch, Timestamp};

crate::string_enum! {
    /// A snapshot's status.
    pub enum SnapshotStatus {
        /// Being created.
        Creating = "creating",
        /// Ready.
        Available = "available",
        /// Being backed up.
        BackingUp = "backing-up",
        /// Being deleted.
        Deleting = "deleting",
        /// Failed.
        Error = "error",
        /// Deletion failed.
        ErrorDeleting = "error_deleting",
        /// Being unmanaged.
        Unmanaging = "unmanaging",
        /// Being restored.
        Restoring = "restoring",
        /// Deleted.
        Deleted = "deleted",
    }
}

/// A snapshot (v1 names `display_name` / `display_description` are read too).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Snapshot id.
    pub id: String,
    /// Name.
    #[serde(alias = "display_name")]
    pub name: Option<String>,
    /// Description.
    #[serde(alias = "display_description")]
    pub description: Option<String>,
    /// The volume it was taken from.
    pub volume_id: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: SnapshotStatus,
    /// Size in GiB.
    #[serde(default)]
    pub size: u64,
    /// Metadata.
    #[serde(default, deserialize_with = "flex_metadata")]
    pub metadata: Metadata,
    /// Progress (`os-extended-snapshot-attributes:progress`, `"100%"`).
    #[serde(rename = "os-extended-snapshot-attributes:progress")]
    pub progress: Option<String>,
    /// Owner project (`os-extended-snapshot-attributes:project_id`).
    #[serde(rename = "os-extended-snapshot-attributes:project_id")]
    pub project_id: Option<String>,
    /// Group snapshot (3.14+).
    pub group_snapshot_id: Option<String>,
    /// Owner user (3.41+).
    pub user_id: Option<String>,
    /// Whether it counts against the quota (3.65+).
    pub consumes_quota: Option<bool>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Snapshot {
    const KIND: &'static str = "volume snapshot";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = SnapshotStatus;
    fn status(&self) -> Option<SnapshotStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSnapshot {
    /// The volume to snapshot.
    pub volume_id: String,
    /// Snapshot even when the volume is attached.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub force: bool,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Metadata.
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
}

/// `{"snapshot": body}`, with v1's `display_name` / `display_description` for
/// [`ApiVersion::V1`].
fn body_in<B: Serialize>(version: ApiVersion, body: &B) -> Result<Value, InvalidInput> {
    let mut v =
        serde_json::to_value(body).map_err(|e| InvalidInput::field("snapshot", e.to_string()))?;
    if let (ApiVersion::V1, Value::Object(m)) = (version, &mut v) {
        for (new, old) in [
            ("display_name", "name"),
            ("display_description", "description"),
        ] {
            if let Some(x) = m.remove(old) {
                m.insert(new.into(), x);
            }
        }
    }
    Ok(serde_json::json!({ "snapshot": v }))
}

/// `POST /snapshots`.
pub fn create(snapshot: &CreateSnapshot) -> Op<Snapshot> {
    create_in(ApiVersion::V3, snapshot)
}

/// `POST /snapshots` in the shape of `version` (v1: `display_name`, …).
pub fn create_in(version: ApiVersion, snapshot: &CreateSnapshot) -> Op<Snapshot> {
    let op = Op::post(path!("snapshots")).decode_key("snapshot");
    let op = op.check(InvalidInput::require(
        !snapshot.volume_id.is_empty(),
        "volume_id",
        "must not be empty",
    ));
    match body_in(version, snapshot) {
        Ok(body) => op.json(&body),
        Err(e) => op.check(Err(e)),
    }
}

/// `GET /snapshots/{id}`.
pub fn get(snapshot_id: &str) -> Op<Snapshot> {
    Op::get(path!("snapshots/{}", snapshot_id)).decode_key("snapshot")
}

/// A snapshot by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Snapshot> {
    Find::new(
        "snapshot",
        name_or_id,
        get(name_or_id),
        list_detail(&ListSnapshots {
            filter: ListFilter {
                name: Some(name_or_id.into()),
                ..Default::default()
            },
            ..Default::default()
        }),
    )
}

crate::named!(Snapshot);

/// `DELETE /snapshots/{id}`.
pub fn delete(snapshot_id: &str) -> Op<()> {
    Op::delete(path!("snapshots/{}", snapshot_id))
}

/// The body of [`update`]: `Keep` leaves a field as is, `Null` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSnapshot {
    /// Name.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub name: Patch<String>,
    /// Description.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
}

/// `PUT /snapshots/{id}`.
pub fn update(snapshot_id: &str, changes: &UpdateSnapshot) -> Op<Snapshot> {
    update_in(ApiVersion::V3, snapshot_id, changes)
}

/// `PUT /snapshots/{id}` in the shape of `version`.
pub fn update_in(version: ApiVersion, snapshot_id: &str, changes: &UpdateSnapshot) -> Op<Snapshot> {
    let op = Op::put(path!("snapshots/{}", snapshot_id)).decode_key("snapshot");
    let op = op.check(InvalidInput::require(
        changes != &UpdateSnapshot::default(),
        "snapshot",
        "nothing to update",
    ));
    match body_in(version, changes) {
        Ok(body) => op.json(&body),
        Err(e) => op.check(Err(e)),
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSnapshots {
    /// The filters shared with volumes and backups (`all_tenants`, `project_id`, name,
    /// status, metadata, `offset`, `with_count`).
    pub filter: ListFilter,
    /// Sorting (`sort=key:dir,…`), paging and extra filters.
    pub common: ListCommon,
    /// Snapshots of this volume.
    pub volume_id: Option<String>,
}

impl ListSnapshots {
    fn on<T>(&self, list: List<T>) -> List<T> {
        let own = crate::query!(volume_id: self.volume_id.as_deref());
        self.filter.list(&self.common, list, own)
    }
}

/// `GET /snapshots`, linked-paged via `snapshots_links`.
pub fn list(filter: &ListSnapshots) -> List<Snapshot> {
    filter.on(List::new(path!("snapshots"), "snapshots", Paging::Linked))
}

/// `GET /snapshots/detail`, linked-paged via `snapshots_links`.
pub fn list_detail(filter: &ListSnapshots) -> List<Snapshot> {
    filter.on(List::new(
        path!("snapshots/detail"),
        "snapshots",
        Paging::Linked,
    ))
}

const SNAPSHOTS: &str = "snapshots";

#[serde_with::skip_serializing_none]
#[derive(Serialize)]
struct Status<'a> {
    status: &'a str,
    progress: Option<&'a str>,
}

/// `os-reset_status` (admin): sets the status without doing anything.
pub fn reset_status(snapshot_id: &str, status: &str) -> Op<()> {
    action(
        SNAPSHOTS,
        snapshot_id,
        "os-reset_status",
        &Status {
            status,
            progress: None,
        },
    )
    .check(InvalidInput::require(
        !status.is_empty(),
        "status",
        "must not be empty",
    ))
}

/// `os-update_snapshot_status` (for backends reporting progress): a status and an
/// optional progress such as `"80%"`.
pub fn update_status(snapshot_id: &str, status: &str, progress: Option<&str>) -> Op<()> {
    action(
        SNAPSHOTS,
        snapshot_id,
        "os-update_snapshot_status",
        &Status { status, progress },
    )
    .check(InvalidInput::require(
        !status.is_empty(),
        "status",
        "must not be empty",
    ))
}

/// `os-force_delete` (admin): deletes whatever the status.
pub fn force_delete(snapshot_id: &str) -> Op<()> {
    action(SNAPSHOTS, snapshot_id, "os-force_delete", empty())
}

/// `os-unmanage` (admin): Cinder forgets the snapshot, the backend keeps it (the reverse
/// of [`manageable::manage_snapshot`](crate::block_storage::manageable::manage_snapshot)).
pub fn unmanage(snapshot_id: &str) -> Op<()> {
    action(SNAPSHOTS, snapshot_id, "os-unmanage", empty())
}

/// The metadata API of snapshots (`/snapshots/{id}/metadata`): get, merge, replace, and one
/// key's get, set and delete.
pub const METADATA: MetadataOf = MetadataOf::new("snapshots");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn validation_and_tri_state() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        assert!(create(&CreateSnapshot::default()).request(&svc).is_err());
        assert!(update("s", &UpdateSnapshot::default())
            .request(&svc)
            .is_err());
        assert!(reset_status("s", "").request(&svc).is_err());
        let req = update(
            "s",
            &UpdateSnapshot {
                name: Patch::Null,
                ..Default::default()
            },
        )
        .request(&svc)
        .unwrap();
        assert_eq!(req.body().as_ref(), br#"{"snapshot":{"name":null}}"#);
        let v1 = create_in(
            ApiVersion::V1,
            &CreateSnapshot {
                volume_id: "v".into(),
                name: Some("n".into()),
                description: Some("d".into()),
                ..Default::default()
            },
        )
        .request(&svc)
        .unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(v1.body()).unwrap(),
            serde_json::json!({"snapshot": {"volume_id": "v", "display_name": "n", "display_description": "d"}})
        );
        let s: Snapshot =
            serde_json::from_str(r#"{"id": "a", "status": "restoring-ish", "display_name": "v1"}"#)
                .unwrap();
        assert_eq!(s.status, SnapshotStatus::Other("restoring-ish".into()));
        assert_eq!(s.name.as_deref(), Some("v1"));
    }
}
