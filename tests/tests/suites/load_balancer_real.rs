//! Octavia against the real local cloud (amphora provider on no-op compute, network and
//! amphora drivers, so every object goes through its real provisioning states).
//!
//! - [`graph_step_by_step`] (demo): a load balancer, then a listener, pool, members, health
//!   monitor, L7 policy and rules, each waited for until `ACTIVE` and the load balancer
//!   `ACTIVE` again; the 409 of a change while `PENDING_*`; typed list filters; member
//!   batch updates; stats and the status tree; amphorae and failover (admin); cascade
//!   delete.
//! - [`graph_in_one_call`] (demo): the same graph from a single create.
//! - [`operator_side`] (admin): providers and their capabilities, flavor profiles and
//!   flavors (a load balancer made with one), availability zone profiles and zones,
//!   quotas changed, enforced and reset.

use std::time::Duration;

use ferrocloud::load_balancer::amphorae::{self, AmphoraRole, AmphoraStatus, ListAmphorae};
use ferrocloud::load_balancer::availability_zone_profiles::{
    self as az_profiles, CreateAvailabilityZoneProfile, ListAvailabilityZoneProfiles,
    UpdateAvailabilityZoneProfile,
};
use ferrocloud::load_balancer::availability_zones::{
    self, CreateAvailabilityZone, ListAvailabilityZones, UpdateAvailabilityZone,
};
use ferrocloud::load_balancer::flavor_profiles::{
    self, CreateFlavorProfile, ListFlavorProfiles, UpdateFlavorProfile,
};
use ferrocloud::load_balancer::flavors::{self, CreateFlavor, ListFlavors, UpdateFlavor};
use ferrocloud::load_balancer::health_monitors::{
    self, CreateHealthMonitor, ListHealthMonitors, MonitorType,
};
use ferrocloud::load_balancer::l7policies::{
    self, CompareType, CreateL7Policy, CreateL7Rule, L7Action, ListL7Policies, ListL7Rules,
    RuleType,
};
use ferrocloud::load_balancer::listeners::{self, CreateListener, ListListeners, UpdateListener};
use ferrocloud::load_balancer::loadbalancers::{
    self, CreateLoadBalancer, ListLoadBalancers, LoadBalancer, UpdateLoadBalancer,
};
use ferrocloud::load_balancer::pools::{
    self, CreateMember, CreatePool, LbAlgorithm, ListMembers, ListPools, UpdatePool,
};
use ferrocloud::load_balancer::quotas::{self, ListQuotas, UpdateQuota};
use ferrocloud::load_balancer::{
    self as lbaas, providers, Protocol, ProvisioningStatus, FAILED, READY,
};
use ferrocloud::network::{networks, subnets};
use ferrocloud::{HasStatus, Patch, Service, Wait};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;
use serde_json::json;

use crate::support::{self, catching, project_and_user, s, unwind};

type Octavia = Service<HyperTransport>;

fn wait() -> Wait {
    support::wait(120).every(Duration::from_millis(400))
}

/// Waits until `id` is `ACTIVE` again after a change.
async fn settled(octavia: &Octavia, id: &str) -> LoadBalancer {
    octavia
        .wait_for_status(&loadbalancers::get(id), READY, FAILED, wait())
        .await
        .unwrap_or_else(|e| panic!("load balancer {id} did not settle: {e}"))
}

/// Waits for `op`'s object to reach `ACTIVE`, then for its load balancer.
async fn active<O>(octavia: &Octavia, op: &O, lb: &str) -> O::Output
where
    O: ferrocloud::Operation,
    O::Output: HasStatus<Status = ProvisioningStatus>,
{
    let out = octavia
        .wait_for_status(op, READY, FAILED, wait())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    settled(octavia, lb).await;
    out
}

