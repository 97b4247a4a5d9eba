//! B4 raw baseline: the same 10 pages fetched with hyper (hyper-util's pooled client) and
//! decoded with serde_json, with no SDK (no client, driver, paging or auth): the floor
//! the SDK's overhead is measured against. The items decode into the same
//! `compute::servers::Server` type (a plain serde struct), so both do the same decoding.

#[path = "b4/mod.rs"]
mod b4;

use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

#[derive(serde::Deserialize)]
struct Page {
    servers: Vec<ferrocloud::compute::servers::Server>,
    #[serde(default)]
    servers_links: Vec<Link>,
}

#[derive(serde::Deserialize)]
struct Link {
    href: String,
    rel: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut url = format!("{}/compute/v2.1/servers/detail?limit=1000", b4::base());
    let mut count = 0;
    loop {
        let req = http::Request::get(&url)
            .header("x-auth-token", "raw")
            .body(Empty::new())?;
        let body = client
            .request(req)
            .await?
            .into_body()
            .collect()
            .await?
            .to_bytes();
        let page: Page = serde_json::from_slice(&body)?;
        if page.servers.is_empty() {
            break;
        }
        count += page.servers.len();
        std::hint::black_box(&page.servers);
        match page.servers_links.into_iter().find(|l| l.rel == "next") {
            // The fixtures' links name port 8080; keep their path and query on this
            // endpoint, as the SDK does with every next link.
            Some(next) => {
                let at = next
                    .href
                    .find("/compute/")
                    .ok_or("a next link off the endpoint")?;
                url = format!("{}{}", b4::base(), &next.href[at..]);
            }
            None => break,
        }
    }
    b4::report("raw", count, start.elapsed());
    Ok(())
}
