//! Keystone v3 OAuth 1.0a delegation (`OS-OAUTH1`): consumers (create, list, get,
//! update, delete), authorizing a consumer's request token for roles, and a user's access
//! tokens (list, get, revoke, their roles). With the `oauth1` feature (on by default), the
//! consumer's own calls, signed with HMAC-SHA1 (RFC 5849): [`request_token`],
//! [`create_access_token`] and [`token`] (a Keystone token with the `oauth1` method).
//! Signing reads no clock and draws no random numbers: each [`OAuthSigner`] gets its
//! timestamp and nonce from the caller.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::oauth1::{self, ConsumerOptions};
//! let keystone = client.identity();
//! let consumer = keystone
//!     .call(&oauth1::create_consumer(&ConsumerOptions { description: Some("My consumer".into()) }))
//!     .await?;
//! let secret = consumer.secret.clone(); // shown only now
//! let verifier = keystone.call(&oauth1::authorize("29971f", &["a3b29b"])).await?;
//! let mine = keystone.collect_all(oauth1::list_access_tokens("ce9e07")).await?;
//! keystone.call(&oauth1::delete_consumer(&consumer.id)).await?;
//! # Ok(()) }
//! ```
//!
//! The consumer's side: a request token, the user's verifier, an access token, a login.
//! Send these without a Keystone token of your own (`op.request(&identity_endpoint)` over
//! any HTTP stack); each signed request takes a fresh nonce (Keystone: lower-case hex).
//!
//! ```no_run
//! # #[cfg(feature = "oauth1")]
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, secret: ferrocloud::Secret, verifier: ferrocloud::Secret) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::oauth1::{self, OAuthSigner};
//! let keystone = client.identity();
//! let now = client.transport().now();
//! let signer = |nonce: &str| OAuthSigner::new("7fea2d", secret.clone(), now, nonce);
//! let request = keystone.call(&oauth1::request_token(&signer("9f1c0a77"), "b6fbb6")).await?;
//! // … the user calls oauth1::authorize(&request.id, roles) and hands over the verifier …
//! let exchange = signer("1b2e44c9").with_token(&request).with_verifier(verifier);
//! let access = keystone.call(&oauth1::create_access_token(&exchange)).await?;
//! let token = keystone.call(&oauth1::token(&signer("5d6a0e13").with_token(&access))).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::roles::Role;
use super::trusts::RoleRef;
use crate::{path, InvalidInput, List, Op, Paging, Secret, Timestamp};

#[cfg(feature = "oauth1")]
mod signing;
#[cfg(feature = "oauth1")]
pub use signing::{
    base_string, create_access_token, percent_encode, request_token, token, OAuthSigner,
    OAuthToken, SignatureMethod, Signed, TokenExchange,
};

/// An OAuth consumer (an application acting for users).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consumer {
    /// Id (the OAuth consumer key).
    pub id: String,
    /// Description.
    pub description: Option<String>,
    /// The consumer secret: only in the answer to [`create_consumer`].
    pub secret: Option<Secret>,
    /// Other fields (`links`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create_consumer`] and [`update_consumer`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConsumerOptions {
    /// Description.
    pub description: Option<String>,
}

