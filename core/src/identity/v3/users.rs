//! Keystone v3 users: list with filters, get, create, update, delete, change password,
//! and a user's projects and groups.
//!
//! Passwords travel as [`Secret`]s, so they never show in `Debug` output or logs.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::users::{self, ChangePassword, CreateUser, ListUsers};
//! let keystone = client.identity();
//! let user = keystone
//!     .call(&users::create(&CreateUser {
//!         name: "jdoe".into(),
//!         domain_id: Some("default".into()),
//!         password: Some("s3cret-s3cret".into()),
//!         email: Some("jdoe@example.com".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone
//!     .call(&users::change_password(&user.id, &ChangePassword {
//!         original_password: "s3cret-s3cret".into(),
//!         password: "n3w-s3cret".into(),
//!     }))
//!     .await?;
//! let projects = keystone.collect_all(users::list_projects(&user.id)).await?;
//! let named = keystone.collect_all(users::list(&ListUsers { name: Some("jdoe".into()), ..Default::default() })).await?;
//! keystone.call(&users::delete(&user.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::default_true;
use super::projects::Project;
use crate::{path, query, Find, InvalidInput, List, Op, Paging, Patch, Secret, Timestamp};

/// A user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Id.
    pub id: String,
    /// Name, unique within its domain.
    #[serde(default)]
    pub name: String,
    /// Owning domain.
    pub domain_id: Option<String>,
    /// Whether the user may authenticate.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Project used when a token request names none.
    pub default_project_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// E-mail address (an extra attribute, sent when set).
    pub email: Option<String>,
    /// When the password expires.
    pub password_expires_at: Option<Timestamp>,
    /// Federated identities.
    #[serde(default)]
    pub federated: Vec<Federated>,
    /// Resource options (`ignore_password_expiry`, `multi_factor_auth_rules`, …).
    #[serde(default)]
    pub options: Map<String, Value>,
    /// Other fields (`links`, extra attributes, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A federated identity of a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Federated {
    /// Identity provider id.
    pub idp_id: String,
    /// Protocols and the user's id under each.
    #[serde(default)]
    pub protocols: Vec<FederatedProtocol>,
}

/// A protocol of a [`Federated`] identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederatedProtocol {
    /// Protocol id (e.g. `mapped`).
    pub protocol_id: String,
    /// The user's id at the identity provider.
    pub unique_id: String,
}

