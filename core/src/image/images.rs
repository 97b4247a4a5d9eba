//! Glance v2 images: list (every filter, sort, paging through `next`), get, create,
//! update by JSON Patch built from typed [`ImageUpdate`]s, delete, deactivate and
//! reactivate, tags, data upload / download (streamed: see the [module docs](super)),
//! staging, interoperable import and its discovery call, and the tasks of an image.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::image::images::{self, ImportMethod, ImportImage, ListImages};
//! let glance = client.image();
//! let methods = glance.call(&images::import_info()).await?;
//! if methods.import_methods.value.iter().any(|m| m == "web-download") {
//!     glance
//!         .call(&images::import("4f7a", &ImportImage::new(ImportMethod::WebDownload { uri: "http://example.com/disk.img".into() })))
//!         .await?;
//! }
//! glance.call(&images::TAGS.add("4f7a", "golden")).await?;
//! let mine = glance
//!     .collect_all(images::list(&ListImages {
//!         common: ferrocloud::ListCommon { tags: vec!["golden".into()], limit: Some(50), ..Default::default() },
//!         ..Default::default()
//!     }))
//!     .await?;
//! glance.call(&images::deactivate("4f7a")).await?;
//! glance.call(&images::reactivate("4f7a")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::types::json_patch::{pointer, PatchOp};
use crate::{
    path, query, Body, Find, HasStatus, InvalidInput, List, ListCommon, Op, Paging, Tags, Timestamp,
};

/// The JSON Patch media type of Glance image updates.
pub const JSON_PATCH: &str = "application/openstack-images-v2.1-json-patch";

crate::string_enum! {
    /// An image's status.
    pub enum ImageStatus {
        /// Created, no data yet.
        Queued = "queued",
        /// Data being uploaded.
        Saving = "saving",
        /// Data staged for import.
        Uploading = "uploading",
        /// Being imported.
        Importing = "importing",
        /// Usable.
        Active = "active",
        /// Upload failed.
        Killed = "killed",
        /// Deleted.
        Deleted = "deleted",
        /// Deleted, data awaiting scrubbing.
        PendingDelete = "pending_delete",
        /// Data download disabled by an admin.
        Deactivated = "deactivated",
    }
}

crate::string_enum! {
    /// Who may see an image.
    pub enum Visibility {
        /// The owner (and nobody else).
        Private = "private",
        /// Everyone.
        Public = "public",
        /// The owner and its members.
        Shared = "shared",
        /// Everyone, unlisted.
        Community = "community",
        /// List filter only: all visibilities.
        All = "all",
    }
}

/// A Glance image. Custom properties land in `properties`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Image id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: ImageStatus,
    /// Visibility.
    pub visibility: Option<Visibility>,
    /// Protected from deletion.
    #[serde(default)]
    pub protected: bool,
    /// Hidden from default lists (2.7+).
    pub os_hidden: Option<bool>,
    /// Owner project.
    pub owner: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Container format (`bare`, `ovf`, …).
    pub container_format: Option<String>,
    /// Disk format (`raw`, `qcow2`, …).
    pub disk_format: Option<String>,
    /// Data size in bytes.
    pub size: Option<u64>,
    /// Virtual size in bytes.
    pub virtual_size: Option<u64>,
    /// Minimum disk, GiB.
    pub min_disk: Option<u64>,
    /// Minimum RAM, MiB.
    pub min_ram: Option<u64>,
    /// MD5 of the data (legacy).
    pub checksum: Option<String>,
    /// Algorithm of `os_hash_value` (`sha512`).
    pub os_hash_algo: Option<String>,
    /// Secure hash of the data.
    pub os_hash_value: Option<String>,
    /// Locations (when the policy shows them).
    pub locations: Option<Vec<Value>>,
    /// Direct URL (when the policy shows it).
    pub direct_url: Option<String>,
    /// Stores holding the data, comma-separated (multi-store).
    pub stores: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// The data's path (`/v2/images/{id}/file`).
    pub file: Option<String>,
    /// This image's path.
    #[serde(rename = "self")]
    pub self_link: Option<String>,
    /// JSON schema path.
    pub schema: Option<String>,
    /// Custom properties (`os_distro`, `hw_*`, …) and fields ferrocloud does not know.
    #[serde(flatten)]
    pub properties: Map<String, Value>,
}

