//! Keystone v3 token and trust samples: every response parses, every request is
//! reproduced as a JSON value, with method and path checked against ENDPOINTS.tsv.

use ferrocloud::auth::{self, AuthOptions};
use ferrocloud::identity::v3::{tokens, trusts};
use ferrocloud::{Operation, Secret, ServiceEndpoint, ServiceType, Timestamp};
use ferrocloud_tests::samples::{self, Coverage};

use crate::support::s;

const USER: &str = "ee4dfb6e5540447cb3741905149d9b6e";
const PROJECT: &str = "a6944d763bf64ee6a275f1263fae0352";
const TOKEN: &str = "'$OS_TOKEN'";

fn keystone() -> ServiceEndpoint {
    ServiceEndpoint::new(ServiceType::IDENTITY, "http://example.com/identity/v3").unwrap()
}

fn password() -> AuthOptions {
    AuthOptions {
        auth_url: "http://example.com/identity/v3".into(),
        user_id: Some(USER.into()),
        password: Some("devstacker".into()),
        allow_reauth: true,
        ..Default::default()
    }
}

fn token() -> AuthOptions {
    AuthOptions::token("http://example.com/identity/v3", Secret::new(TOKEN))
}

fn request_cases() -> Vec<(&'static str, AuthOptions)> {
    vec![
        (
            "identity/v3/auth/requests/domain-id-password.json",
            password().domain_id("default"),
        ),
        (
            "identity/v3/auth/requests/domain-id-token.json",
            token().domain_id("default"),
        ),
        (
            "identity/v3/auth/requests/domain-name-password.json",
            password().domain_name("Default"),
        ),
        (
            "identity/v3/auth/requests/domain-name-token.json",
            token().domain_name("Default"),
        ),
        (
            "identity/v3/auth/requests/project-id-password.json",
            password().project_id(PROJECT),
        ),
        (
            "identity/v3/auth/requests/project-id-token.json",
            token().project_id(PROJECT),
        ),
        (
            "identity/v3/auth/requests/project-id-totp.json",
            AuthOptions {
                password: None,
                passcode: Some("123456".into()),
                ..password()
            }
            .project_id(PROJECT),
        ),
        (
            "identity/v3/auth/requests/project-name-password.json",
            AuthOptions {
                project_name: s("admin"),
                project_domain_id: s("default"),
                ..password()
            },
        ),
        (
            "identity/v3/auth/requests/project-name-token.json",
            AuthOptions {
                project_name: s("admin"),
                project_domain_id: s("default"),
                ..token()
            },
        ),
        (
            "identity/v3/auth/requests/system-password.json",
            password().system(),
        ),
        (
            "identity/v3/auth/requests/system-token.json",
            token().system(),
        ),
        (
            "identity/v3/admin/auth-token-explicit-unscoped-request.json",
            AuthOptions {
                explicit_unscoped: true,
                ..token()
            },
        ),
        (
            "identity/v3/admin/auth-token-scoped-request.json",
            token().project_id("5b50efd009b540559104ee3c03bbb2b7"),
        ),
        (
            "identity/v3/admin/auth-token-unscoped-request.json",
            token(),
        ),
        (
            "identity/v3/admin/auth-application-credential-id-request.json",
            AuthOptions::application_credential(
                "http://example.com/identity/v3",
                "423f19a4ac1e4f48bbb4180756e6eb6c",
                "rEaqvJka48mpv".into(),
            ),
        ),
        (
            "identity/v3/admin/auth-application-credential-name-request.json",
            AuthOptions {
                application_credential_name: s("monitoring"),
                application_credential_secret: Some("rEaqvJka48mpv".into()),
                user_id: s("423f19a4ac1e4f48bbb4180756e6eb6c"),
                ..AuthOptions {
                    auth_url: "http://example.com/identity/v3".into(),
                    ..Default::default()
                }
            },
        ),
        (
            "identity/v3/admin/auth-password-explicit-unscoped-request.json",
            AuthOptions {
                explicit_unscoped: true,
                ..password()
            },
        ),
        (
            "identity/v3/admin/auth-password-system-scoped-request-with-domain.json",
            AuthOptions::password(
                "http://example.com/identity/v3",
                "admin",
                "Default",
                "devstacker",
            )
            .system(),
        ),
        (
            "identity/v3/admin/auth-password-unscoped-request-with-domain.json",
            AuthOptions::password(
                "http://example.com/identity/v3",
                "admin",
                "Default",
                "devstacker",
            ),
        ),
        (
            "identity/v3/admin/auth-password-unscoped-request.json",
            AuthOptions {
                user_id: s("423f19a4ac1e4f48bbb4180756e6eb6c"),
                ..password()
            },
        ),
        (
            "identity/v3-ext/OS-TRUST/trust-auth-request.json",
            AuthOptions::token("http://example.com/identity/v3", Secret::new("e80b74"))
                .trust("de0945a"),
        ),
    ]
}

