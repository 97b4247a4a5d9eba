//! Neutron network IP availability (`/v2.0/network-ip-availabilities`, extensions
//! `network-ip-availability` and `network-ip-availability-details`, admin): how many
//! addresses each network and each of its subnets has, and how many are in use.
//!
//! IPv6 subnets hold more addresses than a `u64` counts (a `/64` has 2⁶⁴), so counts are
//! `u128`. Neutron writes them as exact JSON integers; above 2⁶⁴ they are read through
//! a double, exact to about 15 significant digits.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::network_ip_availability::{self, ListIpAvailability};
//! let neutron = client.network();
//! let one = neutron.call(&network_ip_availability::get("net-id")).await?;
//! println!("{} of {} used", one.used_ips, one.total_ips);
//! let v4 = neutron
//!     .collect_all(network_ip_availability::list(&ListIpAvailability { ip_version: Some(4), ..Default::default() }))
//!     .await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, List, ListCommon, Op};

/// Address counts of a network or subnet, inside and outside its allocation pools
/// (`ip_availability_details`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpAvailabilityDetails {
    /// Addresses of the CIDR(s).
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub total_ips_in_subnet: u128,
    /// Addresses of the allocation pools.
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub total_ips_in_allocation_pool: u128,
    /// Addresses in use in the CIDR(s).
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub used_ips_in_subnet: u128,
    /// Addresses in use in the allocation pools.
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub used_ips_in_allocation_pool: u128,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One subnet's availability.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetIpAvailability {
    /// Subnet id.
    #[serde(default)]
    pub subnet_id: String,
    /// Subnet name.
    #[serde(default)]
    pub subnet_name: String,
    /// CIDR.
    #[serde(default)]
    pub cidr: String,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: u8,
    /// Addresses (of the allocation pools).
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub total_ips: u128,
    /// Addresses in use.
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub used_ips: u128,
    /// Counts inside and outside the pools (`network-ip-availability-details`).
    pub ip_availability_details: Option<IpAvailabilityDetails>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A network's availability.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkIpAvailability {
    /// Network id.
    #[serde(default)]
    pub network_id: String,
    /// Network name.
    #[serde(default)]
    pub network_name: String,
    /// Addresses of all its subnets.
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub total_ips: u128,
    /// Addresses in use.
    #[serde(default, deserialize_with = "crate::types::flex::flex_count")]
    pub used_ips: u128,
    /// Per subnet.
    #[serde(default)]
    pub subnet_ip_availability: Vec<SubnetIpAvailability>,
    /// Counts inside and outside the pools (`network-ip-availability-details`).
    pub ip_availability_details: Option<IpAvailabilityDetails>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListIpAvailability {
    /// Network id.
    pub network_id: Option<String>,
    /// Network name.
    pub network_name: Option<String>,
    /// Networks with subnets of this IP version.
    pub ip_version: Option<u8>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "network-ip-availabilities",
    one: "network_ip_availability",
    many: "network_ip_availabilities",
};

/// `GET /v2.0/network-ip-availabilities` (admin), paged through
/// `network_ip_availabilities_links`.
pub fn list(f: &ListIpAvailability) -> List<NetworkIpAvailability> {
    RESOURCE.list(
        query!(
            network_id: f.network_id.as_deref(),
            network_name: f.network_name.as_deref(),
            ip_version: f.ip_version,
            project_id: f.project_id.as_deref(),
            tenant_id: f.tenant_id.as_deref(),
        ),
        &f.common,
    )
}

/// `GET /v2.0/network-ip-availabilities/{network_id}` (admin).
pub fn get(network_id: &str) -> Op<NetworkIpAvailability> {
    RESOURCE.get(network_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_beyond_u64() {
        let n: NetworkIpAvailability = serde_json::from_str(
            r#"{"network_id": "n", "total_ips": 18446744073709551616, "used_ips": 3,
                "ip_availability_details": {"total_ips_in_subnet": 254}}"#,
        )
        .unwrap();
        assert_eq!(n.total_ips, 1u128 << 64);
        assert_eq!(n.used_ips, 3);
        assert_eq!(n.ip_availability_details.unwrap().total_ips_in_subnet, 254);
        assert!(serde_json::from_str::<NetworkIpAvailability>(r#"{"total_ips": -1}"#).is_err());
    }
}
