//! Allocations: what a consumer (an instance, a migration, …) uses of which providers.
//! Get, replace or delete a consumer's allocations, write several consumers' at once
//! (`POST /allocations`, 1.13+), and list a provider's allocations.
//!
//! The write body changed over time; [`put`] and [`manage`] send the microversion their
//! body needs: 1.12 (1.13 for [`manage`]) for the provider-keyed form, 1.28 when a
//! [`ConsumerGeneration`] is given (generation-safe writes), 1.38 with a `consumer_type`.
//! [`put_list_form`] sends the older list form (1.0–1.11).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::placement::allocations::{self, PutAllocations, ProviderAllocation};
//! use ferrocloud::placement::ConsumerGeneration;
//! let placement = client.placement().microversion("1.39");
//! let consumer = "0c8e9e2e-4e0f-4bd2-9a3b-1c7f1a2b3c4d";
//! let now = placement.call(&allocations::get(consumer)).await?;
//! let put = PutAllocations {
//!     allocations: [("3b4005be-d64b-456f-ba36-0ffd02718868".to_string(), ProviderAllocation::of([("VCPU", 1), ("MEMORY_MB", 512)]))].into(),
//!     project_id: Some("p".into()),
//!     user_id: Some("u".into()),
//!     consumer_generation: Some(now.consumer_generation.map_or(ConsumerGeneration::New, ConsumerGeneration::Is)),
//!     ..Default::default()
//! };
//! placement.call(&allocations::put(consumer, &put)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{max_version, ConsumerGeneration, Resources};
use crate::{path, InvalidInput, Op};

/// What a consumer uses of one provider.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderAllocation {
    /// Amounts by resource class.
    #[serde(default)]
    pub resources: Resources,
    /// The provider's generation (answered by [`get`]; accepted, and ignored, in writes).
    pub generation: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ProviderAllocation {
    /// Amounts by resource class, e.g. `ProviderAllocation::of([("VCPU", 2)])`.
    pub fn of<'a>(resources: impl IntoIterator<Item = (&'a str, u64)>) -> Self {
        ProviderAllocation {
            resources: resources
                .into_iter()
                .map(|(rc, n)| (rc.to_owned(), n))
                .collect(),
            ..Default::default()
        }
    }
}

/// A consumer's allocations (`GET /allocations/{consumer_uuid}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocations {
    /// By provider uuid.
    #[serde(default)]
    pub allocations: BTreeMap<String, ProviderAllocation>,
    /// Owning project (1.12+; absent for a consumer without allocations).
    pub project_id: Option<String>,
    /// Owning user (1.12+).
    pub user_id: Option<String>,
    /// The consumer's generation, for the next write (1.28+).
    pub consumer_generation: Option<u64>,
    /// `INSTANCE`, `MIGRATION`, `unknown`, … (1.38+).
    pub consumer_type: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A consumer's new allocations (the body of [`put`], and one entry of [`manage`]).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PutAllocations {
    /// By provider uuid (empty in [`manage`]: remove the consumer's allocations).
    pub allocations: BTreeMap<String, ProviderAllocation>,
    /// Owning project (required from 1.8).
    pub project_id: Option<String>,
    /// Owning user (required from 1.8).
    pub user_id: Option<String>,
    /// The generation the write expects (asks for 1.28): [`ConsumerGeneration::New`] for a
    /// consumer without allocations. A stale one gets a generation conflict.
    pub consumer_generation: Option<ConsumerGeneration>,
    /// `INSTANCE`, `MIGRATION`, … (asks for 1.38, which also needs a consumer generation).
    pub consumer_type: Option<String>,
}

