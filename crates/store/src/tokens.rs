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

/// Who a live token acts for: its maker, in its organisation, with their role there.
#[derive(Debug, Clone)]
pub struct TokenCaller {
    /// The token's id.
    pub token_id: i64,
    /// Organisation.
    pub org_id: i64,
    /// Its name.
    pub org_name: String,
    /// The maker.
    pub user_id: i64,
    /// Their name.
    pub user_name: String,
    /// Their email.
    pub email: String,
    /// Their role in the organisation.
    pub role: crate::orgs::Role,
}

/// How stale `last_used_at` may get before it is written again: a busy caller should not cost
/// a database write per request (on SQLite, writes queue).
const LAST_USED_RESOLUTION_SECS: i64 = 60;

/// The caller behind a live token whose maker is still an active member of its organisation, in
/// one query; the token's `last_used_at` is refreshed when it is more than a minute old.
/// Revoking a token or switching its maker off takes effect on the very next request.
pub async fn authenticate(store: &Store, token_hash: &str) -> Result<Option<TokenCaller>> {
    type Row = (i64, i64, String, i64, String, String, String, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.id, t.org_id, o.name, u.id, u.name, u.email, m.role, t.last_used_at FROM api_tokens t \
         JOIN organisations o ON o.id = t.org_id JOIN users u ON u.id = t.created_by \
         JOIN memberships m ON m.user_id = t.created_by AND m.org_id = t.org_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0",
    )
    .bind(token_hash)
    .fetch_optional(store.pool())
    .await?;
    let Some((token_id, org_id, org_name, user_id, user_name, email, role, last_used)) = row else { return Ok(None) };
    let at = now();
    if last_used.is_none_or(|t| at - t > LAST_USED_RESOLUTION_SECS) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(at)
            .bind(token_id)
            .execute(store.pool())
            .await?;
    }
    let Some(role) = crate::orgs::Role::parse(&role) else { return Ok(None) };
    Ok(Some(TokenCaller { token_id, org_id, org_name, user_id, user_name, email, role }))
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
