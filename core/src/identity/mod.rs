//! Identity (Keystone): the v3 API with its extensions, and the v2.0 admin API (tenants,
//! users, roles, tokens).

#[cfg(feature = "keystone-v2")]
pub mod v2;
pub mod v3;
