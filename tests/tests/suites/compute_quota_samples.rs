//! Nova limits, quota sets, availability zones and server groups: every sample under their
//! `compute/` folders, in every microversion folder, parses into its type with no known
//! field left untyped, and every request sample is reproduced by the builders (JSON
//! values, with method and path checked against ENDPOINTS.tsv).

use ferrocloud::compute::availability_zones;
use ferrocloud::compute::limits;
use ferrocloud::compute::quota_sets::{self, UpdateQuotaSet};
use ferrocloud::compute::server_groups::{self, CreateServerGroup, Policy, Rules};
use ferrocloud::Operation;
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{compute_minor as minor, no_untyped, nova_for as nova};

const DIRS: &[&str] = &[
    "compute/limits",
    "compute/os-quota-sets",
    "compute/os-availability-zone",
    "compute/os-server-groups",
    "compute/os-quota-class-sets",
];
const PROJECT: &str = "fake_tenant";
const USER: &str = "fake_user";
const GROUP: &str = "5bbcc3c4-1da2-4437-a48a-66f15b1b13f9";

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &nova(file), file, op)
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &nova(file), file, op)
}

fn quota_set_ok(file: &str, q: &quota_sets::QuotaSet) {
    no_untyped(file, &q.extra);
    assert!(
        q.cores.is_some() && q.instances.is_some() && q.ram.is_some(),
        "{file}"
    );
    // Network quotas went at 2.36, file injection at 2.57.
    assert_eq!(q.floating_ips.is_some(), minor(file) < 36, "{file}");
    assert_eq!(q.injected_files.is_some(), minor(file) < 57, "{file}");
}

/// The update a request sample describes, field by field.
fn update_from(body: &serde_json::Value) -> UpdateQuotaSet {
    let q = body
        .get("quota_set")
        .or_else(|| body.get("quota_class_set"))
        .expect("a quota set body");
    let n = |k: &str| q.get(k).and_then(serde_json::Value::as_i64);
    let known = [
        "force",
        "cores",
        "instances",
        "ram",
        "key_pairs",
        "metadata_items",
        "fixed_ips",
        "floating_ips",
        "security_groups",
        "security_group_rules",
        "injected_files",
        "injected_file_content_bytes",
        "injected_file_path_bytes",
        "server_groups",
        "server_group_members",
    ];
    for key in q.as_object().unwrap().keys() {
        assert!(
            known.contains(&key.as_str()),
            "a quota key this test does not map: {key}"
        );
    }
    UpdateQuotaSet {
        force: q.get("force").map(|v| v == "True"),
        cores: n("cores"),
        instances: n("instances"),
        ram: n("ram"),
        key_pairs: n("key_pairs"),
        metadata_items: n("metadata_items"),
        fixed_ips: n("fixed_ips"),
        floating_ips: n("floating_ips"),
        security_groups: n("security_groups"),
        security_group_rules: n("security_group_rules"),
        injected_files: n("injected_files"),
        injected_file_content_bytes: n("injected_file_content_bytes"),
        injected_file_path_bytes: n("injected_file_path_bytes"),
        server_groups: n("server_groups"),
        server_group_members: n("server_group_members"),
        ..Default::default()
    }
}

