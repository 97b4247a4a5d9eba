//! Cinder volumes: list (summary and detail, every filter, linked paging), get, create
//! (blank, from an image, snapshot, source volume or backup, with scheduler hints),
//! update, delete (with `cascade`), metadata, and the v3 summary.
//!
//! One implementation serves v1, v2 and v3: the shapes agree except for v1's
//! `display_name` / `display_description`, which [`create_in`] and [`update_in`] write
//! for [`ApiVersion::V1`] and [`Volume`] reads under either name.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::{actions, volumes};
//! use ferrocloud::Wait;
//! let cinder = client.block_storage();
//! let vol = cinder
//!     .call(&volumes::create(&volumes::CreateVolume {
//!         size: Some(1),
//!         name: Some("data".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let vol = cinder
//!     .wait_for_status(&volumes::get(&vol.id), &[volumes::VolumeStatus::Available], &[volumes::VolumeStatus::Error], Wait::default())
//!     .await?;
//! cinder.call(&actions::extend(&vol.id, 2)).await?;
//! let all = cinder.collect_all(volumes::list_detail(&volumes::ListVolumes::default())).await?;
//! cinder.call(&volumes::delete(&vol.id, false)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{flex_bool, flex_metadata, ApiVersion, Link, ListFilter, Metadata, MetadataOf};
use crate::{path, query, Find, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

crate::string_enum! {
    /// A volume's status.
    pub enum VolumeStatus {
        /// Being created.
        Creating = "creating",
        /// Ready to attach.
        Available = "available",
        /// Reserved for an attachment.
        Reserved = "reserved",
        /// Being attached.
        Attaching = "attaching",
        /// Being detached.
        Detaching = "detaching",
        /// Attached.
        InUse = "in-use",
        /// Being migrated.
        Maintenance = "maintenance",
        /// Being deleted.
        Deleting = "deleting",
        /// Waiting for a transfer to be accepted.
        AwaitingTransfer = "awaiting-transfer",
        /// Creation failed.
        Error = "error",
        /// Deletion failed.
        ErrorDeleting = "error_deleting",
        /// Backup restore failed.
        ErrorRestoring = "error_restoring",
        /// Extend failed.
        ErrorExtending = "error_extending",
        /// Being backed up.
        BackingUp = "backing-up",
        /// Being restored from a backup.
        RestoringBackup = "restoring-backup",
        /// Being uploaded to an image.
        Downloading = "downloading",
        /// Uploading to an image.
        Uploading = "uploading",
        /// Being retyped.
        Retyping = "retyping",
        /// Being extended.
        Extending = "extending",
    }
}

/// One attachment of a volume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeAttachment {
    /// Attachment id.
    pub attachment_id: Option<String>,
    /// Same as the volume id (legacy).
    pub id: Option<String>,
    /// The volume.
    pub volume_id: Option<String>,
    /// The server it is attached to.
    pub server_id: Option<String>,
    /// The host it is attached to.
    pub host_name: Option<String>,
    /// Device name (`/dev/vdb`).
    pub device: Option<String>,
    /// When.
    pub attached_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A volume (every version; v1 names are read as `name` / `description`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    /// Volume id.
    pub id: String,
    /// Name (`display_name` in v1).
    #[serde(alias = "display_name")]
    pub name: Option<String>,
    /// Description (`display_description` in v1).
    #[serde(alias = "display_description")]
    pub description: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: VolumeStatus,
    /// Size in GiB.
    #[serde(default)]
    pub size: u64,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Attachments.
    #[serde(default)]
    pub attachments: Vec<VolumeAttachment>,
    /// Whether it is bootable (Cinder sends `"true"` / `"false"` strings).
    #[serde(default, deserialize_with = "flex_bool")]
    pub bootable: Option<bool>,
    /// Whether it is encrypted.
    #[serde(default, deserialize_with = "flex_bool")]
    pub encrypted: Option<bool>,
    /// Whether it can attach to several servers.
    #[serde(default, deserialize_with = "flex_bool")]
    pub multiattach: Option<bool>,
    /// Volume type name.
    pub volume_type: Option<String>,
    /// Volume type id (3.61+).
    pub volume_type_id: Option<String>,
    /// Snapshot it was created from.
    pub snapshot_id: Option<String>,
    /// Volume it was cloned from.
    pub source_volid: Option<String>,
    /// Backup it was restored from (3.47+).
    pub backup_id: Option<String>,
    /// Metadata.
    #[serde(default, deserialize_with = "flex_metadata")]
    pub metadata: Metadata,
    /// Image metadata of a volume made from an image.
    pub volume_image_metadata: Option<BTreeMap<String, Value>>,
    /// Owner user (2.0+/3.0+).
    pub user_id: Option<String>,
    /// Owner project (`os-vol-tenant-attr:tenant_id`).
    #[serde(rename = "os-vol-tenant-attr:tenant_id")]
    pub tenant_id: Option<String>,
    /// Backend host (`os-vol-host-attr:host`, admin).
    #[serde(rename = "os-vol-host-attr:host")]
    pub host: Option<String>,
    /// Migration status (`os-vol-mig-status-attr:migstat`, admin).
    #[serde(rename = "os-vol-mig-status-attr:migstat")]
    pub migstat: Option<String>,
    /// Backend name id (`os-vol-mig-status-attr:name_id`, admin).
    #[serde(rename = "os-vol-mig-status-attr:name_id")]
    pub name_id: Option<String>,
    /// Migration status.
    pub migration_status: Option<String>,
    /// Replication status.
    pub replication_status: Option<String>,
    /// Consistency group.
    pub consistencygroup_id: Option<String>,
    /// Group (3.13+).
    pub group_id: Option<String>,
    /// Backend provider id (3.21+, admin).
    pub provider_id: Option<String>,
    /// Volume service (3.48+).
    pub service_uuid: Option<String>,
    /// Whether the backend shares targets (3.48+).
    #[serde(default, deserialize_with = "flex_bool")]
    pub shared_targets: Option<bool>,
    /// Cluster (3.61+, admin).
    pub cluster_name: Option<String>,
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

impl HasStatus for Volume {
    const KIND: &'static str = "volume";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = VolumeStatus;
    fn status(&self) -> Option<VolumeStatus> {
        Some(self.status.clone())
    }
}

/// A volume as the summary list (`GET /volumes`) shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeRef {
    /// Volume id.
    pub id: String,
    /// Name (`display_name` in v1).
    #[serde(alias = "display_name")]
    pub name: Option<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Scheduler hints (`OS-SCH-HNT:scheduler_hints`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchedulerHints {
    /// Place on the same backend as these volumes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_host: Vec<String>,
    /// Place on another backend than these volumes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub different_host: Vec<String>,
    /// Place on the host of this server.
    pub local_to_instance: Option<String>,
    /// A JSON filter query (`JsonFilter`).
    pub query: Option<Value>,
    /// Other hints.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]. Give `size`, or a source (`snapshot_id`, `source_volid`,
/// `backup_id`) whose size is used.
///
/// The classic fields are always sent, `null` when unset, as python-cinderclient does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CreateVolume {
    /// Size in GiB.
    pub size: Option<u64>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Volume type (name or id).
    pub volume_type: Option<String>,
    /// Create from this image (`imageRef`).
    pub image_ref: Option<String>,
    /// Create from this snapshot.
    pub snapshot_id: Option<String>,
    /// Clone this volume.
    pub source_volid: Option<String>,
    /// Restore this backup (3.47+; v3 only).
    pub backup_id: Option<String>,
    /// Allow attaching to several servers (v2+).
    pub multiattach: bool,
    /// Metadata.
    pub metadata: Metadata,
    /// Consistency group (v2+).
    pub consistencygroup_id: Option<String>,
    /// Group (3.13+).
    pub group_id: Option<String>,
    /// Scheduler hints.
    pub scheduler_hints: Option<SchedulerHints>,
}

fn opt(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

impl CreateVolume {
    fn validate(&self) -> Result<(), InvalidInput> {
        let sourced =
            self.snapshot_id.is_some() || self.source_volid.is_some() || self.backup_id.is_some();
        match self.size {
            Some(0) => Err(InvalidInput::field("size", "must be at least 1 GiB")),
            None if !sourced => Err(InvalidInput::field(
                "size",
                "give a size, or a snapshot, source volume or backup to take it from",
            )),
            _ => Ok(()),
        }
    }

    /// The request body for `version`.
    pub fn body(&self, version: ApiVersion) -> Result<Value, InvalidInput> {
        self.validate()?;
        let (name_key, description_key) = match version {
            ApiVersion::V1 => ("display_name", "display_description"),
            _ => ("name", "description"),
        };
        let mut v = Map::new();
        v.insert("size".into(), self.size.map_or(Value::Null, Value::from));
        v.insert("availability_zone".into(), opt(&self.availability_zone));
        v.insert("source_volid".into(), opt(&self.source_volid));
        v.insert(description_key.into(), opt(&self.description));
        v.insert("snapshot_id".into(), opt(&self.snapshot_id));
        v.insert(name_key.into(), opt(&self.name));
        v.insert("imageRef".into(), opt(&self.image_ref));
        v.insert("volume_type".into(), opt(&self.volume_type));
        v.insert("metadata".into(), json!(self.metadata));
        if version != ApiVersion::V1 {
            v.insert("multiattach".into(), Value::Bool(self.multiattach));
            v.insert("consistencygroup_id".into(), opt(&self.consistencygroup_id));
        } else if self.multiattach {
            return Err(InvalidInput::field(
                "multiattach",
                "not in Block Storage v1",
            ));
        }
        match version {
            ApiVersion::V3 => {
                v.insert("backup_id".into(), opt(&self.backup_id));
            }
            _ if self.backup_id.is_some() => {
                return Err(InvalidInput::field("backup_id", "Block Storage v3 only"))
            }
            _ => {}
        }
        if let Some(g) = &self.group_id {
            v.insert("group_id".into(), Value::String(g.clone()));
        }
        let mut body = Map::new();
        body.insert("volume".into(), Value::Object(v));
        if let Some(h) = &self.scheduler_hints {
            let h = serde_json::to_value(h)
                .map_err(|e| InvalidInput::field("scheduler_hints", e.to_string()))?;
            body.insert("OS-SCH-HNT:scheduler_hints".into(), h);
        }
        Ok(Value::Object(body))
    }
}

/// `POST /volumes` (v2 / v3 shape).
pub fn create(volume: &CreateVolume) -> Op<Volume> {
    create_in(ApiVersion::V3, volume)
}

/// `POST /volumes` in the shape of `version`.
pub fn create_in(version: ApiVersion, volume: &CreateVolume) -> Op<Volume> {
    let op = Op::post(path!("volumes")).decode_key("volume");
    match volume.body(version) {
        Ok(body) => op.json(&body),
        Err(e) => op.check(Err(e)),
    }
}

/// The body of [`update`]: `Keep` leaves a field as is, `Null` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateVolume {
    /// Name.
    pub name: crate::Patch<String>,
    /// Description.
    pub description: crate::Patch<String>,
    /// Replaces the metadata when `Some`.
    pub metadata: Option<Metadata>,
}

impl UpdateVolume {
    /// The request body for `version`.
    pub fn body(&self, version: ApiVersion) -> Result<Value, InvalidInput> {
        let (name_key, description_key) = match version {
            ApiVersion::V1 => ("display_name", "display_description"),
            _ => ("name", "description"),
        };
        let mut v = Map::new();
        for (key, field) in [(name_key, &self.name), (description_key, &self.description)] {
            match field {
                crate::Patch::Keep => {}
                crate::Patch::Null => {
                    v.insert(key.into(), Value::Null);
                }
                crate::Patch::Set(s) => {
                    v.insert(key.into(), Value::String(s.clone()));
                }
            }
        }
        if let Some(m) = &self.metadata {
            v.insert("metadata".into(), json!(m));
        }
        if v.is_empty() {
            return Err(InvalidInput::field("volume", "nothing to update"));
        }
        Ok(json!({ "volume": v }))
    }
}

/// `PUT /volumes/{id}` (v2 / v3 shape).
pub fn update(volume_id: &str, changes: &UpdateVolume) -> Op<Volume> {
    update_in(ApiVersion::V3, volume_id, changes)
}

/// `PUT /volumes/{id}` in the shape of `version`.
pub fn update_in(version: ApiVersion, volume_id: &str, changes: &UpdateVolume) -> Op<Volume> {
    let op = Op::put(path!("volumes/{}", volume_id)).decode_key("volume");
    match changes.body(version) {
        Ok(body) => op.json(&body),
        Err(e) => op.check(Err(e)),
    }
}

/// `GET /volumes/{id}`.
pub fn get(volume_id: &str) -> Op<Volume> {
    Op::get(path!("volumes/{}", volume_id)).decode_key("volume")
}

/// A volume by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Volume> {
    Find::new(
        "volume",
        name_or_id,
        get(name_or_id),
        list_detail(&ListVolumes {
            filter: ListFilter {
                name: Some(name_or_id.into()),
                ..Default::default()
            },
            ..Default::default()
        }),
    )
}

crate::named!(Volume);

/// `DELETE /volumes/{id}`; `cascade` also deletes its snapshots.
pub fn delete(volume_id: &str, cascade: bool) -> Op<()> {
    Op::delete(path!("volumes/{}", volume_id)).query(query!(cascade: cascade.then_some("true")))
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListVolumes {
    /// The filters volumes share with snapshots and backups (`all_tenants`, name,
    /// status, metadata, `offset`, `with_count`).
    pub filter: ListFilter,
    /// Sorting (`sort=key:dir,…`), paging and extra filters (`created_at=gt:…`, …).
    pub common: ListCommon,
    /// Bootable only (or not).
    pub bootable: Option<bool>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Volume type.
    pub volume_type: Option<String>,
    /// Group (3.10+).
    pub group_id: Option<String>,
    /// Image metadata that must match (`glance_metadata`).
    pub glance_metadata: Metadata,
}

impl ListVolumes {
    fn query(&self) -> crate::Query {
        let glance = (!self.glance_metadata.is_empty())
            .then(|| serde_json::to_string(&self.glance_metadata).unwrap_or_default());
        query!(
            bootable: self.bootable,
            availability_zone: self.availability_zone.as_deref(),
            volume_type: self.volume_type.as_deref(),
            group_id: self.group_id.as_deref(),
            glance_metadata: glance,
        )
    }

    fn on<T>(&self, list: List<T>) -> List<T> {
        self.filter.list(&self.common, list, self.query())
    }
}

/// `GET /volumes`: ids and names, linked-paged via `volumes_links`.
pub fn list(filter: &ListVolumes) -> List<VolumeRef> {
    filter.on(List::new(path!("volumes"), "volumes", Paging::Linked))
}

/// `GET /volumes/detail`: full volumes, linked-paged via `volumes_links`.
pub fn list_detail(filter: &ListVolumes) -> List<Volume> {
    filter.on(List::new(
        path!("volumes/detail"),
        "volumes",
        Paging::Linked,
    ))
}

/// One page of `GET /volumes/detail` with its total `count` (set `with_count`, 3.45+).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct VolumePage {
    /// The volumes of this page.
    pub volumes: Vec<Volume>,
    /// The total count over all pages, when asked for.
    pub count: Option<u64>,
    /// Links to the next page.
    #[serde(default)]
    pub volumes_links: Vec<Link>,
}

/// `GET /volumes/detail` as one page, with the `count` (3.45+ with `with_count`).
pub fn list_detail_page(filter: &ListVolumes) -> Op<VolumePage> {
    let op = Op::get(path!("volumes/detail")).decode_body();
    filter.filter.page(&filter.common, op, filter.query())
}

/// `GET /volumes/summary` (3.12+): totals over the listed volumes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeSummary {
    /// Total size in GiB.
    pub total_size: u64,
    /// Number of volumes.
    pub total_count: u64,
    /// Every metadata key with its values (3.36+).
    pub metadata: BTreeMap<String, Vec<String>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /volumes/summary` (3.12+).
pub fn summary(all_tenants: bool) -> Op<VolumeSummary> {
    Op::get(path!("volumes/summary"))
        .query(query!(all_tenants: all_tenants.then_some("True")))
        .decode_key("volume-summary")
}

/// The metadata API of volumes (`/volumes/{id}/metadata`): get, merge, replace, and one
/// key's get, set and delete.
pub const METADATA: MetadataOf = MetadataOf::new("volumes");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h:8776/v3/p").unwrap()
    }

    #[test]
    fn v1_shape_and_validation() {
        let c = CreateVolume {
            size: Some(1),
            name: Some("a".into()),
            description: Some("d".into()),
            ..Default::default()
        };
        let b = c.body(ApiVersion::V1).unwrap();
        assert_eq!(b["volume"]["display_name"], "a");
        assert_eq!(b["volume"]["display_description"], "d");
        assert!(b["volume"].get("name").is_none());
        assert!(b["volume"].get("multiattach").is_none());
        assert!(b["volume"].get("backup_id").is_none());
        let req = create(&CreateVolume::default()).request(&svc());
        assert!(matches!(req, Err(crate::Error::InvalidInput(_))));
        let req = create(&CreateVolume {
            size: Some(0),
            ..Default::default()
        })
        .request(&svc());
        assert!(matches!(req, Err(crate::Error::InvalidInput(_))));
        let from_snap = CreateVolume {
            snapshot_id: Some("s".into()),
            ..Default::default()
        };
        assert_eq!(
            from_snap.body(ApiVersion::V2).unwrap()["volume"]["size"],
            Value::Null
        );
        assert!(CreateVolume {
            backup_id: Some("b".into()),
            ..Default::default()
        }
        .body(ApiVersion::V2)
        .is_err());
    }

    #[test]
    fn update_tri_state() {
        let u = UpdateVolume {
            name: crate::Patch::Set("n".into()),
            description: crate::Patch::Null,
            metadata: None,
        };
        assert_eq!(
            u.body(ApiVersion::V3).unwrap(),
            json!({"volume": {"name": "n", "description": null}})
        );
        assert_eq!(
            u.body(ApiVersion::V1).unwrap(),
            json!({"volume": {"display_name": "n", "display_description": null}})
        );
        assert!(update("x", &UpdateVolume::default())
            .request(&svc())
            .is_err());
    }

    #[test]
    fn delete_cascade_and_v1_parse() {
        let req = delete("v", true).request(&svc()).unwrap();
        assert_eq!(req.uri(), "http://h:8776/v3/p/volumes/v?cascade=true");
        let v: Volume = serde_json::from_str(
            r#"{"id": "x", "display_name": "old", "display_description": "d", "status": "available", "size": 1, "bootable": "true", "metadata": {"a": "b"}}"#,
        )
        .unwrap();
        assert_eq!(v.name.as_deref(), Some("old"));
        assert_eq!(v.bootable, Some(true));
        assert_eq!(v.status, VolumeStatus::Available);
        assert!(serde_json::from_str::<Volume>(r#"{"id": "x", "size": "big"}"#).is_err());
    }
}
