//! Keystone v2.0 roles (admin API, `OS-KSADM`): list the roles, and grant or revoke a
//! user's role on a tenant. Keystone removed `/v2.0` in Queens, so these are checked
//! against canned answers only.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v2::roles;
//! let keystone = client.identity().version_suffix(Some("v2.0"));
//! let all = keystone.collect_all(roles::list()).await?;
//! let member = all.iter().find(|r| r.name == "member").unwrap();
//! keystone.call(&roles::add_user("5ca10b", "c39e3a", &member.id)).await?;
//! keystone.call(&roles::delete_user("5ca10b", "c39e3a", &member.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, List, Op, Paging};

/// A role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The service it belongs to (`serviceId`), for service roles.
    #[serde(rename = "serviceId")]
    pub service_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v2.0/OS-KSADM/roles` (admin, one page).
pub fn list() -> List<Role> {
    List::new(path!("OS-KSADM/roles"), "roles", Paging::Single)
}

/// `PUT /v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}`: grants the
/// user the role on the tenant.
pub fn add_user(tenant_id: &str, user_id: &str, role_id: &str) -> Op<()> {
    Op::put(path!(
        "tenants/{}/users/{}/roles/OS-KSADM/{}",
        tenant_id,
        user_id,
        role_id
    ))
}

/// `DELETE /v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}`: revokes
/// it (204).
pub fn delete_user(tenant_id: &str, user_id: &str, role_id: &str) -> Op<()> {
    Op::delete(path!(
        "tenants/{}/users/{}/roles/OS-KSADM/{}",
        tenant_id,
        user_id,
        role_id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};
    use http::Method;

    #[test]
    fn requests_and_a_canned_list() {
        let v2 =
            ServiceEndpoint::with_suffix(ServiceType::IDENTITY, "http://ks:35357", Some("v2.0"))
                .unwrap();
        assert_eq!(
            list().request(&v2).unwrap().uri().path(),
            "/v2.0/OS-KSADM/roles"
        );
        let req = add_user("t1", "u1", "r1").request(&v2).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&Method::PUT, "/v2.0/tenants/t1/users/u1/roles/OS-KSADM/r1")
        );
        assert!(req.body().is_empty());
        let req = delete_user("t1", "u1", "r1").request(&v2).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (
                &Method::DELETE,
                "/v2.0/tenants/t1/users/u1/roles/OS-KSADM/r1"
            )
        );
        assert!(add_user("t1", "", "r1").request(&v2).is_err());
        let roles: Vec<Role> = crate::request::op::decode_key(
            "roles",
            "roles",
            br#"{"roles": [{"id": "123", "name": "compute:admin", "description": "Nova Administrator", "serviceId": "abc"}], "roles_links": []}"#,
        )
        .unwrap();
        assert_eq!(
            (roles[0].name.as_str(), roles[0].service_id.as_deref()),
            ("compute:admin", Some("abc"))
        );
    }
}
