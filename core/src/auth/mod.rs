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
pub use session::Session;
pub use token::{
    NameId, Token, TokenAppCredential, TokenInfo, TokenProject, TokenTrust, TokenUser,
};

use bytes::Bytes;
use http::{Request, Response};

use crate::error::Result;

/// The token request for `creds` (v3 or v2.0, as the credentials say).
pub fn token_request(creds: &Credentials) -> Result<Request<Bytes>> {
    match creds.version {
        IdentityVersion::V3 => v3::request(creds),
        #[cfg(feature = "keystone-v2")]
        IdentityVersion::V2 => v2::request(creds),
        #[cfg(not(feature = "keystone-v2"))]
        IdentityVersion::V2 => Err(v2_not_built().into()),
    }
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
pub fn parse_token(creds: &Credentials, resp: &Response<Bytes>) -> Result<Token> {
    match creds.version {
        IdentityVersion::V3 => v3::parse(resp),
        #[cfg(feature = "keystone-v2")]
        IdentityVersion::V2 => v2::parse(resp),
        #[cfg(not(feature = "keystone-v2"))]
        IdentityVersion::V2 => {
            let _ = resp;
            Err(v2_not_built().into())
        }
    }
}
