//! Against the REAL Neutron of the local cloud (ML2 with the noop binding driver, no
//! agents; service plugins `router,qos,segments,port_forwarding,network_ip_availability`):
//! quotas changed and restored, QoS policies with all five kinds of rule on a port, a
//! subnet pool in an address scope allocating a subnet, an RBAC share of a network to
//! the demo project, segments, IP availability, port forwardings, address groups,
//! agents (none run here) and the version documents; one list per family walked with
//! `limit=2` over three pages. Trunks need the `trunk` plugin, which this Neutron cannot
//! load with the noop driver: the trunk test checks that the API is absent (404) and runs
//! the trunk calls only where it is present. Everything created is deleted, also when an
//! assertion fails midway.

use std::sync::{Arc, Mutex};

use futures::TryStreamExt;

use ferrocloud::common::extensions;
use ferrocloud::network::address_groups::{
    self, CreateAddressGroup, ListAddressGroups, UpdateAddressGroup,
};
use ferrocloud::network::address_scopes::{
    self, CreateAddressScope, ListAddressScopes, UpdateAddressScope,
};
use ferrocloud::network::agents::{self, ListAgents};
use ferrocloud::network::api_versions;
use ferrocloud::network::floating_ips::{self, CreateFloatingIp};
use ferrocloud::network::network_ip_availability::{self as ip_availability, ListIpAvailability};
use ferrocloud::network::networks::{self, CreateNetwork, ListNetworks};
use ferrocloud::network::port_forwardings::{
    self, CreatePortForwarding, ListPortForwardings, PfProtocol, UpdatePortForwarding,
};
use ferrocloud::network::ports::{self, CreatePort, UpdatePort};
use ferrocloud::network::qos_policies::{self, CreatePolicy, ListPolicies, UpdatePolicy};
use ferrocloud::network::qos_rule_types::{self, ListRuleTypes};
use ferrocloud::network::qos_rules::{
    self, BandwidthLimitOpts, Direction, DscpMarkingOpts, ListRules, MinimumBandwidthOpts,
    MinimumPacketRateOpts, PacketRateLimitOpts, RuleType,
};
use ferrocloud::network::quotas::{self, UpdateQuotas};
use ferrocloud::network::rbac_policies::{
    self, CreateRbacPolicy, ListRbacPolicies, ObjectType, RbacAction, UpdateRbacPolicy,
};
use ferrocloud::network::routers::{self, CreateRouter, GatewayInfo, Interface, UpdateRouter};
use ferrocloud::network::segments::{self, CreateSegment, ListSegments, UpdateSegment};
use ferrocloud::network::subnetpools::{self, CreateSubnetpool, ListSubnetpools, UpdateSubnetpool};
use ferrocloud::network::subnets::{self, CreateSubnet};
use ferrocloud::network::trunks::{self, CreateTrunk, Subport};
use ferrocloud::{ListCommon, Paginated, Patch, Service, Transport};
use ferrocloud_tests::cloud;

use crate::support::{guarded, project_and_user};

/// One thing to undo, in reverse order of creation.
#[derive(Debug, Clone)]
enum Undo {
    Network(String),
    Subnet(String),
    Port(String),
    Router(String),
    Interface(String, String),
    FloatingIp(String),
    QosPolicy(String),
    Subnetpool(String),
    AddressScope(String),
    Rbac(String),
    Segment(String),
    AddressGroup(String),
    Quota(String),
    Trunk(String),
    PortForwarding(String, String),
}

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
                Undo::Network(id) => neutron.call(&networks::delete(id)).await,
                Undo::Subnet(id) => neutron.call(&subnets::delete(id)).await,
                Undo::Port(id) => neutron.call(&ports::delete(id)).await,
                Undo::Router(id) => {
                    let clear = UpdateRouter {
                        external_gateway_info: Patch::Null,
                        ..Default::default()
                    };
                    let _ = neutron.call(&routers::update(id, &clear)).await;
                    neutron.call(&routers::delete(id)).await
                }
                Undo::Interface(r, s) => neutron
                    .call(&routers::remove_interface(r, &Interface::Subnet(s.clone())))
                    .await
                    .map(drop),
                Undo::FloatingIp(id) => neutron.call(&floating_ips::delete(id)).await,
                Undo::QosPolicy(id) => neutron.call(&qos_policies::delete(id)).await,
                Undo::Subnetpool(id) => neutron.call(&subnetpools::delete(id)).await,
                Undo::AddressScope(id) => neutron.call(&address_scopes::delete(id)).await,
                Undo::Rbac(id) => neutron.call(&rbac_policies::delete(id)).await,
                Undo::Segment(id) => neutron.call(&segments::delete(id)).await,
                Undo::AddressGroup(id) => neutron.call(&address_groups::delete(id)).await,
                Undo::Quota(p) => neutron.call(&quotas::delete(p)).await,
                Undo::Trunk(id) => neutron.call(&trunks::delete(id)).await,
                Undo::PortForwarding(f, id) => neutron.call(&port_forwardings::delete(f, id)).await,
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

/// A number unlikely to repeat between concurrent runs.
fn noise() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        ^ std::process::id().rotate_left(16)
}

/// `<first>.<lo + n % span>.<m>`: the first three octets of a /24 of our own.
fn prefix24(first: u8, lo: u32, span: u32) -> String {
    let n = noise();
    format!("{first}.{}.{}", lo + n % span, (n >> 8) % 250)
}

/// A project id Neutron has never seen (Neutron takes any id for quotas and RBAC).
fn fake_project() -> String {
    format!(
        "{:032x}",
        (u128::from(noise()) << 64) | u128::from(noise()).rotate_left(7)
    )
}

/// The sizes of the pages `op` walks through.
async fn page_sizes<T, L>(neutron: &Service<T>, op: L) -> Vec<usize>
where
    T: Transport,
    L: Paginated,
{
    let pages: Vec<_> = neutron.pages(op).try_collect().await.expect("pages");
    pages.iter().map(|p| p.items.len()).collect()
}

fn two() -> ListCommon {
    ListCommon {
        limit: Some(2),
        ..Default::default()
    }
}

async fn network<T: Transport>(
    neutron: &Service<T>,
    created: &Created,
    name: &str,
) -> networks::Network {
    let net = neutron
        .call(&networks::create(&CreateNetwork {
            name: Some(name.into()),
            ..Default::default()
        }))
        .await
        .expect("create network");
    created.add(Undo::Network(net.id.clone()));
    net
}

