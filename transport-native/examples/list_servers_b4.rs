//! B4 through the SDK: list all 10,000 servers (10 pages of 1000) from the local nginx
//! of `scripts/bench-b4.sh` with the typed `compute::servers::list_detail`, through the
//! native transport and the driver's streaming list (one page in memory at a time). Authentication goes to the same nginx, which
//! answers a static token whose catalog points compute back at it.
//!
//! ```text
//! bash scripts/bench-b4.sh      # builds this in release, runs it under /usr/bin/time -v
//! ```

#[path = "b4/mod.rs"]
mod b4;

use std::time::Instant;

use ferrocloud::compute::servers::{self, ListServers};
use ferrocloud::AuthOptions;
use ferrocloud_native::Cloud;
use futures::TryStreamExt;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let auth = AuthOptions::password(&format!("{}/v3", b4::base()), "bench", "Default", "pw")
        .project_name("bench", "Default");
    let cloud = Cloud::new(&auth, ferrocloud_native::NativeOptions::default())?;
    let list = servers::list_detail(&ListServers {
        common: ferrocloud::ListCommon {
            limit: Some(1000),
            ..Default::default()
        },
        ..Default::default()
    });
    let nova = cloud.compute();
    let mut servers = std::pin::pin!(nova.list(list));
    let mut count = 0;
    while let Some(server) = servers.try_next().await? {
        std::hint::black_box(&server);
        count += 1;
    }
    b4::report("sdk", count, start.elapsed());
    Ok(())
}
