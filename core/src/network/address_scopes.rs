//! Neutron address scopes (`/v2.0/address-scopes`, extension `address-scope`): the
//! address space subnet pools draw from. Routers do not route between scopes, and
//! addresses of a scope are never NATed to another one.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::address_scopes::{self, CreateAddressScope, ListAddressScopes};
//! let neutron = client.network();
//! let scope = neutron
//!     .call(&address_scopes::create(&CreateAddressScope { name: Some("corp".into()), ..CreateAddressScope::new(4) }))
//!     .await?;
//! let v4 = neutron
//!     .collect_all(address_scopes::list(&ListAddressScopes { ip_version: Some(4), ..Default::default() }))
//!     .await?;
//! neutron.call(&address_scopes::delete(&scope.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, Find, InvalidInput, List, ListCommon, Op};

/// An address scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressScope {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: u8,
    /// Shared with every project.
    #[serde(default)]
    pub shared: bool,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateAddressScope::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateAddressScope {
    /// 4 or 6 (required).
    pub ip_version: u8,
    /// Name.
    pub name: Option<String>,
    /// Share with every project (admin).
    pub shared: Option<bool>,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateAddressScope {
    /// An address scope of IP version `ip_version`.
    pub fn new(ip_version: u8) -> Self {
        CreateAddressScope {
            ip_version,
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            matches!(self.ip_version, 4 | 6),
            "ip_version",
            "an address scope is for IPv4 or IPv6 (4 or 6)",
        )
    }
}

/// The body of [`update`]. `None` leaves a field as it is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateAddressScope {
    /// Name.
    pub name: Option<String>,
    /// Shared (admin; a shared scope cannot be unshared).
    pub shared: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAddressScopes {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<u8>,
    /// Shared.
    pub shared: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "address-scopes",
    one: "address_scope",
    many: "address_scopes",
};

/// `GET /v2.0/address-scopes`, paged through `address_scopes_links`.
pub fn list(f: &ListAddressScopes) -> List<AddressScope> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            name: f.name.as_deref(),
            ip_version: f.ip_version,
            shared: f.shared,
            project_id: f.project_id.as_deref(),
            tenant_id: f.tenant_id.as_deref(),
        ),
        &f.common,
    )
}

/// `GET /v2.0/address-scopes/{address_scope_id}`.
pub fn get(address_scope_id: &str) -> Op<AddressScope> {
    RESOURCE.get(address_scope_id)
}

/// A address scope by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<AddressScope> {
    RESOURCE.find("address scope", name_or_id)
}

crate::named!(AddressScope);

/// `POST /v2.0/address-scopes`.
pub fn create(scope: &CreateAddressScope) -> Op<AddressScope> {
    RESOURCE.create(scope.check(), scope)
}

/// `PUT /v2.0/address-scopes/{address_scope_id}`.
pub fn update(address_scope_id: &str, update: &UpdateAddressScope) -> Op<AddressScope> {
    RESOURCE.update(address_scope_id, update)
}

/// `DELETE /v2.0/address-scopes/{address_scope_id}` (409 while a subnet pool uses it).
pub fn delete(address_scope_id: &str) -> Op<()> {
    RESOURCE.delete(address_scope_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn ip_version_is_checked_and_filters_are_sent() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        assert!(create(&CreateAddressScope::new(5))
            .request(&neutron)
            .is_err());
        let req = create(&CreateAddressScope::new(6))
            .request(&neutron)
            .unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"address_scope":{"ip_version":6}}"#
        );
        let req = list(&ListAddressScopes {
            ip_version: Some(4),
            tenant_id: Some("t".into()),
            ..Default::default()
        })
        .request(&neutron)
        .unwrap();
        assert_eq!(req.uri().query(), Some("ip_version=4&tenant_id=t"));
    }
}
