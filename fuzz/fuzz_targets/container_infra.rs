//! Container infrastructure (Magnum): clusters and cluster templates; and the common
//! extensions lists.
#![no_main]
use ferrocloud::common::extensions;
use ferrocloud::container_infra::{cluster_templates, clusters};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::CONTAINER_INFRA;
    list(clusters::list(&Default::default()), k, d);
    op(clusters::get("c"), d);
    list(cluster_templates::list(&Default::default()), k, d);
    op(cluster_templates::get("t"), d);
    op(extensions::list(), d);
    op(extensions::get("e"), d);
});
