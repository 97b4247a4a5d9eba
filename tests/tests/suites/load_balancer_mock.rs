//! Octavia through the `Client` over the in-memory `MockTransport`: create a load balancer
//! and wait for ACTIVE, a provisioning ERROR ending the wait, cascade delete, and the same
//! operations on the legacy Neutron `v2.0/lbaas` path.

use std::time::Duration;

use ferrocloud::load_balancer::loadbalancers::{self, CreateLoadBalancer};
use ferrocloud::load_balancer::pools::{self, CreateMember};
use ferrocloud::load_balancer::ProvisioningStatus;
use ferrocloud::testing::{MockResponse, MockTransport};
use ferrocloud::{AuthOptions, Client, Error, Wait};
use http::Method;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(f)
}

const AUTH: &str = "http://keystone/v3";

fn client(mock: &MockTransport) -> Client<MockTransport> {
    mock.keystone(AUTH, "http://nova/v2.1");
    mock.set_catalog(vec![
        ("identity", AUTH.to_owned()),
        ("load-balancer", "http://octavia:9876".to_owned()),
        ("network", "http://neutron:9696".to_owned()),
    ]);
    let auth = AuthOptions::password(AUTH, "u", "Default", "pw").project_id("p1");
    Client::new(mock.clone(), &auth).unwrap()
}

fn lb_body(status: &str) -> MockResponse {
    MockResponse::json(
        200,
        format!(
            r#"{{"loadbalancer": {{"id": "lb1", "name": "web", "provisioning_status": "{status}", "operating_status": "OFFLINE", "admin_state_up": true, "listeners": [], "pools": []}}}}"#
        ),
    )
}

fn wait() -> Wait {
    Wait::timeout(Duration::from_secs(60)).every(Duration::from_secs(5))
}

#[test]
fn create_then_wait_for_active() {
    let mock = MockTransport::new();
    let client = client(&mock);
    let octavia = client.load_balancer();
    mock.on(
        Method::POST,
        "/v2/lbaas/loadbalancers",
        lb_body("PENDING_CREATE"),
    );
    mock.on_seq(
        Method::GET,
        "/v2/lbaas/loadbalancers/lb1",
        vec![
            lb_body("PENDING_CREATE"),
            lb_body("PENDING_CREATE"),
            lb_body("ACTIVE"),
        ],
    );
    let created = block_on(octavia.call(&loadbalancers::create(&CreateLoadBalancer {
        name: Some("web".into()),
        vip_subnet_id: Some("sub1".into()),
        ..Default::default()
    })))
    .unwrap();
    assert_eq!(
        created.provisioning_status,
        ProvisioningStatus::PendingCreate
    );
    let lb = block_on(octavia.wait_for_status(
        &loadbalancers::get(&created.id),
        &[ferrocloud::load_balancer::ProvisioningStatus::Active],
        &[ferrocloud::load_balancer::ProvisioningStatus::Error],
        wait(),
    ))
    .unwrap();
    assert_eq!(lb.provisioning_status, ProvisioningStatus::Active);
    assert_eq!(mock.count(&Method::GET, "/v2/lbaas/loadbalancers/lb1"), 3);
    assert_eq!(mock.slept(), Duration::from_secs(10), "two waits of 5 s");
    let post = mock
        .requests()
        .into_iter()
        .find(|r| r.method == Method::POST && r.path() == "/v2/lbaas/loadbalancers")
        .unwrap();
    assert_eq!(
        post.json(),
        serde_json::json!({"loadbalancer": {"name": "web", "vip_subnet_id": "sub1"}})
    );
    assert_eq!(post.header("x-auth-token"), Some("mock-token-1"));

    // Cascade delete.
    mock.on(
        Method::DELETE,
        "/v2/lbaas/loadbalancers/lb1",
        MockResponse::status(204),
    );
    block_on(octavia.call(&loadbalancers::delete("lb1", true))).unwrap();
    let last = mock.requests().pop().unwrap();
    assert!(
        last.uri
            .ends_with("/v2/lbaas/loadbalancers/lb1?cascade=true"),
        "{}",
        last.uri
    );
}

#[test]
fn provisioning_error_ends_the_wait() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.on_seq(
        Method::GET,
        "/v2/lbaas/loadbalancers/lb1",
        vec![lb_body("PENDING_UPDATE"), lb_body("ERROR")],
    );
    let err = block_on(client.load_balancer().wait_for_status(
        &loadbalancers::get("lb1"),
        &[ferrocloud::load_balancer::ProvisioningStatus::Active],
        &[ferrocloud::load_balancer::ProvisioningStatus::Error],
        wait(),
    ))
    .unwrap_err();
    match err {
        Error::WaitFailed { status, .. } => assert_eq!(status, "ERROR"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn never_active_times_out() {
    let mock = MockTransport::new();
    let client = client(&mock);
    mock.on(
        Method::GET,
        "/v2/lbaas/loadbalancers/lb1",
        lb_body("PENDING_CREATE"),
    );
    let err = block_on(client.load_balancer().wait_for_status(
        &loadbalancers::get("lb1"),
        &[ferrocloud::load_balancer::ProvisioningStatus::Active],
        &[ferrocloud::load_balancer::ProvisioningStatus::Error],
        Wait::timeout(Duration::from_secs(20)).every(Duration::from_secs(5)),
    ))
    .unwrap_err();
    assert!(!matches!(err, Error::WaitFailed { .. }), "{err:?}");
    assert!(mock.count(&Method::GET, "/v2/lbaas/loadbalancers/lb1") >= 2);
}

#[test]
fn legacy_neutron_lbaas_path_and_errors() {
    let mock = MockTransport::new();
    let client = client(&mock);
    // The same operations through the network service land on /v2.0/lbaas.
    mock.on(
        Method::PUT,
        "/v2.0/lbaas/pools/pool1/members",
        MockResponse::status(202),
    );
    let members = [CreateMember {
        address: "192.0.2.10".into(),
        protocol_port: 80,
        weight: Some(5),
        ..Default::default()
    }];
    block_on(
        client
            .network()
            .call(&pools::batch_update_members("pool1", &members, true)),
    )
    .unwrap();
    let req = mock.requests().pop().unwrap();
    assert!(
        req.uri
            .ends_with("/v2.0/lbaas/pools/pool1/members?additive_only=true"),
        "{}",
        req.uri
    );
    assert_eq!(req.json()["members"][0]["weight"], 5);

    // Bad input is refused before any request.
    let before = mock.requests().len();
    let bad = [CreateMember {
        address: "192.0.2.10".into(),
        protocol_port: 0,
        ..Default::default()
    }];
    let err = block_on(
        client
            .network()
            .call(&pools::batch_update_members("pool1", &bad, false)),
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    let err = block_on(
        client
            .load_balancer()
            .call(&loadbalancers::create(&Default::default())),
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert_eq!(mock.requests().len(), before);

    // A 409 (immutable while PENDING_*) is a typed error with Octavia's message.
    mock.on(
        Method::DELETE,
        "/v2/lbaas/loadbalancers/lb1",
        MockResponse::json(409, r#"{"faultcode": "Client", "faultstring": "Invalid state PENDING_UPDATE of loadbalancer resource lb1", "debuginfo": null}"#),
    );
    let err = block_on(
        client
            .load_balancer()
            .call(&loadbalancers::delete("lb1", false)),
    )
    .unwrap_err();
    assert!(err.is_conflict(), "{err}");
    assert!(err.to_string().contains("PENDING_UPDATE"), "{err}");
}
