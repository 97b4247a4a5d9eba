//! Block Storage volume transfers: hand a volume to another project. The giver creates a
//! transfer and passes its id and one-time `auth_key` to the receiver, who accepts it;
//! until then the giver may list, read or delete (cancel) it.
//!
//! Cinder serves two routes with the same shapes: [`Route::VolumeTransfers`]
//! (`/volume-transfers`, microversion 3.55+, with `no_snapshots`; 3.57 adds `accepted`
//! and the source and destination projects) and the older [`Route::OsVolumeTransfer`]
//! (`/os-volume-transfer`, also v2). Operations on `VolumeTransfers` ask for 3.57; on a
//! Cinder between 3.55 and 3.56 override it with `.microversion("3.55")`.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(giver: ferrocloud::Client<T>, taker: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::block_storage::transfers::{self, CreateTransfer, Route};
//! let route = Route::VolumeTransfers;
//! let t = giver
//!     .block_storage()
//!     .call(&transfers::create(route, &CreateTransfer {
//!         volume_id: "c86b9af4-151d-4ead-b62c-5fb967af0e37".into(),
//!         name: Some("to ops".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let key = t.auth_key.clone().expect("create answers the key");
//! let done = taker.block_storage().call(&transfers::accept(route, &t.id, &key)).await?;
//! println!("volume {:?} now belongs to the taker", done.volume_id);
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Link, LIST_STYLE};
use crate::{path, query, InvalidInput, List, ListCommon, Op, Paging, Timestamp};

/// Which of Cinder's two transfer routes a call uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// `/volume-transfers` (microversion 3.55+; these calls send 3.57).
    #[default]
    VolumeTransfers,
    /// `/os-volume-transfer` (v2, and v3 without a microversion).
    OsVolumeTransfer,
}

impl Route {
    /// The collection's path segment.
    pub fn segment(self) -> &'static str {
        match self {
            Route::VolumeTransfers => "volume-transfers",
            Route::OsVolumeTransfer => "os-volume-transfer",
        }
    }

    /// The microversion this route's calls send (none for the old route).
    pub fn microversion(self) -> Option<&'static str> {
        match self {
            Route::VolumeTransfers => Some("3.57"),
            Route::OsVolumeTransfer => None,
        }
    }

    fn op<T>(self, op: Op<T>) -> Op<T> {
        match self.microversion() {
            Some(v) => op.microversion(v),
            None => op,
        }
    }
}

/// A volume transfer. Lists leave out `created_at`; only [`create`] answers `auth_key`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// The volume being transferred.
    pub volume_id: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// The key the receiver needs to accept (in the answer of [`create`] only).
    pub auth_key: Option<String>,
    /// Whether the volume's snapshots stay behind (3.55).
    pub no_snapshots: Option<bool>,
    /// Whether it was accepted (3.57).
    pub accepted: Option<bool>,
    /// The giving project (3.57).
    pub source_project_id: Option<String>,
    /// The receiving project, once accepted (3.57).
    pub destination_project_id: Option<String>,
    /// Self and bookmark links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateTransfer {
    /// The volume to give away (status `available`).
    pub volume_id: String,
    /// A name.
    pub name: Option<String>,
    /// Leave the volume's snapshots behind (3.55; [`Route::VolumeTransfers`] only).
    pub no_snapshots: Option<bool>,
}

impl CreateTransfer {
    fn check(&self, route: Route) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.volume_id.is_empty(),
            "volume_id",
            "a transfer needs a volume",
        )
        .and(InvalidInput::require(
            self.no_snapshots.is_none() || route == Route::VolumeTransfers,
            "no_snapshots",
            "only /volume-transfers (3.55+) takes no_snapshots",
        ))
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTransfers {
    /// Every project's (admin only).
    pub all_tenants: bool,
    /// Sorting (`sort=key:dir,…`), paging and extra filters (`name`, `volume_id`, …).
    pub common: ListCommon,
}

impl ListTransfers {
    fn on<T>(&self, list: List<T>) -> List<T> {
        let own = query!(all_tenants: self.all_tenants.then_some("True"));
        list.check(LIST_STYLE.check(&self.common))
            .query(LIST_STYLE.encode(&self.common, own))
    }
}

