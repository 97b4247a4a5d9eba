//! Magnum against the real local cloud. Its only cluster driver is the local stand-in
//! `oscloud_heat` (one Heat stack of random strings per cluster; nothing boots, so
//! `api_address` points at nothing), which Magnum drives through its real states.
//!
//! - [`cluster_lifecycle`] (demo, with an admin-made external network and flavor): template
//!   CRUD, a cluster to `CREATE_COMPLETE`, summary against detailed listing, stats, node
//!   groups, the CA and a signed client certificate checked with `openssl`, a kubeconfig
//!   equal to the CLI's, CA rotation, resize, delete.
//! - [`quotas_versions_services`] (admin): quota CRUD, the version documents, services,
//!   federations listing.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use ferrocloud::compute::flavors::{self as nova_flavors, CreateFlavor};
use ferrocloud::container_infra::certificates::{self, SignCertificate};
use ferrocloud::container_infra::cluster_templates::{self, CreateClusterTemplate};
use ferrocloud::container_infra::clusters::{self, Cluster, CreateCluster, Resize};
use ferrocloud::container_infra::nodegroups::{self, CreateNodeGroup, ListNodeGroups};
use ferrocloud::container_infra::quotas::{self, ListQuotas, SetQuota};
use ferrocloud::container_infra::{
    federations, kubeconfig, mservices, stats, versions, ClusterStatus,
};
use ferrocloud::image::images::{self, CreateImage};
use ferrocloud::json_patch::PatchOp;
use ferrocloud::network::networks::{self, CreateNetwork};
use ferrocloud::{version, Service, Wait};
use ferrocloud_native::HyperTransport;
use ferrocloud_tests::cloud;
use serde_json::json;

use crate::support::{self, catching, project_and_user, s, unwind};

type Magnum = Service<HyperTransport>;

fn wait() -> Wait {
    support::wait(240).every(Duration::from_secs(1))
}

/// What the cluster test needs from other services, made for it and removed after.
struct Fixtures {
    network: String,
    flavor: String,
    image: String,
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_lifecycle() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let name = cloud::unique("coe").replace('-', "_");
    let name = format!("k{name}"); // Magnum names start with a letter

    // An external network (admin only) and a public flavor; an image as the demo user,
    // with the property Magnum's driver lookup reads.
    let net = admin
        .network()
        .call(&networks::create(&CreateNetwork {
            name: Some(format!("{name}-ext")),
            router_external: Some(true),
            ..Default::default()
        }))
        .await
        .expect("external network");
    let flavor = admin
        .compute()
        .call(&nova_flavors::create(&CreateFlavor {
            name: format!("{name}-flavor"),
            ram: 512,
            vcpus: 1,
            disk: 10,
            is_public: Some(true),
            ..Default::default()
        }))
        .await;
    let image = demo
        .image()
        .call(&images::create(&CreateImage {
            name: Some(format!("{name}-fcos")),
            disk_format: s("raw"),
            container_format: s("bare"),
            properties: [("os_distro".to_owned(), json!("fedora-coreos"))]
                .into_iter()
                .collect(),
            ..Default::default()
        }))
        .await;
    let outcome = match (&flavor, &image) {
        (Ok(f), Ok(i)) => {
            let fx = Fixtures {
                network: net.id.clone(),
                flavor: f.id.clone(),
                image: i.id.clone(),
            };
            catching(lifecycle(&demo, &demo.container_infra(), &fx, &name)).await
        }
        _ => Ok(()),
    };
    if let Ok(i) = &image {
        let _ = demo.image().call(&images::delete(&i.id)).await;
    }
    if let Ok(f) = &flavor {
        let _ = admin.compute().call(&nova_flavors::delete(&f.id)).await;
    }
    let _ = admin.network().call(&networks::delete(&net.id)).await;
    flavor.expect("flavor");
    image.expect("image");
    unwind(outcome);
}

