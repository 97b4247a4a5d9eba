//! The `Link` header parser on its own, against a reference model (RFC 8288).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        ferrocloud_fuzz::link_header_against_model(s);
    }
});
