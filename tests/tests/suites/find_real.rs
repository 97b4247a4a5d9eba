//! `Service::find` against the real cloud: one resource by id or exact name, a typed
//! error for none and for several (listing their ids), for Neutron, Glance, Cinder and
//! Keystone. (Nova servers and flavors: `compute_real`.)

use ferrocloud::block_storage::volumes::{self, CreateVolume};
use ferrocloud::identity::v3::projects;
use ferrocloud::image::images::{self, CreateImage};
use ferrocloud::network::networks::{self, CreateNetwork};
use ferrocloud::{Error, FindError};
use ferrocloud_tests::cloud;

use crate::support::{guarded, s};

#[tokio::test(flavor = "multi_thread")]
async fn networks_by_id_by_name_none_and_several() {
    let demo = cloud::demo();
    let neutron = demo.network();
    let name = cloud::unique("find");
    let mut ids = Vec::new();
    for n in [name.clone(), name.clone(), format!("{name}-other")] {
        let net = neutron
            .call(&networks::create(&CreateNetwork {
                name: Some(n),
                ..Default::default()
            }))
            .await
            .expect("network");
        ids.push(net.id);
    }
    let cleanup_ids = ids.clone();
    let cleanup = async {
        for id in &cleanup_ids {
            let _ = neutron.call(&networks::delete(id)).await;
        }
    };
    guarded(
        async {
            let other = neutron
                .find(networks::find(&format!("{name}-other")))
                .await
                .unwrap();
            assert_eq!(other.id, ids[2]);
            let by_id = neutron.find(networks::find(&ids[0])).await.unwrap();
            assert_eq!(by_id.name, name);

            let err = neutron.find(networks::find(&name)).await.unwrap_err();
            let Error::Find(e) = &err else {
                panic!("{err}")
            };
            let FindError::Ambiguous { ids: found, .. } = &**e else {
                panic!("{err}")
            };
            let mut found = found.clone();
            found.sort();
            let mut want = ids[..2].to_vec();
            want.sort();
            assert_eq!(found, want);
            assert!(!err.is_not_found());
            assert!(err.to_string().contains("use an id"), "{err}");

            // A prefix of a name is no match (Neutron's filter is exact; so is `find`).
            let err = neutron
                .find(networks::find(&name[..name.len() - 1]))
                .await
                .unwrap_err();
            assert!(err.is_not_found(), "{err}");
        },
        cleanup,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn images_volumes_and_projects_by_name() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let name = cloud::unique("find");

    let glance = demo.image();
    let image = glance
        .call(&images::create(&CreateImage {
            name: Some(name.clone()),
            disk_format: s("raw"),
            container_format: s("bare"),
            ..Default::default()
        }))
        .await
        .expect("image");
    let cinder = demo.block_storage();
    let volume = cinder
        .call(&volumes::create(&CreateVolume {
            name: Some(name.clone()),
            size: Some(1),
            ..Default::default()
        }))
        .await;
    let cleanup = async {
        let _ = glance.call(&images::delete(&image.id)).await;
        if let Ok(v) = &volume {
            let _ = cinder
                .wait_for_status(
                    &volumes::get(&v.id),
                    &[
                        volumes::VolumeStatus::Available,
                        volumes::VolumeStatus::Error,
                    ],
                    &[],
                    crate::support::wait(60),
                )
                .await;
            let _ = cinder.call(&volumes::delete(&v.id, false)).await;
        }
    };
    guarded(
        async {
            let found = glance.find(images::find(&name)).await.unwrap();
            assert_eq!(found.id, image.id);
            let v = volume.as_ref().expect("volume");
            let found = cinder.find(volumes::find(&name)).await.unwrap();
            assert_eq!(found.id, v.id);
            let err = cinder
                .find(volumes::find(&format!("{name}-missing")))
                .await
                .unwrap_err();
            assert!(err.is_not_found(), "{err}");

            let keystone = admin.identity();
            let by_name = keystone.find(projects::find("demo")).await.unwrap();
            let by_id = keystone.find(projects::find(&by_name.id)).await.unwrap();
            assert_eq!(
                (by_id.name.as_str(), by_name.name.as_str()),
                ("demo", "demo")
            );
        },
        cleanup,
    )
    .await;
}
