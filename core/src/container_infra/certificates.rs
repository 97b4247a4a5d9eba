//! Magnum certificates: the cluster's CA certificate, signing a client CSR with it (what a
//! kubeconfig needs, see [`kubeconfig`](super::kubeconfig)), and rotating the CA.
//!
//! ```no_run
//! # async fn demo<T: ferrocloud::Transport>(client: ferrocloud::Client<T>, csr_pem: String) -> Result<(), ferrocloud::Error> {
//! use ferrocloud::container_infra::certificates::{self, SignCertificate};
//! let magnum = client.container_infra();
//! let ca = magnum.call(&certificates::get_ca("k8s", None)).await?;
//! let signed = magnum
//!     .call(&certificates::sign(&SignCertificate { cluster_uuid: "746e779a".into(), csr: csr_pem }))
//!     .await?;
//! println!("CA:\n{}\nclient:\n{}", ca.pem, signed.pem);
//! magnum.call(&certificates::rotate_ca("k8s")).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Accepted, Link};
use crate::{path, query, InvalidInput, Op};

/// A certificate of a cluster: the CA ([`get_ca`]) or one Magnum signed ([`sign`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The cluster.
    #[serde(default)]
    pub cluster_uuid: String,
    /// The certificate, PEM.
    #[serde(default)]
    pub pem: String,
    /// The request that was signed ([`sign`] only).
    pub csr: Option<String>,
    /// Which CA ([`get_ca`] with a type).
    pub ca_cert_type: Option<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of [`sign`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SignCertificate {
    /// The cluster (uuid or name) whose CA signs.
    pub cluster_uuid: String,
    /// The certificate signing request, PEM (`-----BEGIN CERTIFICATE REQUEST-----`).
    pub csr: String,
}

impl SignCertificate {
    fn check(&self) -> Result<(), InvalidInput> {
        InvalidInput::require(
            !self.cluster_uuid.is_empty(),
            "cluster_uuid",
            "name the cluster whose CA signs",
        )
        .and(InvalidInput::require(
            self.csr.contains("-----BEGIN CERTIFICATE REQUEST-----")
                || self.csr.contains("-----BEGIN NEW CERTIFICATE REQUEST-----"),
            "csr",
            "a PEM certificate signing request",
        ))
    }
}

/// `GET /v1/certificates/{cluster}`: the cluster's CA certificate. `ca_cert_type` picks
/// another CA where the driver has several (`etcd`, `front_proxy`, …); `None` is the
/// Kubernetes API CA.
pub fn get_ca(cluster: &str, ca_cert_type: Option<&str>) -> Op<Certificate> {
    Op::get(path!("certificates/{}", cluster))
        .query(query!(ca_cert_type: ca_cert_type))
        .decode_body()
}

/// `POST /v1/certificates` (201): the CSR signed by the cluster's CA.
pub fn sign(request: &SignCertificate) -> Op<Certificate> {
    Op::post(path!("certificates"))
        .check(request.check())
        .json(request)
        .decode_body()
}

/// `PATCH /v1/certificates/{cluster}` (202): replaces the cluster's CA (and the
/// certificates it signed). Refused for clusters whose template disables TLS.
pub fn rotate_ca(cluster: &str) -> Op<Accepted> {
    Op::patch(path!("certificates/{}", cluster)).decode_body()
}
