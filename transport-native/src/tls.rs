//! rustls client configuration: system roots or a custom CA, client certificates, and an
//! explicit insecure mode.

use std::sync::Arc;

use ferrocloud::{Error, InvalidInput};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{ring, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::transport::NativeOptions;

fn bad(field: &'static str, reason: impl Into<String>) -> Error {
    InvalidInput::field(field, reason).into()
}

/// The crypto provider: the process-level default when the application installed one
/// (`CryptoProvider::install_default`, e.g. aws-lc-rs for its post-quantum key exchange),
/// else ring, this crate's own choice (no C toolchain or cmake needed to build it).
fn provider() -> Arc<CryptoProvider> {
    if let Some(installed) = CryptoProvider::get_default() {
        return installed.clone();
    }
    // rustls 0.23.48 deprecates `ring::default_provider` because ring has no post-quantum
    // key exchange; earlier 0.23 releases do not. Taking ring is deliberate here, so the
    // call is allowed (not `expect`ed: the lint does not fire before 0.23.48).
    #[allow(deprecated)]
    let ring = ring::default_provider();
    Arc::new(ring)
}

/// The rustls configuration `opts` describe.
pub(crate) fn client_config(opts: &NativeOptions) -> Result<ClientConfig, Error> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| bad("tls", e.to_string()))?;
    let builder = if opts.insecure {
        tracing::warn!("TLS certificate verification is OFF (insecure mode): any server can impersonate the cloud");
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerification(provider)))
    } else {
        builder.with_root_certificates(roots(opts)?)
    };
    let config = match (&opts.client_cert_pem, &opts.client_key_pem) {
        (Some(cert), Some(key)) => {
            let certs = CertificateDer::pem_slice_iter(cert)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| bad("cert", format!("not a PEM certificate: {e}")))?;
            let key = PrivateKeyDer::from_pem_slice(key)
                .map_err(|e| bad("key", format!("not a PEM private key: {e}")))?;
            builder
                .with_client_auth_cert(certs, key)
                .map_err(|e| bad("cert", e.to_string()))?
        }
        (None, None) => builder.with_no_client_auth(),
        _ => return Err(bad("cert", "a client certificate needs both cert and key")),
    };
    // hyper-rustls sets ALPN itself (h2, http/1.1).
    Ok(config)
}

fn roots(opts: &NativeOptions) -> Result<RootCertStore, Error> {
    let mut store = RootCertStore::empty();
    if let Some(pem) = &opts.cacert_pem {
        // A configured CA replaces the system roots, as OS_CACERT does everywhere else.
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert =
                cert.map_err(|e| bad("cacert", format!("not a PEM certificate bundle: {e}")))?;
            store.add(cert).map_err(|e| bad("cacert", e.to_string()))?;
            added += 1;
        }
        if added == 0 {
            return Err(bad("cacert", "the CA bundle holds no certificate"));
        }
        return Ok(store);
    }
    let native = rustls_native_certs::load_native_certs();
    let (added, _) = store.add_parsable_certificates(native.certs);
    if added == 0 {
        store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    Ok(store)
}

/// Accepts any certificate. Only reachable through `NativeOptions::insecure`.
#[derive(Debug)]
struct NoVerification(Arc<CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
