//! Nova's image proxy (`/images`, deprecated upstream in favour of Glance but still
//! served): list (summary and detail) with filters, get, delete, and image metadata.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::images::{self, ListImages};
//! let nova = client.compute();
//! let active = nova
//!     .collect_all(images::list_detail(&ListImages { status: Some("ACTIVE".into()), ..Default::default() }))
//!     .await?;
//! if let Some(image) = active.first() {
//!     let meta = [("os_distro".to_string(), "cirros".to_string())].into_iter().collect();
//!     nova.call(&images::METADATA.merge(&image.id, &meta)).await?;
//!     let one = nova.call(&images::METADATA.get_key(&image.id, "os_distro")).await?;
//!     assert_eq!(one.value, "cirros");
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, HasStatus, Link, List, MetadataOf, Op, Paging, Timestamp};

crate::string_enum! {
    /// The status of an image as Nova reports it.
    pub enum ImageStatus {
        /// Usable.
        Active = "ACTIVE",
        /// Being uploaded or snapshotted.
        Saving = "SAVING",
        /// Deleted.
        Deleted = "DELETED",
        /// Failed.
        Error = "ERROR",
        /// Nova cannot map Glance's status.
        Unknown = "UNKNOWN",
    }
}

/// An image as `GET /images` lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSummary {
    /// Image id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// `self`, `bookmark` and the Glance `alternate` link.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The server a snapshot image was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageServer {
    /// Server id.
    pub id: String,
    /// Links to the server.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// An image with its details (`GET /images/detail`, `GET /images/{id}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Image id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Status (`None` when Nova sends none).
    pub status: Option<ImageStatus>,
    /// Upload progress in percent.
    pub progress: Option<u32>,
    /// Minimum root disk in GiB.
    #[serde(rename = "minDisk")]
    pub min_disk: Option<u64>,
    /// Minimum memory in MiB.
    #[serde(rename = "minRam")]
    pub min_ram: Option<u64>,
    /// Size in bytes (`OS-EXT-IMG-SIZE:size`).
    #[serde(rename = "OS-EXT-IMG-SIZE:size")]
    pub size: Option<u64>,
    /// Disk configuration (`OS-DCF:diskConfig`: `AUTO` or `MANUAL`).
    #[serde(rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<String>,
    /// Creation time.
    pub created: Option<Timestamp>,
    /// Last change.
    pub updated: Option<Timestamp>,
    /// The image's properties as Nova shows them; values are strings or `null`.
    #[serde(default)]
    pub metadata: Map<String, Value>,
    /// For snapshots: the server it was made from.
    pub server: Option<ImageServer>,
    /// `self`, `bookmark` and the Glance `alternate` link.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Image {
    const KIND: &'static str = "image";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = ImageStatus;
    fn status(&self) -> Option<ImageStatus> {
        self.status.clone()
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListImages {
    /// Changed since this time (`changes-since`).
    pub changes_since: Option<Timestamp>,
    /// Snapshots of this server (its URL or id, `server`).
    pub server: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Status (`ACTIVE`, `SAVING`, …).
    pub status: Option<String>,
    /// At least this much minimum disk (GiB, `minDisk`).
    pub min_disk: Option<u64>,
    /// At least this much minimum memory (MiB, `minRam`).
    pub min_ram: Option<u64>,
    /// `BASE` or `SERVER` (snapshots).
    pub kind: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this image id.
    pub marker: Option<String>,
}

impl ListImages {
    fn query(&self) -> crate::Query {
        query!(
            "changes-since": self.changes_since.map(|t| t.to_string()),
            server: self.server.as_deref(),
            name: self.name.as_deref(),
            status: self.status.as_deref(),
            minDisk: self.min_disk,
            minRam: self.min_ram,
            "type": self.kind.as_deref(),
            limit: self.limit,
            marker: self.marker.as_deref(),
        )
    }
}

/// `GET /images`: ids and names (linked paging).
pub fn list(filter: &ListImages) -> List<ImageSummary> {
    List::new(path!("images"), "images", Paging::Linked).query(filter.query())
}

/// `GET /images/detail` (linked paging).
pub fn list_detail(filter: &ListImages) -> List<Image> {
    List::new(path!("images/detail"), "images", Paging::Linked).query(filter.query())
}

/// `GET /images/{image_id}`.
pub fn get(image_id: &str) -> Op<Image> {
    Op::get(path!("images/{}", image_id)).decode_key("image")
}

/// `DELETE /images/{image_id}`.
pub fn delete(image_id: &str) -> Op<()> {
    Op::delete(path!("images/{}", image_id))
}

/// The metadata API of images (Nova's image proxy) (`/images/{id}/metadata`): get, merge, replace, and one
/// key's get, set and delete.
pub const METADATA: MetadataOf = MetadataOf::new("images");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Paginated;
    use crate::{ServiceEndpoint, ServiceType};

    #[test]
    fn list_query() {
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap();
        let req = list(&ListImages {
            changes_since: Some("2011-01-01T01:02:03Z".parse().unwrap()),
            kind: Some("SNAPSHOT".into()),
            min_ram: Some(64),
            limit: Some(1),
            ..Default::default()
        })
        .first_request(&nova)
        .unwrap();
        let uri = req.uri().to_string();
        assert!(
            uri.starts_with("http://nova/v2.1/images?changes-since=2011-01-01T01%3A02%3A03"),
            "{uri}"
        );
        assert!(uri.ends_with("&minRam=64&type=SNAPSHOT&limit=1"), "{uri}");
    }

    #[test]
    fn unknown_status_is_kept() {
        let i: Image = serde_json::from_str(r#"{"id": "a", "status": "QUEUED"}"#).unwrap();
        assert_eq!(i.status, Some(ImageStatus::Other("QUEUED".into())));
        let none: Image = serde_json::from_str(r#"{"id": "a"}"#).unwrap();
        assert_eq!(HasStatus::status(&none), None);
        assert_eq!(
            HasStatus::status(&i).map(|s| s.to_string()).as_deref(),
            Some("QUEUED")
        );
    }
}
