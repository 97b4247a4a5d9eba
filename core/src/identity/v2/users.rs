//! Keystone v2.0 users (admin API): list, create, get, update, delete, and a user's roles
//! on a tenant. Keystone removed `/v2.0` in Queens, so these are checked against canned
//! answers only.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v2::users::{self, UserOptions};
//! let keystone = client.identity().version_suffix(Some("v2.0"));
//! let user = keystone
//!     .call(&users::create(&UserOptions {
//!         name: Some("jqsmith".into()),
//!         tenant_id: Some("5ca10b".into()),
//!         enabled: Some(true),
//!         ..Default::default()
//!     }))
//!     .await?;
//! let roles = keystone.collect_all(users::list_roles("5ca10b", &user.id)).await?;
//! keystone.call(&users::delete(&user.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::roles::Role;
use crate::{path, InvalidInput, List, Op, Paging, Secret};

/// A user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Login name (older Keystones; the same as `name` when not set apart).
    pub username: Option<String>,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// E-mail address.
    pub email: Option<String>,
    /// Its default tenant (`tenantId`; some answers spell it `tenant_id`).
    #[serde(rename = "tenantId", alias = "tenant_id")]
    pub tenant_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`] (a name or username is required) and [`update`] (only what is
/// set changes).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserOptions {
    /// Name (unique).
    pub name: Option<String>,
    /// Login name.
    pub username: Option<String>,
    /// Default tenant.
    #[serde(rename = "tenantId")]
    pub tenant_id: Option<String>,
    /// Whether it is enabled.
    pub enabled: Option<bool>,
    /// E-mail address.
    pub email: Option<String>,
    /// Password (never in Debug output).
    pub password: Option<Secret>,
}

/// `GET /v2.0/users` (admin, one page).
pub fn list() -> List<User> {
    List::new(path!("users"), "users", Paging::Single)
}

/// `POST /v2.0/users` (admin; 200 or 201).
pub fn create(opts: &UserOptions) -> Op<User> {
    let named = |n: &Option<String>| n.as_deref().is_some_and(|n| !n.is_empty());
    Op::post(path!("users"))
        .check(InvalidInput::require(
            named(&opts.name) || named(&opts.username),
            "name",
            "a user needs a name or a username",
        ))
        .json_under("user", opts)
        .decode_key("user")
}

/// `GET /v2.0/users/{user_id}` (admin).
pub fn get(user_id: &str) -> Op<User> {
    Op::get(path!("users/{}", user_id)).decode_key("user")
}

/// `PUT /v2.0/users/{user_id}` (admin).
pub fn update(user_id: &str, opts: &UserOptions) -> Op<User> {
    Op::put(path!("users/{}", user_id))
        .json_under("user", opts)
        .decode_key("user")
}

/// `DELETE /v2.0/users/{user_id}` (admin, 204).
pub fn delete(user_id: &str) -> Op<()> {
    Op::delete(path!("users/{}", user_id))
}

/// `GET /v2.0/tenants/{tenant_id}/users/{user_id}/roles`: the user's roles on a tenant.
pub fn list_roles(tenant_id: &str, user_id: &str) -> List<Role> {
    List::new(
        path!("tenants/{}/users/{}/roles", tenant_id, user_id),
        "roles",
        Paging::Single,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};
    use bytes::Bytes;
    use http::{Method, Response};

    fn v2() -> ServiceEndpoint {
        ServiceEndpoint::with_suffix(ServiceType::IDENTITY, "http://ks:35357", Some("v2.0"))
            .unwrap()
    }

    fn answer(body: &'static str) -> Response<Bytes> {
        Response::new(Bytes::from_static(body.as_bytes()))
    }

    const USER: &str = r#"{"user": {"id": "c39e3a", "name": "jqsmith", "username": "jqsmith", "tenantId": "5ca10b", "enabled": true, "email": "john@example.com"}}"#;

    #[test]
    fn crud_requests_and_canned_answers() {
        let opts = UserOptions {
            name: Some("jqsmith".into()),
            tenant_id: Some("5ca10b".into()),
            enabled: Some(true),
            email: Some("john@example.com".into()),
            password: Some(Secret::new("s3cr3t")),
            ..Default::default()
        };
        assert!(!format!("{opts:?}").contains("s3cr3t"));
        let req = create(&opts).request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().to_string()),
            (&Method::POST, "http://ks:35357/v2.0/users".into())
        );
        assert_eq!(
            req.body().as_ref(),
            br#"{"user":{"name":"jqsmith","tenantId":"5ca10b","enabled":true,"email":"john@example.com","password":"s3cr3t"}}"#
        );
        assert!(create(&UserOptions::default()).request(&v2()).is_err());
        let u = create(&opts).parse(answer(USER)).unwrap();
        assert_eq!(
            (
                u.id.as_str(),
                u.name.as_str(),
                u.tenant_id.as_deref(),
                u.enabled
            ),
            ("c39e3a", "jqsmith", Some("5ca10b"), true)
        );
        assert_eq!(get("c39e3a").parse(answer(USER)).unwrap(), u);
        let req = get("c39e3a").request(&v2()).unwrap();
        assert_eq!(req.uri().path(), "/v2.0/users/c39e3a");

        let off = UserOptions {
            enabled: Some(false),
            ..Default::default()
        };
        let req = update("c39e3a", &off).request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&Method::PUT, "/v2.0/users/c39e3a")
        );
        assert_eq!(req.body().as_ref(), br#"{"user":{"enabled":false}}"#);
        let req = delete("c39e3a").request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&Method::DELETE, "/v2.0/users/c39e3a")
        );
    }

    #[test]
    fn lists_read_canned_pages() {
        let page: Vec<User> = crate::request::op::decode_key(
            "users",
            "users",
            br#"{"users": [{"id": "u1", "name": "a", "enabled": true, "tenant_id": "t1"}, {"id": "u2", "name": "b", "enabled": false, "email": null}]}"#,
        )
        .unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(page[0].tenant_id.as_deref(), Some("t1"));
        assert!(!page[1].enabled);
        let roles: Vec<Role> = crate::request::op::decode_key(
            "roles",
            "roles",
            br#"{"roles": [{"id": "9fe2ff", "name": "member"}]}"#,
        )
        .unwrap();
        assert_eq!(roles[0].name, "member");
        assert_eq!(
            list_roles("t1", "u1").request(&v2()).unwrap().uri().path(),
            "/v2.0/tenants/t1/users/u1/roles"
        );
        assert_eq!(list().request(&v2()).unwrap().uri().path(), "/v2.0/users");
    }
}
