//! Nova flavors: list (summary and detail), get, create, update (description, 2.55+),
//! delete, extra specs and tenant access of private flavors.
//!
//! Shapes by microversion, all read by [`Flavor`](crate::compute::flavors::Flavor): `description` appears at 2.55,
//! `extra_specs` inside the flavor at 2.61, `swap` is `""` (no swap) before 2.75 and `0`
//! from 2.75 on (both read as `0`), and `rxtx_factor` / `OS-FLV-DISABLED:disabled` are
//! gone from 2.102 (then `None`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::flavors::{self, CreateFlavor, ListFlavors};
//! let nova = client.compute().microversion("2.61");
//! let small = nova
//!     .collect_all(flavors::list_detail(&ListFlavors { min_ram: Some(2048), ..Default::default() }))
//!     .await?;
//! let flavor = nova
//!     .call(&flavors::create(&CreateFlavor {
//!         is_public: Some(false),
//!         description: Some("for the batch jobs".into()),
//!         ..CreateFlavor::new("batch.large", 8192, 4, 40)
//!     }))
//!     .await?;
//! let specs = [("hw:cpu_policy".to_string(), "dedicated".to_string())].into_iter().collect();
//! nova.call(&flavors::create_extra_specs(&flavor.id, &specs)).await?;
//! nova.call(&flavors::add_tenant_access(&flavor.id, "3f6a0c")).await?;
//! nova.call(&flavors::delete(&flavor.id)).await?;
//! # let _ = small; Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::request::list::{ListStyle, SortStyle, TagStyle};
use crate::{path, query, Find, InvalidInput, Link, List, ListCommon, MetaItem, Op, Paging};

/// Extra specs of a flavor (`hw:cpu_policy` → `dedicated`, …).
pub type ExtraSpecs = BTreeMap<String, String>;

/// A flavor as `GET /flavors` lists it (no sizes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlavorSummary {
    /// Flavor id (a string; often numeric).
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description (2.55+; `None` when unset or before 2.55).
    pub description: Option<String>,
    /// `self` and `bookmark` links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A flavor with its sizes (`GET /flavors/detail`, `GET /flavors/{id}`, create, update).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Flavor {
    /// Flavor id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Memory in MiB.
    #[serde(default)]
    pub ram: u64,
    /// Virtual CPUs.
    #[serde(default)]
    pub vcpus: u32,
    /// Root disk in GiB (`0`: the image's size).
    #[serde(default)]
    pub disk: u64,
    /// Swap in MiB; `0` means none (Nova sends `""` for none before 2.75).
    #[serde(default, deserialize_with = "swap_mib")]
    pub swap: u64,
    /// Ephemeral disk in GiB.
    #[serde(default, rename = "OS-FLV-EXT-DATA:ephemeral")]
    pub ephemeral: u64,
    /// Whether every project may use it.
    #[serde(default = "yes", rename = "os-flavor-access:is_public")]
    pub is_public: bool,
    /// Whether the flavor is disabled (gone from 2.102).
    #[serde(rename = "OS-FLV-DISABLED:disabled")]
    pub disabled: Option<bool>,
    /// Network bandwidth factor (gone from 2.102).
    pub rxtx_factor: Option<f64>,
    /// Description (2.55+).
    pub description: Option<String>,
    /// Extra specs, embedded from 2.61 (`None` before, or without the policy to see them).
    pub extra_specs: Option<ExtraSpecs>,
    /// `self` and `bookmark` links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn yes() -> bool {
    true
}

/// Reads `swap`: an integer, or `""` (no swap) before 2.75.
fn swap_mib<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(0),
        Value::String(s) if s.is_empty() => Ok(0),
        Value::String(s) => s
            .parse()
            .map_err(|_| serde::de::Error::custom(format_args!("swap {s:?} is not a size"))),
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| serde::de::Error::custom(format_args!("swap {n} is not a size"))),
        other => Err(serde::de::Error::custom(format_args!(
            "swap {other} is not a size"
        ))),
    }
}

