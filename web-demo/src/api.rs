//! What the dashboard shows and does, over any [`Transport`]: the resource kinds and
//! their tables, the pickers of the create forms, and the actions.
//!
//! Everything goes through ferrocloud's typed modules (networking, block storage, image,
//! flavors, key pairs, volume attachments), except Nova servers: they use [`Obj`]
//! operations declared here with ferrocloud's own `Op` / `List` until the typed
//! `compute::servers` module lands in the core; only this file changes then.

use std::time::Duration;

use ferrocloud::block_storage::{snapshots, volumes};
use ferrocloud::compute::{flavors, keypairs, volume_attach};
use ferrocloud::image::images;
use ferrocloud::network::{
    floating_ips, networks, ports, routers, security_groups, subnets, ListCommon,
};
use ferrocloud::op::{decode_json, decode_key, Decode};
use ferrocloud::{
    path, query, Client, Error, HasId, HasStatus, List, Op, Page, Paginated, Paging, Result,
    Service, ServiceClient, Transport, Wait,
};
use futures::stream::LocalBoxStream;
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::ui::{Action, Cell, Row};

/// Rows per table page.
pub const PAGE: u32 = 20;

/// A JSON object from a service (compute and networking, until their typed modules land).
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
    fn status(&self) -> Option<&str> {
        self.0.get("status").and_then(Value::as_str)
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
}

impl Kind {
    /// Every kind, in menu order.
    pub const ALL: [Kind; 9] = [
        Kind::Servers,
        Kind::Networks,
        Kind::Subnets,
        Kind::Routers,
        Kind::FloatingIps,
        Kind::Volumes,
        Kind::Snapshots,
        Kind::Images,
        Kind::SecurityGroups,
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
        }
    }

    /// The per-row actions.
    pub fn actions(self) -> &'static [Action] {
        match self {
            Kind::Servers => &[
                ("start", "Start"),
                ("stop", "Stop"),
                ("reboot", "Reboot"),
                ("delete", "Delete"),
            ],
            Kind::Volumes | Kind::Snapshots | Kind::Networks | Kind::FloatingIps => {
                &[("delete", "Delete")]
            }
            _ => &[],
        }
    }
}

/// A table being paged: pages are fetched one at a time as the user asks for them.
pub type Pages = LocalBoxStream<'static, Result<(Vec<Row>, bool)>>;

/// A typed list whose items are turned into table rows as each page is parsed.
struct Mapped<L: Paginated> {
    list: L,
    row: fn(&L::Item) -> Row,
}

/// Any list, as rows: every table shares one paging stream (and one copy of its code in
/// the bundle) whatever the item type.
pub struct Rows(Box<dyn Paginated<Item = Row>>);

impl<L: Paginated> Paginated for Mapped<L> {
    type Item = Row;
    fn first_request(&self, svc: &ServiceClient) -> Result<http::Request<bytes::Bytes>> {
        self.list.first_request(svc)
    }
    fn parse_page(
        &self,
        svc: &ServiceClient,
        request_url: &str,
        resp: http::Response<bytes::Bytes>,
    ) -> Result<Page<Row>> {
        let page = self.list.parse_page(svc, request_url, resp)?;
        Ok(Page {
            items: page.items.iter().map(self.row).collect(),
            next: page.next,
        })
    }
}

impl Paginated for Rows {
    type Item = Row;
    fn first_request(&self, svc: &ServiceClient) -> Result<http::Request<bytes::Bytes>> {
        self.0.first_request(svc)
    }
    fn parse_page(
        &self,
        svc: &ServiceClient,
        request_url: &str,
        resp: http::Response<bytes::Bytes>,
    ) -> Result<Page<Row>> {
        self.0.parse_page(svc, request_url, resp)
    }
}

/// `list`, read as rows made by `row`.
pub fn rows<L: Paginated + 'static>(list: L, row: fn(&L::Item) -> Row) -> Rows {
    Rows(Box::new(Mapped { list, row }))
}

fn paged<T: Transport + 'static>(svc: Service<T>, rows: Rows) -> Pages {
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

