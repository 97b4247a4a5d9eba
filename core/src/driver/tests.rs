//! The driver on a fake clock, over the in-memory transport.

use std::time::Duration;

use futures::executor::block_on;
use futures::StreamExt;
use http::Method;

use crate::testing::{MockResponse, MockTransport};
use crate::{path, AuthOptions, Client, ClientOptions, Error, List, Op, Paging, RetryPolicy, Wait};

const AUTH: &str = "http://keystone/v3";
const TOKENS: &str = "/v3/auth/tokens";

fn setup() -> (MockTransport, Client<MockTransport>) {
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    let auth = AuthOptions::password(AUTH, "demo", "Default", "pw").project_id("p1");
    let client = Client::new(mock.clone(), &auth).unwrap();
    (mock, client)
}

/// A client whose Nova answers `GET /flavors`.
fn setup_with_flavors() -> (MockTransport, Client<MockTransport>) {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/flavors",
        MockResponse::json(200, r#"{"flavors": []}"#),
    );
    (mock, client)
}

fn get(p: &str) -> Op<serde_json::Value> {
    Op::get(Ok(p.to_owned()))
}

#[test]
fn concurrent_first_calls_share_one_authentication() {
    let (mock, client) = setup_with_flavors();
    let nova = client.compute();
    let op = get("flavors");
    let calls: Vec<_> = (0..100).map(|_| nova.call(&op)).collect();
    let results = block_on(futures::future::join_all(calls));
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    assert_eq!(mock.count(&Method::GET, "/v2.1/flavors"), 100);
}

#[test]
fn expired_token_is_refreshed_before_use() {
    let (mock, client) = setup_with_flavors();
    let nova = client.compute();
    block_on(nova.call(&get("flavors"))).unwrap();
    // Tokens last an hour; the default margin is two minutes.
    mock.advance(Duration::from_secs(3600 - 150));
    block_on(nova.call(&get("flavors"))).unwrap();
    assert_eq!(mock.count(&Method::POST, TOKENS), 1, "still fresh");
    mock.advance(Duration::from_secs(60));
    block_on(nova.call(&get("flavors"))).unwrap();
    assert_eq!(
        mock.count(&Method::POST, TOKENS),
        2,
        "refreshed inside the margin"
    );
    let reqs = mock.requests();
    let last = reqs.last().unwrap();
    assert_eq!(last.header("x-auth-token"), Some("mock-token-2"));
}

#[test]
fn a_401_reauthenticates_once_then_fails_typed() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers",
        MockResponse::json(401, r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#)
            .header("x-openstack-request-id", "req-401"),
    );
    let err = block_on(client.compute().call(&get("servers"))).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(err.request_id(), Some("req-401"));
    assert_eq!(mock.count(&Method::POST, TOKENS), 2, "one reauth, no loop");
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 2);
}

#[test]
fn a_401_then_success_uses_the_new_token() {
    let (mock, client) = setup();
    mock.on_seq(
        Method::GET,
        "/v2.1/servers",
        vec![MockResponse::status(401), MockResponse::json(200, "{}")],
    );
    block_on(client.compute().call(&get("servers"))).unwrap();
    let reqs = mock.requests();
    let used: Vec<_> = reqs
        .iter()
        .filter(|r| r.path() == "/v2.1/servers")
        .map(|r| r.header("x-auth-token").unwrap().to_owned())
        .collect();
    assert_eq!(used, ["mock-token-1", "mock-token-2"]);
}

#[test]
fn token_auth_does_not_loop_on_401() {
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    mock.on(Method::GET, "/v2.1/servers", MockResponse::status(401));
    let client = Client::new(
        mock.clone(),
        &AuthOptions::token(AUTH, "t".into()).project_id("p"),
    )
    .unwrap();
    let err = block_on(client.compute().call(&get("servers"))).unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
}

#[test]
fn retries_stop_at_the_bound_and_honour_retry_after() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers",
        MockResponse::json(503, r#"{"message": "busy"}"#).header("retry-after", "7"),
    );
    let err = block_on(client.compute().call(&get("servers"))).unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        mock.count(&Method::GET, "/v2.1/servers"),
        4,
        "1 try + 3 retries"
    );
    assert_eq!(mock.slept(), Duration::from_secs(21));

    // HTTP-date form, relative to the fake clock, and a 429 storm.
    let (mock, client) = setup();
    let at = httpdate::fmt_http_date(
        std::time::SystemTime::UNIX_EPOCH + crate::testing::START + Duration::from_secs(30),
    );
    mock.on_seq(
        Method::GET,
        "/v2.1/servers",
        vec![
            MockResponse::status(429).header("retry-after", &at),
            MockResponse::json(200, "{}"),
        ],
    );
    block_on(client.compute().call(&get("servers"))).unwrap();
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 2);
    assert!(
        mock.slept() >= Duration::from_secs(29) && mock.slept() <= Duration::from_secs(30),
        "{:?}",
        mock.slept()
    );
}

