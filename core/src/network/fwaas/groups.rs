//! FWaaS v2 firewall groups (`/v2.0/fwaas/firewall_groups`): an ingress and an egress
//! [policy](super::policies) applied to a set of ports. Removing a policy from a group is
//! an update that sets it to `null` ([`remove_ingress_policy`], [`remove_egress_policy`]).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::fwaas::groups::{self, CreateFirewallGroup, ListFirewallGroups, UpdateFirewallGroup};
//! use ferrocloud::{Patch, Wait};
//! let neutron = client.network();
//! let group = neutron
//!     .call(&groups::create(&CreateFirewallGroup {
//!         name: Some("edge".into()),
//!         egress_firewall_policy_id: Some("14c9d3c1".into()),
//!         ports: vec!["650bfd2f".into()],
//!         ..Default::default()
//!     }))
//!     .await?;
//! let group = neutron
//!     .wait_for_status(&groups::get(&group.id), &[groups::FirewallGroupStatus::Active, groups::FirewallGroupStatus::Inactive], &[groups::FirewallGroupStatus::Error], Wait::default())
//!     .await?;
//! neutron
//!     .call(&groups::update(&group.id, &UpdateFirewallGroup {
//!         egress_firewall_policy_id: Patch::Null,
//!         ..Default::default()
//!     }))
//!     .await?;
//! let mine = neutron
//!     .collect_all(groups::list(&ListFirewallGroups { name: Some("edge".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&groups::delete(&group.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::network::shared;
use crate::{query, string_enum, HasStatus, InvalidInput, List, ListCommon, Op, Patch, Timestamp};

string_enum! {
    /// A firewall group's status.
    pub enum FirewallGroupStatus {
        /// Applied to its ports.
        Active = "ACTIVE",
        /// No ports or no policy: nothing to enforce.
        Inactive = "INACTIVE",
        /// Administratively down.
        Down = "DOWN",
        /// The backend failed.
        Error = "ERROR",
        /// Being created.
        PendingCreate = "PENDING_CREATE",
        /// Being updated.
        PendingUpdate = "PENDING_UPDATE",
        /// Being deleted.
        PendingDelete = "PENDING_DELETE",
    }
}

/// A firewall group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FirewallGroup {
    /// Firewall group id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The policy applied to traffic entering the ports (`None`: none).
    pub ingress_firewall_policy_id: Option<String>,
    /// The policy applied to traffic leaving the ports (`None`: none).
    pub egress_firewall_policy_id: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// The ports it applies to.
    #[serde(default)]
    pub ports: Vec<String>,
    /// Visible to every project.
    pub shared: Option<bool>,
    /// Status.
    #[serde(default)]
    pub status: FirewallGroupStatus,
    /// Revision, bumped on every change (`standard-attr-revisions`).
    pub revision_number: Option<u64>,
    /// Creation time (`standard-attr-timestamp`).
    pub created_at: Option<Timestamp>,
    /// Last change (`standard-attr-timestamp`).
    pub updated_at: Option<Timestamp>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HasStatus for FirewallGroup {
    const KIND: &'static str = "firewall group";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = FirewallGroupStatus;
    fn status(&self) -> Option<FirewallGroupStatus> {
        Some(self.status.clone())
    }
}

/// The body of [`create`] (every field optional: an empty group has no ports and no
/// policies).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateFirewallGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Ingress policy.
    pub ingress_firewall_policy_id: Option<String>,
    /// Egress policy.
    pub egress_firewall_policy_id: Option<String>,
    /// Administrative state (default up).
    pub admin_state_up: Option<bool>,
    /// Ports to protect (router or VM ports of the same project).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<String>,
    /// Share with every project (admin).
    pub shared: Option<bool>,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

/// The body of [`update`]: `Keep`/`None` leaves a field as it is; the policies take
/// [`Patch::Null`] to remove them.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateFirewallGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Ingress policy (`Null` removes it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub ingress_firewall_policy_id: Patch<String>,
    /// Egress policy (`Null` removes it).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub egress_firewall_policy_id: Patch<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// The ports, replacing the current set (`Some(vec![])` clears it).
    pub ports: Option<Vec<String>>,
    /// Shared.
    pub shared: Option<bool>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFirewallGroups {
    /// Exact id.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Groups with this ingress policy.
    pub ingress_firewall_policy_id: Option<String>,
    /// Groups with this egress policy.
    pub egress_firewall_policy_id: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Groups on these ports (one `ports=` parameter each).
    pub ports: Vec<String>,
    /// Status.
    pub status: Option<FirewallGroupStatus>,
    /// Shared.
    pub shared: Option<bool>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

impl CreateFirewallGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.ports.iter().all(|p| !p.is_empty()),
            "ports",
            "a port id must not be empty",
        )
        .and(policy_ids_set(
            self.ingress_firewall_policy_id.as_deref(),
            self.egress_firewall_policy_id.as_deref(),
        ))
    }
}

/// The value a patch sets, if it sets one.
fn set(p: &Patch<String>) -> Option<&str> {
    match p {
        Patch::Set(v) => Some(v),
        _ => None,
    }
}

impl UpdateFirewallGroup {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            self.ports.iter().flatten().all(|p| !p.is_empty()),
            "ports",
            "a port id must not be empty",
        )
        .and(policy_ids_set(
            set(&self.ingress_firewall_policy_id),
            set(&self.egress_firewall_policy_id),
        ))
    }
}

