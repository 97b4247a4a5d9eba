//! The browser benchmarks: what a dashboard user pays in headless Chromium, through this
//! crate's `FetchTransport`, for the native figures B1 and B4 of `scripts/bench.sh`.
//!
//! - `b1`: the 1000-server `GET /servers/detail` page (`servers_detail_1000.json`, fetched
//!   once) parsed by the typed `compute::servers::list_detail` page parse, the same
//!   operation as `core/benches/side_by_side.rs` `b1`; median of `B1_ROUNDS` rounds of
//!   `B1_ITERS` parses, timed with `performance.now()`. Prints `BROWSER B1 <ms per page>`.
//! - `b4`: all 10,000 servers (10 pages of 1000) listed through `Client` +
//!   `compute().list(..)` from the nginx of `scripts/bench-b4.sh`, from client creation
//!   (password auth included) to the last server; median of 3 (the first run, which also
//!   pays the CORS preflights that later runs find cached, is printed too). Prints
//!   `BROWSER B4 <s>`.
//!
//! Not part of `cargo test` nor of `scripts/wasm-test.sh`: the target needs the
//! `browser-bench` feature. `scripts/bench-browser.sh` serves the fixtures with CORS, builds
//! this with the dashboard's `wasm-release` profile and runs it with `--nocapture`; the
//! base URL is compiled in from `FERROCLOUD_BROWSER_BENCH_BASE` (default
//! `http://127.0.0.1:18080`).
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use bytes::Bytes;
use ferrocloud::compute::servers::{self, ListServers};
use ferrocloud::{
    AuthOptions, Client, ListCommon, Paginated, ServiceEndpoint, ServiceType, Transport,
};
use ferrocloud_wasm::FetchTransport;
use futures::TryStreamExt;
use http::{Request, Response};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const B1_ROUNDS: usize = 9;
const B1_ITERS: usize = 10;
const B4_RUNS: usize = 3;
const B4_SERVERS: usize = 10_000;

fn base() -> &'static str {
    option_env!("FERROCLOUD_BROWSER_BENCH_BASE").unwrap_or("http://127.0.0.1:18080")
}

/// `performance.now()` in milliseconds (the page's high-resolution clock).
fn now_ms() -> f64 {
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).expect("performance");
    let now: js_sys::Function = js_sys::Reflect::get(&perf, &"now".into())
        .expect("performance.now")
        .unchecked_into();
    now.call0(&perf)
        .expect("performance.now()")
        .as_f64()
        .expect("a number")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Prints one machine-readable line; `--nocapture` shows it on the runner's stdout.
fn report(line: String) {
    wasm_bindgen_test::console_log!("{line}");
}

#[wasm_bindgen_test]
async fn b1() {
    let req = Request::get(format!("{}/bench/servers_detail_1000.json", base()))
        .body(Bytes::new())
        .expect("request");
    let resp = FetchTransport::new()
        .send(req)
        .await
        .expect("fetch the B1 page");
    assert_eq!(resp.status(), 200, "the B1 fixture is served");
    let raw = resp.into_body();

    // The same endpoint and operation as side_by_side's `b1`.
    let nova = ServiceEndpoint::new(
        ServiceType::COMPUTE,
        "https://compute.regionthree.example.com:8001/v2.1",
    )
    .expect("endpoint")
    .with_microversion("2.100");
    let list = servers::list_detail(&ListServers::default());
    let first = list.first_request(&nova).expect("request");
    let parse = || {
        list.parse_page(&nova, &first, Response::new(black_box(raw.clone())))
            .expect("page")
    };
    let page = parse();
    assert_eq!(page.items.len(), 1000);
    assert_eq!(page.items[999].name.as_deref(), Some("server-00999"));
    for _ in 0..3 {
        black_box(parse());
    }
    let per_page: Vec<f64> = (0..B1_ROUNDS)
        .map(|_| {
            let t0 = now_ms();
            for _ in 0..B1_ITERS {
                black_box(parse());
            }
            (now_ms() - t0) / B1_ITERS as f64
        })
        .collect();
    report(format!(
        "BROWSER B1 {:.3} (ms per 1000-server page, median of {B1_ROUNDS} x {B1_ITERS})",
        median(per_page)
    ));
}

#[wasm_bindgen_test]
async fn b4() {
    let mut runs = Vec::with_capacity(B4_RUNS);
    for _ in 0..B4_RUNS {
        let t0 = now_ms();
        let auth = AuthOptions::password(&format!("{}/v3", base()), "bench", "Default", "pw")
            .project_name("bench", "Default");
        let client = Client::new(FetchTransport::new(), &auth).expect("client");
        let list = servers::list_detail(&ListServers {
            common: ListCommon {
                limit: Some(1000),
                ..Default::default()
            },
            ..Default::default()
        });
        let nova = client.compute();
        let mut servers = std::pin::pin!(nova.list(list));
        let mut count = 0;
        while let Some(server) = servers.try_next().await.expect("list") {
            black_box(&server);
            count += 1;
        }
        let took = (now_ms() - t0) / 1e3;
        assert_eq!(count, B4_SERVERS, "every server of the fixture pages");
        runs.push(took);
    }
    // The first run also pays the CORS preflights, which the later ones find cached.
    let first = runs[0];
    report(format!(
        "BROWSER B4 {:.3} (s to list {B4_SERVERS} servers, median of {B4_RUNS}; first run {first:.3} s)",
        median(runs)
    ));
}
