//! Keystone v3 tokens: issue, validate, check and revoke (`/v3/auth/tokens`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::tokens;
//! let mine = client.token().await?;
//! let checked = client.identity().call(&tokens::validate(&mine.id)).await?;
//! assert_eq!(checked.info.user, mine.info.user);
//! client.identity().call(&tokens::revoke(&mine.id)).await?;
//! # Ok(()) }
//! ```

use http::header::HeaderValue;

use crate::auth::{v3, Credentials, TokenOp};
use crate::{path, query, InvalidInput, Op, Secret};

fn subject(token: &Secret) -> std::result::Result<HeaderValue, InvalidInput> {
    let mut v = HeaderValue::from_str(token.expose())
        .map_err(|_| InvalidInput::field("token", "not a valid header value"))?;
    v.set_sensitive(true);
    Ok(v)
}

fn with_subject<T>(op: Op<T>, token: &Secret) -> Op<T> {
    match subject(token) {
        Ok(v) => op.header(http::header::HeaderName::from_static(v3::SUBJECT_TOKEN), v),
        Err(e) => op.check(Err(e)),
    }
}

/// `POST /v3/auth/tokens`: issues a token for `creds` (the driver does this itself; use
/// it to get a second token, e.g. for another scope).
pub fn create(creds: &Credentials) -> TokenOp {
    v3::issue(creds)
}

/// Options of [`validate_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidateOpts {
    /// Leave the catalog out of the answer (`nocatalog`).
    pub no_catalog: bool,
    /// Also answer for an expired token (`allow_expired`).
    pub allow_expired: bool,
}

/// `GET /v3/auth/tokens` with `X-Subject-Token`: validates `token` and returns what it
/// says about itself.
pub fn validate(token: &Secret) -> TokenOp {
    validate_with(token, ValidateOpts::default())
}

/// [`validate`] with options.
pub fn validate_with(token: &Secret, opts: ValidateOpts) -> TokenOp {
    let q = query!(nocatalog: opts.no_catalog.then_some(true), allow_expired: opts.allow_expired.then_some(true));
    TokenOp::new(
        with_subject(Op::get(path!("auth/tokens")).query(q), token),
        v3::parse,
    )
}

/// `HEAD /v3/auth/tokens`: `Ok(())` when `token` is valid, a 404 error when not.
pub fn check(token: &Secret) -> Op<()> {
    with_subject(Op::head(path!("auth/tokens")), token)
}

/// `DELETE /v3/auth/tokens`: revokes `token`.
pub fn revoke(token: &Secret) -> Op<()> {
    with_subject(Op::delete(path!("auth/tokens")), token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn subject_token_header_and_query() {
        let svc = ServiceEndpoint::new(ServiceType::IDENTITY, "http://ks:5000").unwrap();
        let t = Secret::new("tok");
        let req = validate_with(
            &t,
            ValidateOpts {
                no_catalog: true,
                allow_expired: false,
            },
        )
        .request(&svc)
        .unwrap();
        assert_eq!(req.uri(), "http://ks:5000/v3/auth/tokens?nocatalog=true");
        assert_eq!(req.headers()["x-subject-token"], "tok");
        assert!(req.headers()["x-subject-token"].is_sensitive());
        let req = revoke(&t).request(&svc).unwrap();
        assert_eq!(req.method(), http::Method::DELETE);
        assert!(matches!(
            check(&Secret::new("bad\nvalue")).request(&svc),
            Err(crate::Error::InvalidInput(_))
        ));
    }
}
