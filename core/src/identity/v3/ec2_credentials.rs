//! Keystone v3 EC2 credentials of a user (`OS-EC2`): access/secret key pairs for one
//! project, for S3 and EC2-style APIs. The access key names the credential; the secret is
//! a [`Secret`] and never shows in `Debug` output or logs. The same credentials show in
//! [`credentials`](super::credentials) as type `ec2`. Keystone refuses delegated tokens
//! (trust, application credential, OAuth1) here.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::ec2_credentials;
//! let keystone = client.identity();
//! let cred = keystone.call(&ec2_credentials::create("a0fdfd", "3a705b")).await?;
//! println!("access key {}", cred.access);
//! let all = keystone.collect_all(ec2_credentials::list("a0fdfd")).await?;
//! keystone.call(&ec2_credentials::delete("a0fdfd", &cred.access)).await?;
//! # Ok(()) }
//! ```
//!
//! An EC2-style service checks a request a client signed with these keys by handing the
//! signature to Keystone, which answers a token for the key's user and project:
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::ec2_credentials::{self, Ec2Signed};
//! use ferrocloud::Secret;
//! let signed = Ec2Signed {
//!     access: "8cff51dc".into(),
//!     signature: Secret::new("Yfn/dA1+E8cM3wqXXm5+jHdjs7fxCk2AoHnOumoQ4Vk="),
//!     host: "ec2.example.com:8773".into(),
//!     verb: "GET".into(),
//!     path: "/".into(),
//!     params: [("Action".to_string(), "DescribeInstances".to_string())].into(),
//!     ..Default::default()
//! };
//! let token = client.identity().call(&ec2_credentials::token(&signed)).await?;
//! # Ok(()) }
//! ```
//!
//! An S3 service (Swift's `s3token`) does the same with the string the client signed:
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::ec2_credentials::{self, S3Signed};
//! let signed = S3Signed {
//!     access: "8cff51dc".into(),
//!     signature: ferrocloud::Secret::new("x7aTWlrhzDB/sS3vXyYdpTCKPFo="),
//!     string_to_sign: "GET\n\n\nTue, 11 Mar 2025 10:00:00 GMT\n/bucket/key".into(),
//! };
//! let info = client.identity().call(&ec2_credentials::validate_s3_token(&signed)).await?;
//! println!("signed by {:?} in {:?}", info.user, info.project);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::{v3, TokenInfo, TokenOp};
use crate::{path, InvalidInput, List, Op, Paging, Secret};

/// An EC2 credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ec2Credential {
    /// Access key (also the id in this API's paths).
    pub access: String,
    /// Secret key.
    pub secret: Secret,
    /// Owner.
    pub user_id: Option<String>,
    /// The project the keys act on.
    pub tenant_id: Option<String>,
    /// The trust the keys were made under.
    pub trust_id: Option<String>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Serialize)]
struct CreateBody<'a> {
    tenant_id: &'a str,
}

/// `GET /v3/users/{user_id}/credentials/OS-EC2`.
pub fn list(user_id: &str) -> List<Ec2Credential> {
    List::new(
        path!("users/{}/credentials/OS-EC2", user_id),
        "credentials",
        Paging::Linked,
    )
}

/// `POST /v3/users/{user_id}/credentials/OS-EC2` (201): new keys for the user on
/// `project_id`.
pub fn create(user_id: &str, project_id: &str) -> Op<Ec2Credential> {
    Op::post(path!("users/{}/credentials/OS-EC2", user_id))
        .check(InvalidInput::require(
            !project_id.is_empty(),
            "tenant_id",
            "EC2 keys belong to a project",
        ))
        .json(&CreateBody {
            tenant_id: project_id,
        })
        .decode_key("credential")
}

/// `GET /v3/users/{user_id}/credentials/OS-EC2/{access}` (404 for an unknown key).
pub fn get(user_id: &str, access: &str) -> Op<Ec2Credential> {
    Op::get(path!("users/{}/credentials/OS-EC2/{}", user_id, access)).decode_key("credential")
}

/// `DELETE /v3/users/{user_id}/credentials/OS-EC2/{access}`.
pub fn delete(user_id: &str, access: &str) -> Op<()> {
    Op::delete(path!("users/{}/credentials/OS-EC2/{}", user_id, access))
}

