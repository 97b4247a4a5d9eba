//! Block Storage backups (`/backups`): create (full, incremental, from a snapshot), list
//! and list in detail (paged by links, with filters), get, update (3.9), delete, force
//! delete, reset status, restore to a volume, and export/import of a backup's record.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::backups::{self, CreateBackup, Restore};
//! use ferrocloud::Wait;
//! let cinder = client.block_storage();
//! let b = cinder
//!     .call(&backups::create(&CreateBackup {
//!         volume_id: "0aa67a0c-7339-4be6-b5d5-2afe21ca270c".into(),
//!         name: Some("nightly".into()),
//!         incremental: Some(true),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let b = cinder
//!     .wait_for_status(&backups::get(&b.id), &[backups::BackupStatus::Available], &[backups::BackupStatus::Error], Wait::default())
//!     .await?;
//! let restored = cinder.call(&backups::restore(&b.id, &Restore::default())).await?;
//! println!("restoring into {}", restored.volume_id);
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{empty, flex_metadata, Link, ListFilter, Metadata};
use crate::{path, Find, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

crate::string_enum! {
    /// A backup's status.
    pub enum BackupStatus {
        /// Being created.
        Creating = "creating",
        /// Ready.
        Available = "available",
        /// Being deleted.
        Deleting = "deleting",
        /// Failed (see `fail_reason`).
        Error = "error",
        /// Being restored to a volume.
        Restoring = "restoring",
        /// Restore failed.
        ErrorRestoring = "error_restoring",
        /// Delete failed.
        ErrorDeleting = "error_deleting",
        /// Deleted.
        Deleted = "deleted",
    }
}

/// A backup, as [`get`] and [`list_detail`] return it. Fields marked with a microversion
/// appear from it on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its status.
    #[serde(default)]
    pub status: BackupStatus,
    /// Why it failed.
    pub fail_reason: Option<String>,
    /// The volume backed up.
    pub volume_id: Option<String>,
    /// The snapshot backed up, if from one.
    pub snapshot_id: Option<String>,
    /// Size, GiB.
    pub size: Option<u64>,
    /// Objects in the backup store.
    pub object_count: Option<u64>,
    /// The container (bucket, directory, pool) in the backup store.
    pub container: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Incremental.
    pub is_incremental: Option<bool>,
    /// Incremental backups depend on it.
    pub has_dependent_backups: Option<bool>,
    /// When the data was taken (the snapshot's time for a backup from a snapshot).
    pub data_timestamp: Option<Timestamp>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Last changed.
    pub updated_at: Option<Timestamp>,
    /// The owning project (3.18, admin).
    #[serde(rename = "os-backup-project-attr:project_id")]
    pub project_id: Option<String>,
    /// The creating user (3.56).
    pub user_id: Option<String>,
    /// Its metadata (3.43).
    #[serde(default, deserialize_with = "flex_metadata")]
    pub metadata: Metadata,
    /// The encryption key of an encrypted volume's backup (3.64).
    pub encryption_key_id: Option<String>,
    /// Self and bookmark links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Backup {
    const KIND: &'static str = "volume backup";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = BackupStatus;
    fn status(&self) -> Option<BackupStatus> {
        Some(self.status.clone())
    }
    fn fault(&self) -> Option<&str> {
        self.fail_reason.as_deref()
    }
}

/// A backup as [`list`], [`create`], [`update`] and [`import_record`] return it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRef {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// Self and bookmark links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]. `container`, `description` and `snapshot_id` are sent as
/// `null` when not given, as Cinder documents them.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateBackup {
    /// The volume to back up.
    pub volume_id: String,
    /// The container in the backup store (default: the driver's).
    #[serialize_always]
    pub container: Option<String>,
    /// A description.
    #[serialize_always]
    pub description: Option<String>,
    /// A name.
    pub name: Option<String>,
    /// Only what changed since the last backup of the volume.
    pub incremental: Option<bool>,
    /// Back up this snapshot of the volume instead of the volume.
    #[serialize_always]
    pub snapshot_id: Option<String>,
    /// Back up even when the volume is attached.
    pub force: Option<bool>,
    /// Metadata (3.43).
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Availability zone of the backup service (3.51).
    pub availability_zone: Option<String>,
}

impl CreateBackup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.volume_id.is_empty(),
            "volume_id",
            "a backup needs a volume",
        )
    }
}

/// The body of [`update`] (3.9): only what is given changes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateBackup {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// New metadata, replacing the old (3.43).
    pub metadata: Option<Metadata>,
}

impl UpdateBackup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.name.is_some() || self.description.is_some() || self.metadata.is_some(),
            "backup",
            "nothing to change",
        )
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListBackups {
    /// The filters Cinder lists share (`all_tenants`, `name`, `status`, `offset`,
    /// `with_count`).
    pub filter: ListFilter,
    /// Sorting (`sort=key:dir,…`), paging and extra filters.
    pub common: ListCommon,
    /// Backups of this volume.
    pub volume_id: Option<String>,
}

impl ListBackups {
    fn on<T>(&self, list: List<T>) -> List<T> {
        let own = crate::query!(volume_id: self.volume_id.as_deref());
        self.filter.list(&self.common, list, own)
    }
}

