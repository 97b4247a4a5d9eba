//! [`Token`]: a Keystone token and what it says about its user, scope, roles and catalog.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Catalog, Secret, Timestamp};

/// A name and id pair (domains, roles, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameId {
    /// Id.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
}

/// The user a token belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenUser {
    /// User id.
    pub id: String,
    /// User name.
    pub name: Option<String>,
    /// The user's domain.
    pub domain: Option<NameId>,
    /// When the user's password expires.
    pub password_expires_at: Option<Timestamp>,
}

/// The project a token is scoped to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenProject {
    /// Project id.
    pub id: String,
    /// Project name.
    pub name: Option<String>,
    /// The project's domain.
    pub domain: Option<NameId>,
}

/// The trust a token is scoped to (`OS-TRUST:trust`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenTrust {
    /// Trust id.
    pub id: String,
    /// Whether the trustee impersonates the trustor.
    pub impersonation: Option<bool>,
    /// The trustee.
    pub trustee_user: Option<NameId>,
    /// The trustor.
    pub trustor_user: Option<NameId>,
}

/// The application credential a token came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenAppCredential {
    /// Credential id.
    pub id: String,
    /// Credential name.
    pub name: Option<String>,
    /// Whether it may create other credentials and trusts.
    pub restricted: Option<bool>,
}

/// The body of a Keystone v3 token (`{"token": {...}}`), normalised from v2 too.
///
/// Unknown fields are ignored rather than kept: a `flatten`ed map would make serde buffer
/// the whole token (catalog included) before decoding it, several times slower.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// When it expires.
    pub expires_at: Timestamp,
    /// When it was issued.
    pub issued_at: Option<Timestamp>,
    /// The methods used (`password`, `token`, `totp`, `application_credential`, …).
    #[serde(default)]
    pub methods: Vec<String>,
    /// Audit ids.
    #[serde(default)]
    pub audit_ids: Vec<String>,
    /// The user.
    pub user: Option<TokenUser>,
    /// The project scope.
    pub project: Option<TokenProject>,
    /// The domain scope.
    pub domain: Option<NameId>,
    /// The system scope (`{"all": true}`).
    pub system: Option<Map<String, Value>>,
    /// The trust scope.
    #[serde(rename = "OS-TRUST:trust")]
    pub trust: Option<TokenTrust>,
    /// The application credential used.
    pub application_credential: Option<TokenAppCredential>,
    /// Roles on the scope.
    #[serde(default)]
    pub roles: Vec<NameId>,
    /// Whether the scoped project is a domain.
    pub is_domain: Option<bool>,
    /// The service catalog (empty for unscoped tokens).
    #[serde(default)]
    pub catalog: Catalog,
    /// Keystone's `extras` (free-form, from token extensions).
    pub extras: Option<Map<String, Value>>,
}

/// A Keystone token: the secret id (from `X-Subject-Token`) and its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token itself; redacted in `Debug`.
    pub id: Secret,
    /// What the token says about itself.
    pub info: TokenInfo,
}

impl Token {
    /// Role names on the token's scope.
    pub fn role_names(&self) -> impl Iterator<Item = &str> {
        self.info.roles.iter().filter_map(|r| r.name.as_deref())
    }

    /// `true` when the token carries no scope.
    pub fn is_unscoped(&self) -> bool {
        self.info.project.is_none()
            && self.info.domain.is_none()
            && self.info.system.is_none()
            && self.info.trust.is_none()
    }
}
