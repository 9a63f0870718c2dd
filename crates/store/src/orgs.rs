//! Organisations (a deployment can host several), their services, and the roles people hold.

use crate::{Result, Store, now};
use serde::Serialize;

/// An organisation: a council or partnership using Recordwell.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Organisation {
    /// Id.
    pub id: i64,
    /// Display name.
    pub name: String,
}

/// A service within an organisation (children and families, adult services, …).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Service {
    /// Id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// One of [`SERVICE_KINDS`].
    pub kind: String,
}

/// The kinds of service Recordwell knows, as (key, label).
pub const SERVICE_KINDS: [(&str, &str); 6] = [
    ("children-families", "Children and families"),
    ("adult", "Adult services"),
    ("residential", "Residential care"),
    ("health", "Health"),
    ("justice", "Justice"),
    ("other", "Other"),
];

/// What a person may do in an organisation. Ordered: each role's rights are listed in
/// `crates/web/src/access.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes records, takes part in training.
    Practitioner,
    /// Receives post-box summaries; reads records shared with the organisation.
    Manager,
    /// Runs training programmes.
    Facilitator,
    /// Manages people, tokens and the audit log.
    Administrator,
}

impl Role {
    /// Every role, for forms and test matrices.
    pub const ALL: [Role; 4] = [Role::Practitioner, Role::Manager, Role::Facilitator, Role::Administrator];

    /// The stored key.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::Manager => "manager",
            Role::Facilitator => "facilitator",
            Role::Administrator => "administrator",
        }
    }

    /// Parses a stored key.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Practitioner => "Practitioner",
            Role::Manager => "Manager",
            Role::Facilitator => "Facilitator",
            Role::Administrator => "Administrator",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Creates an organisation.
pub async fn create(store: &Store, name: &str) -> Result<i64> {
    let id = sqlx::query_scalar("INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(now())
        .fetch_one(store.pool())
        .await?;
    Ok(id)
}

/// How many organisations exist (zero means a new instance, which offers set-up).
pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organisations").fetch_one(store.pool()).await?)
}

/// One organisation.
pub async fn get(store: &Store, id: i64) -> Result<Option<Organisation>> {
    Ok(sqlx::query_as("SELECT id, name FROM organisations WHERE id = $1").bind(id).fetch_optional(store.pool()).await?)
}

/// Every organisation, by id.
pub async fn list(store: &Store) -> Result<Vec<Organisation>> {
    Ok(sqlx::query_as("SELECT id, name FROM organisations ORDER BY id").fetch_all(store.pool()).await?)
}

/// Adds a service.
pub async fn add_service(store: &Store, org_id: i64, name: &str, kind: &str) -> Result<i64> {
    let id = sqlx::query_scalar("INSERT INTO services (org_id, name, kind) VALUES ($1, $2, $3) RETURNING id")
        .bind(org_id)
        .bind(name)
        .bind(kind)
        .fetch_one(store.pool())
        .await?;
    Ok(id)
}

/// Renames a service or changes its kind; false if the organisation has no such service.
pub async fn update_service(store: &Store, org_id: i64, id: i64, name: &str, kind: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE services SET name = $1, kind = $2 WHERE org_id = $3 AND id = $4")
        .bind(name)
        .bind(kind)
        .bind(org_id)
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a service: the people in it (and invitations naming it) are left in no service, for
/// the administrator to place again. False if the organisation has no such service.
pub async fn remove_service(store: &Store, org_id: i64, id: i64) -> Result<bool> {
    let mut tx = store.pool().begin().await?;
    let ours: Option<i64> = sqlx::query_scalar("SELECT id FROM services WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if ours.is_none() {
        return Ok(false);
    }
    for sql in [
        "UPDATE memberships SET service_id = NULL WHERE service_id = $1",
        "UPDATE invitations SET service_id = NULL WHERE service_id = $1",
        "DELETE FROM services WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The services of an organisation, by name.
pub async fn services(store: &Store, org_id: i64) -> Result<Vec<Service>> {
    Ok(sqlx::query_as("SELECT id, name, kind FROM services WHERE org_id = $1 ORDER BY name")
        .bind(org_id)
        .fetch_all(store.pool())
        .await?)
}
