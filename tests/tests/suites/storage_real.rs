//! Against the REAL Cinder of the local cloud (fake backend): volumes, metadata,
//! actions, snapshots, paging, the project-id-less endpoint; cleanup even on failure.

use std::sync::{Arc, Mutex};

use ferrocloud::block_storage::actions::{self, Attach, Detach, ResetStatus, Retype};
use ferrocloud::block_storage::snapshots::{self, CreateSnapshot, UpdateSnapshot};
use ferrocloud::block_storage::volumes::{
    self, CreateVolume, ListVolumes, UpdateVolume, VolumeStatus,
};
use ferrocloud::block_storage::{self as bs, ListFilter};
use ferrocloud::{EndpointOpts, Patch, Service, Wait};
use ferrocloud::{ListCommon, Metadata};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;

use crate::support::{self, guarded, md};

type Cinder = Service<HyperTransport>;

fn wait() -> Wait {
    support::wait(120)
}

/// What a test created, deleted at the end whatever happened.
#[derive(Default)]
struct Created {
    volumes: Mutex<Vec<String>>,
    snapshots: Mutex<Vec<String>>,
}

impl Created {
    fn volume(&self, id: &str) {
        self.volumes.lock().unwrap().push(id.to_owned());
    }
    fn snapshot(&self, id: &str) {
        self.snapshots.lock().unwrap().push(id.to_owned());
    }
    async fn cleanup(&self, cinder: &Cinder) {
        let snaps = self.snapshots.lock().unwrap().clone();
        for id in snaps {
            if cinder.call(&snapshots::delete(&id)).await.is_err() {
                let _ = cinder.call(&snapshots::force_delete(&id)).await;
            }
            let _ = cinder.wait_for_deleted(&snapshots::get(&id), wait()).await;
        }
        let vols = self.volumes.lock().unwrap().clone();
        for id in vols {
            let _ = cinder
                .call(&actions::reset_status(
                    &id,
                    &ResetStatus {
                        status: Some("available".into()),
                        attach_status: Some("detached".into()),
                        ..Default::default()
                    },
                ))
                .await;
            if cinder.call(&volumes::delete(&id, true)).await.is_err() {
                let _ = cinder.call(&actions::force_delete(&id)).await;
            }
            let _ = cinder.wait_for_deleted(&volumes::get(&id), wait()).await;
        }
    }
}

async fn with_cleanup<F, Fut>(cinder: &Cinder, body: F)
where
    F: FnOnce(Cinder, Arc<Created>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let created = Arc::new(Created::default());
    guarded(
        body(cinder.clone(), created.clone()),
        created.cleanup(cinder),
    )
    .await
}

async fn new_volume(
    cinder: &Cinder,
    created: &Created,
    name: &str,
    metadata: Metadata,
) -> volumes::Volume {
    let vol = cinder
        .call(&volumes::create(&CreateVolume {
            size: Some(1),
            name: Some(name.into()),
            description: Some("ferrocloud test".into()),
            metadata,
            ..Default::default()
        }))
        .await
        .expect("create volume");
    created.volume(&vol.id);
    cinder
        .wait_for_status(
            &volumes::get(&vol.id),
            &[volumes::VolumeStatus::Available],
            &[volumes::VolumeStatus::Error],
            wait(),
        )
        .await
        .expect("volume becomes available")
}

async fn status_of(cinder: &Cinder, id: &str) -> VolumeStatus {
    cinder.call(&volumes::get(id)).await.unwrap().status
}

