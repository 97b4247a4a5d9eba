//! Placement resource providers: list (every filter), get, create, update, delete.
//! Their aggregates, inventories, traits, usages and allocations are in the sibling
//! modules.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::resource_providers::{self, CreateResourceProvider, ListResourceProviders};
//! let placement = client.placement().microversion("1.39");
//! let rp = placement
//!     .call(&resource_providers::create(&CreateResourceProvider { name: "nfs-share".into(), ..Default::default() }))
//!     .await?;
//! let with_room = placement
//!     .collect_all(resource_providers::list(&ListResourceProviders {
//!         resources: [("DISK_GB".to_string(), 100)].into(),
//!         required: vec!["STORAGE_DISK_SSD,!CUSTOM_SLOW".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! placement.call(&resource_providers::delete(&rp.uuid)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Link, Resources};
use crate::{path, Find, List, Op, Paging, Patch, Query};

/// A resource provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceProvider {
    /// Id.
    pub uuid: String,
    /// Name (unique).
    pub name: String,
    /// Generation: changes with every change of the provider, its inventories, traits and
    /// aggregates; writes repeat it.
    pub generation: u64,
    /// The parent in a provider tree (1.14+; `None` for a root).
    pub parent_provider_uuid: Option<String>,
    /// The root of the provider tree (1.14+).
    pub root_provider_uuid: Option<String>,
    /// Links (`self`, `aggregates`, `inventories`, `usages`, `traits`, `allocations`).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`]. Each needs the handle's microversion to be at least the one
/// given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListResourceProviders {
    /// Exact name.
    pub name: Option<String>,
    /// Exact uuid.
    pub uuid: Option<String>,
    /// One `member_of` parameter each (1.3): an aggregate uuid, `in:a,b` for any of
    /// several; repeated, all must hold (1.24); `!a` or `!in:a,b` to exclude (1.32).
    pub member_of: Vec<String>,
    /// Providers with capacity for these amounts (1.4), sent as `VCPU:2,MEMORY_MB:512`.
    pub resources: Resources,
    /// Providers in the same tree as this one (1.14).
    pub in_tree: Option<String>,
    /// One `required` parameter each (1.18): traits, comma-separated; `!T` forbids
    /// (1.22); repeated and `in:A,B` for any of several (1.39).
    pub required: Vec<String>,
}

/// `VCPU:2,MEMORY_MB:512`.
pub(crate) fn resources_param(resources: &Resources) -> Option<String> {
    if resources.is_empty() {
        return None;
    }
    Some(
        resources
            .iter()
            .map(|(rc, n)| format!("{rc}:{n}"))
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// `GET /resource_providers` (one page).
pub fn list(filter: &ListResourceProviders) -> List<ResourceProvider> {
    let query = Query::new()
        .push_opt("name", filter.name.as_deref())
        .push_opt("uuid", filter.uuid.as_deref())
        .push_all("member_of", &filter.member_of)
        .push_opt("resources", resources_param(&filter.resources))
        .push_opt("in_tree", filter.in_tree.as_deref())
        .push_all("required", &filter.required);
    List::new(
        path!("resource_providers"),
        "resource_providers",
        Paging::Single,
    )
    .query(query)
}

/// `GET /resource_providers/{uuid}`.
pub fn get(uuid: &str) -> Op<ResourceProvider> {
    Op::get(path!("resource_providers/{}", uuid)).decode_body()
}

/// A resource provider by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<ResourceProvider> {
    Find::new(
        "resource provider",
        name_or_id,
        get(name_or_id),
        list(&ListResourceProviders {
            name: Some(name_or_id.into()),
            ..Default::default()
        }),
    )
}

crate::named!(ResourceProvider(uuid));

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateResourceProvider {
    /// Name (unique).
    pub name: String,
    /// Id (`None`: Placement picks one).
    pub uuid: Option<String>,
    /// Parent in a provider tree.
    pub parent_provider_uuid: Option<String>,
}

/// `POST /resource_providers`, at microversion 1.20 (the first that answers with the
/// provider).
pub fn create(rp: &CreateResourceProvider) -> Op<ResourceProvider> {
    Op::post(path!("resource_providers"))
        .json(rp)
        .microversion("1.20")
        .decode_body()
}

/// The body of [`update`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateResourceProvider {
    /// Name (Placement requires it, even unchanged).
    pub name: String,
    /// `Set`: move under that parent; `Null`: make it a root; `Keep`: leave the tree as is.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub parent_provider_uuid: Patch<String>,
}

/// `PUT /resource_providers/{uuid}`. With a parent given it asks for 1.37 (re-parenting
/// and un-parenting); otherwise the handle's microversion applies.
pub fn update(uuid: &str, rp: &UpdateResourceProvider) -> Op<ResourceProvider> {
    let op = Op::put(path!("resource_providers/{}", uuid))
        .json(rp)
        .decode_body();
    if rp.parent_provider_uuid.is_keep() {
        op
    } else {
        op.microversion("1.37")
    }
}

/// `DELETE /resource_providers/{uuid}` (409 while it has allocations or children).
pub fn delete(uuid: &str) -> Op<()> {
    Op::delete(path!("resource_providers/{}", uuid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn list_sends_every_filter_and_repeats() {
        let svc = ServiceEndpoint::new(ServiceType::PLACEMENT, "http://h/placement").unwrap();
        let req = list(&ListResourceProviders {
            name: Some("a b".into()),
            member_of: vec!["in:1,2".into(), "!3".into()],
            resources: [("VCPU".to_string(), 2), ("DISK_GB".to_string(), 10)].into(),
            in_tree: Some("t".into()),
            required: vec!["A,!B".into(), "in:C,D".into()],
            ..Default::default()
        })
        .request(&svc)
        .unwrap();
        assert_eq!(
            req.uri().query().unwrap(),
            "name=a+b&member_of=in%3A1%2C2&member_of=%213&resources=DISK_GB%3A10%2CVCPU%3A2\
             &in_tree=t&required=A%2C%21B&required=in%3AC%2CD"
        );
    }

    #[test]
    fn update_asks_for_137_only_when_moving() {
        let svc = ServiceEndpoint::new(ServiceType::PLACEMENT, "http://h/placement").unwrap();
        let keep = UpdateResourceProvider {
            name: "n".into(),
            ..Default::default()
        };
        let req = update("u", &keep).request(&svc).unwrap();
        assert!(req.headers().get("openstack-api-version").is_none());
        let root = UpdateResourceProvider {
            name: "n".into(),
            parent_provider_uuid: Patch::Null,
        };
        let req = update("u", &root).request(&svc).unwrap();
        assert_eq!(req.headers()["openstack-api-version"], "placement 1.37");
        assert_eq!(
            req.body().as_ref(),
            br#"{"name":"n","parent_provider_uuid":null}"#
        );
    }
}
