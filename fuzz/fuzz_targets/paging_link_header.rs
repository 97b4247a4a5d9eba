//! Paging::Linked with an HTTP `Link` header: the first line is the header, the rest the
//! body.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (link, body) = ferrocloud_fuzz::split(data);
    ferrocloud_fuzz::paging(ferrocloud_fuzz::Style::Linked, Some(link), body);
});
