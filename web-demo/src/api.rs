//! What the dashboard shows and does, over any [`Transport`]: the resource kinds and
//! their tables, the pickers of the create forms, and the actions.
//!
//! Every request comes from ferrocloud's typed modules (compute, networking, block
//! storage, image and identity: their paths, filters, bodies, validation and paging).
//!
//! Answers are read as JSON objects ([`Obj`]) rather than into each module's typed
//! struct: the dashboard shows fields generically, and one JSON decoder for everything
//! keeps the wasm bundle small (a serde decoder per resource type costs 5–15 KB each).
//! [`obj`] switches a typed operation's output to [`Obj`]; [`rows`] does it for lists.

use std::time::Duration;

use ferrocloud::block_storage::{snapshots, volumes};
use ferrocloud::compute::servers::ServerStatus;
use ferrocloud::compute::{flavors, keypairs, server_actions, servers, volume_attach};
use ferrocloud::image::images;
use ferrocloud::network::{floating_ips, networks, ports, routers, security_groups, subnets};
use ferrocloud::{
    Client, Error, HasId, HasStatus, List, ListCommon, Op, Page, Paginated, Result, Service,
    ServiceEndpoint, Transport, Wait,
};
use futures::stream::LocalBoxStream;
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ui::{Action, Cell, Row};

/// Rows per table page.
pub const PAGE: u32 = 20;

/// A JSON object from a service: how the dashboard reads every answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Obj(pub Value);

impl Obj {
    /// A string field (`""` when absent).
    pub fn s(&self, key: &str) -> &str {
        self.0.get(key).and_then(Value::as_str).unwrap_or_default()
    }
}

impl HasStatus for Obj {
    const KIND: &'static str = "resource";
    fn id(&self) -> Option<&str> {
        self.0.get("id").and_then(Value::as_str)
    }
    /// Untyped, as the rest of `Obj`; waits name statuses through the typed enums
    /// (`ServerStatus::Active.to_string()`).
    type Status = String;
    fn status(&self) -> Option<String> {
        self.0
            .get("status")
            .and_then(Value::as_str)
            .map(str::to_owned)
    }
}

impl HasId for Obj {
    fn id(&self) -> Option<&str> {
        self.0.get("id").and_then(Value::as_str)
    }
}

/// The resource kinds of the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nova servers.
    Servers,
    /// Neutron networks.
    Networks,
    /// Neutron subnets.
    Subnets,
    /// Neutron routers.
    Routers,
    /// Neutron floating IPs.
    FloatingIps,
    /// Cinder volumes.
    Volumes,
    /// Cinder snapshots.
    Snapshots,
    /// Glance images.
    Images,
    /// Neutron security groups.
    SecurityGroups,
    /// Octavia load balancers.
    LoadBalancers,
    /// Nova key pairs.
    KeyPairs,
}

impl Kind {
    /// Every kind, in menu order.
    pub const ALL: [Kind; 11] = [
        Kind::Servers,
        Kind::Networks,
        Kind::Subnets,
        Kind::Routers,
        Kind::FloatingIps,
        Kind::Volumes,
        Kind::Snapshots,
        Kind::Images,
        Kind::SecurityGroups,
        Kind::LoadBalancers,
        Kind::KeyPairs,
    ];

