//! Cinder limits, quota sets and availability zones against the real Cinder: the quotas of
//! a fresh project changed (totals and one volume type's), read with usage, seen in the
//! admin's view of its limits (3.39) and reverted to the defaults; zones and the demo
//! project's limits read.

use ferrocloud::block_storage::quota_sets::{self, UpdateQuotaSet};
use ferrocloud::block_storage::{availability_zones, limits};
use ferrocloud::identity::v3::projects::{self, CreateProject};
use ferrocloud_tests::cloud;

use crate::support::guarded;

#[tokio::test(flavor = "multi_thread")]
async fn storage_limits_and_zones_read() {
    let demo = cloud::demo();
    let cinder = demo.block_storage();
    let l = cinder.call(&limits::get()).await.expect("limits");
    let a = &l.absolute;
    assert!(a.extra.is_empty(), "untyped limits: {:?}", a.extra);
    assert!(a.max_total_volumes.is_some_and(|n| n != 0), "{a:?}");
    assert!(a.total_volumes_used.is_some_and(|n| n >= 0), "{a:?}");
    assert!(a.max_total_backup_gigabytes.is_some(), "{a:?}");
    assert!(a.total_gigabytes_used.is_some_and(|n| n >= 0), "{a:?}");

    let zones = cinder
        .call(&availability_zones::list())
        .await
        .expect("zones");
    assert!(
        zones.iter().any(|z| z.zone_state.available),
        "no available zone: {zones:?}"
    );
    assert!(zones.iter().all(|z| z.extra.is_empty()), "{zones:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn storage_quotas_of_a_fresh_project_change_and_revert() {
    let admin = cloud::admin();
    let keystone = admin.identity();
    let project = keystone
        .call(&projects::create(&CreateProject {
            name: cloud::unique("vquota"),
            domain_id: Some("default".into()),
            ..Default::default()
        }))
        .await
        .expect("project");
    let cinder = admin.block_storage();
    let body = async {
        let defaults = cinder.call(&quota_sets::defaults(&project.id)).await?;
        let before = cinder.call(&quota_sets::get(&project.id)).await?;
        assert_eq!(before.id.as_deref(), Some(project.id.as_str()));
        assert_eq!(before.volumes, defaults.volumes);
        assert_eq!(before.gigabytes, defaults.gigabytes);
        // A volume type of the cloud, from its per-type quota keys.
        let vtype = defaults
            .extra
            .keys()
            .find_map(|k| k.strip_prefix("volumes_"))
            .map(str::to_owned);

        let mut change = UpdateQuotaSet {
            volumes: Some(7),
            gigabytes: Some(90),
            backups: Some(3),
            ..Default::default()
        };
        if let Some(t) = &vtype {
            change.set_for_type("volumes", t, 4);
        }
        let updated = cinder
            .call(&quota_sets::update(&project.id, &change))
            .await?;
        assert_eq!(
            (updated.volumes, updated.gigabytes, updated.backups),
            (Some(7), Some(90), Some(3))
        );
        if let Some(t) = &vtype {
            assert_eq!(updated.of_type("volumes", t), Some(4), "{updated:?}");
        }

        let usage = cinder.call(&quota_sets::usage(&project.id)).await?;
        let vols = usage.volumes.expect("volumes with usage");
        assert_eq!((vols.limit, vols.in_use, vols.reserved), (7, 0, 0));
        assert_eq!(usage.gigabytes.map(|g| g.limit), Some(90));
        if let Some(t) = &vtype {
            assert_eq!(usage.of_type("volumes", t).map(|u| u.limit), Some(4));
        }

        // The admin sees the project's limits (3.39).
        let theirs = cinder.call(&limits::get_for(&project.id)).await?;
        assert_eq!(theirs.absolute.max_total_volumes, Some(7));
        assert_eq!(theirs.absolute.max_total_backups, Some(3));
        assert_eq!(theirs.absolute.total_volumes_used, Some(0));

        cinder.call(&quota_sets::delete(&project.id)).await?;
        let after = cinder.call(&quota_sets::get(&project.id)).await?;
        assert_eq!(after.volumes, defaults.volumes, "reverted to the defaults");
        assert_eq!(after.gigabytes, defaults.gigabytes);
        if let Some(t) = &vtype {
            assert_eq!(after.of_type("volumes", t), defaults.of_type("volumes", t));
        }
        Ok::<_, ferrocloud::Error>(vtype)
    };
    // Quotas reverted and the project deleted even when an assertion of the body panics.
    let project_deleted = std::sync::Mutex::new(None);
    let result = guarded(body, async {
        let _ = cinder.call(&quota_sets::delete(&project.id)).await;
        *project_deleted.lock().unwrap() =
            Some(keystone.call(&projects::delete(&project.id)).await);
    })
    .await;
    let vtype = result.expect("quotas");
    let deleted = project_deleted.lock().unwrap().take().expect("cleanup ran");
    deleted.expect("delete project");
    println!("per-type quota exercised on: {vtype:?}");
}
