//! What the two B4 programs share: the endpoint and the report.

/// The B4 endpoint (nginx from scripts/bench-b4.sh).
pub fn base() -> String {
    std::env::var("B4_BASE").unwrap_or_else(|_| "http://127.0.0.1:18080".to_owned())
}

/// Prints `name: N servers in T` and fails unless all 10,000 were listed.
pub fn report(name: &str, count: usize, took: std::time::Duration) {
    println!("{name}: {count} servers in {:.3} s", took.as_secs_f64());
    assert_eq!(
        count, 10_000,
        "expected the 10 fixture pages of 1000 servers"
    );
}