#[tokio::test(flavor = "multi_thread")]
async fn versions_extensions_and_plugins() {
    let neutron = cloud::admin().network();
    let versions = neutron.call(&api_versions::list()).await.expect("versions");
    assert!(
        versions.iter().any(|v| v.id == "v2.0" && v.is_current()),
        "{versions:?}"
    );
    let resources = neutron
        .call(&api_versions::resources())
        .await
        .expect("resources");
    let collections: Vec<&str> = resources.iter().map(|r| r.collection.as_str()).collect();
    for c in ["networks", "subnets", "ports", "subnetpools"] {
        assert!(collections.contains(&c), "{collections:?}");
    }
    assert!(resources
        .iter()
        .all(|r| r.links.iter().any(|l| l.href.ends_with(&r.collection))));
    let ext = neutron.call(&extensions::list()).await.expect("extensions");
    let aliases: Vec<&str> = ext.iter().map(|e| e.alias.as_str()).collect();
    // The plugins this suite relies on.
    for a in [
        "quotas",
        "quota_details",
        "qos",
        "qos-pps",
        "qos-pps-minimum",
        "segment",
        "network-ip-availability",
        "floating-ip-port-forwarding",
        "rbac-policies",
        "address-scope",
        "subnet_allocation",
        "subnetpool-prefix-ops",
        "address-group",
        "agent",
    ] {
        assert!(aliases.contains(&a), "extension {a} missing: {aliases:?}");
    }
    let one = neutron
        .call(&extensions::get("qos"))
        .await
        .expect("qos extension");
    assert_eq!(one.alias, "qos");
}

