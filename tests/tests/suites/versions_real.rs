//! Version discovery and microversion negotiation against the real services: Nova and
//! Cinder (`version`), Placement (`max_version`), Glance and Neutron (no microversions).

use ferrocloud::version::{self, Microversion};
use ferrocloud_tests::cloud;

#[tokio::test(flavor = "multi_thread")]
async fn every_service_tells_its_version_and_negotiation_picks_the_common_highest() {
    let admin = cloud::admin();
    let mv = |s: &str| s.parse::<Microversion>().unwrap();
    for (name, service, known) in [
        ("compute", admin.compute(), "2.96"),
        ("block-storage", admin.block_storage(), "3.60"),
        ("placement", admin.placement(), "1.36"),
    ] {
        let v = service
            .call(&version::discover())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (min, max) = (v.min_microversion().unwrap(), v.max_microversion().unwrap());
        assert!(min <= max, "{name}: {v:?}");
        assert_eq!(v.status.as_deref(), Some("CURRENT"), "{name}");
        // Code written for an older microversion gets that one.
        let chosen = v.choose(mv(known)).unwrap().unwrap();
        assert_eq!(chosen, mv(known).min(max), "{name}");
        // Code written for a newer one gets the server's highest.
        assert_eq!(v.choose(mv("99.0")).unwrap(), Some(max), "{name}");
        // negotiate() sets it on the handle: a call at that microversion works.
        let negotiated = service.negotiate(known).await.expect(name);
        negotiated
            .call(&version::discover())
            .await
            .unwrap_or_else(|e| panic!("{name} at {chosen}: {e}"));
    }
    // "latest" is the server's highest; a range the code cannot meet is a clear error.
    let newest = admin.compute().negotiate("latest").await.unwrap();
    let detail = newest
        .collect_all(ferrocloud::compute::hypervisors::list_detail(
            &Default::default(),
        ))
        .await
        .unwrap();
    assert!(
        detail[0].capacity.vcpus.is_none(),
        "2.88+ drops the usage fields: {:?}",
        detail[0]
    );
    let err = admin.compute().negotiate("1.5").await.unwrap_err();
    assert!(
        err.to_string().contains("supports microversions 2.1 to"),
        "{err}"
    );
    // Nova at the negotiated microversion answers in that microversion's shape.
    let nova = admin.compute().negotiate("2.88").await.unwrap();
    let hypervisors = nova
        .collect_all(ferrocloud::compute::hypervisors::list(&Default::default()))
        .await
        .unwrap();
    assert!(hypervisors[0].id.contains('-'), "UUIDs from 2.53");
    // Every service lists its versions at its unversioned root (300 Multiple Choices for
    // some); those without microversions have none to choose.
    for (name, service, micro) in [
        ("identity", admin.identity(), false),
        ("image", admin.image(), false),
        ("network", admin.network(), false),
        ("compute", admin.compute(), true),
        ("block-storage", admin.block_storage(), true),
        ("orchestration", admin.orchestration(), false),
        ("load-balancer", admin.load_balancer(), false),
        ("container-infra", admin.container_infra(), true),
    ] {
        let all = service
            .call(&version::discover_all())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let current: Vec<_> = all.iter().filter(|v| v.is_current()).collect();
        assert!(!current.is_empty(), "{name}: {all:?}");
        assert_eq!(
            current.iter().any(|v| v.max_microversion().is_some()),
            micro,
            "{name}: {all:?}"
        );
    }
}
