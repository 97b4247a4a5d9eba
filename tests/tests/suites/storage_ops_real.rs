//! Against the REAL Cinder of the local cloud (fake LVM-based backend, admin): services
//! listed and filtered (backend state at 3.49), the enabled volume service enabled again,
//! its log levels read; the back-end pool with and without capabilities; the resource
//! filters; the manageable lists (the fake backend has nothing to offer: empty); manage
//! existing of a reference the backend does not have (accepted, then `error`) and of an
//! unknown host (refused); a snapshot unmanaged; the backend's capabilities, os-hosts,
//! clusters (none configured) and a worker cleanup that matches no service. Nothing is
//! disabled, frozen, failed over or cleaned up: the cloud is shared. Everything created is deleted, even when an assertion fails.

use ferrocloud::block_storage::clusters::{self, ListClusters};
use ferrocloud::block_storage::manageable::{
    self, ListManageable, ManageSnapshot, ManageVolume, Route,
};
use ferrocloud::block_storage::resource_filters;
use ferrocloud::block_storage::scheduler_stats::{self, Capacity, ListPools};
use ferrocloud::block_storage::services::{
    self, ListServices, LogTarget, ServiceState, ServiceStatus,
};
use ferrocloud::block_storage::snapshots::{self, CreateSnapshot, SnapshotStatus};
use ferrocloud::block_storage::volumes::{self, CreateVolume, VolumeStatus};
use ferrocloud::block_storage::workers::{self, Cleanup};
use ferrocloud::block_storage::{capabilities, hosts};
use ferrocloud::{Error, Service, SortDir};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;
use serde_json::{Map, Value};

use crate::support::{self, guarded};

type Cinder = Service<HyperTransport>;

fn reference(name: &str) -> Map<String, Value> {
    [("source-name".to_string(), Value::from(name))]
        .into_iter()
        .collect()
}

/// The cinder-volume service's host (`host@backend`) and its one pool (`…#pool`).
async fn volume_host(cinder: &Cinder) -> (String, String) {
    let filter = ListServices {
        binary: Some("cinder-volume".into()),
        ..Default::default()
    };
    let list = cinder.call(&services::list(&filter)).await.unwrap();
    let host = list.first().expect("a cinder-volume service").host.clone();
    let pools = cinder
        .call(&scheduler_stats::list_pools(&ListPools::default()))
        .await
        .unwrap();
    let pool = pools
        .iter()
        .find(|p| p.name.starts_with(&format!("{host}#")))
        .unwrap_or_else(|| panic!("no pool of {host}: {pools:?}"))
        .name
        .clone();
    (host, pool)
}

