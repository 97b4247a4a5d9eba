//! Server consoles: the console log (`os-getConsoleOutput`), the legacy console actions
//! (`os-getVNCConsole`, `os-getSPICEConsole`, `os-getRDPConsole`, `os-getSerialConsole`)
//! and remote consoles (`POST /servers/{server_id}/remote-consoles`, 2.6+).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::compute::server_consoles::{self, Protocol, RemoteConsoleType};
//! let nova = client.compute().microversion("2.8");
//! let log = nova.call(&server_consoles::console_output("3f6a", Some(50))).await?;
//! let vnc = nova
//!     .call(&server_consoles::create_remote_console("3f6a", Protocol::Vnc, RemoteConsoleType::Novnc))
//!     .await?;
//! println!("{}", vnc.url);
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::server_actions::action;
use crate::{path, Op};

/// `os-getConsoleOutput`: the last `length` lines of the console log (all when `None`).
pub fn console_output(server_id: &str, length: Option<u32>) -> Op<String> {
    #[serde_with::skip_serializing_none]
    #[derive(Serialize)]
    struct Body {
        length: Option<u32>,
    }
    action(server_id, "os-getConsoleOutput", &Body { length }).decode_key("output")
}

crate::string_enum! {
    /// Console protocol of a remote console.
    pub enum Protocol {
        /// VNC.
        Vnc = "vnc",
        /// SPICE.
        Spice = "spice",
        /// RDP.
        Rdp = "rdp",
        /// Serial.
        Serial = "serial",
        /// VMware MKS (2.8+).
        Mks = "mks",
    }
}

crate::string_enum! {
    /// Console type.
    pub enum RemoteConsoleType {
        /// noVNC.
        Novnc = "novnc",
        /// XVP VNC proxy.
        Xvpvnc = "xvpvnc",
        /// RDP in HTML5.
        RdpHtml5 = "rdp-html5",
        /// SPICE in HTML5.
        SpiceHtml5 = "spice-html5",
        /// Direct SPICE (2.99+).
        SpiceDirect = "spice-direct",
        /// Serial websocket.
        Serial = "serial",
        /// WebMKS (2.8+).
        Webmks = "webmks",
    }
}

/// A console from the legacy actions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Console {
    /// Console type.
    #[serde(rename = "type")]
    pub kind: RemoteConsoleType,
    /// URL to connect to.
    pub url: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A remote console (2.6+).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteConsole {
    /// Protocol.
    pub protocol: Protocol,
    /// Console type.
    #[serde(rename = "type")]
    pub kind: RemoteConsoleType,
    /// URL to connect to.
    pub url: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Serialize)]
struct TypeBody<'a> {
    #[serde(rename = "type")]
    kind: &'a RemoteConsoleType,
}

/// The legacy console action for `kind`'s protocol (`os-getVNCConsole` for `novnc` /
/// `xvpvnc`, `os-getSPICEConsole`, `os-getRDPConsole`, `os-getSerialConsole`); removed
/// in 2.6 in favour of [`create_remote_console`].
pub fn get_console(server_id: &str, kind: RemoteConsoleType) -> Op<Console> {
    let name = match kind {
        RemoteConsoleType::SpiceHtml5 | RemoteConsoleType::SpiceDirect => "os-getSPICEConsole",
        RemoteConsoleType::RdpHtml5 => "os-getRDPConsole",
        RemoteConsoleType::Serial => "os-getSerialConsole",
        _ => "os-getVNCConsole",
    };
    action(server_id, name, &TypeBody { kind: &kind }).decode_key("console")
}

/// `POST /servers/{server_id}/remote-consoles` (2.6+).
pub fn create_remote_console(
    server_id: &str,
    protocol: Protocol,
    kind: RemoteConsoleType,
) -> Op<RemoteConsole> {
    #[derive(Serialize)]
    struct Body<'a> {
        protocol: &'a Protocol,
        #[serde(rename = "type")]
        kind: &'a RemoteConsoleType,
    }
    Op::post(path!("servers/{}/remote-consoles", server_id))
        .json_under(
            "remote_console",
            &Body {
                protocol: &protocol,
                kind: &kind,
            },
        )
        .decode_key("remote_console")
}
