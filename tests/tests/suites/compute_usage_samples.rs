//! Nova simple tenant usage and migrations: every sample under their `compute/` folders,
//! in every microversion folder, parses with no known field left untyped (method and path
//! checked against ENDPOINTS.tsv), and linked pages lead on to the endpoint.

use ferrocloud::compute::migrations::{self, ListMigrations};
use ferrocloud::compute::usage::{self, UsageOpts};
use ferrocloud::{List, Paginated};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{compute_minor as minor, nova_for as nova};

const PROJECT: &str = "6f70656e737461636b20342065766572";

fn page<T: serde::de::DeserializeOwned>(
    cov: &mut Coverage,
    file: &str,
    list: List<T>,
) -> (Vec<T>, Option<String>) {
    let file = cov.check(file);
    let svc = nova(file);
    let first = list.first_request(&svc).unwrap();
    samples::assert_endpoint(file, &first);
    let page = list
        .parse_page(&svc, &first, samples::response(file))
        .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
    let next = page.next_url();
    (page.items, next)
}

#[test]
fn compute_usage_samples() {
    let mut cov = Coverage::new();
    let mut files = samples::files_under("compute/os-simple-tenant-usage");
    files.extend(samples::files_under("compute/os-migrations"));
    assert_eq!(files.len(), 24, "{files:?}");

    for f in files
        .iter()
        .filter(|f| f.contains("os-simple-tenant-usage"))
    {
        if f.ends_with("-specific.json") {
            let svc = nova(f);
            let p = samples::check_response(
                &mut cov,
                &svc,
                f,
                usage::single(PROJECT, &UsageOpts::default()),
            );
            let u = &p.tenant_usage;
            assert!(u.extra.is_empty(), "{f}: {:?}", u.extra.keys());
            let servers = u.server_usages.as_ref().expect("server usages");
            assert!(
                servers
                    .iter()
                    .all(|s| s.extra.is_empty() && s.hours.is_some()),
                "{f}"
            );
            assert_eq!(p.tenant_usage_links.is_empty(), minor(f) < 40, "{f}");
        } else {
            let detailed = f.contains("detail") || f.ends_with("-all.json");
            let opts = UsageOpts {
                detailed,
                ..Default::default()
            };
            let (items, next) = page(&mut cov, f, usage::all(&opts));
            assert!(!items.is_empty(), "{f}");
            for u in &items {
                assert!(u.extra.is_empty(), "{f}: {:?}", u.extra.keys());
                assert!(u.total_vcpus_usage.is_some() && u.start.is_some(), "{f}");
            }
            if let Some(next) = next {
                assert!(
                    next.starts_with("http://openstack.example.com/v2.1/"),
                    "{next}"
                );
            }
        }
    }

    for f in files.iter().filter(|f| f.contains("os-migrations")) {
        let filter = ListMigrations {
            limit: f.contains("with-limit").then_some(2),
            ..Default::default()
        };
        let (items, next) = page(&mut cov, f, migrations::list(&filter));
        assert!(!items.is_empty(), "{f}");
        for m in &items {
            assert!(m.extra.is_empty(), "{f}: {:?}", m.extra.keys());
            assert_eq!(m.migration_type.is_some(), minor(f) >= 23, "{f}");
            assert_eq!(m.uuid.is_some(), minor(f) >= 59, "{f}");
            assert_eq!(m.user_id.is_some(), minor(f) >= 80, "{f}");
        }
        if f.contains("with-limit") {
            let next = next.unwrap_or_else(|| panic!("{f}: a limited page links the next"));
            assert!(next.contains("marker="), "{next}");
        }
    }

    cov.assert_complete("compute usage/migrations", &files);
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample checked, none excepted"
    );
}
