//! Version documents: Nova's `compute/versions` and Placement's root parse with
//! [`version::discover`] / [`version::discover_all`] (method and path checked against
//! ENDPOINTS.tsv), with the microversion ranges read right.

use ferrocloud::version::{self, Microversion};
use ferrocloud::{ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

#[test]
fn version_documents() {
    let mut cov = Coverage::new();
    let mut files = samples::files_under("compute/versions");
    files.extend(samples::files_under("placement/root"));
    assert_eq!(files.len(), 4, "{files:?}");
    let mv = |s: &str| s.parse::<Microversion>().unwrap();
    let nova =
        ServiceEndpoint::new(ServiceType::COMPUTE, "http://openstack.example.com/v2.1").unwrap();

    let f = "compute/versions/v21-version-get-resp.json";
    let v = samples::check_response(&mut cov, &nova, f, version::discover());
    assert_eq!(
        (v.id.as_str(), v.max_microversion()),
        ("v2.1", Some(mv("2.104")))
    );
    assert_eq!(v.min_microversion(), Some(mv("2.1")));
    assert!(v.extra.contains_key("media-types"));

    // The legacy v2 document: no microversions.
    let f = "compute/versions/v2-version-get-resp.json";
    let v = samples::check_response(&mut cov, &nova, f, version::discover());
    assert_eq!(v.id, "v2.0");
    assert_eq!(v.choose(mv("2.1")).unwrap(), None);

    let f = "compute/versions/versions-get-resp.json";
    let all = samples::check_response(&mut cov, &nova, f, version::discover_all());
    let ids: Vec<&str> = all.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["v2.0", "v2.1"]);
    assert!(all[1].is_current() && !all[0].is_current());

    let placement =
        ServiceEndpoint::with_suffix(ServiceType::PLACEMENT, "http://openstack.example.com", None)
            .unwrap();
    let f = "placement/root/get-root.json";
    let v = samples::check_response(&mut cov, &placement, f, version::discover());
    assert_eq!(
        v.max_microversion(),
        Some(mv("1.28")),
        "max_version read as the highest"
    );
    assert_eq!(v.choose(mv("1.39")).unwrap(), Some(mv("1.28")));

    cov.assert_complete("version documents", &files);
    assert_eq!(cov.checked(), files.len());
}
