//! What can go wrong talking to the database.

/// A store error. Messages name the problem and what to do; they never contain record text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached at start.
    #[error(
        "could not connect to the database ({target}): {source}. Check that it is running and that the URL is right"
    )]
    Connect {
        /// The URL without any password.
        target: String,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed.
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    /// Something this store cannot do.
    #[error("{0}")]
    Unsupported(&'static str),
}

impl StoreError {
    pub(crate) fn connect(url: &str, source: sqlx::Error) -> StoreError {
        StoreError::Connect { target: without_password(url), source }
    }

    /// Whether the error is a unique-key violation (an email already used, say).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Query(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, so logs never hold secrets.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((auth, host)) = rest.split_once('@') else { return url.to_owned() };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_hidden_in_connection_errors() {
        assert_eq!(super::without_password("postgres://a:b@h/db"), "postgres://a:***@h/db");
        assert_eq!(super::without_password("sqlite://x.db"), "sqlite://x.db");
    }
}