async fn lifecycle(demo: &ferrocloud_native::Cloud, magnum: &Magnum, fx: &Fixtures, name: &str) {
    // Template CRUD.
    let template = magnum
        .call(&cluster_templates::create(&CreateClusterTemplate {
            name: Some(name.into()),
            coe: "kubernetes".into(),
            image_id: fx.image.clone(),
            external_network_id: Some(fx.network.clone()),
            flavor_id: Some(fx.flavor.clone()),
            master_flavor_id: ferrocloud::Patch::Set(fx.flavor.clone()),
            dns_nameserver: s("192.0.2.53"),
            labels: Some([("ferro".to_owned(), "yes".to_owned())].into()),
            ..Default::default()
        }))
        .await
        .expect("cluster template");
    let tid = template.uuid.clone();
    let outcome = catching(with_template(demo, magnum, &tid, name)).await;
    let deleted = magnum.call(&cluster_templates::delete(&tid)).await;
    unwind(outcome);
    deleted.expect("delete the template");
    let err = magnum
        .call(&cluster_templates::get(&tid))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

async fn with_template(demo: &ferrocloud_native::Cloud, magnum: &Magnum, tid: &str, name: &str) {
    let t = magnum.call(&cluster_templates::get(name)).await.unwrap();
    assert_eq!(t.uuid, tid);
    assert_eq!(t.driver.as_deref(), Some("oscloud_heat"), "{t:?}");
    assert_eq!(t.coe.as_deref(), Some("kubernetes"));
    let t = magnum
        .call(&cluster_templates::update(
            tid,
            &[PatchOp::replace("/dns_nameserver", "192.0.2.54")],
        ))
        .await
        .expect("update template");
    assert_eq!(t.dns_nameserver.as_deref(), Some("192.0.2.54"));
    let all = magnum
        .collect_all(cluster_templates::list_detail(&Default::default()))
        .await
        .unwrap();
    let mine = all.iter().find(|t| t.uuid == tid).expect("listed");
    assert_eq!(mine.labels.as_ref().unwrap()["ferro"], "yes");

    // A cluster, as far as this cloud takes it: CREATE_COMPLETE.
    let accepted = magnum
        .call(&clusters::create(&CreateCluster {
            name: name.into(),
            cluster_template_id: tid.into(),
            master_count: Some(1),
            node_count: Some(1),
            create_timeout: Some(10),
            ..Default::default()
        }))
        .await
        .expect("create cluster");
    let id = accepted.uuid.clone();
    let outcome = catching(with_cluster(demo, magnum, &id, name)).await;
    let deleted = delete_cluster(magnum, &id).await;
    let gone = magnum.wait_for_deleted(&clusters::get(&id), wait()).await;
    unwind(outcome);
    deleted.expect("delete the cluster");
    gone.expect("cluster gone");
}

/// Deletes cluster `id`, even when a failed test left it still creating or updating:
/// Magnum refuses the delete then, so it waits for the cluster to settle and asks again
/// (a cluster left behind slows Magnum's status sync for every later run).
async fn delete_cluster(magnum: &Magnum, id: &str) -> ferrocloud::Result<()> {
    for _ in 0..3 {
        match magnum.call(&clusters::delete(id)).await {
            Ok(()) => return Ok(()),
            Err(e) if e.is_not_found() => return Ok(()),
            Err(e) if e.is_conflict() || e.is_bad_request() => {
                let settled = [
                    ClusterStatus::CreateComplete,
                    ClusterStatus::CreateFailed,
                    ClusterStatus::UpdateComplete,
                    ClusterStatus::UpdateFailed,
                ];
                let _ = magnum
                    .wait_for_status(
                        &clusters::get(id),
                        &settled,
                        &[],
                        wait().grace(Duration::from_secs(60)),
                    )
                    .await;
            }
            Err(e) => return Err(e),
        }
    }
    magnum.call(&clusters::delete(id)).await
}

async fn with_cluster(demo: &ferrocloud_native::Cloud, magnum: &Magnum, id: &str, name: &str) {
    // Magnum writes the cluster after its 202: the first GETs may answer 404, then 400
    // (master_count 0 before the node groups exist). Seen in CI; the grace absorbs both.
    let cluster = magnum
        .wait_for_status(
            &clusters::get(id),
            &[ClusterStatus::CreateComplete],
            &[ClusterStatus::CreateFailed],
            wait().grace(Duration::from_secs(60)),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cluster.status, Some(ClusterStatus::CreateComplete));
    assert_eq!(cluster.name.as_deref(), Some(name));
    assert!(cluster.stack_id.is_some());
    let api = cluster.api_address.clone().expect("an API address");
    assert!(api.starts_with("https://"), "{api}");

    // The summary listing leaves out what the detailed one has.
    let summary = magnum
        .collect_all(clusters::list(&Default::default()))
        .await
        .unwrap();
    let summary = summary.iter().find(|c| c.uuid == id).expect("listed");
    assert_eq!(summary.status, Some(ClusterStatus::CreateComplete));
    assert!(summary.api_address.is_none(), "{summary:?}");
    let detail = magnum
        .collect_all(clusters::list_detail(&Default::default()))
        .await
        .unwrap();
    let detail = detail.iter().find(|c| c.uuid == id).expect("listed");
    assert_eq!(detail.api_address.as_deref(), Some(api.as_str()));
    assert_eq!(detail.labels.as_ref().unwrap()["ferro"], "yes");

    let st = magnum.call(&stats::get(None)).await.unwrap();
    assert!(st.clusters >= 1 && st.nodes >= 2, "{st:?}");

    certificate_checks(demo, magnum, &cluster).await;

    // Resize the default worker group (1.7).
    magnum
        .call(&clusters::resize(
            id,
            &Resize {
                node_count: 2,
                ..Default::default()
            },
        ))
        .await
        .expect("resize");
    let resized = magnum
        .wait_for_status(
            &clusters::get(id),
            &[ClusterStatus::UpdateComplete],
            &[ClusterStatus::UpdateFailed],
            wait(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(resized.node_count, Some(2));
    let worker = magnum
        .call(&nodegroups::get(id, "default-worker"))
        .await
        .unwrap();
    assert_eq!(worker.node_count, Some(2));

    nodegroup_checks(magnum, id).await;
    rotate_ca(magnum, id).await;
}

async fn nodegroup_checks(magnum: &Magnum, id: &str) {
    let groups = magnum
        .collect_all(nodegroups::list(id, &Default::default()))
        .await
        .unwrap();
    let mut roles: Vec<&str> = groups.iter().filter_map(|g| g.role.as_deref()).collect();
    roles.sort();
    assert_eq!(roles, ["master", "worker"], "{groups:?}");
    assert!(groups.iter().all(|g| g.is_default == Some(true)));
    let masters = magnum
        .collect_all(nodegroups::list(
            id,
            &ListNodeGroups {
                role: s("master"),
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    assert_eq!(masters.len(), 1);
    let worker = magnum
        .call(&nodegroups::get(id, "default-worker"))
        .await
        .unwrap();
    assert_eq!(worker.cluster_id.as_deref(), Some(id));
    assert_eq!(worker.node_count, Some(2), "after the resize");
    assert_eq!(worker.status, Some(ClusterStatus::UpdateComplete));

    // Autoscaling bounds change through a JSON Patch: Magnum takes it (202, the new
    // bounds in the answer) and hands it to the driver, which ends it in UPDATE_COMPLETE
    // or, as this cloud's stand-in driver does for any node group change, UPDATE_FAILED
    // with its reason.
    let patched = magnum
        .call(&nodegroups::update(
            id,
            "default-worker",
            &[PatchOp::replace("/max_node_count", 3)],
        ))
        .await
        .expect("patch node group");
    assert_eq!(patched.max_node_count, Some(3));
    let end = magnum
        .wait_for_status(
            &nodegroups::get(id, "default-worker"),
            &[ClusterStatus::UpdateComplete, ClusterStatus::UpdateFailed],
            &[],
            wait(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    if end.status == Some(ClusterStatus::UpdateFailed) {
        let reason = end.status_reason.as_deref().unwrap_or_default();
        assert!(!reason.is_empty(), "a failed update says why: {end:?}");
        println!("node group update: UPDATE_FAILED ({reason})");
    }

    // A further group: Magnum accepts it, this cloud's driver does not build it.
    let extra = magnum
        .call(&nodegroups::create(
            id,
            &CreateNodeGroup {
                name: "extra".into(),
                node_count: Some(1),
                ..Default::default()
            },
        ))
        .await;
    // Magnum answers 202 with the new group; a driver that builds it takes it to
    // CREATE_COMPLETE, this cloud's drops it (the group is then gone: 404).
    match extra {
        Ok(ng) => {
            assert_eq!(ng.name.as_deref(), Some("extra"));
            assert_eq!(ng.role.as_deref(), Some("worker"));
            let end = support::poll("the extra node group to settle", wait(), || async {
                match magnum.call(&nodegroups::get(id, &ng.uuid)).await {
                    Err(e) if e.is_not_found() => Some("gone".to_owned()),
                    Err(e) => panic!("{e}"),
                    Ok(g) => g
                        .status
                        .filter(|s| !s.is_in_progress())
                        .map(|s| s.as_str().to_owned()),
                }
            })
            .await;
            // A failed group goes with its cluster.
            println!("extra node group: {end}");
        }
        Err(e) => {
            assert!(e.status().is_some_and(|s| s.is_client_error()), "{e}");
            println!("extra node group refused: {e}");
        }
    }
    idle(magnum, id).await;
    // The default groups cannot go.
    let err = magnum
        .call(&nodegroups::delete(id, "default-master"))
        .await
        .unwrap_err();
    assert!(err.status().is_some_and(|s| s.is_client_error()), "{err}");
}

fn openssl(args: &[&str], dir: &Path) -> String {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn certificate_checks(demo: &ferrocloud_native::Cloud, magnum: &Magnum, cluster: &Cluster) {
    let _ = demo;
    let ca = magnum
        .call(&certificates::get_ca(&cluster.uuid, None))
        .await
        .expect("CA");
    assert_eq!(ca.cluster_uuid, cluster.uuid);
    assert!(
        ca.pem.starts_with("-----BEGIN CERTIFICATE-----"),
        "{}",
        ca.pem
    );

    // A key and CSR as the CLI makes them, signed by the cluster's CA.
    let dir = std::env::temp_dir().join(cloud::unique("kube"));
    std::fs::create_dir_all(&dir).unwrap();
    openssl(
        &[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "key.pem",
            "-out",
            "csr.pem",
            "-subj",
            "/CN=admin/O=system:masters",
        ],
        &dir,
    );
    let csr = std::fs::read_to_string(dir.join("csr.pem")).unwrap();
    let key = std::fs::read_to_string(dir.join("key.pem")).unwrap();
    let signed = magnum
        .call(&certificates::sign(&SignCertificate {
            cluster_uuid: cluster.uuid.clone(),
            csr: csr.clone(),
        }))
        .await
        .expect("sign");
    assert_eq!(signed.csr.as_deref(), Some(csr.as_str()));
    std::fs::write(dir.join("ca.pem"), &ca.pem).unwrap();
    std::fs::write(dir.join("cert.pem"), &signed.pem).unwrap();
    let verified = openssl(&["verify", "-CAfile", "ca.pem", "cert.pem"], &dir);
    assert!(verified.contains("cert.pem: OK"), "{verified}");
    let subject = openssl(&["x509", "-in", "cert.pem", "-noout", "-subject"], &dir);
    assert!(subject.contains("admin"), "{subject}");

    // The kubeconfig equals the CLI's but for its own key and certificate.
    let ours = kubeconfig::build(
        cluster,
        &kubeconfig::Credentials::ClientCertificate {
            ca_pem: &ca.pem,
            cert_pem: &signed.pem,
            key_pem: &key,
        },
    )
    .unwrap();
    let cli = Command::new("/tmp/oscloud/venv/bin/openstack")
        .args([
            "--os-cloud",
            "oscloud-demo",
            "coe",
            "cluster",
            "config",
            "--dir",
        ])
        .arg(&dir)
        .args(["--force", &cluster.uuid])
        .env("OS_CLIENT_CONFIG_FILE", cloud::dir().join("clouds.yaml"))
        .env("SHELL", "/bin/bash")
        .output()
        .expect("openstack coe cluster config");
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let theirs = std::fs::read_to_string(dir.join("config")).unwrap();
    let strip = |c: &str| -> Vec<String> {
        c.lines()
            .filter(|l| !l.contains("client-certificate-data") && !l.contains("client-key-data"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(strip(&ours), strip(&theirs));
    assert_eq!(ours.lines().count(), theirs.lines().count());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Waits until no change runs on the cluster.
async fn idle(magnum: &Magnum, id: &str) -> Cluster {
    support::poll("the cluster to be idle", wait(), || async {
        let c = magnum.call(&clusters::get(id)).await.unwrap();
        c.status
            .as_ref()
            .is_some_and(|s| !s.is_in_progress())
            .then_some(c)
    })
    .await
}

/// CA rotation: a driver that can rotates (202, then an update); this cloud's cannot
/// (400, "not supported by this driver"; after a failed node group update the cluster is
/// UPDATE_FAILED, which Magnum refuses to update with a 400 too).
async fn rotate_ca(magnum: &Magnum, id: &str) {
    match magnum.call(&certificates::rotate_ca(id)).await {
        Ok(accepted) => {
            assert_eq!(accepted.uuid, id);
            let end = magnum
                .wait_for_status(
                    &clusters::get(id),
                    &[ClusterStatus::UpdateComplete, ClusterStatus::UpdateFailed],
                    &[],
                    wait(),
                )
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            println!(
                "after CA rotation: {:?} {:?}",
                end.status, end.status_reason
            );
        }
        Err(e) => {
            assert!(e.is_bad_request(), "{e}");
            assert!(e.to_string().contains("not supported"), "{e}");
            println!("CA rotation refused: {e}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn quotas_versions_services() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let magnum = admin.container_infra();
    let (demo_project, _) = project_and_user(&demo).await;

    // Versions: the root list (microversions) and the v1 document.
    let all = magnum.call(&version::discover_all()).await.unwrap();
    let v1 = all.iter().find(|v| v.id == "v1").expect("v1");
    assert!(v1.is_current());
    assert_eq!(v1.min_version.as_deref(), Some("1.1"));
    assert!(v1.max_microversion() >= "1.9".parse().ok(), "{v1:?}");
    let doc = magnum.call(&versions::get()).await.unwrap();
    assert_eq!(doc.id, "v1");
    for c in [
        "clusters",
        "clustertemplates",
        "certificates",
        "quotas",
        "nodegroups",
    ] {
        assert!(doc.collections.contains_key(c), "{c}: {doc:?}");
    }

    let services = magnum.collect_all(mservices::list()).await.unwrap();
    assert!(
        services
            .iter()
            .any(|s| s.binary == "magnum-conductor" && s.state == "up"),
        "{services:?}"
    );
    let err = demo
        .container_infra()
        .collect_all(mservices::list())
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");

    let feds = magnum
        .collect_all(federations::list(&Default::default()))
        .await
        .expect("federations list");
    println!("federations: {}", feds.len());

    // Quotas of the demo project: made, changed, listed, removed.
    let default = magnum
        .call(&quotas::get(&demo_project, "Cluster"))
        .await
        .unwrap();
    assert_eq!(default.id, None, "no quota of its own yet: {default:?}");
    let created = magnum
        .call(&quotas::create(&SetQuota::clusters(&demo_project, 5)))
        .await
        .expect("create quota");
    let outcome = catching(async {
        assert_eq!(created.hard_limit, 5);
        assert!(created.id.is_some());
        let again = magnum
            .call(&quotas::create(&SetQuota::clusters(&demo_project, 6)))
            .await
            .unwrap_err();
        assert!(again.is_conflict(), "{again}");
        let updated = magnum
            .call(&quotas::update(
                &demo_project,
                "Cluster",
                &SetQuota::clusters(&demo_project, 7),
            ))
            .await
            .expect("update quota");
        assert_eq!(updated.hard_limit, 7);
        let got = magnum
            .call(&quotas::get(&demo_project, "Cluster"))
            .await
            .unwrap();
        assert_eq!((got.hard_limit, got.id), (7, created.id));
        let listed = magnum
            .collect_all(quotas::list(&ListQuotas {
                all_tenants: true,
                ..Default::default()
            }))
            .await
            .unwrap();
        assert!(listed
            .iter()
            .any(|q| q.project_id.as_deref() == Some(demo_project.as_str()) && q.hard_limit == 7));
        // The demo user sees its own quota.
        let own = demo
            .container_infra()
            .call(&quotas::get(&demo_project, "Cluster"))
            .await
            .unwrap();
        assert_eq!(own.hard_limit, 7);
    })
    .await;
    let deleted = magnum.call(&quotas::delete(&demo_project, "Cluster")).await;
    unwind(outcome);
    deleted.expect("delete quota");
    let back = magnum
        .call(&quotas::get(&demo_project, "Cluster"))
        .await
        .unwrap();
    assert_eq!((back.id, back.hard_limit), (None, default.hard_limit));
}
