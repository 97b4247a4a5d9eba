//! Block Storage attachments (`/attachments`, microversion 3.27+): the new-style attach
//! flow. A consumer (Nova, or anything that attaches volumes) creates an attachment for a
//! volume and an instance (`reserved` with no connector), updates it with its host's
//! connector to get the `connection_info`, marks it complete once connected (3.44) and
//! deletes it to detach.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::actions::Connector;
//! use ferrocloud::block_storage::attachments::{self, CreateAttachment};
//! let cinder = client.block_storage();
//! let a = cinder
//!     .call(&attachments::create(&CreateAttachment {
//!         volume_uuid: "462dcc2d-130d-4654-8db1-da0df2da6a0d".into(),
//!         instance_uuid: Some("3b8b6631-1cf7-4fd7-9afb-c01e541a073c".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let connector = Connector { host: Some("compute-1".into()), ..Default::default() };
//! let a = cinder.call(&attachments::update(&a.id, &connector)).await?;
//! let info = a.connection_info.as_ref().map(|i| i.expose()); // the target, with its credentials
//! cinder.call(&attachments::complete(&a.id)).await?;
//! cinder.call(&attachments::delete(&a.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::actions::Connector;
use super::{blank_time, empty, LIST_STYLE};
use crate::{path, query, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

/// The microversion attachments need.
pub const MICROVERSION: &str = "3.27";

crate::string_enum! {
    /// An attachment's status.
    pub enum AttachmentStatus {
        /// Created without a connector: the volume is reserved.
        Reserved = "reserved",
        /// Connector given, not yet complete.
        Attaching = "attaching",
        /// Complete.
        Attached = "attached",
        /// Being removed.
        Detaching = "detaching",
        /// Removed.
        Detached = "detached",
        /// Attaching failed.
        ErrorAttaching = "error_attaching",
        /// Detaching failed.
        ErrorDetaching = "error_detaching",
        /// Deleted.
        Deleted = "deleted",
    }
}

crate::string_enum! {
    /// How the volume is attached.
    pub enum AttachMode {
        /// Read-write.
        ReadWrite = "rw",
        /// Read-only.
        ReadOnly = "ro",
    }
}

/// An attachment. [`list`] gives `id`, `status`, `instance` and `volume_id` only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its status.
    #[serde(default)]
    pub status: AttachmentStatus,
    /// The instance (server) it is for.
    pub instance: Option<String>,
    /// The volume.
    pub volume_id: Option<String>,
    /// When it was attached (Cinder sends `""` before; read as `None`).
    #[serde(default, deserialize_with = "blank_time")]
    pub attached_at: Option<Timestamp>,
    /// When it was detached (`""` read as `None`).
    #[serde(default, deserialize_with = "blank_time")]
    pub detached_at: Option<Timestamp>,
    /// Read-write or read-only.
    pub attach_mode: Option<AttachMode>,
    /// What the host needs to connect (driver type and data; may hold the target's
    /// credentials, so its `Debug` shows only the keys). Empty until a connector is given.
    pub connection_info: Option<ConnectionInfo>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Attachment {
    const KIND: &'static str = "volume attachment";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = AttachmentStatus;
    fn status(&self) -> Option<AttachmentStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateAttachment {
    /// The volume.
    pub volume_uuid: String,
    /// The instance (server) it is for.
    pub instance_uuid: Option<String>,
    /// The host's connector; without it the attachment only reserves the volume.
    pub connector: Option<Connector>,
    /// Read-write or read-only (3.54).
    pub mode: Option<AttachMode>,
}

impl CreateAttachment {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.volume_uuid.is_empty(),
            "volume_uuid",
            "an attachment needs a volume",
        )
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAttachments {
    /// Every project's (admin only).
    pub all_tenants: bool,
    /// Of this volume.
    pub volume_id: Option<String>,
    /// Of this instance.
    pub instance_id: Option<String>,
    /// In this status.
    pub status: Option<AttachmentStatus>,
    /// Skip this many.
    pub offset: Option<u32>,
    /// Sorting (`sort=key:dir,…`), paging and extra filters.
    pub common: ListCommon,
}

impl ListAttachments {
    fn on<T>(&self, list: List<T>) -> List<T> {
        let own = query!(
            all_tenants: self.all_tenants.then_some("True"),
            volume_id: self.volume_id.as_deref(),
            instance_id: self.instance_id.as_deref(),
            status: self.status.as_ref().map(|s| s.as_str()),
            offset: self.offset,
        );
        list.microversion(MICROVERSION)
            .check(LIST_STYLE.check(&self.common))
            .query(LIST_STYLE.encode(&self.common, own))
    }
}

/// `POST /attachments`.
pub fn create(attachment: &CreateAttachment) -> Op<Attachment> {
    Op::post(path!("attachments"))
        .check(attachment.check())
        .json_under("attachment", attachment)
        .microversion(if attachment.mode.is_some() {
            "3.54"
        } else {
            MICROVERSION
        })
        .decode_key("attachment")
}

/// `GET /attachments`, every page.
pub fn list(filter: &ListAttachments) -> List<Attachment> {
    filter.on(List::new(
        path!("attachments"),
        "attachments",
        Paging::Linked,
    ))
}

/// `GET /attachments/detail`, every page.
pub fn list_detail(filter: &ListAttachments) -> List<Attachment> {
    filter.on(List::new(
        path!("attachments/detail"),
        "attachments",
        Paging::Linked,
    ))
}

/// `GET /attachments/{attachment_id}`.
pub fn get(attachment_id: &str) -> Op<Attachment> {
    Op::get(path!("attachments/{}", attachment_id))
        .microversion(MICROVERSION)
        .decode_key("attachment")
}

#[derive(Serialize)]
struct WithConnector<'a> {
    connector: &'a Connector,
}

/// The `connection_info` of an attachment: the driver type and the data a host connects
/// with, which may include the storage target's credentials (CHAP passwords, keys). Its
/// `Debug` lists the keys and hides every value; read them with [`Self::expose`].
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConnectionInfo(Map<String, Value>);

impl ConnectionInfo {
    /// The whole object, credentials included.
    pub fn expose(&self) -> &Map<String, Value> {
        &self.0
    }

    /// `driver_volume_type` (`iscsi`, `rbd`, `nfs`, …).
    pub fn driver_volume_type(&self) -> Option<&str> {
        self.0.get("driver_volume_type").and_then(Value::as_str)
    }
}

impl std::fmt::Debug for ConnectionInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let data: Vec<&String> = self
            .0
            .get("data")
            .and_then(Value::as_object)
            .map(|d| d.keys().collect())
            .unwrap_or_default();
        f.debug_struct("ConnectionInfo")
            .field("driver_volume_type", &self.driver_volume_type())
            .field("data_keys", &data)
            .finish_non_exhaustive()
    }
}

