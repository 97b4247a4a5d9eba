//! Keystone v3 trusts (`OS-TRUST`): a trustor delegates roles on a project to a trustee.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::trusts::{self, CreateTrust, RoleRef};
//! let keystone = client.identity();
//! let trust = keystone
//!     .call(&trusts::create(&CreateTrust {
//!         trustor_user_id: "a0fdfd".into(),
//!         trustee_user_id: "86c0d5".into(),
//!         project_id: Some("ddef321".into()),
//!         roles: vec![RoleRef::name("member")],
//!         impersonation: true,
//!         ..Default::default()
//!     }))
//!     .await?;
//! let mine = keystone
//!     .collect_all(trusts::list(&trusts::ListTrusts {
//!         trustor_user_id: Some("a0fdfd".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone.call(&trusts::delete(&trust.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::NameId;
use crate::{path, query, InvalidInput, List, Op, Paging, Timestamp};

/// A role given by id or by name.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRef {
    /// Role id.
    pub id: Option<String>,
    /// Role name.
    pub name: Option<String>,
}

impl RoleRef {
    /// A role by name.
    pub fn name(name: &str) -> Self {
        RoleRef {
            id: None,
            name: Some(name.into()),
        }
    }

    /// A role by id.
    pub fn id(id: &str) -> Self {
        RoleRef {
            id: Some(id.into()),
            name: None,
        }
    }
}

/// A role as a trust lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustRole {
    /// Role id.
    pub id: Option<String>,
    /// Role name.
    pub name: Option<String>,
    /// Domain of a domain-specific role.
    pub domain_id: Option<String>,
    /// Other fields (`links`, `description`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A trust.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trust {
    /// Trust id.
    pub id: String,
    /// Who delegates.
    pub trustor_user_id: Option<String>,
    /// Who receives.
    pub trustee_user_id: Option<String>,
    /// The project the roles apply to.
    pub project_id: Option<String>,
    /// Whether the trustee acts as the trustor.
    #[serde(default)]
    pub impersonation: bool,
    /// When it expires (`None`: never).
    pub expires_at: Option<Timestamp>,
    /// Uses left (`None`: unlimited).
    pub remaining_uses: Option<u32>,
    /// Whether the trustee may redelegate.
    pub allow_redelegation: Option<bool>,
    /// How many more redelegations are allowed.
    pub redelegation_count: Option<u32>,
    /// The trust this one was redelegated from.
    pub redelegated_trust_id: Option<String>,
    /// The delegated roles.
    #[serde(default)]
    pub roles: Vec<TrustRole>,
    /// Fields ferrocloud does not know (`links`, `roles_links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateTrust {
    /// Who delegates (must be the caller).
    pub trustor_user_id: String,
    /// Who receives.
    pub trustee_user_id: String,
    /// Project the roles apply to (`None`: no project, then no roles either).
    pub project_id: Option<String>,
    /// Whether the trustee acts as the trustor.
    pub impersonation: bool,
    /// Roles to delegate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRef>,
    /// Expiry.
    pub expires_at: Option<Timestamp>,
    /// Uses allowed.
    pub remaining_uses: Option<u32>,
    /// Allow redelegation.
    pub allow_redelegation: Option<bool>,
    /// Redelegation depth.
    pub redelegation_count: Option<u32>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTrusts {
    /// Trusts this user delegated.
    pub trustor_user_id: Option<String>,
    /// Trusts delegated to this user.
    pub trustee_user_id: Option<String>,
}

impl CreateTrust {
    /// Keystone needs both users, and roles only make sense on a project.
    fn check(&self) -> Result<(), InvalidInput> {
        let both_users = !self.trustor_user_id.is_empty() && !self.trustee_user_id.is_empty();
        InvalidInput::require(
            both_users,
            "trustor_user_id",
            "a trust needs a trustor and a trustee",
        )
        .and(InvalidInput::require(
            self.project_id.is_some() || self.roles.is_empty(),
            "roles",
            "roles need a project_id",
        ))
    }
}

/// `POST /v3/OS-TRUST/trusts`.
pub fn create(trust: &CreateTrust) -> Op<Trust> {
    Op::post(path!("OS-TRUST/trusts"))
        .check(trust.check())
        .json_under("trust", trust)
        .decode_key("trust")
}

/// `GET /v3/OS-TRUST/trusts` (one page; Keystone does not page trusts).
pub fn list(filter: &ListTrusts) -> List<Trust> {
    List::new(path!("OS-TRUST/trusts"), "trusts", Paging::Linked).query(query!(
        trustor_user_id: filter.trustor_user_id.as_deref(),
        trustee_user_id: filter.trustee_user_id.as_deref(),
    ))
}

/// `GET /v3/OS-TRUST/trusts/{trust_id}`.
pub fn get(trust_id: &str) -> Op<Trust> {
    Op::get(path!("OS-TRUST/trusts/{}", trust_id)).decode_key("trust")
}

/// `DELETE /v3/OS-TRUST/trusts/{trust_id}`.
pub fn delete(trust_id: &str) -> Op<()> {
    Op::delete(path!("OS-TRUST/trusts/{}", trust_id))
}

/// `GET /v3/OS-TRUST/trusts/{trust_id}/roles`: the delegated roles.
pub fn roles(trust_id: &str) -> Op<Vec<TrustRole>> {
    Op::get(path!("OS-TRUST/trusts/{}/roles", trust_id)).decode_key("roles")
}

/// `GET /v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}`: one delegated role (404 when the
/// trust does not delegate it).
pub fn role(trust_id: &str, role_id: &str) -> Op<TrustRole> {
    Op::get(path!("OS-TRUST/trusts/{}/roles/{}", trust_id, role_id)).decode_key("role")
}

/// `HEAD /v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}`: `Ok` when the role is delegated.
pub fn check_role(trust_id: &str, role_id: &str) -> Op<()> {
    Op::head(path!("OS-TRUST/trusts/{}/roles/{}", trust_id, role_id))
}

/// The scope of a trust-scoped token is a plain [`NameId`] pair on each side.
pub type TrustUser = NameId;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn keystone() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap()
    }

    #[test]
    fn create_checks_before_io_and_leaves_out_unset_fields() {
        let trust = CreateTrust {
            trustor_user_id: "a".into(),
            trustee_user_id: "b".into(),
            ..Default::default()
        };
        let req = create(&trust).request(&keystone()).unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"trust":{"trustor_user_id":"a","trustee_user_id":"b","impersonation":false}}"#
        );
        let no_project = CreateTrust {
            roles: vec![RoleRef::name("member")],
            ..trust.clone()
        };
        let no_trustee = CreateTrust {
            trustee_user_id: String::new(),
            ..trust
        };
        for bad in [no_project, no_trustee] {
            let err = create(&bad).request(&keystone()).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
    }
}
