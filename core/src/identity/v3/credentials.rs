//! Keystone v3 credentials: list (by user, by type), get, create, update, delete, with
//! typed EC2 blobs ([`Ec2Blob`]).
//!
//! A credential's `blob` holds its secret (an EC2 secret key, a TOTP seed), so it travels
//! as a [`Secret`] and never shows in `Debug` output or logs.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::credentials::{self, CreateCredential, Ec2Blob, ListCredentials};
//! let keystone = client.identity();
//! let cred = keystone
//!     .call(&credentials::create(&CreateCredential::ec2(
//!         "bb5476",
//!         "731fc6",
//!         &Ec2Blob { access: "181920".into(), secret: "secretKey".into(), trust_id: None },
//!     )))
//!     .await?;
//! let ec2 = cred.ec2().expect("an EC2 blob");
//! let mine = keystone
//!     .collect_all(credentials::list(&ListCredentials {
//!         user_id: Some("bb5476".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! keystone.call(&credentials::delete(&cred.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging, Secret};

crate::string_enum! {
    /// What a credential is for.
    pub enum CredentialType {
        /// EC2-style access and secret keys ([`Ec2Blob`]).
        Ec2 = "ec2",
        /// A TOTP seed.
        Totp = "totp",
        /// An X.509 certificate.
        Cert = "cert",
    }
}

/// A credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    /// Id (for EC2 credentials, the SHA-256 of the access key).
    pub id: String,
    /// Owner.
    pub user_id: String,
    /// Kind.
    #[serde(rename = "type")]
    pub kind: CredentialType,
    /// The serialized credential (JSON text for EC2).
    pub blob: Secret,
    /// Project (required for EC2).
    pub project_id: Option<String>,
    /// Other fields (`links`, extra attributes, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Credential {
    /// The EC2 keys of an `ec2` credential (`None` for other kinds or an unreadable blob).
    pub fn ec2(&self) -> Option<Ec2Blob> {
        if self.kind != CredentialType::Ec2 {
            return None;
        }
        serde_json::from_str(self.blob.expose()).ok()
    }
}

/// The blob of an EC2 credential.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ec2Blob {
    /// Access key.
    pub access: String,
    /// Secret key.
    pub secret: Secret,
    /// Trust the keys act under.
    pub trust_id: Option<String>,
}

impl Ec2Blob {
    /// The blob as Keystone stores it: compact JSON text.
    pub fn to_blob(&self) -> Secret {
        Secret::new(serde_json::to_string(self).unwrap_or_default())
    }
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCredentials {
    /// Credentials of this user.
    pub user_id: Option<String>,
    /// Credentials of this kind.
    pub kind: Option<CredentialType>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateCredential {
    /// The serialized credential (see [`Ec2Blob::to_blob`]).
    pub blob: Secret,
    /// Project (required for EC2).
    pub project_id: Option<String>,
    /// Kind.
    #[serde(rename = "type")]
    pub kind: CredentialType,
    /// Owner.
    pub user_id: String,
}

impl CreateCredential {
    /// An EC2 credential of `user_id` on `project_id`.
    pub fn ec2(user_id: &str, project_id: &str, keys: &Ec2Blob) -> Self {
        CreateCredential {
            blob: keys.to_blob(),
            project_id: Some(project_id.into()),
            kind: CredentialType::Ec2,
            user_id: user_id.into(),
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.user_id.is_empty(),
            "user_id",
            "a credential needs a user",
        )
        .and(InvalidInput::require(
            !self.blob.is_empty(),
            "blob",
            "a credential needs a blob",
        ))
        .and(InvalidInput::require(
            self.kind != CredentialType::Ec2 || self.project_id.is_some(),
            "project_id",
            "an ec2 credential needs a project",
        ))
    }
}

/// The body of [`update`]; unset fields are left as they are.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateCredential {
    /// New blob.
    pub blob: Option<Secret>,
    /// New project.
    pub project_id: Option<String>,
    /// New kind.
    #[serde(rename = "type")]
    pub kind: Option<CredentialType>,
    /// New owner.
    pub user_id: Option<String>,
}

impl UpdateCredential {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.blob.as_ref().is_some_and(Secret::is_empty),
            "blob",
            "must not be empty (leave it None to keep the blob)",
        )
        .and(InvalidInput::require(
            self.user_id.as_ref().is_none_or(|u| !u.is_empty()),
            "user_id",
            "must not be empty (leave it None to keep the owner)",
        ))
    }
}

/// `GET /v3/credentials`.
pub fn list(filter: &ListCredentials) -> List<Credential> {
    List::new(path!("credentials"), "credentials", Paging::Linked).query(query!(
        user_id: filter.user_id.as_deref(),
        "type": filter.kind.as_ref().map(CredentialType::as_str),
    ))
}

/// `GET /v3/credentials/{credential_id}`.
pub fn get(credential_id: &str) -> Op<Credential> {
    Op::get(path!("credentials/{}", credential_id)).decode_key("credential")
}

/// `POST /v3/credentials` (201).
pub fn create(credential: &CreateCredential) -> Op<Credential> {
    Op::post(path!("credentials"))
        .check(credential.check())
        .json_under("credential", credential)
        .decode_key("credential")
}

/// `PATCH /v3/credentials/{credential_id}`.
pub fn update(credential_id: &str, update: &UpdateCredential) -> Op<Credential> {
    Op::patch(path!("credentials/{}", credential_id))
        .check(update.check())
        .json_under("credential", update)
        .decode_key("credential")
}

/// `DELETE /v3/credentials/{credential_id}`.
pub fn delete(credential_id: &str) -> Op<()> {
    Op::delete(path!("credentials/{}", credential_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn blobs_are_redacted_and_checked() {
        let keys = Ec2Blob {
            access: "a1".into(),
            secret: "hunter2".into(),
            trust_id: None,
        };
        let create_ec2 = CreateCredential::ec2("u1", "p1", &keys);
        assert_eq!(
            create_ec2.blob.expose(),
            r#"{"access":"a1","secret":"hunter2"}"#
        );
        assert!(!format!("{create_ec2:?}{keys:?}").contains("hunter2"));
        let svc = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let no_project = CreateCredential {
            project_id: None,
            ..create_ec2.clone()
        };
        assert!(create(&no_project).request(&svc).is_err());
        let totp = CreateCredential {
            kind: CredentialType::Totp,
            ..no_project
        };
        assert!(create(&totp).request(&svc).is_ok());
        let empty = UpdateCredential {
            blob: Some("".into()),
            ..Default::default()
        };
        assert!(update("c1", &empty).request(&svc).is_err());
        assert_eq!(
            CredentialType::from("x509"),
            CredentialType::Other("x509".into())
        );
    }
}
