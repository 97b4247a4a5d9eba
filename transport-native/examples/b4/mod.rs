//! What the two B4 programs share: the endpoint and the report.

/// The B4 endpoint (nginx from scripts/bench-b4.sh).
pub fn base() -> String {
    std::env::var("B4_BASE").unwrap_or_else(|_| "http://127.0.0.1:18080".to_owned())
}

/// How many servers the endpoint serves (`B4_SERVERS`, default 10,000: the growth runs of
/// scripts/bench-b4.sh serve 1,000 and 100,000 too).
pub fn expected() -> usize {
    std::env::var("B4_SERVERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// Prints `name: N servers in T` and fails unless all of them were listed.
pub fn report(name: &str, count: usize, took: std::time::Duration) {
    println!("{name}: {count} servers in {:.3} s", took.as_secs_f64());
    assert_eq!(
        count,
        expected(),
        "expected every server of the fixture pages"
    );
}
