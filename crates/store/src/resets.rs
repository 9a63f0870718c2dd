//! Password resets by emailed link: single use, short-lived.

use crate::{Result, Store, now};

/// Stores a reset token hash for a user.
pub async fn create(store: &Store, token_hash: &str, user_id: i64, ttl_secs: i64) -> Result<()> {
    let at = now();
    sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(at)
        .bind(at + ttl_secs)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// The user a live reset token belongs to.
pub async fn find_open(store: &Store, token_hash: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(store.pool())
    .await?)
}

/// Uses a token up, with every other open link of the same account (a new password makes the
/// older links pointless). False, changing nothing, when the token was already used or has
/// expired: the check and the use are one statement, so of two parallel uses exactly one wins.
pub async fn mark_used(store: &Store, token_hash: &str) -> Result<bool> {
    let at = now();
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id",
    )
    .bind(at)
    .bind(token_hash)
    .fetch_optional(store.pool())
    .await?;
    let Some(user) = user else { return Ok(false) };
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(at)
        .bind(user)
        .execute(store.pool())
        .await?;
    Ok(true)
}
