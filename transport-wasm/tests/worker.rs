//! The browser suite in a dedicated web worker (headless Chromium, real cloud; no `window`).
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

// The shared real-cloud tests (common/mod.rs), run in this global scope.
common::shared_tests!();

/// A worker has no `window` or `document`: the transport must not need them.
#[wasm_bindgen_test]
fn runs_in_a_worker() {
    let global = js_sys::global();
    assert!(!js_sys::Reflect::has(&global, &"document".into()).unwrap());
    let ctor = js_sys::Reflect::get(&global, &"constructor".into()).unwrap();
    let name = js_sys::Reflect::get(&ctor, &"name".into()).unwrap();
    assert_eq!(
        name.as_string().as_deref(),
        Some("DedicatedWorkerGlobalScope")
    );
}
