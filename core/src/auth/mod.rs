//! Authentication, sans-IO: options and their rules, Keystone v3 and v2 token requests
//! and responses, and the [`Session`] that decides when to (re)authenticate.
//!
//! ```
//! use ferrocloud::auth;
//! use ferrocloud::AuthOptions;
//! let creds = AuthOptions::password("http://127.0.0.1:5000/v3", "demo", "Default", "demopw")
//!     .project_name("demo", "Default")
//!     .validate()
//!     .unwrap();
//! let req = auth::token_request(&creds).unwrap();
//! assert_eq!(req.uri(), "http://127.0.0.1:5000/v3/auth/tokens");
//! ```

mod options;
mod session;
mod token;
#[cfg(feature = "keystone-v2")]
pub mod v2;
pub mod v3;

pub use options::{
    AppCredential, AuthOptions, Credentials, Domain, IdentityVersion, Method, Project, Scope, User,
};
pub use session::{Decision, Session};
pub use token::{
    NameId, Token, TokenAppCredential, TokenInfo, TokenProject, TokenTrust, TokenUser,
};

use bytes::Bytes;
use http::{Request, Response};

use crate::{Op, Operation, Result, ServiceEndpoint, ServiceType};

/// An operation whose answer is a Keystone [`Token`] (issue, validate). A token's id
/// arrives in a header (`X-Subject-Token`, v3) or in the body (v2.0), so the auth module
/// reads it rather than [`Op`]'s JSON decoding. The driver authenticates with the same
/// operations users get ([`issue`], `identity::v3::tokens::create`).
#[derive(Debug, Clone)]
pub struct TokenOp {
    op: Op<()>,
    read: fn(&Response<Bytes>) -> Result<Token>,
}

impl TokenOp {
    pub(crate) fn new(op: Op<()>, read: fn(&Response<Bytes>) -> Result<Token>) -> Self {
        TokenOp { op, read }
    }
}

impl Operation for TokenOp {
    type Output = Token;

    fn request(&self, svc: &ServiceEndpoint) -> Result<Request<Bytes>> {
        self.op.request(svc)
    }

    fn parse(&self, resp: Response<Bytes>) -> Result<Token> {
        (self.read)(&resp)
    }
}

/// The operation that issues a token for `creds` (Keystone v3 `POST /v3/auth/tokens`,
/// or v2.0 `POST /v2.0/tokens`, as the credentials say). Send it to [`issuer`].
pub fn issue(creds: &Credentials) -> TokenOp {
    match creds.version {
        IdentityVersion::V3 => v3::issue(creds),
        #[cfg(feature = "keystone-v2")]
        IdentityVersion::V2 => v2::issue(creds),
        #[cfg(not(feature = "keystone-v2"))]
        IdentityVersion::V2 => TokenOp::new(Op::<()>::post(Err(v2_not_built())), |_| {
            Err(v2_not_built().into())
        }),
    }
}

/// The identity endpoint that issues tokens for `creds`: the auth URL, with `/v3` added
/// when it names no version.
pub fn issuer(creds: &Credentials) -> Result<ServiceEndpoint> {
    match creds.version {
        IdentityVersion::V3 => {
            ServiceEndpoint::new(ServiceType::IDENTITY, &v3::v3_root(&creds.auth_url))
        }
        IdentityVersion::V2 => {
            ServiceEndpoint::with_suffix(ServiceType::IDENTITY, &creds.auth_url, Some("v2.0"))
        }
    }
}

/// The token request for `creds` (v3 or v2.0, as the credentials say): [`issue`] built
/// against [`issuer`].
pub fn token_request(creds: &Credentials) -> Result<Request<Bytes>> {
    issue(creds).request(&issuer(creds)?)
}

/// The error for a v2.0 `auth_url` when Keystone v2 support is not compiled in.
#[cfg(not(feature = "keystone-v2"))]
fn v2_not_built() -> crate::InvalidInput {
    crate::InvalidInput::field(
        "auth_url",
        "Keystone v2.0 support is not compiled in (enable ferrocloud's `keystone-v2` feature)",
    )
}

/// Reads a successful token response (v3 or v2.0, as the credentials say).
pub fn parse_token(creds: &Credentials, resp: Response<Bytes>) -> Result<Token> {
    issue(creds).parse(resp)
}
