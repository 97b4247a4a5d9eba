//! Against the REAL Neutron of the local cloud (ML2, no agents): a full topology
//! (external network, subnet, router with gateway, interface, port, floating IP
//! associate/disassociate), security groups with rules, tags, pagination with
//! `limit=2`, a typed 409 carrying Neutron's `NeutronError`, `If-Match` revision checks
//! (412); everything created is deleted, also when an assertion fails midway.

use std::sync::{Arc, Mutex};

use futures::{StreamExt, TryStreamExt};

use ferrocloud::network::address_groups::{self, CreateAddressGroup};
use ferrocloud::network::floating_ips::{self, CreateFloatingIp, ListFloatingIps};
use ferrocloud::network::networks::{self, CreateNetwork, ListNetworks, UpdateNetwork};
use ferrocloud::network::ports::{
    self, AddressPair, CreatePort, ExtraDhcpOpt, FixedIp, ListPorts, UpdatePort,
};
use ferrocloud::network::routers::{
    self, CreateRouter, GatewayInfo, Interface, Route, UpdateRouter,
};
use ferrocloud::network::security_group_rules::{
    self as rules, CreateRule, Direction, Ethertype, ListRules, Protocol,
};
use ferrocloud::network::security_groups::{
    self, CreateSecurityGroup, ListSecurityGroups, UpdateSecurityGroup,
};
use ferrocloud::network::subnets::{
    self, AllocationPool, CreateSubnet, HostRoute, Ipv6Mode, ListSubnets,
};
use ferrocloud::network::IfRevision;
use ferrocloud::{path, Op, Patch, Service, Transport};
use ferrocloud::{ListCommon, SortDir};
use ferrocloud_tests::cloud;

use crate::support::guarded;

/// One thing to undo, in reverse order of creation.
#[derive(Debug, Clone)]
enum Undo {
    Network(String),
    Subnet(String),
    Port(String),
    Router(String),
    Interface(String, Interface),
    FloatingIp(String),
    SecurityGroup(String),
    /// An address group.
    AddressGroup(String),
}

/// What a test created; undone at the end whatever happened.
#[derive(Default)]
struct Created(Mutex<Vec<Undo>>);

impl Created {
    fn add(&self, u: Undo) {
        self.0.lock().unwrap().push(u);
    }

    async fn cleanup<T: Transport>(&self, neutron: &Service<T>) {
        let undo: Vec<Undo> = std::mem::take(&mut *self.0.lock().unwrap());
        for u in undo.into_iter().rev() {
            let res = match &u {
                Undo::FloatingIp(id) => neutron.call(&floating_ips::delete(id)).await,
                Undo::Interface(r, i) => neutron
                    .call(&routers::remove_interface(r, i))
                    .await
                    .map(drop),
                Undo::Router(id) => {
                    let _ = neutron
                        .call(&routers::update(
                            id,
                            &UpdateRouter {
                                external_gateway_info: Patch::Null,
                                routes: Some(vec![]),
                                ..Default::default()
                            },
                        ))
                        .await;
                    neutron.call(&routers::delete(id)).await
                }
                Undo::Port(id) => neutron.call(&ports::delete(id)).await,
                Undo::Subnet(id) => neutron.call(&subnets::delete(id)).await,
                Undo::Network(id) => neutron.call(&networks::delete(id)).await,
                Undo::SecurityGroup(id) => neutron.call(&security_groups::delete(id)).await,
                Undo::AddressGroup(id) => neutron.call(&address_groups::delete(id)).await,
            };
            if let Err(e) = res {
                if !e.is_not_found() {
                    eprintln!("cleanup of {u:?} failed: {e}");
                }
            }
        }
    }
}

async fn with_cleanup<T, F, Fut>(neutron: &Service<T>, body: F)
where
    T: Transport + Clone,
    F: FnOnce(Service<T>, Arc<Created>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let created = Arc::new(Created::default());
    guarded(
        body(neutron.clone(), created.clone()),
        created.cleanup(neutron),
    )
    .await
}

/// The first three octets of a /24 unlikely to be used by a concurrent run:
/// `<first>.<lo + n % span>.<m>`.
fn cidr_prefix(first: u8, lo: u32, span: u32) -> String {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        ^ std::process::id();
    format!("{first}.{}.{}", lo + n % span, (n >> 8) % 250)
}

