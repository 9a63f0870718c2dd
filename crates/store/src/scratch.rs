//! Scratch databases for tests: each test run gets its own fresh database, SQLite in a temporary
//! directory or a new PostgreSQL database on the server at `RECORDWELL_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/test`), dropped afterwards.

use crate::{Result, StoreError};
use sqlx::AnyConnection;
use sqlx::Connection;

/// The PostgreSQL server tests use.
pub fn test_postgres_url() -> String {
    std::env::var("RECORDWELL_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A fresh PostgreSQL database; dropped by [`ScratchPostgres::drop_database`].
#[derive(Debug)]
pub struct ScratchPostgres {
    admin_url: String,
    name: String,
    /// URL of the new database.
    pub url: String,
}

impl ScratchPostgres {
    /// Creates a database with a unique name on the test server.
    pub async fn create() -> Result<ScratchPostgres> {
        sqlx::any::install_default_drivers();
        let admin_url = test_postgres_url();
        let mut buf = [0u8; 6];
        getrandom::fill(&mut buf).map_err(|_| StoreError::Unsupported("no randomness available"))?;
        let name = format!("recordwell_test_{}", buf.iter().map(|b| format!("{b:02x}")).collect::<String>());
        let mut conn = AnyConnection::connect(&admin_url).await.map_err(|e| StoreError::connect(&admin_url, e))?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await?;
        conn.close().await?;
        let url = match admin_url.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => format!("{admin_url}/{name}"),
        };
        Ok(ScratchPostgres { admin_url, name, url })
    }

    /// Drops the database (connections to it must be closed first).
    pub async fn drop_database(self) -> Result<()> {
        let mut conn = AnyConnection::connect(&self.admin_url).await?;
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await?;
        conn.close().await?;
        Ok(())
    }
}
