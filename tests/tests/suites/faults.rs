//! Faults: a local fault-injecting server (`support::fault_server`) behind the real native
//! transport. Each fault must end in a typed error or a correct retry, with the number of
//! requests the server saw asserted; nothing may hang (every test runs under a tokio
//! timeout) or panic. POST is never retried unless the policy opts in.

use std::time::{Duration, Instant, SystemTime};

use ferrocloud::{
    path, AuthOptions, Client, ClientOptions, Error, List, Op, Paging, RetryPolicy,
    TransportErrorKind,
};
use ferrocloud_native::{HyperTransport, NativeOptions};
use http::StatusCode;
use serde_json::Value;

use crate::support::{fast_retry, native_client, FaultServer, Reply};

const SERVERS: &str = "/compute/v2.1/servers";
const TOKENS: &str = "/v3/auth/tokens";

fn auth(base_v3: &str) -> AuthOptions {
    AuthOptions::password(base_v3, "demo", "Default", "s3cret-pw").project_name("demo", "Default")
}

fn client_with(srv: &FaultServer, retry: RetryPolicy, timeout: Duration) -> Client<HyperTransport> {
    native_client(
        &auth(&srv.auth_url()),
        NativeOptions {
            timeout,
            connect_timeout: Duration::from_secs(2),
            ..NativeOptions::default()
        },
        ClientOptions {
            retry,
            ..ClientOptions::default()
        },
    )
}

fn client(srv: &FaultServer) -> Client<HyperTransport> {
    client_with(srv, fast_retry(&[429, 503]), Duration::from_secs(5))
}

fn get_servers() -> Op<Value> {
    Op::get(path!("servers")).decode_body()
}

fn post_servers() -> Op<Value> {
    Op::post(path!("servers"))
        .json(&serde_json::json!({"server": {"name": "x"}}))
        .decode_body()
}

/// Runs `f` under a 20 s guard: a hang fails the test instead of blocking CI.
async fn guarded<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .expect("the call hung")
}

