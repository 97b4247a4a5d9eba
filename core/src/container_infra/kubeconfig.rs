//! A kubeconfig for a Kubernetes cluster, built from the cluster and its certificates,
//! byte for byte as `openstack coe cluster config` writes it. Sans-IO: fetch the CA with
//! [`certificates::get_ca`](super::certificates::get_ca) and sign your CSR with
//! [`certificates::sign`](super::certificates::sign), then [`build`]. ferrocloud makes no
//! keys: create the private key and the CSR with your crypto library or `openssl`
//! (the CLI uses RSA 2048 and the subject `CN=admin, O=system:masters`).
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, csr_pem: String, key_pem: String) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::certificates::{self, SignCertificate};
//! use ferrocloud::container_infra::{clusters, kubeconfig};
//! let magnum = client.container_infra();
//! let cluster = magnum.call(&clusters::get("k8s")).await?;
//! let ca = magnum.call(&certificates::get_ca(&cluster.uuid, None)).await?;
//! let cert = magnum
//!     .call(&certificates::sign(&SignCertificate { cluster_uuid: cluster.uuid.clone(), csr: csr_pem }))
//!     .await?;
//! let config = kubeconfig::build(
//!     &cluster,
//!     &kubeconfig::Credentials::ClientCertificate { ca_pem: &ca.pem, cert_pem: &cert.pem, key_pem: &key_pem },
//! )?;
//! std::fs::write("config", config).expect("write");
//! # Ok(()) }
//! ```

use base64::Engine as _;

use super::clusters::Cluster;
use crate::InvalidInput;

/// How `kubectl` proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials<'a> {
    /// A client certificate signed by the cluster's CA, with its private key (all PEM).
    /// `kubectl` acts as user `admin`.
    ClientCertificate {
        /// The cluster CA ([`get_ca`](super::certificates::get_ca)).
        ca_pem: &'a str,
        /// The signed client certificate ([`sign`](super::certificates::sign)).
        cert_pem: &'a str,
        /// The client's private key.
        key_pem: &'a str,
    },
    /// Keystone authentication (clusters with the `keystone_auth_enabled` label):
    /// `kubectl` runs a shell snippet that hands it the token in `$OS_TOKEN`.
    Keystone {
        /// The cluster CA.
        ca_pem: &'a str,
    },
    /// No TLS (the template has `tls_disabled`): only the server address.
    NoTls,
}

/// The kubeconfig (YAML) for `cluster`, which needs a name and an `api_address`.
pub fn build(cluster: &Cluster, credentials: &Credentials<'_>) -> Result<String, InvalidInput> {
    let name = cluster
        .name
        .as_deref()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| InvalidInput::field("name", "the cluster has no name"))?;
    let server = cluster
        .api_address
        .as_deref()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            InvalidInput::field(
                "api_address",
                "the cluster has no API address yet (is it CREATE_COMPLETE?)",
            )
        })?;
    let pems = match credentials {
        Credentials::ClientCertificate {
            ca_pem,
            cert_pem,
            key_pem,
        } => vec![
            ("ca_pem", *ca_pem),
            ("cert_pem", *cert_pem),
            ("key_pem", *key_pem),
        ],
        Credentials::Keystone { ca_pem } => vec![("ca_pem", *ca_pem)],
        Credentials::NoTls => Vec::new(),
    };
    for (field, pem) in pems {
        InvalidInput::require(pem.contains("-----BEGIN "), field, "PEM text")?;
    }
    let (name, server) = (scalar(name), scalar(server));
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let clusters = |ca: Option<&str>| {
        let ca = ca
            .map(|ca| format!("    certificate-authority-data: {}\n", b64(ca)))
            .unwrap_or_default();
        format!("apiVersion: v1\nclusters:\n- cluster:\n{ca}    server: {server}\n  name: {name}\n")
    };
    let context = |user: &str, context: &str| {
        format!(
            "contexts:\n- context:\n    cluster: {name}\n    user: {user}\n  name: {context}\n\
             current-context: {context}\nkind: Config\npreferences: {{}}\nusers:\n"
        )
    };
    Ok(match credentials {
        Credentials::NoTls => format!(
            "{}{}- name: {name}\n",
            clusters(None),
            context(&name, &name)
        ),
        Credentials::ClientCertificate {
            ca_pem,
            cert_pem,
            key_pem,
        } => format!(
            "{}{}- name: admin\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n",
            clusters(Some(ca_pem)),
            context("admin", "default"),
            b64(cert_pem),
            b64(key_pem),
        ),
        Credentials::Keystone { ca_pem } => format!(
            "{}{}{KEYSTONE_USER}",
            clusters(Some(ca_pem)),
            context("openstackuser", "openstackuser@kubernetes"),
        ),
    })
}

