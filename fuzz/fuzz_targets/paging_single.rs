//! Paging::Single page parser (items under a key, next link or marker).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ferrocloud_fuzz::paging(ferrocloud_fuzz::Style::Single, None, data);
});
