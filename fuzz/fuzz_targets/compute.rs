//! Compute (Nova): servers, flavors, images, keypairs, interface and volume attachments.
#![no_main]
use ferrocloud::compute::{attach_interfaces, flavors, images, keypairs, servers, volume_attach};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::COMPUTE;
    list(servers::list(&Default::default()), k, d);
    list(servers::list_detail(&Default::default()), k, d);
    op(servers::get("s"), d);
    list(flavors::list(&Default::default()), k, d);
    list(flavors::list_detail(&Default::default()), k, d);
    op(flavors::get("f"), d);
    list(images::list(&Default::default()), k, d);
    list(images::list_detail(&Default::default()), k, d);
    op(images::get("i"), d);
    list(keypairs::list(&Default::default()), k, d);
    op(keypairs::get("k", None), d);
    op(attach_interfaces::list("s"), d);
    op(attach_interfaces::get("s", "p"), d);
    list(volume_attach::list("s", &Default::default()), k, d);
    op(volume_attach::get("s", "v"), d);
});
