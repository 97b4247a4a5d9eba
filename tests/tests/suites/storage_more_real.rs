//! Against the REAL Cinder of the local cloud (fake backend): a volume transfer created
//! by the demo user, read, listed and cancelled on both routes, then created again and
//! accepted by the admin's project; an attachment reserved, connected, completed and
//! deleted without Nova; a QoS spec changed and associated with a volume type; quota
//! classes read, changed and restored; the user message of a volume that failed to
//! schedule; a group type with its group specs; a volume group created, renamed and
//! deleted. Everything is deleted, even when an assertion fails.

use ferrocloud::block_storage::actions::{self, Connector, ResetStatus};
use ferrocloud::block_storage::attachments::{
    self, AttachmentStatus, CreateAttachment, ListAttachments,
};
use ferrocloud::block_storage::group_types::{
    self, CreateGroupType, ListGroupTypes, UpdateGroupType,
};
use ferrocloud::block_storage::groups::{self, CreateGroup, GroupStatus, ListGroups, UpdateGroup};
use ferrocloud::block_storage::messages::{self, ListMessages, MessageLevel};
use ferrocloud::block_storage::qos_specs::{self, Consumer, CreateQosSpec, ListQosSpecs};
use ferrocloud::block_storage::quota_classes;
use ferrocloud::block_storage::quota_sets::UpdateQuotaSet;
use ferrocloud::block_storage::transfers::{self, CreateTransfer, ListTransfers, Route};
use ferrocloud::block_storage::volume_types::{self, CreateVolumeType};
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

/// An attachment made without Nova: reserved with no connector, given a connector (the
/// fake back end answers a connection), completed (the volume is in use), listed and
/// deleted (the volume is available again).
#[tokio::test(flavor = "multi_thread")]
async fn storage_attachment_lifecycle() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let vol = new_volume(&cinder, "attach").await;
    let instance = fake_uuid();
    let mut made: Option<String> = None;
    let outcome = catching(async {
        available(&cinder, &vol).await;
        let a = cinder
            .call(&attachments::create(&CreateAttachment {
                volume_uuid: vol.clone(),
                instance_uuid: Some(instance.clone()),
                ..Default::default()
            }))
            .await
            .expect("create attachment");
        made = Some(a.id.clone());
        assert!(a.extra.is_empty(), "{:?}", a.extra);
        assert_eq!(a.status, AttachmentStatus::Reserved);
        assert_eq!(a.instance.as_deref(), Some(instance.as_str()));
        assert_eq!(a.volume_id.as_deref(), Some(vol.as_str()));
        assert_eq!(
            cinder.call(&volumes::get(&vol)).await.unwrap().status,
            VolumeStatus::Reserved
        );

        let mine = ListAttachments {
            volume_id: Some(vol.clone()),
            ..Default::default()
        };
        let listed = cinder.collect_all(attachments::list(&mine)).await.unwrap();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].id, a.id);
        assert!(listed[0].attach_mode.is_none(), "a summary");
        let by_instance = cinder
            .collect_all(attachments::list_detail(&ListAttachments {
                instance_id: Some(instance.clone()),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert_eq!(by_instance.len(), 1);
        assert_eq!(by_instance[0].id, a.id);

        let connector = Connector {
            host: Some("ferrocloud-host".into()),
            ip: Some("127.0.0.1".into()),
            initiator: Some("iqn.2026-12.org.ferrocloud:test".into()),
            platform: Some("x86_64".into()),
            os_type: Some("linux".into()),
            multipath: Some(false),
            ..Default::default()
        };
        let updated = cinder
            .call(&attachments::update(&a.id, &connector))
            .await
            .expect("update with a connector");
        assert_eq!(updated.id, a.id);
        // Cinder 29 still answers `reserved` here (the sample shows `attaching`).
        assert!(
            matches!(
                updated.status,
                AttachmentStatus::Reserved | AttachmentStatus::Attaching
            ),
            "{:?}",
            updated.status
        );
        assert!(
            updated
                .connection_info
                .as_ref()
                .is_some_and(|c| c.driver_volume_type().is_some()),
            "{:?}",
            updated.connection_info
        );
        cinder.call(&attachments::complete(&a.id)).await.unwrap();
        let done = cinder.call(&attachments::get(&a.id)).await.unwrap();
        assert_eq!(done.status, AttachmentStatus::Attached);
        assert!(done.attached_at.is_some());
        assert_eq!(
            cinder.call(&volumes::get(&vol)).await.unwrap().status,
            VolumeStatus::InUse
        );

        cinder.call(&attachments::delete(&a.id)).await.unwrap();
        made = None;
        let gone = cinder
            .call(&attachments::get(&a.id))
            .await
            .expect_err("deleted");
        assert_eq!(status(&gone), Some(404));
        available(&cinder, &vol).await;
    })
    .await;
    if let Some(id) = &made {
        let _ = cinder.call(&attachments::delete(id)).await;
    }
    delete_volume(&[&cinder], &vol).await;
    unwind(outcome);
}

