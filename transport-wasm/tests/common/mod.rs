//! Test bodies shared by the main-thread suite (`browser.rs`), the dedicated-worker suite
//! (`worker.rs`) and the service-worker suite (`service_worker.rs`). They run in headless
//! Chromium against the real local cloud; `scripts/wasm-test.sh` passes the credentials in
//! at compile time.

use std::time::Duration;

use bytes::Bytes;
use ferrocloud::identity::v3::tokens;
use ferrocloud::image::images::{self, CreateImage};
use ferrocloud::{
    byte_stream, path, query, AuthOptions, Client, Error, List, Op, Paging, Transport,
    TransportErrorKind, Wait,
};
use ferrocloud_wasm::FetchTransport;
use futures::TryStreamExt;
use http::{HeaderName, HeaderValue};
use serde_json::{json, Value};

fn need(name: &str, value: Option<&'static str>) -> &'static str {
    value.unwrap_or_else(|| {
        panic!("{name} was not set when the suite was built: run scripts/wasm-test.sh")
    })
}

/// The demo user's password auth (from the environment at build time).
pub fn auth() -> AuthOptions {
    auth_at(need(
        "FERROCLOUD_WASM_AUTH_URL",
        option_env!("FERROCLOUD_WASM_AUTH_URL"),
    ))
}

fn auth_at(url: &str) -> AuthOptions {
    AuthOptions::password(
        url,
        need(
            "FERROCLOUD_WASM_USERNAME",
            option_env!("FERROCLOUD_WASM_USERNAME"),
        ),
        "Default",
        need(
            "FERROCLOUD_WASM_PASSWORD",
            option_env!("FERROCLOUD_WASM_PASSWORD"),
        ),
    )
    .project_name(
        need(
            "FERROCLOUD_WASM_PROJECT",
            option_env!("FERROCLOUD_WASM_PROJECT"),
        ),
        "Default",
    )
}

/// The broken-CORS proxy in front of Keystone that the script starts.
fn proxy() -> &'static str {
    need(
        "FERROCLOUD_WASM_PROXY",
        option_env!("FERROCLOUD_WASM_PROXY"),
    )
}

/// A client exactly as an application builds one.
pub fn client() -> Client<FetchTransport> {
    Client::new(
        FetchTransport::new().timeout(Duration::from_secs(60)),
        &auth(),
    )
    .expect("client")
}

/// A name no other test run uses.
pub fn unique(what: &str) -> String {
    format!(
        "ferro-wasm-{what}-{}-{}",
        js_sys::Date::now() as u64 % 100_000_000,
        (js_sys::Math::random() * 1e9) as u64
    )
}

fn short_wait() -> Wait {
    Wait {
        timeout: Duration::from_secs(90),
        interval: Duration::from_millis(500),
        ..Wait::default()
    }
}

/// Password auth and catalog lookup.
pub async fn password_auth_and_catalog() {
    let c = client();
    let token = c.token().await.expect("password auth in the browser");
    assert!(token.id.expose().len() > 20, "X-Subject-Token was read");
    assert_eq!(
        token.info.project.as_ref().and_then(|p| p.name.as_deref()),
        option_env!("FERROCLOUD_WASM_PROJECT")
    );
    let types: Vec<&str> = token
        .info
        .catalog
        .entries
        .iter()
        .map(|e| e.service_type.as_str())
        .collect();
    for t in ["identity", "compute", "network"] {
        assert!(types.contains(&t), "catalog has {t}: {types:?}");
    }
    let nova = c
        .compute()
        .service_client()
        .await
        .expect("compute endpoint");
    assert!(
        nova.base_url().contains(":8774/v2.1"),
        "compute endpoint {}",
        nova.base_url()
    );
    let neutron = c
        .network()
        .service_client()
        .await
        .expect("network endpoint");
    assert!(
        neutron.base_url().contains(":9696/v2.0"),
        "network endpoint {}",
        neutron.base_url()
    );
    // Only one authentication for all of that.
    assert!(std::sync::Arc::ptr_eq(&token, &c.token().await.unwrap()));
}

