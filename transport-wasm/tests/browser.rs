//! The browser suite on a page's main thread (headless Chromium, real cloud).
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

// The shared real-cloud tests (common/mod.rs), run in this global scope.
common::shared_tests!();

/// The page has a `window`; the worker suite checks the opposite.
#[wasm_bindgen_test]
fn runs_on_the_main_thread() {
    let global = js_sys::global();
    assert!(js_sys::Reflect::has(&global, &"document".into()).unwrap());
}

/// Fails on purpose when the suite is built with `FERROCLOUD_WASM_MUST_FAIL` set:
/// `scripts/wasm-test.sh` uses it to prove that a failing browser assertion fails the run.
#[wasm_bindgen_test]
fn deliberate_failure_when_asked() {
    assert!(
        option_env!("FERROCLOUD_WASM_MUST_FAIL").is_none(),
        "deliberate failure (FERROCLOUD_WASM_MUST_FAIL is set)"
    );
}