fn obj_list(path: Result<String, ferrocloud::InvalidInput>, key: &'static str) -> List<Obj> {
    List::new(path, key, Paging::Linked)
        .query(query!(limit: Some(PAGE)))
        .with_marker()
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
    fn svc(&self, s: Service<T>) -> Service<T> {
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
                rows(obj_list(path!("servers/detail"), "servers"), server_row),
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
                        limit: Some(PAGE),
                        ..Default::default()
                    }),
                    image_row,
                ),
            ),
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
                rows(
                    List::new(path!("servers"), "servers", Paging::Single),
                    obj_choice,
                ),
            ),
            "networks" | "external" => (
                self.network(),
                rows(
                    networks::list(&networks::ListNetworks {
                        router_external: (what == "external").then_some(true),
                        ..Default::default()
                    }),
                    network_choice,
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
                    image_choice,
                ),
            ),
            "volumes" => {
                let mut f = volumes::ListVolumes::default();
                f.common.status = Some("available".into());
                (
                    self.block_storage(),
                    rows(volumes::list_detail(&f), volume_choice),
                )
            }
            _ => return Ok(Vec::new()),
        };
        let found = svc.collect_all(list).await?;
        Ok(found
            .into_iter()
            .map(|r| {
                let label = match r.cells.into_iter().next() {
                    Some(Cell::Text(t) | Cell::Status(t)) => t,
                    None => String::new(),
                };
                (r.id, label)
            })
            .collect())
    }

    /// The whole resource `id` of `kind`, fresh from its service, for the detail view.
    pub async fn detail(&self, kind: Kind, id: &str) -> Result<Obj> {
        let key = Decode::Key;
        match kind {
            Kind::Servers => self.compute().call(&server_op(id)).await,
            Kind::Networks => {
                let op = networks::get(id).map_output(key("network", decode_key::<Obj>));
                self.network().call(&op).await
            }
            Kind::Subnets => {
                let op = subnets::get(id).map_output(key("subnet", decode_key::<Obj>));
                self.network().call(&op).await
            }
            Kind::Routers => {
                let op = routers::get(id).map_output(key("router", decode_key::<Obj>));
                self.network().call(&op).await
            }
            Kind::FloatingIps => {
                let op = floating_ips::get(id).map_output(key("floatingip", decode_key::<Obj>));
                self.network().call(&op).await
            }
            Kind::SecurityGroups => {
                let op =
                    security_groups::get(id).map_output(key("security_group", decode_key::<Obj>));
                self.network().call(&op).await
            }
            Kind::Volumes => {
                self.block_storage()
                    .call(&volumes::get(id).map_output(key("volume", decode_key::<Obj>)))
                    .await
            }
            Kind::Snapshots => {
                self.block_storage()
                    .call(&snapshots::get(id).map_output(key("snapshot", decode_key::<Obj>)))
                    .await
            }
            Kind::Images => {
                self.image()
                    .call(&images::get(id).map_output(Decode::Body(decode_json::<Obj>)))
                    .await
            }
        }
    }
}

/// A long-running step's progress callback: `(done, total, what)`.
pub type Progress<'a> = &'a dyn Fn(u32, u32, &str);

/// How long the dashboard waits for a status, polling every second.
pub fn wait() -> Wait {
    Wait::timeout(Duration::from_secs(180)).every(Duration::from_secs(1))
}

fn server_op(id: &str) -> Op<Obj> {
    Op::get(path!("servers/{}", id)).decode_key("server")
}

