//! B1: parse one `GET /servers/detail` page of 1000 servers (the `servers_detail_1000.json`
//! fixture of `../shared/bench`, v2.100 shape) into typed `Server`s, through the same
//! path users take: the list operation's page parse (items and the `servers_links` next
//! URL, single pass).
//!
//! The fixture is generated with `python3 ../shared/bench/gen_fixtures.py
//! target/bench-fixtures` when it is missing (or read from `$FERROCLOUD_BENCH_FIXTURES`).

use std::path::PathBuf;
use std::process::Command;

use bytes::Bytes;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ferrocloud::compute::servers;
use ferrocloud::Paginated;
use ferrocloud::{ServiceEndpoint, ServiceType};

fn fixture(name: &str) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::var_os("FERROCLOUD_BENCH_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/bench-fixtures"));
    let path = dir.join(name);
    if !path.is_file() {
        let script = root.join("../shared/bench/gen_fixtures.py");
        let status = Command::new("python3")
            .arg(&script)
            .arg(&dir)
            .status()
            .unwrap_or_else(|e| panic!("run {}: {e}", script.display()));
        assert!(status.success(), "{} failed", script.display());
    }
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn b1_servers_detail_1000(c: &mut Criterion) {
    let body = Bytes::from(fixture("servers_detail_1000.json"));
    let nova = ServiceEndpoint::new(ServiceType::COMPUTE, "http://openstack.example.com/v2.1")
        .expect("service client");
    let list = servers::list_detail(&servers::ListServers {
        common: ferrocloud::ListCommon {
            limit: Some(1000),
            ..Default::default()
        },
        ..Default::default()
    });
    let url = "http://openstack.example.com/v2.1/servers/detail?limit=1000";
    let req = http::Request::get(url).body(bytes::Bytes::new()).unwrap();
    // Sanity: the page parses completely, with nothing left unknown.
    let page = list
        .parse_page(&nova, &req, http::Response::new(body.clone()))
        .expect("fixture parses");
    assert_eq!(page.items.len(), 1000);
    assert!(page.next.is_some());
    assert!(page.items.iter().all(|s| s.extra.is_empty()));

    // On a shared machine wall time includes waiting for a core; the thread's own CPU
    // time (Linux schedstat, ns) says what one parse costs, and what dropping the page
    // costs on top.
    if thread_cpu_ns().is_some() {
        const N: usize = 30;
        let (mut parse, mut drop) = (0u64, 0u64);
        for _ in 0..N {
            let t0 = thread_cpu_ns().unwrap_or_default();
            let page = list
                .parse_page(&nova, &req, http::Response::new(black_box(body.clone())))
                .unwrap();
            let t1 = thread_cpu_ns().unwrap_or_default();
            std::mem::drop(black_box(page));
            let t2 = thread_cpu_ns().unwrap_or_default();
            parse += t1 - t0;
            drop += t2 - t1;
        }
        println!(
            "B1 CPU time per page: parse {:.2} ms, drop {:.2} ms (mean of {N})",
            parse as f64 / N as f64 / 1e6,
            drop as f64 / N as f64 / 1e6,
        );
    }

    c.bench_function("B1 parse servers/detail page of 1000 servers", |b| {
        b.iter(|| {
            let page = list
                .parse_page(&nova, &req, http::Response::new(black_box(body.clone())))
                .unwrap();
            black_box(page.items.len())
        })
    });
    c.bench_function(
        "B1 parse servers/detail page of 1000 servers (drop excluded)",
        |b| {
            b.iter_with_large_drop(|| {
                list.parse_page(&nova, &req, http::Response::new(black_box(body.clone())))
                    .unwrap()
            })
        },
    );
}

/// CPU time this thread ran, in ns (`/proc/thread-self/schedstat`), where available.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

criterion_group!(benches, b1_servers_detail_1000);
criterion_main!(benches);
