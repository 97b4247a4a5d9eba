//! Image (Glance v2): images, members, tasks.
#![no_main]
use ferrocloud::image::{images, members, tasks};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::IMAGE;
    list(images::list(&Default::default()), k, d);
    op(images::get("i"), d);
    op(images::import_info(), d);
    op(images::image_tasks("i"), d);
    op(members::list("i"), d);
    op(members::get("i", "m"), d);
    list(tasks::list(&Default::default()), k, d);
    op(tasks::get("t"), d);
});