#[test]
fn compute_quota_samples() {
    let mut cov = Coverage::new();
    let mut files = Vec::new();
    for d in DIRS {
        files.extend(samples::files_under(d));
    }
    assert_eq!(files.len(), 57, "{files:?}");

    for f in files.iter().filter(|f| f.starts_with("compute/limits/")) {
        let l = response(&mut cov, f, limits::get());
        no_untyped(f, &l.absolute.extra);
        no_untyped(f, &l.extra);
        assert_eq!(l.absolute.max_total_cores, Some(20), "{f}");
        assert_eq!(l.absolute.total_ram_used, Some(0), "{f}");
        assert_eq!(
            l.absolute.max_total_floating_ips.is_some(),
            minor(f) < 36,
            "{f}"
        );
        assert_eq!(l.absolute.max_image_meta.is_some(), minor(f) < 39, "{f}");
        assert_eq!(l.absolute.max_personality.is_some(), minor(f) < 57, "{f}");
    }

    for f in files
        .iter()
        .filter(|f| f.starts_with("compute/os-quota-sets/"))
    {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "quotas-show-get-resp.json" | "quotas-show-defaults-get-resp.json" => {
                let op = if name.contains("defaults") {
                    quota_sets::defaults(PROJECT)
                } else {
                    quota_sets::get(PROJECT, None)
                };
                let q = response(&mut cov, f, op);
                quota_set_ok(f, &q);
                assert_eq!(q.id.as_deref(), Some(PROJECT), "{f}");
            }
            "user-quotas-show-get-resp.json" => {
                let q = response(&mut cov, f, quota_sets::get(PROJECT, Some(USER)));
                quota_set_ok(f, &q);
            }
            "quotas-show-detail-get-resp.json" => {
                let d = response(&mut cov, f, quota_sets::detail(PROJECT, None));
                no_untyped(f, &d.extra);
                assert_eq!(d.cores.unwrap().limit, 20, "{f}");
                assert!(
                    d.instances.is_some() && d.server_group_members.is_some(),
                    "{f}"
                );
                assert_eq!(d.fixed_ips.is_some(), minor(f) < 36, "{f}");
            }
            "quotas-update-post-resp.json"
            | "quotas-update-force-post-resp.json"
            | "user-quotas-update-post-resp.json" => {
                let user = name.starts_with("user").then_some(USER);
                let q = response(
                    &mut cov,
                    f,
                    quota_sets::update(PROJECT, user, &UpdateQuotaSet::default()),
                );
                quota_set_ok(f, &q);
                assert_eq!(q.id, None, "{f}: update answers carry no id");
            }
            "quotas-update-post-req.json"
            | "quotas-update-force-post-req.json"
            | "user-quotas-update-post-req.json" => {
                let user = name.starts_with("user").then_some(USER);
                let op = quota_sets::update(PROJECT, user, &update_from(&samples::json(f)));
                request(&mut cov, f, op);
            }
            other => panic!("{f}: no case for {other}"),
        }
    }

    for f in files
        .iter()
        .filter(|f| f.starts_with("compute/os-quota-class-sets/"))
    {
        if f.ends_with("-req.json") {
            request(
                &mut cov,
                f,
                quota_sets::update_class("test_class", &update_from(&samples::json(f))),
            );
            continue;
        }
        let op = if f.contains("show") {
            quota_sets::get_class("test_class")
        } else {
            quota_sets::update_class("test_class", &UpdateQuotaSet::default())
        };
        let q = response(&mut cov, f, op);
        assert!(q.extra.is_empty(), "{f}: {:?}", q.extra.keys());
        assert!(q.cores.is_some() && q.instances.is_some(), "{f}");
        // Network quotas leave classes at 2.50 (not 2.36), file injection at 2.57.
        assert_eq!(q.floating_ips.is_some(), minor(f) < 50, "{f}");
        assert_eq!(q.injected_files.is_some(), minor(f) < 57, "{f}");
    }

    let zones = response(
        &mut cov,
        "compute/os-availability-zone/availability-zone-list-resp.json",
        availability_zones::list(),
    );
    assert_eq!(zones.len(), 1);
    assert_eq!(zones[0].zone_name, "nova");
    assert!(zones[0].zone_state.available && zones[0].hosts.is_none());
    let detail = response(
        &mut cov,
        "compute/os-availability-zone/availability-zone-detail-resp.json",
        availability_zones::list_detail(),
    );
    for z in &detail {
        no_untyped("availability-zone-detail-resp.json", &z.extra);
    }
    let nova_zone = detail.iter().find(|z| z.zone_name == "nova").unwrap();
    let compute = &nova_zone.hosts.as_ref().unwrap()["compute"]["nova-compute"];
    assert!(compute.active && compute.available && compute.updated_at.is_none());

    for f in files
        .iter()
        .filter(|f| f.starts_with("compute/os-server-groups/"))
    {
        let name = f.rsplit('/').next().unwrap();
        let modern = minor(f) >= 64;
        let check = |g: &server_groups::ServerGroup| {
            no_untyped(f, &g.extra);
            assert_eq!(g.effective_policy(), Some(&Policy::AntiAffinity), "{f}");
            assert_eq!(g.policy.is_some(), modern, "{f}");
            assert_eq!(g.metadata.is_some(), !modern, "{f}");
            if modern {
                assert_eq!(
                    g.rules.as_ref().unwrap().max_server_per_host,
                    Some(3),
                    "{f}"
                );
            }
        };
        match name {
            "server-groups-list-resp.json" => {
                let all = response(&mut cov, f, server_groups::list(&Default::default()));
                assert_eq!(all.len(), 1, "{f}");
                all.iter().for_each(check);
            }
            "server-groups-get-resp.json" => {
                let g = response(&mut cov, f, server_groups::get(GROUP));
                check(&g);
                assert_eq!(g.user_id.is_some(), minor(f) >= 13, "{f}");
            }
            "server-groups-post-resp.json" => {
                let op = if modern {
                    server_groups::create(&CreateServerGroup::default())
                } else {
                    server_groups::create_legacy("test", Policy::AntiAffinity)
                };
                check(&response(&mut cov, f, op));
            }
            "server-groups-post-req.json" if modern => request(
                &mut cov,
                f,
                server_groups::create(&CreateServerGroup {
                    name: "test".into(),
                    policy: Policy::AntiAffinity,
                    rules: Some(Rules {
                        max_server_per_host: Some(3),
                    }),
                }),
            ),
            "server-groups-post-req.json" => request(
                &mut cov,
                f,
                server_groups::create_legacy("test", Policy::AntiAffinity),
            ),
            other => panic!("{f}: no case for {other}"),
        }
    }

    cov.assert_complete("compute limits/quota sets/zones/server groups", &files);
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample checked, none excepted"
    );
}