    /// The slug used in `data-` attributes and the URL hash.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Servers => "servers",
            Kind::Networks => "networks",
            Kind::Subnets => "subnets",
            Kind::Routers => "routers",
            Kind::FloatingIps => "floatingips",
            Kind::Volumes => "volumes",
            Kind::Snapshots => "snapshots",
            Kind::Images => "images",
            Kind::SecurityGroups => "secgroups",
            Kind::LoadBalancers => "lbs",
            Kind::KeyPairs => "keypairs",
        }
    }

    /// The kind of a slug.
    pub fn from_slug(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// The menu title.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Servers => "Servers",
            Kind::Networks => "Networks",
            Kind::Subnets => "Subnets",
            Kind::Routers => "Routers",
            Kind::FloatingIps => "Floating IPs",
            Kind::Volumes => "Volumes",
            Kind::Snapshots => "Snapshots",
            Kind::Images => "Images",
            Kind::SecurityGroups => "Security groups",
            Kind::LoadBalancers => "Load balancers",
            Kind::KeyPairs => "Key pairs",
        }
    }

    /// The table columns.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Servers => &["Name", "Status", "Flavor", "Addresses", "Created"],
            Kind::Networks => &["Name", "Status", "Subnets", "Shared", "External"],
            Kind::Subnets => &["Name", "CIDR", "IP version", "Gateway", "Network"],
            Kind::Routers => &["Name", "Status", "External gateway", "Admin up"],
            Kind::FloatingIps => &["Address", "Status", "Fixed IP", "Port"],
            Kind::Volumes => &["Name", "Status", "Size (GiB)", "Attached to", "Type"],
            Kind::Snapshots => &["Name", "Status", "Size (GiB)", "Volume"],
            Kind::Images => &["Name", "Status", "Size", "Disk format", "Visibility"],
            Kind::SecurityGroups => &["Name", "Description", "Rules"],
            Kind::LoadBalancers => &["Name", "Provisioning", "Operating", "VIP"],
            Kind::KeyPairs => &["Name", "Type", "Fingerprint"],
        }
    }

    /// The per-row actions.
    pub fn actions(self) -> &'static [Action] {
        match self {
            Kind::Servers => &[
                ("start", "Start"),
                ("stop", "Stop"),
                ("reboot", "Reboot"),
                ("more", "Actions"),
                ("delete", "Delete"),
            ],
            Kind::Volumes => &[("detach", "Detach"), ("delete", "Delete")],
            Kind::Snapshots
            | Kind::Networks
            | Kind::FloatingIps
            | Kind::LoadBalancers
            | Kind::KeyPairs => &[("delete", "Delete")],
            _ => &[],
        }
    }
}

/// A table being paged: pages are fetched one at a time as the user asks for them.
pub type Pages = LocalBoxStream<'static, Result<(Vec<Row>, bool)>>;

/// A list's requests, with its pages read as JSON objects and turned into rows.
struct Mapped {
    list: List<Obj>,
    row: fn(&Obj) -> Row,
}

/// Any list, as rows: every table shares one paging stream and one JSON decoder (and one
/// copy of their code in the bundle) whatever the resource.
pub struct Rows(Box<dyn Paginated<Item = Row>>);

impl Paginated for Mapped {
    type Item = Row;
    fn first_request(&self, svc: &ServiceEndpoint) -> Result<http::Request<bytes::Bytes>> {
        self.list.first_request(svc)
    }
    fn parse_page(
        &self,
        svc: &ServiceEndpoint,
        request: &http::Request<bytes::Bytes>,
        resp: http::Response<bytes::Bytes>,
    ) -> Result<Page<Row>> {
        let page = self.list.parse_page(svc, request, resp)?;
        Ok(Page {
            items: page.items.iter().map(self.row).collect(),
            next: page.next,
        })
    }
}

impl Paginated for Rows {
    type Item = Row;
    fn first_request(&self, svc: &ServiceEndpoint) -> Result<http::Request<bytes::Bytes>> {
        self.0.first_request(svc)
    }
    fn parse_page(
        &self,
        svc: &ServiceEndpoint,
        request: &http::Request<bytes::Bytes>,
        resp: http::Response<bytes::Bytes>,
    ) -> Result<Page<Row>> {
        self.0.parse_page(svc, request, resp)
    }
}

/// The typed `list`'s requests, each item read as JSON and made a row by `row`.
pub fn rows<T>(list: List<T>, row: fn(&Obj) -> Row) -> Rows {
    // Same requests, key and paging style as the typed list; items read as JSON.
    Rows(Box::new(Mapped {
        list: list.items_as(),
        row,
    }))
}

/// The typed `op`'s request, its answer read as the JSON object under `key`.
pub fn obj<T>(op: Op<T>, key: &'static str) -> Op<Obj> {
    op.decode_key(key)
}

