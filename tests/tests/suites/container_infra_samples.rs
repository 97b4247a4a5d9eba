//! Magnum samples: every response parses, every request is reproduced as a JSON value,
//! with method and path checked against ENDPOINTS.tsv. Resize and upgrade have no valid
//! official request sample (the upstream files carry U+3000 characters and were dropped),
//! so their bodies are checked against the API reference's parameter tables.

use ferrocloud::container_infra::cluster_templates::{self, CreateClusterTemplate};
use ferrocloud::container_infra::clusters::{self, CreateCluster, Resize, Upgrade};
use ferrocloud::json_patch::PatchOp;
use ferrocloud::{HasStatus, Operation, Patch, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};
use serde_json::{json, Value};

use crate::support::s;

fn magnum() -> ServiceEndpoint {
    ServiceEndpoint::new(ServiceType::CONTAINER_INFRA, "http://example.com:9511/v1").unwrap()
}

fn ci(name: &str) -> String {
    format!("container-infra/{name}")
}

fn response<O: Operation>(cov: &mut Coverage, sample: &str, op: O) -> O::Output {
    samples::check_response(cov, &magnum(), sample, op)
}

#[test]
fn container_infra_samples() {
    let mut cov = Coverage::new();
    let id = "746e779a-751a-456b-a3e9-c883d734946f";

    let create = CreateCluster {
        name: "k8s".into(),
        discovery_url: Patch::Null,
        master_count: Some(2),
        cluster_template_id: "0562d357-8641-4759-8fed-8173f02c9633".into(),
        node_count: Some(2),
        create_timeout: Some(60),
        keypair: s("my_keypair"),
        master_flavor_id: Patch::Null,
        labels: Some(Default::default()),
        flavor_id: Patch::Null,
        ..Default::default()
    };
    samples::assert_request(
        cov.check(&ci("cluster-create-req.json")),
        &clusters::create(&create).request(&magnum()).unwrap(),
    );
    let update = [PatchOp::replace("/node_count", 2)];
    samples::assert_request(
        cov.check(&ci("cluster-update-req.json")),
        &clusters::update(id, &update).request(&magnum()).unwrap(),
    );
    let accepted = response(
        &mut cov,
        &ci("cluster-create-resp.json"),
        clusters::create(&create),
    );
    assert_eq!(accepted.uuid, id);
    samples::assert_endpoint(
        &ci("cluster-create-resp.json"),
        &clusters::update(id, &update).request(&magnum()).unwrap(),
    );
    let c = response(
        &mut cov,
        &ci("cluster-get-one-resp.json"),
        clusters::get(id),
    );
    assert_eq!(c.status(), Some(clusters::ClusterStatus::CreateComplete));
    assert_eq!(c.master_addresses, ["172.24.4.6"]);
    let all = response(
        &mut cov,
        &ci("cluster-get-all-resp.json"),
        clusters::list(&Default::default()),
    );
    assert_eq!(all[0].status.as_deref(), Some("CREATE_IN_PROGRESS"));

    // Resize (1.7) and upgrade (1.8), from the API reference.
    let resize = Resize {
        node_count: 3,
        nodes_to_remove: vec!["n1".into()],
        nodegroup: s("production"),
    };
    let req = clusters::resize(id, &resize).request(&magnum()).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(req.body()).unwrap(),
        json!({"node_count": 3, "nodes_to_remove": ["n1"], "nodegroup": "production"})
    );
    assert_eq!(
        req.headers()["openstack-api-version"],
        "container-infra 1.7"
    );
    assert_eq!(req.headers()["x-openstack-magnum-api-version"], "1.7");
    let r = response(
        &mut cov,
        &ci("cluster-resize-resp.json"),
        clusters::resize(id, &resize),
    );
    assert_eq!(r.uuid, id);
    let upgrade = Upgrade {
        cluster_template: "e2a6c2ba".into(),
        max_batch_size: Some(1),
        nodegroup: s("production"),
    };
    let req = clusters::upgrade(id, &upgrade).request(&magnum()).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(req.body()).unwrap(),
        json!({"cluster_template": "e2a6c2ba", "max_batch_size": 1, "nodegroup": "production"})
    );
    assert_eq!(
        req.headers()["openstack-api-version"],
        "container-infra 1.8"
    );
    let u = response(
        &mut cov,
        &ci("cluster-upgrade-resp.json"),
        clusters::upgrade(id, &upgrade),
    );
    assert_eq!(u.uuid, id);

    // Cluster templates.
    let tpl = CreateClusterTemplate {
        labels: Some(Default::default()),
        fixed_subnet: Patch::Null,
        master_flavor_id: Patch::Null,
        no_proxy: s("10.0.0.0/8,172.0.0.0/8,192.0.0.0/8,localhost"),
        https_proxy: s("http://10.164.177.169:8080"),
        tls_disabled: Some(false),
        keypair_id: s("kp"),
        public: Some(false),
        http_proxy: s("http://10.164.177.169:8080"),
        docker_volume_size: Some(3),
        server_type: s("vm"),
        external_network_id: s("public"),
        image_id: "fedora-atomic-latest".into(),
        volume_driver: s("cinder"),
        registry_enabled: Some(false),
        insecure_registry: Patch::Null,
        docker_storage_driver: s("devicemapper"),
        name: s("k8s-bm2"),
        network_driver: s("flannel"),
        fixed_network: Patch::Null,
        coe: "kubernetes".into(),
        flavor_id: s("m1.small"),
        master_lb_enabled: Some(true),
        dns_nameserver: s("8.8.8.8"),
        ..Default::default()
    };
    samples::assert_request(
        cov.check(&ci("clustertemplate-create-req.json")),
        &cluster_templates::create(&tpl).request(&magnum()).unwrap(),
    );
    let tupdate = [
        PatchOp::replace("/master_lb_enabled", "True"),
        PatchOp::replace("/registry_enabled", "True"),
    ];
    samples::assert_request(
        cov.check(&ci("clustertemplate-update-req.json")),
        &cluster_templates::update("0562", &tupdate)
            .request(&magnum())
            .unwrap(),
    );
    let t = response(
        &mut cov,
        &ci("clustertemplate-create-resp.json"),
        cluster_templates::create(&tpl),
    );
    assert_eq!(t.coe.as_deref(), Some("kubernetes"));
    for op in [
        cluster_templates::get("0562"),
        cluster_templates::update("0562", &tupdate),
    ] {
        let t = response(&mut cov, &ci("clustertemplate-create-resp.json"), op);
        assert!(!t.uuid.is_empty());
    }
    let ts = response(
        &mut cov,
        &ci("clustertemplate-get-all-resp.json"),
        cluster_templates::list(&Default::default()),
    );
    assert!(!ts.is_empty());

    // Bad input never reaches the wire.
    assert!(clusters::update(id, &[]).request(&magnum()).is_err());
    assert!(clusters::update(id, &[PatchOp::replace("node_count", 1)])
        .request(&magnum())
        .is_err());
    assert!(clusters::create(&CreateCluster::default())
        .request(&magnum())
        .is_err());
    assert!(clusters::upgrade(id, &Upgrade::default())
        .request(&magnum())
        .is_err());

    for (prefix, what) in [
        ("bay", "legacy bays and baymodels (removed API)"),
        ("certificates", "certificates"),
        ("quota", "quotas"),
        ("mservice", "magnum services (admin)"),
        ("stats", "stats"),
        ("versions", "version discovery"),
    ] {
        for file in samples::files_under("container-infra") {
            if file
                .trim_start_matches("container-infra/")
                .starts_with(prefix)
            {
                cov.except(&file, &format!("out of scope: {what}"));
            }
        }
    }
    cov.assert_complete("container-infra", &samples::files_under("container-infra"));
    assert!(cov.checked() >= 10, "{}", cov.checked());
}