#[test]
fn token_and_trust_samples() {
    let mut cov = Coverage::new();
    let svc = keystone();

    for (sample, opts) in request_cases() {
        let creds = opts.validate().unwrap_or_else(|e| panic!("{sample}: {e}"));
        // Both ways of building it: the driver's request and the tokens resource.
        samples::assert_request(cov.check(sample), &auth::token_request(&creds).unwrap());
        samples::assert_request(sample, &tokens::create(&creds).request(&svc).unwrap());
    }

    // Token responses: the body parses, and with an X-Subject-Token header it is a Token.
    for sample in [
        "identity/v3/auth/responses/domain-scoped-password.json",
        "identity/v3/auth/responses/domain-scoped-token.json",
        "identity/v3/auth/responses/project-scoped-password-totp.json",
        "identity/v3/auth/responses/project-scoped-password.json",
        "identity/v3/auth/responses/project-scoped-token.json",
        "identity/v3/auth/responses/system-scoped-password.json",
        "identity/v3/auth/responses/system-scoped-token.json",
        "identity/v3/auth/responses/unscoped-password.json",
        "identity/v3/admin/auth-token-scoped-response.json",
        "identity/v3/admin/auth-token-unscoped-response.json",
        "identity/v3/admin/auth-application-credential-response.json",
        "identity/v3/admin/auth-password-explicit-unscoped-response.json",
        "identity/v3/admin/auth-password-project-scoped-response.json",
        "identity/v3/admin/auth-password-unscoped-response.json",
        "identity/v3-ext/OS-TRUST/trust-auth-trust-response.json",
        "identity/v3-ext/OS-TRUST/trust-auth-redelegated-response.json",
    ] {
        let mut resp = samples::response(cov.check(sample));
        resp.headers_mut()
            .insert("x-subject-token", "gAAAA-sample".parse().unwrap());
        let t = tokens::validate(&Secret::new("x"))
            .parse(resp)
            .unwrap_or_else(|e| panic!("{sample}: {e}"));
        assert_eq!(t.id.expose(), "gAAAA-sample");
        assert!(
            t.info.expires_at > "2010-01-01T00:00:00Z".parse::<Timestamp>().unwrap(),
            "{sample}"
        );
        assert!(t.info.user.is_some(), "{sample}: user");
        let scoped = (sample.contains("scoped-") || sample.contains("-scoped"))
            && !sample.contains("unscoped");
        assert_eq!(
            !t.is_unscoped(),
            scoped || sample.contains("trust-auth") || sample.contains("application-credential"),
            "{sample}: scope"
        );
    }
    let sys = tokens::validate(&Secret::new("x"))
        .parse({
            let mut r = samples::response("identity/v3/auth/responses/system-scoped-password.json");
            r.headers_mut()
                .insert("x-subject-token", "t".parse().unwrap());
            r
        })
        .unwrap();
    assert_eq!(
        sys.info.system.as_ref().and_then(|s| s.get("all")),
        Some(&serde_json::json!(true))
    );
    assert!(!sys.info.catalog.entries.is_empty());

    // Trusts.
    let create = trusts::CreateTrust {
        trustor_user_id: "a0fdfd".into(),
        trustee_user_id: "86c0d5".into(),
        project_id: Some("ddef321".into()),
        impersonation: true,
        roles: vec![trusts::RoleRef::name("member")],
        expires_at: Some("2013-02-27T18:30:59.999999Z".parse().unwrap()),
        allow_redelegation: Some(true),
        ..Default::default()
    };
    samples::assert_request(
        cov.check("identity/v3-ext/OS-TRUST/trust-create-request.json"),
        &trusts::create(&create).request(&svc).unwrap(),
    );
    let t = trusts::create(&create)
        .parse(samples::response(
            cov.check("identity/v3-ext/OS-TRUST/trust-create-response.json"),
        ))
        .unwrap();
    assert!(t.impersonation);
    assert_eq!(t.roles.len(), 1);
    let got = trusts::get("x")
        .parse(samples::response(
            cov.check("identity/v3-ext/OS-TRUST/trust-get-response.json"),
        ))
        .unwrap();
    samples::assert_endpoint(
        "identity/v3-ext/OS-TRUST/trust-get-response.json",
        &trusts::get(&got.id).request(&svc).unwrap(),
    );
    let list = trusts::list(&Default::default());
    let page = list
        .parse(samples::response(
            cov.check("identity/v3-ext/OS-TRUST/trust-list-response.json"),
        ))
        .unwrap();
    assert!(!page.is_empty());
    samples::assert_endpoint(
        "identity/v3-ext/OS-TRUST/trust-list-response.json",
        &list.request(&svc).unwrap(),
    );
    let roles = trusts::roles("x")
        .parse(samples::response(cov.check(
            "identity/v3-ext/OS-TRUST/trust-list-roles-delegated-response.json",
        )))
        .unwrap();
    assert!(!roles.is_empty());
    samples::assert_endpoint(
        "identity/v3-ext/OS-TRUST/trust-list-roles-delegated-response.json",
        &trusts::roles("t1").request(&svc).unwrap(),
    );
    let role = trusts::role("t", "r")
        .parse(samples::response(cov.check(
            "identity/v3-ext/OS-TRUST/trust-get-role-delegated-response.json",
        )))
        .unwrap();
    assert!(role.id.is_some());
    samples::assert_endpoint(
        "identity/v3-ext/OS-TRUST/trust-get-role-delegated-response.json",
        &trusts::role("t1", "r1").request(&svc).unwrap(),
    );

    cov.except(
        "identity/v3/auth/responses/auth-receipt-password.json",
        "an MFA auth receipt: the body of a 401 that asks for a second method; it surfaces as Error::Http 401 with Keystone's message",
    );

    let mut files = samples::files_under("identity/v3/auth");
    files.extend(samples::files_under("identity/v3-ext/OS-TRUST"));
    files.extend(
        samples::files_under("identity/v3/admin")
            .into_iter()
            .filter(|f| f.contains("/auth-")),
    );
    cov.assert_complete("identity tokens+trusts", &files);
    assert!(cov.checked() >= 40, "{}", cov.checked());
}
