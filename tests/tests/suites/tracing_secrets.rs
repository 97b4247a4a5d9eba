//! Secrets never reach the logs: every `tracing` event at TRACE level, from every thread,
//! is captured in memory while the SDK authenticates with a password, a token, an
//! application credential and password + TOTP (against the local mock Keystone, including
//! 401 reauthentication, retries and failures), and with a password and an application
//! credential against the real Keystone. No password, passcode, token id or credential
//! secret may appear in the output, nor in the `Debug`/`Display` of the types that hold
//! them.
//!
//! Each test that reads the captured logs runs in a process of its own (`own_process!`),
//! where the global subscriber sees that test alone, from every thread.

use std::sync::OnceLock;

use ferrocloud::identity::v3::application_credentials::{
    self as appcreds, CreateApplicationCredential,
};
use ferrocloud::identity::v3::trusts::RoleRef;
use ferrocloud::{path, AuthOptions, Client, ClientOptions, Op, Secret};
use ferrocloud_native::{Cloud, HyperTransport, NativeOptions};
use ferrocloud_tests::cloud;
use serde_json::Value;

use crate::own_process;
use crate::support::{self, fast_retry, native_client, Captured, FaultServer, Reply};

/// The one global TRACE subscriber of this process (all threads): only in a child process
/// of [`own_process!`], which runs one test.
fn logs() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let c = Captured::default();
        let me = c.clone();
        let sub = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .without_time()
            .with_thread_names(true)
            .with_writer(move || me.clone())
            .finish();
        tracing::subscriber::set_global_default(sub).expect("one global subscriber");
        c
    })
}

/// Asserts that none of `secrets` shows in the captured logs nor in `shown` (Debug and
/// Display renderings), and that the logs did record the authentication (so the check
/// is not vacuous).
fn assert_clean(secrets: &[&str], shown: &[String]) {
    let text = logs().text();
    assert!(text.contains("authenticating"), "nothing captured: {text}");
    for s in secrets {
        assert!(!s.is_empty());
        assert!(
            !text.contains(s),
            "secret {s:?} leaked into the logs:\n{text}"
        );
        for d in shown {
            assert!(!d.contains(s), "secret {s:?} leaked into {d}");
        }
    }
}

