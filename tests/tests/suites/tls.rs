//! TLS against a local rustls server with a certificate from a throwaway rcgen CA: the
//! certificate is accepted only when that CA is configured (NativeOptions, `OS_CACERT`
//! through `config::from_env`, clouds.yaml `cacert`); an untrusted certificate or a wrong
//! host name is rejected with a `Tls` error that names the cause and the fix; `insecure`
//! connects anyway and says so loudly.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;

use ferrocloud::config::{self, CloudsFiles};
use ferrocloud::{AuthOptions, Error, TransportErrorKind};
use ferrocloud_native::{Cloud, NativeOptions};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose, SanType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::support::{Captured, FaultServer, Reply};

struct Pki {
    ca_pem: String,
    /// A leaf for `localhost` and 127.0.0.1, signed by the CA.
    good: Arc<rustls::ServerConfig>,
    /// A leaf for `other.example` only, signed by the CA.
    wrong_name: Arc<rustls::ServerConfig>,
}

fn server_config(cert: CertificateDer<'static>, key: &KeyPair) -> Arc<rustls::ServerConfig> {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .unwrap();
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(cfg)
}

fn pki() -> Pki {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    // A distinct name per CA: two CAs of the same name would be told apart only by the
    // signature check.
    static SERIAL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SERIAL.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    ca.distinguished_name
        .push(DnType::CommonName, format!("ferrocloud test CA {n}"));
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca.self_signed(&ca_key).unwrap();

    let leaf = |names: Vec<String>, ip: bool| {
        let mut p = CertificateParams::new(names).unwrap();
        if ip {
            p.subject_alt_names
                .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        }
        let key = KeyPair::generate().unwrap();
        let cert = p.signed_by(&key, &ca_cert, &ca_key).unwrap();
        server_config(cert.der().clone(), &key)
    };
    Pki {
        ca_pem: ca_cert.pem(),
        good: leaf(vec!["localhost".into()], true),
        wrong_name: leaf(vec!["other.example".into()], false),
    }
}