/// Cascade-deletes `lb` (whatever its state) and waits until it is gone.
async fn remove_lb(octavia: &Octavia, lb: &str) {
    // A load balancer still PENDING_* refuses the delete: let it settle first.
    let _ = octavia
        .wait_for_status(
            &loadbalancers::get(lb),
            &[ProvisioningStatus::Active, ProvisioningStatus::Error],
            &[],
            wait(),
        )
        .await;
    match octavia.call(&loadbalancers::delete(lb, true)).await {
        Ok(()) => {}
        Err(e) if e.is_not_found() => return,
        Err(e) => eprintln!("cascade delete of {lb}: {e}"),
    }
    let _ = octavia
        .wait_for_deleted(&loadbalancers::get(lb), wait())
        .await;
}

fn member(address: &str, subnet: &str) -> CreateMember {
    CreateMember {
        address: address.into(),
        protocol_port: 80,
        subnet_id: s(subnet),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn graph_step_by_step() {
    let demo = cloud::demo();
    let admin = cloud::admin();
    let neutron = demo.network();
    let octavia = demo.load_balancer();
    let name = cloud::unique("lb");

    let net = neutron
        .call(&networks::create(&networks::CreateNetwork {
            name: Some(format!("{name}-net")),
            ..Default::default()
        }))
        .await
        .expect("network");
    let subnet = neutron
        .call(&subnets::create(&subnets::CreateSubnet {
            name: Some(format!("{name}-sub")),
            ..subnets::CreateSubnet::new(&net.id, 4, "10.231.64.0/24")
        }))
        .await;
    let created = match &subnet {
        Ok(sub) => {
            octavia
                .call(&loadbalancers::create(&CreateLoadBalancer {
                    name: Some(name.clone()),
                    description: s("ferrocloud graph"),
                    vip_subnet_id: Some(sub.id.clone()),
                    tags: vec!["ferro".into()],
                    ..Default::default()
                }))
                .await
        }
        Err(_) => Err(ferrocloud::InvalidInput::field("subnet", "not created").into()),
    };
    let outcome = match (&subnet, &created) {
        (Ok(sub), Ok(lb)) => catching(graph(&admin, &octavia, lb.clone(), &sub.id, &name)).await,
        _ => Ok(()),
    };
    if let Ok(lb) = &created {
        remove_lb(&octavia, &lb.id).await;
    }
    if let Ok(sub) = &subnet {
        let _ = neutron.call(&subnets::delete(&sub.id)).await;
    }
    let _ = neutron.call(&networks::delete(&net.id)).await;
    subnet.expect("subnet");
    created.expect("create load balancer");
    unwind(outcome);
}

async fn graph(
    admin: &ferrocloud_native::Cloud,
    octavia: &Octavia,
    created: LoadBalancer,
    subnet: &str,
    name: &str,
) {
    let lb = created.id.clone();
    assert_eq!(
        created.provisioning_status,
        ProvisioningStatus::PendingCreate
    );
    assert_eq!(created.vip_subnet_id.as_deref(), Some(subnet));
    assert_eq!(created.tags, ["ferro"]);

    // Changing it while it is PENDING_CREATE: 409, recognised; after it settles, the same
    // change goes through.
    let change = UpdateLoadBalancer {
        description: s("changed while pending"),
        ..Default::default()
    };
    let err = octavia
        .call(&loadbalancers::update(&lb, &change))
        .await
        .expect_err("a pending load balancer is immutable");
    assert!(lbaas::is_immutable(&err), "{err}");
    assert!(err.to_string().contains("409"), "{err}");
    let active_lb = settled(octavia, &lb).await;
    assert_eq!(active_lb.status(), Some(ProvisioningStatus::Active));
    let updated = octavia
        .call(&loadbalancers::update(&lb, &change))
        .await
        .expect("update once ACTIVE");
    assert_eq!(
        updated.description.as_deref(),
        Some("changed while pending")
    );
    settled(octavia, &lb).await;

    // Listener: the load balancer is PENDING_UPDATE while it is made.
    let listener = octavia
        .call(&listeners::create(&CreateListener {
            loadbalancer_id: Some(lb.clone()),
            name: Some(format!("{name}-http")),
            protocol: Protocol::Http,
            protocol_port: 80,
            ..Default::default()
        }))
        .await
        .expect("listener");
    let parent = octavia.call(&loadbalancers::get(&lb)).await.unwrap();
    assert_eq!(
        parent.provisioning_status,
        ProvisioningStatus::PendingUpdate,
        "a child's change locks the parent"
    );
    assert!(parent.provisioning_status.is_pending());
    let listener = active(octavia, &listeners::get(&listener.id), &lb).await;
    assert_eq!(listener.loadbalancers[0].id, lb);

    let pool = octavia
        .call(&pools::create(&CreatePool {
            listener_id: Some(listener.id.clone()),
            name: Some(format!("{name}-pool")),
            protocol: Some(Protocol::Http),
            lb_algorithm: Some(LbAlgorithm::RoundRobin),
            ..Default::default()
        }))
        .await
        .expect("pool");
    let pool = active(octavia, &pools::get(&pool.id), &lb).await;

    let first = octavia
        .call(&pools::create_member(
            &pool.id,
            &member("10.231.64.10", subnet),
        ))
        .await
        .expect("member");
    active(octavia, &pools::get_member(&pool.id, &first.id), &lb).await;

    // Batch update: the listed members become the pool's; 10 is kept (same id, new
    // weight), 11 and 12 are added.
    let batch = |addresses: &[(&str, u32)]| -> Vec<CreateMember> {
        addresses
            .iter()
            .map(|(a, w)| CreateMember {
                weight: Some(*w),
                ..member(a, subnet)
            })
            .collect()
    };
    let addresses = |ms: &[pools::Member]| {
        let mut a: Vec<String> = ms.iter().map(|m| m.address.clone()).collect();
        a.sort();
        a
    };
    octavia
        .call(&pools::batch_update_members(
            &pool.id,
            &batch(&[
                ("10.231.64.10", 5),
                ("10.231.64.11", 1),
                ("10.231.64.12", 1),
            ]),
            false,
        ))
        .await
        .expect("batch update");
    settled(octavia, &lb).await;
    let ms = octavia
        .collect_all(pools::list_members(&pool.id, &Default::default()))
        .await
        .unwrap();
    assert_eq!(
        addresses(&ms),
        ["10.231.64.10", "10.231.64.11", "10.231.64.12"]
    );
    let kept = ms.iter().find(|m| m.address == "10.231.64.10").unwrap();
    assert_eq!(
        (kept.id.as_str(), kept.weight),
        (first.id.as_str(), Some(5))
    );
    // Leaving one out deletes it; additive_only adds without deleting.
    octavia
        .call(&pools::batch_update_members(
            &pool.id,
            &batch(&[("10.231.64.11", 1), ("10.231.64.12", 1)]),
            false,
        ))
        .await
        .expect("batch update (remove)");
    settled(octavia, &lb).await;
    octavia
        .call(&pools::batch_update_members(
            &pool.id,
            &batch(&[("10.231.64.13", 2)]),
            true,
        ))
        .await
        .expect("batch update (additive)");
    settled(octavia, &lb).await;
    let ms = octavia
        .collect_all(pools::list_members(&pool.id, &Default::default()))
        .await
        .unwrap();
    assert_eq!(
        addresses(&ms),
        ["10.231.64.11", "10.231.64.12", "10.231.64.13"]
    );
    assert!(ms
        .iter()
        .all(|m| m.provisioning_status == ProvisioningStatus::Active));

    let hm = octavia
        .call(&health_monitors::create(&CreateHealthMonitor {
            pool_id: Some(pool.id.clone()),
            name: Some(format!("{name}-hm")),
            kind: MonitorType::Http,
            delay: 5,
            timeout: 3,
            max_retries: 3,
            url_path: s("/healthz"),
            expected_codes: s("200-204"),
            ..Default::default()
        }))
        .await
        .expect("health monitor");
    let hm = active(octavia, &health_monitors::get(&hm.id), &lb).await;
    assert_eq!(hm.url_path.as_deref(), Some("/healthz"));
    let pool = octavia.call(&pools::get(&pool.id)).await.unwrap();
    assert_eq!(pool.healthmonitor_id.as_deref(), Some(hm.id.as_str()));

    let policy = octavia
        .call(&l7policies::create(&CreateL7Policy {
            listener_id: Some(listener.id.clone()),
            name: Some(format!("{name}-l7")),
            action: L7Action::RedirectToPool,
            redirect_pool_id: Some(pool.id.clone()),
            position: Some(1),
            ..Default::default()
        }))
        .await
        .expect("L7 policy");
    let policy = active(octavia, &l7policies::get(&policy.id), &lb).await;
    let path_rule = octavia
        .call(&l7policies::create_rule(
            &policy.id,
            &CreateL7Rule {
                kind: RuleType::Path,
                compare_type: CompareType::StartsWith,
                value: "/api".into(),
                ..Default::default()
            },
        ))
        .await
        .expect("path rule");
    active(
        octavia,
        &l7policies::get_rule(&policy.id, &path_rule.id),
        &lb,
    )
    .await;
    let header_rule = octavia
        .call(&l7policies::create_rule(
            &policy.id,
            &CreateL7Rule {
                kind: RuleType::Header,
                compare_type: CompareType::EqualTo,
                key: s("X-Ferro"),
                value: "yes".into(),
                ..Default::default()
            },
        ))
        .await
        .expect("header rule");
    active(
        octavia,
        &l7policies::get_rule(&policy.id, &header_rule.id),
        &lb,
    )
    .await;

    // Typed filters: each finds exactly what it should.
    let lbs = octavia
        .collect_all(loadbalancers::list(&ListLoadBalancers {
            vip_subnet_id: s(subnet),
            provisioning_status: Some(ProvisioningStatus::Active),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(lbs.iter().map(|l| &l.id).collect::<Vec<_>>(), [&lb]);
    let ls = octavia
        .collect_all(listeners::list(&ListListeners {
            loadbalancer_id: Some(lb.clone()),
            protocol: Some(Protocol::Http),
            protocol_port: Some(80),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(ls.len(), 1);
    let none = octavia
        .collect_all(listeners::list(&ListListeners {
            loadbalancer_id: Some(lb.clone()),
            protocol_port: Some(8080),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");
    let ps = octavia
        .collect_all(pools::list(&ListPools {
            loadbalancer_id: Some(lb.clone()),
            lb_algorithm: Some(LbAlgorithm::RoundRobin),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(ps.len(), 1);
    let heavy = octavia
        .collect_all(pools::list_members(
            &pool.id,
            &ListMembers {
                weight: Some(2),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    assert_eq!(addresses(&heavy), ["10.231.64.13"]);
    let hms = octavia
        .collect_all(health_monitors::list(&ListHealthMonitors {
            pool_id: Some(pool.id.clone()),
            kind: Some(MonitorType::Http),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(hms.len(), 1);
    let pls = octavia
        .collect_all(l7policies::list(&ListL7Policies {
            listener_id: Some(listener.id.clone()),
            action: Some(L7Action::RedirectToPool),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(pls.len(), 1);
    let headers = octavia
        .collect_all(l7policies::list_rules(
            &policy.id,
            &ListL7Rules {
                kind: Some(RuleType::Header),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    assert_eq!(
        headers.iter().map(|r| &r.id).collect::<Vec<_>>(),
        [&header_rule.id]
    );

    // Stats (no traffic went through) and the status tree.
    let stats = octavia.call(&loadbalancers::stats(&lb)).await.unwrap();
    assert_eq!(stats.total_connections, 0);
    let lstats = octavia.call(&listeners::stats(&listener.id)).await.unwrap();
    assert_eq!(lstats.bytes_in, 0);
    let tree = octavia.call(&loadbalancers::status(&lb)).await.unwrap();
    let root = &tree.loadbalancer;
    assert_eq!(root.id, lb);
    assert_eq!(root.provisioning_status, ProvisioningStatus::Active);
    let l = &root.listeners[0];
    assert_eq!(l.id, listener.id);
    let p = l.pools.iter().find(|p| p.id == pool.id).expect("the pool");
    assert_eq!(p.members.len(), 3);
    assert!(p
        .members
        .iter()
        .all(|m| m.extra.contains_key("address") && m.operating_status.is_some()));
    assert_eq!(
        p.healthmonitor.as_ref().map(|h| h.id.as_str()),
        Some(hm.id.as_str()),
        "read from Octavia's health_monitor key"
    );
    // The API reference shows L7 policies in the tree; Octavia leaves them out.
    assert!(l.l7policies.is_empty(), "{:?}", l.l7policies);

    // Updates, each settled before the next.
    let pool = octavia
        .call(&pools::update(
            &pool.id,
            &UpdatePool {
                lb_algorithm: Some(LbAlgorithm::LeastConnections),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    let pool = active(octavia, &pools::get(&pool.id), &lb).await;
    assert_eq!(pool.lb_algorithm, LbAlgorithm::LeastConnections);
    octavia
        .call(&listeners::update(
            &listener.id,
            &UpdateListener {
                connection_limit: Some(100),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    let listener = active(octavia, &listeners::get(&listener.id), &lb).await;
    assert_eq!(listener.connection_limit, Some(100));
    octavia
        .call(&l7policies::delete_rule(&policy.id, &path_rule.id))
        .await
        .unwrap();
    settled(octavia, &lb).await;
    let rules = octavia
        .collect_all(l7policies::list_rules(&policy.id, &Default::default()))
        .await
        .unwrap();
    assert_eq!(rules.len(), 1);

    // Amphorae (admin): one standalone amphora serves it; its configuration can be
    // pushed again.
    let admin_octavia = admin.load_balancer();
    let amps = admin_octavia
        .collect_all(amphorae::list(&ListAmphorae {
            loadbalancer_id: Some(lb.clone()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(amps.len(), 1, "{amps:?}");
    let amp = admin_octavia
        .call(&amphorae::get(&amps[0].id))
        .await
        .unwrap();
    assert_eq!(amp.loadbalancer_id.as_deref(), Some(lb.as_str()));
    assert_eq!(amp.status, AmphoraStatus::Allocated);
    assert_eq!(amp.role, Some(AmphoraRole::Standalone));
    admin_octavia
        .call(&amphorae::configure(&amp.id))
        .await
        .expect("amphora config refresh");
    // No health manager runs here, so no amphora has reported statistics: 404.
    match admin_octavia.call(&amphorae::stats(&amp.id)).await {
        Ok(stats) => assert!(stats.iter().all(|s| s.id == amp.id), "{stats:?}"),
        Err(e) => assert!(e.is_not_found(), "{e}"),
    }
    // Amphorae are the operator's: a member of the project may not list them.
    let err = octavia
        .first_page(&amphorae::list(&Default::default()))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");

    // Failover (admin) is accepted and runs to an end state; on this cloud the no-op
    // network driver's state file lacks the `interfaces` table, so it ends in ERROR.
    admin_octavia
        .call(&loadbalancers::failover(&lb))
        .await
        .expect("failover accepted");
    let after = octavia
        .wait_for_status(
            &loadbalancers::get(&lb),
            &[ProvisioningStatus::Active, ProvisioningStatus::Error],
            &[],
            wait(),
        )
        .await
        .expect("failover ends");
    println!("after failover: {}", after.provisioning_status);

    // Cascade delete: everything below goes with it.
    octavia
        .call(&loadbalancers::delete(&lb, true))
        .await
        .expect("cascade delete");
    octavia
        .wait_for_deleted(&loadbalancers::get(&lb), wait())
        .await
        .expect("load balancer gone");
    for err in [
        octavia.call(&listeners::get(&listener.id)).await.err(),
        octavia.call(&pools::get(&pool.id)).await.err(),
        octavia.call(&l7policies::get(&policy.id)).await.err(),
        octavia.call(&health_monitors::get(&hm.id)).await.err(),
    ] {
        let err = err.expect("gone with its load balancer");
        assert!(err.is_not_found(), "{err}");
    }
}

/// The whole graph in one call: a load balancer with a listener, its default pool
/// (members, health monitor) and an L7 policy with a rule, all `ACTIVE` together.
#[tokio::test(flavor = "multi_thread")]
async fn graph_in_one_call() {
    let demo = cloud::demo();
    let octavia = demo.load_balancer();
    let name = cloud::unique("lbgraph");
    let pool = CreatePool {
        name: Some(format!("{name}-pool")),
        protocol: Some(Protocol::Http),
        lb_algorithm: Some(LbAlgorithm::SourceIp),
        healthmonitor: Some(CreateHealthMonitor {
            kind: MonitorType::Tcp,
            delay: 5,
            timeout: 2,
            max_retries: 2,
            ..Default::default()
        }),
        members: vec![
            member("10.231.65.10", "a3b1c2d4-0000-4000-8000-000000000002"),
            member("10.231.65.11", "a3b1c2d4-0000-4000-8000-000000000002"),
        ],
        ..Default::default()
    };
    let created = octavia
        .call(&loadbalancers::create(&CreateLoadBalancer {
            name: Some(name.clone()),
            vip_subnet_id: s("a3b1c2d4-0000-4000-8000-000000000002"),
            listeners: vec![CreateListener {
                name: Some(format!("{name}-http")),
                protocol: Protocol::Http,
                protocol_port: 8080,
                default_pool: Some(pool),
                l7policies: vec![CreateL7Policy {
                    action: L7Action::Reject,
                    rules: vec![CreateL7Rule {
                        kind: RuleType::HostName,
                        compare_type: CompareType::EndsWith,
                        value: ".invalid".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }))
        .await
        .expect("graph create");
    let outcome = catching(async {
        // The answer holds the full child objects, as ids plus their other fields.
        assert_eq!(created.listeners.len(), 1);
        assert!(created.listeners[0].extra.contains_key("default_pool_id"));
        let lb = settled(&octavia, &created.id).await;
        let tree = octavia.call(&loadbalancers::status(&lb.id)).await.unwrap();
        let l = &tree.loadbalancer.listeners[0];
        assert_eq!(l.provisioning_status, ProvisioningStatus::Active);
        assert_eq!(l.pools[0].members.len(), 2);
        assert!(l.pools[0].healthmonitor.is_some());
        let listener = octavia
            .call(&listeners::get(&created.listeners[0].id))
            .await
            .unwrap();
        assert_eq!(listener.protocol_port, 8080);
        let policies = octavia
            .collect_all(l7policies::list(&ListL7Policies {
                listener_id: Some(listener.id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(policies.len(), 1);
        assert_eq!(policies[0].action, L7Action::Reject);
        assert_eq!(policies[0].rules.len(), 1);
        let pool = octavia
            .call(&pools::get(listener.default_pool_id.as_deref().unwrap()))
            .await
            .unwrap();
        assert_eq!(pool.lb_algorithm, LbAlgorithm::SourceIp);
        assert_eq!(pool.members.len(), 2);
    })
    .await;
    remove_lb(&octavia, &created.id).await;
    unwind(outcome);
}

#[tokio::test(flavor = "multi_thread")]
async fn operator_side() {
    let admin = cloud::admin();
    let octavia = admin.load_balancer();
    let name = cloud::unique("lbop");
    let (project, _) = project_and_user(&admin).await;

    let ps = octavia.call(&providers::list()).await.unwrap();
    assert!(ps.iter().any(|p| p.name == "amphora"), "{ps:?}");
    let caps = octavia
        .call(&providers::flavor_capabilities("amphora"))
        .await
        .unwrap();
    assert!(caps.iter().any(|c| c.name == "loadbalancer_topology"));
    let caps = octavia
        .call(&providers::availability_zone_capabilities("amphora"))
        .await
        .unwrap();
    assert!(caps.iter().any(|c| c.name == "compute_zone"));
    let err = octavia
        .call(&providers::flavor_capabilities("no-such-provider"))
        .await
        .unwrap_err();
    assert!(err.status().is_some_and(|s| s.is_client_error()), "{err}");

    // The provider checks a profile's options (Octavia answers 501 Not Implemented).
    let err = octavia
        .call(&flavor_profiles::create(&CreateFlavorProfile::new(
            &name,
            "amphora",
            &json!({"no_such_option": 1}),
        )))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(501), "{err}");
    assert!(err.to_string().contains("does not support"), "{err}");

    let mut made = Made::default();
    let outcome = catching(operator_flow(&octavia, &name, &project, &mut made)).await;
    made.clean(&octavia, &project).await;
    unwind(outcome);
}

/// What [`operator_flow`] made, for the clean-up.
#[derive(Default)]
struct Made {
    lb: Option<String>,
    flavor: Option<String>,
    profile: Option<String>,
    zone: Option<String>,
    zone_profile: Option<String>,
    quota: bool,
}

impl Made {
    async fn clean(&self, octavia: &Octavia, project: &str) {
        if let Some(lb) = &self.lb {
            remove_lb(octavia, lb).await;
        }
        if let Some(id) = &self.flavor {
            let _ = octavia.call(&flavors::delete(id)).await;
        }
        if let Some(id) = &self.profile {
            let _ = octavia.call(&flavor_profiles::delete(id)).await;
        }
        if let Some(name) = &self.zone {
            let _ = octavia.call(&availability_zones::delete(name)).await;
        }
        if let Some(id) = &self.zone_profile {
            let _ = octavia.call(&az_profiles::delete(id)).await;
        }
        if self.quota {
            let _ = octavia.call(&quotas::reset(project)).await;
        }
    }
}

async fn operator_flow(octavia: &Octavia, name: &str, project: &str, made: &mut Made) {
    // Flavor profile and flavor.
    let profile = octavia
        .call(&flavor_profiles::create(&CreateFlavorProfile::new(
            name,
            "amphora",
            &json!({"loadbalancer_topology": "SINGLE"}),
        )))
        .await
        .expect("flavor profile");
    made.profile = Some(profile.id.clone());
    assert_eq!(profile.data().unwrap()["loadbalancer_topology"], "SINGLE");
    let found = octavia
        .collect_all(flavor_profiles::list(&ListFlavorProfiles {
            name: Some(name.into()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let profile = octavia
        .call(&flavor_profiles::update(
            &profile.id,
            &UpdateFlavorProfile {
                flavor_data: s(r#"{"loadbalancer_topology": "SINGLE", "compute_flavor": "1"}"#),
                ..Default::default()
            },
        ))
        .await
        .expect("update profile");
    assert_eq!(profile.data().unwrap()["compute_flavor"], "1");
    let flavor = octavia
        .call(&flavors::create(&CreateFlavor {
            name: name.into(),
            description: s("ferrocloud"),
            flavor_profile_id: profile.id.clone(),
            ..Default::default()
        }))
        .await
        .expect("flavor");
    made.flavor = Some(flavor.id.clone());
    assert!(flavor.enabled);
    let got = octavia.call(&flavors::get(&flavor.id)).await.unwrap();
    assert_eq!(got.flavor_profile_id.as_deref(), Some(profile.id.as_str()));
    let listed = octavia
        .collect_all(flavors::list(&ListFlavors {
            name: Some(name.into()),
            enabled: Some(true),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    // A profile in use by a flavor cannot go.
    let err = octavia
        .call(&flavor_profiles::delete(&profile.id))
        .await
        .unwrap_err();
    assert!(err.is_conflict(), "{err}");

    // A load balancer of that flavor (no subnet check with the no-op network driver, but
    // the id must look like one).
    let lb = octavia
        .call(&loadbalancers::create(&CreateLoadBalancer {
            name: Some(name.into()),
            vip_subnet_id: s("a3b1c2d4-0000-4000-8000-000000000001"),
            flavor_id: Some(flavor.id.clone()),
            ..Default::default()
        }))
        .await
        .expect("load balancer with a flavor");
    made.lb = Some(lb.id.clone());
    let lb = settled(octavia, &lb.id).await;
    assert_eq!(lb.flavor_id.as_deref(), Some(flavor.id.as_str()));
    remove_lb(octavia, &lb.id).await;
    made.lb = None;

    let flavor = octavia
        .call(&flavors::update(
            &flavor.id,
            &UpdateFlavor {
                enabled: Some(false),
                description: Patch::Null,
                ..Default::default()
            },
        ))
        .await
        .expect("update flavor");
    assert!(!flavor.enabled);
    assert_eq!(flavor.description.as_deref().unwrap_or(""), "");
    octavia.call(&flavors::delete(&flavor.id)).await.unwrap();
    made.flavor = None;
    octavia
        .call(&flavor_profiles::delete(&profile.id))
        .await
        .unwrap();
    made.profile = None;

    // Availability zone profile and zone.
    let zp = octavia
        .call(&az_profiles::create(&CreateAvailabilityZoneProfile::new(
            name,
            "amphora",
            &json!({"compute_zone": "nova"}),
        )))
        .await
        .expect("zone profile");
    made.zone_profile = Some(zp.id.clone());
    let zp = octavia
        .call(&az_profiles::update(
            &zp.id,
            &UpdateAvailabilityZoneProfile {
                name: Some(format!("{name}-2")),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    let zps = octavia
        .collect_all(az_profiles::list(&ListAvailabilityZoneProfiles {
            name: Some(format!("{name}-2")),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(zps.iter().map(|p| &p.id).collect::<Vec<_>>(), [&zp.id]);
    assert_eq!(zp.data().unwrap()["compute_zone"], "nova");
    let zone = octavia
        .call(&availability_zones::create(&CreateAvailabilityZone {
            name: name.into(),
            description: s("ferrocloud"),
            availability_zone_profile_id: zp.id.clone(),
            ..Default::default()
        }))
        .await
        .expect("zone");
    made.zone = Some(zone.name.clone());
    assert!(zone.enabled);
    let zone = octavia
        .call(&availability_zones::update(
            name,
            &UpdateAvailabilityZone {
                enabled: Some(false),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    assert!(!zone.enabled);
    let disabled = octavia
        .collect_all(availability_zones::list(&ListAvailabilityZones {
            name: Some(name.into()),
            enabled: Some(false),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(disabled.len(), 1);
    assert_eq!(
        octavia
            .call(&availability_zones::get(name))
            .await
            .unwrap()
            .availability_zone_profile_id
            .as_deref(),
        Some(zp.id.as_str())
    );
    octavia
        .call(&availability_zones::delete(name))
        .await
        .unwrap();
    made.zone = None;
    octavia.call(&az_profiles::delete(&zp.id)).await.unwrap();
    made.zone_profile = None;

    // Quotas of the admin project: changed, enforced, reset.
    let defaults = octavia.call(&quotas::defaults()).await.unwrap();
    let before = octavia.call(&quotas::get(project)).await.unwrap();
    made.quota = true;
    let q = octavia
        .call(&quotas::update(
            project,
            &UpdateQuota {
                loadbalancer: Patch::Set(0),
                listener: Patch::Set(5),
                ..Default::default()
            },
        ))
        .await
        .expect("update quota");
    assert_eq!((q.loadbalancer, q.listener), (Some(0), Some(5)));
    let listed = octavia
        .collect_all(quotas::list(&ListQuotas {
            project_id: Some(project.into()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].loadbalancer, Some(0));
    let err = octavia
        .call(&loadbalancers::create(&CreateLoadBalancer {
            name: Some(format!("{name}-over")),
            vip_subnet_id: s("a3b1c2d4-0000-4000-8000-000000000001"),
            ..Default::default()
        }))
        .await
        .expect_err("over quota");
    assert!(err.is_forbidden(), "{err}");
    assert!(err.to_string().to_lowercase().contains("quota"), "{err}");
    octavia.call(&quotas::reset(project)).await.unwrap();
    made.quota = false;
    let after = octavia.call(&quotas::get(project)).await.unwrap();
    assert_eq!(after.loadbalancer, defaults.loadbalancer);
    assert_eq!(after.loadbalancer, before.loadbalancer);
    assert_eq!(after.listener, defaults.listener);
}
