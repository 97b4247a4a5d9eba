//! Volume actions (`POST /volumes/{id}/action`): attach and detach, reserve, detaching
//! states, connections, extend, upload to an image, force delete, image metadata,
//! bootable and read-only flags, retype, migration, reimage, reset status and revert to
//! a snapshot.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::actions::{self, Retype, MigrationPolicy};
//! let cinder = client.block_storage();
//! cinder.call(&actions::extend("4f7a", 2)).await?;
//! cinder.call(&actions::set_bootable("4f7a", true)).await?;
//! cinder
//!     .call(&actions::retype("4f7a", &Retype {
//!         new_type: "fast".into(),
//!         migration_policy: Some(MigrationPolicy::OnDemand),
//!     }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use super::{action, empty, flex_bool, flex_metadata, Metadata};
use crate::{InvalidInput, Op, Timestamp};

const VOLUMES: &str = "volumes";

crate::string_enum! {
    /// How an attachment may be used.
    pub enum AttachMode {
        /// Read-write.
        ReadWrite = "rw",
        /// Read-only.
        ReadOnly = "ro",
    }
}

crate::string_enum! {
    /// Whether a retype may migrate the volume.
    pub enum MigrationPolicy {
        /// Never migrate (the default).
        Never = "never",
        /// Migrate when the new type needs another backend.
        OnDemand = "on-demand",
    }
}

/// The body of [`attach`]: give a server (`instance_uuid`) or a host.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attach {
    /// The server.
    pub instance_uuid: Option<String>,
    /// The host, for attaching to a host.
    pub host_name: Option<String>,
    /// Device name (`/dev/vdc`).
    pub mountpoint: String,
    /// Access mode.
    pub mode: Option<AttachMode>,
}

/// `os-attach`: marks the volume attached (the caller did the attaching).
pub fn attach(volume_id: &str, opts: &Attach) -> Op<()> {
    action(VOLUMES, volume_id, "os-attach", opts)
        .check(InvalidInput::require(
            opts.instance_uuid.is_none() != opts.host_name.is_none(),
            "instance_uuid",
            "give exactly one of instance_uuid and host_name",
        ))
        .check(InvalidInput::require(
            !opts.mountpoint.is_empty(),
            "mountpoint",
            "must not be empty",
        ))
}

/// The body of [`detach`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Detach {
    /// The attachment to end (needed with several attachments).
    pub attachment_id: Option<String>,
}

/// `os-detach`: marks the volume detached.
pub fn detach(volume_id: &str, opts: &Detach) -> Op<()> {
    action(VOLUMES, volume_id, "os-detach", opts)
}

/// A host's connector, as os-brick describes it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Connector {
    /// Host name.
    pub host: Option<String>,
    /// IP address.
    pub ip: Option<String>,
    /// iSCSI initiator.
    pub initiator: Option<String>,
    /// CPU platform (`x86_64`).
    pub platform: Option<String>,
    /// OS type (`linux2`).
    pub os_type: Option<String>,
    /// Multipath.
    pub multipath: Option<bool>,
    /// Whether the attach is local.
    pub do_local_attach: Option<bool>,
    /// Fibre-channel WWPNs, NVMe NQN and so on.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Serialize)]
struct WithConnector<'a> {
    connector: &'a Connector,
}

/// The body of [`force_detach`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ForceDetach {
    /// The attachment.
    pub attachment_id: Option<String>,
    /// The host's connector.
    pub connector: Option<Connector>,
}

/// `os-force_detach` (admin).
pub fn force_detach(volume_id: &str, opts: &ForceDetach) -> Op<()> {
    action(VOLUMES, volume_id, "os-force_detach", opts)
}

/// `os-reserve`: marks the volume as about to be attached.
pub fn reserve(volume_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-reserve", empty())
}

/// `os-unreserve`.
pub fn unreserve(volume_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-unreserve", empty())
}

/// `os-begin_detaching`: status to `detaching`.
pub fn begin_detaching(volume_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-begin_detaching", empty())
}

/// `os-roll_detaching`: back to `in-use`.
pub fn roll_detaching(volume_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-roll_detaching", empty())
}

/// `os-initialize_connection`: the connection info a host needs to attach.
pub fn initialize_connection(volume_id: &str, connector: &Connector) -> Op<Value> {
    action(
        VOLUMES,
        volume_id,
        "os-initialize_connection",
        &WithConnector { connector },
    )
    .decode_key("connection_info")
}