/// A microversion header Keystone's CORS allow-list rejects is not sent, so the call works.
pub async fn keystone_microversion_header_is_not_sent() {
    let c = client();
    let op: Op<Value> = Op::get(path!("auth/projects")).decode_body().header(
        HeaderName::from_static("openstack-api-version"),
        HeaderValue::from_static("identity 3.14"),
    );
    let projects = c
        .identity()
        .call(&op)
        .await
        .expect("identity call with a microversion header");
    assert!(
        projects["projects"]
            .as_array()
            .is_some_and(|p| !p.is_empty()),
        "{projects}"
    );
}

/// The server's own message arrives with a 404.
pub async fn not_found_has_the_server_message() {
    let c = client();
    let missing = "00000000-0000-4000-8000-00000000dead";
    let err = c
        .compute()
        .call(&Op::get(path!("servers/{}", missing)).decode_body::<Value>())
        .await
        .expect_err("no such server");
    assert!(err.is_not_found(), "{err}");
    let http = err.http().expect("http error");
    assert!(
        http.message().contains("could not be found") && http.message().contains(missing),
        "server message: {:?}",
        http.message()
    );
    assert!(
        err.request_id().is_some(),
        "request id is exposed by CORS: {err}"
    );
    let err = c
        .network()
        .call(&Op::get(path!("networks/{}", missing)).decode_body::<Value>())
        .await
        .expect_err("no such network");
    assert!(err.is_not_found(), "{err}");
    assert!(err.to_string().contains("could not be found"), "{err}");
}

/// Network create and delete through Neutron.
pub async fn network_create_and_delete() {
    let c = client();
    let neutron = c.network();
    let name = unique("net");
    let created: Value = neutron
        .call(
            &Op::post(path!("networks"))
                .json_under("network", &json!({"name": name, "admin_state_up": false}))
                .decode_key("network"),
        )
        .await
        .expect("create network");
    let id = created["id"].as_str().expect("network id").to_owned();
    let listed: Result<Vec<Value>, Error> = neutron
        .collect_all(
            List::new(path!("networks"), "networks", Paging::Linked)
                .query(query!(name: Some(name.as_str()))),
        )
        .await;
    let deleted = neutron
        .call(&Op::<()>::delete(path!("networks/{}", id)))
        .await;
    let listed = listed.expect("list networks");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(created["name"], name.as_str());
    assert_eq!(created["admin_state_up"], false);
    deleted.expect("delete network");
    let gone = neutron
        .call(&Op::get(path!("networks/{}", id)).decode_body::<Value>())
        .await
        .expect_err("deleted");
    assert!(gone.is_not_found(), "{gone}");
}

/// Servers: a Glance image uploaded from a Blob and downloaded as a stream, three servers
/// booted from it, then listed two per page.
pub async fn servers_paginated_with_streamed_image() {
    let c = client();
    let glance = c.image();
    let nova = c.compute();
    let prefix = unique("srv");
    let image = glance
        .call(&images::create(&CreateImage {
            name: Some(prefix.clone()),
            container_format: Some("bare".into()),
            disk_format: Some("raw".into()),
            ..Default::default()
        }))
        .await
        .expect("create image");
    let result = servers_with_image(&c, &image.id, &prefix).await;
    // Clean up whatever happened.
    let servers: Vec<Value> = nova
        .collect_all(
            List::new(path!("servers"), "servers", Paging::Linked)
                .query(query!(name: Some(prefix.as_str()))),
        )
        .await
        .unwrap_or_default();
    for s in &servers {
        if let Some(id) = s["id"].as_str() {
            let _ = nova.call(&Op::<()>::delete(path!("servers/{}", id))).await;
        }
    }
    for s in &servers {
        if let Some(id) = s["id"].as_str() {
            let _ = nova
                .wait_for_deleted(
                    &Op::get(path!("servers/{}", id)).decode_body::<Value>(),
                    short_wait(),
                )
                .await;
        }
    }
    let _ = glance.call(&images::delete(&image.id)).await;
    result.unwrap();
}