/// FWaaS v2 takes a policy UUID or `null`, never `""` (remove a policy with `Patch::Null`).
fn policy_ids_set(ingress: Option<&str>, egress: Option<&str>) -> Result<(), InvalidInput> {
    InvalidInput::require(
        ingress != Some(""),
        "ingress_firewall_policy_id",
        "an empty id is not a policy (remove the policy with null instead)",
    )
    .and(InvalidInput::require(
        egress != Some(""),
        "egress_firewall_policy_id",
        "an empty id is not a policy (remove the policy with null instead)",
    ))
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "fwaas/firewall_groups",
    one: "firewall_group",
    many: "firewall_groups",
};

/// `GET /v2.0/fwaas/firewall_groups`, paged through `firewall_groups_links`.
pub fn list(f: &ListFirewallGroups) -> List<FirewallGroup> {
    let mut q = query!(
        id: f.id.as_deref(),
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        ingress_firewall_policy_id: f.ingress_firewall_policy_id.as_deref(),
        egress_firewall_policy_id: f.egress_firewall_policy_id.as_deref(),
        admin_state_up: f.admin_state_up,
        status: f.status.as_ref().map(FirewallGroupStatus::as_str),
        shared: f.shared,
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    for p in &f.ports {
        q = q.push("ports", p);
    }
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/fwaas/firewall_groups/{firewall_group_id}`.
pub fn get(firewall_group_id: &str) -> Op<FirewallGroup> {
    RESOURCE.get(firewall_group_id)
}

/// `POST /v2.0/fwaas/firewall_groups`.
pub fn create(group: &CreateFirewallGroup) -> Op<FirewallGroup> {
    RESOURCE.create(group.check(), group)
}

/// `PUT /v2.0/fwaas/firewall_groups/{firewall_group_id}`.
pub fn update(firewall_group_id: &str, update: &UpdateFirewallGroup) -> Op<FirewallGroup> {
    RESOURCE
        .update(firewall_group_id, update)
        .check(update.check())
}

/// `PUT /v2.0/fwaas/firewall_groups/{firewall_group_id}` with
/// `{"ingress_firewall_policy_id": null}`: the group stops filtering ingress traffic
/// (gophercloud's `RemoveIngressPolicy`).
pub fn remove_ingress_policy(firewall_group_id: &str) -> Op<FirewallGroup> {
    update(
        firewall_group_id,
        &UpdateFirewallGroup {
            ingress_firewall_policy_id: Patch::Null,
            ..Default::default()
        },
    )
}

/// `PUT /v2.0/fwaas/firewall_groups/{firewall_group_id}` with
/// `{"egress_firewall_policy_id": null}` (gophercloud's `RemoveEgressPolicy`).
pub fn remove_egress_policy(firewall_group_id: &str) -> Op<FirewallGroup> {
    update(
        firewall_group_id,
        &UpdateFirewallGroup {
            egress_firewall_policy_id: Patch::Null,
            ..Default::default()
        },
    )
}

/// `DELETE /v2.0/fwaas/firewall_groups/{firewall_group_id}` (409 while it is applied to
/// ports).
pub fn delete(firewall_group_id: &str) -> Op<()> {
    RESOURCE.delete(firewall_group_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    fn neutron() -> ServiceEndpoint {
        ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap()
    }

    fn body<O: Operation>(op: O) -> Value {
        serde_json::from_slice(op.request(&neutron()).unwrap().body()).unwrap()
    }

    #[test]
    fn removing_a_policy_sends_null_and_nothing_else() {
        let req = remove_ingress_policy("g1").request(&neutron()).unwrap();
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(req.uri().path(), "/v2.0/fwaas/firewall_groups/g1");
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            serde_json::json!({"firewall_group": {"ingress_firewall_policy_id": null}})
        );
        assert_eq!(
            body(remove_egress_policy("g1")),
            serde_json::json!({"firewall_group": {"egress_firewall_policy_id": null}})
        );
        // Keep leaves both out; an empty port list is sent to clear the ports.
        let clear = UpdateFirewallGroup {
            ports: Some(vec![]),
            ..Default::default()
        };
        assert_eq!(
            body(update("g1", &clear)),
            serde_json::json!({"firewall_group": {"ports": []}})
        );
    }

    #[test]
    fn empty_ids_fail_before_io() {
        let bad_port = CreateFirewallGroup {
            ports: vec![String::new()],
            ..Default::default()
        };
        let bad_policy = UpdateFirewallGroup {
            egress_firewall_policy_id: Patch::Set(String::new()),
            ..Default::default()
        };
        for err in [
            create(&bad_port).request(&neutron()).unwrap_err(),
            update("g", &bad_policy).request(&neutron()).unwrap_err(),
        ] {
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
    }

    #[test]
    fn list_repeats_ports() {
        use crate::Paginated;
        let l = list(&ListFirewallGroups {
            ports: vec!["a".into(), "b".into()],
            status: Some(FirewallGroupStatus::Active),
            ..Default::default()
        });
        let req = l.first_request(&neutron()).unwrap();
        assert_eq!(
            req.uri().to_string(),
            "http://h:9696/v2.0/fwaas/firewall_groups?status=ACTIVE&ports=a&ports=b"
        );
    }
}
