//! Peak memory of a 64 MiB streamed upload and download against the REAL Glance, in a
//! process of its own (`own_process!`) so no other test disturbs `VmHWM`.

use std::sync::{Arc, Mutex};

use ferrocloud::image::images::{self, CreateImage};
use ferrocloud_tests::cloud;

use crate::own_process;
use crate::support::{self, image_data, status_kib};

const MIB: usize = 1 << 20;

#[tokio::test(flavor = "multi_thread")]
async fn streaming_64_mib_stays_small() {
    own_process!(streaming_64_mib_stays_small);
    let admin = cloud::admin();
    let glance = admin.image();
    let img = glance
        .call(&images::create(&CreateImage {
            name: Some(cloud::unique("rss")),
            disk_format: Some("raw".into()),
            container_format: Some("bare".into()),
            ..Default::default()
        }))
        .await
        .expect("create image");
    let before = status_kib("VmHWM");

    let result = async {
        let md5 = Arc::new(Mutex::new(md5::Context::new()));
        glance
            .upload(
                &images::upload(&img.id),
                image_data::generated(64 * MIB, MIB, md5.clone()),
            )
            .await?;
        let sent = image_data::hex(&md5);
        let active = glance
            .wait_for_status(
                &images::get(&img.id),
                &[images::ImageStatus::Active],
                &[images::ImageStatus::Killed],
                support::wait(120),
            )
            .await?;
        let (len, got, _) =
            image_data::hash_stream(glance.download(&images::download(&img.id)).await?).await?;
        Ok::<_, ferrocloud::Error>((sent, active.checksum, len, got))
    }
    .await;

    let after = status_kib("VmHWM");
    let _ = glance.call(&images::delete(&img.id)).await;
    let (sent, glance_md5, len, got) = result.expect("upload and download");
    assert_eq!(len, 64 * MIB as u64);
    assert_eq!(glance_md5.as_deref(), Some(sent.as_str()));
    assert_eq!(got, sent);
    let growth_kib = after.saturating_sub(before);
    println!("VmHWM before {before} KiB, after {after} KiB, growth {growth_kib} KiB for 64 MiB up + down");
    assert!(
        growth_kib < 16 * 1024,
        "peak RSS grew by {growth_kib} KiB for a 64 MiB image"
    );
}
