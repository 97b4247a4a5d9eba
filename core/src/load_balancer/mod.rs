//! Load balancing (Octavia) v2: [`loadbalancers`] (CRUD, cascade delete, stats, status
//! tree, failover, single-call graph create), [`listeners`], [`pools`] with members,
//! [`health_monitors`] and [`l7policies`] with their rules.
//!
//! Paths are relative (`lbaas/...`). [`Client::load_balancer`](crate::Client::load_balancer)
//! reaches Octavia's `load-balancer` endpoint at `v2/lbaas/...`. The same operations also
//! serve the legacy Neutron LBaaS v2 API: run them through
//! [`Client::network`](crate::Client::network), whose suffix is `v2.0`, and they go to
//! `v2.0/lbaas/...`.
//!
//! Resources with a provisioning status implement [`HasStatus`](crate::HasStatus)
//! (`provisioning_status`), so `wait_for_status(&get(id), &[ProvisioningStatus::Active], &[ProvisioningStatus::Error], …)`
//! waits for a change to settle.

pub mod health_monitors;
pub mod l7policies;
pub mod listeners;
pub mod loadbalancers;
pub mod pools;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ListCommon;
use crate::Query;

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

/// Filters and paging shared by every Octavia list: name, project, statuses, and the
/// [`ListCommon`] block (any attribute can filter through its `extra`).

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// Exact name.
    pub name: Option<String>,
    /// Project (admin).
    pub project_id: Option<String>,
    /// Provisioning status.
    pub provisioning_status: Option<ProvisioningStatus>,
    /// Operating status.
    pub operating_status: Option<OperatingStatus>,
    /// Fields, sort (sent as `sort=key:dir,…`), `limit`/`marker`/`page_reverse`, tag
    /// filters and other attribute filters (`extra`, e.g. `("vip_address", "203.0.113.50")`).
    pub common: ListCommon,
}

impl ListOptions {
    pub(crate) fn query(&self) -> Query {
        let q = crate::query!(
            name: self.name.as_deref(),
            project_id: self.project_id.as_deref(),
            provisioning_status: self.provisioning_status.as_ref().map(|s| s.as_str()),
            operating_status: self.operating_status.as_ref().map(|s| s.as_str()),
        );
        self.common.apply_joined_sort(q)
    }
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
        impl crate::driver::HasStatus for $t {
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
}
