//! Orchestration (Heat): stacks, events, resources, templates.
#![no_main]
use ferrocloud::orchestration::{events, resources, stacks, templates};
use ferrocloud::ServiceType;
use ferrocloud_fuzz::{list, op};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|d: &[u8]| {
    let k = ServiceType::ORCHESTRATION;
    list(stacks::list(&Default::default()), k, d);
    op(stacks::get("s"), d);
    op(stacks::get_by("s", "i"), d);
    op(stacks::outputs("s", "i"), d);
    op(stacks::snapshots("s", "i"), d);
    list(events::list("s", "i", &Default::default()), k, d);
    op(events::get("s", "i", "r", "e"), d);
    op(resources::list("s", "i", &Default::default()), d);
    op(resources::get("s", "i", "r"), d);
    op(resources::list_types(&Default::default()), d);
    op(templates::versions(), d);
});
