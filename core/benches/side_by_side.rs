//! The benchmarks of `../shared/bench/peer-openstack_sdk` in the same harness shape (warm-up,
//! then `rounds` timed runs of `iters` iterations, median per item, one JSON line each),
//! so `scripts/bench.sh` can run both programs interleaved in one run and print ratios.
//!
//! `cargo bench -p ferrocloud --bench side_by_side -- <bench> [rounds] [iters]` with
//! `FERROCLOUD_BENCH_FIXTURES` naming the fixtures of `gen_fixtures.py`. Benches:
//! Runs on the system allocator; allocation counts are `benches/allocations.rs`' (a
//! counting allocator would slow ours and not the peer's).
//!
//! - `b1`: a 1000-server `GET /servers/detail` page through the list operation's page parse
//!   (typed `Server`s and the next link), as users get it;
//! - `b1limit`: `serde_json::from_slice` of the same page into `Vec<Server>` (no paging, no
//!   driver): the floor for `b1` in the same run;
//! - `b2`: the 360-endpoint token parsed, and the public compute URL of RegionThree found;
//! - `b3`: 100k `GET /servers/{id}` requests built with the token header, over 1000 ids;
//! - `b3full`: 10k typed get-server calls through the driver on an in-memory transport whose
//!   answer is the FULL first server of the page (plus `server_groups: []`), as the peer's.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use ferrocloud::compute::servers::{self, Server};
use ferrocloud::testing::MockTransport;
use ferrocloud::{
    auth, AuthOptions, Client, EndpointOpts, Operation, Paginated, ServiceEndpoint, ServiceType,
    Transport, TransportError,
};
use http::{HeaderValue, Request, Response};

fn read(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("FERROCLOUD_BENCH_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-fixtures")
        });
    let path = dir.join(name);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/bench.sh)", path.display()))
}

/// Same shape as the peer's `run`: warm-up, `rounds` × `iters`, median per item.
fn run(name: &str, rounds: usize, iters: usize, unit: &str, per_unit: f64, mut f: impl FnMut()) {
    for _ in 0..iters.min(3) {
        f();
    }
    let mut per: Vec<f64> = (0..rounds)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..iters {
                f();
            }
            t0.elapsed().as_nanos() as f64 / iters as f64
        })
        .collect();
    per.sort_by(f64::total_cmp);
    let med = per[rounds / 2];
    println!(
        "{{\"peer\":\"ferrocloud\",\"bench\":{name:?},\"median_us\":{:.3},\"min_us\":{:.3},\"max_us\":{:.3},\"rounds\":{rounds},\"iters\":{iters},\"per_{unit}_us\":{:.4}}}",
        med / 1e3,
        per[0] / 1e3,
        per[rounds - 1] / 1e3,
        med / 1e3 / per_unit
    );
}

const TOKEN: &str = "gAAAAABexampletoken0123456789";

/// Answers every request with the same canned response, as the peer's fake client does;
/// `POST …/auth/tokens` gets a token whose catalog names the compute endpoint.
struct Canned {
    token: Bytes,
    body: Bytes,
}

impl Transport for Canned {
    async fn send(&self, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        black_box(&req);
        let mut resp = if req.uri().path().ends_with("/auth/tokens") {
            let mut r = Response::new(self.token.clone());
            r.headers_mut()
                .insert("x-subject-token", HeaderValue::from_static(TOKEN));
            *r.status_mut() = http::StatusCode::CREATED;
            r
        } else {
            Response::new(self.body.clone())
        };
        resp.headers_mut()
            .insert("content-type", HeaderValue::from_static("application/json"));
        Ok(resp)
    }

