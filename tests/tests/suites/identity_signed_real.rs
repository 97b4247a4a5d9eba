//! Keystone v3 calls a client signs itself, against the real local cloud as admin: the
//! whole OAuth 1.0a delegation (consumer → signed request token → authorized by the
//! admin user for a role → signed access token → a Keystone token with the `oauth1`
//! method), and S3 signature checks (`/v3/s3tokens`) with an EC2 credential. The
//! consumer's steps go out without any Keystone token (sans-IO requests over the bare
//! transport), as a real consumer's would. Everything made is deleted, also on failure.

use std::sync::Mutex;

use base64::Engine as _;
use ferrocloud::identity::v3::oauth1::{self, OAuthSigner, OAuthToken};
use ferrocloud::identity::v3::{ec2_credentials, roles};
use ferrocloud::object_storage::temp_url::{hmac_hex, Digest};
use ferrocloud::{check_status, Operation, Secret, ServiceEndpoint, Transport};
use ferrocloud_native::Cloud;
use ferrocloud_tests::cloud;

use crate::support::guarded;

/// What a test made: (user, access token) pairs, consumers, (user, EC2 access key) pairs.
#[derive(Default)]
struct Made {
    access_tokens: Vec<(String, String)>,
    consumers: Vec<String>,
    ec2: Vec<(String, String)>,
}

impl Made {
    async fn delete_all(cell: &Mutex<Made>) {
        let admin = cloud::admin();
        let ks = admin.identity();
        let m = std::mem::take(&mut *cell.lock().unwrap());
        for (user, id) in &m.access_tokens {
            let _ = ks.call(&oauth1::revoke_access_token(user, id)).await;
        }
        for id in &m.consumers {
            let _ = ks.call(&oauth1::delete_consumer(id)).await;
        }
        for (user, access) in &m.ec2 {
            let _ = ks.call(&ec2_credentials::delete(user, access)).await;
        }
    }
}

/// Sends `op` as a consumer would: no `X-Auth-Token`, straight over the transport.
async fn bare<O: Operation>(
    cloud: &Cloud,
    svc: &ServiceEndpoint,
    op: &O,
) -> Result<O::Output, ferrocloud::Error> {
    let req = op.request(svc)?;
    let (method, url) = (req.method().clone(), req.uri().to_string());
    let resp = cloud.transport().send(req).await?;
    op.parse(check_status(&method, &url, resp)?)
}

/// A fresh nonce as Keystone takes it (lower-case hex).
fn nonce() -> String {
    format!("{:x}", md5::compute(cloud::unique("nonce")))
}

#[tokio::test(flavor = "multi_thread")]
async fn oauth1_delegation_end_to_end() {
    let made = Mutex::new(Made::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let svc = ks.service_client().await.unwrap();
        let me = admin.token().await.unwrap();
        let user = me.info.user.as_ref().unwrap().id.clone();
        let project = me.info.project.as_ref().unwrap().id.clone();
        let member = ks
            .collect_all(roles::list(&roles::ListRoles {
                name: Some("member".into()),
                ..Default::default()
            }))
            .await
            .unwrap();
        let member = member[0].id.clone();

        let consumer = ks
            .call(&oauth1::create_consumer(&oauth1::ConsumerOptions {
                description: Some(cloud::unique("oauth1-flow")),
            }))
            .await
            .unwrap();
        made.lock().unwrap().consumers.push(consumer.id.clone());
        let signer = |nonce: String| {
            OAuthSigner::new(
                consumer.id.clone(),
                consumer.secret.clone().unwrap(),
                admin.transport().now(),
                nonce,
            )
        };

        // A wrong consumer secret: Keystone checks the signature and refuses.
        let forged = OAuthSigner {
            consumer_secret: Secret::new("not-the-secret"),
            ..signer(nonce())
        };
        let refused = bare(&admin, &svc, &oauth1::request_token(&forged, &project))
            .await
            .unwrap_err();
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(401), "{refused}");

        // 1. The consumer asks for a request token on the admin project (signed).
        let request = bare(
            &admin,
            &svc,
            &oauth1::request_token(&signer(nonce()), &project),
        )
        .await
        .unwrap();
        assert_eq!((request.id.len(), request.secret.expose().len()), (32, 32));
        assert!(
            request.expires_at.is_some(),
            "request tokens expire by default"
        );

        // 2. The admin user authorizes it for the member role (with its own token).
        let verifier = ks
            .call(&oauth1::authorize(&request.id, &[member.as_str()]))
            .await
            .unwrap()
            .oauth_verifier;
        assert_eq!(verifier.expose().len(), 8);

        // A wrong verifier (of the right form) is refused.
        let reversed: String = verifier.expose().chars().rev().collect();
        assert_ne!(reversed, verifier.expose());
        let wrong = signer(nonce())
            .with_token(&request)
            .with_verifier(Secret::new(reversed));
        let refused = bare(&admin, &svc, &oauth1::create_access_token(&wrong))
            .await
            .unwrap_err();
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(401), "{refused}");

        // 3. The consumer exchanges it for an access token (signed with both secrets).
        let exchange = signer(nonce()).with_token(&request).with_verifier(verifier);
        let access: OAuthToken = bare(&admin, &svc, &oauth1::create_access_token(&exchange))
            .await
            .unwrap();
        made.lock()
            .unwrap()
            .access_tokens
            .push((user.clone(), access.id.clone()));
        assert_ne!(access.id, request.id);
        // The user sees it, for this consumer and project, with the role granted.
        let seen = ks
            .call(&oauth1::get_access_token(&user, &access.id))
            .await
            .unwrap();
        assert_eq!(
            (seen.consumer_id.as_deref(), seen.project_id.as_deref()),
            (Some(consumer.id.as_str()), Some(project.as_str()))
        );
        assert_eq!(seen.authorizing_user_id.as_deref(), Some(user.as_str()));
        let granted = ks
            .collect_all(oauth1::access_token_roles(&user, &access.id))
            .await
            .unwrap();
        assert_eq!(
            granted.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            [member.as_str()]
        );

        // 4. The consumer logs in with it: a token for the admin user, scoped to the
        // project, carrying only the member role (and what it implies).
        let login = signer(nonce()).with_token(&access);
        let token = bare(&admin, &svc, &oauth1::token(&login)).await.unwrap();
        assert_eq!(token.info.methods, ["oauth1"]);
        assert_eq!(
            token.info.user.as_ref().map(|u| u.id.as_str()),
            Some(user.as_str())
        );
        assert_eq!(
            token.info.project.as_ref().map(|p| p.id.as_str()),
            Some(project.as_str())
        );
        let names: Vec<&str> = token.role_names().collect();
        assert!(names.contains(&"member"), "{names:?}");
        assert!(!names.contains(&"admin"), "{names:?}");
        // Signed with the wrong token secret: refused.
        let forged = OAuthSigner {
            token_secret: Secret::new("not-the-token-secret"),
            ..signer(nonce()).with_token(&access)
        };
        let refused = bare(&admin, &svc, &oauth1::token(&forged))
            .await
            .unwrap_err();
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(401), "{refused}");

        // Clean-up, checked: the access token revoked, then the consumer deleted.
        ks.call(&oauth1::revoke_access_token(&user, &access.id))
            .await
            .unwrap();
        let gone = ks
            .call(&oauth1::get_access_token(&user, &access.id))
            .await
            .unwrap_err();
        assert!(gone.is_not_found(), "{gone}");
        let again = bare(
            &admin,
            &svc,
            &oauth1::token(&signer(nonce()).with_token(&access)),
        )
        .await
        .unwrap_err();
        assert_eq!(again.status().map(|s| s.as_u16()), Some(404), "{again}");
        made.lock().unwrap().access_tokens.clear();
        ks.call(&oauth1::delete_consumer(&consumer.id))
            .await
            .unwrap();
        made.lock().unwrap().consumers.clear();
    };
    guarded(body, Made::delete_all(&made)).await;
}

