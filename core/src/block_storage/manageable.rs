//! Bringing storage Cinder does not manage under its management (admin): list what a
//! backend holds that could be managed (`/manageable_volumes`, `/manageable_snapshots`,
//! 3.8+, summary or detail), then manage an existing volume or snapshot by its backend
//! reference. The reverse is [`actions::unmanage`](crate::block_storage::actions::unmanage)
//! and [`snapshots::unmanage`](crate::block_storage::snapshots::unmanage).
//!
//! A volume being managed is answered at once in `creating`; the backend then checks the
//! reference, and the volume becomes `available` or `error` (a reference the backend does
//! not have).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::manageable::{self, ListManageable, ManageVolume, Route};
//! let cinder = client.block_storage();
//! let host = "cinder-host@lvm#lvm";
//! let filter = ListManageable { host: Some(host.into()), ..Default::default() };
//! for lv in cinder.call(&manageable::list_volumes(&filter)).await? {
//!     if lv.safe_to_manage {
//!         let manage = ManageVolume {
//!             host: Some(host.into()),
//!             reference: lv.reference.clone(),
//!             name: Some("imported".into()),
//!             ..Default::default()
//!         };
//!         let volume = cinder.call(&manageable::manage_volume(Route::Manageable, &manage)).await?;
//!         println!("{} is {:?}", volume.id, volume.status);
//!     }
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::snapshots::Snapshot;
use super::volumes::Volume;
use super::LIST_STYLE;
use crate::{path, query, InvalidInput, ListCommon, Metadata, Op};

/// The microversion of the manageable lists and of [`Route::Manageable`].
pub const MICROVERSION: &str = "3.8";

/// The microversion of the lists with a `cluster`.
pub const LIST_CLUSTER_MICROVERSION: &str = "3.17";

/// The microversion of [`manage_volume`] with a `cluster`.
pub const MANAGE_CLUSTER_MICROVERSION: &str = "3.16";

/// Which of Cinder's two routes [`manage_volume`] and [`manage_snapshot`] use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// `/manageable_volumes`, `/manageable_snapshots` (v3, 3.8+).
    #[default]
    Manageable,
    /// `/os-volume-manage`, `/os-snapshot-manage` (v2, and v3 without a microversion).
    OsManage,
}

/// Something a backend holds that Cinder could manage (a volume or a snapshot).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manageable {
    /// The backend's reference to it (`{"source-name": "lvol0"}`), to pass to
    /// [`ManageVolume::reference`] / [`ManageSnapshot::reference`].
    #[serde(default)]
    pub reference: Map<String, Value>,
    /// For a snapshot: the reference of the volume it belongs to.
    pub source_reference: Option<Map<String, Value>>,
    /// Size in GiB.
    pub size: Option<u64>,
    /// Whether it can be managed.
    #[serde(default)]
    pub safe_to_manage: bool,
    /// Why not (detail).
    pub reason_not_safe: Option<String>,
    /// The Cinder id when Cinder already manages it (detail).
    pub cinder_id: Option<String>,
    /// Driver-specific information (detail).
    pub extra_info: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of the manageable lists: exactly one of `host` and `cluster`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListManageable {
    /// The backend host (`host@backend`, with or without `#pool`).
    pub host: Option<String>,
    /// The cluster (3.17+).
    pub cluster: Option<String>,
    /// Skip this many.
    pub offset: Option<u32>,
    /// Sorting (`reference`, `size`), `limit` and `marker`; Cinder sorts and pages in the
    /// API, and gives no next link.
    pub common: ListCommon,
}

fn host_or_cluster(host: &Option<String>, cluster: &Option<String>) -> Result<(), InvalidInput> {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    InvalidInput::require(
        set(host) != set(cluster),
        "host",
        "exactly one of host and cluster must be given",
    )
}

fn list(
    path: Result<String, InvalidInput>,
    key: &'static str,
    f: &ListManageable,
) -> Op<Vec<Manageable>> {
    let own = query!(
        host: f.host.as_deref(),
        cluster: f.cluster.as_deref(),
        offset: f.offset,
    );
    Op::get(path)
        .microversion(if f.cluster.is_some() {
            LIST_CLUSTER_MICROVERSION
        } else {
            MICROVERSION
        })
        .check(host_or_cluster(&f.host, &f.cluster).and(LIST_STYLE.check(&f.common)))
        .query(LIST_STYLE.encode(&f.common, own))
        .decode_key(key)
}

/// `GET /manageable_volumes` (3.8): references, sizes and whether each is safe to manage
/// (one page).
pub fn list_volumes(filter: &ListManageable) -> Op<Vec<Manageable>> {
    list(path!("manageable_volumes"), "manageable-volumes", filter)
}

/// `GET /manageable_volumes/detail` (3.8): with the reason a volume is not safe and its
/// Cinder id when managed already (one page).
pub fn list_volumes_detail(filter: &ListManageable) -> Op<Vec<Manageable>> {
    list(
        path!("manageable_volumes/detail"),
        "manageable-volumes",
        filter,
    )
}