#[test]
fn post_is_not_retried_unless_asked() {
    let (mock, client) = setup();
    mock.on(Method::POST, "/v2.1/servers", MockResponse::status(503));
    let op: Op<serde_json::Value> = Op::post(path!("servers")).json(&serde_json::json!({}));
    assert!(block_on(client.compute().call(&op)).is_err());
    assert_eq!(mock.count(&Method::POST, "/v2.1/servers"), 1);

    let mock2 = MockTransport::new();
    mock2.keystone(AUTH, "http://nova/v2.1");
    mock2.on(Method::POST, "/v2.1/servers", MockResponse::status(503));
    let opts = ClientOptions {
        retry: RetryPolicy {
            retry_non_idempotent: true,
            max_retries: 2,
            ..RetryPolicy::default()
        },
        ..ClientOptions::default()
    };
    let client = Client::with_options(
        mock2.clone(),
        &AuthOptions::password(AUTH, "u", "Default", "p"),
        opts,
    )
    .unwrap();
    assert!(block_on(client.compute().call(&op)).is_err());
    assert_eq!(mock2.count(&Method::POST, "/v2.1/servers"), 3);
}

#[test]
fn transport_errors_are_typed() {
    // Io is resent once; a second failure surfaces.
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers",
        MockResponse::fail(crate::TransportErrorKind::Io),
    );
    match block_on(client.compute().call(&get("servers"))) {
        Err(Error::Transport(t)) => assert_eq!(t.kind, crate::TransportErrorKind::Io),
        other => panic!("{other:?}"),
    }
}

#[test]
fn endpoint_not_found_lists_the_catalog() {
    let (_mock, client) = setup();
    let err = block_on(client.network().call(&get("networks"))).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("no network (public) endpoint")
            && msg.contains("compute (compute) RegionOne/public"),
        "{msg}"
    );
}

#[test]
fn pagination_streams_one_page_at_a_time() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers?limit=2",
        MockResponse::json(200, r#"{"servers": [{"id": "a"}, {"id": "b"}], "servers_links": [{"rel": "next", "href": "http://nova/v2.1/servers?limit=2&marker=b"}]}"#),
    );
    mock.on(
        Method::GET,
        "/v2.1/servers?limit=2&marker=b",
        MockResponse::json(200, r#"{"servers": [{"id": "c"}], "servers_links": []}"#),
    );
    let list: List<serde_json::Value> = List::new(path!("servers"), "servers", Paging::Linked)
        .query(crate::Query::new().push("limit", 2))
        .microversion("2.90");
    let nova = client.compute();
    let mut stream = std::pin::pin!(nova.list(list.clone()));
    let first = block_on(stream.next()).unwrap().unwrap();
    assert_eq!(first["id"], "a");
    assert_eq!(
        mock.count(&Method::GET, "/v2.1/servers"),
        1,
        "second page not fetched yet"
    );
    let rest: Vec<_> = block_on(stream.collect::<Vec<_>>());
    assert_eq!(rest.len(), 2);
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 2);
    // The next-page request keeps the operation's headers (microversion).
    let last = mock.requests().into_iter().last().unwrap();
    assert_eq!(last.header("openstack-api-version"), Some("compute 2.90"));
    let all = block_on(nova.collect_all(list)).unwrap();
    assert_eq!(all.len(), 3);
}

#[test]
fn cyclic_next_links_end_the_stream_instead_of_looping() {
    let (mock, client) = setup();
    let page = |id: &str, next: &str| {
        MockResponse::json(
            200,
            format!(
                r#"{{"servers": [{{"id": "{id}"}}], "servers_links": [{{"rel": "next", "href": "http://nova/v2.1/servers?marker={next}"}}]}}"#
            ),
        )
    };
    mock.on(Method::GET, "/v2.1/servers", page("a", "a"));
    mock.on(Method::GET, "/v2.1/servers?marker=a", page("b", "b"));
    mock.on(Method::GET, "/v2.1/servers?marker=b", page("c", "a"));
    let list: List<serde_json::Value> = List::new(path!("servers"), "servers", Paging::Linked);
    let items: Vec<_> = block_on(client.compute().list(list).collect::<Vec<_>>());
    // a, b, then the page linking back to ?marker=a fails: three pages, one error.
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[..2].iter().all(Result::is_ok));
    let err = items[2].as_ref().unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert!(err.to_string().contains("already listed"), "{err}");
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 3);
}

