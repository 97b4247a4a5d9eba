//! Interfaces attached to a server (`/servers/{server_id}/os-interface`): list, get,
//! attach (an existing port, or a new port on a network with optional fixed IPs) and
//! detach.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::attach_interfaces::{self, CreateInterface};
//! let nova = client.compute().microversion("2.70");
//! let created = nova
//!     .call(&attach_interfaces::create(
//!         "9168b536",
//!         &CreateInterface::network("3cb9bc59").fixed_ip("192.168.1.3").tag("data"),
//!     ))
//!     .await?;
//! for iface in nova.call(&attach_interfaces::list("9168b536")).await? {
//!     println!("{} {:?}", iface.port_id, iface.fixed_ips);
//! }
//! nova.call(&attach_interfaces::delete("9168b536", &created.port_id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{path, InvalidInput, Op};

/// A fixed IP of an attached interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedIp {
    /// The address.
    pub ip_address: String,
    /// Its subnet.
    pub subnet_id: Option<String>,
}

/// An interface attached to a server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterfaceAttachment {
    /// The Neutron port.
    pub port_id: String,
    /// The port's network.
    pub net_id: Option<String>,
    /// MAC address.
    pub mac_addr: Option<String>,
    /// Port status (`ACTIVE`, `DOWN`, `BUILD`).
    pub port_state: Option<String>,
    /// Fixed IPs.
    #[serde(default)]
    pub fixed_ips: Vec<FixedIp>,
    /// Device tag (shown from 2.70).
    pub tag: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A fixed IP to request on a new port.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestedIp {
    /// The address.
    pub ip_address: String,
}

/// The body of [`create`]: either `port_id`, or `net_id` with optional `fixed_ips`
/// (neither: Nova picks a network).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateInterface {
    /// Attach this existing port.
    pub port_id: Option<String>,
    /// Create a port on this network.
    pub net_id: Option<String>,
    /// Fixed IPs for the new port (with `net_id` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_ips: Vec<RequestedIp>,
    /// Device tag (microversion 2.49+).
    pub tag: Option<String>,
}

impl CreateInterface {
    /// Attach an existing port.
    pub fn port(port_id: &str) -> Self {
        CreateInterface {
            port_id: Some(port_id.into()),
            ..Default::default()
        }
    }

    /// Create and attach a port on a network.
    pub fn network(net_id: &str) -> Self {
        CreateInterface {
            net_id: Some(net_id.into()),
            ..Default::default()
        }
    }

    /// Adds a fixed IP (needs [`network`](Self::network)).
    pub fn fixed_ip(mut self, ip_address: &str) -> Self {
        self.fixed_ips.push(RequestedIp {
            ip_address: ip_address.into(),
        });
        self
    }

    /// Sets the device tag (2.49+).
    pub fn tag(mut self, tag: &str) -> Self {
        self.tag = Some(tag.into());
        self
    }

    fn validate(&self) -> Result<(), InvalidInput> {
        let blank = |v: &Option<String>| v.as_deref().is_some_and(|s| s.trim().is_empty());
        if blank(&self.port_id) {
            return Err(InvalidInput::field("port_id", "must not be empty"));
        }
        if blank(&self.net_id) {
            return Err(InvalidInput::field("net_id", "must not be empty"));
        }
        if self.port_id.is_some() && self.net_id.is_some() {
            return Err(InvalidInput::field(
                "port_id",
                "give either port_id or net_id, not both",
            ));
        }
        if !self.fixed_ips.is_empty() && self.net_id.is_none() {
            return Err(InvalidInput::field("fixed_ips", "need net_id"));
        }
        if blank(&self.tag)
            || self
                .tag
                .as_deref()
                .is_some_and(|t| t.len() > 60 || t.contains('/') || t.contains(','))
        {
            return Err(InvalidInput::field(
                "tag",
                "must be 1 to 60 characters without '/' or ','",
            ));
        }
        Ok(())
    }
}

/// `GET /servers/{server_id}/os-interface`.
pub fn list(server_id: &str) -> Op<Vec<InterfaceAttachment>> {
    Op::get(path!("servers/{}/os-interface", server_id)).decode_key("interfaceAttachments")
}

/// `GET /servers/{server_id}/os-interface/{port_id}`.
pub fn get(server_id: &str, port_id: &str) -> Op<InterfaceAttachment> {
    Op::get(path!("servers/{}/os-interface/{}", server_id, port_id))
        .decode_key("interfaceAttachment")
}

/// `POST /servers/{server_id}/os-interface`: attaches an interface.
pub fn create(server_id: &str, iface: &CreateInterface) -> Op<InterfaceAttachment> {
    let op =
        Op::post(path!("servers/{}/os-interface", server_id)).decode_key("interfaceAttachment");
    op.check(iface.validate())
        .json_under("interfaceAttachment", iface)
}

/// `DELETE /servers/{server_id}/os-interface/{port_id}`: detaches (202; the detach
/// finishes asynchronously).
pub fn delete(server_id: &str, port_id: &str) -> Op<()> {
    Op::delete(path!("servers/{}/os-interface/{}", server_id, port_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn create_validates_before_io() {
        let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://nova/v2.1").unwrap();
        let both = CreateInterface {
            net_id: Some("n".into()),
            ..CreateInterface::port("p")
        };
        for bad in [
            both,
            CreateInterface::port("p").fixed_ip("10.0.0.3"),
            CreateInterface::port(""),
            CreateInterface::network("n").tag("a/b"),
        ] {
            assert!(create("s", &bad).request(&nova).is_err(), "{bad:?}");
        }
        let ok = create("s", &CreateInterface::default())
            .request(&nova)
            .unwrap();
        assert_eq!(ok.body().as_ref(), br#"{"interfaceAttachment":{}}"#);
    }
}
