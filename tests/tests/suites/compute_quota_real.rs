//! Nova limits, quota sets, availability zones and server groups against the real Nova:
//! quotas of a fresh project changed, read in detail and reverted; server groups of both
//! forms created, listed, read and deleted; zones listed.

use ferrocloud::compute::quota_sets::{self, UpdateQuotaSet};
use ferrocloud::compute::server_groups::{self, CreateServerGroup, Policy, Rules};
use ferrocloud::compute::{availability_zones, limits};
use ferrocloud::identity::v3::projects::{self, CreateProject};
use ferrocloud::Operation;
use ferrocloud_tests::cloud;

use crate::support;

#[tokio::test(flavor = "multi_thread")]
async fn limits_and_zones_read() {
    let demo = cloud::demo();
    let nova = demo.compute();
    let l = nova.call(&limits::get()).await.expect("limits");
    let a = &l.absolute;
    assert!(a.max_total_cores.is_some_and(|n| n != 0), "{a:?}");
    assert!(a.total_instances_used.is_some_and(|n| n >= 0), "{a:?}");
    // At 2.57 the personality limits are gone.
    let l57 = nova
        .call(&limits::get().microversion("2.57"))
        .await
        .expect("limits 2.57");
    assert!(l57.absolute.max_personality.is_none() && l.absolute.max_personality.is_some());

    let zones = nova.call(&availability_zones::list()).await.expect("zones");
    assert!(
        zones
            .iter()
            .any(|z| z.zone_name == "nova" && z.zone_state.available),
        "{zones:?}"
    );
    let admin = cloud::admin();
    let detail = admin
        .compute()
        .call(&availability_zones::list_detail())
        .await
        .expect("zone detail");
    let computes: Vec<_> = detail
        .iter()
        .filter_map(|z| z.hosts.as_ref())
        .flat_map(|hosts| hosts.values())
        .filter_map(|services| services.get("nova-compute"))
        .collect();
    assert!(!computes.is_empty(), "{detail:?}");
    assert!(computes.iter().all(|s| s.active), "{computes:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn quotas_of_a_fresh_project_change_and_revert() {
    let admin = cloud::admin();
    let keystone = admin.identity();
    let project = keystone
        .call(&projects::create(&CreateProject {
            name: cloud::unique("quota"),
            domain_id: Some("default".into()),
            ..Default::default()
        }))
        .await
        .expect("project");
    let nova = admin.compute();
    let outcome = support::catching(async {
        let defaults = nova.call(&quota_sets::defaults(&project.id)).await?;
        // The defaults are the `default` quota class (read only: it is every project's).
        let class = nova.call(&quota_sets::get_class("default")).await?;
        assert_eq!(
            (class.instances, class.cores),
            (defaults.instances, defaults.cores)
        );
        let before = nova.call(&quota_sets::get(&project.id, None)).await?;
        assert_eq!(before.instances, defaults.instances);
        let updated = nova
            .call(&quota_sets::update(
                &project.id,
                None,
                &UpdateQuotaSet {
                    instances: Some(7),
                    cores: Some(9),
                    ..Default::default()
                },
            ))
            .await?;
        assert_eq!((updated.instances, updated.cores), (Some(7), Some(9)));
        let detail = nova.call(&quota_sets::detail(&project.id, None)).await?;
        let instances = detail.instances.expect("instances in detail");
        assert_eq!((instances.limit, instances.in_use), (7, 0));
        // Forced below what is in use works too (nothing is in use here).
        nova.call(&quota_sets::update(
            &project.id,
            None,
            &UpdateQuotaSet {
                force: Some(true),
                ram: Some(1024),
                ..Default::default()
            },
        ))
        .await?;
        nova.call(&quota_sets::delete(&project.id, None)).await?;
        let after = nova.call(&quota_sets::get(&project.id, None)).await?;
        assert_eq!(
            after.instances, defaults.instances,
            "reverted to the defaults"
        );
        assert_eq!(after.ram, defaults.ram);
        Ok::<_, ferrocloud::Error>(())
    })
    .await;
    let _ = nova.call(&quota_sets::delete(&project.id, None)).await;
    keystone
        .call(&projects::delete(&project.id))
        .await
        .expect("delete project");
    support::unwind(outcome).expect("quotas");
}

#[tokio::test(flavor = "multi_thread")]
async fn server_groups_of_both_forms() {
    let demo = cloud::demo();
    let nova = demo.compute();
    let mut created = Vec::new();
    let outcome = support::catching(async {
        let modern = nova
            .call(&server_groups::create(&CreateServerGroup {
                name: cloud::unique("sg"),
                policy: Policy::AntiAffinity,
                rules: Some(Rules {
                    max_server_per_host: Some(2),
                }),
            }))
            .await?;
        created.push(modern.id.clone());
        assert_eq!(modern.policy, Some(Policy::AntiAffinity));
        assert_eq!(modern.rules.as_ref().unwrap().max_server_per_host, Some(2));
        let legacy = nova
            .call(
                &server_groups::create_legacy(&cloud::unique("sg"), Policy::SoftAffinity)
                    .microversion("2.15"),
            )
            .await?;
        created.push(legacy.id.clone());
        assert_eq!(legacy.effective_policy(), Some(&Policy::SoftAffinity));
        let got = nova
            .call(&server_groups::get(&modern.id).microversion("2.64"))
            .await?;
        assert_eq!(got.id, modern.id);
        assert!(got.members.is_empty());
        let all = nova
            .call(&server_groups::list(&Default::default()).microversion("2.64"))
            .await?;
        for id in &created {
            assert!(all.iter().any(|g| &g.id == id), "{id} not listed");
        }
        Ok::<_, ferrocloud::Error>(())
    })
    .await;
    for id in &created {
        nova.call(&server_groups::delete(id))
            .await
            .expect("delete group");
    }
    support::unwind(outcome).expect("server groups");
    let gone = nova
        .call(&server_groups::get(&created[0]))
        .await
        .unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
}

#[tokio::test(flavor = "multi_thread")]
async fn hypervisors_of_the_fake_cloud() {
    use ferrocloud::compute::hypervisors::{self, ListHypervisors};
    let admin = cloud::admin();
    let nova = admin.compute();
    // 2.88: UUID ids, uptime in the detail, no usage fields; servers on request.
    let new = nova.clone().microversion("2.88");
    let all = new
        .collect_all(hypervisors::list_detail(&ListHypervisors {
            with_servers: true,
            ..Default::default()
        }))
        .await
        .expect("hypervisors");
    let node = all.first().expect("a hypervisor");
    assert!(node.id.contains('-'), "{node:?}");
    assert_eq!(node.state.as_deref(), Some("up"));
    assert!(
        node.capacity.vcpus.is_none() && node.extra.is_empty(),
        "{node:?}"
    );
    let one = new.call(&hypervisors::get(&node.id)).await.expect("get");
    assert_eq!(one.hypervisor_hostname, node.hypervisor_hostname);
    // One per page, by Nova's links.
    let paged = new
        .collect_all(hypervisors::list(&ListHypervisors {
            limit: Some(1),
            ..Default::default()
        }))
        .await
        .expect("paged");
    assert_eq!(paged.len(), all.len());
    // 2.1: numeric ids, usage fields, statistics and uptime calls.
    let old = nova
        .collect_all(hypervisors::list_detail(&Default::default()))
        .await
        .expect("hypervisors 2.1");
    let first = &old[0];
    assert!(first.id.parse::<u64>().is_ok(), "{first:?}");
    assert!(first.capacity.vcpus.is_some_and(|n| n > 0) && first.capacity.memory_mb.is_some());
    let stats = nova
        .call(&hypervisors::statistics())
        .await
        .expect("statistics");
    assert_eq!(stats.count, Some(old.len() as i64));
    let up = nova.call(&hypervisors::uptime(&first.id)).await;
    // The fake driver may not implement uptime (Nova then answers 501).
    match up {
        Ok(h) => assert_eq!(h.id, first.id),
        Err(e) => assert_eq!(e.status().map(|s| s.as_u16()), Some(501), "{e}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn compute_services_listed_and_filtered() {
    use ferrocloud::compute::services::{self, ListServices, ServiceStatus};
    // Read only: disabling the one nova-compute would break every other suite's servers.
    let admin = cloud::admin();
    let nova = admin.compute().microversion("2.53");
    let all = nova
        .call(&services::list(&Default::default()))
        .await
        .expect("services");
    let computes = nova
        .call(&services::list(&ListServices {
            binary: Some("nova-compute".into()),
            ..Default::default()
        }))
        .await
        .expect("nova-compute services");
    assert!(
        !computes.is_empty() && computes.len() < all.len(),
        "{all:?}"
    );
    for s in &computes {
        assert_eq!(s.binary.as_deref(), Some("nova-compute"));
        assert!(s.id.contains('-'), "UUID at 2.53: {s:?}");
        assert_eq!(s.status, Some(ServiceStatus::Enabled));
        assert_eq!(s.state.as_deref(), Some("up"));
        assert_eq!(s.forced_down, Some(false));
        assert!(s.extra.is_empty(), "{s:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_aggregate_with_a_host_and_metadata() {
    use ferrocloud::compute::aggregates::{self, CreateAggregate, UpdateAggregate};
    use ferrocloud::compute::services::{self, ListServices};
    use std::collections::BTreeMap;
    // No availability zone, so the host's zone (and other suites' servers) stay as they are.
    let admin = cloud::admin();
    let nova = admin.compute();
    let host = nova
        .call(&services::list(&ListServices {
            binary: Some("nova-compute".into()),
            ..Default::default()
        }))
        .await
        .expect("services")
        .into_iter()
        .find_map(|s| s.host)
        .expect("a compute host");
    let created = nova
        .call(&aggregates::create(&CreateAggregate {
            name: cloud::unique("agg"),
            availability_zone: None,
        }))
        .await
        .expect("create aggregate");
    let id = created.id.to_string();
    let mut added = false;
    let outcome = support::catching(async {
        let with_host = nova.call(&aggregates::add_host(&id, &host)).await?;
        added = true;
        assert_eq!(with_host.hosts, std::slice::from_ref(&host));
        let meta = BTreeMap::from([
            ("ferro".to_owned(), Some("yes".to_owned())),
            ("gone".to_owned(), Some("soon".to_owned())),
        ]);
        nova.call(&aggregates::set_metadata(&id, &meta)).await?;
        let unset = BTreeMap::from([("gone".to_owned(), None)]);
        let now = nova.call(&aggregates::set_metadata(&id, &unset)).await?;
        assert_eq!(now.metadata.get("ferro").map(String::as_str), Some("yes"));
        assert!(!now.metadata.contains_key("gone"), "{:?}", now.metadata);
        let renamed = cloud::unique("agg2");
        let updated = nova
            .call(&aggregates::update(
                &id,
                &UpdateAggregate {
                    name: Some(renamed.clone()),
                    availability_zone: None,
                },
            ))
            .await?;
        assert_eq!(updated.name, renamed);
        let listed = nova.call(&aggregates::list()).await?;
        assert!(listed.iter().any(|a| a.id == created.id));
        let got = nova
            .call(&aggregates::get(&id).microversion("2.41"))
            .await?;
        assert!(got.uuid.is_some() && got.extra.is_empty(), "{got:?}");
        nova.call(&aggregates::remove_host(&id, &host)).await?;
        added = false;
        Ok::<_, ferrocloud::Error>(())
    })
    .await;
    if added {
        let _ = nova.call(&aggregates::remove_host(&id, &host)).await;
    }
    nova.call(&aggregates::delete(&id))
        .await
        .expect("delete aggregate");
    support::unwind(outcome).expect("aggregate");
}

#[tokio::test(flavor = "multi_thread")]
async fn usage_and_migrations_read() {
    use ferrocloud::compute::migrations::{self, ListMigrations};
    use ferrocloud::compute::usage::{self, UsageOpts};
    use std::time::{Duration, SystemTime};
    let admin = cloud::admin();
    let nova = admin.compute().microversion("2.80");
    let now = SystemTime::now();
    let period = UsageOpts {
        start: Some(ferrocloud::Timestamp::from_system_time(
            now - Duration::from_secs(30 * 24 * 3600),
        )),
        end: Some(ferrocloud::Timestamp::from_system_time(now)),
        detailed: true,
        ..Default::default()
    };
    // The seeded demo servers have run in this period: some project used vCPU hours.
    let all = nova.collect_all(usage::all(&period)).await.expect("usage");
    assert!(
        all.iter()
            .any(|u| u.total_vcpus_usage.is_some_and(|h| h > 0.0)),
        "{all:?}"
    );
    let busy = all
        .iter()
        .find(|u| u.server_usages.as_ref().is_some_and(|s| !s.is_empty()))
        .expect("a project with servers");
    let project = busy.tenant_id.clone().expect("tenant id");
    let one = nova
        .call(&usage::single(&project, &period))
        .await
        .expect("one project's usage");
    assert_eq!(
        one.tenant_usage.tenant_id.as_deref(),
        Some(project.as_str())
    );
    assert!(one.tenant_usage.server_usages.is_some());
    // Migrations: whatever other suites resized, every entry typed; paging by links.
    let listed = nova
        .collect_all(migrations::list(&ListMigrations {
            limit: Some(1),
            ..Default::default()
        }))
        .await
        .expect("migrations");
    assert!(listed
        .iter()
        .all(|m| m.extra.is_empty() && m.uuid.is_some()));
}

#[tokio::test(flavor = "multi_thread")]
async fn external_events_are_answered_per_event() {
    use ferrocloud::compute::server_external_events::{self, Event};
    let admin = cloud::admin();
    let nova = admin.compute();
    // An event for a server that does not exist: Nova answers per event (207), this one
    // failed with 404.
    let results = nova
        .call(&server_external_events::create(&[Event {
            name: "network-changed".into(),
            server_uuid: "00000000-0000-4000-8000-000000000000".into(),
            tag: None,
            status: None,
        }]))
        .await
        .expect("events");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].code, Some(404), "{results:?}");
    assert_eq!(results[0].event.status.as_deref(), Some("failed"));
    assert!(
        server_external_events::create(&[])
            .request(
                &ferrocloud::ServiceEndpoint::new(
                    ferrocloud::ServiceType::COMPUTE,
                    "http://h/v2.1"
                )
                .unwrap()
            )
            .is_err(),
        "no events is refused before any I/O"
    );
}
