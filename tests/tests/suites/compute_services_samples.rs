//! Nova compute services: every sample under `compute/os-services`, in every microversion
//! folder: responses parse with no known field left untyped, requests are reproduced as
//! JSON values (method and path checked against ENDPOINTS.tsv).

use ferrocloud::compute::services::{self, ServiceStatus, UpdateService};
use ferrocloud::Operation;
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{compute_minor as minor, nova_for as nova};

const ID: &str = "e81d66a4-ddd3-4aba-8a84-171d1cb4d339";

/// The operation a sample (request or response) belongs to.
fn op(file: &str) -> ferrocloud::Op<services::ComputeService> {
    let name = file.rsplit('/').next().unwrap();
    let modern = minor(file) >= 53;
    let change = |status, reason: Option<&str>, down| UpdateService {
        status,
        disabled_reason: reason.map(str::to_owned),
        forced_down: down,
    };
    match (modern, name.split("-put-").next().unwrap()) {
        (true, "service-enable") => {
            services::update(ID, &change(Some(ServiceStatus::Enabled), None, None))
        }
        (true, "service-disable") => {
            services::update(ID, &change(Some(ServiceStatus::Disabled), None, None))
        }
        (true, "service-disable-log") => services::update(
            ID,
            &change(Some(ServiceStatus::Disabled), Some("maintenance"), None),
        ),
        (true, "service-force-down") => services::update(ID, &change(None, None, Some(true))),
        (false, "service-enable") => services::enable("host1", "nova-compute"),
        (false, "service-disable") => services::disable("host1", "nova-compute"),
        (false, "service-disable-log") => {
            services::disable_log_reason("host1", "nova-compute", "test2")
        }
        (false, "service-force-down") => services::force_down("host1", "nova-compute", true),
        (_, other) => panic!("{file}: no case for {other}"),
    }
}

#[test]
fn compute_services_samples() {
    let mut cov = Coverage::new();
    let files = samples::files_under("compute/os-services");
    assert_eq!(files.len(), 26, "{files:?}");
    for f in &files {
        let svc = nova(f);
        if f.ends_with("services-list-get-resp.json") {
            let all =
                samples::check_response(&mut cov, &svc, f, services::list(&Default::default()));
            assert!(!all.is_empty(), "{f}");
            for s in &all {
                assert!(s.extra.is_empty(), "{f}: {:?}", s.extra.keys());
                assert!(s.binary.is_some(), "{f}");
                if minor(f) >= 69 {
                    // A down cell: only binary, host and an UNKNOWN status.
                    assert_eq!(
                        s.status,
                        Some(ServiceStatus::Other("UNKNOWN".into())),
                        "{f}"
                    );
                } else {
                    assert_eq!(s.id.contains('-'), minor(f) >= 53, "{f}: {}", s.id);
                    assert_eq!(s.forced_down.is_some(), minor(f) >= 11, "{f}");
                }
            }
        } else if f.ends_with("-req.json") {
            if minor(f) >= 53 && f.contains("service-disable-put") {
                // ENDPOINTS.tsv infers `PUT /os-services/disable` for this 2.53 body, which
                // Nova takes at `PUT /os-services/{service_id}` (as the enable and
                // force-down samples of the same folder say): compare the body alone.
                let req = op(f).request(&svc).unwrap();
                let got: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
                assert_eq!(got, samples::json(cov.check(f)), "{f}");
                assert_eq!(req.uri().path(), format!("/v2.1/os-services/{ID}"));
            } else {
                samples::check_request(&mut cov, &svc, f, op(f));
            }
        } else {
            let s = if minor(f) >= 53 && f.contains("service-disable-put") {
                let s = op(f).parse(samples::response(cov.check(f))).unwrap();
                assert_eq!(s.id, ID);
                s
            } else {
                samples::check_response(&mut cov, &svc, f, op(f))
            };
            assert!(s.extra.is_empty(), "{f}: {:?}", s.extra.keys());
            assert_eq!(s.host.as_deref(), Some("host1"), "{f}");
        }
    }
    cov.assert_complete("compute services", &files);
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample checked, none excepted"
    );
}
