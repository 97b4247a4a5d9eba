//! Allocations per item of the side-by-side benches (`scripts/bench.sh` prints them):
//! B1 per parsed server of the 1000-server page, B2 per token parse + endpoint lookup, B3
//! per built request. A counting global allocator, in its own program so that the timed
//! benches (`side_by_side.rs`) run on the plain system allocator.
//!
//! `cargo bench -p ferrocloud --bench allocations` with `FERROCLOUD_BENCH_FIXTURES` naming
//! the fixtures of `gen_fixtures.py`; one JSON line per figure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use ferrocloud::compute::servers;
use ferrocloud::{auth, EndpointOpts, Operation, Paginated, ServiceEndpoint, ServiceType};
use http::{HeaderValue, Response};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) `f` makes, per item of `items`.
fn per_item<R>(items: usize, f: impl FnOnce() -> R) -> f64 {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    std::hint::black_box(f());
    (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / items as f64
}

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

fn print(bench: &str, unit: &str, allocs: f64) {
    println!("{{\"peer\":\"ferrocloud\",\"bench\":{bench:?},\"per_{unit}_allocs\":{allocs:.1}}}");
}

fn main() {
    let nova = ServiceEndpoint::new(
        ServiceType::COMPUTE,
        "https://compute.regionthree.example.com:8001/v2.1",
    )
    .expect("endpoint")
    .with_microversion("2.100");

    let raw = Bytes::from(read("servers_detail_1000.json"));
    let list = servers::list_detail(&servers::ListServers::default());
    let req = list.first_request(&nova).expect("request");
    let b1 = per_item(1000, || {
        let page = list.parse_page(&nova, &req, Response::new(raw.clone()));
        assert_eq!(page.expect("page").items.len(), 1000);
    });
    print("B1 allocations per parsed server", "server", b1);

    let raw = Bytes::from(read("token_catalog_30x3x4.json"));
    let opts = EndpointOpts::default().region("RegionThree");
    let b2 = per_item(1, || {
        let mut resp = Response::new(raw.clone());
        resp.headers_mut().insert(
            "x-subject-token",
            HeaderValue::from_static("gAAAAABexampletoken"),
        );
        let token = auth::v3::parse(&resp).expect("token");
        let url = token.info.catalog.find(ServiceType::COMPUTE, &opts);
        url.expect("endpoint").url.len()
    });
    print("B2 allocations per token parse + lookup", "op", b2);

    let token = HeaderValue::from_static("gAAAAABexampletoken");
    let b3 = per_item(1000, || {
        for i in 0..1000 {
            let mut req = servers::get(&format!("{i:08}"))
                .request(&nova)
                .expect("request");
            req.headers_mut().insert("x-auth-token", token.clone());
            std::hint::black_box(req);
        }
    });
    // The id's own `format!` above is one of them: subtract it.
    print("B3 allocations per built request", "request", b3 - 1.0);
}
