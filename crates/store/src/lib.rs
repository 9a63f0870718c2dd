//! # recordwell-store
//!
//! Everything Recordwell keeps: organisations, people and their roles, sessions, records and
//! their versions, family comments, API tokens and the audit log.
//!
//! One set of portable SQL serves both databases through [`sqlx::Any`]: SQLite (the zero-set-up
//! default, one file) and PostgreSQL (several servers behind a load balancer). The schema is
//! written twice, in `migrations/sqlite` and `migrations/postgres`, with the same tables and
//! columns; the integration tests run every query on both. Portable means: `$1`-style
//! parameters, `RETURNING id`, integers as `i64` (`BIGINT` on PostgreSQL), times as Unix seconds,
//! flags as 0/1.
//!
//! Each module is one thing the platform keeps ([`records`], [`sessions`], …); functions take
//! the [`Store`] and return plain structs, so the web crate never writes SQL.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod attendance;
pub mod audit;
pub mod boards;
pub mod cohorts;
pub mod comments;
pub mod error;
pub mod examples;
pub mod invitations;
pub mod jobs;
pub mod learning;
pub mod letters;
pub mod limits;
pub mod orgs;
pub mod plans;
pub mod postbox;
pub mod programmes;
pub mod records;
pub mod reflections;
pub mod resets;
pub mod reviews;
pub mod scratch;
pub mod series;
pub mod sessions;
pub mod tokens;
pub mod users;

pub use error::StoreError;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One SQLite file (the default).
    Sqlite,
    /// A PostgreSQL server, shared by several Recordwell servers.
    Postgres,
}

/// A connection pool and the backend behind it. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// The result type of every query.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://…`) and applies pending migrations.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let options = AnyConnectOptions::from_str(url).map_err(|e| StoreError::connect(url, e))?;
        let pool = pool_options(backend).connect_with(options).await.map_err(|e| StoreError::connect(url, e))?;
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    /// Opens (creating if needed) the SQLite file `recordwell.db` in `dir`.
    pub async fn open_sqlite_dir(dir: &Path) -> Result<Store> {
        Store::open(&sqlite_url(&dir.join("recordwell.db"))).await
    }

    /// Applies every migration not yet applied. Safe to run from several servers at once: sqlx
    /// takes an advisory lock on PostgreSQL.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator.run(&self.pool).await.map_err(StoreError::Migrate)
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for queries in this crate.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes the pool, waiting for connections in use to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A consistent online copy of an SQLite database, written to `dest` (`VACUUM INTO`).
    pub async fn backup_sqlite(&self, dest: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Unsupported(
                "recordwell backup copies SQLite databases; for PostgreSQL use pg_dump (see docs/deployment.md)",
            ));
        }
        if dest.exists() {
            return Err(StoreError::Unsupported("the backup file already exists; choose a new name"));
        }
        let dest = dest.to_str().ok_or(StoreError::Unsupported("the backup path must be valid UTF-8"))?;
        sqlx::query("VACUUM INTO $1").bind(dest).execute(&self.pool).await?;
        Ok(())
    }
}

/// An SQLite URL for `path` that creates the file when it does not exist.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

fn backend_of(url: &str) -> Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::Unsupported("the database URL must start with sqlite:// or postgres://"))
    }
}

fn pool_options(backend: Backend) -> AnyPoolOptions {
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
    match backend {
        // WAL lets readers go on while one writer writes; the busy timeout makes a second writer
        // wait rather than fail.
        Backend::Sqlite => options.max_connections(8).after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;")
                    .await?;
                Ok(())
            })
        }),
        Backend::Postgres => options.max_connections(16),
    }
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