/// A QoS spec created, read, listed, changed key by key, associated with a new volume
/// type and disassociated (one and all), then deleted with the type.
#[tokio::test(flavor = "multi_thread")]
async fn storage_qos_specs_with_a_type() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let name = cloud::unique("qos");
    let spec = cinder
        .call(&qos_specs::create(&CreateQosSpec {
            name: name.clone(),
            consumer: Some(Consumer::FrontEnd),
            specs: specs(&[("total_iops_sec", "500"), ("read_bytes_sec", "1000")]),
        }))
        .await
        .expect("create QoS spec");
    let vtype = cinder
        .call(&volume_types::create(&CreateVolumeType {
            name: cloud::unique("qostype"),
            ..Default::default()
        }))
        .await;
    let outcome = catching(async {
        let vtype = vtype.as_ref().expect("create volume type");
        assert!(spec.extra.is_empty(), "{:?}", spec.extra);
        assert_eq!(spec.name, name);
        assert_eq!(spec.consumer, Some(Consumer::FrontEnd));
        assert_eq!(
            spec.specs,
            specs(&[("total_iops_sec", "500"), ("read_bytes_sec", "1000")])
        );
        let got = cinder.call(&qos_specs::get(&spec.id)).await.unwrap();
        assert_eq!(got, spec);
        let all = cinder
            .collect_all(qos_specs::list(&ListQosSpecs::default()))
            .await
            .unwrap();
        assert!(all.iter().any(|q| q.id == spec.id));

        let set = cinder
            .call(&qos_specs::set_keys(
                &spec.id,
                &specs(&[("total_iops_sec", "800"), ("write_bytes_sec", "9")]),
            ))
            .await
            .unwrap();
        assert_eq!(
            set,
            specs(&[("total_iops_sec", "800"), ("write_bytes_sec", "9")])
        );
        cinder
            .call(&qos_specs::unset_keys(&spec.id, &["read_bytes_sec"]))
            .await
            .unwrap();
        let now = cinder.call(&qos_specs::get(&spec.id)).await.unwrap();
        assert_eq!(
            now.specs,
            specs(&[("total_iops_sec", "800"), ("write_bytes_sec", "9")])
        );

        assert!(cinder
            .call(&qos_specs::list_associations(&spec.id))
            .await
            .unwrap()
            .is_empty());
        cinder
            .call(&qos_specs::associate(&spec.id, &vtype.id))
            .await
            .unwrap();
        let assoc = cinder
            .call(&qos_specs::list_associations(&spec.id))
            .await
            .unwrap();
        assert_eq!(assoc.len(), 1, "{assoc:?}");
        assert_eq!(
            (assoc[0].association_type.as_str(), assoc[0].id.as_str()),
            ("volume_type", vtype.id.as_str())
        );
        assert_eq!(assoc[0].name, vtype.name);
        let typed = cinder.call(&volume_types::get(&vtype.id)).await.unwrap();
        assert_eq!(typed.qos_specs_id.as_deref(), Some(spec.id.as_str()));
        // Associated, it is not deleted without force.
        let busy = cinder
            .call(&qos_specs::delete(&spec.id, false))
            .await
            .expect_err("in use");
        assert_eq!(status(&busy), Some(400), "{busy}");
        cinder
            .call(&qos_specs::disassociate(&spec.id, &vtype.id))
            .await
            .unwrap();
        assert!(cinder
            .call(&qos_specs::list_associations(&spec.id))
            .await
            .unwrap()
            .is_empty());
        cinder
            .call(&qos_specs::associate(&spec.id, &vtype.id))
            .await
            .unwrap();
        cinder
            .call(&qos_specs::disassociate_all(&spec.id))
            .await
            .unwrap();
        assert!(cinder
            .call(&qos_specs::list_associations(&spec.id))
            .await
            .unwrap()
            .is_empty());
    })
    .await;
    let _ = cinder.call(&qos_specs::disassociate_all(&spec.id)).await;
    if let Ok(t) = &vtype {
        let _ = cinder.call(&volume_types::delete(&t.id)).await;
    }
    let deleted = cinder.call(&qos_specs::delete(&spec.id, true)).await;
    unwind(outcome);
    deleted.expect("delete QoS spec");
    let gone = cinder
        .call(&qos_specs::get(&spec.id))
        .await
        .expect_err("deleted");
    assert_eq!(status(&gone), Some(404));
}

