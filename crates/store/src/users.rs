//! People who sign in, and their membership (role, service) of organisations.

use crate::orgs::Role;
use crate::{Result, Store, now};
use serde::Serialize;

/// A person with an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Email address, lower-cased.
    pub email: String,
    /// Name shown to colleagues.
    pub name: String,
    /// The argon2id hash, or none until an invitation is accepted.
    pub password_hash: Option<String>,
    /// 1 when an administrator has switched the account off.
    pub disabled: i64,
}

/// A person as an organisation's administrators see them.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// User id.
    pub id: i64,
    /// Email address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role in this organisation.
    pub role: Role,
    /// Service id, if any.
    pub service_id: Option<i64>,
    /// Service name, if any.
    pub service: Option<String>,
    /// Whether the account is switched off.
    pub disabled: bool,
}

/// Normalises an email address for storage and lookup.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates a user (email normalised). Fails with a unique violation when the email is taken.
pub async fn create(store: &Store, email: &str, name: &str, password_hash: Option<&str>) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO users (email, name, password_hash, disabled, created_at) VALUES ($1, $2, $3, 0, $4) RETURNING id",
    )
    .bind(normalise_email(email))
    .bind(name)
    .bind(password_hash)
    .bind(now())
    .fetch_one(store.pool())
    .await?;
    Ok(id)
}

/// Finds a user by email.
pub async fn by_email(store: &Store, email: &str) -> Result<Option<User>> {
    Ok(sqlx::query_as("SELECT id, email, name, password_hash, disabled FROM users WHERE email = $1")
        .bind(normalise_email(email))
        .fetch_optional(store.pool())
        .await?)
}

/// Finds a user by id.
pub async fn by_id(store: &Store, id: i64) -> Result<Option<User>> {
    Ok(sqlx::query_as("SELECT id, email, name, password_hash, disabled FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await?)
}

/// Sets a user's password hash (and name, when accepting an invitation).
pub async fn set_password(store: &Store, id: i64, hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(id).execute(store.pool()).await?;
    Ok(())
}

/// Renames a user.
pub async fn set_name(store: &Store, id: i64, name: &str) -> Result<()> {
    sqlx::query("UPDATE users SET name = $1 WHERE id = $2").bind(name).bind(id).execute(store.pool()).await?;
    Ok(())
}

/// Switches an account off or on.
pub async fn set_disabled(store: &Store, id: i64, disabled: bool) -> Result<()> {
    sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Gives a user a role in an organisation (replacing any role they had there).
pub async fn set_membership(
    store: &Store,
    user_id: i64,
    org_id: i64,
    role: Role,
    service_id: Option<i64>,
) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND org_id = $2")
        .bind(user_id)
        .bind(org_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO memberships (user_id, org_id, role, service_id) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(org_id)
        .bind(role.as_str())
        .bind(service_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Places a member in a service, only if they are in none yet (their administrator may have
/// placed them already, and knows better). False when nothing changed.
pub async fn set_service_if_none(store: &Store, user_id: i64, org_id: i64, service_id: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE memberships SET service_id = $1 WHERE user_id = $2 AND org_id = $3 AND service_id IS NULL \
         AND EXISTS (SELECT 1 FROM services WHERE id = $1 AND org_id = $3)",
    )
    .bind(service_id)
    .bind(user_id)
    .bind(org_id)
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A user's role in an organisation, if they are a member.
pub async fn role_in(store: &Store, user_id: i64, org_id: i64) -> Result<Option<Role>> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM memberships WHERE user_id = $1 AND org_id = $2")
        .bind(user_id)
        .bind(org_id)
        .fetch_optional(store.pool())
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// The organisations a user belongs to, as (org id, role), oldest membership first.
pub async fn memberships(store: &Store, user_id: i64) -> Result<Vec<(i64, Role)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT org_id, role FROM memberships WHERE user_id = $1 ORDER BY org_id")
            .bind(user_id)
            .fetch_all(store.pool())
            .await?;
    Ok(rows.into_iter().filter_map(|(o, r)| Some((o, Role::parse(&r)?))).collect())
}

/// Everyone in an organisation, by name.
pub async fn members(store: &Store, org_id: i64) -> Result<Vec<Member>> {
    type Row = (i64, String, String, String, Option<i64>, Option<String>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, m.role, m.service_id, s.name, u.disabled FROM memberships m \
         JOIN users u ON u.id = m.user_id LEFT JOIN services s ON s.id = m.service_id \
         WHERE m.org_id = $1 ORDER BY u.name, u.id",
    )
    .bind(org_id)
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email, name, role, service_id, service, disabled)| {
            Some(Member { id, email, name, role: Role::parse(&role)?, service_id, service, disabled: disabled != 0 })
        })
        .collect())
}