impl PutAllocations {
    /// The microversion this body needs, at least `floor`.
    fn microversion(&self, floor: &'static str) -> &'static str {
        let needed = if self.consumer_type.is_some() {
            "1.38"
        } else if self.consumer_generation.is_some() {
            "1.28"
        } else {
            floor
        };
        max_version([needed, floor])
    }
}

/// `GET /allocations/{consumer_uuid}` (handle's microversion: the provider-keyed form
/// from 1.12 on).
pub fn get(consumer_uuid: &str) -> Op<Allocations> {
    Op::get(path!("allocations/{}", consumer_uuid)).decode_body()
}

/// `PUT /allocations/{consumer_uuid}`: replaces the consumer's allocations, at the
/// microversion the body needs (1.12, 1.28 or 1.38).
pub fn put(consumer_uuid: &str, put: &PutAllocations) -> Op<()> {
    Op::put(path!("allocations/{}", consumer_uuid))
        .json(put)
        .microversion(put.microversion("1.12"))
}

/// `PUT /allocations/{consumer_uuid}` in the list form of 1.0–1.11
/// (`[{"resource_provider": {"uuid": …}, "resources": …}]`), for old servers: at 1.8 when
/// a project or user is given, else 1.0. Consumer generations and types do not exist
/// there.
pub fn put_list_form(consumer_uuid: &str, put: &PutAllocations) -> Op<()> {
    #[derive(Serialize)]
    struct Provider<'a> {
        uuid: &'a str,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        resource_provider: Provider<'a>,
        resources: &'a Resources,
    }
    #[serde_with::skip_serializing_none]
    #[derive(Serialize)]
    struct ListForm<'a> {
        allocations: Vec<Entry<'a>>,
        project_id: Option<&'a str>,
        user_id: Option<&'a str>,
    }
    let body = ListForm {
        allocations: put
            .allocations
            .iter()
            .map(|(uuid, a)| Entry {
                resource_provider: Provider { uuid },
                resources: &a.resources,
            })
            .collect(),
        project_id: put.project_id.as_deref(),
        user_id: put.user_id.as_deref(),
    };
    let version = if put.project_id.is_some() || put.user_id.is_some() {
        "1.8"
    } else {
        "1.0"
    };
    Op::put(path!("allocations/{}", consumer_uuid))
        .check(InvalidInput::require(
            put.consumer_generation.is_none() && put.consumer_type.is_none(),
            "consumer_generation",
            "the list form (1.0-1.11) has no consumer generation or type; use put",
        ))
        .json(&body)
        .microversion(version)
}

/// `DELETE /allocations/{consumer_uuid}`: removes every allocation of the consumer, with
/// no generation check ([`put`] with none, or [`manage`] with an empty entry, is the
/// safe way).
pub fn delete(consumer_uuid: &str) -> Op<()> {
    Op::delete(path!("allocations/{}", consumer_uuid))
}

/// `POST /allocations`: writes several consumers' allocations atomically (e.g. moving
/// them from an instance to a migration), at the microversion the bodies need (1.13,
/// 1.28 or 1.38). One stale generation fails the whole batch.
pub fn manage(by_consumer: &BTreeMap<String, PutAllocations>) -> Op<()> {
    let version = max_version(by_consumer.values().map(|p| p.microversion("1.13")));
    let version = max_version([version, "1.13"]);
    Op::post(path!("allocations"))
        .json(by_consumer)
        .microversion(version)
}

/// A provider's allocations, by consumer (`GET /resource_providers/{uuid}/allocations`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderAllocations {
    /// By consumer uuid.
    #[serde(default)]
    pub allocations: BTreeMap<String, ProviderAllocation>,
    /// The provider's generation.
    pub resource_provider_generation: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /resource_providers/{uuid}/allocations`.
pub fn for_provider(rp_uuid: &str) -> Op<ProviderAllocations> {
    Op::get(path!("resource_providers/{}/allocations", rp_uuid)).decode_body()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    fn version(op: &Op<()>) -> String {
        let svc = ServiceEndpoint::new(ServiceType::PLACEMENT, "http://h/").unwrap();
        op.request(&svc).unwrap().headers()["openstack-api-version"]
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn the_body_picks_the_microversion() {
        let mut p = PutAllocations::default();
        assert_eq!(version(&put("c", &p)), "placement 1.12");
        assert_eq!(
            version(&manage(&[("c".into(), p.clone())].into())),
            "placement 1.13"
        );
        p.consumer_generation = Some(ConsumerGeneration::New);
        assert_eq!(version(&put("c", &p)), "placement 1.28");
        let mut q = p.clone();
        q.consumer_type = Some("INSTANCE".into());
        assert_eq!(version(&put("c", &q)), "placement 1.38");
        let both = [("a".to_string(), p.clone()), ("b".to_string(), q)].into();
        assert_eq!(version(&manage(&both)), "placement 1.38");
        assert_eq!(version(&manage(&BTreeMap::new())), "placement 1.13");
        let svc = ServiceEndpoint::new(ServiceType::PLACEMENT, "http://h/").unwrap();
        assert!(put_list_form("c", &p).request(&svc).is_err());
    }
}