/// Which flavors a list shows, by visibility (`is_public`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Public flavors only (`is_public=true`, the default for non-admins).
    Public,
    /// Private flavors only (`is_public=false`).
    Private,
    /// Both (`is_public=none`, admin only).
    All,
}

impl Visibility {
    fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "true",
            Visibility::Private => "false",
            Visibility::All => "none",
        }
    }
}

/// Filters of [`list`] and [`list_detail`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFlavors {
    /// Public, private or all flavors.
    pub is_public: Option<Visibility>,
    /// At least this much root disk (GiB).
    pub min_disk: Option<u64>,
    /// At least this much memory (MiB).
    pub min_ram: Option<u64>,
    /// Sorting by one key (`flavorid`, `name`, `memory_mb`, `vcpus`, `root_gb`, …),
    /// paging and extra filters. Nova does not select fields, page backwards or filter
    /// flavors by tags.
    pub common: ListCommon,
}

impl ListFlavors {
    fn query(&self) -> crate::Query {
        let q = query!(
            is_public: self.is_public.map(Visibility::as_str),
            minDisk: self.min_disk,
            minRam: self.min_ram,
        );
        LIST_STYLE.encode(&self.common, q)
    }
}

/// How Nova's flavor list spells [`ListCommon`].
const LIST_STYLE: ListStyle = ListStyle {
    service: "Nova's flavor list",
    sort: SortStyle::Single,
    tags: TagStyle::None,
    fields: false,
    page_reverse: false,
};

/// The body of [`create`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateFlavor {
    /// Name (1–255 characters).
    pub name: String,
    /// Memory in MiB (at least 1).
    pub ram: u64,
    /// Virtual CPUs (at least 1).
    pub vcpus: u32,
    /// Root disk in GiB.
    pub disk: u64,
    /// Chosen id (`None`: Nova generates a UUID).
    pub id: Option<String>,
    /// Swap in MiB.
    pub swap: Option<u64>,
    /// Ephemeral disk in GiB.
    #[serde(rename = "OS-FLV-EXT-DATA:ephemeral")]
    pub ephemeral: Option<u64>,
    /// Network bandwidth factor (positive; not accepted from 2.102).
    pub rxtx_factor: Option<f64>,
    /// Public (`None`: Nova's default, public).
    #[serde(rename = "os-flavor-access:is_public")]
    pub is_public: Option<bool>,
    /// Description (needs microversion 2.55+).
    pub description: Option<String>,
}

impl CreateFlavor {
    /// A flavor with a name and its sizes; the rest at their defaults.
    pub fn new(name: &str, ram_mib: u64, vcpus: u32, disk_gib: u64) -> Self {
        CreateFlavor {
            name: name.into(),
            ram: ram_mib,
            vcpus,
            disk: disk_gib,
            ..Default::default()
        }
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        if self.name.trim().is_empty() || self.name.chars().count() > 255 {
            return Err(InvalidInput::field("name", "must be 1 to 255 characters"));
        }
        if self.ram == 0 {
            return Err(InvalidInput::field("ram", "must be at least 1 MiB"));
        }
        if self.vcpus == 0 {
            return Err(InvalidInput::field("vcpus", "must be at least 1"));
        }
        if self.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
            return Err(InvalidInput::field("id", "must not be empty"));
        }
        if self
            .rxtx_factor
            .is_some_and(|f| !(f.is_finite() && f > 0.0))
        {
            return Err(InvalidInput::field(
                "rxtx_factor",
                "must be a positive number",
            ));
        }
        Ok(())
    }
}

/// The body of [`update`] (2.55+): only the description can change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFlavor {
    /// New description; `None` clears it.
    pub description: Option<String>,
}

/// One project's access to a private flavor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlavorAccess {
    /// The flavor.
    pub flavor_id: String,
    /// The project (tenant) that may use it.
    pub tenant_id: String,
}

/// `GET /flavors`: ids and names (linked paging).
pub fn list(filter: &ListFlavors) -> List<FlavorSummary> {
    List::new(path!("flavors"), "flavors", Paging::Linked)
        .check(LIST_STYLE.check(&filter.common))
        .query(filter.query())
}