#[tokio::test(flavor = "multi_thread")]
async fn quotas_changed_and_restored() {
    let admin = cloud::admin();
    let neutron = admin.network();
    with_cleanup(&neutron, |neutron, created| async move {
        let project = fake_project();
        let defaults = neutron
            .call(&quotas::defaults(&project))
            .await
            .expect("defaults");
        let before = neutron.call(&quotas::get(&project)).await.expect("get");
        assert_eq!(before, defaults, "a new project has the defaults");
        assert!(
            defaults.extra.is_empty(),
            "untyped quotas: {:?}",
            defaults.extra
        );
        assert!(defaults.router_route.is_some());
        assert!(defaults.network.is_some() && defaults.port.is_some());
        created.add(Undo::Quota(project.clone()));
        let set = neutron
            .call(&quotas::update(
                &project,
                &UpdateQuotas {
                    network: Some(7),
                    port: Some(33),
                    security_group: Some(-1),
                    check_limit: Some(true),
                    ..Default::default()
                },
            ))
            .await
            .expect("update");
        assert_eq!(
            (set.network, set.port, set.security_group),
            (Some(7), Some(33), Some(-1))
        );
        assert_eq!(set.subnet, defaults.subnet, "others unchanged");
        let got = neutron.call(&quotas::get(&project)).await.unwrap();
        assert_eq!(got.network, Some(7));
        let details = neutron
            .call(&quotas::details(&project))
            .await
            .expect("details");
        let n = details.network.expect("network details");
        assert_eq!((n.limit, n.used, n.reserved), (7, 0, 0));
        assert!(details.extra.is_empty(), "{:?}", details.extra);
        assert_eq!(details.security_group.map(|s| s.limit), Some(-1));
        let listed = neutron.collect_all(quotas::list()).await.expect("list");
        let mine = listed
            .iter()
            .find(|q| q.project_id.as_deref() == Some(&project))
            .expect("the project is listed once it has its own quotas");
        assert_eq!(mine.port, Some(33));
        // The admin project's use shows in its details.
        let (admin_project, _) = project_and_user(&admin).await;
        let own = neutron
            .call(&quotas::details(&admin_project))
            .await
            .unwrap();
        assert!(own.network.is_some_and(|n| n.used >= 1), "{own:?}");
        // A limit below -1 never leaves the client.
        let bad = UpdateQuotas {
            port: Some(-5),
            ..Default::default()
        };
        let err = neutron
            .call(&quotas::update(&project, &bad))
            .await
            .unwrap_err();
        assert!(matches!(err, ferrocloud::Error::InvalidInput(_)), "{err}");
        // Reset: back to the defaults, and off the list.
        neutron
            .call(&quotas::delete(&project))
            .await
            .expect("reset");
        assert_eq!(
            neutron.call(&quotas::get(&project)).await.unwrap(),
            defaults
        );
        let listed = neutron.collect_all(quotas::list()).await.unwrap();
        assert!(listed
            .iter()
            .all(|q| q.project_id.as_deref() != Some(&project)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn qos_policy_with_every_rule_on_a_port() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        let name = cloud::unique("qos");
        let policy = neutron
            .call(&qos_policies::create(&CreatePolicy {
                description: Some("ferrocloud".into()),
                ..CreatePolicy::new(&name)
            }))
            .await
            .expect("create policy");
        created.add(Undo::QosPolicy(policy.id.clone()));
        assert_eq!(
            (policy.name.as_str(), policy.rules.len()),
            (name.as_str(), 0)
        );
        let p = &policy.id;

        let bw = neutron
            .call(&qos_rules::BANDWIDTH_LIMIT.create(
                p,
                &BandwidthLimitOpts {
                    max_kbps: Some(10_000),
                    max_burst_kbps: Some(2_000),
                    direction: Some(Direction::Ingress),
                },
            ))
            .await
            .expect("bandwidth limit");
        assert_eq!(
            (bw.max_kbps, bw.direction.clone()),
            (10_000, Some(Direction::Ingress))
        );
        let bw_out = neutron
            .call(&qos_rules::BANDWIDTH_LIMIT.create(
                p,
                &BandwidthLimitOpts {
                    max_kbps: Some(5_000),
                    ..Default::default()
                },
            ))
            .await
            .expect("egress bandwidth limit");
        assert_eq!(
            bw_out.direction,
            Some(Direction::Egress),
            "the default direction"
        );
        let dscp = neutron
            .call(&qos_rules::DSCP_MARKING.create(
                p,
                &DscpMarkingOpts {
                    dscp_mark: Some(26),
                },
            ))
            .await
            .expect("dscp");
        let minbw = neutron
            .call(&qos_rules::MINIMUM_BANDWIDTH.create(
                p,
                &MinimumBandwidthOpts {
                    min_kbps: Some(1_000),
                    ..Default::default()
                },
            ))
            .await
            .expect("minimum bandwidth");
        let minpps = neutron
            .call(&qos_rules::MINIMUM_PACKET_RATE.create(
                p,
                &MinimumPacketRateOpts {
                    min_kpps: Some(100),
                    direction: Some(Direction::Any),
                },
            ))
            .await
            .expect("minimum packet rate");
        assert_eq!(minpps.direction, Some(Direction::Any));
        let pps = neutron
            .call(&qos_rules::PACKET_RATE_LIMIT.create(
                p,
                &PacketRateLimitOpts {
                    max_kpps: Some(500),
                    max_burst_kpps: Some(50),
                    ..Default::default()
                },
            ))
            .await
            .expect("packet rate limit");
        // A second rule of one kind and direction is refused.
        let dup = neutron
            .call(&qos_rules::DSCP_MARKING.create(
                p,
                &DscpMarkingOpts {
                    dscp_mark: Some(10),
                },
            ))
            .await
            .unwrap_err();
        assert!(dup.is_conflict(), "{dup}");

        // Read, update, list each kind.
        let got = neutron
            .call(&qos_rules::DSCP_MARKING.get(p, &dscp.id))
            .await
            .unwrap();
        assert_eq!(got.dscp_mark, 26);
        let upd = neutron
            .call(&qos_rules::DSCP_MARKING.update(
                p,
                &dscp.id,
                &DscpMarkingOpts {
                    dscp_mark: Some(46),
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.dscp_mark, 46);
        let upd = neutron
            .call(&qos_rules::BANDWIDTH_LIMIT.update(
                p,
                &bw.id,
                &BandwidthLimitOpts {
                    max_kbps: Some(20_000),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!((upd.max_kbps, upd.max_burst_kbps), (20_000, 2_000));
        let upd = neutron
            .call(&qos_rules::MINIMUM_BANDWIDTH.update(
                p,
                &minbw.id,
                &MinimumBandwidthOpts {
                    min_kbps: Some(2_000),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.min_kbps, 2_000);
        let upd = neutron
            .call(&qos_rules::MINIMUM_PACKET_RATE.update(
                p,
                &minpps.id,
                &MinimumPacketRateOpts {
                    min_kpps: Some(200),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.min_kpps, 200);
        let upd = neutron
            .call(&qos_rules::PACKET_RATE_LIMIT.update(
                p,
                &pps.id,
                &PacketRateLimitOpts {
                    max_kpps: Some(600),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!((upd.max_kpps, upd.max_burst_kpps), (600, 50));
        let bws = neutron
            .collect_all(qos_rules::BANDWIDTH_LIMIT.list(p, &Default::default()))
            .await
            .unwrap();
        assert_eq!(bws.len(), 2);
        let fast = neutron
            .collect_all(qos_rules::BANDWIDTH_LIMIT.list(
                p,
                &ListRules {
                    max_kbps: Some(20_000),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            fast.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            [bw.id.as_str()]
        );
        // Neutron 29 does not filter bandwidth limit rules by direction (400), but the
        // packet rate ones.
        let by_direction = ListRules {
            direction: Some(Direction::Any),
            ..Default::default()
        };
        let e = neutron
            .collect_all(qos_rules::BANDWIDTH_LIMIT.list(p, &by_direction))
            .await
            .unwrap_err();
        assert!(e.is_bad_request(), "{e}");
        let any = neutron
            .collect_all(qos_rules::MINIMUM_PACKET_RATE.list(p, &by_direction))
            .await
            .unwrap();
        assert_eq!(
            any.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            [minpps.id.as_str()]
        );
        for (kind, n) in [
            (
                neutron
                    .collect_all(qos_rules::MINIMUM_BANDWIDTH.list(p, &Default::default()))
                    .await
                    .map(|v| v.len()),
                1,
            ),
            (
                neutron
                    .collect_all(qos_rules::MINIMUM_PACKET_RATE.list(p, &Default::default()))
                    .await
                    .map(|v| v.len()),
                1,
            ),
            (
                neutron
                    .collect_all(qos_rules::PACKET_RATE_LIMIT.list(p, &Default::default()))
                    .await
                    .map(|v| v.len()),
                1,
            ),
            (
                neutron
                    .collect_all(qos_rules::DSCP_MARKING.list(p, &Default::default()))
                    .await
                    .map(|v| v.len()),
                1,
            ),
        ] {
            assert_eq!(kind.unwrap(), n);
        }
        let full = neutron.call(&qos_policies::get(p)).await.unwrap();
        assert!(full.extra.is_empty(), "{:?}", full.extra);
        assert!(
            full.rules.iter().all(|r| r.extra.is_empty()),
            "{:?}",
            full.rules
        );
        assert_eq!(full.rules.len(), 6);
        let mut kinds: Vec<String> = full.rules.iter().map(|r| r.rule_type.to_string()).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert!(full
            .rules
            .iter()
            .all(|r| r.qos_policy_id.as_deref() == Some(p.as_str())));

        // Rule types: every kind Neutron implements; none supported without a QoS driver.
        let all = neutron
            .call(&qos_rule_types::list(&ListRuleTypes {
                all_rules: Some(true),
                ..Default::default()
            }))
            .await
            .unwrap();
        for k in [
            RuleType::BandwidthLimit,
            RuleType::DscpMarking,
            RuleType::MinimumBandwidth,
            RuleType::MinimumPacketRate,
            RuleType::PacketRateLimit,
        ] {
            assert!(all.iter().any(|t| t.rule_type == k), "{k} in {all:?}");
        }
        let details = neutron
            .call(&qos_rule_types::get(&RuleType::BandwidthLimit))
            .await
            .unwrap();
        assert_eq!(details.rule_type, RuleType::BandwidthLimit);

        // On a port. A port takes a policy only when its mechanism driver supports every
        // rule in it; the noop driver of this cloud supports none (the supported list is
        // empty), so Neutron refuses these rules on ports and networks with typed 409s.
        let supported = neutron
            .call(&qos_rule_types::list(&ListRuleTypes::default()))
            .await
            .unwrap();
        let net = network(&neutron, &created, &cloud::unique("qos-net")).await;
        let with_rules = neutron
            .call(&ports::create(&CreatePort {
                qos_policy_id: Some(p.clone()),
                ..CreatePort::new(&net.id)
            }))
            .await;
        if supported.len() >= 5 {
            let port = with_rules.expect("port with every kind of rule");
            created.add(Undo::Port(port.id.clone()));
            assert_eq!(port.qos_policy_id.as_deref(), Some(p.as_str()));
        } else {
            let e = with_rules.unwrap_err();
            assert_eq!(
                e.http().unwrap().fault.kind.as_deref(),
                Some("QosRuleNotSupported"),
                "{e}"
            );
            let e = neutron
                .call(&networks::create(&CreateNetwork {
                    name: Some(cloud::unique("qos-net")),
                    qos_policy_id: Some(p.clone()),
                    ..Default::default()
                }))
                .await
                .unwrap_err();
            assert_eq!(
                e.http().unwrap().fault.kind.as_deref(),
                Some("QosRuleNotSupportedByNetwork"),
                "{e}"
            );
        }
        // A policy without rules goes on a port; then it cannot be deleted, and (with no
        // supporting driver) takes no rule while the port has it.
        let bare = neutron
            .call(&qos_policies::create(&CreatePolicy::new(&cloud::unique(
                "qos-bare",
            ))))
            .await
            .unwrap();
        created.add(Undo::QosPolicy(bare.id.clone()));
        let port = neutron
            .call(&ports::create(&CreatePort {
                qos_policy_id: Some(bare.id.clone()),
                ..CreatePort::new(&net.id)
            }))
            .await
            .expect("port with a policy");
        created.add(Undo::Port(port.id.clone()));
        assert_eq!(port.qos_policy_id.as_deref(), Some(bare.id.as_str()));
        let got = neutron.call(&ports::get(&port.id)).await.unwrap();
        assert_eq!(got.qos_policy_id.as_deref(), Some(bare.id.as_str()));
        let busy = neutron
            .call(&qos_policies::delete(&bare.id))
            .await
            .unwrap_err();
        assert!(busy.is_conflict(), "{busy}");
        assert_eq!(
            busy.http().unwrap().fault.kind.as_deref(),
            Some("QosPolicyInUse"),
            "{busy}"
        );
        let rule = neutron
            .call(&qos_rules::DSCP_MARKING.create(
                &bare.id,
                &DscpMarkingOpts {
                    dscp_mark: Some(18),
                },
            ))
            .await;
        if supported
            .iter()
            .any(|t| t.rule_type == RuleType::DscpMarking)
        {
            rule.expect("a rule on a policy in use");
        } else {
            let e = rule.unwrap_err();
            assert_eq!(
                e.http().unwrap().fault.kind.as_deref(),
                Some("QosRuleNotSupported"),
                "{e}"
            );
        }
        let cleared = neutron
            .call(&ports::update(
                &port.id,
                &UpdatePort {
                    qos_policy_id: Patch::Null,
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(cleared.qos_policy_id, None);
        neutron
            .call(&qos_policies::delete(&bare.id))
            .await
            .expect("deleted once free");

        // Update, tags, filters.
        let renamed = neutron
            .call(&qos_policies::update(
                p,
                &UpdatePolicy {
                    description: Some("renamed".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(renamed.description, "renamed");
        neutron
            .call(&qos_policies::TAGS.add(p, "gold"))
            .await
            .expect("tag");
        assert_eq!(
            neutron.call(&qos_policies::TAGS.list(p)).await.unwrap(),
            ["gold"]
        );
        let tagged = neutron
            .collect_all(qos_policies::list(&ListPolicies {
                common: ListCommon {
                    tags: vec!["gold".into()],
                    ..Default::default()
                },
                name: Some(name.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(tagged.len(), 1);
        neutron
            .call(&qos_rules::BANDWIDTH_LIMIT.delete(p, &bw_out.id))
            .await
            .expect("delete rule");
        let gone = neutron
            .call(&qos_rules::BANDWIDTH_LIMIT.get(p, &bw_out.id))
            .await
            .unwrap_err();
        assert!(gone.is_not_found(), "{gone}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn subnet_pool_in_an_address_scope_allocates_a_subnet() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        let scope_name = cloud::unique("scope");
        let scope = neutron
            .call(&address_scopes::create(&CreateAddressScope {
                name: Some(scope_name.clone()),
                ..CreateAddressScope::new(4)
            }))
            .await
            .expect("address scope");
        created.add(Undo::AddressScope(scope.id.clone()));
        assert_eq!((scope.ip_version, scope.shared), (4, false));
        assert!(scope.extra.is_empty(), "{:?}", scope.extra);
        let renamed = format!("{scope_name}-b");
        let upd = neutron
            .call(&address_scopes::update(
                &scope.id,
                &UpdateAddressScope {
                    name: Some(renamed.clone()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.name, renamed);
        let listed = neutron
            .collect_all(address_scopes::list(&ListAddressScopes {
                name: Some(renamed.clone()),
                ip_version: Some(4),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);

        let n = noise();
        let (a, b) = (10 + n % 50, 100 + (n >> 8) % 150);
        let first = format!("10.{a}.{b}.0/24");
        let pool = neutron
            .call(&subnetpools::create(&CreateSubnetpool {
                name: Some(cloud::unique("pool")),
                default_prefixlen: Some(26),
                max_prefixlen: Some(28),
                address_scope_id: Some(scope.id.clone()),
                ..CreateSubnetpool::new(&[first.as_str()])
            }))
            .await
            .expect("subnet pool");
        created.add(Undo::Subnetpool(pool.id.clone()));
        assert_eq!(
            (pool.default_prefixlen, pool.max_prefixlen),
            (Some(26), Some(28))
        );
        assert_eq!(pool.address_scope_id.as_deref(), Some(scope.id.as_str()));

        // A subnet without a CIDR gets the next /26 of the pool.
        let net = network(&neutron, &created, &cloud::unique("pool-net")).await;
        let subnet = neutron
            .call(&subnets::create(&CreateSubnet {
                cidr: None,
                subnetpool_id: Some(pool.id.clone()),
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&net.id, 4, "")
            }))
            .await
            .expect("subnet from the pool");
        created.add(Undo::Subnet(subnet.id.clone()));
        let cidr = subnet.cidr.clone().unwrap_or_default();
        assert!(cidr.starts_with(&format!("10.{a}.{b}.")), "{cidr}");
        assert!(cidr.ends_with("/26"), "{cidr}");
        assert_eq!(subnet.subnetpool_id.as_deref(), Some(pool.id.as_str()));
        let net = neutron.call(&networks::get(&net.id)).await.unwrap();
        assert_eq!(net.ipv4_address_scope.as_deref(), Some(scope.id.as_str()));
        // A /28 when asked.
        let small = neutron
            .call(&subnets::create(&CreateSubnet {
                cidr: None,
                subnetpool_id: Some(pool.id.clone()),
                prefixlen: Some(28),
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&net.id, 4, "")
            }))
            .await
            .expect("a /28");
        created.add(Undo::Subnet(small.id.clone()));
        assert!(small.cidr.as_deref().unwrap_or_default().ends_with("/28"));

        // Prefixes: add merges, remove takes away, one in use cannot go.
        let second = format!("10.{a}.{}.0/24", (b + 1) % 256);
        let prefixes = neutron
            .call(&subnetpools::add_prefixes(
                &pool.id,
                std::slice::from_ref(&second),
            ))
            .await
            .expect("add prefix");
        assert!(!prefixes.is_empty() && prefixes.len() <= 2, "{prefixes:?}");
        let prefixes = neutron
            .call(&subnetpools::remove_prefixes(
                &pool.id,
                std::slice::from_ref(&second),
            ))
            .await
            .expect("remove prefix");
        assert_eq!(prefixes, std::slice::from_ref(&first));
        let busy = neutron
            .call(&subnetpools::remove_prefixes(
                &pool.id,
                std::slice::from_ref(&first),
            ))
            .await
            .unwrap_err();
        assert!(busy.is_conflict() || busy.is_bad_request(), "{busy}");
        let upd = neutron
            .call(&subnetpools::update(
                &pool.id,
                &UpdateSubnetpool {
                    description: Some("ferrocloud".into()),
                    default_quota: Patch::Set(256),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            (upd.description.as_str(), upd.default_quota),
            ("ferrocloud", Some(256))
        );
        neutron
            .call(&subnetpools::TAGS.add(&pool.id, "blue"))
            .await
            .unwrap();
        let got = neutron.call(&subnetpools::get(&pool.id)).await.unwrap();
        assert_eq!(got.tags, ["blue"]);
        assert_eq!(got.min_prefixlen, Some(8), "IPv4 default, sent as a string");
        assert!(got.extra.is_empty(), "{:?}", got.extra);
        let by_scope = neutron
            .collect_all(subnetpools::list(&ListSubnetpools {
                address_scope_id: Some(scope.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(by_scope.len(), 1);
        // Onboarding: a subnet made without a pool moves into it, its CIDR with it.
        let third = format!("10.{a}.{}.0/24", (b + 2) % 256);
        let loose_net = network(&neutron, &created, &cloud::unique("onboard-net")).await;
        let loose = neutron
            .call(&subnets::create(&CreateSubnet {
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&loose_net.id, 4, &third)
            }))
            .await
            .expect("subnet without a pool");
        created.add(Undo::Subnet(loose.id.clone()));
        let moved = neutron
            .call(&subnetpools::onboard_network_subnets(
                &pool.id,
                &loose_net.id,
            ))
            .await
            .expect("onboard");
        assert_eq!(moved.len(), 1);
        assert_eq!(
            (moved[0].id.as_deref(), moved[0].cidr.as_str()),
            (Some(loose.id.as_str()), third.as_str())
        );
        let loose = neutron.call(&subnets::get(&loose.id)).await.unwrap();
        assert_eq!(loose.subnetpool_id.as_deref(), Some(pool.id.as_str()));
        let grown = neutron.call(&subnetpools::get(&pool.id)).await.unwrap();
        assert!(grown.prefixes.contains(&third), "{:?}", grown.prefixes);
        // The scope is in use.
        let busy = neutron
            .call(&address_scopes::delete(&scope.id))
            .await
            .unwrap_err();
        assert!(busy.is_conflict(), "{busy}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn rbac_shares_a_network_with_the_demo_project() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let neutron = admin.network();
    let (demo_project, _) = project_and_user(&demo).await;
    let demo_neutron = demo.network();
    with_cleanup(&neutron, |neutron, created| async move {
        let net = network(&neutron, &created, &cloud::unique("rbac-net")).await;
        let hidden = demo_neutron
            .call(&networks::get(&net.id))
            .await
            .unwrap_err();
        assert!(hidden.is_not_found(), "{hidden}");
        // Shared with someone else first: demo still sees nothing.
        let policy = neutron
            .call(&rbac_policies::create(&CreateRbacPolicy::new(
                ObjectType::Network,
                &net.id,
                RbacAction::AccessAsShared,
                &fake_project(),
            )))
            .await
            .expect("rbac policy");
        created.add(Undo::Rbac(policy.id.clone()));
        assert_eq!(
            (policy.object_type.clone(), policy.action.clone()),
            (ObjectType::Network, RbacAction::AccessAsShared)
        );
        assert!(demo_neutron
            .call(&networks::get(&net.id))
            .await
            .unwrap_err()
            .is_not_found());
        // Retargeted to demo: demo sees it, and lists it.
        let moved = neutron
            .call(&rbac_policies::update(
                &policy.id,
                &UpdateRbacPolicy {
                    target_tenant: demo_project.clone(),
                },
            ))
            .await
            .expect("retarget");
        assert_eq!(moved.target_tenant, demo_project);
        assert!(moved.extra.is_empty(), "{:?}", moved.extra);
        let seen = demo_neutron
            .call(&networks::get(&net.id))
            .await
            .expect("demo sees it");
        assert_eq!(seen.id, net.id);
        let listed = demo_neutron
            .collect_all(networks::list(&ListNetworks {
                id: Some(net.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);
        let got = neutron.call(&rbac_policies::get(&policy.id)).await.unwrap();
        assert_eq!(got.object_id, net.id);
        let of_net = neutron
            .collect_all(rbac_policies::list(&ListRbacPolicies {
                object_id: Some(net.id.clone()),
                action: Some(RbacAction::AccessAsShared),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            of_net.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            [policy.id.as_str()]
        );
        // access_as_external on a QoS policy never leaves the client.
        let bad = CreateRbacPolicy::new(
            ObjectType::QosPolicy,
            "x",
            RbacAction::AccessAsExternal,
            "*",
        );
        assert!(matches!(
            neutron.call(&rbac_policies::create(&bad)).await,
            Err(ferrocloud::Error::InvalidInput(_))
        ));
        // Unshared: hidden again.
        neutron
            .call(&rbac_policies::delete(&policy.id))
            .await
            .expect("delete policy");
        assert!(demo_neutron
            .call(&networks::get(&net.id))
            .await
            .unwrap_err()
            .is_not_found());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn segments_of_a_vlan_network() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        // VLANs 100-199 of `public`; retry on another id when one is taken.
        let mut net = None;
        for attempt in 0..8 {
            let vlan = 100 + (noise() + attempt * 37) % 100;
            match neutron
                .call(&networks::create(&CreateNetwork {
                    name: Some(cloud::unique("seg-net")),
                    provider_network_type: Some("vlan".into()),
                    provider_physical_network: Some("public".into()),
                    provider_segmentation_id: Some(vlan),
                    ..Default::default()
                }))
                .await
            {
                Ok(n) => {
                    created.add(Undo::Network(n.id.clone()));
                    net = Some(n);
                    break;
                }
                Err(e) if e.is_conflict() => continue,
                Err(e) => panic!("vlan network: {e}"),
            }
        }
        let net = net.expect("a free VLAN");
        let first = neutron
            .collect_all(segments::list(&ListSegments {
                network_id: Some(net.id.clone()),
                ..Default::default()
            }))
            .await
            .expect("segments");
        assert_eq!(first.len(), 1);
        assert_eq!(
            (
                first[0].network_type.as_str(),
                first[0].physical_network.as_deref()
            ),
            ("vlan", Some("public"))
        );
        assert_eq!(first[0].segmentation_id, net.provider_segmentation_id);
        // A second segment on the same network.
        let mut seg = None;
        for attempt in 0..8 {
            let vlan = 100 + (noise() + attempt * 41) % 100;
            match neutron
                .call(&segments::create(&CreateSegment {
                    physical_network: Some("public".into()),
                    segmentation_id: Some(vlan),
                    name: Some("rack-2".into()),
                    ..CreateSegment::new(&net.id, "vlan")
                }))
                .await
            {
                Ok(s) => {
                    created.add(Undo::Segment(s.id.clone()));
                    seg = Some(s);
                    break;
                }
                Err(e) if e.is_conflict() => continue,
                Err(e) => panic!("segment: {e}"),
            }
        }
        let seg = seg.expect("a second segment");
        assert_eq!(seg.name.as_deref(), Some("rack-2"));
        assert!(seg.extra.is_empty(), "{:?}", seg.extra);
        assert!(seg.created_at.is_some());
        let upd = neutron
            .call(&segments::update(
                &seg.id,
                &UpdateSegment {
                    description: Some("second".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.description.as_deref(), Some("second"));
        let upd = neutron
            .call(&segments::update(
                &seg.id,
                &UpdateSegment {
                    name: Patch::Null,
                    description: Some(String::new()),
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.name, None);
        assert!(upd.description.unwrap_or_default().is_empty());
        // Neutron refuses a null description.
        let null = neutron
            .call(
                &ferrocloud::Op::<()>::put(ferrocloud::path!("segments/{}", seg.id))
                    .json(&serde_json::json!({"segment": {"description": null}})),
            )
            .await
            .unwrap_err();
        assert!(null.is_bad_request(), "{null}");
        let both = neutron
            .collect_all(segments::list(&ListSegments {
                network_id: Some(net.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(both.len(), 2);
        neutron
            .call(&segments::delete(&seg.id))
            .await
            .expect("delete segment");
        assert!(neutron
            .call(&segments::get(&seg.id))
            .await
            .unwrap_err()
            .is_not_found());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ip_availability_counts_ports() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        let name = cloud::unique("ipa-net");
        let net = network(&neutron, &created, &name).await;
        let p = prefix24(10, 150, 100);
        let subnet = neutron
            .call(&subnets::create(&CreateSubnet {
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&net.id, 4, &format!("{p}.0/28"))
            }))
            .await
            .expect("subnet");
        created.add(Undo::Subnet(subnet.id.clone()));
        let empty = neutron
            .call(&ip_availability::get(&net.id))
            .await
            .expect("availability");
        // .2 to .14: 13 addresses in the pool, none used.
        assert_eq!((empty.total_ips, empty.used_ips), (13, 0));
        assert_eq!(empty.network_name, name);
        let sub = &empty.subnet_ip_availability[0];
        assert_eq!(
            (sub.subnet_id.as_str(), sub.cidr.as_str(), sub.ip_version),
            (subnet.id.as_str(), format!("{p}.0/28").as_str(), 4)
        );
        let port = neutron
            .call(&ports::create(&CreatePort::new(&net.id)))
            .await
            .unwrap();
        created.add(Undo::Port(port.id.clone()));
        let used = neutron.call(&ip_availability::get(&net.id)).await.unwrap();
        assert_eq!(used.used_ips, 1);
        assert!(used.extra.is_empty(), "{:?}", used.extra);
        if let Some(d) = &used.ip_availability_details {
            assert_eq!(
                (d.total_ips_in_subnet, d.used_ips_in_allocation_pool),
                (14, 1)
            );
        }
        let listed = neutron
            .collect_all(ip_availability::list(&ListIpAvailability {
                network_id: Some(net.id.clone()),
                ip_version: Some(4),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].used_ips, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn port_forwardings_on_a_floating_ip() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        let ext = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(cloud::unique("pf-ext")),
                router_external: Some(true),
                ..Default::default()
            }))
            .await
            .expect("external network");
        created.add(Undo::Network(ext.id.clone()));
        let ep = prefix24(172, 16, 16);
        let ext_sub = neutron
            .call(&subnets::create(&CreateSubnet {
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&ext.id, 4, &format!("{ep}.0/24"))
            }))
            .await
            .expect("external subnet");
        created.add(Undo::Subnet(ext_sub.id.clone()));
        let net = network(&neutron, &created, &cloud::unique("pf-net")).await;
        let ip = prefix24(10, 60, 40);
        let sub = neutron
            .call(&subnets::create(&CreateSubnet {
                enable_dhcp: Some(false),
                ..CreateSubnet::new(&net.id, 4, &format!("{ip}.0/24"))
            }))
            .await
            .expect("subnet");
        created.add(Undo::Subnet(sub.id.clone()));
        let router = neutron
            .call(&routers::create(&CreateRouter {
                name: Some(cloud::unique("pf-router")),
                external_gateway_info: Some(GatewayInfo::network(&ext.id)),
                ..Default::default()
            }))
            .await
            .expect("router");
        created.add(Undo::Router(router.id.clone()));
        neutron
            .call(&routers::add_interface(
                &router.id,
                &Interface::Subnet(sub.id.clone()),
            ))
            .await
            .expect("interface");
        created.add(Undo::Interface(router.id.clone(), sub.id.clone()));
        let port = neutron
            .call(&ports::create(&CreatePort::new(&net.id)))
            .await
            .expect("port");
        created.add(Undo::Port(port.id.clone()));
        let addr = port.fixed_ips[0].ip_address.clone().unwrap();
        let fip = neutron
            .call(&floating_ips::create(&CreateFloatingIp::on(&ext.id)))
            .await
            .expect("floating ip");
        created.add(Undo::FloatingIp(fip.id.clone()));
        let f = &fip.id;

        let ssh = neutron
            .call(&port_forwardings::create(
                f,
                &CreatePortForwarding {
                    description: Some("ssh".into()),
                    ..CreatePortForwarding::ports(PfProtocol::Tcp, &port.id, &addr, 22, 2222)
                },
            ))
            .await
            .expect("port forwarding");
        created.add(Undo::PortForwarding(f.clone(), ssh.id.clone()));
        assert_eq!(
            (ssh.internal_port, ssh.external_port),
            (Some(22), Some(2222))
        );
        assert_eq!(ssh.internal_ip_address, addr);
        assert!(ssh.extra.is_empty(), "{:?}", ssh.extra);
        let web = neutron
            .call(&port_forwardings::create(
                f,
                &CreatePortForwarding::ranges(
                    PfProtocol::Udp,
                    &port.id,
                    &addr,
                    "8000:8009",
                    "9000:9009",
                ),
            ))
            .await
            .expect("port range forwarding");
        created.add(Undo::PortForwarding(f.clone(), web.id.clone()));
        assert_eq!(web.external_port_range.as_deref(), Some("9000:9009"));
        // The same external port twice is refused.
        let dup = neutron
            .call(&port_forwardings::create(
                f,
                &CreatePortForwarding::ports(PfProtocol::Tcp, &port.id, &addr, 23, 2222),
            ))
            .await
            .unwrap_err();
        assert!(dup.is_conflict() || dup.is_bad_request(), "{dup}");
        let upd = neutron
            .call(&port_forwardings::update(
                f,
                &ssh.id,
                &UpdatePortForwarding {
                    external_port: Some(2022),
                    ..Default::default()
                },
            ))
            .await
            .expect("update");
        assert_eq!(upd.external_port, Some(2022));
        assert_eq!(
            neutron
                .call(&port_forwardings::get(f, &ssh.id))
                .await
                .unwrap()
                .external_port,
            Some(2022)
        );
        let tcp = neutron
            .collect_all(port_forwardings::list(
                f,
                &ListPortForwardings {
                    protocol: Some(PfProtocol::Tcp),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(
            tcp.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            [ssh.id.as_str()]
        );
        // gophercloud's internal_port / internal_ip_address filters: refused by Neutron.
        let refused = neutron
            .collect_all(port_forwardings::list(
                f,
                &ListPortForwardings {
                    common: ListCommon {
                        extra: vec![("internal_port".into(), "22".into())],
                        ..Default::default()
                    },
                    ..Default::default()
                },
            ))
            .await
            .unwrap_err();
        assert!(refused.is_bad_request(), "{refused}");
        // Three more, then limit=2 walks three pages.
        for i in 0..3u16 {
            let pf = neutron
                .call(&port_forwardings::create(
                    f,
                    &CreatePortForwarding::ports(
                        PfProtocol::Tcp,
                        &port.id,
                        &addr,
                        100 + i,
                        3000 + i,
                    ),
                ))
                .await
                .expect("more forwardings");
            created.add(Undo::PortForwarding(f.clone(), pf.id.clone()));
        }
        let sizes = page_sizes(
            &neutron,
            port_forwardings::list(
                f,
                &ListPortForwardings {
                    common: two(),
                    ..Default::default()
                },
            ),
        )
        .await;
        assert_eq!(sizes, [2, 2, 1]);
        let shown = neutron.call(&floating_ips::get(f)).await.unwrap();
        assert_eq!(shown.port_forwardings.len(), 5);
        neutron
            .call(&port_forwardings::delete(f, &web.id))
            .await
            .expect("delete");
        assert!(neutron
            .call(&port_forwardings::get(f, &web.id))
            .await
            .unwrap_err()
            .is_not_found());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn address_groups_add_and_remove() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        let name = cloud::unique("ag");
        let group = neutron
            .call(&address_groups::create(&CreateAddressGroup {
                name: Some(name.clone()),
                addresses: vec!["192.0.2.0/24".into()],
                ..Default::default()
            }))
            .await
            .expect("address group");
        created.add(Undo::AddressGroup(group.id.clone()));
        assert_eq!(group.addresses, ["192.0.2.0/24"]);
        assert!(group.extra.is_empty(), "{:?}", group.extra);
        let added = neutron
            .call(&address_groups::add_addresses(
                &group.id,
                &["198.51.100.7".into(), "2001:db8::/64".into()],
            ))
            .await
            .expect("add");
        let mut want = vec!["192.0.2.0/24", "198.51.100.7/32", "2001:db8::/64"];
        let mut got: Vec<&str> = added.addresses.iter().map(String::as_str).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "a bare address reads back as a /32");
        let removed = neutron
            .call(&address_groups::remove_addresses(
                &group.id,
                &["192.0.2.0/24".into()],
            ))
            .await
            .expect("remove");
        assert_eq!(removed.addresses.len(), 2);
        let missing = neutron
            .call(&address_groups::remove_addresses(
                &group.id,
                &["203.0.113.1/32".into()],
            ))
            .await
            .unwrap_err();
        assert!(
            missing.is_bad_request() || missing.is_not_found(),
            "{missing}"
        );
        let upd = neutron
            .call(&address_groups::update(
                &group.id,
                &UpdateAddressGroup {
                    description: Some("office".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.description, "office");
        let got = neutron.call(&address_groups::get(&group.id)).await.unwrap();
        assert_eq!(
            (got.addresses.len(), got.description.as_str()),
            (2, "office")
        );
        let listed = neutron
            .collect_all(address_groups::list(&ListAddressGroups {
                name: Some(name.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(listed.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_none_run_here() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        // No agents run in this cloud: the list is empty, any agent is 404.
        let all = neutron
            .collect_all(agents::list(&Default::default()))
            .await
            .expect("agents");
        let dhcp = neutron
            .collect_all(agents::list(&ListAgents {
                agent_type: Some("DHCP agent".into()),
                alive: Some(true),
                ..Default::default()
            }))
            .await
            .expect("filtered");
        assert!(dhcp.len() <= all.len());
        let ghost = "00000000-0000-4000-8000-000000000000";
        let e = neutron.call(&agents::get(ghost)).await.unwrap_err();
        assert!(e.is_not_found(), "{e}");
        let net = network(&neutron, &created, &cloud::unique("agent-net")).await;
        let e = neutron
            .call(&agents::add_dhcp_network(ghost, &net.id))
            .await
            .unwrap_err();
        assert!(e.is_not_found(), "{e}");
        let hosting = neutron
            .collect_all(agents::network_dhcp_agents(&net.id))
            .await
            .expect("dhcp agents");
        assert!(hosting.is_empty());
        let router = neutron
            .call(&routers::create(&CreateRouter {
                name: Some(cloud::unique("agent-router")),
                ..Default::default()
            }))
            .await
            .unwrap();
        created.add(Undo::Router(router.id.clone()));
        let l3 = neutron
            .collect_all(routers::list_l3_agents(&router.id))
            .await
            .expect("l3 agents");
        assert!(l3.is_empty());
        let e = neutron
            .call(&agents::add_l3_router(ghost, &router.id))
            .await
            .unwrap_err();
        assert!(e.is_not_found(), "{e}");
        if all.is_empty() {
            eprintln!("no Neutron agents: list, get and scheduling checked against 404s only");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn trunks_only_with_the_trunk_plugin() {
    let neutron = cloud::admin().network();
    let has_trunk = neutron
        .call(&extensions::list())
        .await
        .unwrap()
        .iter()
        .any(|e| e.alias == "trunk");
    if !has_trunk {
        // Without the plugin the collection does not exist.
        let e = neutron
            .collect_all(trunks::list(&Default::default()))
            .await
            .unwrap_err();
        assert!(e.is_not_found(), "{e}");
        eprintln!("trunk plugin off: trunks are checked against the samples only");
        return;
    }
    with_cleanup(&neutron, |neutron, created| async move {
        let net = network(&neutron, &created, &cloud::unique("trunk-net")).await;
        let mut ids = Vec::new();
        for _ in 0..3 {
            let p = neutron
                .call(&ports::create(&CreatePort::new(&net.id)))
                .await
                .unwrap();
            created.add(Undo::Port(p.id.clone()));
            ids.push(p.id);
        }
        let (parent, a, b) = (ids[0].clone(), ids[1].clone(), ids[2].clone());
        let trunk = neutron
            .call(&trunks::create(&CreateTrunk {
                sub_ports: vec![Subport::vlan(&a, 100)],
                ..CreateTrunk::new(&parent)
            }))
            .await
            .expect("trunk");
        created.add(Undo::Trunk(trunk.id.clone()));
        let t = neutron
            .call(&trunks::add_subports(&trunk.id, &[Subport::vlan(&b, 101)]))
            .await
            .unwrap();
        assert_eq!(t.sub_ports.len(), 2);
        let subs = neutron.call(&trunks::subports(&trunk.id)).await.unwrap();
        assert_eq!(subs.len(), 2);
        let t = neutron
            .call(&trunks::remove_subports(
                &trunk.id,
                std::slice::from_ref(&a),
            ))
            .await
            .unwrap();
        assert_eq!(t.sub_ports.len(), 1);
        let p = neutron.call(&ports::get(&parent)).await.unwrap();
        assert_eq!(p.trunk_details.map(|d| d.trunk_id), Some(trunk.id.clone()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn paging_limit_two_over_three_pages_per_family() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        // Five of each, told apart by a shared name (names need not be unique).
        let name = cloud::unique("pages");
        let net = network(&neutron, &created, &name).await;
        for _ in 0..5 {
            let s = neutron
                .call(&address_scopes::create(&CreateAddressScope {
                    name: Some(name.clone()),
                    ..CreateAddressScope::new(6)
                }))
                .await
                .unwrap();
            created.add(Undo::AddressScope(s.id));
            let q = neutron
                .call(&qos_policies::create(&CreatePolicy::new(&name)))
                .await
                .unwrap();
            created.add(Undo::QosPolicy(q.id));
            let g = neutron
                .call(&address_groups::create(&CreateAddressGroup {
                    name: Some(name.clone()),
                    ..Default::default()
                }))
                .await
                .unwrap();
            created.add(Undo::AddressGroup(g.id));
            let r = neutron
                .call(&rbac_policies::create(&CreateRbacPolicy::new(
                    ObjectType::Network,
                    &net.id,
                    RbacAction::AccessAsShared,
                    &fake_project(),
                )))
                .await
                .unwrap();
            created.add(Undo::Rbac(r.id));
        }
        let n = noise();
        for i in 0..5u32 {
            let prefix = format!("fd{:02x}:{:x}:{i}::/48", n % 256, (n >> 8) % 65536);
            let p = neutron
                .call(&subnetpools::create(&CreateSubnetpool {
                    name: Some(name.clone()),
                    ..CreateSubnetpool::new(&[prefix.as_str()])
                }))
                .await
                .unwrap();
            created.add(Undo::Subnetpool(p.id));
        }
        let named = |common| ListAddressScopes {
            name: Some(name.clone()),
            common,
            ..Default::default()
        };
        assert_eq!(
            page_sizes(&neutron, address_scopes::list(&named(two()))).await,
            [2, 2, 1],
            "address scopes"
        );
        let q = ListPolicies {
            name: Some(name.clone()),
            common: two(),
            ..Default::default()
        };
        assert_eq!(
            page_sizes(&neutron, qos_policies::list(&q)).await,
            [2, 2, 1],
            "QoS policies"
        );
        let g = ListAddressGroups {
            name: Some(name.clone()),
            common: two(),
            ..Default::default()
        };
        assert_eq!(
            page_sizes(&neutron, address_groups::list(&g)).await,
            [2, 2, 1],
            "address groups"
        );
        let r = ListRbacPolicies {
            object_id: Some(net.id.clone()),
            common: two(),
            ..Default::default()
        };
        // Neutron does not page RBAC policies: all five in one page despite limit=2.
        assert_eq!(
            page_sizes(&neutron, rbac_policies::list(&r)).await,
            [5],
            "RBAC policies"
        );
        let p = ListSubnetpools {
            name: Some(name.clone()),
            common: two(),
            ..Default::default()
        };
        assert_eq!(
            page_sizes(&neutron, subnetpools::list(&p)).await,
            [2, 2, 1],
            "subnet pools"
        );
        // Five networks of one name: their IP availability, and their segments.
        for _ in 0..4 {
            network(&neutron, &created, &name).await;
        }
        let ipa = ListIpAvailability {
            network_name: Some(name.clone()),
            common: two(),
            ..Default::default()
        };
        assert_eq!(
            page_sizes(&neutron, ip_availability::list(&ipa)).await,
            [2, 2, 1],
            "IP availability"
        );
        let nets = neutron
            .collect_all(networks::list(&ListNetworks {
                name: Some(name.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(nets.len(), 5);
        // Segments: one per network, so the vxlan ones (these five at least) span three
        // pages or more.
        let vx = ListSegments {
            network_type: Some("vxlan".into()),
            common: two(),
            ..Default::default()
        };
        let sizes = page_sizes(&neutron, segments::list(&vx)).await;
        assert!(
            sizes.len() >= 3 && sizes.iter().all(|s| *s <= 2),
            "segments: {sizes:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn port_value_specs_reach_neutron() {
    let neutron = cloud::admin().network();
    with_cleanup(&neutron, |neutron, created| async move {
        let net = network(&neutron, &created, &cloud::unique("vs-net")).await;
        // An attribute given through value_specs (the typed field left unset) is applied.
        let mut specs = serde_json::Map::new();
        specs.insert("description".into(), "through value_specs".into());
        let port = neutron
            .call(&ports::create(&CreatePort {
                value_specs: specs,
                ..CreatePort::new(&net.id)
            }))
            .await
            .expect("port with value_specs");
        created.add(Undo::Port(port.id.clone()));
        assert_eq!(port.description, "through value_specs");
        let mut specs = serde_json::Map::new();
        specs.insert("description".into(), "changed".into());
        let upd = neutron
            .call(&ports::update(
                &port.id,
                &UpdatePort {
                    value_specs: specs,
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(upd.description, "changed");
        // One Neutron does not know is refused by Neutron, so it was sent.
        let mut specs = serde_json::Map::new();
        specs.insert("ferrocloud_unknown".into(), 1.into());
        let e = neutron
            .call(&ports::update(
                &port.id,
                &UpdatePort {
                    value_specs: specs,
                    ..Default::default()
                },
            ))
            .await
            .unwrap_err();
        assert!(
            e.is_bad_request() && e.to_string().contains("ferrocloud_unknown"),
            "{e}"
        );
    })
    .await;
}