/// The server-side work behind the dashboard's buttons and forms.
impl<T: Transport + 'static> Cloud<T> {
    /// Boots a server and waits for `ACTIVE`.
    pub async fn create_server(
        &self,
        name: &str,
        flavor: &str,
        image: &str,
        network: &str,
        keypair: &str,
        progress: Progress<'_>,
    ) -> Result<Obj> {
        check_name(name)?;
        let mut server = json!({"name": name, "flavorRef": flavor, "imageRef": image});
        server["networks"] = if network.is_empty() {
            json!("none")
        } else {
            json!([{"uuid": network}])
        };
        if !keypair.is_empty() {
            server["key_name"] = json!(keypair);
        }
        let nova = self.compute();
        progress(1, 3, "requesting the server");
        let created: Obj = nova
            .call(
                &Op::post(path!("servers"))
                    .json_under("server", &server)
                    .decode_key("server"),
            )
            .await?;
        let id = created.s("id").to_owned();
        progress(2, 3, "building (waiting for ACTIVE)");
        let s = nova
            .wait_for_status(&server_op(&id), &["ACTIVE"], &["ERROR"], wait())
            .await?;
        progress(3, 3, "ACTIVE");
        Ok(s)
    }

    /// Runs a server action (`start`, `stop`, `reboot`, `delete`) and waits for its end
    /// state.
    pub async fn server_action(&self, id: &str, act: &str, progress: Progress<'_>) -> Result<()> {
        let nova = self.compute();
        let (body, target) = match act {
            "start" => (json!({"os-start": null}), "ACTIVE"),
            "stop" => (json!({"os-stop": null}), "SHUTOFF"),
            "reboot" => (json!({"reboot": {"type": "SOFT"}}), "ACTIVE"),
            "delete" => {
                progress(1, 2, "deleting");
                nova.call(&Op::<()>::delete(path!("servers/{}", id)).decode_nothing())
                    .await?;
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
        nova.call(
            &Op::<()>::post(path!("servers/{}/action", id))
                .json(&body)
                .decode_nothing(),
        )
        .await?;
        // A reboot passes through REBOOT: wait to leave ACTIVE first would race the fake
        // driver, so wait straight for the end state.
        progress(2, 3, &format!("waiting for {target}"));
        nova.wait_for_status(&server_op(id), &[target], &["ERROR"], wait())
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
            .call(&volumes::create(&volumes::CreateVolume {
                size: Some(size),
                name: Some(name.to_owned()),
                ..Default::default()
            }))
            .await?;
        progress(2, 3, "creating (waiting for available)");
        cinder
            .wait_for_status(&volumes::get(&v.id), &["available"], &["error"], wait())
            .await?;
        progress(3, 3, "available");
        Ok(())
    }

    /// Deletes a volume and waits until it is gone.
    pub async fn delete_volume(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        let cinder = self.block_storage();
        progress(1, 2, "deleting");
        cinder.call(&volumes::delete(id, false)).await?;
        cinder.wait_for_deleted(&volumes::get(id), wait()).await?;
        progress(2, 2, "deleted");
        Ok(())
    }

    /// Deletes a snapshot and waits until it is gone.
    pub async fn delete_snapshot(&self, id: &str, progress: Progress<'_>) -> Result<()> {
        let cinder = self.block_storage();
        progress(1, 2, "deleting");
        cinder.call(&snapshots::delete(id)).await?;
        cinder.wait_for_deleted(&snapshots::get(id), wait()).await?;
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
            .call(&volume_attach::create(
                server,
                &volume_attach::CreateVolumeAttachment::new(volume),
            ))
            .await?;
        progress(2, 3, "waiting for in-use");
        self.block_storage()
            .wait_for_status(
                &volumes::get(volume),
                &["in-use"],
                &["error", "available"],
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
            .call(&networks::create(&networks::CreateNetwork {
                name: Some(name.to_owned()),
                ..Default::default()
            }))
            .await?;
        progress(2, 2, "creating the subnet");
        let subnet = subnets::CreateSubnet {
            name: Some(format!("{name}-subnet")),
            ..subnets::CreateSubnet::new(&net.id, 4, cidr)
        };
        if let Err(e) = neutron.call(&subnets::create(&subnet)).await {
            // Leave nothing half-made behind.
            let _ = self.delete_network(&net.id).await;
            return Err(e);
        }
        Ok(())
    }

    /// Deletes a network (and, with it, its subnets).
    pub async fn delete_network(&self, id: &str) -> Result<()> {
        self.network().call(&networks::delete(id)).await
    }

    /// Allocates a floating IP on an external network.
    pub async fn allocate_fip(&self, network: &str) -> Result<floating_ips::FloatingIp> {
        if network.is_empty() {
            return Err(
                ferrocloud::InvalidInput::field("network", "pick an external network").into(),
            );
        }
        self.network()
            .call(&floating_ips::create(&floating_ips::CreateFloatingIp::on(
                network,
            )))
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
            .first_page(&ports::list(&ports::ListPorts {
                device_id: Some(server.to_owned()),
                ..Default::default()
            }))
            .await?;
        let port = found.items.first().map(|p| p.id.clone()).ok_or_else(|| {
            Error::from(ferrocloud::InvalidInput::field(
                "server",
                "the server has no port: boot it on a network first",
            ))
        })?;
        neutron
            .call(&floating_ips::associate(fip, &port))
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

fn choice(id: &str, label: String) -> Row {
    Row {
        id: id.to_owned(),
        cells: vec![Cell::Text(label)],
    }
}

fn obj_choice(o: &Obj) -> Row {
    choice(o.s("id"), name_or_id(o.s("name"), o.s("id")))
}

fn network_choice(n: &networks::Network) -> Row {
    choice(&n.id, name_or_id(&n.name, &n.id))
}

fn flavor_choice(f: &flavors::Flavor) -> Row {
    let label = format!("{} ({} vCPU, {} MiB)", f.name, f.vcpus, f.ram);
    choice(&f.id, label)
}

fn keypair_choice(k: &keypairs::KeypairEntry) -> Row {
    choice(&k.keypair.name, k.keypair.name.clone())
}

fn fip_choice(f: &floating_ips::FloatingIp) -> Row {
    choice(&f.id, f.floating_ip_address.clone())
}

fn image_choice(i: &images::Image) -> Row {
    choice(
        &i.id,
        name_or_id(i.name.as_deref().unwrap_or_default(), &i.id),
    )
}

fn volume_choice(v: &volumes::Volume) -> Row {
    let name = name_or_id(v.name.as_deref().unwrap_or_default(), &v.id);
    choice(&v.id, format!("{name} ({} GiB)", v.size))
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

fn yes(v: bool) -> String {
    if v { "yes" } else { "no" }.to_owned()
}

fn network_row(n: &networks::Network) -> Row {
    Row {
        id: n.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(&n.name, &n.id)),
            Cell::Status(n.status.as_str().to_owned()),
            Cell::Text(n.subnets.len().to_string()),
            Cell::Text(yes(n.shared)),
            Cell::Text(yes(n.router_external == Some(true))),
        ],
    }
}

fn subnet_row(s: &subnets::Subnet) -> Row {
    Row {
        id: s.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(&s.name, &s.id)),
            Cell::opt(s.cidr.as_deref()),
            Cell::Text(s.ip_version.to_string()),
            Cell::opt(s.gateway_ip.as_deref()),
            Cell::Text(short(&s.network_id)),
        ],
    }
}

fn router_row(r: &routers::Router) -> Row {
    Row {
        id: r.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(&r.name, &r.id)),
            Cell::Status(r.status.as_str().to_owned()),
            Cell::opt(
                r.external_gateway_info
                    .as_ref()
                    .map(|g| short(&g.network_id)),
            ),
            Cell::Text(yes(r.admin_state_up)),
        ],
    }
}

