//! Against the REAL Keystone of the local cloud: every auth method and scope, errors,
//! trusts, token validation and revocation, and reauthentication after revocation.

use std::time::Duration;

use ferrocloud::identity::v3::{tokens, trusts};
use ferrocloud::{path, AuthOptions, Client, Op, Secret, Wait};
use ferrocloud_tests::cloud;
use serde_json::{json, Value};

use crate::support::{native_client, poll, project_and_user};

type Native = Client<ferrocloud_native::HyperTransport>;

fn native(auth: &AuthOptions) -> Native {
    native_client(auth, Default::default(), Default::default())
}

fn auth_url() -> String {
    cloud::config("oscloud-admin").auth.auth_url
}

async fn role_id(admin: &Native, name: &str) -> String {
    let roles: Value = admin
        .identity()
        .call(
            &Op::get(path!("roles"))
                .query(ferrocloud::query!(name: Some(name)))
                .decode_body(),
        )
        .await
        .unwrap();
    roles["roles"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn password_token_scopes_and_unscoped() {
    let admin = cloud::admin();
    let admin_token = admin.token().await.expect("password auth");
    assert_eq!(admin_token.info.methods, ["password"]);
    assert!(admin_token.role_names().any(|r| r == "admin"));

    // Token auth, rescoped to the same project.
    let project_id = admin_token.info.project.as_ref().unwrap().id.clone();
    let by_token =
        native(&AuthOptions::token(&auth_url(), admin_token.id.clone()).project_id(&project_id));
    let t = by_token.token().await.expect("token auth");
    assert!(
        t.info.methods.iter().any(|m| m == "token"),
        "{:?}",
        t.info.methods
    );
    assert_eq!(t.info.project.as_ref().unwrap().id, project_id);

    // System scope (keystone-manage bootstrap grants admin on the system).
    let mut sys = cloud::config("oscloud-admin").auth;
    sys.project_name = None;
    sys.project_domain_id = None;
    sys.system_scope = true;
    let t = native(&sys).token().await.expect("system scope");
    assert_eq!(
        t.info.system.as_ref().and_then(|s| s.get("all")),
        Some(&json!(true))
    );
    assert!(t.info.project.is_none());

    // Domain scope: grant admin the admin role on the default domain (idempotent).
    let (_, uid) = project_and_user(&admin).await;
    let admin_role = role_id(&admin, "admin").await;
    let grant: Op<()> = Op::put(path!(
        "domains/{}/users/{}/roles/{}",
        "default",
        uid,
        admin_role
    ));
    admin
        .identity()
        .call(&grant)
        .await
        .expect("grant domain role");
    let mut dom = cloud::config("oscloud-admin").auth;
    dom.project_name = None;
    dom.project_domain_id = None;
    dom.domain_id = Some("default".into());
    let t = native(&dom).token().await.expect("domain scope");
    assert_eq!(
        t.info.domain.as_ref().and_then(|d| d.id.as_deref()),
        Some("default")
    );

    // Explicitly unscoped: no catalog, no scope.
    let mut un = cloud::config("oscloud-admin").auth;
    un.project_name = None;
    un.project_domain_id = None;
    un.explicit_unscoped = true;
    let t = native(&un).token().await.expect("unscoped");
    assert!(t.is_unscoped());
    assert!(t.info.catalog.entries.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_is_a_401_with_keystones_message_and_request_id() {
    let mut auth = cloud::config("oscloud-demo").auth;
    auth.password = Some(Secret::new("definitely-wrong"));
    let err = native(&auth).token().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let http = err.http().unwrap();
    assert!(
        http.message().contains("requires authentication")
            || http.message().contains("authenticate"),
        "{}",
        http.message()
    );
    assert!(
        err.request_id().is_some_and(|id| id.starts_with("req-")),
        "{:?}",
        err.request_id()
    );
    assert!(!err.to_string().contains("definitely-wrong"));
}

#[tokio::test(flavor = "multi_thread")]
async fn application_credential_auth() {
    let demo = cloud::demo();
    let (_, uid) = project_and_user(&demo).await;
    let name = cloud::unique("appcred");
    let create: Op<Value> = Op::post(path!("users/{}/application_credentials", uid))
        .json_under("application_credential", &json!({"name": name}))
        .decode_key("application_credential");
    let cred = demo
        .identity()
        .call(&create)
        .await
        .expect("create app cred");
    let id = cred["id"].as_str().unwrap().to_owned();
    let secret = Secret::new(cred["secret"].as_str().unwrap());

    let by_id = native(&AuthOptions::application_credential(
        &auth_url(),
        &id,
        secret.clone(),
    ));
    let outcome = by_id.token().await;
    let by_name = native(&AuthOptions {
        application_credential_name: Some(name.clone()),
        application_credential_secret: Some(secret),
        user_id: Some(uid.clone()),
        ..AuthOptions {
            auth_url: auth_url(),
            allow_reauth: true,
            ..Default::default()
        }
    });
    let outcome2 = by_name.token().await;
    let delete: Op<()> = Op::delete(path!("users/{}/application_credentials/{}", uid, id));
    demo.identity()
        .call(&delete)
        .await
        .expect("delete app cred");

    let t = outcome.expect("app cred auth by id");
    assert_eq!(t.info.methods, ["application_credential"]);
    assert_eq!(
        t.info
            .application_credential
            .as_ref()
            .map(|a| a.id.as_str()),
        Some(id.as_str())
    );
    assert_eq!(
        t.info.project.as_ref().and_then(|p| p.name.as_deref()),
        Some("demo")
    );
    outcome2.expect("app cred auth by name + user");
}

#[tokio::test(flavor = "multi_thread")]
async fn trust_crud_and_trust_scoped_auth() {
    let admin = cloud::admin();
    let demo = cloud::demo();
    let admin_token = admin.token().await.unwrap();
    let trustor = admin_token.info.user.as_ref().unwrap().id.clone();
    let project = admin_token.info.project.as_ref().unwrap().id.clone();
    let (_, trustee) = project_and_user(&demo).await;
    let member = role_id(&admin, "member").await;
    let keystone = admin.identity();

    let created = keystone
        .call(&trusts::create(&trusts::CreateTrust {
            trustor_user_id: trustor.clone(),
            trustee_user_id: trustee.clone(),
            project_id: Some(project.clone()),
            impersonation: false,
            roles: vec![trusts::RoleRef::name("member")],
            ..Default::default()
        }))
        .await
        .expect("create trust");
    let id = created.id.clone();
    let checks = async {
        let got = keystone.call(&trusts::get(&id)).await?;
        assert_eq!(got.trustee_user_id.as_deref(), Some(trustee.as_str()));
        let mine = keystone
            .collect_all(trusts::list(&trusts::ListTrusts {
                trustor_user_id: Some(trustor.clone()),
                ..Default::default()
            }))
            .await?;
        assert!(mine.iter().any(|t| t.id == id));
        let roles = keystone.call(&trusts::roles(&id)).await?;
        assert!(roles.iter().any(|r| r.name.as_deref() == Some("member")));
        let role = keystone.call(&trusts::role(&id, &member)).await?;
        assert_eq!(role.id.as_deref(), Some(member.as_str()));
        keystone.call(&trusts::check_role(&id, &member)).await?;

        // The trustee authenticates with its own password, scoped to the trust.
        let mut auth = cloud::config("oscloud-demo").auth;
        auth.project_name = None;
        auth.project_domain_id = None;
        auth.trust_id = Some(id.clone());
        let t = native(&auth).token().await?;
        assert_eq!(
            t.info.trust.as_ref().map(|t| t.id.as_str()),
            Some(id.as_str())
        );
        assert_eq!(
            t.info.project.as_ref().map(|p| p.id.as_str()),
            Some(project.as_str())
        );
        Ok::<_, ferrocloud::Error>(())
    }
    .await;
    keystone
        .call(&trusts::delete(&id))
        .await
        .expect("delete trust");
    checks.expect("trust checks");
    let gone = keystone.call(&trusts::get(&id)).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
}

#[tokio::test(flavor = "multi_thread")]
async fn validate_check_and_revoke_a_token() {
    let admin = cloud::admin();
    // A second, independent token for the demo user.
    let demo = cloud::demo();
    let victim = demo.token().await.unwrap();
    let keystone = admin.identity();
    let seen = keystone
        .call(&tokens::validate(&victim.id))
        .await
        .expect("validate");
    assert_eq!(seen.info.user, victim.info.user);
    assert_eq!(seen.id, victim.id);
    keystone
        .call(&tokens::check(&victim.id))
        .await
        .expect("check");
    keystone
        .call(&tokens::revoke(&victim.id))
        .await
        .expect("revoke");
    let err = keystone.call(&tokens::check(&victim.id)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_token_causes_exactly_one_reauth() {
    // Keystone checks revocation on every call (services behind keystonemiddleware may
    // cache a validation for a few minutes), so the calls go to Keystone itself.
    let (counter, client) = cloud::counting("oscloud-demo", |_| {});
    let projects: Op<Value> = Op::get(path!("auth/projects")).decode_body();
    client.identity().call(&projects).await.expect("first call");
    assert_eq!(counter.auths(), 1);
    let token = client.token().await.unwrap();
    client
        .identity()
        .call(&tokens::revoke(&token.id))
        .await
        .expect("revoke own token");
    // Keystone may go on accepting a just-revoked token for a moment (its in-memory
    // validation cache); keep calling until it refuses it. The first refusal must cause
    // exactly one reauthentication and a successful retry: 401, token request, retried call.
    let every = Wait::timeout(Duration::from_secs(10)).every(Duration::from_millis(200));
    let (after, requests) = poll("Keystone accepted the revoked token", every, || async {
        let before = counter.total();
        let after = client
            .identity()
            .call(&projects)
            .await
            .expect("call after revocation");
        (counter.auths() > 1).then(|| (after, counter.total() - before))
    })
    .await;
    assert!(after["projects"].as_array().is_some_and(|p| !p.is_empty()));
    assert_eq!(counter.auths(), 2, "exactly one reauthentication");
    assert_eq!(requests, 3, "401, token request, retried call");
    client.identity().call(&projects).await.unwrap();
    assert_eq!(counter.auths(), 2);
}
