//! Keystone v3 resources.

pub mod tokens;
pub mod trusts;
