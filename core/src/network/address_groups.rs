//! Neutron address groups (`/v2.0/address-groups`, extension `address-group`): named
//! sets of CIDRs that security group rules match as a remote
//! (`remote_address_group_id`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::address_groups::{self, CreateAddressGroup};
//! let neutron = client.network();
//! let group = neutron
//!     .call(&address_groups::create(&CreateAddressGroup {
//!         name: Some("office".into()),
//!         addresses: vec!["192.0.2.0/24".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! let group = neutron
//!     .call(&address_groups::add_addresses(&group.id, &["198.51.100.7/32".to_string()]))
//!     .await?;
//! neutron.call(&address_groups::remove_addresses(&group.id, &["192.0.2.0/24".to_string()])).await?;
//! neutron.call(&address_groups::delete(&group.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Timestamp};

/// An address group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressGroup {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The CIDRs (a plain address reads back as a `/32` or `/128`).
    #[serde(default)]
    pub addresses: Vec<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateAddressGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// CIDRs or addresses (sent also when empty).
    pub addresses: Vec<String>,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

/// The body of [`update`]: name and description (addresses change through
/// [`add_addresses`] and [`remove_addresses`]).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateAddressGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAddressGroups {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

/// The body of [`add_addresses`] and [`remove_addresses`].
#[derive(Serialize)]
struct Addresses<'a> {
    addresses: &'a [String],
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "address-groups",
    one: "address_group",
    many: "address_groups",
};

/// `GET /v2.0/address-groups`, paged through `address_groups_links`.
pub fn list(f: &ListAddressGroups) -> List<AddressGroup> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            name: f.name.as_deref(),
            description: f.description.as_deref(),
            project_id: f.project_id.as_deref(),
            tenant_id: f.tenant_id.as_deref(),
        ),
        &f.common,
    )
}

/// `GET /v2.0/address-groups/{address_group_id}`.
pub fn get(address_group_id: &str) -> Op<AddressGroup> {
    RESOURCE.get(address_group_id)
}

/// A address group by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<AddressGroup> {
    RESOURCE.find("address group", name_or_id)
}

crate::named!(AddressGroup);

/// `POST /v2.0/address-groups`.
pub fn create(group: &CreateAddressGroup) -> Op<AddressGroup> {
    RESOURCE.create(Ok(()), group)
}

/// `PUT /v2.0/address-groups/{address_group_id}`.
pub fn update(address_group_id: &str, update: &UpdateAddressGroup) -> Op<AddressGroup> {
    RESOURCE.update(address_group_id, update)
}

/// `DELETE /v2.0/address-groups/{address_group_id}` (409 while a rule uses it).
pub fn delete(address_group_id: &str) -> Op<()> {
    RESOURCE.delete(address_group_id)
}

fn change(action: &str, address_group_id: &str, addresses: &[String]) -> Op<AddressGroup> {
    Op::put(path!("address-groups/{}/{}", address_group_id, action))
        .check(InvalidInput::require(
            !addresses.is_empty(),
            "addresses",
            "no address to add or remove",
        ))
        .json(&Addresses { addresses })
        .decode_key("address_group")
}

/// `PUT /v2.0/address-groups/{address_group_id}/add_addresses`: the group afterwards.
pub fn add_addresses(address_group_id: &str, addresses: &[String]) -> Op<AddressGroup> {
    change("add_addresses", address_group_id, addresses)
}

/// `PUT /v2.0/address-groups/{address_group_id}/remove_addresses` (400 for an address
/// not in the group): the group afterwards.
pub fn remove_addresses(address_group_id: &str, addresses: &[String]) -> Op<AddressGroup> {
    change("remove_addresses", address_group_id, addresses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn address_changes_are_put_and_never_empty() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let req = add_addresses("g", &["10.0.0.1/32".into()])
            .request(&neutron)
            .unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(req.uri().path(), "/v2.0/address-groups/g/add_addresses");
        assert_eq!(req.body().as_ref(), br#"{"addresses":["10.0.0.1/32"]}"#);
        assert!(remove_addresses("g", &[]).request(&neutron).is_err());
        let req = create(&CreateAddressGroup::default())
            .request(&neutron)
            .unwrap();
        assert_eq!(
            req.body().as_ref(),
            br#"{"address_group":{"addresses":[]}}"#
        );
    }
}
