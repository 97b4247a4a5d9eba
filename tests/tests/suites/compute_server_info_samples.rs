//! Nova instance actions, server password and server diagnostics: every sample under
//! their `compute/` folders, in every microversion folder, parses into its type with no
//! known field left untyped (method and path checked against ENDPOINTS.tsv).

use ferrocloud::compute::instance_actions::{self, ListActions};
use ferrocloud::compute::{server_diagnostics, server_external_events, server_password};
use ferrocloud::{Paginated, Timestamp};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{compute_minor as minor, no_untyped, nova_for as nova};

const SERVER: &str = "4bf3473b-d550-4b65-9409-292d44ab14a2";
const REQUEST: &str = "req-0d819d5c-1527-4669-bdf0-ffad31b5105b";

#[test]
fn compute_server_info_samples() {
    let mut cov = Coverage::new();
    let mut files = samples::files_under("compute/os-instance-actions");
    files.extend(samples::files_under("compute/os-server-password"));
    files.extend(samples::files_under("compute/os-server-diagnostics"));
    files.extend(samples::files_under("compute/os-server-external-events"));
    assert_eq!(files.len(), 38, "{files:?}");

    for f in files.iter().filter(|f| f.contains("/os-instance-actions/")) {
        let svc = nova(f);
        if f.contains("instance-actions-list") {
            let since: Timestamp = "2018-04-25T01:26:29Z".parse().unwrap();
            let list = instance_actions::list(
                SERVER,
                &ListActions {
                    limit: f.contains("with-limit").then_some(1),
                    marker: f.contains("with-marker").then(|| REQUEST.to_owned()),
                    changes_since: f.contains("changes-since").then_some(since),
                    changes_before: f.contains("changes-before").then_some(since),
                },
            );
            let file = cov.check(f);
            let first = list.first_request(&svc).unwrap();
            samples::assert_endpoint(file, &first);
            let page = list
                .parse_page(&svc, &first, samples::response(file))
                .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
            assert!(!page.items.is_empty(), "{file}");
            for a in &page.items {
                no_untyped(file, &a.extra);
                assert!(
                    !a.action.is_empty() && a.request_id.starts_with("req-"),
                    "{file}"
                );
                assert_eq!(a.updated_at.is_some(), minor(file) >= 58, "{file}");
            }
            // Only the limited page links the next one, on the endpoint's origin.
            match page.next_url() {
                Some(next) => {
                    assert!(file.contains("with-limit"), "{file}: {next}");
                    assert!(
                        next.starts_with("http://openstack.example.com/v2.1/"),
                        "{next}"
                    );
                    assert!(next.contains("marker=req-"), "{next}");
                }
                None => assert!(!file.contains("with-limit"), "{file}"),
            }
        } else {
            let a =
                samples::check_response(&mut cov, &svc, f, instance_actions::get(SERVER, REQUEST));
            no_untyped(f, &a.extra);
            assert!(!a.events.is_empty(), "{f}");
            for e in &a.events {
                no_untyped(f, &e.extra);
                assert_eq!(e.result.as_deref(), Some("Success"), "{f}");
                let admin = !f.contains("non-admin");
                assert_eq!(e.host_id.is_some(), minor(f) >= 62, "{f}");
                assert_eq!(e.host.is_some(), admin && minor(f) >= 62, "{f}");
            }
        }
    }

    let f = "compute/os-server-password/get-password-resp.json";
    let password = samples::check_response(&mut cov, &nova(f), f, server_password::get(SERVER));
    assert!(password.expose().ends_with("=="));
    assert!(
        !format!("{password:?}").contains("xlozO3"),
        "redacted in Debug"
    );

    for f in files
        .iter()
        .filter(|f| f.contains("/os-server-diagnostics/"))
    {
        let d = samples::check_response(&mut cov, &nova(f), f, server_diagnostics::get(SERVER));
        if minor(f) >= 48 {
            no_untyped(f, &d.extra);
            assert_eq!(d.state.as_deref(), Some("running"));
            assert_eq!((d.nic_details.len(), d.disk_details.len()), (1, 1));
            assert_eq!(d.memory_details.unwrap().maximum, Some(524288));
        } else {
            // Before 2.48 the driver's own keys.
            assert_eq!(d.extra["memory"], 524288, "{f}");
        }
    }

    let f = "compute/os-server-external-events/event-create-req.json";
    let event = server_external_events::Event {
        name: "test-event".into(),
        server_uuid: "3df201cf-2451-44f2-8d25-a4ca826fc1f3".into(),
        tag: Some("foo".into()),
        status: Some("completed".into()),
    };
    samples::check_request(
        &mut cov,
        &nova(f),
        f,
        server_external_events::create(std::slice::from_ref(&event)),
    );
    let f = "compute/os-server-external-events/event-create-resp.json";
    let results = samples::check_response(
        &mut cov,
        &nova(f),
        f,
        server_external_events::create(&[event]),
    );
    assert_eq!(results.len(), 1);
    assert_eq!(
        (results[0].code, results[0].event.name.as_str()),
        (Some(200), "network-changed")
    );
    assert!(results[0].extra.is_empty(), "{:?}", results[0].extra);

    cov.assert_complete(
        "compute instance actions/password/diagnostics/events",
        &files,
    );
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample checked, none excepted"
    );
}
