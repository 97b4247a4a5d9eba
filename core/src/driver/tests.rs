//! The driver on a fake clock, over the in-memory transport.

use std::time::Duration;

use futures::executor::block_on;
use futures::StreamExt;
use http::Method;

use crate::transport::testing::{MockResponse, MockTransport};
use crate::{
    path, AuthOptions, Client, ClientOptions, Error, List, Op, Paging, PagingError, RedirectReason,
    RetryPolicy, Wait,
};

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
    Op::get(Ok(p.to_owned())).decode_body()
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
fn with_auth_wait_poll_waiting_calls_poll_on_their_own_timers_and_share_one_authentication() {
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    mock.on(
        Method::GET,
        "/v2.1/flavors",
        MockResponse::json(200, r#"{"flavors": []}"#),
    );
    let auth = AuthOptions::password(AUTH, "demo", "Default", "pw").project_id("p1");
    let options = ClientOptions {
        auth_wait_poll: Some(Duration::from_millis(5)),
        ..Default::default()
    };
    let client = Client::with_options(mock.clone(), &auth, options).unwrap();
    let nova = client.compute();
    let op = get("flavors");
    let calls: Vec<_> = (0..100).map(|_| nova.call(&op)).collect();
    let results = block_on(futures::future::join_all(calls));
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    assert_eq!(mock.count(&Method::GET, "/v2.1/flavors"), 100);
    // The 99 others waited on their own 5 ms timers, not on the first call's request.
    assert!(
        mock.slept() >= Duration::from_millis(5 * 99),
        "{:?}",
        mock.slept()
    );

    // A 401 for everyone: the re-authentication is shared the same way.
    mock.on(Method::GET, "/v2.1/servers", MockResponse::status(401));
    let op = get("servers");
    let calls: Vec<_> = (0..50).map(|_| nova.call(&op)).collect();
    let results = block_on(futures::future::join_all(calls));
    assert!(results
        .iter()
        .all(|r| r.as_ref().is_err_and(Error::is_unauthorized)));
    assert!(
        mock.count(&Method::POST, TOKENS) <= 3,
        "{}",
        mock.count(&Method::POST, TOKENS)
    );
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
        std::time::SystemTime::UNIX_EPOCH
            + crate::transport::testing::START
            + Duration::from_secs(30),
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
    let op: Op<serde_json::Value> = Op::post(path!("servers"))
        .json(&serde_json::json!({}))
        .decode_body();
    assert!(block_on(client.compute().call(&op)).is_err());
    assert_eq!(mock.count(&Method::POST, "/v2.1/servers"), 1);

    let (mock2, client) = retrying_posts_twice();
    mock2.on(Method::POST, "/v2.1/servers", MockResponse::status(503));
    assert!(block_on(client.compute().call(&op)).is_err());
    assert_eq!(mock2.count(&Method::POST, "/v2.1/servers"), 3);
}

/// A client whose retry policy retries POST and PATCH too, at most twice.
fn retrying_posts_twice() -> (MockTransport, Client<MockTransport>) {
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    let opts = ClientOptions {
        retry: RetryPolicy {
            retry_non_idempotent: true,
            max_retries: 2,
            ..RetryPolicy::default()
        },
        ..ClientOptions::default()
    };
    let auth = AuthOptions::password(AUTH, "u", "Default", "p");
    let client = Client::with_options(mock.clone(), &auth, opts).unwrap();
    (mock, client)
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
fn a_next_link_back_to_a_listed_page_is_a_list_changed_error() {
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
    assert!(
        matches!(err, Error::Paging(p) if matches!(**p, PagingError::ListChanged { .. })),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("the list changed while paging"),
        "{err}"
    );
    assert!(err.to_string().contains("list again"), "{err}");
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 3);

    // A page that links to itself is the same error, after one request.
    mock.on(Method::GET, "/v2.1/self", MockResponse::json(200, r#"{"servers": [{"id": "a"}], "servers_links": [{"rel": "next", "href": "http://nova/v2.1/self"}]}"#));
    let list: List<serde_json::Value> = List::new(path!("self"), "servers", Paging::Linked);
    let err = block_on(client.compute().collect_all(list)).unwrap_err();
    assert!(matches!(err, Error::Paging(_)), "{err:?}");
    assert_eq!(mock.count(&Method::GET, "/v2.1/self"), 1);
}

#[test]
fn paging_stops_at_the_page_limit_with_a_typed_error() {
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    for i in 0..5 {
        mock.on(
            Method::GET,
            &format!("/v2.1/servers?page={i}"),
            MockResponse::json(200, format!(r#"{{"servers": [{{"id": "{i}"}}], "servers_links": [{{"rel": "next", "href": "http://nova/v2.1/servers?page={}"}}]}}"#, i + 1)),
        );
    }
    let auth = AuthOptions::password(AUTH, "demo", "Default", "pw").project_id("p1");
    let options = ClientOptions {
        max_pages: 3,
        ..ClientOptions::default()
    };
    let client = Client::with_options(mock.clone(), &auth, options).unwrap();
    let list: List<serde_json::Value> = List::new(path!("servers"), "servers", Paging::Linked)
        .query(crate::Query::new().push("page", 0));
    let items: Vec<_> = block_on(client.compute().list(list).collect::<Vec<_>>());
    assert_eq!(items.len(), 4, "three pages of items, then the error");
    let err = items[3].as_ref().unwrap_err();
    assert!(
        matches!(err, Error::Paging(p) if matches!(**p, PagingError::TooManyPages { limit: 3, .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("max_pages"), "{err}");
    assert_eq!(mock.count(&Method::GET, "/v2.1/servers"), 3);
}

#[test]
fn next_links_to_another_host_are_fetched_from_the_endpoint() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers",
        MockResponse::json(200, r#"{"servers": [{"id": "a"}], "servers_links": [{"rel": "next", "href": "https://evil.example:666/v2.1/servers?marker=a"}]}"#),
    );
    mock.on(
        Method::GET,
        "/v2.1/servers?marker=a",
        MockResponse::json(200, r#"{"servers": [{"id": "b"}]}"#),
    );
    let list: List<serde_json::Value> = List::new(path!("servers"), "servers", Paging::Linked);
    let all = block_on(client.compute().collect_all(list)).unwrap();
    assert_eq!(all.len(), 2);
    for r in mock.requests() {
        assert!(!r.uri.contains("evil"), "{}", r.uri);
    }
    let last = mock.requests().pop().unwrap();
    assert_eq!(last.uri, "http://nova/v2.1/servers?marker=a");
    assert_eq!(last.header("x-auth-token"), Some("mock-token-1"));
}

#[test]
fn a_next_link_outside_the_endpoint_path_is_an_error_and_never_sent() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/servers",
        MockResponse::json(200, r#"{"servers": [{"id": "a"}], "servers_links": [{"rel": "next", "href": "http://nova/admin/secrets"}]}"#),
    );
    let list: List<serde_json::Value> = List::new(path!("servers"), "servers", Paging::Linked);
    let err = block_on(client.compute().collect_all(list)).unwrap_err();
    assert!(
        matches!(&err, Error::Paging(p) if matches!(**p, PagingError::LinkOutsideEndpoint { .. })),
        "{err:?}"
    );
    assert_eq!(mock.count(&Method::GET, "/admin/secrets"), 0);
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

crate::string_enum! {
    /// A thing's status.
    enum ThingStatus {
        /// Building.
        Build = "BUILD",
        /// Up.
        Active = "ACTIVE",
        /// Off.
        Shutoff = "SHUTOFF",
        /// Broken.
        Error = "ERROR",
    }
}

#[derive(Debug, serde::Deserialize)]
struct Thing {
    id: String,
    status: ThingStatus,
    reason: Option<String>,
}

impl crate::HasStatus for Thing {
    const KIND: &'static str = "thing";
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
    type Status = ThingStatus;
    fn status(&self) -> Option<ThingStatus> {
        Some(self.status.clone())
    }
    fn fault(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

#[test]
fn waiters_poll_until_target_failure_or_timeout_and_say_what_and_where() {
    let (mock, client) = setup();
    let thing = |status: &str| {
        MockResponse::json(
            200,
            format!(
                r#"{{"thing": {{"id": "t1", "status": "{status}", "reason": "No valid host was found"}}}}"#
            ),
        )
    };
    mock.on_seq(
        Method::GET,
        "/v2.1/things/1",
        vec![thing("BUILD"), thing("BUILD"), thing("ACTIVE")],
    );
    let op: Op<Thing> = Op::get(path!("things/{}", "1")).decode_key("thing");
    let nova = client.compute();
    let wait = Wait::timeout(Duration::from_secs(60)).every(Duration::from_secs(5));
    let t =
        block_on(nova.wait_for_status(&op, &[ThingStatus::Active], &[ThingStatus::Error], wait))
            .unwrap();
    assert_eq!(t.status, ThingStatus::Active);
    assert_eq!(mock.slept(), Duration::from_secs(10));

    mock.on(Method::GET, "/v2.1/things/1", thing("ERROR"));
    let err =
        block_on(nova.wait_for_status(&op, &[ThingStatus::Active], &[ThingStatus::Error], wait))
            .err()
            .unwrap();
    assert!(
        matches!(&err, Error::WaitFailed { status, reason: Some(r), .. } if status == "ERROR" && r == "No valid host was found"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "thing t1 to reach ACTIVE: it reached failure status ERROR (No valid host was found)"
    );

    mock.on(Method::GET, "/v2.1/things/1", thing("BUILD"));
    let before = mock.slept();
    let err = block_on(nova.wait_for_status(
        &op,
        &[ThingStatus::Active, ThingStatus::Shutoff],
        &[],
        wait,
    ))
    .err()
    .unwrap();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "timed out after 60s waiting for thing t1 to reach ACTIVE or SHUTOFF; last status seen: BUILD"
    );
    assert_eq!(mock.slept() - before, Duration::from_secs(60));

    let err = block_on(nova.wait_for_deleted(&op, wait)).unwrap_err();
    assert!(
        err.to_string()
            .contains("http://nova/v2.1/things/1 to be deleted"),
        "{err}"
    );
    mock.on(Method::GET, "/v2.1/things/1", MockResponse::status(404));
    block_on(nova.wait_for_deleted(&op, wait)).unwrap();
}

#[test]
fn a_wait_with_grace_reads_early_error_answers_as_not_there_yet_and_later_ones_as_errors() {
    let (mock, client) = setup();
    let thing = |status: &str| {
        MockResponse::json(
            200,
            format!(r#"{{"thing": {{"id": "t1", "status": "{status}"}}}}"#),
        )
    };
    let op: Op<Thing> = Op::get(path!("things/{}", "1")).decode_key("thing");
    let nova = client.compute();
    let plain = Wait::timeout(Duration::from_secs(60)).every(Duration::from_secs(5));

    // Without grace, the first error answer ends the wait.
    mock.on(Method::GET, "/v2.1/things/1", MockResponse::status(404));
    let err = block_on(nova.wait_for_status(&op, &[ThingStatus::Active], &[], plain)).unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // Within the grace, 404 and 400 mean "not written yet" (Magnum after a 202).
    mock.on_seq(
        Method::GET,
        "/v2.1/things/1",
        vec![
            MockResponse::status(404),
            MockResponse::json(400, r#"{"message": "master_count 0"}"#),
            thing("BUILD"),
            thing("ACTIVE"),
        ],
    );
    let before = mock.slept();
    let graced = plain.grace(Duration::from_secs(30));
    let t = block_on(nova.wait_for_status(&op, &[ThingStatus::Active], &[], graced)).unwrap();
    assert_eq!(t.status, ThingStatus::Active);
    assert_eq!(mock.slept() - before, Duration::from_secs(15));

    // After the grace, an error answer ends the wait again.
    mock.on_seq(
        Method::GET,
        "/v2.1/things/1",
        vec![
            thing("BUILD"),
            thing("BUILD"),
            MockResponse::status(404),
            thing("ACTIVE"),
        ],
    );
    let short = plain.grace(Duration::from_secs(8));
    let err = block_on(nova.wait_for_status(&op, &[ThingStatus::Active], &[], short)).unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // A grace that outlasts the timeout ends with the last error, not a made-up status.
    mock.on(Method::GET, "/v2.1/things/1", MockResponse::status(404));
    let long = Wait::timeout(Duration::from_secs(10))
        .every(Duration::from_secs(5))
        .grace(Duration::from_secs(60));
    let err = block_on(nova.wait_for_status(&op, &[ThingStatus::Active], &[], long)).unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

/// `GET /v2.1/away` on nova redirects to another origin, which redirects back to nova's
/// `/v2.1/home`, answering `{"home": true}`.
fn away_and_home(mock: &MockTransport) {
    mock.on(
        Method::GET,
        "/v2.1/away",
        MockResponse::status(302).header("location", "http://elsewhere/x"),
    );
    mock.on(
        Method::GET,
        "/x",
        MockResponse::status(307).header("location", "http://nova/v2.1/home"),
    );
    mock.on(
        Method::GET,
        "/v2.1/home",
        MockResponse::json(200, r#"{"home": true}"#),
    );
}

#[test]
fn redirects_are_followed_with_credentials_on_the_original_origin_only() {
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

    // nova -> elsewhere -> back to nova: the foreign hop gets no credential of any kind
    // (the token, the subject token, a cookie), the hop home gets them again.
    away_and_home(&mock);
    let op = get("away")
        .header(
            http::header::HeaderName::from_static("x-subject-token"),
            http::HeaderValue::from_static("subject"),
        )
        .header(
            http::header::COOKIE,
            http::HeaderValue::from_static("session=1"),
        );
    block_on(client.compute().call(&op)).unwrap();
    let reqs = mock.requests();
    let n = reqs.len();
    let (away, foreign, home) = (&reqs[n - 3], &reqs[n - 2], &reqs[n - 1]);
    assert_eq!(away.header("x-auth-token"), Some("mock-token-1"));
    assert_eq!(foreign.uri, "http://elsewhere/x");
    for h in ["x-auth-token", "x-subject-token", "cookie"] {
        assert_eq!(foreign.header(h), None, "{h} leaked to another origin");
    }
    assert_eq!(home.uri, "http://nova/v2.1/home");
    assert_eq!(home.header("x-auth-token"), Some("mock-token-1"));
    assert_eq!(home.header("x-subject-token"), Some("subject"));
}

#[test]
fn a_redirect_left_unfollowed_is_an_error_never_a_result() {
    let (mock, client) = setup();
    let nova = client.compute();
    let reason = |err: Error| match err {
        Error::Redirect(r) => r.reason,
        other => panic!("not a redirect error: {other:?}"),
    };
    // Too many hops.
    mock.on(
        Method::GET,
        "/v2.1/loop",
        MockResponse::status(302).header("location", "/v2.1/loop"),
    );
    let err = block_on(nova.call(&get("loop"))).unwrap_err();
    assert!(err.to_string().contains("more than 5 redirects"), "{err}");
    assert_eq!(reason(err), RedirectReason::TooManyHops(5));
    assert_eq!(mock.count(&Method::GET, "/v2.1/loop"), 6);
    // No Location.
    mock.on(Method::GET, "/v2.1/nowhere", MockResponse::status(301));
    assert_eq!(
        reason(block_on(nova.call(&get("nowhere"))).unwrap_err()),
        RedirectReason::NoLocation
    );
    // A POST answered with 302 is not sent again.
    mock.on(
        Method::POST,
        "/v2.1/things",
        MockResponse::status(302).header("location", "/v2.1/other"),
    );
    let post: Op<serde_json::Value> = Op::post(path!("things"))
        .json(&serde_json::json!({}))
        .decode_body();
    assert_eq!(
        reason(block_on(nova.call(&post)).unwrap_err()),
        RedirectReason::MethodNotRedirected(Method::POST)
    );
    // A 307 keeps the method and body on the same origin, but a body never goes
    // elsewhere (it may hold a password).
    mock.on(
        Method::POST,
        "/v2.1/moved",
        MockResponse::status(307).header("location", "/v2.1/things2"),
    );
    mock.on(Method::POST, "/v2.1/things2", MockResponse::json(201, "{}"));
    let moved: Op<serde_json::Value> = Op::post(path!("moved"))
        .json(&serde_json::json!({"a": 1}))
        .decode_body();
    block_on(nova.call(&moved)).unwrap();
    assert_eq!(mock.requests().last().unwrap().json()["a"], 1);
    mock.on(
        Method::POST,
        "/v2.1/moved",
        MockResponse::status(307).header("location", "http://elsewhere/things2"),
    );
    assert!(matches!(
        reason(block_on(nova.call(&moved)).unwrap_err()),
        RedirectReason::BodyToOtherOrigin(_)
    ));
    assert_eq!(mock.count(&Method::POST, "/things2"), 0);
    // A download redirected without a Location is an error, not the redirect's page
    // handed over as data.
    mock.on(
        Method::GET,
        "/v2.1/file",
        MockResponse::status(302).body("<html>moved</html>"),
    );
    let err = block_on(nova.download(&get("file"))).err().unwrap();
    assert_eq!(reason(err), RedirectReason::NoLocation);
    // 304 Not Modified and 300 Multiple Choices are answers, not redirects.
    mock.on(
        Method::GET,
        "/v2.1/versions",
        MockResponse::json(300, r#"{"versions": []}"#),
    );
    assert!(block_on(nova.call(&get("versions"))).is_ok());
}

#[test]
fn a_token_shorter_than_the_refresh_margin_is_shared_not_renewed_per_caller() {
    let (mock, client) = setup_with_flavors();
    // Tokens live 60 s; the refresh margin is 120 s.
    mock.token_lifetime(Duration::from_secs(60));
    let nova = client.compute();
    let op = get("flavors");
    let calls: Vec<_> = (0..200).map(|_| nova.call(&op)).collect();
    let results = block_on(futures::future::join_all(calls));
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    assert_eq!(mock.count(&Method::GET, "/v2.1/flavors"), 200);
    // Refreshed halfway through its life.
    mock.advance(Duration::from_secs(29));
    block_on(nova.call(&get("flavors"))).unwrap();
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    mock.advance(Duration::from_secs(2));
    let op = get("flavors");
    let calls: Vec<_> = (0..200).map(|_| nova.call(&op)).collect();
    assert!(block_on(futures::future::join_all(calls))
        .iter()
        .all(Result::is_ok));
    assert_eq!(mock.count(&Method::POST, TOKENS), 2);
}

#[test]
fn clock_skew_does_not_make_every_caller_authenticate() {
    let (mock, client) = setup_with_flavors();
    // Keystone's clock is three hours behind: by the client's clock each token expired
    // two hours before it arrived.
    mock.server_clock_behind(Duration::from_secs(3 * 3600));
    let nova = client.compute();
    let op = get("flavors");
    let calls: Vec<_> = (0..200).map(|_| nova.call(&op)).collect();
    assert!(block_on(futures::future::join_all(calls))
        .iter()
        .all(Result::is_ok));
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
}

#[test]
fn a_service_refusing_every_token_costs_a_few_authentications_not_one_per_caller() {
    let (mock, client) = setup();
    mock.on(Method::GET, "/v2.1/servers", MockResponse::status(401));
    let nova = client.compute();
    let op = get("servers");
    let calls: Vec<_> = (0..200).map(|_| nova.call(&op)).collect();
    let results = block_on(futures::future::join_all(calls));
    assert!(results
        .iter()
        .all(|r| r.as_ref().is_err_and(Error::is_unauthorized)));
    let auths = mock.count(&Method::POST, TOKENS);
    // One to start, one after the first 401; when that fresh token is refused too, the
    // service refuses every token and nobody authenticates again (for a while).
    assert_eq!(auths, 2, "{auths} authentications for 200 callers");
    let gets = mock.count(&Method::GET, "/v2.1/servers");
    assert!((200..=400).contains(&gets), "{gets} requests");
    // New callers during the pause do not authenticate either; after it, a caller gets
    // a token and its one reauthentication again.
    block_on(nova.call(&op)).unwrap_err();
    assert_eq!(mock.count(&Method::POST, TOKENS), 2);
    mock.advance(crate::auth::Session::REFUSAL_PAUSE);
    block_on(nova.call(&op)).unwrap_err();
    assert_eq!(mock.count(&Method::POST, TOKENS), 4);
}

#[test]
fn the_driver_authenticates_with_the_public_token_operation() {
    let (mock, client) = setup_with_flavors();
    block_on(client.compute().call(&get("flavors"))).unwrap();
    let sent = mock.requests().into_iter().next().unwrap();
    let creds = client.credentials();
    let op = crate::identity::v3::tokens::create(creds);
    let built = crate::Operation::request(&op, &crate::auth::issuer(creds).unwrap()).unwrap();
    assert_eq!(sent.method, *built.method());
    assert_eq!(sent.uri, built.uri().to_string());
    assert_eq!(sent.body, *built.body());
    assert_eq!(sent.header("x-auth-token"), None);
}

#[test]
fn a_token_client_past_expiry_cannot_reauthenticate_and_says_so() {
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    mock.on(Method::GET, "/v2.1/flavors", MockResponse::json(200, "{}"));
    let client = Client::new(
        mock.clone(),
        &AuthOptions::token(AUTH, "t".into()).project_id("p"),
    )
    .unwrap();
    let nova = client.compute();
    block_on(nova.call(&get("flavors"))).unwrap();
    // Inside the refresh margin the token is still used (it cannot be renewed).
    mock.advance(Duration::from_secs(3590));
    block_on(nova.call(&get("flavors"))).unwrap();
    mock.advance(Duration::from_secs(20));
    let err = block_on(nova.call(&get("flavors"))).unwrap_err();
    assert!(matches!(err, Error::CannotReauthenticate { .. }), "{err:?}");
    assert!(err.to_string().contains("fresh token"), "{err}");
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
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
    let op: Op<serde_json::Value> = Op::post(path!("servers"))
        .json(&serde_json::json!({}))
        .decode_body();
    assert!(matches!(
        block_on(client.compute().call(&op)),
        Err(Error::Transport(_))
    ));
    assert_eq!(mock.count(&Method::POST, "/v2.1/servers"), 1);
}

#[test]
fn negotiation_reads_the_version_document_once_per_endpoint() {
    let (mock, client) = setup();
    mock.on(
        Method::GET,
        "/v2.1/",
        MockResponse::json(
            200,
            r#"{"version": {"id": "v2.1", "status": "CURRENT", "version": "2.96", "min_version": "2.1", "links": []}}"#,
        ),
    );
    let nova = block_on(client.compute().negotiate("2.90")).unwrap();
    assert_eq!(
        block_on(nova.service_client()).unwrap().microversion(),
        Some("2.90")
    );
    let newest = block_on(client.compute().negotiate("latest")).unwrap();
    assert_eq!(
        block_on(newest.service_client()).unwrap().microversion(),
        Some("2.96")
    );
    // A clone of the client shares the cache: still one read.
    block_on(client.clone().compute().negotiate("2.1")).unwrap();
    assert_eq!(mock.count(&Method::GET, "/v2.1/"), 1);
}

// Anonymous requests (`Service::call_anonymous`, `Service::send_anonymous_with`).

#[test]
fn an_anonymous_call_carries_no_credential_header() {
    let (mock, client) = setup();
    mock.on(
        Method::HEAD,
        "/v2.1/public",
        MockResponse::status(204).header("x-thing", "1"),
    );
    let op = Op::head(path!("public"))
        .header(
            http::header::HeaderName::from_static("x-service-token"),
            http::HeaderValue::from_static("service"),
        )
        .header(
            http::header::AUTHORIZATION,
            http::HeaderValue::from_static("Basic eA=="),
        )
        .decode_with(|resp| Ok(resp.headers().contains_key("x-thing")));
    assert!(block_on(client.compute().call_anonymous(&op)).unwrap());
    let reqs = mock.requests();
    let sent = reqs.last().unwrap();
    assert_eq!(sent.uri, "http://nova/v2.1/public");
    for h in [
        "x-auth-token",
        "x-service-token",
        "x-subject-token",
        "authorization",
        "cookie",
    ] {
        assert_eq!(sent.header(h), None, "{h} sent with an anonymous request");
    }
    // The endpoint came from the client's token (one authentication), which the next
    // call presents as usual.
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    block_on(
        client
            .compute()
            .send_with(|svc| crate::Operation::request(&Op::head(path!("public")), svc)),
    )
    .unwrap();
    assert_eq!(
        mock.requests().last().unwrap().header("x-auth-token"),
        Some("mock-token-1")
    );
}

#[test]
fn an_anonymous_401_or_403_is_the_answer_without_reauthentication() {
    let (mock, client) = setup();
    mock.on(Method::HEAD, "/v2.1/private", MockResponse::status(401));
    let nova = client.compute();
    let op = Op::head(path!("private")).decode_with(|_| Ok(()));
    let err = block_on(nova.call_anonymous(&op)).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert!(matches!(err, Error::Http(_)), "{err:?}");
    assert_eq!(mock.count(&Method::POST, TOKENS), 1, "no reauthentication");
    assert_eq!(mock.count(&Method::HEAD, "/v2.1/private"), 1, "sent once");
    // The client's token was not dropped: the next calls use it, with no authentication.
    block_on(nova.call_anonymous(&op)).unwrap_err();
    mock.on(Method::GET, "/v2.1/flavors", MockResponse::json(200, "{}"));
    block_on(nova.call(&get("flavors"))).unwrap();
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    assert_eq!(
        mock.requests().last().unwrap().header("x-auth-token"),
        Some("mock-token-1")
    );

    mock.on(Method::HEAD, "/v2.1/private", MockResponse::status(403));
    let err = block_on(nova.call_anonymous(&op)).unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
}

#[test]
fn anonymous_redirects_follow_the_same_policy_as_calls() {
    let (mock, client) = setup();
    let nova = client.compute();
    // nova -> elsewhere -> back to nova: followed, and no hop carries a credential (not
    // even the one at home, where a `call` would present the token again).
    away_and_home(&mock);
    let op = get("away").header(
        http::header::COOKIE,
        http::HeaderValue::from_static("session=1"),
    );
    let v = block_on(nova.call_anonymous(&op)).unwrap();
    assert_eq!(v["home"], true);
    let reqs = mock.requests();
    let n = reqs.len();
    let hops: Vec<_> = reqs[n - 3..].iter().map(|r| r.uri.clone()).collect();
    assert_eq!(
        hops,
        [
            "http://nova/v2.1/away",
            "http://elsewhere/x",
            "http://nova/v2.1/home"
        ]
    );
    for r in &reqs[n - 3..] {
        for h in ["x-auth-token", "cookie"] {
            assert_eq!(r.header(h), None, "{h} sent to {}", r.uri);
        }
    }
    // A body never goes to another origin; a redirect left unfollowed is an error.
    mock.on(
        Method::PUT,
        "/v2.1/moved",
        MockResponse::status(307).header("location", "http://elsewhere/things"),
    );
    let put: Op<serde_json::Value> = Op::put(path!("moved"))
        .json(&serde_json::json!({"a": 1}))
        .decode_body();
    match block_on(nova.call_anonymous(&put)) {
        Err(Error::Redirect(r)) => {
            assert!(matches!(r.reason, RedirectReason::BodyToOtherOrigin(_)));
        }
        other => panic!("not a redirect error: {other:?}"),
    }
    assert_eq!(mock.count(&Method::PUT, "/things"), 0);
    mock.on(
        Method::GET,
        "/v2.1/loop",
        MockResponse::status(302).header("location", "/v2.1/loop"),
    );
    match block_on(nova.call_anonymous(&get("loop"))) {
        Err(Error::Redirect(r)) => assert_eq!(r.reason, RedirectReason::TooManyHops(5)),
        other => panic!("not a redirect error: {other:?}"),
    }
    assert_eq!(mock.count(&Method::GET, "/v2.1/loop"), 6);
}

#[test]
fn an_anonymous_request_to_another_origin_is_refused_before_any_io() {
    let (mock, client) = setup();
    mock.on(Method::GET, "/x", MockResponse::json(200, "{}"));
    let nova = client.compute();
    // Authenticate first, so that every request recorded after is the anonymous one.
    block_on(nova.service_client()).unwrap();
    let before = mock.requests().len();
    let err = block_on(nova.send_anonymous_with(|_| {
        Ok(http::Request::get("http://elsewhere/x")
            .body(bytes::Bytes::new())
            .unwrap())
    }))
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("origin"), "{err}");
    assert_eq!(mock.requests().len(), before, "nothing was sent");
}

#[test]
fn anonymous_retries_follow_the_method_a_post_is_not_repeated() {
    let (mock, client) = setup();
    let nova = client.compute();
    mock.on(Method::POST, "/v2.1/form", MockResponse::status(503));
    let post: Op<serde_json::Value> = Op::post(path!("form"))
        .json(&serde_json::json!({}))
        .decode_body();
    let err = block_on(nova.call_anonymous(&post)).unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(mock.count(&Method::POST, "/v2.1/form"), 1, "not retried");
    assert_eq!(mock.slept(), Duration::ZERO);
    // A dropped connection does not resend it either.
    mock.on(
        Method::POST,
        "/v2.1/form",
        MockResponse::fail(crate::TransportErrorKind::Io),
    );
    assert!(matches!(
        block_on(nova.call_anonymous(&post)),
        Err(Error::Transport(_))
    ));
    assert_eq!(mock.count(&Method::POST, "/v2.1/form"), 2, "not resent");

    // A GET follows the policy: 3 retries honouring Retry-After, then the 503.
    mock.on(
        Method::GET,
        "/v2.1/busy",
        MockResponse::status(503).header("retry-after", "7"),
    );
    let err = block_on(nova.call_anonymous(&get("busy"))).unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        mock.count(&Method::GET, "/v2.1/busy"),
        4,
        "1 try + 3 retries"
    );
    assert_eq!(mock.slept(), Duration::from_secs(21));
    mock.on_seq(
        Method::GET,
        "/v2.1/soon",
        vec![MockResponse::status(429), MockResponse::json(200, "{}")],
    );
    block_on(nova.call_anonymous(&get("soon"))).unwrap();
    assert_eq!(mock.count(&Method::GET, "/v2.1/soon"), 2);

    // A POST is retried when the policy opts in, as for `call`.
    let (mock, client) = retrying_posts_twice();
    mock.on(Method::POST, "/v2.1/form", MockResponse::status(503));
    assert!(block_on(client.compute().call_anonymous(&post)).is_err());
    assert_eq!(mock.count(&Method::POST, "/v2.1/form"), 3);
    // The token request itself is still retried whatever its method.
    let mock = MockTransport::new();
    mock.keystone(AUTH, "http://nova/v2.1");
    mock.on_seq(Method::POST, TOKENS, vec![MockResponse::status(503)]);
    let client = Client::new(
        mock.clone(),
        &AuthOptions::password(AUTH, "u", "Default", "p"),
    )
    .unwrap();
    assert!(block_on(client.token()).is_err());
    assert_eq!(mock.count(&Method::POST, TOKENS), 4);
}

// Requests with a token the caller gives (`Service::call_with_token`,
// `Service::send_with_token`).

/// A client authenticated once (as `mock-token-1`), whose Keystone answers revocations.
fn setup_given() -> (MockTransport, Client<MockTransport>) {
    let (mock, client) = setup_with_flavors();
    block_on(client.compute().call(&get("flavors"))).unwrap();
    mock.on(Method::DELETE, TOKENS, MockResponse::status(204));
    (mock, client)
}

#[test]
fn a_given_token_call_carries_that_token_and_never_the_clients() {
    let (mock, client) = setup_given();
    let given = crate::Secret::new("given-token");
    let revoke = crate::identity::v3::tokens::revoke(&given);
    // The client's token may be set on the op by hand: the given token replaces it.
    let revoke = revoke.header(
        crate::driver::pipeline::AUTH_TOKEN,
        http::HeaderValue::from_static("mock-token-1"),
    );
    block_on(client.identity().call_with_token(&revoke, &given)).unwrap();
    let reqs = mock.requests();
    let sent = reqs.last().unwrap();
    assert_eq!(sent.method, Method::DELETE);
    assert_eq!(sent.uri, "http://keystone/v3/auth/tokens");
    assert_eq!(sent.header("x-auth-token"), Some("given-token"));
    assert_eq!(sent.header("x-subject-token"), Some("given-token"));
    assert!(
        reqs.iter()
            .filter(|r| r.method == Method::DELETE)
            .all(|r| r.header("x-auth-token") != Some("mock-token-1")),
        "the client's token went with a given-token request"
    );
    assert_eq!(
        mock.count(&Method::POST, TOKENS),
        1,
        "no new authentication"
    );
}

#[test]
fn a_given_token_401_is_the_answer_and_the_clients_token_is_kept() {
    let (mock, client) = setup_given();
    mock.on(Method::DELETE, TOKENS, MockResponse::status(401));
    let given = crate::Secret::new("gone-token");
    let keystone = client.identity();
    let err =
        block_on(keystone.call_with_token(&crate::identity::v3::tokens::revoke(&given), &given))
            .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert!(matches!(err, Error::Http(_)), "{err:?}");
    assert_eq!(mock.count(&Method::DELETE, TOKENS), 1, "sent once");
    assert_eq!(mock.count(&Method::POST, TOKENS), 1, "no reauthentication");
    // The client's own token was neither dropped nor replaced: the next normal call
    // presents it, with no authentication.
    block_on(client.compute().call(&get("flavors"))).unwrap();
    assert_eq!(mock.count(&Method::POST, TOKENS), 1);
    let reqs = mock.requests();
    assert_eq!(reqs.last().unwrap().uri, "http://nova/v2.1/flavors");
    assert_eq!(
        reqs.last().unwrap().header("x-auth-token"),
        Some("mock-token-1")
    );
    assert_eq!(
        block_on(client.token()).unwrap().id.expose(),
        "mock-token-1"
    );
}

#[test]
fn a_given_token_goes_to_the_endpoints_origin_only() {
    let (mock, client) = setup_given();
    let nova = client.compute();
    let given = crate::Secret::new("given-token");
    // nova -> elsewhere -> back to nova: the foreign hop carries no credential, the hops
    // at home carry the given token (never the client's).
    away_and_home(&mock);
    let op = get("away").header(
        http::header::HeaderName::from_static("x-subject-token"),
        http::HeaderValue::from_static("subject"),
    );
    let v = block_on(nova.call_with_token(&op, &given)).unwrap();
    assert_eq!(v["home"], true);
    let reqs = mock.requests();
    let n = reqs.len();
    let (away, foreign, home) = (&reqs[n - 3], &reqs[n - 2], &reqs[n - 1]);
    assert_eq!(away.uri, "http://nova/v2.1/away");
    assert_eq!(away.header("x-auth-token"), Some("given-token"));
    assert_eq!(foreign.uri, "http://elsewhere/x");
    for h in ["x-auth-token", "x-subject-token"] {
        assert_eq!(foreign.header(h), None, "{h} leaked to another origin");
    }
    assert_eq!(home.uri, "http://nova/v2.1/home");
    assert_eq!(home.header("x-auth-token"), Some("given-token"));
    assert_eq!(home.header("x-subject-token"), Some("subject"));

    // A request built for another origin is refused before any I/O.
    mock.on(Method::GET, "/x", MockResponse::json(200, "{}"));
    let before = mock.requests().len();
    let err = block_on(nova.send_with_token(
        |_| {
            Ok(http::Request::get("http://elsewhere/x")
                .body(bytes::Bytes::new())
                .unwrap())
        },
        &given,
    ))
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("origin"), "{err}");
    assert!(!err.to_string().contains("given-token"), "{err}");
    assert_eq!(mock.requests().len(), before, "nothing was sent");
}

#[test]
fn given_token_retries_follow_the_method() {
    let (mock, client) = setup_given();
    let nova = client.compute();
    let given = crate::Secret::new("given-token");
    mock.on(Method::POST, "/v2.1/form", MockResponse::status(503));
    let post: Op<serde_json::Value> = Op::post(path!("form"))
        .json(&serde_json::json!({}))
        .decode_body();
    let err = block_on(nova.call_with_token(&post, &given)).unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(mock.count(&Method::POST, "/v2.1/form"), 1, "not retried");
    mock.on(
        Method::GET,
        "/v2.1/busy",
        MockResponse::status(503).header("retry-after", "7"),
    );
    let err = block_on(nova.call_with_token(&get("busy"), &given)).unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        mock.count(&Method::GET, "/v2.1/busy"),
        4,
        "1 try + 3 retries"
    );
}

#[test]
fn a_given_token_never_shows_in_debug() {
    use crate::driver::pipeline::Credential;
    let given = crate::Secret::new("given-token");
    let dump = format!(
        "{:?} {:#?}",
        Credential::Given(&given),
        Credential::Given(&given)
    );
    assert!(!dump.contains("given-token"), "{dump}");
    assert!(dump.contains("<redacted>"), "{dump}");
}
