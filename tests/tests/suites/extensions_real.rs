//! Listing and reading API extensions of Neutron, Nova and Cinder on the real local cloud.

use ferrocloud::common::extensions;
use ferrocloud_tests::cloud;

#[tokio::test(flavor = "multi_thread")]
async fn network_compute_and_volume_extensions() {
    let admin = cloud::admin();
    let neutron = admin.network();
    let exts = neutron.call(&extensions::list()).await.unwrap();
    assert!(
        exts.iter().any(|e| e.alias == "router"),
        "{:?}",
        exts.iter().map(|e| &e.alias).collect::<Vec<_>>()
    );
    let router = neutron.call(&extensions::get("router")).await.unwrap();
    assert_eq!(router.alias, "router");
    assert!(!router.name.is_empty());
    let missing = neutron
        .call(&extensions::get("ferro-no-such-extension"))
        .await
        .unwrap_err();
    assert!(missing.is_not_found(), "{missing}");

    let nova = admin.compute().call(&extensions::list()).await.unwrap();
    assert!(!nova.is_empty());
    let cinder = admin
        .block_storage()
        .call(&extensions::list())
        .await
        .unwrap();
    assert!(!cinder.is_empty());
}
