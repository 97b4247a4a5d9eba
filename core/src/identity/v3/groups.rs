//! Keystone v3 groups: list with filters, get, create, update, delete, and membership
//! (list a group's users, add, check, remove). A user's own groups are
//! [`users::list_groups`](super::users::list_groups).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::groups::{self, CreateGroup, ListGroups};
//! let keystone = client.identity();
//! let group = keystone
//!     .call(&groups::create(&CreateGroup {
//!         name: "developers".into(),
//!         domain_id: Some("default".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone.call(&groups::add_user(&group.id, "a0fdfd")).await?;
//! keystone.call(&groups::check_user(&group.id, "a0fdfd")).await?;
//! let members = keystone.collect_all(groups::list_users(&group.id, &Default::default())).await?;
//! let named = keystone
//!     .collect_all(groups::list(&ListGroups { name: Some("developers".into()), ..Default::default() }))
//!     .await?;
//! keystone.call(&groups::remove_user(&group.id, "a0fdfd")).await?;
//! keystone.call(&groups::delete(&group.id)).await?;
//! # Ok(()) }
//! ```

use serde::Serialize;

use super::users::User;
use crate::{path, query, Find, InvalidInput, List, Op, Paging, Patch};

/// A group (the same type [`users::list_groups`](super::users::list_groups) returns).
pub use super::users::Group;

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListGroups {
    /// Groups of this domain.
    pub domain_id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this group id.
    pub marker: Option<String>,
}

/// Filters of [`list_users`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListGroupUsers {
    /// Password expiry filter with an operator, e.g. `lt:2026-12-08T22:02:00Z`.
    pub password_expires_at: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateGroup {
    /// Name, unique within its domain.
    pub name: String,
    /// Owning domain (default: the token's domain).
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateGroup {
    /// New name.
    pub name: Option<String>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
}

impl CreateGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(!self.name.is_empty(), "name", "a group needs a name")
    }
}

impl UpdateGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.name.as_ref().is_none_or(|n| !n.is_empty()),
            "name",
            "must not be empty (leave it None to keep the name)",
        )
    }
}

/// `GET /v3/groups`.
pub fn list(filter: &ListGroups) -> List<Group> {
    List::new(path!("groups"), "groups", Paging::Linked).query(query!(
        domain_id: filter.domain_id.as_deref(),
        name: filter.name.as_deref(),
        limit: filter.limit,
        marker: filter.marker.as_deref(),
    ))
}

/// `GET /v3/groups/{group_id}`.
pub fn get(group_id: &str) -> Op<Group> {
    Op::get(path!("groups/{}", group_id)).decode_key("group")
}

/// A group by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Group> {
    Find::new(
        "group",
        name_or_id,
        get(name_or_id),
        list(&ListGroups {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(Group);

/// `POST /v3/groups`.
pub fn create(group: &CreateGroup) -> Op<Group> {
    Op::post(path!("groups"))
        .check(group.check())
        .json_under("group", group)
        .decode_key("group")
}

/// `PATCH /v3/groups/{group_id}`.
pub fn update(group_id: &str, update: &UpdateGroup) -> Op<Group> {
    Op::patch(path!("groups/{}", group_id))
        .check(update.check())
        .json_under("group", update)
        .decode_key("group")
}

/// `DELETE /v3/groups/{group_id}`.
pub fn delete(group_id: &str) -> Op<()> {
    Op::delete(path!("groups/{}", group_id))
}

/// `GET /v3/groups/{group_id}/users`: the group's members.
pub fn list_users(group_id: &str, filter: &ListGroupUsers) -> List<User> {
    List::new(path!("groups/{}/users", group_id), "users", Paging::Linked).query(query!(
        password_expires_at: filter.password_expires_at.as_deref(),
    ))
}

/// `PUT /v3/groups/{group_id}/users/{user_id}`: adds a user to the group (204).
pub fn add_user(group_id: &str, user_id: &str) -> Op<()> {
    Op::put(path!("groups/{}/users/{}", group_id, user_id))
}

/// `HEAD /v3/groups/{group_id}/users/{user_id}`: `Ok` when the user is a member (a 404
/// error otherwise).
pub fn check_user(group_id: &str, user_id: &str) -> Op<()> {
    Op::head(path!("groups/{}/users/{}", group_id, user_id))
}

/// `DELETE /v3/groups/{group_id}/users/{user_id}`: removes a user from the group (204).
pub fn remove_user(group_id: &str, user_id: &str) -> Op<()> {
    Op::delete(path!("groups/{}/users/{}", group_id, user_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn update_clears_description_and_checks_name() {
        let svc = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let clear = UpdateGroup {
            description: Patch::Null,
            ..Default::default()
        };
        let req = update("g1", &clear).request(&svc).unwrap();
        assert_eq!(req.body().as_ref(), br#"{"group":{"description":null}}"#);
        let empty = UpdateGroup {
            name: Some(String::new()),
            ..Default::default()
        };
        assert!(update("g1", &empty).request(&svc).is_err());
        assert!(create(&CreateGroup::default()).request(&svc).is_err());
    }
}
