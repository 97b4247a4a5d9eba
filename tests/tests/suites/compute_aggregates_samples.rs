//! Nova host aggregates: every sample under `compute/os-aggregates`, in every microversion
//! folder: responses parse with no known field left untyped, requests are reproduced as
//! JSON values (method and path checked against ENDPOINTS.tsv).

use std::collections::BTreeMap;

use ferrocloud::compute::aggregates::{self, Aggregate, CreateAggregate, UpdateAggregate};
use ferrocloud::Op;
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::{compute_minor as minor, nova_for as nova};

/// The operation a request sample describes, from its own body.
fn request_op(file: &str) -> Op<Aggregate> {
    let body = samples::json(file);
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    match file.rsplit('/').next().unwrap() {
        "aggregate-post-req.json" => aggregates::create(&CreateAggregate {
            name: text(&body["aggregate"]["name"]).unwrap(),
            availability_zone: text(&body["aggregate"]["availability_zone"]),
        }),
        "aggregate-update-post-req.json" => aggregates::update(
            "1",
            &UpdateAggregate {
                name: text(&body["aggregate"]["name"]),
                availability_zone: text(&body["aggregate"]["availability_zone"]),
            },
        ),
        "aggregate-add-host-post-req.json" => {
            aggregates::add_host("1", body["add_host"]["host"].as_str().unwrap())
        }
        "aggregate-remove-host-post-req.json" => {
            aggregates::remove_host("1", body["remove_host"]["host"].as_str().unwrap())
        }
        "aggregate-metadata-post-req.json" => {
            let meta: BTreeMap<String, Option<String>> =
                serde_json::from_value(body["set_metadata"]["metadata"].clone()).unwrap();
            aggregates::set_metadata("1", &meta)
        }
        other => panic!("{file}: no case for {other}"),
    }
}

#[test]
fn compute_aggregates_samples() {
    let mut cov = Coverage::new();
    let files = samples::files_under("compute/os-aggregates");
    assert_eq!(files.len(), 37, "{files:?}");
    for f in &files {
        let svc = nova(f);
        let name = f.rsplit('/').next().unwrap();
        if name == "aggregate-images-post-req.json" {
            let op = aggregates::cache_images("1", &["70a599e0-31e7-49b7-b260-868f441e862b"]);
            samples::check_request(&mut cov, &svc, f, op);
            continue;
        }
        if name.ends_with("-req.json") {
            samples::check_request(&mut cov, &svc, f, request_op(f));
            continue;
        }
        let found: Vec<Aggregate> = match name {
            "aggregates-list-get-resp.json" => {
                samples::check_response(&mut cov, &svc, f, aggregates::list())
            }
            "aggregates-get-resp.json" => {
                vec![samples::check_response(
                    &mut cov,
                    &svc,
                    f,
                    aggregates::get("1"),
                )]
            }
            "aggregate-post-resp.json" => vec![samples::check_response(
                &mut cov,
                &svc,
                f,
                aggregates::create(&CreateAggregate::default()),
            )],
            "aggregate-update-post-resp.json" => vec![samples::check_response(
                &mut cov,
                &svc,
                f,
                aggregates::update("1", &UpdateAggregate::default()),
            )],
            _ => {
                // The action answers: the aggregate after the action.
                let op = aggregates::add_host("1", "h");
                vec![samples::check_response(&mut cov, &svc, f, op)]
            }
        };
        assert!(!found.is_empty(), "{f}");
        for a in &found {
            assert!(a.extra.is_empty(), "{f}: {:?}", a.extra.keys());
            assert_eq!(a.uuid.is_some(), minor(f) >= 41, "{f}");
            assert!(!a.name.is_empty(), "{f}");
        }
        if name.starts_with("aggregates-add-host") {
            assert_eq!(found[0].hosts.len(), 1, "{f}");
        }
        if name.starts_with("aggregates-metadata") {
            assert_eq!(
                found[0].metadata.get("key").map(String::as_str),
                Some("value")
            );
        }
    }
    cov.assert_complete("compute aggregates", &files);
    assert_eq!(
        cov.checked(),
        files.len(),
        "every sample checked, none excepted"
    );
}
