//! `Retry-After` (seconds, fractions, HTTP dates) and the retry policy around it.
#![no_main]
use std::time::{Duration, SystemTime};

use ferrocloud::fuzzing::parse_retry_after;
use ferrocloud::RetryPolicy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let _ = parse_retry_after(s, now);
        let _ = parse_retry_after(s, SystemTime::UNIX_EPOCH);
        let p = RetryPolicy::default();
        for attempt in [0, 1, 2, 40] {
            if let Some(d) = p.delay(
                &http::Method::GET,
                false,
                http::StatusCode::TOO_MANY_REQUESTS,
                Some(s),
                attempt,
                now,
            ) {
                assert!(d <= p.max_delay);
            }
        }
    }
});
