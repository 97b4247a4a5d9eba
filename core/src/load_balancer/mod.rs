//! Load balancing (Octavia) v2: [`loadbalancers`] (CRUD, cascade delete, stats, status
//! tree, failover, single-call graph create), [`listeners`], [`pools`] with members,
//! [`health_monitors`] and [`l7policies`] with their rules; and the operator side:
//! [`amphorae`], [`flavors`], [`flavor_profiles`], [`availability_zones`],
//! [`availability_zone_profiles`], [`providers`] and [`quotas`]. Octavia's version list is
//! [`version::discover_all`](crate::catalog::version::discover_all).
//!
//! Paths are relative (`lbaas/...`). [`Client::load_balancer`](crate::Client::load_balancer)
//! reaches Octavia's `load-balancer` endpoint at `v2/lbaas/...`. The same operations also
//! serve the legacy Neutron LBaaS v2 API: run them through
//! [`Client::network`](crate::Client::network), whose suffix is `v2.0`, and they go to
//! `v2.0/lbaas/...`.
//!
//! Every object with a provisioning status implements [`HasStatus`](crate::HasStatus)
//! (`provisioning_status`), so `wait_for_status(&get(id), READY, FAILED, …)` waits for a
//! change to settle. A change to any child (listener, pool, member, …) puts its load
//! balancer in `PENDING_UPDATE` until the change is done, and Octavia refuses any other
//! change to the load balancer or its children meanwhile with 409 Conflict
//! ([`is_immutable`]): wait for the load balancer to be `ACTIVE` again before the next
//! change.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::load_balancer::{self, listeners, loadbalancers, Protocol, FAILED, READY};
//! use ferrocloud::Wait;
//! let octavia = client.load_balancer();
//! let create = listeners::CreateListener {
//!     loadbalancer_id: Some("8a5623".into()),
//!     protocol: Protocol::Http,
//!     protocol_port: 80,
//!     ..Default::default()
//! };
//! let listener = match octavia.call(&listeners::create(&create)).await {
//!     Err(e) if load_balancer::is_immutable(&e) => {
//!         // Another change is still running: let it finish, then try once more.
//!         octavia.wait_for_status(&loadbalancers::get("8a5623"), READY, FAILED, Wait::default()).await?;
//!         octavia.call(&listeners::create(&create)).await?
//!     }
//!     other => other?,
//! };
//! octavia.wait_for_status(&listeners::get(&listener.id), READY, FAILED, Wait::default()).await?;
//! # Ok(()) }
//! ```

pub mod amphorae;
pub mod availability_zone_profiles;
pub mod availability_zones;
pub mod flavor_profiles;
pub mod flavors;
pub mod health_monitors;
pub mod l7policies;
pub mod listeners;
pub mod loadbalancers;
pub mod pools;
pub mod providers;
pub mod quotas;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Error, Query};

crate::string_enum! {
    /// The provisioning status of a load-balancing object.
    pub enum ProvisioningStatus {
        /// Provisioned.
        Active = "ACTIVE",
        /// Deleted.
        Deleted = "DELETED",
        /// Provisioning failed.
        Error = "ERROR",
        /// Being created.
        PendingCreate = "PENDING_CREATE",
        /// Being updated.
        PendingUpdate = "PENDING_UPDATE",
        /// Being deleted.
        PendingDelete = "PENDING_DELETE",
    }
}

crate::string_enum! {
    /// The operating status of a load-balancing object.
    pub enum OperatingStatus {
        /// Working.
        Online = "ONLINE",
        /// Taking no new connections.
        Draining = "DRAINING",
        /// Administratively down.
        Offline = "OFFLINE",
        /// Some of its members are down.
        Degraded = "DEGRADED",
        /// Failed.
        Error = "ERROR",
        /// No health monitor, so no status.
        NoMonitor = "NO_MONITOR",
    }
}