/// The AWS signature version 2 of `string_to_sign` under `secret`, as Keystone's
/// s3token check recomputes it: base64 of HMAC-SHA1.
fn s3_signature_v2(secret: &Secret, string_to_sign: &str) -> Secret {
    let hex = hmac_hex(
        &Digest::Sha1,
        secret.expose().as_bytes(),
        string_to_sign.as_bytes(),
    )
    .unwrap();
    let raw: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    Secret::new(base64::engine::general_purpose::STANDARD.encode(raw))
}

#[test]
fn s3_signature_v2_matches_aws_example() {
    // The AWS S3 signature version 2 documentation's object GET example.
    let sig = s3_signature_v2(
        &Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg",
    );
    assert_eq!(sig.expose(), "qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
}

#[tokio::test(flavor = "multi_thread")]
async fn s3_token_validation() {
    let made = Mutex::new(Made::default());
    let body = async {
        let admin = cloud::admin();
        let ks = admin.identity();
        let me = admin.token().await.unwrap();
        let user = me.info.user.as_ref().unwrap().id.clone();
        let project = me.info.project.as_ref().unwrap().id.clone();
        let cred = ks
            .call(&ec2_credentials::create(&user, &project))
            .await
            .unwrap();
        made.lock()
            .unwrap()
            .ec2
            .push((user.clone(), cred.access.clone()));

        let string_to_sign = format!(
            "GET\n\n\n{}\n/{}/object",
            httpdate::fmt_http_date(admin.transport().now()),
            cloud::unique("bucket")
        );
        let signed = ec2_credentials::S3Signed {
            access: cred.access.clone(),
            signature: s3_signature_v2(&cred.secret, &string_to_sign),
            string_to_sign: string_to_sign.clone(),
        };
        // This Keystone leaves ec2credential out of [auth] methods: it answers 503 saying
        // so before it looks at the signature (the right one and a wrong one alike). With
        // the method on, the right signature answers the token body, a wrong one 401.
        let wrong = ec2_credentials::S3Signed {
            signature: s3_signature_v2(&Secret::new("not-the-secret"), &string_to_sign),
            ..signed.clone()
        };
        for s in [&signed, &wrong] {
            let refused = ks
                .call(&ec2_credentials::validate_s3_token(s))
                .await
                .unwrap_err();
            assert_eq!(refused.status().map(|s| s.as_u16()), Some(503), "{refused}");
            assert!(
                refused.to_string().contains(
                    "Cannot mint a token from an EC2 or S3 credential: the ec2credential auth method is not enabled"
                ),
                "{refused}"
            );
        }
    };
    guarded(body, Made::delete_all(&made)).await;
}
