//! Keystone v2.0 resources (removed upstream in Queens; still served by old clouds).

pub mod tenants;
pub mod tokens;