/// The verifier a user gives the consumer after [`authorize`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verifier {
    /// The `oauth_verifier` the consumer sends when it asks for an access token.
    pub oauth_verifier: Secret,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An access token a user granted a consumer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessToken {
    /// Id (the OAuth token key).
    pub id: String,
    /// The consumer holding it.
    pub consumer_id: Option<String>,
    /// The project it acts on.
    pub project_id: Option<String>,
    /// The user who authorized it.
    pub authorizing_user_id: Option<String>,
    /// Expiry (`None`: never).
    pub expires_at: Option<Timestamp>,
    /// Other fields (`links`, `role_ids`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Serialize)]
struct AuthorizeBody {
    roles: Vec<RoleRef>,
}

/// `POST /v3/OS-OAUTH1/consumers` (201): the answer holds the secret, once.
pub fn create_consumer(opts: &ConsumerOptions) -> Op<Consumer> {
    Op::post(path!("OS-OAUTH1/consumers"))
        .json_under("consumer", opts)
        .decode_key("consumer")
}

/// `GET /v3/OS-OAUTH1/consumers`.
pub fn list_consumers() -> List<Consumer> {
    List::new(path!("OS-OAUTH1/consumers"), "consumers", Paging::Linked)
}

/// `GET /v3/OS-OAUTH1/consumers/{consumer_id}`.
pub fn get_consumer(consumer_id: &str) -> Op<Consumer> {
    Op::get(path!("OS-OAUTH1/consumers/{}", consumer_id)).decode_key("consumer")
}

/// `PATCH /v3/OS-OAUTH1/consumers/{consumer_id}`: only the description changes.
pub fn update_consumer(consumer_id: &str, opts: &ConsumerOptions) -> Op<Consumer> {
    Op::patch(path!("OS-OAUTH1/consumers/{}", consumer_id))
        .json_under("consumer", opts)
        .decode_key("consumer")
}

/// `DELETE /v3/OS-OAUTH1/consumers/{consumer_id}` (its tokens go with it).
pub fn delete_consumer(consumer_id: &str) -> Op<()> {
    Op::delete(path!("OS-OAUTH1/consumers/{}", consumer_id))
}

/// `PUT /v3/OS-OAUTH1/authorize/{request_token_id}`: the caller grants a consumer's
/// request token these roles (by id) on the token's project; answers the verifier.
pub fn authorize(request_token_id: &str, role_ids: &[&str]) -> Op<Verifier> {
    let body = AuthorizeBody {
        roles: role_ids.iter().map(|id| RoleRef::id(id)).collect(),
    };
    Op::put(path!("OS-OAUTH1/authorize/{}", request_token_id))
        .check(InvalidInput::require(
            !role_ids.is_empty() && role_ids.iter().all(|r| !r.is_empty()),
            "roles",
            "authorize at least one role, by id",
        ))
        .json(&body)
        .decode_key("token")
}

/// `GET /v3/users/{user_id}/OS-OAUTH1/access_tokens`.
pub fn list_access_tokens(user_id: &str) -> List<AccessToken> {
    List::new(
        path!("users/{}/OS-OAUTH1/access_tokens", user_id),
        "access_tokens",
        Paging::Linked,
    )
}

/// `GET /v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}`.
pub fn get_access_token(user_id: &str, access_token_id: &str) -> Op<AccessToken> {
    Op::get(path!(
        "users/{}/OS-OAUTH1/access_tokens/{}",
        user_id,
        access_token_id
    ))
    .decode_key("access_token")
}

/// `DELETE /v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}`: revokes it.
pub fn revoke_access_token(user_id: &str, access_token_id: &str) -> Op<()> {
    Op::delete(path!(
        "users/{}/OS-OAUTH1/access_tokens/{}",
        user_id,
        access_token_id
    ))
}

/// `GET /v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles`.
pub fn access_token_roles(user_id: &str, access_token_id: &str) -> List<Role> {
    List::new(
        path!(
            "users/{}/OS-OAUTH1/access_tokens/{}/roles",
            user_id,
            access_token_id
        ),
        "roles",
        Paging::Linked,
    )
}

/// `GET /v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles/{role_id}`.
pub fn access_token_role(user_id: &str, access_token_id: &str, role_id: &str) -> Op<Role> {
    Op::get(path!(
        "users/{}/OS-OAUTH1/access_tokens/{}/roles/{}",
        user_id,
        access_token_id,
        role_id
    ))
    .decode_key("role")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn authorize_sends_role_ids_and_needs_one() {
        let ks = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let req = authorize("t", &["a", "b"]).request(&ks).unwrap();
        assert_eq!(req.body().as_ref(), br#"{"roles":[{"id":"a"},{"id":"b"}]}"#);
        assert!(authorize("t", &[]).request(&ks).is_err());
        let c: Consumer = serde_json::from_str(r#"{"id":"c","secret":"s3cr3t"}"#).unwrap();
        assert!(!format!("{c:?}").contains("s3cr3t"));
    }
}