fn specs(pairs: &[(&str, &str)]) -> qos_specs::Specs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A UUID no server has (Cinder does not ask Nova about an attachment's instance).
fn fake_uuid() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let h = format!("{:032x}", nanos ^ (u128::from(std::process::id()) << 64));
    format!(
        "{}-{}-4{}-8{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

/// The `default` quota class is read; a test class is changed (a total and a
/// per-volume-type limit), read back and restored to what it was.
#[tokio::test(flavor = "multi_thread")]
async fn storage_quota_class_read_change_restore() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let default = cinder.call(&quota_classes::get("default")).await.unwrap();
    assert_eq!(default.id.as_deref(), Some("default"));
    assert!(default.volumes.is_some() && default.gigabytes.is_some());
    assert!(default.of_type("volumes", "__DEFAULT__").is_some());

    // One fixed name: Cinder has no call to delete a class, so runs reuse it.
    let class = "ferrocloud-test";
    let before = cinder.call(&quota_classes::get(class)).await.unwrap();
    assert_eq!(before.id.as_deref(), Some(class));
    let old_volumes = before.volumes.expect("volumes");
    let old_typed = before
        .of_type("volumes", "__DEFAULT__")
        .expect("per-type volumes");
    let mut change = UpdateQuotaSet {
        volumes: Some(old_volumes + 7),
        ..Default::default()
    };
    change.set_for_type("volumes", "__DEFAULT__", old_typed + 3);
    let outcome = catching(async {
        let set = cinder
            .call(&quota_classes::update(class, &change))
            .await
            .unwrap();
        assert_eq!(set.volumes, Some(old_volumes + 7));
        assert!(set.id.is_none());
        let got = cinder.call(&quota_classes::get(class)).await.unwrap();
        assert_eq!(got.volumes, Some(old_volumes + 7));
        assert_eq!(got.of_type("volumes", "__DEFAULT__"), Some(old_typed + 3));
        let bad = UpdateQuotaSet {
            volumes: Some(-5),
            ..Default::default()
        };
        assert!(cinder
            .call(&quota_classes::update(class, &bad))
            .await
            .is_err());
    })
    .await;
    let mut restore = UpdateQuotaSet {
        volumes: Some(old_volumes),
        ..Default::default()
    };
    restore.set_for_type("volumes", "__DEFAULT__", old_typed);
    let restored = cinder.call(&quota_classes::update(class, &restore)).await;
    unwind(outcome);
    let restored = restored.expect("restore");
    assert_eq!(restored.volumes, Some(old_volumes));
    let after = cinder.call(&quota_classes::get(class)).await.unwrap();
    assert_eq!(after.volumes, before.volumes);
    assert_eq!(after.of_type("volumes", "__DEFAULT__"), Some(old_typed));
}

/// A volume of a type no back end serves fails to schedule; Cinder leaves a user message
/// about it, which is listed by resource, read and deleted.
#[tokio::test(flavor = "multi_thread")]
async fn storage_message_of_a_failed_volume() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let vtype = cinder
        .call(&volume_types::create(&CreateVolumeType {
            name: cloud::unique("nobackend"),
            is_public: Some(false),
            extra_specs: [(
                "volume_backend_name".to_string(),
                "ferrocloud-none".to_string(),
            )]
            .into(),
            ..Default::default()
        }))
        .await
        .expect("create type");
    let vol = cinder
        .call(&volumes::create(&CreateVolume {
            size: Some(1),
            name: Some(cloud::unique("unschedulable")),
            volume_type: Some(vtype.id.clone()),
            ..Default::default()
        }))
        .await;
    let outcome = catching(async {
        let vol = vol.as_ref().expect("create volume");
        cinder
            .wait_for_status(
                &volumes::get(&vol.id),
                &[VolumeStatus::Error],
                &[VolumeStatus::Available],
                wait(),
            )
            .await
            .expect("scheduling fails");
        let mine = ListMessages {
            resource_uuid: Some(vol.id.clone()),
            ..Default::default()
        };
        let found = support::poll("a message about the volume", wait(), || async {
            let l = cinder.collect_all(messages::list(&mine)).await.unwrap();
            (!l.is_empty()).then_some(l)
        })
        .await;
        assert_eq!(found.len(), 1, "{found:?}");
        let m = &found[0];
        assert!(m.extra.is_empty(), "{:?}", m.extra);
        assert_eq!(m.resource_type.as_deref(), Some("VOLUME"));
        assert_eq!(m.message_level, Some(MessageLevel::Error));
        assert!(!m.user_message.is_empty() && m.event_id.starts_with("VOLUME_"));
        let got = cinder.call(&messages::get(&m.id)).await.unwrap();
        assert_eq!(&got, m);
        let all = cinder
            .collect_all(messages::list(&ListMessages::default()))
            .await
            .unwrap();
        assert!(all.iter().any(|x| x.id == m.id));
        cinder.call(&messages::delete(&m.id)).await.unwrap();
        let gone = cinder
            .call(&messages::get(&m.id))
            .await
            .expect_err("deleted");
        assert_eq!(status(&gone), Some(404));
    })
    .await;
    if let Ok(v) = &vol {
        delete_volume(&[&cinder], &v.id).await;
    }
    let _ = cinder.call(&volume_types::delete(&vtype.id)).await;
    unwind(outcome);
}

