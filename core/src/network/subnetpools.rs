//! Neutron subnet pools (`/v2.0/subnetpools`, extensions `subnet_allocation`,
//! `subnetpool-prefix-ops`, `default-subnetpools` and `subnet_onboard`): prefixes that
//! subnets are carved out of. A subnet created with `subnetpool_id` (and a prefix length,
//! or none for the pool's default) gets the next free CIDR.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::subnetpools::{self, CreateSubnetpool};
//! let neutron = client.network();
//! let pool = neutron
//!     .call(&subnetpools::create(&CreateSubnetpool {
//!         name: Some("tenant-v4".into()),
//!         default_prefixlen: Some(26),
//!         ..CreateSubnetpool::new(&["10.128.0.0/16"])
//!     }))
//!     .await?;
//! let prefixes = neutron.call(&subnetpools::add_prefixes(&pool.id, &["10.129.0.0/16".to_string()])).await?;
//! neutron.call(&subnetpools::remove_prefixes(&pool.id, &["10.129.0.0/16".to_string()])).await?;
//! neutron.call(&subnetpools::delete(&pool.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{path, query, Find, InvalidInput, List, ListCommon, Op, Patch, Tags, Timestamp};

/// A subnet pool.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnetpool {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Its prefixes (Neutron merges adjacent ones).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Prefix length of a subnet that asks for none.
    #[serde(default, deserialize_with = "crate::types::flex::flex_prefix_len")]
    pub default_prefixlen: Option<u8>,
    /// Smallest prefix length allowed.
    #[serde(default, deserialize_with = "crate::types::flex::flex_prefix_len")]
    pub min_prefixlen: Option<u8>,
    /// Largest prefix length allowed.
    #[serde(default, deserialize_with = "crate::types::flex::flex_prefix_len")]
    pub max_prefixlen: Option<u8>,
    /// Addresses one project may take from it (`None`: no limit).
    pub default_quota: Option<u64>,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: u8,
    /// Shared with every project.
    #[serde(default)]
    pub shared: bool,
    /// The default pool of its IP version.
    #[serde(default)]
    pub is_default: bool,
    /// Its address scope.
    pub address_scope_id: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Revision.
    #[serde(default)]
    pub revision_number: u64,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last change.
    pub updated_at: Option<Timestamp>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateSubnetpool::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateSubnetpool {
    /// Prefixes (required; all of one IP version).
    pub prefixes: Vec<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Default prefix length (default: `min_prefixlen`).
    pub default_prefixlen: Option<u8>,
    /// Smallest prefix length (default 8 for IPv4, 64 for IPv6).
    pub min_prefixlen: Option<u8>,
    /// Largest prefix length (default 32 or 128).
    pub max_prefixlen: Option<u8>,
    /// Per-project address quota.
    pub default_quota: Option<u64>,
    /// Share with every project (admin).
    pub shared: Option<bool>,
    /// Make it the default pool (admin).
    pub is_default: Option<bool>,
    /// Address scope.
    pub address_scope_id: Option<String>,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateSubnetpool {
    /// A pool of `prefixes`.
    pub fn new(prefixes: &[&str]) -> Self {
        CreateSubnetpool {
            prefixes: prefixes.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.prefixes.is_empty(),
            "prefixes",
            "a subnet pool needs at least one prefix",
        )
        .and(lengths(
            self.min_prefixlen,
            self.default_prefixlen,
            self.max_prefixlen,
        ))
    }
}

/// min ≤ default ≤ max, each at most 128, where given.
fn lengths(min: Option<u8>, default: Option<u8>, max: Option<u8>) -> Result<(), InvalidInput> {
    let given: Vec<u8> = [min, default, max].into_iter().flatten().collect();
    InvalidInput::require(
        given.windows(2).all(|w| w[0] <= w[1]) && given.iter().all(|l| *l <= 128),
        "default_prefixlen",
        "prefix lengths go min ≤ default ≤ max, at most 128",
    )
}

/// The body of [`update`]. `None` / [`Patch::Keep`] leave a field as it is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateSubnetpool {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Replaces the prefixes (they may only grow).
    pub prefixes: Option<Vec<String>>,
    /// Default prefix length.
    pub default_prefixlen: Option<u8>,
    /// Smallest prefix length.
    pub min_prefixlen: Option<u8>,
    /// Largest prefix length.
    pub max_prefixlen: Option<u8>,
    /// Per-project quota ([`Patch::Null`]: none).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub default_quota: Patch<u64>,
    /// Default pool (admin).
    pub is_default: Option<bool>,
    /// Address scope ([`Patch::Null`]: leave the scope).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub address_scope_id: Patch<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSubnetpools {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<u8>,
    /// Address scope.
    pub address_scope_id: Option<String>,
    /// Default pools.
    pub is_default: Option<bool>,
    /// Shared.
    pub shared: Option<bool>,
    /// Default quota.
    pub default_quota: Option<u64>,
    /// Default prefix length.
    pub default_prefixlen: Option<u8>,
    /// Smallest prefix length.
    pub min_prefixlen: Option<u8>,
    /// Largest prefix length.
    pub max_prefixlen: Option<u8>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Revision.
    pub revision_number: Option<u64>,
    /// Fields, sorting, paging and tag filters.
    pub common: ListCommon,
}