/// `GET /flavors/detail`: flavors with their sizes (linked paging).
pub fn list_detail(filter: &ListFlavors) -> List<Flavor> {
    List::new(path!("flavors/detail"), "flavors", Paging::Linked)
        .check(LIST_STYLE.check(&filter.common))
        .query(filter.query())
}

/// `GET /flavors/{flavor_id}`.
pub fn get(flavor_id: &str) -> Op<Flavor> {
    Op::get(path!("flavors/{}", flavor_id)).decode_key("flavor")
}

/// A flavor by id or exact name (run it with [`Service::find`](crate::Service::find)).
///
/// Nova has no name filter for flavors: the candidates are all flavors.
pub fn find(name_or_id: &str) -> Find<Flavor> {
    Find::new(
        "flavor",
        name_or_id,
        get(name_or_id),
        list_detail(&ListFlavors::default()),
    )
}

crate::named!(Flavor);

/// `POST /flavors` (admin).
pub fn create(flavor: &CreateFlavor) -> Op<Flavor> {
    let op = Op::post(path!("flavors")).decode_key("flavor");
    op.check(flavor.validate()).json_under("flavor", flavor)
}

/// `PUT /flavors/{flavor_id}`: changes the description (microversion 2.55+).
pub fn update(flavor_id: &str, update: &UpdateFlavor) -> Op<Flavor> {
    Op::put(path!("flavors/{}", flavor_id))
        .json_under("flavor", update)
        .decode_key("flavor")
}

/// `DELETE /flavors/{flavor_id}` (admin).
pub fn delete(flavor_id: &str) -> Op<()> {
    Op::delete(path!("flavors/{}", flavor_id))
}

/// `GET /flavors/{flavor_id}/os-extra_specs`.
pub fn extra_specs(flavor_id: &str) -> Op<ExtraSpecs> {
    Op::get(path!("flavors/{}/os-extra_specs", flavor_id)).decode_key("extra_specs")
}

/// `POST /flavors/{flavor_id}/os-extra_specs`: adds or changes these specs, keeps the
/// others; answers the specs sent.
pub fn create_extra_specs(flavor_id: &str, specs: &ExtraSpecs) -> Op<ExtraSpecs> {
    let op = Op::post(path!("flavors/{}/os-extra_specs", flavor_id)).decode_key("extra_specs");
    let op = op.check(InvalidInput::require(
        !specs.is_empty(),
        "extra_specs",
        "must not be empty",
    ));
    op.json_under("extra_specs", specs)
}

/// `GET /flavors/{flavor_id}/os-extra_specs/{key}`: one spec.
pub fn extra_spec(flavor_id: &str, key: &str) -> Op<MetaItem> {
    Op::get(path!("flavors/{}/os-extra_specs/{}", flavor_id, key)).decode_body()
}

/// `PUT /flavors/{flavor_id}/os-extra_specs/{key}`: sets one spec.
pub fn update_extra_spec(flavor_id: &str, key: &str, value: &str) -> Op<MetaItem> {
    let body: BTreeMap<&str, &str> = [(key, value)].into_iter().collect();
    Op::put(path!("flavors/{}/os-extra_specs/{}", flavor_id, key))
        .json(&body)
        .decode_body()
}

/// `DELETE /flavors/{flavor_id}/os-extra_specs/{key}`.
pub fn delete_extra_spec(flavor_id: &str, key: &str) -> Op<()> {
    Op::delete(path!("flavors/{}/os-extra_specs/{}", flavor_id, key))
}

/// `GET /flavors/{flavor_id}/os-flavor-access`: the projects that may use a private
/// flavor (a public flavor answers 404).
pub fn access_list(flavor_id: &str) -> Op<Vec<FlavorAccess>> {
    Op::get(path!("flavors/{}/os-flavor-access", flavor_id)).decode_key("flavor_access")
}

#[derive(Serialize)]
struct Tenant<'a> {
    tenant: &'a str,
}