/// The pages of a list whose items another module makes rows (the object storage
/// page): every table shares this one paging stream.
pub fn pages_of<T: Transport + 'static>(
    svc: Service<T>,
    list: Box<dyn Paginated<Item = Row>>,
) -> Pages {
    paged(svc, Rows(list))
}

pub(crate) fn paged<T: Transport + 'static>(svc: Service<T>, rows: Rows) -> Pages {
    svc.pages(rows)
        .map_ok(|p| (p.items, p.next.is_some()))
        .boxed_local()
}

fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

fn name_or_id(name: &str, id: &str) -> String {
    if name.is_empty() {
        short(id)
    } else {
        name.to_owned()
    }
}

fn net_page() -> ListCommon {
    ListCommon {
        limit: Some(PAGE),
        ..Default::default()
    }
}

/// The handles of one session: a client and the region picked.
#[derive(Debug, Clone)]
pub struct Cloud<T> {
    /// The authenticated client.
    pub client: Client<T>,
    /// The region picked, if any.
    pub region: Option<String>,
}

impl<T: Transport + 'static> Cloud<T> {
    /// `s` in the picked region.
    pub fn svc(&self, s: Service<T>) -> Service<T> {
        match &self.region {
            Some(r) => s.region(r.clone()),
            None => s,
        }
    }

    /// Compute, in the picked region, at a microversion that shows flavor names.
    pub fn compute(&self) -> Service<T> {
        self.svc(self.client.compute()).microversion("2.47")
    }

    /// Networking, in the picked region.
    pub fn network(&self) -> Service<T> {
        self.svc(self.client.network())
    }

    /// Block storage, in the picked region.
    pub fn block_storage(&self) -> Service<T> {
        self.svc(self.client.block_storage())
    }

    /// Image, in the picked region.
    pub fn image(&self) -> Service<T> {
        self.svc(self.client.image())
    }

    /// The first page of `kind`'s table, and the rest on demand.
    pub fn pages(&self, kind: Kind) -> Pages {
        match kind {
            Kind::Servers => paged(
                self.compute(),
                rows(
                    servers::list_detail(&servers::ListServers {
                        common: ListCommon {
                            limit: Some(PAGE),
                            ..Default::default()
                        },
                        ..Default::default()
                    }),
                    server_row,
                ),
            ),
            Kind::Networks => paged(
                self.network(),
                rows(
                    networks::list(&networks::ListNetworks {
                        common: net_page(),
                        ..Default::default()
                    }),
                    network_row,
                ),
            ),
            Kind::Subnets => paged(
                self.network(),
                rows(
                    subnets::list(&subnets::ListSubnets {
                        common: net_page(),
                        ..Default::default()
                    }),
                    subnet_row,
                ),
            ),
            Kind::Routers => paged(
                self.network(),
                rows(
                    routers::list(&routers::ListRouters {
                        common: net_page(),
                        ..Default::default()
                    }),
                    router_row,
                ),
            ),
            Kind::FloatingIps => paged(
                self.network(),
                rows(
                    floating_ips::list(&floating_ips::ListFloatingIps {
                        common: net_page(),
                        ..Default::default()
                    }),
                    fip_row,
                ),
            ),
            Kind::SecurityGroups => paged(
                self.network(),
                rows(
                    security_groups::list(&security_groups::ListSecurityGroups {
                        common: net_page(),
                        ..Default::default()
                    }),
                    secgroup_row,
                ),
            ),
            Kind::Volumes => {
                let mut f = volumes::ListVolumes::default();
                f.common.limit = Some(PAGE);
                paged(
                    self.block_storage(),
                    rows(volumes::list_detail(&f), volume_row),
                )
            }
            Kind::Snapshots => {
                let mut f = snapshots::ListSnapshots::default();
                f.common.limit = Some(PAGE);
                paged(
                    self.block_storage(),
                    rows(snapshots::list_detail(&f), snapshot_row),
                )
            }
            Kind::Images => paged(
                self.image(),
                rows(
                    images::list(&images::ListImages {
                        common: ListCommon {
                            limit: Some(PAGE),
                            ..Default::default()
                        },
                        ..Default::default()
                    }),
                    image_row,
                ),
            ),
            Kind::LoadBalancers => self.lb_pages(),
            Kind::KeyPairs => self.keypair_pages(),
        }
    }

    /// `(id, label)` choices for a picker, read whole (flavors, images, networks, …).
    pub async fn choices(&self, what: &str) -> Result<Vec<(String, String)>> {
        let (svc, list) = match what {
            "flavors" => (
                self.compute(),
                rows(
                    flavors::list_detail(&flavors::ListFlavors::default()),
                    flavor_choice,
                ),
            ),
            "keypairs" => (
                self.compute(),
                rows(
                    keypairs::list(&keypairs::ListKeypairs::default()),
                    keypair_choice,
                ),
            ),
            "servers" => (
                self.compute(),
                rows(servers::list(&servers::ListServers::default()), obj_choice),
            ),
            "networks" | "external" => (
                self.network(),
                rows(
                    networks::list(&networks::ListNetworks {
                        router_external: (what == "external").then_some(true),
                        ..Default::default()
                    }),
                    obj_choice,
                ),
            ),
            "floatingips" => (
                self.network(),
                rows(
                    floating_ips::list(&floating_ips::ListFloatingIps::default()),
                    fip_choice,
                ),
            ),
            "images" => (
                self.image(),
                rows(
                    images::list(&images::ListImages {
                        status: Some(images::ImageStatus::Active),
                        ..Default::default()
                    }),
                    obj_choice,
                ),
            ),
            "volumes" => {
                let mut f = volumes::ListVolumes::default();
                f.filter.status = Some("available".into());
                (
                    self.block_storage(),
                    rows(volumes::list_detail(&f), volume_choice),
                )
            }
            other => return self.extra_choices(other).await,
        };
        Ok(pairs(svc.collect_all(list).await?))
    }

    /// The whole resource `id` of `kind`, fresh from its service, for the detail view.
    pub async fn detail(&self, kind: Kind, id: &str) -> Result<Obj> {
        match kind {
            Kind::Servers => self.compute().call(&server_op(id)).await,
            Kind::Networks => {
                let op = obj(networks::get(id), "network");
                self.network().call(&op).await
            }
            Kind::Subnets => {
                let op = obj(subnets::get(id), "subnet");
                self.network().call(&op).await
            }
            Kind::Routers => {
                let op = obj(routers::get(id), "router");
                self.network().call(&op).await
            }
            Kind::FloatingIps => {
                let op = obj(floating_ips::get(id), "floatingip");
                self.network().call(&op).await
            }
            Kind::SecurityGroups => {
                let op = obj(security_groups::get(id), "security_group");
                self.network().call(&op).await
            }
            Kind::Volumes => {
                self.block_storage()
                    .call(&obj(volumes::get(id), "volume"))
                    .await
            }
            Kind::Snapshots => {
                self.block_storage()
                    .call(&obj(snapshots::get(id), "snapshot"))
                    .await
            }
            Kind::Images => self.image().call(&images::get(id).decode_body()).await,
            Kind::LoadBalancers => self.lb_detail(id).await,
            Kind::KeyPairs => self.keypair(id).await,
        }
    }
}