crate::string_enum! {
    /// A listener or pool protocol.
    pub enum Protocol {
        /// HTTP.
        Http = "HTTP",
        /// HTTPS passed through.
        Https = "HTTPS",
        /// TCP.
        Tcp = "TCP",
        /// HTTPS terminated at the load balancer.
        TerminatedHttps = "TERMINATED_HTTPS",
        /// UDP.
        Udp = "UDP",
        /// SCTP.
        Sctp = "SCTP",
        /// PROXY protocol (pools).
        Proxy = "PROXY",
        /// PROXY protocol v2 (pools).
        ProxyV2 = "PROXYV2",
    }
}

/// A reference by id, as objects list their related objects (`{"id": …}`).
///
/// Full objects in the same place (a single-call create answer) are accepted too; their
/// other fields land in `extra`. A repeated `id` key is tolerated (the last wins), as two
/// official samples have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IdRef {
    /// The id.
    pub id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for IdRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IdRef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with an id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IdRef, A::Error> {
                let mut id = None;
                let mut extra = Map::new();
                while let Some(k) = map.next_key::<String>()? {
                    if k == "id" {
                        id = Some(map.next_value::<String>()?);
                    } else {
                        let v = map.next_value::<Value>()?;
                        extra.insert(k, v);
                    }
                }
                let id = id.ok_or_else(|| serde::de::Error::missing_field("id"))?;
                Ok(IdRef { id, extra })
            }
        }
        d.deserialize_map(V)
    }
}

/// The statuses a provisioning-status wait ends well on: `ACTIVE`.
pub const READY: &[ProvisioningStatus] = &[ProvisioningStatus::Active];

/// The statuses a provisioning-status wait ends badly on: `ERROR`.
pub const FAILED: &[ProvisioningStatus] = &[ProvisioningStatus::Error];

impl ProvisioningStatus {
    /// `PENDING_CREATE`, `PENDING_UPDATE` or `PENDING_DELETE`: a change is running, and
    /// Octavia refuses others on the object and its load balancer until it ends.
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            Self::PendingCreate | Self::PendingUpdate | Self::PendingDelete
        )
    }
}

/// `true` when `err` is Octavia's refusal to change an object while it or its load
/// balancer is `PENDING_*`: 409 Conflict, "Load Balancer … is immutable and cannot be
/// updated." (a child's change) or "Invalid state PENDING_CREATE of loadbalancer resource
/// …" (the load balancer's own). Wait for the load balancer to reach `ACTIVE` (see the
/// [module docs](self)) and send the change again. Other 409s (a port already in use, a
/// duplicate member, a flavor in use) are not this.
pub fn is_immutable(err: &Error) -> bool {
    let Some(h) = err.http().filter(|_| err.is_conflict()) else {
        return false;
    };
    let m = h.message().to_ascii_lowercase();
    m.contains("is immutable") || (m.contains("invalid state pending_"))
}

/// The filters every Octavia object shares, as each resource's list filter spells them.
fn status_query(
    q: Query,
    provisioning_status: &Option<ProvisioningStatus>,
    operating_status: &Option<OperatingStatus>,
    admin_state_up: Option<bool>,
) -> Query {
    q.push_opt(
        "provisioning_status",
        provisioning_status.as_ref().map(|s| s.as_str()),
    )
    .push_opt(
        "operating_status",
        operating_status.as_ref().map(|s| s.as_str()),
    )
    .push_opt("admin_state_up", admin_state_up)
}

/// Traffic counters of a load balancer or listener.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stats {
    /// Bytes received.
    pub bytes_in: u64,
    /// Bytes sent.
    pub bytes_out: u64,
    /// Open connections.
    pub active_connections: u64,
    /// Connections handled.
    pub total_connections: u64,
    /// Requests that failed.
    pub request_errors: u64,
}