/// `os-terminate_connection`.
pub fn terminate_connection(volume_id: &str, connector: &Connector) -> Op<()> {
    action(
        VOLUMES,
        volume_id,
        "os-terminate_connection",
        &WithConnector { connector },
    )
}

#[derive(Serialize)]
struct Extend {
    new_size: u64,
}

/// `os-extend`: grows the volume to `new_size` GiB.
pub fn extend(volume_id: &str, new_size: u64) -> Op<()> {
    action(VOLUMES, volume_id, "os-extend", &Extend { new_size }).check(InvalidInput::require(
        new_size != 0,
        "new_size",
        "must be at least 1 GiB",
    ))
}

#[serde_with::skip_serializing_none]
#[derive(Serialize)]
struct Completion<'a> {
    new_volume: Option<&'a str>,
    error: bool,
}

/// `os-extend_volume_completion` (3.71+, Nova's callback after extending an attached
/// volume).
pub fn extend_volume_completion(volume_id: &str, error: bool) -> Op<()> {
    action(
        VOLUMES,
        volume_id,
        "os-extend_volume_completion",
        &Completion {
            new_volume: None,
            error,
        },
    )
}

/// The body of [`upload_to_image`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UploadImage {
    /// Image name.
    pub image_name: String,
    /// Upload even when attached.
    pub force: bool,
    /// Disk format (`raw`, `qcow2`, …).
    pub disk_format: Option<String>,
    /// Container format (`bare`).
    pub container_format: Option<String>,
    /// Visibility (3.1+).
    pub visibility: Option<String>,
    /// Protected (3.1+).
    pub protected: Option<bool>,
}

/// What [`upload_to_image`] answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumeImage {
    /// The volume.
    pub id: Option<String>,
    /// The new image.
    pub image_id: Option<String>,
    /// Image name.
    pub image_name: Option<String>,
    /// Volume status (`uploading`).
    pub status: Option<String>,
    /// Volume size.
    pub size: Option<u64>,
    /// Disk format.
    pub disk_format: Option<String>,
    /// Container format.
    pub container_format: Option<String>,
    /// Visibility.
    pub visibility: Option<String>,
    /// Protected.
    #[serde(default, deserialize_with = "flex_bool")]
    pub protected: Option<bool>,
    /// Volume type.
    pub volume_type: Option<Value>,
    /// Description.
    pub display_description: Option<String>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `os-volume_upload_image`: copies the volume into a new Glance image.
pub fn upload_to_image(volume_id: &str, opts: &UploadImage) -> Op<VolumeImage> {
    action(VOLUMES, volume_id, "os-volume_upload_image", opts)
        .decode_key("os-volume_upload_image")
        .check(InvalidInput::require(
            !opts.image_name.is_empty(),
            "image_name",
            "must not be empty",
        ))
}

/// `os-force_delete` (admin): deletes whatever the status.
pub fn force_delete(volume_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-force_delete", empty())
}

#[derive(Serialize)]
struct MetadataArg<'a> {
    metadata: &'a Metadata,
}

#[derive(Deserialize)]
struct MetadataAnswer {
    #[serde(default, deserialize_with = "flex_metadata")]
    metadata: Metadata,
}

fn metadata_answer(resp: http::Response<bytes::Bytes>) -> crate::Result<Metadata> {
    crate::request::op::decode_json::<MetadataAnswer>("image metadata", resp.body())
        .map(|m| m.metadata)
}

/// `os-set_image_metadata`: sets image metadata keys; answers the volume's image
/// metadata.
pub fn set_image_metadata(volume_id: &str, metadata: &Metadata) -> Op<Metadata> {
    action(
        VOLUMES,
        volume_id,
        "os-set_image_metadata",
        &MetadataArg { metadata },
    )
    .decode_with(metadata_answer)
}

#[derive(Serialize)]
struct Key<'a> {
    key: &'a str,
}

/// `os-unset_image_metadata`: removes one image metadata key.
pub fn unset_image_metadata(volume_id: &str, key: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-unset_image_metadata", &Key { key }).check(
        InvalidInput::require(!key.is_empty(), "key", "must not be empty"),
    )
}

/// `os-show_image_metadata`: the volume's image metadata.
pub fn show_image_metadata(volume_id: &str) -> Op<Metadata> {
    action(VOLUMES, volume_id, "os-show_image_metadata", empty()).decode_with(metadata_answer)
}

/// Writes a boolean as `"True"` / `"False"`, as the Cinder API reference does.
fn python_bool<S: Serializer>(b: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *b { "True" } else { "False" })
}

