//! The browser suite on a page's main thread (headless Chromium, real cloud).
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn password_auth_and_catalog() {
    common::password_auth_and_catalog().await;
}

#[wasm_bindgen_test]
async fn keystone_microversion_header_is_not_sent() {
    common::keystone_microversion_header_is_not_sent().await;
}

#[wasm_bindgen_test]
async fn not_found_has_the_server_message() {
    common::not_found_has_the_server_message().await;
}

#[wasm_bindgen_test]
async fn network_create_and_delete() {
    common::network_create_and_delete().await;
}

#[wasm_bindgen_test]
async fn servers_paginated_with_streamed_image() {
    common::servers_paginated_with_streamed_image().await;
}

#[wasm_bindgen_test]
async fn reauth_after_revocation() {
    common::reauth_after_revocation().await;
}

#[wasm_bindgen_test]
async fn hidden_subject_token_names_the_fix() {
    common::hidden_subject_token_names_the_fix().await;
}

#[wasm_bindgen_test]
async fn missing_cors_is_cors_or_network() {
    common::missing_cors_is_cors_or_network().await;
}

#[wasm_bindgen_test]
async fn unreachable_is_cors_or_network() {
    common::unreachable_is_cors_or_network().await;
}

#[wasm_bindgen_test]
async fn timeout_sleep_and_clock() {
    common::timeout_sleep_and_clock().await;
}

#[wasm_bindgen_test]
async fn dropping_a_request_cancels_it() {
    common::dropping_a_request_cancels_it().await;
}

/// The page has a `window`; the worker suite checks the opposite.
#[wasm_bindgen_test]
fn runs_on_the_main_thread() {
    let global = js_sys::global();
    assert!(js_sys::Reflect::has(&global, &"document".into()).unwrap());
}
