//! Against the REAL Cinder of the local cloud (fake backend): a volume transfer created
//! by the demo user, read, listed and cancelled on both routes, then created again and
//! accepted by the admin's project. Everything is deleted, even when an assertion fails.

use ferrocloud::block_storage::actions::{self, ResetStatus};
use ferrocloud::block_storage::transfers::{self, CreateTransfer, ListTransfers, Route};
use ferrocloud::block_storage::volumes::{self, CreateVolume, VolumeStatus};
use ferrocloud::{Service, Wait};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;

use crate::support::{self, catching, project_and_user, unwind};

type Cinder = Service<HyperTransport>;

fn wait() -> Wait {
    support::wait(120)
}

fn status(e: &ferrocloud::Error) -> Option<u16> {
    e.status().map(|s| s.as_u16())
}

/// A new 1 GiB volume of `cinder`'s project, once available.
async fn new_volume(cinder: &Cinder, what: &str) -> String {
    let vol = cinder
        .call(&volumes::create(&CreateVolume {
            size: Some(1),
            name: Some(cloud::unique(what)),
            ..Default::default()
        }))
        .await
        .expect("create volume");
    vol.id
}

async fn available(cinder: &Cinder, id: &str) -> volumes::Volume {
    cinder
        .wait_for_status(
            &volumes::get(id),
            &[VolumeStatus::Available],
            &[VolumeStatus::Error],
            wait(),
        )
        .await
        .expect("volume becomes available")
}

/// Deletes volume `id` with whichever of `services` still owns it.
async fn delete_volume(services: &[&Cinder], id: &str) {
    for cinder in services {
        if cinder.call(&volumes::get(id)).await.is_err() {
            continue;
        }
        if cinder.call(&volumes::delete(id, true)).await.is_err() {
            let _ = cinder
                .call(&actions::reset_status(
                    id,
                    &ResetStatus {
                        status: Some("available".into()),
                        ..Default::default()
                    },
                ))
                .await;
            let _ = cinder.call(&actions::force_delete(id)).await;
        }
        let _ = cinder.wait_for_deleted(&volumes::get(id), wait()).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_transfer_to_another_project() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let cinder = admin.block_storage();
    let demo_cinder = demo.block_storage();
    let (demo_project, _) = project_and_user(&demo).await;
    let (admin_project, _) = project_and_user(&admin).await;
    assert_ne!(demo_project, admin_project);

    let vol = new_volume(&demo_cinder, "xfer").await;
    let mut pending: Vec<(Route, String)> = Vec::new();
    let outcome = catching(async {
        available(&demo_cinder, &vol).await;
        let route = Route::VolumeTransfers;
        let name = cloud::unique("xfer");
        let t = demo_cinder
            .call(&transfers::create(
                route,
                &CreateTransfer {
                    volume_id: vol.clone(),
                    name: Some(name.clone()),
                    no_snapshots: Some(true),
                },
            ))
            .await
            .expect("create transfer");
        pending.push((route, t.id.clone()));
        assert!(t.extra.is_empty(), "{:?}", t.extra);
        assert_eq!(t.name.as_deref(), Some(name.as_str()));
        assert_eq!(t.volume_id.as_deref(), Some(vol.as_str()));
        assert!(t.auth_key.as_deref().is_some_and(|k| !k.is_empty()));
        assert_eq!(t.no_snapshots, Some(true));
        assert_eq!(t.accepted, Some(false));
        assert_eq!(t.source_project_id.as_deref(), Some(demo_project.as_str()));
        assert!(t.destination_project_id.is_none());
        assert_eq!(
            demo_cinder.call(&volumes::get(&vol)).await.unwrap().status,
            VolumeStatus::AwaitingTransfer
        );

        // Read on both routes; the old one knows nothing of 3.55+ fields.
        let got = demo_cinder
            .call(&transfers::get(route, &t.id))
            .await
            .unwrap();
        assert!(got.auth_key.is_none() && got.created_at.is_some());
        assert_eq!(got.no_snapshots, Some(true));
        let old = demo_cinder
            .call(&transfers::get(Route::OsVolumeTransfer, &t.id))
            .await
            .unwrap();
        assert_eq!(old.volume_id, got.volume_id);
        assert!(old.accepted.is_none(), "{old:?}");
        let all = ListTransfers::default();
        let listed = demo_cinder
            .collect_all(transfers::list(route, &all))
            .await
            .unwrap();
        let mine = listed.iter().find(|x| x.id == t.id).expect("listed");
        assert!(mine.created_at.is_none());
        let detailed = demo_cinder
            .collect_all(transfers::list_detail(Route::OsVolumeTransfer, &all))
            .await
            .unwrap();
        let mine = detailed.iter().find(|x| x.id == t.id).expect("detailed");
        assert!(mine.created_at.is_some());

        // A wrong key is refused; cancelling gives the volume back.
        let wrong = cinder
            .call(&transfers::accept(route, &t.id, "0000000000000000"))
            .await
            .expect_err("a wrong key");
        assert_eq!(status(&wrong), Some(400), "{wrong}");
        demo_cinder
            .call(&transfers::delete(route, &t.id))
            .await
            .unwrap();
        pending.clear();
        let gone = demo_cinder
            .call(&transfers::get(route, &t.id))
            .await
            .expect_err("cancelled");
        assert_eq!(status(&gone), Some(404));
        available(&demo_cinder, &vol).await;

        // Again on the old route, accepted by the admin's project.
        let t = demo_cinder
            .call(&transfers::create(
                Route::OsVolumeTransfer,
                &CreateTransfer {
                    volume_id: vol.clone(),
                    name: Some(name.clone()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        pending.push((Route::OsVolumeTransfer, t.id.clone()));
        let key = t.auth_key.clone().expect("key");
        let done = cinder
            .call(&transfers::accept(Route::VolumeTransfers, &t.id, &key))
            .await
            .expect("accept");
        pending.clear();
        assert_eq!(done.id, t.id);
        assert_eq!(done.volume_id.as_deref(), Some(vol.as_str()));
        let now = available(&cinder, &vol).await;
        assert_eq!(now.tenant_id.as_deref(), Some(admin_project.as_str()));
        let lost = demo_cinder
            .call(&volumes::get(&vol))
            .await
            .expect_err("no longer demo's");
        assert_eq!(status(&lost), Some(404));
    })
    .await;
    for (route, id) in &pending {
        let _ = demo_cinder.call(&transfers::delete(*route, id)).await;
    }
    delete_volume(&[&demo_cinder, &cinder], &vol).await;
    unwind(outcome);
}
