//! Peak memory of a 200 MiB object uploaded as static large object segments (from a
//! stream of unknown length) and downloaded streamed, against the REAL Swift, in a
//! process of its own (`own_process!`) so no other test disturbs `VmHWM`.

use std::sync::{Arc, Mutex};

use ferrocloud::object_storage::segmented::{self, SegmentedUpload};
use ferrocloud::object_storage::{containers, large_objects, objects};
use ferrocloud_tests::cloud;

use crate::own_process;
use crate::support::{guarded, image_data, status_kib};

const MIB: usize = 1 << 20;

#[tokio::test(flavor = "multi_thread")]
async fn slo_200_mib_stays_under_64_mib_rss() {
    own_process!(slo_200_mib_stays_under_64_mib_rss);
    let swift = cloud::demo().object_storage();
    let c = cloud::unique("rss");
    let segs = format!("{c}_segments");
    swift
        .call(&containers::create(&c, &Default::default()))
        .await
        .expect("container");
    let before = status_kib("VmHWM");
    let body = async {
        let md5 = Arc::new(Mutex::new(md5::Context::new()));
        let mut last = None;
        let done = segmented::upload(
            &swift,
            &c,
            "big.bin",
            image_data::generated(200 * MIB, MIB, md5.clone()),
            &SegmentedUpload {
                segment_size: 16 * MIB as u64,
                ..Default::default()
            },
            |p| last = Some(p),
        )
        .await
        .expect("segmented upload");
        let sent = image_data::hex(&md5);
        assert_eq!(done.segments.len(), 13);
        assert_eq!(last.map(|p| p.bytes), Some(200 * MIB as u64));
        // Read from the listing, not a HEAD: ferrocloud-native refuses a HEAD response
        // whose Content-Length (the size of the object, no body follows) is above
        // `NativeOptions::max_body` (64 MiB).
        let listed = swift
            .collect_all(objects::list(&c, &Default::default()))
            .await
            .expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].bytes, 200 * MIB as u64);
        assert!(listed[0].slo_etag.is_some(), "{:?}", listed[0]);
        let (len, got, largest) = image_data::hash_stream(
            swift
                .download(&objects::download(&c, "big.bin", &Default::default()))
                .await
                .expect("download"),
        )
        .await
        .expect("stream");
        assert_eq!(len, 200 * MIB as u64);
        assert_eq!(got, sent);
        let after = status_kib("VmHWM");
        println!(
            "VmHWM before {before} KiB, after {after} KiB (peak {} MiB), growth {} KiB, largest download chunk {largest} B, for 200 MiB up (13 SLO segments) + down",
            after / 1024,
            after.saturating_sub(before)
        );
        assert!(
            after < 64 * 1024,
            "peak RSS {after} KiB for a 200 MiB SLO upload and download"
        );
        let report = swift
            .call(&large_objects::delete_with_segments(&c, "big.bin"))
            .await
            .expect("delete with segments");
        assert!(report.is_success(), "{report:?}");
        assert_eq!(report.deleted, 14);
    };
    let cleanup = async {
        for name in [&c, &segs] {
            let left: Vec<String> = swift
                .collect_all(objects::list(name, &Default::default()))
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|o| o.name)
                .collect();
            if !left.is_empty() {
                let _ = swift.call(&objects::bulk_delete(name, &left)).await;
            }
            let _ = swift.call(&containers::delete(name)).await;
        }
    };
    guarded(body, cleanup).await;
}
