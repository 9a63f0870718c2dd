//! Revocable per-organisation API tokens for other systems (case management systems, scripts).
//! Only the token's hash is kept; the token itself is shown once, when it is made.

use crate::{Result, Store, now};
use serde::Serialize;

/// A token as administrators see it (never the secret).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ApiToken {
    /// Id.
    pub id: i64,
    /// What it is for ("Case management sync").
    pub name: String,
    /// Who made it.
    pub created_by: i64,
    /// When (Unix seconds).
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
    /// When it was last used.
    pub last_used_at: Option<i64>,
}

/// Stores a new token.
pub async fn create(store: &Store, org_id: i64, name: &str, token_hash: &str, by: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO api_tokens (org_id, name, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(org_id)
    .bind(name)
    .bind(token_hash)
    .bind(by)
    .bind(now())
    .fetch_one(store.pool())
    .await?)
}

/// The (token id, organisation, creator) of a live token, marking it used.
pub async fn authenticate(store: &Store, token_hash: &str) -> Result<Option<(i64, i64, i64)>> {
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, org_id, created_by FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
            .bind(token_hash)
            .fetch_optional(store.pool())
            .await?;
    if let Some((id, _, _)) = row {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now())
            .bind(id)
            .execute(store.pool())
            .await?;
    }
    Ok(row)
}

/// An organisation's tokens, newest first.
pub async fn list(store: &Store, org_id: i64) -> Result<Vec<ApiToken>> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_by, created_at, revoked_at, last_used_at FROM api_tokens WHERE org_id = $1 ORDER BY id DESC",
    )
    .bind(org_id)
    .fetch_all(store.pool())
    .await?)
}

/// Revokes a token of this organisation. False when there is no such live token.
pub async fn revoke(store: &Store, org_id: i64, id: i64) -> Result<bool> {
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL")
            .bind(now())
            .bind(id)
            .bind(org_id)
            .execute(store.pool())
            .await?;
    Ok(done.rows_affected() == 1)
}
