//! Cinder limits, quota sets and availability zones: every sample of `block-storage/v3/limits`,
//! `v3/quota_sets`, the v3 zone list and their v2 counterparts parses into its type with no
//! known field left untyped, and every request sample is reproduced by the builders (JSON
//! values, with method and path checked against ENDPOINTS.tsv).

use ferrocloud::block_storage::quota_sets::{self, QuotaSet, UpdateQuotaSet};
use ferrocloud::block_storage::{availability_zones, limits, ApiVersion};
use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

const PROJECT: &str = "0c2eba2c5af04d3f9e9d0d410b371fde";
const TARGET: &str = "fake_tenant";

fn cinder(version: ApiVersion) -> ServiceEndpoint {
    ServiceEndpoint::new(
        ServiceType::BLOCK_STORAGE,
        &format!("http://cinder.example/{}/{PROJECT}", version.segment()),
    )
    .unwrap()
}

fn version(file: &str) -> ApiVersion {
    if file.starts_with("block-storage/v2/") {
        ApiVersion::V2
    } else {
        ApiVersion::V3
    }
}

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &cinder(version(file)), file, op)
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &cinder(version(file)), file, op)
}

/// Only the per-volume-type quotas (`volumes___DEFAULT__`, …) are left in `extra`.
fn only_per_type(file: &str, extra: &serde_json::Map<String, serde_json::Value>) {
    let untyped: Vec<_> = extra
        .keys()
        .filter(|k| !k.ends_with("___DEFAULT__"))
        .collect();
    assert!(
        untyped.is_empty(),
        "{file}: fields left untyped: {untyped:?}"
    );
}

fn quota_set_ok(file: &str, q: &QuotaSet) {
    only_per_type(file, &q.extra);
    assert!(q.volumes.is_some() && q.snapshots.is_some(), "{file}");
    if file.contains("/v3/") {
        assert!(q.backups.is_some() && q.groups.is_some(), "{file}");
        assert_eq!(q.per_volume_gigabytes, Some(-1), "{file}");
        assert_eq!(q.of_type("gigabytes", "__DEFAULT__"), Some(-1), "{file}");
    }
}

/// The update a request sample describes, field by field.
fn update_from(file: &str) -> UpdateQuotaSet {
    let body = samples::json(file);
    let q = &body["quota_set"];
    let n = |k: &str| q.get(k).and_then(serde_json::Value::as_i64);
    for key in q.as_object().unwrap().keys() {
        assert!(
            ["volumes", "snapshots", "groups", "backups"].contains(&key.as_str()),
            "{file}: a quota key this test does not map: {key}"
        );
    }
    UpdateQuotaSet {
        volumes: n("volumes"),
        snapshots: n("snapshots"),
        groups: n("groups"),
        backups: n("backups"),
        ..Default::default()
    }
}

#[test]
fn storage_quota_samples() {
    let mut files = samples::files_under("block-storage/v3/limits");
    files.extend(samples::files_under("block-storage/v3/quota_sets"));
    for f in [
        "v3/availability-zone-list-response.json",
        "v3/user-quotas-show-response.json",
        "v3/user-quotas-update-request.json",
        "v3/user-quotas-update-response.json",
        "v2/availability-zone-list-response.json",
        "v2/limits-show-response.json",
        "v2/quotas-show-defaults-response.json",
        "v2/quotas-show-response.json",
        "v2/quotas-update-request.json",
        "v2/quotas-update-response.json",
        "v2/quotas-user-show-detailed-response.json",
        "v2/quotas-user-show-response.json",
        "v2/user-quotas-show-response.json",
        "v2/user-quotas-update-request.json",
        "v2/user-quotas-update-response.json",
    ] {
        files.push(format!("block-storage/{f}"));
    }
    assert_eq!(files.len(), 21, "{files:#?}");
    let mut cov = Coverage::new();

    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        match name {
            "limits-show-response.json" => {
                let l = response(&mut cov, f, limits::get());
                assert!(l.extra.is_empty() && l.absolute.extra.is_empty(), "{f}");
                let a = &l.absolute;
                assert_eq!(
                    (a.max_total_volumes, a.max_total_volume_gigabytes),
                    (Some(10), Some(1000)),
                    "{f}"
                );
                assert_eq!(
                    (a.total_backups_used, a.max_total_backup_gigabytes),
                    (Some(0), Some(1000)),
                    "{f}"
                );
                assert!(
                    a.total_snapshots_used.is_some()
                        && a.max_total_snapshots.is_some()
                        && a.total_backup_gigabytes_used.is_some()
                        && a.max_total_backups.is_some()
                        && a.total_volumes_used.is_some()
                        && a.total_gigabytes_used.is_some(),
                    "{f}"
                );
            }
            "availability-zone-list-response.json" => {
                let zones = response(&mut cov, f, availability_zones::list());
                assert_eq!(zones.len(), 1, "{f}");
                assert_eq!(zones[0].zone_name, "nova");
                assert!(zones[0].zone_state.available && zones[0].extra.is_empty());
            }
            "quotas-show-response.json" | "quotas-show-defaults-response.json" => {
                let op = if name.contains("defaults") {
                    quota_sets::defaults(TARGET)
                } else {
                    quota_sets::get(TARGET)
                };
                let q = response(&mut cov, f, op);
                quota_set_ok(f, &q);
                if f.contains("/v3/") {
                    assert_eq!(q.id.as_deref(), Some(TARGET), "{f}");
                }
            }
            "quotas-show-usage-response.json" => {
                let u = response(&mut cov, f, quota_sets::usage(TARGET));
                only_per_type(f, &u.extra);
                assert_eq!(u.id.as_deref(), Some(TARGET));
                assert_eq!(u.gigabytes.unwrap().limit, 1000);
                assert!(u.volumes.is_some() && u.backup_gigabytes.is_some());
                assert!(u.backups.is_some() && u.groups.is_some() && u.snapshots.is_some());
                assert_eq!(u.per_volume_gigabytes.unwrap().limit, -1);
                let d = u.of_type("volumes", "__DEFAULT__").expect("per type");
                assert_eq!((d.limit, d.in_use, d.reserved), (-1, 0, 0));
            }
            "quotas-update-request.json" => {
                request(&mut cov, f, quota_sets::update(TARGET, &update_from(f)));
            }
            "quotas-update-response.json" => {
                let req = update_from(&f.replace("-response", "-request"));
                let q = response(&mut cov, f, quota_sets::update(TARGET, &req));
                only_per_type(f, &q.extra);
                assert!(q.id.is_none(), "{f}: update answers carry no id");
                assert!(q.snapshots.is_some());
            }
            // Unreferenced v2 samples of a user's quotas: Cinder has no per-user quotas,
            // but their shapes are a project's, which is how they are read here.
            "quotas-user-show-response.json" => {
                let q = response(&mut cov, f, quota_sets::get(TARGET));
                assert!(q.extra.is_empty() && q.gigabytes == Some(5), "{f}");
            }
            "quotas-user-show-detailed-response.json" => {
                let u = response(&mut cov, f, quota_sets::usage(TARGET));
                assert!(u.extra.is_empty(), "{f}");
                assert_eq!(u.gigabytes.unwrap().in_use, 100);
                assert_eq!(u.snapshots.unwrap().in_use, 12);
            }
            "user-quotas-show-response.json"
            | "user-quotas-update-request.json"
            | "user-quotas-update-response.json" => cov.except(
                f,
                "a copy of Nova's per-user quota sample (cores, instances, ram): \
                 no Cinder API answers or takes it",
            ),
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage limits/quota_sets/zones", &files);
    assert_eq!(cov.checked(), 15);
}
