//! Keystone v2.0 resources (removed upstream in Queens; still served by old clouds). The
//! extensions (`GET /v2.0/extensions`, its `{"extensions": {"values": […]}}` shape
//! included) are `ferrocloud::common::extensions` on a v2.0 endpoint.

pub mod roles;
pub mod tenants;
pub mod tokens;
pub mod users;