async fn delete_volume(cinder: &Cinder, id: &str) {
    if cinder.call(&volumes::delete(id, true)).await.is_ok() {
        let _ = cinder
            .wait_for_deleted(&volumes::get(id), support::wait(120))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_services_pools_and_resource_filters() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();

    let all = cinder
        .call(&services::list(&ListServices::default()))
        .await
        .unwrap();
    for s in &all {
        assert!(s.extra.is_empty(), "untyped {:?}", s.extra);
        assert!(s.updated_at.is_some(), "{s:?}");
    }
    for binary in ["cinder-volume", "cinder-scheduler"] {
        let s = all.iter().find(|s| s.binary == binary).expect(binary);
        assert_eq!(s.state, Some(ServiceState::Up), "{s:?}");
        assert_eq!(s.status, Some(ServiceStatus::Enabled), "{s:?}");
    }
    let (host, pool) = volume_host(&cinder).await;
    assert!(host.contains('@'), "{host}");
    let by_host = cinder
        .call(&services::list(&ListServices {
            host: Some(host.clone()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert!(by_host.iter().all(|s| s.host == host) && !by_host.is_empty());
    let volume = &by_host[0];
    assert_eq!(volume.frozen, Some(false), "{volume:?}");
    assert!(volume.backend_state.is_none(), "only from 3.49");
    let at_349 = admin
        .block_storage()
        .microversion("3.49")
        .call(&services::list(&ListServices {
            binary: Some("cinder-volume".into()),
            host: Some(host.clone()),
        }))
        .await
        .unwrap();
    assert_eq!(at_349.len(), 1, "{at_349:?}");
    assert_eq!(at_349[0].backend_state, Some(ServiceState::Up));
    let none = cinder
        .call(&services::list(&ListServices {
            host: Some(cloud::unique("nohost")),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");

    // Enabling the (enabled) volume service changes nothing and answers its state.
    let change = cinder
        .call(&services::enable(&host, "cinder-volume"))
        .await
        .unwrap();
    assert!(change.extra.is_empty(), "{change:?}");
    assert_eq!(
        (change.disabled, change.status),
        (Some(false), Some(ServiceStatus::Enabled))
    );
    assert_eq!(
        (change.host.as_str(), change.binary.as_str()),
        (host.as_str(), "cinder-volume")
    );
    let err = cinder
        .call(&services::enable(&cloud::unique("nohost"), "cinder-volume"))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // Log levels of the running volume service (3.32).
    let levels = cinder
        .call(&services::get_log(&LogTarget {
            binary: Some("cinder-volume".into()),
            server: Some(host.clone()),
            prefix: Some("cinder".into()),
        }))
        .await
        .unwrap();
    assert_eq!(levels.len(), 1, "{levels:?}");
    assert_eq!(levels[0].host, host);
    assert!(levels[0].extra.is_empty(), "{levels:?}");
    assert!(
        levels[0].levels.keys().all(|k| k.starts_with("cinder")),
        "{levels:?}"
    );

    // The fake backend's one pool: infinite capacity.
    let pools = cinder
        .call(&scheduler_stats::list_pools(&ListPools::default()))
        .await
        .unwrap();
    assert!(pools.iter().all(|p| p.capabilities.is_none()), "{pools:?}");
    let detail = cinder
        .call(&scheduler_stats::list_pools(&ListPools {
            detail: true,
            name: Some(pool.clone()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(detail.len(), 1, "{detail:?}");
    assert!(detail[0].extra.is_empty(), "{detail:?}");
    let caps = detail[0].capabilities.clone().unwrap();
    assert_eq!(caps.total_capacity_gb, Some(Capacity::Infinite), "{caps:?}");
    assert_eq!(caps.free_capacity_gb, Some(Capacity::Infinite), "{caps:?}");
    assert_eq!(
        Some(pool.rsplit('#').next().unwrap()),
        caps.pool_name.as_deref()
    );
    assert!(caps.volume_backend_name.is_some() && caps.timestamp.is_some());
    assert!(caps.allocated_capacity_gb.is_some(), "{caps:?}");
    assert!(
        caps.extra.is_empty(),
        "untyped capabilities: {:?}",
        caps.extra
    );

    // Resource filters (3.33): every resource, or one.
    let filters = cinder.call(&resource_filters::list(None)).await.unwrap();
    let volume = filters.iter().find(|f| f.resource == "volume").unwrap();
    assert!(volume.filters.iter().any(|f| f == "name"), "{volume:?}");
    assert!(filters.iter().all(|f| f.extra.is_empty()), "{filters:?}");
    assert!(filters.len() > 3, "{filters:?}");
    let snapshot = cinder
        .call(&resource_filters::list(Some("snapshot")))
        .await
        .unwrap();
    assert_eq!(snapshot.len(), 1, "{snapshot:?}");
    assert!(snapshot[0].filters.iter().any(|f| f == "volume_id"));

    // Services and pools are for admins.
    let demo = cloud::demo().block_storage();
    let err = demo
        .call(&services::list(&ListServices::default()))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let err = demo
        .call(&scheduler_stats::list_pools(&ListPools::default()))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_manageable_lists_and_manage_existing() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let (host, pool) = volume_host(&cinder).await;

    // The fake backend (LVM with a fake executor) offers nothing to manage.
    let mut filter = ListManageable {
        host: Some(host.clone()),
        ..Default::default()
    };
    filter.common.sort = vec![("size".into(), SortDir::Desc)];
    filter.common.limit = Some(5);
    for op in [
        manageable::list_volumes(&filter),
        manageable::list_volumes_detail(&filter),
        manageable::list_snapshots(&filter),
        manageable::list_snapshots_detail(&filter),
    ] {
        let list = cinder.call(&op).await.unwrap();
        assert!(list.is_empty(), "the fake backend lists {list:?}");
    }
    let by_pool = ListManageable {
        host: Some(pool.clone()),
        ..Default::default()
    };
    let list = cinder
        .call(&manageable::list_volumes(&by_pool))
        .await
        .unwrap();
    assert!(list.is_empty(), "{list:?}");
    // What Cinder refuses: a sort key it cannot sort by, an unknown host; what
    // ferrocloud refuses before any I/O: neither host nor cluster.
    let mut bad_sort = filter.clone();
    bad_sort.common.sort = vec![("name".into(), SortDir::Asc)];
    let err = cinder
        .call(&manageable::list_volumes(&bad_sort))
        .await
        .unwrap_err();
    assert!(err.is_bad_request(), "{err}");
    let unknown = ListManageable {
        host: Some(cloud::unique("nohost")),
        ..Default::default()
    };
    let err = cinder
        .call(&manageable::list_snapshots(&unknown))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = cinder
        .call(&manageable::list_volumes(&ListManageable::default()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");

    // Manage existing on an unknown host: 400 on both routes.
    let mut manage = ManageVolume {
        host: Some(format!("{}#none", cloud::unique("nohost"))),
        reference: reference("lvol-none"),
        ..Default::default()
    };
    for route in [Route::Manageable, Route::OsManage] {
        let err = cinder
            .call(&manageable::manage_volume(route, &manage))
            .await
            .unwrap_err();
        assert!(err.is_bad_request(), "{route:?}: {err}");
        assert!(err.to_string().contains("not found"), "{err}");
    }

    // On the real pool with a reference the backend does not have: accepted (202, a
    // volume in `creating`), then the backend refuses the reference and the volume ends
    // in `error` (Cinder's error_managing, shown as error). It is deleted afterwards.
    let name = cloud::unique("managed");
    manage.host = Some(pool.clone());
    manage.name = Some(name.clone());
    manage.reference = reference(&cloud::unique("lvol"));
    let vol = cinder
        .call(&manageable::manage_volume(Route::Manageable, &manage))
        .await
        .expect("manage existing is accepted");
    let id = vol.id.clone();
    guarded(
        async {
            assert_eq!(vol.status, VolumeStatus::Creating, "{vol:?}");
            assert_eq!(vol.name.as_deref(), Some(name.as_str()));
            let err = cinder
                .wait_for_status(
                    &volumes::get(&id),
                    &[VolumeStatus::Available],
                    &[VolumeStatus::Error],
                    support::wait(120),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(&err, Error::WaitFailed { status, .. } if status == "error"),
                "{err}"
            );
        },
        delete_volume(&cinder, &id),
    )
    .await;
    let err = cinder.call(&volumes::get(&id)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_snapshot_manage_and_unmanage() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let vol = cinder
        .call(&volumes::create(&CreateVolume {
            size: Some(1),
            name: Some(cloud::unique("manage-snap")),
            ..Default::default()
        }))
        .await
        .unwrap();
    let id = vol.id.clone();
    let snaps = std::sync::Mutex::new(Vec::<String>::new());
    guarded(
        async {
            cinder
                .wait_for_status(
                    &volumes::get(&id),
                    &[VolumeStatus::Available],
                    &[VolumeStatus::Error],
                    support::wait(120),
                )
                .await
                .unwrap();
            // Unmanage: Cinder forgets a snapshot the backend keeps.
            let snap = cinder
                .call(&snapshots::create(&CreateSnapshot {
                    volume_id: id.clone(),
                    name: Some(cloud::unique("unmanage")),
                    ..Default::default()
                }))
                .await
                .unwrap();
            snaps.lock().unwrap().push(snap.id.clone());
            cinder
                .wait_for_status(
                    &snapshots::get(&snap.id),
                    &[SnapshotStatus::Available],
                    &[SnapshotStatus::Error],
                    support::wait(120),
                )
                .await
                .unwrap();
            cinder.call(&snapshots::unmanage(&snap.id)).await.unwrap();
            cinder
                .wait_for_deleted(&snapshots::get(&snap.id), support::wait(120))
                .await
                .expect("an unmanaged snapshot leaves Cinder");

            // Manage existing of a reference the backend does not have: accepted, then
            // `error`; deleted afterwards.
            let manage = ManageSnapshot {
                volume_id: id.clone(),
                reference: reference(&cloud::unique("snap")),
                name: Some(cloud::unique("managed-snap")),
                ..Default::default()
            };
            let managed = cinder
                .call(&manageable::manage_snapshot(Route::Manageable, &manage))
                .await
                .expect("manage existing snapshot is accepted");
            snaps.lock().unwrap().push(managed.id.clone());
            assert_eq!(managed.status, SnapshotStatus::Creating, "{managed:?}");
            assert_eq!(managed.volume_id.as_deref(), Some(id.as_str()));
            let err = cinder
                .wait_for_status(
                    &snapshots::get(&managed.id),
                    &[SnapshotStatus::Available],
                    &[SnapshotStatus::Error],
                    support::wait(120),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(&err, Error::WaitFailed { status, .. } if status == "error"),
                "{err}"
            );
            // A volume that does not exist: 404 before the backend is asked.
            let missing = ManageSnapshot {
                volume_id: "00000000-0000-0000-0000-000000000000".into(),
                ..manage.clone()
            };
            let err = cinder
                .call(&manageable::manage_snapshot(Route::OsManage, &missing))
                .await
                .unwrap_err();
            assert!(err.is_not_found(), "{err}");
        },
        async {
            let ids = snaps.lock().unwrap().clone();
            for s in ids {
                if cinder.call(&snapshots::delete(&s)).await.is_err() {
                    let _ = cinder.call(&snapshots::force_delete(&s)).await;
                }
                let _ = cinder
                    .wait_for_deleted(&snapshots::get(&s), support::wait(120))
                    .await;
            }
            delete_volume(&cinder, &id).await;
        },
    )
    .await;
    let err = cinder.call(&volumes::get(&id)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_capabilities_hosts_clusters_and_workers() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let (host, pool) = volume_host(&cinder).await;
    let nohost = format!("{}@none", cloud::unique("nohost"));

    let caps = cinder.call(&capabilities::get(&host)).await.unwrap();
    assert!(caps.extra.is_empty(), "untyped {:?}", caps.extra);
    assert!(
        caps.namespace
            .as_deref()
            .is_some_and(|n| n.ends_with(&host)),
        "{caps:?}"
    );
    let pools = cinder
        .call(&scheduler_stats::list_pools(&ListPools {
            detail: true,
            name: Some(pool),
            ..Default::default()
        }))
        .await
        .unwrap();
    let backend = pools[0]
        .capabilities
        .as_ref()
        .unwrap()
        .volume_backend_name
        .clone();
    assert_eq!(caps.volume_backend_name, backend);
    assert!(!caps.properties.is_empty(), "{caps:?}");
    assert!(caps
        .properties
        .values()
        .all(|p| p.kind.is_some() && p.extra.is_empty()));
    let err = cinder.call(&capabilities::get(&nohost)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");

    let list = cinder.call(&hosts::list(None)).await.unwrap();
    let volume = list
        .iter()
        .find(|h| h.host_name == host)
        .unwrap_or_else(|| panic!("{host} not in {list:?}"));
    assert_eq!(volume.service.as_deref(), Some("cinder-volume"));
    assert_eq!(volume.service_state.as_deref(), Some("enabled"));
    assert!(
        volume.extra.is_empty() && volume.last_update.is_some(),
        "{volume:?}"
    );
    let zone = volume.zone.clone().unwrap();
    let in_zone = cinder.call(&hosts::list(Some(&zone))).await.unwrap();
    assert!(in_zone
        .iter()
        .all(|h| h.zone.as_deref() == Some(zone.as_str())));
    // Cinder counts the total and each project in separate queries, and the other suites
    // create and delete volumes meanwhile: read until one answer adds up.
    let totals = support::poll("host totals that add up", support::wait(30), || async {
        let totals = cinder.call(&hosts::get(&host)).await.unwrap();
        let per_project: u32 = totals[1..].iter().map(|r| r.volume_count).sum();
        (per_project == totals[0].volume_count).then_some(totals)
    })
    .await;
    assert_eq!(totals[0].project, "(total)", "{totals:?}");
    assert!(totals.iter().all(|r| r.host == host && r.extra.is_empty()));
    let err = cinder.call(&hosts::get(&nohost)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // The local cloud runs no clustered services.
    for op in [
        clusters::list(&ListClusters::default()),
        clusters::list_detail(&ListClusters {
            binary: Some("cinder-volume".into()),
            is_up: Some(true),
            ..Default::default()
        }),
    ] {
        let list = cinder.call(&op).await.unwrap();
        assert!(list.is_empty(), "{list:?}");
    }
    let err = cinder
        .call(&clusters::get(&cloud::unique("cluster"), None))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = cinder
        .call(&clusters::enable(
            &cloud::unique("cluster"),
            "cinder-volume",
        ))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // A cleanup that matches no service cleans nothing.
    let none = cinder
        .call(&workers::cleanup(&Cleanup {
            host: Some(nohost),
            is_up: Some(false),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert!(
        none.cleaning.is_empty() && none.unavailable.is_empty(),
        "{none:?}"
    );
    assert!(none.extra.is_empty(), "{none:?}");
}