/// Revokes every token of a session, each with itself as the credential
/// ([`Service::call_with_token`]: the SDK's pipeline, so the token goes to Keystone's
/// origin only): once the first is revoked, the ones rescoped from it may be gone too
/// (Keystone answers 401 or 404 for those, which counts as revoked).
pub async fn revoke_all<T: Transport + 'static>(
    client: &Client<T>,
    tokens: &[ferrocloud::Secret],
) -> Result<()> {
    let keystone = client.identity();
    for t in tokens {
        let revoke = ferrocloud::identity::v3::tokens::revoke(t);
        match keystone.call_with_token(&revoke, t).await {
            Ok(()) => {}
            Err(e) if e.is_unauthorized() || e.is_not_found() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A long-running step's progress callback: `(done, total, what)`.
pub type Progress<'a> = &'a dyn Fn(u32, u32, &str);

/// How long the dashboard waits for a status, polling every second.
pub fn wait() -> Wait {
    Wait::timeout(Duration::from_secs(180)).every(Duration::from_secs(1))
}

fn server_op(id: &str) -> Op<Obj> {
    obj(servers::get(id), "server")
}

/// The server-side work behind the dashboard's buttons and forms.
impl<T: Transport + 'static> Cloud<T> {
    /// Boots a server (in server group `group` when not empty) and waits for `ACTIVE`.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_server(
        &self,
        name: &str,
        flavor: &str,
        image: &str,
        network: &str,
        keypair: &str,
        group: &str,
        progress: Progress<'_>,
    ) -> Result<Obj> {
        check_name(name)?;
        let networks = if network.is_empty() {
            servers::Networks::None
        } else {
            servers::Networks::List(vec![servers::NetworkSpec::network(network)])
        };
        let server = servers::CreateServer {
            name: name.to_owned(),
            flavor_ref: flavor.to_owned(),
            image_ref: Some(image.to_owned()),
            networks: Some(networks),
            key_name: (!keypair.is_empty()).then(|| keypair.to_owned()),
            scheduler_hints: servers::SchedulerHints {
                group: (!group.is_empty()).then(|| group.to_owned()),
                ..Default::default()
            },
            ..Default::default()
        };
        let nova = self.compute();
        progress(1, 3, "requesting the server");
        let created = nova.call(&obj(servers::create(&server), "server")).await?;
        let id = created.s("id").to_owned();
        progress(2, 3, "building (waiting for ACTIVE)");
        let s = nova
            .wait_for_status(
                &server_op(&id),
                &[ServerStatus::Active.to_string()],
                &[ServerStatus::Error.to_string()],
                wait(),
            )
            .await?;
        progress(3, 3, "ACTIVE");
        Ok(s)
    }

    /// Runs a server action (`start`, `stop`, `reboot`, `delete`) and waits for its end
    /// state.
    pub async fn server_action(&self, id: &str, act: &str, progress: Progress<'_>) -> Result<()> {
        let nova = self.compute();
        let (op, target) = match act {
            "start" => (server_actions::start(id), "ACTIVE"),
            "stop" => (server_actions::stop(id), "SHUTOFF"),
            "reboot" => (
                server_actions::reboot(id, server_actions::RebootType::Soft),
                "ACTIVE",
            ),
            "delete" => {
                progress(1, 2, "deleting");
                nova.call(&servers::delete(id)).await?;
                nova.wait_for_deleted(&server_op(id), wait()).await?;
                progress(2, 2, "deleted");
                return Ok(());
            }
            other => {
                return Err(ferrocloud::InvalidInput::field(
                    "action",
                    format!("unknown action {other}"),
                )
                .into())
            }
        };
        progress(1, 3, "sent");
        nova.call(&op).await?;
        // The fake driver can finish a reboot before the first poll: wait straight for
        // the end state rather than for the intermediate one.
        progress(2, 3, &format!("waiting for {target}"));
        nova.wait_for_status(
            &server_op(id),
            &[target.to_owned()],
            &[ServerStatus::Error.to_string()],
            wait(),
        )
        .await?;
        progress(3, 3, target);
        Ok(())
    }

    /// Creates a volume and waits for `available`.
    pub async fn create_volume(&self, name: &str, size: u64, progress: Progress<'_>) -> Result<()> {
        check_name(name)?;
        let cinder = self.block_storage();
        progress(1, 3, "requesting the volume");
        let v = cinder
            .call(&obj(
                volumes::create(&volumes::CreateVolume {
                    size: Some(size),
                    name: Some(name.to_owned()),
                    ..Default::default()
                }),
                "volume",
            ))
            .await?;
        progress(2, 3, "creating (waiting for available)");
        self.volume_available(v.s("id"), progress).await
    }

    /// Waits until volume `id` is `available` (an `error` status ends the wait), then
    /// reports the last of three steps.
    pub(crate) async fn volume_available(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        self.block_storage()
            .wait_for_status(
                &obj(volumes::get(id), "volume"),
                &[volumes::VolumeStatus::Available.to_string()],
                &[volumes::VolumeStatus::Error.to_string()],
                wait(),
            )
            .await?;
        progress(3, 3, "available");
        Ok(())
    }

    /// Deletes a volume and waits until it is gone.
    pub async fn delete_volume(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        let cinder = self.block_storage();
        progress(1, 2, "deleting");
        cinder.call(&volumes::delete(id, false)).await?;
        cinder
            .wait_for_deleted(&obj(volumes::get(id), "volume"), wait())
            .await?;
        progress(2, 2, "deleted");
        Ok(())
    }

    /// Deletes a snapshot and waits until it is gone.
    pub async fn delete_snapshot(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        let cinder = self.block_storage();
        progress(1, 2, "deleting");
        cinder.call(&snapshots::delete(id)).await?;
        cinder
            .wait_for_deleted(&obj(snapshots::get(id), "snapshot"), wait())
            .await?;
        progress(2, 2, "deleted");
        Ok(())
    }

    /// Attaches a volume to a server (through Nova) and waits for `in-use`.
    pub async fn attach_volume(
        &self,
        server: &str,
        volume: &str,
        progress: Progress<'_>,
    ) -> Result<()> {
        if server.is_empty() || volume.is_empty() {
            return Err(
                ferrocloud::InvalidInput::field("attach", "pick a server and a volume").into(),
            );
        }
        progress(1, 3, "attaching");
        self.compute()
            .call(&obj(
                volume_attach::create(server, &volume_attach::CreateVolumeAttachment::new(volume)),
                "volumeAttachment",
            ))
            .await?;
        progress(2, 3, "waiting for in-use");
        self.block_storage()
            .wait_for_status(
                &obj(volumes::get(volume), "volume"),
                &[volumes::VolumeStatus::InUse.to_string()],
                &[volumes::VolumeStatus::Error.to_string()],
                attach_wait(),
            )
            .await?;
        progress(3, 3, "in-use");
        Ok(())
    }

    /// Creates a network with one subnet.
    pub async fn create_network(
        &self,
        name: &str,
        cidr: &str,
        progress: Progress<'_>,
    ) -> Result<()> {
        check_name(name)?;
        if !cidr.contains('/') {
            return Err(
                ferrocloud::InvalidInput::field("cidr", "give a CIDR such as 10.0.9.0/24").into(),
            );
        }
        let neutron = self.network();
        progress(1, 2, "creating the network");
        let net = neutron
            .call(&obj(
                networks::create(&networks::CreateNetwork {
                    name: Some(name.to_owned()),
                    ..Default::default()
                }),
                "network",
            ))
            .await?;
        progress(2, 2, "creating the subnet");
        let subnet = subnets::CreateSubnet {
            name: Some(format!("{name}-subnet")),
            ..subnets::CreateSubnet::new(net.s("id"), 4, cidr)
        };
        if let Err(e) = neutron.call(&obj(subnets::create(&subnet), "subnet")).await {
            // Leave nothing half-made behind.
            let _ = self.delete_network(net.s("id")).await;
            return Err(e);
        }
        Ok(())
    }

    /// Deletes a network (and, with it, its subnets).
    pub async fn delete_network(&self, id: &str) -> Result<()> {
        self.network().call(&networks::delete(id)).await
    }

    /// Allocates a floating IP on an external network.
    pub async fn allocate_fip(&self, network: &str) -> Result<Obj> {
        if network.is_empty() {
            return Err(
                ferrocloud::InvalidInput::field("network", "pick an external network").into(),
            );
        }
        self.network()
            .call(&obj(
                floating_ips::create(&floating_ips::CreateFloatingIp::on(network)),
                "floatingip",
            ))
            .await
    }

    /// Associates a floating IP with a server's first port.
    pub async fn associate_fip(&self, fip: &str, server: &str) -> Result<()> {
        if fip.is_empty() || server.is_empty() {
            return Err(ferrocloud::InvalidInput::field(
                "associate",
                "pick a floating IP and a server",
            )
            .into());
        }
        let neutron = self.network();
        let found = neutron
            .collect_all(rows(
                ports::list(&ports::ListPorts {
                    device_id: Some(server.to_owned()),
                    ..Default::default()
                }),
                obj_choice,
            ))
            .await?;
        let port = found.first().map(|p| p.id.clone()).ok_or_else(|| {
            Error::from(ferrocloud::InvalidInput::field(
                "server",
                "the server has no port: boot it on a network first",
            ))
        })?;
        neutron
            .call(&obj(floating_ips::associate(fip, &port), "floatingip"))
            .await
            .map(|_| ())
    }

    /// Releases a floating IP.
    pub async fn release_fip(&self, id: &str) -> Result<()> {
        self.network().call(&floating_ips::delete(id)).await
    }
}

fn attach_wait() -> Wait {
    Wait::timeout(Duration::from_secs(120)).every(Duration::from_secs(1))
}

/// Names are required and short.
pub fn check_name(name: &str) -> Result<(), ferrocloud::InvalidInput> {
    if name.trim().is_empty() {
        return Err(ferrocloud::InvalidInput::field(
            "name",
            "a name is required",
        ));
    }
    if name.len() > 255 {
        return Err(ferrocloud::InvalidInput::field(
            "name",
            "at most 255 characters",
        ));
    }
    Ok(())
}

/// `(id, label)` pairs of picker rows (the label is the first cell).
pub fn pairs(rows: Vec<Row>) -> Vec<(String, String)> {
    rows.into_iter()
        .map(|r| {
            let label = match r.cells.into_iter().next() {
                Some(Cell::Text(t) | Cell::Status(t)) => t,
                None => String::new(),
            };
            (r.id, label)
        })
        .collect()
}

fn choice(id: &str, label: String) -> Row {
    Row {
        id: id.to_owned(),
        cells: vec![Cell::Text(label)],
    }
}

/// A picker row: the id and the name (or a short id).
pub fn obj_choice(o: &Obj) -> Row {
    choice(o.s("id"), name_or_id(o.s("name"), o.s("id")))
}

fn flavor_choice(o: &Obj) -> Row {
    let label = format!(
        "{} ({} vCPU, {} MiB)",
        o.s("name"),
        o.0["vcpus"],
        o.0["ram"]
    );
    choice(o.s("id"), label)
}

fn keypair_choice(o: &Obj) -> Row {
    let name = o.0["keypair"]["name"].as_str().unwrap_or_default();
    choice(name, name.to_owned())
}

fn fip_choice(o: &Obj) -> Row {
    choice(o.s("id"), o.s("floating_ip_address").to_owned())
}

fn volume_choice(o: &Obj) -> Row {
    let name = name_or_id(o.s("name"), o.s("id"));
    choice(o.s("id"), format!("{name} ({} GiB)", o.0["size"]))
}

fn server_row(o: &Obj) -> Row {
    let mut addrs = Vec::new();
    if let Some(Value::Object(nets)) = o.0.get("addresses") {
        for list in nets.values() {
            for a in list.as_array().into_iter().flatten() {
                if let Some(ip) = a["addr"].as_str() {
                    addrs.push(ip.to_owned());
                }
            }
        }
    }
    let flavor = o.0["flavor"]["original_name"]
        .as_str()
        .or_else(|| o.0["flavor"]["id"].as_str())
        .unwrap_or_default();
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Status(o.s("status").to_owned()),
            Cell::Text(flavor.to_owned()),
            Cell::Text(addrs.join(", ")),
            Cell::Text(o.s("created").to_owned()),
        ],
    }
}