#[test]
fn a_page_error_ends_the_stream_with_it() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers",
        MockResponse::json(200, r#"{"servers": "oops"}"#),
    );
    let list: List<serde_json::Value> = List::new(path!("servers"), "servers", Paging::Linked);
    let items: Vec<_> = block_on(client.compute().list(list).collect::<Vec<_>>());
    assert_eq!(items.len(), 1);
    assert!(matches!(items[0], Err(Error::Decode(_))));
}

#[derive(serde::Deserialize)]
struct Thing {
    status: String,
}

impl crate::HasStatus for Thing {
    fn status(&self) -> Option<&str> {
        Some(&self.status)
    }
}

#[test]
fn wait_for_status_polls_until_target_failure_or_timeout() {
    let (mock, client) = setup();
    mock.on_seq(
        Method::GET,
        "/v2.1/things/1",
        vec![
            MockResponse::json(200, r#"{"thing": {"status": "BUILD"}}"#),
            MockResponse::json(200, r#"{"thing": {"status": "BUILD"}}"#),
            MockResponse::json(200, r#"{"thing": {"status": "ACTIVE"}}"#),
        ],
    );
    let op: Op<Thing> = Op::get(path!("things/{}", "1")).decode_key("thing");
    let nova = client.compute();
    let wait = Wait::timeout(Duration::from_secs(60)).every(Duration::from_secs(5));
    let t = block_on(nova.wait_for_status(&op, &["active"], &["ERROR"], wait)).unwrap();
    assert_eq!(t.status, "ACTIVE");
    assert_eq!(mock.slept(), Duration::from_secs(10));

    mock.on(
        Method::GET,
        "/v2.1/things/1",
        MockResponse::json(200, r#"{"thing": {"status": "ERROR"}}"#),
    );
    let err = block_on(nova.wait_for_status(&op, &["ACTIVE"], &["ERROR"], wait))
        .err()
        .unwrap();
    assert!(matches!(err, Error::WaitFailed { ref status, .. } if status == "ERROR"));

    mock.on(
        Method::GET,
        "/v2.1/things/1",
        MockResponse::json(200, r#"{"thing": {"status": "BUILD"}}"#),
    );
    let before = mock.slept();
    let err = block_on(nova.wait_for_status(&op, &["ACTIVE"], &[], wait))
        .err()
        .unwrap();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert_eq!(mock.slept() - before, Duration::from_secs(60));

    mock.on(Method::GET, "/v2.1/things/1", MockResponse::status(404));
    block_on(nova.wait_for_deleted(&op, wait)).unwrap();
}

#[test]
fn redirects_are_followed_with_the_token_on_the_same_origin_only() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/stacks/web",
        MockResponse::status(302).header("location", "/v2.1/stacks/web/42"),
    );
    mock.on(
        Method::GET,
        "/v2.1/stacks/web/42",
        MockResponse::json(200, r#"{"id": "42"}"#),
    );
    let v = block_on(client.compute().call(&get("stacks/web"))).unwrap();
    assert_eq!(v["id"], "42");
    let reqs = mock.requests();
    assert_eq!(
        reqs.last().unwrap().header("x-auth-token"),
        Some("mock-token-1")
    );

    mock.on(
        Method::GET,
        "/v2.1/away",
        MockResponse::status(302).header("location", "http://elsewhere/x"),
    );
    mock.on(Method::GET, "/x", MockResponse::json(200, "{}"));
    block_on(client.compute().call(&get("away"))).unwrap();
    assert_eq!(mock.requests().last().unwrap().header("x-auth-token"), None);
}

#[test]
fn secrets_never_show_in_debug() {
    let (mock, client) = setup();
    mock.on(Method::GET, "/v2.1/flavors", MockResponse::json(200, "{}"));
    block_on(client.compute().call(&get("flavors"))).unwrap();
    let token = block_on(client.token()).unwrap();
    let dump = format!("{client:?} {token:?} {:?}", client.credentials());
    assert!(!dump.contains("mock-token-1"), "{dump}");
    assert!(!dump.contains("\"pw\""), "{dump}");
    assert!(dump.contains("<redacted>"));
}

#[test]
fn a_dropped_connection_is_resent_once_for_idempotent_requests_only() {
    let (mock, client) = setup();
    mock.on_seq(
        Method::GET,
        "/v2.1/servers",
        vec![
            MockResponse::fail(crate::TransportErrorKind::Io),
            MockResponse::json(200, "{}"),
        ],
    );
    block_on(client.compute().call(&get("servers"))).unwrap();
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 2);

    mock.on(
        Method::POST,
        "/v2.1/servers",
        MockResponse::fail(crate::TransportErrorKind::Io),
    );
    let op: Op<serde_json::Value> = Op::post(path!("servers")).json(&serde_json::json!({}));
    assert!(matches!(
        block_on(client.compute().call(&op)),
        Err(Error::Transport(_))
    ));
    assert_eq!(mock.count(&Method::POST, "/v2.1/servers"), 1);
}
