//! Neutron floating IP port forwardings
//! (`/v2.0/floatingips/{floatingip_id}/port_forwardings`, extension
//! `floating-ip-port-forwarding` with `-description`, `-port-ranges` and `-detail`):
//! a port (or port range) of a floating IP forwarded to an address of an internal port.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::port_forwardings::{self, CreatePortForwarding, PfProtocol, UpdatePortForwarding};
//! let neutron = client.network();
//! let ssh = neutron
//!     .call(&port_forwardings::create(
//!         "fip-id",
//!         &CreatePortForwarding::ports(PfProtocol::Tcp, "port-id", "10.0.0.5", 22, 2222),
//!     ))
//!     .await?;
//! neutron
//!     .call(&port_forwardings::update("fip-id", &ssh.id, &UpdatePortForwarding { external_port: Some(2022), ..Default::default() }))
//!     .await?;
//! let all = neutron.collect_all(port_forwardings::list("fip-id", &Default::default())).await?;
//! neutron.call(&port_forwardings::delete("fip-id", &ssh.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, query, string_enum, InvalidInput, List, ListCommon, Op, Paging};

string_enum! {
    /// The protocol forwarded.
    pub enum PfProtocol {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
        /// UDP-Lite.
        Udplite = "udplite",
        /// SCTP.
        Sctp = "sctp",
        /// DCCP.
        Dccp = "dccp",
    }
}