/// `POST /volume-transfers` (or `/os-volume-transfer`): answers the `auth_key`.
pub fn create(route: Route, transfer: &CreateTransfer) -> Op<Transfer> {
    route.op(Op::post(path!("{}", route.segment()))
        .check(transfer.check(route))
        .json_under("transfer", transfer)
        .decode_key("transfer"))
}

/// `GET /volume-transfers`, every page: ids, names and volumes.
pub fn list(route: Route, filter: &ListTransfers) -> List<Transfer> {
    let list = List::new(path!("{}", route.segment()), "transfers", Paging::Linked);
    let list = match route.microversion() {
        Some(v) => list.microversion(v),
        None => list,
    };
    filter.on(list)
}

/// `GET /volume-transfers/detail`, every page.
pub fn list_detail(route: Route, filter: &ListTransfers) -> List<Transfer> {
    let list = List::new(
        path!("{}/detail", route.segment()),
        "transfers",
        Paging::Linked,
    );
    let list = match route.microversion() {
        Some(v) => list.microversion(v),
        None => list,
    };
    filter.on(list)
}

/// `GET /volume-transfers/{transfer_id}`.
pub fn get(route: Route, transfer_id: &str) -> Op<Transfer> {
    route.op(Op::get(path!("{}/{}", route.segment(), transfer_id)).decode_key("transfer"))
}

#[derive(Serialize)]
struct Accept<'a> {
    auth_key: &'a str,
}

/// `POST /volume-transfers/{transfer_id}/accept`, by the receiving project with the
/// giver's `auth_key`: the volume moves to the caller's project.
pub fn accept(route: Route, transfer_id: &str, auth_key: &str) -> Op<Transfer> {
    route.op(
        Op::post(path!("{}/{}/accept", route.segment(), transfer_id))
            .check(InvalidInput::require(
                !auth_key.is_empty(),
                "auth_key",
                "accepting needs the transfer's key",
            ))
            .json_under("accept", &Accept { auth_key })
            .decode_key("transfer"),
    )
}

/// `DELETE /volume-transfers/{transfer_id}`: cancels a transfer not yet accepted.
pub fn delete(route: Route, transfer_id: &str) -> Op<()> {
    route.op(Op::delete(path!("{}/{}", route.segment(), transfer_id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, Paginated, ServiceEndpoint, ServiceType};

    #[test]
    fn routes_checks_and_microversions() {
        let svc = ServiceEndpoint::new(ServiceType::BLOCK_STORAGE, "http://h/v3/p").unwrap();
        let req = get(Route::VolumeTransfers, "t").request(&svc).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/volume-transfers/t");
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.57");
        let req = get(Route::OsVolumeTransfer, "t").request(&svc).unwrap();
        assert_eq!(req.uri().path(), "/v3/p/os-volume-transfer/t");
        assert!(req.headers().get("OpenStack-API-Version").is_none());
        assert!(create(Route::VolumeTransfers, &CreateTransfer::default())
            .request(&svc)
            .is_err());
        let old = CreateTransfer {
            volume_id: "v".into(),
            no_snapshots: Some(true),
            ..Default::default()
        };
        assert!(create(Route::OsVolumeTransfer, &old).request(&svc).is_err());
        assert!(create(Route::VolumeTransfers, &old).request(&svc).is_ok());
        assert!(accept(Route::VolumeTransfers, "t", "")
            .request(&svc)
            .is_err());
        let filter = ListTransfers {
            all_tenants: true,
            common: ListCommon {
                limit: Some(3),
                ..Default::default()
            },
        };
        let req = list_detail(Route::VolumeTransfers, &filter)
            .first_request(&svc)
            .unwrap();
        assert_eq!(req.uri().path(), "/v3/p/volume-transfers/detail");
        assert_eq!(req.uri().query(), Some("all_tenants=True&limit=3"));
        assert_eq!(req.headers()["OpenStack-API-Version"], "volume 3.57");
    }
}
