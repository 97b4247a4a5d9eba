//! Keystone v2.0 tenants: `GET /v2.0/tenants`, the projects the token can reach, and the
//! admin API's create, get, update and delete. Keystone removed `/v2.0` in Queens, so
//! these are checked against canned answers only.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v2::tenants;
//! let keystone = client.identity().version_suffix(Some("v2.0"));
//! for t in keystone.collect_all(tenants::list(&tenants::ListTenants::default())).await? {
//!     println!("{} {}", t.id, t.name);
//! }
//! let made = keystone
//!     .call(&tenants::create(&tenants::TenantOptions { name: Some("ops".into()), ..Default::default() }))
//!     .await?;
//! keystone.call(&tenants::delete(&made.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, InvalidInput, List, Op, Paging};

/// A tenant (project).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Paging of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTenants {
    /// Start after this tenant id.
    pub marker: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
}

/// `GET /v2.0/tenants` (marker paging, links in `tenants_links`).
pub fn list(opts: &ListTenants) -> List<Tenant> {
    List::new(path!("tenants"), "tenants", Paging::Linked)
        .query(query!(marker: opts.marker.as_deref(), limit: opts.limit))
}

/// The body of [`create`] (a name is required) and [`update`] (only what is set changes).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TenantOptions {
    /// Name (unique).
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether it is enabled.
    pub enabled: Option<bool>,
}

/// `POST /v2.0/tenants` (admin).
pub fn create(opts: &TenantOptions) -> Op<Tenant> {
    Op::post(path!("tenants"))
        .check(InvalidInput::require(
            opts.name.as_deref().is_some_and(|n| !n.is_empty()),
            "name",
            "a tenant needs a name",
        ))
        .json_under("tenant", opts)
        .decode_key("tenant")
}

/// `GET /v2.0/tenants/{tenant_id}` (admin).
pub fn get(tenant_id: &str) -> Op<Tenant> {
    Op::get(path!("tenants/{}", tenant_id)).decode_key("tenant")
}

/// `PUT /v2.0/tenants/{tenant_id}` (admin).
pub fn update(tenant_id: &str, opts: &TenantOptions) -> Op<Tenant> {
    Op::put(path!("tenants/{}", tenant_id))
        .json_under("tenant", opts)
        .decode_key("tenant")
}

/// `DELETE /v2.0/tenants/{tenant_id}` (admin, 204).
pub fn delete(tenant_id: &str) -> Op<()> {
    Op::delete(path!("tenants/{}", tenant_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};
    use bytes::Bytes;
    use http::{Method, Response};

    fn v2() -> ServiceEndpoint {
        ServiceEndpoint::with_suffix(ServiceType::IDENTITY, "http://ks:35357", Some("v2.0"))
            .unwrap()
    }

    const TENANT: &str = r#"{"tenant": {"id": "5ca10b", "name": "ops", "description": "Operations", "enabled": true, "extra_field": 1}}"#;

    #[test]
    fn crud_requests_and_canned_answers() {
        let opts = TenantOptions {
            name: Some("ops".into()),
            description: Some("Operations".into()),
            enabled: Some(true),
        };
        let req = create(&opts).request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().to_string()),
            (&Method::POST, "http://ks:35357/v2.0/tenants".into())
        );
        assert_eq!(
            req.body().as_ref(),
            br#"{"tenant":{"name":"ops","description":"Operations","enabled":true}}"#
        );
        assert!(create(&TenantOptions::default()).request(&v2()).is_err());
        let t = create(&opts)
            .parse(Response::new(Bytes::from_static(TENANT.as_bytes())))
            .unwrap();
        assert_eq!(
            (t.id.as_str(), t.name.as_str(), t.enabled),
            ("5ca10b", "ops", true)
        );
        assert_eq!(t.extra["extra_field"], 1);

        let req = get("5ca10b").request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&Method::GET, "/v2.0/tenants/5ca10b")
        );
        assert_eq!(
            get("x")
                .parse(Response::new(Bytes::from_static(TENANT.as_bytes())))
                .unwrap(),
            t
        );

        let off = TenantOptions {
            enabled: Some(false),
            ..Default::default()
        };
        let req = update("5ca10b", &off).request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&Method::PUT, "/v2.0/tenants/5ca10b")
        );
        assert_eq!(req.body().as_ref(), br#"{"tenant":{"enabled":false}}"#);

        let req = delete("5ca10b").request(&v2()).unwrap();
        assert_eq!(
            (req.method(), req.uri().path()),
            (&Method::DELETE, "/v2.0/tenants/5ca10b")
        );
        assert!(delete("").request(&v2()).is_err());
    }
}