async fn servers_with_image(
    c: &Client<FetchTransport>,
    image_id: &str,
    prefix: &str,
) -> Result<(), String> {
    let glance = c.image();
    let nova = c.compute();
    // Upload in chunks (the transport gathers them into a Blob) and stream it back.
    let data: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
    let chunks: Vec<Result<Bytes, ferrocloud::TransportError>> = data
        .chunks(16_384)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    glance
        .upload(
            &images::upload(image_id),
            byte_stream(futures::stream::iter(chunks)),
        )
        .await
        .map_err(|e| format!("upload: {e}"))?;
    let image = glance
        .call(&images::get(image_id))
        .await
        .map_err(|e| format!("get image: {e}"))?;
    if image.size != Some(data.len() as u64) {
        return Err(format!(
            "image size {:?}, uploaded {}",
            image.size,
            data.len()
        ));
    }
    let mut stream = glance
        .download(&images::download(image_id))
        .await
        .map_err(|e| format!("download: {e}"))?;
    let mut back = Vec::new();
    let mut pieces = 0;
    while let Some(chunk) = stream
        .try_next()
        .await
        .map_err(|e| format!("download body: {e}"))?
    {
        back.extend_from_slice(&chunk);
        pieces += 1;
    }
    if back != data {
        return Err(format!(
            "downloaded {} bytes in {pieces} chunks, differ from the upload",
            back.len()
        ));
    }

    let flavors: Value = nova
        .call(&Op::get(path!("flavors")).decode_body::<Value>())
        .await
        .map_err(|e| format!("flavors: {e}"))?;
    let flavor = flavors["flavors"][0]["id"]
        .as_str()
        .ok_or("no flavor")?
        .to_owned();
    for i in 0..3 {
        nova.call(
            &Op::post(path!("servers"))
                .json_under(
                    "server",
                    &json!({"name": format!("{prefix}-{i}"), "imageRef": image_id, "flavorRef": flavor, "networks": "none"}),
                )
                .microversion("2.37")
                .decode_body::<Value>(),
        )
        .await
        .map_err(|e| format!("create server {i}: {e}"))?;
    }
    // Nova lists a server that is still a build request and then again from its cell:
    // wait until every server has left BUILD, so pages are stable.
    let mut waited = 0;
    loop {
        let now: Vec<Value> = nova
            .collect_all(
                List::new(path!("servers/detail"), "servers", Paging::Linked)
                    .query(query!(name: Some(prefix))),
            )
            .await
            .map_err(|e| format!("poll servers: {e}"))?;
        if now.len() == 3 && now.iter().all(|s| s["status"] == "ACTIVE") {
            break;
        }
        waited += 1;
        if waited > 120 {
            return Err(format!("servers did not become ACTIVE: {now:?}"));
        }
        c.transport().sleep(Duration::from_millis(500)).await;
    }
    let list = List::<Value>::new(path!("servers/detail"), "servers", Paging::Linked)
        .query(query!(name: Some(prefix), limit: Some(2)));
    let pages: Vec<ferrocloud::Page<Value>> = nova
        .pages(list)
        .try_collect()
        .await
        .map_err(|e| format!("list servers: {e}"))?;
    let mut names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|s| s["name"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    let want: Vec<String> = (0..3).map(|i| format!("{prefix}-{i}")).collect();
    if names != want {
        return Err(format!("listed {names:?}, want {want:?}"));
    }
    if pages.len() < 2 || pages[0].items.len() != 2 {
        return Err(format!(
            "expected pages of 2, got {:?}",
            pages.iter().map(|p| p.items.len()).collect::<Vec<_>>()
        ));
    }
    Ok(())
}

/// A revoked token is replaced by a new one on the next call (one reauth on 401).
pub async fn reauth_after_revocation() {
    let c = client();
    let first = c.token().await.expect("auth");
    c.identity()
        .call(&tokens::revoke(&first.id))
        .await
        .expect("revoke own token");
    let servers = c
        .compute()
        .call(&Op::get(path!("servers")).decode_body::<Value>())
        .await
        .expect("call after revocation reauthenticates");
    assert!(servers["servers"].is_array(), "{servers}");
    let second = c.token().await.expect("token");
    assert_ne!(
        first.id.expose(),
        second.id.expose(),
        "a new token was issued"
    );
}

/// Keystone behind a proxy that drops `Access-Control-Expose-Headers`: the token header
/// is unreadable, and the error says which Keystone settings fix it.
pub async fn hidden_subject_token_names_the_fix() {
    let url = format!("{}/noexpose/v3", proxy());
    let c = Client::new(FetchTransport::new(), &auth_at(&url)).expect("client");
    let err = c.token().await.expect_err("token header hidden by CORS");
    let msg = err.to_string();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert!(msg.contains("X-Subject-Token"), "{msg}");
    assert!(msg.contains("[cors] allowed_origin"), "{msg}");
    assert!(msg.contains("expose_headers"), "{msg}");
}

/// Keystone behind a proxy that sends no CORS headers at all: the browser blocks the
/// request and the error says CORS or network.
pub async fn missing_cors_is_cors_or_network() {
    let url = format!("{}/nocors/v3", proxy());
    let c = Client::new(FetchTransport::new(), &auth_at(&url)).expect("client");
    let err = c.token().await.expect_err("blocked by CORS");
    match &err {
        Error::Transport(t) => {
            assert_eq!(t.kind, TransportErrorKind::CorsOrNetwork, "{t}");
            assert!(t.message.contains("CORS or network"), "{t}");
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
}

/// Nothing listens there: also CORS-or-network (a page cannot tell them apart).
pub async fn unreachable_is_cors_or_network() {
    let c = Client::new(FetchTransport::new(), &auth_at("http://127.0.0.1:9/v3")).expect("client");
    let err = c.token().await.expect_err("nothing listens on port 9");
    assert!(
        matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::CorsOrNetwork),
        "{err:?}"
    );
}

/// Whether the proxy saw the browser drop the `/slow` request `id` (it was aborted).
async fn proxy_saw_abort(id: &str) -> bool {
    let t = FetchTransport::new();
    // The proxy notices a closed connection within 100 ms.
    t.sleep(Duration::from_millis(600)).await;
    let req = http::Request::get(format!("{}/slow-status?id={id}", proxy()))
        .body(Bytes::new())
        .unwrap();
    let resp = t.send(req).await.expect("slow-status");
    let v: Value = serde_json::from_slice(resp.body()).expect("slow-status JSON");
    v["aborted"] == true
}

/// The transport's timeout aborts a request that does not answer in time, and the
/// timer-based sleep and the clock work in this global scope.
pub async fn timeout_sleep_and_clock() {
    let t = FetchTransport::new().timeout(Duration::from_millis(300));
    let before = t.now();
    t.sleep(Duration::from_millis(120)).await;
    let slept = t.now().duration_since(before).expect("clock moves forward");
    assert!(slept >= Duration::from_millis(100), "slept {slept:?}");
    let since_epoch = t.now().duration_since(std::time::UNIX_EPOCH).unwrap();
    assert!(
        since_epoch > Duration::from_secs(1_700_000_000),
        "{since_epoch:?}"
    );
    // The proxy's /slow path answers after 5 s.
    let id = unique("timeout");
    let req = http::Request::get(format!("{}/slow?id={id}", proxy()))
        .body(Bytes::new())
        .unwrap();
    let start = t.now();
    let err = t.send(req).await.expect_err("times out");
    let took = t.now().duration_since(start).unwrap();
    assert_eq!(err.kind, TransportErrorKind::Timeout, "{err}");
    assert!(took < Duration::from_secs(3), "gave up after {took:?}");
    assert!(
        proxy_saw_abort(&id).await,
        "the timed-out fetch was aborted"
    );
}

/// Dropping a request future aborts the fetch (cancellation).
pub async fn dropping_a_request_cancels_it() {
    use futures::future::{select, Either};
    let t = FetchTransport::new();
    let id = unique("cancel");
    let req = http::Request::get(format!("{}/slow?id={id}", proxy()))
        .body(Bytes::new())
        .unwrap();
    let send = Box::pin(t.send(req));
    match select(send, std::pin::pin!(t.sleep(Duration::from_millis(300)))).await {
        Either::Left((r, _)) => panic!("the slow request finished early: {r:?}"),
        Either::Right(((), pending)) => drop(pending), // drops the request future
    }
    assert!(proxy_saw_abort(&id).await, "the dropped fetch was aborted");
}

/// Octavia from the browser: the providers, then a typed load balancer filter that
/// matches nothing (an empty first page, read through Octavia's CORS answers).
pub async fn octavia_providers_and_filtered_list() {
    use ferrocloud::load_balancer::loadbalancers::{self, ListLoadBalancers};
    use ferrocloud::load_balancer::{providers, ProvisioningStatus};
    let c = client();
    let octavia = c.load_balancer();
    let ps = octavia.call(&providers::list()).await.expect("providers");
    assert!(ps.iter().any(|p| p.name == "amphora"), "{ps:?}");
    let none = octavia
        .collect_all(loadbalancers::list(&ListLoadBalancers {
            name: Some(unique("lb")),
            provisioning_status: Some(ProvisioningStatus::Active),
            ..Default::default()
        }))
        .await
        .expect("filtered list");
    assert!(none.is_empty(), "{none:?}");
}

/// Object storage through Swift's CORS: a container, an object uploaded from a stream
/// (the browser assembles it into a Blob) with non-ASCII metadata, read back streamed,
/// its headers (ETag, metadata) readable, listed; all deleted whatever happened.
pub async fn object_storage_upload_and_download() {
    use ferrocloud::object_storage::{containers, objects};
    let c = client();
    let swift = c.object_storage();
    let container = unique("os");
    swift
        .call(&containers::create(&container, &Default::default()))
        .await
        .expect("create container through CORS");
    let name = "dir/données.bin";
    let result = async {
        let chunks: Vec<Result<Bytes, ferrocloud::TransportError>> = (0..8u8)
            .map(|i| Ok(Bytes::from(vec![i; 64 * 1024])))
            .collect();
        let up = swift
            .upload(
                &objects::upload(
                    &container,
                    name,
                    &objects::UploadObject {
                        content_type: Some("application/x-test".into()),
                        metadata: [("ville".to_string(), "Zürich ☃".to_string())].into(),
                        ..Default::default()
                    },
                ),
                byte_stream(futures::stream::iter(chunks)),
            )
            .await?;
        let info = swift.call(&objects::get(&container, name)).await?;
        let listed = swift
            .collect_all(objects::list(&container, &Default::default()))
            .await?;
        let mut body = swift
            .download(&objects::download(&container, name, &Default::default()))
            .await?;
        let (mut total, mut chunks_seen, mut bad) = (0usize, 0usize, 0usize);
        while let Some(chunk) = body.try_next().await? {
            for (i, b) in chunk.iter().enumerate() {
                if *b as usize != (total + i) / (64 * 1024) {
                    bad += 1;
                }
            }
            total += chunk.len();
            chunks_seen += 1;
        }
        Ok::<_, Error>((up, info, listed, total, chunks_seen, bad))
    }
    .await;
    let _ = swift.call(&objects::delete(&container, name)).await;
    let _ = swift.call(&containers::delete(&container)).await;
    let (up, info, listed, total, chunks_seen, bad) = result.expect("object upload and download");
    assert_eq!(total, 8 * 64 * 1024);
    assert_eq!(bad, 0, "downloaded bytes differ");
    assert!(chunks_seen >= 1);
    assert!(up.etag.is_some(), "ETag is exposed by CORS");
    assert_eq!(info.etag, up.etag);
    assert_eq!(info.content_length, Some(8 * 64 * 1024));
    assert_eq!(info.content_type.as_deref(), Some("application/x-test"));
    assert_eq!(
        info.metadata.get("ville").map(String::as_str),
        Some("Zürich ☃"),
        "X-Object-Meta-* is exposed by CORS: {:?}",
        info.headers
    );
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, name);
    assert!(
        swift
            .call(&containers::get(&container))
            .await
            .unwrap_err()
            .is_not_found(),
        "the container was deleted"
    );
}

/// Declares one `#[wasm_bindgen_test]` per shared test in the file that invokes it, so the
/// main-thread, dedicated-worker and service-worker suites run the same tests.
macro_rules! shared_tests {
    () => {
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn password_auth_and_catalog() {
            common::password_auth_and_catalog().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn keystone_microversion_header_is_not_sent() {
            common::keystone_microversion_header_is_not_sent().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn not_found_has_the_server_message() {
            common::not_found_has_the_server_message().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn network_create_and_delete() {
            common::network_create_and_delete().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn servers_paginated_with_streamed_image() {
            common::servers_paginated_with_streamed_image().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn reauth_after_revocation() {
            common::reauth_after_revocation().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn hidden_subject_token_names_the_fix() {
            common::hidden_subject_token_names_the_fix().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn missing_cors_is_cors_or_network() {
            common::missing_cors_is_cors_or_network().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn unreachable_is_cors_or_network() {
            common::unreachable_is_cors_or_network().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn timeout_sleep_and_clock() {
            common::timeout_sleep_and_clock().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn dropping_a_request_cancels_it() {
            common::dropping_a_request_cancels_it().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn octavia_providers_and_filtered_list() {
            common::octavia_providers_and_filtered_list().await;
        }
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn object_storage_upload_and_download() {
            common::object_storage_upload_and_download().await;
        }
    };
}
pub(crate) use shared_tests;
