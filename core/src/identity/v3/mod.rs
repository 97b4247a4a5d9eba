//! Keystone v3 resources.

pub mod tokens;
pub mod trusts;
pub mod application_credentials;
mod common;
pub use common::{DomainRef, Ref};
pub mod domains;
pub mod projects;
pub mod roles;
pub mod users;
