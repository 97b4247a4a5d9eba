//! `Timestamp` parsing (every OpenStack format) and formatting.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(t) = s.parse::<ferrocloud::Timestamp>() {
            let _ = t.to_string().parse::<ferrocloud::Timestamp>();
            let _ = serde_json::to_string(&t);
        }
    }
});