/// A subnet [`onboard_network_subnets`] moved into the pool.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnboardedSubnet {
    /// The subnet (Neutron 29 sends it).
    pub id: Option<String>,
    /// Its CIDR, now one of the pool's prefixes.
    #[serde(default)]
    pub cidr: String,
    /// The pool (the API reference's sample has it instead of `id`).
    pub subnetpool_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of [`onboard_network_subnets`]: a list (Neutron 29), or one object (the
/// API reference's sample).
#[derive(Deserialize)]
#[serde(untagged)]
enum Onboarded {
    Many(Vec<OnboardedSubnet>),
    One(OnboardedSubnet),
}

#[derive(Serialize)]
struct Prefixes<'a> {
    prefixes: &'a [String],
}

#[derive(Serialize)]
struct Network<'a> {
    network_id: &'a str,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "subnetpools",
    one: "subnetpool",
    many: "subnetpools",
};

/// The tags of subnet pools.
pub const TAGS: Tags = shared::tags("subnetpools");

/// `GET /v2.0/subnetpools`, paged through `subnetpools_links`.
pub fn list(f: &ListSubnetpools) -> List<Subnetpool> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            name: f.name.as_deref(),
            description: f.description.as_deref(),
            ip_version: f.ip_version,
            address_scope_id: f.address_scope_id.as_deref(),
            is_default: f.is_default,
            shared: f.shared,
            default_quota: f.default_quota,
            default_prefixlen: f.default_prefixlen,
            min_prefixlen: f.min_prefixlen,
            max_prefixlen: f.max_prefixlen,
            project_id: f.project_id.as_deref(),
            tenant_id: f.tenant_id.as_deref(),
            revision_number: f.revision_number,
        ),
        &f.common,
    )
}

/// `GET /v2.0/subnetpools/{subnetpool_id}`.
pub fn get(subnetpool_id: &str) -> Op<Subnetpool> {
    RESOURCE.get(subnetpool_id)
}

/// A subnet pool by id or exact name (run it with [`Service::find`](crate::Service::find)).
pub fn find(name_or_id: &str) -> Find<Subnetpool> {
    RESOURCE.find("subnet pool", name_or_id)
}

crate::named!(Subnetpool);

/// `POST /v2.0/subnetpools`.
pub fn create(pool: &CreateSubnetpool) -> Op<Subnetpool> {
    RESOURCE.create(pool.check(), pool)
}

/// `PUT /v2.0/subnetpools/{subnetpool_id}`.
pub fn update(subnetpool_id: &str, update: &UpdateSubnetpool) -> Op<Subnetpool> {
    Op::put(path!("subnetpools/{}", subnetpool_id))
        .check(lengths(
            update.min_prefixlen,
            update.default_prefixlen,
            update.max_prefixlen,
        ))
        .json_under("subnetpool", update)
        .decode_key("subnetpool")
}