async fn server(cfg: Arc<rustls::ServerConfig>, host: &str) -> FaultServer {
    FaultServer::start_tls(cfg, host, |_, _| Reply::json(200, r#"{"servers": []}"#)).await
}

fn auth(srv: &FaultServer) -> AuthOptions {
    AuthOptions::password(&srv.auth_url(), "demo", "Default", "pw").project_name("demo", "Default")
}

fn with_ca(pem: &str) -> NativeOptions {
    NativeOptions {
        cacert_pem: Some(pem.as_bytes().to_vec()),
        timeout: Duration::from_secs(10),
        ..NativeOptions::default()
    }
}

async fn token(cloud: &Cloud) -> Result<String, Error> {
    tokio::time::timeout(Duration::from_secs(20), cloud.token())
        .await
        .expect("hung")
        .map(|t| t.id.expose().to_owned())
}

/// The TLS error's message, after checking its kind.
fn tls_message(e: Error) -> String {
    match e {
        Error::Transport(t) => {
            assert_eq!(t.kind, TransportErrorKind::Tls, "{t}");
            t.message
        }
        other => panic!("expected a TLS error, got {other:?}"),
    }
}

fn ca_file(pem: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "ferrocloud-tls-ca-{}-{}.pem",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::write(&path, pem).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_ca_is_accepted_only_when_configured() {
    let pki = pki();
    let srv = server(pki.good.clone(), "localhost").await;

    // System roots: the private CA is unknown.
    let cloud = Cloud::new(&auth(&srv), NativeOptions::default()).unwrap();
    let msg = tls_message(token(&cloud).await.unwrap_err());
    assert!(msg.contains("UnknownIssuer"), "{msg}");
    assert!(
        msg.contains("OS_CACERT"),
        "the message says how to fix it: {msg}"
    );
    assert!(msg.contains(&srv.base), "the message names the URL: {msg}");
    assert_eq!(srv.auths(), 0);

    // NativeOptions::cacert_pem.
    let cloud = Cloud::new(&auth(&srv), with_ca(&pki.ca_pem)).unwrap();
    assert_eq!(token(&cloud).await.unwrap(), "tok-1");

    // And a call through the catalog, over the same TLS server.
    let op: ferrocloud::Op<serde_json::Value> =
        ferrocloud::Op::get(ferrocloud::path!("servers")).decode_body();
    let body = cloud.compute().call(&op).await.unwrap();
    assert_eq!(body["servers"], serde_json::json!([]));

    // By IP address too (the leaf has an IP SAN).
    let by_ip = srv.auth_url().replace("localhost", "127.0.0.1");
    let cloud = Cloud::new(
        &AuthOptions::password(&by_ip, "demo", "Default", "pw").project_name("demo", "Default"),
        with_ca(&pki.ca_pem),
    )
    .unwrap();
    token(&cloud).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn os_cacert_from_the_environment() {
    let pki = pki();
    let srv = server(pki.good.clone(), "localhost").await;
    let path = ca_file(&pki.ca_pem);
    let vars = |cacert: Option<&str>| {
        let mut v: Vec<(String, String)> = [
            ("OS_AUTH_URL", srv.auth_url()),
            ("OS_USERNAME", "demo".into()),
            ("OS_PASSWORD", "pw".into()),
            ("OS_USER_DOMAIN_NAME", "Default".into()),
            ("OS_PROJECT_NAME", "demo".into()),
            ("OS_PROJECT_DOMAIN_NAME", "Default".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        if let Some(c) = cacert {
            v.push(("OS_CACERT".into(), c.into()));
        }
        v
    };
    let without = Cloud::from_config(&config::from_env(vars(None)).unwrap()).unwrap();
    tls_message(token(&without).await.unwrap_err());
    let with = Cloud::from_config(&config::from_env(vars(path.to_str())).unwrap()).unwrap();
    let result = token(&with).await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(result.unwrap(), "tok-1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clouds_yaml_cacert() {
    let pki = pki();
    let srv = server(pki.good.clone(), "localhost").await;
    let path = ca_file(&pki.ca_pem);
    let yaml = format!(
        "clouds:\n  plain:\n    auth:\n      auth_url: {url}\n      username: demo\n      password: pw\n      user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n  pinned:\n    cacert: {ca}\n    auth:\n      auth_url: {url}\n      username: demo\n      password: pw\n      user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n",
        url = srv.auth_url(),
        ca = path.display()
    );
    let load = |name: &str| {
        let cfg = config::from_clouds_yaml(
            CloudsFiles {
                clouds: &yaml,
                ..Default::default()
            },
            name,
        )
        .unwrap();
        Cloud::from_config(&cfg).unwrap()
    };
    let plain = token(&load("plain")).await;
    let pinned = token(&load("pinned")).await;
    let _ = std::fs::remove_file(&path);
    tls_message(plain.unwrap_err());
    assert_eq!(pinned.unwrap(), "tok-1");

    // A cacert path that does not exist is a clear input error before any I/O.
    let missing = yaml.replace(&path.display().to_string(), "/nonexistent/ca.pem");
    let cfg = config::from_clouds_yaml(
        CloudsFiles {
            clouds: &missing,
            ..Default::default()
        },
        "pinned",
    )
    .unwrap();
    let err = Cloud::from_config(&cfg).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_hostname_is_rejected_even_with_the_ca() {
    let pki = pki();
    let srv = server(pki.wrong_name.clone(), "localhost").await;
    let cloud = Cloud::new(&auth(&srv), with_ca(&pki.ca_pem)).unwrap();
    let msg = tls_message(token(&cloud).await.unwrap_err());
    assert!(msg.contains("not valid for name"), "{msg}");
    assert!(msg.contains("localhost"), "{msg}");
    assert_eq!(srv.auths(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_different_ca_is_not_trusted() {
    let pki = pki();
    let other = pki_other_ca();
    let srv = server(pki.good.clone(), "localhost").await;
    let cloud = Cloud::new(&auth(&srv), with_ca(&other)).unwrap();
    let msg = tls_message(token(&cloud).await.unwrap_err());
    assert!(msg.contains("UnknownIssuer"), "{msg}");
}

fn pki_other_ca() -> String {
    pki().ca_pem
}

#[tokio::test]
async fn a_bad_ca_bundle_is_an_input_error() {
    let auth = AuthOptions::password("https://localhost:1/v3", "u", "Default", "p");
    let err = Cloud::new(&auth, with_ca("not a pem")).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("cacert"), "{err}");
}

// current_thread: the capturing subscriber is per thread, and everything runs on this one.
#[tokio::test]
async fn insecure_connects_and_warns_loudly() {
    let pki = pki();
    let srv = server(pki.wrong_name.clone(), "localhost").await;
    let logs = Captured::default();
    let _guard = tracing::subscriber::set_default(logs.subscriber());
    let cloud = Cloud::new(
        &auth(&srv),
        NativeOptions {
            insecure: true,
            ..NativeOptions::default()
        },
    )
    .unwrap();
    // Untrusted issuer and wrong name: both ignored.
    assert_eq!(token(&cloud).await.unwrap(), "tok-1");
    let text = logs.text();
    assert!(text.contains("WARN"), "{text}");
    assert!(text.contains("verification is OFF"), "{text}");

    // clouds.yaml `verify: false` gives the same.
    let yaml = format!(
        "clouds:\n  x:\n    verify: false\n    auth:\n      auth_url: {}\n      username: demo\n      password: pw\n      user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n",
        srv.auth_url()
    );
    let cfg = config::from_clouds_yaml(
        CloudsFiles {
            clouds: &yaml,
            ..Default::default()
        },
        "x",
    )
    .unwrap();
    assert!(cfg.insecure);
    assert_eq!(
        token(&Cloud::from_config(&cfg).unwrap()).await.unwrap(),
        "tok-2"
    );
    assert_eq!(logs.text().matches("verification is OFF").count(), 2);
}
