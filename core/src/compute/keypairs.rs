//! Nova keypairs (`/os-keypairs`): list (per user, paged from 2.35), get, create (Nova
//! generates the key and returns its private half once, as a [`Secret`](crate::Secret)), import (an
//! existing public key) and delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::keypairs::{self, CreateKeypair, KeypairType, ListKeypairs};
//! let nova = client.compute().microversion("2.35");
//! let generated = nova.call(&keypairs::create(&CreateKeypair::generate("deploy"))).await?;
//! if let Some(private) = &generated.private_key {
//!     // Store it now: Nova never shows it again.
//!     let _pem: &str = private.expose();
//! }
//! let imported = CreateKeypair {
//!     kind: Some(KeypairType::Ssh),
//!     ..CreateKeypair::import("laptop", "ssh-ed25519 AAAAC3Nz… me@laptop")
//! };
//! nova.call(&keypairs::create(&imported)).await?;
//! let mine = nova.collect_all(keypairs::list(&ListKeypairs { limit: Some(50), ..Default::default() })).await?;
//! for entry in &mine {
//!     println!("{} {:?}", entry.keypair.name, entry.keypair.fingerprint);
//! }
//! nova.call(&keypairs::delete("deploy", None)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging, Secret, Timestamp};

crate::string_enum! {
    /// The kind of a keypair (2.2+).
    pub enum KeypairType {
        /// An SSH key.
        Ssh = "ssh",
        /// An X.509 certificate.
        X509 = "x509",
    }
}

/// A keypair.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keypair {
    /// Name (unique per user).
    pub name: String,
    /// Fingerprint of the public key.
    pub fingerprint: Option<String>,
    /// The public key.
    pub public_key: Option<String>,
    /// The generated private key; only in the answer of a [`create`] without
    /// `public_key`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key: Option<Secret>,
    /// Kind (2.2+).
    #[serde(rename = "type")]
    pub kind: Option<KeypairType>,
    /// Owner.
    pub user_id: Option<String>,
    /// Database id (get only).
    pub id: Option<u64>,
    /// Whether it is deleted (get only).
    pub deleted: Option<bool>,
    /// Creation time (get only).
    pub created_at: Option<Timestamp>,
    /// Last change (get only).
    pub updated_at: Option<Timestamp>,
    /// Deletion time (get only).
    pub deleted_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One entry of [`list`]: Nova wraps each listed keypair as `{"keypair": {…}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeypairEntry {
    /// The keypair.
    pub keypair: Keypair,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListKeypairs {
    /// Another user's keypairs (admin, 2.10+).
    pub user_id: Option<String>,
    /// Page size (2.35+).
    pub limit: Option<u32>,
    /// Start after this keypair name (2.35+).
    pub marker: Option<String>,
}

/// The body of [`create`]: generate a keypair (no `public_key`) or import one.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateKeypair {
    /// Name (1–255 characters; from 2.92 any printable characters).
    pub name: String,
    /// Kind (2.2+; Nova's default is `ssh`).
    #[serde(rename = "type")]
    pub kind: Option<KeypairType>,
    /// The public key to import (`None`: Nova generates a keypair; not allowed from 2.92).
    pub public_key: Option<String>,
    /// Create it for another user (admin, 2.10+).
    pub user_id: Option<String>,
}

impl CreateKeypair {
    /// Let Nova generate a keypair named `name`.
    pub fn generate(name: &str) -> Self {
        CreateKeypair {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Import `public_key` as `name`.
    pub fn import(name: &str, public_key: &str) -> Self {
        CreateKeypair {
            name: name.into(),
            public_key: Some(public_key.into()),
            ..Default::default()
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.name.trim().is_empty() || self.name.chars().count() > 255 {
            return Err(InvalidInput::field("name", "must be 1 to 255 characters"));
        }
        if self
            .public_key
            .as_deref()
            .is_some_and(|k| k.trim().is_empty())
        {
            return Err(InvalidInput::field("public_key", "must not be empty"));
        }
        Ok(())
    }
}

/// `GET /os-keypairs`: linked paging from 2.35 (`keypairs_links`), one page before.
pub fn list(filter: &ListKeypairs) -> List<KeypairEntry> {
    List::new(path!("os-keypairs"), "keypairs", Paging::Linked).query(query!(
        user_id: filter.user_id.as_deref(),
        limit: filter.limit,
        marker: filter.marker.as_deref(),
    ))
}

/// `GET /os-keypairs/{name}` (`user_id`: another user's, admin, 2.10+).
pub fn get(name: &str, user_id: Option<&str>) -> Op<Keypair> {
    Op::get(path!("os-keypairs/{}", name))
        .query(query!(user_id: user_id))
        .decode_key("keypair")
}

/// `POST /os-keypairs`: generates or imports a keypair.
pub fn create(keypair: &CreateKeypair) -> Op<Keypair> {
    let op = Op::post(path!("os-keypairs")).decode_key("keypair");
    op.check(keypair.validate()).json_under("keypair", keypair)
}

/// `DELETE /os-keypairs/{name}` (`user_id`: another user's, admin, 2.10+).
pub fn delete(name: &str, user_id: Option<&str>) -> Op<()> {
    Op::delete(path!("os-keypairs/{}", name)).query(query!(user_id: user_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn private_key_is_a_secret() {
        let k: Keypair = serde_json::from_str(
            r#"{"keypair": {"name": "k", "private_key": "-----BEGIN RSA PRIVATE KEY-----\nxyz"}}"#,
        )
        .map(|e: KeypairEntry| e.keypair)
        .unwrap();
        assert_eq!(
            k.private_key.as_ref().map(Secret::expose),
            Some("-----BEGIN RSA PRIVATE KEY-----\nxyz")
        );
        assert!(!format!("{k:?}").contains("BEGIN"));
    }

    #[test]
    fn requests() {
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap();
        assert!(create(&CreateKeypair::generate(" "))
            .request(&nova)
            .is_err());
        assert!(create(&CreateKeypair::import("k", ""))
            .request(&nova)
            .is_err());
        let req = get("a b", Some("u1")).request(&nova).unwrap();
        assert_eq!(req.uri(), "http://nova/v2.1/os-keypairs/a%20b?user_id=u1");
        let req = delete("k", None).request(&nova).unwrap();
        assert_eq!(req.uri(), "http://nova/v2.1/os-keypairs/k");
    }
}
