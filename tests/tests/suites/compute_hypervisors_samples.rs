//! Nova hypervisors: every sample under `compute/os-hypervisors`, in every microversion
//! folder, parses into its type with no known field left untyped (method and path
//! checked against ENDPOINTS.tsv); numeric ids (before 2.53) and UUIDs read alike.

use ferrocloud::compute::hypervisors::{self, Hypervisor, ListHypervisors};
use ferrocloud::{List, Paginated};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{compute_minor as minor, nova_for as nova};

const ID: &str = "b1e43b5f-eec1-44e0-9f10-7b4945c0226d";

fn ok(file: &str, h: &Hypervisor) {
    assert!(h.extra.is_empty(), "{file}: untyped {:?}", h.extra.keys());
    assert!(!h.id.is_empty(), "{file}");
    // UUID ids from 2.53, numbers before.
    assert_eq!(h.id.contains('-'), minor(file) >= 53, "{file}: {}", h.id);
    assert_eq!(h.state.as_deref(), Some("up"), "{file}");
    if let Some(cpu) = &h.cpu_info {
        assert_eq!(cpu.is_object(), minor(file) >= 28, "{file}: {cpu}");
    }
}

fn page(cov: &mut Coverage, file: &str, list: List<Hypervisor>) -> Vec<Hypervisor> {
    let file = cov.check(file);
    let svc = nova(file);
    let first = list.first_request(&svc).unwrap();
    samples::assert_endpoint(file, &first);
    let page = list
        .parse_page(&svc, &first, samples::response(file))
        .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
    page.items
}

#[test]
fn compute_hypervisors_samples() {
    let mut cov = Coverage::new();
    let files = samples::files_under("compute/os-hypervisors");
    assert_eq!(files.len(), 35, "{files:?}");
    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        let svc = nova(f);
        let all: Vec<Hypervisor> = match name {
            "hypervisors-list-resp.json" => {
                page(&mut cov, f, hypervisors::list(&Default::default()))
            }
            "hypervisors-detail-resp.json" => {
                let items = page(&mut cov, f, hypervisors::list_detail(&Default::default()));
                for h in &items {
                    // The usage fields are gone at 2.88, uptime arrives.
                    assert_eq!(h.capacity.vcpus.is_some(), minor(f) < 88, "{f}");
                    assert!(h.service.is_some(), "{f}");
                }
                items
            }
            "hypervisors-detail-with-servers-resp.json" => {
                let with = ListHypervisors {
                    with_servers: true,
                    ..Default::default()
                };
                page(&mut cov, f, hypervisors::list_detail(&with))
            }
            "hypervisors-search-resp.json" => {
                samples::check_response(&mut cov, &svc, f, hypervisors::search("fake"))
            }
            "hypervisors-with-servers-resp.json" | "hypervisors-without-servers-resp.json" => {
                // From 2.53 the servers come with the list (`with_servers`).
                let items = if minor(f) >= 53 {
                    let with = ListHypervisors {
                        hypervisor_hostname_pattern: Some("fake".into()),
                        with_servers: true,
                        ..Default::default()
                    };
                    page(&mut cov, f, hypervisors::list(&with))
                } else {
                    samples::check_response(&mut cov, &svc, f, hypervisors::servers("fake"))
                };
                let with = name.contains("with-servers");
                assert!(
                    items
                        .iter()
                        .all(|h| h.servers.as_ref().is_some_and(|s| !s.is_empty()) == with),
                    "{f}"
                );
                items
            }
            "hypervisors-show-resp.json" => {
                vec![samples::check_response(
                    &mut cov,
                    &svc,
                    f,
                    hypervisors::get(ID),
                )]
            }
            "hypervisors-show-with-servers-resp.json" => {
                let h =
                    samples::check_response(&mut cov, &svc, f, hypervisors::get_with_servers(ID));
                assert_eq!(h.servers.as_ref().map(Vec::len), Some(2), "{f}");
                vec![h]
            }
            "hypervisors-uptime-resp.json" => {
                let h = samples::check_response(&mut cov, &svc, f, hypervisors::uptime(ID));
                assert!(h
                    .uptime
                    .as_deref()
                    .is_some_and(|u| u.contains("load average")));
                vec![h]
            }
            "hypervisors-statistics-resp.json" => {
                let s = samples::check_response(&mut cov, &svc, f, hypervisors::statistics());
                assert!(s.extra.is_empty(), "{f}");
                assert_eq!(
                    (s.count, s.capacity.vcpus, s.capacity.memory_mb),
                    (Some(1), Some(2), Some(8192))
                );
                continue;
            }
            other => panic!("{f}: no case for {other}"),
        };
        assert!(!all.is_empty(), "{f}");
        for h in &all {
            ok(f, h);
        }
    }
    cov.assert_complete("compute hypervisors", &files);
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample checked, none excepted"
    );
}
