//! Identity (Keystone): v3 tokens and trusts (`OS-TRUST`), and v2.0 tenants and tokens.

#[cfg(feature = "keystone-v2")]
pub mod v2;
pub mod v3;
