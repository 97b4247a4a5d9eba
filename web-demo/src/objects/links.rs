//! Temporary links: a `GET` URL anyone can use until it expires, signed by the browser's
//! WebCrypto with the account's or the container's temp URL key.

use std::fmt::Write;

use ferrocloud::object_storage::{accounts, containers, temp_url};
use ferrocloud::{Error, Patch, Secret};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{current, js_err, meta, unit};
use crate::api::Obj;
use crate::app;
use crate::ui::{self, esc};

/// A fresh random temp URL key (32 hex digits from the browser's CSPRNG).
fn random_key() -> Result<String, Error> {
    let mut raw = [0u8; 16];
    web_sys::window()
        .ok_or_else(|| js_err(JsValue::from_str("no window")))?
        .crypto()
        .map_err(js_err)?
        .get_random_values_with_u8_array(&mut raw)
        .map_err(js_err)?;
    Ok(hex(&raw))
}

/// `bytes` in lowercase hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// `HMAC-SHA256(key, message)` in hex, by the browser's WebCrypto (a secure context:
/// https, or http on localhost).
async fn hmac_sha256_hex(key: &str, message: &str) -> Result<String, Error> {
    let window = web_sys::window().ok_or_else(|| js_err(JsValue::from_str("no window")))?;
    if !window.is_secure_context() {
        return Err(ferrocloud::InvalidInput::field(
            "page",
            "temporary links are signed with the browser's WebCrypto, which only https:// \
             and localhost pages have: open the dashboard over https",
        )
        .into());
    }
    let subtle = window.crypto().map_err(js_err)?.subtle();
    let algorithm = js_sys::Object::new();
    for (k, v) in [("name", "HMAC"), ("hash", "SHA-256")] {
        js_sys::Reflect::set(&algorithm, &k.into(), &v.into()).map_err(js_err)?;
    }
    let usages = js_sys::Array::of1(&"sign".into());
    let raw = Uint8Array::from(key.as_bytes());
    let key = subtle
        .import_key_with_object("raw", &raw, &algorithm, false, &usages)
        .map_err(js_err)?;
    let key: web_sys::CryptoKey = JsFuture::from(key).await.map_err(js_err)?.unchecked_into();
    let sig = subtle
        .sign_with_str_and_u8_array("HMAC", &key, message.as_bytes())
        .map_err(js_err)?;
    Ok(hex(&Uint8Array::new(
        &JsFuture::from(sig).await.map_err(js_err)?,
    )
    .to_vec()))
}

/// Makes a temporary `GET` link to `object` valid for `hours`.
pub(super) fn temp_link(object: String, hours: u64) {
    let Some(container) = current() else { return };
    app::run(
        format!("Temporary link to {object}"),
        Box::new(move |c, p| {
            Box::pin(async move {
                let swift = c.svc(c.client.object_storage());
                p(1, 3, "reading the keys");
                let account = swift.call(&meta(accounts::get())).await?;
                let key_of = |v: &Obj| v.0["meta"]["temp-url-key"].as_str().map(str::to_owned);
                let (key, whose) = match key_of(&account) {
                    Some(k) => (k, "the account's temp URL key".to_owned()),
                    None => {
                        let info = swift.call(&meta(containers::get(&container))).await?;
                        match key_of(&info) {
                            Some(k) => (k, format!("container {container}'s temp URL key")),
                            None => {
                                let key = random_key()?;
                                swift
                                    .call(&unit(containers::update(
                                        &container,
                                        &containers::UpdateContainer {
                                            temp_url_key: Patch::Set(Secret::new(key.clone())),
                                            ..Default::default()
                                        },
                                    )))
                                    .await?;
                                (
                                    key,
                                    format!(
                                        "a new temp URL key, just set on container {container} \
                                         (the account's key is not readable from a browser here)"
                                    ),
                                )
                            }
                        }
                    }
                };
                p(2, 3, "signing");
                let svc = swift.service_client().await?;
                let now = (js_sys::Date::now() / 1000.0) as u64;
                let expires = now + hours * 3600;
                let unsigned = temp_url::prepare(
                    &svc,
                    &container,
                    &object,
                    &temp_url::TempUrl {
                        expires,
                        ..temp_url::TempUrl::get(temp_url::Digest::Sha256)
                    },
                )?;
                let url = unsigned.signed(&hmac_sha256_hex(&key, unsigned.message()).await?)?;
                let expiry =
                    js_sys::Date::new(&JsValue::from_f64(expires as f64 * 1000.0)).to_iso_string();
                app::set_html(
                    "o-link",
                    &format!(
                        "<p class=\"fine\" id=\"o-keynote\">Signed with {}; valid until {}.</p>\
                         <label for=\"o-url\">Temporary URL</label><input id=\"o-url\" readonly value=\"{}\">{}<span id=\"o-copied\" class=\"fine\"></span>",
                        esc(&whose),
                        String::from(expiry),
                        esc(&url),
                        ui::button("o-copy", "", "Copy", "small")
                    ),
                );
                Ok(())
            })
        }),
    );
}