/// An EC2-signed request, as the service that received it hands it to [`token`]. The
/// signature (EC2 signature version 2 or 4, as the client computed it) is checked by
/// Keystone; ferrocloud does not sign.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ec2Signed {
    /// The access key the client signed with.
    pub access: String,
    /// The client's signature.
    pub signature: Secret,
    /// The `Host` the client sent to (with the port when not the default).
    pub host: String,
    /// HTTP method.
    pub verb: String,
    /// Request path.
    pub path: String,
    /// Query (or form) parameters, including `SignatureVersion`, `SignatureMethod`, ….
    pub params: BTreeMap<String, String>,
    /// Headers (signature version 4).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// SHA-256 of the body, hex (signature version 4).
    pub body_hash: Option<String>,
}

#[derive(Serialize)]
struct Ec2TokenBody<'a> {
    credentials: &'a Ec2Signed,
}

/// `POST /v3/ec2tokens`: a token for the user and project of `signed.access`, when the
/// signature is right (401 when not).
pub fn token(signed: &Ec2Signed) -> TokenOp {
    let check = InvalidInput::require(
        !signed.access.is_empty() && !signed.signature.is_empty(),
        "access",
        "an EC2 token needs the access key and the signature",
    );
    TokenOp::new(
        Op::post(path!("ec2tokens"))
            .check(check)
            .json(&Ec2TokenBody {
                credentials: signed,
            }),
        v3::parse,
    )
}

/// An S3-signed request, as the S3 service that received it hands it to
/// [`validate_s3_token`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct S3Signed {
    /// The access key the client signed with.
    pub access: String,
    /// The client's signature: AWS signature version 2 (base64 of HMAC-SHA1 under the
    /// secret) or, when `string_to_sign` starts with `AWS4-HMAC-SHA256`, version 4 (hex).
    pub signature: Secret,
    /// The string the client signed, as the S3 service rebuilt it.
    pub string_to_sign: String,
}

#[derive(Serialize)]
struct S3Credentials<'a> {
    access: &'a str,
    signature: &'a Secret,
    token: String,
}

#[derive(Serialize)]
struct S3TokenBody<'a> {
    credentials: S3Credentials<'a>,
}

/// `POST /v3/s3tokens` (200): checks an S3 signature made with an EC2 credential and
/// answers who signed (user, project, roles, catalog). No token is issued: the answer is
/// the token body alone (401 for a wrong signature).
pub fn validate_s3_token(signed: &S3Signed) -> Op<TokenInfo> {
    let body = S3TokenBody {
        credentials: S3Credentials {
            access: &signed.access,
            signature: &signed.signature,
            token: base64::engine::general_purpose::URL_SAFE.encode(&signed.string_to_sign),
        },
    };
    Op::post(path!("s3tokens"))
        .check(InvalidInput::require(
            !signed.access.is_empty()
                && !signed.signature.is_empty()
                && !signed.string_to_sign.is_empty(),
            "access",
            "an S3 token check needs the access key, the signature and the signed string",
        ))
        .json(&body)
        .decode_key("token")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn create_sends_the_project_as_tenant_id_and_hides_the_secret() {
        let ks = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let req = create("u", "p").request(&ks).unwrap();
        assert_eq!(req.body().as_ref(), br#"{"tenant_id":"p"}"#);
        assert!(create("u", "").request(&ks).is_err());
        let cred: Ec2Credential = serde_json::from_str(
            r#"{"access":"a","secret":"s3cr3t","user_id":"u","tenant_id":"p","trust_id":null}"#,
        )
        .unwrap();
        assert!(!format!("{cred:?}").contains("s3cr3t"));
        let signed = Ec2Signed {
            access: "a".into(),
            signature: Secret::new("sig"),
            host: "h".into(),
            verb: "GET".into(),
            path: "/".into(),
            ..Default::default()
        };
        let req = token(&signed).request(&ks).unwrap();
        assert_eq!(req.uri().path(), "/v3/ec2tokens");
        assert_eq!(
            req.body().as_ref(),
            br#"{"credentials":{"access":"a","signature":"sig","host":"h","verb":"GET","path":"/","params":{}}}"#
        );
        assert!(token(&Ec2Signed::default()).request(&ks).is_err());

        let s3 = S3Signed {
            access: "a".into(),
            signature: Secret::new("c2ln"),
            string_to_sign: "GET\n\n\n?>".into(),
        };
        let req = validate_s3_token(&s3).request(&ks).unwrap();
        assert_eq!(req.uri().path(), "/v3/s3tokens");
        assert_eq!(
            req.body().as_ref(),
            br#"{"credentials":{"access":"a","signature":"c2ln","token":"R0VUCgoKPz4="}}"#
        );
        assert!(!format!("{s3:?}").contains("c2ln"));
        assert!(validate_s3_token(&S3Signed::default())
            .request(&ks)
            .is_err());
    }
}