/// `GET /manageable_snapshots` (3.8), one page.
pub fn list_snapshots(filter: &ListManageable) -> Op<Vec<Manageable>> {
    list(
        path!("manageable_snapshots"),
        "manageable-snapshots",
        filter,
    )
}

/// `GET /manageable_snapshots/detail` (3.8), one page.
pub fn list_snapshots_detail(filter: &ListManageable) -> Op<Vec<Manageable>> {
    list(
        path!("manageable_snapshots/detail"),
        "manageable-snapshots",
        filter,
    )
}

/// The body of [`manage_volume`]: exactly one of `host` and `cluster`, and the backend's
/// reference. `host` and `volume_type` are sent as `null` when `None`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ManageVolume {
    /// The backend host (`host@backend#pool`).
    #[serialize_always]
    pub host: Option<String>,
    /// The cluster (3.16+).
    pub cluster: Option<String>,
    /// The backend's reference (`{"source-name": "lvol0"}` or `{"source-id": "…"}`).
    #[serde(rename = "ref")]
    pub reference: Map<String, Value>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Volume type (name or id; `None`: the default type).
    #[serialize_always]
    pub volume_type: Option<String>,
    /// Bootable.
    pub bootable: Option<bool>,
    /// Metadata.
    pub metadata: Option<Metadata>,
}

impl ManageVolume {
    fn check(&self) -> Result<(), InvalidInput> {
        host_or_cluster(&self.host, &self.cluster).and(InvalidInput::require(
            !self.reference.is_empty(),
            "ref",
            "must name the backend's volume",
        ))
    }
}

/// `POST /manageable_volumes` (or `/os-volume-manage`, 202): Cinder takes over an
/// existing backend volume; answered in `creating`.
pub fn manage_volume(route: Route, manage: &ManageVolume) -> Op<Volume> {
    let op = match route {
        Route::Manageable => {
            Op::post(path!("manageable_volumes")).microversion(if manage.cluster.is_some() {
                MANAGE_CLUSTER_MICROVERSION
            } else {
                MICROVERSION
            })
        }
        Route::OsManage => Op::post(path!("os-volume-manage")),
    };
    op.check(manage.check())
        .json_under("volume", manage)
        .decode_key("volume")
}

/// The body of [`manage_snapshot`]. `name`, `description` and `metadata` are sent as
/// `null` when `None`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ManageSnapshot {
    /// The Cinder volume the snapshot belongs to.
    pub volume_id: String,
    /// The backend's reference (`{"source-name": "snap0"}`).
    #[serde(rename = "ref")]
    pub reference: Map<String, Value>,
    /// Name.
    #[serialize_always]
    pub name: Option<String>,
    /// Description.
    #[serialize_always]
    pub description: Option<String>,
    /// Metadata.
    #[serialize_always]
    pub metadata: Option<Metadata>,
}

impl ManageSnapshot {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.volume_id.is_empty(), "volume_id", "must not be empty").and(
            InvalidInput::require(
                !self.reference.is_empty(),
                "ref",
                "must name the backend's snapshot",
            ),
        )
    }
}

/// `POST /manageable_snapshots` (or `/os-snapshot-manage`, 202): Cinder takes over an
/// existing backend snapshot of one of its volumes; answered in `creating`.
pub fn manage_snapshot(route: Route, manage: &ManageSnapshot) -> Op<Snapshot> {
    let op = match route {
        Route::Manageable => Op::post(path!("manageable_snapshots")).microversion(MICROVERSION),
        Route::OsManage => Op::post(path!("os-snapshot-manage")),
    };
    op.check(manage.check())
        .json_under("snapshot", manage)
        .decode_key("snapshot")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType, SortDir};

    fn svc() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap()
    }

    #[test]
    fn lists_need_one_of_host_and_cluster() {
        let mut f = ListManageable::default();
        assert!(list_volumes(&f).request(&svc()).is_err());
        f.host = Some("h@b#p".into());
        f.common.sort = vec![("size".into(), SortDir::Desc)];
        f.common.limit = Some(2);
        let req = list_snapshots_detail(&f).request(&svc()).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/manageable_snapshots/detail");
        assert_eq!(
            req.uri().query(),
            Some("host=h%40b%23p&sort=size%3Adesc&limit=2")
        );
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.8");
        f.cluster = Some("c".into());
        assert!(list_volumes(&f).request(&svc()).is_err());
        f.host = None;
        let req = list_volumes(&f).request(&svc()).unwrap();
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.17");
    }

    #[test]
    fn manage_checks_and_routes() {
        let mut m = ManageVolume {
            host: Some("h@b#p".into()),
            ..Default::default()
        };
        assert!(manage_volume(Route::Manageable, &m)
            .request(&svc())
            .is_err());
        m.reference.insert("source-name".into(), "lv".into());
        let req = manage_volume(Route::OsManage, &m).request(&svc()).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/os-volume-manage");
        assert!(req.headers().get("OpenStack-API-Version").is_none());
        let s = ManageSnapshot {
            reference: m.reference.clone(),
            ..Default::default()
        };
        assert!(manage_snapshot(Route::Manageable, &s)
            .request(&svc())
            .is_err());
    }
}
