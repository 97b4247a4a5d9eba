//! Keystone v3 endpoint policies (`OS-ENDPOINT-POLICY`): which stored
//! [policy](super::policies) an endpoint should use. A policy is tied to one endpoint, to
//! every endpoint of a service, or to a service's endpoints in one region; the most
//! specific association wins when an endpoint asks for its policy.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::identity::v3::endpoint_policy::{self, Target};
//! let keystone = client.identity();
//! let target = Target::ServiceRegion { service_id: "9242e0".into(), region_id: "RegionOne".into() };
//! keystone.call(&endpoint_policy::associate("13c928", &target)).await?;
//! keystone.call(&endpoint_policy::check("13c928", &target)).await?;
//! let policy = keystone.call(&endpoint_policy::for_endpoint("6fedc0")).await?;
//! let endpoints = keystone.collect_all(endpoint_policy::endpoints("13c928")).await?;
//! keystone.call(&endpoint_policy::dissociate("13c928", &target)).await?;
//! # Ok(()) }
//! ```

use super::endpoints::Endpoint;
use super::policies::Policy;
use crate::{path, InvalidInput, List, Op, Paging};

/// What a policy is tied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One endpoint.
    Endpoint(String),
    /// Every endpoint of a service.
    Service(String),
    /// A service's endpoints in one region.
    ServiceRegion {
        /// The service.
        service_id: String,
        /// The region.
        region_id: String,
    },
}

impl Target {
    fn path(&self, policy_id: &str) -> Result<String, InvalidInput> {
        match self {
            Target::Endpoint(endpoint_id) => path!(
                "policies/{}/OS-ENDPOINT-POLICY/endpoints/{}",
                policy_id,
                endpoint_id
            ),
            Target::Service(service_id) => path!(
                "policies/{}/OS-ENDPOINT-POLICY/services/{}",
                policy_id,
                service_id
            ),
            Target::ServiceRegion {
                service_id,
                region_id,
            } => path!(
                "policies/{}/OS-ENDPOINT-POLICY/services/{}/regions/{}",
                policy_id,
                service_id,
                region_id
            ),
        }
    }
}

/// `PUT /v3/policies/{policy_id}/OS-ENDPOINT-POLICY/{endpoints/{id} | services/{id} |
/// services/{id}/regions/{id}}` (204): ties the policy to the target.
pub fn associate(policy_id: &str, target: &Target) -> Op<()> {
    Op::put(target.path(policy_id))
}

/// `HEAD` of the same path: `Ok` when the policy is tied to exactly this target (404 when
/// not).
pub fn check(policy_id: &str, target: &Target) -> Op<()> {
    Op::head(target.path(policy_id))
}

/// `DELETE` of the same path: unties them.
pub fn dissociate(policy_id: &str, target: &Target) -> Op<()> {
    Op::delete(target.path(policy_id))
}

/// `GET /v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints`: every endpoint the policy
/// applies to, through any kind of association.
pub fn endpoints(policy_id: &str) -> List<Endpoint> {
    List::new(
        path!("policies/{}/OS-ENDPOINT-POLICY/endpoints", policy_id),
        "endpoints",
        Paging::Linked,
    )
}

/// `GET /v3/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy`: the policy that applies to
/// an endpoint (the most specific association; 404 when none).
pub fn for_endpoint(endpoint_id: &str) -> Op<Policy> {
    Op::get(path!("endpoints/{}/OS-ENDPOINT-POLICY/policy", endpoint_id)).decode_key("policy")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn each_target_has_its_path() {
        let ks = ServiceEndpoint::new(ServiceType::IDENTITY, "http://h/v3").unwrap();
        let region = Target::ServiceRegion {
            service_id: "s".into(),
            region_id: "r/1".into(),
        };
        let req = associate("p", &region).request(&ks).unwrap();
        assert_eq!(
            req.uri().path(),
            "/v3/policies/p/OS-ENDPOINT-POLICY/services/s/regions/r%2F1"
        );
        let req = check("p", &Target::Endpoint("e".into()))
            .request(&ks)
            .unwrap();
        assert_eq!(req.method(), "HEAD");
        assert!(dissociate("p", &Target::Service(String::new()))
            .request(&ks)
            .is_err());
    }
}