fn yes(v: &Value) -> String {
    if v.as_bool() == Some(true) {
        "yes"
    } else {
        "no"
    }
    .to_owned()
}

fn network_row(o: &Obj) -> Row {
    let subnets = o.0["subnets"].as_array().map_or(0, Vec::len);
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Status(o.s("status").to_owned()),
            Cell::Text(subnets.to_string()),
            Cell::Text(yes(&o.0["shared"])),
            Cell::Text(yes(&o.0["router:external"])),
        ],
    }
}

fn subnet_row(o: &Obj) -> Row {
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Text(o.s("cidr").to_owned()),
            Cell::Text(o.0["ip_version"].to_string()),
            Cell::Text(o.s("gateway_ip").to_owned()),
            Cell::Text(short(o.s("network_id"))),
        ],
    }
}

fn router_row(o: &Obj) -> Row {
    let gw = o.0["external_gateway_info"]["network_id"]
        .as_str()
        .map(short)
        .unwrap_or_else(|| "—".into());
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Status(o.s("status").to_owned()),
            Cell::Text(gw),
            Cell::Text(yes(&o.0["admin_state_up"])),
        ],
    }
}

fn fip_row(o: &Obj) -> Row {
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(o.s("floating_ip_address").to_owned()),
            Cell::Status(o.s("status").to_owned()),
            Cell::opt(o.0["fixed_ip_address"].as_str()),
            Cell::opt(o.0["port_id"].as_str().map(short)),
        ],
    }
}

