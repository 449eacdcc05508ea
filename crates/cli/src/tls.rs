//! Serving over HTTPS directly, with rustls: for deployments without a proxy in front, and for
//! verifiers that fetch status lists only over https.

use crate::CliError;
use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

fn bad(path: &Path, why: impl std::fmt::Display) -> CliError {
    CliError::Usage(format!("cannot use {} for TLS: {why}", path.display()))
}

/// A TLS acceptor from a PEM certificate chain and its PEM private key.
pub fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor, CliError> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| bad(cert, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| bad(cert, e))?;
    if chain.is_empty() {
        return Err(bad(cert, "it holds no certificate"));
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| bad(key, e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(cert, e))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| bad(cert, e))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves `app` over TLS until `shutdown` completes; each connection's client address reaches
/// the handlers as axum's `ConnectInfo`, as it does without TLS.
pub async fn serve(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), CliError> {
    tokio::pin!(shutdown);
    loop {
        let (tcp, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    tracing::warn!(error = %e, "a connection could not be accepted");
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let acceptor = acceptor.clone();
        let app = app
            .clone()
            .layer(axum::Extension(ConnectInfo::<SocketAddr>(addr)));
        tokio::spawn(async move {
            let stream = match acceptor.accept(tcp).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::debug!(error = %e, "a TLS handshake failed");
                    return;
                }
            };
            let service = TowerToHyperService::new(app);
            if let Err(e) = Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                tracing::debug!(error = %e, "a TLS connection ended with an error");
            }
        });
    }
}