fn access_action(flavor_id: &str, action: &'static str, tenant: &str) -> Op<Vec<FlavorAccess>> {
    let op = Op::post(path!("flavors/{}/action", flavor_id)).decode_key("flavor_access");
    let op = op.check(InvalidInput::require(
        !tenant.trim().is_empty(),
        "tenant",
        "must not be empty",
    ));
    op.json_under(action, &Tenant { tenant })
}

/// `POST /flavors/{flavor_id}/action` `addTenantAccess`: lets a project use a private
/// flavor; answers the access list.
pub fn add_tenant_access(flavor_id: &str, tenant_id: &str) -> Op<Vec<FlavorAccess>> {
    access_action(flavor_id, "addTenantAccess", tenant_id)
}

/// `POST /flavors/{flavor_id}/action` `removeTenantAccess`; answers the access list.
pub fn remove_tenant_access(flavor_id: &str, tenant_id: &str) -> Op<Vec<FlavorAccess>> {
    access_action(flavor_id, "removeTenantAccess", tenant_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Paginated;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn nova() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap()
    }

    #[test]
    fn swap_forms() {
        for (swap, want) in [(r#""""#, 0), ("0", 0), ("512", 512), (r#""1024""#, 1024)] {
            let f: Flavor = serde_json::from_str(&format!(r#"{{"id": "1", "swap": {swap}}}"#))
                .unwrap_or_else(|e| panic!("{swap}: {e}"));
            assert_eq!(f.swap, want, "{swap}");
            assert!(f.is_public, "defaults to public");
        }
        assert!(serde_json::from_str::<Flavor>(r#"{"id": "1", "swap": "big"}"#).is_err());
        assert!(serde_json::from_str::<Flavor>(r#"{"id": "1", "swap": -1}"#).is_err());
    }

    #[test]
    fn create_validates_before_io() {
        for bad in [
            CreateFlavor::new("", 1, 1, 0),
            CreateFlavor::new("x", 0, 1, 0),
            CreateFlavor::new("x", 1, 0, 0),
            CreateFlavor {
                rxtx_factor: Some(0.0),
                ..CreateFlavor::new("x", 1, 1, 0)
            },
            CreateFlavor {
                id: Some(" ".into()),
                ..CreateFlavor::new("x", 1, 1, 0)
            },
        ] {
            assert!(create(&bad).request(&nova()).is_err(), "{bad:?}");
        }
        assert!(add_tenant_access("1", "").request(&nova()).is_err());
        assert!(create_extra_specs("1", &ExtraSpecs::new())
            .request(&nova())
            .is_err());
    }

    #[test]
    fn list_query() {
        let req = list_detail(&ListFlavors {
            is_public: Some(Visibility::All),
            min_disk: Some(10),
            min_ram: Some(512),
            common: ListCommon {
                sort: vec![("memory_mb".into(), crate::SortDir::Desc)],
                limit: Some(2),
                marker: Some("m1".into()),
                ..Default::default()
            },
        })
        .first_request(&nova())
        .unwrap();
        assert_eq!(
            req.uri(),
            "http://nova/v2.1/flavors/detail?is_public=none&minDisk=10&minRam=512&sort_key=memory_mb&sort_dir=desc&limit=2&marker=m1"
        );
        // Two sort keys or a tag filter: refused before any I/O, naming the list.
        let two_keys = ListFlavors {
            common: ListCommon {
                sort: vec![
                    ("name".into(), crate::SortDir::Asc),
                    ("vcpus".into(), crate::SortDir::Asc),
                ],
                ..Default::default()
            },
            ..Default::default()
        };
        let err = list(&two_keys).first_request(&nova()).unwrap_err();
        assert!(
            err.to_string().contains("flavor list sorts by one key"),
            "{err}"
        );
        let tagged = ListFlavors {
            common: ListCommon {
                tags: vec!["x".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(list(&tagged).first_request(&nova()).is_err());
    }

    #[test]
    fn update_sends_null_to_clear() {
        let req = update("7", &UpdateFlavor { description: None })
            .request(&nova())
            .unwrap();
        assert_eq!(req.body().as_ref(), br#"{"flavor":{"description":null}}"#);
    }
}