#[tokio::test(flavor = "multi_thread")]
async fn volume_lifecycle_actions_and_snapshots() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    with_cleanup(&cinder, |cinder, created| async move {
        let name = cloud::unique("vol");
        let vol = new_volume(&cinder, &created, &name, md(&[("origin", "ferrocloud")])).await;
        assert_eq!(vol.name.as_deref(), Some(name.as_str()));
        assert_eq!(vol.size, 1);
        assert_eq!(vol.metadata["origin"], "ferrocloud");
        let id = vol.id.clone();

        // Extend.
        cinder.call(&actions::extend(&id, 2)).await.expect("extend");
        let vol = cinder
            .wait_for_status(
                &volumes::get(&id),
                &[volumes::VolumeStatus::Available],
                &[
                    volumes::VolumeStatus::Error,
                    volumes::VolumeStatus::ErrorExtending,
                ],
                wait(),
            )
            .await
            .unwrap();
        assert_eq!(vol.size, 2);

        // Update with the tri-state.
        let vol = cinder
            .call(&volumes::update(
                &id,
                &UpdateVolume {
                    description: Patch::Null,
                    name: Patch::Set(format!("{name}-renamed")),
                    metadata: None,
                },
            ))
            .await
            .expect("update");
        assert_eq!(
            vol.name.as_deref(),
            Some(format!("{name}-renamed").as_str())
        );
        assert_eq!(vol.description, None);

        // Metadata CRUD.
        let m = cinder
            .call(&volumes::METADATA.merge(&id, &md(&[("a", "1")])))
            .await
            .unwrap();
        assert_eq!(m, md(&[("a", "1"), ("origin", "ferrocloud")]));
        let item = cinder
            .call(&volumes::METADATA.set_key(&id, "b", "2"))
            .await
            .unwrap();
        assert_eq!((item.key.as_str(), item.value.as_str()), ("b", "2"));
        assert_eq!(
            cinder
                .call(&volumes::METADATA.get_key(&id, "a"))
                .await
                .unwrap()
                .value,
            "1"
        );
        let m = cinder
            .call(&volumes::METADATA.replace(&id, &md(&[("c", "3")])))
            .await
            .unwrap();
        assert_eq!(m, md(&[("c", "3")]));
        cinder
            .call(&volumes::METADATA.delete_key(&id, "c"))
            .await
            .unwrap();
        assert!(cinder
            .call(&volumes::METADATA.get(&id))
            .await
            .unwrap()
            .is_empty());
        let err = cinder
            .call(&volumes::METADATA.get_key(&id, "c"))
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err}");

        // Flags and image metadata.
        cinder
            .call(&actions::set_bootable(&id, true))
            .await
            .expect("set bootable");
        assert_eq!(
            cinder.call(&volumes::get(&id)).await.unwrap().bootable,
            Some(true)
        );
        cinder
            .call(&actions::set_readonly(&id, true))
            .await
            .expect("set readonly");
        cinder
            .call(&actions::set_readonly(&id, false))
            .await
            .expect("unset readonly");
        let im = cinder
            .call(&actions::set_image_metadata(
                &id,
                &md(&[("os_distro", "cirros"), ("hw_rng", "yes")]),
            ))
            .await
            .expect("set image metadata");
        assert_eq!(im.get("os_distro").map(String::as_str), Some("cirros"));
        let shown = cinder
            .call(&actions::show_image_metadata(&id))
            .await
            .unwrap();
        assert_eq!(shown.get("os_distro").map(String::as_str), Some("cirros"));
        cinder
            .call(&actions::unset_image_metadata(&id, "os_distro"))
            .await
            .expect("unset image metadata");
        assert_eq!(
            cinder
                .call(&actions::show_image_metadata(&id))
                .await
                .unwrap(),
            md(&[("hw_rng", "yes")])
        );
        cinder
            .call(&actions::unset_image_metadata(&id, "hw_rng"))
            .await
            .unwrap();
        // With none left, Cinder answers 404 "Glance metadata … cannot be found".
        let err = cinder
            .call(&actions::show_image_metadata(&id))
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err}");

        // Reserve / attach / detaching states / detach.
        cinder.call(&actions::reserve(&id)).await.expect("reserve");
        assert_eq!(status_of(&cinder, &id).await, VolumeStatus::Attaching);
        cinder
            .call(&actions::unreserve(&id))
            .await
            .expect("unreserve");
        assert_eq!(status_of(&cinder, &id).await, VolumeStatus::Available);
        cinder.call(&actions::reserve(&id)).await.unwrap();
        let server = "95d9ef50-507d-11e5-b970-0800200c9a66";
        cinder
            .call(&actions::attach(
                &id,
                &Attach {
                    instance_uuid: Some(server.into()),
                    mountpoint: "/dev/vdc".into(),
                    ..Default::default()
                },
            ))
            .await
            .expect("attach");
        let vol = cinder
            .wait_for_status(
                &volumes::get(&id),
                &[volumes::VolumeStatus::InUse],
                &[
                    volumes::VolumeStatus::Error,
                    volumes::VolumeStatus::Available,
                ],
                wait(),
            )
            .await
            .unwrap();
        assert_eq!(vol.attachments.len(), 1);
        assert_eq!(vol.attachments[0].server_id.as_deref(), Some(server));
        let attachment_id = vol.attachments[0].attachment_id.clone();
        cinder
            .call(&actions::begin_detaching(&id))
            .await
            .expect("begin detaching");
        assert_eq!(status_of(&cinder, &id).await, VolumeStatus::Detaching);
        cinder
            .call(&actions::roll_detaching(&id))
            .await
            .expect("roll detaching");
        assert_eq!(status_of(&cinder, &id).await, VolumeStatus::InUse);
        // Extending an attached volume is refused by this release without a Nova event:
        // whatever it answers, a refusal must be a typed HTTP error.
        cinder
            .call(&actions::detach(&id, &Detach { attachment_id }))
            .await
            .expect("detach");
        cinder
            .wait_for_status(
                &volumes::get(&id),
                &[volumes::VolumeStatus::Available],
                &[volumes::VolumeStatus::Error],
                wait(),
            )
            .await
            .unwrap();

        // Actions the state or backend refuses: typed errors from the server.
        let err = cinder
            .call(&actions::begin_detaching(&id))
            .await
            .unwrap_err();
        assert!(
            err.is_bad_request(),
            "begin_detaching on an available volume: {err}"
        );
        let err = cinder
            .call(&actions::retype(
                &id,
                &Retype {
                    new_type: cloud::unique("no-such-type"),
                    migration_policy: None,
                },
            ))
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "retype to a missing type: {err}");
        let err = cinder.call(&actions::extend(&id, 1)).await.unwrap_err();
        assert!(err.is_bad_request(), "shrink: {err}");
        let err = cinder
            .clone()
            .microversion("3.68")
            .call(&actions::reimage(
                &id,
                "00000000-0000-0000-0000-000000000000",
                false,
            ))
            .await
            .unwrap_err();
        assert!(
            err.is_not_found() || err.is_bad_request(),
            "reimage from a missing image: {err}"
        );
        let err = cinder
            .clone()
            .microversion("3.71")
            .call(&actions::extend_volume_completion(&id, false))
            .await
            .unwrap_err();
        assert!(
            err.is_bad_request(),
            "extend completion while not extending: {err}"
        );

        // Admin status reset.
        cinder
            .call(&actions::reset_status(
                &id,
                &ResetStatus {
                    status: Some("error".into()),
                    ..Default::default()
                },
            ))
            .await
            .expect("reset status");
        assert_eq!(status_of(&cinder, &id).await, VolumeStatus::Error);
        cinder
            .call(&actions::reset_status(
                &id,
                &ResetStatus {
                    status: Some("available".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();

        // Snapshots.
        let snap = cinder
            .call(&snapshots::create(&CreateSnapshot {
                volume_id: id.clone(),
                name: Some(cloud::unique("snap")),
                metadata: md(&[("k", "v")]),
                ..Default::default()
            }))
            .await
            .expect("create snapshot");
        created.snapshot(&snap.id);
        let snap = cinder
            .wait_for_status(
                &snapshots::get(&snap.id),
                &[snapshots::SnapshotStatus::Available],
                &[snapshots::SnapshotStatus::Error],
                wait(),
            )
            .await
            .expect("snapshot available");
        assert_eq!(snap.volume_id.as_deref(), Some(id.as_str()));
        assert_eq!(snap.size, 2);
        let snap = cinder
            .call(&snapshots::update(
                &snap.id,
                &UpdateSnapshot {
                    description: Patch::Set("nightly".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(snap.description.as_deref(), Some("nightly"));
        let m = cinder
            .call(&snapshots::METADATA.merge(&snap.id, &md(&[("k2", "v2")])))
            .await
            .unwrap();
        assert_eq!(m, md(&[("k", "v"), ("k2", "v2")]));
        let m = cinder
            .call(&snapshots::METADATA.replace(&snap.id, &md(&[("only", "1")])))
            .await
            .unwrap();
        assert_eq!(m, md(&[("only", "1")]));
        assert_eq!(
            cinder
                .call(&snapshots::METADATA.get_key(&snap.id, "only"))
                .await
                .unwrap()
                .value,
            "1"
        );
        cinder
            .call(&snapshots::METADATA.delete_key(&snap.id, "only"))
            .await
            .unwrap();
        assert!(cinder
            .call(&snapshots::METADATA.get(&snap.id))
            .await
            .unwrap()
            .is_empty());
        let listed = cinder
            .collect_all(snapshots::list_detail(&snapshots::ListSnapshots {
                volume_id: Some(id.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(
            listed.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            [snap.id.as_str()]
        );
        cinder
            .call(&snapshots::reset_status(&snap.id, "error"))
            .await
            .expect("snapshot reset status");
        assert_eq!(
            cinder.call(&snapshots::get(&snap.id)).await.unwrap().status,
            snapshots::SnapshotStatus::Error
        );
        cinder
            .call(&snapshots::reset_status(&snap.id, "available"))
            .await
            .unwrap();
        // update_status is for snapshots being created or deleted only.
        let err = cinder
            .call(&snapshots::update_status(&snap.id, "creating", Some("50%")))
            .await
            .unwrap_err();
        assert!(
            err.is_bad_request() || err.is_forbidden(),
            "update_status on an available snapshot: {err}"
        );

        // Revert to the latest snapshot (3.40).
        let reverted = cinder
            .clone()
            .microversion("3.40")
            .call(&actions::revert_to_snapshot(&id, &snap.id))
            .await;
        match reverted {
            Ok(()) => {
                cinder
                    .wait_for_status(
                        &volumes::get(&id),
                        &[volumes::VolumeStatus::Available],
                        &[volumes::VolumeStatus::Error],
                        wait(),
                    )
                    .await
                    .unwrap();
            }
            Err(e) => assert!(e.is_bad_request() || e.is_conflict(), "revert: {e}"),
        }

        // A volume with a snapshot cannot be deleted without cascade.
        let err = cinder.call(&volumes::delete(&id, false)).await.unwrap_err();
        assert!(err.is_bad_request(), "delete with snapshots: {err}");
        cinder
            .call(&snapshots::delete(&snap.id))
            .await
            .expect("delete snapshot");
        cinder
            .wait_for_deleted(&snapshots::get(&snap.id), wait())
            .await
            .unwrap();
        cinder
            .call(&volumes::delete(&id, false))
            .await
            .expect("delete volume");
        cinder
            .wait_for_deleted(&volumes::get(&id), wait())
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn paging_filters_and_project_less_endpoint() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    with_cleanup(&cinder, |cinder, created| async move {
        let tag = cloud::unique("page");
        let mut ids = Vec::new();
        for i in 0..3 {
            ids.push(
                new_volume(
                    &cinder,
                    &created,
                    &format!("{tag}-{i}"),
                    md(&[("batch", &tag)]),
                )
                .await
                .id,
            );
        }
        ids.sort();
        let filter = |limit| ListVolumes {
            filter: ListFilter {
                metadata: md(&[("batch", &tag)]),
                ..Default::default()
            },
            common: ListCommon {
                limit: Some(limit),
                sort: vec![("name".into(), ferrocloud::SortDir::Asc)],
                ..Default::default()
            },
            ..Default::default()
        };
        // Linked paging through volumes_links, two per page.
        let pages: Vec<_> = futures::TryStreamExt::try_collect::<Vec<_>>(
            cinder.pages(volumes::list_detail(&filter(2))),
        )
        .await
        .unwrap();
        assert_eq!(pages.len(), 2, "3 volumes at 2 per page");
        assert!(pages[0].next.is_some());
        let names: Vec<String> = pages
            .iter()
            .flat_map(|p| p.items.iter().map(|v| v.name.clone().unwrap()))
            .collect();
        assert_eq!(
            names,
            (0..3).map(|i| format!("{tag}-{i}")).collect::<Vec<_>>()
        );
        let mut listed: Vec<String> = cinder
            .collect_all(volumes::list(&filter(1)))
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.id)
            .collect();
        listed.sort();
        assert_eq!(listed, ids);

        // with_count (3.45).
        let page = cinder
            .clone()
            .microversion("3.45")
            .call(&volumes::list_detail_page(&ListVolumes {
                filter: ListFilter {
                    with_count: true,
                    ..filter(1).filter
                },
                ..filter(1)
            }))
            .await
            .unwrap();
        assert_eq!((page.volumes.len(), page.count), (1, Some(3)));

        // Summary (3.12).
        let sum = cinder
            .clone()
            .microversion("3.12")
            .call(&volumes::summary(false))
            .await
            .unwrap();
        assert!(sum.total_count >= 3);

        // The volumev3 endpoint carries the project id; 3.67 serves it without.
        let with_project = admin.block_storage().endpoint_opts(EndpointOpts {
            name: Some("cinderv3".into()),
            ..Default::default()
        });
        let url = with_project
            .service_client()
            .await
            .unwrap()
            .base_url()
            .to_owned();
        let project = admin
            .token()
            .await
            .unwrap()
            .info
            .project
            .clone()
            .unwrap()
            .id;
        assert!(url.trim_end_matches('/').ends_with(&project), "{url}");
        assert_eq!(
            with_project.call(&volumes::get(&ids[0])).await.unwrap().id,
            ids[0]
        );
        let bare = admin
            .block_storage()
            .microversion("3.67")
            .endpoint_override(bs::project_less(&url).unwrap());
        assert!(!bare
            .service_client()
            .await
            .unwrap()
            .base_url()
            .contains(&project));
        assert_eq!(bare.call(&volumes::get(&ids[1])).await.unwrap().id, ids[1]);

        // The demo project sees none of admin's volumes, and cannot reset a status.
        let demo = cloud::demo();
        let err = demo
            .block_storage()
            .call(&volumes::get(&ids[0]))
            .await
            .unwrap_err();
        assert!(err.is_not_found(), "{err}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_and_upload_to_image() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let glance = admin.image();
    with_cleanup(&cinder, |cinder, created| async move {
        let vol = new_volume(&cinder, &created, &cloud::unique("conn"), Metadata::new()).await;

        // The fake backend answers connections like an iSCSI driver.
        let connector = actions::Connector {
            host: Some("ferro-host".into()),
            ip: Some("127.0.0.1".into()),
            initiator: Some("iqn.1994-05.com.redhat:ferrocloud".into()),
            platform: Some("x86_64".into()),
            os_type: Some("linux2".into()),
            multipath: Some(false),
            do_local_attach: Some(false),
            ..Default::default()
        };
        let info = cinder
            .call(&actions::initialize_connection(&vol.id, &connector))
            .await
            .expect("initialize connection");
        assert!(
            info.get("driver_volume_type")
                .and_then(|v| v.as_str())
                .is_some(),
            "{info}"
        );
        assert!(info.get("data").is_some_and(|d| d.is_object()), "{info}");
        cinder
            .call(&actions::terminate_connection(&vol.id, &connector))
            .await
            .expect("terminate connection");

        // Upload to an image: Cinder accepts (202) and creates the Glance image; the fake
        // backend cannot copy the data, so the volume returns to `available` and the
        // image never becomes active.
        let up = cinder
            .call(&actions::upload_to_image(
                &vol.id,
                &actions::UploadImage {
                    image_name: cloud::unique("from-vol"),
                    force: false,
                    disk_format: Some("raw".into()),
                    container_format: Some("bare".into()),
                    ..Default::default()
                },
            ))
            .await
            .expect("upload to image");
        let image_id = up.image_id.clone().expect("image id");
        assert_eq!(up.id.as_deref(), Some(vol.id.as_str()));
        assert_eq!(up.status.as_deref(), Some("uploading"));
        let back = cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[volumes::VolumeStatus::Available],
                &[volumes::VolumeStatus::Error],
                wait(),
            )
            .await;
        let image = glance
            .call(&ferrocloud::image::images::get(&image_id))
            .await;
        let _ = glance
            .call(&ferrocloud::image::images::delete(&image_id))
            .await;
        back.expect("the volume is available again");
        match image {
            Ok(img) => assert_ne!(
                img.status,
                ferrocloud::image::images::ImageStatus::Active,
                "no data was copied"
            ),
            Err(e) => assert!(e.is_not_found(), "{e}"),
        }
    })
    .await;
}