    async fn sleep(&self, _: Duration) {}

    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let bench = args.first().map(String::as_str).unwrap_or("b1");
    let rounds: usize = args.get(1).map_or(15, |s| s.parse().expect("rounds"));
    let iters: usize = args.get(2).map_or(20, |s| s.parse().expect("iters"));
    let nova = ServiceEndpoint::new(
        ServiceType::COMPUTE,
        "https://compute.regionthree.example.com:8001/v2.1",
    )
    .expect("endpoint")
    .with_microversion("2.100");
    match bench {
        "b1" => {
            let raw = Bytes::from(read("servers_detail_1000.json"));
            let list = servers::list_detail(&servers::ListServers::default());
            let req = list.first_request(&nova).expect("request");
            let page = list
                .parse_page(&nova, &req, Response::new(raw.clone()))
                .expect("page");
            assert_eq!(page.items.len(), 1000);
            assert_eq!(page.items[999].name.as_deref(), Some("server-00999"));
            run(
                "B1 parse 1000-server page (list page parse: typed servers + next link)",
                rounds,
                iters,
                "server",
                1000.0,
                || {
                    let page = list
                        .parse_page(&nova, &req, Response::new(black_box(raw.clone())))
                        .unwrap();
                    black_box(page);
                },
            );
        }
        "b1limit" => {
            #[derive(serde::Deserialize)]
            struct Page {
                servers: Vec<Server>,
            }
            let raw = read("servers_detail_1000.json");
            let parse = |raw: &[u8]| serde_json::from_slice::<Page>(raw).unwrap().servers;
            assert_eq!(parse(&raw).len(), 1000);
            run(
                "B1 limit: serde_json::from_slice into Vec<Server> (no paging)",
                rounds,
                iters,
                "server",
                1000.0,
                || {
                    black_box(parse(black_box(&raw)));
                },
            );
        }
        "b2" => {
            let raw = Bytes::from(read("token_catalog_30x3x4.json"));
            let opts = EndpointOpts::default().region("RegionThree");
            run(
                "B2 token parse + public compute URL of RegionThree",
                rounds,
                iters,
                "op",
                1.0,
                || {
                    let mut resp = Response::new(black_box(raw.clone()));
                    resp.headers_mut()
                        .insert("x-subject-token", HeaderValue::from_static(TOKEN));
                    let token = auth::v3::parse(&resp).unwrap();
                    let ep = token
                        .info
                        .catalog
                        .find(ServiceType::COMPUTE, &opts)
                        .unwrap();
                    black_box(ep.url.len());
                },
            );
        }
        "b3" => {
            let ids: Vec<String> =
                serde_json::from_slice(&read("server_ids_1000.json")).expect("ids");
            let token = HeaderValue::from_static(TOKEN);
            let build = |id: &str| {
                let mut req = servers::get(id).request(&nova).unwrap();
                req.headers_mut().insert("x-auth-token", token.clone());
                req
            };
            run(
                "B3 build 100k GET /servers/{id} requests (+ token header)",
                rounds,
                iters,
                "req",
                100_000.0,
                || {
                    for i in 0..100_000 {
                        black_box(build(&ids[i % 1000]));
                    }
                },
            );
        }
        "b3full" => {
            let raw = read("servers_detail_1000.json");
            let v: serde_json::Value = serde_json::from_slice(&raw).expect("page");
            let mut srv = v["servers"][0].clone();
            srv["server_groups"] = serde_json::json!([]);
            let one = serde_json::to_vec(&serde_json::json!({ "server": srv })).expect("json");
            let catalog = serde_json::json!([{
                "type": "compute", "name": "nova", "id": "c",
                "endpoints": [{"id": "e", "interface": "public", "region": "RegionThree", "region_id": "RegionThree",
                               "url": "https://compute.regionthree.example.com:8001/v2.1"}]
            }]);
            let token =
                MockTransport::token_body(SystemTime::now() + Duration::from_secs(3600), &catalog);
            let client = Client::new(
                Canned {
                    token: Bytes::from(token),
                    body: Bytes::from(one),
                },
                &AuthOptions::password("https://keystone.example.com/v3", "u", "Default", "p")
                    .project_id("p"),
            )
            .expect("client");
            let nova = client.compute().microversion("2.100");
            let ids: Vec<String> =
                serde_json::from_slice(&read("server_ids_1000.json")).expect("ids");
            let get = |id: &str| futures::executor::block_on(nova.call(&servers::get(id))).unwrap();
            assert_eq!(get(&ids[0]).name.as_deref(), Some("server-00000"));
            let n = 10_000;
            run(
                "B3full 10k typed get-server calls through the driver (in-memory transport)",
                rounds,
                iters,
                "call",
                n as f64,
                || {
                    for i in 0..n {
                        black_box(get(&ids[i % 1000]));
                    }
                },
            );
        }
        other => panic!("unknown bench {other} (b1, b1limit, b2, b3, b3full)"),
    }
}