impl HasStatus for Image {
    const KIND: &'static str = "image";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = ImageStatus;
    fn status(&self) -> Option<ImageStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateImage {
    /// Chosen id (UUID).
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Visibility.
    pub visibility: Option<Visibility>,
    /// Protected.
    pub protected: Option<bool>,
    /// Hidden.
    pub os_hidden: Option<bool>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Container format.
    pub container_format: Option<String>,
    /// Disk format.
    pub disk_format: Option<String>,
    /// Minimum disk, GiB.
    pub min_disk: Option<u64>,
    /// Minimum RAM, MiB.
    pub min_ram: Option<u64>,
    /// Custom properties (string values in Glance's default schema).
    #[serde(flatten)]
    pub properties: Map<String, Value>,
}

/// `POST /v2/images`: a record, data to follow.
pub fn create(image: &CreateImage) -> Op<Image> {
    let check = InvalidInput::require(
        image.visibility != Some(Visibility::All),
        "visibility",
        "\"all\" is a list filter, not a visibility",
    );
    Op::post(path!("images"))
        .check(check)
        .json(image)
        .decode_body()
}

/// `GET /v2/images/{id}`.
pub fn get(image_id: &str) -> Op<Image> {
    Op::get(path!("images/{}", image_id)).decode_body()
}

/// A image by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Image> {
    Find::new(
        "image",
        name_or_id,
        get(name_or_id),
        list(&ListImages {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Image);

/// `DELETE /v2/images/{id}`.
pub fn delete(image_id: &str) -> Op<()> {
    Op::delete(path!("images/{}", image_id))
}

/// `POST /v2/images/{id}/actions/deactivate` (admin): data downloads are refused.
pub fn deactivate(image_id: &str) -> Op<()> {
    Op::post(path!("images/{}/actions/deactivate", image_id))
}

/// `POST /v2/images/{id}/actions/reactivate` (admin).
pub fn reactivate(image_id: &str) -> Op<()> {
    Op::post(path!("images/{}/actions/reactivate", image_id))
}

/// The tags API of images: Glance has only [`Tags::add`] (`PUT /v2/images/{id}/tags/{tag}`)
/// and [`Tags::remove`] (`DELETE …/tags/{tag}`); the image's `tags` field lists them and
/// [`ImageUpdate::Tags`] replaces them.
pub const TAGS: Tags = Tags::new("images");

/// One typed change of an image update; each becomes one JSON Patch operation.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageUpdate {
    /// `replace /name`.
    Name(String),
    /// `replace /visibility`.
    Visibility(Visibility),
    /// `replace /protected`.
    Protected(bool),
    /// `replace /os_hidden`.
    Hidden(bool),
    /// `replace /tags` (the whole set).
    Tags(Vec<String>),
    /// `replace /container_format` (queued images only).
    ContainerFormat(String),
    /// `replace /disk_format` (queued images only).
    DiskFormat(String),
    /// `replace /min_disk`.
    MinDisk(u64),
    /// `replace /min_ram`.
    MinRam(u64),
    /// `add /<key>`: creates or overwrites a custom property.
    AddProperty(String, Value),
    /// `replace /<key>`: changes an existing custom property.
    ReplaceProperty(String, Value),
    /// `remove /<key>`: removes a custom property.
    RemoveProperty(String),
}

impl ImageUpdate {
    /// The JSON Patch operation.
    pub fn to_patch(&self) -> Result<PatchOp, InvalidInput> {
        let replace = |key: &str, value: Value| PatchOp::replace(&pointer(key), value);
        let property = |key: &str| {
            if key.is_empty() {
                Err(InvalidInput::field("property", "the key must not be empty"))
            } else {
                Ok(pointer(key))
            }
        };
        Ok(match self {
            ImageUpdate::Name(v) => replace("name", Value::from(v.clone())),
            ImageUpdate::Visibility(Visibility::All) => {
                return Err(InvalidInput::field(
                    "visibility",
                    "\"all\" is a list filter, not a visibility",
                ))
            }
            ImageUpdate::Visibility(v) => replace("visibility", Value::from(v.as_str())),
            ImageUpdate::Protected(v) => replace("protected", Value::from(*v)),
            ImageUpdate::Hidden(v) => replace("os_hidden", Value::from(*v)),
            ImageUpdate::Tags(v) => replace("tags", Value::from(v.clone())),
            ImageUpdate::ContainerFormat(v) => replace("container_format", Value::from(v.clone())),
            ImageUpdate::DiskFormat(v) => replace("disk_format", Value::from(v.clone())),
            ImageUpdate::MinDisk(v) => replace("min_disk", Value::from(*v)),
            ImageUpdate::MinRam(v) => replace("min_ram", Value::from(*v)),
            ImageUpdate::AddProperty(k, v) => PatchOp::add(&property(k)?, v.clone()),
            ImageUpdate::ReplaceProperty(k, v) => PatchOp::replace(&property(k)?, v.clone()),
            ImageUpdate::RemoveProperty(k) => PatchOp::remove(&property(k)?),
        })
    }
}

/// `PATCH /v2/images/{id}` with the JSON Patch built from `changes`.
pub fn update(image_id: &str, changes: &[ImageUpdate]) -> Op<Image> {
    let op = Op::patch(path!("images/{}", image_id));
    let ops = changes.iter().map(ImageUpdate::to_patch).collect();
    let op = match ops {
        _ if changes.is_empty() => {
            op.check(Err(InvalidInput::field("changes", "nothing to update")))
        }
        Ok(ops) => op.json::<Vec<PatchOp>>(&ops),
        Err(e) => op.check(Err(e)),
    };
    op.header(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(JSON_PATCH),
    )
    .decode_body()
}

/// Filters, sort and paging of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListImages {
    /// Exact name.
    pub name: Option<String>,
    /// Visibility (`All` lists every visibility the caller may see).
    pub visibility: Option<Visibility>,
    /// Owner project.
    pub owner: Option<String>,
    /// Status.
    pub status: Option<ImageStatus>,
    /// Membership status of shared images (`accepted`, `pending`, `rejected`, `all`).
    pub member_status: Option<String>,
    /// Protected or not.
    pub protected: Option<bool>,
    /// Hidden or not (2.7+).
    pub os_hidden: Option<bool>,
    /// Container format.
    pub container_format: Option<String>,
    /// Disk format.
    pub disk_format: Option<String>,
    /// Minimum size in bytes.
    pub size_min: Option<u64>,
    /// Maximum size in bytes.
    pub size_max: Option<u64>,
    /// Creation time filter, `<op>:<time>` (`gte:2016-04-18T21:38:54Z`).
    pub created_at: Option<String>,
    /// Update time filter, `<op>:<time>`.
    pub updated_at: Option<String>,
    /// Id filter (`in:a,b`).
    pub id: Option<String>,
    /// Sorting (`sort=key:dir,…`), paging, images with all of `tags` (`tag=`, repeated)
    /// and custom property filters in `extra` (`os_distro=ubuntu`). Glance does not
    /// select fields, page backwards or filter by any-of or without tags.
    pub common: ListCommon,
}

/// How Glance's image list spells [`ListCommon`].
const LIST_STYLE: ListStyle = ListStyle {
    service: "Glance's image list",
    sort: SortStyle::Joined,
    tags: TagStyle::AllRepeated,
    fields: false,
    page_reverse: false,
};

/// `GET /v2/images`, paged through the body's `next` link.
pub fn list(filter: &ListImages) -> List<Image> {
    let f = filter;
    let q = query!(
        name: f.name.as_deref(),
        visibility: f.visibility.as_ref().map(Visibility::as_str),
        owner: f.owner.as_deref(),
        status: f.status.as_ref().map(ImageStatus::as_str),
        member_status: f.member_status.as_deref(),
        protected: f.protected,
        os_hidden: f.os_hidden,
        container_format: f.container_format.as_deref(),
        disk_format: f.disk_format.as_deref(),
        size_min: f.size_min,
        size_max: f.size_max,
        created_at: f.created_at.as_deref(),
        updated_at: f.updated_at.as_deref(),
        id: f.id.as_deref(),
    );
    List::new(path!("images"), "images", Paging::Linked)
        .check(LIST_STYLE.check(&f.common))
        .query(LIST_STYLE.encode(&f.common, q))
}

/// `PUT /v2/images/{id}/file`: send with [`Service::upload`](crate::Service::upload) and
/// a stream of the data (`application/octet-stream`).
pub fn upload(image_id: &str) -> Op<()> {
    Op::put(path!("images/{}/file", image_id))
        .body(Body::raw(bytes::Bytes::new(), "application/octet-stream"))
}

/// `PUT /v2/images/{id}/stage`: stages data for a `glance-direct` import; send with
/// [`Service::upload`](crate::Service::upload).
pub fn stage(image_id: &str) -> Op<()> {
    Op::put(path!("images/{}/stage", image_id))
        .body(Body::raw(bytes::Bytes::new(), "application/octet-stream"))
}

/// `GET /v2/images/{id}/file`: read with [`Service::download`](crate::Service::download)
/// for a stream (or [`Service::call`](crate::Service::call) for the bytes whole).
pub fn download(image_id: &str) -> Op<bytes::Bytes> {
    Op::get(path!("images/{}/file", image_id))
        .header(
            http::header::ACCEPT,
            http::HeaderValue::from_static("application/octet-stream"),
        )
        .decode_with(|resp| Ok(resp.into_body()))
}

/// An import method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum ImportMethod {
    /// Import staged data ([`stage`]).
    GlanceDirect,
    /// Glance downloads the data from `uri`.
    WebDownload {
        /// The source URL.
        uri: String,
    },
    /// Copy existing data to more stores.
    CopyImage,
    /// Download from another region's Glance.
    GlanceDownload {
        /// The image there.
        glance_image_id: String,
        /// Its region.
        glance_region: String,
        /// Its endpoint interface (`public`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        glance_service_interface: Option<String>,
    },
}

