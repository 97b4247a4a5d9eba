//! Keystone v2.0 tokens: issue (`POST /v2.0/tokens`) and read the access document, as
//! gophercloud's `identity/v2/tokens` does.
//!
//! ```
//! use ferrocloud::identity::v2::tokens;
//! use ferrocloud::{AuthOptions, Operation, ServiceEndpoint, ServiceType};
//! let creds = AuthOptions { project_name: Some("demo".into()), ..AuthOptions::password("http://ks:5000/v2.0", "u", "", "pw") }
//!     .validate()
//!     .unwrap();
//! let svc = ServiceEndpoint::with_suffix(ServiceType::IDENTITY, "http://ks:5000", Some("v2.0")).unwrap();
//! let req = tokens::create(&creds).request(&svc).unwrap();
//! assert_eq!(req.uri(), "http://ks:5000/v2.0/tokens");
//! ```

use crate::auth::{v2, Credentials, TokenOp};
use crate::{path, Op};

/// `POST /v2.0/tokens` for `creds` (v2.0 credentials: password or token, tenant id or
/// name).
pub fn create(creds: &Credentials) -> TokenOp {
    v2::issue(creds)
}

/// `GET /v2.0/tokens/{token_id}` (admin): validates a token.
pub fn get(token_id: &crate::Secret) -> TokenOp {
    TokenOp::new(Op::get(path!("tokens/{}", token_id.expose())), v2::parse)
}
