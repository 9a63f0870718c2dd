//! Building the app and serving it.

use crate::auth::{csrf, session};
use crate::mail::Mailer;
use crate::metrics::{self, Metrics};
use crate::settings::Settings;
use crate::state::AppState;
use crate::{access, api, pages, programme, security};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use recordwell_store::Store;
use std::io::Write;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] recordwell_store::StoreError),
    /// The address could not be listened on.
    #[error("could not listen on {addr}: {source}. Is another program using it? Choose another with --listen")]
    Listen {
        /// The address.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// A setting is wrong.
    #[error("{0}")]
    Settings(String),
    /// Serving failed.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// Opens the database named by the settings (SQLite in `data_dir` by default).
pub async fn open_store(settings: &Settings) -> Result<Store, ServeError> {
    match &settings.database_url {
        Some(url) => Ok(Store::open(url).await?),
        None => {
            std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
                ServeError::Settings(format!(
                    "could not create the data directory {}: {e}",
                    settings.data_dir.display()
                ))
            })?;
            Ok(Store::open_sqlite_dir(&settings.data_dir).await?)
        }
    }
}

/// Builds the state for `settings` on an open store.
pub fn state(store: Store, settings: Settings, public_url: String) -> Result<AppState, ServeError> {
    let mailer = Mailer::new(settings.smtp.as_ref()).map_err(ServeError::Settings)?;
    let check_config = match &settings.check_config {
        Some(path) => recordwell_check::Config::from_path(path)
            .map_err(|e| ServeError::Settings(format!("check_config {}: {e}", path.display())))?,
        None => recordwell_check::Config::default(),
    };
    Ok(AppState {
        store,
        mailer: Arc::new(mailer),
        settings: Arc::new(settings),
        metrics: Arc::new(Metrics::default()),
        check_config: Arc::new(check_config),
        public_url: public_url.trim_end_matches('/').into(),
        clock: crate::clock::Clock::system(),
        jobs_wake: Arc::new(tokio::sync::Notify::new()),
        job_handlers: Arc::new(job_handlers()),
    })
}

/// Every kind of job, registered by the part of the platform that schedules it.
fn job_handlers() -> crate::jobs::Handlers {
    let mut handlers = crate::jobs::Handlers::default();
    programme::register_jobs(&mut handlers);
    handlers
}

/// The whole app: every route in its access group, then the shared layers.
pub fn app(state: AppState) -> Router {
    let members = pages::member_routes().merge(programme::routes()).route_layer(from_fn(access::require_member));
    let admins = pages::admin_routes().route_layer(from_fn(access::require_administrator));
    let max_body = state.settings.max_body_bytes;
    Router::new()
        .merge(pages::public_routes())
        .merge(members)
        .merge(admins)
        .nest("/api/v1", api::routes())
        .route("/metrics", get(metrics::endpoint))
        .fallback(pages::not_found)
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(from_fn(crate::error::framed))
        .layer(from_fn_with_state(state.clone(), session::load_visitor))
        .layer(from_fn_with_state(state.public_url.clone(), security::headers))
        .layer(from_fn_with_state(state.metrics.clone(), metrics::track))
        // Enforced where bodies are read (extractors, the CSRF check), so that the answer is a
        // page or JSON saying what to do rather than a bare status.
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// Runs the server until Ctrl-C or SIGTERM, then finishes requests in flight and closes the
/// database. Prints `Listening on http://…` once ready (tests and scripts wait for that line).
pub async fn serve(settings: Settings) -> Result<(), ServeError> {
    let store = open_store(&settings).await?;
    if settings.demo {
        crate::demo::seed(&store).await.map_err(|e| ServeError::Settings(format!("could not seed the demo: {e}")))?;
    }
    let listener = TcpListener::bind(&settings.listen)
        .await
        .map_err(|source| ServeError::Listen { addr: settings.listen.clone(), source })?;
    let addr = listener.local_addr()?;
    let public_url = settings.public_url.clone().unwrap_or_else(|| format!("http://{addr}"));
    let state = state(store.clone(), settings, public_url)?;
    // The checker compiles its word lists on first use; do it now, not in someone's first check.
    let config = state.check_config.clone();
    tokio::task::spawn_blocking(move || {
        recordwell_check::check("Warm-up.", recordwell_check::RecordType::Contact, &config)
    });
    tokio::spawn(crate::jobs::runner(state.clone()));
    let app = app(state);
    tokio::spawn(housekeeping(store.clone()));
    let shutdown = shutdown_signal();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Listening on http://{addr}");
    let _ = out.flush();
    drop(out);
    tracing::info!(%addr, backend = ?store.backend(), "serving");
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Hourly: forgets expired sessions and the counts of limited actions whose windows are over. Safe on several servers at once
/// (each statement deletes what is due; a row deleted twice is simply not there the second time).
async fn housekeeping(store: Store) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let sessions = recordwell_store::sessions::purge_expired(&store).await;
        let limits = recordwell_store::limits::purge_older_than(&store, LONGEST_LIMIT_WINDOW_SECS).await;
        if let (Err(e), _) | (_, Err(e)) = (&sessions, &limits) {
            tracing::warn!(error = %e, "housekeeping failed; will try again in an hour");
        }
    }
}

/// Longer than any limited action's window (the longest, new API tokens, is a day).
const LONGEST_LIMIT_WINDOW_SECS: i64 = 2 * 86_400;

/// Waits for Ctrl-C or SIGTERM. The handlers are installed when this is called, not when the
/// future is first polled, so a signal sent the moment "Listening on" is printed is not missed
/// (and does not kill the process before requests in flight finish).
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        async move {
            match (term, int) {
                (Ok(mut term), Ok(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {},
                        _ = int.recv() => {},
                    }
                }
                _ => std::future::pending::<()>().await,
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
