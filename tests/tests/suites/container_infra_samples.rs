//! Magnum samples: every response parses, every request is reproduced as a JSON value,
//! with method and path checked against ENDPOINTS.tsv; only the removed bay API's samples
//! are excepted. Resize and upgrade have no valid
//! official request sample (the upstream files carry U+3000 characters and were dropped),
//! so their bodies are checked against the API reference's parameter tables.

use ferrocloud::container_infra::certificates::{self, SignCertificate};
use ferrocloud::container_infra::cluster_templates::{self, CreateClusterTemplate};
use ferrocloud::container_infra::clusters::{self, CreateCluster, ListClusters, Resize, Upgrade};
use ferrocloud::container_infra::quotas::{self, ListQuotas, SetQuota};
use ferrocloud::container_infra::{mservices, stats, versions, ClusterStatus};
use ferrocloud::json_patch::PatchOp;
use ferrocloud::version;
use ferrocloud::{HasStatus, Operation, Patch, ServiceEndpoint, ServiceType, SortDir};
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
    assert_eq!(c.status(), Some(ClusterStatus::CreateComplete));
    assert_eq!(c.master_addresses, ["172.24.4.6"]);
    let all = response(
        &mut cov,
        &ci("cluster-get-all-resp.json"),
        clusters::list(&Default::default()),
    );
    assert_eq!(all[0].status, Some(ClusterStatus::CreateInProgress));
    assert!(all[0].status.as_ref().unwrap().is_in_progress());
    // The detailed listing has the same shape, with every field.
    let req = clusters::list_detail(&ListClusters {
        limit: Some(2),
        sort_dir: Some(SortDir::Desc),
        ..Default::default()
    })
    .request(&magnum())
    .unwrap();
    assert_eq!(
        req.uri(),
        "http://example.com:9511/v1/clusters/detail?limit=2&sort_dir=desc"
    );
    let detail = clusters::list_detail(&Default::default())
        .parse(samples::response(&ci("cluster-get-all-resp.json")))
        .unwrap();
    assert_eq!(detail[0].uuid, all[0].uuid);

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

    more(&mut cov);
    for file in samples::files_under("container-infra") {
        if file
            .trim_start_matches("container-infra/")
            .starts_with("bay")
        {
            cov.except(
                &file,
                "legacy bays and baymodels: the API was removed in Magnum 9 (Stein); \
                 clusters and cluster templates replace them",
            );
        }
    }
    cov.assert_complete("container-infra", &samples::files_under("container-infra"));
    assert_eq!(cov.checked(), 25, "all but the four bay samples");
}

/// Certificates, quotas, stats, services and version documents.
fn more(cov: &mut Coverage) {
    let cl = "0b4b766f-1500-44b3-9804-5a6e12fe6df4";
    let ca = response(
        cov,
        &ci("certificates-ca-show-resp.json"),
        certificates::get_ca(cl, None),
    );
    assert!(ca.pem.starts_with("-----BEGIN CERTIFICATE-----"));
    assert_eq!(ca.cluster_uuid, cl);
    let req = certificates::get_ca(cl, Some("etcd"))
        .request(&magnum())
        .unwrap();
    assert_eq!(req.uri().query(), Some("ca_cert_type=etcd"));
    let csr = samples::json(&ci("certificates-ca-sign-req.json"))["csr"]
        .as_str()
        .unwrap()
        .to_owned();
    let sign = SignCertificate {
        cluster_uuid: cl.into(),
        csr,
    };
    samples::check_request(
        cov,
        &magnum(),
        &ci("certificates-ca-sign-req.json"),
        certificates::sign(&sign),
    );
    let signed = response(
        cov,
        &ci("certificates-ca-sign-resp.json"),
        certificates::sign(&sign),
    );
    assert!(signed.csr.is_some() && signed.pem.contains("CERTIFICATE"));
    let not_pem = SignCertificate {
        csr: "hello".into(),
        ..sign
    };
    assert!(certificates::sign(&not_pem).request(&magnum()).is_err());
    let req = certificates::rotate_ca(cl).request(&magnum()).unwrap();
    assert_eq!(
        (req.method().as_str(), req.uri().path()),
        (
            "PATCH",
            "/v1/certificates/0b4b766f-1500-44b3-9804-5a6e12fe6df4"
        )
    );

    let project = "aa5436ab58144c768ca4e9d2e9f5c3b2";
    let set = SetQuota::clusters(project, 10);
    samples::check_request(
        cov,
        &magnum(),
        &ci("quota-create-req.json"),
        quotas::create(&set),
    );
    samples::check_request(
        cov,
        &magnum(),
        &ci("quota-update-req.json"),
        quotas::update(project, "Cluster", &set),
    );
    let q = response(cov, &ci("quota-create-resp.json"), quotas::create(&set));
    assert_eq!((q.id, q.hard_limit), (Some(26), 1));
    let q = response(
        cov,
        &ci("quota-update-resp.json"),
        quotas::update(project, "Cluster", &set),
    );
    assert_eq!(q.hard_limit, 10);
    let q = response(
        cov,
        &ci("quota-get-one-resp.json"),
        quotas::get(project, "Cluster"),
    );
    assert_eq!(q.resource, "Cluster");
    let qs = response(
        cov,
        &ci("quota-get-all-resp.json"),
        quotas::list(&ListQuotas {
            all_tenants: true,
            ..Default::default()
        }),
    );
    assert_eq!(qs[0].project_id.as_deref(), Some(project));
    // The delete sample is a body for a DELETE that takes none: its two fields are the
    // path's.
    let del = samples::json(cov.check(&ci("quota-delete-req.json")));
    let req = quotas::delete(
        del["project_id"].as_str().unwrap(),
        del["resource"].as_str().unwrap(),
    )
    .request(&magnum())
    .unwrap();
    samples::assert_endpoint(&ci("quota-delete-req.json"), &req);
    assert!(req.body().is_empty());
    assert!(quotas::create(&SetQuota::default())
        .request(&magnum())
        .is_err());

    let st = response(cov, &ci("stats-get-resp.json"), stats::get(Some(project)));
    assert_eq!((st.clusters, st.nodes), (1, 2));
    let ms = response(cov, &ci("mservice-get-resp.json"), mservices::list());
    assert_eq!(ms[0].binary, "magnum-conductor");
    assert_eq!(ms[0].state, "up");

    let root = ServiceEndpoint::with_suffix(
        ServiceType::CONTAINER_INFRA,
        "http://example.com:9511/v1",
        None,
    )
    .unwrap();
    let all = samples::check_response(
        cov,
        &root,
        &ci("versions-get-resp.json"),
        version::discover_all(),
    );
    assert_eq!(all[0].max_microversion(), "1.4".parse().ok());
    let v1 = response(cov, &ci("versions-01-get-resp.json"), versions::get());
    assert_eq!(v1.id, "v1");
    assert!(v1.collections.contains_key("clusters") && v1.collections["certificates"].len() == 2);
    let req = versions::get().request(&magnum()).unwrap();
    assert_eq!(req.uri(), "http://example.com:9511/v1/");
}
