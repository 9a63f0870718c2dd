//! Sign-in throttling: failed attempts are counted per key (an email address, a client address)
//! in the database, so every server process sees the same count.

use crate::{Result, Store, now};

/// Records a failed attempt under `key`.
pub async fn record_failure(store: &Store, key: &str) -> Result<()> {
    sqlx::query("INSERT INTO sign_in_failures (throttle_key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(now())
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Failed attempts under `key` in the last `window_secs`.
pub async fn recent_failures(store: &Store, key: &str, window_secs: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key = $1 AND at > $2")
        .bind(key)
        .bind(now() - window_secs)
        .fetch_one(store.pool())
        .await?)
}

/// Forgets failures under `key` (after a successful sign-in).
pub async fn clear(store: &Store, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE throttle_key = $1").bind(key).execute(store.pool()).await?;
    Ok(())
}

/// Forgets failures older than `window_secs`; returns how many.
pub async fn purge_older_than(store: &Store, window_secs: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
        .bind(now() - window_secs)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected())
}
