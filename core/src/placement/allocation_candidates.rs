//! Allocation candidates (microversion 1.10+): the sets of providers that could satisfy a
//! request, with a summary of each provider involved. Granular request groups
//! (`resources1`, `required_NET`, …) from 1.25.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::allocation_candidates::{self, ListAllocationCandidates};
//! let placement = client.placement().microversion("1.39");
//! let found = placement
//!     .call(&allocation_candidates::list(&ListAllocationCandidates {
//!         resources: [("VCPU".to_string(), 1), ("MEMORY_MB".to_string(), 512)].into(),
//!         required: vec!["!CUSTOM_SLOW".into()],
//!         limit: Some(10),
//!         ..Default::default()
//!     }))
//!     .await?;
//! for request in &found.allocation_requests {
//!     println!("{:?}", request.allocations);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::allocations::ProviderAllocation;
use super::resource_providers::resources_param;
use super::Resources;
use crate::{path, Op, Query};

/// One request group: the unsuffixed one in [`ListAllocationCandidates`], or a granular
/// one in its `groups`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestGroup {
    /// Amounts by resource class (`resources[N]`).
    pub resources: Resources,
    /// One `required[N]` parameter each: traits, comma-separated (`!T` forbids, 1.22;
    /// repeated and `in:A,B`, 1.39).
    pub required: Vec<String>,
    /// One `member_of[N]` parameter each (1.21; repeated 1.24; `!` 1.32).
    pub member_of: Vec<String>,
    /// Only providers in this provider's tree (`in_tree[N]`, 1.31).
    pub in_tree: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListAllocationCandidates {
    /// Amounts by resource class of the unsuffixed group.
    pub resources: Resources,
    /// Traits of the unsuffixed group (1.17).
    pub required: Vec<String>,
    /// Aggregates of the unsuffixed group (1.21).
    pub member_of: Vec<String>,
    /// Tree of the unsuffixed group (1.31).
    pub in_tree: Option<String>,
    /// Granular groups by suffix (1.25; digits until 1.33, then `[a-zA-Z0-9_-]{1,64}`).
    pub groups: BTreeMap<String, RequestGroup>,
    /// `none` or `isolate`: whether groups may share a provider (1.25; required with more
    /// than one group).
    pub group_policy: Option<String>,
    /// At most this many candidates (1.16).
    pub limit: Option<u32>,
    /// One `root_required` parameter each: traits the tree's root must (not) have (1.35).
    pub root_required: Vec<String>,
    /// One `same_subtree` parameter each: comma-separated group suffixes (1.36).
    pub same_subtree: Vec<String>,
}

fn push_group(q: Query, suffix: &str, g: &RequestGroup) -> Query {
    q.push_opt(format!("resources{suffix}"), resources_param(&g.resources))
        .push_all(&format!("required{suffix}"), &g.required)
        .push_all(&format!("member_of{suffix}"), &g.member_of)
        .push_opt(format!("in_tree{suffix}"), g.in_tree.as_deref())
}

/// `GET /allocation_candidates` (handle's microversion, at least 1.10).
pub fn list(filter: &ListAllocationCandidates) -> Op<AllocationCandidates> {
    let unsuffixed = RequestGroup {
        resources: filter.resources.clone(),
        required: filter.required.clone(),
        member_of: filter.member_of.clone(),
        in_tree: filter.in_tree.clone(),
    };
    let mut q = push_group(Query::new(), "", &unsuffixed);
    for (suffix, group) in &filter.groups {
        q = push_group(q, suffix, group);
    }
    let q = q
        .push_opt("group_policy", filter.group_policy.as_deref())
        .push_opt("limit", filter.limit)
        .push_all("root_required", &filter.root_required)
        .push_all("same_subtree", &filter.same_subtree);
    Op::get(path!("allocation_candidates"))
        .query(q)
        .decode_body()
}

/// The answer of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllocationCandidates {
    /// Each a complete set of allocations that satisfies the request.
    pub allocation_requests: Vec<AllocationRequest>,
    /// Every provider named in a request, by uuid.
    pub provider_summaries: BTreeMap<String, ProviderSummary>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One candidate: allocations ready for [`allocations::put`](super::allocations::put).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationRequest {
    /// The allocations, in the shape of the microversion.
    pub allocations: CandidateAllocations,
    /// Which providers satisfy which request group, by suffix (`""` for the unsuffixed
    /// group) (1.34+).
    pub mappings: Option<BTreeMap<String, Vec<String>>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A provider reference of the list form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRef {
    /// Provider uuid.
    pub uuid: String,
}

/// One entry of the list form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedAllocation {
    /// The provider.
    pub resource_provider: ProviderRef,
    /// Amounts by resource class.
    #[serde(default)]
    pub resources: Resources,
}

/// The allocations of a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CandidateAllocations {
    /// 1.12+: by provider uuid.
    ByProvider(BTreeMap<String, ProviderAllocation>),
    /// 1.10–1.11: a list of provider and resources.
    List(Vec<ListedAllocation>),
}

impl Default for CandidateAllocations {
    fn default() -> Self {
        CandidateAllocations::ByProvider(BTreeMap::new())
    }
}

impl CandidateAllocations {
    /// Amounts by provider uuid, whatever the shape.
    pub fn by_provider(&self) -> BTreeMap<String, Resources> {
        match self {
            CandidateAllocations::ByProvider(m) => m
                .iter()
                .map(|(rp, a)| (rp.clone(), a.resources.clone()))
                .collect(),
            CandidateAllocations::List(l) => l
                .iter()
                .map(|a| (a.resource_provider.uuid.clone(), a.resources.clone()))
                .collect(),
        }
    }
}

/// Capacity and use of one resource class of a provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    /// `(total - reserved) * allocation_ratio`.
    pub capacity: u64,
    /// Allocated.
    pub used: u64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A provider named by the candidates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderSummary {
    /// By resource class (every class the provider has from 1.27, only the requested
    /// ones before).
    #[serde(default)]
    pub resources: BTreeMap<String, Capacity>,
    /// The provider's traits (1.17+).
    pub traits: Option<Vec<String>>,
    /// Parent provider (1.29+; `None` for a root).
    pub parent_provider_uuid: Option<String>,
    /// Root provider (1.29+).
    pub root_provider_uuid: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn groups_get_their_suffix() {
        let svc = ServiceEndpoint::new(ServiceType::PLACEMENT, "http://h/").unwrap();
        let req = list(&ListAllocationCandidates {
            resources: [("VCPU".to_string(), 1)].into(),
            groups: [(
                "_NET1".to_string(),
                RequestGroup {
                    resources: [("NET_BW_EGR_KILOBIT_PER_SEC".to_string(), 10)].into(),
                    required: vec!["CUSTOM_PHYSNET1".into()],
                    ..Default::default()
                },
            )]
            .into(),
            group_policy: Some("isolate".into()),
            limit: Some(5),
            same_subtree: vec!["_NET1,".into()],
            ..Default::default()
        })
        .request(&svc)
        .unwrap();
        assert_eq!(
            req.uri().query().unwrap(),
            "resources=VCPU%3A1&resources_NET1=NET_BW_EGR_KILOBIT_PER_SEC%3A10\
             &required_NET1=CUSTOM_PHYSNET1&group_policy=isolate&limit=5&same_subtree=_NET1%2C"
        );
    }
}
