//! Boots a server by flavor, image and network name, waits for it, attaches a new
//! volume, detaches it and deletes both. Names default to what `demo-seed` makes
//! (`demo.tiny`, `demo-image`, `demo-net`); pass others as arguments.
//!
//! ```text
//! cargo run -p ferrocloud-native --example server [FLAVOR IMAGE NETWORK]
//! ```

use std::time::Duration;

use ferrocloud_native::block_storage::volumes::{self, CreateVolume, VolumeStatus};
use ferrocloud_native::compute::servers::{
    self, CreateServer, NetworkSpec, Networks, ServerStatus,
};
use ferrocloud_native::compute::{flavors, volume_attach};
use ferrocloud_native::image::images;
use ferrocloud_native::network::networks;
use ferrocloud_native::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: &str| args.get(i).cloned().unwrap_or(default.into());
    let (flavor, image, network) = (
        arg(0, "demo.tiny"),
        arg(1, "demo-image"),
        arg(2, "demo-net"),
    );
    let cloud = Cloud::from_env()?;
    let (nova, cinder) = (cloud.compute(), cloud.block_storage());
    let wait = Wait::timeout(Duration::from_secs(120));

    // By id or exact name; none or several is an error that says so.
    let flavor = nova.find(flavors::find(&flavor)).await?;
    let image = cloud.image().find(images::find(&image)).await?;
    let network = cloud.network().find(networks::find(&network)).await?;

    let server = nova
        .call(&servers::create(&CreateServer {
            name: "example-server".into(),
            flavor_ref: flavor.id,
            image_ref: Some(image.id),
            networks: Some(Networks::List(vec![NetworkSpec {
                uuid: Some(network.id),
                ..Default::default()
            }])),
            ..Default::default()
        }))
        .await?;
    let volume = CreateVolume {
        size: Some(1),
        name: Some("example-volume".into()),
        ..Default::default()
    };
    let volume = cinder.call(&volumes::create(&volume)).await?;
    let worked = async {
        let get = servers::get(&server.id);
        let up = nova
            .wait_for_status(&get, &[ServerStatus::Active], &[ServerStatus::Error], wait)
            .await?;
        let status = up.status.map(|s| s.to_string()).unwrap_or_default();
        println!("server {} is {status}", up.id);
        let vol = volumes::get(&volume.id);
        cinder
            .wait_for_status(
                &vol,
                &[VolumeStatus::Available],
                &[VolumeStatus::Error],
                wait,
            )
            .await?;
        let attach = volume_attach::CreateVolumeAttachment::new(&volume.id);
        nova.call(&volume_attach::create(&server.id, &attach))
            .await?;
        cinder
            .wait_for_status(&vol, &[VolumeStatus::InUse], &[VolumeStatus::Error], wait)
            .await?;
        println!("volume {} attached", volume.id);
        nova.call(&volume_attach::delete(&server.id, &volume.id))
            .await?;
        cinder
            .wait_for_status(
                &vol,
                &[VolumeStatus::Available],
                &[VolumeStatus::Error],
                wait,
            )
            .await?;
        println!("volume {} detached", volume.id);
        Ok::<_, Error>(())
    }
    .await;
    // Clean up whatever happened above.
    nova.call(&servers::delete(&server.id)).await?;
    nova.wait_for_deleted(&servers::get(&server.id), wait)
        .await?;
    cinder
        .wait_for_status(
            &volumes::get(&volume.id),
            &[VolumeStatus::Available],
            &[VolumeStatus::Error],
            wait,
        )
        .await?;
    cinder.call(&volumes::delete(&volume.id, false)).await?;
    println!("server and volume deleted");
    Ok(worked?)
}
