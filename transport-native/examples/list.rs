//! Lists with filters and paging: the active servers (a filter the server applies), the
//! images two per page (each page fetched as the stream is read), and the networks
//! whose name starts with `demo` (a filter applied here).
//!
//! ```text
//! cargo run -p ferrocloud-native --example list
//! ```

use std::pin::pin;

use ferrocloud_native::compute::servers::{self, ListServers, ServerStatus};
use ferrocloud_native::image::images::{self, ListImages};
use ferrocloud_native::network::networks::{self, ListNetworks};
use ferrocloud_native::prelude::*;
use ferrocloud_native::ListCommon;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let cloud = Cloud::from_env()?;

    let active = ListServers {
        status: Some(ServerStatus::Active),
        ..Default::default()
    };
    for server in cloud
        .compute()
        .collect_all(servers::list_detail(&active))
        .await?
    {
        println!("server {} {}", server.id, server.name.unwrap_or_default());
    }

    let two_a_page = ListImages {
        common: ListCommon {
            limit: Some(2),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut pages = pin!(cloud.image().pages(images::list(&two_a_page)));
    let mut n = 0;
    while let Some(page) = pages.try_next().await? {
        n += 1;
        let names: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| i.name.as_deref())
            .collect();
        println!("image page {n}: {}", names.join(", "));
    }

    let nets = cloud
        .network()
        .list(networks::list(&ListNetworks::default()));
    let mut demo = pin!(nets.try_filter(|net| std::future::ready(net.name.starts_with("demo"))));
    while let Some(net) = demo.try_next().await? {
        println!("network {} {}", net.id, net.name);
    }
    Ok(())
}
