//! Next-page link re-basing: whatever link a server sends, the next request goes to the
//! endpoint's origin, under the endpoint's path, or is refused.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(href) = std::str::from_utf8(data) {
        ferrocloud_fuzz::next_link(href);
    }
});
