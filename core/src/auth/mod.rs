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
        IdentityVersion::V2 => v2::request(creds),
    }
}

/// Reads a successful token response (v3 or v2.0, as the credentials say).
pub fn parse_token(creds: &Credentials, resp: &Response<Bytes>) -> Result<Token> {
    match creds.version {
        IdentityVersion::V3 => v3::parse(resp),
        IdentityVersion::V2 => v2::parse(resp),
    }
}
