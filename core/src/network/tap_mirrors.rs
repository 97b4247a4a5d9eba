//! Tap-as-a-Service mirrors (tap-as-a-service, `/v2.0/taas/tap_mirrors`): copy a port's
//! traffic into a GRE or ERSPAN v1 tunnel to a remote address. gophercloud's
//! `extensions/taas/tapmirrors`.
//!
//! [`Directions`] gives the tunnel id (GRE key or ERSPAN session id) of each direction
//! mirrored; the ids must be unique in the project.
//!
//! TaaS is a Neutron stadium project: a cloud answers these calls only when its
//! `service_plugins` include `taas` with the `tap-mirror` extension (404 otherwise).
//! ferrocloud checks them against the API reference's samples; the local test cloud does
//! not install it.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::network::tap_mirrors::{self, CreateTapMirror, Directions, ListTapMirrors, MirrorType, UpdateTapMirror};
//! let neutron = client.network();
//! let mirror = neutron
//!     .call(&tap_mirrors::create(&CreateTapMirror {
//!         name: "mirror2".into(),
//!         ..CreateTapMirror::new("c63e4f48", MirrorType::Erspanv1, "100.109.0.142", Directions { inbound: Some(99), outbound: Some(100) })
//!     }))
//!     .await?;
//! neutron
//!     .call(&tap_mirrors::update(&mirror.id, &UpdateTapMirror { description: Some("both ways".into()), ..Default::default() }))
//!     .await?;
//! let on_port = neutron
//!     .collect_all(tap_mirrors::list(&ListTapMirrors { port_id: Some("c63e4f48".into()), ..Default::default() }))
//!     .await?;
//! neutron.call(&tap_mirrors::delete(&mirror.id)).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::shared;
use crate::{query, string_enum, InvalidInput, List, ListCommon, Op};

string_enum! {
    /// The tunnel a mirror sends into.
    pub enum MirrorType {
        /// ERSPAN version 1.
        Erspanv1 = "erspanv1",
        /// GRE.
        Gre = "gre",
    }
}

/// The mirrored directions, each with its tunnel id.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directions {
    /// Traffic into the port (`IN`).
    #[serde(rename = "IN")]
    pub inbound: Option<u32>,
    /// Traffic out of the port (`OUT`).
    #[serde(rename = "OUT")]
    pub outbound: Option<u32>,
}

/// A tap mirror.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TapMirror {
    /// Tap mirror id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The mirrored port.
    #[serde(default)]
    pub port_id: String,
    /// Mirrored directions and their tunnel ids.
    #[serde(default)]
    pub directions: Directions,
    /// The remote end of the tunnel.
    #[serde(default)]
    pub remote_ip: String,
    /// Tunnel type.
    #[serde(default)]
    pub mirror_type: MirrorType,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields ferrocloud does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]; start from [`CreateTapMirror::new`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreateTapMirror {
    /// Name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The port to mirror (required).
    pub port_id: String,
    /// Mirrored directions (at least one).
    pub directions: Directions,
    /// The remote end of the tunnel (required).
    pub remote_ip: String,
    /// Tunnel type (required).
    pub mirror_type: MirrorType,
    /// Owner (admin).
    pub project_id: Option<String>,
    /// Owner, legacy name (admin).
    pub tenant_id: Option<String>,
}

impl CreateTapMirror {
    /// Mirror `port_id` into a `mirror_type` tunnel to `remote_ip`.
    pub fn new(
        port_id: &str,
        mirror_type: MirrorType,
        remote_ip: &str,
        directions: Directions,
    ) -> Self {
        CreateTapMirror {
            port_id: port_id.into(),
            mirror_type,
            remote_ip: remote_ip.into(),
            directions,
            ..Default::default()
        }
    }

    fn check(&self) -> Result<(), InvalidInput> {
        let d = &self.directions;
        InvalidInput::require(
            !self.port_id.is_empty(),
            "port_id",
            "name the port to mirror",
        )
        .and(InvalidInput::require(
            !self.remote_ip.is_empty(),
            "remote_ip",
            "a tap mirror needs the tunnel's remote end",
        ))
        .and(InvalidInput::require(
            d.inbound.is_some() || d.outbound.is_some(),
            "directions",
            "mirror IN, OUT or both",
        ))
        .and(InvalidInput::require(
            d.inbound.is_none() || d.inbound != d.outbound,
            "directions",
            "IN and OUT need different tunnel ids",
        ))
    }
}

/// The body of [`update`]: only the name and description change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateTapMirror {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTapMirrors {
    /// Exact name.
    pub name: Option<String>,
    /// Exact description.
    pub description: Option<String>,
    /// Mirrored port.
    pub port_id: Option<String>,
    /// Tunnel type.
    pub mirror_type: Option<MirrorType>,
    /// Remote end.
    pub remote_ip: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning project (legacy name).
    pub tenant_id: Option<String>,
    /// Fields, sorting, paging.
    pub common: ListCommon,
}

const RESOURCE: shared::Resource = shared::Resource {
    collection: "taas/tap_mirrors",
    one: "tap_mirror",
    many: "tap_mirrors",
};

/// `GET /v2.0/taas/tap_mirrors`, paged through `tap_mirrors_links`.
pub fn list(f: &ListTapMirrors) -> List<TapMirror> {
    let q = query!(
        name: f.name.as_deref(),
        description: f.description.as_deref(),
        port_id: f.port_id.as_deref(),
        mirror_type: f.mirror_type.as_ref().map(MirrorType::as_str),
        remote_ip: f.remote_ip.as_deref(),
        project_id: f.project_id.as_deref(),
        tenant_id: f.tenant_id.as_deref(),
    );
    RESOURCE.list(q, &f.common)
}

/// `GET /v2.0/taas/tap_mirrors/{tap_mirror_id}`.
pub fn get(tap_mirror_id: &str) -> Op<TapMirror> {
    RESOURCE.get(tap_mirror_id)
}

/// `POST /v2.0/taas/tap_mirrors`.
pub fn create(mirror: &CreateTapMirror) -> Op<TapMirror> {
    RESOURCE.create(mirror.check(), mirror)
}

/// `PUT /v2.0/taas/tap_mirrors/{tap_mirror_id}`.
pub fn update(tap_mirror_id: &str, update: &UpdateTapMirror) -> Op<TapMirror> {
    RESOURCE.update(tap_mirror_id, update)
}

/// `DELETE /v2.0/taas/tap_mirrors/{tap_mirror_id}`.
pub fn delete(tap_mirror_id: &str) -> Op<()> {
    RESOURCE.delete(tap_mirror_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Operation, ServiceEndpoint, ServiceType};

    #[test]
    fn directions_are_in_and_out() {
        let svc = ServiceEndpoint::new(ServiceType::NETWORK, "http://h:9696").unwrap();
        let m = CreateTapMirror::new(
            "p",
            MirrorType::Gre,
            "10.0.0.9",
            Directions {
                inbound: None,
                outbound: Some(7),
            },
        );
        let req = create(&m).request(&svc).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(req.body()).unwrap(),
            serde_json::json!({"tap_mirror": {"port_id": "p", "directions": {"OUT": 7}, "remote_ip": "10.0.0.9", "mirror_type": "gre"}})
        );
        for bad in [
            CreateTapMirror {
                directions: Directions::default(),
                ..m.clone()
            },
            CreateTapMirror {
                directions: Directions {
                    inbound: Some(7),
                    outbound: Some(7),
                },
                ..m.clone()
            },
            CreateTapMirror {
                remote_ip: String::new(),
                ..m
            },
        ] {
            let err = create(&bad).request(&svc).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        }
    }
}
