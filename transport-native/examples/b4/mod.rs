//! What the two B4 programs share: the server type they decode pages into, and the report.
//!
//! Both decode every server into the same typed struct (the fields a listing shows), so
//! the SDK and the raw baseline do the same decoding work.

use std::collections::BTreeMap;

/// A listed server (the fields `openstack server list --long` shows).
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
pub struct Server {
    pub id: String,
    pub name: String,
    pub status: String,
    #[serde(default)]
    pub addresses: BTreeMap<String, Vec<Address>>,
    #[serde(default)]
    pub flavor: serde_json::Value,
    #[serde(default)]
    pub image: serde_json::Value,
    #[serde(rename = "OS-EXT-AZ:availability_zone", default)]
    pub availability_zone: Option<String>,
    #[serde(default)]
    pub created: Option<String>,
}

/// One address of a server.
#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
pub struct Address {
    pub addr: String,
    pub version: u8,
    #[serde(rename = "OS-EXT-IPS:type", default)]
    pub kind: Option<String>,
}

/// The B4 endpoint (nginx from scripts/bench-b4.sh).
pub fn base() -> String {
    std::env::var("B4_BASE").unwrap_or_else(|_| "http://127.0.0.1:8080".to_owned())
}

/// Prints `name: N servers in T` and fails unless all 10,000 were listed.
pub fn report(name: &str, count: usize, took: std::time::Duration) {
    println!("{name}: {count} servers in {:.3} s", took.as_secs_f64());
    assert_eq!(
        count, 10_000,
        "expected the 10 fixture pages of 1000 servers"
    );
}
