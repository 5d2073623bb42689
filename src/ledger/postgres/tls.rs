//! TLS to the ledger server, as libpq's `sslmode` asks (rustls with ring:
//! no system OpenSSL needed).
//!
//! - `disable`: plain.
//! - `prefer` (the default): encrypted when the server offers it, the
//!   certificate not checked (libpq's meaning); plain otherwise.
//! - `require`: encrypted or nothing; the certificate checked against the
//!   root certificates when a root file exists (`sslrootcert`, default
//!   `~/.postgresql/root.crt`), as libpq does.
//! - `verify-ca`: encrypted, the certificate chained to a root certificate.
//! - `verify-full`: that, and the certificate names the host.

use std::path::PathBuf;
use std::sync::Arc;

use postgres::Client;
use postgres::config::SslMode as DriverMode;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

use super::url::{SslMode, Url};
use crate::error::{Error, Result};

fn unusable(what: String) -> Error {
    Error::DbTlsUnusable { detail: what }
}

/// Connect with the TLS `url.sslmode` asks for. The outer error is a TLS
/// setting that cannot be used; the inner one the driver's.
pub fn connect(
    cfg: &mut postgres::Config,
    url: &Url,
) -> Result<std::result::Result<Client, postgres::Error>> {
    if url.sslmode == SslMode::Disable {
        cfg.ssl_mode(DriverMode::Disable);
        return Ok(cfg.connect(postgres::NoTls));
    }
    if url.is_socket() {
        // libpq never encrypts a Unix socket.
        cfg.ssl_mode(DriverMode::Disable);
        return Ok(cfg.connect(postgres::NoTls));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = root_file(url);
    let verifier: Arc<dyn ServerCertVerifier> = match (url.sslmode, roots) {
        (SslMode::Prefer, _) | (SslMode::Require, None) => Arc::new(Unchecked(provider.clone())),
        (mode, roots) => {
            let file = roots.ok_or_else(|| {
                unusable(format!(
                    "sslmode {} (the default for a TCP host) needs root certificates: give sslrootcert=FILE or put them in ~/.postgresql/root.crt; only on a network you trust, turn TLS off explicitly with sslmode=disable",
                    if mode == SslMode::VerifyFull {
                        "verify-full"
                    } else {
                        "verify-ca"
                    }
                ))
            })?;
            let mut store = RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(&file)
                .map_err(|e| unusable(format!("{}: {e}", file.display())))?;
            for c in certs {
                let c = c.map_err(|e| unusable(format!("{}: {e}", file.display())))?;
                store
                    .add(c)
                    .map_err(|e| unusable(format!("{}: {e}", file.display())))?;
            }
            let chain =
                WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider.clone())
                    .build()
                    .map_err(|e| unusable(format!("{}: {e}", file.display())))?;
            if mode == SslMode::VerifyFull {
                chain as Arc<dyn ServerCertVerifier>
            } else {
                Arc::new(ChainOnly(chain))
            }
        }
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| unusable(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    cfg.ssl_mode(if url.sslmode == SslMode::Prefer {
        DriverMode::Prefer
    } else {
        DriverMode::Require
    });
    Ok(cfg.connect(tokio_postgres_rustls::MakeRustlsConnect::new(config)))
}

/// The root certificates' file: `sslrootcert`, else `~/.postgresql/root.crt`
/// when it exists.
fn root_file(url: &Url) -> Option<PathBuf> {
    if let Some(f) = &url.sslrootcert {
        return Some(f.clone());
    }
    let f = PathBuf::from(std::env::var_os("HOME")?).join(".postgresql/root.crt");
    f.exists().then_some(f)
}

/// Encryption without authentication (`prefer`, `require` without roots).
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
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
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
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

/// `verify-ca`: the chain checked, the name not.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}