/// `POST /backups`.
pub fn create(backup: &CreateBackup) -> Op<BackupRef> {
    Op::post(path!("backups"))
        .check(backup.check())
        .json_under("backup", backup)
        .decode_key("backup")
}

/// `GET /backups`, every page (linked in `backups_links`).
pub fn list(filter: &ListBackups) -> List<BackupRef> {
    filter.on(List::new(path!("backups"), "backups", Paging::Linked))
}

/// `GET /backups/detail`, every page.
pub fn list_detail(filter: &ListBackups) -> List<Backup> {
    filter.on(List::new(
        path!("backups/detail"),
        "backups",
        Paging::Linked,
    ))
}

/// `GET /backups/{backup_id}`.
pub fn get(backup_id: &str) -> Op<Backup> {
    Op::get(path!("backups/{}", backup_id)).decode_key("backup")
}

/// A backup by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Backup> {
    Find::new(
        "backup",
        name_or_id,
        get(name_or_id),
        list_detail(&ListBackups {
            filter: ListFilter {
                name: Some(name_or_id.into()),
                ..Default::default()
            },
            ..Default::default()
        }),
    )
}

crate::named!(Backup);

/// `PUT /backups/{backup_id}` (3.9).
pub fn update(backup_id: &str, changes: &UpdateBackup) -> Op<BackupRef> {
    Op::put(path!("backups/{}", backup_id))
        .check(changes.check())
        .json_under("backup", changes)
        .microversion(if changes.metadata.is_some() {
            "3.43"
        } else {
            "3.9"
        })
        .decode_key("backup")
}

/// `DELETE /backups/{backup_id}`.
pub fn delete(backup_id: &str) -> Op<()> {
    Op::delete(path!("backups/{}", backup_id))
}

/// `os-force_delete` (admin): deletes whatever the status.
pub fn force_delete(backup_id: &str) -> Op<()> {
    Op::action(
        path!("backups/{}/action", backup_id),
        "os-force_delete",
        empty(),
    )
}

#[derive(Serialize)]
struct Status<'a> {
    status: &'a str,
}

/// `os-reset_status` (admin): sets the status in the database only.
pub fn reset_status(backup_id: &str, status: &BackupStatus) -> Op<()> {
    Op::action(
        path!("backups/{}/action", backup_id),
        "os-reset_status",
        &Status {
            status: status.as_str(),
        },
    )
}

/// The body of [`restore`]: into a new volume (none given) or an existing one.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Restore {
    /// The volume to restore into (a new one when `None`).
    pub volume_id: Option<String>,
    /// The new volume's name.
    pub name: Option<String>,
}

/// What [`restore`] answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restoring {
    /// The backup.
    #[serde(default)]
    pub backup_id: String,
    /// The volume restored into.
    #[serde(default)]
    pub volume_id: String,
    /// That volume's name.
    pub volume_name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `POST /backups/{backup_id}/restore`.
pub fn restore(backup_id: &str, to: &Restore) -> Op<Restoring> {
    Op::post(path!("backups/{}/restore", backup_id))
        .json_under("restore", to)
        .decode_key("restore")
}

/// A backup's record: what another cloud needs to import it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRecord {
    /// The backup driver (`cinder.backup.drivers.swift`).
    pub backup_service: String,
    /// The encoded record.
    pub backup_url: String,
}

/// `GET /backups/{backup_id}/export_record` (admin).
pub fn export_record(backup_id: &str) -> Op<BackupRecord> {
    Op::get(path!("backups/{}/export_record", backup_id)).decode_key("backup-record")
}

/// `POST /backups/import_record` (admin): a backup from an exported record.
pub fn import_record(record: &BackupRecord) -> Op<BackupRef> {
    Op::post(path!("backups/import_record"))
        .check(InvalidInput::require(
            !record.backup_service.is_empty() && !record.backup_url.is_empty(),
            "backup-record",
            "a record needs its service and url",
        ))
        .json_under("backup-record", record)
        .decode_key("backup")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn checks_query_and_microversions() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        assert!(create(&CreateBackup::default()).request(&svc).is_err());
        assert!(update("b", &UpdateBackup::default()).request(&svc).is_err());
        let with_md = UpdateBackup {
            metadata: Some([("k".to_string(), "v".to_string())].into_iter().collect()),
            ..Default::default()
        };
        let req = update("b", &with_md).request(&svc).unwrap();
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.43");
        let filter = ListBackups {
            volume_id: Some("v1".into()),
            common: crate::ListCommon {
                limit: Some(2),
                ..Default::default()
            },
            ..Default::default()
        };
        let req = list_detail(&filter).request(&svc).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/backups/detail");
        assert_eq!(req.uri().query(), Some("volume_id=v1&limit=2"));
        let body: Value = serde_json::from_slice(
            create(&CreateBackup {
                volume_id: "v".into(),
                ..Default::default()
            })
            .request(&svc)
            .unwrap()
            .body(),
        )
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"backup": {"volume_id": "v", "container": null,
                "description": null, "snapshot_id": null}})
        );
    }
}
