//! Keystone v3 policies (deprecated upstream, still served): list (by type), get, create,
//! update, delete. Keystone takes a blob only as text (its schema answers 400 to the JSON
//! object some upstream samples show) and stores it as is.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::policies::{self, CreatePolicy, ListPolicies};
//! let keystone = client.identity();
//! let policy = keystone
//!     .call(&policies::create(&CreatePolicy {
//!         blob: r#"{"foobar_user": ["role:compute-user"]}"#.into(),
//!         kind: "application/json".into(),
//!     }))
//!     .await?;
//! let json = keystone
//!     .collect_all(policies::list(&ListPolicies { kind: Some("application/json".into()) }))
//!     .await?;
//! keystone.call(&policies::delete(&policy.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging};

/// A policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// Id.
    pub id: String,
    /// MIME type of the blob, e.g. `application/json`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The rules as stored: text from Keystone (upstream samples also show a JSON object,
    /// so any JSON value is read).
    pub blob: Value,
    /// Other fields (`links`, `project_id`, extra attributes, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPolicies {
    /// Policies of this MIME type.
    pub kind: Option<String>,
}

/// The body of [`create`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreatePolicy {
    /// The rules, as text (e.g. serialized JSON).
    pub blob: String,
    /// MIME type of the blob.
    #[serde(rename = "type")]
    pub kind: String,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdatePolicy {
    /// New rules, as text.
    pub blob: Option<String>,
    /// New MIME type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

impl CreatePolicy {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.kind.is_empty(), "type", "a policy needs a type").and(
            InvalidInput::require(!self.blob.is_empty(), "blob", "a policy needs a blob"),
        )
    }
}

/// `GET /v3/policies`.
pub fn list(filter: &ListPolicies) -> List<Policy> {
    List::new(path!("policies"), "policies", Paging::Linked)
        .query(query!("type": filter.kind.as_deref()))
}

/// `GET /v3/policies/{policy_id}`.
pub fn get(policy_id: &str) -> Op<Policy> {
    Op::get(path!("policies/{}", policy_id)).decode_key("policy")
}

/// `POST /v3/policies` (201).
pub fn create(policy: &CreatePolicy) -> Op<Policy> {
    Op::post(path!("policies"))
        .check(policy.check())
        .json_under("policy", policy)
        .decode_key("policy")
}

/// `PATCH /v3/policies/{policy_id}`.
pub fn update(policy_id: &str, update: &UpdatePolicy) -> Op<Policy> {
    let check = InvalidInput::require(
        update.kind.as_ref().is_none_or(|k| !k.is_empty()),
        "type",
        "must not be empty (leave it None to keep the type)",
    );
    Op::patch(path!("policies/{}", policy_id))
        .check(check)
        .json_under("policy", update)
        .decode_key("policy")
}

/// `DELETE /v3/policies/{policy_id}`.
pub fn delete(policy_id: &str) -> Op<()> {
    Op::delete(path!("policies/{}", policy_id))
}