#[tokio::test(flavor = "multi_thread")]
async fn topology_router_gateway_interface_port_floating_ip() {
    let admin = cloud::admin();
    let neutron = admin.network();
    with_cleanup(&neutron, |neutron, created| async move {
        // External network (admin): a plain network with router:external.
        let ext = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("ext")),
                router_external: Some(true),
                ..Default::default()
            }))
            .await
            .expect("create external network");
        created.add(Undo::Network(ext.id.clone()));
        assert_eq!(ext.router_external, Some(true));
        let ext_prefix = cidr_prefix(172, 16, 16);
        let ext_subnet = neutron
            .call(&subnets::create(&CreateSubnet {
                name: Some(cloud::unique("ext-sub")),
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&ext.id, 4, &format!("{ext_prefix}.0/24"))
            }))
            .await
            .expect("create external subnet");
        created.add(Undo::Subnet(ext_subnet.id.clone()));

        // Internal network + subnet with pools, DNS and host routes.
        let net = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("net")),
                mtu: Some(1400),
                port_security_enabled: Some(true),
                description: Some("ferrocloud topology".into()),
                ..Default::default()
            }))
            .await
            .expect("create network");
        created.add(Undo::Network(net.id.clone()));
        assert_eq!(net.mtu, Some(1400));
        assert_eq!(net.port_security_enabled, Some(true));
        let net = neutron
            .wait_for_status(
                &networks::get(&net.id),
                &[networks::NetworkStatus::Active],
                &[networks::NetworkStatus::Error],
                ferrocloud::Wait::timeout(std::time::Duration::from_secs(30))
                    .every(std::time::Duration::from_millis(200)),
            )
            .await
            .expect("network ACTIVE");
        let p = cidr_prefix(10, 100, 100);
        let subnet = neutron
            .call(&subnets::create(&CreateSubnet {
                name: Some(cloud::unique("sub")),
                allocation_pools: vec![AllocationPool {
                    start: format!("{p}.10"),
                    end: format!("{p}.99"),
                }],
                dns_nameservers: vec!["192.0.2.53".into()],
                host_routes: vec![HostRoute {
                    destination: "192.0.2.0/24".into(),
                    nexthop: format!("{p}.254"),
                }],
                ..CreateSubnet::new(&net.id, 4, &format!("{p}.0/24"))
            }))
            .await
            .expect("create subnet");
        created.add(Undo::Subnet(subnet.id.clone()));
        assert_eq!(
            subnet.gateway_ip.as_deref(),
            Some(format!("{p}.1").as_str())
        );
        assert_eq!(subnet.allocation_pools[0].end, format!("{p}.99"));
        assert_eq!(subnet.dns_nameservers, vec!["192.0.2.53".to_string()]);
        assert_eq!(subnet.host_routes.len(), 1);
        let listed = neutron
            .collect_all(subnets::list(&ListSubnets {
                network_id: Some(net.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            listed.iter().map(|s| &s.id).collect::<Vec<_>>(),
            vec![&subnet.id]
        );

        // Router with an external gateway (SNAT on), then an interface on the subnet.
        let router = neutron
            .call(&routers::create(&CreateRouter {
                name: Some(cloud::unique("router")),
                external_gateway_info: Some(GatewayInfo {
                    enable_snat: Some(true),
                    ..GatewayInfo::network(&ext.id)
                }),
                ..Default::default()
            }))
            .await
            .expect("create router");
        created.add(Undo::Router(router.id.clone()));
        let gw = router.external_gateway_info.clone().expect("gateway set");
        assert_eq!(gw.network_id, ext.id);
        assert_eq!(gw.enable_snat, Some(true));
        assert_eq!(gw.external_fixed_ips.len(), 1);
        assert_eq!(
            gw.external_fixed_ips[0].subnet_id.as_deref(),
            Some(ext_subnet.id.as_str())
        );
        let iface = neutron
            .call(&routers::add_interface(
                &router.id,
                &Interface::Subnet(subnet.id.clone()),
            ))
            .await
            .expect("add router interface");
        created.add(Undo::Interface(
            router.id.clone(),
            Interface::Subnet(subnet.id.clone()),
        ));
        assert_eq!(iface.id, router.id);
        assert_eq!(iface.subnet_id, subnet.id);
        let router_ports = neutron
            .collect_all(ports::list(&ListPorts {
                device_id: Some(router.id.clone()),
                network_id: Some(net.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(router_ports.len(), 1);
        assert_eq!(router_ports[0].id, iface.port_id);
        assert_eq!(
            router_ports[0].fixed_ips[0].ip_address.as_deref(),
            Some(format!("{p}.1").as_str())
        );

        // Extra routes through the interface subnet.
        let route = Route {
            destination: "198.51.100.0/24".into(),
            nexthop: format!("{p}.20"),
        };
        let r = neutron
            .call(&routers::add_extraroutes(
                &router.id,
                std::slice::from_ref(&route),
            ))
            .await
            .expect("add extra routes");
        assert_eq!(r.routes, vec![route.clone()]);
        let r = neutron
            .call(&routers::remove_extraroutes(&router.id, &[route]))
            .await
            .expect("remove extra routes");
        assert!(r.routes.is_empty());
        // The same through a plain update: set the routes, then empty them.
        let r = neutron
            .call(&routers::update(
                &router.id,
                &UpdateRouter {
                    routes: Some(vec![Route {
                        destination: "198.51.100.0/24".into(),
                        nexthop: format!("{p}.21"),
                    }]),
                    ..Default::default()
                },
            ))
            .await
            .expect("set routes");
        assert_eq!(r.routes.len(), 1);
        assert!(r.external_gateway_info.is_some(), "the gateway was kept");
        let r = neutron
            .call(&routers::update(
                &router.id,
                &UpdateRouter {
                    routes: Some(vec![]),
                    ..Default::default()
                },
            ))
            .await
            .expect("empty routes");
        assert!(r.routes.is_empty());

        // A port with a fixed IP, an allowed address pair and an extra DHCP option.
        let port = neutron
            .call(&ports::create(&CreatePort {
                name: Some(cloud::unique("port")),
                fixed_ips: vec![FixedIp {
                    subnet_id: Some(subnet.id.clone()),
                    ip_address: Some(format!("{p}.42")),
                }],
                allowed_address_pairs: vec![AddressPair {
                    ip_address: format!("{p}.200"),
                    mac_address: None,
                }],
                extra_dhcp_opts: vec![ExtraDhcpOpt {
                    opt_name: "bootfile-name".into(),
                    opt_value: Some("pxelinux.0".into()),
                    ip_version: Some(4),
                }],
                device_id: Some("ferro-device".into()),
                ..CreatePort::new(&net.id)
            }))
            .await
            .expect("create port");
        created.add(Undo::Port(port.id.clone()));
        assert_eq!(
            port.fixed_ips[0].ip_address.as_deref(),
            Some(format!("{p}.42").as_str())
        );
        assert_eq!(port.allowed_address_pairs[0].ip_address, format!("{p}.200"));
        assert_eq!(port.extra_dhcp_opts.len(), 1);
        assert_eq!(port.device_id, "ferro-device");
        assert_eq!(port.security_groups.len(), 1, "the default group");

        // Clear device_id with "" (Neutron refuses null there).
        let port = neutron
            .call(&ports::update(
                &port.id,
                &UpdatePort {
                    device_id: Some(String::new()),
                    ..Default::default()
                },
            ))
            .await
            .expect("clear device_id");
        assert_eq!(port.device_id, "");

        // A port without port security and without security groups (`Some(vec![])`,
        // not the default group). (The binding attributes are service-only by this
        // Neutron's policy; the samples cover their shapes.)
        let open = neutron
            .call(&ports::create(&CreatePort {
                name: Some(cloud::unique("open")),
                port_security_enabled: Some(false),
                security_groups: Some(vec![]),
                ..CreatePort::new(&net.id)
            }))
            .await
            .expect("create port without port security");
        created.add(Undo::Port(open.id.clone()));
        assert_eq!(open.port_security_enabled, Some(false));
        assert!(open.security_groups.is_empty());
        let open = neutron
            .call(&ports::update(
                &open.id,
                &UpdatePort {
                    port_security_enabled: Some(true),
                    security_groups: Some(vec![port.security_groups[0].clone()]),
                    ..Default::default()
                },
            ))
            .await
            .expect("turn port security on");
        assert_eq!(open.port_security_enabled, Some(true));
        assert_eq!(open.security_groups, port.security_groups);

        // Floating IP on the external network: associate, list by port, disassociate.
        let fip = neutron
            .call(&floating_ips::create(&CreateFloatingIp {
                description: Some("ferrocloud".into()),
                ..CreateFloatingIp::on(&ext.id)
            }))
            .await
            .expect("create floating IP");
        created.add(Undo::FloatingIp(fip.id.clone()));
        assert_eq!(fip.port_id, None);
        assert!(fip.floating_ip_address.starts_with(&ext_prefix));
        let fip = neutron
            .call(&floating_ips::associate(&fip.id, &port.id))
            .await
            .expect("associate");
        assert_eq!(fip.port_id.as_deref(), Some(port.id.as_str()));
        assert_eq!(
            fip.fixed_ip_address.as_deref(),
            Some(format!("{p}.42").as_str())
        );
        assert_eq!(fip.router_id.as_deref(), Some(router.id.as_str()));
        let by_port = neutron
            .collect_all(floating_ips::list(&ListFloatingIps {
                port_id: Some(port.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            by_port.iter().map(|f| &f.id).collect::<Vec<_>>(),
            vec![&fip.id]
        );
        let on_ext = neutron
            .collect_all(floating_ips::list(&ListFloatingIps {
                floating_network_id: Some(ext.id.clone()),
                status: Some(fip.status.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(on_ext.iter().any(|f| f.id == fip.id));
        let fip = neutron
            .call(&floating_ips::disassociate(&fip.id))
            .await
            .expect("disassociate");
        assert_eq!(fip.port_id, None);
        assert_eq!(fip.fixed_ip_address, None);

        // A typed 409 carrying Neutron's message: the network still has ports.
        let err = neutron
            .call(&networks::delete(&net.id))
            .await
            .expect_err("a network with ports cannot go");
        assert!(err.is_conflict(), "{err}");
        let http = err.http().unwrap();
        assert_eq!(http.fault.kind.as_deref(), Some("NetworkInUse"), "{err}");
        assert!(http.message().contains(&net.id), "{}", http.message());
        assert!(err.request_id().is_some());

        // If-Match on the revision: a stale one is refused with 412, the current one works.
        let current = neutron.call(&networks::get(&net.id)).await.unwrap();
        let stale = neutron
            .call(
                &networks::update(
                    &net.id,
                    &UpdateNetwork {
                        description: Some("stale".into()),
                        ..Default::default()
                    },
                )
                .if_revision(current.revision_number + 100),
            )
            .await
            .expect_err("stale revision");
        assert_eq!(stale.status().map(|s| s.as_u16()), Some(412), "{stale}");
        let updated = neutron
            .call(
                &networks::update(
                    &net.id,
                    &UpdateNetwork {
                        description: Some("fresh".into()),
                        ..Default::default()
                    },
                )
                .if_revision(current.revision_number),
            )
            .await
            .expect("current revision");
        assert_eq!(updated.description, "fresh");
        assert!(updated.revision_number > current.revision_number);
        assert_eq!(net.status, networks::NetworkStatus::Active);

        // Clear the gateway with null.
        let router = neutron
            .call(&routers::update(
                &router.id,
                &UpdateRouter {
                    external_gateway_info: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .expect("clear gateway");
        assert_eq!(router.external_gateway_info, None);
        // And the interface by port (the same interface the subnet added).
        let removed = neutron
            .call(&routers::remove_interface(
                &router.id,
                &Interface::Port(iface.port_id.clone()),
            ))
            .await
            .expect("remove interface by port");
        assert_eq!(removed.subnet_id, subnet.id);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn security_groups_with_rules() {
    let admin = cloud::admin();
    let neutron = admin.network();
    with_cleanup(&neutron, |neutron, created| async move {
        let name = cloud::unique("sg");
        // An address group for remote_address_group_id (made before the group, so it is
        // undone after the rules that use it).
        let ag = neutron
            .call(&address_groups::create(&CreateAddressGroup {
                name: Some(cloud::unique("ag")),
                addresses: vec!["198.51.100.0/24".into()],
                ..Default::default()
            }))
            .await
            .expect("create address group");
        let ag_id = ag.id.clone();
        created.add(Undo::AddressGroup(ag_id.clone()));
        let sg = neutron
            .call(&security_groups::create(&CreateSecurityGroup {
                name: name.clone(),
                description: Some("ferrocloud".into()),
                stateful: Some(true),
                ..Default::default()
            }))
            .await
            .expect("create security group");
        created.add(Undo::SecurityGroup(sg.id.clone()));
        assert_eq!(sg.stateful, Some(true));
        // Whatever default rules this Neutron's templates add are the group's own.
        let defaults = neutron
            .call(&security_groups::get(&sg.id))
            .await
            .unwrap()
            .security_group_rules;
        assert_eq!(defaults.len(), sg.security_group_rules.len());
        assert!(defaults.iter().all(|r| r.security_group_id == sg.id));
        let n0 = defaults.len();

        let base = CreateRule::new(&sg.id, Direction::Ingress);
        let ssh = neutron
            .call(&rules::create(&CreateRule {
                protocol: Some(Protocol::Tcp),
                port_range_min: Some(22),
                port_range_max: Some(22),
                remote_ip_prefix: Some("192.0.2.0/24".into()),
                description: Some("ssh".into()),
                ..base.clone()
            }))
            .await
            .expect("tcp rule");
        assert_eq!(ssh.protocol, Some(Protocol::Tcp));
        assert_eq!(
            (ssh.port_range_min, ssh.port_range_max),
            (Some(22), Some(22))
        );
        assert_eq!(ssh.remote_ip_prefix.as_deref(), Some("192.0.2.0/24"));
        assert_eq!(ssh.ethertype, Ethertype::IPv4);
        let ospf = neutron
            .call(&rules::create(&CreateRule {
                protocol: Some(Protocol::number(89)),
                remote_group_id: Some(sg.id.clone()),
                ..base.clone()
            }))
            .await
            .expect("rule by protocol number");
        assert_eq!(
            ospf.protocol.as_ref().and_then(Protocol::as_number),
            Some(89)
        );
        assert_eq!(ospf.remote_group_id.as_deref(), Some(sg.id.as_str()));
        let from_group = neutron
            .call(&rules::create(&CreateRule {
                protocol: Some(Protocol::Udp),
                port_range_min: Some(53),
                port_range_max: Some(53),
                remote_address_group_id: Some(ag_id.clone()),
                ..base.clone()
            }))
            .await
            .expect("rule with a remote address group");
        assert_eq!(
            from_group.remote_address_group_id.as_deref(),
            Some(ag_id.as_str())
        );
        let by_ag = neutron
            .collect_all(rules::list(&ListRules {
                remote_address_group_id: Some(ag_id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            by_ag.iter().map(|r| &r.id).collect::<Vec<_>>(),
            vec![&from_group.id]
        );
        neutron.call(&rules::delete(&from_group.id)).await.unwrap();
        let bulk = neutron
            .call(&rules::create_many(&[
                CreateRule {
                    protocol: Some(Protocol::Icmp),
                    port_range_min: Some(8),
                    port_range_max: Some(0),
                    ..base.clone()
                },
                CreateRule {
                    protocol: Some(Protocol::Udp),
                    port_range_min: Some(5000),
                    port_range_max: Some(5100),
                    ethertype: Some(Ethertype::IPv6),
                    ..base.clone()
                },
            ]))
            .await
            .expect("bulk rules");
        assert_eq!(bulk.len(), 2);
        assert_eq!(bulk[1].ethertype, Ethertype::IPv6);

        let got = neutron.call(&security_groups::get(&sg.id)).await.unwrap();
        assert_eq!(got.security_group_rules.len(), n0 + 4);
        let ingress = neutron
            .collect_all(rules::list(&ListRules {
                security_group_id: Some(sg.id.clone()),
                direction: Some(Direction::Ingress),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            ingress.len(),
            4 + defaults
                .iter()
                .filter(|r| r.direction == Direction::Ingress)
                .count()
        );
        let tcp = neutron
            .collect_all(rules::list(&ListRules {
                security_group_id: Some(sg.id.clone()),
                protocol: Some(Protocol::Tcp),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(tcp.iter().map(|r| &r.id).collect::<Vec<_>>(), vec![&ssh.id]);

        // A rule exactly like an existing one is a typed 409.
        let dup = neutron
            .call(&rules::create(&CreateRule {
                protocol: Some(Protocol::Tcp),
                port_range_min: Some(22),
                port_range_max: Some(22),
                remote_ip_prefix: Some("192.0.2.0/24".into()),
                ..base.clone()
            }))
            .await
            .expect_err("duplicate rule");
        assert!(dup.is_conflict(), "{dup}");
        assert_eq!(
            dup.http().unwrap().fault.kind.as_deref(),
            Some("SecurityGroupRuleExists")
        );

        neutron
            .call(&rules::delete(&ssh.id))
            .await
            .expect("delete rule");
        assert!(neutron
            .call(&rules::get(&ssh.id))
            .await
            .unwrap_err()
            .is_not_found());

        let renamed = neutron
            .call(&security_groups::update(
                &sg.id,
                &UpdateSecurityGroup {
                    name: Some(format!("{name}-2")),
                    description: Some(String::new()),
                    ..Default::default()
                },
            ))
            .await
            .expect("update security group");
        assert_eq!(renamed.name, format!("{name}-2"));
        assert_eq!(renamed.description, "");
        let found = neutron
            .collect_all(security_groups::list(&ListSecurityGroups {
                name: Some(format!("{name}-2")),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].security_group_rules.len(), n0 + 3);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn tags_on_networks_ports_and_routers() {
    let admin = cloud::admin();
    let neutron = admin.network();
    with_cleanup(&neutron, |neutron, created| async move {
        let net = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("tags")),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.add(Undo::Network(net.id.clone()));
        let tag = cloud::unique("t");
        let t = networks::TAGS;
        neutron.call(&t.add(&net.id, &tag)).await.expect("add tag");
        neutron
            .call(&t.check(&net.id, &tag))
            .await
            .expect("has tag");
        let all = neutron
            .call(&t.add_all(&net.id, &["blue".into(), "red".into()]))
            .await
            .expect("add tags");
        assert_eq!(sorted(all), vec!["blue".to_string(), "red".to_string()]);
        // The answer holds the tags sent; the others stay.
        assert_eq!(
            sorted(neutron.call(&t.list(&net.id)).await.unwrap()),
            sorted(vec![tag.clone(), "blue".into(), "red".into()])
        );
        neutron
            .call(&t.remove(&net.id, "red"))
            .await
            .expect("remove");
        assert!(neutron
            .call(&t.check(&net.id, "red"))
            .await
            .unwrap_err()
            .is_not_found());
        assert_eq!(
            sorted(neutron.call(&t.list(&net.id)).await.unwrap()),
            sorted(vec![tag.clone(), "blue".into()])
        );
        let by_tag = neutron
            .collect_all(networks::list(&ListNetworks {
                common: ListCommon {
                    tags: vec![tag.clone(), "blue".into()],
                    ..Default::default()
                },
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            by_tag.iter().map(|n| &n.id).collect::<Vec<_>>(),
            vec![&net.id]
        );
        assert_eq!(
            sorted(by_tag[0].tags.clone()),
            sorted(vec![tag.clone(), "blue".into()])
        );
        let replaced = neutron
            .call(&t.replace(&net.id, &[format!("{tag}-x")]))
            .await
            .expect("replace");
        assert_eq!(replaced, vec![format!("{tag}-x")]);
        let none = neutron
            .collect_all(networks::list(&ListNetworks {
                common: ListCommon {
                    tags_any: vec![tag.clone()],
                    ..Default::default()
                },
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(none.is_empty());
        neutron.call(&t.clear(&net.id)).await.expect("clear");
        // A conditional delete with a stale revision is refused; the network stays.
        let rev = neutron
            .call(&networks::get(&net.id))
            .await
            .unwrap()
            .revision_number;
        let stale = neutron
            .call(&networks::delete(&net.id).if_revision(rev + 7))
            .await
            .expect_err("stale conditional delete");
        assert_eq!(stale.status().map(|s| s.as_u16()), Some(412), "{stale}");
        neutron
            .call(&networks::get(&net.id))
            .await
            .expect("still there");
        assert!(neutron.call(&t.list(&net.id)).await.unwrap().is_empty());

        // The same API on other resources.
        let port = neutron
            .call(&ports::create(&CreatePort::new(&net.id)))
            .await
            .unwrap();
        created.add(Undo::Port(port.id.clone()));
        neutron
            .call(&ports::TAGS.add(&port.id, &tag))
            .await
            .unwrap();
        // Why UpdatePort::device_id is an Option cleared with "": Neutron refuses null.
        let null_device: Result<serde_json::Value, _> = neutron
            .call(
                &Op::put(path!("ports/{}", port.id))
                    .json(&serde_json::json!({"port": {"device_id": null}}))
                    .decode_key("port"),
            )
            .await;
        let err = null_device.expect_err("device_id null");
        assert!(err.is_bad_request(), "{err}");
        let router = neutron
            .call(&routers::create(&CreateRouter {
                name: Some(cloud::unique("tags")),
                ha: Some(false),
                distributed: Some(false),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!((router.ha, router.distributed), (Some(false), Some(false)));
        created.add(Undo::Router(router.id.clone()));
        neutron
            .call(&routers::TAGS.add(&router.id, &tag))
            .await
            .unwrap();
        let tagged_ports = neutron
            .collect_all(ports::list(&ListPorts {
                common: ListCommon {
                    tags: vec![tag.clone()],
                    ..Default::default()
                },
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            tagged_ports.iter().map(|p| &p.id).collect::<Vec<_>>(),
            vec![&port.id]
        );
        assert_eq!(
            neutron.call(&routers::get(&router.id)).await.unwrap().tags,
            vec![tag.clone()]
        );
        let sg = neutron
            .call(&security_groups::create(&CreateSecurityGroup {
                name: cloud::unique("tags"),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.add(Undo::SecurityGroup(sg.id.clone()));
        neutron
            .call(&security_groups::TAGS.replace(&sg.id, std::slice::from_ref(&tag)))
            .await
            .unwrap();
        assert_eq!(
            neutron
                .call(&security_groups::get(&sg.id))
                .await
                .unwrap()
                .tags,
            vec![tag]
        );
    })
    .await;
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn pagination_limit_two_over_three_pages() {
    let (transport, client) = cloud::counting("oscloud-admin", |_| {});
    let neutron = client.network();
    with_cleanup(&neutron, |neutron, created| async move {
        let tag = cloud::unique("page");
        let base = cloud::unique("page");
        let nets = neutron
            .call(&networks::create_many(
                &(0..5)
                    .map(|i| CreateNetwork {
                        name: Some(format!("{base}-{i}")),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>(),
            ))
            .await
            .expect("bulk create networks");
        for n in &nets {
            created.add(Undo::Network(n.id.clone()));
        }
        assert_eq!(nets.len(), 5);
        for n in &nets {
            neutron
                .call(&networks::TAGS.add(&n.id, &tag))
                .await
                .unwrap();
        }
        // Bulk subnets and ports too.
        let subs = neutron
            .call(&subnets::create_many(&[
                CreateSubnet::new(&nets[0].id, 4, "192.0.2.0/26"),
                CreateSubnet {
                    ipv6_address_mode: Some(Ipv6Mode::Slaac),
                    ipv6_ra_mode: Some(Ipv6Mode::Slaac),
                    ..CreateSubnet::new(&nets[1].id, 6, "2001:db8:1::/64")
                },
            ]))
            .await
            .expect("bulk create subnets");
        for s in &subs {
            created.add(Undo::Subnet(s.id.clone()));
        }
        assert_eq!(subs[1].ip_version, 6);
        assert_eq!(subs[1].ipv6_address_mode, Some(Ipv6Mode::Slaac));
        assert_eq!(subs[1].ipv6_ra_mode, Some(Ipv6Mode::Slaac));
        let ps = neutron
            .call(&ports::create_many(&[
                CreatePort::new(&nets[0].id),
                CreatePort::new(&nets[0].id),
            ]))
            .await
            .expect("bulk create ports");
        for p in &ps {
            created.add(Undo::Port(p.id.clone()));
        }
        assert_eq!(ps.len(), 2);
        assert!(ps.iter().all(|p| p.fixed_ips.len() == 1));

        let filter = |limit: Option<u32>, dir: SortDir| ListNetworks {
            common: ListCommon {
                tags: vec![tag.clone()],
                limit,
                sort: vec![("name".into(), dir)],
                ..Default::default()
            },
            ..Default::default()
        };
        // limit=2: pages of 2, 2 and 1, each one GET.
        let before = transport.total();
        let pages: Vec<_> = neutron
            .pages(networks::list(&filter(Some(2), SortDir::Asc)))
            .try_collect()
            .await
            .expect("pages");
        let gets = transport.total() - before;
        let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
        assert_eq!(sizes, vec![2, 2, 1]);
        assert_eq!(gets, 3, "one GET per page");
        let names: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter().map(|n| n.name.clone()))
            .collect();
        let want: Vec<String> = (0..5).map(|i| format!("{base}-{i}")).collect();
        assert_eq!(names, want);
        // Descending, streamed item by item.
        let desc: Vec<String> = neutron
            .list(networks::list(&filter(Some(2), SortDir::Desc)))
            .map(|n| n.map(|n| n.name))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(desc, want.iter().rev().cloned().collect::<Vec<_>>());
        // Without a limit: one page, one GET.
        let before = transport.total();
        let all = neutron
            .collect_all(networks::list(&filter(None, SortDir::Asc)))
            .await
            .unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(transport.total() - before, 1);
        // fields: only what was asked for.
        let slim = neutron
            .collect_all(networks::list(&ListNetworks {
                common: ListCommon {
                    fields: vec!["id".into(), "name".into()],
                    ..filter(None, SortDir::Asc).common
                },
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(slim.len(), 5);
        assert!(slim
            .iter()
            .all(|n| n.subnets.is_empty() && n.created_at.is_none() && !n.name.is_empty()));
        // Subnet and port lists page the same way.
        let before = transport.total();
        let port_pages: Vec<_> = neutron
            .pages(ports::list(&ListPorts {
                network_id: Some(nets[0].id.clone()),
                common: ListCommon {
                    limit: Some(1),
                    ..Default::default()
                },
                ..Default::default()
            }))
            .try_collect()
            .await
            .unwrap();
        let items: usize = port_pages.iter().map(|p| p.items.len()).sum();
        assert!(items >= 2);
        assert!(transport.total() - before >= 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn provider_and_multi_segment_networks() {
    let admin = cloud::admin();
    let neutron = admin.network();
    with_cleanup(&neutron, |neutron, created| async move {
        // VLAN on physnet "public" (range 100-199): Neutron allocates the VLAN id.
        let vlan = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("vlan")),
                provider_network_type: Some("vlan".into()),
                provider_physical_network: Some("public".into()),
                ..Default::default()
            }))
            .await
            .expect("create vlan provider network");
        created.add(Undo::Network(vlan.id.clone()));
        assert_eq!(vlan.provider_network_type.as_deref(), Some("vlan"));
        assert_eq!(vlan.provider_physical_network.as_deref(), Some("public"));
        let id = vlan.provider_segmentation_id.expect("a VLAN id");
        assert!((100..=199).contains(&id), "{id}");
        let by_provider = neutron
            .collect_all(networks::list(&ListNetworks {
                provider_network_type: Some("vlan".into()),
                provider_segmentation_id: Some(id),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            by_provider.iter().map(|n| &n.id).collect::<Vec<_>>(),
            vec![&vlan.id]
        );

        // Two segments (multi-provider): a VLAN and a VXLAN one.
        let multi = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("multi")),
                segments: vec![
                    networks::Segment {
                        network_type: Some("vlan".into()),
                        physical_network: Some("public".into()),
                        segmentation_id: None,
                    },
                    networks::Segment {
                        network_type: Some("vxlan".into()),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }))
            .await
            .expect("create multi-segment network");
        created.add(Undo::Network(multi.id.clone()));
        let types: Vec<_> = multi
            .segments
            .iter()
            .map(|s| s.network_type.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(types, vec!["vlan", "vxlan"]);
        assert!(multi.segments.iter().all(|s| s.segmentation_id.is_some()));
        assert_eq!(multi.provider_network_type, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn member_takes_a_floating_ip_from_an_admin_external_network() {
    let admin = cloud::admin();
    let neutron = admin.network();
    with_cleanup(&neutron, |neutron, created| async move {
        let ext = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("ext-shared")),
                router_external: Some(true),
                ..Default::default()
            }))
            .await
            .expect("external network");
        created.add(Undo::Network(ext.id.clone()));
        let p = cidr_prefix(172, 16, 16);
        let sub = neutron
            .call(&subnets::create(&CreateSubnet {
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&ext.id, 4, &format!("{p}.0/28"))
            }))
            .await
            .expect("external subnet");
        created.add(Undo::Subnet(sub.id.clone()));

        // is_default (auto-allocated-topology): one default external network per cloud,
        // so another run's default is the one typed refusal allowed.
        match neutron
            .call(&networks::update(
                &ext.id,
                &UpdateNetwork {
                    is_default: Some(true),
                    ..Default::default()
                },
            ))
            .await
        {
            Ok(n) => {
                assert_eq!(n.is_default, Some(true));
                let n = neutron
                    .call(&networks::update(
                        &ext.id,
                        &UpdateNetwork {
                            is_default: Some(false),
                            ..Default::default()
                        },
                    ))
                    .await
                    .expect("unset is_default");
                assert_eq!(n.is_default, Some(false));
            }
            Err(e) => {
                assert!(e.is_conflict(), "{e}");
                assert_eq!(
                    e.http().unwrap().fault.kind.as_deref(),
                    Some("DefaultExternalNetworkExists"),
                    "{e}"
                );
            }
        }

        // The demo project sees the external network and takes an address from it.
        let demo = cloud::demo();
        let member = demo.network();
        with_cleanup(&member, |member, mine| async move {
            let visible = member
                .collect_all(networks::list(&ListNetworks {
                    router_external: Some(true),
                    id: Some(ext.id.clone()),
                    ..Default::default()
                }))
                .await
                .unwrap();
            assert_eq!(visible.len(), 1);
            let fip = member
                .call(&floating_ips::create(&CreateFloatingIp::on(&ext.id)))
                .await
                .expect("member floating IP");
            mine.add(Undo::FloatingIp(fip.id.clone()));
            assert_ne!(fip.project_id, ext.project_id);
            assert_eq!(fip.status, floating_ips::FloatingIpStatus::Down);
            let listed = member
                .collect_all(floating_ips::list(&ListFloatingIps {
                    floating_network_id: Some(ext.id.clone()),
                    ..Default::default()
                }))
                .await
                .unwrap();
            assert_eq!(
                listed.iter().map(|f| &f.id).collect::<Vec<_>>(),
                vec![&fip.id]
            );
            // The member may not delete the admin's network.
            let err = member.call(&networks::delete(&ext.id)).await.unwrap_err();
            assert!(err.is_forbidden() || err.is_not_found(), "{err}");
        })
        .await;
    })
    .await;
}
