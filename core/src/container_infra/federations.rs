//! Magnum federations: a host cluster running a federated API over member clusters.
//! CRUD, with members joined and removed through a JSON Patch of `/member_ids`. Whether
//! a cloud can build one depends on its cluster driver.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::federations::{self, CreateFederation};
//! use ferrocloud::json_patch::PatchOp;
//! let magnum = client.container_infra();
//! let f = magnum
//!     .call(&federations::create(&CreateFederation {
//!         name: "fed".into(),
//!         hostcluster_id: "746e779a".into(),
//!         ..Default::default()
//!     }))
//!     .await?;
//! magnum.call(&federations::update(&f.uuid, &[PatchOp::add("/member_ids", "0b4b766f")], false)).await?;
//! magnum.call(&federations::delete(&f.uuid)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Accepted, ClusterStatus, Link, Paged, PatchOp};
use crate::{path, query, HasStatus, InvalidInput, List, Op, Paging, Timestamp};

/// A federation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Federation {
    /// Id.
    #[serde(default)]
    pub uuid: String,
    /// Name.
    pub name: Option<String>,
    /// The cluster hosting the federated API.
    pub hostcluster_id: Option<String>,
    /// The member clusters.
    #[serde(default)]
    pub member_ids: Vec<String>,
    /// Status.
    pub status: Option<ClusterStatus>,
    /// Why it has that status.
    pub status_reason: Option<String>,
    /// COE-specific settings (`dns-zone`, …).
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for Federation {
    const KIND: &'static str = "federation";
    fn id(&self) -> Option<&str> {
        Some(&self.uuid)
    }
    type Status = ClusterStatus;
    fn status(&self) -> Option<ClusterStatus> {
        self.status.clone()
    }
    fn fault(&self) -> Option<&str> {
        self.status_reason.as_deref()
    }
}

/// The body of [`create`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFederation {
    /// Name (`[a-zA-Z][a-zA-Z0-9_.-]*`).
    pub name: String,
    /// The host cluster.
    pub hostcluster_id: String,
    /// Member clusters to start with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub member_ids: Vec<String>,
    /// COE-specific settings (`dns-zone` for Kubernetes).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
}

impl CreateFederation {
    fn check(&self) -> Result<(), InvalidInput> {
        let mut chars = self.name.chars();
        let name_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        InvalidInput::require(name_ok, "name", "[a-zA-Z][a-zA-Z0-9_.-]*").and(
            InvalidInput::require(
                !self.hostcluster_id.is_empty(),
                "hostcluster_id",
                "a federation needs a host cluster",
            ),
        )
    }
}

/// Filters of [`list`] and [`list_detail`]: paging and sorting.
pub type ListFederations = Paged;

/// `GET /v1/federations` (summary fields).
pub fn list(filter: &ListFederations) -> List<Federation> {
    List::new(path!("federations"), "federations", Paging::Linked).query(filter.query())
}

/// `GET /v1/federations/detail`.
pub fn list_detail(filter: &ListFederations) -> List<Federation> {
    List::new(path!("federations/detail"), "federations", Paging::Linked).query(filter.query())
}

/// `GET /v1/federations/{ident}` (uuid or name).
pub fn get(ident: &str) -> Op<Federation> {
    Op::get(path!("federations/{}", ident)).decode_body()
}

/// `POST /v1/federations` (202).
pub fn create(federation: &CreateFederation) -> Op<Accepted> {
    Op::post(path!("federations"))
        .check(federation.check())
        .json(federation)
        .decode_body()
}

/// `PATCH /v1/federations/{ident}` with a JSON Patch (202): `add`/`remove` on
/// `/member_ids` joins or removes a member; `rollback` undoes a failed update.
pub fn update(ident: &str, ops: &[PatchOp], rollback: bool) -> Op<Accepted> {
    Op::patch(path!("federations/{}", ident))
        .query(query!(rollback: rollback.then_some("True")))
        .check(crate::types::json_patch::check(ops))
        .json(ops)
        .decode_body()
}

/// `DELETE /v1/federations/{ident}` (204).
pub fn delete(ident: &str) -> Op<()> {
    Op::delete(path!("federations/{}", ident))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn names_follow_magnums_pattern_and_rollback_is_a_query() {
        let magnum =
            ServiceEndpoint::new(ServiceType::CONTAINER_INFRA, "http://m:9511/v1").unwrap();
        let f = |name: &str| CreateFederation {
            name: name.into(),
            hostcluster_id: "h".into(),
            ..Default::default()
        };
        assert!(create(&f("fed-1.a_b")).request(&magnum).is_ok());
        for bad in ["", "1fed", "fed 1", "fed/1"] {
            assert!(create(&f(bad)).request(&magnum).is_err(), "{bad}");
        }
        let req = update("fed", &[PatchOp::add("/member_ids", "c1")], true)
            .request(&magnum)
            .unwrap();
        assert_eq!(req.uri(), "http://m:9511/v1/federations/fed?rollback=True");
    }
}