#[derive(Serialize)]
struct Bootable {
    #[serde(serialize_with = "python_bool")]
    bootable: bool,
}

/// `os-set_bootable`.
pub fn set_bootable(volume_id: &str, bootable: bool) -> Op<()> {
    action(
        VOLUMES,
        volume_id,
        "os-set_bootable",
        &Bootable { bootable },
    )
}

#[derive(Serialize)]
struct Readonly {
    readonly: bool,
}

/// `os-update_readonly_flag`.
pub fn set_readonly(volume_id: &str, readonly: bool) -> Op<()> {
    action(
        VOLUMES,
        volume_id,
        "os-update_readonly_flag",
        &Readonly { readonly },
    )
}

/// The body of [`retype`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Retype {
    /// The new volume type (name or id).
    pub new_type: String,
    /// Whether migration is allowed.
    pub migration_policy: Option<MigrationPolicy>,
}

/// `os-retype`: changes the volume type.
pub fn retype(volume_id: &str, opts: &Retype) -> Op<()> {
    action(VOLUMES, volume_id, "os-retype", opts).check(InvalidInput::require(
        !opts.new_type.is_empty(),
        "new_type",
        "must not be empty",
    ))
}

/// The body of [`migrate`] (admin).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Migrate {
    /// Target backend (`node1@lvm`); or give `cluster` (3.16+).
    pub host: Option<String>,
    /// Copy through the host, not the driver.
    pub force_host_copy: Option<bool>,
    /// Lock the volume while migrating.
    pub lock_volume: Option<bool>,
    /// Target cluster (3.16+).
    pub cluster: Option<String>,
}

/// `os-migrate_volume` (admin).
pub fn migrate(volume_id: &str, opts: &Migrate) -> Op<()> {
    action(VOLUMES, volume_id, "os-migrate_volume", opts)
}

/// `os-migrate_volume_completion` (admin): ends a migration to `new_volume`.
pub fn migrate_volume_completion(volume_id: &str, new_volume: &str, error: bool) -> Op<Value> {
    action(
        VOLUMES,
        volume_id,
        "os-migrate_volume_completion",
        &Completion {
            new_volume: Some(new_volume),
            error,
        },
    )
    .decode_body()
}

#[derive(Serialize)]
struct Reimage<'a> {
    image_id: &'a str,
    reimage_reserved: bool,
}

/// `os-reimage` (3.68+): rewrites the volume from an image; `reimage_reserved` allows
/// it in `reserved` status.
pub fn reimage(volume_id: &str, image_id: &str, reimage_reserved: bool) -> Op<()> {
    action(
        VOLUMES,
        volume_id,
        "os-reimage",
        &Reimage {
            image_id,
            reimage_reserved,
        },
    )
}

/// The body of [`reset_status`] (admin).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ResetStatus {
    /// New status.
    pub status: Option<String>,
    /// New attach status (`attached` / `detached`).
    pub attach_status: Option<String>,
    /// New migration status.
    pub migration_status: Option<String>,
}

/// `os-reset_status` (admin): sets the statuses without doing anything.
pub fn reset_status(volume_id: &str, opts: &ResetStatus) -> Op<()> {
    action(VOLUMES, volume_id, "os-reset_status", opts).check(InvalidInput::require(
        opts != &ResetStatus::default(),
        "status",
        "give at least one status",
    ))
}

#[derive(Serialize)]
struct Revert<'a> {
    snapshot_id: &'a str,
}

/// `revert` (3.40+): reverts the volume to its latest snapshot.
pub fn revert_to_snapshot(volume_id: &str, snapshot_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "revert", &Revert { snapshot_id })
}

/// `os-unmanage` (admin): Cinder forgets the volume, the backend keeps it.
pub fn unmanage(volume_id: &str) -> Op<()> {
    action(VOLUMES, volume_id, "os-unmanage", empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn validation_before_io() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        let bad: Vec<crate::Result<_>> = vec![
            extend("v", 0).request(&svc),
            attach("v", &Attach::default()).request(&svc),
            retype("v", &Retype::default()).request(&svc),
            reset_status("v", &ResetStatus::default()).request(&svc),
            unset_image_metadata("v", "").request(&svc),
            extend("..", 2).request(&svc),
        ];
        for r in bad {
            assert!(matches!(r, Err(crate::Error::InvalidInput(_))));
        }
        let req = set_bootable("v", false).request(&svc).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"os-set_bootable":{"bootable":"False"}}"#
        );
    }
}