/// The body of [`import`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportImage {
    /// The method.
    pub method: ImportMethod,
    /// Target stores (multi-store).
    pub stores: Option<Vec<String>>,
    /// Import to every store.
    pub all_stores: Option<bool>,
    /// Fail unless every store succeeds.
    pub all_stores_must_succeed: Option<bool>,
}

impl ImportImage {
    /// An import with `method` and the server's store defaults.
    pub fn new(method: ImportMethod) -> Self {
        ImportImage {
            method,
            stores: None,
            all_stores: None,
            all_stores_must_succeed: None,
        }
    }
}

/// `POST /v2/images/{id}/import` (202; follow it with [`image_tasks`] or by waiting for
/// the image status).
pub fn import(image_id: &str, opts: &ImportImage) -> Op<()> {
    Op::post(path!("images/{}/import", image_id))
        .json(opts)
        .check(InvalidInput::require(
            !(opts.stores.is_some() && opts.all_stores == Some(true)),
            "stores",
            "give stores or all_stores, not both",
        ))
}

/// A value of the discovery document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscoveryValue {
    /// What it is.
    pub description: Option<String>,
    /// JSON type (`array`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The values.
    #[serde(default)]
    pub value: Vec<String>,
}

/// What [`import_info`] answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportInfo {
    /// Enabled import methods.
    #[serde(rename = "import-methods")]
    pub import_methods: DiscoveryValue,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v2/info/import`: the enabled import methods.
pub fn import_info() -> Op<ImportInfo> {
    Op::get(path!("info/import")).decode_body()
}

/// A task working on an image, as `GET /v2/images/{id}/tasks` shows it (2.12+).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageTask {
    /// Task id.
    pub id: String,
    /// The image.
    pub image_id: Option<String>,
    /// Type (`api_image_import`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: super::tasks::TaskStatus,
    /// Owner project.
    pub owner: Option<String>,
    /// User who started it (`user` in the API reference sample).
    #[serde(alias = "user")]
    pub user_id: Option<String>,
    /// Request id that started it (`request-id` in the API reference sample).
    #[serde(alias = "request-id")]
    pub request_id: Option<String>,
    /// Input.
    pub input: Option<Value>,
    /// Result.
    pub result: Option<Value>,
    /// Progress or failure message.
    pub message: Option<String>,
    /// Expiry.
    pub expires_at: Option<Timestamp>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Deleted.
    pub deleted_at: Option<Timestamp>,
    /// Whether deleted.
    pub deleted: Option<bool>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for ImageTask {
    const KIND: &'static str = "image import task";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn fault(&self) -> Option<&str> {
        self.message.as_deref().filter(|m| !m.is_empty())
    }
    type Status = super::tasks::TaskStatus;
    fn status(&self) -> Option<super::tasks::TaskStatus> {
        Some(self.status.clone())
    }
}

/// `GET /v2/images/{id}/tasks` (2.12+): the tasks (imports) of an image.
pub fn image_tasks(image_id: &str) -> Op<Vec<ImageTask>> {
    Op::get(path!("images/{}/tasks", image_id)).decode_key("tasks")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IMAGE, "http://h:9292").unwrap()
    }

    #[test]
    fn json_patch_from_typed_changes() {
        let op = update(
            "i",
            &[
                ImageUpdate::Name("n".into()),
                ImageUpdate::AddProperty("a/b~c".into(), Value::from("v")),
                ImageUpdate::RemoveProperty("old".into()),
            ],
        );
        let req = op.request(&svc()).unwrap();
        assert_eq!(req.method(), http::Method::PATCH);
        assert_eq!(req.headers()["content-type"], JSON_PATCH);
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!([
                {"op": "replace", "path": "/name", "value": "n"},
                {"op": "add", "path": "/a~1b~0c", "value": "v"},
                {"op": "remove", "path": "/old"},
            ])
        );
        for bad in [
            update("i", &[]),
            update("i", &[ImageUpdate::RemoveProperty(String::new())]),
            update("i", &[ImageUpdate::Visibility(Visibility::All)]),
        ] {
            assert!(matches!(
                bad.request(&svc()),
                Err(crate::Error::InvalidInput(_))
            ));
        }
    }

    #[test]
    fn list_query_and_import_methods() {
        let req = list(&ListImages {
            visibility: Some(Visibility::All),
            common: ListCommon {
                tags: vec!["a".into(), "b".into()],
                limit: Some(2),
                extra: vec![("os_distro".into(), "ubuntu".into())],
                ..Default::default()
            },
            ..Default::default()
        })
        .first_request(&svc());
        use crate::Paginated;
        let req = req.unwrap();
        assert_eq!(
            req.uri(),
            "http://h:9292/v2/images?visibility=all&limit=2&tag=a&tag=b&os_distro=ubuntu"
        );
        let m = serde_json::to_value(ImportMethod::WebDownload { uri: "u".into() }).unwrap();
        assert_eq!(m, serde_json::json!({"name": "web-download", "uri": "u"}));
        let img: Image = serde_json::from_str(
            r#"{"id": "x", "status": "active", "os_distro": "ubuntu", "protected": false}"#,
        )
        .unwrap();
        assert_eq!(img.properties["os_distro"], "ubuntu");
    }
}