/// A mock Keystone issuing the token id `token_id`; compute answers 401 to the first
/// request of each token, 503 once, then 200, so reauth and retry paths log too.
async fn keystone(token_id: &'static str) -> FaultServer {
    FaultServer::start_raw(move |req, n| {
        if req.path() == "/v3/auth/tokens" && req.method == "POST" {
            let base = format!("http://{}", req.header("host").unwrap_or_default());
            return Reply::json(201, support::token_body(&base))
                .with_header("X-Subject-Token", &format!("{token_id}-{n}"));
        }
        match n {
            0 => Reply::status(401),
            1 => Reply::status(503),
            _ => Reply::json(200, r#"{"servers": []}"#),
        }
    })
    .await
}

fn client(auth: &AuthOptions) -> Client<HyperTransport> {
    native_client(
        auth,
        NativeOptions::default(),
        ClientOptions {
            retry: fast_retry(&[429, 503]),
            ..ClientOptions::default()
        },
    )
}

/// Authenticates, calls compute (401 → reauth, 503 → retry, 200), and returns the
/// Debug/Display renderings of everything that holds a secret.
async fn exercise(auth: AuthOptions) -> Vec<String> {
    let c = client(&auth);
    let token = c.token().await.unwrap();
    let body: Value = c
        .compute()
        .call(&Op::get(path!("servers")).decode_body())
        .await
        .unwrap();
    assert_eq!(body["servers"], serde_json::json!([]));
    let creds = auth.validate().unwrap();
    vec![
        format!("{auth:?}"),
        format!("{creds:?}"),
        format!("{token:?}"),
        format!("{:?} {}", token.id, token.id),
        format!("{c:?}"),
        format!("{:?}", c.compute()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_auth_leaks_nothing() {
    own_process!(password_auth_leaks_nothing);
    logs();
    let srv = keystone("gAAAAAB-pwtoken-7c1e").await;
    let auth = AuthOptions::password(&srv.auth_url(), "demo", "Default", "Pw-0nly-1n-memory!")
        .project_name("demo", "Default");
    let shown = exercise(auth).await;
    // A wrong password: the failure and its error are clean too.
    let bad = FaultServer::start_raw(|_, _| {
        Reply::json(401, r#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#)
    })
    .await;
    let err = client(
        &AuthOptions::password(&bad.auth_url(), "demo", "Default", "Wr0ng-pw-xyz")
            .project_name("demo", "Default"),
    )
    .token()
    .await
    .unwrap_err();
    let mut shown = shown;
    shown.push(format!("{err:?} {err}"));
    // The reauthentication and retry paths did log (they carry the request URLs).
    let text = logs().text();
    assert!(text.contains("reauthenticating once"), "{text}");
    assert!(text.contains("retrying"), "{text}");
    assert_clean(
        &["Pw-0nly-1n-memory!", "Wr0ng-pw-xyz", "gAAAAAB-pwtoken-7c1e"],
        &shown,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_auth_leaks_nothing() {
    own_process!(token_auth_leaks_nothing);
    logs();
    let srv = keystone("gAAAAAB-fromtoken-55aa").await;
    let auth = AuthOptions {
        project_id: Some("p1".into()),
        ..AuthOptions::token(&srv.auth_url(), Secret::new("gAAAAAB-input-token-9f0d"))
    };
    // Token auth cannot reauthenticate: the 401 ends the call, typed.
    let c = client(&auth);
    c.token().await.unwrap();
    let err = c
        .compute()
        .call(&Op::get(path!("servers")).decode_body::<Value>())
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let shown = vec![
        format!("{auth:?}"),
        format!("{err:?} {err}"),
        format!("{c:?}"),
    ];
    assert_clean(
        &["gAAAAAB-input-token-9f0d", "gAAAAAB-fromtoken-55aa"],
        &shown,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn application_credential_auth_leaks_nothing() {
    own_process!(application_credential_auth_leaks_nothing);
    logs();
    let srv = keystone("gAAAAAB-appcredtoken-31b2").await;
    let auth = AuthOptions::application_credential(
        &srv.auth_url(),
        "ac-id-1",
        Secret::new("AppCred-S3cret-qq7"),
    );
    let shown = exercise(auth).await;
    assert_clean(&["AppCred-S3cret-qq7", "gAAAAAB-appcredtoken-31b2"], &shown);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totp_auth_leaks_nothing() {
    own_process!(totp_auth_leaks_nothing);
    logs();
    let srv = keystone("gAAAAAB-totptoken-4d4d").await;
    let auth = AuthOptions {
        passcode: Some(Secret::new("90210317")),
        ..AuthOptions::password(&srv.auth_url(), "demo", "Default", "Mfa-pw-Kk2")
            .project_name("demo", "Default")
    };
    let shown = exercise(auth).await;
    // The passcode did go on the wire (the test would be vacuous otherwise).
    let sent = String::from_utf8_lossy(&srv.seen()[0].body).into_owned();
    assert!(sent.contains("90210317") && sent.contains("totp"), "{sent}");
    assert_clean(
        &["90210317", "Mfa-pw-Kk2", "gAAAAAB-totptoken-4d4d"],
        &shown,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_keystone_password_and_application_credential_leak_nothing() {
    own_process!(real_keystone_password_and_application_credential_leak_nothing);
    logs();
    let cfg = cloud::config("oscloud-demo");
    let password = cfg
        .auth
        .password
        .clone()
        .expect("demo password")
        .expose()
        .to_owned();
    let demo = Cloud::from_config(&cfg).unwrap();
    let token = demo.token().await.unwrap();
    let flavors: Value = demo
        .compute()
        .call(&Op::get(path!("flavors")).decode_body())
        .await
        .unwrap();
    assert!(flavors["flavors"].is_array());
    let me = token.info.user.as_ref().expect("user").id.clone();

    let ks = demo.identity();
    let cred = ks
        .call(&appcreds::create(
            &me,
            &CreateApplicationCredential {
                name: cloud::unique("tracecred"),
                roles: vec![RoleRef::name("member")],
                ..Default::default()
            },
        ))
        .await
        .unwrap();
    let result = async {
        let secret = cred.secret.clone().expect("secret on create");
        let as_cred = Cloud::new(
            &AuthOptions::application_credential(&cfg.auth.auth_url, &cred.id, secret.clone()),
            NativeOptions::default(),
        )?;
        let t = as_cred.token().await?;
        Ok::<_, ferrocloud::Error>((secret, t, format!("{cred:?}"), format!("{as_cred:?}")))
    }
    .await;
    let deleted = ks.call(&appcreds::delete(&me, &cred.id)).await;
    let (secret, cred_token, cred_debug, cloud_debug) = result.unwrap();
    deleted.unwrap();
    assert_clean(
        &[
            &password,
            token.id.expose(),
            secret.expose(),
            cred_token.id.expose(),
        ],
        &[
            format!("{cfg:?}"),
            format!("{demo:?}"),
            format!("{token:?}"),
            cred_debug,
            cloud_debug,
        ],
    );
}

#[test]
fn debug_and_display_of_secret_holders() {
    let s = Secret::new("Hunter2-zz");
    assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
    assert_eq!(format!("{s}"), "<redacted>");
    let auth = AuthOptions {
        passcode: Some(Secret::new("77665544")),
        application_credential_secret: Some(Secret::new("Ac-zz-1")),
        token: Some(Secret::new("Tk-zz-1")),
        ..AuthOptions::password("http://k/v3", "u", "Default", "Hunter2-zz")
    };
    let shown = format!("{auth:?}");
    for secret in ["Hunter2-zz", "77665544", "Ac-zz-1", "Tk-zz-1"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("<redacted>"), "{shown}");
    let token = ferrocloud::auth::v3::parse(
        &http::Response::builder()
            .header("X-Subject-Token", "gAAAAAB-parsed-zz")
            .body(bytes::Bytes::from(support::token_body("http://k")))
            .unwrap(),
    )
    .unwrap();
    assert!(!format!("{token:?}").contains("gAAAAAB-parsed-zz"));
    assert_eq!(token.id.expose(), "gAAAAAB-parsed-zz");
}
