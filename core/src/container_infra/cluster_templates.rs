//! Magnum cluster templates: list, get, create, update (JSON Patch), delete.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::cluster_templates::{self, CreateClusterTemplate};
//! use ferrocloud::json_patch::PatchOp;
//! let magnum = client.container_infra();
//! let t = magnum
//!     .call(&cluster_templates::create(&CreateClusterTemplate {
//!         name: Some("k8s".into()),
//!         coe: "kubernetes".into(),
//!         image_id: "fedora-coreos".into(),
//!         external_network_id: Some("public".into()),
//!         ..Default::default()
//!     }))
//!     .await?;
//! magnum.call(&cluster_templates::update(&t.uuid, &[PatchOp::replace("/public", true)])).await?;
//! magnum.call(&cluster_templates::delete(&t.uuid)).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Link, Paged, PatchOp};
use crate::{path, Find, InvalidInput, List, Op, Paging, Patch, Timestamp};

/// A cluster template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterTemplate {
    /// Id.
    pub uuid: String,
    /// Name.
    pub name: Option<String>,
    /// Orchestration engine (`kubernetes`, …).
    pub coe: Option<String>,
    /// Image.
    pub image_id: Option<String>,
    /// Distribution of the image.
    pub cluster_distro: Option<String>,
    /// Key pair.
    pub keypair_id: Option<String>,
    /// Worker flavor.
    pub flavor_id: Option<String>,
    /// Master flavor.
    pub master_flavor_id: Option<String>,
    /// Docker volume size (GB).
    pub docker_volume_size: Option<u32>,
    /// Docker storage driver.
    pub docker_storage_driver: Option<String>,
    /// External network.
    pub external_network_id: Option<String>,
    /// Fixed network.
    pub fixed_network: Option<String>,
    /// Fixed subnet.
    pub fixed_subnet: Option<String>,
    /// Network driver.
    pub network_driver: Option<String>,
    /// Volume driver.
    pub volume_driver: Option<String>,
    /// DNS server.
    pub dns_nameserver: Option<String>,
    /// HTTP proxy.
    pub http_proxy: Option<String>,
    /// HTTPS proxy.
    pub https_proxy: Option<String>,
    /// No-proxy list.
    pub no_proxy: Option<String>,
    /// Labels.
    pub labels: Option<BTreeMap<String, String>>,
    /// TLS off.
    pub tls_disabled: Option<bool>,
    /// Visible to every project.
    pub public: Option<bool>,
    /// Hidden from listings.
    pub hidden: Option<bool>,
    /// Docker registry.
    pub registry_enabled: Option<bool>,
    /// Insecure registry.
    pub insecure_registry: Option<String>,
    /// `vm` or `bm`.
    pub server_type: Option<String>,
    /// Load balancer in front of the masters.
    pub master_lb_enabled: Option<bool>,
    /// Floating IPs on nodes.
    pub floating_ip_enabled: Option<bool>,
    /// API server port.
    pub apiserver_port: Option<u16>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Owning user.
    pub user_id: Option<String>,
    /// The cluster driver Magnum picked for it (from `server_type`, the image's
    /// `os_distro` and `coe`).
    pub driver: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`create`]. `Patch::Null` sends an explicit `null`, `Keep` leaves it out.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreateClusterTemplate {
    /// Name.
    pub name: Option<String>,
    /// Orchestration engine.
    pub coe: String,
    /// Image.
    pub image_id: String,
    /// Key pair.
    pub keypair_id: Option<String>,
    /// Worker flavor.
    pub flavor_id: Option<String>,
    /// Master flavor.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub master_flavor_id: Patch<String>,
    /// Docker volume size (GB).
    pub docker_volume_size: Option<u32>,
    /// Docker storage driver.
    pub docker_storage_driver: Option<String>,
    /// External network.
    pub external_network_id: Option<String>,
    /// Fixed network.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub fixed_network: Patch<String>,
    /// Fixed subnet.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub fixed_subnet: Patch<String>,
    /// Network driver.
    pub network_driver: Option<String>,
    /// Volume driver.
    pub volume_driver: Option<String>,
    /// DNS server.
    pub dns_nameserver: Option<String>,
    /// HTTP proxy.
    pub http_proxy: Option<String>,
    /// HTTPS proxy.
    pub https_proxy: Option<String>,
    /// No-proxy list.
    pub no_proxy: Option<String>,
    /// Labels.
    pub labels: Option<BTreeMap<String, String>>,
    /// TLS off.
    pub tls_disabled: Option<bool>,
    /// Visible to every project.
    pub public: Option<bool>,
    /// Hidden.
    pub hidden: Option<bool>,
    /// Docker registry.
    pub registry_enabled: Option<bool>,
    /// Insecure registry.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub insecure_registry: Patch<String>,
    /// `vm` or `bm`.
    pub server_type: Option<String>,
    /// Load balancer in front of the masters.
    pub master_lb_enabled: Option<bool>,
    /// Floating IPs on nodes.
    pub floating_ip_enabled: Option<bool>,
    /// API server port.
    pub apiserver_port: Option<u16>,
    /// Tags.
    pub tags: Option<Vec<String>>,
}

/// Filters of [`list`] and [`list_detail`]: paging and sorting.
pub type ListClusterTemplates = Paged;

/// `GET /v1/clustertemplates`: the summary listing; [`list_detail`] gives every field.
pub fn list(filter: &ListClusterTemplates) -> List<ClusterTemplate> {
    List::new(
        path!("clustertemplates"),
        "clustertemplates",
        Paging::Linked,
    )
    .query(filter.query())
}

/// `GET /v1/clustertemplates/detail`: every field of every template.
pub fn list_detail(filter: &ListClusterTemplates) -> List<ClusterTemplate> {
    List::new(
        path!("clustertemplates/detail"),
        "clustertemplates",
        Paging::Linked,
    )
    .query(filter.query())
}

/// `GET /v1/clustertemplates/{ident}` (uuid or name).
pub fn get(ident: &str) -> Op<ClusterTemplate> {
    Op::get(path!("clustertemplates/{}", ident)).decode_body()
}

/// A cluster template by id or exact name (run it with [`Service::find`](crate::Service::find)).
///
/// Magnum resolves names itself in `get`; the list only tells several of one name apart.
pub fn find(name_or_id: &str) -> Find<ClusterTemplate> {
    Find::new(
        "cluster template",
        name_or_id,
        get(name_or_id),
        list_detail(&ListClusterTemplates::default()),
    )
}

crate::named!(ClusterTemplate(uuid));

/// `POST /v1/clustertemplates`.
pub fn create(t: &CreateClusterTemplate) -> Op<ClusterTemplate> {
    let check = InvalidInput::require(
        !t.coe.is_empty() && !t.image_id.is_empty(),
        "coe",
        "a cluster template needs a coe and an image_id",
    );
    Op::post(path!("clustertemplates"))
        .check(check)
        .json(t)
        .decode_body()
}

/// `PATCH /v1/clustertemplates/{ident}` with a JSON Patch.
pub fn update(ident: &str, ops: &[PatchOp]) -> Op<ClusterTemplate> {
    Op::patch(path!("clustertemplates/{}", ident))
        .check(crate::types::json_patch::check(ops))
        .json(ops)
        .decode_body()
}

/// `DELETE /v1/clustertemplates/{ident}` (204; refused while clusters use it).
pub fn delete(ident: &str) -> Op<()> {
    Op::delete(path!("clustertemplates/{}", ident))
}
