//! Cinder volume transfers (both routes, each microversion folder, and v2): every sample
//! parses into its type with no known field left untyped, and every request sample is
//! reproduced by the builders (JSON values, with method and path checked against
//! ENDPOINTS.tsv).

use ferrocloud::block_storage::transfers::{self, CreateTransfer, ListTransfers, Route};
use ferrocloud::block_storage::ApiVersion;
use ferrocloud::{Operation, ServiceEndpoint, ServiceType};
use ferrocloud_tests::samples::{self, Coverage};

const PROJECT: &str = "0c2eba2c5af04d3f9e9d0d410b371fde";
const ID: &str = "2ef47aee-8844-490c-804d-2a8efe561c65";

fn cinder(file: &str) -> ServiceEndpoint {
    let v = if file.starts_with("block-storage/v2/") {
        ApiVersion::V2
    } else {
        ApiVersion::V3
    };
    ServiceEndpoint::new(
        ServiceType::BLOCK_STORAGE,
        &format!("http://cinder.example/{}/{PROJECT}", v.segment()),
    )
    .unwrap()
}

/// The microversion folder of a sample (`v3.57` → 57), 0 outside one.
fn minor(file: &str) -> u32 {
    file.split('/')
        .find_map(|s| s.strip_prefix("v3."))
        .map_or(0, |m| m.parse().unwrap())
}

fn response<O: Operation>(cov: &mut Coverage, file: &str, op: O) -> O::Output {
    samples::check_response(cov, &cinder(file), file, op)
}

fn request<O: Operation>(cov: &mut Coverage, file: &str, op: O) {
    samples::check_request(cov, &cinder(file), file, op)
}

/// The sample files of a v2 / v3 root whose name starts with one of `prefixes`, plus
/// every file under the v3 folders `dirs`.
fn files(prefixes: &[&str], dirs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for d in dirs {
        out.extend(samples::files_under(&format!("block-storage/v3/{d}")));
    }
    for v in ["v3", "v2"] {
        for f in samples::files_under(&format!("block-storage/{v}")) {
            let rest = f.splitn(3, '/').nth(2).unwrap();
            if !rest.contains('/') && prefixes.iter().any(|p| rest.starts_with(p)) {
                out.push(f);
            }
        }
    }
    out
}

fn transfer_ok(file: &str, t: &transfers::Transfer, create: bool) {
    assert!(t.extra.is_empty(), "{file}: untyped {:?}", t.extra.keys());
    assert!(!t.id.is_empty() && t.volume_id.is_some() && t.name.is_some());
    assert_eq!(t.links.len(), 2, "{file}");
    assert_eq!(
        t.auth_key.is_some(),
        create,
        "{file}: the key only on create"
    );
    let m = minor(file);
    if m >= 55 {
        assert_eq!(t.no_snapshots, Some(false), "{file}");
    }
    assert_eq!(t.accepted.is_some(), m >= 57, "{file}: accepted from 3.57");
    assert_eq!(t.source_project_id.is_some(), m >= 57, "{file}");
}

#[test]
fn storage_transfer_samples() {
    let files = files(
        &["volume-transfer"],
        &["volume_transfer", "volume_transfers"],
    );
    assert_eq!(files.len(), 22, "{files:#?}");
    let mut cov = Coverage::new();
    let all = ListTransfers::default();

    for f in &files {
        let name = f.rsplit('/').next().unwrap();
        // The 3.55+ samples live in `volume_transfers/`; the rest document the old route
        // (whose ENDPOINTS.tsv rows for the v3 lists also name the new one).
        let route = if f.contains("/volume_transfers/") {
            Route::VolumeTransfers
        } else {
            Route::OsVolumeTransfer
        };
        match name {
            "volume-transfer-create-request.json" | "volume-transfers-create-request.json" => {
                let body = samples::json(f);
                let t = &body["transfer"];
                let req = CreateTransfer {
                    volume_id: t["volume_id"].as_str().unwrap().into(),
                    name: t["name"].as_str().map(str::to_owned),
                    no_snapshots: t["no_snapshots"].as_bool(),
                };
                request(&mut cov, f, transfers::create(route, &req));
            }
            "volume-transfer-create-response.json" | "volume-transfers-create-response.json" => {
                let req = CreateTransfer {
                    volume_id: "v".into(),
                    ..Default::default()
                };
                let t = response(&mut cov, f, transfers::create(route, &req));
                transfer_ok(f, &t, true);
                assert!(t.created_at.is_some(), "{f}");
            }
            "volume-transfer-show-response.json" | "volume-transfers-show-response.json" => {
                let t = response(&mut cov, f, transfers::get(route, ID));
                transfer_ok(f, &t, false);
                assert!(t.created_at.is_some(), "{f}");
            }
            "volume-transfer-accept-request.json" | "volume-transfers-accept-request.json" => {
                let key = samples::json(f)["accept"]["auth_key"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                request(&mut cov, f, transfers::accept(route, ID, &key));
            }
            "volume-transfer-accept-response.json" | "volume-transfers-accept-response.json" => {
                let t = response(&mut cov, f, transfers::accept(route, ID, "k"));
                transfer_ok(f, &t, false);
                assert!(t.created_at.is_none(), "{f}");
            }
            "volume-transfers-list-response.json" => {
                let l = response(&mut cov, f, transfers::list(route, &all));
                assert!(!l.is_empty(), "{f}");
                l.iter().for_each(|t| {
                    transfer_ok(f, t, false);
                    assert!(t.created_at.is_none(), "{f}");
                });
            }
            "volume-transfers-list-detailed-response.json" => {
                let l = response(&mut cov, f, transfers::list_detail(route, &all));
                assert!(!l.is_empty(), "{f}");
                l.iter().for_each(|t| {
                    transfer_ok(f, t, false);
                    assert!(t.created_at.is_some(), "{f}");
                });
            }
            other => panic!("{f}: no check for {other}"),
        }
    }
    cov.assert_complete("block-storage transfers", &files);
    assert_eq!(cov.checked(), 22);
}