fn secgroup_row(o: &Obj) -> Row {
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Text(o.s("description").to_owned()),
            Cell::Text(
                o.0["security_group_rules"]
                    .as_array()
                    .map_or(0, Vec::len)
                    .to_string(),
            ),
        ],
    }
}

fn volume_row(o: &Obj) -> Row {
    let attached: Vec<String> = o.0["attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["server_id"].as_str().map(short))
        .collect();
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Status(o.s("status").to_owned()),
            Cell::Text(o.0["size"].to_string()),
            Cell::Text(attached.join(", ")),
            Cell::opt(o.0["volume_type"].as_str()),
        ],
    }
}

fn snapshot_row(o: &Obj) -> Row {
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Status(o.s("status").to_owned()),
            Cell::Text(o.0["size"].to_string()),
            Cell::opt(o.0["volume_id"].as_str().map(short)),
        ],
    }
}

fn image_row(o: &Obj) -> Row {
    Row {
        id: o.s("id").to_owned(),
        cells: vec![
            Cell::Text(name_or_id(o.s("name"), o.s("id"))),
            Cell::Status(o.s("status").to_owned()),
            Cell::opt(o.0["size"].as_u64()),
            Cell::opt(o.0["disk_format"].as_str()),
            Cell::opt(o.0["visibility"].as_str()),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_rows_gather_addresses_and_flavor() {
        let o = Obj(json!({
            "id": "0123456789", "name": "web", "status": "ACTIVE", "created": "2026-01-01T00:00:00Z",
            "flavor": {"original_name": "m1.tiny"},
            "addresses": {"private": [{"addr": "10.0.0.5"}, {"addr": "fd00::5"}]}
        }));
        let r = server_row(&o);
        assert_eq!(r.cells[0], Cell::Text("web".into()));
        assert_eq!(r.cells[1], Cell::Status("ACTIVE".into()));
        assert_eq!(r.cells[2], Cell::Text("m1.tiny".into()));
        assert_eq!(r.cells[3], Cell::Text("10.0.0.5, fd00::5".into()));
        assert_eq!(o.status().as_deref(), Some("ACTIVE"));
    }

    #[test]
    fn unnamed_resources_show_a_short_id() {
        let r = network_row(&Obj(
            json!({"id": "abcdef0123", "subnets": ["a", "b"], "router:external": true}),
        ));
        assert_eq!(r.cells[0], Cell::Text("abcdef01".into()));
        assert_eq!(r.cells[2], Cell::Text("2".into()));
        assert_eq!(r.cells[4], Cell::Text("yes".into()));
    }

    #[test]
    fn slugs_round_trip_and_columns_fit_rows() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_slug(k.slug()), Some(k));
        }
        let r = volume_row(&Obj(json!({"id": "v1", "status": "in-use", "size": 1,
            "attachments": [{"server_id": "srv-123456789"}]})));
        assert_eq!(r.cells.len(), Kind::Volumes.columns().len());
        assert_eq!(r.cells[3], Cell::Text("srv-1234".into()));
    }

    #[test]
    fn input_is_checked_before_any_request() {
        assert!(check_name(" ").is_err());
        assert!(check_name(&"x".repeat(256)).is_err());
        assert!(check_name("web-1").is_ok());
    }
}