/// The `openstackuser` entry: an exec plugin that prints `$OS_TOKEN` as an ExecCredential.
const KEYSTONE_USER: &str = r#"- name: openstackuser
  user:
    exec:
      command: /bin/bash
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - -c
      - >
        if [ -z ${OS_TOKEN} ]; then
            echo 'Error: Missing OpenStack credential from environment variable $OS_TOKEN' > /dev/stderr
            exit 1
        else
            echo '{ "apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential", "status": { "token": "'"${OS_TOKEN}"'"}}'
        fi
"#;

/// `s` as a YAML scalar: as is when it is plain (Magnum's names and URLs are), else
/// double-quoted (JSON escaping is valid YAML).
fn scalar(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_.-:/@".contains(c))
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if plain {
        s.to_owned()
    } else {
        serde_json::Value::from(s).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster() -> Cluster {
        Cluster {
            uuid: "u".into(),
            name: Some("k8s".into()),
            api_address: Some("https://127.0.0.1:6443".into()),
            ..Default::default()
        }
    }

    #[test]
    fn client_certificate_config_is_the_clis() {
        let ca = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
        let cert = "-----BEGIN CERTIFICATE-----\nME\n-----END CERTIFICATE-----\n";
        let key = "-----BEGIN RSA PRIVATE KEY-----\nK\n-----END RSA PRIVATE KEY-----\n";
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let got = build(
            &cluster(),
            &Credentials::ClientCertificate {
                ca_pem: ca,
                cert_pem: cert,
                key_pem: key,
            },
        )
        .unwrap();
        let want = format!(
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {}\n    server: https://127.0.0.1:6443\n  name: k8s\ncontexts:\n- context:\n    cluster: k8s\n    user: admin\n  name: default\ncurrent-context: default\nkind: Config\npreferences: {{}}\nusers:\n- name: admin\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n",
            b64(ca),
            b64(cert),
            b64(key)
        );
        assert_eq!(got, want);
        let keystone = build(&cluster(), &Credentials::Keystone { ca_pem: ca }).unwrap();
        assert!(keystone.contains("current-context: openstackuser@kubernetes\n"));
        assert!(keystone.ends_with("        fi\n"));
        let plain = build(&cluster(), &Credentials::NoTls).unwrap();
        assert!(plain.ends_with("users:\n- name: k8s\n") && !plain.contains("certificate"));
    }

    #[test]
    fn refuses_what_cannot_make_a_config() {
        let no_address = Cluster {
            api_address: None,
            ..cluster()
        };
        let err = build(&no_address, &Credentials::NoTls).unwrap_err();
        assert!(err.to_string().contains("api_address"), "{err}");
        let bad = Credentials::Keystone { ca_pem: "not pem" };
        assert!(build(&cluster(), &bad).is_err());
        let odd = Cluster {
            name: Some("a: b".into()),
            ..cluster()
        };
        assert!(build(&odd, &Credentials::NoTls)
            .unwrap()
            .contains("name: \"a: b\"\n"));
    }
}
