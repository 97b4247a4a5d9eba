//! Volumes attached to a server (`/servers/{server_id}/os-volume_attachments`): list,
//! get, attach, update (swap the volume, or change `delete_on_termination` at 2.85+) and
//! detach.
//!
//! Shapes by microversion, all read by [`VolumeAttachment`](crate::compute::volume_attach::VolumeAttachment): `tag` and
//! `delete_on_termination` are shown from 2.70 and 2.79, and from 2.89 the attachment's
//! `id` is gone while Cinder's `attachment_id` and the block device mapping's `bdm_uuid`
//! appear.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::volume_attach::{self, CreateVolumeAttachment, ListVolumeAttachments};
//! let nova = client.compute().microversion("2.79");
//! let att = nova
//!     .call(&volume_attach::create(
//!         "9168b536",
//!         &CreateVolumeAttachment { delete_on_termination: Some(true), ..CreateVolumeAttachment::new("a07f71dc") },
//!     ))
//!     .await?;
//! let all = nova.collect_all(volume_attach::list("9168b536", &ListVolumeAttachments::default())).await?;
//! nova.call(&volume_attach::delete("9168b536", &att.volume_id)).await?;
//! # let _ = all; Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging};

/// A volume attached to a server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeAttachment {
    /// The volume.
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    /// The server.
    #[serde(rename = "serverId")]
    pub server_id: Option<String>,
    /// Attachment id, equal to the volume id (gone from 2.89).
    pub id: Option<String>,
    /// Device name in the guest (`/dev/vdb`; may be `None` for some drivers).
    pub device: Option<String>,
    /// Device tag (2.70+).
    pub tag: Option<String>,
    /// Whether the volume is deleted with the server (2.79+).
    pub delete_on_termination: Option<bool>,
    /// Cinder's attachment id (2.89+).
    pub attachment_id: Option<String>,
    /// Block device mapping UUID (2.89+).
    pub bdm_uuid: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateVolumeAttachment {
    /// The volume to attach.
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    /// Requested device name (a hint; hypervisors may ignore it).
    pub device: Option<String>,
    /// Device tag (2.49+).
    pub tag: Option<String>,
    /// Delete the volume with the server (2.79+).
    pub delete_on_termination: Option<bool>,
}

impl CreateVolumeAttachment {
    /// Attach `volume_id` with Nova's defaults.
    pub fn new(volume_id: &str) -> Self {
        CreateVolumeAttachment {
            volume_id: volume_id.into(),
            ..Default::default()
        }
    }
}

/// The body of [`update`]: `volume_id` names the new volume for a swap (admin), or the
/// attached one when only `delete_on_termination` changes (2.85+). The other fields, when
/// given, must equal the attachment's current values (Nova rejects changes to them).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateVolumeAttachment {
    /// The volume (new for a swap).
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    /// Attachment id (read-only, 2.85+).
    pub id: Option<String>,
    /// Server id (read-only, 2.85+).
    #[serde(rename = "serverId")]
    pub server_id: Option<String>,
    /// Device (read-only, 2.85+).
    pub device: Option<String>,
    /// Tag (read-only, 2.85+).
    pub tag: Option<String>,
    /// Delete the volume with the server (2.85+).
    pub delete_on_termination: Option<bool>,
}

impl UpdateVolumeAttachment {
    /// Swap the attached volume for `new_volume_id`. Recent Nova accepts this only from
    /// Cinder while it migrates the volume (others get 409 "is not migrating").
    pub fn swap(new_volume_id: &str) -> Self {
        UpdateVolumeAttachment {
            volume_id: new_volume_id.into(),
            ..Default::default()
        }
    }

    /// Change only `delete_on_termination` of the attached `volume_id` (2.85+).
    pub fn delete_on_termination(volume_id: &str, delete: bool) -> Self {
        UpdateVolumeAttachment {
            volume_id: volume_id.into(),
            delete_on_termination: Some(delete),
            ..Default::default()
        }
    }
}

/// Paging of [`list`]: Nova pages volume attachments by `limit` and `offset` only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListVolumeAttachments {
    /// At most this many.
    pub limit: Option<u32>,
    /// Skip this many. Nova counts every block device mapping of the server here,
    /// including an image-backed root disk that the list does not show.
    pub offset: Option<u32>,
}

fn need_volume(volume_id: &str) -> Result<(), InvalidInput> {
    if volume_id.trim().is_empty() {
        return Err(InvalidInput::field("volumeId", "must not be empty"));
    }
    Ok(())
}

/// `GET /servers/{server_id}/os-volume_attachments` (one page: `limit`/`offset` as given).
pub fn list(server_id: &str, page: &ListVolumeAttachments) -> List<VolumeAttachment> {
    List::new(
        path!("servers/{}/os-volume_attachments", server_id),
        "volumeAttachments",
        Paging::Single,
    )
    .query(query!(limit: page.limit, offset: page.offset))
}

/// `GET /servers/{server_id}/os-volume_attachments/{volume_id}`.
pub fn get(server_id: &str, volume_id: &str) -> Op<VolumeAttachment> {
    Op::get(path!(
        "servers/{}/os-volume_attachments/{}",
        server_id,
        volume_id
    ))
    .decode_key("volumeAttachment")
}

/// `POST /servers/{server_id}/os-volume_attachments`: attaches a volume.
pub fn create(server_id: &str, attachment: &CreateVolumeAttachment) -> Op<VolumeAttachment> {
    let op = Op::post(path!("servers/{}/os-volume_attachments", server_id))
        .decode_key("volumeAttachment");
    op.check(need_volume(&attachment.volume_id))
        .json_under("volumeAttachment", attachment)
}

/// `PUT /servers/{server_id}/os-volume_attachments/{volume_id}`: swaps the volume or
/// changes `delete_on_termination` (202, no body).
pub fn update(server_id: &str, volume_id: &str, update: &UpdateVolumeAttachment) -> Op<()> {
    let op = Op::put(path!(
        "servers/{}/os-volume_attachments/{}",
        server_id,
        volume_id
    ));
    op.check(need_volume(&update.volume_id))
        .json_under("volumeAttachment", update)
}

/// `DELETE /servers/{server_id}/os-volume_attachments/{volume_id}`: detaches (202; the
/// detach finishes asynchronously).
pub fn delete(server_id: &str, volume_id: &str) -> Op<()> {
    Op::delete(path!(
        "servers/{}/os-volume_attachments/{}",
        server_id,
        volume_id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Paginated;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn requests() {
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap();
        assert!(create("s", &CreateVolumeAttachment::new(" "))
            .request(&nova)
            .is_err());
        assert!(update("s", "v", &UpdateVolumeAttachment::swap(""))
            .request(&nova)
            .is_err());
        let req = list(
            "s",
            &ListVolumeAttachments {
                limit: Some(2),
                offset: Some(4),
            },
        )
        .first_request(&nova)
        .unwrap();
        assert_eq!(
            req.uri(),
            "http://nova/v2.1/servers/s/os-volume_attachments?limit=2&offset=4"
        );
        let req = update(
            "s",
            "v",
            &UpdateVolumeAttachment::delete_on_termination("v", false),
        )
        .request(&nova)
        .unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"volumeAttachment":{"volumeId":"v","delete_on_termination":false}}"#
        );
    }
}
