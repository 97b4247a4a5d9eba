//! Neutron RBAC policies (`/v2.0/rbac-policies`, extension `rbac-policies`): share a
//! network, QoS policy, security group, address scope, subnet pool, address group or
//! BGP VPN with one project (or every project, `*`), or make a network usable as an
//! external network by them.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::rbac_policies::{self, CreateRbacPolicy, ListRbacPolicies, ObjectType, RbacAction};
//! let neutron = client.network();
//! let share = neutron
//!     .call(&rbac_policies::create(&CreateRbacPolicy::new(
//!         ObjectType::Network,
//!         "net-id",
//!         RbacAction::AccessAsShared,
//!         "demo-project-id",
//!     )))
//!     .await?;
//! let of_net = neutron
//!     .collect_all(rbac_policies::list(&ListRbacPolicies { object_id: Some("net-id".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&rbac_policies::delete(&share.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, string_enum, InvalidInput, List, ListCommon, Op};

string_enum! {
    /// What kind of object a policy shares.
    pub enum ObjectType {
        /// A network.
        Network = "network",
        /// A QoS policy.
        QosPolicy = "qos_policy",
        /// A security group.
        SecurityGroup = "security_group",
        /// An address scope.
        AddressScope = "address_scope",
        /// A subnet pool.
        Subnetpool = "subnetpool",
        /// An address group.
        AddressGroup = "address_group",
        /// A BGP VPN.
        Bgpvpn = "bgpvpn",
    }
}

string_enum! {
    /// What a policy allows the target project.
    pub enum RbacAction {
        /// Use the object as if it were shared.
        AccessAsShared = "access_as_shared",
        /// Use the network as an external network (networks only).
        AccessAsExternal = "access_as_external",
    }
}

/// An RBAC policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RbacPolicy {
    /// Id.
    pub id: String,
    /// Kind of object shared.
    #[serde(default)]
    pub object_type: ObjectType,
    /// The object shared.
    #[serde(default)]
    pub object_id: String,
    /// What the target may do.
    #[serde(default)]
    pub action: RbacAction,
    /// The project it is shared with (`*`: every project).
    #[serde(default)]
    pub target_tenant: String,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateRbacPolicy::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateRbacPolicy {
    /// What to share.
    pub action: RbacAction,
    /// Kind of object.
    pub object_type: ObjectType,
    /// With whom (`*`: every project).
    pub target_tenant: String,
    /// The object.
    pub object_id: String,
    /// Owner (admin creating for another project).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateRbacPolicy {
    /// Share `object_id` (of kind `object_type`) with `target_tenant` for `action`.
    pub fn new(
        object_type: ObjectType,
        object_id: &str,
        action: RbacAction,
        target_tenant: &str,
    ) -> Self {
        CreateRbacPolicy {
            action,
            object_type,
            target_tenant: target_tenant.into(),
            object_id: object_id.into(),
            project_id: None,
            tenant_id: None,
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.object_id.is_empty(),
            "object_id",
            "a policy shares an object",
        )
        .and(InvalidInput::require(
            !self.target_tenant.is_empty(),
            "target_tenant",
            "a policy needs a target project (or `*`)",
        ))
        .and(InvalidInput::require(
            self.action != RbacAction::AccessAsExternal || self.object_type == ObjectType::Network,
            "action",
            "access_as_external applies to networks only",
        ))
    }
}

/// The body of [`update`]: the target project is all that changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRbacPolicy {
    /// The new target project (`*`: every project).
    pub target_tenant: String,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRbacPolicies {
    /// Exact id.
    pub id: Option<String>,
    /// Kind of object.
    pub object_type: Option<ObjectType>,
    /// Object.
    pub object_id: Option<String>,
    /// Action.
    pub action: Option<RbacAction>,
    /// Target project.
    pub target_tenant: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "rbac-policies",
    one: "rbac_policy",
    many: "rbac_policies",
};

/// `GET /v2.0/rbac-policies`: Neutron does not page RBAC policies (one page whatever
/// `limit`; read through `rbac_policies_links` should a release add them).
pub fn list(f: &ListRbacPolicies) -> List<RbacPolicy> {
    RESOURCE.list(
        query!(
            id: f.id.as_deref(),
            object_type: f.object_type.as_ref(),
            object_id: f.object_id.as_deref(),
            action: f.action.as_ref(),
            target_tenant: f.target_tenant.as_deref(),
            project_id: f.project_id.as_deref(),
            tenant_id: f.tenant_id.as_deref(),
        ),
        &f.common,
    )
}

/// `GET /v2.0/rbac-policies/{rbac_policy_id}`.
pub fn get(rbac_policy_id: &str) -> Op<RbacPolicy> {
    RESOURCE.get(rbac_policy_id)
}

/// `POST /v2.0/rbac-policies`.
pub fn create(policy: &CreateRbacPolicy) -> Op<RbacPolicy> {
    RESOURCE.create(policy.check(), policy)
}

/// `PUT /v2.0/rbac-policies/{rbac_policy_id}`.
pub fn update(rbac_policy_id: &str, update: &UpdateRbacPolicy) -> Op<RbacPolicy> {
    RESOURCE.update(rbac_policy_id, update)
}

/// `DELETE /v2.0/rbac-policies/{rbac_policy_id}` (409 while the target still uses the
/// object).
pub fn delete(rbac_policy_id: &str) -> Op<()> {
    RESOURCE.delete(rbac_policy_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn external_only_for_networks_and_unknown_kinds_kept() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let bad = CreateRbacPolicy::new(
            ObjectType::QosPolicy,
            "q",
            RbacAction::AccessAsExternal,
            "*",
        );
        assert!(create(&bad).request(&neutron).is_err());
        let ok = CreateRbacPolicy::new(ObjectType::Network, "n", RbacAction::AccessAsExternal, "*");
        assert!(create(&ok).request(&neutron).is_ok());
        let p: RbacPolicy =
            serde_json::from_str(r#"{"id": "r", "object_type": "router", "action": "x"}"#).unwrap();
        assert_eq!(p.object_type, ObjectType::Other("router".into()));
    }
}