/// A group a user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Owning domain.
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// When a federated membership ends.
    pub membership_expires_at: Option<Timestamp>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListUsers {
    /// Users of this domain.
    pub domain_id: Option<String>,
    /// Enabled (or disabled) users.
    pub enabled: Option<bool>,
    /// Users federated through this identity provider.
    pub idp_id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Password expiry filter with an operator, e.g. `lt:2026-12-08T22:02:00Z`.
    pub password_expires_at: Option<String>,
    /// Federation protocol.
    pub protocol_id: Option<String>,
    /// Federated unique id.
    pub unique_id: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this user id.
    pub marker: Option<String>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateUser {
    /// Name.
    pub name: String,
    /// Owning domain (default: the token's domain).
    pub domain_id: Option<String>,
    /// Default project.
    pub default_project_id: Option<String>,
    /// Enabled (default `true`).
    pub enabled: Option<bool>,
    /// Federated identities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub federated: Vec<Federated>,
    /// Password.
    pub password: Option<Secret>,
    /// Description.
    pub description: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UpdateUser {
    /// New name.
    pub name: Option<String>,
    /// Default project (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub default_project_id: Patch<String>,
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// Replace the federated identities.
    pub federated: Option<Vec<Federated>>,
    /// New password (administrative reset; users change their own with
    /// [`change_password`]).
    pub password: Option<Secret>,
    /// Description (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub description: Patch<String>,
    /// E-mail (`Patch::Null` clears it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub email: Patch<String>,
    /// Resource options to change.
    pub options: Option<Map<String, Value>>,
}

/// The body of [`change_password`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChangePassword {
    /// The current password.
    pub original_password: Secret,
    /// The new password.
    pub password: Secret,
}

/// `GET /v3/users`.
pub fn list(filter: &ListUsers) -> List<User> {
    List::new(path!("users"), "users", Paging::Linked).query(query!(
        domain_id: filter.domain_id.as_deref(),
        enabled: filter.enabled,
        idp_id: filter.idp_id.as_deref(),
        name: filter.name.as_deref(),
        password_expires_at: filter.password_expires_at.as_deref(),
        protocol_id: filter.protocol_id.as_deref(),
        unique_id: filter.unique_id.as_deref(),
        limit: filter.limit,
        marker: filter.marker.as_deref(),
    ))
}

/// `GET /v3/users/{user_id}`.
pub fn get(user_id: &str) -> Op<User> {
    Op::get(path!("users/{}", user_id)).decode_key("user")
}

/// A user by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<User> {
    Find::new(
        "user",
        name_or_id,
        get(name_or_id),
        list(&ListUsers {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(User);

/// `POST /v3/users`.
pub fn create(user: &CreateUser) -> Op<User> {
    let check = InvalidInput::require(!user.name.is_empty(), "name", "a user needs a name").and(
        InvalidInput::require(
            !user.password.as_ref().is_some_and(Secret::is_empty),
            "password",
            "must not be empty (leave it None for no password)",
        ),
    );
    Op::post(path!("users"))
        .check(check)
        .json_under("user", user)
        .decode_key("user")
}

/// `PATCH /v3/users/{user_id}`.
pub fn update(user_id: &str, update: &UpdateUser) -> Op<User> {
    let check = InvalidInput::require(
        !update.password.as_ref().is_some_and(Secret::is_empty),
        "password",
        "must not be empty",
    );
    Op::patch(path!("users/{}", user_id))
        .check(check)
        .json_under("user", update)
        .decode_key("user")
}

/// `DELETE /v3/users/{user_id}`.
pub fn delete(user_id: &str) -> Op<()> {
    Op::delete(path!("users/{}", user_id))
}

/// `POST /v3/users/{user_id}/password`: a user changes their own password (204). Every
/// token of the user is revoked.
pub fn change_password(user_id: &str, change: &ChangePassword) -> Op<()> {
    let both = !change.password.is_empty() && !change.original_password.is_empty();
    let check = InvalidInput::require(both, "password", "both passwords are required");
    Op::post(path!("users/{}/password", user_id))
        .check(check)
        .json_under("user", change)
}

/// `GET /v3/users/{user_id}/projects`: the projects the user has a role on.
pub fn list_projects(user_id: &str) -> List<Project> {
    List::new(
        path!("users/{}/projects", user_id),
        "projects",
        Paging::Linked,
    )
}

/// `GET /v3/users/{user_id}/groups`: the groups the user belongs to.
pub fn list_groups(user_id: &str) -> List<Group> {
    List::new(path!("users/{}/groups", user_id), "groups", Paging::Linked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn passwords_are_redacted_and_checked() {
        let create = CreateUser {
            name: "u".into(),
            password: Some("hunter2-hunter2".into()),
            ..Default::default()
        };
        assert!(!format!("{create:?}").contains("hunter2"));
        let change = ChangePassword {
            original_password: "old-pw".into(),
            password: "new-pw".into(),
        };
        assert!(!format!("{change:?}").contains("-pw"));
        let svc = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let req = change_password("u1", &change).request(&svc).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            serde_json::json!({"user": {"original_password": "old-pw", "password": "new-pw"}})
        );
        let empty = ChangePassword {
            original_password: "x".into(),
            password: "".into(),
        };
        assert!(change_password("u1", &empty).request(&svc).is_err());
        let empty = CreateUser {
            name: "u".into(),
            password: Some("".into()),
            ..Default::default()
        };
        assert!(create_ok(&svc, &empty).is_err());
    }

    fn create_ok(
        svc: &ServiceEndpoint,
        u: &CreateUser,
    ) -> crate::Result<http::Request<bytes::Bytes>> {
        create(u).request(svc)
    }
}
