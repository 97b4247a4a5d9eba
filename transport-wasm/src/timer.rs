//! Timers and the clock on the JS global scope (window, dedicated or service worker).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

use js_sys::{Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The current time from `Date.now()` (`SystemTime::now` panics on wasm32).
pub fn now() -> SystemTime {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 {
        SystemTime::UNIX_EPOCH + Duration::from_millis(ms as u64)
    } else {
        SystemTime::UNIX_EPOCH
    }
}

/// Waits `d` with `setTimeout` on the global scope. Dropping the future clears the timer.
pub fn sleep(d: Duration) -> Sleep {
    Sleep::new(d)
}

/// A global-scope function by name (`setTimeout`, `clearTimeout`), found by reflection so
/// it works wherever the module runs.
fn global_fn(name: &str) -> Option<(JsValue, Function)> {
    let global: JsValue = js_sys::global().into();
    let f = Reflect::get(&global, &JsValue::from_str(name)).ok()?;
    Some((global, f.dyn_into::<Function>().ok()?))
}

#[derive(Default)]
struct State {
    fired: bool,
    waker: Option<Waker>,
}

/// The future of [`sleep`].
#[must_use = "futures do nothing unless polled"]
pub struct Sleep {
    state: Rc<RefCell<State>>,
    // Kept alive until the timer fires or is cleared.
    _callback: Option<Closure<dyn FnMut()>>,
    id: Option<JsValue>,
}

impl std::fmt::Debug for Sleep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sleep")
            .field("fired", &self.state.borrow().fired)
            .finish()
    }
}

impl Sleep {
    fn new(d: Duration) -> Sleep {
        let state = Rc::new(RefCell::new(State::default()));
        // setTimeout takes a signed 32-bit delay and fires at once for anything larger.
        let ms = d.as_millis().min(i32::MAX as u128) as i32;
        let fired = state.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let waker = {
                let mut s = fired.borrow_mut();
                s.fired = true;
                s.waker.take()
            };
            if let Some(w) = waker {
                w.wake();
            }
        });
        let id = global_fn("setTimeout").and_then(|(global, set)| {
            set.call2(&global, callback.as_ref(), &JsValue::from(ms))
                .ok()
        });
        if id.is_none() {
            // No timer on this global (should not happen in a browser): do not hang.
            state.borrow_mut().fired = true;
        }
        Sleep {
            state,
            _callback: Some(callback),
            id,
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut s = self.state.borrow_mut();
        if s.fired {
            Poll::Ready(())
        } else {
            s.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let (Some(id), false) = (self.id.take(), self.state.borrow().fired) {
            if let Some((global, clear)) = global_fn("clearTimeout") {
                let _ = clear.call1(&global, &id);
            }
        }
    }
}
