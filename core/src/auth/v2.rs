//! Keystone v2.0 token requests (`POST /v2.0/tokens`) and the `access` document.

use bytes::Bytes;
use http::Response;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::options::{Credentials, Method, Project, Scope, User};
use super::token::{NameId, Token, TokenInfo, TokenProject, TokenUser};
use crate::request::op::decode_key;
use crate::{Catalog, InvalidInput, Result, Secret, Timestamp, V2CatalogEntry};

/// The JSON body of a v2.0 token request.
pub fn body(creds: &Credentials) -> Result<Value, InvalidInput> {
    let mut auth = Map::new();
    match &creds.method {
        Method::Password {
            user: User::Name { name, .. },
            password,
            ..
        } => {
            auth.insert(
                "passwordCredentials".into(),
                json!({ "username": name, "password": password.expose() }),
            );
        }
        Method::Token(t) => {
            auth.insert("token".into(), json!({ "id": t.expose() }));
        }
        Method::Password { .. } => return Err(InvalidInput::V2MissingUsername),
        Method::Totp { .. } => return Err(InvalidInput::V2Unsupported("TOTP")),
        Method::ApplicationCredential { .. } => {
            return Err(InvalidInput::V2Unsupported("application credential"))
        }
    }
    match &creds.scope {
        Scope::Project(Project::Id(id)) => {
            auth.insert("tenantId".into(), json!(id));
        }
        Scope::Project(Project::Name { name, .. }) => {
            auth.insert("tenantName".into(), json!(name));
        }
        Scope::Default | Scope::Unscoped => {}
        Scope::Domain(_) | Scope::System => {
            return Err(InvalidInput::V2Unsupported("domain or system scope"))
        }
        Scope::Trust(_) => return Err(InvalidInput::V2Unsupported("trust scope")),
    }
    Ok(json!({ "auth": auth }))
}

/// `POST /v2.0/tokens` for `creds`, against the identity endpoint
/// ([`issuer`](super::issuer)).
pub fn issue(creds: &Credentials) -> super::TokenOp {
    let op = crate::request::op::Op::post(crate::path!("tokens"));
    let op = match body(creds) {
        Ok(body) => op.json(&body),
        Err(e) => op.check(Err(e)),
    };
    super::TokenOp::new(op, parse)
}

#[derive(Deserialize)]
struct Access {
    token: V2Token,
    #[serde(default, rename = "serviceCatalog")]
    service_catalog: Vec<V2CatalogEntry>,
    user: Option<V2User>,
}

#[derive(Deserialize)]
struct V2Token {
    id: String,
    expires: Timestamp,
    issued_at: Option<Timestamp>,
    tenant: Option<V2Tenant>,
    #[serde(default)]
    audit_ids: Vec<String>,
}

#[derive(Deserialize)]
struct V2Tenant {
    id: String,
    name: Option<String>,
}

#[derive(Deserialize)]
struct V2User {
    id: String,
    name: Option<String>,
    #[serde(default)]
    roles: Vec<NameId>,
}

/// Reads a v2.0 `{"access": {...}}` document into the same [`Token`] as v3.
pub fn parse(resp: &Response<Bytes>) -> Result<Token> {
    let access: Access = decode_key("v2.0 token response", "access", resp.body())?;
    let user = access.user;
    Ok(Token {
        id: Secret::new(access.token.id),
        info: TokenInfo {
            expires_at: access.token.expires,
            issued_at: access.token.issued_at,
            methods: Vec::new(),
            audit_ids: access.token.audit_ids,
            roles: user.as_ref().map(|u| u.roles.clone()).unwrap_or_default(),
            user: user.map(|u| TokenUser {
                id: u.id,
                name: u.name,
                ..Default::default()
            }),
            project: access.token.tenant.map(|t| TokenProject {
                id: t.id,
                name: t.name,
                domain: None,
            }),
            catalog: Catalog::from_v2(access.service_catalog),
            ..Default::default()
        },
    })
}
