//! The JS entry point: `handle(request, env)` takes a Fetch `Request` and the bindings
//! object and resolves to a Fetch `Response` (the Workers `fetch` handler's shape; the
//! Node module wraps it the same way).
//!
//! ## One client, several requests at once
//!
//! The SDK lets concurrent first calls share one authentication: the others wait for it.
//! Workers forbid exactly that across requests: a request that waits on I/O started by
//! another request has no pending I/O of its own, and workerd cancels it as hung ("The
//! Workers runtime canceled this request because it detected that your Worker's code had
//! hung", seen with four concurrent first requests). So the function lets a request that
//! may authenticate (no token yet, or one close to its refresh) run alone: the others
//! wait for it with their *own* timers (`setTimeout` every 5 ms is pending I/O of theirs)
//! and then use its token. Requests with a fresh token run concurrently.

use std::cell::{Cell, RefCell};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

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
    /// Until when the SDK will surely not renew the token (learned after each request
    /// that ran alone); `None` before the first token.
    fresh_until: Option<SystemTime>,
}

/// Who is inside the client: how many requests, and whether one runs alone.
#[derive(Default)]
struct Gate {
    active: u32,
    alone: bool,
}

thread_local! {
    static CLIENT: RefCell<Option<Cached>> = const { RefCell::new(None) };
    static COUNTERS: Arc<Counters> = Arc::new(Counters::default());
    static GATE: RefCell<Gate> = RefCell::new(Gate::default());
    static POLLS: Cell<u64> = const { Cell::new(0) };
}

fn counters() -> Arc<Counters> {
    COUNTERS.with(Arc::clone)
}

/// The cached client for `settings` (or a new one, cached for the next requests), and
/// whether its token is surely fresh.
fn client_for(
    settings: &Settings,
) -> Result<(Client<Counting<FetchTransport>>, bool), ferrocloud::Error> {
    let mut h = DefaultHasher::new();
    settings.hash(&mut h);
    let key = h.finish();
    let now = ferrocloud_wasm::now();
    CLIENT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some(c) = slot.as_ref().filter(|c| c.key == key) {
            return Ok((c.client.clone(), c.fresh_until.is_some_and(|t| now < t)));
        }
        let client = settings.client(Counting::new(FetchTransport::new(), counters()))?;
        *slot = Some(Cached {
            key,
            client: client.clone(),
            fresh_until: None,
        });
        Ok((client, false))
    })
}

/// Records the client's token after a request that ran alone (no I/O: it is fresh).
async fn learn_token(client: &Client<Counting<FetchTransport>>, margin: Duration) {
    let Ok(token) = client.token().await else {
        return;
    };
    // A minute of slack: the clock may lag while the CPU works (Workers' `Date.now()`).
    let until = token
        .info
        .expires_at
        .to_system_time()
        .checked_sub(margin + Duration::from_secs(60));
    CLIENT.with(|slot| {
        if let Some(c) = slot.borrow_mut().as_mut() {
            c.fresh_until = until;
        }
    });
}

/// A place inside the client; leaving it (drop) lets the waiting requests in.
struct Entered {
    alone: bool,
}

impl Drop for Entered {
    fn drop(&mut self) {
        GATE.with(|g| {
            let mut g = g.borrow_mut();
            g.active -= 1;
            if self.alone {
                g.alone = false;
            }
        });
    }
}

/// Waits (with this request's own timers) until it may use the client: alone, or along
/// with the others while nobody runs alone.
async fn enter(alone: bool) -> Entered {
    loop {
        let entered = GATE.with(|g| {
            let mut g = g.borrow_mut();
            let free = !g.alone && (!alone || g.active == 0);
            if free {
                g.active += 1;
                g.alone = alone;
            }
            free
        });
        if entered {
            return Entered { alone };
        }
        POLLS.with(|p| p.set(p.get() + 1));
        ferrocloud_wasm::sleep(Duration::from_millis(5)).await;
    }
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
            Ok((client, fresh)) => {
                let entered = enter(!fresh).await;
                let answer = serve(&client, &request.method(), &path).await;
                if entered.alone && answer.status == 200 {
                    learn_token(&client, settings.refresh_margin()).await;
                }
                drop(entered);
                answer
            }
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
    headers.set("x-edge-gate-polls", &POLLS.with(Cell::get).to_string())?;
    if let Some(r) = &answer.retry_after {
        headers.set("retry-after", r)?;
    }
    let init = ResponseInit::new();
    init.set_status(answer.status);
    init.set_headers(&headers);
    Response::new_with_opt_str_and_init(Some(&answer.body.to_string()), &init)
}
