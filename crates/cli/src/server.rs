//! Serving the platform, with a graceful stop on SIGINT and SIGTERM.

use crate::{CliError, ServeArgs, demo, open};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use wanqiao_store::{Store, redact_url};
use wanqiao_web::{AppState, AuthConfig, Clock, Issuing, SystemClock};

/// Prepares the database: schema, then the demo data when the register is empty and demo
/// data is wanted. Returns whether the demo data was loaded.
pub async fn prepare(
    store: &Store,
    demo_wanted: bool,
    issuing: &Issuing,
) -> Result<bool, CliError> {
    if demo_wanted && store.is_empty().await? {
        demo::load(store, issuing).await?;
        return Ok(true);
    }
    Ok(false)
}

pub async fn serve(args: ServeArgs) -> Result<(), CliError> {
    // A TLS mistake is found before anything is written.
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(crate::tls::acceptor(cert, key)?),
        (None, None) => None,
        _ => {
            return Err(CliError::Usage(
                "give both --tls-cert and --tls-key, or neither".into(),
            ));
        }
    };
    let suite =
        wanqiao_credentials::proof::Cryptosuite::parse(&args.cryptosuite).map_err(|_| {
            CliError::Usage("--cryptosuite is eddsa-rdfc-2022 or eddsa-jcs-2022".into())
        })?;
    let issuing = crate::keys::issuing(&args.db, !args.no_demo, args.public_url.as_deref())?
        .with_cryptosuite(suite);
    let store = open(&args.db.database_url).await?;
    let loaded = prepare(&store, !args.no_demo, &issuing).await?;
    let listener = TcpListener::bind(args.listen)
        .await
        .map_err(|source| CliError::Bind {
            addr: args.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(CliError::Serve)?;
    println!(
        "Wanqiao (湾桥) is running on {}.",
        redact_url(&args.db.database_url)
    );
    if loaded {
        println!("The database was empty, so the demo data was loaded.");
    }
    if store.has_event(demo::LOADED).await? {
        print!("{}", demo::logins());
    }
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!("Open {scheme}://{addr}/ in a browser. Press Ctrl+C to stop.");
    let auth = AuthConfig::for_public_url(args.public_url.as_deref());
    let state = AppState::with(store.clone(), auth, Arc::new(SystemClock)).with_issuing(issuing);
    run(listener, state, tls, shutdown_signal()).await?;
    store.close().await;
    println!("Wanqiao stopped.");
    Ok(())
}

/// Serves on `listener` until `shutdown` completes, letting requests in flight finish.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), CliError> {
    // Overdue decisions get their agreement's trigger within a minute, whoever is online.
    let sweeper = tokio::spawn(wanqiao_web::sweep_every_minute(state.clone()));
    let app = wanqiao_web::app(state);
    let served = match tls {
        Some(acceptor) => crate::tls::serve(listener, acceptor, app, shutdown).await,
        None => axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(CliError::Serve),
    };
    sweeper.abort();
    served
}

/// A server started in the background, for tests and embedding.
pub struct Running {
    pub addr: SocketAddr,
    pub store: Store,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), CliError>>,
}

impl Running {
    /// Starts the platform on `listen` (port 0 picks a free port) over `database_url`.
    pub async fn start(
        database_url: &str,
        listen: SocketAddr,
        demo: bool,
    ) -> Result<Running, CliError> {
        let (auth, clock) = (AuthConfig::default(), Arc::new(SystemClock));
        Running::start_with(database_url, listen, demo, auth, clock).await
    }

    /// The same, with sign-in settings and a clock of the caller's choosing.
    pub async fn start_with(
        database_url: &str,
        listen: SocketAddr,
        demo: bool,
        auth: AuthConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Running, CliError> {
        let issuing = Issuing::ephemeral();
        Running::start_with_issuing(database_url, listen, demo, auth, clock, issuing).await
    }

    /// The same, issuing certificates with `issuing` (a master key and public URL).
    pub async fn start_with_issuing(
        database_url: &str,
        listen: SocketAddr,
        demo: bool,
        auth: AuthConfig,
        clock: Arc<dyn Clock>,
        issuing: Issuing,
    ) -> Result<Running, CliError> {
        let state = |store, issuing| AppState::with(store, auth, clock).with_issuing(issuing);
        Running::launch(database_url, listen, demo, issuing, state).await
    }

    /// For tests: the platform answering every request with `X-Query-Count`, the number of
    /// SQL statements it ran (see [`AppState::query_count_header`]).
    pub async fn start_counting_queries(
        database_url: &str,
        listen: SocketAddr,
        demo: bool,
    ) -> Result<Running, CliError> {
        let state = |store, issuing| {
            AppState::with(store, AuthConfig::default(), Arc::new(SystemClock))
                .with_issuing(issuing)
                .with_query_count_header()
        };
        Running::launch(database_url, listen, demo, Issuing::ephemeral(), state).await
    }

    async fn launch(
        database_url: &str,
        listen: SocketAddr,
        demo: bool,
        issuing: Issuing,
        state: impl FnOnce(Store, Issuing) -> AppState,
    ) -> Result<Running, CliError> {
        let store = open(database_url).await?;
        prepare(&store, demo, &issuing).await?;
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|source| CliError::Bind {
                addr: listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(CliError::Serve)?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        let state = state(store.clone(), issuing);
        let task = tokio::spawn(run(listener, state, None, async {
            let _ = rx.await;
        }));
        Ok(Running {
            addr,
            store,
            stop: Some(tx),
            task,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Stops gracefully and waits for the server to finish.
    pub async fn stop(mut self) -> Result<(), CliError> {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let result = (&mut self.task)
            .await
            .unwrap_or_else(|e| Err(CliError::Serve(std::io::Error::other(e))));
        self.store.close().await;
        result
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl+C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("stopping: finishing requests in flight");
}