/// `PUT /attachments/{attachment_id}`: gives a reserved attachment its host's connector;
/// the answer carries the `connection_info`.
pub fn update(attachment_id: &str, connector: &Connector) -> Op<Attachment> {
    Op::put(path!("attachments/{}", attachment_id))
        .json_under("attachment", &WithConnector { connector })
        .microversion(MICROVERSION)
        .decode_key("attachment")
}

/// `os-complete` (3.44): the host is connected; the volume becomes `in-use`.
pub fn complete(attachment_id: &str) -> Op<()> {
    Op::action(
        path!("attachments/{}/action", attachment_id),
        "os-complete",
        empty(),
    )
    .microversion("3.44")
}

/// `DELETE /attachments/{attachment_id}`: detaches (the volume becomes `available` when
/// it was its last attachment).
pub fn delete(attachment_id: &str) -> Op<()> {
    Op::delete(path!("attachments/{}", attachment_id)).microversion(MICROVERSION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    #[test]
    fn checks_query_and_microversions() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        assert!(create(&CreateAttachment::default()).request(&svc).is_err());
        let ro = CreateAttachment {
            volume_uuid: "v".into(),
            mode: Some(AttachMode::ReadOnly),
            ..Default::default()
        };
        let req = create(&ro).request(&svc).unwrap();
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.54");
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"attachment": {"volume_uuid": "v", "mode": "ro"}})
        );
        let req = complete("a").request(&svc).unwrap();
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.44");
        let req = list(&ListAttachments {
            volume_id: Some("v".into()),
            status: Some(AttachmentStatus::Reserved),
            ..Default::default()
        })
        .first_request(&svc)
        .unwrap();
        assert_eq!(req.uri().query(), Some("volume_id=v&status=reserved"));
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.27");
        let a: Attachment = serde_json::from_value(serde_json::json!({
            "id": "a", "status": "reserved", "attached_at": "", "detached_at": null,
            "attach_mode": null, "connection_info": null,
        }))
        .unwrap();
        assert!(a.attached_at.is_none() && a.detached_at.is_none());
        assert!(a.extra.is_empty() && a.attach_mode.is_none());
        assert!(
            serde_json::from_value::<Attachment>(serde_json::json!({"attached_at": "x"})).is_err()
        );
    }

    #[test]
    fn connection_info_debug_hides_the_credentials() {
        let info: ConnectionInfo = serde_json::from_value(serde_json::json!({
            "driver_volume_type": "iscsi",
            "data": {"target_iqn": "iqn.x", "auth_password": "chap-s3cret"}
        }))
        .unwrap();
        let shown = format!("{info:?}");
        assert!(
            shown.contains("auth_password") && !shown.contains("chap-s3cret"),
            "{shown}"
        );
        assert_eq!(info.expose()["data"]["auth_password"], "chap-s3cret");
    }
}
