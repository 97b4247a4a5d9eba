//! Block storage (Cinder): volumes and snapshots.
#![no_main]
use ferrocloud::block_storage::{snapshots, volumes};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::BLOCK_STORAGE;
    list(volumes::list(&Default::default()), k, d);
    list(volumes::list_detail(&Default::default()), k, d);
    op(volumes::list_detail_page(&Default::default()), d);
    op(volumes::get("v"), d);
    list(snapshots::list(&Default::default()), k, d);
    list(snapshots::list_detail(&Default::default()), k, d);
    op(snapshots::get("s"), d);
});