/// A port forwarding. A single port is `internal_port`/`external_port`; a range is
/// `internal_port_range`/`external_port_range` (`"80:90"`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortForwarding {
    /// Id.
    pub id: String,
    /// Protocol.
    #[serde(default)]
    pub protocol: PfProtocol,
    /// The internal port it forwards to.
    #[serde(default)]
    pub internal_port_id: String,
    /// The internal address (a fixed IP of `internal_port_id`).
    #[serde(default)]
    pub internal_ip_address: String,
    /// Internal port number.
    pub internal_port: Option<u16>,
    /// External port number (on the floating IP).
    pub external_port: Option<u16>,
    /// Internal port range, `first:last`.
    pub internal_port_range: Option<String>,
    /// External port range, `first:last`.
    pub external_port_range: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The floating IP (not sent by every release).
    pub floatingip_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreatePortForwarding::ports`] or
/// [`CreatePortForwarding::ranges`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreatePortForwarding {
    /// Protocol.
    pub protocol: PfProtocol,
    /// Internal address.
    pub internal_ip_address: String,
    /// Internal port number (or `internal_port_range`).
    pub internal_port: Option<u16>,
    /// Internal port.
    pub internal_port_id: String,
    /// External port number (or `external_port_range`).
    pub external_port: Option<u16>,
    /// Internal range `first:last`.
    pub internal_port_range: Option<String>,
    /// External range `first:last` (as long as the internal one, or the internal one is
    /// a single port).
    pub external_port_range: Option<String>,
    /// Description.
    pub description: Option<String>,
}

impl CreatePortForwarding {
    /// Forwards `external_port` of the floating IP to `internal_ip_address:internal_port`
    /// of `internal_port_id`.
    pub fn ports(
        protocol: PfProtocol,
        internal_port_id: &str,
        internal_ip_address: &str,
        internal_port: u16,
        external_port: u16,
    ) -> Self {
        CreatePortForwarding {
            protocol,
            internal_port_id: internal_port_id.into(),
            internal_ip_address: internal_ip_address.into(),
            internal_port: Some(internal_port),
            external_port: Some(external_port),
            ..Default::default()
        }
    }

    /// Forwards the `external` range (`first:last`) to the `internal` one.
    pub fn ranges(
        protocol: PfProtocol,
        internal_port_id: &str,
        internal_ip_address: &str,
        internal: &str,
        external: &str,
    ) -> Self {
        CreatePortForwarding {
            protocol,
            internal_port_id: internal_port_id.into(),
            internal_ip_address: internal_ip_address.into(),
            internal_port_range: Some(internal.into()),
            external_port_range: Some(external.into()),
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.internal_port_id.is_empty() && !self.internal_ip_address.is_empty(),
            "internal_port_id",
            "a port forwarding needs an internal port and address",
        )
        .and(one_of(
            self.internal_port,
            self.internal_port_range.as_deref(),
            "internal_port",
        ))
        .and(one_of(
            self.external_port,
            self.external_port_range.as_deref(),
            "external_port",
        ))
    }
}

/// Exactly one of a port (1 to 65535) and a `first:last` range.
fn one_of(port: Option<u16>, range: Option<&str>, field: &'static str) -> Result<(), InvalidInput> {
    let range_ok = range.is_none_or(valid_range);
    InvalidInput::require(
        port.is_some() != range.is_some(),
        field,
        "give a port or a port range, not both or neither",
    )
    .and(InvalidInput::require(
        port != Some(0) && range_ok,
        field,
        "ports are 1 to 65535 and a range is first:last",
    ))
}

fn valid_range(r: &str) -> bool {
    let port = |s: &str| s.parse::<u16>().ok().filter(|p| *p > 0);
    match r.split_once(':') {
        Some((a, b)) => matches!((port(a), port(b)), (Some(a), Some(b)) if a <= b),
        None => port(r).is_some(),
    }
}

/// The body of [`update`]. `None` leaves a field as it is.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdatePortForwarding {
    /// Protocol.
    pub protocol: Option<PfProtocol>,
    /// Internal address.
    pub internal_ip_address: Option<String>,
    /// Internal port number.
    pub internal_port: Option<u16>,
    /// Internal port.
    pub internal_port_id: Option<String>,
    /// External port number.
    pub external_port: Option<u16>,
    /// Internal range.
    pub internal_port_range: Option<String>,
    /// External range.
    pub external_port_range: Option<String>,
    /// Description.
    pub description: Option<String>,
}

impl UpdatePortForwarding {
    fn check(&self) -> Result<(), InvalidInput> {
        let ranges = [&self.internal_port_range, &self.external_port_range];
        InvalidInput::require(
            self.internal_port != Some(0) && self.external_port != Some(0),
            "internal_port",
            "ports are 1 to 65535",
        )
        .and(InvalidInput::require(
            ranges.iter().all(|r| r.as_deref().is_none_or(valid_range)),
            "external_port_range",
            "a range is first:last",
        ))
    }
}

/// Filters of [`list`]. Neutron 29 refuses `internal_ip_address` and `internal_port`
/// as filters (400), so they are not here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPortForwardings {
    /// Exact id.
    pub id: Option<String>,
    /// Internal port.
    pub internal_port_id: Option<String>,
    /// External port number.
    pub external_port: Option<u16>,
    /// External port range.
    pub external_port_range: Option<String>,
    /// Protocol.
    pub protocol: Option<PfProtocol>,
    /// Exact description.
    pub description: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

fn collection(floatingip_id: &str) -> Result<String, InvalidInput> {
    path!("floatingips/{}/port_forwardings", floatingip_id)
}

fn item(floatingip_id: &str, id: &str) -> Result<String, InvalidInput> {
    path!("floatingips/{}/port_forwardings/{}", floatingip_id, id)
}

/// `GET /v2.0/floatingips/{floatingip_id}/port_forwardings`, paged through
/// `port_forwardings_links`.
pub fn list(floatingip_id: &str, f: &ListPortForwardings) -> List<PortForwarding> {
    List::new(
        collection(floatingip_id),
        "port_forwardings",
        Paging::Linked,
    )
    .query(f.common.apply(query!(
        id: f.id.as_deref(),
        internal_port_id: f.internal_port_id.as_deref(),
        external_port: f.external_port,
        external_port_range: f.external_port_range.as_deref(),
        protocol: f.protocol.as_ref(),
        description: f.description.as_deref(),
    )))
}

/// `GET /v2.0/floatingips/{floatingip_id}/port_forwardings/{port_forwarding_id}`.
pub fn get(floatingip_id: &str, port_forwarding_id: &str) -> Op<PortForwarding> {
    Op::get(item(floatingip_id, port_forwarding_id)).decode_key("port_forwarding")
}

/// `POST /v2.0/floatingips/{floatingip_id}/port_forwardings` (the floating IP must not
/// be associated with a port itself; 409 for a port already forwarded).
pub fn create(floatingip_id: &str, pf: &CreatePortForwarding) -> Op<PortForwarding> {
    Op::post(collection(floatingip_id))
        .check(pf.check())
        .json_under("port_forwarding", pf)
        .decode_key("port_forwarding")
}

/// `PUT /v2.0/floatingips/{floatingip_id}/port_forwardings/{port_forwarding_id}`.
pub fn update(
    floatingip_id: &str,
    port_forwarding_id: &str,
    update: &UpdatePortForwarding,
) -> Op<PortForwarding> {
    Op::put(item(floatingip_id, port_forwarding_id))
        .check(update.check())
        .json_under("port_forwarding", update)
        .decode_key("port_forwarding")
}

/// `DELETE /v2.0/floatingips/{floatingip_id}/port_forwardings/{port_forwarding_id}`.
pub fn delete(floatingip_id: &str, port_forwarding_id: &str) -> Op<()> {
    Op::delete(item(floatingip_id, port_forwarding_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn a_port_or_a_range_on_each_side() {
        let neutron = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let ok =
            CreatePortForwarding::ranges(PfProtocol::Udp, "p", "10.0.0.5", "80:90", "8080:8090");
        assert!(create("f", &ok).request(&neutron).is_ok());
        let both = CreatePortForwarding {
            external_port: Some(80),
            ..ok.clone()
        };
        let backwards = CreatePortForwarding {
            internal_port_range: Some("90:80".into()),
            ..ok.clone()
        };
        let zero = CreatePortForwarding::ports(PfProtocol::Tcp, "p", "10.0.0.5", 0, 22);
        let no_port = CreatePortForwarding::ports(PfProtocol::Tcp, "", "10.0.0.5", 22, 22);
        for bad in [both, backwards, zero, no_port] {
            assert!(create("f", &bad).request(&neutron).is_err(), "{bad:?}");
        }
        let req = get("f", "p").request(&neutron).unwrap();
        assert_eq!(req.uri().path(), "/v2.0/floatingips/f/port_forwardings/p");
    }
}
