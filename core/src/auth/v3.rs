//! Keystone v3 token requests (`POST /v3/auth/tokens`) and responses.

use bytes::Bytes;
use http::Response;
use serde_json::{json, Map, Value};

use super::options::{AppCredential, Credentials, Domain, Method, Project, Scope, User};
use super::token::{Token, TokenInfo};
use crate::request::op::decode_key;
use crate::{Error, Result, Secret};

/// The header Keystone returns the new token in.
pub const SUBJECT_TOKEN: &str = "x-subject-token";

fn domain(d: &Domain) -> Value {
    match d {
        Domain::Id(id) => json!({ "id": id }),
        Domain::Name(name) => json!({ "name": name }),
    }
}

fn user(u: &User) -> Map<String, Value> {
    let mut m = Map::new();
    match u {
        User::Id(id) => {
            m.insert("id".into(), json!(id));
        }
        User::Name { name, domain: d } => {
            m.insert("name".into(), json!(name));
            m.insert("domain".into(), domain(d));
        }
    }
    m
}

fn with(mut m: Map<String, Value>, key: &str, value: &Secret) -> Value {
    m.insert(key.into(), json!(value.expose()));
    Value::Object(m)
}

/// The JSON body of a v3 token request for `creds`.
pub fn body(creds: &Credentials) -> Value {
    let mut identity = Map::new();
    let methods: Vec<&str> = match &creds.method {
        Method::Password {
            user: u,
            password,
            passcode,
        } => {
            identity.insert(
                "password".into(),
                json!({ "user": with(user(u), "password", password) }),
            );
            if let Some(code) = passcode {
                identity.insert(
                    "totp".into(),
                    json!({ "user": with(user(u), "passcode", code) }),
                );
                vec!["password", "totp"]
            } else {
                vec!["password"]
            }
        }
        Method::Totp { user: u, passcode } => {
            identity.insert(
                "totp".into(),
                json!({ "user": with(user(u), "passcode", passcode) }),
            );
            vec!["totp"]
        }
        Method::Token(t) => {
            identity.insert("token".into(), json!({ "id": t.expose() }));
            vec!["token"]
        }
        Method::ApplicationCredential { credential, secret } => {
            let mut m = Map::new();
            match credential {
                AppCredential::Id(id) => {
                    m.insert("id".into(), json!(id));
                }
                AppCredential::Name { name, user: u } => {
                    m.insert("name".into(), json!(name));
                    m.insert("user".into(), Value::Object(user(u)));
                }
            }
            identity.insert("application_credential".into(), with(m, "secret", secret));
            vec!["application_credential"]
        }
    };
    identity.insert("methods".into(), json!(methods));
    let mut auth = Map::new();
    auth.insert("identity".into(), Value::Object(identity));
    let scope = match &creds.scope {
        Scope::Default => None,
        Scope::Unscoped => Some(json!("unscoped")),
        Scope::Project(Project::Id(id)) => Some(json!({ "project": { "id": id } })),
        Scope::Project(Project::Name { name, domain: d }) => {
            Some(json!({ "project": { "name": name, "domain": domain(d) } }))
        }
        Scope::Domain(d) => Some(json!({ "domain": domain(d) })),
        Scope::System => Some(json!({ "system": { "all": true } })),
        Scope::Trust(id) => Some(json!({ "OS-TRUST:trust": { "id": id } })),
    };
    if let Some(s) = scope {
        auth.insert("scope".into(), s);
    }
    json!({ "auth": auth })
}

/// `POST /v3/auth/tokens` for `creds`, against the identity endpoint
/// ([`issuer`](super::issuer)).
pub fn issue(creds: &Credentials) -> super::TokenOp {
    super::TokenOp::new(
        crate::request::op::Op::post(crate::path!("auth/tokens")).json(&body(creds)),
        parse,
    )
}

/// `auth_url` with `/v3` added when it has no version yet.
pub fn v3_root(auth_url: &str) -> String {
    let trimmed = auth_url.trim_end_matches('/');
    if trimmed.rsplit('/').next().is_some_and(|last| last == "v3") {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/v3")
    }
}

/// Reads a token response: the id from `X-Subject-Token`, the details from the body.
/// Works for `POST` and for `GET /v3/auth/tokens` (validation) responses.
pub fn parse(resp: &Response<Bytes>) -> Result<Token> {
    let id = resp
        .headers()
        .get(SUBJECT_TOKEN)
        .ok_or_else(|| {
            Error::decode_msg(
                "token response",
                "no X-Subject-Token header. In a browser this means CORS hides it: set Keystone's \
                 [cors] allowed_origin to this page's origin and keep X-Subject-Token in [cors] expose_headers",
            )
        })?
        .to_str()
        .map_err(|_| Error::decode_msg("token response", "X-Subject-Token is not text"))?;
    let info = parse_body(resp.body())?;
    Ok(Token {
        id: Secret::new(id),
        info,
    })
}

/// Reads the `{"token": {...}}` body alone.
pub fn parse_body(body: &[u8]) -> Result<TokenInfo> {
    decode_key("token response", "token", body)
}
