//! The JS entry point: `handle(request, env)` takes a Fetch `Request` and the bindings
//! object and resolves to a Fetch `Response` (the Workers `fetch` handler's shape; the
//! Node module wraps it the same way).
//!
//! ## One client, several requests at once
//!
//! The SDK lets concurrent calls share one authentication: the others wait for it.
//! Workers forbid waiting on it across requests: a request that waits on I/O started by
//! another request has no pending I/O of its own, and workerd cancels it as hung ("The
//! Workers runtime canceled this request because it detected that your Worker's code had
//! hung", seen with four concurrent first requests). So the client is built with
//! `ClientOptions::auth_wait_poll`: a waiting call looks again every 5 ms on its *own*
//! timer (`setTimeout` is pending I/O of its request), then uses the shared token.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::atomic::Ordering;
use std::sync::Arc;

use ferrocloud::Client;
use ferrocloud_wasm::FetchTransport;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{Headers, Request, Response, ResponseInit};

use crate::{error_answer, serve, Answer, Counters, Counting, Settings};

/// The client of this isolate / module instance, with the hash of the settings it was
/// built from (new credentials in the bindings build a new client).
struct Cached {
    key: u64,
    client: Client<Counting<FetchTransport>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Cached>> = const { RefCell::new(None) };
    static COUNTERS: Arc<Counters> = Arc::new(Counters::default());
}

fn counters() -> Arc<Counters> {
    COUNTERS.with(Arc::clone)
}

/// The cached client for `settings` (or a new one, cached for the next requests).
fn client_for(settings: &Settings) -> Result<Client<Counting<FetchTransport>>, ferrocloud::Error> {
    let mut h = DefaultHasher::new();
    settings.hash(&mut h);
    let key = h.finish();
    CLIENT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some(c) = slot.as_ref().filter(|c| c.key == key) {
            return Ok(c.client.clone());
        }
        let client = settings.client(Counting::new(FetchTransport::new(), counters()))?;
        *slot = Some(Cached {
            key,
            client: client.clone(),
        });
        Ok(client)
    })
}

/// Serves one Fetch `Request` with the bindings in `env` (an object of strings: the
/// Worker's `env`, or `process.env` in Node).
#[wasm_bindgen]
pub async fn handle(request: Request, env: JsValue) -> Result<Response, JsValue> {
    let counters = counters();
    counters.requests.fetch_add(1, Ordering::Relaxed);
    let get = |name: &str| {
        Reflect::get(&env, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let path = url_path(&request.url());
    let answer = match Settings::from_bindings(get) {
        Err(e) => error_answer(&e),
        Ok(settings) => match client_for(&settings) {
            Err(e) => error_answer(&e),
            Ok(client) => serve(&client, &request.method(), &path).await,
        },
    };
    respond(answer.with_counters(&counters), &counters)
}

/// The path of a request URL (`http://host:port/servers?x` → `/servers`).
fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}

fn respond(answer: Answer, counters: &Counters) -> Result<Response, JsValue> {
    let headers = Headers::new()?;
    headers.set("content-type", "application/json")?;
    headers.set("cache-control", "no-store")?;
    for (k, v) in Answer::counter_headers(counters) {
        headers.set(&k, &v)?;
    }
    if let Some(r) = &answer.retry_after {
        headers.set("retry-after", r)?;
    }
    let init = ResponseInit::new();
    init.set_status(answer.status);
    init.set_headers(&headers);
    Response::new_with_opt_str_and_init(Some(&answer.body.to_string()), &init)
}