/// `DELETE /v2.0/subnetpools/{subnetpool_id}` (409 while a subnet uses it).
pub fn delete(subnetpool_id: &str) -> Op<()> {
    RESOURCE.delete(subnetpool_id)
}

fn prefix_op(action: &str, subnetpool_id: &str, prefixes: &[String]) -> Op<Vec<String>> {
    Op::put(path!("subnetpools/{}/{}", subnetpool_id, action))
        .check(InvalidInput::require(
            !prefixes.is_empty(),
            "prefixes",
            "no prefix to add or remove",
        ))
        .json(&Prefixes { prefixes })
        .decode_key("prefixes")
}

/// `PUT /v2.0/subnetpools/{subnetpool_id}/add_prefixes`: the pool's prefixes afterwards
/// (merged where adjacent).
pub fn add_prefixes(subnetpool_id: &str, prefixes: &[String]) -> Op<Vec<String>> {
    prefix_op("add_prefixes", subnetpool_id, prefixes)
}

/// `PUT /v2.0/subnetpools/{subnetpool_id}/remove_prefixes` (409 for a prefix a subnet
/// uses): the pool's prefixes afterwards.
pub fn remove_prefixes(subnetpool_id: &str, prefixes: &[String]) -> Op<Vec<String>> {
    prefix_op("remove_prefixes", subnetpool_id, prefixes)
}

/// `PUT /v2.0/subnetpools/{subnetpool_id}/onboard_network_subnets`: moves the subnets of
/// `network_id` (created without a pool) into the pool, adding their CIDRs to its
/// prefixes; answers the subnets moved.
pub fn onboard_network_subnets(subnetpool_id: &str, network_id: &str) -> Op<Vec<OnboardedSubnet>> {
    Op::put(path!(
        "subnetpools/{}/onboard_network_subnets",
        subnetpool_id
    ))
    .check(InvalidInput::require(
        !network_id.is_empty(),
        "network_id",
        "onboarding needs a network",
    ))
    .json(&Network { network_id })
    .decode_with(|resp| {
        let what = "PUT onboard_network_subnets response";
        Ok(
            match crate::request::op::decode_json::<Onboarded>(what, resp.body())? {
                Onboarded::Many(v) => v,
                Onboarded::One(o) => vec![o],
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn prefix_lengths_read_as_strings_and_are_ordered() {
        let p: Subnetpool = serde_json::from_str(
            r#"{"id": "p", "min_prefixlen": "64", "default_prefixlen": 64, "max_prefixlen": null}"#,
        )
        .unwrap();
        assert_eq!(
            (p.min_prefixlen, p.default_prefixlen, p.max_prefixlen),
            (Some(64), Some(64), None)
        );
        assert!(
            serde_json::from_str::<Subnetpool>(r#"{"id": "p", "min_prefixlen": "x"}"#).is_err()
        );
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let bad = CreateSubnetpool {
            min_prefixlen: Some(24),
            max_prefixlen: Some(16),
            ..CreateSubnetpool::new(&["10.0.0.0/8"])
        };
        assert!(create(&bad).request(&neutron).is_err());
        assert!(create(&CreateSubnetpool::default())
            .request(&neutron)
            .is_err());
        let body = serde_json::to_value(UpdateSubnetpool {
            address_scope_id: Patch::Null,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(body, serde_json::json!({"address_scope_id": null}));
        let op = onboard_network_subnets("p", "n");
        let resp = |b: &'static str| http::Response::new(bytes::Bytes::from_static(b.as_bytes()));
        let many = op
            .parse(resp(r#"[{"id": "s", "cidr": "10.0.0.0/24"}]"#))
            .unwrap();
        assert_eq!(
            (many[0].id.as_deref(), many[0].cidr.as_str()),
            (Some("s"), "10.0.0.0/24")
        );
        let one = op
            .parse(resp(r#"{"subnetpool_id": "p", "cidr": "10.0.2.0/24"}"#))
            .unwrap();
        assert_eq!(one[0].subnetpool_id.as_deref(), Some("p"));
    }
}