fn fip_row(f: &floating_ips::FloatingIp) -> Row {
    Row {
        id: f.id.clone(),
        cells: vec![
            Cell::Text(f.floating_ip_address.clone()),
            Cell::Status(f.status.as_str().to_owned()),
            Cell::opt(f.fixed_ip_address.as_deref()),
            Cell::opt(f.port_id.as_deref().map(short)),
        ],
    }
}

fn secgroup_row(g: &security_groups::SecurityGroup) -> Row {
    Row {
        id: g.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(&g.name, &g.id)),
            Cell::Text(g.description.clone()),
            Cell::Text(g.security_group_rules.len().to_string()),
        ],
    }
}

fn volume_row(v: &volumes::Volume) -> Row {
    let attached: Vec<String> = v
        .attachments
        .iter()
        .filter_map(|a| a.server_id.as_deref().map(short))
        .collect();
    Row {
        id: v.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(v.name.as_deref().unwrap_or_default(), &v.id)),
            Cell::Status(v.status.as_str().to_owned()),
            Cell::Text(v.size.to_string()),
            Cell::Text(attached.join(", ")),
            Cell::opt(v.volume_type.as_deref()),
        ],
    }
}

fn snapshot_row(s: &snapshots::Snapshot) -> Row {
    Row {
        id: s.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(s.name.as_deref().unwrap_or_default(), &s.id)),
            Cell::Status(s.status.as_str().to_owned()),
            Cell::Text(s.size.to_string()),
            Cell::opt(s.volume_id.as_deref().map(short)),
        ],
    }
}

fn image_row(i: &images::Image) -> Row {
    Row {
        id: i.id.clone(),
        cells: vec![
            Cell::Text(name_or_id(i.name.as_deref().unwrap_or_default(), &i.id)),
            Cell::Status(i.status.as_str().to_owned()),
            Cell::opt(i.size),
            Cell::opt(i.disk_format.as_deref()),
            Cell::opt(i.visibility.as_ref().map(|d| d.as_str().to_owned())),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(o.status(), Some("ACTIVE"));
    }

    #[test]
    fn unnamed_resources_show_a_short_id() {
        let n: networks::Network = serde_json::from_value(json!({"id": "abcdef0123", "name": "",
            "status": "ACTIVE", "subnets": ["a", "b"], "router:external": true}))
        .unwrap();
        let r = network_row(&n);
        assert_eq!(r.cells[0], Cell::Text("abcdef01".into()));
        assert_eq!(r.cells[2], Cell::Text("2".into()));
        assert_eq!(r.cells[4], Cell::Text("yes".into()));
    }

    #[test]
    fn slugs_round_trip_and_columns_fit_rows() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_slug(k.slug()), Some(k));
        }
        let v: volumes::Volume =
            serde_json::from_value(json!({"id": "v1", "status": "in-use", "size": 1,
            "attachments": [{"server_id": "srv-123456789"}]}))
            .unwrap();
        let r = volume_row(&v);
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
