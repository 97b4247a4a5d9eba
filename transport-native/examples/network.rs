//! A network topology: a network with a subnet, a router from it to the external
//! network, and a floating IP there; then everything deleted again, in reverse.
//!
//! ```text
//! cargo run -p ferrocloud-native --example network
//! ```

use ferrocloud_native::network::floating_ips::{self, CreateFloatingIp};
use ferrocloud_native::network::networks::{self, CreateNetwork, ListNetworks};
use ferrocloud_native::network::routers::{self, CreateRouter, GatewayInfo, Interface};
use ferrocloud_native::network::subnets::{self, CreateSubnet};
use ferrocloud_native::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = Cloud::from_env()?;
    let neutron = cloud.network();
    let external = ListNetworks {
        router_external: Some(true),
        ..Default::default()
    };
    let external = neutron.collect_all(networks::list(&external)).await?;
    let external = external.first().ok_or("no external network")?;

    let net = CreateNetwork {
        name: Some("example-net".into()),
        ..Default::default()
    };
    let net = neutron.call(&networks::create(&net)).await?;
    let (mut router, mut fip) = (None, None);
    let built = async {
        let subnet = CreateSubnet::new(&net.id, 4, "10.77.0.0/24");
        let subnet = neutron.call(&subnets::create(&subnet)).await?;
        let created = neutron
            .call(&routers::create(&CreateRouter {
                name: Some("example-router".into()),
                external_gateway_info: Some(GatewayInfo::network(&external.id)),
                ..Default::default()
            }))
            .await?;
        let (id, inside) = router.insert((created.id, Interface::Subnet(subnet.id)));
        neutron.call(&routers::add_interface(id, inside)).await?;
        let ip = neutron
            .call(&floating_ips::create(&CreateFloatingIp::on(&external.id)))
            .await?;
        println!(
            "floating IP {} routed to network {} by router {id}",
            ip.floating_ip_address, net.id
        );
        fip = Some(ip.id);
        Ok::<_, Error>(())
    }
    .await;
    // Clean up whatever was made, in reverse; the network takes its subnet along.
    if let Some(id) = &fip {
        neutron.call(&floating_ips::delete(id)).await?;
    }
    if let Some((id, inside)) = &router {
        let _ = neutron.call(&routers::remove_interface(id, inside)).await;
        neutron.call(&routers::delete(id)).await?;
    }
    neutron.call(&networks::delete(&net.id)).await?;
    println!("deleted again");
    Ok(built?)
}