fn transport_kind(e: &Error) -> TransportErrorKind {
    match e {
        Error::Transport(t) => t.kind,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_is_a_connect_error() {
    // A port that was just free: bind, note, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let transport = HyperTransport::new(NativeOptions::default()).unwrap();
    let c = Client::new(transport, &auth(&format!("http://127.0.0.1:{port}/v3"))).unwrap();
    let err = guarded(c.token()).await.unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::Connect, "{err}");
    assert!(err.to_string().contains("127.0.0.1"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_mid_body_is_an_io_error_after_one_resend_of_a_get() {
    let srv = FaultServer::start(|_, _| Reply::ResetMidBody {
        declared: 4096,
        sent: br#"{"servers": [{"id": "a", "#.to_vec(),
    })
    .await;
    let c = client(&srv);
    let err = guarded(c.compute().call(&get_servers())).await.unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::Io, "{err}");
    // A GET is idempotent: resent once on a dropped connection, then given up.
    assert_eq!(srv.count("GET", SERVERS), 2);
    assert_eq!(srv.auths(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_mid_body_of_a_post_is_never_resent() {
    let srv = FaultServer::start(|_, _| Reply::ResetMidBody {
        declared: 4096,
        sent: b"{".to_vec(),
    })
    .await;
    let c = client(&srv);
    let err = guarded(c.compute().call(&post_servers()))
        .await
        .unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::Io, "{err}");
    assert_eq!(srv.count("POST", SERVERS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_without_answer_is_a_typed_error() {
    let srv = FaultServer::start(|_, _| Reply::Close).await;
    let c = client(&srv);
    let err = guarded(c.compute().call(&get_servers())).await.unwrap_err();
    assert!(err.is_transport(), "{err}");
    assert_eq!(srv.count("GET", SERVERS), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_server_hits_the_timeout() {
    let srv = FaultServer::start(|_, _| Reply::Stall(Duration::from_secs(30))).await;
    let c = client_with(&srv, fast_retry(&[429, 503]), Duration::from_millis(400));
    // Authenticate first (the token answer is immediate).
    guarded(c.token()).await.unwrap();
    let start = Instant::now();
    let err = guarded(c.compute().call(&get_servers())).await.unwrap_err();
    let took = start.elapsed();
    assert_eq!(transport_kind(&err), TransportErrorKind::Timeout, "{err}");
    assert!(
        took >= Duration::from_millis(350) && took < Duration::from_secs(3),
        "{took:?}"
    );
    // Timeouts are not resent: the server may still be working on the first one.
    assert_eq!(srv.count("GET", SERVERS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_keystone_hits_the_timeout() {
    let srv = FaultServer::start_raw(|_, _| Reply::Stall(Duration::from_secs(30))).await;
    let c = client_with(&srv, fast_retry(&[429, 503]), Duration::from_millis(300));
    let err = guarded(c.token()).await.unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::Timeout, "{err}");
    assert_eq!(srv.count("POST", TOKENS), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_and_garbage_json_are_decode_errors() {
    let srv = FaultServer::start(|req, _| match req.target.as_str() {
        "/compute/v2.1/servers/truncated" => Reply::json(200, r#"{"server": {"id": "a", "na"#),
        "/compute/v2.1/servers/garbage" => Reply::raw(200, b"\x00\xff\xfe<html>oops</html>"),
        "/compute/v2.1/servers/empty" => Reply::raw(200, b""),
        "/compute/v2.1/servers/wrongtype" => Reply::json(200, r#"{"servers": 42}"#),
        "/compute/v2.1/servers/fault" => Reply::raw(500, b"\xff{{{ not a fault"),
        _ => Reply::status(404),
    })
    .await;
    let c = client(&srv);
    let nova = c.compute();
    for id in ["truncated", "garbage"] {
        let op: Op<Value> = Op::get(path!("servers/{}", id)).decode_key("server");
        let err = guarded(nova.call(&op)).await.unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{id}: {err:?}");
    }
    // An empty body reads as null: a typed decode error for a struct.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Server {
        id: String,
    }
    let op: Op<Server> = Op::get(path!("servers/{}", "empty")).decode_key("server");
    let err = guarded(nova.call(&op)).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    let list: List<Server> = List::new(path!("servers/{}", "wrongtype"), "servers", Paging::Linked);
    let err = guarded(nova.collect_all(list)).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    // A garbage fault body still yields the HTTP error with its status.
    let op: Op<Value> = Op::get(path!("servers/{}", "fault")).decode_body();
    let err = guarded(nova.call(&op)).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(StatusCode::INTERNAL_SERVER_ERROR),
        "{err}"
    );
    for p in ["truncated", "garbage", "empty", "wrongtype", "fault"] {
        assert_eq!(srv.count("GET", &format!("{SERVERS}/{p}")), 1, "{p}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_token_body_is_a_decode_error() {
    let srv = FaultServer::start_raw(|_, _| {
        Reply::raw(
            201,
            b"{\"token\": {\"expires_at\": \"\xe2\x82\xac\xe2\x82\xac\"",
        )
        .with_header("X-Subject-Token", "t")
    })
    .await;
    let c = client(&srv);
    let err = guarded(c.token()).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_eq!(srv.count("POST", TOKENS), 1);
}

/// 5xx bursts: `n` failures with `status` (and `retry_after`), then success.
async fn burst(
    status: u16,
    n: usize,
    retry_after: Option<String>,
    policy: RetryPolicy,
) -> (FaultServer, Result<Value, Error>, Duration) {
    let srv = FaultServer::start(move |_, k| {
        if k < n {
            let r = Reply::json(
                status,
                r#"{"computeFault": {"message": "busy", "code": 503}}"#,
            );
            match &retry_after {
                Some(v) => r.with_header("Retry-After", v),
                None => r,
            }
        } else {
            Reply::json(200, r#"{"servers": []}"#)
        }
    })
    .await;
    let c = client_with(&srv, policy, Duration::from_secs(5));
    guarded(c.token()).await.unwrap();
    let start = Instant::now();
    let out = guarded(c.compute().call(&get_servers())).await;
    (srv, out, start.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_of_503_are_retried_then_succeed() {
    let (srv, out, _) = burst(503, 3, None, fast_retry(&[429, 503])).await;
    assert_eq!(out.unwrap(), serde_json::json!({"servers": []}));
    assert_eq!(srv.count("GET", SERVERS), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_of_500_and_502_retry_only_when_configured() {
    for status in [500u16, 502] {
        // Default statuses (429, 503): not retried, a typed HTTP error at once.
        let (srv, out, _) = burst(status, 2, None, fast_retry(&[429, 503])).await;
        let err = out.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{err}");
        assert_eq!(err.http().unwrap().message(), "busy");
        assert_eq!(srv.count("GET", SERVERS), 1);
        // Opted in: retried through the burst.
        let (srv, out, _) = burst(status, 2, None, fast_retry(&[500, 502, 503])).await;
        assert!(out.is_ok(), "{status}: {out:?}");
        assert_eq!(srv.count("GET", SERVERS), 3);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_seconds_is_honoured() {
    // base_delay 10 s: only Retry-After can make the wait ~1 s.
    let policy = RetryPolicy {
        base_delay: Duration::from_secs(10),
        ..RetryPolicy::default()
    };
    let (srv, out, took) = burst(503, 1, Some("1".into()), policy).await;
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(srv.count("GET", SERVERS), 2);
    assert!(
        took >= Duration::from_millis(950) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_http_date_is_honoured() {
    let policy = RetryPolicy {
        base_delay: Duration::from_secs(10),
        ..RetryPolicy::default()
    };
    let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let (srv, out, took) = burst(503, 1, Some(at), policy).await;
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(srv.count("GET", SERVERS), 2);
    // The date has one-second resolution: the wait is between 1 and 2 s.
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_capped_by_max_delay() {
    let policy = RetryPolicy {
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    let (srv, out, took) = burst(503, 2, Some("3600".into()), policy).await;
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(srv.count("GET", SERVERS), 3);
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_503_stops_at_the_bound_with_a_typed_error() {
    let (srv, out, _) = burst(503, usize::MAX, None, fast_retry(&[429, 503])).await;
    let err = out.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE), "{err}");
    // The first attempt and max_retries (3) retries.
    assert_eq!(srv.count("GET", SERVERS), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storm_of_429_stops_at_the_retry_bound() {
    let policy = RetryPolicy {
        max_retries: 5,
        ..fast_retry(&[429, 503])
    };
    let (srv, out, _) = burst(429, usize::MAX, Some("0".into()), policy).await;
    let err = out.unwrap_err();
    assert!(err.is_rate_limited(), "{err}");
    assert_eq!(err.http().unwrap().retry_after.as_deref(), Some("0"));
    assert_eq!(srv.count("GET", SERVERS), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_is_never_retried_unless_opted_in() {
    let srv = FaultServer::start(|_, k| {
        if k < 2 {
            Reply::status(503)
        } else {
            Reply::json(202, r#"{"server": {"id": "s1"}}"#)
        }
    })
    .await;
    let c = client(&srv);
    let err = guarded(c.compute().call(&post_servers()))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(srv.count("POST", SERVERS), 1);

    let srv = FaultServer::start(|_, k| {
        if k < 2 {
            Reply::status(503)
        } else {
            Reply::json(202, r#"{"server": {"id": "s1"}}"#)
        }
    })
    .await;
    let opted = RetryPolicy {
        retry_non_idempotent: true,
        ..fast_retry(&[429, 503])
    };
    let c = client_with(&srv, opted, Duration::from_secs(5));
    let out = guarded(c.compute().call(&post_servers())).await.unwrap();
    assert_eq!(out["server"]["id"], "s1");
    assert_eq!(srv.count("POST", SERVERS), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_requests_are_retried_on_503() {
    // POST /v3/auth/tokens is safe to repeat: it is retried despite being a POST.
    let srv = FaultServer::start_raw(|req, k| {
        if req.path() == TOKENS && k < 2 {
            Reply::status(503)
        } else if req.path() == TOKENS {
            Reply::Token
        } else {
            Reply::status(404)
        }
    })
    .await;
    let c = client(&srv);
    let token = guarded(c.token()).await.unwrap();
    assert_eq!(token.id.expose(), "tok-1");
    assert_eq!(srv.count("POST", TOKENS), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_loop_stops_after_exactly_one_reauth() {
    let srv = FaultServer::start(|_, _| {
        Reply::json(401, r#"{"error": {"message": "The request you have made requires authentication.", "code": 401}}"#)
    })
    .await;
    let c = client(&srv);
    let err = guarded(c.compute().call(&get_servers())).await.unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(srv.count("POST", TOKENS), 2);
    assert_eq!(srv.count("GET", SERVERS), 2);
    let tokens: Vec<_> = srv
        .seen()
        .iter()
        .filter(|s| s.path() == SERVERS)
        .map(|s| s.header("x-auth-token").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(tokens, ["tok-1", "tok-2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_401_then_success_reauths_once() {
    let srv = FaultServer::start(|req, _| {
        if req.header("x-auth-token") == Some("tok-1") {
            Reply::status(401)
        } else {
            Reply::json(200, r#"{"servers": []}"#)
        }
    })
    .await;
    let c = client(&srv);
    // Many concurrent callers all see the revoked token: still one reauth in total.
    let nova = c.compute();
    let calls = (0..20).map(|_| {
        let nova = nova.clone();
        async move { nova.call(&get_servers()).await }
    });
    let outs = guarded(futures::future::join_all(calls)).await;
    assert!(outs.iter().all(Result::is_ok), "{outs:?}");
    assert_eq!(srv.count("POST", TOKENS), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_on_the_token_request_is_not_retried() {
    let srv = FaultServer::start_raw(|_, _| {
        Reply::json(
            401,
            r#"{"error": {"message": "bad password", "code": 401}}"#,
        )
    })
    .await;
    let c = client(&srv);
    let err = guarded(c.compute().call(&get_servers())).await.unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(srv.count("POST", TOKENS), 1);
    assert!(!err.to_string().contains("s3cret-pw"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cyclic_next_links_end_with_a_list_changed_error() {
    // page a -> page b -> page a -> ... must not loop forever.
    let srv = FaultServer::start(|req, _| {
        let me = req.target.clone();
        let next = if me.contains("marker=a") { "b" } else { "a" };
        let _ = me;
        Reply::json(
            200,
            format!(
                r#"{{"servers": [{{"id": "x"}}], "servers_links": [{{"rel": "next", "href": "http://{}/compute/v2.1/servers?marker={next}"}}]}}"#,
                req.header("host").unwrap_or_default()
            ),
        )
    })
    .await;
    let c = client(&srv);
    let list: List<Value> = List::new(path!("servers"), "servers", Paging::Linked);
    let err = guarded(c.compute().collect_all(list)).await.unwrap_err();
    assert!(matches!(err, Error::Paging(_)), "{err:?}");
    assert!(
        err.to_string().contains("the list changed while paging"),
        "{err}"
    );
    assert!(
        srv.count("GET", SERVERS) <= 4,
        "{}",
        srv.count("GET", SERVERS)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_panics_under_mixed_faults() {
    // Every reply kind in rotation, 60 concurrent calls: each ends, none panics.
    let srv = FaultServer::start(|_, k| match k % 7 {
        0 => Reply::ResetMidBody {
            declared: 100,
            sent: b"{\"serv".to_vec(),
        },
        1 => Reply::Close,
        2 => Reply::raw(200, b"\xff\xfe"),
        3 => Reply::status(503).with_header("Retry-After", "garbage"),
        4 => Reply::status(429).with_header("Retry-After", "Wed, 99 Foo 2015 07:28:00 GMT"),
        5 => Reply::Stall(Duration::from_secs(30)),
        _ => Reply::json(200, r#"{"servers": []}"#),
    })
    .await;
    let c = client_with(&srv, fast_retry(&[429, 503]), Duration::from_millis(500));
    let nova = c.compute();
    let calls = (0..60).map(|_| {
        let nova = nova.clone();
        tokio::spawn(async move { nova.call(&get_servers()).await })
    });
    let outs = guarded(futures::future::join_all(calls)).await;
    let (mut ok, mut failed) = (0, 0);
    for o in outs {
        match o.expect("no task panicked") {
            Ok(_) => ok += 1,
            Err(_) => failed += 1,
        }
    }
    assert_eq!(ok + failed, 60);
    assert!(ok > 0, "some calls succeed eventually");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_links_to_another_host_never_take_the_token_there() {
    // Nova's pages link to another server (a proxy's internal address, or an attacker
    // who controls the body): the next page is fetched from Nova's own origin.
    let other = FaultServer::start(|_, _| Reply::json(200, r#"{"servers": []}"#)).await;
    let elsewhere = other.auth_url().replace("/v3", "");
    let srv = FaultServer::start(move |req, _| {
        if req.target.contains("marker=a") {
            Reply::json(200, r#"{"servers": [{"id": "b"}]}"#)
        } else {
            Reply::json(
                200,
                format!(r#"{{"servers": [{{"id": "a"}}], "servers_links": [{{"rel": "next", "href": "{elsewhere}/compute/v2.1/servers?marker=a"}}]}}"#),
            )
        }
    })
    .await;
    let c = client(&srv);
    let list: List<Value> = List::new(path!("servers"), "servers", Paging::Linked);
    let all = guarded(c.compute().collect_all(list)).await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(other.seen().is_empty(), "{:?}", other.seen());
    let pages: Vec<_> = srv
        .seen()
        .into_iter()
        .filter(|s| s.path() == SERVERS)
        .collect();
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(|p| p.header("x-auth-token").is_some()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_to_another_origin_carry_no_credentials_and_home_again_do() {
    let home_base = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let home = home_base.clone();
    let other = FaultServer::start(move |_, _| {
        let back = format!("{}/compute/v2.1/home", home.lock().unwrap());
        Reply::status(307).with_header("Location", &back)
    })
    .await;
    let elsewhere = other.auth_url().replace("/v3", "");
    let srv = FaultServer::start(move |req, _| match req.path() {
        "/compute/v2.1/away" => {
            Reply::status(302).with_header("Location", &format!("{elsewhere}/x"))
        }
        _ => Reply::json(200, r#"{"ok": true}"#),
    })
    .await;
    *home_base.lock().unwrap() = srv.auth_url().replace("/v3", "");
    let c = client(&srv);
    let op: Op<Value> = Op::get(path!("away")).decode_body().header(
        http::header::HeaderName::from_static("x-subject-token"),
        http::HeaderValue::from_static("another-token"),
    );
    let v = guarded(c.compute().call(&op)).await.unwrap();
    assert_eq!(v["ok"], true);
    let foreign = other.seen();
    assert_eq!(foreign.len(), 1);
    for h in ["x-auth-token", "x-subject-token", "authorization", "cookie"] {
        assert_eq!(foreign[0].header(h), None, "{h} reached another origin");
    }
    let back = srv
        .seen()
        .into_iter()
        .find(|s| s.path() == "/compute/v2.1/home")
        .unwrap();
    assert!(back.header("x-auth-token").is_some());
    assert_eq!(back.header("x-subject-token"), Some("another-token"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_redirects_over_the_wire_are_a_typed_error() {
    let srv = FaultServer::start(|req, _| match req.path() {
        SERVERS => Reply::status(302).with_header("Location", SERVERS),
        _ => Reply::Token,
    })
    .await;
    let err = guarded(client(&srv).compute().call(&get_servers()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Redirect(_)), "{err:?}");
    assert_eq!(srv.count("GET", SERVERS), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_cap_is_too_large_not_memory() {
    let big = vec![b' '; 3 << 20];
    let srv = FaultServer::start(move |_, _| Reply::raw(200, &big)).await;
    let transport = HyperTransport::new(NativeOptions {
        max_body: 1 << 20,
        ..NativeOptions::default()
    })
    .unwrap();
    let c = Client::new(transport, &auth(&srv.auth_url())).unwrap();
    let err = guarded(c.compute().call(&get_servers())).await.unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::TooLarge, "{err}");
    assert!(err.to_string().contains("max_body"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_that_keeps_trickling_stops_at_its_deadline() {
    use futures::TryStreamExt;
    // One byte every 100 ms never trips the 5 s pause timeout; the 1 s deadline stops it.
    let srv = FaultServer::start(|_, _| Reply::Trickle {
        chunks: 100,
        every: Duration::from_millis(100),
    })
    .await;
    let transport = HyperTransport::new(NativeOptions {
        timeout: Duration::from_secs(5),
        download_deadline: Some(Duration::from_secs(1)),
        ..NativeOptions::default()
    })
    .unwrap();
    let c = Client::new(transport, &auth(&srv.auth_url())).unwrap();
    let started = Instant::now();
    let mut body = guarded(c.compute().download(&get_servers())).await.unwrap();
    let mut got = 0;
    let err = loop {
        match guarded(body.try_next()).await {
            Ok(Some(chunk)) => got += chunk.len(),
            Ok(None) => panic!("the whole slow body arrived ({got} bytes)"),
            Err(e) => break e,
        }
    };
    assert_eq!(err.kind, TransportErrorKind::Timeout, "{err}");
    assert!(err.message.contains("download_deadline"), "{err}");
    assert!(got > 0 && got < 100, "{got} bytes before the deadline");
    assert!(started.elapsed() < Duration::from_secs(3));
}
