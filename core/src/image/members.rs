//! Glance image members: share an image with other projects, who accept or reject it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::image::members::{self, MemberStatus};
//! let glance = client.image();
//! glance.call(&members::create("4f7a", "8989447062e04a818baf9e073fd04fa7")).await?;
//! // As the member project:
//! glance.call(&members::update("4f7a", "8989447062e04a818baf9e073fd04fa7", MemberStatus::Accepted)).await?;
//! let all = glance.call(&members::list("4f7a")).await?;
//! glance.call(&members::delete("4f7a", "8989447062e04a818baf9e073fd04fa7")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, InvalidInput, Op, Timestamp};

crate::string_enum! {
    /// Whether a member took the shared image.
    pub enum MemberStatus {
        /// Not decided yet.
        Pending = "pending",
        /// Listed in the member's images.
        Accepted = "accepted",
        /// Declined.
        Rejected = "rejected",
    }
}

/// A member of an image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The image.
    pub image_id: String,
    /// The member project.
    pub member_id: String,
    /// Status.
    #[serde(default)]
    pub status: MemberStatus,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// JSON schema path.
    pub schema: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v2/images/{id}/members` (one page).
pub fn list(image_id: &str) -> Op<Vec<Member>> {
    Op::get(path!("images/{}/members", image_id)).decode_key("members")
}

/// `GET /v2/images/{id}/members/{member}`.
pub fn get(image_id: &str, member_id: &str) -> Op<Member> {
    Op::get(path!("images/{}/members/{}", image_id, member_id)).decode_body()
}

#[derive(Serialize)]
struct NewMember<'a> {
    member: &'a str,
}

/// `POST /v2/images/{id}/members`: shares the image (visibility `shared`) with a project.
pub fn create(image_id: &str, member_id: &str) -> Op<Member> {
    let check = InvalidInput::require(!member_id.is_empty(), "member", "must not be empty");
    Op::post(path!("images/{}/members", image_id))
        .check(check)
        .json(&NewMember { member: member_id })
        .decode_body()
}

#[derive(Serialize)]
struct NewStatus<'a> {
    status: &'a MemberStatus,
}

/// `PUT /v2/images/{id}/members/{member}`: the member accepts or rejects.
pub fn update(image_id: &str, member_id: &str, status: MemberStatus) -> Op<Member> {
    Op::put(path!("images/{}/members/{}", image_id, member_id))
        .json(&NewStatus { status: &status })
        .decode_body()
}

/// `DELETE /v2/images/{id}/members/{member}`.
pub fn delete(image_id: &str, member_id: &str) -> Op<()> {
    Op::delete(path!("images/{}/members/{}", image_id, member_id))
}
