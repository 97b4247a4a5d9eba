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

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    }
}