macro_rules! has_status {
    ($($t:ty: $kind:literal),*) => {$(
        impl crate::HasStatus for $t {
            const KIND: &'static str = $kind;
            fn id(&self) -> Option<&str> {
                Some(&self.id)
            }
            type Status = ProvisioningStatus;
            fn status(&self) -> Option<ProvisioningStatus> {
                Some(self.provisioning_status.clone())
            }
        }
    )*};
}
pub(crate) use has_status;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_refs_tolerate_duplicates_and_full_objects() {
        let r: Vec<IdRef> =
            serde_json::from_str(r#"[{"id": "a", "id": "b"}, {"id": "c", "name": "n"}]"#).unwrap();
        assert_eq!(r[0].id, "b");
        assert_eq!(r[1].extra["name"], "n");
        assert!(serde_json::from_str::<IdRef>(r#"{"name": "x"}"#).is_err());
        let s: ProvisioningStatus = serde_json::from_str("\"PENDING_FAILOVER\"").unwrap();
        assert_eq!(s, ProvisioningStatus::Other("PENDING_FAILOVER".into()));
    }

    #[test]
    fn immutable_is_the_pending_409_only() {
        let err = |status: u16, body: &str| {
            let resp = http::Response::builder()
                .status(status)
                .body(bytes::Bytes::from(body.to_owned()))
                .unwrap();
            Error::from_response(
                &http::Method::PUT,
                "http://o/v2/lbaas/loadbalancers/1",
                &resp,
            )
        };
        let pending = err(
            409,
            r#"{"faultcode": "Client", "faultstring": "Load Balancer 1 is immutable and cannot be updated.", "debuginfo": null}"#,
        );
        assert!(is_immutable(&pending));
        let own = err(
            409,
            r#"{"faultcode": "Client", "faultstring": "Invalid state PENDING_CREATE of loadbalancer resource 1", "debuginfo": null}"#,
        );
        assert!(is_immutable(&own));
        let duplicate = err(
            409,
            r#"{"faultcode": "Client", "faultstring": "Another member on this pool is already using ip 192.0.2.1 on protocol_port 80", "debuginfo": null}"#,
        );
        assert!(!is_immutable(&duplicate));
        assert!(!is_immutable(&err(400, r#"{"faultstring": "immutable"}"#)));
        assert!(ProvisioningStatus::PendingUpdate.is_pending());
        assert!(!ProvisioningStatus::Error.is_pending());
    }

    #[test]
    fn typed_filters_reach_the_query() {
        use crate::{Operation, ServiceEndpoint, ServiceType};
        let octavia = ServiceEndpoint::new(ServiceType::LOAD_BALANCER, "http://o:9876").unwrap();
        let lbs = loadbalancers::list(&loadbalancers::ListLoadBalancers {
            vip_address: Some("203.0.113.50".into()),
            provisioning_status: Some(ProvisioningStatus::Active),
            admin_state_up: Some(true),
            common: crate::ListCommon {
                sort: vec![("name".into(), crate::SortDir::Asc)],
                limit: Some(2),
                ..Default::default()
            },
            ..Default::default()
        });
        assert_eq!(
            lbs.request(&octavia).unwrap().uri().to_string(),
            "http://o:9876/v2/lbaas/loadbalancers?vip_address=203.0.113.50&provisioning_status=ACTIVE&admin_state_up=true&sort=name%3Aasc&limit=2"
        );
        let pools = pools::list(&pools::ListPools {
            lb_algorithm: Some(pools::LbAlgorithm::LeastConnections),
            protocol: Some(Protocol::Http),
            ..Default::default()
        });
        assert_eq!(
            pools.request(&octavia).unwrap().uri().to_string(),
            "http://o:9876/v2/lbaas/pools?protocol=HTTP&lb_algorithm=LEAST_CONNECTIONS"
        );
        let rules = l7policies::list_rules(
            "p1",
            &l7policies::ListL7Rules {
                kind: Some(l7policies::RuleType::Header),
                invert: Some(false),
                ..Default::default()
            },
        );
        assert_eq!(
            rules.request(&octavia).unwrap().uri().to_string(),
            "http://o:9876/v2/lbaas/l7policies/p1/rules?type=HEADER&invert=false"
        );
    }
}
