//! Keystone v3 application credentials (`/v3/users/{user_id}/application_credentials`):
//! create (with roles and access rules), list, get, delete; and the user's access rules.
//!
//! The secret comes back once, in the create answer, as a [`Secret`]; authenticate with it
//! through [`AuthOptions::application_credential`](crate::AuthOptions::application_credential).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::application_credentials::{self as appcreds, AccessRule, CreateApplicationCredential};
//! use ferrocloud::identity::v3::trusts::RoleRef;
//! let keystone = client.identity();
//! let user_id = "fd786d";
//! let cred = keystone
//!     .call(&appcreds::create(user_id, &CreateApplicationCredential {
//!         name: "monitoring".into(),
//!         roles: vec![RoleRef::name("reader")],
//!         access_rules: vec![AccessRule::new("monitoring", "GET", "/v2.0/metrics")],
//!         ..Default::default()
//!     }))
//!     .await?;
//! let secret = cred.secret.clone().expect("returned on create");
//! let auth = ferrocloud::AuthOptions::application_credential("http://keystone:5000/v3", &cred.id, secret);
//! keystone.call(&appcreds::delete(user_id, &cred.id)).await?;
//! # let _ = auth; Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{compact_time, Ref};
use super::trusts::RoleRef;
use crate::{path, query, InvalidInput, List, Op, Paging, Secret, Timestamp};

/// An application credential.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationCredential {
    /// Id (the `application_credential_id` to authenticate with).
    pub id: String,
    /// Name, unique for the user.
    #[serde(default)]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The secret: only in the answer to [`create`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<Secret>,
    /// The project it is scoped to.
    pub project_id: Option<String>,
    /// The owning user (newer Keystones).
    pub user_id: Option<String>,
    /// When it expires (`None`: never).
    pub expires_at: Option<Timestamp>,
    /// Whether it may create other application credentials and trusts.
    pub unrestricted: Option<bool>,
    /// Whether it was a system-scoped credential.
    pub system: Option<Value>,
    /// The delegated roles.
    #[serde(default)]
    pub roles: Vec<Ref>,
    /// The access rules (empty: no restriction).
    #[serde(default)]
    pub access_rules: Vec<AccessRule>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An access rule: the one API call (service, method, path) a credential may make.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRule {
    /// Id of an existing rule (set it alone to reuse that rule).
    pub id: Option<String>,
    /// Service type, e.g. `compute`.
    pub service: Option<String>,
    /// HTTP method.
    pub method: Option<String>,
    /// Path template, e.g. `/v2.1/servers/*`.
    pub path: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AccessRule {
    /// A new rule.
    pub fn new(service: &str, method: &str, path: &str) -> Self {
        AccessRule {
            service: Some(service.into()),
            method: Some(method.into()),
            path: Some(path.into()),
            ..Default::default()
        }
    }
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateApplicationCredential {
    /// Name.
    pub name: String,
    /// Secret (`None`: Keystone generates one and returns it).
    pub secret: Option<Secret>,
    /// Description.
    pub description: Option<String>,
    /// Expiry.
    #[serde(serialize_with = "compact_time")]
    pub expires_at: Option<Timestamp>,
    /// Roles to delegate (default: every role of the token).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleRef>,
    /// Access rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_rules: Vec<AccessRule>,
    /// Allow it to create application credentials and trusts.
    pub unrestricted: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListApplicationCredentials {
    /// Exact name.
    pub name: Option<String>,
}

/// `POST /v3/users/{user_id}/application_credentials`.
pub fn create(user_id: &str, cred: &CreateApplicationCredential) -> Op<ApplicationCredential> {
    let check = InvalidInput::require(
        !cred.name.is_empty(),
        "name",
        "an application credential needs a name",
    )
    .and(InvalidInput::require(
        !cred.secret.as_ref().is_some_and(Secret::is_empty),
        "secret",
        "must not be empty (None lets Keystone generate one)",
    ));
    Op::post(path!("users/{}/application_credentials", user_id))
        .check(check)
        .json_under("application_credential", cred)
        .decode_key("application_credential")
}

/// `GET /v3/users/{user_id}/application_credentials`.
pub fn list(user_id: &str, filter: &ListApplicationCredentials) -> List<ApplicationCredential> {
    List::new(
        path!("users/{}/application_credentials", user_id),
        "application_credentials",
        Paging::Linked,
    )
    .query(query!(name: filter.name.as_deref()))
}

/// `GET /v3/users/{user_id}/application_credentials/{id}`.
pub fn get(user_id: &str, id: &str) -> Op<ApplicationCredential> {
    Op::get(path!("users/{}/application_credentials/{}", user_id, id))
        .decode_key("application_credential")
}

/// `DELETE /v3/users/{user_id}/application_credentials/{id}`.
pub fn delete(user_id: &str, id: &str) -> Op<()> {
    Op::delete(path!("users/{}/application_credentials/{}", user_id, id))
}

/// `GET /v3/users/{user_id}/access_rules`.
pub fn list_access_rules(user_id: &str) -> List<AccessRule> {
    List::new(
        path!("users/{}/access_rules", user_id),
        "access_rules",
        Paging::Linked,
    )
}

/// `GET /v3/users/{user_id}/access_rules/{id}`.
pub fn get_access_rule(user_id: &str, id: &str) -> Op<AccessRule> {
    Op::get(path!("users/{}/access_rules/{}", user_id, id)).decode_key("access_rule")
}

/// `DELETE /v3/users/{user_id}/access_rules/{id}` (only when no credential uses it).
pub fn delete_access_rule(user_id: &str, id: &str) -> Op<()> {
    Op::delete(path!("users/{}/access_rules/{}", user_id, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_is_hidden_and_times_compact() {
        let c: ApplicationCredential =
            serde_json::from_str(r#"{"id": "a", "name": "n", "secret": "sssh-value"}"#).unwrap();
        assert!(!format!("{c:?}").contains("sssh"));
        assert_eq!(c.secret.as_ref().map(Secret::expose), Some("sssh-value"));
        let body = |t: &str| {
            serde_json::to_value(CreateApplicationCredential {
                name: "n".into(),
                expires_at: Some(t.parse().unwrap()),
                ..Default::default()
            })
            .unwrap()["expires_at"]
                .clone()
        };
        assert_eq!(body("2018-02-27T18:30:59Z"), "2018-02-27T18:30:59Z");
        assert_eq!(
            body("2018-02-27T18:30:59.5Z"),
            "2018-02-27T18:30:59.500000Z"
        );
    }
}
