//! B2: parse a token with a 360-endpoint catalog and resolve the public compute endpoint
//! of RegionThree. B3: build one `GET /servers/{id}` request. Full call: one typed
//! get-server through the driver over the in-memory transport (auth cached), answered
//! with a full server (the first of the 1000-server page, as the peer's bench).
//!
//! Fixtures: `python3 ../shared/bench/gen_fixtures.py target/bench-fixtures` (the
//! `scripts/bench.sh` script does it).

use std::path::PathBuf;

use bytes::Bytes;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ferrocloud::compute::servers;
use ferrocloud::testing::{MockResponse, MockTransport};
use ferrocloud::{
    auth, path, AuthOptions, Client, EndpointOpts, Op, Operation, ServiceEndpoint, ServiceType,
};

fn fixture(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("FERROCLOUD_BENCH_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-fixtures")
        });
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run scripts/bench.sh to generate fixtures)",
            path.display()
        )
    })
}

fn b2_token_catalog(c: &mut Criterion) {
    let body = Bytes::from(fixture("token_catalog_30x3x4.json"));
    let opts = EndpointOpts::default().region("RegionThree");
    c.bench_function("B2 token 360 endpoints + find compute RegionThree", |b| {
        b.iter(|| {
            let mut resp = http::Response::new(body.clone());
            resp.headers_mut().insert(
                "x-subject-token",
                http::HeaderValue::from_static("gAAAAA-bench"),
            );
            let token = auth::v3::parse(black_box(&resp)).unwrap();
            let ep = token
                .info
                .catalog
                .find(ServiceType::COMPUTE, &opts)
                .unwrap();
            black_box(ep.url.len())
        })
    });
}

fn b3_build_get(c: &mut Criterion) {
    let nova = ServiceEndpoint::new(
        ServiceType::COMPUTE,
        "https://compute.example.com:8774/v2.1",
    )
    .unwrap()
    .with_microversion("2.100");
    let id = "5b1f7a0e-7c2f-4b7a-9d0e-2f9c1e8a4b6d";
    c.bench_function("B3 build GET /servers/{id}", |b| {
        b.iter(|| {
            let op: Op<serde_json::Value> =
                Op::get(path!("servers/{}", black_box(id))).decode_key("server");
            black_box(op.request(&nova).unwrap())
        })
    });
}

/// The first server of the 1000-server page, as `GET /servers/{id}` answers it (with
/// `server_groups`, 2.71+): the payload the peer's full-call bench uses.
fn full_server() -> String {
    let page: serde_json::Value =
        serde_json::from_slice(&fixture("servers_detail_1000.json")).expect("page");
    let mut server = page["servers"][0].clone();
    server["server_groups"] = serde_json::json!([]);
    serde_json::json!({ "server": server }).to_string()
}

fn full_call(c: &mut Criterion) {
    let mock = MockTransport::new();
    mock.keystone("http://keystone/v3", "http://nova/v2.1");
    mock.on(
        http::Method::GET,
        "/v2.1/servers/5b1f7a0e",
        MockResponse::json(200, full_server()),
    );
    let client = Client::new(
        mock,
        &AuthOptions::password("http://keystone/v3", "u", "Default", "p").project_id("p"),
    )
    .unwrap();
    let nova = client.compute();
    let op = servers::get("5b1f7a0e");
    futures::executor::block_on(nova.call(&op)).unwrap();
    c.bench_function("full call through the driver (mock transport)", |b| {
        b.iter(|| black_box(futures::executor::block_on(nova.call(&op)).unwrap()))
    });
}

criterion_group!(benches, b2_token_catalog, b3_build_get, full_call);
criterion_main!(benches);
