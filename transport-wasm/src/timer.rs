//! Timers and the clock on the JS global scope (window, dedicated or service worker,
//! Node, edge runtimes): `setTimeout` through `gloo-timers`, the time from `Date.now()`.

use std::time::{Duration, SystemTime};

use gloo_timers::future::TimeoutFuture;

/// The current time from `Date.now()` (`SystemTime::now` panics on wasm32).
pub fn now() -> SystemTime {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 {
        SystemTime::UNIX_EPOCH + Duration::from_millis(ms as u64)
    } else {
        SystemTime::UNIX_EPOCH
    }
}

/// Waits `d` with `setTimeout` on the global scope; dropping the future clears the timer.
/// `setTimeout` takes a signed 32-bit delay and fires at once for anything larger, so
/// longer waits are cut to about 24.8 days.
pub fn sleep(d: Duration) -> TimeoutFuture {
    TimeoutFuture::new(d.as_millis().min(i32::MAX as u128) as u32)
}
