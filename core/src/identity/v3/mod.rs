//! Keystone v3 resources.

pub mod application_credentials;
mod common;
pub mod tokens;
pub mod trusts;
pub use common::{DomainRef, Ref};
pub mod credentials;
pub mod domain_configs;
pub mod domains;
pub mod ec2_credentials;
pub mod endpoint_filter;
pub mod endpoint_policy;
pub mod endpoints;
pub mod federation;
pub mod groups;
pub mod limits;
pub mod oauth1;
pub mod policies;
pub mod projects;
pub mod regions;
pub mod registered_limits;
pub mod roles;
pub mod services;
pub mod users;
