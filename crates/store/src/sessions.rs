//! Sign-in sessions, kept in the database so that any server process can serve any user.
//!
//! The browser holds a random token; the database holds only its SHA-256 hash, so a copy of the
//! database does not let anyone sign in.

use crate::orgs::Role;
use crate::{Result, Store, now};

/// A live session with the person and role behind it.
#[derive(Debug, Clone)]
pub struct Session {
    /// The hash of the cookie token (the row's key).
    pub id_hash: String,
    /// Who.
    pub user_id: i64,
    /// Their name.
    pub user_name: String,
    /// Their email.
    pub email: String,
    /// The organisation they are working in.
    pub org_id: i64,
    /// Its name.
    pub org_name: String,
    /// Their role there.
    pub role: Role,
    /// The token forms must carry (CSRF protection).
    pub csrf_token: String,
    /// When the session ends (Unix seconds).
    pub expires_at: i64,
}

/// Stores a new session.
pub async fn create(store: &Store, id_hash: &str, user_id: i64, org_id: i64, csrf: &str, ttl_secs: i64) -> Result<()> {
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, org_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(org_id)
    .bind(csrf)
    .bind(at)
    .bind(at + ttl_secs)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// The live session with this hash, if it has not expired and its user is still an active
/// member of its organisation.
pub async fn find(store: &Store, id_hash: &str) -> Result<Option<Session>> {
    type Row = (String, i64, String, String, i64, String, String, String, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT s.id_hash, u.id, u.name, u.email, o.id, o.name, m.role, s.csrf_token, s.expires_at \
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = s.org_id \
         JOIN memberships m ON m.user_id = s.user_id AND m.org_id = s.org_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
    )
    .bind(id_hash)
    .bind(now())
    .fetch_optional(store.pool())
    .await?;
    Ok(row.and_then(|(id_hash, user_id, user_name, email, org_id, org_name, role, csrf_token, expires_at)| {
        Some(Session {
            id_hash,
            user_id,
            user_name,
            email,
            org_id,
            org_name,
            role: Role::parse(&role)?,
            csrf_token,
            expires_at,
        })
    }))
}

/// Ends one session (sign out).
pub async fn delete(store: &Store, id_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(store.pool()).await?;
    Ok(())
}

/// Ends every session of a user (password changed, account switched off).
pub async fn delete_for_user(store: &Store, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(store.pool()).await?;
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired(store: &Store) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now()).execute(store.pool()).await?;
    Ok(done.rows_affected())
}