/// A private group type: created with a spec, read, listed, renamed, its specs set, read,
/// changed and deleted key by key, then deleted.
#[tokio::test(flavor = "multi_thread")]
async fn storage_group_type_lifecycle() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let name = cloud::unique("grptype");
    let created = cinder
        .call(&group_types::create(&CreateGroupType {
            name: name.clone(),
            description: Some("ferrocloud test".into()),
            is_public: Some(false),
            group_specs: specs(&[("consistent_group_snapshot_enabled", "<is> False")]),
        }))
        .await
        .expect("create group type");
    let id = created.id.clone();
    let outcome = catching(async {
        assert!(created.extra.is_empty(), "{:?}", created.extra);
        assert_eq!(created.name, name);
        assert_eq!(created.is_public, Some(false));
        let got = cinder.call(&group_types::get(&id)).await.unwrap();
        assert_eq!(got.description.as_deref(), Some("ferrocloud test"));
        assert_eq!(
            got.group_specs,
            Some(specs(&[(
                "consistent_group_snapshot_enabled",
                "<is> False"
            )]))
        );
        let private = cinder
            .collect_all(group_types::list(&ListGroupTypes {
                is_public: Some(false),
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(private.iter().any(|t| t.id == id));
        match cinder.call(&group_types::get_default()).await {
            Ok(t) => assert!(!t.id.is_empty()),
            Err(e) => assert_eq!(status(&e), Some(404), "{e}"),
        }

        let renamed = format!("{name}-b");
        let updated = cinder
            .call(&group_types::update(
                &id,
                &UpdateGroupType {
                    name: Some(renamed.clone()),
                    description: Some("changed".into()),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        assert_eq!(updated.name, renamed);
        assert_eq!(updated.description.as_deref(), Some("changed"));

        let set = cinder
            .call(&group_types::set_group_specs(
                &id,
                &specs(&[("ferro:two", "2")]),
            ))
            .await
            .unwrap();
        assert_eq!(set, specs(&[("ferro:two", "2")]));
        let one = cinder
            .call(&group_types::update_group_spec(&id, "ferro:two", "deux"))
            .await
            .unwrap();
        assert_eq!(one, specs(&[("ferro:two", "deux")]));
        let got = cinder
            .call(&group_types::get_group_spec(&id, "ferro:two"))
            .await
            .unwrap();
        assert_eq!(got, specs(&[("ferro:two", "deux")]));
        cinder
            .call(&group_types::delete_group_spec(
                &id,
                "consistent_group_snapshot_enabled",
            ))
            .await
            .unwrap();
        let now = cinder
            .call(&group_types::list_group_specs(&id))
            .await
            .unwrap();
        assert_eq!(now, specs(&[("ferro:two", "deux")]));
    })
    .await;
    let deleted = cinder.call(&group_types::delete(&id)).await;
    unwind(outcome);
    deleted.expect("delete group type");
    let gone = cinder
        .call(&group_types::get(&id))
        .await
        .expect_err("deleted");
    assert_eq!(status(&gone), Some(404));
}

/// A generic volume group (a new group type and volume type) created, read with its
/// volumes, listed, renamed and deleted.
#[tokio::test(flavor = "multi_thread")]
async fn storage_group_lifecycle() {
    let admin = cloud::admin();
    let cinder = admin.block_storage();
    let gtype = cinder
        .call(&group_types::create(&CreateGroupType {
            name: cloud::unique("gtype"),
            is_public: Some(false),
            ..Default::default()
        }))
        .await
        .expect("create group type");
    let vtype = cinder
        .call(&volume_types::create(&CreateVolumeType {
            name: cloud::unique("gvtype"),
            is_public: Some(false),
            ..Default::default()
        }))
        .await;
    let mut group: Option<String> = None;
    let outcome = catching(async {
        let vtype = vtype.as_ref().expect("create volume type");
        let name = cloud::unique("group");
        let g = cinder
            .call(&groups::create(&CreateGroup {
                name: Some(name.clone()),
                description: Some("ferrocloud test".into()),
                group_type: gtype.id.clone(),
                volume_types: vec![vtype.id.clone()],
                ..Default::default()
            }))
            .await
            .expect("create group");
        group = Some(g.id.clone());
        assert!(g.extra.is_empty(), "{:?}", g.extra);
        assert_eq!(g.name.as_deref(), Some(name.as_str()));
        let g = cinder
            .wait_for_status(
                &groups::get(&g.id),
                &[GroupStatus::Available],
                &[GroupStatus::Error],
                wait(),
            )
            .await
            .expect("group becomes available");
        assert!(g.extra.is_empty(), "{:?}", g.extra);
        assert_eq!(g.group_type.as_deref(), Some(gtype.id.as_str()));
        assert_eq!(g.volume_types, Some(vec![vtype.id.clone()]));
        let with = cinder.call(&groups::get_with_volumes(&g.id)).await.unwrap();
        assert_eq!(with.volumes, Some(vec![]));
        let listed = cinder
            .collect_all(groups::list(&ListGroups::default()))
            .await
            .unwrap();
        assert!(listed.iter().any(|x| x.id == g.id));
        cinder
            .call(&groups::update(
                &g.id,
                &UpdateGroup {
                    name: Some(format!("{name}-b")),
                    ..Default::default()
                },
            ))
            .await
            .unwrap();
        let renamed = cinder.call(&groups::get(&g.id)).await.unwrap();
        assert_eq!(renamed.name, Some(format!("{name}-b")));
        cinder.call(&groups::delete(&g.id, false)).await.unwrap();
        cinder
            .wait_for_deleted(&groups::get(&g.id), wait())
            .await
            .expect("group deleted");
        group = None;
    })
    .await;
    if let Some(id) = &group {
        let _ = cinder.call(&groups::delete(id, true)).await;
        let _ = cinder.wait_for_deleted(&groups::get(id), wait()).await;
    }
    if let Ok(t) = &vtype {
        let _ = cinder.call(&volume_types::delete(&t.id)).await;
    }
    let _ = cinder.call(&group_types::delete(&gtype.id)).await;
    unwind(outcome);
}
